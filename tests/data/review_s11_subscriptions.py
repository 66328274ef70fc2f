"""The session-11 reviewer's subscription export: weekly paid sign-ups with a revenue per sign-up (plan mix moves
it a little), seven channels bought in monthly-looking bursts or always on, a price index, two promotions and a
holiday flag, with a carry-over and a saturation curve per channel that this file alone knows.

`python tests/data/review_s11_subscriptions.py OUT.csv` writes the 156-week file the review ran on and prints the
truth: each channel's ROI in money over the whole period (revenue it caused / its spend) and the change in revenue
of a 20% cut of one channel over the last 52 weeks (its carry-over after the data's end counted too).
Tests call `subscriptions` and `truth`.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd

WEEKS = 156
TAIL = 26                                 # weeks after the data in which carry-over still counts for a what-if
# channel: (decay, half-saturation as a multiple of mean adstocked spend, Hill shape, sign-ups at saturation)
CURVES = {"TV": (0.65, 1.4, 1.6, 520.0), "Podcast": (0.45, 0.9, 1.0, 120.0), "Search": (0.05, 0.6, 1.2, 260.0),
          "Meta": (0.25, 1.0, 1.0, 210.0), "YouTube": (0.5, 1.2, 1.3, 150.0), "Affiliate": (0.0, 2.5, 1.0, 40.0),
          "Influencer": (0.3, 0.8, 1.5, 90.0)}
COLUMNS = {"TV": "tv_spend", "Podcast": "podcast_spend", "Search": "paid_search_spend", "Meta": "meta_spend",
           "YouTube": "youtube_spend", "Affiliate": "affiliate_spend", "Influencer": "influencer_spend"}


def _spend(rng: np.random.Generator, season: np.ndarray) -> dict[str, np.ndarray]:
    t = np.arange(WEEKS)
    month = t // 4.33
    tv_on = (month % 3 == 0) & (t % 13 < 5)                      # a month on air every quarter
    yt_on = (month % 2 == 1)                                      # every other month
    infl = np.zeros(WEEKS)
    for start in rng.choice(np.arange(2, WEEKS - 3), 9, replace=False):
        infl[start:start + 2] = rng.uniform(6000, 11000)
    return {
        "TV": np.where(tv_on, rng.uniform(18000, 30000, WEEKS), 0.0),
        "Podcast": rng.uniform(2500, 5000, WEEKS) * (1 + 0.3 * (month % 4 == 0)),
        "Search": 7000 * season * rng.uniform(0.75, 1.25, WEEKS),
        "Meta": rng.uniform(3000, 12000, WEEKS),
        "YouTube": np.where(yt_on, rng.uniform(6000, 10000, WEEKS), rng.uniform(0, 800, WEEKS)),
        "Affiliate": rng.uniform(1500, 4000, WEEKS),
        "Influencer": infl,
    }


def _adstock(x: np.ndarray, decay: float) -> np.ndarray:
    out, carry = np.zeros_like(x), 0.0
    for i, v in enumerate(x):
        carry = v + decay * carry
        out[i] = carry
    return out


@dataclass(frozen=True)
class Truth:
    roi: dict[str, float]                     # revenue caused per $1 over the whole period
    contribution: dict[str, float]            # revenue caused over the whole period
    cut20_last52: dict[str, float]            # revenue change of a 20% cut over the last 52 weeks (with carry-over)
    cut20_last52_in_data: dict[str, float]    # the same, counting only weeks inside the data
    media_share: float


def _lift(spend: dict[str, np.ndarray], scale: dict[str, float]) -> dict[str, np.ndarray]:
    out = {}
    for c, (decay, k, shape, top) in CURVES.items():
        a = _adstock(spend[c], decay)
        x = a / (k * scale[c])
        out[c] = top * x**shape / (1 + x**shape)
    return out


def _generate(seed: int) -> tuple[pd.DataFrame, dict[str, np.ndarray], dict[str, float], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = np.arange(WEEKS)
    dates = pd.date_range("2022-01-03", periods=WEEKS, freq="W-MON")
    season = 1 + 0.18 * np.cos(2 * np.pi * (t - 1) / 52.18) + 0.06 * np.sin(4 * np.pi * t / 52.18)
    spend = _spend(rng, season)
    scale = {c: float(_adstock(spend[c], CURVES[c][0]).mean()) for c in CURVES}
    price = 100 + np.repeat(rng.normal(0, 3, WEEKS // 13 + 1), 13)[:WEEKS]
    woy = dates.isocalendar().week.to_numpy().astype(int)
    spring = ((woy >= 14) & (woy <= 16)).astype(int)             # spring offer, three weeks
    black_friday = ((woy >= 47) & (woy <= 48)).astype(int)        # Black Friday, two weeks
    holiday = ((woy >= 52) | (woy == 1)).astype(int)
    base = 1500 * (1 + 0.003 * t) * season - 9.0 * (price - 100) + 260 * spring + 420 * black_friday - 180 * holiday
    lift = _lift(spend, scale)
    signups = base + sum(lift.values())
    signups = signups * rng.normal(1, 0.04, WEEKS)
    rps = 62 + 4 * np.sin(2 * np.pi * t / 52.18 + 1) + rng.normal(0, 0.8, WEEKS)   # plan mix moves it a little
    frame = pd.DataFrame({"week": dates.strftime("%Y-%m-%d"), "signups": np.round(signups).astype(int),
                          "revenue_per_signup": rps.round(2),
                          **{COLUMNS[c]: spend[c].round(2) for c in CURVES},
                          "price_index": price.round(1), "spring_offer": spring, "black_friday": black_friday,
                          "holiday": holiday})
    return frame, spend, scale, rps, base


def subscriptions(seed: int = 11) -> pd.DataFrame:
    return _generate(seed)[0]


def truth(seed: int = 11) -> Truth:
    frame, spend, scale, rps, base = _generate(seed)
    rps = np.asarray(frame["revenue_per_signup"], float)
    spend = {c: np.asarray(frame[COLUMNS[c]], float) for c in CURVES}
    lift = _lift(spend, scale)
    contribution = {c: float((lift[c] * rps).sum()) for c in CURVES}
    roi = {c: contribution[c] / float(spend[c].sum()) for c in CURVES}
    revenue = float((np.asarray(frame["signups"], float) * rps).sum())
    ext_rps = np.concatenate([rps, np.full(TAIL, rps[-52:].mean())])
    ext = {c: np.concatenate([s, np.zeros(TAIL)]) for c, s in spend.items()}
    cut, cut_in = {}, {}
    for c in CURVES:
        scaled = {k: v.copy() for k, v in ext.items()}
        scaled[c][WEEKS - 52:WEEKS] *= 0.8
        before, after = _lift(ext, scale)[c], _lift(scaled, scale)[c]
        diff = (after - before) * ext_rps
        cut[c], cut_in[c] = float(diff.sum()), float(diff[:WEEKS].sum())
    return Truth(roi, contribution, cut, cut_in, sum(contribution.values()) / revenue)


if __name__ == "__main__":
    subscriptions().to_csv(sys.argv[1], index=False)
    tr = truth()
    print("channel      spend   true ROI  contribution  20% cut last 52w (with tail / in data)")
    df = subscriptions()
    for c in CURVES:
        print(f"{c:<10} {df[COLUMNS[c]].sum():>10,.0f} {tr.roi[c]:8.3f} {tr.contribution[c]:>13,.0f} "
              f"{tr.cut20_last52[c]:>12,.0f} / {tr.cut20_last52_in_data[c]:,.0f}")
    print(f"media share of revenue {tr.media_share:.3f}; revenue {(df.signups * df.revenue_per_signup).sum():,.0f}")
