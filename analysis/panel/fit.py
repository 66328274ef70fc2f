"""Fit a market panel: market baselines apart, media curves shared per head, still OLS.

Method (measured on ground-truth panels; `python benchmarks/bench_panel.py`):
each market keeps its own baseline (a fixed effect, removed by demeaning within market, so 200
markets cost no more than one dummy-free regression); trend, seasonality and controls are shared
per head. A channel's response in market g is size_g x coef x hill(adstock(spend_g / size_g)),
size_g = population_g / mean population: one curve per channel for every market, learned with the
national engine's machinery unchanged (the same transform grid, posterior over candidates,
pooling and non-negative OLS; `analysis.fit`), the candidates' features now stacked over
markets. Rows are weighted by market size (a big market's sales per head are less noisy).
Intervals keep the transform-aware mixture of `analysis.fit` and widen each channel's coefficient
error to its market-clustered (statsmodels cluster-robust) error, so weeks of one market are not
counted as independent evidence. The fit keeps what a refit needs (`PanelFit.refit_kit`): plans and
multi-channel what-ifs are scored by refits of this model (`analysis.panel.draws`).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from analysis.dataset import Dataset
from analysis.design import baseline_design
from analysis.errors import ModelError
from analysis.fit import (
    INTERVAL,
    MIN_ACTIVE_WEEKS,
    TAIL,
    FitConfig,
    _Bank,
    _Blend,
    _candidates,
    _default_blend,
    _fit_curves,
    _likelihood_only,
    _mixture_quantiles,
    _pooling_prior,
    _Posterior,
    _posterior,
    _representative,
    _resolved,
    _RoiPrior,
    _stats,
    _transforms,
    clears_zero,
    grid_log_prior,
)
from analysis.model import ChannelFit, Decomposition
from analysis.panel.draws import RefitKit
from analysis.panel.model import PanelChannelFit, PanelFit
from analysis.transforms import geometric_adstock

_COARSER_GRIDS: tuple[dict[str, Any], ...] = (
    {"decays": (0.0, 0.1, 0.2, 0.3, 0.45, 0.6, 0.7, 0.8, 0.9),
     "saturation_ratios": (0.15, 0.25, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7, 2.2, 3.0, 4.0),
     "shapes": (0.7, 1.0, 1.4, 1.9, 2.6)},
    {"decays": (0.0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.85),
     "saturation_ratios": (0.2, 0.35, 0.5, 0.75, 1.0, 1.4, 2.0, 3.0),
     "shapes": (0.8, 1.2, 1.8, 2.6)},
)


MIN_CLUSTERS = 10   # fewer markets than this make clustered errors themselves too noisy to use


@dataclass(frozen=True)
class PanelConfig:
    """Panel-only choices; the transform grid, priors and pooling come from `FitConfig`."""

    weight_power: float = 0.0     # row weight = size ** p (0: every market-week alike per head; 2: fit in sales levels)
    market_trend: bool = True     # each market its own linear trend (else one shared trend)
    evidence: str = "weeks"       # rows the interval's curve likelihood counts: "rows" (every market-week), "weeks",
                                  # "geometric" (their geometric mean); point estimates always count every row
    relative_baseline: bool = True  # seasonality and controls move each market's baseline in proportion to its level
    cluster: str = "two-way"      # widen coefficient errors to clustered ones: "market", "two-way" (market and week), ""
    max_cells: int = 5_000_000    # rows x candidates per channel before a coarser grid is used


def _grid(config: FitConfig, rows: int, budget: int) -> FitConfig:
    """The finest grid whose candidate bank fits the memory/time budget."""
    size = len(config.decays) * len(config.saturation_ratios) * len(config.shapes)
    if rows * size <= budget:
        return config
    for grid in _COARSER_GRIDS:
        coarse = replace(config, **grid)
        if rows * len(grid["decays"]) * len(grid["saturation_ratios"]) * len(grid["shapes"]) <= budget:
            return coarse
    return replace(config, **_COARSER_GRIDS[-1])


@dataclass(frozen=True)
class _Layout:
    """Observed cells as regression rows, market by market (rows of one market are contiguous)."""

    t: np.ndarray           # (N,) week of each row
    g: np.ndarray           # (N,) market of each row
    starts: np.ndarray      # (G,) first row of each market
    counts: np.ndarray      # (G,)
    root_weight: np.ndarray  # (N,)
    time: np.ndarray | None  # (N,) week index centred within market, when each market has its own trend

    def market_fit(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per market: mean and (with market trends) slope on `time` of (N,) or (N, c) values."""
        counts = self.counts if values.ndim == 1 else self.counts[:, None]
        means = np.add.reduceat(values, self.starts, axis=0) / counts
        if self.time is None:
            return means, np.zeros_like(means)
        t = self.time if values.ndim == 1 else self.time[:, None]
        spread = np.add.reduceat(self.time ** 2, self.starts)
        spread = np.where(spread > 0, spread, 1.0)
        slopes = np.add.reduceat(t * values, self.starts, axis=0) / (spread if values.ndim == 1 else spread[:, None])
        return means, slopes

    def within(self, values: np.ndarray) -> np.ndarray:
        """Each market's own level (and trend) removed, then weighted: the fixed-effects transform."""
        means, slopes = self.market_fit(values)
        t = 0.0 if self.time is None else (self.time if values.ndim == 1 else self.time[:, None])
        out = values - means[self.g] - slopes[self.g] * t
        result: np.ndarray = out * (self.root_weight if values.ndim == 1 else self.root_weight[:, None])
        return result


def _layout(observed: np.ndarray, size: np.ndarray, power: float, market_trend: bool) -> _Layout:
    g, t = np.nonzero(observed.T)
    counts = np.bincount(g, minlength=observed.shape[1])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    time = None
    if market_trend:
        years = t / 52.0
        time = years - (np.add.reduceat(years, starts) / counts)[g]
    return _Layout(t, g, starts, counts, np.sqrt(size[g] ** power), time)


def _bank(per_head: np.ndarray, lay: _Layout, row_money: np.ndarray, config: FitConfig) -> _Bank:
    """Candidate features of one channel: within-market (fit) features and each candidate's total response."""
    ratios = np.asarray(config.saturation_ratios, dtype=float)
    shapes = np.asarray(config.shapes, dtype=float)
    blocks, totals, params = [], [], []
    for decay in config.decays:
        adstocked = np.clip(geometric_adstock(per_head, decay), 0.0, None)[lay.t, lay.g]
        ks = ratios * adstocked[adstocked > 0].mean()
        ratio = np.power(adstocked[:, None, None] / ks[None, :, None], shapes[None, None, :])
        level = (ratio / (1.0 + ratio)).reshape(len(adstocked), -1)
        totals.append(row_money @ level)
        blocks.append(lay.within(level))
        grid_k, grid_s = np.meshgrid(ks, shapes, indexing="ij")
        params.append(np.column_stack([np.full(grid_k.size, decay), grid_k.ravel(), grid_s.ravel()]))
    features = np.hstack(blocks)
    return _Bank(features, np.vstack(params), grid_log_prior(config), np.concatenate(totals),
                 square_norms=np.einsum("ij,ij->j", features, features))


def _ols(y: np.ndarray, design: np.ndarray, lay: _Layout, cluster: str) -> tuple[Any, Any]:   # statsmodels results
    from statsmodels.regression.linear_model import OLS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = OLS(y, design).fit()
        if not cluster or len(lay.counts) < MIN_CLUSTERS:
            return plain, plain
        groups = lay.g if cluster == "market" else np.column_stack([lay.g, lay.t])
        robust = plain.get_robustcov_results(cov_type="cluster", groups=groups)
        if not np.all(np.isfinite(robust.bse)):   # two-way variance not positive: keep the plain errors
            return plain, plain
    return plain, robust


_DEFAULT_FIT = FitConfig()
_DEFAULT_PANEL = PanelConfig()


def fit_panel(dataset: Dataset, config: FitConfig = _DEFAULT_FIT, panel_config: PanelConfig = _DEFAULT_PANEL) -> PanelFit:
    """Fit the panel behind `dataset` (see the module docstring); results are national sums."""
    panel = dataset.panel
    if panel is None:
        raise ValueError("fit_panel needs a dataset with a panel")
    weeks, n_markets, k = panel.spend.shape
    size = panel.population / panel.population.mean()
    lay = _layout(panel.observed, size, panel_config.weight_power, panel_config.market_trend)
    n_rows = len(lay.t)
    y_head = panel.sales[lay.t, lay.g] / panel.value[lay.t, lay.g] / size[lay.g]   # KPI per head
    if np.std(lay.within(y_head)) <= 1e-12 * max(1.0, float(np.abs(y_head).mean())):
        raise ModelError(f"{dataset.source}: sales do not move within any market — there is nothing to explain.")
    time_design = baseline_design(dataset.dates, np.empty((weeks, 0)), (), config.harmonics)
    fixed = ("intercept", "trend") if panel_config.market_trend else ("intercept",)
    time_cols = [i for i, role in enumerate(time_design.roles) if role not in fixed]
    names = [time_design.names[i] for i in time_cols]
    roles = [time_design.roles[i] for i in time_cols]
    level = np.ones(n_markets)
    if panel_config.relative_baseline:
        level = lay.market_fit(y_head)[0]
        level = np.where(level > 0, level, 0.0) / max(float(np.abs(level).mean()), 1e-300)
    raw_base = [time_design.matrix[lay.t][:, time_cols] * level[lay.g, None]]
    kept_controls = []
    for c, name in enumerate(dataset.control_names):
        column = panel.controls[lay.t, lay.g, c] * level[lay.g]
        if np.std(lay.within(column)) > 1e-9 * max(1.0, float(np.abs(column).max())):
            raw_base.append(column[:, None])
            names.append(name)
            roles.append("control")
            kept_controls.append(c)
    raw = np.hstack(raw_base)
    base = lay.within(raw)
    y = lay.within(y_head)
    row_money = size[lay.g] * panel.value[lay.t, lay.g]   # a row's per-head KPI -> money in national totals
    if n_rows <= base.shape[1] + n_markets + 3:
        raise ModelError(f"{dataset.source}: {n_rows} market-weeks are too few for the panel model.")

    grid = _grid(config, n_rows, panel_config.max_cells)
    evidence = {"rows": None, "weeks": float(weeks), "geometric": float(np.sqrt(n_rows * weeks))}[panel_config.evidence]
    notes: dict[int, str] = {}
    banks: dict[int, _Bank] = {}
    for j in range(k):
        national = dataset.spend[:, j]
        if np.count_nonzero(national) < MIN_ACTIVE_WEEKS:
            notes[j] = f"spend in only {np.count_nonzero(national)} weeks — too few to measure an effect"
        elif np.ptp(national) <= 1e-9 * max(1.0, float(np.abs(national).max())) and \
                np.ptp(panel.spend[:, :, j]) <= 1e-9 * max(1.0, float(panel.spend[:, :, j].max())):
            notes[j] = "constant spend — its effect cannot be separated from the baseline"
        else:
            banks[j] = _bank(panel.spend[:, :, j] / size[None, :], lay, row_money, grid)

    active = [j for j in range(k) if j in banks]
    curves = {j: _default_blend(banks[j]) for j in active}
    curves, features, fit = _fit_curves(y, base, banks, active, curves, grid, notes)
    widen = _widening(y, base, features, active, lay, panel_config)
    intervals, posteriors = _intervals(y, base, banks, active, features, widen, evidence=evidence)
    if grid.pool_rois and grid.pool_mode == "shape" and len(active) >= 2:
        for _ in range(grid.pool_rounds):
            totals = {j: np.array([_total(banks[j], curves[j])]) for j in active}
            shrink = _pooling_prior(dataset, base, active, totals, fit, intervals, grid)
            priors = {j: (shrink.pooled_roi, shrink.spread, float(dataset.spend[:, j].sum())) for j in active}
            curves, features, fit = _fit_curves(y, base, banks, active, curves, grid, notes, priors)
            widen = _widening(y, base, features, active, lay, panel_config)
            intervals, posteriors = _intervals(y, base, banks, active, features, widen, priors, evidence)
    plain, robust = _ols(y, np.column_stack([base] + [features[j] for j in active]), lay, panel_config.cluster)
    fit_result = _assemble(dataset, size, lay, raw, names, roles, kept_controls, y_head, banks, active, curves, notes,
                           plain, robust, intervals, posteriors, grid, base, row_money, level)
    kit = _refit_kit(y, base, banks, active, curves, features, plain, lay, weeks, n_markets, grid)
    return replace(fit_result, refit_kit=kit)


KIT_CANDIDATES = 120   # candidates per channel a refit may move to: the fitted blend's and the best-supported others
KIT_CELLS = 1_000_000  # ... fewer on a big panel: rows x candidates per channel kept with the fit (memory, and the
                       # refits' cross-products cost rows x candidates^2)


def _refit_kit(y: np.ndarray, base: np.ndarray, banks: dict[int, _Bank], active: list[int], curves: dict[int, _Blend],
               features: dict[int, np.ndarray], plain: Any, lay: _Layout, weeks: int, n_markets: int,
               grid: FitConfig) -> RefitKit:
    """What `analysis.panel.draws` needs to refit this model: each channel's candidates restricted to the
    fitted blend's heaviest and those the untempered posterior (given the other fitted curves) favours."""
    kept_features, kept_params, kept_prior, blends = [], [], [], []
    most = int(min(2 * KIT_CANDIDATES, max(16, KIT_CELLS // max(len(y), 1))))
    for j in active:
        others = np.column_stack([base] + [features[o] for o in active if o != j])
        post = _posterior(y, others, banks[j])
        index, weight = curves[j]
        heavy = index[np.argsort(weight)[::-1][:most // 2]]
        best = np.argsort(post.weights)[::-1][:most // 2]
        keep = np.array(list(dict.fromkeys([*heavy.tolist(), *best.tolist()])))
        position = {c: i for i, c in enumerate(keep.tolist())}
        inside = np.array([c in position for c in index.tolist()])
        blend_index = np.array([position[c] for c in index[inside].tolist()], dtype=int)
        blend_weight = weight[inside] / weight[inside].sum()
        kept_features.append(banks[j].features[:, keep])
        kept_params.append(banks[j].params[keep])
        kept_prior.append(banks[j].log_prior[keep])
        blends.append((blend_index, blend_weight))
    design = np.column_stack([base] + [features[j] for j in active])
    n_params = base.shape[1] + len(active) + n_markets * (2 if lay.time is not None else 1) + 3 * len(active)
    return RefitKit(y, base, design @ np.asarray(plain.params), lay.t, lay.g, weeks, n_markets,
                    max(len(y) - n_params, 1), tuple(active), tuple(kept_features), tuple(kept_params),
                    tuple(kept_prior), tuple(blends), grid.max_components)


def _total(bank: _Bank, blend: tuple[np.ndarray, np.ndarray]) -> float:
    index, weight = blend
    return float(bank.candidate_totals()[index] @ weight)


def _widening(y: np.ndarray, base: np.ndarray, features: dict[int, np.ndarray], active: list[int], lay: _Layout,
              panel_config: PanelConfig) -> dict[int, float]:
    """Per channel: market-clustered standard error / plain OLS standard error (at least 1)."""
    if not panel_config.cluster or not active:
        return {j: 1.0 for j in active}
    plain, robust = _ols(y, np.column_stack([base] + [features[j] for j in active]), lay, panel_config.cluster)
    p_base = base.shape[1]
    ratio = np.asarray(robust.bse)[p_base:] / np.maximum(np.asarray(plain.bse)[p_base:], 1e-300)
    return {j: float(max(1.0, r)) if np.isfinite(r) else 1.0 for j, r in zip(active, ratio)}


def _intervals(y: np.ndarray, base: np.ndarray, banks: dict[int, _Bank], active: list[int],
               features: dict[int, np.ndarray], widen: dict[int, float], priors: dict[int, _RoiPrior] | None = None,
               evidence: float | None = None) -> tuple[dict[int, tuple[float, float]], dict[int, _Posterior]]:
    """90% contribution intervals from each channel's curve posterior, its likelihood tempered to
    `evidence` rows: with thousands of market-weeks the untempered posterior sits on one grid point
    and its interval ignores how coarse the grid and how approximate the baseline are."""
    out: dict[int, tuple[float, float]] = {}
    posteriors: dict[int, _Posterior] = {}
    for j in active:
        others = np.column_stack([base] + [features[o] for o in active if o != j])
        post = _posterior(y, others, replace(banks[j], evidence_rows=evidence), 0, priors[j] if priors else None)
        posteriors[j] = replace(post, se=post.se * widen[j])
        out[j] = _mixture_quantiles(posteriors[j], (TAIL, 1 - TAIL))
    return out, posteriors


def _shares(spend: np.ndarray) -> np.ndarray:
    """(T, G) each market's share of the national weekly spend; the overall split in dark weeks."""
    national = spend.sum(axis=1, keepdims=True)
    overall = spend.sum(axis=0) / max(float(spend.sum()), 1e-300)
    return np.where(national > 0, spend / np.where(national > 0, national, 1.0), overall[None, :])


def _assemble(dataset: Dataset, size: np.ndarray, lay: _Layout, raw: np.ndarray, names: list[str], roles: list[str],
              kept_controls: list[int], y_head: np.ndarray, banks: dict[int, _Bank], active: list[int],
              curves: dict[int, _Blend], notes: dict[int, str], plain: Any, robust: Any,
              intervals: dict[int, tuple[float, float]], posteriors: dict[int, _Posterior], grid: FitConfig,
              base: np.ndarray, row_money: np.ndarray, level: np.ndarray) -> PanelFit:
    panel = dataset.panel
    assert panel is not None   # fit_panel checked it before calling
    weeks, n_markets, k = panel.spend.shape
    params = np.asarray(plain.params)
    cov = np.asarray(robust.cov_params())
    bse = np.asarray(robust.bse)
    p_base = base.shape[1]
    position = {j: p_base + i for i, j in enumerate(active)}
    observed = panel.observed.astype(float)

    channels: list[ChannelFit] = []
    market_parts = np.zeros((weeks, n_markets, k))
    media_cov = np.zeros((k, k))
    fit_warnings: list[str] = []
    for j, name in enumerate(dataset.channels):
        spend_total = float(dataset.spend[:, j].sum())
        if j not in position:
            note = notes.get(j, "not estimated")
            channels.append(ChannelFit(name, 0.0, 1.0, 1.0, 0.0, 0.0, spend_total, 0.0, 0.0, 0.0, False, note))
            fit_warnings.append(f"{name}: {note}.")
            continue
        i = position[j]
        coef = float(params[i])
        transforms = _transforms(banks[j], curves[j])
        decay, half_sat, shape = _representative(transforms)
        low, high = intervals[j]
        channel = PanelChannelFit(
            name, decay, half_sat * float(size.sum()), shape, coef, float(bse[i]), spend_total, 0.0, low, high,
            False, None, transforms, _candidates(banks[j], posteriors[j]),
            # the curves the (tempered) likelihood alone favours, as the national fit keeps them: what-if ranges
            # also hold them (analysis.decisions.scenario.DATA_CURVES, analysis.panel.results.market_interval)
            _candidates(banks[j], _resolved(_likelihood_only(posteriors[j]))),
            size=size, shares=_shares(panel.spend[:, :, j]), observed=observed, value=panel.value)
        market_parts[:, :, j] = channel.market_response(panel.spend[:, :, j])
        contribution = float(market_parts[:, :, j].sum())
        low, high = min(low, contribution), max(high, contribution)
        measurable = clears_zero(low, contribution, spend_total, dataset.in_money)
        channels.append(replace(channel, contribution=contribution, contribution_low=low, contribution_high=high,
                                measurable=measurable,
                                note=None if measurable else "effect too uncertain to tell from zero in this data"))
        for j2, i2 in position.items():
            media_cov[j, j2] = cov[i, i2]

    # Market baselines: the fixed effect of each market is its mean of what the shared terms leave.
    media_head = market_parts.sum(axis=2)[lay.t, lay.g] / row_money
    gamma = params[:p_base]
    alpha, slope = lay.market_fit(y_head - raw @ gamma - media_head)
    weight = observed * size[None, :] * panel.value                      # (T, G) per-head KPI -> money
    market_time = np.zeros((weeks, n_markets))                           # centred years, as in the layout
    if lay.time is not None:
        market_time[lay.t, lay.g] = lay.time
    own_trend = slope[None, :] * market_time
    time_design = baseline_design(dataset.dates, np.empty((weeks, 0)), (), grid.harmonics)
    parts = {"intercept": (weight * alpha[None, :]).sum(axis=1), "trend": (weight * own_trend).sum(axis=1),
             "seasonality": np.zeros(weeks)}
    control_parts = np.zeros((weeks, len(dataset.control_names)))
    market_baseline = size[None, :] * (alpha[None, :] + own_trend) * panel.value
    for col, (name, role) in enumerate(zip(names, roles)):
        if role == "control":
            c = dataset.control_names.index(name)
            cells = panel.controls[:, :, c] * gamma[col] * (size * level)[None, :] * panel.value
            control_parts[:, c] = (cells * observed).sum(axis=1)
        else:
            column = time_design.matrix[:, time_design.names.index(name)]
            cells = np.outer(column * gamma[col], size * level) * panel.value
            parts[role] += (cells * observed).sum(axis=1)
        market_baseline += cells
    channel_parts = market_parts.sum(axis=1)
    fitted = parts["intercept"] + parts["trend"] + parts["seasonality"] + control_parts.sum(axis=1) + \
        channel_parts.sum(axis=1)
    actual = np.asarray(dataset.sales, dtype=float)
    decomposition = Decomposition(dataset.dates, actual.copy(), parts["intercept"], parts["trend"],
                                  parts["seasonality"], control_parts, channel_parts, fitted)
    stats = _stats(actual, fitted, n_linear=len(params) + 1, n_transform=3 * len(active))
    method = (f"market panel ({n_markets} markets): market fixed effects, shared trend and seasonality, one adstock + "
              f"Hill curve per channel on spend per head of {panel.population_source}, learned as a likelihood-weighted "
              f"blend over a transform grid; non-negative OLS with market-clustered errors")
    return PanelFit(
        dataset=dataset, channels=tuple(channels), stats=stats, decomposition=decomposition,
        media_covariance=media_cov, baseline_names=("intercept", *names), baseline_coefs=np.r_[0.0, gamma],
        method=method, harmonics=grid.harmonics, warnings=tuple(fit_warnings), panel=panel,
        market_baseline=market_baseline * observed, market_contributions=market_parts)


__all__ = ["INTERVAL", "PanelConfig", "fit_panel"]
