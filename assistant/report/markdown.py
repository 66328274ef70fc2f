"""executive_summary.md: the pack's story as Markdown, charts linked by relative path."""
from __future__ import annotations

from pathlib import Path

from assistant.report import story
from assistant.report.pack import BoardPack


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _grid(grid: story.Grid) -> list[str]:
    lines = ["| " + " | ".join(_cell(c) or " " for c in grid.columns) + " |",
             "|" + "|".join("---:" if n else ":---" for n in grid.numeric) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in grid.rows]
    if grid.caption:
        lines += ["", f"*{grid.caption}*"]
    return lines + [""]


def _body(section: story.Section, charts: dict[str, Path], level: str) -> list[str]:
    lines = [f"{level} {section.title}", "", f"**{section.headline}**", ""]
    lines += [f"- {f}" for f in section.facts]
    if section.facts:
        lines.append("")
    if section.caveat:
        lines += [f"> **Caveat:** {section.caveat}", ""]
    for grid in section.grids:
        lines += _grid(grid)
    for key in section.charts:
        if key in charts:
            lines += [f"![{story.chart_alt(key)}]({charts[key].name})", ""]
    for column in section.columns:
        lines += _body(column, charts, level + "#")
    return lines


def render_markdown(pack: BoardPack, charts: dict[str, Path]) -> str:
    lines = [f"# {pack.title}", "", f"*{story.subtitle(pack)}*", "",
             f"**Model reliability: {pack.answers['model_quality']['grade']}**", "",
             "| " + " | ".join(t.label for t in story.tiles(pack)) + " |",
             "|" + "|".join("---:" for _ in story.tiles(pack)) + "|",
             "| " + " | ".join(f"**{t.value}**" for t in story.tiles(pack)) + " |", "",
             "## Headline findings", ""]
    lines += [f"{i}. {h}" for i, h in enumerate(story.headlines(pack), start=1)]
    lines.append("")
    if "trend" in charts:
        lines += [f"![{story.chart_alt('trend')}]({charts['trend'].name})", ""]
    for section in story.sections(pack):
        lines += _body(section, charts, "##")
    lines += ["---", f"*Prepared {pack.created:%d %b %Y %H:%M} by mmm-assistant. The full tables are in "
              "mmm_results.xlsx; the findings as data in key_insights.json.*", ""]
    return "\n".join(lines)
