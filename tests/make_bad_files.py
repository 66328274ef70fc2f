"""Write a corpus of awkward and unusable CSV files, each with what loading it must do.

Usable as a script (`python tests/make_bad_files.py OUTDIR`) and as a module: `make_corpus(directory)`
returns {case name: CaseSpec}. Every file derives from one plausible 156-week, 5-channel data set
(date,sales,tv_spend,radio_spend,digital_spend,print_spend,social_spend) drawn with a fixed seed,
so the files are byte-identical from run to run.
"""
from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

SEED = 20240601
N_WEEKS = 156
START = np.datetime64("2021-01-04")          # a Monday
SPEND = ("tv_spend", "radio_spend", "digital_spend", "print_spend", "social_spend")
CHANNELS = ("TV", "Radio", "Digital", "Print", "Social")


@dataclass(frozen=True)
class CaseSpec:
    """One corpus file and what loading it must do.

    kind "refuse": loading raises `error` ("DataError" or "ModelError") whose one-line message contains
    every string of `expect_message_parts`. kind "load": a Dataset whose warnings contain
    `expect_warning` (None: no particular warning) and, where given, `n_weeks`, `channels` and the sum
    of sales `sales_total`. `options` are `LoadOptions` keyword arguments.
    """

    name: str
    filename: str
    kind: Literal["refuse", "load"]
    expect_message_parts: tuple[str, ...] = ()
    expect_warning: str | None = None
    options: dict = field(default_factory=dict)
    n_weeks: int | None = None
    channels: tuple[str, ...] | None = None
    sales_total: float | None = None
    error: str = "DataError"

    def cli_args(self) -> list[str]:
        """The same options as command-line flags (--date, --target, --spend a,b, --controls, --dayfirst, --geo)."""
        args: list[str] = []
        for key, value in self.options.items():
            if key == "dayfirst":
                args += ["--dayfirst"] if value else []
            elif isinstance(value, (tuple, list)):
                args += [f"--{key}", ",".join(value)]
            else:
                args += [f"--{key}", str(value)]
        return args


# --- the base data set --------------------------------------------------------------------------

def _adstock(x: np.ndarray, decay: float) -> np.ndarray:
    out, carry = np.empty(len(x)), 0.0
    for i, value in enumerate(x):
        carry = value + decay * carry
        out[i] = carry
    return out


def base_columns(n: int = N_WEEKS, seed: int = SEED, channels: int = 5) -> dict[str, np.ndarray]:
    """Weekly sales and spend rounded to cents: trend, yearly season, adstocked media, noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    levels = [40_000, 12_000, 25_000, 6_000, 15_000]
    spend: dict[str, np.ndarray] = {}
    names = SPEND if channels == 5 else tuple(f"ch{j + 1:02d}_spend" for j in range(channels))
    for j, name in enumerate(names):
        level = levels[j % 5] * (1 + 0.1 * (j // 5))
        on = rng.random(n) < (0.75 if j % 5 != 3 else 0.5)
        spend[name] = np.round(on * level * rng.gamma(4.0, 0.25, n), 2)
    media = sum((0.8 + 0.3 * (j % 5)) * _adstock(x, 0.4 + 0.1 * (j % 3)) for j, x in enumerate(spend.values()))
    season = 30_000 * np.sin(2 * np.pi * t / 52.18) + 12_000 * np.cos(4 * np.pi * t / 52.18)
    sales = 250_000 + 400 * t + season + 0.5 * media + rng.normal(0, 8_000, n)
    return {"sales": np.round(sales, 2), **spend}


def _dates(n: int, start: np.datetime64 = START, step: int = 7) -> list[np.datetime64]:
    return [start + np.timedelta64(step * i, "D") for i in range(n)]


def _iso(day: np.datetime64) -> str:
    return str(day)


class _Table:
    """Header and rows of text cells, edited per case and written as CSV."""

    def __init__(self, header: list[str], rows: list[list[str]]):
        self.header, self.rows = header, rows

    @classmethod
    def weekly(cls, n: int = N_WEEKS, channels: int = 5, seed: int = SEED) -> _Table:
        cols = base_columns(n, seed, channels)
        header = ["date", *cols]
        rows = [[_iso(d), *(f"{cols[c][i]:.2f}" for c in cols)] for i, d in enumerate(_dates(n))]
        return cls(header, rows)

    def copy(self) -> _Table:
        return _Table(list(self.header), [list(r) for r in self.rows])

    def col(self, name: str) -> int:
        return self.header.index(name)

    def set(self, row: int, column: str, value: str) -> _Table:
        self.rows[row][self.col(column)] = value
        return self

    def map_column(self, column: str, fn) -> _Table:
        j = self.col(column)
        for row in self.rows:
            row[j] = fn(row[j])
        return self

    def add_column(self, name: str, values: list[str]) -> _Table:
        self.header.append(name)
        for row, value in zip(self.rows, values):
            row.append(value)
        return self

    def rename(self, mapping: dict[str, str]) -> _Table:
        self.header = [mapping.get(h, h) for h in self.header]
        return self

    def drop(self, column: str) -> _Table:
        j = self.col(column)
        self.header.pop(j)
        for row in self.rows:
            row.pop(j)
        return self

    def total(self, column: str = "sales") -> float:
        j = self.col(column)
        return float(sum(float(r[j]) for r in self.rows if r[j] not in ("",)))

    def text(self, sep: str = ",", newline: str = "\n", quote_all: bool = False) -> str:
        def cell(value: str) -> str:
            if quote_all or sep in value or '"' in value:
                return '"' + value.replace('"', '""') + '"'
            return value
        lines = [sep.join(cell(v) for v in self.header)] + [sep.join(cell(v) for v in row) for row in self.rows]
        return newline.join(lines) + newline


def _write(directory: Path, filename: str, content: str | bytes, encoding: str = "utf-8") -> None:
    data = content if isinstance(content, bytes) else content.encode(encoding)
    (directory / filename).write_bytes(data)


def _xlsx_bytes() -> bytes:
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in (("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"),
                           ("xl/worksheets/sheet1.xml", "<worksheet/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), body)
    return buffer.getvalue()


# --- the corpus -----------------------------------------------------------------------------------

def make_corpus(directory: Path) -> dict[str, CaseSpec]:
    """Write every case file into `directory` (created if needed) and return the specs by name."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED + 1)
    base = _Table.weekly()
    total = base.total()
    specs: list[CaseSpec] = []

    def refuse(name: str, filename: str, content, *parts: str, error: str = "DataError", **options) -> None:
        if content is not None:
            _write(directory, filename, content)
        specs.append(CaseSpec(name, filename, "refuse", (filename, *parts), options=options, error=error))

    def load(name: str, filename: str, content, warning: str | None, n_weeks: int | None = N_WEEKS,
             channels: tuple[str, ...] | None = CHANNELS, sales_total: float | None = None,
             encoding: str = "utf-8", **options) -> None:
        _write(directory, filename, content, encoding)
        specs.append(CaseSpec(name, filename, "load", (), warning, options, n_weeks, channels, sales_total))

    dates = _dates(N_WEEKS)

    # Files that must be refused.
    refuse("missing_path", "missing_file.csv", None, "not found")
    (directory / "folder.csv").mkdir(exist_ok=True)
    refuse("directory", "folder.csv", None, "is a directory")
    refuse("empty_file", "empty.csv", b"", "empty (0 bytes)")
    refuse("header_only", "header_only.csv", ",".join(base.header) + "\n", "no data rows")
    refuse("png_bytes", "chart.png", b"\x89PNG\r\n\x1a\n" + rng.bytes(200), "PNG", "export it as CSV")
    refuse("xlsx_workbook", "sales.xlsx", _xlsx_bytes(), "Excel", "export it as CSV")
    refuse("binary_junk", "junk.csv", b"date,sales\n" + bytes(rng.integers(0, 256, 300, dtype=np.uint8)) + b"\x00" * 8,
           "binary", "export it as CSV")
    refuse("prose_text", "notes.csv", "Meeting notes\nWe should look at TV next quarter\nand radio too\n", "no date column")
    refuse("no_date_column", "no_date.csv", base.copy().drop("date").text(), "no date column", "--date")
    refuse("no_target_column", "no_target.csv", base.copy().rename({"sales": "amount"}).text(),
           "no sales column", "amount", "--target")
    refuse("no_spend_column", "no_spend.csv", base.copy().rename({c: c.replace("_spend", "") for c in SPEND}).text(),
           "no spend column", "tv, radio", "--spend tv,radio,digital,print,social")
    refuse("text_in_spend", "text_in_spend.csv", base.copy().set(16, "tv_spend", "abc").text(),
           "'tv_spend'", "'abc'", "data row 17", "line 18", "must be numbers")
    refuse("text_in_sales", "text_in_sales.csv", base.copy().set(39, "sales", "TBD").text(),
           "'sales'", "'TBD'", "data row 40", "must be numbers")
    refuse("negative_spend", "negative_spend.csv",
           base.copy().set(9, "radio_spend", "-1200.00").set(10, "radio_spend", "-50.00").text(),
           "Radio", "radio_spend", "negative", str(dates[9]), str(dates[10]))
    refuse("sales_all_missing", "sales_all_missing.csv", base.copy().map_column("sales", lambda v: "").text(),
           "'sales'", "empty in all 156 rows")
    refuse("unparseable_date", "bad_date.csv", base.copy().set(24, "date", "2021-02-30").text(),
           "'2021-02-30'", "data row 25", "YYYY-MM-DD")
    refuse("missing_date_cell", "missing_date.csv", base.copy().set(29, "date", "").text(), "no date in data row 30")
    doubled = base.copy()
    doubled.rows = [r for row in base.rows for r in (row, [row[0]] + [f"{float(v) * 0.5:.2f}" for v in row[1:]])]
    refuse("repeated_dates_no_geo", "repeated_dates.csv", doubled.text(), "every date appears 2", "geo")
    conflict = base.copy()
    conflict.rows.insert(60, [conflict.rows[60][0]] + [f"{float(v) + 1:.2f}" for v in conflict.rows[60][1:]])
    refuse("duplicate_date_conflict", "duplicate_date.csv", conflict.text(), str(dates[60]), "data rows 61, 62", "one row per date")
    short = base.copy()
    short.rows = short.rows[:40]
    refuse("too_few_weeks", "too_few_weeks.csv", short.text(), "only 40 weeks", "at least 52 weeks")
    flat = base.copy().map_column("sales", lambda v: "100000.00")
    refuse("constant_sales", "constant_sales.csv", flat.text(), "sales are constant", "nothing to explain", error="ModelError")
    monthly = _Table.weekly(60)
    for i, row in enumerate(monthly.rows):
        row[0] = f"01/{i % 12 + 1:02d}/{2019 + i // 12}"
    refuse("ambiguous_dates", "ambiguous_dates.csv", monthly.text(), "day/month or month/day", "--dayfirst")
    monthly_iso = _Table.weekly(60)
    for i, row in enumerate(monthly_iso.rows):
        row[0] = f"{2019 + i // 12}-{i % 12 + 1:02d}-01"
    refuse("monthly_rows", "monthly.csv", monthly_iso.text(), "monthly", "weekly")
    ragged = base.copy().text().splitlines()
    ragged[11] = ragged[11].replace(".", ",", 1)     # an unquoted decimal comma splits a cell in two
    refuse("ragged_row", "ragged_row.csv", "\n".join(ragged) + "\n", "line 12", "fields", "quote it")
    preamble_bad = "Weekly marketing report\n" + base.copy().set(16, "tv_spend", "abc").text()
    refuse("text_below_preamble", "text_below_preamble.csv", preamble_bad, "data row 17", "line 19 of the file")
    refuse("unknown_target_option", "unknown_option.csv", base.text(), "'turnover_eur'", "not a column", "--target",
           target="turnover_eur")

    # Files that must be understood.
    load("clean", "clean.csv", base.text(), None, sales_total=total)
    load("utf8_bom", "bom.csv", "\ufeff" + base.text(), "byte-order mark", sales_total=total)
    load("crlf_line_endings", "crlf.csv", base.text(newline="\r\n"), None, sales_total=total)
    euro = base.copy()
    for row in euro.rows:
        row[1:] = [v.replace(".", ",") for v in row[1:]]
    load("semicolon_decimal_comma", "semicolon.csv", euro.text(sep=";"), "decimal commas", sales_total=total)
    load("tab_separated", "tabs.tsv", base.text(sep="\t"), "separated by tabs", sales_total=total)
    load("utf16_excel_text", "excel_unicode.txt", "\ufeff" + base.text(sep="\t", newline="\r\n"), "UTF-16",
         sales_total=total, encoding="utf-16-le")
    money = base.copy()
    money.map_column("sales", lambda v: f"{float(v):,.2f}")
    for column in SPEND:
        money.map_column(column, lambda v: f"${float(v):,.2f}")
    load("quoted_thousands", "thousands.csv", money.text(quote_all=True), "thousands separators", sales_total=total)
    latin = base.copy().add_column("Prix unité", [f"{9.99 + 0.01 * (i % 7):.2f}" for i in range(N_WEEKS)])
    load("latin1_encoding", "latin1.csv", latin.text(), "not UTF-8", sales_total=total, encoding="latin-1")
    titled = base.copy().rename({"date": "Week", "sales": "Total Sales", **{c: c.replace("_spend", "").title() + " Spend"
                                                                          for c in SPEND}})
    titled.header[2] = "TV Spend"
    load("title_case_headers", "title_case.csv", titled.text(), None, sales_total=total)
    dayfirst = base.copy().map_column("date", lambda v: f"{v[8:10]}/{v[5:7]}/{v[:4]}")
    load("dayfirst_dates", "dayfirst.csv", dayfirst.text(), "day/month/year", sales_total=total)
    usdates = base.copy().map_column("date", lambda v: f"{v[5:7]}/{v[8:10]}/{v[:4]}")
    load("us_dates", "us_dates.csv", usdates.text(), "month/day/year", sales_total=total)
    dotted = base.copy().map_column("date", lambda v: f"{v[8:10]}.{v[5:7]}.{v[:4]}")
    load("dayfirst_option", "dotted_dates.csv", dotted.text(), None, sales_total=total, dayfirst=True)

    daily = _daily_table(base, start=START, weeks=N_WEEKS, rng=rng)
    load("daily_rows", "daily.csv", daily.text(), "daily rows were summed into 156 weeks starting Monday",
         sales_total=round(daily.total(), 2))
    wed = _daily_table(base, start=START + np.timedelta64(2, "D"), weeks=N_WEEKS, rng=rng)
    load("daily_partial_weeks", "daily_from_wednesday.csv", wed.text(), "incomplete week", n_weeks=N_WEEKS - 1)
    shifted = base.copy()
    for i in (5, 40, 41, 90):
        shifted.set(i, "date", str(dates[i] + np.timedelta64(1 + i % 2, "D")))
    load("irregular_dates", "irregular_dates.csv", shifted.text(), "irregular dates", sales_total=total)
    gaps = base.copy()
    for i in (120, 51, 50, 20):
        gaps.rows.pop(i)
    load("missing_weeks", "missing_weeks.csv", gaps.text(), "4 week(s) have no row", n_weeks=N_WEEKS - 4)
    shuffled = base.copy()
    order = rng.permutation(N_WEEKS)
    shuffled.rows = [shuffled.rows[i] for i in order]
    load("unsorted_rows", "unsorted.csv", shuffled.text(), "sorted by date", sales_total=total)
    few = base.copy()
    for i in (30, 31, 100):
        few.set(i, "sales", "")
    load("few_missing_sales", "few_missing_sales.csv", few.text(), "3 of 156 weeks have no sales", n_weeks=N_WEEKS - 3)
    many = base.copy()
    for i in range(10, 35):
        many.set(i, "sales", "NA")
    load("many_missing_sales", "many_missing_sales.csv", many.text(), "WARNING: 16% of weeks are missing sales",
         n_weeks=N_WEEKS - 25)
    holes = base.copy()
    for i in (3, 70, 71, 150):
        holes.set(i, "digital_spend", "")
    load("missing_spend", "missing_spend.csv", holes.text(), "Digital: 4 missing spend value(s)", sales_total=total)
    load("zero_spend_channel", "zero_spend.csv", base.copy().map_column("print_spend", lambda v: "0").text(),
         "Print: no spend in any week — its effect cannot be measured", sales_total=total)
    load("constant_spend_channel", "constant_spend.csv",
         base.copy().map_column("print_spend", lambda v: "5000.00").text(), "Print: constant spend — its effect cannot be measured")
    huge = base.copy()
    for column in ("sales", *SPEND):
        huge.map_column(column, lambda v: f"{float(v) * 1e9:.6e}")
    load("huge_values", "huge_values.csv", huge.text(), None, sales_total=total * 1e9)
    spike = base.copy().set(77, "sales", f"{float(base.rows[77][1]) * 15:.2f}")
    load("sales_outlier", "sales_outlier.csv", spike.text(), f"sales outlier(s) in week {dates[77]}")
    extra = base.copy()
    extra.add_column("price", [f"{4.99 + 0.5 * np.sin(i / 9):.2f}" for i in range(N_WEEKS)])
    extra.add_column("promo", ["yes" if i % 6 == 0 else "no" for i in range(N_WEEKS)])
    extra.add_column("notes", [f"week {i} review by team {'ABCDEFG'[i % 7]}" for i in range(N_WEEKS)])
    extra.add_column("region", ["US"] * N_WEEKS)
    load("extra_columns", "extra_columns.csv", extra.text(), "dropped text column(s) notes", sales_total=total)
    events = base.copy().add_column("events", ["launch" if i == 60 else "sale" if i in (100, 140) else "na"
                                               for i in range(N_WEEKS)])
    load("events_text_column", "events.csv", events.text(), "one-hot encoded text column 'events'", sales_total=total)
    calendar = base.copy()
    calendar.add_column("year", [str(d)[:4] for d in dates])
    calendar.add_column("week_number", [str(i % 52 + 1) for i in range(N_WEEKS)])
    calendar.add_column("t", [str(i) for i in range(N_WEEKS)])
    load("calendar_columns", "calendar.csv", calendar.text(), "dropped calendar column(s) year, week_number, t")
    index = base.copy()
    index.header.insert(0, "")
    for i, row in enumerate(index.rows):
        row.insert(0, str(i))
    load("pandas_index_column", "index_column.csv", index.text(), "Unnamed: 0", sales_total=total)
    exposure = base.copy()
    exposure.add_column("tv_impressions", [f"{float(v) * 95:.0f}" for v in (r[2] for r in base.rows)])
    exposure.add_column("search_clicks", [str(int(rng.integers(100, 900))) for _ in range(N_WEEKS)])
    load("exposure_columns", "exposure.csv", exposure.text(), "exposure column(s) tv_impressions, search_clicks")
    duplicates = base.copy()
    duplicates.rows.insert(10, list(duplicates.rows[10]))
    duplicates.rows.insert(90, list(duplicates.rows[90]))
    load("duplicate_rows", "duplicate_rows.csv", duplicates.text(), "dropped 2 exact duplicate row(s)", sales_total=total)

    geo = _Table(["date", "geo", *base.header[1:]], [])
    geo_total = 0.0
    for g, share in (("north", 0.5), ("south", 0.3), ("west", 0.2)):
        for row in base.rows:
            values = [f"{float(v) * share:.2f}" for v in row[1:]]
            geo.rows.append([row[0], g, *values])
            geo_total += float(values[0])
    load("geo_long_format", "geo_long.csv", geo.text(), "read 3 markets in column 'geo' as a panel", sales_total=round(geo_total, 2))
    load("geo_filter_option", "geo_long_filter.csv", geo.text(), "kept only the rows where geo is north",
         sales_total=round(sum(float(r[2]) for r in geo.rows if r[1] == "north"), 2), geo="north")

    load("preamble_lines", "preamble.csv", "Weekly marketing report\nExported 2024-06-01\n\n" + base.text(),
         "skipped 3 line(s) above the header", sales_total=total)
    serial = base.copy().map_column("date", lambda v: str((np.datetime64(v) - np.datetime64("1899-12-30")).astype(int)))
    load("excel_serial_dates", "excel_serial.csv", serial.text(), "Excel day numbers", sales_total=total)
    wide = _Table.weekly(104, channels=20)
    load("twenty_channels", "twenty_channels.csv", wide.text(), "20 channels on 104 weeks", n_weeks=104,
         channels=tuple(f"Ch{j + 1:02d}" for j in range(20)))
    brief = base.copy()
    brief.rows = brief.rows[:80]
    load("short_history", "short_history.csv", brief.text(), "only 80 weeks: estimates will be less precise", n_weeks=80)
    generic = base.copy().rename({"sales": "y", "tv_spend": "x1", "radio_spend": "x2", "digital_spend": "x3",
                                  "print_spend": "temperature", "social_spend": "x5"})
    load("spend_override", "spend_override.csv", generic.text(), None, channels=("X1", "X2", "X3", "X5"),
         sales_total=total, spend=("x1", "x2", "x3", "x5"))
    load("spend_override_string", "spend_override_string.csv", generic.text(), None, channels=("X1", "X2", "X5"),
         sales_total=total, spend="x1, x2,x5", target="y")
    variants = base.copy().rename({"tv_spend": "spend_tv", "radio_spend": "Search Cost", "digital_spend": "paid_social_spend",
                                   "print_spend": "ooh_S", "social_spend": "CTV Spend"})
    load("channel_name_variants", "name_variants.csv", variants.text(), None,
         channels=("TV", "Search", "Paid Social", "OOH", "CTV"), sales_total=total)

    return {spec.name: spec for spec in specs}


def _daily_table(base: _Table, start: np.datetime64, weeks: int, rng: np.random.Generator) -> _Table:
    """Daily rows whose seven-day sums follow the weekly base, with a little day-to-day noise."""
    header = base.header
    rows = []
    weights = np.array([0.16, 0.15, 0.14, 0.14, 0.15, 0.14, 0.12])
    for w in range(weeks):
        weekly = [float(v) for v in base.rows[w][1:]]
        for d in range(7):
            share = weights[d] * (1 + rng.normal(0, 0.02))
            day = start + np.timedelta64(7 * w + d, "D")
            rows.append([str(day), *(f"{v * share:.2f}" for v in weekly)])
    return _Table(list(header), rows)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/make_bad_files.py OUTDIR", file=sys.stderr)
        return 2
    specs = make_corpus(Path(argv[1]))
    for spec in specs.values():
        print(f"{spec.kind:6} {spec.filename:32} {spec.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
