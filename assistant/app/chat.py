"""The chat as the user sees it: welcome panel, commands (help, demo, history, charts, reset) and answers."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.console import Console

from assistant.answers.dispatch import ask
from assistant.answers.guide import example_questions
from assistant.app.commands import COMMAND_WORDS, history_count
from assistant.app.terminal import history_renderable, print_briefing, to_renderable, welcome_renderable

if TYPE_CHECKING:
    from assistant.session import Session


def run_session_command(session: Session, command: str, console: Console, confirm: bool = True) -> bool:
    """Do a chat command on the session -- charts on|off, reset, demo, history [N] -- and say so when
    `confirm`; False when `command` (lower-case, single-spaced) is none of them. The chat and scripted
    transcripts (`assistant.app.cli`) share it."""
    if command in ("charts on", "charts off"):
        session.charts = command.endswith("on")
        if confirm:
            console.print(f"[dim]Charts are {'on' if session.charts else 'off'}.[/]")
    elif command == "reset":
        session.reset()
        if confirm:
            console.print("[dim]Conversation forgotten; follow-ups start afresh.[/]")
    elif command == "demo":
        print_briefing(session, console)
    elif history_count(command) is not None:
        console.print(history_renderable(recent_answers(session, history_count(command) or 0)))
    else:
        return False
    return True


def recent_answers(session: Session, n: int) -> list[dict[str, object]]:
    """The last n answers: from the audit file when there is one (earlier runs too), else this session's."""
    if session.audit is not None:
        return session.audit.tail(n)
    return session.answered[-n:] if n > 0 else []


class ChatHandler:
    """The chat's `answer(text)` callback: chat commands first, then questions to the session."""

    def __init__(self, session: Session, console: Console):
        self.session = session
        self.console = console

    def __call__(self, text: str) -> None:
        command = " ".join(text.lower().split())
        command = command[1:] if command in ("/reset", "/demo") else command
        try:
            if run_session_command(self.session, command, self.console):
                return
            answer = ask(self.session, text)
            self.console.print(to_renderable(answer))
            self.console.print()
        except Exception as exc:  # noqa: BLE001 - the last guard: the chat goes on
            msg = " ".join(str(exc).split())[:120]
            self.console.print(f"[red]error: could not answer that ({type(exc).__name__}: {msg}) — try rephrasing[/]")


    def recent(self, n: int) -> list[dict[str, object]]:
        """The last n answers (`recent_answers`)."""
        return recent_answers(self.session, n)


def words_for(session: Session) -> tuple[str, ...]:
    """Completion words: the data's channel names and the chat commands."""
    return tuple(session.dataset.channels) + COMMAND_WORDS


def run_app(args: argparse.Namespace) -> int:
    """Fit with a spinner, show the welcome panel, then chat until quit."""
    from assistant.app.preload import STATSMODELS, import_in_background
    from assistant.app.prompt import history_path, run_chat
    from assistant.app.setup import make_session
    from assistant.audit import audit_path

    console = Console(highlight=False)
    with console.status("Loading data and fitting the model…"):
        session = make_session(args, offline=args.offline,
                               audit=audit_path(args.audit, args.no_audit, args.outputs))
        import_in_background(STATSMODELS)   # beside the fit
        _ = session.fit, session.quick_quality   # fit and grade now, under the spinner
    console.print(welcome_renderable(session, example_questions(session.dataset.channels)))
    session.warm_up()
    run_chat(ChatHandler(session, console), words=words_for(session), history_file=history_path())
    console.print("[dim]Bye.[/]")
    return 0
