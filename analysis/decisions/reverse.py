"""Reverse questions on the fitted response curves: spend for a sales target, the deepest safe cut,
the budget for a target ROAS, and which channels break even at a gross margin.

All answers use the same curves, bounds and extrapolation guard as the what-if scenarios and
the optimiser; "ROAS" is the model's incremental sales per media dollar (blended media ROI).
Each takes the weeks it is answered for (`weeks`, a boolean mask: the planning horizon; None = the
whole modelled period): spend, budgets and sales are those weeks' own, and only their spend moves.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from analysis.decisions.common import (
    EXTRAPOLATION_GUARD,
    channel_totals,
    delta_interval,
    money,
    plan,
    resolve_channel,
)
from analysis.decisions.marginals import adjusted_change, marginal_correction
from analysis.decisions.optimize import (
    AllocationRow,
    BudgetConstraint,
    OptimizationResult,
    _build_problem,
    _solve,
    horizon_mask,
    optimize_budget,
)
from analysis.decisions.scenario import scenario_draws
from analysis.errors import InfeasibleError
from analysis.money import amount, in_sales, signed_amount

if TYPE_CHECKING:
    from analysis.model import MMMFit

MAX_MULTIPLIER = 4.0   # +300%: the widest change a scenario accepts


BreakevenStatus = Literal["profitable", "loses money", "uncertain", "not measurable"]

@dataclass(frozen=True)
class ReverseResult:
    """The spend that answers a reverse question, and what it does to sales.

    Spend figures are totals over the weeks asked about in data units: for a one-channel
    question they refer to that channel, otherwise to the whole media budget. When the target
    cannot be met, `reachable` is False, `required_spend` is None and `best_reachable` says
    how far the guard allows.
    """

    kind: Literal["sales_target", "max_cut", "roas_target"]
    label: str
    channel: str | None
    method: str                          # how the spend is laid out, in plain words
    reachable: bool
    current_spend: float
    required_spend: float | None
    delta_spend: float | None
    delta_sales: float | None
    delta_sales_low: float | None
    delta_sales_high: float | None
    delta_sales_pct: float | None        # of the model's predicted total sales under the current plan
    roas: float | None                   # blended media ROAS at the answer
    current_roas: float
    best_reachable: float | None         # sales target: most extra sales within the guard; ROAS: best ROAS
    required_spend_low: float | None = None   # a sales target met under the 90% coefficient range
    required_spend_high: float | None = None
    extrapolated: bool = False
    allocation: tuple[AllocationRow, ...] = ()
    warnings: tuple[str, ...] = ()
    # share of the refit draws in which the answer's plan sells less than today's mix at the same budget
    # (for a one-channel sales target: in which the change in sales goes the other way)
    prob_loss: float | None = None


@dataclass(frozen=True)
class ChannelBreakeven:
    """Profit per dollar on one channel at a gross margin: ROI * margin − 1 (0 = break even)."""

    channel: str
    roi: float
    profit_roi: float
    profit_roi_low: float
    profit_roi_high: float
    marginal_roi: float
    marginal_profit: float               # profit from the next dollar: marginal ROI * margin − 1
    breakeven_margin: float | None       # the margin at which the channel's average ROI just pays back
    status: BreakevenStatus
    measurable: bool


@dataclass(frozen=True)
class BreakevenResult:
    """Which channels pay back their spend in gross profit at a stated margin."""

    margin: float
    channels: tuple[ChannelBreakeven, ...]       # best profit ROI first
    breaking_even: tuple[str, ...]               # average profit ROI >= 0
    profitable_at_margin: tuple[str, ...]        # the next dollar still earns a profit
    total_profit_roi: float

    def get(self, channel: str) -> ChannelBreakeven:
        return next(c for c in self.channels if c.channel == channel)


@dataclass(frozen=True)
class _Base:
    """Today over the weeks asked about: the plan that was run, the weeks (a mask; every week when None),
    each channel's sales from its spend in those weeks (carry-over included) and from its whole plan,
    the sales the model predicts in those weeks, and the media spend in them."""

    before: np.ndarray
    weeks: np.ndarray | None
    totals: np.ndarray
    full: np.ndarray
    base_sales: float
    spend: float

    def scaled(self, m: float, channel: int | None = None) -> np.ndarray:
        """The plan with the weeks' spend multiplied by `m`: every channel's, or only `channel`'s."""
        moved = self.before * m
        keep = np.zeros(self.before.shape, dtype=bool)
        if self.weeks is not None:
            keep[~self.weeks] = True
        if channel is not None:
            keep[:, np.arange(self.before.shape[1]) != channel] = True
        return np.where(keep, self.before, moved)


def brentq(f: Callable[[float], float], a: float, b: float, xtol: float) -> float:
    """scipy.optimize.brentq, loaded on first use: a process answering no reverse question never imports it."""
    from scipy.optimize import brentq as solve

    return float(solve(f, a, b, xtol=xtol))


def _base(fit: MMMFit, weeks: np.ndarray | None = None) -> _Base:
    before = plan(fit)
    mask = horizon_mask(fit, weeks)
    full = channel_totals(fit, before)
    predicted = np.asarray(fit.predict(before), dtype=float)
    if mask is None:
        return _Base(before, None, full, full, float(np.sum(predicted)), float(before.sum()))
    outside = channel_totals(fit, np.where(mask[:, None], 0.0, before))
    return _Base(before, mask, full - outside, full, float(np.sum(predicted[mask])), float(before[mask].sum()))


def spend_for_sales_target(fit: MMMFit, channel: str, extra_sales: float, *,
                           weeks: np.ndarray | None = None) -> ReverseResult:
    """How much more (or less, for a negative target) the channel must spend over `weeks` to change sales by
    `extra_sales`.

    The channel's weekly plan in those weeks is scaled, keeping its flighting. Beyond 1.5x its plan the
    answer would be extrapolation; the target then counts as unreachable, and the warning
    says what the fitted curve implies anyway.
    """
    j = resolve_channel(fit, channel)
    c = fit.channels[j]
    name = fit.channel_names[j]
    b = _base(fit, weeks)
    before, totals, base_sales, total_spend = b.before, b.totals, b.base_sales, b.spend
    scale = fit.dataset.money_scale
    current = float(before[:, j].sum() if b.weeks is None else before[b.weeks, j].sum())
    current_roas = float(totals.sum()) / total_spend if total_spend else 0.0
    unit = fit.dataset.kpi_unit   # a count target's sales are conversions, not dollars
    label = f"{name} spend for {signed_amount(extra_sales, scale, unit)}{' sales' if unit is None else ''}"

    slope = float(marginal_correction(fit)[j]) * current   # the decisions' next dollar

    def gain(m: float) -> float:
        return float(np.sum(c.response(b.scaled(m, j)[:, j]))) - float(b.full[j]) + slope * (m - 1.0)

    def unreachable(best: float, why: str, warnings: list[str]) -> ReverseResult:
        return ReverseResult("sales_target", label, name, f"scaling {name}'s weekly plan", False, current, None,
                             None, None, None, None, None, None, current_roas, best, warnings=tuple([why] + warnings))

    if current <= 0:
        if b.weeks is not None and float(before[:, j].sum()) > 0:   # it spent, only not in these weeks
            return unreachable(0.0, f"{name} spent nothing in these weeks, so there is no plan of its there to "
                                    "scale; ask over a horizon in which it ran.", [])
        return unreachable(0.0, f"{name} never spent in this data, so the model cannot say what spend on it "
                                "would sell.", [])
    if c.coef <= 0:
        return unreachable(0.0, f"{name} has no measurable effect in this data, so no amount of spend on it can "
                                "be shown to add sales.", [])
    if extra_sales == 0:
        m = 1.0
    elif extra_sales > 0:
        best = gain(EXTRAPOLATION_GUARD)
        if best < extra_sales:
            warnings = []
            far = gain(MAX_MULTIPLIER)
            if far >= extra_sales:
                m_far = brentq(lambda m: gain(m) - extra_sales, EXTRAPOLATION_GUARD, MAX_MULTIPLIER, xtol=1e-10)
                warnings.append(f"The fitted curve would need {money((m_far - 1) * current, scale)} more "
                                f"({m_far:.1f}x its plan), far beyond any spend {name} has had — an extrapolation "
                                "the data cannot vouch for.")
            return unreachable(best, f"{name} cannot add {amount(extra_sales, scale, unit)}{in_sales(unit)} within "
                                     f"1.5x its current plan: the most it adds there is {amount(best, scale, unit)} "
                                     f"(saturation); combine channels or accept the extrapolation.", warnings)
        m = brentq(lambda m: gain(m) - extra_sales, 1.0, EXTRAPOLATION_GUARD, xtol=1e-12)
    else:
        if -totals[j] > extra_sales:
            return unreachable(-float(totals[j]), f"{name} brings only {amount(totals[j], scale, unit)}"
                                                  f"{in_sales(unit)}, so cutting it cannot lose "
                                                  f"{amount(-extra_sales, scale, unit)}.", [])
        m = brentq(lambda m: gain(m) - extra_sales, 0.0, 1.0, xtol=1e-12)

    required = m * current
    delta = gain(m)
    after = b.scaled(m, j)
    draws = scenario_draws(fit, before, after)[:, j]
    low, high = delta_interval(draws, delta)
    prob_loss = float(np.mean(np.sign(draws) != np.sign(delta))) if delta else 0.0
    # how the realised change may compare with the estimate: its spread, as multiples of it
    ratios = draws / delta if abs(delta) > 0 else np.ones_like(draws)
    # the spend that meets the target if the coefficient sits at either end of its 90% range
    q_lo, q_hi = np.percentile(ratios, [5.0, 95.0])
    spend_range: list[float | None] = []
    for q in (q_hi, q_lo):
        target = extra_sales / q if q > 0 else np.inf
        top = gain(EXTRAPOLATION_GUARD)
        if extra_sales > 0 and target > top:
            spend_range.append(None)
        elif extra_sales < 0 and target < -totals[j]:
            spend_range.append(None)
        else:
            lo_m, hi_m = (1.0, EXTRAPOLATION_GUARD) if extra_sales > 0 else (0.0, 1.0)
            mm = brentq(lambda x: gain(x) - target, lo_m, hi_m, xtol=1e-12) if extra_sales != 0 else 1.0
            spend_range.append(mm * current)
    warnings = []
    if spend_range[1] is None:
        warnings.append(f"If {name}'s effect is at the low end of its range, the target is out of reach "
                        "within 1.5x its plan.")
    return ReverseResult("sales_target", label, name, f"scaling {name}'s weekly plan", True, current, required,
                         required - current, delta, low, high, 100 * delta / base_sales,
                         (float(totals.sum()) + delta) / (total_spend + required - current), current_roas,
                         gain(EXTRAPOLATION_GUARD), spend_range[0], spend_range[1], False, (), tuple(warnings),
                         prob_loss)


def _reported_within(fit: MMMFit, budget: float, sales_loss_pct: float, low: float, high: float, bound_pct: float,
                     constraints: Sequence[BudgetConstraint], weeks: np.ndarray | None = None
                     ) -> tuple[float, OptimizationResult]:
    """The budget whose REPORTED plan (the figure the answer quotes, scored by the joint draws, with
    unmeasurable channels tied) loses `sales_loss_pct`% of sales: the search above runs on the
    optimiser's point curves, which can land a little off (a "within 2%" answer quoting -2.18%). A few
    secant steps on the reported figure, kept inside [low, high] and on the safe side of the limit."""
    def shortfall(b: float) -> tuple[float, OptimizationResult]:
        r = optimize_budget(fit, b, bound_pct=bound_pct, constraints=constraints, confident=False, weeks=weeks)
        return -r.expected_delta_sales - r.base_sales * sales_loss_pct / 100.0, r   # > 0: loses too much

    e0, r0 = shortfall(budget)
    tol = 1e-4 * max(abs(r0.base_sales), 1e-9)
    best = (budget, r0) if e0 <= tol else None
    b_prev, e_prev = budget, e0
    b = min(high, max(low, budget * (1.0 + (0.01 if e0 > 0 else -0.01))))
    for _ in range(6):
        if abs(e_prev) <= tol or b == b_prev:
            break
        e, r = shortfall(b)
        if e <= tol and (best is None or b < best[0]):
            best = (b, r)
        if abs(e - e_prev) < 1e-12:
            break
        b_prev, e_prev, b = b, e, min(high, max(low, b - e * (b - b_prev) / (e - e_prev)))
    return best if best is not None else (budget, r0)


COMBINED_BOUND_PCT = 100 * (EXTRAPOLATION_GUARD - 1)   # +50% per channel: the one-channel route's guard


def budget_for_sales_target(fit: MMMFit, extra_sales: float, *, weeks: np.ndarray | None = None) -> ReverseResult:
    """The smallest budget over `weeks`, split across the channels, whose predicted sales reach `extra_sales`
    more than today's: the route when no one channel gets there within 1.5x its plan ("grow sales 3%" is
    usually several channels' job). Each channel stays within ±50% of its plan (the one-channel guard),
    and the figures come from the same honest method as every plan (`optimize_budget`)."""
    b = _base(fit, weeks)
    totals, base_sales, total_spend = b.totals, b.base_sales, b.spend
    scale, unit = fit.dataset.money_scale, fit.dataset.kpi_unit
    current_media = float(totals.sum())
    current_roas = current_media / total_spend if total_spend else 0.0
    label = f"budget for {signed_amount(extra_sales, scale, unit)}{' sales' if unit is None else ''}"
    how = f"the budget split across channels (±{COMBINED_BOUND_PCT:g}% per channel)"
    if extra_sales <= 0 or total_spend <= 0:
        raise InfeasibleError("a combined route needs a positive sales target and some media spend.")
    problem = _build_problem(fit, COMBINED_BOUND_PCT, (), weeks)
    outside = float(b.full.sum()) - current_media   # sales of the spend outside the weeks: the same in every plan

    def gain(budget: float) -> float:
        x, _ = _solve(problem, budget)
        return float(problem.sales(x).sum()) - outside - current_media

    top = float(problem.upper.sum())
    best = gain(top)
    if best < extra_sales:
        return ReverseResult("sales_target", label, None, how, False, total_spend, None, None, None, None, None,
                             None, None, current_roas, best,
                             warnings=(f"Even every channel at 1.5x its plan adds at most {amount(best, scale, unit)}"
                                       f"{in_sales(unit)}; the target needs spend beyond what the data covers.",))
    start = total_spend if gain(total_spend) < extra_sales else float(problem.lower.sum())
    budget = brentq(lambda v: gain(v) - extra_sales, start, top, xtol=1e-9 * top)
    res = optimize_budget(fit, budget, bound_pct=COMBINED_BOUND_PCT, confident=False, weeks=weeks)
    delta = res.expected_delta_sales
    warnings = tuple(w for w in res.warnings if "quality graded Low" in w)   # the split is a test on Low data
    return ReverseResult("sales_target", label, None, how, True, total_spend, budget, budget - total_spend, delta,
                         res.expected_delta_sales_low, res.expected_delta_sales_high, 100 * delta / base_sales,
                         (current_media + delta) / budget if budget else None, current_roas, best,
                         allocation=res.allocation, warnings=warnings, prob_loss=res.prob_loss)


def max_cut_within(fit: MMMFit, sales_loss_pct: float, *, bound_pct: float = 30.0,
                   constraints: Sequence[BudgetConstraint] = (), weeks: np.ndarray | None = None) -> ReverseResult:
    """The largest cut to the budget over `weeks` that keeps their predicted sales within `sales_loss_pct`% of
    today's, with the smaller budget allocated optimally under the optimiser's bounds."""
    if not 0 <= sales_loss_pct < 100:
        raise InfeasibleError(f"the allowed sales loss must be between 0% and 100%, got {sales_loss_pct:g}%.")
    b = _base(fit, weeks)
    totals, base_sales, total_spend = b.totals, b.base_sales, b.spend
    scale = fit.dataset.money_scale
    problem = _build_problem(fit, bound_pct, constraints, weeks)
    floor_budget = float(problem.lower.sum())
    allowed = base_sales * sales_loss_pct / 100.0
    current_media = float(totals.sum())
    outside = float(b.full.sum()) - current_media   # sales of the spend outside the weeks: the same in every plan

    def loss(budget: float) -> float:
        x, _ = _solve(problem, budget)
        return current_media + outside - float(problem.sales(x).sum())

    if floor_budget >= total_spend:
        raise InfeasibleError(f"the bounds leave no room to cut (every channel's minimum adds up to "
                              f"{money(floor_budget, scale)}); widen the bounds or drop a minimum.")
    if loss(floor_budget) <= allowed:
        budget = floor_budget
        warnings = [f"every channel is at its floor (−{bound_pct:g}% or your minimum) and sales are still within "
                    f"{sales_loss_pct:g}%; a deeper cut needs wider bounds, and the model would be extrapolating."]
    else:
        budget = brentq(lambda b: loss(b) - allowed, floor_budget, total_spend, xtol=1e-9 * total_spend)
        warnings = []
    budget, result = _reported_within(fit, budget, sales_loss_pct, floor_budget, total_spend, bound_pct, constraints,
                                      weeks)
    cut = total_spend - budget
    return ReverseResult(
        "max_cut", f"largest cut keeping sales within {sales_loss_pct:g}%", None,
        f"the smaller budget allocated optimally (±{bound_pct:g}% per channel)", True, total_spend, budget, -cut,
        result.expected_delta_sales, result.expected_delta_sales_low, result.expected_delta_sales_high,
        result.expected_delta_pct, (current_media + result.expected_delta_sales) / budget if budget else None,
        current_media / total_spend if total_spend else 0.0, None, allocation=result.allocation,
        warnings=tuple(warnings) + result.warnings, prob_loss=result.prob_loss,
    )


def budget_for_roas(fit: MMMFit, target_roas: float, *, method: Literal["scaled", "optimal"] = "scaled",
                    bound_pct: float = 30.0, weeks: np.ndarray | None = None) -> ReverseResult:
    """The largest total budget over `weeks` at which blended media ROAS still reaches `target_roas`.

    "scaled" scales every channel's plan by the same factor (the current mix; up to +300%);
    "optimal" allocates each budget optimally within the optimiser's bounds.
    """
    if target_roas <= 0:
        raise InfeasibleError(f"a target ROAS must be positive, got {target_roas:g}.")
    b = _base(fit, weeks)
    before, totals, base_sales, total_spend = b.before, b.totals, b.base_sales, b.spend
    scale = fit.dataset.money_scale
    current_media = float(totals.sum())
    current_roas = current_media / total_spend if total_spend else 0.0
    if total_spend <= 0:
        raise InfeasibleError("there is no media spend in this data, so there is no ROAS to target.")

    to_budget: Callable[[float], float]
    if method == "scaled":
        def media(m: float) -> float:
            after = b.scaled(m)
            return float(adjusted_change(fit, before, after, channel_totals(fit, after) - b.full).sum() + totals.sum())
        lo, hi = 0.02, MAX_MULTIPLIER
        how = "every channel scaled by the same factor (current mix)"
        to_budget = lambda m: m * total_spend  # noqa: E731
    elif method == "optimal":
        problem = _build_problem(fit, bound_pct, (), weeks)
        lo_b, hi_b = float(problem.lower.sum()), float(problem.upper.sum())
        outside = float(b.full.sum()) - current_media   # sales of the spend outside the weeks

        def media(m: float) -> float:
            x, _ = _solve(problem, m * total_spend)
            return float(problem.sales(x).sum()) - outside
        lo, hi = lo_b / total_spend, hi_b / total_spend
        how = f"each budget allocated optimally (±{bound_pct:g}% per channel)"
        to_budget = lambda m: m * total_spend  # noqa: E731
    else:
        raise InfeasibleError(f"method must be 'scaled' or 'optimal', got {method!r}.")

    grid = np.linspace(lo, hi, 41 if method == "scaled" else 21)
    roas = np.array([media(m) / (m * total_spend) for m in grid])
    ok = np.flatnonzero(roas >= target_roas)
    label = f"budget for a ROAS of {target_roas:g}"
    if ok.size == 0:
        best = float(roas.max())
        return ReverseResult("roas_target", label, None, how, False, total_spend, None, None, None, None, None, None,
                             None, current_roas, best,
                             warnings=(f"no budget in the range searched ({money(to_budget(lo), scale)}–"
                                       f"{money(to_budget(hi), scale)}) reaches a ROAS of {target_roas:g}; the best is "
                                       f"{best:.2f}.",))
    i = int(ok[-1])
    if i == len(grid) - 1:
        m = float(grid[i])
    else:
        m = brentq(lambda m: media(m) / (m * total_spend) - target_roas, grid[i], grid[i + 1], xtol=1e-12)
    budget = to_budget(m)
    warnings = []
    if i == len(grid) - 1:
        warnings.append(f"ROAS stays above {target_roas:g} up to the largest budget searched "
                        f"({money(budget, scale)}); the true limit lies beyond what the model can vouch for.")
    if method == "scaled" and m > EXTRAPOLATION_GUARD:
        warnings.append(f"That budget is {m:.1f}x today's — beyond 1.5x the spend the data covers, so it is "
                        "extrapolated from the fitted curves.")
    if method == "scaled":
        after = b.scaled(m)
        delta_channel = adjusted_change(fit, before, after, channel_totals(fit, after) - b.full)
        delta = float(delta_channel.sum())
        low, high = delta_interval(scenario_draws(fit, before, after).sum(axis=1), delta)
        prob_loss = 0.0    # today's mix itself, scaled
        allocation: tuple[AllocationRow, ...] = ()
    else:
        res: OptimizationResult = optimize_budget(fit, budget, bound_pct=bound_pct, confident=False, weeks=weeks)
        delta, low, high, allocation = (res.expected_delta_sales, res.expected_delta_sales_low,
                                        res.expected_delta_sales_high, res.allocation)
        prob_loss = res.prob_loss
        warnings += [w for w in res.warnings if "quality graded Low" in w]   # the split is a test on Low-graded data
    return ReverseResult("roas_target", label, None, how, True, total_spend, budget, budget - total_spend, delta,
                         low, high, 100 * delta / base_sales, (current_media + delta) / budget, current_roas,
                         float(roas.max()), extrapolated=method == "scaled" and m > EXTRAPOLATION_GUARD,
                         allocation=allocation, warnings=tuple(warnings), prob_loss=prob_loss)


def breakeven(fit: MMMFit, margin: float) -> BreakevenResult:
    """Profit per dollar per channel at a gross margin (0..1): ROI * margin − 1, its 90% range and
    the next dollar's profit. A channel breaks even when its average profit ROI is at least 0."""
    if not 0 < margin <= 1:
        raise InfeasibleError(f"a gross margin must be between 0 and 1 (e.g. 0.4 for 40%), got {margin}.")
    spend = plan(fit)
    rows = []
    for j, c in enumerate(fit.channels):
        if c.spend <= 0:
            continue
        roi = c.contribution / c.spend
        low, high = c.contribution_low / c.spend * margin - 1, c.contribution_high / c.spend * margin - 1
        mroi = float(c.marginal_response(spend[:, j]))
        status: BreakevenStatus
        if c.coef <= 0:
            status = "not measurable"
        elif low >= 0:
            status = "profitable"
        elif high < 0:
            status = "loses money"
        else:
            status = "uncertain"
        rows.append(ChannelBreakeven(c.name, roi, roi * margin - 1, low, high, mroi, mroi * margin - 1,
                                     1.0 / roi if roi > 0 else None, status, bool(c.measurable)))
    rows.sort(key=lambda r: -r.profit_roi)
    total_spend = float(sum(c.spend for c in fit.channels))
    total_contribution = float(sum(c.contribution for c in fit.channels))
    return BreakevenResult(
        margin, tuple(rows),
        tuple(r.channel for r in rows if r.profit_roi >= 0 and r.status != "not measurable"),
        tuple(r.channel for r in rows if r.marginal_profit > 0),
        total_contribution / total_spend * margin - 1 if total_spend else 0.0,
    )


__all__ = ["ReverseResult", "ChannelBreakeven", "BreakevenResult", "spend_for_sales_target", "max_cut_within",
           "budget_for_roas", "breakeven"]
