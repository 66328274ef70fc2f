"""Charts of the market dimension of panel data: ROI by market, and small multiples of the largest
markets' weekly sales. They sit next to the national charts, never in place of them."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant import format as fmt
from assistant.charts.style import (
    INK,
    MUTED,
    PALETTE,
    SUBTLE,
    chart,
    headline,
    new_figure,
    save_png,
    style_axes,
)

MARKET_FILES = {"market_roi": "10_roi_by_market.png", "market_multiples": "11_top_markets.png",
                "market_what_if": "13_what_if_by_market.png"}
MAX_BARS = 25
SMALL_MULTIPLES = 6


@chart
def market_roi_chart(data: dict, dataset, path: str | Path) -> Path:
    """ROI by market (best first, at most MAX_BARS), with the national ROI as a reference line and, for
    one channel, each market's 90% interval. One market is titled as itself, not as "the most"."""
    rows = sorted(((m, v) for m, v in data["markets"].items() if v["roi"] is not None), key=lambda mv: -mv[1]["roi"])
    shown = rows[:MAX_BARS]
    names = data["channels_shown"]
    what = names[0] if len(names) == 1 else "All media"
    fig, ax = new_figure(size=(11.0, 2.2 + 0.32 * len(shown)))
    y = np.arange(len(shown))[::-1]
    values = [v["roi"] for _, v in shown]
    found = [_interval(v, names) for _, v in shown]
    complete = [s for s in found if s is not None]
    spans: list[tuple[float, float] | None] = [None] * len(shown)
    if complete and len(complete) == len(found):
        spans = list(complete)
        ax.barh(y, values, height=0.7, color=PALETTE[0],
                xerr=[[v - s[0] for v, s in zip(values, complete)], [s[1] - v for v, s in zip(values, complete)]],
                error_kw={"ecolor": SUBTLE, "elinewidth": 1.0, "capsize": 3})
    else:
        ax.barh(y, values, height=0.7, color=PALETTE[0])
    for yi, v, s in zip(y, values, spans):
        ax.text(s[1] if s else v, yi, f" {fmt.per_dollar(v, dataset)}", va="center", fontsize=9, color=INK)
    national = data["national"].get(names[0], {}).get("roi") if len(names) == 1 else None
    reach = max([*(s[1] if s else v for v, s in zip(values, spans)), national or 0.0, 0.0])
    if reach > 0:      # room for the value labels and the national label inside the axes
        ax.set_xlim(0, reach * 1.15)
    if national is not None:
        ax.axvline(national, color=MUTED, linestyle="--", linewidth=1.0)
        ax.text(national, len(shown) - 0.4, f" national {fmt.per_dollar(national, dataset)}", color=SUBTLE,
                fontsize=9, va="bottom")
        ax.set_ylim(-0.6, len(shown) + 0.1 + 0.15 * (len(shown) == 1))   # the label inside, clear of the title
    ax.set_yticks(y, [m for m, _ in shown], fontsize=9.5)
    ax.set_xlabel(f"{fmt.outcome_word(dataset).capitalize()} per $1 of spend")
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    more = f"; {len(rows) - len(shown)} more markets not shown" if len(rows) > len(shown) else ""
    whiskers = "; lines: 90% intervals" if spans and spans[0] is not None else ""
    headline(fig, _market_title(what, shown, national, dataset),
             f"ROI by market over the modelled period; one response curve per channel shared across markets "
             f"per head{whiskers}{more}.")
    fig.subplots_adjust(left=0.16, right=0.95, bottom=0.55 / (2.2 + 0.32 * len(shown)))
    return save_png(fig, path)


def _market_title(what: str, shown: list, national: float | None, dataset) -> str:
    """ "TV returns the most in North: $3.26 per $1" over several markets; over one, that market's own
    figure beside the national one ("TV in Scotland: $2.95 per $1 (national $3.02)"), never "the most"."""
    if not shown:
        return f"{what}: no market with spend"
    market, v = shown[0]
    if len(shown) == 1:
        beside = f" (national {fmt.per_dollar(national, dataset)})" if national is not None else ""
        return f"{what} in {market}: {fmt.per_dollar(v['roi'], dataset)} per $1{beside}"
    return f"{what} returns the most in {market}: {fmt.per_dollar(v['roi'], dataset)} per $1"


def _interval(row: dict, names: list) -> tuple[float, float] | None:
    """One channel's 90% ROI interval in a market row (None for all media, or when missing)."""
    if len(names) != 1:
        return None
    c = row.get("channels", {}).get(names[0], {})
    low, high = c.get("roi_low"), c.get("roi_high")
    return None if low is None or high is None else (float(low), float(high))


@chart
def market_what_if_chart(data: dict, dataset, path: str | Path) -> Path:
    """A what-if in some markets: each changed market's change in sales (largest first, at most MAX_BARS), titled
    with the national total and its 90% interval, the figures the answer quotes."""
    rows = sorted(data["by_market"].items(), key=lambda mv: -abs(mv[1]["delta_sales"] or 0.0))
    shown = rows[:MAX_BARS]
    fig, ax = new_figure(size=(11.0, 2.2 + 0.32 * len(shown)))
    y = np.arange(len(shown))[::-1]
    values = [float(v["delta_sales"] or 0.0) for _, v in shown]
    ax.barh(y, values, height=0.7, color=[PALETTE[0] if v >= 0 else PALETTE[5] for v in values])
    for yi, v in zip(y, values):
        ax.text(v, yi, f" {fmt.signed_amount(v, dataset)} ", va="center", ha="left" if v >= 0 else "right",
                fontsize=9, color=INK)
    span = max([abs(v) for v in values] + [1e-9])
    low, high = min(0.0, *values), max(0.0, *values)
    ax.set_xlim(low - (0.3 if low < 0 else 0.05) * span, high + (0.3 if high > 0 else 0.05) * span)   # room for labels
    ax.axvline(0, color=INK, linewidth=0.9)
    ax.set_yticks(y, [m for m, _ in shown], fontsize=9.5)
    ax.set_xlabel(f"Change in {fmt.outcome_word(dataset)}")
    ax.xaxis.set_major_formatter(lambda value, _pos: fmt.signed_amount(value, dataset) if value else "0")
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    change = ", ".join(f"{c} {fmt.signed_pct(p, 0)}" for c, p in data["changes"].items())
    names = list(data["markets"])
    where = f"all {len(names)} markets" if data.get("every") and len(names) > 1 else \
        ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    more = f"; {len(rows) - len(shown)} more markets not shown" if len(rows) > len(shown) else ""
    over = f" over {data['window']}" if data.get("window") else ""
    headline(fig, f"{change} in {where}: {fmt.signed_amount(data['delta_sales'], dataset)} "
                  f"({fmt.signed_pct(data['delta_sales_pct'], 2)} nationally)",
             f"Change in {fmt.outcome_word(dataset)} by market{over}; 90% interval of the total "
             f"{fmt.signed_amount(data['delta_sales_low'], dataset)} to "
             f"{fmt.signed_amount(data['delta_sales_high'], dataset)}{more}.")
    fig.subplots_adjust(left=0.16, right=0.95, bottom=0.55 / (2.2 + 0.32 * len(shown)))
    return save_png(fig, path)


@chart
def top_markets_chart(fit, path: str | Path) -> Path:
    """Weekly sales of the largest markets: actual, and the model's baseline (no media) underneath."""
    from matplotlib.dates import DateFormatter, YearLocator
    from matplotlib.ticker import FuncFormatter

    panel = fit.panel
    order = np.argsort(panel.sales.sum(axis=0))[::-1][:SMALL_MULTIPLES]
    cols = 3
    rows = int(np.ceil(len(order) / cols))
    fig, axes = new_figure(size=(11.0, 1.6 + 2.4 * rows), nrows=rows, ncols=cols, squeeze=False, sharex=True)
    dates = fit.dataset.dates
    for ax, g in zip(axes.ravel(), order):
        seen = panel.observed[:, g]
        media = fit.market_contributions[:, g, :].sum(axis=1)
        ax.plot(dates[seen], panel.sales[seen, g], color=INK, linewidth=1.0, label="actual")
        ax.fill_between(dates[seen], 0, fit.market_baseline[seen, g], color="#C9CED6", label="baseline")
        ax.fill_between(dates[seen], fit.market_baseline[seen, g], fit.market_baseline[seen, g] + media[seen],
                        color=PALETTE[0], alpha=0.6, label="media")
        ax.set_title(panel.markets[g], fontsize=10.5, color=INK, loc="left")
        style_axes(ax)
        ax.tick_params(labelsize=8)
        ax.xaxis.set_major_locator(YearLocator())
        ax.xaxis.set_major_formatter(DateFormatter("%Y"))
        ax.yaxis.set_major_formatter(FuncFormatter(_compact))
    for ax in axes.ravel()[len(order):]:
        ax.set_visible(False)
    axes.ravel()[0].legend(fontsize=8, frameon=False, loc="lower left")
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.08, hspace=0.45, wspace=0.18)
    headline(fig, f"The {len(order)} largest of {panel.n_markets} markets: weekly {fmt.outcome_word(fit.dataset)}",
             "Grey: the model's baseline without media; blue: media's incremental part; line: actual.", extra=0.2)
    return save_png(fig, path)


def _compact(value: float, _pos=None) -> str:
    """Axis numbers without an offset: 1.2M, 850k, 40."""
    v = abs(value)
    return f"{value / 1e9:.1f}B" if v >= 1e9 else f"{value / 1e6:.1f}M" if v >= 1e6 else \
        f"{value / 1e3:.0f}k" if v >= 1e3 else f"{value:g}"


def draw_market_chart(source, key: str, directory: Path, result=None, name: str | None = None) -> Path:
    """Draw market chart `key` (of MARKET_FILES) for a Session or BoardPack; `result` is the
    market ROI data of an answer (default: every market, all media); `name` overrides the file name."""
    path = Path(directory) / (name or MARKET_FILES[key])
    if key == "market_multiples":
        return top_markets_chart(source.fit, path)
    if key == "market_what_if":
        return market_what_if_chart(result, source.dataset, path)
    if result is None:
        from assistant.answers.markets import market_roi_data

        result = market_roi_data(source, (), ())
    return market_roi_chart(result, source.dataset, path)
