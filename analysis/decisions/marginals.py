"""The next-dollar returns decisions use: the fit's, with one correction the data cannot refute.

A reallocation is driven by the DIFFERENCES between channels' next-dollar returns (marginal ROI
at today's spend). Diagnosis on unseen benchmark seeds (151 fitted channels, 30 datasets): each
channel's marginal ROI lies in its draws' 90% range 90% of the time, yet channels the plan boosts
are over-estimated (truth below their 5th percentile 24% of the time) and channels it cuts
under-estimated. Half the boosted channels are always-on ones whose fitted curve is CONVEX at
today's spend -- the next dollar earning more than the average one (short_promos seed 601: Social
fitted 3.61 per dollar at the margin against 2.46 on average; true 1.60 and 2.33). An always-on
channel is never seen at low spend, so the data pin its average return but not whether its curve
is still rising steeply below today's spend: increasing returns there are the curve family's
guess. `MARGINAL_RULE = "concave"` (adopted) caps such a channel's next-dollar return at its
average return.

`"pool"` (measured, not adopted) is the general remedy for the optimiser's curse: treat the
channels' marginal ROIs as drawn from a common distribution (`pool`) and pull each toward the
common level by the share of its deviation its own noise explains (true marginal ROIs varied
only 0.38x as much across channels as the fitted ones). It made the promise honest but, with the
draws as wide as they really are, the plan's 5%-loss check then kept today's mix far more often.

Either way each channel keeps its fitted contribution at today's spend and its curvature; only
its slope is shifted, by a constant: `marginal_correction(fit)[j]` extra sales per extra dollar,
added to every change in spend (`adjusted_change`), in the point estimate, in every draw, in the
optimiser's curves and in what-ifs alike. Figures (`benchmarks/bench_decisions.py`, 30 plans
per seed set; capture / losing plans / real gain in 90% interval / predicted÷real):

| rule | tuning seeds | unseen (offset 5) | fresh (offset 10) |
|---|---|---|---|
| "fitted" (before) | 0.55 / 0 / 93% / 1.00 | 0.48 / 0 / 73% / 1.75 | 0.00 / 3 / 83% / 1.00 |
| "concave" (adopted) | 0.55 / 0 / 97% / 1.00 | 0.46 / 0 / 87% / 1.75 | 0.00 / 2 / 90% / 1.00 |
| "pool" (check without the hull) | 0.00 / 0 / 97% / 1.00 | 0.30 / 0 / 83% / 1.12 | 0.00 / 1 / 97% / 1.00 |

| "posterior" (measured, not adopted) | 0.00 / 0 / 100% / 1.00 | 0.00 / 0 / 90% / 1.00 | 0.00 / 0 / 97% / 1.00 |

"posterior" is "pool" done consistently: the concave returns pooled, and the draws' deviations
narrowed to the posterior's spread too (`spread_scale`; "pool" shrank the centre, not the width,
so a move's z-score fell by the shrink factor B instead of sqrt(B)). It removes both losing plans of
the fresh seeds (offset 10: entangled 1001, where Social's next dollar is fitted at 2.57 against a
true 1.03, below its draws' 5th percentile of 1.70; noisy 1201) but keeps today's mix almost
everywhere (capture median 0.00 on all three seed sets; plans scored without what-ifs): with five or
six channels the data rarely show that their returns differ by more than their noise. Repeat with
`--set analysis.decisions.marginals.MARGINAL_RULE=posterior --no-whatif`.

"concave" changes 5 of the 30 unseen plans (predicted/real on those 2.3-9.3 -> 2.0-5.8), so the
median ratio stays 1.75; on the fresh seeds it removes one of the three losing plans. Repeat with
`bench_decisions.py --set analysis.decisions.marginals.MARGINAL_RULE=pool
--set analysis.decisions.optimize.HULL_IN_CHOICE=0` (or `=fitted`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from analysis.dataset import always_on
from analysis.decisions.common import Z90, change_draws, channel_totals, fit_cache, fit_memo
from analysis.decisions.joint_draws import flighted_together, joint_draws

if TYPE_CHECKING:
    from analysis.model import MMMFit

MARGINAL_RULE = "concave"   # "fitted" (no correction), "concave" (adopted), "pool" or "posterior" (module docstring)
FLIGHTED_SHAPE = True       # channels bought together share one curve shape in what-ifs (`fitted_change`)
STEP = 0.01                 # a 1% scale-up of a channel's plan measures its marginal ROI in each draw


def marginal_correction(fit: MMMFit) -> np.ndarray:
    """(k,) per channel: corrected minus fitted marginal ROI at today's spend, once per fit."""
    if MARGINAL_RULE == "fitted":
        return np.zeros(len(fit.channels))
    return fit_memo(fit, ("marginal_correction", MARGINAL_RULE), lambda: _correction(fit))


def next_dollar(fit: MMMFit, j: int) -> float:
    """Channel j's next-dollar return at today's spend: the fitted slope plus its correction. The one figure the
    saturation answer states and the what-if ceiling (`concave_ceiling`) holds an added dollar to."""
    return float(fit.channels[j].marginal_response(fit.dataset.spend[:, j]) + float(marginal_correction(fit)[j]))


def corrected_spend(delta: np.ndarray) -> np.ndarray:
    """The part of a change in spend the correction applies to. "concave" caps what ADDED spend earns,
    so only increases carry it: a cut loses what the fitted curve says (a pause loses the channel's
    whole contribution, as its ROI answer states); the pooling rules shift both ways."""
    delta = np.asarray(delta, dtype=float)
    return np.maximum(delta, 0.0) if MARGINAL_RULE == "concave" else delta


def correction_applies(delta: np.ndarray) -> np.ndarray:
    """Where a channel's next-dollar return carries the correction, given spend minus today's: at and
    above today's spend under "concave" (the next dollar, and every added one), everywhere otherwise."""
    delta = np.asarray(delta, dtype=float)
    return delta >= 0.0 if MARGINAL_RULE == "concave" else np.ones(delta.shape, dtype=bool)


def adjusted_change(fit: MMMFit, before: np.ndarray, after: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Per-channel changes in sales, (k,) or draws (D, k), plus each channel's correction times its
    change in total spend. Draws keep their spread."""
    delta = np.asarray(after).sum(axis=0) - np.asarray(before).sum(axis=0)
    shift = marginal_correction(fit) * corrected_spend(delta)
    change = np.asarray(change, dtype=float)
    if change.ndim == 2 and len(change) and MARGINAL_RULE == "posterior":
        centre = np.median(change, axis=0)
        change = centre + spread_scale(fit) * (change - centre)
    result: np.ndarray = change + shift
    if MARGINAL_RULE == "concave":   # a cap on what added spend earns never makes added spend LOSE sales:
        # the constant shift is the slope's cut at today's spend, and far up a flattening curve (a
        # doubled budget) it would exceed what the curve still adds
        result = np.where(delta > 0, np.maximum(result, np.minimum(change, 0.0)), result)
        if result.ndim == 1:
            result = np.minimum(result, concave_ceiling(fit, delta))
    return result


def concave_ceiling(fit: MMMFit, delta: np.ndarray) -> np.ndarray:
    """(k,) the most a capped channel's ADDED spend may earn in an estimate: its stated next-dollar return
    (its average return, `_concave`) times the dollars added; +inf for every other channel and for cuts.

    Why: the cap shifts the fitted slope by a constant, so on a curve still CONVEX above today's spend
    (an always-on channel fitted with a strong S-shape) each added dollar still earned more than the one
    before: "double Paid Search" returned more per extra $1 than the next dollar the saturation answer
    states. The data never show that channel at other levels, so its curve is assumed concave beyond
    today's spend too: no added dollar earns more than the next one. Applied to estimates (the point a
    what-if or goal states), not to the draws its interval comes from."""
    delta = np.asarray(delta, dtype=float)
    correction = marginal_correction(fit)
    capped = (correction < 0) & (delta > 0)
    if not capped.any():
        return np.full(delta.shape, np.inf)
    stated = np.array([next_dollar(fit, j) if capped[j] else 0.0 for j in range(len(delta))])
    return np.where(capped, stated * np.where(capped, delta, 0.0), np.inf)


def fitted_change(fit: MMMFit, before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """(k,) each channel's change in total sales from `before` to `after` under the fitted curves, with
    channels always bought together (`flighted_together`) sharing one curve SHAPE.

    Such channels rise and fall in the same weeks, so the data pin how their joint response bends
    (saturation, carry-over) but not which of them bends: each fitted curve is one arbitrary split
    of that shape (benchmark: TV fitted to saturate at a third of its true half-saturation point
    while Video, flighted with it, was fitted at four times its own). A channel of such a group
    changed by per-week factors f is credited its share of today's group contribution times the
    group's own relative response to f: C_j / C_G * sum_i [R_i(f * x_i) - R_i(x_i)]. Moving the whole
    group by the same factors gives exactly the fitted curves' answer, and a pause loses exactly
    the channel's contribution; only a channel moved apart from its group changes.

    Measured on the decision benchmark's entangled class (`benchmarks/bench_decisions.py --classes
    entangled [--seed-offset N] [--set analysis.decisions.marginals.FLIGHTED_SHAPE=0]`), single-channel
    what-if error, median of 5 seeds: 0.32 -> 0.15 (tuning seeds), 0.24 -> 0.18 and 0.49 -> 0.39
    (unseen offsets 25, 30). It cannot fix a fit that also swaps the pair's LEVELS (offset 30, seed
    3101: 0.49 -> 0.88, the pooled shape undoes the fitted one's accidental compensation). Splitting
    by spend share instead (equal ROI within the group) was worse on the tuning seeds (0.29), so it
    was not adopted, though it was better on offset 30 (0.27)."""
    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    today = channel_totals(fit, before)
    change: np.ndarray = channel_totals(fit, after) - today
    if not FLIGHTED_SHAPE:
        return change
    for group in flighted_groups(fit):
        members = list(group)
        share_total = float(today[members].sum())
        if share_total <= 0:
            continue
        for j in members:
            factor = _weekly_factor(before[:, j], after[:, j])
            if factor is None or np.allclose(factor, 1.0):
                continue
            moved = before.copy()
            moved[:, members] = before[:, members] * factor[:, None]
            change[j] = today[j] / share_total * float((channel_totals(fit, moved) - today)[members].sum())
    return change


def flighted_groups(fit: MMMFit) -> list[tuple[int, ...]]:
    """Groups of modelled channels (coefficient > 0) bought in the same flights, once per fit. None on a
    market panel: its markets can split channels the national weeks cannot, and its per-market
    what-ifs (`analysis.panel.results`) add up the fitted curves, which national what-ifs must match."""
    if getattr(fit.dataset, "panel", None) is not None:
        return []
    live = [j for j, c in enumerate(fit.channels) if c.coef > 0]
    return fit_memo(fit, "flighted_groups",
                    lambda: flighted_together(np.asarray(fit.dataset.spend, dtype=float), live))


def _weekly_factor(before: np.ndarray, after: np.ndarray) -> np.ndarray | None:
    """Per-week factor taking `before` to `after` (1 where neither spends); None when spend is added
    to a week that had none, which no factor describes (the fitted curve answers alone then)."""
    on = before > 0
    if np.any(~on & (after > 1e-12 * max(1.0, float(np.abs(before).max(initial=0.0))))):
        return None
    return np.where(on, after / np.where(on, before, 1.0), 1.0)


def joint_change(fit: MMMFit, before: np.ndarray, after: np.ndarray, which: slice = slice(None)) -> np.ndarray:
    """(D, k) the fit's joint refit draws of a plan change (`joint_draws`), with the decisions' returns."""
    return adjusted_change(fit, before, after, joint_draws(fit).change(fit, before, after, which))


def posterior_change(fit: MMMFit, before: np.ndarray, after: np.ndarray, draws: int = 2000, seed: int = 0) -> np.ndarray:
    """(draws, k) each channel's own posterior draws of a plan change (`change_draws`), with the decisions' returns."""
    return adjusted_change(fit, before, after, change_draws(fit, before, after, draws, seed))


def _correction(fit: MMMFit) -> np.ndarray:
    """Per channel: "concave" -- an always-on channel (spend in every week) whose fitted next dollar
    earns more than its average dollar is brought down to its average; "pool" -- the hierarchical
    posterior mean of the marginal ROIs, each channel's noise measured by the spread of its
    marginal ROI over the joint draws (5-95% range, robust to a re-split pair's wild draws);
    "posterior" -- the same pooling of the "concave" returns, with the draws' spread narrowed to
    the posterior's too (`spread_scale`)."""
    return _pooled(fit)[0]


def spread_scale(fit: MMMFit) -> np.ndarray:
    """(k,) per channel, the factor by which the draws' deviations from their centre shrink: the
    posterior sd of the channel's next-dollar return over its own (rule "posterior"; else ones)."""
    if MARGINAL_RULE != "posterior":
        return np.ones(len(fit.channels))
    marginal_correction(fit)   # computes and keeps the scale with the correction
    scale: np.ndarray = fit_cache(fit)[("spread_scale", MARGINAL_RULE)]
    return scale


def _concave(fit: MMMFit, spend: np.ndarray) -> np.ndarray:
    totals = spend.sum(axis=0)
    out = np.zeros(len(fit.channels))
    on = always_on(spend)
    for j, c in enumerate(fit.channels):
        if c.coef > 0 and bool(on[j]):
            average = float(np.sum(c.response(spend[:, j]))) / totals[j]
            out[j] = min(average - c.marginal_response(spend[:, j]), 0.0)
    return out


def _pooled(fit: MMMFit) -> tuple[np.ndarray, np.ndarray]:
    spend = np.asarray(fit.dataset.spend, dtype=float)
    totals = spend.sum(axis=0)
    out = np.zeros(len(fit.channels))
    scale = np.ones(len(fit.channels))
    if MARGINAL_RULE == "concave":
        return _concave(fit, spend), scale
    base = _concave(fit, spend) if MARGINAL_RULE == "posterior" else out
    draws = joint_draws(fit)
    cols = [j for j in draws.channels if totals[j] > 0]
    if len(cols) < 2:
        fit_cache(fit)[("spread_scale", MARGINAL_RULE)] = scale
        return base, scale
    fitted = np.array([fit.channels[j].marginal_response(spend[:, j]) for j in cols]) + base[cols]
    per_draw = draws.change(fit, spend, spend * (1 + STEP))[:, cols] / (STEP * totals[cols])
    low, high = np.percentile(per_draw, [5.0, 95.0], axis=0)    # robust to the few wild draws of a re-split pair
    se = np.maximum((high - low) / (2 * Z90), 1e-9 * max(float(np.abs(fitted).max()), 1e-12))
    means, sds = pool_posterior(fitted, se)
    out = base.copy()
    out[cols] = base[cols] + means - fitted
    if MARGINAL_RULE == "posterior":
        scale[cols] = np.minimum(sds / se, 1.0)
    fit_cache(fit)[("spread_scale", MARGINAL_RULE)] = scale
    return out, scale


def pool(estimates: np.ndarray, se: np.ndarray, grid: int = 400) -> np.ndarray:
    """Posterior means of `pool_posterior`."""
    return pool_posterior(estimates, se, grid)[0]


def pool_posterior(estimates: np.ndarray, se: np.ndarray, grid: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Posterior means of related quantities from their estimates and standard errors, under the
    normal hierarchical model with flat priors on the common level and on the spread tau between
    the quantities (Gelman et al., Bayesian Data Analysis, 5.4): each estimate moves toward the
    common level by the share of its deviation its own noise could explain.

    tau is integrated over a grid, not set to its best value: with five or six channels the data
    rarely pin it, and its best value is often zero (every channel alike, so the plan would keep
    today's mix whatever the data say)."""
    y = np.asarray(estimates, dtype=float)
    var = np.asarray(se, dtype=float) ** 2
    top = 4.0 * max(float(np.abs(y).max()), 3.0 * float(y.std()), float(np.sqrt(var.max())), 1e-12)
    tau2 = np.linspace(0.0, top, grid)[:, None] ** 2              # (G, 1)
    total = var[None, :] + tau2                                   # (G, m)
    w = 1.0 / total
    level = (w @ y) / w.sum(axis=1)                               # (G,) the common level given tau
    log_post = (-0.5 * np.log(w.sum(axis=1)) - 0.5 * np.log(total).sum(axis=1)
                - 0.5 * (w * (y[None, :] - level[:, None]) ** 2).sum(axis=1))
    p = np.exp(log_post - log_post.max())
    p /= p.sum()
    shrink = tau2 / total                                         # (G, m) B_j given tau
    centre = level[:, None] + shrink * (y[None, :] - level[:, None])
    # given tau: Var(theta_j) = B_j v_j + (1 - B_j)^2 Var(level) (BDA 5.4); then mixed over tau
    within = shrink * var[None, :] + (1.0 - shrink) ** 2 / w.sum(axis=1)[:, None]
    means: np.ndarray = p @ centre
    sds: np.ndarray = np.sqrt(np.clip(p @ (within + centre ** 2) - means ** 2, 0.0, None))
    return means, sds


def capped_note(fit: MMMFit, moved: list[int], cut: list[int] | None = None) -> str | None:
    """One line naming the channels whose next dollar is counted at their average return
    ("concave"), so a plan's or what-if's figures can be squared with the fitted curve's and with the
    saturation answer's next dollar. `moved`: channels whose spend rises (they carry the cap);
    `cut`: channels whose spend falls (a cut loses what the fitted curve says, `corrected_spend`)."""
    correction = marginal_correction(fit)
    if MARGINAL_RULE != "concave":
        return None
    raised = [fit.channel_names[j] for j in moved if correction[j] < 0]
    lowered = [fit.channel_names[j] for j in cut or [] if correction[j] < 0]
    def always_on(names: list[str]) -> str:
        return f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} always on"

    lines = []
    if raised:
        lines.append(f"{always_on(raised)}, so the data never show whether returns still rise below today's spend: "
                     "the next dollar is counted at the average dollar's return, not the fitted curve's higher one.")
    if lowered:
        lines.append(f"{always_on(lowered)}: a cut loses what the fitted curve says, which is more per dollar than an "
                     "added dollar is counted at (the average dollar's return).")
    return " ".join(lines) or None
