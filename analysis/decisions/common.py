"""Shared pieces of the decision analyses: channel look-up, plan responses, coefficient-draw intervals.

Every decision (what-if, optimiser, reverse question) reads the model only through
`ChannelFit.response()` / `marginal_response()`, the weekly plan in `fit.dataset.spend`,
each channel's contribution interval and `fit.media_covariance`, so it follows the fit's
curves whatever transforms they are built from.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from analysis.errors import InfeasibleError
from analysis.money import dollars, signed_dollars

if TYPE_CHECKING:
    from analysis.model import MMMFit

EXTRAPOLATION_GUARD = 1.5    # weekly spend beyond 1.5x the largest the channel ever had is extrapolation
Z90 = 1.6448536269514722     # standard-normal 95th percentile: a 90% two-sided interval


T = TypeVar("T")

_PER_FIT: dict[int, dict[Any, Any]] = {}   # id(fit) -> results derived from that fit; dropped with the fit


def fit_cache(fit: MMMFit) -> dict[Any, Any]:
    """A dict that lives as long as `fit`: fits are immutable, so work derived from one (draws, refits,
    tabulated curves, solved problems) is kept for the next question and freed when the fit is."""
    key = id(fit)
    if key not in _PER_FIT:
        _PER_FIT[key] = {}
        weakref.finalize(fit, _PER_FIT.pop, key, None)
    return _PER_FIT[key]


def fit_memo(fit: MMMFit, key: Hashable, build: Callable[[], T]) -> T:
    """`build()` once per fit and key, kept in `fit_cache(fit)`: the one memo every decision uses."""
    cache = fit_cache(fit)
    if key not in cache:
        cache[key] = build()
    value: T = cache[key]
    return value


def resolve_channel(fit: MMMFit, name: str) -> int:
    """Column index of a channel by display name (case-insensitive); unknown -> InfeasibleError."""
    names = tuple(fit.channel_names)
    if name in names:
        return names.index(name)
    lowered = [n.lower() for n in names]
    if name.strip().lower() in lowered:
        return lowered.index(name.strip().lower())
    raise InfeasibleError(f"no channel {name!r} in this model; channels are {', '.join(names)}.")


def plan(fit: MMMFit) -> np.ndarray:
    """The weekly spend plan that was run, (n, k), as a writable copy."""
    return np.array(fit.dataset.spend, dtype=float, copy=True)


def channel_totals(fit: MMMFit, spend: np.ndarray) -> np.ndarray:
    """Total incremental sales over the period per channel, (k,), for a weekly plan (n, k)."""
    return np.array([float(np.sum(c.response(spend[:, j]))) for j, c in enumerate(fit.channels)])


def tie_groups(x: np.ndarray, reference: np.ndarray, groups: list[list[int]]) -> np.ndarray:
    """`x` (a plan, or plans in rows) with each group's total re-split in the reference's shares: channels whose
    split the data cannot tell move together by one factor. Not projected back onto bounds or budget."""
    x = np.array(x, dtype=float)
    for g in groups:
        base = reference[g]
        if base.sum() > 0:
            x[..., g] = base * x[..., g].sum(axis=-1, keepdims=True) / base.sum()
    return x


def money(value: float, money_scale: float = 1.0, signed: bool = False) -> str:
    """Data units as dollars for labels (the assistant's rule): 50 with scale 1000 -> "$50.0k"."""
    amount = float(value) * money_scale
    return signed_dollars(amount) if signed else dollars(amount)


def pct_text(value: float) -> str:
    """A signed percentage with a true minus sign: -20 -> "−20%"."""
    text = f"{abs(value):.1f}".rstrip("0").rstrip(".")
    return f"{'+' if value > 0 else '−' if value < 0 else ''}{text}%"


def _correlated_normals(fit: MMMFit, draws: int, rng: np.random.Generator) -> np.ndarray:
    """(draws, k) standard normals correlated like the channels' coefficient estimates
    (collinear channels trade off against each other)."""
    k = len(fit.channels)
    cov = np.asarray(fit.media_covariance, dtype=float)
    se = np.sqrt(np.clip(np.diag(cov), 0.0, None)) if cov.shape == (k, k) else np.zeros(k)
    corr = np.eye(k)
    live = np.flatnonzero(se > 0)
    if live.size:
        sub = cov[np.ix_(live, live)] / np.outer(se[live], se[live])
        corr[np.ix_(live, live)] = (sub + sub.T) / 2
    # eigh tolerates a covariance that is only positive semi-definite (a channel pinned by another)
    values, vectors = np.linalg.eigh(corr)
    result: np.ndarray = rng.standard_normal((draws, k)) @ (vectors * np.sqrt(np.clip(values, 0.0, None))).T
    return result


def candidate_totals(fit: MMMFit, plan_: np.ndarray) -> list[np.ndarray]:
    """Each channel's posterior-candidate totals for a plan: reusable as `change_draws`' `base`."""
    return [c.candidate_totals(plan_[:, j]) if getattr(c, "posterior", ()) else np.zeros(0)
            for j, c in enumerate(fit.channels)]


def change_draws(fit: MMMFit, before: np.ndarray, after: np.ndarray, draws: int = 2000, seed: int = 0,
                 base: list[np.ndarray] | None = None, moved: list[np.ndarray] | None = None) -> np.ndarray:
    """(draws, k) plausible changes in each channel's total sales when the weekly plan goes
    from `before` to `after` (both (n, k)). `base` / `moved`: each channel's candidate totals under
    `before` / `after` when the caller has them (`candidate_totals`; a what-if in some markets of a panel).

    Each draw picks one of the channel's posterior curves by its weight and a coefficient
    around that curve's own estimate, so the spread covers both the size of the effect and
    the shape of the curve (how fast it saturates, how long it carries over) — a what-if
    depends on the slope of the curve, not only its level. Draws are truncated at zero like
    the coefficients. Channels without a posterior (not estimated) contribute zero here; see
    `unmeasured_widening`. Decisions read these through `analysis.decisions.marginals.posterior_change`.
    """
    rng = np.random.default_rng(seed)
    z = _correlated_normals(fit, draws, rng)
    out = np.zeros((draws, len(fit.channels)))
    for j, c in enumerate(fit.channels):
        candidates = getattr(c, "posterior", ())
        # money moved between markets can leave the national plan as it was while each market's changes: with the
        # markets' own totals given, those decide (a move between markets that share the flighting drew nothing here)
        same = (np.array_equal(moved[j], base[j]) if moved is not None and base is not None and len(moved[j])
                else np.allclose(before[:, j], after[:, j]))
        if not candidates or same:
            continue
        weights = np.array([p.weight for p in candidates])
        coef = np.array([p.coef for p in candidates])
        se = np.array([p.coef_se for p in candidates])
        unit = ((moved[j] if moved is not None else c.candidate_totals(after[:, j]))
                - (base[j] if base is not None else c.candidate_totals(before[:, j])))
        pick = rng.choice(len(candidates), size=draws, p=weights / weights.sum())
        out[:, j] = np.clip(coef[pick] + se[pick] * z[:, j], 0.0, None) * unit[pick]
    return out


def delta_interval(draws: np.ndarray, point: float) -> tuple[float, float]:
    """90% interval of a total change from per-channel draws (draws, k), always containing `point`."""
    total = np.asarray(draws, dtype=float)
    total = total.sum(axis=1) if total.ndim == 2 else total
    low, high = np.percentile(total, [5.0, 95.0])
    return min(float(low), point), max(float(high), point)


def rounding_tolerance(delta_spend: np.ndarray) -> float:
    """The largest per-channel spend change that is rounding of a summed plan (~1e-9 on millions), not a change:
    "TV −20%" named an untouched Print as unmeasured. One bound for every reader of a what-if's changes."""
    return 1e-9 * max(1.0, float(np.abs(np.asarray(delta_spend, dtype=float)).max(initial=0.0)))


def unmeasured_widening(fit: MMMFit, delta_spend: np.ndarray) -> tuple[float, float, list[str]]:
    """Extra interval width for spend changes on channels the model could not measure (coef 0).

    Their point effect is zero, but the data cannot rule out up to `contribution_high`: scale
    that average return by the change in spend (one-sided, so the point estimate stays put).
    """
    low = high = 0.0
    names = []
    tiny = rounding_tolerance(delta_spend)
    for j, c in enumerate(fit.channels):
        d = float(delta_spend[j])
        if c.coef > 0 or abs(d) <= tiny:
            continue
        names.append(c.name)
        if c.spend > 0 and c.contribution_high > 0:
            effect = c.contribution_high / c.spend * d
            if d > 0:
                high += effect
            else:
                low += effect
    return low, high, names


def weekly_peaks(fit: MMMFit) -> np.ndarray:
    """Largest weekly spend each channel ever had, (k,)."""
    spend = np.asarray(fit.dataset.spend, dtype=float)
    return spend.max(axis=0) if len(spend) else np.zeros(spend.shape[1])


def extrapolated_channels(fit: MMMFit, new_plan: np.ndarray) -> tuple[str, ...]:
    """Channels whose plan exceeds 1.5x their largest weekly spend (any spend, if they never spent)."""
    peaks = weekly_peaks(fit)
    out = []
    for j, name in enumerate(fit.channel_names):
        top = float(np.max(new_plan[:, j])) if len(new_plan) else 0.0
        if top > EXTRAPOLATION_GUARD * peaks[j] * (1 + 1e-9) + 1e-12:
            out.append(name)
    return tuple(out)


def mixture(*sets: np.ndarray, size: int = 2000) -> np.ndarray:
    """(size, ...) an equal-weight mixture of paired draw sets, each resampled to the same count (fixed seed, so a
    figure is reproducible): one set whose 90% interval weighs the sources, where a hull takes the widest of each
    (a comparison's gap, `compare`)."""
    rng = np.random.default_rng(0)
    return np.concatenate([d[rng.choice(len(d), size=size // len(sets))] for d in sets])
