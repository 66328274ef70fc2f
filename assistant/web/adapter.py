"""The one bridge between the assistant's `Reply` and the web: question in, `--json` object and view out.

Everything else in assistant/web/ reads a `WebReply`, so a change to the answer's shape touches
only this module. Web sessions answer with charts off; this module draws the Reply's chart
requests through the server's ChartMemo (a chart drawn for one session is reused by every other
session of the same model) under a name only this answer uses (`a007-03_roi_comparison.png`),
so a later answer never changes the picture of an earlier one on the page.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    return WebReply(json=reply_json(reply), question=reply.question, read_as=reply.read_as,
                    headline=reply.headline, facts=reply.facts, caveats=(reply.caveat,) if reply.caveat else (),
                    table=reply.table, charts=reply.chart_paths, warnings=reply.warnings, error=reply.error)


def draw(session: Session, reply: Reply, serial: int, memo: ChartMemo) -> tuple[Path, ...]:
    """The reply's chart requests as PNG paths in the session's folder, each drawn when the browser first
    fetches it (ChartMemo.defer): fifty browsers asking at once wait for numbers, not for pictures."""
    from assistant.charts.draw import CHART_FILES

    paths: list[Path] = []
    for req in reply.charts:
        name = f"a{serial:03d}-{CHART_FILES[req.key]}"
        target = Path(session.outputs) / name
        paths.append(memo.defer(target, functools.partial(draw_one, session, req.key, req.result, name, memo)))
    return tuple(paths)


def draw_one(session: Session, key: str, result: Any, name: str, memo: ChartMemo) -> Path:
    """Chart `key` as `session.outputs/name`, drawn once per (model, key, result) across sessions."""
    from assistant.charts.requests import draw_chart

    return memo.draw(key, (session.dataset, session.fit), result, Path(session.outputs) / name,
                     lambda target: draw_chart(session, key, target.parent, result, name=target.name))


def reset(session: Session) -> None:
    """Forget the conversation; the fitted model is kept."""
    session.reset()
