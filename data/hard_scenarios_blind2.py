"""Hard decision scenarios for issue 10's benchmark, a second set written BLIND to the engine.

Six classes, one function of an integer seed each; every seed draws its own plausible business
(channel mix, budget, buying patterns, ROIs, carry-over, saturation, media share, season):

- short_promos:    104 weeks x 6 channels, three promotion spikes that are in no column (they sit
                   in the truth's baseline, sometimes with extra digital support bought around
                   them) and a two-harmonic yearly season;
- entangled:       two channels bought in the same flights (weekly spend correlation >= 0.9) with
                   different true ROIs, so only their sum is well identified;
- noisy:           noise with a standard deviation of 12% of mean noise-free sales;
- clean:           208 weeks, independent buying patterns, 1-3% noise;
- long_carryover:  one or two brand channels whose effect decays by only 10-25% a week;
- deep_saturation: one large channel run far past its half-saturation point (its marginal ROI is
                   under a third of its average ROI), so the plan should take money out of it.

Written from issue 10's "Measure it" and the generator primitives (data.synthetic, data.shapes)
only, without reading the engine, its tests or the other scenario files. Each class checks the
property it promises and raises if a seed breaks it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.scenarios import Scenario, _dataset
from data.shapes import co_flighted, harmonic_season, level_for_share, plan_of_kind, trend
from data.synthetic import ChannelSpec, simulate


@dataclass(frozen=True)
class _Channel:
    name: str
    column: str
    kinds: tuple[str, ...]          # buying patterns this channel is usually bought with
    roi: tuple[float, float]
    decay: tuple[float, float]
    half_sat: tuple[float, float]   # k as a multiple of the mean active adstocked spend
    shape: tuple[float, float]
    weight: tuple[float, float]     # relative budget


_POOL: tuple[_Channel, ...] = (
    _Channel("TV", "tv_spend", ("bursts",), (0.6, 2.0), (0.35, 0.7), (0.6, 1.6), (1.3, 2.5), (20, 40)),
    _Channel("Radio", "radio_spend", ("mostly_on", "bursts"), (0.4, 1.6), (0.2, 0.5), (0.7, 2.0), (1.0, 2.0), (6, 15)),
    _Channel("Search", "search_spend", ("always_on",), (1.5, 4.0), (0.0, 0.15), (0.7, 2.2), (0.9, 1.4), (12, 25)),
    _Channel("Social", "social_spend", ("always_on",), (0.6, 2.2), (0.1, 0.4), (0.6, 2.0), (1.0, 1.8), (8, 20)),
    _Channel("Display", "display_spend", ("always_on",), (0.2, 1.1), (0.1, 0.35), (0.6, 1.8), (0.9, 1.6), (4, 12)),
    _Channel("Online Video", "online_video_spend", ("bursts", "always_on"), (0.3, 1.5), (0.2, 0.5), (0.6, 1.8),
             (1.0, 2.0), (6, 15)),
    _Channel("OOH", "ooh_spend", ("bursts", "sporadic"), (0.3, 1.2), (0.4, 0.7), (0.6, 1.6), (1.0, 2.0), (5, 12)),
    _Channel("Print", "print_spend", ("sporadic",), (0.2, 1.0), (0.2, 0.5), (0.8, 2.0), (1.0, 1.6), (3, 8)),
    _Channel("Direct Mail", "direct_mail_spend", ("sporadic",), (0.8, 2.5), (0.1, 0.35), (0.8, 2.2), (1.0, 1.5),
             (3, 8)),
    _Channel("Affiliate", "affiliate_spend", ("always_on",), (1.0, 3.0), (0.0, 0.15), (0.8, 2.5), (0.9, 1.3), (3, 8)),
    _Channel("Podcast", "podcast_spend", ("bursts", "sporadic"), (0.4, 1.8), (0.3, 0.6), (0.6, 1.8), (1.0, 1.8),
             (3, 8)),
    _Channel("CTV", "ctv_spend", ("bursts", "always_on"), (0.4, 1.6), (0.2, 0.5), (0.6, 1.8), (1.0, 1.8), (5, 12)),
)
_BY_NAME = {c.name: c for c in _POOL}
_CLASS_IDS = {"short_promos": 1, "entangled": 2, "noisy": 3, "clean": 4, "long_carryover": 5, "deep_saturation": 6}
NOISY_SHARE = 0.12


# --- the six classes ------------------------------------------------------------------------------

def short_promos(seed: int) -> Scenario:
    """104 weeks, 6 channels, 3 unmodelled promotion spikes, a two-harmonic season."""
    rng = _rng("short_promos", seed)
    n = 104
    dates = _dates(rng, n)
    season = harmonic_season(dates, (rng.uniform(0.08, 0.22), rng.uniform(0.05, 0.14)),
                             (rng.uniform(0, 2 * np.pi), rng.uniform(0, 2 * np.pi)))
    promo = np.zeros(n)
    weeks = _spaced_weeks(rng, n, count=3, gap=12, margin=4)
    for w in weeks:
        lift = rng.uniform(0.15, 0.45)
        promo[w] += lift
        if rng.random() < 0.5:
            promo[w + 1] += lift * rng.uniform(0.3, 0.6)     # a two-week event
        else:
            promo[w + 1] -= lift * rng.uniform(0.05, 0.2)    # pull-forward dip after a one-week event
    shape = trend(n, rng.uniform(-0.04, 0.12)) * (1.0 + season) + promo
    channels = _pick(rng, 6, must=("Search",))
    specs = _specs(rng, n, channels)
    if rng.random() < 0.5:   # retailers often buy extra search/social around their promotions
        support = np.zeros(n)
        for w in weeks:
            support[w:w + 2] = rng.uniform(0.2, 0.5)
        target = "Search" if rng.random() < 0.6 else channels[1].name
        specs = [_with_plan(s, s.plan * (1 + support)) if s.name == target else s for s in specs]
    _check(n == 104 and len(specs) == 6, "short_promos must be 104 weeks x 6 channels")
    _check(int((promo >= 0.15).sum()) >= 3, "short_promos needs three promotion spikes")
    when = ", ".join(str(dates[w].date()) for w in weeks)
    return _build("short_promos", f"104 weeks x 6 channels, promotions in no column (weeks of {when}), "
                  "two-harmonic season", dates, specs, shape, rng.uniform(0.15, 0.35),
                  rng.uniform(0.04, 0.07), seed)


def entangled(seed: int) -> Scenario:
    """Two channels flighted together (correlation >= 0.9), different true ROIs."""
    rng = _rng("entangled", seed)
    n = int(rng.choice([104, 156, 208]))
    dates = _dates(rng, n)
    shape = _baseline_shape(rng, dates)
    pairs = (("TV", "Online Video"), ("TV", "Radio"), ("Search", "Social"), ("CTV", "Online Video"),
             ("Radio", "Podcast"))
    lead_name, partner_name = pairs[int(rng.integers(len(pairs)))]
    channels = _pick(rng, int(rng.integers(5, 8)), must=(lead_name, partner_name))
    specs = _specs(rng, n, channels)
    lead = next(s for s in specs if s.name == lead_name)
    partner = next(s for s in specs if s.name == partner_name)
    level = float(partner.plan.mean())
    jitter = rng.uniform(0.05, 0.15)
    plan = co_flighted(lead.plan, rng, level, jitter)
    while _corr(plan, lead.plan) < 0.9:          # keep the promise whatever the lead's pattern
        jitter *= 0.6
        plan = co_flighted(lead.plan, rng, level, jitter)
    lo, hi = sorted((lead.roi, partner.roi))
    if hi < 1.6 * lo:                             # a pair worth trading: one earns clearly more
        partner = _with(partner, roi=lead.roi * float(rng.choice([0.45, 2.0])))
    specs = [_with_plan(partner, plan) if s.name == partner_name else s for s in specs]
    r = _corr(plan, lead.plan)
    _check(r >= 0.9, f"entangled pair correlation {r:.2f} < 0.9")
    return _build("entangled", f"{n} weeks, {lead_name} and {partner_name} flighted together (r = {r:.2f})",
                  dates, specs, shape, rng.uniform(0.15, 0.35), rng.uniform(0.04, 0.07), seed)


def noisy(seed: int) -> Scenario:
    """Noise sd = 12% of mean noise-free sales."""
    rng = _rng("noisy", seed)
    n = int(rng.choice([104, 156, 208]))
    dates = _dates(rng, n)
    specs = _specs(rng, n, _pick(rng, int(rng.integers(5, 8))))
    scenario = _build("noisy", f"{n} weeks", dates, specs, _baseline_shape(rng, dates),
                      rng.uniform(0.15, 0.35), NOISY_SHARE, seed)
    share = noise_share(scenario)
    _check(abs(share / NOISY_SHARE - 1) < 0.25, f"noisy: realised noise {share:.3f} of sales, not about 0.12")
    return scenario


def clean(seed: int) -> Scenario:
    """208 weeks, independently bought channels, 1-3% noise: the case the engine must get right."""
    rng = _rng("clean", seed)
    n = 208
    dates = _dates(rng, n)
    specs = _specs(rng, n, _pick(rng, int(rng.integers(5, 8))))
    return _build("clean", "208 weeks, independent channels, low noise", dates, specs,
                  _baseline_shape(rng, dates), rng.uniform(0.15, 0.35), rng.uniform(0.01, 0.03), seed)


def long_carryover(seed: int) -> Scenario:
    """One or two brand channels with weekly decay 0.75-0.9 (half-life 2.4-6.6 weeks)."""
    rng = _rng("long_carryover", seed)
    n = int(rng.choice([156, 208]))
    dates = _dates(rng, n)
    brand = [b for b in ("TV", "OOH", "Radio", "CTV") if rng.random() < 0.5] or ["TV"]
    brand = brand[:2]
    specs = _specs(rng, n, _pick(rng, int(rng.integers(5, 8)), must=tuple(brand)))
    specs = [_with(s, decay=rng.uniform(0.75, 0.9)) if s.name in brand else s for s in specs]
    _check(max(s.decay for s in specs) >= 0.75, "long_carryover needs a channel with decay >= 0.75")
    return _build("long_carryover", f"{n} weeks, long carry-over in {' and '.join(brand)}", dates, specs,
                  _baseline_shape(rng, dates), rng.uniform(0.15, 0.35), rng.uniform(0.03, 0.06), seed)


def deep_saturation(seed: int) -> Scenario:
    """One big channel run far past its half-saturation point: good average ROI, little at the margin."""
    rng = _rng("deep_saturation", seed)
    n = int(rng.choice([104, 156, 208]))
    dates = _dates(rng, n)
    heavy = str(rng.choice(["Search", "Social", "TV", "Display"]))
    specs = _specs(rng, n, _pick(rng, int(rng.integers(5, 8)), must=(heavy,)))
    boost = rng.uniform(1.5, 2.5)                 # the channel the budget leans on
    specs = [_with(_with_plan(s, s.plan * boost), half_saturation_ratio=rng.uniform(0.08, 0.2),
                   shape=rng.uniform(0.9, 1.3), roi=rng.uniform(1.2, 2.5)) if s.name == heavy else s
             for s in specs]
    scenario = _build("deep_saturation", f"{n} weeks, {heavy} deeply saturated", dates, specs,
                      _baseline_shape(rng, dates), rng.uniform(0.15, 0.35), rng.uniform(0.03, 0.06), seed)
    ratio = marginal_to_average(scenario, heavy)
    _check(ratio < 1 / 3, f"deep_saturation: {heavy} marginal/average ROI {ratio:.2f} >= 1/3")
    return scenario


HARD_CLASSES: dict[str, Callable[[int], Scenario]] = {
    "short_promos": short_promos,
    "entangled": entangled,
    "noisy": noisy,
    "clean": clean,
    "long_carryover": long_carryover,
    "deep_saturation": deep_saturation,
}


# --- properties the classes promise (used by the checks and the tests) ------------------------------

def noise_share(scenario: Scenario) -> float:
    """The realised noise: sd of (observed - noise-free sales) over mean noise-free sales."""
    expected = scenario.truth.expected_sales()
    return float(np.std(scenario.dataset.sales - expected) / expected.mean())


def marginal_to_average(scenario: Scenario, channel: str, step: float = 0.01) -> float:
    """A channel's true marginal ROI at the plan run (next 1% of its spend) over its average ROI."""
    truth = scenario.truth
    j = truth.names.index(channel)
    plan = truth.spend.copy()
    plan[:, j] *= 1 + step
    marginal = (truth.expected_sales(plan).sum() - truth.expected_sales().sum()) / (step * truth.spend[:, j].sum())
    return float(marginal / truth.roi[channel])


# --- building blocks ---------------------------------------------------------------------------------

def _rng(cls: str, seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, _CLASS_IDS[cls], 10])


def _dates(rng: np.random.Generator, n: int) -> pd.DatetimeIndex:
    start = pd.Timestamp("2018-01-01") + pd.Timedelta(weeks=int(rng.integers(0, 260)))
    return pd.date_range(start, periods=n, freq="W-MON")


def _baseline_shape(rng: np.random.Generator, dates: pd.DatetimeIndex) -> np.ndarray:
    """Trend times a one- or two-harmonic season, mean about 1."""
    amplitudes = (rng.uniform(0.05, 0.25), rng.uniform(0.0, 0.1) if rng.random() < 0.5 else 0.0)
    season = harmonic_season(dates, amplitudes, (rng.uniform(0, 2 * np.pi), rng.uniform(0, 2 * np.pi)))
    return trend(len(dates), rng.uniform(-0.05, 0.12)) * (1.0 + season)


def _pick(rng: np.random.Generator, count: int, must: tuple[str, ...] = ()) -> list[_Channel]:
    """`count` channels: the ones named in `must`, then a random mix of the rest."""
    picked = [_BY_NAME[name] for name in must]
    rest = [c for c in _POOL if c.name not in must]
    picked += [rest[i] for i in rng.choice(len(rest), size=count - len(picked), replace=False)]
    return picked


def _specs(rng: np.random.Generator, n: int, channels: list[_Channel]) -> list[ChannelSpec]:
    """A budget split and a plan and a true response per channel."""
    weekly_budget = float(np.exp(rng.uniform(np.log(20_000), np.log(800_000))))
    weights = np.array([rng.uniform(*c.weight) for c in channels])
    specs = []
    for channel, share in zip(channels, weights / weights.sum()):
        kind = channel.kinds[int(rng.integers(len(channel.kinds)))]
        plan = np.round(plan_of_kind(kind, n, rng, weekly_budget * share), 2)
        specs.append(ChannelSpec(channel.name, channel.column, plan, rng.uniform(*channel.decay),
                                 rng.uniform(*channel.half_sat), rng.uniform(*channel.shape),
                                 rng.uniform(*channel.roi)))
    return specs


def _with(spec: ChannelSpec, **changes: float) -> ChannelSpec:
    fields = {"decay": spec.decay, "half_saturation_ratio": spec.half_saturation_ratio, "shape": spec.shape,
              "roi": spec.roi, **changes}
    return ChannelSpec(spec.name, spec.column, spec.plan, fields["decay"], fields["half_saturation_ratio"],
                       fields["shape"], fields["roi"])


def _with_plan(spec: ChannelSpec, plan: np.ndarray) -> ChannelSpec:
    return ChannelSpec(spec.name, spec.column, np.round(plan, 2), spec.decay, spec.half_saturation_ratio,
                       spec.shape, spec.roi)


def _spaced_weeks(rng: np.random.Generator, n: int, count: int, gap: int, margin: int) -> list[int]:
    """`count` distinct weeks at least `gap` apart, `margin` weeks clear of both ends."""
    while True:
        weeks = sorted(int(w) for w in rng.choice(np.arange(margin, n - margin), size=count, replace=False))
        if all(b - a >= gap for a, b in zip(weeks, weeks[1:])):
            return weeks


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise AssertionError(message)


def _build(name: str, description: str, dates: pd.DatetimeIndex, specs: list[ChannelSpec], shape: np.ndarray,
           media_share: float, noise_frac: float, seed: int) -> Scenario:
    """Scale the baseline so media is `media_share` of noise-free sales, add noise of `noise_frac` of
    mean sales, and wrap the frame as a Scenario whose Truth answers any spend plan."""
    n = len(dates)
    media_total = float(sum(s.roi * s.plan.sum() for s in specs))
    level = level_for_share(media_total, float(shape.sum()), media_share)
    baseline = level * shape
    _check(baseline.min() > 0, f"{name}: baseline must stay positive")
    noise_sd = noise_frac * (float(baseline.mean()) + media_total / n)
    frame, truth = simulate(dates, specs, baseline, noise_sd, seed)
    dataset = _dataset(name, frame, [s.column for s in specs])
    detail = f"seed {seed}: {description}; media {media_share:.0%} of sales; noise sd {noise_frac:.1%} of mean sales"
    return Scenario(name, detail, dataset, truth)
