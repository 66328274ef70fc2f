"""Curve choices the data cannot tell apart, as a spread for a plan's gain (issue 10, session 12).

The joint draws (`analysis.decisions.joint_draws`) draw each channel's curve from the fit's own posterior
over curves, which carries the fit's priors and a grid of decays that stops where the fit's search stopped.
On the four plans that lost at a stated chance of 1-4% (benchmark noisy 11301 and 11601, first blind
long_carryover 2901, third blind long_carryover 2801) the channel the plan cut was a flighted channel whose
true curve decays longer and is more S-shaped than the fitted one, and whose true loss lay below its draws'
5th percentile; on 11601 a refit with TV's true curve fits the data 1.1 nats worse than the fit's own blend
(one with decay 0.5 fits better), so the data cannot tell the two apart, yet the draws put 1% on such decays.

Here every modelled channel's curve is profiled on a plain grid (decay 0-0.9, half-saturation 0.3-5x its
mean spend while on, shape 0.7-2.2): each candidate replaces that channel's fitted curve and all
coefficients are re-solved by least squares with the fit's baseline. A candidate's weight is its likelihood
against the fit's own curves, exp(-n/2 log(RSS/RSS_fit)), over a flat prior on the grid. A plan's gain under
a candidate, minus its gain under the same least squares with the fitted curves, is that curve choice's
shift of the gain. `optimize` holds one more set in a plan's interval and chance of a loss: the draws' mean
gain plus one shift per moved channel, drawn by weight (`shifted`), as it holds each channel's own
posterior draws; a steep likelihood leaves weight only on curves that agree with the fit, so where the
data pin the curves nothing changes. Cost: ~0.2 s per fit (one projection per channel, every candidate's
least squares in closed form), kept while the fit lives.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from analysis.decisions.common import fit_memo
from analysis.decisions.joint_draws import CurveSet, _baseline_matrix

if TYPE_CHECKING:
    from analysis.model import MMMFit

DECAYS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
HALF_SATURATIONS = (0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0)   # times the channel's mean spend in weeks it is on
SHAPES = (0.7, 1.0, 1.5, 2.2)
MIN_WEIGHT = 1e-4   # candidates below this share of the channel's weight are dropped (they cannot be drawn)


@dataclass(frozen=True)
class ChannelProfile:
    """One channel's candidate curves that carry weight, with every channel's coefficients under each."""

    channel: int                  # fit index
    decay: np.ndarray             # (A,)
    half_saturation: np.ndarray   # (A,)
    shape: np.ndarray             # (A,)
    coefs: np.ndarray             # (A, m) least-squares coefficients of every modelled channel
    weights: np.ndarray           # (A,) sums to 1


@dataclass(frozen=True)
class CurveProfile:
    """The fit's modelled channels, their least-squares coefficients at the fitted curves, and each one's profile."""

    channels: tuple[int, ...]
    coefs: np.ndarray             # (m,)
    profiles: tuple[ChannelProfile, ...]


def _unit(fit: MMMFit, j: int, spend: np.ndarray) -> np.ndarray:
    """Channel j's fitted weekly response per unit coefficient."""
    channel = fit.channels[j]
    result: np.ndarray = np.asarray(channel.response(spend), dtype=float) / channel.coef
    return result


def _candidates(spend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(A, 3) the grid's (decay, half-saturation, shape) for a channel's weekly spend, and (n, A) their weekly
    responses per unit coefficient (`CurveSet.weekly`: the adstock computed once per decay)."""
    on = spend[spend > 0]
    mean = float(on.mean()) if len(on) else 1.0
    per_decay = len(HALF_SATURATIONS) * len(SHAPES)
    decay = np.repeat(np.array(DECAYS), per_decay)
    k = np.tile(np.repeat(np.array(HALF_SATURATIONS) * mean, len(SHAPES)), len(DECAYS))
    shape = np.tile(np.array(SHAPES), len(HALF_SATURATIONS) * len(DECAYS))
    return np.column_stack([decay, k, shape]), CurveSet(decay, k, shape).weekly(spend)


def build_profile(fit: MMMFit) -> CurveProfile:
    """Profile every modelled channel's curve (see the module docstring). Each candidate's least squares is
    solved in closed form against the other columns, projected out once per channel (Frisch-Waugh)."""
    spend = np.asarray(fit.dataset.spend, dtype=float)
    channels = tuple(j for j, c in enumerate(fit.channels) if c.coef > 0 and bool(getattr(c, "posterior", ())))
    if getattr(fit.dataset, "panel", None) is not None or not channels:
        return CurveProfile(channels, np.zeros(len(channels)), ())
    base = _baseline_matrix(fit)
    y = np.asarray(fit.decomposition.actual, dtype=float)
    n, p = base.shape
    design = np.column_stack([base, np.column_stack([_unit(fit, j, spend[:, j]) for j in channels])])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    rss0 = max(float(np.sum((y - design @ beta) ** 2)), 1e-300)
    profiles = []
    for i, j in enumerate(channels):
        params, columns = _candidates(spend[:, j])
        others = np.delete(design, p + i, axis=1)
        solve = np.linalg.pinv(others)                       # (q, n)
        y_rest = y - others @ (solve @ y)
        c_rest = columns - others @ (solve @ columns)        # (n, A) each candidate with the other columns projected out
        size = np.einsum("na,na->a", c_rest, c_rest)
        usable = size > 1e-12 * max(float(size.max(initial=0.0)), 1e-300)
        own = np.where(usable, (c_rest.T @ y_rest) / np.where(usable, size, 1.0), 0.0)
        rss = float(y_rest @ y_rest) - own * (c_rest.T @ y_rest)
        loglik = -0.5 * n * np.log(np.maximum(rss, 1e-300) / rss0)
        ok = usable & (own > 0)          # a candidate that needs a negative effect is not a curve of this channel
        if not ok.any():
            continue
        weights = np.where(ok, np.exp(np.where(ok, loglik, -np.inf) - loglik[ok].max()), 0.0)
        weights = weights / weights.sum()
        keep = weights >= MIN_WEIGHT
        rest = (solve @ y)[p:, None] - (solve @ columns[:, keep])[p:] * own[keep][None, :]   # (m-1, A)
        coefs = np.insert(rest.T, i, own[keep], axis=1)                                       # (A, m)
        profiles.append(ChannelProfile(j, params[keep, 0], params[keep, 1], params[keep, 2], coefs,
                                       weights[keep] / weights[keep].sum()))
    return CurveProfile(channels, beta[p:], tuple(profiles))


def curve_profile(fit: MMMFit) -> CurveProfile:
    """The fit's curve profile, built once and kept while the fit lives."""
    return fit_memo(fit, "curve_profile", lambda: build_profile(fit))


def shifts(fit: MMMFit, before: np.ndarray, after: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per channel the plan moves: (each candidate's shift of the plan's total gain, its weight); once per fit and
    plan change (a repeated question re-scores the same candidate moves)."""
    digest = hashlib.blake2b(np.ascontiguousarray(before).tobytes() + np.ascontiguousarray(after).tobytes(),
                             digest_size=16).hexdigest()
    return fit_memo(fit, ("curve_shifts", before.shape, digest), lambda: _shifts(fit, before, after))


def _shifts(fit: MMMFit, before: np.ndarray, after: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    profile = curve_profile(fit)
    channels = profile.channels
    moved = [i for i, j in enumerate(channels) if not np.allclose(before[:, j], after[:, j])]
    if not moved or not profile.profiles:
        return []
    unit = np.array([float(np.sum(_unit(fit, j, after[:, j]) - _unit(fit, j, before[:, j]))) if i in moved else 0.0
                     for i, j in enumerate(channels)])
    reference = float(profile.coefs @ unit)
    out = []
    for prof in profile.profiles:
        i = channels.index(prof.channel)
        if i not in moved:
            continue
        j = prof.channel
        curves = CurveSet(prof.decay, prof.half_saturation, prof.shape)
        own = (curves.weekly(after[:, j]) - curves.weekly(before[:, j])).sum(axis=0)
        others = prof.coefs @ np.where(np.arange(len(channels)) == i, 0.0, unit)
        gains = others + prof.coefs[:, i] * own
        out.append((gains - reference, prof.weights))
    return out


def shifted(fit: MMMFit, before: np.ndarray, after: np.ndarray, gains: np.ndarray, seed: int = 0) -> np.ndarray:
    """The draws' total `gains` (D,) with one curve-choice shift per moved channel added to each draw, drawn by
    weight (the same random picks for the same plan, so a figure is reproducible). Measured and not adopted
    (session 14): every channel's shift drawn at one shared quantile (errors aligned against the plan) kept
    deep_saturation 15001 from losing but cost 2.1 best gains on 35 plans and brought a new loss (short_promos 15301)."""
    total = np.asarray(gains, dtype=float).copy()
    rng = np.random.default_rng(seed)
    for values, weights in shifts(fit, before, after):
        total += values[rng.choice(len(values), size=len(total), p=weights)]
    return total
