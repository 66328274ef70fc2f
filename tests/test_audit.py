"""The audit trail: one whole JSON line per answered question, with the dataset's and model's fingerprints."""
from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time

from rich.console import Console

from assistant.answers.dispatch import ask
from assistant.app.chat import ChatHandler, history_count
from assistant.audit import AuditLog, audit_path
from tests.helpers import ROOT, run_cli, session_for

FIELDS = {"time", "question", "read_as", "routed", "router", "intent", "data", "warnings", "duration_ms",
          "dataset", "model"}


def _lines(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_two_questions_leave_exactly_two_lines_with_the_fields(tmp_path):
    trail = tmp_path / "trail.jsonl"
    proc = run_cli("--ask", "What is the ROI of TV?", "--ask", "And radio?", "--json", "--no-charts", "--offline",
                    "--outputs", str(tmp_path / "out"), "--audit", str(trail))
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    entries = _lines(trail)
    assert len(entries) == 2
    for entry, answer in zip(entries, answers):
        assert FIELDS <= set(entry)
        assert entry["question"] == answer["question"] and entry["intent"] == answer["intent"] == "roi_analysis"
        assert entry["data"] == answer["data"]                # the same figures the user was given
        assert entry["read_as"].startswith("Read as: ROI")
        assert entry["duration_ms"] >= 0
    assert [e["router"] for e in entries] == ["rules", "context"]
    assert entries[1]["routed"]["channels"] == ["Radio"]
    ds, model = entries[0]["dataset"], entries[0]["model"]
    assert ds["rows"] == 208 and ds["start"] == "2021-01-04" and ds["columns"]["target"] == "sales"
    assert len(ds["values_sha256"]) == 64 and ds["file_sha256"] is None     # the built-in sample has no file
    assert set(model) >= {"settings_sha256", "package_version", "stats"} and 0 < model["stats"]["r2"] <= 1
    assert entries[0]["dataset"] == entries[1]["dataset"] and entries[0]["model"] == entries[1]["model"]
    assert not (tmp_path / "out" / "audit").exists()          # --audit PATH replaces the default place


def test_a_csv_is_fingerprinted_by_its_bytes(tmp_path, sample_fit):
    csv = tmp_path / "weekly.csv"
    frame = sample_fit.dataset.to_frame()
    frame.columns = [c if c == "sales" else f"{c.lower()}_spend" if c in sample_fit.dataset.spend_columns else c
                     for c in frame.columns]
    frame.to_csv(csv)
    before = csv.read_bytes()
    trail = tmp_path / "t.jsonl"
    proc = run_cli("--csv", str(csv), "--ask", "What data do you have?", "--json", "--no-charts", "--offline",
                    "--outputs", str(tmp_path / "out"), "--audit", str(trail))
    assert proc.returncode == 0, proc.stderr
    (entry,) = _lines(trail)
    assert entry["dataset"]["file_sha256"] == hashlib.sha256(before).hexdigest()
    assert csv.read_bytes() == before                        # the user's file is never modified


def test_environment_default_and_off(tmp_path, monkeypatch):
    env_file = tmp_path / "env.jsonl"
    assert audit_path(None, False, "outputs", {"MMM_AUDIT_FILE": str(env_file)}) == env_file
    assert audit_path("x.jsonl", False, "outputs", {"MMM_AUDIT_FILE": str(env_file)}).name == "x.jsonl"
    assert audit_path(None, False, tmp_path, {}) == tmp_path / "audit" / "answers.jsonl"
    assert audit_path("x.jsonl", True, "outputs", {"MMM_AUDIT_FILE": str(env_file)}) is None
    monkeypatch.setenv("MMM_AUDIT_FILE", str(env_file))
    proc = run_cli("--ask", "help", "--json", "--no-charts", "--offline", "--outputs", str(tmp_path / "o"))
    assert proc.returncode == 0 and len(_lines(env_file)) == 1
    proc = run_cli("--ask", "help", "--json", "--no-charts", "--offline", "--no-audit", "--outputs", str(tmp_path / "o"))
    assert proc.returncode == 0 and len(_lines(env_file)) == 1      # --no-audit: nothing appended


def test_the_api_key_never_reaches_the_file(tmp_path, sample_fit, monkeypatch):
    secret = "sk-ant-api03-not-a-real-key-0123456789"
    monkeypatch.setenv("ANTHROPIC_API_KEY", secret)
    trail = AuditLog(tmp_path / "a.jsonl")
    session = session_for(sample_fit, tmp_path, audit=trail)
    ask(session, f"What is the ROI of TV? my key is {secret}")
    text = trail.path.read_text(encoding="utf-8")
    assert secret not in text and "[redacted]" in text


WRITER = """
import sys
from assistant.audit import AuditLog
log = AuditLog(sys.argv[1])
i = 0
while True:
    log.append({"i": i, "payload": "x" * 20000})
    i += 1
"""


def test_a_process_killed_mid_write_leaves_only_whole_lines(tmp_path):
    path = tmp_path / "killed.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env, cwd=ROOT)
        while not path.exists() or path.stat().st_size < 200_000:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        AuditLog(path).append({"i": "after"})               # the next append starts on a fresh line
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""                                 # ends with a newline: no partial line
    entries = [json.loads(line) for line in lines[:-1]]     # every line is whole JSON
    assert sum(e["i"] == "after" for e in entries) == 3


def test_a_torn_tail_is_cut_before_the_next_line(tmp_path):
    path = tmp_path / "torn.jsonl"
    path.write_bytes(b'{"i": 0}\n{"i": 1, "half')
    AuditLog(path).append({"i": 2})
    assert _lines(path) == [{"i": 0}, {"i": 2}]
    assert AuditLog(path).tail(1) == [{"i": 2}]


def test_chat_history_shows_the_last_answers(sample_fit, tmp_path):
    session = session_for(sample_fit, tmp_path, audit=AuditLog(tmp_path / "h.jsonl"))
    console = Console(file=io.StringIO(), width=160, color_system=None)
    handler = ChatHandler(session, console)
    handler("What is the ROI of TV?")
    handler("Which channels are saturated?")
    console.file.truncate(0)
    handler("history 1")
    out = console.file.getvalue()
    assert "Which channels are saturated?" in out and "What is the ROI of TV?" not in out
    handler("history")
    assert "What is the ROI of TV?" in console.file.getvalue()
    assert history_count("history 3") == 3 and history_count("history") == 5 and history_count("historyx") is None


def test_board_pack_appendix_lists_the_sessions_questions(sample_fit, tmp_path):
    from assistant.report import build_board_pack
    from assistant.report.story import sections

    session = session_for(sample_fit, tmp_path)
    ask(session, "What is the ROI of TV?")
    ask(session, "What if we cut TV by 20%?")
    appendix = next(s for s in sections(build_board_pack(session)) if s.id == "appendix")
    (grid,) = appendix.grids
    assert [row[2] for row in grid.rows] == ["What is the ROI of TV?", "What if we cut TV by 20%?"]
    assert all(len(row[4]) == 12 and len(row[5]) == 12 for row in grid.rows)
