"""The interactive prompt: history, auto-suggest, completion; it knows nothing about the model.

`run_chat(answer, ...)` reads lines and hands each to `answer(text)`; tests drive it with
prompt-toolkit's `create_pipe_input()` and `DummyOutput()`. Ctrl-C abandons the current
line, Ctrl-D / `quit` / `exit` end the loop.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

QUIT = frozenset({"quit", "exit", "q", ":q", "bye"})


def history_path() -> Path:
    """$MMM_HISTORY_FILE, else ~/.mmm_assistant_history."""
    from config.settings import load_settings

    return load_settings().history_file


def make_prompt_session(words: tuple[str, ...], history_file: Path | None = None, input=None, output=None):
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.completion import WordCompleter
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory

    history: History = InMemoryHistory()
    if history_file is not None:
        try:
            history_file.parent.mkdir(parents=True, exist_ok=True)
            history = FileHistory(str(history_file))
        except OSError:  # an unwritable home directory must not stop the chat
            history = InMemoryHistory()
    completer = WordCompleter(list(words), ignore_case=True, sentence=False)
    return PromptSession(history=history, auto_suggest=AutoSuggestFromHistory(), completer=completer,
                         complete_while_typing=False, input=input, output=output)


def run_chat(answer: Callable[[str], None], words: tuple[str, ...] = (), history_file: Path | None = None,
             input=None, output=None, prompt: str = "ask> ") -> int:
    """Read questions until quit/Ctrl-D; each non-empty line goes to `answer`. Returns lines answered."""
    session = make_prompt_session(words, history_file, input=input, output=output)
    answered = 0
    while True:
        try:
            text = session.prompt(prompt)
        except KeyboardInterrupt:
            continue  # Ctrl-C abandons the line, not the app
        except EOFError:
            break
        text = text.strip()
        if not text:
            continue
        if text.lower() in QUIT:
            break
        answer(text)
        answered += 1
    return answered
