"""Load a user's CSV into a validated weekly `Dataset`, refusing unusable files with a one-line fix.

Detection order: date column, geography, sales target, spend columns, then every other
column becomes a control, is one-hot encoded, or is left out with a warning. Rows are then
grouped into weeks (summing geos or days), checked, and frozen into a `Dataset`. The input
file is only read, never written.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from analysis.dataset import Dataset
from analysis.errors import ModelError
from analysis.loading.columns import (
    column_roles,
    find_column,
    find_date_column,
    find_geo_column,
    find_targets,
    is_calendar_name,
    is_exposure_name,
    is_spend_name,
    is_target_name,
)
from analysis.loading.panel import build_panel, kpi_unit, population_column, priced_count, revenue_column
from analysis.loading.read import columns_list as _columns_list
from analysis.loading.read import read_table, refuse, show
from analysis.loading.values import Dates, looks_like_dates, parse_dates, to_numbers
from analysis.loading.weeks import DATE_KEY as _DATE
from analysis.loading.weeks import GEO_KEY as _GEO
from analysis.loading.weeks import combine_geos as _combine_geos
from analysis.loading.weeks import to_weeks as _to_weeks
from analysis.naming import looks_like_channel, unique_display_names

if TYPE_CHECKING:
    from analysis.panel.data import Panel

MIN_WEEKS = 52
RECOMMENDED_WEEKS = 104
MAX_ONE_HOT_LEVELS = 6
MISSING_SALES_LOUD = 0.10
SPEND_OVER_SALES = 10.0   # money spent on media over sales: beyond this the columns' units disagree
OUTLIER_Z = 12.0


@dataclass(frozen=True)
class LoadOptions:
    """Column choices that override detection; `spend`/`controls` accept a tuple or "a,b"."""

    date: str | None = None
    target: str | None = None
    spend: tuple[str, ...] | None = None
    controls: tuple[str, ...] | None = None   # () means "no controls"; None means detect
    dayfirst: bool | None = None
    geo: str | None = None                    # model only this geography instead of summing all
    geo_col: str | None = None                # the market column of a long (date, geo, …) panel
    revenue_per_kpi: str | None = None        # column turning a count target (conversions) into money

    def __post_init__(self) -> None:
        for name in ("spend", "controls"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = tuple(part.strip() for part in value.split(",") if part.strip())
            elif value is not None:
                value = tuple(str(part).strip() for part in value)
            if name == "spend" and value == ():
                value = None
            object.__setattr__(self, name, value)


def _row(frame: pd.DataFrame, label: int) -> str:
    """Where a row is, counted both ways: data rows under the header, and lines of the file."""
    header_line = frame.attrs.get("header_line", 1)
    return f"data row {label + 1} (line {label + header_line + 1} of the file)"


def _option_column(frame: pd.DataFrame, name: str, flag: str, path: str) -> str:
    column = find_column(frame, name)
    if column is None:
        near = _closest_column(frame.columns, name)
        if near is not None:   # a typo: name the column meant, which a 12-name list may not show
            raise refuse(path, f"{flag} names {show(name)}, which is not a column; did you mean {show(near)}?",
                         f"pass {show(near)} to {flag}")
        raise refuse(path, f"{flag} names {show(name)}, which is not a column (columns: {_columns_list(frame.columns)})",
                     f"pass one of those names to {flag}")
    return column


def _closest_column(columns: Iterable[object], name: str) -> str | None:
    """The one column a mistyped name most likely meant ("tv_spnd" -> "tv_spend"), or None when none is close.
    Why: the refusal listed only the first 12 columns, so "distributon_acv" on a 17-column export named no fix."""
    by_lower = {str(c).lower(): str(c) for c in columns}
    near = difflib.get_close_matches(name.strip().lower(), list(by_lower), n=1, cutoff=0.8)
    return by_lower[near[0]] if near else None


def _date_column(frame: pd.DataFrame, options: LoadOptions, path: str) -> str:
    if options.date:
        return _option_column(frame, options.date, "--date", path)
    column = find_date_column(frame)
    if column is None:
        raise refuse(path, f"no date column found (columns: {_columns_list(frame.columns)})",
                     "add a 'date' column with one date per week (e.g. 2024-01-01) or pass --date COL")
    return column


def _parse_dates(frame: pd.DataFrame, column: str, options: LoadOptions, path: str, notes: list[str]) -> Dates:
    dates = parse_dates(frame[column], options.dayfirst)
    if dates.ambiguous:
        cells = frame[column].dropna()
        # the first cell that is not year-first: "2022-01-03" is no example of a day/month doubt in a mixed column
        example = next((v for v in cells if not str(v).strip()[:4].isdigit()), cells.iloc[0])
        raise refuse(path, f"dates in column '{column}' such as {show(example)} could be day/month or month/day",
                     "pass --dayfirst if 01/02 means 1 February, or write the dates as YYYY-MM-DD")
    if dates.bad is not None:
        label = frame.index[dates.bad]
        raise refuse(path, f"column '{column}' has {show(frame[column].iloc[dates.bad])} in {_row(frame, label)}, which is not a date",
                     "write dates as YYYY-MM-DD (e.g. 2024-01-01) or fix that cell")
    if dates.empty.any():
        label = frame.index[int(np.argmax(dates.empty))]
        raise refuse(path, f"column '{column}' has no date in {_row(frame, label)}",
                     "fill in the date or delete the row")
    if dates.note:
        notes.append(dates.note)
    return dates


def _fill_per_unit(frame: pd.DataFrame, per_unit: np.ndarray, sales: np.ndarray, column: str, target: str,
                   geo_column: str | None, notes: list[str]) -> np.ndarray:
    """Blank revenue-per-unit cells beside a count: the average of the market (or of the file), said on stderr.
    Left blank, count x blank read as a week with no sales, and the note blamed the sales column."""
    gaps = np.isnan(per_unit) & ~np.isnan(sales)
    if not gaps.any():
        return per_unit
    groups = frame[geo_column].astype("string").to_numpy() if geo_column else np.zeros(len(frame))
    average = pd.Series(per_unit).groupby(groups).transform("mean").to_numpy()
    first = frame.index[int(np.flatnonzero(gaps)[0])]
    notes.append(f"'{column}' is blank in {int(gaps.sum())} row(s) that have '{target}' (first: {_row(frame, first)}); "
                 f"those rows use the average '{column}' of their {'market' if geo_column else 'file'}")
    return np.where(gaps, average, per_unit)


def _check_per_unit(per_unit: np.ndarray, column: str, path: str) -> None:
    """A revenue-per-unit column with no number, no positive value or a negative one is refused by its own name:
    multiplied in, it would be blamed on the sales column ("'accounts' is empty", "sales are constant")."""
    known = per_unit[np.isfinite(per_unit)]
    fix = f"fix '{column}' (a positive amount per unit in every row), or pass --revenue-per-kpi naming another column"
    if not known.size:
        raise refuse(path, f"revenue-per-unit column '{column}' has no numbers", fix)
    if (known < 0).any():
        raise refuse(path, f"revenue-per-unit column '{column}' has negative values ({int((known < 0).sum())} rows)", fix)
    if not (known > 0).any():
        raise refuse(path, f"revenue-per-unit column '{column}' is zero in every row", fix)


def _unit_value(counts: np.ndarray, per_unit: np.ndarray, target: str) -> tuple[str, float] | None:
    """The count's noun and its average revenue per unit (revenue over units, rows where both are known)."""
    known = np.isfinite(counts) & np.isfinite(per_unit)
    units = float(counts[known].sum())
    if units <= 0:
        return None
    noun = kpi_unit(target) or " ".join(target.replace("_", " ").split())
    return noun, float((counts[known] * per_unit[known]).sum()) / units


def _target_column(frame: pd.DataFrame, options: LoadOptions, exclude: set[str], path: str, notes: list[str]) -> str:
    if options.target:
        return _option_column(frame, options.target, "--target", path)
    found = find_targets(frame, exclude)
    if not found and (priced := priced_count(frame, exclude)) is not None:
        notes.append(f"no column is named like sales; using '{priced}', the count its revenue-per-unit column prices, "
                     f"as the outcome — pass --target to choose another")
        return priced
    if not found:
        raise refuse(path, f"no sales column found (looked for sales, revenue, y, kpi, conversions, units; "
                           f"columns: {_columns_list(frame.columns)})", "pass --target COL naming the sales column")
    if len(found) > 1:
        notes.append(f"several columns could be the sales target ({', '.join(found)}); using '{found[0]}' — pass --target to choose")
    return found[0]


def _spend_columns(frame: pd.DataFrame, options: LoadOptions, exclude: set[str], path: str) -> list[str]:
    if options.spend:
        columns = [_option_column(frame, name, "--spend", path) for name in options.spend]
        clash = [c for c in columns if c in exclude]
        if clash:
            raise refuse(path, f"--spend includes '{clash[0]}', which is the date, geography or sales column",
                         "list only media spend columns in --spend")
        return list(dict.fromkeys(columns))
    columns = [c for c in frame.columns if c not in exclude and is_spend_name(c)]
    if not columns:
        likely = [str(c) for c in frame.columns if c not in exclude and looks_like_channel(str(c))]
        fix = (f"if {', '.join(likely)} hold spend, run with --spend {','.join(likely)}" if likely
               else "pass --spend COL,COL naming the media spend columns")
        raise refuse(path, f"no spend column found (expected names like tv_spend, radio_cost or spend_search; "
                           f"columns: {_columns_list(frame.columns)})", fix)
    return columns


def _strict_numbers(frame: pd.DataFrame, column: str, decimal_comma: bool, role: str, path: str,
                    reformatted: list[str]) -> np.ndarray:
    """Numbers of a sales or spend column; any text cell refuses the file."""
    numbers = to_numbers(frame[column], decimal_comma)
    if numbers.bad is not None and not decimal_comma:
        # A quoted "1234,5" in a comma-separated file: a decimal comma if every unreadable cell looks like one.
        retry = to_numbers(frame[column], True)
        if retry.bad is None and frame[column].astype("string").str.fullmatch(r"\s*-?\d+,\d{1,2}\s*").any():
            numbers = retry
    if numbers.bad is not None:
        label = frame.index[numbers.bad]
        raise refuse(path, f"column '{column}' has text {show(frame[column].iloc[numbers.bad])} in {_row(frame, label)}",
                     f"{role} must be numbers; fix that cell or drop the row")
    if numbers.reformatted:
        reformatted.append(column)
    return numbers.values


def _one_hot(series: pd.Series) -> tuple[dict[str, np.ndarray], str] | None:
    """Dummy columns for a text column with a few levels (most common level is the baseline)."""
    text = series.astype("string").str.strip()
    text = text.mask(text.isna() | (text == ""), "(empty)")
    counts = text.value_counts()
    if len(counts) < 2 or len(counts) - 1 > MAX_ONE_HOT_LEVELS or len(counts) > len(text) / 4:
        return None
    baseline = str(counts.index[0])
    dummies = {f"{series.name}_{level}": (text == level).to_numpy(dtype=float) for level in counts.index[1:]}
    return dummies, baseline


def _controls(frame: pd.DataFrame, options: LoadOptions, used: set[str], decimal_comma: bool, path: str,
              notes: list[str]) -> dict[str, np.ndarray]:
    explicit = options.controls is not None
    candidates = ([_option_column(frame, name, "--controls", path) for name in options.controls]
                  if options.controls is not None
                  else [c for c in frame.columns if c not in used])
    controls: dict[str, np.ndarray] = {}
    calendar, exposure, text_dropped, constant_text, encoded, outcomes = [], [], [], [], [], []
    for column in candidates:
        if column in used:
            raise refuse(path, f"--controls includes '{column}', which is already the date, sales, spend or geography column",
                         "list only other columns in --controls")
        if not explicit and is_calendar_name(column):
            calendar.append(column)
            continue
        if not explicit and is_exposure_name(column):
            exposure.append(column)
            continue
        if not explicit and is_target_name(column):
            outcomes.append(column)   # "Revenue" beside a "Sales" target: explaining sales by sales leaves media nothing
            continue
        numbers = to_numbers(frame[column], decimal_comma, booleans=True)
        present = int((~numbers.missing).sum())
        bad = int((np.isnan(numbers.values) & ~numbers.missing).sum())
        if numbers.bad is None or (present and bad <= 0.05 * present and bad <= 3):
            if numbers.bad is not None:
                label = frame.index[numbers.bad]
                notes.append(f"control '{column}' has text {show(frame[column].iloc[numbers.bad])} in {_row(frame, label)}; "
                             f"treated as missing")
            controls[column] = numbers.values
            continue
        if not explicit and looks_like_dates(frame[column]):
            text_dropped.append(column)
            continue
        if frame[column].astype("string").str.strip().nunique(dropna=True) <= 1:
            constant_text.append(column)
            continue
        dummies = _one_hot(frame[column])
        if dummies is None:
            if explicit:
                raise refuse(path, f"control column '{column}' has text {show(frame[column].iloc[numbers.bad])} in "
                                   f"{_row(frame, frame.index[numbers.bad])} and too many distinct values to encode",
                             "pass numeric columns to --controls")
            text_dropped.append(column)
            continue
        columns, baseline = dummies
        controls.update(columns)
        levels = ", ".join(show(name[len(str(column)) + 1:], 20) for name in columns)
        encoded.append(f"'{column}' as {len(columns)} dummy control(s) ({levels}; baseline {show(baseline, 20)})")
    if calendar:
        notes.append(f"dropped calendar column(s) {', '.join(calendar)}: the model has its own trend and seasonality")
    if exposure:
        notes.append(f"left out media exposure column(s) {', '.join(exposure)} (impressions/clicks move with spend and "
                     f"would blur channel effects); pass --controls to use them")
    if outcomes:
        notes.append(f"left out {', '.join(outcomes)}: named like an outcome, not a driver of sales (it would explain them "
                     f"by itself and leave media nothing); pass --controls to use it, or --target to model it instead")
    if text_dropped:
        notes.append(f"dropped text column(s) {', '.join(text_dropped)}: not numbers and too many distinct values to encode")
    if constant_text:
        notes.append(f"dropped text column(s) {', '.join(constant_text)}: one value at most (the rest empty)")
    for item in encoded:
        notes.append(f"one-hot encoded text column {item}")
    return controls


def _clean_controls(out: pd.DataFrame, controls: list[str], notes: list[str],
                    cells: list[tuple[str, int, str]]) -> list[str]:
    """The controls worth keeping; each filled column's count of filled cells is added to `cells`."""
    kept, constant, trend, filled = [], [], [], []
    for column in controls:
        values = out[column]
        if values.isna().all():
            constant.append(column)
            continue
        if values.isna().any():
            filled.append(column)
            binary = values.dropna().isin([0.0, 1.0]).all()
            cells.append((column, int(values.isna().sum()), "set to 0" if binary else "interpolated"))
            values = values.fillna(0.0) if binary else values.interpolate(limit_direction="both")
            out[column] = values
        array = values.to_numpy(dtype=float)
        if np.ptp(array) == 0:
            constant.append(column)
            continue
        steps = np.diff(array)
        if len(steps) > 2 and np.allclose(steps, steps[0], rtol=1e-6, atol=1e-9 * max(1.0, abs(steps[0]))):
            trend.append(column)
            continue
        kept.append(column)
    if filled:
        notes.append(f"filled missing values in control(s) {', '.join(filled)} (0 for flags, interpolation otherwise)")
    if constant:
        notes.append(f"dropped empty or constant control(s) {', '.join(constant)}: they carry no information")
    if trend:
        notes.append(f"dropped trend/index column(s) {', '.join(trend)}: the model has its own trend")
    return kept


def _sales_outliers(dates: pd.DatetimeIndex, sales: np.ndarray, notes: list[str]) -> None:
    level = pd.Series(sales).rolling(9, center=True, min_periods=1).median().to_numpy()
    resid = sales - level
    scale = 1.4826 * np.median(np.abs(resid - np.median(resid)))
    if not scale > 0:
        return
    z = resid / scale
    flagged = np.flatnonzero(np.abs(z) > OUTLIER_Z)
    if 0 < len(flagged) <= 3:
        items = ", ".join(f"{dates[i]:%Y-%m-%d} ({sales[i]:,.6g}, {sales[i] / level[i]:.1f}× nearby weeks)"
                          if level[i] else f"{dates[i]:%Y-%m-%d} ({sales[i]:,.6g})" for i in flagged.tolist())
        notes.append(f"sales outlier(s) in week {items}: kept — check for a typo or a one-off event")


def load_csv(path: str | Path, options: LoadOptions | None = None) -> Dataset:
    """Read a weekly (or daily, or per-geo) marketing CSV into a `Dataset`.

    Raises `DataError` with a one-line message naming the file, the problem and the fix when the file
    cannot be used, and `ModelError` when sales are constant. Everything changed or noticed on the way
    (separators, aggregation, dropped columns, filled cells) is listed in `Dataset.warnings`.
    """
    options = options or LoadOptions()
    path_text = str(path)
    raw = read_table(path_text)
    notes = list(raw.warnings)
    frame = raw.frame
    # Trailing separators make nameless empty columns; named empty columns are judged by their role.
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("Unnamed:") and frame[c].isna().all()])
    blank_rows = frame.isna().all(axis=1)
    if blank_rows.any():
        frame = frame.loc[~blank_rows]
        if frame.empty:
            raise refuse(path_text, "has a header but no data rows", "export the data again with one row per week under the header")

    date_column = _date_column(frame, options, path_text)
    dates = _parse_dates(frame, date_column, options, path_text, notes)
    geo_column = None
    if options.geo_col:
        geo_column = _option_column(frame, options.geo_col, "--geo-col", path_text)
    elif options.geo:
        geo_column = find_geo_column(frame, {date_column})
        if geo_column is None:
            raise refuse(path_text, f"--geo {options.geo} was given but there is no geo/region column "
                                    f"(columns: {_columns_list(frame.columns)})", "drop --geo or add a 'geo' column")
    else:
        candidate = find_geo_column(frame, {date_column})
        if candidate is not None and dates.values.duplicated().any():
            geo_column = candidate
    used = {date_column} | ({geo_column} if geo_column else set())
    target = _target_column(frame, options, used, path_text, notes)
    spend_columns = _spend_columns(frame, options, used | {target}, path_text)
    used |= {target, *spend_columns}
    rpc_column = (_option_column(frame, options.revenue_per_kpi, "--revenue-per-kpi", path_text)
                  if options.revenue_per_kpi else revenue_column(frame, used, target))
    pop_column = population_column(frame, used | ({rpc_column} if rpc_column is not None else set())) if geo_column else None
    used |= {c for c in (rpc_column, pop_column) if c}

    reformatted: list[str] = []
    sales = _strict_numbers(frame, target, raw.decimal_comma, "sales", path_text, reformatted)
    spend = {c: _strict_numbers(frame, c, raw.decimal_comma, "spend", path_text, reformatted) for c in spend_columns}
    if reformatted:
        notes.append(f"read numbers written with currency signs, thousands separators, % signs or decimal commas "
                     f"in column(s) {_columns_list(reformatted)}")
    controls = _controls(frame, options, used, raw.decimal_comma, path_text, notes)
    kpi = kpi_unit(target)
    revenue_note = None
    per_unit = None
    unit_value = None
    if rpc_column:
        per_unit = _strict_numbers(frame, rpc_column, raw.decimal_comma, "revenue per unit", path_text, reformatted)
        _check_per_unit(per_unit, rpc_column, path_text)
        per_unit = _fill_per_unit(frame, per_unit, sales, rpc_column, target, geo_column, notes)
        unit_value = _unit_value(sales, per_unit, target)
        sales = sales * per_unit
        revenue_note = f"{target} × {rpc_column}"
        notes.append(f"answers are in money: revenue = {revenue_note} (pass --revenue-per-kpi COL to choose the column)")
        kpi = None
    elif kpi:
        notes.append(f"'{target}' is a count of {kpi} and there is no revenue-per-unit column, so answers "
                     f"are in {kpi} (per $1 of spend), not money; pass --revenue-per-kpi COL if you have one")
    if np.isnan(sales).all():
        raise refuse(path_text, f"sales column '{target}' is empty in all {len(sales)} rows",
                     "fill in the sales figures, or pass --target COL if sales are in another column")
    channels = unique_display_names(spend_columns)
    filled: list[tuple[str, int, str]] = []
    for column, channel in zip(spend_columns, channels):
        negative = np.flatnonzero(spend[column] < 0)
        if len(negative):
            shown = ", ".join(f"{dates.values[i]:%Y-%m-%d}" for i in negative[:3]) + (", …" if len(negative) > 3 else "")
            raise refuse(path_text, f"{channel} spend (column '{column}') is negative in {len(negative)} week(s): {shown}",
                         "spend must be zero or more; correct those cells (refunds belong in another column)")
        missing = int(np.isnan(spend[column]).sum())
        if missing:
            spend[column] = np.nan_to_num(spend[column], nan=0.0)
            filled.append((column, missing, "set to 0"))
            notes.append(f"{channel}: {missing} missing spend value(s) in '{column}' were set to 0")

    work = pd.DataFrame({_DATE: dates.values, target: sales, **spend, **controls}, index=frame.index)
    if options.geo:
        levels = frame[geo_column].astype("string").str.strip()
        keep = (levels.str.lower() == options.geo.strip().lower()).fillna(False).to_numpy(dtype=bool)
        if not keep.any():
            raise refuse(path_text, f"--geo {options.geo} matches no rows of column '{geo_column}' "
                                    f"(values: {_columns_list(levels.dropna().unique())})", "pass one of those values to --geo")
        work = work.loc[keep]
        notes.append(f"kept only the rows where {geo_column} is {options.geo} ({int(keep.sum())} rows)")
    elif geo_column is not None:
        work[_GEO] = frame[geo_column]
    control_names = list(controls)
    panel = None
    if geo_column is not None and not options.geo and work[_DATE].duplicated().any():
        population = _strict_numbers(frame, pop_column, raw.decimal_comma, "population", path_text, reformatted) \
            if pop_column else None
        built = build_panel(work, _DATE, _GEO, geo_column, target, spend_columns, control_names, population,
                            pop_column, path_text, notes, per_unit)
        if built is not None:
            panel, weeks = built
            work = _national(panel, weeks, target, spend_columns, control_names)
    work = work if panel is not None else _combine_geos(work, geo_column if not options.geo else None, spend_columns, target, control_names,
                         path_text, notes)
    work = work.drop(columns=[_GEO], errors="ignore")
    if not work[_DATE].is_monotonic_increasing:
        work = work.sort_values(_DATE, kind="stable")
        notes.append("rows were not in date order; they were sorted by date")
    weekly = _to_weeks(work, spend_columns, target, control_names, path_text, notes)
    panel_weeks = weekly.index

    no_sales = weekly[target].isna()
    if no_sales.any():
        share = no_sales.mean()
        shown = ", ".join(f"{d:%Y-%m-%d}" for d in weekly.index[no_sales][:3]) + (", …" if no_sales.sum() > 3 else "")
        text = (f"{int(no_sales.sum())} of {len(weekly)} weeks have no sales ({shown}); those weeks were dropped")
        if share > MISSING_SALES_LOUD:
            text = f"WARNING: {share:.0%} of weeks are missing sales — {text}; results will be unreliable, fill them in if you can"
        notes.append(text)
        weekly = weekly.loc[~no_sales]
    n = len(weekly)
    if n < MIN_WEEKS:
        raise refuse(path_text, f"only {n} weeks of data ({weekly.index[0]:%Y-%m-%d} to {weekly.index[-1]:%Y-%m-%d})"
                     if n else "no weeks with sales remain",
                     f"MMM needs at least {MIN_WEEKS} weeks (a year) of weekly data; add more history")
    all_controls = list(control_names)
    control_names = _clean_controls(weekly, control_names, notes, filled)
    if panel is not None:
        panel = panel.restrict(panel_weeks.isin(weekly.index), [all_controls.index(c) for c in control_names])

    sales_values = weekly[target].to_numpy(dtype=float)
    if np.ptp(sales_values) <= 1e-12 * max(1.0, abs(float(sales_values[0]))):
        raise ModelError(f"{path_text}: sales are constant ({sales_values[0]:,.6g} every week) — there is nothing to explain; "
                         f"check that '{target}' is the sales column or pass --target COL.")
    if (sales_values < 0).any():
        notes.append(f"sales are negative in {int((sales_values < 0).sum())} week(s); check the '{target}' column")
    spend_values = weekly[spend_columns].to_numpy(dtype=float)
    _refuse_implausible_spend(path_text, cast(pd.DatetimeIndex, weekly.index), spend_values, spend_columns)
    unmeasurable = tuple(channel for j, channel in enumerate(channels) if np.ptp(spend_values[:, j]) == 0)
    for j, channel in enumerate(channels):
        weekly_spend = spend_values[:, j]
        if not weekly_spend.any():   # one line: the fit's "spend in only 0 weeks" is not repeated (Session.notices)
            notes.append(f"{channel}: no spend in any week — its effect cannot be measured; leave "
                         f"'{spend_columns[j]}' out with --spend, or fill in its spend")
        elif np.ptp(weekly_spend) == 0:
            notes.append(f"{channel}: constant spend — its effect cannot be measured ({weekly_spend[0]:,.6g} every week)")
    if n < RECOMMENDED_WEEKS:
        notes.append(f"only {n} weeks: estimates will be less precise; two years or more is recommended")
    if n < 10 * len(channels):
        notes.append(f"{len(channels)} channels on {n} weeks gives weak estimates (rule of thumb: 10 weeks per channel); "
                     f"consider merging small channels")
    if len(control_names) > n / 5:
        notes.append(f"{len(control_names)} controls on {n} weeks: controls that do not help predict sales are shrunk "
                     f"toward zero; pass --controls to keep only those you know matter")
    _sales_outliers(cast(pd.DatetimeIndex, weekly.index), sales_values, notes)   # weekly is indexed by week start
    spent, sold = float(spend_values.sum()), float(np.abs(sales_values).sum())
    if kpi is None and sold > 0 and spent > SPEND_OVER_SALES * sold:
        # media costing many times the sales it is said to drive is a units slip, not a business: say so up front
        ratio = float(f"{spent / sold:.3g}")   # three figures, said plainly ("105,000×", not "1.05e+05×")
        notes.append(f"media spend adds up to {ratio:,.0f}× sales — check that spend and sales are in the same "
                     "units (e.g. both in dollars, not one in thousands)")

    return Dataset(
        dates=pd.DatetimeIndex(weekly.index, name="date"),
        sales=sales_values,
        spend=spend_values,
        channels=channels,
        spend_columns=tuple(spend_columns),
        target="revenue" if revenue_note else target,
        controls=weekly[control_names].to_numpy(dtype=float) if control_names else np.empty((n, 0)),
        control_names=tuple(control_names),
        source=path_text,
        money_scale=1.0,
        warnings=tuple(" ".join(note.split()) for note in notes),
        unmeasurable=unmeasurable,
        kpi_unit=kpi,
        revenue_note=revenue_note,
        unit_value=unit_value,
        panel=panel,
        column_roles=column_roles(frame.columns, date_column, target, spend_columns, control_names, geo_column,
                                  {**({rpc_column: f"value per unit (sales = {target} × it)"} if rpc_column else {}),
                                   **({pop_column: "population (spend per head)"} if pop_column and panel else {})}),
        filled=tuple((column, count, how) for column, count, how in filled if column in set(spend_columns) | set(control_names)),
    )


def _national(panel: Panel, weeks: pd.DatetimeIndex, target: str, spend: list[str], controls: list[str]) -> pd.DataFrame:
    """National weekly rows from a panel: sales and spend summed over markets, controls averaged."""
    out = pd.DataFrame({_DATE: weeks, target: panel.sales.sum(axis=1)})
    for j, column in enumerate(spend):
        out[column] = panel.spend[:, :, j].sum(axis=1)
    for j, column in enumerate(controls):
        out[column] = panel.controls[:, :, j].mean(axis=1)
    return out


IMPLAUSIBLE_SPEND = 1000.0   # a week this many times the channel's typical week …
IMPLAUSIBLE_GAP = 100.0      # … and this many times its next-largest week is a typo, not a burst


def _refuse_implausible_spend(path_text: str, weeks: pd.DatetimeIndex, spend: np.ndarray,
                              columns: list[str] | tuple[str, ...]) -> None:
    """One clear line for a spend cell no plan could have: a single week 1,000x the channel's typical week
    and 100x any other week (a 1e15 typed into tv_spend loaded with only a units warning and printed
    "TV $0.00 per $1 on $1.00e+15 of spend"). A real burst is never that far from every other week."""
    for j, column in enumerate(columns):
        values = spend[:, j]
        positive = np.sort(values[values > 0])
        if len(positive) < 5:
            continue
        top, second, typical = float(positive[-1]), float(positive[-2]), float(np.median(positive))
        if top > IMPLAUSIBLE_SPEND * typical and top > IMPLAUSIBLE_GAP * second:
            week = weeks[int(np.argmax(values))]
            raise refuse(path_text, f"'{column}' has an implausible spend of {top:,.6g} in the week of {week:%Y-%m-%d}, "
                         f"{float(f'{top / typical:.3g}'):,.0f}× its typical week ({typical:,.6g})",
                         "correct that cell (a typo or a units slip?) or leave it empty, then run again")
