"""Ground-truth MMM data: media plans, a known response model, and the truth it implies.

The sample dataset and every recovery test/benchmark scenario are simulated here, from the
same adstock + Hill forms the engine estimates, so "did we recover the truth?" is measurable.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.transforms import geometric_adstock, hill

WEEKS_PER_YEAR = 52.1775


@dataclass(frozen=True)
class ChannelTruth:
    """The true response of one channel: coef * hill(adstock(spend, decay), k, shape)."""

    name: str
    column: str
    decay: float
    half_saturation: float
    shape: float
    coef: float

    def response(self, spend: np.ndarray) -> np.ndarray:
        """Weekly incremental sales caused by this weekly spend series."""
        return self.coef * hill(geometric_adstock(spend, self.decay), self.half_saturation, self.shape)


@dataclass(frozen=True)
class Truth:
    """Everything that generated a simulated dataset except its noise."""

    channels: tuple[ChannelTruth, ...]
    spend: np.ndarray        # (n, k) the plan that was run
    baseline: np.ndarray     # (n,) non-media sales: intercept, trend, seasonality, controls, promos

    def contributions(self, spend: np.ndarray | None = None) -> np.ndarray:
        """(n, k) weekly incremental sales per channel for a spend plan (default: the one run)."""
        plan = self.spend if spend is None else np.asarray(spend, dtype=float)
        return np.column_stack([c.response(plan[:, j]) for j, c in enumerate(self.channels)])

    def expected_sales(self, spend: np.ndarray | None = None) -> np.ndarray:
        """Noise-free weekly sales under a spend plan."""
        return self.baseline + self.contributions(spend).sum(axis=1)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels)

    @property
    def contribution(self) -> dict[str, float]:
        """True incremental sales per channel over the whole period."""
        return dict(zip(self.names, self.contributions().sum(axis=0)))

    @property
    def roi(self) -> dict[str, float]:
        """True sales per dollar per channel over the whole period (contribution / spend)."""
        spend = self.spend.sum(axis=0)
        return {name: self.contribution[name] / s for name, s in zip(self.names, spend)}


@dataclass(frozen=True)
class ChannelSpec:
    """How to simulate one channel: its plan and its true response, with coef set from a target ROI."""

    name: str
    column: str
    plan: np.ndarray
    decay: float
    half_saturation_ratio: float  # k as a multiple of the mean adstocked spend in active weeks
    shape: float
    roi: float


def simulate(
    dates: pd.DatetimeIndex,
    specs: list[ChannelSpec],
    baseline: np.ndarray,
    noise_sd: float,
    seed: int,
    target: str = "sales",
    controls: dict[str, np.ndarray] | None = None,
) -> tuple[pd.DataFrame, Truth]:
    """Build a weekly frame (date, target, spends, controls) and the Truth behind it."""
    truths = []
    for spec in specs:
        adstocked = geometric_adstock(spec.plan, spec.decay)
        active = adstocked[adstocked > 0]
        k = spec.half_saturation_ratio * float(active.mean())
        saturation = hill(adstocked, k, spec.shape)
        coef = spec.roi * spec.plan.sum() / saturation.sum()
        truths.append(ChannelTruth(spec.name, spec.column, spec.decay, k, spec.shape, coef))
    spend = np.column_stack([s.plan for s in specs])
    truth = Truth(tuple(truths), spend, np.asarray(baseline, dtype=float))
    rng = np.random.default_rng(seed + 1_000_003)
    sales = truth.expected_sales() + rng.normal(0.0, noise_sd, len(dates))
    frame = pd.DataFrame({"date": dates, target: np.round(sales, 3)})
    for spec in specs:
        frame[spec.column] = np.round(spec.plan, 3)
    for name, values in (controls or {}).items():
        frame[name] = values
    return frame, truth


# --- media plans -------------------------------------------------------------------------------

def bursts(n: int, rng: np.random.Generator, level: float, on=(3, 8), off=(2, 7)) -> np.ndarray:
    """Flighted plan (TV): on-air flights at varying weight, separated by dark weeks."""
    plan = np.zeros(n)
    t = int(rng.integers(0, 3))
    while t < n:
        length = int(rng.integers(on[0], on[1] + 1))
        weight = level * rng.uniform(0.5, 1.6)
        plan[t:t + length] = weight * rng.uniform(0.8, 1.2, size=len(plan[t:t + length]))
        t += length + int(rng.integers(off[0], off[1] + 1))
    return plan


def always_on(n: int, rng: np.random.Generator, level: float, swing: float = 0.4, block: int = 6) -> np.ndarray:
    """Always-on plan (Digital, Social): budget steps every few weeks plus weekly jitter."""
    steps = rng.uniform(1 - swing, 1 + swing, size=n // block + 1).repeat(block)[:n]
    return level * steps * rng.uniform(0.85, 1.15, size=n)


def sporadic(n: int, rng: np.random.Generator, level: float, share_on: float = 0.3) -> np.ndarray:
    """Occasional insertions (Print): on in a minority of weeks, at varying size."""
    on = rng.random(n) < share_on
    return np.where(on, level * rng.uniform(0.5, 1.5, size=n), 0.0)


def mostly_on(n: int, rng: np.random.Generator, level: float, off_share: float = 0.15) -> np.ndarray:
    """Mostly-on plan (Radio): steady weight with occasional breaks."""
    off = rng.random(n) < off_share
    return np.where(off, 0.0, level * rng.uniform(0.6, 1.4, size=n))


# --- baseline ----------------------------------------------------------------------------------

def seasonal_baseline(
    dates: pd.DatetimeIndex, level: float, growth_per_year: float, amplitude: float
) -> np.ndarray:
    """Level with linear growth and a yearly cycle peaking in Q4 (late November / December)."""
    t = np.arange(len(dates), dtype=float)
    day = dates.day_of_year.to_numpy(dtype=float)
    phase = 2 * np.pi * (day - 340.0) / 365.25      # peak around 6 December
    season = 0.75 * np.cos(phase) + 0.25 * np.cos(2 * phase)
    return level * (1 + growth_per_year * t / WEEKS_PER_YEAR + amplitude * season)
