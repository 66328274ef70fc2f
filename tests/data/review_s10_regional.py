"""The session-10 reviewer's regional export: markets x weeks of units sold with a revenue per unit, six
"<Channel> Spend" columns, price, promo and population, as a regional team exports it (dd/mm/yyyy weeks).

`python tests/data/review_s10_regional.py OUT.csv` writes the 9-market x 130-week file the review ran on;
tests call `regional_export` for a smaller one.
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

MARKETS = {"North": 5.8, "North East": 2.6, "South": 9.1, "South West": 5.6, "East": 6.2,
           "West": 4.1, "Central": 7.4, "Scotland": 5.4, "Wales": 3.1}   # population, millions
CHANNELS = {"TV": (0.6, 0.55, 1.0, 9000), "Radio": (0.3, 0.3, 0.6, 2500), "Paid Search": (0.1, 0.0, 0.8, 4000),
            "Paid Social": (0.3, 0.2, 0.7, 3000), "Display": (0.2, 0.1, 0.5, 1800), "OOH": (0.4, 0.4, 0.3, 2200)}
# channel: (decay, share of weeks off air, effect scale, weekly spend per million people)


def regional_export(n_markets: int = 9, weeks: int = 130, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-03", periods=weeks, freq="W-MON")
    t = np.arange(weeks)
    season = 1 + 0.15 * np.sin(2 * np.pi * t / 52.18) + 0.08 * np.cos(4 * np.pi * t / 52.18)
    rows = []
    for m, pop in list(MARKETS.items())[:n_markets]:
        price = 24.99 + rng.normal(0, 0.6, weeks).cumsum() * 0.05 + (0.8 if "South" in m else 0)
        promo = (rng.random(weeks) < 0.12).astype(int)
        units = 900 * pop * (1 + 0.002 * t) * season * (1 - 0.03 * (price - 25)) * (1 + 0.09 * promo)
        spend = {}
        for c, (decay, off, scale, per_million) in CHANNELS.items():
            level = per_million * pop
            on = rng.random(weeks) < (1 - off) if off else np.ones(weeks, bool)
            s = level * rng.gamma(4, 0.25, weeks) * on
            spend[c] = s
            ad, carry = np.zeros(weeks), 0.0
            for i in range(weeks):
                carry = s[i] + decay * carry
                ad[i] = carry
            x = ad / (level * 1.5)
            lift = 1.2 if (c == "TV" and m in ("North", "Scotland")) else 1.0
            units = units + scale * 0.12 * level * x / (x + 0.8) * lift
        units = units * rng.normal(1, 0.025, weeks)
        rpu = 25.0 + 0.8 * ("South" in m) + rng.normal(0, 0.3, weeks)
        for i, w in enumerate(dates):
            rows.append({"Week Starting": w.strftime("%d/%m/%Y"), "Region": m,
                         "Units Sold": round(units[i]), "Revenue per Unit": round(rpu[i], 2),
                         **{f"{c} Spend": round(spend[c][i], 2) for c in CHANNELS},
                         "Avg Price": round(price[i], 2), "Promo": promo[i], "Population": int(pop * 1e6)})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    regional_export().to_csv(sys.argv[1], index=False)
