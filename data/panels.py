"""Geo panels with a known truth (issue 13), in Google Meridian's long format.

One row per (geo, week): `time`, `geo`, `population`, `<channel>_spend`, two controls, and the KPI
(`conversions` with `revenue_per_conversion`, or `revenue` directly). What makes a panel worth
modelling is built in on purpose:
- market sizes differ >= 10x, and the media response is SHARED on a per-capita scale
  (per-capita spend -> per-capita KPI via one adstock + Hill curve per channel), so markets pool;
- TV and Video run in the same national flights (national weekly spend correlation >= 0.9) but
  every market weights them differently, and re-weights them flight by flight, so the pair is
  separable by market while a national model cannot tell them apart;
- markets go dark on a channel for a few weeks of their own;
- each market has its own baseline level (population x a market multiplier), a small trend of
  its own, and the shared seasonality.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.transforms import geometric_adstock, hill
from data.shapes import co_flighted, harmonic_season, level_for_share
from data.synthetic import WEEKS_PER_YEAR, ChannelTruth, always_on, bursts, mostly_on

PAIR_MIN_CORRELATION = 0.9
MIN_SIZE_SPREAD = 10.0

# (name, column, national plan kind, $ per capita per active week, decay range, money-ROI range)
_CHANNELS = (
    ("TV", "tv_spend", "bursts", 0.06, (0.4, 0.7), (0.8, 2.0)),
    ("Video", "video_spend", "paired", 0.025, (0.2, 0.5), (0.6, 1.8)),
    ("Search", "search_spend", "always_on", 0.03, (0.0, 0.15), (1.5, 3.5)),
    ("Social", "social_spend", "always_on", 0.02, (0.1, 0.35), (0.8, 2.5)),
    ("Radio", "radio_spend", "mostly_on", 0.012, (0.15, 0.45), (0.5, 1.5)),
    ("Display", "display_spend", "always_on", 0.01, (0.05, 0.3), (0.3, 1.3)),
)
CONTROLS = ("competitor_sales_control", "sentiment_score_control")


@dataclass(frozen=True)
class PanelTruth:
    """What generated a panel, except its noise.

    `channels` are the shared per-capita curves: per-capita KPI = coef * hill(adstock(spend /
    population, decay), half_saturation, shape); a market's KPI is that times its population.
    Control effects are relative: KPI baseline x (1 + sum(effect * control)).
    Money figures use each geo-week's revenue per conversion.
    """

    dates: pd.DatetimeIndex
    geos: tuple[str, ...]
    population: np.ndarray              # (G,)
    channels: tuple[ChannelTruth, ...]  # per-capita scale, shared by every market
    spend: np.ndarray                   # (G, weeks, C) the plan that was run, $ per market
    baseline_kpi: np.ndarray            # (G, weeks) non-media KPI incl. controls
    revenue_per_conversion: np.ndarray  # (G, weeks) $ per KPI unit
    control_effects: dict[str, float]
    target: str                         # "conversions" or "revenue"
    noise_share: float

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels)

    @property
    def spend_columns(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.channels)

    def actual_spend_by_geo(self) -> dict[str, np.ndarray]:
        """The plan that was run, as {geo: (weeks, channels)}: a starting point for what-ifs."""
        return {g: self.spend[i].copy() for i, g in enumerate(self.geos)}

    def _plan(self, spend_by_geo: dict[str, np.ndarray] | None) -> np.ndarray:
        """(G, weeks, C) from a {geo: (weeks, C)} plan; geos left out keep the actual spend."""
        plan = self.spend.copy()
        for geo, values in (spend_by_geo or {}).items():
            values = np.asarray(values, dtype=float)
            if values.shape != plan.shape[1:]:
                raise ValueError(f"plan for {geo} has shape {values.shape}, expected {plan.shape[1:]}")
            plan[self.geos.index(geo)] = values
        return plan

    def contributions_kpi(self, spend_by_geo: dict[str, np.ndarray] | None = None) -> np.ndarray:
        """(G, weeks, C) incremental KPI per market, week and channel."""
        plan = self._plan(spend_by_geo)
        out = np.empty_like(plan)
        for i, pop in enumerate(self.population):
            per_capita = plan[i] / pop
            for j, channel in enumerate(self.channels):
                out[i, :, j] = pop * channel.response(per_capita[:, j])
        return out

    def expected_kpi(self, spend_by_geo: dict[str, np.ndarray] | None = None) -> np.ndarray:
        """(G, weeks) noise-free KPI (conversions) per market under a plan."""
        return self.baseline_kpi + self.contributions_kpi(spend_by_geo).sum(axis=2)

    def expected_revenue(self, spend_by_geo: dict[str, np.ndarray] | None = None) -> np.ndarray:
        """(weeks,) noise-free national revenue under a plan: what a what-if is scored against."""
        return (self.expected_kpi(spend_by_geo) * self.revenue_per_conversion).sum(axis=0)

    @property
    def contribution_kpi(self) -> dict[str, float]:
        """National incremental KPI per channel over the whole period."""
        return dict(zip(self.names, self.contributions_kpi().sum(axis=(0, 1))))

    @property
    def contribution(self) -> dict[str, float]:
        """National incremental revenue ($) per channel over the whole period."""
        money = self.contributions_kpi() * self.revenue_per_conversion[:, :, None]
        return dict(zip(self.names, money.sum(axis=(0, 1))))

    @property
    def roi(self) -> dict[str, float]:
        """National revenue per $ per channel."""
        spend = self.spend.sum(axis=(0, 1))
        return {n: self.contribution[n] / s for n, s in zip(self.names, spend)}

    @property
    def roi_kpi(self) -> dict[str, float]:
        """National KPI units per $ per channel."""
        spend = self.spend.sum(axis=(0, 1))
        return {n: self.contribution_kpi[n] / s for n, s in zip(self.names, spend)}

    @property
    def media_share(self) -> float:
        """True media revenue / noise-free total revenue, nationally."""
        return float(sum(self.contribution.values()) / self.expected_revenue().sum())


def _populations(rng: np.random.Generator, n_geos: int) -> np.ndarray:
    """Log-uniform market sizes whose largest is 12-40x the smallest (DMAs differ that much)."""
    smallest = rng.uniform(150_000, 400_000)
    largest = smallest * rng.uniform(12.0, 40.0)
    pops = np.exp(rng.uniform(np.log(smallest), np.log(largest), n_geos))
    pops[np.argmin(pops)], pops[np.argmax(pops)] = smallest, largest
    return np.round(pops)


def _national_plans(n: int, rng: np.random.Generator, specs) -> np.ndarray:
    """(weeks, C) per-capita national plan; Video copies TV's flights."""
    plans = []
    for _name, _, kind, level, *_ in specs:
        level *= rng.uniform(0.5, 2.0)
        if kind == "bursts":
            plans.append(bursts(n, rng, level, on=(3, 8), off=(2, 6)))
        elif kind == "paired":
            plans.append(co_flighted(plans[0], rng, level, jitter=0.05))
        elif kind == "mostly_on":
            plans.append(mostly_on(n, rng, level, off_share=0.1))
        else:
            plans.append(always_on(n, rng, level, swing=rng.uniform(0.3, 0.5), block=int(rng.integers(4, 9))))
    return np.column_stack(plans)


def _market_spend(national: np.ndarray, rng: np.random.Generator, n_geos: int) -> np.ndarray:
    """(G, weeks, C) per-capita spend: each market tilts every channel (x0.5-2 typical), re-weights
    the flighted channels flight by flight, jitters weekly and has dark weeks of its own."""
    n, c = national.shape
    tilt = np.exp(rng.normal(0.0, 0.45, (n_geos, 1, c)))
    flight_id = np.cumsum(np.r_[1, np.diff((national[:, 0] > 0).astype(int)) != 0])
    shocks = np.exp(rng.normal(0.0, 0.3, (n_geos, flight_id.max() + 1, c)))[:, flight_id, :]
    per_capita = national[None] * tilt * shocks * rng.uniform(0.9, 1.1, (n_geos, n, c))
    for g in range(n_geos):   # 1-3 market-level dark spells, one channel or everything
        for _ in range(int(rng.integers(1, 4))):
            start, length = int(rng.integers(0, n - 6)), int(rng.integers(2, 7))
            channels = slice(None) if rng.random() < 0.3 else int(rng.integers(0, c))
            per_capita[g, start:start + length, channels] = 0.0
    return per_capita


def _controls(rng: np.random.Generator, n_geos: int, n: int) -> dict[str, np.ndarray]:
    """Standardised-looking controls like Meridian's: a national swing shared by markets plus local noise."""
    national = np.cumsum(rng.normal(0, 0.25, n))
    competitor = 0.7 * (national - national.mean()) / national.std() + rng.normal(0, 0.6, (n_geos, n))
    sentiment = np.zeros((n_geos, n))
    for t in range(1, n):   # AR(1) per market
        sentiment[:, t] = 0.8 * sentiment[:, t - 1] + rng.normal(0, 0.6, n_geos)
    return {CONTROLS[0]: competitor, CONTROLS[1]: sentiment}


def make_panel(seed: int, n_geos: int = 24, weeks: int = 156, kpi: bool = True) -> tuple[pd.DataFrame, PanelTruth]:
    """A long geo x week panel and its truth (see module docstring).

    The same seed gives the same world for kpi=True and kpi=False; only the target differs
    (`conversions` + `revenue_per_conversion`, or `revenue`). Media drive a drawn 15-35% of
    noise-free revenue; KPI noise is 3-6% of each geo-week's expected value.
    """
    rng = np.random.default_rng([13, seed, n_geos, weeks])
    dates = pd.date_range("2021-01-25", periods=weeks, freq="W-MON")
    geos = tuple(f"Geo{i}" for i in range(n_geos)) if seed % 2 == 0 else \
        tuple(f"Market{i + 1:02d}" for i in range(n_geos))
    population = _populations(rng, n_geos)
    count = int(rng.integers(4, 7))   # TV, Video, Search always; then Social, Radio, Display
    specs = _CHANNELS[:count]
    national = _national_plans(weeks, rng, specs)
    for _ in range(50):   # redraw market weights until the pair is collinear nationally, as promised
        spend = np.round(_market_spend(national, rng, n_geos) * population[:, None, None], 2)
        totals = spend.sum(axis=0)
        if np.corrcoef(totals[:, 0], totals[:, 1])[0, 1] >= PAIR_MIN_CORRELATION:
            break
    per_capita = spend / population[:, None, None]

    rpc_level = rng.uniform(20.0, 80.0)
    rpc = rpc_level * np.exp(rng.normal(0, 0.2, (n_geos, 1))) \
        * (1 + rng.uniform(-0.03, 0.03, (n_geos, 1)) * np.arange(weeks) / WEEKS_PER_YEAR) \
        * (1 + rng.normal(0, 0.01, (n_geos, weeks)))
    rpc = np.round(rpc, 4)   # the truth uses exactly the values the file shows

    channels = []
    for j, (name, column, _, _, decay_range, roi_range) in enumerate(specs):
        decay = float(rng.uniform(*decay_range))
        adstocked = np.stack([geometric_adstock(per_capita[g, :, j], decay) for g in range(n_geos)])
        k = float(rng.uniform(0.5, 2.0)) * float(adstocked[adstocked > 0].mean())
        shape = float(rng.uniform(0.9, 1.8))
        saturation = hill(adstocked, k, shape)
        roi_kpi = rng.uniform(*roi_range) / rpc_level
        coef = roi_kpi * spend[:, :, j].sum() / float((population[:, None] * saturation).sum())
        channels.append(ChannelTruth(name, column, decay, k, shape, coef))

    media_only = PanelTruth(dates, geos, population, tuple(channels), spend, np.zeros((n_geos, weeks)),
                            rpc, {}, "conversions", 0.0)
    media_revenue = media_only.contributions_kpi().sum(axis=2) * rpc

    t = np.arange(weeks) / WEEKS_PER_YEAR
    season = 1 + harmonic_season(dates, (rng.uniform(0.05, 0.15), rng.uniform(0.0, 0.06)),
                                 tuple(rng.uniform(-np.pi, np.pi, 2)))
    core_shape = population[:, None] * np.exp(rng.normal(0, 0.3, (n_geos, 1))) * season[None] \
        * (1 + rng.uniform(-0.04, 0.06, (n_geos, 1)) * t[None])
    scale = level_for_share(float(media_revenue.sum()), float((core_shape * rpc).sum()), float(rng.uniform(0.15, 0.35)))
    controls = _controls(rng, n_geos, weeks)
    effects = {CONTROLS[0]: -float(rng.uniform(0.02, 0.05)), CONTROLS[1]: float(rng.uniform(0.01, 0.04))}
    baseline = scale * core_shape * (1 + sum(effects[c] * controls[c] for c in CONTROLS))
    if baseline.min() <= 0:
        raise AssertionError(f"panel seed {seed}: baseline not positive")

    noise_share = float(rng.uniform(0.03, 0.06))
    target = "conversions" if kpi else "revenue"
    truth = PanelTruth(dates, geos, population, tuple(channels), spend, baseline, rpc, effects, target, noise_share)
    noise = 1 + rng.normal(0, noise_share, (n_geos, weeks))
    expected = truth.expected_kpi()
    correlation = float(np.corrcoef(totals[:, 0], totals[:, 1])[0, 1])
    assert correlation >= PAIR_MIN_CORRELATION, f"panel seed {seed}: national TV/Video correlation {correlation:.3f}"

    columns: dict[str, np.ndarray] = {
        "time": np.tile(dates.to_numpy(), n_geos),
        "geo": np.repeat(np.array(geos, dtype=object), weeks),
        "population": np.repeat(population, weeks),
    }
    for j, ch in enumerate(channels):
        columns[ch.column] = spend[:, :, j].reshape(-1)
    for name in CONTROLS:
        columns[name] = np.round(controls[name], 6).reshape(-1)
    if kpi:
        columns["conversions"] = np.round(np.clip(expected * noise, 0, None)).reshape(-1)
        columns["revenue_per_conversion"] = rpc.reshape(-1)
    else:
        columns["revenue"] = np.round(np.clip(expected * rpc * noise, 0, None), 2).reshape(-1)
    return pd.DataFrame(columns), truth
