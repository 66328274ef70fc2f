"""The pack's charts: the same chart functions the chat uses, drawn into the pack's directory."""
from __future__ import annotations

from pathlib import Path

from assistant.report.pack import BoardPack


def draw_pack_charts(pack: BoardPack, directory: Path) -> dict[str, Path]:
    """Draw every chart the pack shows; returns chart key -> PNG path (what-ifs as what_if_1, ...)."""
    from assistant import charts

    colors = charts.channel_colors(pack.dataset.channels)
    units = pack.units
    files = charts.CHART_FILES
    out = {
        "trend": charts.sales_spend_trend_chart(pack.dataset, directory / files["trend"], colors=colors, units=units),
        "contributions": charts.contribution_chart(pack.fit, pack.contribution, directory / files["contributions"],
                                                   colors=colors, units=units),
        "roi": charts.roi_chart(pack.roi, directory / files["roi"], colors=colors, units=units),
        "response_curves": charts.response_curves_chart(pack.saturation, directory / files["response_curves"],
                                                        colors=colors, units=units),
        "efficiency": charts.budget_efficiency_chart(pack.roi, directory / files["efficiency"], colors=colors),
        "decomposition": charts.decomposition_pie_chart(pack.contribution, directory / files["decomposition"],
                                                        colors=colors, channel_order=pack.dataset.channels),
    }
    if pack.optimization is not None:
        out["reallocation"] = charts.reallocation_chart(pack.optimization, directory / files["reallocation"],
                                                        colors=colors, units=units)
    from assistant.report.markets import market_pack_charts

    out.update(market_pack_charts(pack, directory))   # panel data only
    for i, scenario in enumerate(pack.scenarios, start=1):
        out[f"what_if_{i}"] = charts.what_if_chart(scenario, directory / f"07_what_if_{i}.png",
                                                   colors=colors, units=units)
    return out
