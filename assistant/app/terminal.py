"""The terminal surface: Rich renderables for a Reply, the welcome panel and the executive briefing;
tests print them into a StringIO console."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from assistant.reply import Reply, Table

if TYPE_CHECKING:
    from assistant.answers.shapes import BriefingData
    from assistant.session import Session


_NUMERIC_START = tuple("0123456789$+-−±<>~")


def _numeric(cells: list[str]) -> bool:
    """A column holding figures ("$1.91", "49%", beside "—" or "not measurable") is right-aligned; a column of
    words ("left out: exposure (pass --controls to use)", "room to grow") reads from the left: right-aligned, a
    wrapped role printed as a ragged staircase of fragments."""
    return any(c.strip().startswith(_NUMERIC_START) for c in cells)


def table_renderable(table: Table) -> RichTable:
    out = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_style="bold", title_justify="left",
                    caption=table.note)
    for i, col in enumerate(table.columns):
        figures = i > 0 and _numeric([str(row[i]) for row in table.rows if i < len(row)])
        out.add_column(col, justify="right" if figures else "left", no_wrap=i == 0)
    for row in table.rows:
        out.add_row(*row)
    return out


def to_renderable(reply: Reply, show_table: bool = True) -> Group:
    """The reply as the chat shows it: dim read-as line, headline, facts, caveat, table, charts."""
    parts: list[RenderableType] = [Text(reply.read_as, style="dim")]
    if reply.error:
        parts.append(Text(reply.headline, style="bold red"))
        return Group(*parts)
    parts.append(Text(reply.headline, style="bold"))
    for fact in reply.facts:
        parts.append(Text("  • " + fact))
    if reply.caveat:
        parts.append(Text("  ⚠ " + reply.caveat, style="yellow"))
    if show_table and reply.table is not None:
        parts.append(table_renderable(reply.table))
    for path in reply.chart_paths:
        parts.append(Text(f"Chart: {path}", style="dim"))
    for w in reply.warnings:
        parts.append(Text(w, style="dim"))
    return Group(*parts)


def welcome_renderable(session: Session, examples: tuple[str, ...]) -> Panel:
    """Dataset, weeks, channels, model fit in one line, what answers are measured in, and five examples."""
    from assistant.answers.markets import scope_lines

    ds = session.dataset
    q = session.quick_quality
    fit_line = (f"Model fit: {q.grade} — R² {q.r2:.2f}, typical weekly error {q.mape:.1f}%")
    lines = [
        *_readiness_lines(session),
        Text.from_markup(f"[bold]MMM assistant[/bold] — {escape(ds.source)}"),
        Text(f"{ds.n_weeks} weeks ({ds.dates[0].date()} to {ds.dates[-1].date()}) · "
             f"channels: {', '.join(ds.channels)}"),
        *_roles_line(session),
        Text(fit_line),
        *[Text(line) for line in scope_lines(ds)],
        *_notice_lines(session.notices),
        Text(""),
        Text("Try:", style="bold"),
        *[Text(f"  {e}") for e in examples],
        Text(""),
        Text("Commands: help · demo · history [N] · charts on|off · report · reset · quit", style="dim"),
    ]
    return Panel(Group(*lines), box=box.ROUNDED, expand=False)


def _roles_line(session: Session) -> list[Text]:
    """Every input column's role in one line: "Columns: date · sales · 10 media spend · 50 control · …"."""
    if not session.dataset.column_roles:
        return []
    counts: dict[str, int] = {}
    for _, role in session.dataset.column_roles:
        kind = role.split(" (")[0] if role.startswith("left out") else role.split(":")[0]
        counts[kind] = counts.get(kind, 0) + 1
    parts = [kind if count == 1 else f"{count} {kind}" for kind, count in counts.items()]
    return [Text("Columns: " + " · ".join(parts) + "  (ask “what data do we have?” for each column)", style="dim")]


def _readiness_lines(session: Session) -> list[Text]:
    """The data-readiness verdict, first, when the data is not simply ready (with the top reasons)."""
    from assistant.answers.guide import VERDICT_TEXT, readiness_data

    data = readiness_data(session)
    if data["verdict"] == "ready":
        return []
    style = "bold red" if data["verdict"] == "not_ready" else "bold yellow"
    lines = [Text(VERDICT_TEXT[data["verdict"]], style=style)]
    lines += [Text(f"  • {r['text']} — {r['fix']}") for r in data["reasons"][:3]]
    return [*lines, Text("")]


def _notice_lines(notices: tuple[str, ...], most: int = 4) -> list[Text]:
    """The loader's and the fit's warnings, dimmed, so nothing that changed the data goes unsaid."""
    if not notices:
        return []
    lines = [Text(""), Text("Notes on the data:", style="bold")]
    lines += [Text(f"  • {n}", style="dim") for n in notices[:most]]
    if len(notices) > most:
        lines.append(Text(f"  … and {len(notices) - most} more (ask “what data do we have?”)", style="dim"))
    return lines


def history_renderable(entries: list[dict[str, Any]]) -> RenderableType:
    """The last answers from the audit trail: when, the question, how it was read and the headline figure."""
    if not entries:
        return Text("No answers recorded yet.", style="dim")
    out = RichTable(title="Recent answers", box=box.SIMPLE_HEAD, title_style="bold", title_justify="left")
    for col in ("When (UTC)", "Question", "Read as", "Intent"):
        out.add_column(col, overflow="fold")
    for e in entries:
        when = str(e.get("time", ""))[:19].replace("T", " ")
        read = str(e.get("read_as", "")).removeprefix("Read as: ")
        out.add_row(when, str(e.get("question", "")), read, str(e.get("intent", "")))
    return out


def print_briefing(session: Session, console: Console, data: BriefingData | None = None) -> BriefingData:
    """Print the full briefing (headline, ROI, saturation, what-if, reallocation, reliability)."""
    from assistant.answers.summary import (
        briefing_data,
        briefing_reply,
        briefing_sections,
    )

    data = data or briefing_data(session)
    top = briefing_reply(session, data)
    console.print(Rule("Executive briefing"))
    console.print(f"[bold]{top.headline}[/]")
    for f in top.facts:
        console.print(f"  • {f}", highlight=False)
    if top.caveat:
        console.print(f"  [yellow]⚠ {top.caveat}[/]")
    for title, reply in briefing_sections(session, data):
        console.print(Rule(title, style="dim"))
        console.print(f"[bold]{escape(reply.headline)}[/]")
        for f in reply.facts:
            console.print(f"  • {escape(f)}", highlight=False)
        if reply.caveat:
            console.print(f"  [yellow]⚠ {escape(reply.caveat)}[/]")
        if reply.table is not None:
            console.print(table_renderable(reply.table))
    return data


def render_text(renderable: Any, width: int = 100) -> str:
    """Plain text of a renderable at a fixed width (tests and logs)."""
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]
