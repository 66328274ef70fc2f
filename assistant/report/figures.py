"""The pack's charts: the same chart table the chat uses (assistant.charts.requests), drawn into the pack's directory."""
from __future__ import annotations

from pathlib import Path

from assistant.charts.requests import STORY_CHARTS, draw_chart
from assistant.report.pack import BoardPack


def draw_pack_charts(pack: BoardPack, directory: Path) -> dict[str, Path]:
    """Draw every chart the pack shows; returns chart key -> PNG path (what-ifs as what_if_1, ...)."""
    out = {key: draw_chart(pack, key, directory) for key in STORY_CHARTS}
    if pack.optimization is not None:
        out["reallocation"] = draw_chart(pack, "reallocation", directory, pack.optimization)
    from assistant.report.markets import market_pack_charts

    out.update(market_pack_charts(pack, directory))   # panel data only
    for i, scenario in enumerate(pack.scenarios, start=1):
        out[f"what_if_{i}"] = draw_chart(pack, "what_if", directory, scenario, name=f"07_what_if_{i}.png")
    return out
