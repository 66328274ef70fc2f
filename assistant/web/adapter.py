"""The one bridge between the assistant's answer and the web: question in, `--json` object and view out.

Everything else in assistant/web/ reads a `WebReply`, so a change to the answer's shape touches
only this module. Charts are renamed per answer (`a007-03_roi_comparison.png`) so that a later
answer drawing the same chart never changes the picture of an earlier one on the page.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TableView:
    """A table with cells already formatted, as the terminal prints it."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None


@dataclass(frozen=True)
class WebReply:
    """One answered question: the exact `--json` object and the parts the page shows."""

    json: dict
    question: str
    read_as: str
    headline: str
    facts: tuple[str, ...]
    caveats: tuple[str, ...]
    table: TableView | None
    charts: tuple[Path, ...]
    warnings: tuple[str, ...]
    error: str | None


def ask(session, question: str, serial: int) -> WebReply:
    """Answer `question` in `session` (the caller holds the session's lock); `serial` numbers the charts."""
    answer = session.ask(question)
    charts = tuple(_keep(Path(p), serial) for p in answer.charts)
    obj = answer.to_json()
    obj["charts"] = [str(p) for p in charts]
    n = answer.narrative
    table = None
    if answer.table is not None:
        t = answer.table
        table = TableView(t.title, tuple(t.columns), tuple(tuple(r) for r in t.rows), t.note)
    return WebReply(json=obj, question=answer.question, read_as=answer.understood, headline=n.headline,
                    facts=tuple(n.facts), caveats=(n.caveat,) if n.caveat else (), table=table,
                    charts=charts, warnings=tuple(answer.warnings), error=answer.error)


def reset(session) -> None:
    """Forget the conversation; the fitted model is kept."""
    session.reset()


def _keep(path: Path, serial: int) -> Path:
    """Rename a freshly drawn chart to a name only this answer uses."""
    kept = path.with_name(f"a{serial:03d}-{path.name}")
    try:
        os.replace(path, kept)
    except OSError:       # not drawn (the answer carries the warning): keep the name it gave
        return path
    return kept
