"""Rich renderables for answers and the welcome panel; tests print them into a StringIO console."""
from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from assistant.types import Answer, Table


def table_renderable(table: Table) -> RichTable:
    out = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_style="bold", title_justify="left",
                    caption=table.note)
    for i, col in enumerate(table.columns):
        out.add_column(col, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for row in table.rows:
        out.add_row(*row)
    return out


def to_renderable(answer: Answer, show_table: bool = True) -> Group:
    """The answer as the chat shows it: dim read-as line, headline, facts, caveat, table, charts."""
    parts = [Text(answer.understood, style="dim")]
    if answer.error:
        parts.append(Text(answer.narrative.headline, style="bold red"))
        return Group(*parts)
    n = answer.narrative
    parts.append(Text(n.headline, style="bold"))
    for fact in n.facts:
        parts.append(Text("  • " + fact))
    if n.caveat:
        parts.append(Text("  ⚠ " + n.caveat, style="yellow"))
    if show_table and answer.table is not None:
        parts.append(table_renderable(answer.table))
    for path in answer.charts:
        parts.append(Text(f"Chart: {path}", style="dim"))
    for w in answer.warnings:
        parts.append(Text(w, style="dim"))
    return Group(*parts)


def welcome_renderable(session, examples: tuple[str, ...]) -> Panel:
    """Dataset, weeks, channels, model fit in one line, and five example questions."""
    from assistant.answer_geo import scope_lines

    ds = session.dataset
    q = session.quick_quality
    fit_line = (f"Model fit: {q.grade} — R² {q.r2:.2f}, typical weekly error {q.mape:.1f}%")
    lines = [
        Text.from_markup(f"[bold]MMM assistant[/bold] — {escape(ds.source)}"),
        Text(f"{ds.n_weeks} weeks ({ds.dates[0].date()} to {ds.dates[-1].date()}) · "
             f"channels: {', '.join(ds.channels)}"),
        Text(fit_line),
        *[Text(line) for line in scope_lines(ds)],
        *_notice_lines(session.notices),
        Text(""),
        Text("Try:", style="bold"),
        *[Text(f"  {e}") for e in examples],
        Text(""),
        Text("Commands: help · demo · charts on|off · report · reset · quit", style="dim"),
    ]
    return Panel(Group(*lines), box=box.ROUNDED, expand=False)


def _notice_lines(notices: tuple[str, ...], most: int = 4) -> list[Text]:
    """The loader's and the fit's warnings, dimmed, so nothing that changed the data goes unsaid."""
    if not notices:
        return []
    lines = [Text(""), Text("Notes on the data:", style="bold")]
    lines += [Text(f"  • {n}", style="dim") for n in notices[:most]]
    if len(notices) > most:
        lines.append(Text(f"  … and {len(notices) - most} more (ask “what data do we have?”)", style="dim"))
    return lines


def render_text(renderable, width: int = 100) -> str:
    """Plain text of a renderable at a fixed width (tests and logs)."""
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    return console.file.getvalue()
