"""Estimate the marketing-mix model: learn each channel's carry-over and saturation, then OLS.

Method (chosen by measurement on ground-truth scenarios; see benchmarks/bench_fit.py):
each channel's (decay, half-saturation, shape) is picked from a grid by coordinate descent,
where scoring one candidate is a single least-squares projection (Frisch-Waugh: residualise
sales and the candidate on every other regressor, then one dot product). Every candidate has
the same number of free parameters, so the least residual sum of squares is the maximum-
likelihood choice (and the AIC choice). Media coefficients are kept non-negative by dropping
a channel whose best effect is negative and refitting. The final fit is statsmodels OLS, so
coefficients carry standard errors. Each channel's contribution interval is a profile-
likelihood interval over its coefficient *and* its transform: every (transform, coefficient)
pair whose fit is within the chi-square(1) 90% cut-off of the best one.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.dataset import Dataset
from analysis.design import baseline_design
from analysis.errors import ModelError
from analysis.model import ChannelFit, Decomposition, FitStats, MMMFit
from analysis.transforms import geometric_adstock

CHI2_1_90 = 2.705543454095404   # chi-square(1) 90% quantile: profile-likelihood interval cut-off
MIN_ACTIVE_WEEKS = 4


@dataclass(frozen=True)
class FitConfig:
    """The transform grid and interval level. Half-saturation is a multiple of the channel's
    mean adstocked spend in weeks it was on air, so one grid fits every currency and scale."""

    decays: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    saturation_ratios: tuple[float, ...] = (0.3, 0.5, 0.75, 1.0, 1.5, 2.5, 4.0)
    shapes: tuple[float, ...] = (0.7, 1.0, 1.5, 2.2, 3.0)
    harmonics: int = 2
    max_sweeps: int = 8


@dataclass(frozen=True)
class _Bank:
    """Every candidate transform of one channel's spend: features (n, G) and their (decay, k, shape)."""

    features: np.ndarray
    params: np.ndarray


def _bank(spend: np.ndarray, config: FitConfig) -> _Bank:
    ratios = np.asarray(config.saturation_ratios)
    shapes = np.asarray(config.shapes)
    blocks, params = [], []
    for decay in config.decays:
        adstocked = geometric_adstock(spend, decay)
        scale = adstocked[adstocked > 0].mean()
        ks = ratios * scale
        ratio = np.power(adstocked[:, None, None] / ks[None, :, None], shapes[None, None, :])
        blocks.append((ratio / (1.0 + ratio)).reshape(len(spend), -1))
        grid_k, grid_s = np.meshgrid(ks, shapes, indexing="ij")
        params.append(np.column_stack([np.full(grid_k.size, decay), grid_k.ravel(), grid_s.ravel()]))
    return _Bank(np.hstack(blocks), np.vstack(params))


def _project_out(basis: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Residual of `target` after least-squares projection on the columns of `basis`."""
    q, _ = np.linalg.qr(basis)
    return target - q @ (q.T @ target)


def _scores(y: np.ndarray, others: np.ndarray, features: np.ndarray):
    """For every candidate column: residual sum of squares with a non-negative coefficient,
    its coefficient, and its residualised sum of squares (the precision of that coefficient)."""
    r = _project_out(others, y)
    tilde = _project_out(others, features)
    num = tilde.T @ r
    den = np.einsum("ij,ij->j", tilde, tilde)
    ok = den > 1e-12 * max(float(den.max()), 1e-300)
    beta = np.where(ok, num / np.where(ok, den, 1.0), 0.0)
    gain = np.where(ok & (beta > 0), num * beta, 0.0)
    return float(r @ r) - gain, beta, den


def _default_index(bank: _Bank) -> int:
    """Start the search from a middling transform: decay 0.3, k = mean spend, shape 1."""
    target = np.array([0.3, np.nan, 1.0])
    d = np.abs(bank.params[:, 0] - target[0]) + np.abs(bank.params[:, 2] - target[2])
    k_ratio = bank.params[:, 1] / np.median(bank.params[:, 1])
    return int(np.argmin(d + np.abs(np.log(k_ratio))))


def _search(y, base, banks, active, choice, config):
    """Coordinate descent over the channels' transform grids; returns the updated choices."""
    for _ in range(config.max_sweeps):
        changed = False
        for c in active:
            others = np.column_stack([base] + [banks[o].features[:, choice[o]] for o in active if o != c])
            rss, beta, _ = _scores(y, others, banks[c].features)
            best = int(np.argmin(rss))
            if rss[best] < rss[choice[c]] - 1e-9 * abs(rss[choice[c]]):
                choice[c] = best
                changed = True
        if not changed:
            break
    return choice


def _ols(y, design):
    # statsmodels is imported here, not at module import, to keep start-up fast for other paths.
    from statsmodels.regression.linear_model import OLS

    return OLS(y, design).fit()


def fit_mmm(dataset: Dataset, config: FitConfig = FitConfig()) -> MMMFit:
    """Fit sales on trend, seasonality, controls and one learned media response per channel."""
    y = np.asarray(dataset.sales, dtype=float)
    n, k = dataset.spend.shape
    if np.nanstd(y) <= 1e-12 * max(1.0, abs(float(np.nanmean(y)))):
        raise ModelError(f"{dataset.source}: sales are constant over all {n} weeks — there is nothing "
                         "for the model to explain; check the target column (use --target COL).")
    design = baseline_design(dataset.dates, dataset.controls, dataset.control_names, config.harmonics)
    base = design.matrix
    if n <= base.shape[1] + 3:
        raise ModelError(f"{dataset.source}: {n} weeks are too few for {base.shape[1]} baseline terms "
                         "and the media channels; supply more weeks or fewer control columns.")

    notes: dict[int, str] = {}
    banks: dict[int, _Bank] = {}
    for j, name in enumerate(dataset.channels):
        x = dataset.spend[:, j]
        if np.count_nonzero(x) < MIN_ACTIVE_WEEKS:
            notes[j] = f"spend in only {np.count_nonzero(x)} weeks — too few to measure an effect"
        elif np.ptp(x) <= 1e-9 * max(1.0, float(np.abs(x).max())):
            notes[j] = "constant spend — its effect cannot be separated from the baseline"
        else:
            banks[j] = _bank(x, config)

    active = [j for j in range(k) if j in banks]
    choice = {j: _default_index(banks[j]) for j in active}
    while True:
        choice = _search(y, base, banks, active, choice, config)
        fit = _ols(y, _design(base, banks, active, choice))
        media = np.asarray(fit.params[base.shape[1]:])
        if media.size == 0 or media.min() >= 0:
            break
        worst = active[int(np.argmin(media))]
        notes[worst] = "no measurable effect in this data (its estimated effect was not positive)"
        active.remove(worst)

    return _assemble(dataset, design, banks, active, choice, fit, notes, y)


def _design(base, banks, active, choice):
    return np.column_stack([base] + [banks[j].features[:, choice[j]] for j in active])


def _profile_interval(y, base, banks, active, choice, c, rss_min) -> tuple[float, float]:
    """90% profile-likelihood interval of channel c's total contribution over (transform, coefficient)."""
    others = np.column_stack([base] + [banks[o].features[:, choice[o]] for o in active if o != c])
    rss, beta, den = _scores(y, others, banks[c].features)
    n = len(y)
    budget = rss_min * np.exp(CHI2_1_90 / n) - rss     # how much worse each candidate may fit
    admissible = budget >= 0
    half_width = np.sqrt(np.where(admissible, budget, 0.0) / np.where(den > 0, den, np.inf))
    totals = banks[c].features.sum(axis=0)
    beta_pos = np.where(beta > 0, beta, 0.0)   # candidates with a negative fit are clamped to zero
    low = np.clip(beta_pos - half_width, 0.0, None) * totals
    high = (beta_pos + half_width) * totals
    return float(low[admissible].min()), float(high[admissible].max())


def _assemble(dataset, design, banks, active, choice, fit, notes, y) -> MMMFit:
    n, k = dataset.spend.shape
    base = design.matrix
    p_base = base.shape[1]
    params = np.asarray(fit.params)
    bse = np.asarray(fit.bse)
    cov = np.asarray(fit.cov_params())
    resid = np.asarray(fit.resid)
    rss_min = float(resid @ resid)

    media_cov = np.zeros((k, k))
    channel_parts = np.zeros((n, k))
    channels: list[ChannelFit] = []
    warnings: list[str] = []
    position = {j: p_base + i for i, j in enumerate(active)}
    for j, name in enumerate(dataset.channels):
        spend_total = float(dataset.spend[:, j].sum())
        if j in position:
            i = position[j]
            decay, half_sat, shape = banks[j].params[choice[j]]
            coef = float(params[i])
            channel_parts[:, j] = coef * banks[j].features[:, choice[j]]
            contribution = float(channel_parts[:, j].sum())
            low, high = _profile_interval(y, base, banks, active, choice, j, rss_min)
            low, high = min(low, contribution), max(high, contribution)
            measurable = low > 0.0
            note = None if measurable else "effect too uncertain to tell from zero in this data"
            channels.append(ChannelFit(name, float(decay), float(half_sat), float(shape), coef, float(bse[i]),
                                       spend_total, contribution, low, high, measurable, note))
            for j2, i2 in position.items():
                media_cov[j, j2] = cov[i, i2]
        else:
            note = notes.get(j, "not estimated")
            high = _upper_bound_when_dropped(y, base, banks, active, choice, j) if j in banks else 0.0
            channels.append(ChannelFit(name, 0.0, 1.0, 1.0, 0.0, 0.0, spend_total, 0.0, 0.0, high, False, note))
            warnings.append(f"{name}: {note}.")

    fitted = np.asarray(fit.fittedvalues)
    parts = {role: np.zeros(n) for role in ("intercept", "trend", "seasonality")}
    control_parts = np.zeros((n, len(dataset.control_names)))
    ci = 0
    for col, role in enumerate(design.roles):
        piece = params[col] * base[:, col]
        if role == "control":
            control_parts[:, ci] = piece
            ci += 1
        else:
            parts[role] += piece
    decomposition = Decomposition(dataset.dates, y.copy(), parts["intercept"], parts["trend"],
                                  parts["seasonality"], control_parts, channel_parts, fitted)
    stats = _stats(y, fitted, n_linear=len(params), n_transform=3 * len(active))
    return MMMFit(
        dataset=dataset,
        channels=tuple(channels),
        stats=stats,
        decomposition=decomposition,
        media_covariance=media_cov,
        baseline_names=design.names,
        baseline_coefs=params[:p_base].copy(),
        method="grid-searched adstock + Hill transforms (least squares), non-negative OLS",
        harmonics=sum(r == "seasonality" for r in design.roles) // 2,
        warnings=tuple(warnings),
    )


def _upper_bound_when_dropped(y, base, banks, active, choice, j) -> float:
    """For a channel dropped as non-positive: the largest contribution the data cannot rule out."""
    others = np.column_stack([base] + [banks[o].features[:, choice[o]] for o in active])
    rss_min = float(_project_out(others, y) @ _project_out(others, y))
    rss, beta, den = _scores(y, others, banks[j].features)
    budget = rss_min * np.exp(CHI2_1_90 / len(y)) - rss
    half_width = np.sqrt(np.clip(budget, 0.0, None) / np.where(den > 0, den, np.inf))
    high = (np.clip(beta, 0.0, None) + half_width) * banks[j].features.sum(axis=0)
    return float(high[budget >= 0].max()) if np.any(budget >= 0) else 0.0


def _stats(y, fitted, n_linear: int, n_transform: int) -> FitStats:
    from statsmodels.stats.stattools import durbin_watson

    resid = y - fitted
    n = len(y)
    ss_res = float(resid @ resid)
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot
    adj = 1.0 - (1.0 - r2) * (n - 1) / max(n - n_linear - 1, 1)
    nonzero = np.abs(y) > 1e-12
    mape = float(np.mean(np.abs(resid[nonzero] / y[nonzero])) * 100) if nonzero.any() else float("nan")
    sigma = float(np.sqrt(ss_res / max(n - n_linear - n_transform, 1)))
    return FitStats(r2, adj, mape, float(durbin_watson(resid)), n, n_linear + n_transform, sigma)
