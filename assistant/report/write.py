"""Write the board pack directory atomically: build it in a hidden sibling, then rename it into place."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.atomic import atomic_dir
from assistant.report.pack import BoardPack, build_board_pack

FILES = {"html": "report.html", "markdown": "executive_summary.md", "workbook": "mmm_results.xlsx",
         "insights": "key_insights.json"}


def pack_dir_name(when: datetime) -> str:
    return f"report-{when:%Y%m%d-%H%M%S}"


def _free_name(out_dir: Path, when: datetime) -> Path:
    """report-<timestamp>, or report-<timestamp>-2, -3 ... when a pack was written in the same second."""
    base = out_dir / pack_dir_name(when)
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def write_board_pack(pack: BoardPack | Any, out_dir: str | Path) -> Path:
    """Write report.html, executive_summary.md, mmm_results.xlsx, key_insights.json and the charts
    into `out_dir/report-<YYYYmmdd-HHMMSS>/`; returns that directory.

    `pack` is a BoardPack, or a Session from which one is built (the chat's `report` command).
    Nothing appears under the final name until every file is complete.
    """
    from assistant.report.figures import draw_pack_charts
    from assistant.report.html import render_html
    from assistant.report.insights import render_json
    from assistant.report.markdown import render_markdown
    from assistant.report.xlsx import write_workbook

    if not isinstance(pack, BoardPack):
        pack = build_board_pack(pack)
    out_dir = Path(out_dir)
    target = _free_name(out_dir, pack.created)
    with atomic_dir(target) as tmp:
        charts = draw_pack_charts(pack, tmp)
        (tmp / FILES["html"]).write_text(render_html(pack, charts), encoding="utf-8")
        (tmp / FILES["markdown"]).write_text(render_markdown(pack, charts), encoding="utf-8")
        write_workbook(pack, tmp / FILES["workbook"])
        files = {**FILES, "charts": [p.name for p in charts.values()]}
        (tmp / FILES["insights"]).write_text(render_json(pack, files), encoding="utf-8")
    return target
