"""Ground-truth scenarios for recovery tests and benchmarks: the hard cases of real MMM data.

Each scenario is simulated from known adstock/Hill responses (data.synthetic), so an estimate
can be scored against the truth: collinear channels, a short history with many channels, a
channel deep in saturation, very long TV carry-over, heavy noise, and a 10-channel case.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.dataset import Dataset
from analysis.naming import display_name
from data.synthetic import (
    ChannelSpec,
    Truth,
    always_on,
    bursts,
    mostly_on,
    seasonal_baseline,
    simulate,
    sporadic,
)


@dataclass(frozen=True)
class Scenario:
    """A simulated dataset with the truth that generated it."""

    name: str
    description: str
    dataset: Dataset
    truth: Truth


def _dataset(name: str, frame: pd.DataFrame, columns: list[str]) -> Dataset:
    return Dataset(
        dates=pd.DatetimeIndex(frame["date"]),
        sales=frame["sales"].to_numpy(),
        spend=frame[columns].to_numpy(),
        channels=tuple(display_name(c) for c in columns),
        spend_columns=tuple(columns),
        target="sales",
        source=f"scenario:{name}",
    )


def _run(name, description, n, specs_fn, noise_share, seed, level=450.0) -> Scenario:
    """Media drive roughly a quarter to a third of sales; noise is `noise_share` of mean sales."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2020-01-06", periods=n, freq="W-MON")
    specs = specs_fn(n, rng)
    baseline = seasonal_baseline(dates, level=level, growth_per_year=0.05, amplitude=0.10)
    _, noiseless = simulate(dates, specs, baseline, noise_sd=0.0, seed=seed)
    mean_sales = float(noiseless.expected_sales().mean())
    frame, truth = simulate(dates, specs, baseline, noise_sd=noise_share * mean_sales, seed=seed)
    return Scenario(name, description, _dataset(name, frame, [s.column for s in specs]), truth)


def _standard_specs(n, rng, tv_decay=0.5, digital_ratio=2.5):
    """Five channels whose current mix is clearly off-optimum, as real plans usually are:
    TV and Radio bought past their half-saturation point, Digital and Social with headroom."""
    return [
        ChannelSpec("TV", "tv_spend", bursts(n, rng, 90.0), tv_decay, 0.5, 1.5, 1.4),
        ChannelSpec("Radio", "radio_spend", mostly_on(n, rng, 16.0), 0.3, 0.6, 1.2, 0.9),
        ChannelSpec("Digital", "digital_spend", always_on(n, rng, 32.0, 0.5), 0.15, digital_ratio, 1.0, 2.2),
        ChannelSpec("Print", "print_spend", sporadic(n, rng, 18.0), 0.2, 1.2, 1.0, 0.6),
        ChannelSpec("Social", "social_spend", always_on(n, rng, 22.0, 0.45, 8), 0.25, 2.0, 1.1, 1.8),
    ]


def collinear(seed: int = 1) -> Scenario:
    def specs(n, rng):
        driver = np.clip(always_on(n, rng, 1.0, 0.6, 4) + 0.3 * np.sin(np.arange(n) / 8.0), 0.1, None)
        def follow(level):  # each channel tracks the shared budget driver, with a little independent noise
            return level * driver * rng.uniform(0.8, 1.2, n)
        return [
            ChannelSpec("TV", "tv_spend", follow(70.0), 0.4, 0.5, 1.4, 1.4),
            ChannelSpec("Radio", "radio_spend", follow(15.0), 0.3, 0.6, 1.1, 0.9),
            ChannelSpec("Digital", "digital_spend", follow(30.0), 0.1, 2.5, 1.0, 2.2),
            ChannelSpec("Social", "social_spend", always_on(n, rng, 20.0, 0.45), 0.2, 2.0, 1.1, 1.8),
        ]
    return _run("collinear", "three channels follow one budget driver (correlation ~0.8)", 156, specs, 0.03, seed)


def short_many(seed: int = 2) -> Scenario:
    def specs(n, rng):
        return _standard_specs(n, rng) + [
            ChannelSpec("OOH", "ooh_spend", bursts(n, rng, 25.0, on=(4, 10), off=(4, 10)), 0.4, 1.0, 1.3, 0.9)]
    return _run("short_many", "only 104 weeks for 6 channels", 104, specs, 0.025, seed)


def deep_saturation(seed: int = 3) -> Scenario:
    return _run("deep_saturation", "Digital spends far past its half-saturation point",
                156, lambda n, rng: _standard_specs(n, rng, digital_ratio=0.2), 0.025, seed)


def long_carryover(seed: int = 4) -> Scenario:
    return _run("long_carryover", "TV's effect decays slowly (weekly decay 0.85, half-life ~4 weeks)",
                156, lambda n, rng: _standard_specs(n, rng, tv_decay=0.85), 0.025, seed)


def heavy_noise(seed: int = 5) -> Scenario:
    return _run("heavy_noise", "noise at 12% of sales", 208, _standard_specs, 0.12, seed)


def ten_channels(seed: int = 6, n_weeks: int = 156) -> Scenario:
    def specs(n, rng):
        extra = [
            ChannelSpec("OOH", "ooh_spend", bursts(n, rng, 25.0, on=(4, 10), off=(4, 10)), 0.4, 1.0, 1.3, 0.9),
            ChannelSpec("Search", "search_spend", always_on(n, rng, 40.0, 0.35), 0.0, 0.8, 1.0, 2.4),
            ChannelSpec("Video", "video_spend", bursts(n, rng, 30.0), 0.3, 1.0, 1.2, 1.2),
            ChannelSpec("Affiliates", "affiliates_spend", always_on(n, rng, 10.0, 0.5), 0.1, 1.0, 1.0, 1.3),
            ChannelSpec("Email", "email_spend", mostly_on(n, rng, 5.0, 0.3), 0.0, 1.0, 1.0, 1.8),
        ]
        return _standard_specs(n, rng) + extra
    return _run("ten_channels", f"10 channels over {n_weeks} weeks", n_weeks, specs, 0.025, seed)


RECOVERY_SCENARIOS: dict[str, Callable[..., Scenario]] = {
    "collinear": collinear,
    "short_many": short_many,
    "deep_saturation": deep_saturation,
    "long_carryover": long_carryover,
    "heavy_noise": heavy_noise,
}


def weighted_roi_error(estimated_contribution: dict[str, float], truth: Truth) -> float:
    """Spend-weighted ROI error: sum spend*|ROI_est - ROI_true| / sum spend*ROI_true
    (= sum |contribution_est - contribution_true| / sum contribution_true)."""
    true = truth.contribution
    return sum(abs(estimated_contribution[c] - true[c]) for c in true) / sum(true.values())
