"""Cell-level parsing for the CSV loader: numbers written by people, and dates in several formats."""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

MISSING_WORDS = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "—", "#n/a", "nil", "missing", "?", "."})
_BOOLEAN = {"true": 1.0, "false": 0.0, "yes": 1.0, "no": 0.0, "y": 1.0, "n": 0.0, "t": 1.0, "f": 0.0}

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T].*)?$")
_COMPACT = re.compile(r"^(19|20)\d{6}$")
# a week's label before its date in report exports: "Week of 01 Aug 2022", "Week commencing 2024-01-01", "w/c 01/08/2022"
_WEEK_LABEL = re.compile(r"(?i)^\s*(?:week\s+(?:of|commencing|beginning|starting|ending)|w/[cbe])\s*[:\-]?\s*")
_TEXT_MONTH = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b")


@dataclass(frozen=True)
class Numbers:
    """A column converted to floats; `bad` is the position of the first cell that is not a number."""

    values: np.ndarray
    missing: np.ndarray          # bool: the cell was empty or a word like "NA"
    bad: int | None              # first position whose text is not a number
    reformatted: bool            # currency signs, thousands separators or percent signs were removed


def is_text_column(series: pd.Series) -> bool:
    """Whether pandas left the column as text (so its cells still need parsing)."""
    return not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series))


def to_numbers(series: pd.Series, decimal_comma: bool, booleans: bool = False) -> Numbers:
    """Parse a column as numbers: "1,234.5", "$1,234", "(12)", "15%", "1.234,5" (decimal comma)."""
    if not is_text_column(series):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        return Numbers(values, np.isnan(values), None, False)
    text = series.astype("string").str.strip()
    lower = text.str.lower()
    missing = (text.isna() | lower.isin(MISSING_WORDS)).to_numpy(dtype=bool)
    cleaned = text.str.replace(r"[\s\u00a0$€£¥']", "", regex=True)
    cleaned = cleaned.str.replace(r"^\((.+)\)$", r"-\1", regex=True).str.replace(r"%$", "", regex=True)
    if decimal_comma:
        grouping_ok = cleaned.str.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+(,\d*)?") | ~cleaned.str.contains(".", regex=False)
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        grouping_ok = cleaned.str.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d*)?") | ~cleaned.str.contains(",", regex=False)
        cleaned = cleaned.str.replace(",", "", regex=False)
    values = pd.to_numeric(cleaned.where(grouping_ok.fillna(True)), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if booleans:
        flags = lower.map(_BOOLEAN).to_numpy(dtype=float, na_value=np.nan)
        values = np.where(np.isnan(values), flags, values)
    values[~np.isfinite(values)] = np.nan
    bad_mask = np.isnan(values) & ~missing
    bad = int(np.argmax(bad_mask)) if bad_mask.any() else None
    reformatted = bool((cleaned.fillna("") != text.fillna("")).any())
    return Numbers(values, missing, bad, reformatted)


def looks_like_dates(series: pd.Series, sample: int = 10) -> bool:
    """Whether the first non-empty values of a column are written like dates."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return True
    values = series.dropna().head(sample)
    if values.empty:
        return False
    if not is_text_column(series):
        return bool(pd.api.types.is_integer_dtype(series) and values.astype(str).str.fullmatch(_COMPACT.pattern).all())
    text = values.astype(str).str.replace(_WEEK_LABEL, "", regex=True).str.strip()
    return bool(text.map(lambda v: bool(_ISO.match(v) or _DMY.match(v) or
                                         (_TEXT_MONTH.search(v) and re.search(r"\d", v)))).all())


def is_excel_serial(series: pd.Series) -> bool:
    """Whole numbers between 1954 and 2064 as Excel day counts (what a date cell becomes in a bad export)."""
    if is_text_column(series):
        return False
    values = series.dropna().to_numpy(dtype=float)
    return bool(len(values)) and bool(((values >= 20_000) & (values <= 60_000) & (values == np.round(values))).all())


@dataclass(frozen=True)
class Dates:
    """Parsed dates (NaT where a cell was empty), how they were read, and the first unreadable cell."""

    values: pd.DatetimeIndex
    empty: np.ndarray
    bad: int | None
    note: str | None             # e.g. "dates read as day/month/year"
    ambiguous: bool = False      # d/m vs m/d cannot be told apart and no dayfirst was given


def _expand_year(year: pd.Series) -> pd.Series:
    short = (year.str.len() == 2).fillna(False).to_numpy(dtype=bool)     # NA where a row is not d/m/y
    value = pd.to_numeric(year, errors="coerce").astype(float)
    return value.where(~short, np.where(value < 69, 2000 + value, 1900 + value))


def _iso_text(text: pd.Series) -> pd.Series:
    return text.str.replace(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})", r"\1-\2-\3", regex=True)


def _iso_or_dmy(present: pd.Series) -> bool:
    """Every cell is year-first or day/month-first, both kinds present (mixed by pandas, d/m would read as m/d)."""
    iso, dmy = present.str.match(_ISO.pattern), present.str.match(_DMY.pattern)
    return bool((iso | dmy).all() and dmy.any())


def parse_dates(series: pd.Series, dayfirst: bool | None) -> Dates:
    """Read a date column: ISO, d/m/y or m/d/y (told apart by a part above 12), yyyymmdd, or text months."""
    if pd.api.types.is_datetime64_any_dtype(series):
        values = pd.DatetimeIndex(series)
        return Dates(values, np.asarray(values.isna()), None, None)
    if is_excel_serial(series) and not series.dropna().astype("int64").astype(str).str.fullmatch(_COMPACT.pattern).all():
        days = pd.to_timedelta(series.to_numpy(dtype=float), unit="D")
        values = pd.DatetimeIndex(pd.Timestamp("1899-12-30") + days)
        excel_note = f"dates were Excel day numbers (e.g. {int(series.dropna().iloc[0])} = {values.dropna()[0]:%Y-%m-%d})"
        return _finish(values, np.asarray(series.isna()), excel_note)
    text = series.astype("string").str.replace(_WEEK_LABEL, "", regex=True).str.strip()
    empty = (text.isna() | text.str.lower().isin(MISSING_WORDS)).to_numpy(dtype=bool)
    present = text[~empty]
    note: str | None = None
    ambiguous = False
    if not is_text_column(series) or present.str.fullmatch(_COMPACT.pattern).all():
        iso = text.str.replace(r"^(\d{4})(\d{2})(\d{2})$", r"\1-\2-\3", regex=True)
    elif present.str.match(_ISO.pattern).all():
        iso = _iso_text(text)
    elif present.str.match(_DMY.pattern).mean() > 0.5 or _iso_or_dmy(present):
        parts = text.str.extract(_DMY.pattern)
        first = pd.to_numeric(parts[0], errors="coerce")
        second = pd.to_numeric(parts[1], errors="coerce")
        if dayfirst is None:
            first_big, second_big = int((first > 12).sum()), int((second > 12).sum())
            if first_big == 0 and second_big == 0:
                ambiguous = True
            dayfirst = first_big >= second_big
            if not ambiguous:
                note = ("dates read as day/month/year" if dayfirst else "dates read as month/day/year") + \
                    f" (e.g. {present.iloc[int(np.argmax((first if dayfirst else second)[~empty].to_numpy() > 12))]})"
        day, month = (first, second) if dayfirst else (second, first)
        year = _expand_year(parts[2])
        iso = year.astype("Int64").astype("string") + "-" + month.astype("Int64").astype("string") + "-" + \
            day.astype("Int64").astype("string")
        written_iso = text.str.match(_ISO.pattern).fillna(False).to_numpy(dtype=bool)
        if written_iso.any():      # an export that changed format part-way: each row read in its own format
            iso = iso.where(~written_iso, _iso_text(text))
            other = present[~present.str.match(_ISO.pattern)]
            both = f"dates written two ways ({text[written_iso].iloc[0]} and {other.iloc[0]}); each row read in its own format"
            note = f"{note}; {both}" if note else both
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = pd.DatetimeIndex(pd.to_datetime(text, format="mixed", dayfirst=bool(dayfirst), errors="coerce"))
        return _finish(values, empty, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = pd.DatetimeIndex(pd.to_datetime(iso, format="ISO8601", errors="coerce", utc=False))
    return _finish(values, empty, note, ambiguous)


def _finish(values: pd.DatetimeIndex, empty: np.ndarray, note: str | None, ambiguous: bool = False) -> Dates:
    if values.tz is not None:
        values = values.tz_localize(None)
    # Years far outside any marketing history are typos (and would break date formatting).
    # pandas-stubs type DatetimeIndex.where as a plain Index; at runtime it stays a DatetimeIndex
    values = cast(pd.DatetimeIndex, values.where((values.year >= 1900) & (values.year <= 2100)))
    bad_mask = values.isna() & ~empty
    bad = int(np.argmax(bad_mask)) if bad_mask.any() else None
    return Dates(values, empty, bad, note, ambiguous)
