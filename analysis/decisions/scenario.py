"""What-if scenarios: change channels' spend over the modelled period, read the change in sales.

A scenario edits the weekly plan that was run (so flighting is kept): scale channels by a
percentage, add or remove an absolute amount spread in proportion to the channel's plan, or
shift dollars from one channel to another. The change in sales is the fitted response to
the new plan minus the response to the old one; its 90% interval comes from coefficient
draws (see `decisions.common.change_draws`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from analysis.decisions.common import (
    EXTRAPOLATION_GUARD,
    change_draws,
    delta_interval,
    extrapolated_channels,
    fit_memo,
    money,
    pct_text,
    plan,
    resolve_channel,
    rounding_tolerance,
    unmeasured_widening,
)
from analysis.decisions.marginals import adjusted_change, capped_note, fitted_change, joint_change, posterior_change
from analysis.decisions.optimize import move_gain
from analysis.errors import InfeasibleError
from analysis.fit import season_alternative

if TYPE_CHECKING:
    from analysis.model import MMMFit

MIN_PCT, MAX_PCT = -100.0, 300.0
# What-if ranges also hold the curves the likelihood alone favours (`data_curve_change`). Single-channel
# what-if coverage, `benchmarks/bench_decisions.py --seeds 5 --no-timing [--seed-offset N | --module
# data.hard_scenarios_blind]`, off -> on (estimates and plans identical): offset 25 91% -> 94% (clean 84 -> 92,
# long_carryover 81 -> 89); offset 45 91 -> 93 (long_carryover 84 -> 88); offset 50 92 -> 94 (long_carryover
# 84 -> 86, clean 90 -> 95); blind set 91 -> 94 (long_carryover 80 -> 83, deep_saturation 85 -> 95). Cost:
# ranges wider by a median 5-26% per class (90th percentile 1.4-2.5x; offset 20, two seeds per class).
DATA_CURVES = True
WHATIF_CENTRE = "model"    # the estimate reported: the fitted model's ("model") or the refit draws' mean ("draws")
# Measured in session 9 and not adopted: other centres for single-channel what-ifs, each channel bought together
# with another keeping the model's shared-shape change (the draws split such a pair at random). Median across
# the six classes of `bench_decisions.py`'s what-if error (offsets 0-75, the mean of 16 sets; blind o5; blind2 o5):
# the model's 0.239; 0.265; 0.302. The joint draws' median: 0.227 (better on 13 of 16); 0.282; 0.323. Their
# mean: 0.227 (14 of 16; noisy class 0.360 -> 0.383); 0.280; 0.291. Neither holds on the blind sets, and both
# would break "a pause loses the contribution the ROI answer states". Keeping the fit's
# contribution and taking only the draws' median RELATIVE change (which keeps that rule): 0.243 -> 0.233 on ten
# offsets, better on 6, worse on 4. Where the error comes from: docs/fit_history.md (session 9).


@dataclass(frozen=True)
class Shift:
    """Move a share (percentage, 0..100) or an amount (data units) of one channel's dollars to another."""

    from_channel: str
    to_channel: str
    percentage: float | None = None
    amount: float | None = None


@dataclass(frozen=True)
class ChannelDelta:
    """One channel's spend and sales change under a scenario (totals over the period, data units)."""

    channel: str
    spend_before: float
    spend_after: float
    delta_spend: float
    delta_sales: float
    extrapolated: bool
    delta_sales_low: float = 0.0
    delta_sales_high: float = 0.0
    measurable: bool = True


@dataclass(frozen=True)
class ScenarioResult:
    """The predicted change in total sales over the modelled period under a changed plan.

    `changes` holds the effective signed % change of each touched channel (nan for a channel
    that had no spend). `delta_sales_pct` is relative to the model's predicted sales under the
    plan that was run (`base_sales`). `return_on_change` is extra sales per extra dollar.
    """

    label: str
    changes: tuple[tuple[str, float], ...]
    base_spend: float
    new_spend: float
    delta_spend: float
    base_sales: float
    delta_sales: float
    delta_sales_low: float
    delta_sales_high: float
    delta_sales_pct: float
    return_on_change: float | None
    channels: tuple[ChannelDelta, ...]
    extrapolated: tuple[str, ...]
    warnings: tuple[str, ...]
    margin: float | None = None
    profit_delta: float | None = None         # margin * delta_sales - delta_spend
    profit_delta_low: float | None = None
    profit_delta_high: float | None = None
    new_plan: np.ndarray | None = None        # (n, k) the weekly plan the scenario describes
    prob_loss: float = 0.0                    # share of draws in which sales fall under the new plan

    def get(self, channel: str) -> ChannelDelta:
        return next(c for c in self.channels if c.channel == channel)


def run_scenario(fit: MMMFit, changes: Mapping[str, float] | None = None, *, amounts: Mapping[str, float] | None = None,
                 shift: Shift | None = None, margin: float | None = None, draws: int = 2000,
                 seed: int = 0, weeks: np.ndarray | None = None) -> ScenarioResult:
    """Predicted change in sales when channels' spend changes.

    Args:
        changes: channel -> signed % change of its whole weekly plan (−100..+300).
        amounts: channel -> signed amount (data units, total over the period) added to the
            channel, spread over the weeks in proportion to its plan (evenly if it never spent).
        shift: move dollars from one channel to another (total spend unchanged).
        margin: gross margin (0..1); when given, the change is also reported as profit.
        weeks: boolean mask (n,) of the weeks the change applies to ("pause TV for 2 weeks", a
            planning horizon); None = every week. Percentages apply to those weeks' spend;
            amounts keep their stated total, spread over those weeks. Sales are still summed
            over every week, so carry-over after the window counts.
    """
    if not changes and not amounts and shift is None:
        raise InfeasibleError("a scenario needs a change: a % per channel, an amount, or a shift between channels.")
    _check_margin(margin)
    before = plan(fit)
    after = before.copy()
    scale = fit.dataset.money_scale
    warnings: list[str] = []
    label_parts: list[str] = []
    touched: list[int] = []

    for name, pct in (changes or {}).items():
        j = resolve_channel(fit, name)
        pct = float(pct)
        if not math.isfinite(pct) or pct < MIN_PCT or pct > MAX_PCT:
            raise InfeasibleError(f"a change of {pct:+g}% to {fit.channel_names[j]} is outside the supported "
                                  f"range {MIN_PCT:+.0f}% to {MAX_PCT:+.0f}%; use a change within it.")
        if before[:, j].sum() <= 0 and pct != 0:
            warnings.append(f"{fit.channel_names[j]} had no spend, so a % change leaves it at zero; "
                            "give an amount instead.")
        after[:, j] = after[:, j] * (1.0 + pct / 100.0)
        touched.append(j)
        label_parts.append(f"{fit.channel_names[j]} {pct_text(pct)}")

    mask = None if weeks is None else _window(weeks, len(before))
    _check_cuts(fit, after, amounts or {}, shift, mask)
    for name, amount in (amounts or {}).items():
        j = resolve_channel(fit, name)
        _add_amount(fit, after, j, float(amount), warnings)
        touched.append(j)
        label_parts.append(f"{fit.channel_names[j]} {money(amount, scale, signed=True)}")

    if shift is not None:
        label_parts.append(_apply_shift(fit, after, shift, warnings, touched))
    if mask is not None:
        keep = {resolve_channel(fit, n) for n in (amounts or {})}
        if shift is not None and shift.percentage is None:
            keep |= {resolve_channel(fit, shift.from_channel), resolve_channel(fit, shift.to_channel)}
        after = restrict_to_weeks(before, after, mask, keep)
        if shift is not None:   # the receiving channel gets exactly what left the other in those weeks
            src, dst = resolve_channel(fit, shift.from_channel), resolve_channel(fit, shift.to_channel)
            gave, got = float((before[:, src] - after[:, src]).sum()), float((after[:, dst] - before[:, dst]).sum())
            if got > 0:
                after[:, dst] = before[:, dst] + (after[:, dst] - before[:, dst]) * (gave / got)

    return _result(fit, before, after, " and ".join(label_parts), touched, warnings, margin, draws, seed)


def _window(weeks: np.ndarray, n: int) -> np.ndarray:
    """The weeks a change applies to, as a boolean mask over the data's n weeks; refused when empty or mis-sized."""
    mask = np.asarray(weeks, dtype=bool)
    if mask.shape != (n,) or not mask.any():
        raise InfeasibleError("the window of weeks to change is empty or does not match the data; "
                              "name a window inside the data's dates.")
    return mask


def _check_cuts(fit: MMMFit, plan_now: np.ndarray, amounts: Mapping[str, float], shift: Shift | None,
                mask: np.ndarray | None) -> None:
    """One check of every stated cut (a negative amount, or the amount a shift takes out of its source) against the
    channel's spend where the change applies: the whole period, or the weeks changed (`mask`).

    Why one check, there: a larger cut is clipped at zero, silently changing the what-if (and, beside a receiving
    channel, adding money a move was meant to keep flat). Before, a cut was checked against the whole period when
    it was applied and again against the window's weeks after it was moved into them, so a cut inside the period
    but beyond the window got the second message, one beyond the period the first; a stated shift amount was
    checked only against the period and then clipped in the window."""
    cuts = [(name, -float(amount), "cut", "from") for name, amount in amounts.items() if float(amount) < 0]
    if shift is not None and shift.percentage is None and shift.amount is not None and shift.amount > 0:
        cuts.append((shift.from_channel, float(shift.amount), "shift", "out of"))
    scale = fit.dataset.money_scale
    where = "over the period" if mask is None or mask.all() else f"in the {int(mask.sum())} weeks changed"
    by_channel: dict[int, list[tuple[float, str, str]]] = {}
    for name, cut, verb, preposition in cuts:   # a channel cut and moved from at once: the two together
        by_channel.setdefault(resolve_channel(fit, name), []).append((cut, verb, preposition))
    for j, said in by_channel.items():
        cut = sum(c for c, _, _ in said)
        verb, preposition = (said[0][1], said[0][2]) if len(said) == 1 else ("take", "out of")
        available = float((plan_now[:, j] if mask is None else plan_now[mask, j]).sum())
        if cut > available * (1 + 1e-9) + 1e-12:
            raise InfeasibleError(f"cannot {verb} {money(cut, scale)} {preposition} {fit.channel_names[j]}: it spends "
                                  f"only {money(available, scale)} {where}; {verb} at most that.")


def restrict_to_weeks(before: np.ndarray, after: np.ndarray, mask: np.ndarray, keep_total: set[int]) -> np.ndarray:
    """The plan changed only in the `mask` weeks; channels in `keep_total` (stated amounts) keep their
    total change, moved into those weeks in proportion to the change the full-period plan made."""
    mask = _window(mask, len(before))
    out = before.copy()
    out[mask] = after[mask]
    for j in keep_total:
        total, inside = float((after[:, j] - before[:, j]).sum()), float((after[mask, j] - before[mask, j]).sum())
        if inside != 0:
            out[mask, j] = before[mask, j] + (after[mask, j] - before[mask, j]) * (total / inside)
    result: np.ndarray = np.clip(out, 0.0, None)
    return result


def _check_margin(margin: float | None) -> None:
    if margin is not None and not 0 < margin <= 1:
        raise InfeasibleError(f"a gross margin must be between 0 and 1 (e.g. 0.4 for 40%), got {margin}.")


def _add_amount(fit: MMMFit, after: np.ndarray, j: int, amount: float, warnings: list[str]) -> None:
    """Add `amount` to channel j, in proportion to its current weekly plan (a cut was checked by `_check_cuts`)."""
    name = fit.channel_names[j]
    current = float(after[:, j].sum())
    scale = fit.dataset.money_scale
    if current > 0:
        after[:, j] = after[:, j] * (1.0 + amount / current)
    else:
        after[:, j] = amount / len(after)
        if amount != 0:
            warnings.append(f"{name} had no spend, so the {money(amount, scale)} is spread evenly over the "
                            f"{len(after)} weeks; the model has no evidence about its effect.")
    after[:, j] = np.clip(after[:, j], 0.0, None)


def _apply_shift(fit: MMMFit, after: np.ndarray, shift: Shift, warnings: list[str], touched: list[int]) -> str:
    src = resolve_channel(fit, shift.from_channel)
    dst = resolve_channel(fit, shift.to_channel)
    names = fit.channel_names
    scale = fit.dataset.money_scale
    if src == dst:
        raise InfeasibleError(f"a shift needs two different channels, got {names[src]} twice.")
    if (shift.percentage is None) == (shift.amount is None):
        raise InfeasibleError("a shift takes either a percentage of the source channel or an amount, not both.")
    available = float(after[:, src].sum())
    if shift.percentage is not None:
        if not 0 <= shift.percentage <= 100:
            raise InfeasibleError(f"can shift 0–100% of {names[src]}'s spend, got {shift.percentage:g}%.")
        moved = available * shift.percentage / 100.0
        label = f"shift {shift.percentage:g}% of {names[src]} to {names[dst]}"
    else:
        assert shift.amount is not None   # exactly one of percentage/amount, checked above
        moved = float(shift.amount)
        if moved < 0:
            raise InfeasibleError(f"a shift amount must be positive, got {money(moved, scale)}; "
                                  "swap the channels to move money the other way.")
        label = f"shift {money(moved, scale)} from {names[src]} to {names[dst]}"
    _add_amount(fit, after, src, -min(moved, available), warnings)
    _add_amount(fit, after, dst, min(moved, available), warnings)
    touched += [src, dst]
    return label


def _result(fit: MMMFit, before: np.ndarray, after: np.ndarray, label: str, touched: list[int], warnings: list[str],
            margin: float | None, draws: int, seed: int) -> ScenarioResult:
    names = fit.channel_names
    spend_before = before.sum(axis=0)
    spend_after = after.sum(axis=0)
    delta_spend_channel = spend_after - spend_before
    base_sales = float(np.sum(fit.predict(before))) if hasattr(fit, "predict") else float("nan")
    # the draws also give each channel's own row's range, so a re-split needs them too
    draws_by_channel = scenario_draws(fit, before, after, draws, seed)
    separate = posterior_change(fit, before, after, draws, seed)
    data_only = data_curve_change(fit, before, after, draws, seed)
    grown: tuple[np.ndarray, ...] = ()
    if moves_money(fit, delta_spend_channel):   # a re-split: a plan's one method (s13-plan)
        delta_channel, delta, low, high, prob_loss = moved_figures(fit, before, after)
        unmeasured = unmeasured_widening(fit, delta_spend_channel)[2]
    else:
        delta_channel = _centre(fit, before, after, draws_by_channel)
        delta = float(delta_channel.sum())
        grown = season_change(fit, before, after, draws, seed)
        low, high, prob_loss, unmeasured = change_interval(fit, delta_spend_channel, delta_channel,
                                                           draws_by_channel, separate, data_only, *grown)
    if unmeasured:
        warnings.append(f"{', '.join(unmeasured)}: no measurable effect in this data, so the change adds no "
                        "sales to the estimate; the interval allows for the effect the data cannot rule out.")

    tiny = [1e-9 * max(1.0, spend_before[j]) for j in range(len(names))]
    note = capped_note(fit, [j for j in range(len(names)) if delta_spend_channel[j] > tiny[j]],
                       [j for j in range(len(names)) if delta_spend_channel[j] < -tiny[j]])
    if note:
        warnings.append(note)
    extrapolated = extrapolated_channels(fit, after)
    peaks = np.asarray(fit.dataset.spend).max(axis=0)
    for name in extrapolated:
        j = names.index(name)
        ratio = float(after[:, j].max() / peaks[j]) if peaks[j] > 0 else math.inf
        reach = f"{ratio:.1f}x its largest weekly spend" if math.isfinite(ratio) else "spend it never had"
        warnings.append(f"{name}: the plan reaches {reach} (beyond {EXTRAPOLATION_GUARD:g}x) — the response "
                        "there is extrapolated from the fitted curve, not observed.")

    rows = []
    for j, c in enumerate(fit.channels):
        lo_j, hi_j = _hull(float(delta_channel[j]), draws_by_channel[:, j], separate[:, j],
                           None if data_only is None else data_only[:, j], *(g[:, j] for g in grown))
        rows.append(ChannelDelta(names[j], float(spend_before[j]), float(spend_after[j]),
                                 float(delta_spend_channel[j]), float(delta_channel[j]), names[j] in extrapolated,
                                 lo_j, hi_j, bool(c.measurable)))
    order = list(dict.fromkeys(touched))
    effective = tuple((names[j], float(100.0 * delta_spend_channel[j] / spend_before[j]) if spend_before[j] > 0
                       else float("nan")) for j in order)
    total_delta_spend = float(delta_spend_channel.sum())
    if abs(total_delta_spend) <= 1e-9 * max(1.0, float(spend_before.sum())):
        total_delta_spend = 0.0
    return ScenarioResult(
        label=label,
        changes=effective,
        base_spend=float(spend_before.sum()),
        new_spend=float(spend_after.sum()),
        delta_spend=total_delta_spend,
        base_sales=base_sales,
        delta_sales=delta,
        delta_sales_low=low,
        delta_sales_high=high,
        channels=tuple(rows),
        extrapolated=extrapolated,
        warnings=tuple(dict.fromkeys(warnings)),
        margin=margin,
        new_plan=after,
        prob_loss=prob_loss,
        **change_figures(delta, low, high, total_delta_spend, base_sales, margin),
    )


def moved_figures(fit: MMMFit, before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, float, float, float, float]:
    """A what-if that moves money between channels, scored as a plan of the same moves (`optimize.move_gain`):
    (per-channel changes, total, 90% interval's ends, chance of a loss), for `_result` and for a side of a comparison
    re-scored that way (`compare.one_estimator`). The chance is the sources' average, as every what-if's (a plan
    states the largest: "+$6.4k" beside 57% read as a contradiction)."""
    honest = move_gain(fit, before, after)
    return honest.by_channel, honest.expected, honest.low, honest.high, honest.average_loss()


def change_figures(delta: float, low: float, high: float, delta_spend: float, base_sales: float,
                   margin: float | None) -> dict[str, Any]:
    """The figures a what-if derives from its sales change and spend change (the share of sales, the return per dollar
    changed, the profit at a margin), for `_result` and for a what-if re-scored by another estimator
    (`compare.one_estimator`)."""
    profit = [None if margin is None else margin * v - delta_spend for v in (delta, low, high)]
    return {"delta_sales_pct": 100.0 * delta / base_sales if base_sales else float("nan"),
            "return_on_change": delta / delta_spend if delta_spend != 0 else None,
            "profit_delta": profit[0], "profit_delta_low": profit[1], "profit_delta_high": profit[2]}


def moves_money(fit: MMMFit, delta_spend: np.ndarray) -> bool:
    """Whether a what-if moves money between channels (one gains spend, another loses it): such a change is a
    plan's, so it reports its gain as a plan of the same moves does (`optimize.move_gain`: the scoring draws' mean,
    the curve choices the data cannot tell apart), not from the fitted curves and data-only draws. Fits without
    joint refit draws (a market panel) keep the what-if's figures."""
    tiny = rounding_tolerance(delta_spend)
    return (bool((delta_spend > tiny).any() and (delta_spend < -tiny).any()) and hasattr(fit, "decomposition")
            and all(hasattr(c, "posterior") for c in fit.channels))


def scenario_draws(fit: MMMFit, before: np.ndarray, after: np.ndarray, draws: int = 2000, seed: int = 0) -> np.ndarray:
    """(D, k) plausible per-channel changes: the fit's joint refit draws (channels move together,
    curve choice included) when it has them, else independent coefficient draws."""
    if all(hasattr(c, "posterior") for c in fit.channels) and hasattr(fit, "decomposition"):
        return joint_change(fit, before, after)
    return posterior_change(fit, before, after, draws, seed)


def data_curve_change(fit: MMMFit, before: np.ndarray, after: np.ndarray, draws: int = 2000,
                      seed: int = 0) -> np.ndarray | None:
    """(draws, k) each channel's draws over the curves its likelihood alone favours (`data_posterior`),
    with the decisions' returns; None when the switch is off or the fit has none.

    Why: the fit's posterior over curves carries the grid's priors (short carry-over, half-saturation
    near typical spend, shape near 1). Where the data disagree, the priors win the point AND the range:
    a slow channel (long_carryover 1201: TV decays 0.86 a week with an S-shape of 1.2, fitted 0.79 and
    0.9) had its cuts' losses understated and 5 of its 8 what-ifs' ranges left the truth out. The
    priors are a guess, so the range also holds the curves the data alone favour (the estimate does
    not move). Figures: DATA_CURVES."""
    channels = getattr(fit, "channels", ())
    if not DATA_CURVES or not any(getattr(c, "data_posterior", ()) for c in channels):
        return None
    view = _DataCurves(tuple(replace(c, posterior=c.data_posterior) for c in channels), fit.media_covariance)
    return adjusted_change(fit, before, after, change_draws(cast("MMMFit", view), before, after, draws, seed))


def season_change(fit: MMMFit, before: np.ndarray, after: np.ndarray, draws: int = 2000,
                  seed: int = 0) -> tuple[np.ndarray, ...]:
    """Draw sets (each (draws, k)) of the change under the fit with a season that grows with the trend
    (`analysis.fit.season_alternative`): its own posterior's and its data-only curves' draws; none when it has no
    such fit. A what-if's range holds them, its estimate does not move (figures: analysis.fit.SEASON_RANGE)."""
    import analysis.fit as fitting  # its SEASON_RANGE as set now (benchmarks and tests switch it)

    alternative = fit_memo(fit, ("season_alternative", fitting.SEASON_RANGE), lambda: season_alternative(fit))
    if alternative is None:
        return ()
    sets = [posterior_change(alternative, before, after, draws, seed),
            data_curve_change(alternative, before, after, draws, seed)]
    return tuple(d for d in sets if d is not None and len(d))


@dataclass(frozen=True)
class _DataCurves:
    """What `change_draws` reads of a fit, with each channel's posterior replaced by its data-only one."""

    channels: tuple[Any, ...]
    media_covariance: np.ndarray


def change_interval(fit: MMMFit, delta_spend: np.ndarray, point: np.ndarray,
                    *draw_sets: np.ndarray | None) -> tuple[float, float, float, list[str]]:
    """(low, high, chance of a loss, channels the data cannot measure) of a what-if from its draw sets and
    each channel's point change: the hull of the sets, widened for a channel the data cannot measure
    (`unmeasured_widening`, `unmeasurable_reach`), and the chance kept inside that interval. One rule for
    national what-ifs and what-ifs in some markets (`analysis.panel.results.market_interval`)."""
    low, high = _hull(float(np.sum(point)), *draw_sets)
    extra_low, extra_high, unmeasured = unmeasured_widening(fit, delta_spend)
    low, high = unmeasurable_reach(fit, delta_spend, point, (low + extra_low, high + extra_high), *draw_sets)
    return low, high, _loss_chance(low, high, *draw_sets), unmeasured


def _hull(point: float, *draw_sets: np.ndarray | None) -> tuple[float, float]:
    """90% interval covering every set of draws given (and the point): the joint refit draws, each
    channel's own posterior draws and the data-only curves' draws.

    The joint draws carry what channels share (an entangled pair, unexplained weeks); the
    per-channel posterior carries each curve's own coefficient uncertainty, which the refits
    understate on clean data (measured: what-if coverage of the truth 65% on the clean class
    with the joint draws alone, 82% with the posterior alone). The hull holds both."""
    low = high = point
    for draws in draw_sets:
        if draws is not None:
            lo, hi = delta_interval(draws, point)
            low, high = min(low, lo), max(high, hi)
    return low, high


def unmeasurable_reach(fit: MMMFit, delta_spend: np.ndarray, point: np.ndarray, interval: tuple[float, float],
                       *draw_sets: np.ndarray | None) -> tuple[float, float]:
    """The what-if's 90% interval, widened to hold the case where every channel it changes that the data
    cannot measure has no effect at all (the bottom of that channel's ROI interval).

    Why: a not-measurable channel's ROI interval reaches $0, so a one-channel what-if on it reaches $0
    too; but summed with a measurable channel's change the joint draws rarely put both near zero, and
    on the sibylhe export "cut TV and Search by 10%" stated −$533.14M to −$2.61M with Search unmeasurable.
    The interval now also covers the measurable channels' own change alone (their draws' hull, the
    unmeasurable ones at zero); with none measurable that is $0. Nothing narrows, the estimate stays."""
    low, high = interval
    tiny = rounding_tolerance(delta_spend)
    unmeasured = [j for j, c in enumerate(fit.channels) if not c.measurable and abs(float(delta_spend[j])) > tiny]
    if not unmeasured:
        return low, high
    keep = [j for j in range(len(fit.channels)) if j not in unmeasured]
    rest = float(np.asarray(point, dtype=float)[keep].sum())
    lo, hi = _hull(rest, *(np.asarray(d, dtype=float)[:, keep] for d in draw_sets if d is not None and len(d)))
    return min(low, lo), max(high, hi)


def _loss_chance(low: float, high: float, *sources: np.ndarray | None) -> float:
    """Chance of selling less, consistent with the stated 90% interval.

    Why: the interval is the hull of the joint, per-channel and data-only draws (plus the room an
    unmeasurable channel leaves), while the chance came from the joint draws alone, so the sample's
    "move 20% of Print into Social" said "4% chance of a loss" beside an interval reaching −$57k.
    The chance is the sources' average share of losing draws, kept inside what the interval says:
    an interval with a loss at its low end and a gain at its high end leaves at least 5% to each."""
    shares = [float(np.mean(s.sum(axis=1) < 0)) for s in sources if s is not None and len(s)]
    chance = float(np.mean(shares)) if shares else 0.0
    if low < 0 < high:
        chance = min(max(chance, 0.05), 0.95)
    return chance


def _centre(fit: MMMFit, before: np.ndarray, after: np.ndarray, draws_by_channel: np.ndarray) -> np.ndarray:
    """Per-channel point change: the fitted model's, or the draws' mean (WHATIF_CENTRE)."""
    if WHATIF_CENTRE == "draws" and len(draws_by_channel):
        mean: np.ndarray = draws_by_channel.mean(axis=0)
        return mean
    change: np.ndarray = adjusted_change(fit, before, after, fitted_change(fit, before, after))
    return change


def scale_all(fit: MMMFit, pct: float, **kwargs: Any) -> ScenarioResult:
    """Every channel's spend changed by the same signed %."""

    result = run_scenario(fit, {name: pct for name in fit.channel_names}, **kwargs)
    return replace(result, label=f"all channels {pct_text(pct)}")
