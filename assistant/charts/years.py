"""The "ROI by year" chart: each calendar year's return with its 90% interval, all media and the
channels asked about. A year whose interval reaches zero is drawn as its interval alone (hollow),
never as a point to compare."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant import format as fmt
from assistant.charts.style import INK, PALETTE, SUBTLE, chart, headline, new_figure, save_png, style_axes

YEAR_FILES = {"roi_by_year": "12_roi_by_year.png"}
MAX_SERIES = 6


@chart
def roi_by_year_chart(data: dict, dataset, path: str | Path) -> Path:
    """Per year: a dot at the ROI and a bar over its 90% interval, one series per channel shown (all media
    when none was asked for); a not-measurable year shows the bar and a hollow marker."""
    years = data.get("by_year") or []
    names = list(data.get("shown") or [])[:MAX_SERIES]
    series = [(n, [y["channels"][n] for y in years]) for n in names] or [("All media", [y["all_media"] for y in years])]
    fig, ax = new_figure(size=(10.0, 4.8))
    x = np.arange(len(years), dtype=float)
    step = 0.7 / max(len(series), 1)
    for s, (name, rows) in enumerate(series):
        color = PALETTE[s % len(PALETTE)]
        offset = (s - (len(series) - 1) / 2) * step
        for xi, v in zip(x + offset, rows):
            if v["roi"] is None:
                continue
            ax.plot([xi, xi], [v["roi_low"], v["roi_high"]], color=color, linewidth=5, alpha=0.35,
                    solid_capstyle="butt")
            ax.plot([xi], [v["roi"]], marker="o", markersize=7, color=color,
                    markerfacecolor=color if v["measurable"] else "white", linestyle="none")
        ax.plot([], [], marker="o", color=color, linestyle="none", label=name)
    ax.set_xticks(x, [y["year"] for y in years])
    ax.set_ylim(bottom=0)
    ax.set_ylabel(f"{fmt.outcome_word(dataset).capitalize()} per $1 of spend")
    style_axes(ax)
    if len(series) > 1:
        ax.legend(frameon=False, fontsize=9, loc="upper left", ncol=min(len(series), 3))
    name, rows = series[0]
    measured = [(y["year"], v) for y, v in zip(years, rows) if v["measurable"]]
    title = (f"{name}'s ROI by year: " + ", ".join(f"{fmt.per_dollar(v['roi'], dataset)} in {label}"
                                                   for label, v in measured[-3:])
             if measured and len(series) == 1 else "ROI by calendar year, with 90% intervals")
    headline(fig, title, "Bars: 90% interval from the same model draws as the whole-period interval; a hollow dot is "
                         "a year whose interval reaches zero (not measurable that year).")
    ax.tick_params(colors=INK)
    ax.yaxis.label.set_color(SUBTLE)
    return save_png(fig, path)


def draw_year_chart(source, key: str, directory: str | Path, result: dict, name: str | None = None) -> Path:
    """Draw `key` (of YEAR_FILES) from the answer's data into `directory`."""
    return roi_by_year_chart(result, source.dataset, Path(directory) / (name or YEAR_FILES[key]))
