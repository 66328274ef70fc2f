"""Rows to weeks: a loaded table's rows summed into one row per week (geographies summed to national totals,
daily or irregular dates into weeks), each step said in a note, files that cannot be read as weeks refused."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.loading.read import columns_list, refuse

DATE_KEY = "__date__"   # the loader's own column names for the parsed date and the geography
GEO_KEY = "__geo__"


def _aggregate(work: pd.DataFrame, key: pd.Series | np.ndarray | pd.DatetimeIndex, spend: list[str], target: str,
               controls: list[str]) -> pd.DataFrame:
    """Sum spend and sales (a missing sales cell makes the group's sales missing), average controls."""
    grouped = work.groupby(key, sort=True)
    out = grouped[spend].sum()
    sales = grouped[target].sum(min_count=1)
    any_missing = work[target].isna().groupby(key, sort=True).any()
    out[target] = sales.where(~any_missing)
    for column in controls:
        out[column] = grouped[column].mean()
    out["__rows__"] = grouped.size()
    return out


def combine_geos(work: pd.DataFrame, geo: str | None, spend: list[str], target: str, controls: list[str],
                 path: str, notes: list[str]) -> pd.DataFrame:
    counts = work[DATE_KEY].value_counts()
    if (counts == 1).all():
        return work
    if geo is not None:
        levels = work[GEO_KEY].astype("string").dropna().unique()
        per_date = work.groupby(DATE_KEY)[GEO_KEY].nunique()
        if per_date.min() < per_date.max():
            notes.append(f"{int((per_date < per_date.max()).sum())} date(s) lack rows for some geographies; "
                         f"their national totals cover fewer regions")
        out = _aggregate(work, work[DATE_KEY], spend, target, controls)
        out = out.drop(columns="__rows__").rename_axis(DATE_KEY).reset_index()
        notes.append(f"summed {len(levels)} geographies in column '{geo}' ({columns_list(levels)}) to national weekly "
                     f"totals (spend and sales summed, controls averaged); pass --geo NAME to model one")
        return out
    if (counts > 1).all():
        raise refuse(path, f"every date appears {int(counts.min())} or more times and there is no geo/region column",
                     "add a 'geo' column naming each region's rows, or sum the file to one row per week")
    duplicated = work.duplicated(subset=[c for c in work.columns], keep="first")
    if duplicated.any():
        work = work.loc[~duplicated]
        notes.append(f"dropped {int(duplicated.sum())} exact duplicate row(s)")
        counts = work[DATE_KEY].value_counts()
    if (counts > 1).any():
        date = counts[counts > 1].index.min()
        rows = [int(label) + 1 for label in work.index[work[DATE_KEY] == date]]
        raise refuse(path, f"date {date:%Y-%m-%d} appears in data rows {', '.join(map(str, rows))} with different values",
                     "keep one row per date (or add a geo column if the rows are regions)")
    return work


def to_weeks(work: pd.DataFrame, spend: list[str], target: str, controls: list[str], path: str,
             notes: list[str]) -> pd.DataFrame:
    dates = pd.DatetimeIndex(work[DATE_KEY]).normalize()
    unique = dates.unique().sort_values()
    seconds = unique.values.astype("datetime64[s]").astype(np.int64)
    gaps = np.diff(seconds) / 86_400 if len(unique) > 1 else np.array([7.0])
    median_gap = float(np.median(gaps))
    if median_gap > 10:
        kind = "monthly" if 25 <= median_gap <= 35 else f"{median_gap:.0f} days apart"
        raise refuse(path, f"dates are {kind if kind != 'monthly' else 'monthly (about 30 days apart)'} "
                           f"from {unique[0]:%Y-%m-%d} to {unique[-1]:%Y-%m-%d}",
                     "MMM needs weekly (or daily) rows; export the data by week")
    daily = median_gap < 6
    anchor = 0 if daily else int(pd.Series(dates.day_of_week).mode().iloc[0])
    week = dates - pd.to_timedelta((dates.day_of_week - anchor) % 7, unit="D")
    day_name = pd.Timestamp("2024-01-01") + pd.Timedelta(days=anchor)
    if len(week.unique()) == len(work) and (week == dates).all():
        out = work.set_index(DATE_KEY)
        out.index = week
    else:
        out = _aggregate(work, week, spend, target, controls)
        rows = out.pop("__rows__")
        what = "daily rows were" if daily else "rows on irregular dates were"
        extra = ""
        if daily:
            full = int(rows.max())
            partial = [i for i in (0, len(rows) - 1) if rows.iloc[i] < full]
            if partial:
                out = out.drop(index=rows.index[sorted(set(partial))])
                extra = f"; dropped {len(set(partial))} incomplete week(s) at the ends"
        notes.append(f"{what} summed into {len(out)} weeks starting {day_name:%A} "
                     f"(spend and sales summed, controls averaged){extra}")
    out.index = pd.DatetimeIndex(out.index, name="date")
    grid = pd.date_range(out.index[0], out.index[-1], freq="7D")
    missing = grid.difference(out.index)
    if len(missing):
        shown = ", ".join(f"{d:%Y-%m-%d}" for d in missing[:3]) + (", …" if len(missing) > 3 else "")
        notes.append(f"{len(missing)} week(s) have no row ({shown}); they are left out, not filled — "
                     f"add them (spend 0 if nothing was spent) if you have their sales")
    return out
