"""Joint uncertainty for decisions that move several channels: refit draws.

A reallocation's gain depends on how channels compare, so its uncertainty must keep channels
that trade off against each other moving together, and must include the choice of curve.
Each draw here is one plausible model, built the way the fit was:
  * every channel's curve is drawn from its posterior over curves, one per channel, jointly;
  * sales are rebuilt as the fit's fitted values plus a block bootstrap of its residuals
    (blocks of a quarter, so runs of unexplained weeks — a promotion, a slow drift — move
    together and land elsewhere, as they could have);
  * all media coefficients are re-estimated together by least squares on those sales.
An entangled pair swaps credit from draw to draw, a curve that saturates sooner gets the
coefficient that fits the data with it, and unmodelled spikes show up as the spread they
cause. The draws are computed once per fit and reused by every question (`joint_draws`).

Measured and not adopted (session 7, `bench_decisions.py --no-whatif`, offsets 0/20/45/50 and the blind
set, with the Low-grade rule of that session): drawing curves from the whole posterior instead of its 150
most probable candidates widened the saturated channels' draws a little (blind deep_saturation 401: -0.43
-> -0.24 of the best gain, still a loss; net real gain 58.7 -> 56.4 best gains over the 150 plans); drawing
them from the whole posterior flattened (weights ** 1/2) left two losing plans, smaller (-0.73 -> -0.17 in
all), but gave up 6.5 best gains and lowered net gain on every set. Neither reaches the losses' cause: on
those datasets the fit's own curve or level is off beyond what refits around it can show (see
`analysis.decisions.optimize`, "deep_saturation").

Measured and not adopted (session 9, `bench_decisions.py --seeds 5 --ceiling --no-timing --no-whatif`; first
run = the code here): other ways to make the draws "honest about noise", judged on the blind sets' losing plan
(hard_scenarios_blind2 short_promos 1301: +4.75M promised, 90% interval 1.21M-8.64M, P(loss) 0.01, really
-0.21M). What lost there is TV (boosted 30%, true change 4.37M, draws 8.03M +- 1.07M): the data prefer a
less saturated curve than the true one by 3.5 nats, and even under the true curve TV's coefficient is 1.28
+- 0.13 of the truth; a quarter refit that re-chooses every curve puts TV at 7.1M-12.8M too. Noise of the
data themselves, which no resampling of these data can show:
  * HAC (Newey-West, 4 lags) or leave-one-quarter-out coefficient errors at the fit's curves are not wider
    than OLS's: ratio 0.63-1.17 and 0.51-1.49 over 30 channels of six datasets, the four known losing plans'
    among them (1301's TV 0.84 / 0.61); the draws' coefficient spread is already wider (TV: 31% against
    OLS's 8%), since curves are drawn too. Residual lag-1 correlation is -0.17 to 0.13 (session 7).
  * Resampling weeks (design rows with their sales, 13-week blocks) instead of residuals: narrower
    (blind2 offset 10: real gain inside the interval 90% -> 73%, predicted/real 1.00 -> 1.71), the loss kept.
  * A wild bootstrap (each quarter's residuals kept in place, sign flipped at random): blind2 offsets
    10/5/0 net real gain 35.52 -> 34.77 best gains, inside 94% -> 93%, the loss kept.
  * Residuals times 1.5 (an effective-sample-size factor): removes the loss (1.2 / 1.3 leave 1301's
    interval at 0.53M / 0.17M above zero and it still loses; 1.4 shrinks it to -0.02M), but blind2 offsets
    10/5/0 net 35.52 -> 26.76, capture median 0.29/0.00/0.52 -> 0.09/0.00/0.00, moving plans 49 -> 38;
    with blind offset 0 and offset 70, 62.85 -> 49.25 (blind 401 still loses, -0.43 -> -0.12).
  * Coefficient noise times 1.5 for channels bought in flights only (they are the under-covered ones,
    below): 1301 still loses; blind2 offsets 10/5/0 and blind offset 0: net 49.05 -> 47.17, losing plans
    2 -> 2 (blind 401: -0.43 -> -0.12).
  * Quarter refits in the scoring (`optimize.PLAN_REFITS="hull"`): blind2 offset 10 net 12.24 -> 11.49, the
    loss kept, and ~1.2 s more per fit under load.
Where the draws miss (`bench_decisions.py --ceiling`, columns on<5% / fl<5%): over 388 channel moves of the
recommended plans on blind2 offsets 10/5/0 and blind offset 10, the true change of an always-on channel fell
below its draws' 5th percentile 3% of the time, of a channel bought in flights 14% (15% when cut; median
position 0.35, so the error is in the centre, in the direction of the move), of the plan's total 7%;
offsets 40+45: 9% / 11% (deep_saturation's always-on channels 30%: 4501 and 4601), offsets 70+75: 0% / 6%.
And the stated chances of a loss are honest in sum: over the 22 sets (660 plans, 368 moving) they add up to
7.2 losses, and 8 happened (`E[loss]` beside `losses`). Removing the last losses therefore means betting less
(the residuals-x1.5 price above), not wider draws of the same centre.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from analysis.decisions.common import fit_memo
from analysis.design import baseline_design
from analysis.panel.model import PanelChannelFit
from analysis.transforms import geometric_adstock

if TYPE_CHECKING:
    from analysis.model import ChannelFit, MMMFit
    from analysis.panel.data import Panel

DRAWS = 400             # per fit: the first half may choose a plan, the second half scores it
BLOCK_WEEKS = 13        # a quarter
MAX_CANDIDATES = 150    # most probable curves per channel drawn from


@dataclass(frozen=True)
class CurveSet:
    """One channel's candidate curves (decay, half-saturation, shape), unit coefficient.

    A market panel's channel (`market`) has its curves on each market's spend per head: a national
    plan is split over markets as the channel's spend was, and the markets' levels are added up
    weighted by size and money per KPI — the channel's own response, not the Hill formula on
    national spend (which is about 1/100 of it and would centre the draws far from the fit)."""

    decay: np.ndarray
    half_saturation: np.ndarray
    shape: np.ndarray
    market: PanelChannelFit | None = None

    def weekly(self, spend: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
        """(n, C) weekly response of each candidate (or of `which`) to a weekly spend series."""
        idx = np.arange(len(self.decay)) if which is None else np.asarray(which)
        if self.market is not None:
            return self._market_weekly(spend, idx, 1.0)
        out = np.empty((len(spend), len(idx)))
        for d in np.unique(self.decay[idx]):
            cols = np.flatnonzero(self.decay[idx] == d)
            a = np.clip(geometric_adstock(np.asarray(spend, dtype=float), float(d)), 0.0, None)[:, None]
            ratio = np.power(a / self.half_saturation[idx][cols], self.shape[idx][cols])
            out[:, cols] = ratio / (1.0 + ratio)
        return out

    def totals(self, spend: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
        result: np.ndarray = self.weekly(spend, which).sum(axis=0)
        return result

    def scaled_totals(self, share: np.ndarray, scales: np.ndarray, which: np.ndarray,
                      base: np.ndarray | None = None) -> np.ndarray:
        """(len(scales), len(which)) totals for the weekly plans base + share * s, s in `scales` (`base`: the spend
        outside a planning horizon, kept as run; None = nothing): the adstock is linear, so it is computed once per
        decay and scaled."""
        idx = np.asarray(which)
        if self.market is not None:
            if base is not None:
                return np.stack([self.weekly(base + float(x) * np.asarray(share, dtype=float), idx).sum(axis=0)
                                 for x in np.asarray(scales, dtype=float)])
            return np.stack([self._market_weekly(share, idx, float(x)).sum(axis=0) for x in np.asarray(scales, dtype=float)])
        out = np.empty((len(scales), len(idx)))
        for d in np.unique(self.decay[idx]):
            cols = np.flatnonzero(self.decay[idx] == d)
            a = np.clip(geometric_adstock(np.asarray(share, dtype=float), float(d)), 0.0, None)
            a0 = (np.zeros_like(a) if base is None
                  else np.clip(geometric_adstock(np.asarray(base, dtype=float), float(d)), 0.0, None))
            ratio = np.power((a0[None, :, None] + np.asarray(scales, dtype=float)[:, None, None] * a[None, :, None])
                             / self.half_saturation[idx][cols][None, None, :], self.shape[idx][cols][None, None, :])
            out[:, cols] = (ratio / (1.0 + ratio)).sum(axis=1)
        return out

    def _market_weekly(self, spend: np.ndarray, idx: np.ndarray, scale: float) -> np.ndarray:
        """(n, len(idx)) national weekly response of each candidate to the plan scale * spend, from the
        panel channel's own per-market curves (`PanelChannelFit.candidate_weekly`)."""
        assert self.market is not None
        cells, mask = self.market.cells(spend)
        return self.cells_weekly(scale * np.asarray(cells, dtype=float), idx, mask)

    def cells_weekly(self, cells: np.ndarray, idx: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """(T, len(idx)) national weekly response of each candidate to (T, G) market spend `cells` (a panel
        channel's; `mask` as `PanelChannelFit.candidate_weekly`'s): what a what-if in some markets reads."""
        assert self.market is not None
        out = np.empty((len(cells), len(idx)))
        for d in np.unique(self.decay[idx]):
            cols = np.flatnonzero(self.decay[idx] == d)
            out[:, cols] = self.market.candidate_weekly(cells, float(d), self.half_saturation[idx][cols],
                                                        self.shape[idx][cols], mask)
        return out


@dataclass(frozen=True)
class JointDraws:
    """`DRAWS` plausible models: per draw, each modelled channel's curve and coefficient."""

    channels: tuple[int, ...]     # fit channel index of each modelled column
    curves: tuple[CurveSet, ...]
    picks: np.ndarray             # (D, m) candidate curve per draw and channel
    coefs: np.ndarray             # (D, m) coefficient per draw and channel, >= 0

    def totals(self, fit: MMMFit, plan: np.ndarray, draws: slice = slice(None)) -> np.ndarray:
        """(D, k) each draw's total incremental sales per channel under a weekly plan (n, k)."""
        picks, coefs = self.picks[draws], self.coefs[draws]
        out = np.zeros((len(picks), len(fit.channels)))
        for i, j in enumerate(self.channels):
            used, where = np.unique(picks[:, i], return_inverse=True)
            out[:, j] = coefs[:, i] * self.curves[i].totals(plan[:, j], used)[where]
        return out

    def change(self, fit: MMMFit, before: np.ndarray, after: np.ndarray, draws: slice = slice(None)) -> np.ndarray:
        """(D, k) each draw's change in per-channel sales when the plan goes from `before` to `after`
        (the fitted curves' own; decisions read `analysis.decisions.marginals.joint_change`)."""
        moved = [i for i, j in enumerate(self.channels) if not np.allclose(before[:, j], after[:, j])]
        picks, coefs = self.picks[draws], self.coefs[draws]
        out = np.zeros((len(picks), len(fit.channels)))
        for i in moved:
            j = self.channels[i]
            used, where = np.unique(picks[:, i], return_inverse=True)
            unit = self.curves[i].totals(after[:, j], used) - self.curves[i].totals(before[:, j], used)
            out[:, j] = coefs[:, i] * unit[where]
        return out


def _curve_set(channel: ChannelFit) -> tuple[CurveSet, np.ndarray]:
    post = sorted(channel.posterior, key=lambda c: -c.weight)[:MAX_CANDIDATES]
    weights = np.array([c.weight for c in post])
    market = channel if isinstance(channel, PanelChannelFit) else None
    return (CurveSet(np.array([c.decay for c in post]), np.array([c.half_saturation for c in post]),
                     np.array([c.shape for c in post]), market), weights / weights.sum())


def _baseline_matrix(fit: MMMFit) -> np.ndarray:
    ds = fit.dataset
    design = baseline_design(ds.dates, ds.controls, ds.control_names, fit.harmonics, season_grows=True)
    matrix = design.matrix[:, [design.names.index(name) for name in fit.baseline_names]]
    weeks = tuple(getattr(fit, "one_off_weeks", ()))   # the fit's one-off indicators: refits keep them
    return np.column_stack([matrix, np.eye(len(matrix))[:, list(weeks)]]) if weeks else matrix


def _block_bootstrap(residual: np.ndarray, draws: int, rng: np.random.Generator, block: int) -> np.ndarray:
    """(draws, n) circular block-bootstrap resamples of a residual series."""
    n = len(residual)
    block = max(1, min(block, n))
    blocks = -(-n // block)
    starts = rng.integers(0, n, size=(draws, blocks))
    index = (starts[:, :, None] + np.arange(block)[None, None, :]).reshape(draws, -1)[:, :n] % n
    result: np.ndarray = residual[index]
    return result


def build_joint_draws(fit: MMMFit, draws: int = DRAWS, seed: int = 0, block: int = BLOCK_WEEKS) -> JointDraws:
    """Refit draws for a fit (see the module docstring)."""
    # --- market-panel hook (s7-panel; analysis/panel/draws.py): a panel fit is refitted as a panel ---
    panel_refits = getattr(fit, "refit_kit", None)
    panel_draws: JointDraws | None = None if panel_refits is None else panel_refits.joint_draws(fit, draws, seed, block)
    if panel_draws is not None:
        return panel_draws
    # --- end of hook ---
    rng = np.random.default_rng(seed)
    spend = np.asarray(fit.dataset.spend, dtype=float)
    channels = tuple(j for j, c in enumerate(fit.channels) if c.coef > 0 and bool(getattr(c, "posterior", ())))
    base = _baseline_matrix(fit)
    n, p = base.shape
    m = len(channels)
    curves, picks = [], np.zeros((draws, m), dtype=int)
    design = np.empty((draws, n, p + m))
    design[:, :, :p] = base[None]
    for i, j in enumerate(channels):
        curve, weights = _curve_set(fit.channels[j])
        curves.append(curve)
        picks[:, i] = rng.choice(len(weights), size=draws, p=weights)
        used, where = np.unique(picks[:, i], return_inverse=True)
        design[:, :, p + i] = curve.weekly(spend[:, j], used)[:, where].T
    actual = np.asarray(fit.decomposition.actual, dtype=float)
    fitted = np.asarray(fit.decomposition.fitted, dtype=float)
    residual = actual - fitted
    dof = max(n - p - 4 * m, 1)
    residual = (residual - residual.mean()) * min(np.sqrt(n / dof), 1.5)
    sales = fitted[None, :] + _block_bootstrap(residual, draws, rng, block)
    coefs = np.zeros((draws, m))
    if m:
        scale = np.sqrt(np.einsum("dnq,dnq->dq", design, design))   # column norms, for conditioning
        z = design / np.where(scale > 0, scale, 1.0)[:, None, :]
        gram = np.einsum("dnq,dnr->dqr", z, z) + 1e-10 * np.eye(p + m)[None]
        rhs = np.einsum("dnq,dn->dq", z, sales)
        beta = np.linalg.solve(gram, rhs[..., None])[..., 0] / np.where(scale > 0, scale, 1.0)
        coefs = np.clip(beta[:, p:], 0.0, None)
    for group in flighted_together(spend, channels):
        cols = [channels.index(j) for j in group]
        coefs[:, cols] = _resplit(design[:, :, [p + i for i in cols]], coefs[:, cols], rng)
    return JointDraws(channels, tuple(curves), picks, coefs)


def _resplit(features: np.ndarray, coefs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Channels always bought together: the data fix their joint effect, not how it splits.
    Each draw keeps the group's total contribution and splits it at random (flat over splits)."""
    unit = features.sum(axis=1)                              # (D, g) each curve's total in the plan run
    total = (coefs * unit).sum(axis=1, keepdims=True)
    share = rng.dirichlet(np.ones(coefs.shape[1]), size=len(coefs))
    return np.where(unit > 0, share * total / np.where(unit > 0, unit, 1.0), 0.0)


FLIGHTED_CORR = 0.9     # weekly spend this correlated: the data cannot split the channels' effects


def flighted_together(spend: np.ndarray, channels: Iterable[int]) -> list[tuple[int, ...]]:
    """Groups of channels (indices) whose weekly spend moves together (correlation >= FLIGHTED_CORR)."""
    columns = list(channels)
    parent = {j: j for j in columns}

    def root(j: int) -> int:
        while parent[j] != j:
            j = parent[j]
        return j

    for a in range(len(columns)):
        for b in range(a + 1, len(columns)):
            x, y = spend[:, columns[a]], spend[:, columns[b]]
            if x.std() > 0 and y.std() > 0 and float(np.corrcoef(x, y)[0, 1]) >= FLIGHTED_CORR:
                parent[root(columns[b])] = root(columns[a])
    groups: dict[int, list[int]] = {}
    for j in columns:
        groups.setdefault(root(j), []).append(j)
    return [tuple(g) for g in groups.values() if len(g) > 1]


def within_market_spend(panel: Panel) -> np.ndarray:
    """(market-weeks, k) spend per head, less each market's own average, over the observed market-weeks: how the
    channels move together inside the markets, without the markets' different levels."""
    spend = np.asarray(panel.spend, dtype=float) / np.asarray(panel.population, dtype=float)[None, :, None]
    observed = np.asarray(panel.observed, dtype=bool)
    rows = []
    for g in range(spend.shape[1]):
        weeks = spend[observed[:, g], g, :]
        rows.append(weeks - weeks.mean(axis=0))
    return np.concatenate(rows)


def joint_draws(fit: MMMFit) -> JointDraws:
    """The fit's refit draws, built once and kept while the fit lives."""
    return fit_memo(fit, "joint_draws", lambda: build_joint_draws(fit))


CHOOSE = slice(0, DRAWS // 2)     # draws that may choose a plan
SCORE = slice(DRAWS // 2, None)   # independent draws that score it
ENTANGLED_CORR = -0.6             # coefficients this negatively correlated across draws trade credit


def entangled_pairs(fit: MMMFit, draws: JointDraws | None = None) -> tuple[tuple[str, str], ...]:
    """Pairs of channels whose effects the data cannot separate: bought in the same flights, or, across
    refit draws, what one gains the other loses (strongly negative correlation of their contributions).
    On a market panel the flights are read within the markets (`within_market_spend`): markets that flight two
    channels apart split them, but a pair every market buys in the same weeks stays one the data cannot split
    (review s16: TV and CTV, 0.97 in every market, were moved +30% and -27% apart)."""
    draws = joint_draws(fit) if draws is None else draws
    totals = draws.totals(fit, np.asarray(fit.dataset.spend, dtype=float))
    cols = list(draws.channels)
    panel = getattr(fit.dataset, "panel", None)
    flights = flighted_together(np.asarray(fit.dataset.spend, dtype=float) if panel is None
                                else within_market_spend(panel), cols)
    out = [(fit.channel_names[g[a]], fit.channel_names[g[b]])
           for g in flights for a in range(len(g)) for b in range(a + 1, len(g))]
    sd = totals[:, cols].std(axis=0)
    for a in range(len(cols)):
        for b in range(a + 1, len(cols)):
            if sd[a] > 0 and sd[b] > 0:
                r = float(np.corrcoef(totals[:, cols[a]], totals[:, cols[b]])[0, 1])
                pair = (fit.channel_names[cols[a]], fit.channel_names[cols[b]])
                if r <= ENTANGLED_CORR and pair not in out:
                    out.append((fit.channel_names[cols[a]], fit.channel_names[cols[b]]))
    return tuple(out)


def _tables(draws: JointDraws, weekly_share: np.ndarray, lower: np.ndarray, upper: np.ndarray, which: slice,
            nodes: int, base: np.ndarray | None = None) -> tuple[list[int], np.ndarray, np.ndarray]:
    """For the channels free to move: their columns, a grid of totals per channel (nodes, F) and
    each draw's total response on it (D, F, nodes); `base` (n, k): the spend outside a planning horizon."""
    picks, coefs = draws.picks[which], draws.coefs[which]
    free = [i for i, j in enumerate(draws.channels) if upper[j] - lower[j] > 1e-12 * max(1.0, upper[j])]
    cols = [draws.channels[i] for i in free]
    grid = np.linspace(np.asarray(lower)[cols], np.asarray(upper)[cols], nodes)
    values = np.zeros((len(picks), len(free), nodes))
    for f, i in enumerate(free):
        used, where = np.unique(picks[:, i], return_inverse=True)
        table = draws.curves[i].scaled_totals(weekly_share[:, cols[f]], grid[:, f], used,
                                              None if base is None else base[:, cols[f]])   # (nodes, U)
        values[:, f, :] = coefs[:, i][:, None] * table[:, where].T
    return cols, grid, values


def draw_optima(fit: MMMFit, draws: JointDraws, weekly_share: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                budget: float, which: slice = CHOOSE, nodes: int = 41, base: np.ndarray | None = None) -> np.ndarray:
    """(D, k) each draw's own best split of `budget` within [lower, upper] (per-channel totals).

    Separable problem per draw: on a grid of totals per channel, a common price per dollar
    picks each channel's best grid point; the price is bisected until the budget is spent.
    Channels without a modelled curve or without room stay at `lower` (= upper)."""
    d = len(draws.picks[which])
    x = np.tile(np.asarray(lower, dtype=float), (d, 1))
    cols, grid, values = _tables(draws, weekly_share, lower, upper, which, nodes, base)
    if not cols:
        return x
    rest = budget - float(np.sum(np.delete(np.asarray(lower, dtype=float), cols)))
    gx = np.broadcast_to(grid.T[None], values.shape)
    step = float(np.diff(grid, axis=0).min())
    hi = np.full(d, float(np.abs(np.diff(values, axis=2)).max()) / max(step, 1e-300) + 1.0)
    lo = -hi

    lo, hi = price_bracket_rows(values, gx, rest, lo, hi)
    x[:, cols] = grid_spend_at(values, gx, hi)
    return x


def grid_spend_at(values: np.ndarray, gx: np.ndarray, price: np.ndarray) -> np.ndarray:
    """(R, F) per row, each column's grid total that maximises its value minus `price` (R,) per dollar."""
    pick = np.argmax(values - price[:, None, None] * gx, axis=2)
    chosen: np.ndarray = np.take_along_axis(gx, pick[..., None], axis=2)[..., 0]
    return chosen


def price_bracket_rows(values: np.ndarray, gx: np.ndarray, rest: float, lo: np.ndarray, hi: np.ndarray,
                       rounds: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the price bracket bisected from [lo, hi] around the price at which the grid points chosen
    (`grid_spend_at`) spend `rest`: at `hi` they spend at most it, at `lo` more."""
    for _ in range(rounds):
        mid = 0.5 * (lo + hi)
        over = grid_spend_at(values, gx, mid).sum(axis=1) > rest
        lo, hi = np.where(over, mid, lo), np.where(over, hi, mid)
    return lo, hi


def robust_optimum(draws: JointDraws, weekly_share: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                   budget: float, reference: np.ndarray, z: float = 1.6448536269514722,
                   which: slice = CHOOSE, nodes: int = 41, base: np.ndarray | None = None) -> np.ndarray:
    """The split of `budget` whose gain over `reference` is largest at a low quantile of the
    choosing draws (mean − z·sd): the move the draws agree on, for noisy data where the best
    guess's own range includes a loss."""
    from scipy.optimize import minimize

    cols, grid, values = _tables(draws, weekly_share, lower, upper, which, nodes, base)
    x = np.asarray(reference, dtype=float).copy()
    if len(cols) < 2:
        return x
    f_idx = np.arange(len(cols))
    span = np.maximum(grid[-1] - grid[0], 1e-300)

    def gains(xf: np.ndarray) -> np.ndarray:
        pos = np.clip((xf - grid[0]) / span * (nodes - 1), 0.0, nodes - 1 - 1e-9)
        i = pos.astype(int)
        t = pos - i
        total: np.ndarray = (values[:, f_idx, i] * (1 - t) + values[:, f_idx, i + 1] * t).sum(axis=1)
        return total

    base = gains(x[cols])
    scale = max(float(np.abs(base).mean()), 1e-12)

    def objective(xf: np.ndarray) -> float:
        g = gains(xf) - base
        return float(-(g.mean() - z * g.std()) / scale)

    rest = budget - float(x.sum() - x[cols].sum())
    res = minimize(objective, x[cols], method="SLSQP", bounds=list(zip(grid[0], grid[-1])),
                   constraints=[{"type": "eq", "fun": lambda xf: (xf.sum() - rest) / max(rest, 1e-12)}],
                   options={"maxiter": 100, "ftol": 1e-10, "eps": 1e-4 * float(span.min())})
    if objective(res.x) < objective(x[cols]):
        x[cols] = res.x
    return x
