"""A ground-truth case for an always-on channel: spend every week, never off, little variation.

Why: a new user's "Paid Search" (session 11's reviewer) was bought every week at nearly the same level.
The data then pin its average return but not its curve: the fit gave it a carry-over decay near 0.9 and
an S-shape, and "double Paid Search" promised more per extra dollar than the next-dollar return the
saturation answer states. This generator makes that case with a known truth, so ROI, saturation and
what-if answers can be checked against it (`tests/test_whatif_s12.py`). It is not one of the decision
benchmark's classes, so no benchmark figure changes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.scenarios import Scenario, _dataset
from data.shapes import harmonic_season, level_for_share, trend
from data.synthetic import ChannelSpec, always_on, bursts, mostly_on, simulate, sporadic

STEADY_SWING = 0.08   # budget steps of +-8% every few weeks: "little variation"


def _business(n: int, rng: np.random.Generator, search: np.ndarray) -> list[ChannelSpec]:
    """The five channels both generators share, Paid Search spending `search`: its true curve concave with short
    carry-over, beside TV in flights, Social always on, Radio mostly on and Print now and then. One definition, the
    random draws in the order each generator made them (every seed's output is unchanged)."""
    return [
        ChannelSpec("Paid Search", "paid_search_spend", np.round(search, 2), float(rng.uniform(0.0, 0.1)),
                    float(rng.uniform(0.8, 1.5)), float(rng.uniform(0.9, 1.1)), float(rng.uniform(1.3, 2.0))),
        ChannelSpec("TV", "tv_spend", np.round(bursts(n, rng, 90.0), 2), float(rng.uniform(0.4, 0.6)),
                    float(rng.uniform(0.6, 1.2)), float(rng.uniform(1.2, 1.8)), float(rng.uniform(0.8, 1.6))),
        ChannelSpec("Social", "social_spend", np.round(always_on(n, rng, 25.0, swing=0.45, block=5), 2),
                    float(rng.uniform(0.1, 0.3)), float(rng.uniform(0.8, 1.6)), float(rng.uniform(0.9, 1.2)),
                    float(rng.uniform(0.8, 1.8))),
        ChannelSpec("Radio", "radio_spend", np.round(mostly_on(n, rng, 15.0), 2), float(rng.uniform(0.2, 0.4)),
                    float(rng.uniform(0.8, 1.5)), float(rng.uniform(1.0, 1.4)), float(rng.uniform(0.5, 1.2))),
        ChannelSpec("Print", "print_spend", np.round(sporadic(n, rng, 20.0), 2), float(rng.uniform(0.1, 0.3)),
                    float(rng.uniform(0.8, 1.5)), float(rng.uniform(1.0, 1.3)), float(rng.uniform(0.3, 0.9))),
    ]


def _sold(name: str, description: str, dates: pd.DatetimeIndex, specs: list[ChannelSpec], shape: np.ndarray,
          rng: np.random.Generator, noise_share: float, seed: int) -> Scenario:
    """Sales of both generators' business: a baseline of the given shape at a 20-30% media share, plus the media,
    plus noise at `noise_share` of mean sales (the one random draw here comes last, as both generators made it)."""
    media_total = float(sum(s.roi * s.plan.sum() for s in specs))
    baseline = level_for_share(media_total, float(shape.sum()), float(rng.uniform(0.2, 0.3))) * shape
    mean_sales = (float(baseline.sum()) + media_total) / len(dates)
    frame, truth = simulate(dates, specs, baseline, noise_sd=noise_share * mean_sales, seed=seed)
    return Scenario(name, description, _dataset(name, frame, [s.column for s in specs]), truth)


def always_on_search(seed: int = 1, n: int = 156, noise_share: float = 0.04) -> Scenario:
    """`n` weeks x 5 channels; Paid Search spends every week within a narrow band (its true curve is
    concave: short carry-over, shape 1), beside TV in flights, Social always on, Radio mostly on and
    Print now and then. Media drive about a quarter of sales."""
    rng = np.random.default_rng([seed, 7701])
    dates = pd.date_range("2022-01-03", periods=n, freq="W-MON")
    steady = always_on(n, rng, 60.0, swing=STEADY_SWING, block=8)
    specs = _business(n, rng, steady)
    season = harmonic_season(dates, (float(rng.uniform(0.05, 0.15)),), (float(rng.uniform(-np.pi, np.pi)),))
    shape = trend(n, float(rng.uniform(0.0, 0.08))) * (1.0 + season)
    return _sold("always_on_search", f"seed {seed}: {n} weeks, Paid Search always on within +-{STEADY_SWING:.0%}",
                 dates, specs, shape, rng, noise_share, seed)


def demand_search(seed: int = 1, n: int = 156, noise_share: float = 0.04, wide: bool = False) -> Scenario:
    """`always_on_search`'s business, except that Paid Search's budget follows demand: its weekly spend is the
    sales season (two harmonics) times a growth that tracks the baseline's, with weekly jitter, as search budgets
    capped by query volume are. Its true curve stays concave with short carry-over. `wide`: three more always-on
    channels (Display, Shopping, Affiliate), eight in all, as the reviewer's export had (the wide-data fit).

    Why: the session-12 reviewer's retailer export had such a Paid Search, and "move 10% of TV into Paid Search"
    promised +$487k where the truth was -$341k: an always-on channel whose spend moves with the baseline's season
    can take the season's credit, and a long fitted carry-over smooths its spend into a season-like curve. Its own
    random stream (`[seed, 7702]`), so `always_on_search` keeps every seed's output."""
    rng = np.random.default_rng([seed, 7702])
    dates = pd.date_range("2022-01-03", periods=n, freq="W-MON")
    season = harmonic_season(dates, (float(rng.uniform(0.10, 0.20)), float(rng.uniform(0.03, 0.08))),
                             (float(rng.uniform(-np.pi, np.pi)), float(rng.uniform(-np.pi, np.pi))))
    growth = trend(n, float(rng.uniform(0.0, 0.08)))
    follow = float(rng.uniform(1.0, 2.0))   # spend swings 1-2x as much as demand does
    search = 60.0 * growth * np.clip(1.0 + follow * season, 0.3, None) * rng.uniform(0.9, 1.1, size=n)
    specs = _business(n, rng, search)
    if wide:
        for name, level in (("Display", 20.0), ("Shopping", 30.0), ("Affiliate", 10.0)):
            specs.append(ChannelSpec(name, f"{name.lower()}_spend", np.round(always_on(n, rng, level, swing=0.3), 2),
                                     float(rng.uniform(0.0, 0.3)), float(rng.uniform(0.8, 1.5)),
                                     float(rng.uniform(0.9, 1.2)), float(rng.uniform(0.4, 1.8))))
    shape = growth * (1.0 + season)
    return _sold("demand_search", f"seed {seed}: {n} weeks, Paid Search always on, its budget following demand",
                 dates, specs, shape, rng, noise_share, seed)
