"""Plan and baseline shapes the harder generators need beyond data.synthetic's four plans.

Kept apart from data.synthetic so the built-in sample and the recovery scenarios stay
byte-identical while the new scenario families (hard classes, wide exports, panels) evolve.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic import WEEKS_PER_YEAR, always_on, bursts, mostly_on, sporadic


def plan_of_kind(kind: str, n: int, rng: np.random.Generator, level: float) -> np.ndarray:
    """A plan of a named buying pattern (bursts | always_on | mostly_on | sporadic) with its
    swing, block length or on-share drawn per call, so seeds differ in how channels are bought."""
    if kind == "bursts":
        return bursts(n, rng, level)
    if kind == "always_on":
        return always_on(n, rng, level, swing=rng.uniform(0.3, 0.6), block=int(rng.integers(4, 9)))
    if kind == "mostly_on":
        return mostly_on(n, rng, level, off_share=rng.uniform(0.1, 0.25))
    if kind == "sporadic":
        return sporadic(n, rng, level, share_on=rng.uniform(0.25, 0.45))
    raise ValueError(f"unknown plan kind {kind!r}")


def co_flighted(lead: np.ndarray, rng: np.random.Generator, level: float, jitter: float = 0.08) -> np.ndarray:
    """A channel bought in the same flights as `lead` (TV + online video in one campaign):
    same on/off weeks, weight proportional to the lead's, a little independent jitter, so the
    two are collinear by construction and only the sum of their effects is well identified."""
    active = lead > 0
    scale = level / float(lead[active].mean()) if active.any() else 0.0
    return np.where(active, lead * scale * rng.uniform(1 - jitter, 1 + jitter, size=len(lead)), 0.0)


def flights(n: int, rng: np.random.Generator, on=(3, 9), off=(2, 8)) -> np.ndarray:
    """A national 0/1 flight calendar (campaign weeks on, dark weeks off), shared by channels."""
    mask = np.zeros(n)
    t = int(rng.integers(0, 3))
    while t < n:
        length = int(rng.integers(on[0], on[1] + 1))
        mask[t:t + length] = rng.uniform(0.6, 1.5)
        t += length + int(rng.integers(off[0], off[1] + 1))
    return mask


def harmonic_season(dates: pd.DatetimeIndex, amplitudes: tuple[float, ...], phases: tuple[float, ...]) -> np.ndarray:
    """Mean-zero yearly cycle with one term per harmonic (a_h cos(2 pi h t / year + phi_h)):
    real seasonality is rarely one clean Q4 bump, e.g. a summer peak plus a December spike."""
    day = dates.day_of_year.to_numpy(dtype=float)
    season = np.zeros(len(dates))
    for h, (amp, phase) in enumerate(zip(amplitudes, phases), start=1):
        season += amp * np.cos(2 * np.pi * h * day / 365.25 + phase)
    return season


def trend(n: int, growth_per_year: float) -> np.ndarray:
    """Multiplicative linear trend starting at 1."""
    return 1.0 + growth_per_year * np.arange(n, dtype=float) / WEEKS_PER_YEAR


def random_walk(n: int, rng: np.random.Generator, start: float, step_sd: float) -> np.ndarray:
    """An index that drifts without meaning (consumer confidence, a web-traffic index)."""
    return start + np.cumsum(rng.normal(0.0, step_sd, size=n))


def level_for_share(media_total: float, baseline_shape_total: float, media_share: float) -> float:
    """The baseline level that makes media `media_share` of noise-free sales:
    media / (media + level * sum(shape)) = share."""
    return media_total * (1.0 - media_share) / (media_share * baseline_shape_total)
