"""report.html: one self-contained page (inline CSS, charts as PNG data URIs, no network).

Laid out by a jinja2 template with autoescape on, so every text from the data is escaped by default.
"""
from __future__ import annotations

import base64
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.report import story
from assistant.report.pack import BoardPack

if TYPE_CHECKING:
    from jinja2 import Template

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


PAGE_SECTIONS = ("roi", "saturation", "scenarios", "method")   # each starts a printed page

TEMPLATE = """\
{%- macro img(key) -%}
{%- if key in charts -%}<figure><img alt="{{ alt(key) }}" src="data:image/png;base64,{{ png(charts[key]) }}"></figure>
{%- endif -%}
{%- endmacro -%}
{%- macro grid(g) -%}
<table><thead><tr>
{%- for c, n in zip(g.columns, g.numeric) %}{% if n %}<th class="num">{{ c }}</th>{% else %}<th>{{ c }}</th>{% endif %}{% endfor -%}
</tr></thead><tbody>
{%- for row in g.rows %}<tr>{% for v, n in zip(row, g.numeric) %}{% if n %}<td class="num">{{ v }}</td>\
{% else %}<td>{{ v }}</td>{% endif %}{% endfor %}</tr>{% endfor -%}
</tbody></table>{% if g.caption %}<p class="caption">{{ g.caption }}</p>{% endif %}
{%- endmacro -%}
{%- macro body(s) -%}
<p class="headline">{{ s.headline }}</p>
{%- if s.facts %}<ul class="facts">{% for f in s.facts %}<li>{{ f }}</li>{% endfor %}</ul>{% endif -%}
{%- if s.caveat %}<div class="caveat">{{ s.caveat }}</div>{% endif -%}
{%- for g in s.grids %}{{ grid(g) }}{% endfor -%}
{%- for k in s.charts %}{{ img(k) }}{% endfor -%}
{%- endmacro -%}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ pack.title }} — {{ pack.period }}</title>
<style>{{ css | safe }}</style></head><body>
<header class="band"><h1>{{ pack.title }}</h1><div class="sub">{{ subtitle }}</div>\
<span class="grade {{ grade }}">Model reliability: {{ grade }}</span></header><main>
<div class="tiles">{% for t in tiles %}<div class="tile"><div class="label">{{ t.label }}</div><div class="value">\
{{ t.value }}</div><div class="note">{{ t.note }}</div></div>{% endfor %}</div>
<section id="summary"><h2>Headline findings</h2><ol class="findings">{% for h in findings %}<li>{{ h }}</li>{% endfor %}</ol>
{{ img("trend") }}
</section>
{%- for s in sections %}
<section id="{{ s.id }}"{% if s.id in page_sections %} class="page"{% endif %}><h2>{{ s.title }}</h2>
{{ body(s) }}
{%- if s.columns %}
<div class="side">{% for c in s.columns %}<div id="{{ c.id }}"><h3>{{ c.title }}</h3>{{ body(c) }}</div>{% endfor %}</div>
{%- endif %}
</section>
{%- endfor %}
<footer>Prepared {{ created }} by mmm-assistant. Figures match the assistant's answers to the same questions; \
money is in {{ pack.units }} of the input data, shown in dollars.</footer></main></body></html>"""


@functools.cache
def _template() -> Template:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.update(zip=zip, alt=story.chart_alt, png=_png)
    return env.from_string(TEMPLATE)


def _png(path: Path) -> str:
    """A chart as base64 text, marked safe: it holds only [A-Za-z0-9+/=], so escaping a megabyte of it is waste."""
    from markupsafe import Markup

    return Markup(base64.b64encode(Path(path).read_bytes()).decode("ascii"))


def render_html(pack: BoardPack, charts: dict[str, Path]) -> str:
    """The whole page as a string."""
    return _template().render(
        pack=pack, charts=charts, css=CSS, grade=str(pack.answers["model_quality"]["grade"]),
        subtitle=story.subtitle(pack), tiles=story.tiles(pack), findings=story.headlines(pack),
        sections=story.sections(pack), page_sections=PAGE_SECTIONS, created=f"{pack.created:%d %b %Y %H:%M}")
