"""End to end: the real chat in a pseudo-terminal (pexpect), as a user would type it."""
from __future__ import annotations

import os
import re
import sys

import pytest

from tests.helpers import ROOT

pexpect = pytest.importorskip("pexpect")
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[>=]|\r")


def test_chat_in_a_terminal(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
    env.update(PROMPT_TOOLKIT_NO_CPR="1", MMM_HISTORY_FILE=str(tmp_path / "history"), TERM="xterm", COLUMNS="120", LINES="50")
    child = pexpect.spawn(sys.executable, [str(ROOT / "main.py"), "--offline", "--no-charts",
                                          "--outputs", str(tmp_path / "out")],
                          cwd=str(tmp_path), env=env, encoding="utf-8", timeout=60, dimensions=(50, 120))
    screen = []
    try:
        child.expect("ask>")
        screen.append(child.before)
        for line, marker in (("What is the ROI of TV?", "Incremental sales"), ("And radio?", "Radio returns"),
                             ("help", "What you can ask")):
            child.sendline(line)
            child.expect(marker)
            screen.append(child.before + marker)
            child.expect("ask>")
            screen.append(child.before)
        child.sendline("quit")
        child.expect(pexpect.EOF)
        screen.append(child.before)
    finally:
        child.close()
    text = ANSI.sub("", "".join(screen))
    assert "MMM assistant" in text and "Model fit:" in text          # the welcome panel
    assert "Read as: ROI · TV" in text and "TV returns $1." in text
    assert "Read as: ROI · Radio (from context)" in text and "Radio returns $" in text
    assert "What you can ask" in text
    assert child.exitstatus == 0
    assert "What is the ROI of TV?" in (tmp_path / "history").read_text()
