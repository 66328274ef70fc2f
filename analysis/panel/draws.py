"""Joint draws for a market panel: the panel fit redone on block-bootstrap resamples of its weeks.

A plan or multi-channel what-if on panel data quotes the panel model's curves, so its expected
gain, interval and chance of a loss must come from draws of THAT model. The national joint draws
(`analysis.decisions.joint_draws`) refit national sales on curves drawn from the posterior over
candidates; on a panel that posterior is tempered to the number of weeks (its interval would
otherwise trust every market-week as independent evidence), so its curves follow the prior more
than the fit's own curve does and the draws sit far from the point (Meridian's geo file: Channel3
+20% +$5.8M on the fitted curve, +$1.6M to +$2.9M in the draws; "split $20M in Q3 2022" expected
+$8.5M against the model's +$19.0M).

Here every draw is one refit of the panel model as it was fitted:
  * residuals of the within-market regression are resampled in blocks of a quarter of weeks, the
    same weeks for every market (a national shock hits all markets in the same week), and added to
    the fitted values;
  * each channel's blended curve is searched again on those sales (the fit's own search over its
    candidate grid, warm-started at the fitted curves), then all coefficients are re-estimated
    together by least squares;
  * one refit serves `REPEAT` consecutive draws, so the first half of the draws (which may choose a
    plan) and the second half (which scores it) come from different refits.
The draws' curves are blends of candidates (`BlendCurveSet`), so a draw's response is computed by
the panel channel itself, market by market. `refit_draws` is what `build_joint_draws` returns for a
panel fit (its one hook). A refit may move each curve among the fitted blend's heaviest candidates
and those the untempered posterior favours (`analysis.panel.fit.KIT_CANDIDATES`), kept with the fit.

Measured (`python benchmarks/bench_panel.py --decisions [--draws national]`, 10 markets x 104 weeks,
seeds 2-9 and 10-17, 202 decisions: every channel +-20%, neighbouring pairs swapped +-30%, three
plans; each against the truth of the same market plan):

| draws | truth in 90% interval | width / abs(truth), median | expected error, median |
|---|---|---|---|
| national refits (before) | 102/102, 97/100 | 1.07, 1.45 | 0.163, 0.258 |
| panel refits (adopted) | 92/102, 92/100 | 0.61, 0.70 | 0.089, 0.093 |

On 24 markets x 156 weeks (seeds 2-5, 48 decisions): 48/48 both ways, width 1.43 -> 0.60, expected
error 0.118 -> 0.046. The model's own point error is the same either way (0.080, 0.096, 0.034). The
recommended same-budget plans gain a little more under the truth (summed 209.7 -> 216.6 and 94.7 ->
97.3 $M on the two 10-market sets), none loses sales either way. More search sweeps per refit (8)
gave the same figures as 2. The misses are the all-channel
moves of a few panels whose fitted curves under-state the total media response by 5-10%: a bias of
the fit, which resampling its residuals cannot show. The previous attempt (the candidates' own
curves, coefficients from the stated contribution intervals; session 6) kept full coverage but
widened the intervals (1.48 -> 2.16) and still sat below the fitted curve on Meridian's file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from analysis.decisions.joint_draws import CurveSet, JointDraws, _block_bootstrap, joint_draws
from analysis.panel.model import PanelChannelFit

if TYPE_CHECKING:
    from analysis.model import MMMFit

PANEL_DRAWS = "refit"   # "refit" (adopted) or "national": the national refit draws on national sales (before)
REPEAT = 4          # draws per refit: DRAWS / REPEAT refits in all
SWEEPS = 2          # curve-search sweeps per refit, from the fitted curves


@dataclass(frozen=True)
class RefitKit:
    """What a refit needs from the panel fit, kept with it (small: only the candidates that matter).

    `features[i]` are the within-market features of channel `channels[i]`'s kept candidates
    (`params[i]`: decay, half-saturation per head, shape); `blends[i]` the fitted curve as indices
    into them and weights."""

    y: np.ndarray                    # (N,) within-market, weighted KPI per head
    base: np.ndarray                 # (N, p) within-market baseline regressors
    fitted: np.ndarray               # (N,) the fit's fitted values of `y`
    week: np.ndarray                 # (N,) week of each row
    market: np.ndarray               # (N,) market of each row
    weeks: int
    markets: int
    dof: int                         # rows minus everything estimated
    channels: tuple[int, ...]
    features: tuple[np.ndarray, ...]
    params: tuple[np.ndarray, ...]
    log_prior: tuple[np.ndarray, ...]
    blends: tuple[tuple[np.ndarray, np.ndarray], ...]
    max_components: int

    def joint_draws(self, fit: MMMFit, draws: int, seed: int, block: int) -> JointDraws | None:
        """The hook `analysis.decisions.joint_draws.build_joint_draws` calls for a panel fit (None: use
        the national draws)."""
        return refit_draws(self, fit, draws, seed, block) if PANEL_DRAWS == "refit" else None


def _resampled_residuals(kit: RefitKit, refits: int, block: int, rng: np.random.Generator) -> np.ndarray:
    """(refits, N) residuals moved by circular block bootstrap of WEEKS (whole weeks of all markets)."""
    grid = np.zeros((kit.weeks, kit.markets))      # a cell the market did not report lends a zero residual
    grid[kit.week, kit.market] = kit.y - kit.fitted
    inflate = min(np.sqrt(len(kit.y) / max(kit.dof, 1)), 1.5)
    index = _block_bootstrap(np.arange(kit.weeks), refits, rng, block)     # (refits, T) source week per week
    out: np.ndarray = grid[index[:, kit.week], kit.market[None, :]] * inflate
    return out


def _refits(kit: RefitKit, residuals: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """All refits at once: per channel the (refits, candidates) blend weights, and (refits, m) coefficients.

    The same numbers as `analysis.fit._search` followed by least squares on `fitted + residuals[r]`,
    computed from cross-products: the baseline is projected out once (Frisch-Waugh), so a channel's
    posterior over candidates given the other channels' blends needs only the candidates' Gram matrix
    and their products with each refit's sales."""
    q, _ = np.linalg.qr(kit.base)
    blocks = [f - q @ (q.T @ f) for f in kit.features]
    sizes = [b.shape[1] for b in blocks]
    edges = np.concatenate([[0], np.cumsum(sizes)])
    tilde = np.hstack(blocks)                                   # (N, C) candidates net of the baseline
    gram = tilde.T @ tilde                                      # (C, C)
    sales = kit.fitted[None, :] + residuals                     # (R, N)
    sales = sales - (sales @ q) @ q.T
    cross = tilde.T @ sales.T                                   # (C, R) each candidate with each refit's sales
    square = np.einsum("rn,rn->r", sales, sales)                # (R,)
    part = [slice(int(edges[i]), int(edges[i + 1])) for i in range(len(sizes))]
    m, refits = len(sizes), len(sales)
    weights = [np.zeros((refits, n)) for n in sizes]
    for i, (index, weight) in enumerate(kit.blends):
        weights[i][:, index] = weight
    n_rows = len(kit.y)
    block = [[np.ascontiguousarray(gram[part[a], part[b]]) for b in range(m)] for a in range(m)]
    for _ in range(SWEEPS):
        for c in range(m):
            others = [o for o in range(m) if o != c]
            # the other channels' blended features: with c's candidates (R, o, Cc), each other (R, o, o), sales (R, o)
            s_of = np.zeros((refits, len(others), sizes[c]))
            s_oy = np.zeros((refits, len(others)))
            g, h = s_oy, s_of
            if others:
                s_of = np.stack([weights[a] @ block[a][c] for a in others], axis=1)
                s_oy = np.stack([(weights[a] * cross[part[a]].T).sum(axis=1) for a in others], axis=-1)
                s_oo = _ridged(_blend_gram(weights, block, others))
                g = np.linalg.solve(s_oo, s_oy[..., None])[..., 0]        # (R, o)
                h = np.linalg.solve(s_oo, s_of)                           # (R, o, Cc)
            resid = square - np.einsum("ro,ro->r", s_oy, g)               # (R,)
            num = cross[part[c]].T - np.einsum("roc,ro->rc", s_of, g)     # (R, Cc)
            den = np.diag(gram)[part[c]][None, :] - np.einsum("roc,roc->rc", s_of, h)
            ok = den > 1e-12 * np.maximum(den.max(axis=1, keepdims=True), 1e-300)
            beta = np.where(ok, num / np.where(ok, den, 1.0), 0.0)
            gain = np.where(ok & (beta > 0), num * beta, 0.0)
            rss = np.maximum(resid[:, None] - gain, 1e-300)
            log_weight = -0.5 * n_rows * np.log(rss) + kit.log_prior[c][None, :]
            post = np.exp(log_weight - log_weight.max(axis=1, keepdims=True))
            mass = post / post.sum(axis=1, keepdims=True) * np.clip(beta, 0.0, None)
            if mass.shape[1] > kit.max_components:    # `_blend` keeps the heaviest few
                kth = np.partition(mass, -kit.max_components, axis=1)[:, -kit.max_components]
                mass = np.where(mass >= kth[:, None], mass, 0.0)
            mass = np.where(mass > 1e-6 * mass.max(axis=1, keepdims=True), mass, 0.0)
            total = mass.sum(axis=1, keepdims=True)
            weights[c] = np.where(total > 0, mass / np.where(total > 0, total, 1.0), weights[c])
    s_y = np.stack([(weights[a] * cross[part[a]].T).sum(axis=1) for a in range(m)], axis=-1)
    coefs = np.clip(np.linalg.solve(_ridged(_blend_gram(weights, block, list(range(m)))), s_y[..., None])[..., 0],
                    0.0, None)
    return weights, coefs


def _ridged(gram: np.ndarray) -> np.ndarray:
    """(R, n, n) Gram matrices with a vanishing ridge, so a blend that is all zeros cannot make them singular."""
    trace = np.maximum(np.trace(gram, axis1=1, axis2=2), 1e-300)
    result: np.ndarray = gram + 1e-12 * np.eye(gram.shape[1])[None] * trace[:, None, None]
    return result


def _blend_gram(weights: list[np.ndarray], block: list[list[np.ndarray]], channels: list[int]) -> np.ndarray:
    """(R, n, n) Gram matrix of the blended features of `channels` in every refit."""
    out = np.empty((len(weights[0]), len(channels), len(channels)))
    for x, a in enumerate(channels):
        for y, b in enumerate(channels[x:], start=x):
            out[:, x, y] = out[:, y, x] = ((weights[a] @ block[a][b]) * weights[b]).sum(axis=1)
    return out


def refit_draws(kit: RefitKit, fit: MMMFit, draws: int, seed: int, block: int) -> JointDraws:
    """`draws` joint draws of a panel fit from `draws // REPEAT` refits (see the module docstring)."""
    rng = np.random.default_rng(seed)
    if not kit.channels:   # no channel with a fitted effect: nothing to draw
        return JointDraws((), (), np.zeros((draws, 0), dtype=int), np.zeros((draws, 0)))
    refits = max(2, -(-draws // REPEAT))
    residuals = _resampled_residuals(kit, refits, block, rng)
    m = len(kit.channels)
    mixes, coefs = _refits(kit, residuals)
    rows = np.repeat(np.arange(refits), REPEAT)[:draws]
    curves = tuple(BlendCurveSet(p[:, 0], p[:, 1], p[:, 2], _channel(fit, j), mix)
                   for j, p, mix in zip(kit.channels, kit.params, mixes))
    picks = np.tile(rows[:, None], (1, m))
    return JointDraws(kit.channels, curves, picks, coefs[rows])


def market_change(fit: MMMFit, before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """(D, k) each joint draw's change in every channel's sales when the (T, G, k) market plan goes from
    `before` to `after`: a what-if in some markets, read off the same refits as the panel's plans, so
    channels that trade credit move together in it ("cut TV and Video 10% in the North")."""
    draws = joint_draws(fit)
    out = np.zeros((len(draws.picks), len(fit.channels)))
    for i, j in enumerate(draws.channels):
        curve = draws.curves[i]
        if np.array_equal(before[:, :, j], after[:, :, j]) or curve.market is None:
            continue
        used, where = np.unique(draws.picks[:, i], return_inverse=True)
        if isinstance(curve, BlendCurveSet):   # a pick is a refit: its blend of the candidates
            rows = curve.mix[used]
            cols = np.flatnonzero(np.any(rows != 0, axis=0))
            unit = rows[:, cols] @ (curve.cells_weekly(after[:, :, j], cols) - curve.cells_weekly(before[:, :, j], cols)
                                    ).sum(axis=0)
        else:                                  # a pick is one candidate curve
            unit = (curve.cells_weekly(after[:, :, j], used) - curve.cells_weekly(before[:, :, j], used)).sum(axis=0)
        out[:, j] = draws.coefs[:, i] * unit[where]
    return out


def _channel(fit: MMMFit, j: int) -> PanelChannelFit:
    channel = fit.channels[j]
    assert isinstance(channel, PanelChannelFit)
    return channel



@dataclass(frozen=True)
class BlendCurveSet(CurveSet):
    """A panel channel's refitted curves: row r of `mix` is refit r's blend of the candidates
    (decay, half_saturation, shape per head); a draw's `pick` is its refit."""

    mix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))   # (refits, candidates)

    def weekly(self, spend: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
        rows = self.mix if which is None else self.mix[np.asarray(which)]
        used = np.flatnonzero(np.any(rows != 0, axis=0))
        out: np.ndarray = self._market_weekly(spend, used, 1.0) @ rows[:, used].T
        return out

    def scaled_totals(self, share: np.ndarray, scales: np.ndarray, which: np.ndarray,
                      base: np.ndarray | None = None) -> np.ndarray:
        if base is not None:   # a planning horizon: the spend outside it kept as run
            return np.stack([self.weekly(base + float(x) * np.asarray(share, dtype=float), which).sum(axis=0)
                             for x in np.asarray(scales, dtype=float)])
        rows = self.mix[np.asarray(which)]
        used = np.flatnonzero(np.any(rows != 0, axis=0))
        return np.stack([self._market_weekly(share, used, float(x)).sum(axis=0) @ rows[:, used].T
                         for x in np.asarray(scales, dtype=float)])
