"""Turn a CSV path into a raw pandas table: file checks, encoding, separator and decimal mark."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import DataError

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel/Office file (.xls)"),
    (b"SQLite format 3", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)
_SEPARATORS = (",", ";", "\t", "|")
_SEPARATOR_NAMES = {";": "semicolons", "\t": "tabs", "|": "'|' characters"}
_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@dataclass(frozen=True)
class RawTable:
    """The file as read: columns still as pandas inferred them, plus what reading noticed."""

    frame: pd.DataFrame
    decimal_comma: bool
    warnings: tuple[str, ...]


def refuse(path: str, problem: str, fix: str) -> DataError:
    """A one-line DataError: "<path>: <problem> — <fix>."."""
    text = f"{path}: {problem} — {fix}."
    return DataError(" ".join(text.split()))


def show(value: object, limit: int = 40) -> str:
    """A cell value quoted for a one-line message."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _check_binary(path: str, data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise refuse(path, f"is {kind}, not a CSV text file", "export it as CSV (comma-separated values) and pass that file")
    if data.startswith(b"PK\x03\x04"):
        kind = "an Excel workbook (.xlsx)" if b"xl/" in data else "a zip archive"
        fix = "open it in Excel and export it as CSV" if "Excel" in kind else "unzip it or export it as CSV"
        raise refuse(path, f"is {kind}, not a CSV text file", fix)


def _decode(path: str, data: bytes) -> tuple[str, list[str]]:
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append("file starts with a UTF-8 byte-order mark; it was ignored")
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        notes.append("file is UTF-16 encoded (as Excel 'Unicode text' saves it); read as such")
        return data.decode("utf-16"), notes
    if b"\x00" in data[:4096]:
        raise refuse(path, "contains binary data (NUL bytes), not CSV text", "export it as CSV (comma-separated values) and pass that file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        notes.append("file is not UTF-8; read it as Windows-1252 (Latin-1) text")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(2, len(sample) // 100):
        raise refuse(path, "does not look like a CSV text file (control characters)", "export it as CSV (comma-separated values) and pass that file")
    return text, notes


def _sniff_separator(text: str) -> tuple[str, int]:
    """The separator giving the widest table the first lines agree on, and how many lines precede its header."""
    lines = text.splitlines()[:40]
    best, best_width, best_skip = ",", 0, 0
    for sep in _SEPARATORS:
        widths = [len(next(csv.reader([line], delimiter=sep), [])) if line.strip() else 0 for line in lines]
        wide = [w for w in widths if w >= 2]
        if not wide:
            continue
        width = max(set(wide), key=lambda w: (wide.count(w), w))
        skip = widths.index(width)
        body = [w for w in widths[skip + 1:] if w]
        if body and sum(w == width for w in body) < 0.8 * len(body):
            continue
        # Prefer the widest table, then the one whose header is nearest the top (a ';' file with
        # decimal commas also splits into many fields on ',', but only below its header line).
        if (width, -skip) > (best_width, -best_skip):
            best, best_width, best_skip = sep, width, skip
    return best, best_skip


def _decimal_comma(text: str, sep: str) -> bool:
    """True when numbers look like 1234,5 (and not 1234.5): European exports with ';' or tabs."""
    if sep == ",":
        return False
    sample = text[:200_000]
    comma = len(re.findall(rf"(?:^|{re.escape(sep)})\"?-?\d+,\d+\"?(?={re.escape(sep)}|$)", sample, re.M))
    dot = len(re.findall(rf"(?:^|{re.escape(sep)})\"?-?\d+\.\d+\"?(?={re.escape(sep)}|$)", sample, re.M))
    return comma > dot


def _check_quotes(path: str, text: str) -> None:
    """A quote opened and never closed swallows every line after it: the reader then saw "no header row and no
    data" in a file with both. Name the line where the quote opens instead."""
    if text.count('"') % 2 == 0:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"') % 2:
            raise refuse(path, f"line {number} of the file opens a quoted value (\") that is never closed",
                         "close the quote or remove it, then export the file again")


def read_table(path: str) -> RawTable:
    """Read `path` into a DataFrame without changing the file; refuse what is not a CSV table."""
    p = Path(path)
    if not p.exists():
        raise refuse(path, "file not found", "check the path and the file name")
    if p.is_dir():
        raise refuse(path, "is a directory, not a CSV file", "pass the path of a .csv file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise refuse(path, f"cannot be read ({exc.strerror or exc})", "check the file permissions") from None
    if not data.strip():
        raise refuse(path, "is empty (0 bytes)" if not data else "contains only blank space",
                     "export the data again as CSV with a header row and one row per week")
    _check_binary(path, data)
    text, notes = _decode(path, data)
    if text.lstrip().startswith(("{", "[")) and text.rstrip().endswith(("}", "]")):
        raise refuse(path, "is JSON, not a CSV table", "export the data as CSV: a header row of column names, then one "
                                                        "row per week")
    sep, skip = _sniff_separator(text)
    if skip:
        first = next((line for line in text.splitlines() if line.strip()), "")
        notes.append(f"skipped {skip} line(s) above the header row (starting {show(first)})")
    decimal_comma = _decimal_comma(text, sep)
    if sep != ",":
        notes.append(f"columns are separated by {_SEPARATOR_NAMES[sep]}, not commas"
                     + ("; decimal commas were read as decimal points" if decimal_comma else ""))
    _check_quotes(path, text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, decimal="," if decimal_comma else ".",
                            skipinitialspace=True, low_memory=False, skiprows=skip)
    except pd.errors.EmptyDataError:
        raise refuse(path, "has no header row and no data", "export the data again as CSV with a header row") from None
    except pd.errors.ParserError as exc:
        match = _RAGGED.search(str(exc))
        if match:
            want, line, got = match.groups()
            if want == "1":   # one name in the "header": a document (a README, notes) rather than a table
                first = next((row for row in text.splitlines()[skip:] if row.strip()), "")
                raise refuse(path, f"is not a data table: its first line ({show(first)}) holds no column names and "
                                   f"later lines are text", "pass the CSV export of the data: a header row of column "
                                   "names, then one row per week") from None
            raise refuse(path, f"line {int(line) + skip} of the file has {got} fields but the header has {want}",
                         "a value probably contains an unquoted separator (like 1,234); quote it or remove the extra separator") from None
        raise refuse(path, f"is not a readable CSV table ({' '.join(str(exc).split())})", "export it again as CSV") from None
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas turns the surplus leading cells into an index when rows are wider than the header.
        raise refuse(path, f"the data rows have more fields than the header ({len(frame.columns)} names, "
                           f"starting at line {skip + 2} of the file)",
                     "give every column a header name, or quote values that contain the separator")
    frame.columns = [str(c).strip() for c in frame.columns]
    duplicated = [c for c in frame.columns if re.fullmatch(r".+\.\d+", c) and c.rsplit(".", 1)[0] in frame.columns]
    if duplicated:
        notes.append(f"header repeats column name(s); the repeats were renamed {', '.join(duplicated[:5])}")
    if frame.empty:
        raise refuse(path, f"has a header ({len(frame.columns)} column{'' if len(frame.columns) == 1 else 's'}) but no data rows",
                     "export the data again with one row per week under the header")
    frame.attrs["header_line"] = skip + 1
    return RawTable(frame, decimal_comma, tuple(notes))


def columns_list(columns: Iterable[object]) -> str:
    names = [str(c) for c in columns]
    shown = ", ".join(names[:12])
    return shown + (f", … ({len(names)} in all)" if len(names) > 12 else "")
