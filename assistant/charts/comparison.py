"""The chart of a comparison of what-ifs: every option's change in sales with its 90% interval, side by
side, under the answer's verdict. Why: the comparison used to draw the winner's what-if alone, so "TV +$1M
or Paid Search +$1M?" showed one bar titled with one option, and a reader could not see the other
option or how far the two ranges overlap."""
from __future__ import annotations

from pathlib import Path

from assistant import format as fmt
from assistant.charts.style import (
    INK,
    PALETTE,
    SUBTLE,
    chart,
    headline,
    money_units,
    new_figure,
    save_png,
    style_axes,
    thousands,
)

COMPARISON_FILES = {"comparison": "07_what_if_comparison.png"}


def verdict(data: dict, dataset) -> str:
    """The comparison's finding in one line, from the same figures the answer's headline quotes."""
    sides = data.get("scenarios") or []
    win = data.get("better", "")
    lose = next((s["label"] for s in sides if s["label"] != win), "")
    gap = fmt.money(data.get("difference"), dataset)
    span = fmt.money_range(data.get("difference_low"), data.get("difference_high"), dataset)
    of = " of profit" if data.get("difference_measure") == "profit" else ""   # the gap's measure, not the bars'
    if data.get("within_margin"):
        return f"{win} vs {lose}: within the margin of error (gap {gap}{of}, 90% interval {span})"
    return f"{win} is better than {lose} by about {gap}{of} (90% interval {span})"


@chart
def comparison_chart(data: dict, dataset, units: str, colors: list[str], path: str | Path) -> Path:
    """One bar per option (its change in sales) with a line over its 90% interval."""
    sides = list(data.get("scenarios") or [])
    fig, ax = new_figure(size=(11.0, 2.4 + 0.62 * len(sides)))
    y = list(range(len(sides)))[::-1]
    lows = [float(s["delta_sales_low"]) for s in sides]
    highs = [float(s["delta_sales_high"]) for s in sides]
    for yi, s, lo, hi, color in zip(y, sides, lows, highs, colors):
        v = float(s["delta_sales"])
        ax.barh([yi], [v], height=0.6, color=color)
        ax.plot([lo, hi], [yi, yi], color=INK, linewidth=1.3)
        for end in (lo, hi):
            ax.plot([end, end], [yi - 0.15, yi + 0.15], color=INK, linewidth=1.3)
        ax.text(max(hi, v, 0), yi + 0.33, f" {fmt.signed_amount(v, dataset)}  ({fmt.amount_range(lo, hi, dataset)})",
                va="bottom", ha="left", fontsize=9.5, color=INK)
    ax.axvline(0, color=INK, linewidth=0.9)
    ax.set_yticks(y, [s["label"] for s in sides])
    ax.tick_params(axis="y", labelsize=11, colors=INK)
    span = max([abs(v) for v in lows + highs] + [1e-9])
    ax.set_xlim(min(0.0, min(lows, default=0.0)) - 0.08 * span, max(0.0, max(highs, default=0.0)) + 0.45 * span)
    ax.set_ylim(-0.6, len(sides) - 0.05)
    ax.xaxis.set_major_formatter(thousands(units))
    ax.set_xlabel(f"Change in sales ({units}), with 90% interval")
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    headline(fig, verdict(data, dataset), "Each option's change in sales; the gap's interval holds paired draws (the "
                                          "same curves in both options), the quarter refits and unmeasured channels.")
    ax.xaxis.label.set_color(SUBTLE)
    h = 2.4 + 0.62 * len(sides)
    fig.subplots_adjust(left=0.2, right=0.97, bottom=0.65 / h)
    return save_png(fig, path)


def draw_comparison_chart(source, key: str, directory: str | Path, result: dict, name: str | None = None) -> Path:
    """Draw `key` (of COMPARISON_FILES) from the comparison answer's data into `directory`."""
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(result.get("scenarios") or []))]
    return comparison_chart(result, source.dataset, money_units(source.dataset), colors,
                            Path(directory) / (name or COMPARISON_FILES[key]))
