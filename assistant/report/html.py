"""report.html: one self-contained page (inline CSS, charts as PNG data URIs, no network)."""
from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from assistant.report import story
from assistant.report.pack import BoardPack

CSS = """
:root { --ink:#1F2430; --subtle:#5B6472; --line:#E3E6EA; --band:#14213D; --accent:#0072B2; --tile:#F5F7FA; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin:0; font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
       color: var(--ink); background: #fff; font-size: 14px; line-height: 1.45; }
.band { background: var(--band); color: #fff; padding: 28px 48px 24px; }
.band h1 { margin: 0 0 6px; font-size: 28px; font-weight: 700; letter-spacing: -0.01em; }
.band .sub { color: #C9D3E3; font-size: 14px; }
.band .grade { display:inline-block; margin-top:12px; padding:3px 10px; border-radius:12px; font-size:13px;
               font-weight:600; background:#2E7D32; color:#fff; }
.band .grade.Medium { background:#B7791F; } .band .grade.Low { background:#B23A3A; }
main { padding: 8px 48px 40px; max-width: 1240px; margin: 0 auto; }
.tiles { display:grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 22px 0 8px; }
.tile { background: var(--tile); border-top: 4px solid var(--accent); padding: 12px 14px; border-radius: 4px; }
.tile .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--subtle); }
.tile .value { font-size: 26px; font-weight: 700; margin: 2px 0; font-variant-numeric: tabular-nums; }
.tile .note { font-size: 12px; color: var(--subtle); }
section { margin-top: 26px; border-top: 1px solid var(--line); padding-top: 14px; }
section h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--accent); margin: 0 0 4px; }
.headline { font-size: 19px; font-weight: 650; margin: 0 0 8px; }
ul.facts { margin: 4px 0 10px 18px; padding: 0; } ul.facts li { margin: 2px 0; }
ol.findings { margin: 6px 0 0 20px; padding: 0; font-size: 15px; } ol.findings li { margin: 5px 0; }
.caveat { background: #FFF8E6; border-left: 4px solid #E69F00; padding: 8px 12px; margin: 8px 0 12px; font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 6px; font-size: 13px; }
th { text-align: left; font-weight: 600; color: var(--subtle); border-bottom: 2px solid var(--ink); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 6px 8px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr:last-child td { border-bottom: 1px solid #B8BEC7; }
.caption { font-size: 12.5px; color: var(--subtle); margin: 2px 0 10px; }
figure { margin: 10px 0 14px; } figure img { width: 100%; height: auto; display: block; border: 1px solid var(--line); }
.charts-2 { display:grid; grid-template-columns: 1fr; gap: 8px; }
.side { display:grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.side > div { background: var(--tile); padding: 12px 14px; border-radius: 4px; }
.side h3 { font-size: 15px; margin: 0 0 6px; } .side .headline { font-size: 15px; }
footer { margin-top: 30px; font-size: 12px; color: var(--subtle); border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 12mm 11mm; }
@media print {
  body { font-size: 11.5px; }
  .band { padding: 16px 20px; } main { padding: 0 4px; max-width: none; }
  section { break-inside: avoid-page; page-break-inside: avoid; }
  section.page { break-before: page; page-break-before: always; }
  figure, table, .tile, .side > div { break-inside: avoid; page-break-inside: avoid; }
  .tile .value { font-size: 20px; }
}
"""


def _img(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{data}"></figure>'


def _grid(grid: story.Grid) -> str:
    head = "".join(f'<th class="num">{escape(c)}</th>' if n else f"<th>{escape(c)}</th>"
                   for c, n in zip(grid.columns, grid.numeric))
    body = "".join("<tr>" + "".join(f'<td class="num">{escape(v)}</td>' if n else f"<td>{escape(v)}</td>"
                                    for v, n in zip(row, grid.numeric)) + "</tr>" for row in grid.rows)
    caption = f'<p class="caption">{escape(grid.caption)}</p>' if grid.caption else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{caption}"


def _body(section: story.Section, charts: dict[str, Path], heading: str = "p") -> str:
    parts = [f'<{heading} class="headline">{escape(section.headline)}</{heading}>']
    if section.facts:
        parts.append('<ul class="facts">' + "".join(f"<li>{escape(f)}</li>" for f in section.facts) + "</ul>")
    if section.caveat:
        parts.append(f'<div class="caveat">{escape(section.caveat)}</div>')
    parts += [_grid(g) for g in section.grids]
    parts += [_img(charts[k], story.chart_alt(k)) for k in section.charts if k in charts]
    return "".join(parts)


def render_html(pack: BoardPack, charts: dict[str, Path]) -> str:
    """The whole page as a string."""
    quality = pack.answers["model_quality"]
    grade = escape(str(quality["grade"]))
    tiles = "".join(f'<div class="tile"><div class="label">{escape(t.label)}</div><div class="value">'
                    f'{escape(t.value)}</div><div class="note">{escape(t.note)}</div></div>' for t in story.tiles(pack))
    findings = "".join(f"<li>{escape(h)}</li>" for h in story.headlines(pack))
    out = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(pack.title)} — {escape(pack.period)}</title>", f"<style>{CSS}</style></head><body>",
        f'<header class="band"><h1>{escape(pack.title)}</h1><div class="sub">{escape(story.subtitle(pack))}</div>'
        f'<span class="grade {grade}">Model reliability: {grade}</span></header><main>',
        f'<div class="tiles">{tiles}</div>',
        f'<section id="summary"><h2>Headline findings</h2><ol class="findings">{findings}</ol>',
        _img(charts["trend"], story.chart_alt("trend")) if "trend" in charts else "", "</section>",
    ]
    for i, section in enumerate(story.sections(pack)):
        cls = ' class="page"' if section.id in ("roi", "saturation", "scenarios", "method") else ""
        out.append(f'<section id="{section.id}"{cls}><h2>{escape(section.title)}</h2>')
        out.append(_body(section, charts))
        if section.columns:
            out.append('<div class="side">' + "".join(
                f'<div id="{c.id}"><h3>{escape(c.title)}</h3>{_body(c, charts)}</div>' for c in section.columns)
                + "</div>")
        out.append("</section>")
    out.append(f"<footer>Prepared {pack.created:%d %b %Y %H:%M} by mmm-assistant. Figures match the assistant's "
               f"answers to the same questions; money is in {escape(pack.units)} of the input data, shown in dollars."
               "</footer></main></body></html>")
    return "\n".join(out)
