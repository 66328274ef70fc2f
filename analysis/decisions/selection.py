"""The selection part of the optimiser's curse, measured by replaying the plan's choice in model worlds.

A plan is chosen where the fitted returns look best, so the fit's errors tend to lie in the direction
of the move: the scoring draws, centred on the fit, cannot see that (session 10's confident loss, clean
2301 of the first blind set, had every moved channel's error on the side of the move). The bootstrap
estimate of that optimism (Efron's): take the scoring draws as the estimates of worlds whose truth is the
choosing draws' mean; in each world, make the same kind of plan from that world's estimate (its own
careful or point optimum within the same bounds, tied and held as the plan is, the same share of the
way) and compare what the world's estimate promises for it with what its truth gives. The mean gap is
what choosing costs a plan of that kind on data this noisy; the plan's gain draws are moved down by it
(`optimize.SELECTION`), so its interval, chance of a loss and, when counted in the choice, the move
itself account for the choice.

Cheap by construction: every world's curves are tabulated once on a grid of totals per channel that
holds today's spend, so a world's optimum is a bisection on the price of a dollar (as
`joint_draws.draw_optima`) and its gains are interpolations.

Measured and not adopted (session 11, `optimize.SELECTION = "off"`; `bench_decisions.py --seeds 5 --no-timing
--no-whatif --rows FILE`, offsets 95,100,105 and `--module data.hard_scenarios_blind[2] --seed-offset 20`,
150 plans; figures in best gains, each dataset's true best gain within the same bounds):
  * Size. For the model's full point optimum (90 datasets, offsets 95-105) the real curse (promise of the
    scoring draws minus the true gain) averaged 0.455 (median 0.131), the worlds' optimism 1.056 (median
    0.617): the worlds overstate it about 2.3x (per class 0.36-0.54x, long_carryover 0.97x, entangled ~0),
    since one draw strays from the draws' centre further than the fit strays from the truth. Hence
    `SELECTION_SCALE = 0.4`. For the plans the rule chose (moving plans) the ratio was 0.44 (53 plans), 1.03
    on the first blind set (23; its one loser, clean 2301, alone is 3.6 of the 4.6) and 0.16 on the third (18).
  * Per plan it carries no signal: over the 94 moving plans the Spearman correlation between the plan's
    shortfall and the worlds' optimism, each as a share of its promise, is 0.03; the 6 plans whose optimism
    exceeded their promise delivered 1.15x the promise (median). The chosen plans' centre is nearly
    unbiased already (real / promised 0.93-0.99 on average in every optimism quartile).
  * "choose" (x0.4), offsets 95-105: capture median 0.40 -> 0.00, net real gain 36.81 -> 28.38, moving plans
    53 -> 40, losing plans 0 -> 0, real gain in the interval 97% -> 97%.
  * "state" (x0.4), same plans: real gain in the interval 97% -> 96% (misses 3 below / 0 above -> 2 / 2),
    predicted / real 1.00, but the stated chances of a loss add up to 3.42 against 0 losses (1.06 before),
    25 of 53 moving plans would state a loss inside their interval and one would state an expected LOSS for
    a plan it still recommends (short_promos 301, the careful test's: -343 stated, +351 real). At x1.0: 9.90.
  * The confident loss it was meant for (blind clean 2301: promised 2,303, really -95) gets 0.4 x 560 off its
    promise: the fit's error there is about ten times what the worlds can show, as session 9 found for draws.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from analysis.decisions.common import tie_groups
from analysis.decisions.joint_draws import CHOOSE, DRAWS, JointDraws, grid_spend_at, price_bracket_rows

if TYPE_CHECKING:
    from analysis.model import MMMFit

WORLDS = slice(DRAWS // 2, DRAWS // 2 + 100)   # scoring draws taken as the worlds' estimates
NODES = 41


@dataclass(frozen=True)
class Worlds:
    """Every world's fitted total response per free channel on one grid of totals (today's spend included)."""

    cols: np.ndarray          # (F,) fit channel index of each tabulated column
    grid: np.ndarray          # (N, F) totals per column, increasing, today's spend among them
    estimates: np.ndarray     # (W, F, N) each world's total response (a scoring draw)
    truth: np.ndarray         # (F, N) the worlds' truth: the choosing draws' mean response


def tabulate(fit: MMMFit, draws: JointDraws, weekly_share: np.ndarray, lower: np.ndarray, upper: np.ndarray,
             current: np.ndarray, correction: np.ndarray, nodes: int = NODES) -> Worlds:
    """The worlds of a problem (weekly shares, bounds): each draw's curves on a grid from the lower to the
    upper bound plus today's spend; `correction` (the decisions' next-dollar cap, per dollar added above
    today's spend) is added to every world alike, as the plan's own figures carry it."""
    free = [i for i, j in enumerate(draws.channels) if upper[j] - lower[j] > 1e-12 * max(1.0, upper[j])]
    cols = np.array([draws.channels[i] for i in free], dtype=int)
    grid = np.empty((nodes, len(free)))
    tables = []
    for f, i in enumerate(free):
        j = int(cols[f])
        points = np.append(np.linspace(lower[j], upper[j], nodes - 1), np.clip(current[j], lower[j], upper[j]))
        grid[:, f] = np.sort(points)
        extra = correction[j] * np.maximum(grid[:, f] - current[j], 0.0)
        rows = []
        for which in (WORLDS, CHOOSE):
            picks, coefs = draws.picks[which, i], draws.coefs[which, i]
            used, where = np.unique(picks, return_inverse=True)
            table = draws.curves[i].scaled_totals(weekly_share[:, j], grid[:, f], used)   # (N, U)
            rows.append(coefs[:, None] * table[:, where].T + extra[None, :])
        tables.append(rows)
    estimates = np.stack([t[0] for t in tables], axis=1) if tables else np.zeros((0, 0, nodes))
    truth = np.stack([t[1].mean(axis=0) for t in tables], axis=0) if tables else np.zeros((0, nodes))
    return Worlds(cols, grid, estimates, truth)


def world_targets(worlds: Worlds, lower: np.ndarray, upper: np.ndarray, budget: float, reference: np.ndarray,
                  penalty: np.ndarray) -> np.ndarray:
    """(W, k) each world's own plan target: the split of `budget` within [lower, upper] that maximises its
    estimate less `penalty` per dollar moved from the reference (0: its point optimum; the careful optima
    of `optimize._careful_optimum` otherwise). Channels not tabulated stay at the reference."""
    w = len(worlds.estimates)
    x = np.tile(np.asarray(reference, dtype=float), (w, 1))
    if len(worlds.cols) < 2:
        return x
    cols = worlds.cols
    grid = worlds.grid                                            # (N, F)
    outside = (grid < lower[cols][None, :] - 1e-9 * np.abs(grid)) | (grid > upper[cols][None, :] + 1e-9 * np.abs(grid))
    cost = penalty[cols][None, :] * np.abs(grid - reference[cols][None, :])
    values = worlds.estimates - cost.T[None] - np.where(outside, np.inf, 0.0).T[None]   # (W, F, N)
    rest = budget - float(np.sum(np.delete(np.asarray(reference, dtype=float), cols)))
    gx = np.broadcast_to(grid.T[None], values.shape)
    finite = np.where(np.isfinite(values), values, np.nan)
    slope = np.nanmax(np.abs(np.diff(finite, axis=2)) / np.maximum(np.diff(grid.T, axis=1), 1e-300)[None], initial=0.0)
    lo, hi = np.full(w, -slope - 1.0), np.full(w, slope + 1.0)

    lo, hi = price_bracket_rows(values, gx, rest, lo, hi)
    below, above = grid_spend_at(values, gx, hi), grid_spend_at(values, gx, lo)
    gap = above.sum(axis=1) - below.sum(axis=1)
    share = np.clip((rest - below.sum(axis=1)) / np.where(gap > 0, gap, 1.0), 0.0, 1.0)
    x[:, cols] = below + np.where(gap > 0, share, 0.0)[:, None] * (above - below)
    return project_rows(x, lower, upper, budget)


def project_rows(x: np.ndarray, lower: np.ndarray, upper: np.ndarray, budget: float) -> np.ndarray:
    """Each row's Euclidean projection onto {sum = budget, lower <= x <= upper} (as `optimize._project`)."""
    a = np.min(lower[None, :] - x, axis=1) - 1.0
    b = np.max(upper[None, :] - x, axis=1) + 1.0
    for _ in range(100):
        tau = 0.5 * (a + b)
        short = np.clip(x + tau[:, None], lower, upper).sum(axis=1) < budget
        a, b = np.where(short, tau, a), np.where(short, b, tau)
    result: np.ndarray = np.clip(x + 0.5 * (a + b)[:, None], lower, upper)
    return result


def tie_rows(x: np.ndarray, reference: np.ndarray, groups: list[list[int]], lower: np.ndarray, upper: np.ndarray,
             budget: float) -> np.ndarray:
    """Each row with every group moved by one common factor in the reference's split (`optimize._tie`)."""
    if not groups:
        return x
    return project_rows(tie_groups(x, reference, groups), lower, upper, budget)


def _response(worlds: Worlds, tables: np.ndarray, x: np.ndarray) -> np.ndarray:
    """(W,) total tabulated response at per-world totals x (W, k); tables (W, F, N) or (F, N) shared."""
    total = np.zeros(len(x))
    for f, j in enumerate(worlds.cols):
        g = worlds.grid[:, f]
        pos = np.clip(np.searchsorted(g, x[:, j], side="right") - 1, 0, len(g) - 2)
        width = g[pos + 1] - g[pos]
        t = np.where(width > 0, (x[:, j] - g[pos]) / np.where(width > 0, width, 1.0), 0.0)
        t = np.clip(t, 0.0, 1.0)
        rows = tables[:, f, :] if tables.ndim == 3 else np.broadcast_to(tables[f][None, :], (len(x), len(g)))
        at = np.arange(len(x))
        total += rows[at, pos] * (1 - t) + rows[at, pos + 1] * t
    return total


def optimism(worlds: Worlds, reference: np.ndarray, targets: np.ndarray, step: float) -> float:
    """The mean over worlds of what a world's estimate promises for its own plan (`step` of the way to its
    target) beyond what its truth gives: the selection's share of the plan's promise (>= 0)."""
    if step <= 0 or len(worlds.cols) < 2:
        return 0.0
    ref = np.tile(np.asarray(reference, dtype=float), (len(targets), 1))
    x = ref + step * (targets - ref)
    promised = _response(worlds, worlds.estimates, x) - _response(worlds, worlds.estimates, ref)
    real = _response(worlds, worlds.truth, x) - _response(worlds, worlds.truth, ref)
    return max(float(np.mean(promised - real)), 0.0)
