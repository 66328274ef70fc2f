"""The session-17 reviewer's retail-bank export: new current accounts opened per week (the KPI) with a revenue per
account near $180 that rises slowly; nine channels (paid search always on, TV and out-of-home flighted in the same
weeks, monthly direct-mail drops, a sponsorship that runs in the football season, affiliate comparison sites); the
base interest rate (it rises through 2022-23 and is cut once in 2024), a competitor's switching offer, the branch
count, a product launch, a holiday flag and two columns nobody can explain; and a Meridian-format geo panel of the same
bank over eight regions, one of which answers direct mail twice as strongly as the curve the others share.

`python tests/data/review_s17_bank.py OUT_DIR` writes `bank_national.csv` and `bank_geo.csv` and prints the truth:
each channel's ROI in revenue over the whole period, its contribution, its next-$1 return, and the revenue change of a
20% cut over the last 52 weeks (carry-over after the data counted). Tests import `national`, `geo_panel`, `truth`,
`what_if` and `panel_what_if`.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

WEEKS = 156
TAIL = 26
SEED = 17
# channel: (decay, half-saturation as a multiple of mean adstocked spend, Hill shape, true ROI in revenue per $1)
CURVES = {
    "TV": (0.60, 1.2, 1.6, 1.00),
    "Radio": (0.40, 1.0, 1.2, 0.70),
    "Out-of-home": (0.50, 1.5, 1.3, 0.50),
    "Paid Search": (0.10, 0.8, 1.1, 2.20),
    "Display": (0.20, 1.0, 1.0, 0.45),
    "Paid Social": (0.30, 1.1, 1.0, 1.30),
    "Direct Mail": (0.30, 1.0, 1.2, 1.80),
    "Sponsorship": (0.70, 2.0, 1.0, 0.35),
    "Affiliate": (0.00, 1.5, 1.0, 1.60),
}
COLUMNS = {"TV": "tv_spend", "Radio": "radio_spend", "Out-of-home": "ooh_spend", "Paid Search": "paid_search_spend",
           "Display": "display_spend", "Paid Social": "paid_social_spend", "Direct Mail": "direct_mail_spend",
           "Sponsorship": "sponsorship_spend", "Affiliate": "affiliate_comparison_spend"}
REGIONS = {"Ohio": 0.22, "Michigan": 0.17, "Pennsylvania": 0.16, "Indiana": 0.11, "Kentucky": 0.10,
           "Illinois": 0.10, "West Virginia": 0.07, "Wisconsin": 0.07}
DIVERGENT = ("Kentucky", "Direct Mail", 2.0)     # this region answers direct mail 2x the shared curve
RATE_EFFECT = -260.0          # accounts per week per percentage point of base rate
SWITCH_EFFECT = -700.0        # accounts per week while a competitor's switching offer runs
BRANCH_EFFECT = 12.0          # accounts per week per branch
LAUNCH_EFFECT = 450.0         # accounts per week once the new product is live
HOLIDAY_EFFECT = -900.0


def _adstock(x: np.ndarray, decay: float) -> np.ndarray:
    out, carry = np.zeros_like(x, dtype=float), 0.0
    for i, v in enumerate(x):
        carry = v + decay * carry
        out[i] = carry
    return out


def _spend(rng: np.random.Generator, season: np.ndarray, t: np.ndarray, woy: np.ndarray) -> dict[str, np.ndarray]:
    flight = (t % 10) < 5                                           # TV and OOH: 5 weeks on, 5 off, together
    radio_on = (t // 4) % 2 == 0
    sponsor_on = (woy >= 32) | (woy <= 20)                          # football season Aug-May
    return {
        "TV": np.where(flight, rng.uniform(250000, 350000, WEEKS), 0.0),
        "Radio": np.where(radio_on, rng.uniform(40000, 80000, WEEKS), 0.0),
        "Out-of-home": np.where(flight, rng.uniform(80000, 110000, WEEKS), 0.0),
        "Paid Search": 110000 * season * rng.uniform(0.85, 1.15, WEEKS),
        "Display": rng.uniform(20000, 60000, WEEKS),
        "Paid Social": rng.uniform(40000, 120000, WEEKS) * (1 + 0.3 * t / WEEKS),
        "Direct Mail": np.where(t % 4 == 1, rng.uniform(150000, 250000, WEEKS), 0.0),
        "Sponsorship": np.where(sponsor_on, rng.uniform(30000, 36000, WEEKS), 0.0),
        "Affiliate": rng.uniform(30000, 70000, WEEKS),
    }


def _hill(spend: np.ndarray, decay: float, k: float, shape: float, scale: float) -> np.ndarray:
    x = _adstock(spend, decay) / (k * scale)
    return x**shape / (1 + x**shape)


def _base_rate(t: np.ndarray) -> np.ndarray:
    """0.25% in early 2022, rising to 5.25% by mid-2023, cut to 5.00% in Aug 2024 and 4.75% in Nov 2024."""
    steps = [(0, 0.25), (10, 0.50), (18, 0.75), (23, 1.00), (31, 1.75), (38, 2.25), (45, 3.00), (50, 3.50),
             (58, 4.00), (61, 4.25), (71, 4.50), (76, 5.00), (82, 5.25), (135, 5.00), (148, 4.75)]
    rate = np.zeros(len(t))
    for start, value in steps:
        rate[t >= start] = value
    return rate


@dataclass(frozen=True)
class World:
    frame: pd.DataFrame
    spend: dict[str, np.ndarray]
    scale: dict[str, float]
    top: dict[str, float]           # accounts at saturation
    rpa: np.ndarray
    controls: dict[str, np.ndarray]


def _world(seed: int = SEED) -> World:
    rng = np.random.default_rng(seed)
    t = np.arange(WEEKS)
    dates = pd.date_range("2022-01-03", periods=WEEKS, freq="W-MON")
    woy = dates.isocalendar().week.to_numpy().astype(int)
    # January switching peak, a September (students) bump, a December trough
    season = (1 + 0.12 * np.cos(2 * np.pi * (woy - 3) / 52.18) + 0.06 * np.cos(4 * np.pi * (woy - 37) / 52.18))
    spend = _spend(rng, season, t, woy)
    scale = {c: float(_adstock(spend[c], CURVES[c][0]).mean()) for c in CURVES}
    rpa = 176 + 14 * t / WEEKS + rng.normal(0, 1.2, WEEKS)         # revenue per account $176 -> $190
    top = {}
    for c, (decay, k, shape, roi) in CURVES.items():
        h = _hill(spend[c], decay, k, shape, scale[c])
        top[c] = roi * float(spend[c].sum()) / float((h * rpa).sum())
    holiday = ((woy >= 52) | (woy == 1) | (woy == 22) | (woy == 27) | (woy == 36) | (woy == 47)).astype(int)
    switch = np.zeros(WEEKS)
    for start in (20, 64, 118):
        switch[start:start + 6] = 1
    branches = np.round(412 - 30 * t / WEEKS + rng.normal(0, 0.4, WEEKS)).astype(int)
    branches = np.minimum.accumulate(branches)
    launch = (t >= 96).astype(int)                                  # new account product live from Nov 2023
    rate = _base_rate(t)
    base = (7200 * (1 + 0.0008 * t) * season + RATE_EFFECT * rate + SWITCH_EFFECT * switch
            + BRANCH_EFFECT * (branches - 400) + LAUNCH_EFFECT * launch + HOLIDAY_EFFECT * holiday)
    lift = sum(top[c] * _hill(spend[c], *CURVES[c][:3], scale[c]) for c in CURVES)
    accounts = (base + lift) * rng.normal(1, 0.03, WEEKS)
    frame = pd.DataFrame({
        "week_ending": (dates + pd.Timedelta(days=6)).strftime("%d/%m/%Y"),
        "new_current_accounts": np.round(accounts).astype(int),
        "revenue_per_account": rpa.round(2), **{COLUMNS[c]: spend[c].round(0) for c in CURVES},
        "base_rate_pct": rate, "competitor_switch_offer": switch.astype(int), "branch_count": branches,
        "product_launch": launch, "holiday_week": holiday,
        "mkt_flag_q": rng.integers(0, 2, WEEKS), "idx_ref_7": np.cumsum(rng.normal(0, 1, WEEKS)).round(3),
    })
    controls = {"base_rate_pct": rate, "competitor_switch_offer": switch, "branch_count": branches.astype(float),
                "product_launch": launch.astype(float), "holiday_week": holiday.astype(float)}
    return World(frame, spend, scale, top, rpa, controls)


def national(seed: int = SEED) -> pd.DataFrame:
    return _world(seed).frame


@dataclass(frozen=True)
class Truth:
    roi: dict[str, float]
    contribution: dict[str, float]
    marginal: dict[str, float]                 # revenue per extra $1 over the whole period (1% more every week)
    cut20_last52: dict[str, float]
    media_share: float
    cost_per_account: dict[str, float]         # spend / accounts it caused over the whole period


def _lift_accounts(world: World, spend: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {c: world.top[c] * _hill(spend[c], *CURVES[c][:3], world.scale[c]) for c in CURVES}


def _ext(world: World) -> tuple[dict[str, np.ndarray], np.ndarray]:
    spend = {c: np.concatenate([np.asarray(world.frame[COLUMNS[c]], float), np.zeros(TAIL)]) for c in CURVES}
    return spend, np.concatenate([world.rpa, np.full(TAIL, world.rpa[-52:].mean())])


def truth(seed: int = SEED) -> Truth:
    w = _world(seed)
    spend = {c: np.asarray(w.frame[COLUMNS[c]], float) for c in CURVES}
    acc = _lift_accounts(w, spend)
    contribution = {c: float((v * w.rpa).sum()) for c, v in acc.items()}
    roi = {c: contribution[c] / float(spend[c].sum()) for c in CURVES}
    cpa = {c: float(spend[c].sum()) / float(acc[c].sum()) for c in CURVES}
    marginal = {}
    for c in CURVES:
        up = dict(spend)
        up[c] = spend[c] * 1.01
        marginal[c] = (float((_lift_accounts(w, up)[c] * w.rpa).sum()) - contribution[c]) / (
            0.01 * float(spend[c].sum()))
    cut = {c: what_if({c: 0.8}, seed=seed) for c in CURVES}
    revenue = float((w.frame["new_current_accounts"] * w.frame["revenue_per_account"]).sum())
    return Truth(roi, contribution, marginal, cut, sum(contribution.values()) / revenue, cpa)


def what_if(factors: dict[str, float], start: int = WEEKS - 52, stop: int = WEEKS, seed: int = SEED,
            extra: dict[str, float] | None = None, level: bool = False) -> float:
    """The true revenue change of multiplying each named channel's spend by its factor in weeks [start, stop), or of
    adding `extra` dollars spread over those weeks in proportion to its spend, carry-over after the data counted."""
    w = _world(seed)
    spend, rpa = _ext(w)
    new = {c: s.copy() for c, s in spend.items()}
    for c, f in factors.items():
        new[c][start:stop] *= f
    for c, amount in (extra or {}).items():
        part = spend[c][start:stop]
        new[c][start:stop] += amount * part / part.sum()
    before, after = _lift_accounts(w, spend), _lift_accounts(w, new)
    return float(sum(((after[c] - before[c]) * rpa).sum() for c in CURVES))


def what_if_accounts(factors: dict[str, float], start: int = WEEKS - 52, stop: int = WEEKS, seed: int = SEED) -> float:
    """The same change in accounts opened."""
    w = _world(seed)
    spend, _ = _ext(w)
    new = {c: s.copy() for c, s in spend.items()}
    for c, f in factors.items():
        new[c][start:stop] *= f
    before, after = _lift_accounts(w, spend), _lift_accounts(w, new)
    return float(sum((after[c] - before[c]).sum() for c in CURVES))


@dataclass(frozen=True)
class Region:
    share: float
    spend: dict[str, np.ndarray]
    rpa: np.ndarray
    frame: pd.DataFrame


def _regions(seed: int = SEED) -> dict[str, Region]:
    w = _world(seed)
    rng = np.random.default_rng(seed + 1)
    out = {}
    national_lift = sum(w.top[c] * _hill(w.spend[c], *CURVES[c][:3], w.scale[c]) for c in CURVES)
    for m, share in REGIONS.items():
        pop = share * 9_000_000
        spend = {c: (w.spend[c] * share * rng.uniform(0.85, 1.15, WEEKS) * (w.spend[c] > 0)).round(0)
                 for c in CURVES}
        lift = np.zeros(WEEKS)
        for c in CURVES:
            lift += _gain(m, c) * share * w.top[c] * _hill(spend[c] / share, *CURVES[c][:3], w.scale[c])
        base = share * np.asarray(w.frame["new_current_accounts"], float) - share * national_lift
        accounts = (base + lift) * rng.normal(1, 0.03, WEEKS)
        rpa = (w.rpa + rng.normal(0, 0.8, WEEKS)).round(2)
        frame = pd.DataFrame({
            "geo": m, "time": pd.to_datetime(w.frame["week_ending"], dayfirst=True).dt.strftime("%Y-%m-%d"),
            **{COLUMNS[c]: spend[c] for c in CURVES},
            "display_impression": (spend["Display"] * rng.uniform(180, 220, WEEKS)).round(0),
            "base_rate_pct": w.frame["base_rate_pct"], "competitor_switch_offer": w.frame["competitor_switch_offer"],
            "holiday_week": w.frame["holiday_week"], "conversions": np.round(accounts).astype(int),
            "revenue_per_conversion": rpa, "population": round(pop),
        })
        out[m] = Region(share, spend, rpa, frame)
    return out


def _gain(region: str, channel: str) -> float:
    return DIVERGENT[2] if (region, channel) == DIVERGENT[:2] else 1.0


def geo_panel(seed: int = SEED) -> pd.DataFrame:
    """Each region spends its share of the national plan (with its own noise) and answers it on the national curves
    per head; Kentucky answers direct mail twice as strongly."""
    return pd.concat([m.frame for m in _regions(seed).values()], ignore_index=True)


def panel_lift(changes: dict[tuple[str, str], np.ndarray] | None = None, seed: int = SEED
               ) -> dict[tuple[str, str], float]:
    """True revenue each (region, channel) caused, with weekly spend replaced where `changes` says (arrays of
    WEEKS + TAIL weeks); carry-over after the data counted."""
    w = _world(seed)
    out = {}
    for m, mk in _regions(seed).items():
        rpa = np.concatenate([mk.rpa, np.full(TAIL, mk.rpa[-52:].mean())])
        for c in CURVES:
            s = (changes or {}).get((m, c))
            if s is None:
                s = np.concatenate([mk.spend[c], np.zeros(TAIL)])
            h = _hill(s / mk.share, *CURVES[c][:3], w.scale[c])
            out[(m, c)] = float((_gain(m, c) * mk.share * w.top[c] * h * rpa).sum())
    return out


def panel_roi(seed: int = SEED) -> dict[tuple[str, str], float]:
    lift = panel_lift(seed=seed)
    regions = _regions(seed)
    return {(m, c): lift[(m, c)] / max(float(regions[m].spend[c].sum()), 1.0) for (m, c) in lift}


def panel_what_if(factors: dict[tuple[str, str], float], start: int = WEEKS - 52, stop: int = WEEKS,
                  seed: int = SEED) -> float:
    """The true revenue change of multiplying (region, channel) spend by its factor in weeks [start, stop)."""
    mk = _regions(seed)
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
    national().to_csv(out / "bank_national.csv", index=False)
    geo_panel().to_csv(out / "bank_geo.csv", index=False)
    tr = truth()
    df = national()
    print("channel        spend(156w)  last52w   ROI  next$1  CPA   contribution   20% cut last 52w")
    for c in CURVES:
        print(f"{c:<12} {df[COLUMNS[c]].sum():>12,.0f} {df[COLUMNS[c]].iloc[-52:].sum():>10,.0f} {tr.roi[c]:5.2f}"
              f" {tr.marginal[c]:6.2f} {tr.cost_per_account[c]:6.0f} {tr.contribution[c]:>14,.0f}"
              f" {tr.cut20_last52[c]:>14,.0f}")
    rev = df.new_current_accounts * df.revenue_per_account
    print(f"media share of revenue {tr.media_share:.3f}; revenue {rev.sum():,.0f}; last 52w {rev.iloc[-52:].sum():,.0f}")
