"""Next-dollar returns pooled across channels before a plan is chosen and scored (empirical Bayes).

A reallocation is driven by the DIFFERENCES between channels' next-dollar returns (marginal
ROI at today's spend). Each channel's estimate is noisy, so the spread of the estimates is
wider than the spread of the truth, and an optimiser that moves money from the lowest to the
highest estimate picks exactly the channels whose noise went its way (the optimiser's curse).
Draws centred on the fit cannot see that: on unseen benchmark seeds each channel's marginal
ROI lay inside its draws' 90% range 90% of the time, yet the true marginal ROIs varied only
0.38x as much across channels as the fitted ones, channels the plan boosted were over-estimated
(truth below their 5th percentile 24% of the time) and channels it cut under-estimated.

The fix is the textbook one for many noisy estimates of related quantities: treat the
channels' marginal ROIs as drawn from a common distribution, estimate its spread from the data
(each channel weighted by how precisely its draws pin it), and pull each
channel toward the common level by the share of its deviation that its own noise explains.
Each channel keeps its fitted contribution at today's spend and its curvature; only its slope
is shifted, by a constant: `correction[j]` extra sales per extra dollar, applied to every
change in spend (`pooled_change`), in the point estimate and in every draw alike.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from analysis.decisions.common import Z90, fit_cache

if TYPE_CHECKING:
    from analysis.model import MMMFit

POOL_MARGINALS = True    # pool next-dollar returns across channels for plans and what-ifs
STEP = 0.01              # a 1% scale-up of a channel's plan measures its marginal ROI in each draw


def marginal_correction(fit: MMMFit) -> np.ndarray:
    """(k,) per channel: pooled minus fitted marginal ROI, once per fit (zeros for channels not
    modelled, or when pooling is off)."""
    if not POOL_MARGINALS:
        return np.zeros(len(fit.channels))
    cache = fit_cache(fit)
    if "marginal_correction" not in cache:
        cache["marginal_correction"] = _correction(fit)
    correction: np.ndarray = cache["marginal_correction"]
    return correction


def pooled_change(fit: MMMFit, before: np.ndarray, after: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Per-channel changes in sales, (k,) or draws (D, k), with each channel's slope pooled: plus
    the correction times the channel's change in total spend. The draws keep their spread: with
    five or six channels the spread of the returns across channels is itself uncertain, and the
    pooled estimate is hardly more precise than the channel's own."""
    shift = marginal_correction(fit) * (np.asarray(after).sum(axis=0) - np.asarray(before).sum(axis=0))
    result: np.ndarray = np.asarray(change, dtype=float) + shift
    return result


def _correction(fit: MMMFit) -> np.ndarray:
    from analysis.decisions.joint_draws import joint_draws

    spend = np.asarray(fit.dataset.spend, dtype=float)
    totals = spend.sum(axis=0)
    k = len(fit.channels)
    out = np.zeros(k)
    draws = joint_draws(fit)
    cols = [j for j in draws.channels if totals[j] > 0]
    if len(cols) < 2:
        return out
    fitted = np.array([fit.channels[j].marginal_response(spend[:, j]) for j in cols])
    per_draw = draws.change(fit, spend, spend * (1 + STEP), pooled=False)[:, cols] / (STEP * totals[cols])
    low, high = np.percentile(per_draw, [5.0, 95.0], axis=0)    # robust to the few wild draws of a re-split pair
    se = np.maximum((high - low) / (2 * Z90), 1e-9 * max(float(np.abs(fitted).max()), 1e-12))
    out[cols] = pool(fitted, se) - fitted
    return out


def pool(estimates: np.ndarray, se: np.ndarray, grid: int = 400) -> np.ndarray:
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
    means: np.ndarray = p @ (level[:, None] + tau2 / total * (y[None, :] - level[:, None]))
    return means
