"""Charts whose titles state the finding: one function per chart, typed result in, PNG path out.

Every function takes the analysis result(s), an output path, `colors` from `channel_colors`
(keyed by the dataset's channel order, so a channel has one colour in every chart) and,
where money is drawn, `units` from `money_units` ("$000s" for the sample). Titles are built
from the result with assistant.format, the same functions the chat uses, so a chart never
shows a number the answer does not. matplotlib is imported inside the functions (Agg
backend); each PNG is written to a temporary file and renamed into place.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.results import saturated_by_next_dollar
from assistant import format as fmt
from assistant.charts.style import (
    BASELINE_COLOR,
    INK,
    MUTED,
    SUBTLE,
    channel_colors,
    chart,
    headline,
    money_units,
    new_figure,
    save_png,
    scaled,
    style_axes,
    thousands,
)

if TYPE_CHECKING:
    from analysis.dataset import Dataset
    from analysis.model import MMMFit
    from analysis.results import ContributionResult, RoiResult, SaturationResult

__all__ = [
    "channel_colors", "money_units", "sales_spend_trend_chart", "contribution_chart", "roi_chart",
    "response_curves_chart", "budget_efficiency_chart", "decomposition_pie_chart", "what_if_chart",
    "reallocation_chart", "period_drivers_chart", "waterfall_chart", "CHART_FILES",
]

# The demo's file names, in the order the charts tell the story.
CHART_FILES = {
    "trend": "01_sales_spend_trend.png",
    "contributions": "02_channel_contributions.png",
    "roi": "03_roi_comparison.png",
    "response_curves": "04_response_curves.png",
    "efficiency": "05_budget_efficiency.png",
    "decomposition": "06_decomposition_pie.png",
    "what_if": "07_what_if.png",
    "reallocation": "08_reallocation.png",
    "period_drivers": "09_period_drivers.png",
}

Colors = Mapping[str, str]


def _color(colors: Colors, channel: str) -> str:
    return colors.get(channel, MUTED)


def _interval(result: ContributionResult) -> str:
    """' (90% interval 27.0%–46.0%)' after the media share, as the chat quotes it; '' without one."""
    span = fmt.share_range(result.media_share_low, result.media_share_high)
    return f" (90% interval {span})" if span else ""


def _unmeasured_label(n: int, wrap: bool = False) -> str:
    """The one legend entry that pools the channels the data cannot measure (never one point each)."""
    return "Not measurable" if n == 1 else f"Not measurable{chr(10) if wrap else ' '}({n} channels)"


def _legend(ax, **kwargs: Any):
    kwargs.setdefault("frameon", False)
    kwargs.setdefault("fontsize", 10)
    return ax.legend(**kwargs)


# 01 ---------------------------------------------------------------------------------------------

@chart
def sales_spend_trend_chart(dataset: Dataset, path: str | Path, *, colors: Colors, units: str) -> Path:
    """Weekly sales (top) over the weekly spend of every channel, stacked (bottom)."""
    import numpy as np

    sales = np.asarray(dataset.sales, dtype=float)
    spend = np.asarray(dataset.spend, dtype=float)
    span = 52 if len(sales) >= 104 else max(1, len(sales) // 2)
    first, last = sales[:span].sum(), sales[-span:].sum()
    change = 100.0 * (last / first - 1.0) if first else 0.0
    window = "the first and the last 52 weeks" if span == 52 else f"the first and the last {span} weeks"
    verb = "grew" if change >= 0 else "fell"
    weekly_spend = float(spend.sum(axis=1).mean())
    title = (f"Sales {verb} {fmt.pct(abs(change))} between {window}; "
             f"media spend averaged {fmt.money(weekly_spend, scaled(units))} a week")

    fig, (top, bottom) = new_figure(size=(11.0, 6.6), nrows=2, sharex=True,
                                    gridspec_kw={"height_ratios": [1.0, 1.1], "hspace": 0.12})
    dates = dataset.dates
    top.plot(dates, sales, color=INK, linewidth=1.6, label=f"Sales ({units})")
    top.set_ylabel(f"Weekly sales\n({units})")
    top.yaxis.set_major_formatter(thousands(units))
    names = list(dataset.channels)
    bottom.stackplot(dates, spend.T, colors=[_color(colors, n) for n in names], labels=names,
                     linewidth=0)
    bottom.set_ylabel(f"Weekly spend\n({units})")
    bottom.set_xlabel("Week")
    bottom.yaxis.set_major_formatter(thousands(units))
    bottom.set_ylim(0, None)
    for ax in (top, bottom):
        style_axes(ax)
        ax.margins(x=0.005)
    _legend(bottom, loc="upper left", bbox_to_anchor=(1.005, 1.0), title="Spend by channel",
            title_fontsize=10, alignment="left")
    headline(fig, title, f"{dataset.source}: {len(sales)} weeks, "
             f"{dates[0]:%d %b %Y} to {dates[-1]:%d %b %Y}")
    fig.subplots_adjust(left=0.085, right=0.86, bottom=0.09)
    return save_png(fig, path)


# 02 ---------------------------------------------------------------------------------------------

@chart
def contribution_chart(fit: MMMFit, result: ContributionResult, path: str | Path, *,
                       colors: Colors, units: str) -> Path:
    """Weekly sales as baseline plus each channel's contribution (top), and the channels alone (bottom)."""
    import numpy as np

    dec = fit.decomposition
    names = list(fit.channel_names)
    parts = np.clip(np.asarray(dec.channels, dtype=float), 0.0, None)
    top_channel = next((r for r in result.channels if r.measurable), None)
    vague = [j for j, n in enumerate(names) if not next((r.measurable for r in result.channels if r.channel == n), True)]
    title = (f"Media drove {fmt.share(result.media_share)}{_interval(result)} of sales; "
             + (f"{top_channel.channel} contributed the most"
                + (" of the channels the data can measure" if vague else "")
                + f" ({fmt.money(top_channel.contribution, scaled(units))})"
                if top_channel else "no single channel's share can be measured"))
    if vague:   # one layer for the channels the data cannot split, never one point each
        keep = [j for j in range(len(names)) if j not in vague]
        parts = np.column_stack([parts[:, keep], parts[:, vague].sum(axis=1)])
        label = _unmeasured_label(len(vague), wrap=True)
        colors = {**colors, label: MUTED}
        names = [names[j] for j in keep] + [label]

    fig, (top, bottom) = new_figure(size=(11.0, 6.8), nrows=2, sharex=True,
                                    gridspec_kw={"height_ratios": [1.0, 1.0], "hspace": 0.14})
    series = [dec.baseline] + [parts[:, j] for j in range(parts.shape[1])]
    top.stackplot(dec.dates, series, colors=[BASELINE_COLOR] + [_color(colors, n) for n in names],
                  labels=["Baseline"] + names, linewidth=0)
    top.plot(dec.dates, dec.actual, color=INK, linewidth=0.9, label="Actual sales")
    top.set_ylabel(f"Weekly sales\n({units})")
    top.set_ylim(0, None)
    bottom.stackplot(dec.dates, parts.T, colors=[_color(colors, n) for n in names], labels=names, linewidth=0)
    bottom.set_ylabel(f"Media contribution\n({units} a week)")
    bottom.set_xlabel("Week")
    bottom.set_ylim(0, None)
    for ax in (top, bottom):
        style_axes(ax)
        ax.margins(x=0.005)
        ax.yaxis.set_major_formatter(thousands(units))
    handles, labels = top.get_legend_handles_labels()
    order = [labels.index("Actual sales"), labels.index("Baseline")] + \
        [labels.index(n) for n in names]
    _legend(top, handles=[handles[i] for i in order], labels=[labels[i] for i in order],
            loc="upper left", bbox_to_anchor=(1.005, 1.0), alignment="left")
    headline(fig, title, f"Top: what the model attributes each week's sales to. Bottom: the media layers "
             f"alone, stacked. Baseline {fmt.share(result.baseline_share)} of sales.")
    fig.subplots_adjust(left=0.085, right=0.84, bottom=0.09)
    return save_png(fig, path)


# 03 ---------------------------------------------------------------------------------------------

@chart
def roi_chart(result: RoiResult, path: str | Path, *, colors: Colors, units: str = "$000s",
              dataset: Dataset | None = None) -> Path:
    """ROI per channel, ranked, with 90% interval whiskers; unmeasurable channels hatched grey."""
    rows = list(result.channels)
    ranked = [r for r in rows if r.measurable and r.roi is not None]
    if ranked:
        best = ranked[0]
        title = (f"{best.channel} returns the most per dollar: {fmt.per_dollar(best.roi, dataset)} "
                 f"(90% range {fmt.per_dollar_range(best.roi_low, best.roi_high, dataset)})")
    else:
        title = "No channel's return can be told apart from zero in this data"

    # the axis follows the measured points; an unmeasurable channel has no point, only its interval
    values = [float(r.roi) for r in ranked if r.roi is not None] or [0.5 * r.roi_high for r in rows
                                                                      if r.roi_high is not None]
    # Whiskers can be very long for uncertain channels: cap the axis and mark clipped ends.
    money = dataset is None or getattr(dataset, "in_money", True)
    floor = 1.2 if money else 1e-12   # a count per $1 has no $1 break-even to keep in view
    x_max = max([floor] + [1.9 * v for v in values] + [r.roi_high for r in ranked[:1] if r.roi_high is not None])
    x_max = min(x_max, max([floor] + [2.6 * v for v in values]))
    fig, ax = new_figure(size=(11.0, 2.0 + 0.62 * len(rows)))
    y = list(range(len(rows)))[::-1]
    for yi, r in zip(y, rows):
        color = _color(colors, r.channel)
        if r.roi is None:
            ax.text(0.02 * x_max, yi, "not measurable" + (f" — {r.note}" if r.note else ""),
                    va="center", ha="left", fontsize=10, color=SUBTLE, style="italic")
            continue
        low = r.roi_low if r.roi_low is not None else r.roi
        high = r.roi_high if r.roi_high is not None else r.roi
        shown_high = min(high, x_max * 0.97)
        if r.measurable:
            ax.barh(yi, r.roi, height=0.62, color=color)
        else:   # the band of its interval, no bar to a point the data cannot tell from zero
            ax.barh(yi, shown_high - low, left=low, height=0.62, color="#E3E6EA", edgecolor=MUTED, hatch="///",
                    linewidth=0.8)
        ax.plot([low, shown_high], [yi, yi], color=INK, linewidth=1.3, solid_capstyle="butt")
        ax.plot([low, low], [yi - 0.16, yi + 0.16], color=INK, linewidth=1.3)
        if high > x_max * 0.97:
            ax.annotate("", xy=(x_max, yi), xytext=(shown_high - 0.001, yi),
                        arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 1.3})
        else:
            ax.plot([high, high], [yi - 0.16, yi + 0.16], color=INK, linewidth=1.3)
        label = f"{fmt.per_dollar(r.roi, dataset)}  ({fmt.per_dollar_range(r.roi_low, r.roi_high, dataset, bare=True)})"
        at = r.roi
        if not r.measurable:
            label, at = f"not measurable: {fmt.per_dollar_range(r.roi_low, r.roi_high, dataset, bare=True)}", low
        ax.text(at, yi + 0.36, label, ha="left" if at < 0.75 * x_max else "right",
                va="bottom", fontsize=9.5, color=INK if r.measurable else SUBTLE)
    if money:
        ax.axvline(1.0, color=MUTED, linestyle="--", linewidth=1.0)
        ax.text(1.0, len(rows) - 0.35, " break-even: $1 back per $1", color=SUBTLE, fontsize=9, va="bottom")
    ax.set_yticks(y, [r.channel for r in rows], fontsize=11)
    ax.set_xlim(0, x_max)
    ax.set_ylim(-0.6, len(rows) - 0.1)
    ax.set_xlabel(f"{fmt.outcome_word(dataset).capitalize() if dataset is not None else 'Sales'} per $1 of spend "
                  f"(ROI), with 90% interval")
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", labelsize=11, colors=INK)
    headline(fig, title, "Ranked best first; grey hatched bands: not measurable (the 90% interval reaches zero), "
             "shown by that interval only and not ranked. Arrows: interval runs off the chart.")
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.6 / (2.0 + 0.62 * len(rows)))
    return save_png(fig, path)


# 04 ---------------------------------------------------------------------------------------------

@chart
def response_curves_chart(result: SaturationResult, path: str | Path, *, colors: Colors, dataset: Dataset | None = None,
                          units: str = "$000s") -> Path:
    """One panel per channel (most saturated first): total response vs total spend, today marked."""
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    rows = list(result.channels)
    top = next((r for r in rows if r.measurable), None)
    some_vague = any(not r.measurable for r in rows)
    title = ("Response curves (no channel's saturation can be measured in this data)" if top is None else
             f"{top.channel} is the most saturated {'measurable ' if some_vague else ''}channel: "
             + (f"next $1 returns {fmt.per_dollar(top.marginal_roi, dataset)} against "
                f"{fmt.per_dollar(top.roi, dataset)} on average"   # saturated by its next dollar (answers' words)
                if saturated_by_next_dollar(top.status, top.saturation_pct) else
                f"{fmt.pct(top.saturation_pct, 0)} of its maximum response, next $1 returns "
                f"{fmt.per_dollar(top.marginal_roi, dataset)}"))
    ncols = 3
    nrows = max(1, math.ceil((len(rows) + 1) / ncols))
    fig, axes = new_figure(size=(11.0, 1.6 + 2.9 * nrows), nrows=nrows, ncols=ncols, squeeze=False)
    flat = list(axes.ravel())
    for ax, r in zip(flat, rows):
        curve = r.curve
        color = _color(colors, r.channel) if r.measurable else MUTED
        ax.plot(curve.spend, curve.response, color=color, linewidth=2.2)
        ax.fill_between(curve.spend, 0, curve.response, color=color, alpha=0.08)
        ax.axvline(curve.current_spend, color=SUBTLE, linestyle=":", linewidth=1.0)
        ax.plot([curve.current_spend], [curve.current_response], "o", color=color,
                markeredgecolor="white", markersize=8, zorder=5)
        ax.set_title(r.channel, loc="left", fontsize=11.5, fontweight="bold", color=INK)
        ax.text(0.03, 0.96, f"today {fmt.pct(r.saturation_pct, 0)} saturated: {r.status}\n"
                f"next $1 returns {fmt.per_dollar(r.marginal_roi, dataset)}" if r.measurable else
                "not measurable in this data:\nthis curve is a guess",
                transform=ax.transAxes, va="top", ha="left", fontsize=9, color=INK,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
        style_axes(ax)
        ax.xaxis.set_major_formatter(thousands(units))
        ax.yaxis.set_major_formatter(thousands(units))
        ax.set_xlim(0, float(np.max(curve.spend)) if len(curve.spend) else 1)
        ax.set_ylim(0, max(1e-9, float(np.max(curve.response)) * 1.35))
        ax.tick_params(labelsize=9)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.yaxis.set_major_locator(MaxNLocator(5))
    for ax in flat[len(rows):]:
        ax.axis("off")
    if len(flat) > len(rows):
        note = flat[len(rows)]
        note.text(0.02, 0.9, "How to read these curves", fontsize=10.5, fontweight="bold", color=INK,
                  va="top", transform=note.transAxes)
        note.text(0.02, 0.74, "x: total spend over the period\n"
                  f"     ({units}), scaling today's plan 0-3x\n"
                  f"y: incremental sales ({units})\n"
                  "dot: today's spend\n"
                  "Flat curve = extra spend adds little.",
                  fontsize=9.5, color=SUBTLE, va="top", transform=note.transAxes, linespacing=1.5)
    for ax in flat[: len(rows)]:
        ax.set_xlabel(f"Total spend ({units})", fontsize=9.5)
    for ax in axes[:, 0]:
        ax.set_ylabel(f"Incremental sales\n({units})")
    headline(fig, title, "Each channel's total incremental sales as its whole weekly plan is scaled up or down.",
             extra=0.3)
    height = 1.6 + 2.9 * nrows
    fig.subplots_adjust(left=0.09, right=0.985, bottom=0.6 / height, hspace=0.75, wspace=0.3)
    return save_png(fig, path)


# 05 ---------------------------------------------------------------------------------------------

@chart
def budget_efficiency_chart(result: RoiResult, path: str | Path, *, colors: Colors) -> Path:
    """Each channel's share of media spend next to its share of media-driven sales."""
    rows = [r for r in result.channels]
    spend_share = {r.channel: (r.spend / result.total_spend if result.total_spend else 0.0) for r in rows}
    sales_share = {r.channel: (r.contribution / result.total_contribution if result.total_contribution else 0.0)
                   for r in rows}
    # measurable channels by how far sales outrun spend; the others after them by spend, with no sales share
    measured = sorted((r for r in rows if r.measurable), key=lambda r: sales_share[r.channel] - spend_share[r.channel],
                      reverse=True)
    order = measured + sorted((r for r in rows if not r.measurable), key=lambda r: -spend_share[r.channel])
    best = measured[0] if measured else None
    if best is not None and sales_share[best.channel] > spend_share[best.channel]:
        title = (f"{best.channel} earns {fmt.share(sales_share[best.channel])} of media-driven sales "
                 f"on {fmt.share(spend_share[best.channel])} of the spend")
    elif not measured:
        title = "No channel's share of sales can be measured in this data"
    else:
        title = "Every measurable channel's share of sales is in line with its share of spend"
    worst = measured[-1] if len(measured) > 1 else None

    fig, ax = new_figure(size=(11.0, 1.7 + 0.75 * len(rows)))
    height = 0.36
    y = list(range(len(order)))[::-1]
    for yi, r in zip(y, order):
        color = _color(colors, r.channel) if r.measurable else MUTED
        ax.barh(yi + height / 2, 100 * spend_share[r.channel], height=height, color="white",
                edgecolor=color, hatch="////", linewidth=1.2)
        ax.text(100 * spend_share[r.channel] + 0.6, yi + height / 2, f"{fmt.share(spend_share[r.channel])} of spend",
                va="center", fontsize=9.5, color=SUBTLE)
        if not r.measurable:
            ax.text(0.6, yi - height / 2, "share of sales not measurable", va="center", fontsize=9.5, color=SUBTLE,
                    style="italic")
            continue
        ax.barh(yi - height / 2, 100 * sales_share[r.channel], height=height, color=color)
        ax.text(100 * sales_share[r.channel] + 0.6, yi - height / 2,
                f"{fmt.share(sales_share[r.channel])} of media sales", va="center", fontsize=9.5, color=INK)
    ax.set_yticks(y, [r.channel for r in order])
    ax.tick_params(axis="y", labelsize=11, colors=INK)
    peak = max([1.0] + [100 * v for v in spend_share.values()] + [100 * sales_share[r.channel] for r in measured])
    ax.set_xlim(0, peak * 1.32)
    ax.set_xlabel("Share of the period's media total (%)")
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    from matplotlib.patches import Patch

    _legend(ax, handles=[Patch(facecolor="white", edgecolor=SUBTLE, hatch="////", label="Share of spend"),
                         Patch(facecolor=SUBTLE, label="Share of media-driven sales")],
            loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize=10)
    sub = "Channels whose solid bar is longer than the hatched one return more than their share of budget."
    if worst is not None and sales_share[worst.channel] < spend_share[worst.channel]:
        sub += (f" {worst.channel}: {fmt.share(spend_share[worst.channel])} of spend, "
                f"{fmt.share(sales_share[worst.channel])} of sales.")
    headline(fig, title, sub, extra=0.3)
    h = 1.7 + 0.75 * len(rows)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.6 / h)
    return save_png(fig, path)


# 06 ---------------------------------------------------------------------------------------------

@chart
def decomposition_pie_chart(result: ContributionResult, path: str | Path, *, colors: Colors,
                            channel_order: Sequence[str] | None = None, period: str | None = None) -> Path:
    """A donut of total sales: the baseline and each channel's share (over `period` when one was asked)."""
    rows = list(result.channels)
    if channel_order:
        rank = {n: i for i, n in enumerate(channel_order)}
        rows.sort(key=lambda r: rank.get(r.channel, len(rank)))
    measured = [r for r in result.channels if r.measurable]
    vague = [r for r in rows if not r.measurable]
    top = max(measured, key=lambda r: r.share) if measured else None
    title = ((f"In {period}, media" if period else "Media") + f" drove {fmt.share(result.media_share)}{_interval(result)} "
             f"of sales; the baseline {fmt.share(result.baseline_share)}")
    if top is not None:
        title += f" (largest {'measurable ' if vague else ''}channel: {top.channel}, {fmt.share(top.share)})"
    rows = [r for r in rows if r.measurable]
    labels = ["Baseline (no media)"] + [r.channel for r in rows]
    values = [max(result.baseline_share, 0.0)] + [max(r.share, 0.0) for r in rows]
    fill = [BASELINE_COLOR] + [_color(colors, r.channel) for r in rows]
    if vague:   # one wedge for the channels the data cannot split: the media total holds, its split does not
        labels.append(_unmeasured_label(len(vague)))
        values.append(sum(max(r.share, 0.0) for r in vague))
        fill.append(MUTED)

    fig, ax = new_figure(size=(11.0, 6.2))
    wedges, _ = ax.pie(values, colors=fill, startangle=90, counterclock=False,
                       wedgeprops={"width": 0.36, "edgecolor": "white", "linewidth": 1.5})
    ax.set_aspect("equal")
    ax.text(0, 0.08, fmt.share(result.media_share), ha="center", va="center", fontsize=24,
            fontweight="bold", color=INK)
    ax.text(0, -0.14, "of sales from media", ha="center", va="center", fontsize=11, color=SUBTLE)
    legend_labels = [f"{name}  {fmt.share(v)}" for name, v in zip(labels, values)]
    _legend(ax, handles=wedges, labels=legend_labels, loc="center left", bbox_to_anchor=(1.02, 0.5),
            fontsize=11.5, title="Share of total sales", title_fontsize=11, alignment="left",
            handlelength=1.2, handleheight=1.2, labelspacing=0.8)
    headline(fig, title, "Total sales over the period split into what the model attributes to the "
             "baseline and to each channel.")
    fig.subplots_adjust(left=0.02, right=0.62, bottom=0.03)
    return save_png(fig, path)


# 07 ---------------------------------------------------------------------------------------------

def _changes(result: Any) -> dict[str, float]:
    """A scenario's {channel: signed %}, from a ScenarioResult (pairs) or its JSON dict."""
    changes = _get(result, "changes", default=None) or {}
    return dict(changes.items() if isinstance(changes, Mapping) else changes)


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, Mapping) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


@chart
def what_if_chart(result: Any, path: str | Path, *, colors: Colors, units: str = "$000s", dataset: Any = None) -> Path:
    """Per-channel change in sales for a budget scenario (channels it touched), with 90% intervals."""
    changes = _changes(result)
    rows = [r for r in (_get(result, "channels", default=()) or ())
            if _get(r, "channel") in changes
            or abs(float(_get(r, "delta_spend", default=0.0))) > 1e-9 * max(1.0, abs(float(_get(result, "base_spend", default=1.0))))]
    total = _get(result, "delta_sales")
    low, high = _get(result, "delta_sales_low"), _get(result, "delta_sales_high")
    delta_spend = _get(result, "delta_spend", default=0.0)
    money = scaled(units)
    plan = _get(result, "label", default=None) or ", ".join(f"{k} {fmt.signed_pct(v)}" for k, v in changes.items())
    outcome = dataset if dataset is not None else money   # a count target's outcome is said in its unit, as in the answer
    word = "sales " if fmt.outcome_word(outcome) == "sales" else ""   # "−584k conversions" names its own unit
    moved = [r for r in rows if abs(float(_get(r, "delta_spend", default=0.0))) > 0]
    guess = bool(moved) and not any(_get(r, "measurable", default=True) for r in moved)
    # a change resting only on channels the data cannot measure is not titled by its point (as in the answer)
    point = "cannot be told from zero" if guess else f"{word}{fmt.signed_amount(total, outcome)}"
    title = (f"{plan[:1].upper() + plan[1:]}: {point} "
             f"(90% range {fmt.amount_range(low, high, outcome)}) for {fmt.signed_money(delta_spend, money)} of spend")
    labels, values, lows, highs, fills = [], [], [], [], []
    for r in rows:
        labels.append(_get(r, "channel"))
        values.append(float(_get(r, "delta_sales", default=0.0)))
        lows.append(float(_get(r, "delta_sales_low", default=values[-1])))
        highs.append(float(_get(r, "delta_sales_high", default=values[-1])))
        fills.append(_color(colors, labels[-1]))
    labels.append("Total")
    values.append(float(total))
    lows.append(float(low if low is not None else total))
    highs.append(float(high if high is not None else total))
    fills.append(INK)

    fig, ax = new_figure(size=(11.0, 2.4 + 0.62 * len(labels)))
    y = list(range(len(labels)))[::-1]
    ax.barh(y, values, height=0.6, color=fills)
    for yi, v, lo, hi, name in zip(y, values, lows, highs, labels):
        ax.plot([lo, hi], [yi, yi], color=SUBTLE if name == "Total" else INK, linewidth=1.3)
        for end in (lo, hi):
            ax.plot([end, end], [yi - 0.15, yi + 0.15], color=SUBTLE if name == "Total" else INK, linewidth=1.3)
        text = f"{fmt.signed_amount(v, outcome)}  ({fmt.amount_range(lo, hi, outcome)})"
        ax.text(max(hi, v, 0) , yi + 0.33, " " + text, va="bottom", ha="left", fontsize=9.5, color=INK)
    ax.axvline(0, color=INK, linewidth=0.9)
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", labelsize=11, colors=INK)
    span = max([abs(v) for v in lows + highs] + [1e-9])
    left = min(0.0, min(lows)) - 0.08 * span
    ax.set_xlim(left, max(0.0, max(highs)) + 0.45 * span)
    ax.set_ylim(-0.6, len(labels) - 0.05)
    ax.xaxis.set_major_formatter(thousands(units))
    ax.set_xlabel(f"Change in sales ({units}), with 90% interval")
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    pct = _get(result, "delta_sales_pct")
    sub = "Change in sales over the weeks whose spend changes (the planning horizon or the question's window)"
    sub += f" ({fmt.signed_pct(pct)})." if pct is not None else "."
    headline(fig, title, sub)
    h = 2.4 + 0.62 * len(labels)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.65 / h)
    return save_png(fig, path)


# 08 ---------------------------------------------------------------------------------------------

def reallocation_subtitle(result: Any, same: bool) -> str:
    """What the plan did, as the chat says it: moved toward the best split (all or part of the way), or kept
    today's mix because that split is too uncertain ("goes 0% of the way" read as a move that was not made)."""
    binding = _get(result, "binding", default=()) or ()
    step = float(_get(result, "step", default=1.0) or 0.0)
    at_optimum = _get(result, "optimum_delta_sales", default=None) is None
    if not at_optimum and step <= 0:
        why = ("the model explains too little of this data, graded Low, to bet on a re-split"
               if _get(result, "low_grade_hold", default=False) else "its 90% range includes a loss")
        sub = (("Same total budget" if same else "The new budget") + " in today's mix: the model's best split is too "
               f"uncertain to recommend ({why}).")
    else:
        sub = ("Same total budget" if same else "The new budget") + ", moved towards the channels whose next dollar returns the most."
        partway = [str(row[0]) for row in (_get(result, "partway", default=()) or ())]
        if not at_optimum and partway:   # a careful plan: some channels move fully, these only partway
            sub += (f" {', '.join(partway)} {'moves' if len(partway) == 1 else 'move'} only part of the way toward the "
                    "best split: beyond that the model cannot tell the return apart from its noise.")
        elif not at_optimum and step < 1.0:
            sub += (f" The plan goes {step:.0%} of the way toward the best split: a bigger move's 90% interval "
                    "includes a loss.")
    if binding:
        sub += (" Limits that bind at the full optimum: " if not at_optimum else " Limits that bind: ") \
            + "; ".join(str(b) for b in binding) + "."
    return sub


@chart
def reallocation_chart(result: Any, path: str | Path, *, colors: Colors, units: str = "$000s",
                       dataset: Any = None) -> Path:
    """Current vs recommended spend per channel, with the change and the expected uplift."""
    rows = list(_get(result, "allocation", default=()) or ())
    money = scaled(units)
    delta = _get(result, "expected_delta_sales")
    low, high = _get(result, "expected_delta_sales_low"), _get(result, "expected_delta_sales_high")
    total, current = _get(result, "total_budget"), _get(result, "current_total")
    same = total is None or current is None or fmt.same_budget(total, current)
    budget = "the same total budget" if same else f"a total budget of {fmt.money(total, money)}"
    prob_loss = _get(result, "prob_loss", default=None)
    outcome = dataset if dataset is not None else money
    step = float(_get(result, "step", default=1.0) or 0.0)
    kept = (same and step <= 0 and _get(result, "optimum_delta_sales", default=None) is not None
            and all(abs(_get(r, "recommended") - _get(r, "current")) <= 1e-9 * max(1.0, abs(_get(r, "current")))
                    for r in rows))
    if kept:   # nothing moves: lead with what to do, as the answer does (not "+$0 (90% range $0 to $0)")
        title = "Keep today's mix: no re-split of the same total budget is clear of a loss in this data"
    else:
        title = (("The recommended plan changes sales by " if fmt.outcome_word(outcome) == "sales" else "The recommended plan: ")
                 + f"{fmt.signed_amount(delta, outcome)} "
                 f"(90% range {fmt.amount_range(low, high, outcome)}) at {budget}")
    if prob_loss is not None and not kept:
        title += f"; chance it sells less than {fmt.reference_mix(same)}: {fmt.chance(prob_loss)}"
    fig, ax = new_figure(size=(11.0, 1.9 + 0.78 * len(rows)))
    height = 0.36
    y = list(range(len(rows)))[::-1]
    peak = max([1e-9] + [max(_get(r, "current"), _get(r, "recommended")) for r in rows])
    for yi, r in zip(y, rows):
        name = _get(r, "channel")
        color = _color(colors, name)
        cur, rec = float(_get(r, "current")), float(_get(r, "recommended"))
        ax.barh(yi + height / 2, cur, height=height, color="white", edgecolor=color, hatch="////", linewidth=1.2)
        ax.barh(yi - height / 2, rec, height=height, color=color)
        ax.text(cur + 0.01 * peak, yi + height / 2, f"now {fmt.money(cur, money)}", va="center",
                fontsize=9.5, color=SUBTLE)
        change = _get(r, "change_pct")
        change_text = fmt.signed_pct(change, 0) if change is not None else ""   # the answer table's rounding
        # at_bound describes the model's optimum; a partial (confidence-limited) step is not at it
        at_optimum = _get(result, "optimum_delta_sales", default=None) is None
        bound = " (at its limit)" if at_optimum and _get(r, "at_bound", default=False) else ""
        ax.text(rec + 0.01 * peak, yi - height / 2,
                f"recommended {fmt.money(rec, money)}  {change_text}{bound}", va="center", fontsize=9.5,
                color=INK, fontweight="bold")
    ax.set_yticks(y, [_get(r, "channel") for r in rows])
    ax.tick_params(axis="y", labelsize=11, colors=INK)
    ax.set_xlim(0, peak * 1.45)
    ax.xaxis.set_major_formatter(thousands(units))
    ax.set_xlabel(f"Spend over {_get(result, 'over', default=None) or 'the period'} ({units})")
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    from matplotlib.patches import Patch

    _legend(ax, handles=[Patch(facecolor="white", edgecolor=SUBTLE, hatch="////", label="Current"),
                         Patch(facecolor=SUBTLE, label="Recommended")],
            loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2)
    headline(fig, title, reallocation_subtitle(result, same), extra=0.3)
    h = 1.9 + 0.78 * len(rows)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.65 / h)
    _gain_inset(fig, ax, _get(result, "gain_draws", default=None), money, units)
    return save_png(fig, path)


def _gain_inset(fig, main, draws, money, units: str) -> None:
    """The plan's gain as the spread of the model draws that scored it, losses in red. The stated 90% range and
    chance of a loss hold more than these draws (other curves the data allows, quarter refits, unmeasured
    channels), so the inset says so rather than look like their source. It sits inside the main axes, its own tick
    labels above the main axis line (placed on that line, they were printed over the main axis's tick labels)."""
    import numpy as np

    if draws is None or len(draws) == 0 or float(np.ptp(draws)) <= 0:
        return
    values = np.asarray(draws, dtype=float)
    box = main.get_position()
    lift = 0.35 / fig.get_figheight()          # room for the inset's tick labels: about a third of an inch
    ax = fig.add_axes((box.x1 - 0.23, box.y0 + lift, 0.22, 0.2))
    bins = np.linspace(min(values.min(), 0.0), max(values.max(), 0.0), 25)
    counts, edges, patches = ax.hist(values, bins=bins, color=SUBTLE)
    for patch, left in zip(patches, edges[:-1]):
        if left < 0:
            patch.set_facecolor("#c0392b")
    ax.axvline(0, color=INK, linewidth=0.9)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(thousands(units))
    ax.tick_params(axis="x", labelsize=7.5)
    ax.set_title("Gain across the scoring draws (red: a loss);\nthe stated range also allows other curves",
                 fontsize=8, color=INK)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


# 09 ---------------------------------------------------------------------------------------------

@chart
def waterfall_chart(start: tuple[str, float], parts: Sequence[tuple[str, float]], end: tuple[str, float],
                    path: str | Path, *, title: str, subtitle: str | None = None,
                    colors: Colors | None = None, units: str = "$000s", outcome: Any = None) -> Path:
    """A waterfall from `start` to `end` through signed `parts` (label, change); parts coloured by channel
    (`outcome`: the dataset, so a count target's bars are labelled in its unit)."""
    colors = colors or {}
    labels = [start[0]] + [p[0] for p in parts] + [end[0]]
    fig, ax = new_figure(size=(11.0, 6.0))
    level = float(start[1])
    money = outcome if outcome is not None else scaled(units)
    ax.bar(0, level, color=BASELINE_COLOR, width=0.62)
    ax.text(0, level, fmt.amount(level, money), ha="center", va="bottom", fontsize=9.5, color=INK)
    tops = [level]
    for i, (name, change) in enumerate(parts, start=1):
        color = colors.get(name, "#7C8590")
        ax.bar(i, change, bottom=level, color=color, width=0.62)
        ax.plot([i - 1 + 0.31, i - 0.31], [level, level], color=MUTED, linewidth=0.8)
        level += change
        ax.text(i, max(level, level - change), fmt.signed_amount(change, money), ha="center", va="bottom",
                fontsize=9.5, color=INK)
        tops.append(max(level, level - change))
    n = len(parts) + 1
    ax.plot([n - 1 + 0.31, n - 0.31], [level, level], color=MUTED, linewidth=0.8)
    ax.bar(n, float(end[1]), color=INK, width=0.62)
    ax.text(n, float(end[1]), fmt.amount(float(end[1]), money), ha="center", va="bottom", fontsize=9.5, color=INK)
    bottoms = [float(start[1]), float(end[1])] + tops
    lo, hi = min(bottoms), max(bottoms)
    pad = (hi - lo) * 0.25 or abs(hi) * 0.05 or 1.0
    ax.set_ylim(max(0.0, lo - 2 * pad), hi + pad)
    import textwrap

    ax.set_xticks(range(len(labels)), ["\n".join(textwrap.wrap(str(t), 11)) for t in labels], fontsize=10)
    ax.yaxis.set_major_formatter(thousands(units))
    ax.set_ylabel(f"Sales ({units})")
    style_axes(ax)
    ax.grid(axis="x", visible=False)
    headline(fig, title, subtitle or "Axis does not start at zero: bars show the changes between the periods.")
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.1)
    return save_png(fig, path)


@chart
def period_drivers_chart(result: Any, path: str | Path, *, colors: Colors, units: str = "$000s", dataset: Any = None,
                         unmeasurable: Iterable[str] = ()) -> Path:
    """Waterfall of what changed sales between two periods: baseline, then each channel (a channel the data cannot
    measure is drawn, but never named the biggest driver)."""
    money = dataset if dataset is not None else scaled(units)
    before_label = str(_get(result, "previous_label", "base_label", default="Before"))
    after_label = str(_get(result, "current_label", "label", default="After"))
    before = float(_get(result, "previous_sales", "base_sales"))
    after = float(_get(result, "current_sales", "sales"))
    drivers = _get(result, "drivers", "parts", default=())
    if isinstance(drivers, Mapping):  # name -> percentage points of the earlier period's sales
        parts = [(str(k), float(v) * before / 100.0) for k, v in drivers.items()]
    else:
        parts = [(str(_get(p, "name", "part", "channel")), float(_get(p, "change", "delta"))) for p in drivers]
    change = after - before
    hidden = set(unmeasurable)
    vague = [p for p in parts if p[0] in hidden]
    if len(vague) > 1:
        # channels the data cannot measure move as one bar, as the answer's headline groups them: their split is a
        # guess, so no one of them is drawn (or titled) as a driver of its own
        pooled = ("not measurable", sum(v for _, v in vague))
        parts = sorted([p for p in parts if p[0] not in hidden] + [pooled], key=lambda p: -abs(p[1]))
    elif vague:
        parts = [(f"{name} (not measurable)", v) if name in hidden else (name, v) for name, v in parts]
    # the title names a driver the data can measure: a channel it cannot (or their group) is drawn, never titled
    shown = {name for name, _ in vague} | {"not measurable"} | {f"{name} (not measurable)" for name, _ in vague}
    biggest = max((p for p in parts if p[0] not in shown and p[0] != "unexplained"), key=lambda p: abs(p[1]),
                  default=None)
    pct_change = 100.0 * change / before if before else 0.0
    title = (f"{fmt.outcome_word(money).capitalize()} {'rose' if change >= 0 else 'fell'} {fmt.pct(abs(pct_change))} "
             f"({fmt.signed_amount(change, money)})")
    if biggest is not None:
        title += f"; the biggest driver: {biggest[0]} ({fmt.signed_amount(biggest[1], money)})"
    return waterfall_chart((before_label, before), parts, (after_label, after), path, title=title,
                           subtitle=f"{before_label} to {after_label}: each bar is one part's change in sales.",
                           colors=colors, units=units, outcome=money)
