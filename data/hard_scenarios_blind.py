"""Hard ground-truth scenario classes (issue 10), written blind to the engine: a second opinion.

Six classes, each a function of an integer seed returning a `data.scenarios.Scenario` whose truth
is `data.synthetic.Truth` (adstock + Hill per channel), built with `data.synthetic.simulate`:

    short_promos     104 weeks x 6 channels, 3 unmodelled promotion spikes, 2-harmonic season
    entangled        two channels flighted together (weekly spend correlation >= 0.9, asserted)
    noisy            noise sd = 12% of mean noise-free sales
    clean            208 weeks, low noise, no promotions
    long_carryover   1-2 brand channels with weekly decay 0.7-0.9
    deep_saturation  one major channel bought far beyond its half-saturation point

Every seed is a different business: start date and week anchor, channel mix and buying patterns,
weekly budget, per-channel split, ROI, decay, half-saturation ratio, Hill shape, seasonal
flighting, dark periods, trend, seasonality, media share of sales (10-40%) and noise are drawn
from plausible ranges. Promotions are part of `truth.baseline` (they are not media), so every
what-if the truth answers is unaffected by them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.naming import display_name
from data.scenarios import Scenario, _dataset
from data.shapes import co_flighted, harmonic_season, level_for_share, plan_of_kind, trend
from data.synthetic import ChannelSpec, bursts, simulate

# --- channel catalogue -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    """Plausible ranges for one type of channel (spend in $k per week)."""

    column: str
    plans: tuple[str, ...]            # buying patterns this channel is usually bought with
    decay: tuple[float, float]
    shape: tuple[float, float]        # Hill shape
    roi: tuple[float, float]          # true average sales per dollar
    ratio: tuple[float, float]        # half-saturation / mean adstocked spend in active weeks
    weight: tuple[float, float]       # relative budget weight before normalising
    brand: bool = False               # a channel that plausibly carries over for months
    always_on_digital: bool = False
    bursty: bool = False


CATALOGUE: dict[str, _Kind] = {
    "tv": _Kind("tv_spend", ("bursts",), (0.3, 0.65), (1.2, 2.5), (0.8, 2.2), (0.5, 1.5), (0.25, 0.45),
                brand=True, bursty=True),
    "radio": _Kind("radio_spend", ("mostly_on", "bursts"), (0.15, 0.45), (1.0, 1.8), (0.5, 1.6), (0.6, 1.8),
                   (0.05, 0.12), brand=True),
    "search": _Kind("search_spend", ("always_on",), (0.0, 0.2), (0.8, 1.2), (1.5, 4.0), (1.0, 3.0), (0.12, 0.25),
                    always_on_digital=True),
    "social": _Kind("social_spend", ("always_on",), (0.1, 0.35), (0.9, 1.4), (0.8, 2.5), (0.8, 2.5), (0.08, 0.18),
                    always_on_digital=True),
    "display": _Kind("display_spend", ("always_on", "mostly_on"), (0.05, 0.3), (0.8, 1.3), (0.3, 1.2), (0.6, 2.0),
                     (0.05, 0.12)),
    "online_video": _Kind("online_video_spend", ("bursts",), (0.2, 0.5), (1.0, 2.0), (0.6, 1.8), (0.6, 2.0),
                          (0.06, 0.15), brand=True, bursty=True),
    "ooh": _Kind("ooh_spend", ("bursts_long",), (0.3, 0.6), (1.2, 2.2), (0.3, 1.2), (0.5, 1.5), (0.05, 0.12),
                 brand=True, bursty=True),
    "print": _Kind("print_spend", ("sporadic",), (0.1, 0.4), (0.9, 1.5), (0.3, 1.0), (0.7, 1.8), (0.03, 0.08),
                   brand=True),
    "affiliates": _Kind("affiliates_spend", ("always_on", "mostly_on"), (0.0, 0.15), (0.8, 1.2), (1.0, 2.8),
                        (1.0, 2.5), (0.03, 0.08)),
}

_SALT = {"short_promos": 101, "entangled": 202, "noisy": 303, "clean": 404, "long_carryover": 505,
         "deep_saturation": 606}


def _u(rng: np.random.Generator, lo_hi: tuple[float, float]) -> float:
    return float(rng.uniform(*lo_hi))


def _dates(rng: np.random.Generator, n: int) -> pd.DatetimeIndex:
    """Weekly dates starting somewhere in 2017-2022, weeks ending on Sunday or starting on Monday."""
    start = pd.Timestamp("2017-01-01") + pd.Timedelta(days=int(rng.integers(0, 6 * 365)))
    anchor = str(rng.choice(["W-SUN", "W-MON"]))
    return pd.date_range(start, periods=n, freq=anchor)


def _pick_mix(rng: np.random.Generator, k: int, must: tuple[str, ...] = ()) -> list[str]:
    """k channels: `must` first, at least one always-on digital and one bursty channel, rest random."""
    chosen = list(must)
    if not any(CATALOGUE[c].always_on_digital for c in chosen):
        chosen.append(str(rng.choice([c for c in ("search", "social") if c not in chosen])))
    if not any(CATALOGUE[c].bursty for c in chosen):
        chosen.append(str(rng.choice([c for c in ("tv", "online_video", "ooh") if c not in chosen])))
    rest = [c for c in CATALOGUE if c not in chosen]
    chosen += [str(c) for c in rng.choice(rest, size=max(0, k - len(chosen)), replace=False)]
    return chosen[:k]


def _budget(rng: np.random.Generator, mix: list[str]) -> dict[str, float]:
    """Weekly $k level per channel: a business-size total (log-uniform $30k-$600k/week) split by weights."""
    total = float(np.exp(rng.uniform(np.log(30.0), np.log(600.0))))
    w = np.array([_u(rng, CATALOGUE[c].weight) for c in mix])
    return dict(zip(mix, total * w / w.sum()))


def _plan(rng: np.random.Generator, kind: str, n: int, level: float) -> np.ndarray:
    if kind == "bursts_long":      # OOH: long flights, long gaps
        return bursts(n, rng, level, on=(4, 10), off=(4, 10))
    return plan_of_kind(kind, n, rng, level)


def _season_weight(dates: pd.DatetimeIndex, peak_day: float, strength: float) -> np.ndarray:
    """Seasonal flighting multiplier: heavier weight around a peak day of year (>= 0.2)."""
    day = dates.day_of_year.to_numpy(dtype=float)
    return np.clip(1.0 + strength * np.cos(2 * np.pi * (day - peak_day) / 365.25), 0.2, None)


def _dark(rng: np.random.Generator, plan: np.ndarray) -> tuple[np.ndarray, str]:
    """A budget freeze: 4-12 consecutive dark weeks somewhere in the plan."""
    n = len(plan)
    length = int(rng.integers(4, 13))
    start = int(rng.integers(4, max(5, n - length - 4)))
    out = plan.copy()
    out[start:start + length] = 0.0
    return out, f"dark w{start}-{start + length - 1}"


def _standard_plans(rng, dates, mix, levels, season_peak, dark_share=0.3, kinds=None) -> tuple[dict, list[str]]:
    """Plans for a mix: per-channel buying pattern, seasonal flighting for some, dark periods for some."""
    n = len(dates)
    plans, notes = {}, []
    for c in mix:
        kind = (kinds or {}).get(c) or str(rng.choice(CATALOGUE[c].plans))
        plan = _plan(rng, kind, n, levels[c])
        note = kind
        if rng.random() < 0.4:        # seasonal flighting: weight follows (roughly) the sales season
            peak = season_peak + rng.normal(0.0, 30.0)
            plan = plan * _season_weight(dates, peak, rng.uniform(0.2, 0.6))
            note += "+seasonal"
        if rng.random() < dark_share:
            plan, d = _dark(rng, plan)
            note += f"+{d}"
        plans[c] = plan
        notes.append(f"{c}:{note}")
    return plans, notes


def _specs(rng, mix, plans, overrides=None) -> list[ChannelSpec]:
    """True responses drawn from the catalogue ranges; overrides[c] = dict(decay=, ratio=, shape=, roi=)."""
    specs = []
    for c in mix:
        kind = CATALOGUE[c]
        o = (overrides or {}).get(c, {})
        decay = o.get("decay", _u(rng, kind.decay))
        ratio = o.get("ratio", _u(rng, kind.ratio))
        shape = o.get("shape", _u(rng, kind.shape))
        roi = o.get("roi", _u(rng, kind.roi))
        plan = np.round(np.clip(plans[c], 0.0, None), 3)
        assert plan.sum() > 0, c
        specs.append(ChannelSpec(display_name(kind.column), kind.column, plan, float(decay), float(ratio),
                                 float(shape), float(roi)))
    return specs


def _baseline_shape(rng, dates, harmonics: int) -> tuple[np.ndarray, float, str]:
    """trend * (1 + season): growth -4%..+12%/year; first harmonic 5-18%, second 3-10% (if used)."""
    growth = rng.uniform(-0.04, 0.12)
    amps = [rng.uniform(0.05, 0.18)] + ([rng.uniform(0.03, 0.10)] if harmonics >= 2 else [])
    phases = [rng.uniform(0, 2 * np.pi) for _ in amps]
    season = harmonic_season(dates, tuple(amps), tuple(phases))
    shape = trend(len(dates), growth) * (1.0 + season)
    peak_day = float(dates.day_of_year[int(np.argmax(season[:min(len(dates), 53)]))])
    note = f"growth {growth:+.1%}/yr, season amps {', '.join(f'{a:.2f}' for a in amps)}"
    return shape, peak_day, note


def _promos(rng, n: int, base: np.ndarray, count: int = 3) -> tuple[np.ndarray, str]:
    """`count` unmodelled promotion spikes: 1-2 weeks, +20-50% of that week's baseline, >= 8 weeks apart."""
    extra = np.zeros(n)
    while True:
        weeks = np.sort(rng.choice(np.arange(4, n - 5), size=count, replace=False))
        if np.all(np.diff(weeks) >= 8):
            break
    notes = []
    for w in weeks:
        lift = rng.uniform(0.2, 0.5)
        extra[w] += lift * base[w]
        if rng.random() < 0.5:     # a two-week promotion with a weaker second week
            extra[w + 1] += lift * rng.uniform(0.3, 0.7) * base[w + 1]
        notes.append(f"w{w}:+{lift:.0%}")
    return extra, "promos " + ", ".join(notes)


def _finish(name, rng, dates, specs, shape, noise_share, notes, promo_count=0) -> Scenario:
    """Scale the baseline so media drive 10-40% of noise-free sales, add promos, simulate with noise."""
    media_share = rng.uniform(0.10, 0.40)
    media_total = sum(s.roi * s.plan.sum() for s in specs)        # = true total contribution
    level = level_for_share(media_total, float(shape.sum()), media_share)
    baseline = level * shape
    if promo_count:
        extra, pnote = _promos(rng, len(dates), baseline, promo_count)
        baseline = baseline + extra
        notes.append(pnote)
    noise_seed = int(rng.integers(0, 2**31 - 1))
    _, noiseless = simulate(dates, specs, baseline, noise_sd=0.0, seed=noise_seed)
    mean_sales = float(noiseless.expected_sales().mean())
    frame, truth = simulate(dates, specs, baseline, noise_sd=noise_share * mean_sales, seed=noise_seed)
    assert (frame["sales"] > 0).all(), f"{name}: non-positive sales"
    share = truth.contributions().sum() / truth.expected_sales().sum()
    desc = (f"{name}: {len(dates)} weeks x {len(specs)} channels, media {share:.0%} of sales, "
            f"noise {noise_share:.1%}; " + "; ".join(notes) + "; truth " +
            ", ".join(f"{c.name} roi={s.roi:.2f} decay={c.decay:.2f} k/mean={s.half_saturation_ratio:.2f} "
                      f"shape={c.shape:.2f}" for c, s in zip(truth.channels, specs)))
    return Scenario(name, desc, _dataset(name, frame, [s.column for s in specs]), truth)


def _rng(name: str, seed: int) -> np.random.Generator:
    return np.random.default_rng([_SALT[name], int(seed) % 2**63])


# --- the six classes -----------------------------------------------------------------------------


def short_promos(seed: int) -> Scenario:
    """104 weeks x 6 channels, two-harmonic seasonality, 3 promotion spikes no column explains."""
    name = "short_promos"
    rng = _rng(name, seed)
    dates = _dates(rng, 104)
    shape, peak, bnote = _baseline_shape(rng, dates, harmonics=2)
    mix = _pick_mix(rng, 6)
    plans, pnotes = _standard_plans(rng, dates, mix, _budget(rng, mix), peak)
    specs = _specs(rng, mix, plans)
    return _finish(name, rng, dates, specs, shape, rng.uniform(0.03, 0.06), [bnote] + pnotes, promo_count=3)


_PAIRS = (("tv", "online_video"), ("tv", "radio"), ("social", "display"), ("search", "social"),
          ("ooh", "radio"))


def entangled(seed: int) -> Scenario:
    """Two channels bought in the same flights (one campaign), weekly spend correlation >= 0.9."""
    name = "entangled"
    rng = _rng(name, seed)
    n = int(rng.choice([104, 156, 208]))
    dates = _dates(rng, n)
    shape, peak, bnote = _baseline_shape(rng, dates, harmonics=int(rng.integers(1, 3)))
    lead, follow = _PAIRS[int(rng.integers(len(_PAIRS)))]
    mix = _pick_mix(rng, int(rng.integers(4, 7)), must=(lead, follow))
    levels = _budget(rng, mix)
    others = [c for c in mix if c not in (lead, follow)]
    plans, pnotes = _standard_plans(rng, dates, others, {c: levels[c] for c in others}, peak)
    lead_kind = {"tv": "bursts", "ooh": "bursts_long", "social": "always_on", "search": "always_on"}[lead]
    for _ in range(100):
        lead_plan = _plan(rng, lead_kind, n, levels[lead])
        if rng.random() < 0.5:
            lead_plan = lead_plan * _season_weight(dates, peak + rng.normal(0, 30), rng.uniform(0.2, 0.6))
        jitter = rng.uniform(0.05, 0.25)
        follow_plan = co_flighted(lead_plan, rng, levels[follow], jitter=jitter)
        corr = float(np.corrcoef(lead_plan, follow_plan)[0, 1])
        if corr >= 0.9:
            break
    plans[lead], plans[follow] = lead_plan, follow_plan
    specs = _specs(rng, mix, plans)
    by_col = {s.column: s.plan for s in specs}
    corr = float(np.corrcoef(by_col[CATALOGUE[lead].column], by_col[CATALOGUE[follow].column])[0, 1])
    assert corr >= 0.9, f"entangled pair correlation {corr:.3f} < 0.9"
    notes = [bnote, f"{lead}+{follow} co-flighted ({lead_kind}, jitter {jitter:.2f}, corr {corr:.3f})"] + pnotes
    return _finish(name, rng, dates, specs, shape, rng.uniform(0.02, 0.05), notes)


def _ordinary(name: str, seed: int, weeks: int | tuple[int, ...]
              ) -> tuple[np.random.Generator, pd.DatetimeIndex, np.ndarray, float, str, list[str]]:
    """An ordinary business's opening draws: (rng, dates, baseline shape, peak, its note, channel mix)."""
    rng = _rng(name, seed)
    n = weeks if isinstance(weeks, int) else int(rng.choice(list(weeks)))
    dates = _dates(rng, n)
    shape, peak, bnote = _baseline_shape(rng, dates, harmonics=int(rng.integers(1, 3)))
    mix = _pick_mix(rng, int(rng.integers(4, 7)))
    return rng, dates, shape, peak, bnote, mix


def noisy(seed: int) -> Scenario:
    """Noise sd 12% of mean sales, otherwise an ordinary business."""
    name = "noisy"
    rng, dates, shape, peak, bnote, mix = _ordinary(name, seed, (156, 208))
    plans, pnotes = _standard_plans(rng, dates, mix, _budget(rng, mix), peak)
    specs = _specs(rng, mix, plans)
    return _finish(name, rng, dates, specs, shape, 0.12, [bnote] + pnotes)


def clean(seed: int) -> Scenario:
    """208 weeks, 1-2.5% noise, no promotions, few dark periods."""
    name = "clean"
    rng, dates, shape, peak, bnote, mix = _ordinary(name, seed, 208)
    plans, pnotes = _standard_plans(rng, dates, mix, _budget(rng, mix), peak, dark_share=0.15)
    specs = _specs(rng, mix, plans)
    return _finish(name, rng, dates, specs, shape, rng.uniform(0.01, 0.025), [bnote] + pnotes)


def long_carryover(seed: int) -> Scenario:
    """1-2 brand channels (TV, OOH, Online Video, Radio, Print) with weekly decay 0.7-0.9."""
    name = "long_carryover"
    rng, dates, shape, peak, bnote, mix = _ordinary(name, seed, (156, 208))
    plans, pnotes = _standard_plans(rng, dates, mix, _budget(rng, mix), peak)
    brand = [c for c in mix if CATALOGUE[c].brand]
    slow = [str(c) for c in rng.choice(brand, size=min(len(brand), int(rng.integers(1, 3))), replace=False)]
    overrides = {c: {"decay": rng.uniform(0.7, 0.9)} for c in slow}
    specs = _specs(rng, mix, plans, overrides)
    notes = [bnote, "long carry-over: " + ", ".join(f"{c} decay {overrides[c]['decay']:.2f}" for c in slow)] + pnotes
    return _finish(name, rng, dates, specs, shape, rng.uniform(0.02, 0.05), notes)


def deep_saturation(seed: int) -> Scenario:
    """One of the three biggest channels bought at 4-12x its half-saturation point (k/mean 0.08-0.25)."""
    name = "deep_saturation"
    rng, dates, shape, peak, bnote, mix = _ordinary(name, seed, (156, 208))
    levels = _budget(rng, mix)
    plans, pnotes = _standard_plans(rng, dates, mix, levels, peak)
    big = sorted(mix, key=lambda c: -plans[c].sum())[:3]
    sat = str(rng.choice(big))
    overrides = {sat: {"ratio": rng.uniform(0.08, 0.25), "shape": rng.uniform(0.8, 1.6)}}
    specs = _specs(rng, mix, plans, overrides)
    notes = [bnote, f"deeply saturated: {sat} k/mean {overrides[sat]['ratio']:.2f} "
                    f"shape {overrides[sat]['shape']:.2f}"] + pnotes
    return _finish(name, rng, dates, specs, shape, rng.uniform(0.02, 0.05), notes)


HARD_CLASSES: dict[str, Callable[[int], Scenario]] = {
    "short_promos": short_promos,
    "entangled": entangled,
    "noisy": noisy,
    "clean": clean,
    "long_carryover": long_carryover,
    "deep_saturation": deep_saturation,
}
