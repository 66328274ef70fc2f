"""The chat loop driven through prompt-toolkit's pipe input, and the chat's command handler."""
from __future__ import annotations

import io

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from assistant.app.chat import ChatHandler, words_for
from assistant.app.prompt import run_chat
from tests.helpers import session_for


def drive(text: str, answer, history_file=None) -> int:
    with create_pipe_input() as pipe:
        pipe.send_text(text)
        return run_chat(answer, words=("TV", "Radio"), history_file=history_file, input=pipe, output=DummyOutput())


def test_lines_go_to_answer_until_quit():
    seen = []
    n = drive("What is the ROI of TV?\n\nAnd radio?\nquit\nnever read\n", seen.append)
    assert seen == ["What is the ROI of TV?", "And radio?"] and n == 2


def test_ctrl_d_ends_cleanly():
    seen = []
    drive("help\n\x04", seen.append)
    assert seen == ["help"]


def test_ctrl_c_abandons_the_line_not_the_chat():
    seen = []
    drive("half a quest\x03What data do you have?\nexit\n", seen.append)
    assert seen == ["What data do you have?"]


def test_history_is_appended_to_the_file(tmp_path):
    history = tmp_path / "hist"
    drive("What is the ROI of TV?\nquit\n", lambda t: None, history_file=history)
    drive("And radio?\nquit\n", lambda t: None, history_file=history)
    text = history.read_text()
    assert "What is the ROI of TV?" in text and "And radio?" in text


def handler(sample_fit, tmp_path):
    console = Console(file=io.StringIO(), width=100, color_system=None)
    return ChatHandler(session_for(sample_fit, tmp_path), console), console


def test_handler_answers_and_follows_up(sample_fit, tmp_path):
    h, console = handler(sample_fit, tmp_path)
    h("What is the ROI of TV?")
    h("And radio?")
    out = console.file.getvalue()
    assert "Read as: ROI · TV" in out and "Read as: ROI · Radio (from context)" in out
    assert "Radio returns $" in out


def test_handler_commands(sample_fit, tmp_path):
    h, console = handler(sample_fit, tmp_path)
    h("charts on")
    assert h.session.charts is True
    h("charts off")
    assert h.session.charts is False
    h("What is the ROI of TV?")
    h("reset")
    h("And radio?")      # nothing to follow up after reset
    out = console.file.getvalue()
    assert "Charts are on" in out and "Conversation forgotten" in out
    assert "Read as: ROI · Radio (from context)" not in out


def test_handler_demo_prints_the_briefing(sample_fit, tmp_path):
    h, console = handler(sample_fit, tmp_path)
    h("demo")
    out = console.file.getvalue()
    for section in ("Executive briefing", "Return on investment", "Saturation", "What-if",
                    "Recommended reallocation", "Model reliability"):
        assert section in out


def test_an_exception_in_one_answer_prints_one_line_and_goes_on(sample_fit, tmp_path, monkeypatch):
    h, console = handler(sample_fit, tmp_path)
    monkeypatch.setattr("assistant.answers.channels.roi_data", lambda *a, **k: 1 / 0)
    h("What is the ROI of TV?")
    h("What data do you have?")
    out = console.file.getvalue()
    assert "error: could not answer that (ZeroDivisionError" in out and "try rephrasing" in out
    assert "208 weeks" in out


def test_completion_words_are_channels_and_commands(sample_fit):
    words = words_for(session_for(sample_fit))
    assert {"TV", "Radio", "help", "quit", "charts on"} <= set(words)
