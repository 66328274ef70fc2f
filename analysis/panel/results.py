"""Market-level readings of a panel fit: ROI by market, markets picked by size or response, and
what-ifs applied in some markets only. National figures stay the sums of these."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.decisions.common import Z90, resolve_channel
from analysis.errors import InfeasibleError
from analysis.panel.data import Panel
from analysis.panel.model import PanelChannelFit, PanelFit

DRAWS = 2000


@dataclass(frozen=True)
class MarketRow:
    """One market over the modelled period; arrays are per channel in the fit's order."""

    market: str
    size: float                 # population (or the size proxy the panel used)
    sales: float
    spend: np.ndarray           # (k,)
    contribution: np.ndarray    # (k,)

    @property
    def roi(self) -> np.ndarray:
        """Incremental sales per $1 per channel (nan where the market did not spend)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.spend > 0, self.contribution / np.where(self.spend > 0, self.spend, 1.0), np.nan)

    @property
    def media_roi(self) -> float:
        total = float(self.spend.sum())
        return float(self.contribution.sum()) / total if total > 0 else float("nan")


@dataclass(frozen=True)
class MarketBreakdown:
    """Every market's spend, incremental sales and ROI; channel intervals as shares of the estimate
    (the curve is shared, so a market's relative uncertainty is its channel's national one)."""

    channels: tuple[str, ...]
    rows: tuple[MarketRow, ...]
    size_source: str
    relative_low: np.ndarray     # (k,) national contribution_low / contribution
    relative_high: np.ndarray
    measurable: tuple[bool, ...]

    def row(self, market: str) -> MarketRow:
        return next(r for r in self.rows if r.market == market)


def is_panel(fit: object) -> bool:
    return isinstance(fit, PanelFit) and fit.panel is not None


def _panel(fit: PanelFit) -> Panel:
    if fit.panel is None:
        raise InfeasibleError("this model has no markets; market answers need a long (date, market, …) file.")
    return fit.panel


def market_breakdown(fit: PanelFit) -> MarketBreakdown:
    panel = _panel(fit)
    contributions = fit.market_contributions.sum(axis=0)        # (G, k)
    spend = panel.spend.sum(axis=0)                              # (G, k)
    sales = panel.sales.sum(axis=0)
    rows = tuple(MarketRow(m, float(panel.population[g]), float(sales[g]), spend[g].copy(), contributions[g].copy())
                 for g, m in enumerate(panel.markets))
    low = np.array([c.contribution_low / c.contribution if c.contribution > 0 else 0.0 for c in fit.channels])
    high = np.array([c.contribution_high / c.contribution if c.contribution > 0 else 0.0 for c in fit.channels])
    return MarketBreakdown(fit.channel_names, rows, panel.population_source, low, high,
                           tuple(c.measurable for c in fit.channels))


def pick_markets(fit: PanelFit, kind: str, count: int | None, channel: str | None = None) -> tuple[str, ...]:
    """Markets by size ("smallest"/"largest": population, else sales) or by response
    ("weakest"/"strongest": the channel's ROI, else all media's)."""
    breakdown = market_breakdown(fit)
    rows = list(breakdown.rows)
    n = count if count is not None else min(3, len(rows))
    n = max(1, min(n, len(rows)))
    if kind in ("smallest", "largest"):
        by_population = not breakdown.size_source.startswith("average sales")
        key = [r.size if by_population else r.sales for r in rows]
    else:
        j = resolve_channel(fit, channel) if channel else None
        key = [r.roi[j] if j is not None else r.media_roi for r in rows]
        key = [k if np.isfinite(k) else -np.inf for k in key]
    order = np.argsort(key, kind="stable")
    if kind in ("largest", "strongest"):
        order = order[::-1]
    return tuple(rows[i].market for i in order[:n])


@dataclass(frozen=True)
class MarketScenario:
    """A what-if applied in some markets: totals over the modelled period, in data units."""

    changes: tuple[tuple[str, float], ...]      # channel, signed % change
    markets: tuple[str, ...]
    spend_change: float
    delta_sales: float
    delta_low: float
    delta_high: float
    base_sales: float                           # modelled national sales before the change
    by_market: tuple[tuple[str, float, float], ...]   # market, spend change, sales change

    @property
    def delta_pct(self) -> float:
        return 100.0 * self.delta_sales / self.base_sales if self.base_sales else 0.0


def market_scenario(fit: PanelFit, changes: dict[str, float], markets: tuple[str, ...], seed: int = 0,
                    weeks: np.ndarray | None = None) -> MarketScenario:
    """Change each channel's weekly plan by its % in the named markets only (and only in the `weeks`
    mask — a window or the planning horizon — when given); the rest stay."""
    panel = _panel(fit)
    if not changes:
        raise InfeasibleError("a market what-if needs a change, e.g. 'cut TV by 20% in Market03'.")
    unknown = [m for m in markets if m not in panel.markets]
    if unknown or not markets:
        raise InfeasibleError(f"no market {unknown[0] if unknown else ''!r} in this data; markets are "
                              f"{', '.join(panel.markets[:8])}{', …' if len(panel.markets) > 8 else ''}.")
    chosen = np.isin(np.array(panel.markets), np.array(markets))
    changed = chosen[None, :] if weeks is None else (np.asarray(weeks, dtype=bool)[:, None] & chosen[None, :])
    rng = np.random.default_rng(seed)
    total_delta = np.zeros(DRAWS)
    by_market_sales = np.zeros(len(panel.markets))
    by_market_spend = np.zeros(len(panel.markets))
    point = 0.0
    for name, pct in changes.items():
        j = resolve_channel(fit, name)
        channel = fit.channels[j]
        factor = 1.0 + float(pct) / 100.0
        if factor < 0:
            raise InfeasibleError(f"{name} cannot change by {pct:g}%: spend cannot go below zero.")
        before = panel.spend[:, :, j]
        after = np.where(changed, before * factor, before)
        by_market_spend += (after - before).sum(axis=0)
        if not isinstance(channel, PanelChannelFit) or channel.coef == 0.0:
            continue
        change = channel.market_response(after) - channel.market_response(before)
        by_market_sales += change.sum(axis=0)
        point += float(change.sum())
        total_delta += _draws(channel, before, after, rng)
    low, high = np.quantile(total_delta, [0.05, 0.95]) if np.any(total_delta) else (point, point)
    low, high = min(float(low), point), max(float(high), point)
    fitted = np.asarray(fit.decomposition.fitted, dtype=float)
    base = float(fitted.sum() if weeks is None else fitted[np.asarray(weeks, dtype=bool)].sum())
    rows = tuple((m, float(by_market_spend[g]), float(by_market_sales[g]))
                 for g, m in enumerate(panel.markets) if chosen[g])
    return MarketScenario(tuple((k, float(v)) for k, v in changes.items()), tuple(m for m, _, _ in rows),
                          float(by_market_spend.sum()), point, low, high, base, rows)


def _draws(channel: PanelChannelFit, before: np.ndarray, after: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The change under curves drawn from the channel's posterior, each with its own coefficient error."""
    if not channel.posterior:
        return np.zeros(DRAWS)
    unit = channel.candidate_totals_in(after) - channel.candidate_totals_in(before)
    weights = np.array([c.weight for c in channel.posterior])
    pick = rng.choice(len(weights), size=DRAWS, p=weights / weights.sum())
    coef = np.array([c.coef for c in channel.posterior])[pick]
    se = np.array([c.coef_se for c in channel.posterior])[pick]
    # the point estimate's coefficient, scaled by each candidate's relative error
    draws = np.clip(coef + se * rng.standard_normal(DRAWS), 0.0, None)
    result: np.ndarray = draws * unit[pick]
    return result


__all__ = [
    "Z90",
    "MarketBreakdown",
    "MarketRow",
    "MarketScenario",
    "is_panel",
    "market_breakdown",
    "market_scenario",
    "pick_markets",
]
