"""Market-level readings of a panel fit: ROI by market, markets picked by size or response, and
what-ifs applied in some markets only. National figures stay the sums of these.

A what-if in some markets ("cut TV and Radio 10% in the North") draws its interval as a national what-if
does (`market_interval`): the hull of the panel's joint refit draws (`analysis.panel.draws.market_change`:
channels whose credit the data trade move together, curve choice included) and each channel's posterior
curves with coefficients drawn jointly, widened to reach no effect from a channel the data cannot measure.
Before (session 8), each channel's posterior was drawn on its own.

Measured with `python benchmarks/bench_panel.py --decisions --settings S --decision-seeds D [--set
analysis.panel.results.MARKET_DRAWS=...]`: what-ifs in the largest market, the three smallest, the first
half and all markets (each channel -20%; neighbouring pairs -10% together and swapped +-30%; all channels
+-20%), true change inside the 90% interval and median width / |truth|, one channel | several:

| draws | 12x104, seeds 2-9 | 10x104, seeds 10-13 | 24x156, seeds 2-3 |
|---|---|---|---|
| each channel on its own (before) | 136/148 0.74, 370/412 0.43 | 61/72 0.65, 184/200 0.64 | 29/32 0.46, 87/88 0.33 |
| joint refits alone | 117/148 0.38, 328/412 0.21 | | |
| posterior, coefficients drawn jointly, alone | 137/148 0.76, 365/412 0.44 | | |
| equal-weight mixture of the two | 137/148 0.73, 381/412 0.38 | 61/72 0.61, 181/200 0.59 | |
| hull of the two (adopted) | 139/148 0.80, 392/412 0.47 | 64/72 0.72, 185/200 0.68 | 32/32 0.48, 86/88 0.34 |

The refits alone are too narrow (they resample residuals around the fitted curves); the mixture was
narrower but held the truth less often on the fresh seeds; the hull is the national what-ifs' rule, so a
what-if in every market reads the same draws as the national one.

Session 12: money moved between two markets (`market_shift`) and cuts in one market, against the truth
(`python benchmarks/bench_panel.py --moves --decision-seeds 2,3,4,5,6,7 [--fit-cache DIR]`, 10x104: each channel
and all media, 20% from the largest market to the smallest and back, and -20% in each of the two). Every miss
understated a loss, on one channel of a panel (TV on seeds 2 and 4, Display on 5, Social on 6): the range held only
the curves the grid's priors favour, because the panel fit kept no data-only curves (`data_posterior`), which the
national what-ifs' range has held since session 9 (`analysis.decisions.scenario.DATA_CURVES`). With them
(MARKET_DATA_CURVES): moves 69/74 -> 72/74 inside, width / |truth| median 1.10 -> 1.35; one-market cuts 69/74 ->
71/74, 0.69 -> 0.74; estimates unchanged. The rest: seed 4's TV, where the fit puts the nationally collinear TV/Video
pair's credit on Video (TV's national ROI interval 0.18-1.12 misses its true 1.32, so its market moves inherit the
miss), and seed 5's Display in its largest market. Also fixed: a move that leaves every national week as it was
(markets with one flighting) drew nothing from each channel's posterior, which compared national plans
(`change_draws` reads the markets' own totals when given).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from analysis.decisions.common import Z90, extrapolated_channels, resolve_channel
from analysis.errors import InfeasibleError
from analysis.model import MMMFit
from analysis.panel.data import Panel
from analysis.panel.model import PanelChannelFit, PanelFit

DRAWS = 2000
MARKET_DATA_CURVES = True   # a market what-if's interval also holds the data-only curves' draws (module docstring)
MARKET_DRAWS = "hull"    # a market what-if's interval: the hull of the panel's joint refit draws and each channel's
                         # posterior ("hull", as national what-ifs), either alone ("joint", "separate"), or "mixture"


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


@dataclass(frozen=True)
class MarketSaturation:
    """Where one market sits on a channel's shared per-head curve, over the modelled period (data units)."""

    market: str
    channel: str
    spend: float
    roi: float                 # the market's incremental sales per $1 (nan where it did not spend)
    marginal_roi: float        # extra sales per extra $1 spent in this market, every week scaled alike
    saturation_pct: float      # its average weekly response per head as % of the curve's maximum

    @property
    def status(self) -> str:
        from analysis.results import saturation_status

        return saturation_status(self.saturation_pct, self.roi if np.isfinite(self.roi) else 0.0, self.marginal_roi)


MARGINAL_STEP = 0.01   # the next dollar is read off a 1% rise in the market's own plan


def market_saturation(fit: PanelFit, channel: str, markets: tuple[str, ...] = ()) -> tuple[MarketSaturation, ...]:
    """Each market's place on `channel`'s curve (all markets, or those named): the markets share one curve per head,
    so a market that spends more per head sits higher on it and its next $1 returns less. The next $1 is the fitted
    curve's own (no always-on cap, which the national answer applies to channels it never saw off)."""
    panel = _panel(fit)
    _known_markets(panel, markets or panel.markets)
    j = resolve_channel(fit, channel)
    ch = fit.channels[j]
    c = ch if isinstance(ch, PanelChannelFit) and ch.coef != 0.0 else None   # None: no effect the data can see
    spend = np.asarray(panel.spend, dtype=float)[:, :, j]          # (T, G)
    contribution = fit.market_contributions.sum(axis=0)[:, j]       # (G,)
    base = c.market_response(spend).sum(axis=0) if c is not None else np.zeros(spend.shape[1])
    levels = c.market_levels(spend) if c is not None else np.zeros(spend.shape)
    out = []
    for g, m in enumerate(panel.markets):
        if markets and m not in markets:
            continue
        total = float(spend[:, g].sum())
        marginal, pct = 0.0, 0.0
        if c is not None and total > 0:
            bumped = spend.copy()
            bumped[:, g] *= 1.0 + MARGINAL_STEP
            marginal = float(c.market_response(bumped)[:, g].sum() - base[g]) / (MARGINAL_STEP * total)
            seen = np.asarray(c.observed[:, g]) > 0
            pct = float(100.0 * levels[seen, g].mean()) if seen.any() else 0.0
        out.append(MarketSaturation(m, fit.channel_names[j], total,
                                    float(contribution[g]) / total if total > 0 else float("nan"), marginal, pct))
    order = {m: k for k, m in enumerate(markets)}
    return tuple(sorted(out, key=lambda r: order.get(r.market, 0))) if markets else tuple(out)


@dataclass(frozen=True)
class MarketTrend:
    """One market's average weekly sales in a stretch of weeks against an earlier one, split into what moved them:
    each channel's incremental sales and the market's baseline (trend, season, controls), in points of the earlier
    stretch's sales; the rest is what the model does not explain."""

    market: str
    sales_now: float
    sales_before: float
    drivers: tuple[tuple[str, float], ...]   # (channel or "baseline", points)
    unexplained: float                       # points

    @property
    def change_pct(self) -> float:
        return 100.0 * (self.sales_now / self.sales_before - 1.0) if self.sales_before else 0.0


def market_trend(fit: PanelFit, market: str, now: np.ndarray, before: np.ndarray) -> MarketTrend:
    """`market`'s sales over the weeks `now` against the weeks `before` (boolean masks), weeks it reported only."""
    panel = _panel(fit)
    _known_markets(panel, (market,))
    g = panel.markets.index(market)
    seen = np.asarray(panel.observed[:, g], dtype=bool)
    a, b = np.asarray(now, dtype=bool) & seen, np.asarray(before, dtype=bool) & seen
    if not a.any() or not b.any():
        raise InfeasibleError(f"{market} reported no weeks in one of the two stretches compared; ask about a period "
                              "it reported.")

    def mean(x: np.ndarray, mask: np.ndarray) -> float:
        return float(np.asarray(x, dtype=float)[mask].mean())

    s1, s0 = mean(panel.sales[:, g], a), mean(panel.sales[:, g], b)
    if s0 <= 0:
        raise InfeasibleError(f"{market} had no sales in the earlier stretch, so a change cannot be said in %.")
    parts = [(name, 100.0 * (mean(fit.market_contributions[:, g, j], a) - mean(fit.market_contributions[:, g, j], b)) / s0)
             for j, name in enumerate(fit.channel_names)]
    parts.append(("baseline", 100.0 * (mean(fit.market_baseline[:, g], a) - mean(fit.market_baseline[:, g], b)) / s0))
    change = 100.0 * (s1 / s0 - 1.0)
    return MarketTrend(market, s1, s0, tuple(parts), change - sum(p for _, p in parts))


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
    prob_loss: float = 0.0                      # share of draws in which sales fall (as a national what-if's)
    unmeasured: tuple[str, ...] = ()            # changed channels the data cannot measure: the interval allows no effect
    extrapolated: tuple[str, ...] = ()          # channels whose national weekly spend goes beyond 1.5x any week seen

    @property
    def delta_pct(self) -> float:
        return 100.0 * self.delta_sales / self.base_sales if self.base_sales else 0.0


def market_scenario(fit: PanelFit, changes: dict[str, float], markets: tuple[str, ...], seed: int = 0,
                    weeks: np.ndarray | None = None) -> MarketScenario:
    """Change each channel's weekly plan by its % in the named markets only (and only in the `weeks`
    mask — a window or the planning horizon — when given); the rest stay. The interval is built as a
    national what-if's is (`market_interval`)."""
    panel = _panel(fit)
    if not changes:
        raise InfeasibleError("a market what-if needs a change, e.g. 'cut TV by 20% in Market03'.")
    _known_markets(panel, markets)
    chosen = np.isin(np.array(panel.markets), np.array(markets))
    changed = chosen[None, :] if weeks is None else (np.asarray(weeks, dtype=bool)[:, None] & chosen[None, :])
    before = np.asarray(panel.spend, dtype=float)        # (T, G, k)
    after = before.copy()
    for name, pct in changes.items():
        j = resolve_channel(fit, name)
        factor = 1.0 + float(pct) / 100.0
        if factor < 0:
            raise InfeasibleError(f"{name} cannot change by {pct:g}%: spend cannot go below zero.")
        after[:, :, j] = np.where(changed, before[:, :, j] * factor, before[:, :, j])
    return _plan_change(fit, before, after, tuple(changes.items()), chosen, weeks, seed)


def market_shift(fit: PanelFit, channels: tuple[str, ...], source: str, target: str, percentage: float | None = None,
                 amount: float | None = None, seed: int = 0, weeks: np.ndarray | None = None) -> MarketScenario:
    """Move `percentage` of the channels' spend in market `source` (or `amount` in data units, split across the channels
    in proportion to their spend there) to market `target`, inside the `weeks` mask when given. Each channel keeps its
    flighting: the source's weeks shrink by one factor, the money lands in the target's weeks in proportion to the
    target's own spend on that channel (to the source's pattern where the target never bought it). National spend is
    unchanged; the sales change and its interval are the two markets' response, drawn as a market what-if's."""
    panel = _panel(fit)
    _known_markets(panel, (source, target))
    if source == target:
        raise InfeasibleError(f"money moved from {source} to itself changes nothing; name two markets.")
    names = channels or tuple(fit.channel_names)
    idx = [resolve_channel(fit, c) for c in names]
    g_from, g_to = panel.markets.index(source), panel.markets.index(target)
    mask = np.ones(panel.spend.shape[0], dtype=bool) if weeks is None else np.asarray(weeks, dtype=bool)
    before = np.asarray(panel.spend, dtype=float)
    after = before.copy()
    out = before[mask][:, g_from, :][:, idx].sum(axis=0)          # each channel's spend in the source, in those weeks
    if out.sum() <= 0:
        raise InfeasibleError(f"{' and '.join(names)} spent nothing in {source} over those weeks, so there is no money to move.")
    if percentage is not None:
        if not 0 < percentage <= 100:
            raise InfeasibleError(f"a share of {source}'s spend to move must be between 0% and 100% (got {percentage:g}%).")
        share = np.full(len(idx), percentage / 100.0)
    elif amount is not None:
        if amount <= 0 or amount > out.sum():
            raise InfeasibleError(f"{source} spent {out.sum():,.0f} on {' and '.join(names)} over those weeks; move an "
                                  f"amount between 0 and that.")
        share = np.full(len(idx), amount / out.sum())
    else:
        raise InfeasibleError("a move between markets needs a size, e.g. 'move 10% of TV from North to South'.")
    for k, j in enumerate(idx):
        moved = share[k] * out[k]
        after[mask, g_from, j] = before[mask, g_from, j] * (1.0 - share[k])
        pattern = before[mask, g_to, j] if before[mask, g_to, j].sum() > 0 else before[mask, g_from, j]
        after[mask, g_to, j] = before[mask, g_to, j] + moved * pattern / pattern.sum()
    chosen = np.isin(np.array(panel.markets), np.array((source, target)))
    changes = tuple((fit.channel_names[j], 0.0) for j in idx)
    return _plan_change(fit, before, after, changes, chosen, weeks, seed)


def _known_markets(panel: Panel, markets: tuple[str, ...]) -> None:
    unknown = [m for m in markets if m not in panel.markets]
    if unknown or not markets:
        raise InfeasibleError(f"no market {unknown[0] if unknown else ''!r} in this data; markets are "
                              f"{', '.join(panel.markets[:8])}{', …' if len(panel.markets) > 8 else ''}.")


def _plan_change(fit: PanelFit, before: np.ndarray, after: np.ndarray, changes: tuple[tuple[str, float], ...],
                 chosen: np.ndarray, weeks: np.ndarray | None, seed: int) -> MarketScenario:
    """The sales change from the (T, G, k) market plan `before` to `after`, by market, with its interval."""
    panel = _panel(fit)
    by_market_sales = np.zeros(len(panel.markets))
    by_market_spend = np.zeros(len(panel.markets))
    point = np.zeros(len(fit.channels))
    for name, _ in changes:
        j = resolve_channel(fit, name)
        channel = fit.channels[j]
        by_market_spend += (after[:, :, j] - before[:, :, j]).sum(axis=0)
        if not isinstance(channel, PanelChannelFit) or channel.coef == 0.0:
            continue
        change = channel.market_response(after[:, :, j]) - channel.market_response(before[:, :, j])
        by_market_sales += change.sum(axis=0)
        point[j] = float(change.sum())
    low, high, prob_loss = market_interval(fit, before, after, point, seed)
    unmeasured = [n for n in dict.fromkeys(fit.channel_names[resolve_channel(fit, c)] for c, _ in changes)
                  if not fit.channels[fit.channel_names.index(n)].measurable]
    fitted = np.asarray(fit.decomposition.fitted, dtype=float)
    base = float(fitted.sum() if weeks is None else fitted[np.asarray(weeks, dtype=bool)].sum())
    rows = tuple((m, float(by_market_spend[g]), float(by_market_sales[g]))
                 for g, m in enumerate(panel.markets) if chosen[g])
    return MarketScenario(changes, tuple(m for m, _, _ in rows),
                          float(by_market_spend.sum()), float(point.sum()), low, high, base, rows, prob_loss,
                          tuple(unmeasured), extrapolated_channels(fit, after.sum(axis=1)))   # as a national what-if's


def market_interval(fit: PanelFit, before: np.ndarray, after: np.ndarray, point: np.ndarray,
                    seed: int = 0) -> tuple[float, float, float]:
    """90% interval and chance of a loss of a what-if that moves the (T, G, k)
    market plan from `before` to `after` (`point`: each channel's change under the fitted curves).

    Built as a national what-if's (`analysis.decisions.scenario`): the hull of the panel's joint refit
    draws (`analysis.panel.draws.market_change`: channels that trade credit move together, curve choice
    included) and each channel's posterior curves with coefficients drawn jointly (`change_draws`),
    widened for channels the data cannot measure. MARKET_DRAWS picks the sources (module docstring)."""
    from analysis.decisions import scenario
    from analysis.decisions.common import change_draws
    from analysis.decisions.scenario import change_interval
    from analysis.panel.draws import market_change

    def totals(source: MMMFit, cells: np.ndarray) -> list[np.ndarray]:
        return [c.candidate_totals_in(cells[:, :, j]) if isinstance(c, PanelChannelFit) and c.posterior
                else np.zeros(0) for j, c in enumerate(source.channels)]

    def posterior_draws(source: MMMFit) -> np.ndarray:
        return change_draws(source, before.sum(axis=1), after.sum(axis=1), DRAWS, seed,
                            base=totals(source, before), moved=totals(source, after))

    sets = []
    if MARKET_DRAWS in ("joint", "hull", "mixture"):
        sets.append(market_change(fit, before, after))
    if MARKET_DRAWS in ("separate", "hull", "mixture"):
        sets.append(posterior_draws(fit))
    if MARKET_DRAWS == "mixture":   # the two sources as one mixture, equal weight
        sets = [np.concatenate([np.resize(sets[0], sets[1].shape), sets[1]])]
    if MARKET_DATA_CURVES and scenario.DATA_CURVES and any(getattr(c, "data_posterior", ()) for c in fit.channels):
        # the curves the data alone favour, as a national what-if's range holds them (module docstring)
        sets.append(posterior_draws(replace(fit, channels=tuple(
            replace(c, posterior=c.data_posterior) if isinstance(c, PanelChannelFit) and c.data_posterior else c
            for c in fit.channels))))
    low, high, prob_loss, _ = change_interval(fit, (after - before).sum(axis=(0, 1)), point, *sets)
    return low, high, prob_loss


__all__ = [
    "Z90",
    "MarketBreakdown",
    "MarketRow",
    "MarketScenario",
    "is_panel",
    "market_breakdown",
    "market_saturation",
    "MarketSaturation",
    "market_scenario",
    "market_shift",
    "market_trend",
    "MarketTrend",
    "pick_markets",
]
