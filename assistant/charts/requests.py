"""Which function draws which chart, once for every surface: a Reply's ChartRequests, the demo's
eight charts and the board pack all go through `draw_chart`. Drawing is assistant.charts.draw's job.

A chart that fails to draw becomes a warning on the answer, never a failed answer.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from analysis.dataset import Dataset
    from analysis.model import MMMFit
    from analysis.results import ContributionResult, RoiResult, SaturationResult
    from assistant.reply import ChartRequest

# The charts of the whole story (the demo and the board pack draw these, in this order).
STORY_CHARTS = ("trend", "contributions", "roi", "response_curves", "efficiency", "decomposition")


class ChartSource(Protocol):
    """What the charts read: a Session or a BoardPack."""

    dataset: Dataset
    fit: MMMFit
    roi: RoiResult
    contribution: ContributionResult
    saturation: SaturationResult


def draw_chart(source: Any, key: str, directory: Path, result: Any = None, name: str | None = None) -> Path:
    """Draw chart `key` (of CHART_FILES) for `source` into `directory`; `result` for the charts of one
    typed result (what_if, reallocation, period_drivers); `name` overrides the file name."""
    from assistant.charts import draw as ch

    if key.startswith("market_"):   # panel data: ROI by market, the largest markets
        from assistant.charts.markets import draw_market_chart

        return draw_market_chart(source, key, directory, result, name)
    if key == "comparison":   # what-ifs side by side (assistant.charts.comparison)
        from assistant.charts.comparison import draw_comparison_chart

        return draw_comparison_chart(source, key, directory, result, name)
    if key == "roi_by_year":   # each calendar year's ROI with its interval (assistant.charts.years)
        from assistant.charts.years import draw_year_chart

        return draw_year_chart(source, key, directory, result, name)
    colors = ch.channel_colors(source.dataset.channels)
    units = ch.money_units(source.dataset)
    path = Path(directory) / (name or ch.CHART_FILES[key])
    if key == "trend":
        return ch.sales_spend_trend_chart(source.dataset, path, colors=colors, units=units)
    if key == "contributions":
        return ch.contribution_chart(source.fit, source.contribution, path, colors=colors, units=units)
    if key == "roi":
        return ch.roi_chart(source.roi, path, colors=colors, units=units, dataset=source.dataset)
    if key == "response_curves":
        return ch.response_curves_chart(source.saturation, path, colors=colors, units=units, dataset=source.dataset)
    if key == "efficiency":
        return ch.budget_efficiency_chart(source.roi, path, colors=colors)
    if key == "decomposition":   # the whole period, or the stretch a contribution answer named (its own split)
        if isinstance(result, dict) and "start" in result:
            from analysis.roi import contribution_in

            return ch.decomposition_pie_chart(contribution_in(source.fit, result["start"], result["end"]), path,
                                              colors=colors, channel_order=source.dataset.channels,
                                              period=str(result["period"]))
        return ch.decomposition_pie_chart(source.contribution, path, colors=colors,
                                          channel_order=source.dataset.channels)
    if key == "period_drivers":
        return ch.period_drivers_chart(result, path, colors=colors, units=units, dataset=source.dataset,
                                       unmeasurable=[c.channel for c in source.roi.channels if not c.measurable])
    one = {"what_if": ch.what_if_chart, "reallocation": ch.reallocation_chart}
    return Path(one[key](result, path, colors=colors, units=units, dataset=source.dataset))


def chart_file(key: str) -> str:
    """The file name of chart `key`: the demo's (`03_roi_comparison.png`), a market chart's or ROI by year's."""
    from assistant.charts.comparison import COMPARISON_FILES
    from assistant.charts.draw import CHART_FILES
    from assistant.charts.markets import MARKET_FILES
    from assistant.charts.years import YEAR_FILES

    return CHART_FILES.get(key) or MARKET_FILES.get(key) or COMPARISON_FILES.get(key) or YEAR_FILES[key]


def own_file(session: Any, key: str) -> str:
    """A file name for chart `key` that no earlier answer of this session wrote: the first keeps the demo's
    name (`08_reallocation.png`), later ones are numbered (`08_reallocation_2.png`), so a chart named by
    one answer is never redrawn by the next (two plans in one chat used to share one file)."""
    base = chart_file(key)
    written = session.chart_files
    name, n = base, 1
    while name in written:
        n += 1
        name = base.replace(".png", f"_{n}.png")
    written.add(name)
    return name


def _try(source: Any, key: str, directory: Path, result: Any, paths: list[Path], warnings: list[str],
         short: bool = True, name: str | None = None) -> None:
    try:
        paths.append(draw_chart(source, key, directory, result, name))
    except Exception as exc:  # noqa: BLE001 - a chart must not cost the answer
        msg = " ".join(str(exc).split())[:100] if short else str(exc)
        warnings.append(f"chart {key} not drawn ({type(exc).__name__}: {msg})")


def draw_requests(session: Any, requests: Iterable[ChartRequest]) -> tuple[tuple[Path, ...], list[str]]:
    """Draw a Reply's chart requests under session.outputs; returns the paths and any warnings."""
    paths: list[Path] = []
    warnings: list[str] = []
    for req in requests:
        _try(session, req.key, Path(session.outputs), req.result, paths, warnings, name=own_file(session, req.key))
    return tuple(paths), warnings


def demo_charts(session: Any) -> tuple[list[Path], list[str]]:
    """The demo's eight charts (01 … 08): the story, the briefing's what-if and the best split."""
    from assistant.answers.summary import briefing_decisions

    scenario, best, _, _, _ = briefing_decisions(session)     # the figures the briefing quotes
    paths: list[Path] = []
    warnings: list[str] = []
    for key in STORY_CHARTS:
        _try(session, key, Path(session.outputs), None, paths, warnings, short=False)
    for key, result in (("what_if", scenario), ("reallocation", best)):
        _try(session, key, Path(session.outputs), result, paths, warnings, short=False)
    if getattr(session.dataset, "panel", None) is not None:   # the markets, after the national story
        for key in ("market_roi", "market_multiples"):
            _try(session, key, Path(session.outputs), None, paths, warnings, short=False)
    return paths, warnings
