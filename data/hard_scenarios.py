"""Decision-benchmark scenario classes (issue 10): the data conditions under which budget plans fail.

Written blind to the engine, so the benchmark measures it on cases it was not tuned for. Every
class draws its levels, ROIs, decays and saturation points from ranges per seed, so five seeds
are five different businesses, not one business with five noise draws. Media drive 15-35% of
noise-free sales (drawn per seed); the true response stays adstock + Hill (data.synthetic).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from data.scenarios import Scenario, _dataset
from data.shapes import (
    co_flighted,
    harmonic_season,
    level_for_share,
    plan_of_kind,
    trend,
)
from data.synthetic import ChannelSpec, simulate

ENTANGLED_MIN_CORRELATION = 0.9


@dataclass(frozen=True)
class _Channel:
    """A channel archetype: how it is bought and the ranges its true response is drawn from."""

    name: str
    column: str
    plan: str                      # bursts | always_on | mostly_on | sporadic
    level: float                   # typical weekly spend in active weeks ($000s)
    decay: tuple[float, float]
    ratio: tuple[float, float]     # half-saturation as a multiple of mean active adstock
    shape: tuple[float, float]
    roi: tuple[float, float]


_POOL = (
    _Channel("TV", "tv_spend", "bursts", 90.0, (0.35, 0.65), (0.5, 1.4), (1.2, 2.0), (0.8, 2.2)),
    _Channel("Radio", "radio_spend", "mostly_on", 16.0, (0.15, 0.45), (0.6, 1.6), (1.0, 1.5), (0.5, 1.5)),
    _Channel("Search", "search_spend", "always_on", 40.0, (0.0, 0.15), (0.8, 2.5), (0.8, 1.2), (1.5, 3.5)),
    _Channel("Social", "social_spend", "always_on", 22.0, (0.1, 0.35), (0.8, 2.5), (0.9, 1.3), (0.8, 2.5)),
    _Channel("Print", "print_spend", "sporadic", 18.0, (0.1, 0.35), (0.8, 1.6), (1.0, 1.4), (0.3, 1.0)),
    _Channel("Video", "video_spend", "bursts", 30.0, (0.2, 0.5), (0.6, 1.6), (1.0, 1.6), (0.6, 1.8)),
    _Channel("Display", "display_spend", "always_on", 15.0, (0.05, 0.3), (0.8, 2.0), (0.8, 1.2), (0.4, 1.4)),
)


def _draw(channel: _Channel, n: int, rng: np.random.Generator, plan: np.ndarray | None = None) -> ChannelSpec:
    """One channel with its spend level (x0.5-2) and true response drawn for this seed."""
    level = channel.level * rng.uniform(0.5, 2.0)
    return ChannelSpec(
        channel.name, channel.column,
        plan_of_kind(channel.plan, n, rng, level) if plan is None else plan,
        decay=float(rng.uniform(*channel.decay)),
        half_saturation_ratio=float(rng.uniform(*channel.ratio)),
        shape=float(rng.uniform(*channel.shape)),
        roi=float(rng.uniform(*channel.roi)),
    )


def _baseline_shape(dates: pd.DatetimeIndex, rng: np.random.Generator, harmonics: int = 1) -> np.ndarray:
    """Mean-one trend x seasonality, drawn per seed (growth -3%..+8%/yr, 5-15% seasonal swing)."""
    amplitudes = (rng.uniform(0.05, 0.15),) + tuple(rng.uniform(0.03, 0.08, size=harmonics - 1))
    phases = tuple(rng.uniform(-np.pi, np.pi, size=harmonics))
    shape = trend(len(dates), rng.uniform(-0.03, 0.08)) * (1.0 + harmonic_season(dates, amplitudes, phases))
    return shape / shape.mean()


def _build(name: str, description: str, n: int, specs: list[ChannelSpec], noise_share: float,
           rng: np.random.Generator, seed: int, harmonics: int = 1, promos: int = 0) -> Scenario:
    """Scale the baseline so media are a drawn 15-35% of noise-free sales, add unrecorded promos,
    add noise at `noise_share` of mean sales, and wrap the result as a Scenario."""
    dates = pd.date_range("2021-01-04", periods=n, freq="W-MON")
    shape = _baseline_shape(dates, rng, harmonics)
    if promos:   # promotion spikes the columns do not record: they live in the baseline (truth)
        weeks = rng.choice(np.arange(8, n - 8, 3), size=promos, replace=False)   # >= 3 weeks apart
        shape[weeks] += rng.uniform(0.25, 0.5, size=promos)
    media_total = sum(s.roi * s.plan.sum() for s in specs)   # simulate() sets coef so this holds exactly
    level = level_for_share(media_total, shape.sum(), float(rng.uniform(0.15, 0.35)))
    baseline = level * shape
    mean_sales = (baseline.sum() + media_total) / n
    frame, truth = simulate(dates, specs, baseline, noise_sd=noise_share * mean_sales, seed=seed)
    return Scenario(name, description, _dataset(name, frame, [s.column for s in specs]), truth)


def _pick(rng: np.random.Generator, count: int, first: tuple[str, ...] = ()) -> list[_Channel]:
    """`first` channels by name, then the rest drawn at random from the pool (order kept stable)."""
    chosen = [c for c in _POOL if c.name in first]
    rest = [c for c in _POOL if c.name not in first]
    extra = rng.choice(len(rest), size=count - len(chosen), replace=False)
    chosen += [rest[i] for i in sorted(extra)]
    return chosen


def make_short_promos(seed: int) -> Scenario:
    """104 weeks x 6 channels, 3 big promotion weeks not in the columns, two-harmonic season:
    few weeks per parameter, and outliers a model can mistake for media."""
    rng = np.random.default_rng([10, 1, seed])
    n = 104
    specs = [_draw(c, n, rng) for c in _pick(rng, 6, ("TV",))]
    return _build("short_promos", "104 weeks, 6 channels, 3 unrecorded promotion spikes, two-harmonic season",
                  n, specs, float(rng.uniform(0.03, 0.05)), rng, seed, harmonics=2, promos=3)


def make_entangled(seed: int) -> Scenario:
    """156 weeks; TV and Video bought in the same flights (weekly spend correlation >= 0.9), so the
    data cannot say which of the two earns the return: a plan must not trade the pair confidently."""
    rng = np.random.default_rng([10, 2, seed])
    n = 156
    channels = _pick(rng, 5, ("TV", "Video"))
    tv = _draw(channels[0], n, rng)
    video_channel = next(c for c in channels if c.name == "Video")
    video_plan = co_flighted(tv.plan, rng, video_channel.level * rng.uniform(0.5, 2.0))
    video = _draw(video_channel, n, rng, plan=video_plan)
    others = [_draw(c, n, rng) for c in channels if c.name not in ("TV", "Video")]
    correlation = float(np.corrcoef(tv.plan, video.plan)[0, 1])
    assert correlation >= ENTANGLED_MIN_CORRELATION, f"entangled pair correlation {correlation:.3f}"
    return _build("entangled", f"TV and Video flighted together (correlation {correlation:.2f})",
                  n, [tv, video, *others], float(rng.uniform(0.025, 0.04)), rng, seed)


def make_noisy(seed: int) -> Scenario:
    """Noise at 12% of mean sales over 156 weeks: most channel effects are within the noise."""
    rng = np.random.default_rng([10, 3, seed])
    n = 156
    specs = [_draw(c, n, rng) for c in _pick(rng, 5, ("TV",))]
    return _build("noisy", "noise at 12% of mean sales", n, specs, 0.12, rng, seed)


def make_clean(seed: int) -> Scenario:
    """208 weeks, 5 channels, 2-3% noise: the case where a plan should capture nearly all uplift."""
    rng = np.random.default_rng([10, 4, seed])
    n = 208
    specs = [_draw(c, n, rng) for c in _pick(rng, 5, ("TV",))]
    return _build("clean", "208 weeks, 5 channels, modest noise", n, specs, float(rng.uniform(0.02, 0.03)), rng, seed)


def make_long_carryover(seed: int) -> Scenario:
    """TV's effect decays at 0.8-0.9 a week (half-life 3-7 weeks): most of its return lands in
    weeks with no TV spend, where a short-memory model credits the baseline or other channels."""
    rng = np.random.default_rng([10, 5, seed])
    n = 156
    specs = [_draw(c, n, rng) for c in _pick(rng, 5, ("TV",))]
    specs[0] = replace(specs[0], decay=float(rng.uniform(0.8, 0.9)))
    return _build("long_carryover", f"TV decays slowly (weekly decay {specs[0].decay:.2f})",
                  n, specs, float(rng.uniform(0.025, 0.04)), rng, seed)


def make_deep_saturation(seed: int) -> Scenario:
    """One always-on channel spends 4-10x its half-saturation point: its average ROI looks fine
    but its marginal return is near zero, so the right plan cuts it."""
    rng = np.random.default_rng([10, 6, seed])
    n = 156
    specs = [_draw(c, n, rng) for c in _pick(rng, 5, ("TV", "Search"))]
    j = next(i for i, s in enumerate(specs) if s.name == "Search")
    specs[j] = replace(specs[j], half_saturation_ratio=float(rng.uniform(0.1, 0.25)), shape=1.0)
    return _build("deep_saturation", "Search spends far past its half-saturation point",
                  n, specs, float(rng.uniform(0.025, 0.04)), rng, seed)


HARD_CLASSES: dict[str, Callable[[int], Scenario]] = {
    "short_promos": make_short_promos,
    "entangled": make_entangled,
    "noisy": make_noisy,
    "clean": make_clean,
    "long_carryover": make_long_carryover,
    "deep_saturation": make_deep_saturation,
}
