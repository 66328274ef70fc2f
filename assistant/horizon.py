"""Planning horizon, budget basis and what-if windows: how a decision question's words become weeks and data units.

Executives budget by the year, so decisions (what-ifs, plans) are answered for a planning horizon:
the last 52 weeks by default (all weeks when there are fewer), `--horizon all|N`, or a phrase the
router read ("over the whole period", "next quarter"). ROI and contribution stay over the whole
modelled period; analysis functions default to the whole period, so only this layer applies 52.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from assistant import format as fmt

DEFAULT_HORIZON_WEEKS = 52
WEEKS_PER = {"week": 1.0, "month": 52.0 / 12.0, "year": 52.0}


def parse_horizon(text: str) -> int | str:
    """`--horizon` value: "all" or a positive number of weeks; ValueError names the fix."""
    t = str(text).strip().lower()
    if t in ("all", "whole", "full"):
        return "all"
    try:
        n = int(t)
    except ValueError:
        raise ValueError(f"--horizon must be 'all' or a number of weeks such as 52, got {text!r}") from None
    if n <= 0:
        raise ValueError(f"--horizon must be a positive number of weeks, got {n}")
    return n


def horizon_weeks(session, routed=None) -> int:
    """Weeks a decision covers: the question's own horizon, else the session's, else 52 (capped at the data)."""
    n = session.dataset.n_weeks
    chosen = getattr(routed, "horizon", None) or getattr(session, "horizon", None) or DEFAULT_HORIZON_WEEKS
    return n if chosen == "all" else max(1, min(int(chosen), n))


def horizon_name(weeks: int, n_weeks: int) -> str:
    """ "a year (the last 52 weeks)", "the 208 modelled weeks", "the last 13 weeks"."""
    if weeks >= n_weeks:
        return f"the {n_weeks} modelled weeks"
    named = {52: "a year", 26: "half a year", 13: "a quarter", 4: "a month"}
    if weeks in named:
        return f"{named[weeks]} (the last {weeks} weeks)"
    return "the last week" if weeks == 1 else f"the last {weeks} weeks"


def last_weeks(n_weeks: int, weeks: int) -> np.ndarray:
    mask = np.zeros(n_weeks, dtype=bool)
    mask[n_weeks - weeks:] = True
    return mask


def default_weeks(session) -> np.ndarray:
    """The session's planning horizon as a mask of weeks (what a plan asked with no horizon covers)."""
    return last_weeks(session.dataset.n_weeks, horizon_weeks(session))


def window_weeks(session, window, on_air: tuple[str, ...] = ()) -> tuple[np.ndarray, str]:
    """(mask, label) of a what-if window: the last N weeks, or the most recent matching calendar period. `on_air`
    names the channels changed: "pause TV for 4 weeks in Q4" then takes the first 4 weeks of Q4 in which they ran
    when they ran in none of its first 4 (a flighted channel's dark weeks change nothing)."""
    ds = session.dataset
    if window.period is None:
        weeks = max(1, min(int(window.weeks or 1), ds.n_weeks))
        return last_weeks(ds.n_weeks, weeks), f"the last {weeks} week{'s' if weeks != 1 else ''} of the data"
    from analysis.periods import PeriodSpec, resolve_period

    dates = ds.dates
    mask = np.zeros(len(dates), dtype=bool)
    labels = []
    named = (window.period, *getattr(window, "also", ()))   # "Jan and Feb": the union of the periods named

    def spec(p, year=None):
        return PeriodSpec(granularity=p.granularity, index=p.index, year=p.year or year, relative=p.relative)

    resolved = [resolve_period(ds, spec(p)) for p in named]
    if len(named) > 1 and all(p.year is None and p.relative is None for p in named):
        # "from Q2 through Q4": one year's periods, the latest year in which every one of them is complete
        # (each on its own would be its own latest: Q2 and Q3 2024 with Q4 2023)
        year = min(end.year for _, end, _ in resolved)
        resolved = [resolve_period(ds, spec(p, year)) for p in named]
    if getattr(window.period, "onwards", False) and len(named) == 1 and window.weeks is None:
        # "cut TV by 20% from July", "starting in the autumn": from the latest such period's start to the data's end
        start = resolved[0][0]
        mask = np.asarray(dates >= start, dtype=bool)
        return mask, f"{resolved[0][2]} onwards"
    for start, end, one in resolved:
        mask |= np.asarray((dates >= start) & (dates <= end), dtype=bool)
        labels.append(one)
    label = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    if window.weeks is None or not mask.any():
        return mask, label
    anchor = getattr(window, "anchor", None)
    if anchor == "christmas":
        return _around_christmas(dates, mask, int(window.weeks), end.year)
    live = [ds.channels.index(c) for c in on_air if c in ds.channels]
    spent = np.asarray(ds.spend, dtype=float)[:, live].sum(axis=1) if live else None
    return _inside(dates, mask, int(window.weeks), anchor == "end", label, spent, fmt.join_names(
        [c for c in on_air if c in ds.channels]))


def _inside(dates, mask: np.ndarray, weeks: int, at_end: bool, label: str, spent: np.ndarray | None = None,
            who: str = "") -> tuple[np.ndarray, str]:
    """ "for 2 weeks in November", "the last 2 weeks of Q4": the first (or last) `weeks` weeks of the period; the
    first weeks the changed channels ran in, when they ran in none of the period's first weeks (review s16 N14)."""
    idx = np.flatnonzero(mask)
    weeks = max(1, min(weeks, len(idx)))
    chosen = idx[-weeks:] if at_end else idx[:weeks]
    n = f"{weeks} week{'s' if weeks != 1 else ''}"
    said = f"the {'last' if at_end else 'first'} {n} of {label}"
    if spent is not None and not at_end and not spent[chosen].any() and spent[idx].any():
        ran = idx[spent[idx] > 0]
        chosen = ran[:weeks]
        n = f"{len(chosen)} week{'s' if len(chosen) != 1 else ''}"
        said = f"the first {n} {who} ran in {label}"
    out = np.zeros(len(mask), dtype=bool)
    out[chosen] = True
    return out, f"{said} (from {dates[chosen[0]]:%d %b %Y})"


def _around_christmas(dates, mask: np.ndarray, weeks: int, year: int) -> tuple[np.ndarray, str]:
    """ "xmas week": the `weeks` weeks of the period (a December) whose middle is nearest 25 December."""
    import pandas as pd

    idx = np.flatnonzero(mask)
    weeks = max(1, min(weeks, len(idx)))
    christmas = pd.Timestamp(year=year, month=12, day=25)
    mid = pd.DatetimeIndex(dates[idx]) + pd.Timedelta(days=3)        # a weekly row covers its date and the 6 days after
    centre = int(np.argmin(np.abs((mid - christmas).days)))
    first = min(max(0, centre - (weeks - 1) // 2), len(idx) - weeks)
    out = np.zeros(len(mask), dtype=bool)
    out[idx[first:first + weeks]] = True
    start = pd.Timestamp(dates[idx[first]])
    return out, (f"the week of Christmas {year} (from {start:%d %b %Y})" if weeks == 1
                 else f"the {weeks} weeks around Christmas {year} (from {start:%d %b %Y})")


def over_weeks(amount: float | None, per: str | None, n_weeks: int, weeks: np.ndarray | None) -> float | None:
    """A what-if's amount stated as a rate ("$100k a month") made the total over the weeks it changes."""
    if amount is None or per is None:
        return amount
    changed = n_weeks if weeks is None else int(np.asarray(weeks, dtype=bool).sum())
    return amount * changed / WEEKS_PER[per]


def current_spend(session, weeks: np.ndarray) -> float:
    """Today's spend (data units) over the weeks of the mask `weeks`."""
    return float(np.asarray(session.dataset.spend, dtype=float)[np.asarray(weeks, dtype=bool)].sum())


def budget_units(session, routed, mask: np.ndarray) -> tuple[float | None, dict | None, str | None]:
    """(budget over the horizon in data units, budget_basis, the Read-as echo) for a plan question.

    A total is for the horizon; a rate is converted over it; an increment is added to today's
    spend over the same weeks; a ratio multiplies it. None when the question states no budget
    (today's spend is re-split). Legacy readings (an amount or a total %) are read as total/ratio.
    """
    scale = float(session.dataset.money_scale or 1.0)
    current = current_spend(session, mask)
    weeks = int(np.count_nonzero(mask))
    b = getattr(routed, "budget", None)
    if b is None:
        if routed.amount is not None and routed.amount > 0:
            b = _Basis("total", float(routed.amount), None)
        elif routed.percentage is not None and not routed.channels:
            b = _Basis("ratio", 1 + routed.percentage / 100.0, None)
        else:
            return None, None, None
    basis = {"kind": b.kind, "amount": b.amount, "per": b.per}
    over = f"over {weeks} weeks"
    if b.kind == "ratio":
        total = current * float(b.amount)
        echo = (f"{fmt.share(b.amount, 0)} of today's {fmt.money(current, session.dataset)} {over} = "
                f"{fmt.money(total, session.dataset)}")
        return total, basis, echo
    dollars = float(b.amount)
    if b.per is not None:
        dollars = dollars * weeks / WEEKS_PER[b.per]
    if b.kind == "increment":
        total = current + dollars / scale
        echo = (f"today's {fmt.money(current, session.dataset)} {over} {'+' if dollars >= 0 else '−'} "
                f"{fmt.money(abs(dollars) / scale, session.dataset)} = {fmt.money(total, session.dataset)}")
    else:
        total = dollars / scale
        echo = (f"{fmt.money(b.amount / scale, session.dataset)} a {b.per} = {fmt.money(total, session.dataset)} {over}"
                if b.per is not None else f"{fmt.money(total, session.dataset)} {over}")
    return max(total, 0.0), basis, echo


@dataclasses.dataclass(frozen=True)
class _Basis:
    kind: str
    amount: float
    per: str | None


def share_bounds(ratio: float, bound_pct: float) -> tuple[float, float]:
    """(min %, max %) vs today for every channel when the budget is `ratio` × today's: each channel's
    bounds follow its share of the new budget, ±bound_pct around it."""
    b = bound_pct / 100.0
    return 100.0 * (ratio * (1 - b) - 1), 100.0 * (ratio * (1 + b) - 1)


def far_budget_warning(ratio: float, held: bool = False) -> str | None:
    """One line when a budget (or, with `held`, the money left once some channels are held at an amount)
    moves spend outside the range the data has seen."""
    if 0.7 <= ratio <= 1.3 or not math.isfinite(ratio):
        return None
    where = "above" if ratio > 1 else "below"
    what = ("The money left to the other channels is {r:.2f}× their spend today, so each of their limits follows "
            "its share of it" if held else
            "The budget is {r:.2f}× today's, so each channel's limits follow its share of the new budget")
    return (what.format(r=ratio) + f"; spend goes {where} the range the data has seen and the response there is extrapolated.")
