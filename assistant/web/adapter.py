"""The one bridge between the assistant's `Reply` and the web: question in, `--json` object and view out.

Everything else in assistant/web/ reads a `WebReply`, so a change to the answer's shape touches
only this module. Web sessions answer with charts off; this module draws the Reply's chart
requests through the server's ChartMemo (a chart drawn for one session is reused by every other
session of the same model) under a name only this answer uses (`a007-03_roi_comparison.png`),
so a later answer never changes the picture of an earlier one on the page.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.charts.requests import chart_file
from assistant.reply import Reply, Table

if TYPE_CHECKING:
    from assistant.session import Session
    from assistant.web.chart_memo import ChartMemo


@dataclass(frozen=True)
class WebReply:
    """One answered question: the exact `--json` object and the parts the page shows."""

    json: dict[str, Any]
    question: str
    read_as: str
    headline: str
    facts: tuple[str, ...]
    caveats: tuple[str, ...]
    table: Table | None
    charts: tuple[Path, ...]
    warnings: tuple[str, ...]
    error: str | None


def ask(session: Session, question: str, serial: int, memo: ChartMemo | None = None) -> WebReply:
    """Answer `question` in `session` (the caller holds the session's lock); `serial` names the charts,
    `memo` draws them (None: no charts)."""
    from assistant.answers.dispatch import ask as answer
    from assistant.app.json_view import reply_json

    reply = answer(session, question)
    if memo is not None and reply.charts:
        reply = reply.but(chart_paths=draw(session, reply, serial, memo))
    # the page names the upload form's options where the CLI's words name a flag ("pass --controls" → "set the
    # 'Control columns' upload option"); the `--json` object stays the CLI's, byte for byte
    from assistant.web.uploads import web_words

    table = reply.table
    if table is not None:
        table = replace(table, rows=tuple(tuple(web_words(cell) for cell in row) for row in table.rows),
                        note=web_words(table.note) if table.note else table.note)
    return WebReply(json=reply_json(reply), question=reply.question, read_as=web_words(reply.read_as),
                    headline=web_words(reply.headline), facts=tuple(web_words(f) for f in reply.facts),
                    caveats=(web_words(reply.caveat),) if reply.caveat else (),
                    table=table, charts=reply.chart_paths, warnings=tuple(web_words(w) for w in reply.warnings),
                    error=web_words(reply.error) if reply.error else reply.error)


def draw(session: Session, reply: Reply, serial: int, memo: ChartMemo) -> tuple[Path, ...]:
    """The reply's chart requests as PNG paths in the session's folder, each drawn when the browser first
    fetches it (ChartMemo.defer): fifty browsers asking at once wait for numbers, not for pictures."""
    from assistant.web.chart_memo import ChartJob
    from assistant.web.chart_worker import ChartInputs

    inputs = ChartInputs.of(session)
    return tuple(memo.defer(Path(session.outputs) / f"a{serial:03d}-{chart_file(req.key)}",
                            ChartJob(req.key, inputs, req.result))
                 for req in reply.charts)


def reset(session: Session) -> None:
    """Forget the conversation; the fitted model is kept."""
    session.reset()


RESET_WORDS = ("reset", "/reset")
RESET_DONE = "Conversation forgotten; follow-ups start afresh."


def is_reset(question: str) -> bool:
    """ "reset" typed as a question (the API, or the page without JavaScript) is the chat command, as in the CLI."""
    return " ".join(question.lower().split()) in RESET_WORDS


def reset_reply(question: str) -> WebReply:
    """What the page and the API show for a typed `reset`: `{"question", "command": "reset", "answer"}`."""
    return WebReply(json={"question": question, "command": "reset", "answer": RESET_DONE}, question=question,
                    read_as="Read as: reset (chat command)", headline=RESET_DONE, facts=(), caveats=(), table=None,
                    charts=(), warnings=(), error=None)
