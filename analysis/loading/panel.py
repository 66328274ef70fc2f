"""Long (date, geo, …) files kept as a market panel, and KPI columns turned into money.

`build_panel` lays the rows on a week × market grid by label, never by position, so a market that
starts late or skips a week cannot shift another market's weeks. `revenue_column` and
`kpi_unit` decide whether the target is money or a count.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.loading.read import refuse, show
from analysis.naming import normalize
from analysis.panel.data import Panel

MIN_MARKET_WEEKS = 26     # a market with fewer observed weeks says little about its own baseline
_RPC = re.compile(r"^(?:revenue|rev|value|price|aov|sales)_per_(?:conversion|kpi|unit|order|sale|install|lead|"
                  r"signup|acquisition|transaction|customer|booking|subscription|download|case)s?$"
                  r"|^(?:average_order_value|aov|revenue_per_kpi|unit_price|avg_order_value)$")
_POPULATION = frozenset({"population", "pop", "households", "population_size", "audience_size", "people",
                         "inhabitants", "market_size", "geo_population"})
_COUNT_NAMES = {"conversions": "conversions", "conversion": "conversions", "units": "units",
                "units_sold": "units sold", "orders": "orders", "installs": "installs", "app_installs": "installs",
                "signups": "sign-ups", "sign_ups": "sign-ups", "leads": "leads", "transactions": "transactions",
                "customers": "customers", "new_customers": "new customers", "subscriptions": "subscriptions",
                "subscribers": "subscribers", "downloads": "downloads", "bookings": "bookings",
                "acquisitions": "acquisitions", "visits": "visits", "registrations": "registrations",
                "purchases": "purchases", "applications": "applications", "quotes": "quotes", "cases": "cases",
                "cases_sold": "cases sold", "accounts": "accounts", "policies": "policies", "members": "members"}
_PER_UNIT = re.compile(r"^(?:revenue|rev|value|price|sales)_per_(?P<unit>[a-z_]+?)s?$")
_COUNT_QUALIFIERS = frozenset({"app", "new", "total", "net", "gross", "online", "web", "weekly", "paid", "mobile",
                               "current", "savings", "checking"})
# words after the counted noun that only say what happened to it: "accounts_opened", "policies_sold", "leads_count"
_COUNT_AFTER = frozenset({"opened", "count", "acquired", "won", "created", "booked", "started"})


def _count_noun(column: str) -> str:
    """The noun a column counts, singular: 'new_current_accounts' and 'accounts_opened' count 'account'."""
    words = normalize(column).split("_")
    while len(words) > 1 and words[-1] in _COUNT_AFTER:
        words = words[:-1]
    return words[-1].removesuffix("s")


def revenue_column(frame: pd.DataFrame, exclude: set[str], target: str | None = None) -> str | None:
    """A revenue-per-KPI column (revenue_per_conversion, value_per_order, aov, …), if any; also revenue per the
    target's own unit (`revenue_per_case` beside `cases`), whatever the unit is called."""
    for column in frame.columns:
        if column not in exclude and _RPC.match(normalize(column)):
            return column
    if target is None:
        return None
    names = {normalize(target).removesuffix("s"), _count_noun(target)}
    for column in frame.columns:
        found = _PER_UNIT.match(normalize(column))
        if column not in exclude and found and found["unit"].removesuffix("s") in names:
            return column
    return None


def priced_count(frame: pd.DataFrame, exclude: set[str]) -> str | None:
    """The one column a revenue-per-unit column prices, when no column is named like sales: `revenue_per_account`
    beside `new_current_accounts` says the file's outcome is accounts, and that they are worth money."""
    units = {found["unit"].removesuffix("s") for column in frame.columns
             if column not in exclude and (found := _PER_UNIT.match(normalize(column)))}
    counts = [column for column in frame.columns if column not in exclude and not _PER_UNIT.match(normalize(column))
              and _count_noun(column) in units]
    return counts[0] if len(counts) == 1 else None


def population_column(frame: pd.DataFrame, exclude: set[str]) -> str | None:
    for column in frame.columns:
        if column not in exclude and normalize(column) in _POPULATION:
            return column
    return None


def kpi_unit(target: str) -> str | None:
    """The plural noun for a count target ("conversions"), or None when the target reads as money. Words that only
    qualify the count are read past ("app_signups", "new_leads", "total_orders")."""
    words = normalize(target).split("_")
    while len(words) > 1 and words[0] in _COUNT_QUALIFIERS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _COUNT_AFTER:
        words = words[:-1]
    return _COUNT_NAMES.get(normalize(target)) or _COUNT_NAMES.get("_".join(words))


def weekly_grid(dates: pd.Series) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex] | None:
    """Each row's week start and the full weekly grid, or None when the rows are not weekly."""
    stamps = pd.DatetimeIndex(dates).normalize()
    unique = stamps.unique().sort_values()
    if len(unique) < 2:
        return None
    gaps = np.diff(unique.values.astype("datetime64[D]").astype(np.int64))
    if not 6 <= float(np.median(gaps)) <= 8:
        return None
    anchor = int(pd.Series(stamps.day_of_week).mode().iloc[0])
    week = stamps - pd.to_timedelta((stamps.day_of_week - anchor) % 7, unit="D")
    return week, pd.date_range(week.min(), week.max(), freq="7D")


def build_panel(work: pd.DataFrame, date: str, geo: str, geo_column: str, target: str, spend: list[str],
                controls: list[str], population: np.ndarray | None, population_name: str | None,
                path: str, notes: list[str], value: np.ndarray | None = None) -> tuple[Panel, pd.DatetimeIndex] | None:
    """The panel and its weeks, or None when the rows are not weekly (the caller sums them instead)."""
    labels = work[geo].astype("string").str.strip()
    if labels.isna().any() or (labels == "").any():
        row = int(np.flatnonzero((labels.isna() | (labels == "")).to_numpy())[0])
        raise refuse(path, f"column '{geo_column}' is empty in data row {row + 1}, so that row belongs to no market",
                     "fill in the market name or delete the row")
    per_market = None if population is None else pd.Series(np.asarray(population, dtype=float)).groupby(
        labels.to_numpy()).mean()
    daily = _days_to_weeks(work, labels, date, target, spend, controls, value, notes)
    if daily is not None:
        work, labels, value = daily
    grid = weekly_grid(work[date])
    if grid is None:
        return None
    week, weeks = grid
    key = pd.DataFrame({"week": week, "geo": labels.to_numpy()}, index=work.index)
    clash = key.duplicated(keep=False)
    if clash.any():
        first = key[clash].iloc[0]
        rows = [int(i) + 1 for i in key.index[(key["week"] == first["week"]) & (key["geo"] == first["geo"])]]
        raise refuse(path, f"market {show(first['geo'])} has {len(rows)} rows for the week of {first['week']:%Y-%m-%d} "
                           f"(data rows {', '.join(map(str, rows[:4]))})",
                     "keep one row per market and week (sum daily rows to weeks first)")
    markets = sorted(key["geo"].unique(), key=_natural)
    t_index = weeks.get_indexer(pd.Index(key["week"]))
    g_index = pd.Index(markets).get_indexer(pd.Index(key["geo"]))
    shape = (len(weeks), len(markets))
    sales_values = work[target].to_numpy(dtype=float)
    observed = np.zeros(shape, dtype=bool)
    observed[t_index, g_index] = ~np.isnan(sales_values)
    sales = np.zeros(shape)
    sales[t_index, g_index] = np.nan_to_num(sales_values)
    value_grid = np.ones(shape)
    if value is not None:
        value_grid[t_index, g_index] = np.nan_to_num(np.asarray(value, dtype=float), nan=1.0)
        fill = np.nanmean(np.where(value_grid > 0, value_grid, np.nan), axis=0)
        value_grid = np.where(value_grid > 0, value_grid, np.nan_to_num(fill, nan=1.0)[None, :])
    spend_cube = np.zeros(shape + (len(spend),))
    for j, column in enumerate(spend):
        spend_cube[t_index, g_index, j] = work[column].to_numpy(dtype=float)
    control_cube = np.zeros(shape + (len(controls),))
    for j, column in enumerate(controls):
        cells = np.full(shape, np.nan)
        cells[t_index, g_index] = work[column].to_numpy(dtype=float)
        fill = np.nanmean(cells, axis=0)
        control_cube[:, :, j] = np.where(np.isnan(cells), np.nan_to_num(fill)[None, :], cells)

    counts = observed.sum(axis=0)
    thin = [m for m, c in zip(markets, counts) if c < MIN_MARKET_WEEKS]
    if thin:
        notes.append(f"left out {len(thin)} market(s) with fewer than {MIN_MARKET_WEEKS} weeks of sales "
                     f"({', '.join(map(str, thin[:5]))}{', …' if len(thin) > 5 else ''})")
    keep = counts >= MIN_MARKET_WEEKS
    if keep.sum() < 2:
        return None
    markets = [m for m, k in zip(markets, keep) if k]
    observed, sales, spend_cube, control_cube = observed[:, keep], sales[:, keep], spend_cube[:, keep], control_cube[:, keep]
    value_grid = value_grid[:, keep]
    live = observed.any(axis=1)
    observed, sales, spend_cube, control_cube = observed[live], sales[live], spend_cube[live], control_cube[live]
    value_grid = value_grid[live]
    weeks = weeks[np.flatnonzero(live)]
    _describe_gaps(observed, markets, weeks, notes)

    if per_market is not None:
        people = per_market.reindex(markets).to_numpy(dtype=float)
        if not (np.isfinite(people) & (people > 0)).all():
            raise refuse(path, f"population column '{population_name}' is missing, zero or negative for some markets",
                         "fill in each market's population (people or households)")
        size, source = people, f"column '{population_name}'"
    else:
        size = sales.sum(axis=0) / np.maximum(observed.sum(axis=0), 1)
        if not (size > 0).all():
            size = np.maximum(size, max(float(size.max()), 1.0) * 1e-3)
        source = "average sales per market (no population column)"
    notes.append(f"read {len(markets)} markets in column '{geo_column}' as a panel ({len(weeks)} weeks each): "
                 f"market baselines are kept separate and media curves are shared per head of "
                 f"{'population' if population is not None else 'market size (average sales)'}; "
                 f"answers add the markets up to national totals (pass --geo NAME to model one market)")
    panel = Panel(tuple(str(m) for m in markets), size, source, sales, spend_cube, control_cube, observed, geo_column,
                  value_grid)
    return panel, pd.DatetimeIndex(weeks, name="date")


def _days_to_weeks(work: pd.DataFrame, labels: pd.Series, date: str, target: str, spend: list[str],
                   controls: list[str], value: np.ndarray | None, notes: list[str]
                   ) -> tuple[pd.DataFrame, pd.Series, np.ndarray | None] | None:
    """Daily rows summed into Monday weeks per market (controls averaged); weeks at either end that
    are shorter than a full week are dropped. None when the rows are not daily."""
    stamps = pd.DatetimeIndex(work[date]).normalize()
    unique = stamps.unique().sort_values()
    if len(unique) < 2 or np.median(np.diff(unique.values.astype("datetime64[D]").astype(np.int64))) >= 6:
        return None
    week = stamps - pd.to_timedelta(stamps.day_of_week, unit="D")
    frame = work[[target, *spend, *controls]].copy()
    frame["__kpi__"] = frame[target] / (value if value is not None else 1.0)
    keys = [labels.to_numpy(), np.asarray(week)]
    grouped = frame.groupby(keys, sort=True)
    out = grouped[[*spend, "__kpi__"]].sum()
    out[target] = grouped[target].sum(min_count=1)
    for column in controls:
        out[column] = grouped[column].mean()
    days = grouped.size()
    ends = {unique[0] - pd.Timedelta(days=unique[0].day_of_week), unique[-1] - pd.Timedelta(days=unique[-1].day_of_week)}
    partial = days.index.get_level_values(1).isin(list(ends)) & (days < days.max()).to_numpy()
    out = out.loc[~partial]
    notes.append(f"daily rows were summed into weeks starting Monday per market (spend and sales summed, controls "
                 f"averaged){'; dropped incomplete weeks at the ends' if partial.any() else ''}")
    rebuilt = out.reset_index(names=["__geo__", date])
    new_value = (rebuilt[target] / rebuilt["__kpi__"].where(rebuilt["__kpi__"] != 0)).to_numpy(dtype=float) \
        if value is not None else None
    return rebuilt, rebuilt["__geo__"].astype("string"), new_value


def _describe_gaps(observed: np.ndarray, markets: list[str], weeks: pd.DatetimeIndex, notes: list[str]) -> None:
    if observed.all():
        return
    late, holes = [], 0
    for g, market in enumerate(markets):
        seen = np.flatnonzero(observed[:, g])
        span = seen[-1] - seen[0] + 1
        holes += int(span - len(seen))
        if seen[0] > 0 or seen[-1] < len(weeks) - 1:
            late.append(f"{market} {weeks[seen[0]]:%Y-%m-%d} to {weeks[seen[-1]]:%Y-%m-%d}")
    if late:
        notes.append(f"{len(late)} market(s) cover only part of the period ({'; '.join(late[:3])}"
                     f"{'; …' if len(late) > 3 else ''}); their other weeks are left out of the fit")
    if holes:
        notes.append(f"{holes} market-week(s) inside a market's period have no sales; they are left out of the fit "
                     f"and their spend counts as 0 for carry-over")


def _natural(label: str) -> tuple[int | str, ...]:
    """Geo2 before Geo10."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", str(label)))
