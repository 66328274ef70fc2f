"""The built-in sample: four years of weekly sales and five media channels, in $000s.

Deterministic (fixed seed) and generated from a known response model, exposed as
`GROUND_TRUTH`, so tests can check that the engine recovers each channel's ROI.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.dataset import Dataset
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

N_WEEKS = 208
START = "2021-01-04"  # a Monday
SEED = 20210104
MONEY_SCALE = 1000.0  # the columns are in $000s
CHANNELS = ("TV", "Radio", "Digital", "Print", "Social")
COLUMNS = ("tv_spend", "radio_spend", "digital_spend", "print_spend", "social_spend")


@lru_cache(maxsize=1)
def _simulate() -> tuple[pd.DataFrame, Truth]:
    rng = np.random.default_rng(SEED)
    dates = pd.date_range(START, periods=N_WEEKS, freq="W-MON")
    n = N_WEEKS
    specs = [
        ChannelSpec("TV", "tv_spend", bursts(n, rng, level=90.0), decay=0.55,
                    half_saturation_ratio=1.1, shape=1.6, roi=1.65),
        ChannelSpec("Radio", "radio_spend", mostly_on(n, rng, level=16.0), decay=0.3,
                    half_saturation_ratio=1.4, shape=1.2, roi=1.05),
        ChannelSpec("Digital", "digital_spend", always_on(n, rng, level=32.0, swing=0.6), decay=0.15,
                    half_saturation_ratio=1.0, shape=1.0, roi=2.10),
        ChannelSpec("Print", "print_spend", sporadic(n, rng, level=18.0, share_on=0.3), decay=0.2,
                    half_saturation_ratio=1.2, shape=1.0, roi=0.55),
        ChannelSpec("Social", "social_spend", always_on(n, rng, level=22.0, swing=0.6, block=6), decay=0.25,
                    half_saturation_ratio=0.9, shape=1.1, roi=1.45),
    ]
    for column, weeks in (("digital_spend", [(30, 35), (120, 124)]), ("social_spend", [(70, 75), (160, 164)])):
        spec = next(s for s in specs if s.column == column)
        for start, stop in weeks:  # budget freezes: always-on channels go dark for a few weeks
            spec.plan[start:stop] = 0.0
    baseline = seasonal_baseline(dates, level=850.0, growth_per_year=0.06, amplitude=0.10)
    promo_weeks = rng.choice(np.arange(10, n - 4), size=5, replace=False)
    baseline = baseline.copy()
    baseline[promo_weeks] += 45.0  # a few promotion weeks the columns do not record
    return simulate(dates, specs, baseline, noise_sd=20.0, seed=SEED)


def sample_frame() -> pd.DataFrame:
    """The sample as a CSV-shaped frame: date, sales, tv_spend, radio_spend, digital_spend, print_spend, social_spend."""
    return _simulate()[0].copy()


def ground_truth() -> Truth:
    """The response model that generated the sample (true decay, saturation, coefficients, ROI)."""
    return _simulate()[1]


def sample_dataset() -> Dataset:
    """The sample as a validated Dataset: the default whenever the user gives no CSV."""
    frame = _simulate()[0]
    return Dataset(
        dates=pd.DatetimeIndex(frame["date"]),
        sales=frame["sales"].to_numpy(),
        spend=frame[list(COLUMNS)].to_numpy(),
        channels=CHANNELS,
        spend_columns=COLUMNS,
        target="sales",
        source="built-in sample data",
        money_scale=MONEY_SCALE,
    )


if __name__ == "__main__":  # python -m data.sample_data > data/sample_data.csv
    import sys

    sample_frame().to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
