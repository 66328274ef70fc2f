"""The session-16 reviewer's meal-kit export: weekly orders (the KPI) with a revenue per order that rises over time,
eight channels (paid search always on, TV and CTV flighted together in the same weeks, influencer bursts, monthly
direct-mail drops), a price per serving, a promotion depth, a holiday flag and two columns nobody can explain; and a
Meridian-format geo panel of the same business over eight markets, one of which answers paid social twice as
strongly as the curve the others share.

`python tests/data/review_s16_mealkit.py OUT_DIR` writes `mealkit_national.csv` and `mealkit_geo.csv` and prints the
truth: each channel's ROI in revenue over the whole period, its contribution, its next-$1 return at today's spend,
and the revenue change of a 20% cut over the last 52 weeks (carry-over after the data counted). Tests import
`national`, `geo_panel` and `truth`.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

WEEKS = 156
TAIL = 26
# channel: (decay, half-saturation as a multiple of mean adstocked spend, Hill shape, true ROI in revenue per $1)
CURVES = {
    "Paid Search": (0.10, 0.9, 1.1, 2.40),
    "Paid Social": (0.30, 1.1, 1.0, 1.60),
    "TV": (0.60, 1.3, 1.8, 1.10),
    "CTV": (0.40, 1.0, 1.3, 1.30),
    "Affiliates": (0.00, 2.0, 1.0, 0.80),
    "Influencers": (0.35, 0.8, 1.4, 1.40),
    "Podcasts": (0.50, 1.0, 1.0, 1.00),
    "Direct Mail": (0.30, 1.2, 1.2, 0.60),
}
COLUMNS = {"Paid Search": "paid_search_spend", "Paid Social": "paid_social_spend", "TV": "tv_spend",
           "CTV": "ctv_spend", "Affiliates": "affiliates_spend", "Influencers": "influencers_spend",
           "Podcasts": "podcasts_spend", "Direct Mail": "direct_mail_spend"}
MARKETS = {"New York": 0.24, "Los Angeles": 0.18, "Chicago": 0.13, "Dallas": 0.11, "Atlanta": 0.10,
           "Seattle": 0.09, "Denver": 0.08, "Boston": 0.07}
DIVERGENT = ("Denver", "Paid Social", 2.0)      # this market answers Paid Social 2x the shared curve


def _adstock(x: np.ndarray, decay: float) -> np.ndarray:
    out, carry = np.zeros_like(x, dtype=float), 0.0
    for i, v in enumerate(x):
        carry = v + decay * carry
        out[i] = carry
    return out


def _spend(rng: np.random.Generator, season: np.ndarray) -> dict[str, np.ndarray]:
    t = np.arange(WEEKS)
    flight = (t % 8) < 4                                            # TV and CTV: 4 weeks on, 4 off, together
    infl = np.zeros(WEEKS)
    for start in rng.choice(np.arange(2, WEEKS - 3), 10, replace=False):
        infl[start:start + 2] = rng.uniform(60000, 110000)
    mail = np.where(t % 4 == 0, rng.uniform(120000, 200000, WEEKS), 0.0)
    return {
        "Paid Search": 120000 * season * rng.uniform(0.8, 1.2, WEEKS),
        "Paid Social": rng.uniform(50000, 150000, WEEKS),
        "TV": np.where(flight, rng.uniform(200000, 300000, WEEKS), 0.0),
        "CTV": np.where(flight, rng.uniform(50000, 70000, WEEKS), 0.0),
        "Affiliates": rng.uniform(25000, 55000, WEEKS),
        "Influencers": infl,
        "Podcasts": np.where((t // 13) % 2 == 0, rng.uniform(20000, 40000, WEEKS), rng.uniform(0, 5000, WEEKS)),
        "Direct Mail": mail,
    }


def _hill(spend: np.ndarray, decay: float, k: float, shape: float, scale: float) -> np.ndarray:
    x = _adstock(spend, decay) / (k * scale)
    return x**shape / (1 + x**shape)


@dataclass(frozen=True)
class World:
    frame: pd.DataFrame
    spend: dict[str, np.ndarray]
    scale: dict[str, float]
    top: dict[str, float]           # orders at saturation
    rpo: np.ndarray


def _world(seed: int) -> World:
    rng = np.random.default_rng(seed)
    t = np.arange(WEEKS)
    dates = pd.date_range("2023-01-02", periods=WEEKS, freq="W-MON")
    season = 1 + 0.15 * np.cos(2 * np.pi * (t - 2) / 52.18) + 0.05 * np.sin(4 * np.pi * t / 52.18)
    spend = _spend(rng, season)
    scale = {c: float(_adstock(spend[c], CURVES[c][0]).mean()) for c in CURVES}
    rpo = 58 + 10 * t / WEEKS + rng.normal(0, 0.6, WEEKS)          # revenue per order rises $58 -> $68
    top = {}
    for c, (decay, k, shape, roi) in CURVES.items():
        h = _hill(spend[c], decay, k, shape, scale[c])
        top[c] = roi * float(spend[c].sum()) / float((h * rpo).sum())
    woy = dates.isocalendar().week.to_numpy().astype(int)
    holiday = ((woy >= 51) | (woy == 1) | (woy == 47)).astype(int)
    promo = np.zeros(WEEKS)
    for start in rng.choice(np.arange(0, WEEKS - 2), 12, replace=False):
        promo[start:start + 2] = rng.choice([20.0, 30.0, 40.0])
    price = 9.5 + 0.6 * t / WEEKS + np.repeat(rng.normal(0, 0.15, WEEKS // 13 + 1), 13)[:WEEKS]
    base = 30000 * (1 + 0.002 * t) * season - 3000 * (price - 9.8) + 80 * promo - 2500 * holiday
    lift = sum(top[c] * _hill(spend[c], *CURVES[c][:3], scale[c]) for c in CURVES)
    orders = (base + lift) * rng.normal(1, 0.03, WEEKS)
    frame = pd.DataFrame({
        "week_start": dates.strftime("%Y-%m-%d"), "orders": np.round(orders).astype(int),
        "revenue_per_order": rpo.round(2), **{COLUMNS[c]: spend[c].round(0) for c in CURVES},
        "price_per_serving": price.round(2), "promo_discount_pct": promo, "holiday_week": holiday,
        "flag_x7": rng.integers(0, 2, WEEKS), "idx_q": np.cumsum(rng.normal(0, 1, WEEKS)).round(3),
    })
    return World(frame, spend, scale, top, rpo)


def national(seed: int = 16) -> pd.DataFrame:
    return _world(seed).frame


@dataclass(frozen=True)
class Truth:
    roi: dict[str, float]
    contribution: dict[str, float]
    marginal: dict[str, float]                 # revenue per extra $1 over the whole period (1% more every week)
    cut20_last52: dict[str, float]
    media_share: float


def _lift_revenue(world: World, spend: dict[str, np.ndarray], rpo: np.ndarray) -> dict[str, np.ndarray]:
    return {c: world.top[c] * _hill(spend[c], *CURVES[c][:3], world.scale[c]) * rpo for c in CURVES}


def truth(seed: int = 16) -> Truth:
    w = _world(seed)
    spend = {c: np.asarray(w.frame[COLUMNS[c]], float) for c in CURVES}
    lift = _lift_revenue(w, spend, w.rpo)
    contribution = {c: float(v.sum()) for c, v in lift.items()}
    roi = {c: contribution[c] / float(spend[c].sum()) for c in CURVES}
    marginal = {}
    for c in CURVES:
        up = dict(spend)
        up[c] = spend[c] * 1.01
        marginal[c] = (float(_lift_revenue(w, up, w.rpo)[c].sum()) - contribution[c]) / (0.01 * float(spend[c].sum()))
    ext = {c: np.concatenate([s, np.zeros(TAIL)]) for c, s in spend.items()}
    ext_rpo = np.concatenate([w.rpo, np.full(TAIL, w.rpo[-52:].mean())])
    cut = {}
    for c in CURVES:
        scaled = dict(ext)
        scaled[c] = ext[c].copy()
        scaled[c][WEEKS - 52:WEEKS] *= 0.8
        cut[c] = float((_lift_revenue(w, scaled, ext_rpo)[c] - _lift_revenue(w, ext, ext_rpo)[c]).sum())
    revenue = float((w.frame["orders"] * w.frame["revenue_per_order"]).sum())
    return Truth(roi, contribution, marginal, cut, sum(contribution.values()) / revenue)


@dataclass(frozen=True)
class Market:
    share: float
    spend: dict[str, np.ndarray]
    rpo: np.ndarray
    frame: pd.DataFrame


def _markets(seed: int) -> dict[str, Market]:
    w = _world(seed)
    rng = np.random.default_rng(seed + 1)
    out = {}
    for m, share in MARKETS.items():
        pop = share * 40_000_000
        spend = {c: w.spend[c] * share * rng.uniform(0.85, 1.15, WEEKS) * (w.spend[c] > 0) for c in CURVES}
        spend = {c: v.round(0) for c, v in spend.items()}
        lift = np.zeros(WEEKS)
        for c in CURVES:
            lift += _gain(m, c) * share * w.top[c] * _hill(spend[c] / share, *CURVES[c][:3], w.scale[c])
        base = share * np.asarray(w.frame["orders"], float) - share * sum(
            w.top[c] * _hill(w.spend[c], *CURVES[c][:3], w.scale[c]) for c in CURVES)
        orders = (base + lift) * rng.normal(1, 0.03, WEEKS)
        rpo = (w.rpo + rng.normal(0, 0.4, WEEKS)).round(2)
        frame = pd.DataFrame({
            "geo": m, "time": w.frame["week_start"],
            **{COLUMNS[c]: spend[c] for c in CURVES},
            "paid_social_impression": (spend["Paid Social"] * rng.uniform(90, 110, WEEKS)).round(0),
            "promo_discount_pct": w.frame["promo_discount_pct"], "price_per_serving": w.frame["price_per_serving"],
            "holiday_week": w.frame["holiday_week"], "orders": np.round(orders).astype(int),
            "revenue_per_order": rpo, "population": round(pop),
        })
        out[m] = Market(share, spend, rpo, frame)
    return out


def _gain(market: str, channel: str) -> float:
    return DIVERGENT[2] if (market, channel) == DIVERGENT[:2] else 1.0


def geo_panel(seed: int = 16) -> pd.DataFrame:
    """Each market spends its share of the national plan (with its own noise) and answers it on the national
    curves per head; Denver answers Paid Social twice as strongly."""
    return pd.concat([m.frame for m in _markets(seed).values()], ignore_index=True)


def panel_lift(changes: dict[tuple[str, str], np.ndarray] | None = None, seed: int = 16
               ) -> dict[tuple[str, str], float]:
    """True revenue each (market, channel) caused, with weekly spend replaced where `changes` says (arrays of
    WEEKS + TAIL weeks); carry-over after the data counted."""
    w = _world(seed)
    out = {}
    for m, mk in _markets(seed).items():
        rpo = np.concatenate([mk.rpo, np.full(TAIL, mk.rpo[-52:].mean())])
        for c in CURVES:
            s = (changes or {}).get((m, c))
            if s is None:
                s = np.concatenate([mk.spend[c], np.zeros(TAIL)])
            h = _hill(s / mk.share, *CURVES[c][:3], w.scale[c])
            out[(m, c)] = float((_gain(m, c) * mk.share * w.top[c] * h * rpo).sum())
    return out


def panel_what_if(factors: dict[tuple[str, str], float], start: int = WEEKS - 52, stop: int = WEEKS,
                  seed: int = 16) -> float:
    """The true revenue change of multiplying (market, channel) spend by its factor in weeks [start, stop)."""
    mk = _markets(seed)
    changes = {}
    for (m, c), f in factors.items():
        s = np.concatenate([mk[m].spend[c], np.zeros(TAIL)])
        s[start:stop] *= f
        changes[(m, c)] = s
    before, after = panel_lift(seed=seed), panel_lift(changes, seed)
    return sum(after.values()) - sum(before.values())


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    national().to_csv(out / "mealkit_national.csv", index=False)
    geo_panel().to_csv(out / "mealkit_geo.csv", index=False)
    tr = truth()
    df = national()
    print("channel        spend(156w)  last52w   ROI  next$1   contribution   20% cut last 52w")
    for c in CURVES:
        print(f"{c:<12} {df[COLUMNS[c]].sum():>12,.0f} {df[COLUMNS[c]].iloc[-52:].sum():>10,.0f} {tr.roi[c]:5.2f}"
              f" {tr.marginal[c]:6.2f} {tr.contribution[c]:>14,.0f} {tr.cut20_last52[c]:>14,.0f}")
    rev = df.orders * df.revenue_per_order
    print(f"media share of revenue {tr.media_share:.3f}; revenue {rev.sum():,.0f}; last 52w {rev.iloc[-52:].sum():,.0f}")


def what_if(factors: dict[str, float], start: int = WEEKS - 52, stop: int = WEEKS, seed: int = 16,
            extra: dict[str, float] | None = None) -> float:
    """The true revenue change of multiplying each named channel's spend by its factor in weeks [start, stop), or of
    adding `extra` dollars spread over those weeks in proportion to its spend, carry-over after the data counted."""
    w = _world(seed)
    spend = {c: np.concatenate([np.asarray(w.frame[COLUMNS[c]], float), np.zeros(TAIL)]) for c in CURVES}
    rpo = np.concatenate([w.rpo, np.full(TAIL, w.rpo[-52:].mean())])
    new = {c: s.copy() for c, s in spend.items()}
    for c, f in factors.items():
        new[c][start:stop] *= f
    for c, amount in (extra or {}).items():
        part = spend[c][start:stop]
        new[c][start:stop] += amount * part / part.sum()
    before, after = _lift_revenue(w, spend, rpo), _lift_revenue(w, new, rpo)
    return float(sum((after[c] - before[c]).sum() for c in CURVES))
