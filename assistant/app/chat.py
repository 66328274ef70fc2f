"""The chat as the user sees it: welcome panel, commands (help, demo, charts, reset) and answers."""
from __future__ import annotations

from rich.console import Console

from assistant.answers.dispatch import ask
from assistant.answers.guide import example_questions
from assistant.app.terminal import print_briefing, to_renderable, welcome_renderable

COMMAND_WORDS = ("help", "demo", "charts on", "charts off", "reset", "quit", "exit", "report")


class ChatHandler:
    """The chat's `answer(text)` callback: chat commands first, then questions to the session."""

    def __init__(self, session, console: Console):
        self.session = session
        self.console = console

    def __call__(self, text: str) -> None:
        command = " ".join(text.lower().split())
        try:
            if command in ("charts on", "charts off"):
                self.session.charts = command.endswith("on")
                self.console.print(f"[dim]Charts are {'on' if self.session.charts else 'off'}.[/]")
                return
            if command in ("reset", "/reset"):
                self.session.reset()
                self.console.print("[dim]Conversation forgotten; follow-ups start afresh.[/]")
                return
            if command in ("demo", "/demo"):
                print_briefing(self.session, self.console)
                return
            answer = ask(self.session, text)
            self.console.print(to_renderable(answer))
            self.console.print()
        except Exception as exc:  # noqa: BLE001 - the last guard: the chat goes on
            msg = " ".join(str(exc).split())[:120]
            self.console.print(f"[red]error: could not answer that ({type(exc).__name__}: {msg}) — try rephrasing[/]")


def words_for(session) -> tuple[str, ...]:
    """Completion words: the data's channel names and the chat commands."""
    return tuple(session.dataset.channels) + COMMAND_WORDS


def run_app(args) -> int:
    """Fit with a spinner, show the welcome panel, then chat until quit."""
    from assistant.app.prompt import history_path, run_chat
    from assistant.app.setup import make_session

    console = Console(highlight=False)
    with console.status("Loading data and fitting the model…"):
        session = make_session(args, offline=args.offline)
        session.fit
        session.quick_quality
    console.print(welcome_renderable(session, example_questions(session.dataset.channels)))
    session.warm_up()
    run_chat(ChatHandler(session, console), words=words_for(session), history_file=history_path())
    console.print("[dim]Bye.[/]")
    return 0
