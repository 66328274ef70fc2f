"""Period drivers: roll sales up by week, quarter or year and split a period's change into its causes.

A period's change versus the one before (and the same period a year earlier) is split with
the fitted decomposition: actual = intercept + trend + seasonality + controls + channels +
residual, so the parts ("unexplained" is the residual) add up to the change exactly.
Periods are compared on average weekly sales, so a 14-week quarter is not favoured over a
13-week one; totals are reported alongside.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

import numpy as np
import pandas as pd

from analysis.errors import InfeasibleError

if TYPE_CHECKING:
    from analysis.dataset import Dataset
    from analysis.model import MMMFit

Granularity = Literal["year", "half", "quarter", "month", "week", "season"]
MONTHS_PER = {"year": 12, "half": 6, "quarter": 3, "month": 1, "season": 3}
COUNT_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12, "season": 4}
# Meteorological seasons (northern hemisphere): 1 winter (Dec–Feb, counted in the year of its January),
# 2 spring (Mar–May), 3 summer (Jun–Aug), 4 autumn (Sep–Nov).
SEASONS = ("winter", "spring", "summer", "autumn")
SPIKE_SIGMAS = 3.0


@dataclass(frozen=True)
class PeriodSpec:
    """A period as the user names it: "Q4 2023" = ("quarter", 4, 2023); "last quarter" = relative "last".

    With no year, the latest complete period with that index is meant; relative "this" is the
    period holding the latest week, "last" the latest complete one, "previous" the one before it.
    An index with a relative names that part of the relative year: ("half", 2, relative="last") is
    "the second half of last year".
    """

    granularity: Granularity
    index: int | None = None
    year: int | None = None
    relative: str | None = None


@dataclass(frozen=True)
class PeriodComparison:
    """How one period's average weekly sales differ from another's, split into causes.

    `parts` are (name, change in average weekly sales, percentage points of the comparison
    period's sales); the points add up to `delta_pct`. Names: "trend", "seasonality", each
    channel, "controls", "unexplained".
    """

    label: str
    compare_label: str
    sales: float                 # average weekly actual sales in the period
    compare_sales: float
    delta: float
    delta_pct: float
    parts: tuple[tuple[str, float, float], ...]
    weeks: int
    compare_weeks: int
    total_sales: float
    compare_total_sales: float
    # each control column's share of the "controls" part, in the same units ("what did the price change do?"):
    # changes between the two periods, the only reading of a control's effect that does not hang on its level
    control_parts: tuple[tuple[str, float, float], ...] = ()

    def part(self, name: str) -> tuple[str, float, float]:
        return next(p for p in self.parts if p[0] == name)


@dataclass(frozen=True)
class PeriodDrivers:
    """What drove a period: versus the period before, and versus the same period a year earlier."""

    label: str
    compare_label: str
    sales: float
    compare_sales: float
    delta: float
    delta_pct: float
    parts: tuple[tuple[str, float, float], ...]
    previous: PeriodComparison
    yoy: PeriodComparison | None
    start: pd.Timestamp
    end: pd.Timestamp
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodRow:
    """One period of a roll-up: totals of actual sales, spend, media contribution and baseline."""

    label: str
    start: pd.Timestamp
    end: pd.Timestamp
    weeks: int
    complete: bool
    sales: float
    fitted: float
    spend: float
    media_contribution: float
    baseline: float
    channel_spend: tuple[tuple[str, float], ...]
    channel_contribution: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Spike:
    """A week the model cannot explain: |residual| above 3 sigma."""

    date: pd.Timestamp
    actual: float
    expected: float
    residual: float
    sigmas: float
    direction: Literal["spike", "drop"]


@dataclass(frozen=True)
class TrendSummary:
    """Growth, seasonality and unexplained spikes, read off the fitted decomposition."""

    annual_growth_pct_trend: float          # the trend component's yearly change as % of mean baseline
    annual_growth_pct_actual: float | None  # last 52 weeks vs the 52 before, actual sales (None if < 104 weeks)
    growing: Literal["growing", "declining", "flat"]
    quarter_profile: tuple[tuple[int, float], ...]   # (quarter, mean seasonal effect as % of baseline)
    peak_quarter: int
    trough_quarter: int
    seasonal_amplitude_pct: float           # peak-to-trough quarter swing, % of mean baseline
    seasonality_material: bool
    seasonality_p_value: float
    spikes: tuple[Spike, ...]
    weeks: int
    years_covered: float
    # the quarters actual sales are highest and lowest in on average (season, controls such as temperature, media
    # and trend together): the seasonal component alone is the calendar's pattern beyond the controls
    sales_peak_quarter: int = 0
    sales_trough_quarter: int = 0


# --- periods -------------------------------------------------------------------------------------

def _dates(fit_or_dataset: MMMFit | Dataset) -> pd.DatetimeIndex:
    dataset = cast("Dataset", getattr(fit_or_dataset, "dataset", fit_or_dataset))   # a fit carries its dataset
    return pd.DatetimeIndex(dataset.dates)


def _relative_year(dates: pd.DatetimeIndex, relative: str) -> int:
    """The calendar year "this", "last" or "previous" year names (last = the latest complete one)."""
    year = dates[-1].year
    if relative == "this":
        return year
    if not _complete(dates, *_bounds("year", year, 1)):
        year -= 1
    if relative == "previous":
        return year - 1
    if relative != "last":
        raise InfeasibleError(f"unknown relative period {relative!r}; use 'this', 'last' or 'previous'.")
    return year


def _bounds(granularity: str, year: int, index: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    if granularity == "year":
        return pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    months = MONTHS_PER[granularity]
    if granularity == "season":   # winter starts in the December before its year
        start = pd.Timestamp(year, 1, 1) + pd.DateOffset(months=3 * (index - 1) - 1)
        return start, start + pd.DateOffset(months=3) - pd.Timedelta(days=1)
    start = pd.Timestamp(year, 1 + (index - 1) * months, 1)
    end = start + pd.DateOffset(months=months) - pd.Timedelta(days=1)
    return start, end


def _label(granularity: str, year: int, index: int) -> str:
    if granularity == "year":
        return str(year)
    if granularity == "half":
        return f"H{index} {year}"
    if granularity == "quarter":
        return f"Q{index} {year}"
    if granularity == "season":
        return f"Winter {year - 1}/{str(year)[-2:]}" if index == 1 else f"{SEASONS[index - 1].capitalize()} {year}"
    return pd.Timestamp(year, index, 1).strftime("%b %Y")


def _period_of(granularity: str, date: pd.Timestamp) -> tuple[int, int]:
    if granularity == "year":
        return date.year, 1
    if granularity == "season":
        ahead = date + pd.DateOffset(months=1)   # December belongs to the next year's winter
        return ahead.year, (ahead.month - 1) // 3 + 1
    return date.year, (date.month - 1) // MONTHS_PER[granularity] + 1


def _shift(granularity: str, year: int, index: int, steps: int) -> tuple[int, int]:
    per = COUNT_PER_YEAR[granularity]
    flat = year * per + (index - 1) + steps
    return flat // per, flat % per + 1


def _mask(dates: pd.DatetimeIndex, start: pd.Timestamp, end: pd.Timestamp) -> np.ndarray:
    return np.asarray((dates >= start) & (dates <= end))


def _complete(dates: pd.DatetimeIndex, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    """Covered from its first to its last week (weekly data: within 6 days of each end)."""
    return dates[0] <= start + pd.Timedelta(days=6) and dates[-1] >= end - pd.Timedelta(days=6)


def _coverage(dates: pd.DatetimeIndex) -> str:
    return f"{dates[0]:%Y-%m-%d} to {dates[-1]:%Y-%m-%d}"


def resolve_period(fit_or_dataset: MMMFit | Dataset, spec: PeriodSpec) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """(start, end, label) of the period a spec names; out of the data's range -> InfeasibleError."""
    dates = _dates(fit_or_dataset)
    g = spec.granularity
    if g == "week":
        return _resolve_week(dates, spec)
    if g not in MONTHS_PER:
        raise InfeasibleError(f"unknown period {g!r}; use year, half, quarter, season, month or week.")
    per = COUNT_PER_YEAR[g]
    if spec.index is not None and not 1 <= spec.index <= per and g != "year":
        raise InfeasibleError(f"a {g} index must be 1–{per}, got {spec.index}.")
    if spec.relative is not None and spec.index is not None and g != "year":
        # "the second half of last year": the index inside the year the relative names
        year = _relative_year(dates, spec.relative)
        index = spec.index
    elif spec.relative is not None:
        year, index = _period_of(g, dates[-1])
        if spec.relative != "this":
            if not _complete(dates, *_bounds(g, year, index)):
                year, index = _shift(g, year, index, -1)
            if spec.relative == "previous":
                year, index = _shift(g, year, index, -1)
            elif spec.relative != "last":
                raise InfeasibleError(f"unknown relative period {spec.relative!r}; use 'this', 'last' or 'previous'.")
    elif spec.year is not None:
        year, index = spec.year, (spec.index or 1) if g != "year" else 1
        if g != "year" and spec.index is None:
            raise InfeasibleError(f"say which {g} of {spec.year} (e.g. {g} 1).")
    else:
        if g == "year":
            year, index = _period_of(g, dates[-1])
            if not _complete(dates, *_bounds(g, year, 1)):
                year -= 1
        else:
            if spec.index is None:
                raise InfeasibleError(f"say which {g} (e.g. Q4 or 'last {g}').")
            year, index = dates[-1].year, spec.index
            while year >= dates[0].year and not _complete(dates, *_bounds(g, year, index)):
                year -= 1
            if year < dates[0].year:   # no complete one: the latest that is covered at all
                year = dates[-1].year if _mask(dates, *_bounds(g, dates[-1].year, index)).any() else dates[-1].year - 1
    start, end = _bounds(g, year, index)
    if not _mask(dates, start, end).any():
        raise InfeasibleError(f"{_label(g, year, index)} is outside the data, which covers {_coverage(dates)}; "
                              "ask about a period inside that range.")
    return start, end, _label(g, year, index)


def _resolve_week(dates: pd.DatetimeIndex, spec: PeriodSpec) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    if spec.relative in (None, "last", "this"):
        i = len(dates) - 1
    elif spec.relative == "previous":
        i = len(dates) - 2
    else:
        raise InfeasibleError(f"unknown relative period {spec.relative!r}; use 'this', 'last' or 'previous'.")
    if spec.index is not None and spec.year is not None:
        iso = dates.isocalendar()
        hits = np.flatnonzero((iso.year.to_numpy() == spec.year) & (iso.week.to_numpy() == spec.index))
        if not hits.size:
            raise InfeasibleError(f"week {spec.index} of {spec.year} is outside the data, which covers "
                                  f"{_coverage(dates)}.")
        i = int(hits[0])
    elif spec.index is not None and spec.relative is None:
        # "from week 30" with no year: the latest week 30 in the data (not the data's last week)
        hits = np.flatnonzero(dates.isocalendar().week.to_numpy() == spec.index)
        if not hits.size:
            raise InfeasibleError(f"week {spec.index} is outside the data, which covers {_coverage(dates)}.")
        i = int(hits[-1])
    if i < 0:
        raise InfeasibleError("the data has only one week; there is no earlier week.")
    start = dates[i]
    return start, start + pd.Timedelta(days=6), f"week of {start:%Y-%m-%d}"


# --- drivers -------------------------------------------------------------------------------------

def _components(fit: MMMFit) -> list[tuple[str, np.ndarray]]:
    d = fit.decomposition
    comps = [("trend", d.intercept + d.trend), ("seasonality", d.seasonality)]
    comps += [(name, d.channels[:, j]) for j, name in enumerate(fit.channel_names)]
    comps += [("controls", d.controls.sum(axis=1) if d.controls.size else np.zeros(len(d.actual))),
              ("unexplained", d.actual - d.fitted)]
    return comps


def _compare(fit: MMMFit, mask: np.ndarray, compare_mask: np.ndarray, label: str, compare_label: str) -> PeriodComparison:
    actual = fit.decomposition.actual
    sales, base = float(actual[mask].mean()), float(actual[compare_mask].mean())
    delta = sales - base
    parts = []
    for name, series in _components(fit):
        change = float(series[mask].mean() - series[compare_mask].mean())
        parts.append((name, change, 100.0 * change / base if base else float("nan")))
    controls = fit.decomposition.controls
    names = fit.dataset.control_names if controls.ndim == 2 and controls.shape[1] == len(fit.dataset.control_names) else ()
    by_control = []
    for j, name in enumerate(names):
        change = float(controls[mask, j].mean() - controls[compare_mask, j].mean())
        by_control.append((name, change, 100.0 * change / base if base else float("nan")))
    return PeriodComparison(label, compare_label, sales, base, delta, 100.0 * delta / base if base else float("nan"),
                            tuple(parts), int(mask.sum()), int(compare_mask.sum()),
                            float(actual[mask].sum()), float(actual[compare_mask].sum()), tuple(by_control))


def period_drivers(fit: MMMFit, spec: PeriodSpec) -> PeriodDrivers:
    """Split the change in average weekly sales into trend, seasonality, channels, controls and unexplained."""
    dates = _dates(fit)
    start, end, label = resolve_period(fit, spec)
    g = spec.granularity
    mask = _mask(dates, start, end)
    warnings = []
    if not _complete(dates, start, end):
        warnings.append(f"{label} is only partly in the data ({int(mask.sum())} weeks); averages use those weeks.")
    if g == "week":
        i = int(np.flatnonzero(mask)[0])
        if i == 0:
            raise InfeasibleError(f"{label} is the first week in the data; there is no earlier week to compare with.")
        prev_mask = np.zeros(len(dates), bool)
        prev_mask[i - 1] = True
        prev_label = f"week of {dates[i - 1]:%Y-%m-%d}"
        yoy_mask = np.zeros(len(dates), bool)
        j = dates.get_indexer(pd.DatetimeIndex([dates[i] - pd.Timedelta(weeks=52)]), method="nearest", tolerance=pd.Timedelta(days=3))[0]
        if j >= 0:
            yoy_mask[j] = True
        yoy_label = f"week of {dates[j]:%Y-%m-%d}" if j >= 0 else ""
    else:
        year, index = _period_of(g, start)
        py, pi = _shift(g, year, index, -1) if g != "year" else (year - 1, 1)
        prev_mask = _mask(dates, *_bounds(g, py, pi))
        prev_label = _label(g, py, pi)
        yoy_mask = _mask(dates, *_bounds(g, year - 1, index))
        yoy_label = _label(g, year - 1, index)
        if g == "year":
            yoy_mask = np.zeros(len(dates), bool)   # the year before *is* the previous period
        if prev_mask.any() and not _complete(dates, *_bounds(g, py, pi)):
            warnings.append(f"{prev_label} is only partly in the data ({int(prev_mask.sum())} weeks).")
    if not prev_mask.any():
        raise InfeasibleError(f"{label} is the first {g} in the data, which starts {dates[0]:%Y-%m-%d}; "
                              "there is no earlier period to compare with.")
    previous = _compare(fit, mask, prev_mask, label, prev_label)
    yoy = _compare(fit, mask, yoy_mask, label, yoy_label) if yoy_mask.any() else None
    return PeriodDrivers(label, prev_label, previous.sales, previous.compare_sales, previous.delta,
                         previous.delta_pct, previous.parts, previous, yoy, start, end, tuple(warnings))


def period_since(fit: MMMFit, spec: PeriodSpec) -> PeriodDrivers:
    """From a period's start to the data's last week ("since March": the latest complete March on), against as many
    weeks just before it and, when the data holds them and the stretch is a year at most, the same weeks a year
    earlier. A stretch, not one calendar period, so neither side is "the March before"."""
    dates = _dates(fit)
    start, _, label = resolve_period(fit, spec)
    mask = np.asarray(dates >= start, dtype=bool)
    first, n = int(np.flatnonzero(mask)[0]), int(mask.sum())
    if first == 0:
        raise InfeasibleError(f"{label} is where the data starts ({dates[0]:%Y-%m-%d}); there is no earlier stretch "
                              "to compare with.")
    before = np.zeros(len(dates), bool)
    before[max(0, first - n):first] = True
    weeks = int(before.sum())
    prev_label = f"the {weeks} weeks before" if weeks > 1 else "the week before"
    previous = _compare(fit, mask, before, f"{label} onwards", prev_label)
    yoy = None
    if first >= 52 and n <= 52:   # longer, the year-earlier weeks would overlap the stretch itself
        ago = np.zeros(len(dates), bool)
        ago[first - 52:first - 52 + n] = True
        yoy = _compare(fit, mask, ago, f"{label} onwards", "the same weeks")   # said "… a year earlier"
    warnings = (f"{prev_label[:1].upper()}{prev_label[1:]} are fewer than the {n} since {label}: the data starts "
                f"{dates[0]:%Y-%m-%d}.",) if weeks < n else ()
    return PeriodDrivers(f"{label} onwards", prev_label, previous.sales, previous.compare_sales, previous.delta,
                         previous.delta_pct, previous.parts, previous, yoy, start, dates[-1], warnings)


def period_against(fit: MMMFit, spec: PeriodSpec, base: PeriodSpec) -> PeriodDrivers:
    """One named period against another named one ("between March and May": May against March), split into the
    same causes as `period_drivers`. With no year, `base` is taken in the year of `spec` (the year before when it
    comes later in the calendar), so the two are one stretch of time, not two unrelated years."""
    dates = _dates(fit)
    start, end, label = resolve_period(fit, spec)
    if base.year is None and base.relative is None and base.index is not None and spec.granularity != "year":
        year, index = _period_of(spec.granularity, start)
        base = PeriodSpec(base.granularity, base.index, year - (1 if base.index > index else 0))
    b_start, b_end, b_label = resolve_period(fit, base)
    mask, b_mask = _mask(dates, start, end), _mask(dates, b_start, b_end)
    warnings = tuple(f"{name} is only partly in the data ({int(m.sum())} weeks); averages use those weeks."
                     for name, m, s, e in ((label, mask, start, end), (b_label, b_mask, b_start, b_end))
                     if not _complete(dates, s, e))
    cmp = _compare(fit, mask, b_mask, label, b_label)
    return PeriodDrivers(label, b_label, cmp.sales, cmp.compare_sales, cmp.delta, cmp.delta_pct, cmp.parts, cmp,
                         None, start, end, warnings)


# --- roll-ups and trend --------------------------------------------------------------------------

def rollup(fit: MMMFit, granularity: Literal["week", "month", "quarter", "half", "year"]) -> tuple[PeriodRow, ...]:
    """Totals per period: actual and fitted sales, spend, media contribution, baseline."""
    d = fit.decomposition
    dates = _dates(fit)
    spend = np.asarray(fit.dataset.spend, dtype=float)
    names = fit.channel_names
    if granularity == "week":
        keys: list[tuple[int, ...]] = [(i,) for i in range(len(dates))]
    elif granularity in MONTHS_PER:
        keys = [_period_of(granularity, t) for t in dates]
    else:
        raise InfeasibleError(f"unknown roll-up {granularity!r}; use week, month, quarter, half or year.")
    rows = []
    baseline = d.baseline
    for key in dict.fromkeys(keys):
        mask = np.array([k == key for k in keys])
        if granularity == "week":
            start = dates[key[0]]
            end, label, complete = start + pd.Timedelta(days=6), f"{start:%Y-%m-%d}", True
        else:
            start, end = _bounds(granularity, *key)
            label, complete = _label(granularity, *key), _complete(dates, start, end)
        rows.append(PeriodRow(
            label, start, end, int(mask.sum()), bool(complete), float(d.actual[mask].sum()),
            float(d.fitted[mask].sum()), float(spend[mask].sum()), float(d.channels[mask].sum()),
            float(baseline[mask].sum()),
            tuple((n, float(spend[mask, j].sum())) for j, n in enumerate(names)),
            tuple((n, float(d.channels[mask, j].sum())) for j, n in enumerate(names)),
        ))
    return tuple(rows)


def trend_summary(fit: MMMFit) -> TrendSummary:
    """Is there growth, is there seasonality, and which weeks does the model not explain?"""
    d = fit.decomposition
    dates = _dates(fit)
    n = len(dates)
    baseline_mean = float(np.mean(d.baseline))
    years = float((dates[-1] - dates[0]).days) / 365.25 if n > 1 else 0.0
    trend = d.intercept + d.trend
    slope_per_year = float(np.polyfit((dates - dates[0]).days.to_numpy(float) / 365.25, trend, 1)[0]) if n > 1 else 0.0
    growth_trend = 100.0 * slope_per_year / baseline_mean if baseline_mean else 0.0
    growth_actual = None
    if n >= 104:
        last, before = d.actual[-52:].sum(), d.actual[-104:-52].sum()
        growth_actual = float(100.0 * (last / before - 1.0)) if before else None
    reference = growth_actual if growth_actual is not None else growth_trend
    growing: Literal["growing", "declining", "flat"] = "growing" if growth_trend > 1.0 and reference > 0 else (
        "declining" if growth_trend < -1.0 and reference < 0 else "flat")

    quarters = ((dates.month - 1) // 3 + 1).to_numpy()
    profile = []
    for q in range(1, 5):
        sel = quarters == q
        profile.append((q, float(100.0 * d.seasonality[sel].mean() / baseline_mean) if sel.any() and baseline_mean
                        else 0.0))
    present = [p for p in profile if (quarters == p[0]).any()]
    peak = max(present, key=lambda p: p[1])
    trough = min(present, key=lambda p: p[1])
    amplitude = peak[1] - trough[1]
    p_value = _seasonality_p_value(fit)
    material = bool(p_value < 0.05 and amplitude >= 3.0)

    resid = d.actual - d.fitted
    sigma = float(getattr(fit.stats, "sigma", np.std(resid))) or float(np.std(resid))
    spikes = []
    for i in np.flatnonzero(np.abs(resid) > SPIKE_SIGMAS * sigma).tolist():
        spikes.append(Spike(dates[i], float(d.actual[i]), float(d.fitted[i]), float(resid[i]),
                            float(resid[i] / sigma), "spike" if resid[i] > 0 else "drop"))
    sales_by_quarter = {q: float(d.actual[quarters == q].mean()) for q in range(1, 5) if (quarters == q).any()}
    return TrendSummary(growth_trend, growth_actual, growing, tuple(profile), peak[0], trough[0], amplitude,
                        material, p_value, tuple(spikes), n, years,
                        max(sales_by_quarter, key=lambda q: sales_by_quarter[q]),
                        min(sales_by_quarter, key=lambda q: sales_by_quarter[q]))


def _seasonality_p_value(fit: MMMFit) -> float:
    """F-test of the yearly Fourier terms on (seasonality + residual), the part the fit gave them."""
    from scipy import stats

    from analysis.design import baseline_design

    d = fit.decomposition
    harmonics = int(getattr(fit, "harmonics", 2) or 0)
    if harmonics <= 0:
        return 1.0
    dates = _dates(fit)
    design = baseline_design(dates, np.empty((len(dates), 0)), (), harmonics)
    cols = [i for i, r in enumerate(design.roles) if r == "seasonality"]
    x = design.matrix[:, cols]
    y = d.seasonality + (d.actual - d.fitted)
    y = y - y.mean()
    x = x - x.mean(axis=0)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    rss1 = float(np.sum((y - x @ beta) ** 2))
    rss0 = float(np.sum(y ** 2))
    dof = max(len(y) - getattr(fit.stats, "n_params", x.shape[1] + 1), 1)
    f = ((rss0 - rss1) / x.shape[1]) / (rss1 / dof) if rss1 > 0 else np.inf
    return float(stats.f.sf(f, x.shape[1], dof))
