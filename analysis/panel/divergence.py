"""Markets whose response to a channel the shared curve misses.

The panel gives each channel one curve per head, shared by every market, so a market that truly responds to TV
2.5x as much as the others gets the shared figure: its ROI, what-ifs and moves are understated, and the ranking of
markets by response only reflects spend per head and revenue per unit. This module asks each market's leftover
weekly sales whether they still move with a channel's fitted incremental sales there: a market's week-to-week
changes in what the model misses, regressed on the week-to-week changes in each channel's fitted sales in that
market (all channels together, Newey-West errors). A slope b says the market's response is (1 + b) times the shared
curve's. Week-to-week changes keep a flighted channel's bursts and drop slow seasonal waves, which an always-on
channel bought with the season shares with the baseline's leftover seasonality (on levels, a seasonal Search was
"divergent" in 6 of 11 markets of the review's file; on changes, in none).

A market-channel is flagged only when its multiplier is at least MIN_GAP from 1 and clears a Bonferroni bound
over every market-channel pair tested (family-wise 1%), on a channel that drives at least 2% of that market's
sales. On the session-15 review file (11 markets, 7 channels,
Georgia's TV response 2.5x the others') it flags Georgia's TV alone (1.9x, z = 16); on generated panels without
such a market it flags nothing (tests/test_review_s15.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from analysis.decisions.common import Z90
from analysis.panel.model import PanelFit

FAMILY_ALPHA = 0.01   # chance of flagging any market-channel when the shared curve holds everywhere
MIN_GAP = 0.25        # a multiplier within 25% of 1 is not worth a caveat
MIN_SHARE = 0.02      # nor a channel that drives under 2% of the market's sales (a tiny channel's slope is noise)
HAC_LAGS = 4


@dataclass(frozen=True)
class Divergence:
    """One market whose response to one channel is `multiplier` times the shared curve's (90% interval)."""
    market: str
    channel: str
    multiplier: float
    low: float
    high: float
    z: float


def market_divergence(fit: PanelFit) -> tuple[Divergence, ...]:
    """Market-channel pairs whose response clearly differs from the shared curve, strongest first."""
    panel = fit.panel
    contributions = np.asarray(fit.market_contributions, dtype=float)
    if panel is None or contributions.ndim != 3 or contributions.size == 0:
        return ()
    leftover = panel.sales - fit.market_baseline - contributions.sum(axis=2)
    found: list[Divergence] = []
    tested = 0
    rows: list[tuple[str, str, float, float]] = []
    for g, market in enumerate(panel.markets):
        weeks = panel.observed[:, g]
        x = np.diff(contributions[weeks, g, :], axis=0)
        y = np.diff(leftover[weeks, g])
        keep = np.flatnonzero(x.std(axis=0) > 1e-9 * max(1.0, float(np.abs(y).max(initial=0.0))))
        if len(y) < 3 * (len(keep) + 2) or len(keep) == 0:
            continue
        slopes, errors = _hac_ols(y, x[:, keep], HAC_LAGS)
        sales = float(panel.sales[weeks, g].sum())
        for j, b, se in zip(keep, slopes, errors):
            tested += 1
            share = float(contributions[weeks, g, j].sum()) / sales if sales > 0 else 0.0
            if se > 0 and np.isfinite(b) and share >= MIN_SHARE:
                rows.append((market, fit.channels[int(j)].name, float(b), float(se)))
    if not tested:
        return ()
    bound = float(norm.ppf(1.0 - FAMILY_ALPHA / (2.0 * tested)))
    for market, channel, b, se in rows:
        z = b / se
        if abs(z) >= bound and abs(b) >= MIN_GAP:
            found.append(Divergence(market, channel, 1.0 + b, 1.0 + b - Z90 * se, 1.0 + b + Z90 * se, z))
    return tuple(sorted(found, key=lambda d: -abs(d.z)))


def _hac_ols(y: np.ndarray, x: np.ndarray, lags: int) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares slopes of y on x (no intercept: changes) and their Newey-West standard errors."""
    xtx_inv = np.linalg.pinv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    scores = x * (y - x @ beta)[:, None]
    meat = scores.T @ scores
    for lag in range(1, lags + 1):
        weight = 1.0 - lag / (lags + 1.0)
        cross = scores[lag:].T @ scores[:-lag]
        meat += weight * (cross + cross.T)
    cov = xtx_inv @ meat @ xtx_inv
    return beta, np.sqrt(np.clip(np.diag(cov), 0.0, None))
