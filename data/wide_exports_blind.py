"""Wide marketing exports with a known truth, written BLIND to the engine (issue 15, "Measure it").

A second, independent writer's view of what a real weekly export looks like: 10-13 spend channels
(always-on search and social, flighted TV and video, seasonal out-of-home, sporadic print and mail,
a channel launched part-way, budget freezes) and 30-50 controls of which only a handful move sales
(price, a promotion, distribution, one competitor's spend, two to four holidays). The rest are what
exports carry without meaning: other holiday and event dummies, macro random walks, week-of-year
dummies and sometimes a market-wide spend column. Written from the issue text and the generator
primitives only (data.synthetic, data.shapes), without reading the engine, its tests or the first
wide generator, so the engine is judged on data it was never tuned on.

`make_wide_export(seed, weeks)` returns the frame (date, sales, spend columns, controls) and a
WideTruth whose `media.baseline` already holds trend, seasonality and every control effect, so
`truth.media.expected_sales(plan)` scores any spend plan.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from data.shapes import co_flighted, flights, harmonic_season, level_for_share, plan_of_kind, random_walk, trend
from data.synthetic import ChannelSpec, simulate
from data.wide_exports import WideTruth

WEEKS_DEFAULT = 208


@dataclass(frozen=True)
class _Channel:
    """A channel a business might buy: how it is bought and the ranges of its true response."""

    key: str
    display: str
    kind: str                      # plan_of_kind name, or flighted | seasonal | launched
    roi: tuple[float, float]
    decay: tuple[float, float]
    half_sat: tuple[float, float]  # k as a multiple of mean active adstocked spend
    shape: tuple[float, float]
    weight: tuple[float, float]    # relative budget weight


_POOL: tuple[_Channel, ...] = (
    _Channel("paid_search", "Paid Search", "always_on", (1.6, 4.0), (0.0, 0.15), (0.7, 2.2), (0.9, 1.4), (10, 22)),
    _Channel("paid_social", "Paid Social", "always_on", (0.6, 2.2), (0.1, 0.4), (0.6, 2.0), (1.0, 1.8), (8, 18)),
    _Channel("tv_national", "National TV", "flighted", (0.5, 1.8), (0.4, 0.75), (0.6, 1.6), (1.3, 2.6), (15, 35)),
    _Channel("tv_local", "Local TV", "bursts", (0.4, 1.5), (0.3, 0.65), (0.6, 1.8), (1.1, 2.2), (5, 15)),
    _Channel("ctv", "Connected TV", "launched", (0.4, 1.6), (0.2, 0.5), (0.6, 1.8), (1.0, 1.8), (4, 10)),
    _Channel("online_video", "Online Video", "bursts", (0.3, 1.4), (0.2, 0.5), (0.6, 1.8), (1.0, 2.0), (5, 12)),
    _Channel("radio", "Radio", "mostly_on", (0.4, 1.6), (0.2, 0.5), (0.7, 2.0), (1.0, 2.0), (4, 12)),
    _Channel("ooh", "Out of Home", "seasonal", (0.3, 1.2), (0.4, 0.7), (0.6, 1.6), (1.0, 2.0), (4, 12)),
    _Channel("print", "Print", "sporadic", (0.2, 1.0), (0.2, 0.5), (0.8, 2.0), (1.0, 1.6), (2, 6)),
    _Channel("direct_mail", "Direct Mail", "sporadic", (0.8, 2.5), (0.1, 0.35), (0.8, 2.2), (1.0, 1.5), (3, 8)),
    _Channel("shopping_ads", "Shopping Ads", "always_on", (1.2, 3.5), (0.0, 0.15), (0.7, 2.2), (0.9, 1.4), (5, 14)),
    _Channel("display", "Display", "always_on", (0.2, 1.0), (0.1, 0.35), (0.6, 1.8), (0.9, 1.6), (4, 10)),
    _Channel("tiktok", "TikTok", "launched", (0.3, 2.0), (0.1, 0.4), (0.6, 1.8), (1.0, 1.8), (3, 9)),
    _Channel("affiliate", "Affiliate", "always_on", (1.0, 3.0), (0.0, 0.15), (0.8, 2.5), (0.9, 1.3), (3, 8)),
    _Channel("podcast", "Podcast", "bursts", (0.4, 1.8), (0.3, 0.6), (0.6, 1.8), (1.0, 1.8), (2, 6)),
    _Channel("influencer", "Influencer", "sporadic", (0.3, 1.5), (0.1, 0.4), (0.6, 1.8), (1.0, 1.8), (2, 6)),
    _Channel("streaming_audio", "Streaming Audio", "mostly_on", (0.3, 1.3), (0.1, 0.4), (0.6, 1.8), (1.0, 1.8), (2, 6)),
)
_ALWAYS = ("paid_search", "paid_social")   # nearly every advertiser buys these

_HOLIDAYS = ("new_year", "super_bowl", "valentines", "easter", "mothers_day", "memorial_day", "july_4th",
             "back_to_school", "labor_day", "halloween", "thanksgiving", "cyber_monday", "christmas", "boxing_day")
_EVENTS = ("site_outage", "tradeshow_week", "pr_launch_event", "packaging_change", "earnings_week",
           "warehouse_move", "crm_migration", "weather_alert")
_MACRO = (("consumer_confidence_idx", 95.0, 0.8), ("gas_price_usd", 3.2, 0.05), ("unemployment_rate", 5.0, 0.08),
          ("cpi_index", 260.0, 0.4), ("category_search_trend", 60.0, 1.5), ("fx_eur_usd", 1.1, 0.006),
          ("stock_index_sp500", 4000.0, 45.0), ("web_sessions_index", 100.0, 1.2))


def make_wide_export(seed: int, weeks: int = WEEKS_DEFAULT) -> tuple[pd.DataFrame, WideTruth]:
    """One plausible business's weekly export (deterministic per seed and length) and its truth."""
    if weeks < 52:
        raise ValueError(f"a wide export needs at least 52 weeks, got {weeks}")
    # The business and its history are drawn over `full` weeks and the export is the most recent
    # `weeks` of it, so the 104-week variant of a seed is the same business with a shorter history.
    full = max(weeks, WEEKS_DEFAULT)
    rng = np.random.default_rng([seed, full, 15])
    end = pd.Timestamp("2022-12-26") + pd.Timedelta(weeks=int(rng.integers(0, 150)))
    all_dates = pd.date_range(end=end, periods=full, freq="W-MON")   # week-commencing Monday
    n = full

    season = harmonic_season(all_dates, (rng.uniform(0.06, 0.22), rng.uniform(0.0, 0.1)),
                             (rng.uniform(0, 2 * np.pi), rng.uniform(0, 2 * np.pi)))
    shape = trend(n, rng.uniform(-0.05, 0.12)) * (1.0 + season)
    specs = _channels(n, rng, all_dates, season)
    style = int(rng.integers(0, 3))
    relevant, relative = _relevant_controls(n, rng, all_dates)
    irrelevant = _irrelevant_controls(n, rng, all_dates, relevant, target=int(rng.integers(30, 51)))
    # Promotions pull a little extra search money with them, as retailers really do.
    promo = next(v for k, v in relevant.items() if k in ("promo_flag", "promo_week", "discount_depth_pct"))
    search_lift = 1.0 + (rng.uniform(0.1, 0.3) if rng.random() < 0.6 else 0.0) * (promo > 0)

    keep = slice(full - weeks, full)
    dates = all_dates[keep]
    specs = [ChannelSpec(s.name, _spend_name(s.column, style),
                         np.round((s.plan * search_lift if s.column == "paid_search" else s.plan)[keep], 2),
                         s.decay, s.half_saturation_ratio, s.shape, s.roi) for s in specs]
    relevant = {k: v[keep] for k, v in relevant.items()}
    irrelevant = {k: v[keep] for k, v in irrelevant.items()}
    constant = [k for k, v in {**relevant, **irrelevant}.items() if v.std() == 0]
    if constant or any(not (s.plan > 0).any() for s in specs):
        raise AssertionError(f"seed {seed}, {weeks} weeks: constant columns {constant}")

    centred = {k: v - v.mean() for k, v in relevant.items()}
    shape_total = shape[keep] + sum(relative[k] * centred[k] for k in relevant)
    media_total = float(sum(s.roi * s.plan.sum() for s in specs))
    share = rng.uniform(0.08, 0.35)
    level = level_for_share(media_total, float(shape_total.sum()), share)
    baseline = level * shape_total
    if baseline.min() <= 0.15 * baseline.mean():
        raise AssertionError(f"seed {seed}: baseline too close to zero")
    noise_frac = rng.uniform(0.03, 0.08)
    noise_sd = noise_frac * float(baseline.mean() + media_total / weeks)

    controls = {**relevant, **irrelevant}
    names = list(controls)
    rng.shuffle(names)
    frame, media = simulate(dates, specs, baseline, noise_sd, seed, controls={k: controls[k] for k in names})
    frame["sales"] = frame["sales"].round(2)
    competitors = tuple(k for k in names if _is_competitor(k))
    truth = WideTruth(
        media=media,
        control_effects={k: float(level * relative[k]) for k in relevant},
        media_share=float(media.contributions().sum() / frame["sales"].sum()),
        relevant_controls=tuple(relevant),
        competitor_columns=competitors,
        control_columns=tuple(names),
        spend_columns=tuple(s.column for s in specs),
        noise_sd=float(noise_sd),
    )
    return frame, truth


# --- media ---------------------------------------------------------------------------------------

def _channels(n: int, rng: np.random.Generator, dates: pd.DatetimeIndex, season: np.ndarray) -> list[ChannelSpec]:
    """10-13 channels: the two everyone buys plus a random mix, with budgets, patterns and responses."""
    count = int(rng.integers(10, 14))
    others = [c for c in _POOL if c.key not in _ALWAYS]
    picked = [c for c in _POOL if c.key in _ALWAYS]
    picked += [others[i] for i in rng.choice(len(others), size=count - len(picked), replace=False)]
    weekly_budget = float(np.exp(rng.uniform(np.log(60_000), np.log(1_500_000))))
    weights = np.array([rng.uniform(*c.weight) for c in picked])
    levels = weekly_budget * weights / weights.sum()
    tv_plan: np.ndarray | None = None
    specs = []
    for channel, level in zip(picked, levels):
        plan = _plan(channel, n, rng, level, dates, season, tv_plan)
        if channel.key == "tv_national":
            tv_plan = plan
        dark = _maybe_dark(plan, rng)
        plan = dark if (dark > 0).mean() >= 0.15 else plan
        specs.append(ChannelSpec(channel.display, channel.key, plan, rng.uniform(*channel.decay),
                                 rng.uniform(*channel.half_sat), rng.uniform(*channel.shape),
                                 rng.uniform(*channel.roi)))
    return specs


def _plan(channel: _Channel, n: int, rng: np.random.Generator, level: float, dates: pd.DatetimeIndex,
          season: np.ndarray, tv_plan: np.ndarray | None) -> np.ndarray:
    """The weekly spend of one channel, bought the way such a channel usually is."""
    if channel.key == "online_video" and tv_plan is not None and rng.random() < 0.4:
        return co_flighted(tv_plan, rng, level, jitter=rng.uniform(0.1, 0.3))   # bought in TV's campaigns
    if channel.kind == "flighted":
        mask = flights(n, rng)
        heavier_in_season = 1.0 + rng.uniform(0.0, 1.5) * np.clip(season, 0, None)
        return level * mask * heavier_in_season * rng.uniform(0.85, 1.15, size=n) / max(mask.mean(), 1e-9)
    if channel.kind == "seasonal":
        months = dates.month.to_numpy()
        on_months = set(rng.choice(np.arange(1, 13), size=int(rng.integers(4, 8)), replace=False).tolist())
        on = np.isin(months, list(on_months)) & (rng.random(n) < 0.9)
        if on.mean() < 0.2:
            on |= rng.random(n) < 0.25
        return np.where(on, level / on.mean() * rng.uniform(0.7, 1.3, size=n), 0.0)
    if channel.kind == "launched":
        launch = int(rng.integers(int(0.15 * n), int(0.5 * n)))
        plan = plan_of_kind("always_on" if rng.random() < 0.6 else "bursts", n, rng, level)
        ramp = np.clip((np.arange(n) - launch) / rng.uniform(4, 16), 0.0, 1.0)
        return plan * ramp * np.where(np.arange(n) >= launch, 1.0, 0.0)
    plan = plan_of_kind(channel.kind, n, rng, level)
    if channel.kind == "always_on" and rng.random() < 0.5:
        plan = plan * (1.0 + rng.uniform(0.1, 0.6) * np.clip(season, 0, None) / max(season.max(), 1e-9))
    return plan


def _maybe_dark(plan: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A budget freeze: some channels go dark for 4-16 weeks once in the period."""
    if rng.random() < 0.25:
        length = int(rng.integers(4, 17))
        start = int(rng.integers(0, len(plan) - length))
        plan = plan.copy()
        plan[start:start + length] = 0.0
    return plan


def _spend_name(key: str, style: int) -> str:
    """Spend column names as different export tools write them."""
    if style == 0:
        return f"{key}_spend"
    if style == 1:
        return f"spend_{key}"
    return "_".join(part.capitalize() if part not in ("tv", "ooh", "ctv") else part.upper()
                    for part in key.split("_")) + "_Spend"


# --- controls ------------------------------------------------------------------------------------

def _relevant_controls(n: int, rng: np.random.Generator, dates: pd.DatetimeIndex
                       ) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """The controls that truly move sales, and each one's effect as a share of the baseline level
    per unit of the column: price, a promotion, distribution, a competitor's spend, 2-4 holidays."""
    cols: dict[str, np.ndarray] = {}
    rel: dict[str, float] = {}

    base_price = float(rng.choice([4.99, 9.99, 14.99, 24.99, 49.99, 89.0]))
    price = base_price * (1 + random_walk(n, rng, 0.0, 0.006))
    for _ in range(int(rng.integers(1, 3))):   # list-price increases
        price[int(rng.integers(n // 8, n)):] *= 1 + rng.uniform(0.03, 0.08)
    price_name = str(rng.choice(["avg_price", "avg_selling_price", "net_price", "shelf_price"]))
    cols[price_name] = np.round(price, 2)
    rel[price_name] = rng.uniform(-2.5, -0.8) / float(price.mean())   # elasticity at the mean price

    promo_name = str(rng.choice(["promo_flag", "promo_week", "discount_depth_pct"]))
    on = np.zeros(n)
    t = int(rng.integers(2, 8))
    while t < n:
        on[t:t + int(rng.integers(1, 4))] = 1.0
        t += int(rng.integers(5, 14))
    if promo_name == "discount_depth_pct":
        cols[promo_name] = np.round(on * rng.choice([10.0, 15.0, 20.0, 25.0, 30.0], size=n), 0)
        rel[promo_name] = rng.uniform(0.004, 0.01)   # share of sales per point of discount
    else:
        cols[promo_name] = on
        rel[promo_name] = rng.uniform(0.04, 0.15)

    dist_name = str(rng.choice(["acv_distribution", "weighted_distribution_pct", "pct_acv"]))
    acv = np.clip(random_walk(n, rng, rng.uniform(55, 80), 0.6), 35, 98)
    for _ in range(int(rng.integers(0, 3))):    # new listings, lost listings
        acv[int(rng.integers(0, n)):] += rng.uniform(-6, 8)
    acv = np.clip(acv, 30, 99)
    cols[dist_name] = np.round(acv, 1)
    rel[dist_name] = rng.uniform(0.004, 0.01)

    comp_name = str(rng.choice(["competitor_spend", "competitor_media_spend", "comp_tv_spend", "media_spend_competitor"]))
    comp_level = float(np.exp(rng.uniform(np.log(50_000), np.log(900_000))))
    comp = plan_of_kind(str(rng.choice(["bursts", "always_on", "mostly_on"])), n, rng, comp_level)
    cols[comp_name] = np.round(comp, 0)
    rel[comp_name] = -rng.uniform(0.01, 0.05) / float(comp.mean())

    for name in rng.choice(list(_HOLIDAYS), size=int(rng.integers(2, 5)), replace=False):
        dummy = _holiday(str(name), dates)
        if dummy.sum() == 0 or any(np.array_equal(dummy, v) for v in cols.values()):
            continue
        cols[f"hol_{name}"] = dummy
        rel[f"hol_{name}"] = _holiday_lift(str(name), rng)
    return cols, rel


def _holiday_lift(name: str, rng: np.random.Generator) -> float:
    """Retail-calendar holidays lift sales; a few quiet days cut them."""
    if name in ("thanksgiving", "cyber_monday", "christmas", "back_to_school", "mothers_day", "valentines"):
        return rng.uniform(0.06, 0.3)
    if name in ("new_year", "boxing_day", "july_4th"):
        return rng.uniform(-0.12, 0.1)
    return rng.uniform(-0.05, 0.12)


def _irrelevant_controls(n: int, rng: np.random.Generator, dates: pd.DatetimeIndex,
                         relevant: dict[str, np.ndarray], target: int) -> dict[str, np.ndarray]:
    """Columns with no true effect, up to `target` controls in all: holidays and events that do not
    matter, macro indices that wander, a market spend column sometimes, week-of-year dummies."""
    cols: dict[str, np.ndarray] = {}
    taken = list(relevant.values())

    def add(name: str, values: np.ndarray) -> None:
        if name in relevant or name in cols or values.std() == 0:
            return
        if any(np.array_equal(values, v) for v in taken):
            return
        cols[name] = values
        taken.append(values)

    spare = [h for h in _HOLIDAYS if f"hol_{h}" not in relevant]
    for name in rng.choice(spare, size=int(rng.integers(2, 6)), replace=False):
        add(f"hol_{name}", _holiday(str(name), dates))
    for name in rng.choice(list(_EVENTS), size=int(rng.integers(2, 5)), replace=False):
        dummy = np.zeros(n)
        dummy[int(rng.integers(n - 50, n))] = 1.0          # at least once in the last year
        for _ in range(int(rng.integers(0, 3))):
            dummy[int(rng.integers(0, n)):][:int(rng.integers(1, 3))] = 1.0
        add(str(name), dummy)
    for i in rng.choice(len(_MACRO), size=int(rng.integers(3, 8)), replace=False):
        name, start, step = _MACRO[int(i)]
        add(name, np.round(random_walk(n, rng, start, step), 3))
    if rng.random() < 0.4:
        add("market_spend", np.round(plan_of_kind("always_on", n, rng, rng.uniform(2e5, 3e6)), 0))

    week = dates.isocalendar().week.to_numpy().astype(int)
    busy = [v for k, v in relevant.items() if k.startswith("hol_")]
    candidates = [w for w in rng.permutation(np.arange(1, 53)).tolist()
                  if not any(((week == w) & (h > 0)).sum() > 0.5 * h.sum() for h in busy)]
    prefix = str(rng.choice(["woy_", "week_of_year_", "seas_wk_"]))
    for w in candidates:
        if len(relevant) + len(cols) >= target:
            break
        add(f"{prefix}{w:02d}", (week == w).astype(float))
    return cols


def _holiday(name: str, dates: pd.DatetimeIndex) -> np.ndarray:
    """1.0 in the week (Monday to Sunday) that holds the holiday, else 0."""
    days = {y: _holiday_date(name, y) for y in range(dates[0].year - 1, dates[-1].year + 2)}
    out = np.zeros(len(dates))
    for i, monday in enumerate(dates):
        first = monday.date()
        for day in (days[first.year], days[first.year + 1]):
            if first <= day <= first + timedelta(days=6):
                out[i] = 1.0
    return out


def _holiday_date(name: str, year: int) -> date:
    """The (US retail calendar) date of a named holiday in a year."""
    fixed = {"new_year": (1, 1), "valentines": (2, 14), "july_4th": (7, 4), "halloween": (10, 31),
             "christmas": (12, 25), "boxing_day": (12, 26)}
    if name in fixed:
        return date(year, *fixed[name])
    if name == "easter":
        return _easter(year)
    if name == "super_bowl":          # second Sunday of February (recent years)
        return _nth_weekday(year, 2, 6, 2)
    if name == "mothers_day":
        return _nth_weekday(year, 5, 6, 2)
    if name == "memorial_day":        # last Monday of May
        return _nth_weekday(year, 6, 0, 1) - timedelta(days=7)
    if name == "back_to_school":      # third Monday of August
        return _nth_weekday(year, 8, 0, 3)
    if name == "labor_day":
        return _nth_weekday(year, 9, 0, 1)
    if name == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)
    if name == "cyber_monday":
        return _nth_weekday(year, 11, 3, 4) + timedelta(days=4)
    raise ValueError(f"unknown holiday {name!r}")


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _is_competitor(name: str) -> bool:
    low = name.lower()
    return low.startswith(("competitor_", "comp_")) or low.endswith("_competitor") or low == "market_spend"
