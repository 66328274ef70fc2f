"""Which typed lines are chat commands (help, demo, history [N], charts on|off, reset, quit), not questions.

Apart from assistant.app.chat so that a scripted `--json` run can tell a command from a question without
importing the chat's terminal rendering (Rich tables and panels) that its answers never use."""
from __future__ import annotations

COMMAND_WORDS = ("help", "demo", "history", "charts on", "charts off", "reset", "quit", "exit", "report")
HISTORY_DEFAULT = 5


def history_count(command: str) -> int | None:
    """N for the chat command `history [N]` (5 when omitted); None when the line is not that command."""
    words = command.removeprefix("/").split()
    if not words or words[0] != "history" or len(words) > 2:
        return None
    if len(words) == 1:
        return HISTORY_DEFAULT
    return int(words[1]) if words[1].isdigit() else None


def is_session_command(command: str) -> bool:
    """Whether a normalised line is a command `run_session_command` does (not a question)."""
    return command in ("charts on", "charts off", "reset", "demo") or history_count(command) is not None
