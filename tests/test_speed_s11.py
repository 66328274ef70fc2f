"""Session 11, speed: the demo's start-up loads no question rules, and `run_cli` (tests.helpers) answers a command line
in this process exactly as `run_main` does in a new one, so the tests that moved to it assert what they did."""
from __future__ import annotations

import json
import subprocess
import sys
import warnings

from tests.helpers import ROOT, run_cli, run_main

BRIEFING_PATH = """
import sys
import assistant.answers.summary, assistant.app.demo, assistant.app.terminal, assistant.charts.requests
before = sorted(m for m in sys.modules if m.startswith("router"))
from router import Conversation, route
print(before, route("What is the ROI of TV?", Conversation(channels=("TV", "Radio"))).intent.value)
"""


def test_the_demos_briefing_path_does_not_load_the_question_rules():
    """demo.py answers no question, yet importing `router.types` ran `router/__init__`, which compiled the whole
    rule set (router.core, rules, context, rapidfuzz: ~0.4 s of CPU at every demo start). The rules now load on
    first use of `route`, and still answer."""
    out = subprocess.run([sys.executable, "-c", BRIEFING_PATH], capture_output=True, text=True, check=True, cwd=ROOT)
    before, intent = out.stdout.rsplit(" ", 1)
    assert before == str(["router", "router.types"])
    assert intent.strip() == "roi_analysis"


def test_run_cli_gives_what_run_main_gives():
    """A usage error and an answered --json question: the same exit code, the same stdout, the same stderr."""
    for args in (["--margin", "lots", "--ask", "x", "--offline"],
                 ["--ask", "What is the ROI of TV?", "--json", "--no-charts", "--offline", "--no-audit"]):
        alone, here = run_main(*args), run_cli(*args)
        assert here.returncode == alone.returncode
        assert here.stderr == alone.stderr
        if "--json" in args:   # one object per line; compared parsed, so key order is not the point
            assert [json.loads(line) for line in here.stdout.splitlines()] == [
                json.loads(line) for line in alone.stdout.splitlines()]
        else:
            assert here.stdout == alone.stdout
    assert alone.returncode == 0 and json.loads(alone.stdout)["data"]["channels"]["TV"]["roi"] > 0


def test_run_cli_prints_a_stray_warning_as_a_new_process_would(monkeypatch):
    """pytest records warnings instead of printing them; run_cli puts them on stderr, so a one-line-error test that
    moved in-process still fails when the program also warns."""
    from assistant.app import cli

    real = cli._run

    def noisy(args):
        warnings.warn("a stray warning", RuntimeWarning, stacklevel=1)
        return real(args)

    monkeypatch.setattr(cli, "_run", noisy)
    proc = run_cli("--ask", "", "--offline")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith('error: --ask "": the question is empty')
    assert any("RuntimeWarning: a stray warning" in line for line in lines[1:])
