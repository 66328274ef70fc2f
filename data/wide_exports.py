"""Wide weekly exports with a known truth (issue 15): many channels, many controls, few that matter.

Real marketing exports carry 10+ spend columns and dozens of other columns: price, promotions,
distribution, competitor activity and holidays that do move sales, next to random flags, drifting
indices, week-of-year dummies and unexplained numbers that do not. A competitor's spend column
looks like a channel but is a control with a negative effect. This generator makes such files
with the truth kept aside, so column roles, media share and ROI can be scored.

Sales = base (trend x season) + sum(coef * control) + media (adstock + Hill per channel) + noise.
Control effects are linear in the raw column, so `control_effects[col]` is sales per unit of col.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.tseries.holiday import USFederalHolidayCalendar
from pandas.tseries.offsets import Easter

from data.shapes import (
    harmonic_season,
    level_for_share,
    plan_of_kind,
    random_walk,
    trend,
)
from data.synthetic import (
    ChannelSpec,
    Truth,
    bursts,
    simulate,
)

# (column, display name, plan kind, weekly $ level, decay range, ROI range)
_CHANNELS = (
    ("tv_spend", "TV", "bursts", 120_000, (0.4, 0.75), (0.8, 2.2)),
    ("radio_spend", "Radio", "mostly_on", 20_000, (0.2, 0.5), (0.5, 1.5)),
    ("search_spend", "Search", "always_on", 45_000, (0.0, 0.15), (1.5, 4.0)),
    ("facebook_spend", "Facebook", "always_on", 30_000, (0.1, 0.35), (0.8, 2.5)),
    ("display_spend", "Display", "always_on", 18_000, (0.05, 0.3), (0.3, 1.3)),
    ("youtube_spend", "YouTube", "bursts", 25_000, (0.2, 0.5), (0.6, 1.8)),
    ("ooh_spend", "OOH", "bursts", 30_000, (0.3, 0.6), (0.4, 1.4)),
    ("print_spend", "Print", "sporadic", 15_000, (0.1, 0.4), (0.3, 1.1)),
    ("email_spend", "Email", "mostly_on", 4_000, (0.0, 0.2), (2.0, 6.0)),
    ("affiliate_spend", "Affiliate", "always_on", 10_000, (0.0, 0.2), (1.0, 2.5)),
    ("tiktok_spend", "TikTok", "always_on", 12_000, (0.05, 0.3), (0.5, 2.0)),
    ("podcast_spend", "Podcast", "sporadic", 8_000, (0.2, 0.5), (0.4, 1.5)),
    ("instagram_spend", "Instagram", "always_on", 14_000, (0.1, 0.3), (0.6, 2.0)),
)
_MUST_HAVE = ("tv_spend", "search_spend", "facebook_spend")
_IRRELEVANT_HOLIDAYS = ("holiday_labor_day", "holiday_easter", "holiday_mlk_day", "holiday_columbus_day")
_RANDOM_DUMMIES = ("flag_a", "flag_b", "event_launch", "store_reset", "data_issue", "pos_outage", "new_sku")
_WALKS = ("index_a", "index_b", "consumer_confidence", "web_traffic_index", "fx_rate", "search_trend_index")
_NUMERIC = ("x17", "x23", "x4", "var_9", "metric_q", "kpi_aux", "col_51", "score_b")


@dataclass(frozen=True)
class WideTruth:
    """What generated a wide export, except its noise.

    `media.baseline` already includes the control effects, so `media.expected_sales(plan)` scores
    any what-if plan; `control_effects` holds only the controls that truly move sales (sales per
    unit of the column); every other control column has a true effect of zero.
    """

    media: Truth
    control_effects: dict[str, float]
    media_share: float                 # true media contribution / observed total sales
    relevant_controls: tuple[str, ...]
    competitor_columns: tuple[str, ...]
    control_columns: tuple[str, ...]   # every control column in the frame, relevant or not
    spend_columns: tuple[str, ...]
    noise_sd: float

    @property
    def channels(self) -> tuple[str, ...]:
        return self.media.names

    @property
    def roi(self) -> dict[str, float]:
        return self.media.roi

    @property
    def contribution(self) -> dict[str, float]:
        return self.media.contribution

    def expected_sales(self, spend: np.ndarray | None = None) -> np.ndarray:
        return self.media.expected_sales(spend)


def _media(n: int, rng: np.random.Generator) -> list[ChannelSpec]:
    """10-13 channels (TV, Search, Facebook always among them), responses drawn per seed."""
    count = int(rng.integers(10, 14))
    optional = [c for c in _CHANNELS if c[0] not in _MUST_HAVE]
    keep = set(_MUST_HAVE) | {optional[i][0] for i in rng.choice(len(optional), count - 3, replace=False)}
    specs = []
    for column, name, kind, level, decay, roi in _CHANNELS:
        if column not in keep:
            continue
        specs.append(ChannelSpec(
            name, column, plan_of_kind(kind, n, rng, level * rng.uniform(0.5, 2.0)),
            decay=float(rng.uniform(*decay)), half_saturation_ratio=float(rng.uniform(0.5, 2.0)),
            shape=float(rng.uniform(0.9, 1.8)), roi=float(rng.uniform(*roi))))
    return specs


def _holiday_weeks(dates: pd.DatetimeIndex, days: pd.DatetimeIndex) -> np.ndarray:
    """1 in each week (starting at `dates`) that contains one of `days`."""
    starts = dates.to_numpy()
    hit = np.zeros(len(dates))
    for day in days.to_numpy():
        i = np.searchsorted(starts, day, side="right") - 1
        if 0 <= i < len(dates) and day - starts[i] < np.timedelta64(7, "D"):
            hit[i] = 1.0
    return hit


def _holidays(dates: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    span = (dates[0] - pd.Timedelta(days=7), dates[-1] + pd.Timedelta(days=7))
    rules = {r.name: r for r in USFederalHolidayCalendar.rules}

    def days(rule_name: str) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(rules[rule_name].dates(*span))

    years = range(dates[0].year, dates[-1].year + 1)
    return {
        "holiday_black_friday": _holiday_weeks(dates, days("Thanksgiving Day") + pd.Timedelta(days=1)),
        "holiday_christmas": _holiday_weeks(dates, pd.DatetimeIndex([f"{y}-12-25" for y in years])),
        "holiday_july4": _holiday_weeks(dates, pd.DatetimeIndex([f"{y}-07-04" for y in years])),
        "holiday_memorial_day": _holiday_weeks(dates, days("Memorial Day")),
        "holiday_labor_day": _holiday_weeks(dates, days("Labor Day")),
        "holiday_easter": _holiday_weeks(dates, pd.DatetimeIndex([pd.Timestamp(f"{y}-01-01") + Easter() for y in years])),
        "holiday_mlk_day": _holiday_weeks(dates, days("Birthday of Martin Luther King, Jr.")),
        "holiday_columbus_day": _holiday_weeks(dates, days("Columbus Day")),
    }


def _relevant_controls(dates, rng, level) -> tuple[dict[str, np.ndarray], dict[str, float], tuple[str, ...]]:
    """Price, promotion, distribution, competitor spend and 3 holidays, with effects sized as a
    share of the base level: they move sales by a few to tens of percent, as in real data."""
    n = len(dates)
    promo = (rng.random(n) < rng.uniform(0.1, 0.2)).astype(float)
    list_price = rng.uniform(3.0, 12.0) * np.exp(random_walk(n, rng, 0.0, 0.006))
    price = np.round(list_price * (1 - 0.5 * promo * rng.uniform(0.05, 0.2, n)) * rng.uniform(0.98, 1.02, n), 2)
    acv = np.clip(rng.uniform(55, 75) + np.linspace(0, rng.uniform(5, 20), n) + rng.normal(0, 1.0, n), 0, 100)
    competitors = {"competitor_spend": bursts(n, rng, rng.uniform(50_000, 200_000), on=(2, 6), off=(2, 8))}
    if rng.random() < 0.5:   # some exports also split out the competitor's TV
        competitors["comp_tv_spend"] = bursts(n, rng, rng.uniform(80_000, 250_000), on=(3, 8), off=(3, 9))
    columns = {"price": price, "promo_flag": promo, "acv": np.round(acv, 1), **competitors}
    effects = {
        "price": -level * rng.uniform(1.0, 2.5) / price.mean(),          # price elasticity 1-2.5
        "promo_flag": level * rng.uniform(0.05, 0.15),
        "acv": level * rng.uniform(0.4, 1.0) / acv.mean(),                # distribution elasticity
    }
    for column, values in competitors.items():   # -2..-6% of base level at the competitor's mean active weight
        effects[column] = -level * rng.uniform(0.02, 0.06) / values[values > 0].mean()
    holidays = _holidays(dates)
    for column, lift in (("holiday_black_friday", (0.15, 0.4)), ("holiday_christmas", (0.1, 0.3)),
                         ("holiday_july4", (0.04, 0.1)), ("holiday_memorial_day", (0.03, 0.08))):
        columns[column] = holidays[column]
        effects[column] = level * rng.uniform(*lift)
    irrelevant = {c: holidays[c] for c in _IRRELEVANT_HOLIDAYS}
    return {**columns, **irrelevant}, effects, tuple(competitors)


def _irrelevant_controls(dates, rng, room: int) -> dict[str, np.ndarray]:
    """Columns with no true effect: random flags, drifting indices, week-of-year dummies and
    unexplained numbers, `room` of them in all (drawn mix per seed)."""
    n = len(dates)
    woy = dates.isocalendar().week.to_numpy()
    candidates: dict[str, np.ndarray] = {}
    for name in _RANDOM_DUMMIES:
        candidates[name] = (rng.random(n) < rng.uniform(0.03, 0.3)).astype(float)
    for name in _WALKS:
        candidates[name] = np.round(random_walk(n, rng, rng.uniform(50, 150), rng.uniform(0.5, 3.0)), 3)
    for name in _NUMERIC:
        candidates[name] = np.round(rng.normal(rng.uniform(-5, 100), rng.uniform(0.5, 20), n), 4)
    for week in sorted(rng.choice(np.arange(1, 53), size=int(rng.integers(8, 15)), replace=False)):
        candidates[f"woy_{week}"] = (woy == week).astype(float)
    names = list(candidates)
    chosen = sorted(rng.choice(len(names), size=min(room, len(names)), replace=False))
    return {names[i]: candidates[names[i]] for i in chosen}


def make_wide_export(seed: int, weeks: int = 208) -> tuple[pd.DataFrame, WideTruth]:
    """A wide weekly export (`date`, `sales`, 10-13 `*_spend` channels, 30-50 controls) and its truth.

    Media drive a drawn 15-35% of noise-free sales; noise is 3-6% of mean sales; the baseline
    (base + control effects) is checked positive in every week.
    """
    rng = np.random.default_rng([15, seed, weeks])
    dates = pd.date_range("2020-01-05", periods=weeks, freq="W-SUN")
    specs = _media(weeks, rng)
    media_total = sum(s.roi * s.plan.sum() for s in specs)
    amplitudes = (rng.uniform(0.05, 0.15), rng.uniform(0.0, 0.06))
    shape = trend(weeks, rng.uniform(-0.02, 0.08)) * (1 + harmonic_season(dates, amplitudes, tuple(rng.uniform(-np.pi, np.pi, 2))))
    shape = shape / shape.mean()
    level = level_for_share(media_total, shape.sum(), float(rng.uniform(0.15, 0.35)))
    relevant_cols, effects, competitors = _relevant_controls(dates, rng, level)
    total_controls = int(rng.integers(30, 51))
    controls = {**relevant_cols, **_irrelevant_controls(dates, rng, total_controls - len(relevant_cols))}
    effect = sum(coef * (controls[c] - controls[c].mean()) for c, coef in effects.items())
    baseline = level * shape + effect    # controls centred: the drawn media share still holds
    if baseline.min() <= 0:
        raise AssertionError(f"wide export seed {seed}: baseline not positive ({baseline.min():.0f})")
    noise_sd = float(rng.uniform(0.03, 0.06)) * (baseline.sum() + media_total) / weeks
    frame, truth = simulate(dates, specs, baseline, noise_sd=noise_sd, seed=seed)
    order = list(controls)
    order = [order[i] for i in rng.permutation(len(order))]   # exports rarely group columns by role
    frame = pd.concat([frame, pd.DataFrame({c: controls[c] for c in order})], axis=1)
    frame["sales"] = frame["sales"].round(2)
    share = float(sum(truth.contribution.values()) / frame["sales"].sum())
    wide = WideTruth(
        media=truth, control_effects=effects, media_share=share, relevant_controls=tuple(effects),
        competitor_columns=competitors, control_columns=tuple(order),
        spend_columns=tuple(s.column for s in specs), noise_sd=noise_sd,
    )
    return frame, wide
