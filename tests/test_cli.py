"""main.py at the edge: flags, exit codes, one-line errors, scripts, stdout purity, input never written.

The flag, exit-code and text-mode tests run main.py in a new process (`run_main`), end to end; those about
what an answer writes call the same entry point in this process (`run_cli`: same exit code, stdout, stderr)."""
from __future__ import annotations

import hashlib
import json

import pytest

from tests.helpers import run_cli, run_main


@pytest.mark.parametrize("args, needle", [
    (["--bogus"], "unrecognized arguments"),
    (["--margin", "40", "--ask", "x"], "--margin must be between 0 and 1"),
    (["--margin", "lots", "--ask", "x"], "--margin must be a number"),
    (["--csv", "/no/such/file.csv", "--ask", "What is the ROI of TV?"], "error:"),
    (["--script", "/no/such/script.txt"], "--script /no/such/script.txt: file not found"),
], ids=["unknown-flag", "margin-range", "margin-text", "missing-csv", "missing-script"])
def test_bad_input_is_one_line_and_exit_2(args, needle):
    proc = run_main(*args, "--offline", "--no-charts")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_unusable_csv_is_a_data_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n3,4\n")
    proc = run_main("--csv", str(bad), "--ask", "What is the ROI of TV?", "--offline", "--no-charts")
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1


def test_script_file_comments_and_follow_ups(tmp_path):
    script = tmp_path / "questions.txt"
    script.write_text("# board questions\nWhat is the ROI of TV?\n\n  # indented comment\nAnd radio?\n")
    proc = run_cli("--script", str(script), "--json", "--no-charts", "--offline", "--outputs", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["question"] for o in objs] == ["What is the ROI of TV?", "And radio?"]
    assert objs[1]["channels"] == ["Radio"] and objs[1]["router"] == "context"


def test_text_mode_prints_headline_and_table(tmp_path):
    proc = run_main("--ask", "What is the ROI of TV?", "--no-charts", "--offline", "--outputs", str(tmp_path))
    assert proc.returncode == 0
    assert "Read as: ROI · TV" in proc.stdout and "TV returns $" in proc.stdout and "90% interval" in proc.stdout


def test_csv_input_is_never_modified(tmp_path):
    from data.sample_data import sample_frame

    csv = tmp_path / "weekly.csv"
    sample_frame().to_csv(csv, index=False)
    before = hashlib.sha256(csv.read_bytes()).hexdigest()
    proc = run_cli("--csv", str(csv), "--ask", "What is the ROI of TV?", "--json", "--offline", "--no-charts",
                    "--outputs", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    assert hashlib.sha256(csv.read_bytes()).hexdigest() == before
    data = json.loads(proc.stdout)["data"]
    assert set(data["channels"]) == {"TV", "Radio", "Digital", "Print", "Social"}


def test_charts_only_under_outputs(tmp_path):
    out = tmp_path / "charts-here"
    proc = run_cli("--ask", "What is the ROI of TV?", "--json", "--offline", "--outputs", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    charts = json.loads(proc.stdout)["charts"]
    assert charts and all(str(out) in c for c in charts)
    assert {p.name for p in tmp_path.iterdir()} == {"charts-here"}
    assert all(p.suffix == ".png" for p in out.iterdir())      # no temporary files left behind


def test_failed_answer_in_script_mode_exits_1_and_goes_on(sample_fit, monkeypatch, capsys):
    import assistant.answers.channels as measure
    from assistant.app import cli

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(measure, "roi_data", broken)
    from tests.helpers import session_for

    code = cli.run_script(session_for(sample_fit), ["What is the ROI of TV?", "What data do you have?"], as_json=True)
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert out[0]["intent"] == "roi_analysis" and "RuntimeError: boom" in out[0]["error"]
    assert out[1]["intent"] == "data_overview" and "error" not in out[1]


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_ask_is_a_usage_error(blank):
    proc = run_main("--ask", blank, "--no-charts")
    assert proc.returncode == 2 and proc.stderr.startswith('error: --ask "": the question is empty')
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stdout == ""


def test_no_questions_and_json_is_a_usage_error():
    proc = run_main("--json", "--offline")
    assert proc.returncode == 2 and proc.stderr.startswith("error: no questions")


def test_help_flag():
    proc = run_main("--help")
    assert proc.returncode == 0 and "--ask" in proc.stdout and "--json" in proc.stdout


def test_report_flag_and_intent_write_the_board_pack(tmp_path):
    out = tmp_path / "o"
    proc = run_cli("--ask", "Write the board report", "--json", "--offline", "--no-charts", "--outputs", str(out))
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert obj["intent"] == "report"
    from pathlib import Path

    pack = Path(obj["data"]["path"])
    assert pack.parent == out and (pack / "report.html").exists()
    proc = run_cli("--report", "--offline", "--outputs", str(out))
    assert proc.returncode == 0 and "Board pack:" in proc.stdout


def test_the_mmm_command_dispatches_chat_ask_demo_and_report(monkeypatch, capsys):
    from assistant.app import cli, demo, entry

    seen = []
    monkeypatch.setattr(cli, "main", lambda argv, prog: seen.append((prog, argv)) or 0)
    monkeypatch.setattr(demo, "main", lambda argv, prog: seen.append((prog, argv)) or 0)
    assert entry.main(["--ask", "ROI?", "--json"]) == 0
    assert entry.main(["ask", "--ask", "ROI?"]) == 0
    assert entry.main(["demo", "--no-charts"]) == 0
    assert entry.main(["report", "--no-charts"]) == 0
    assert seen == [("mmm", ["--ask", "ROI?", "--json"]), ("mmm", ["--ask", "ROI?"]),
                    ("mmm demo", ["--no-charts"]), ("mmm report", ["--report", "--no-charts"])]


def test_pyproject_installs_the_mmm_command_and_every_package():
    import tomllib

    from setuptools import find_packages

    from tests.helpers import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["mmm"] == "assistant.app.entry:main"
    found = set(find_packages(ROOT, include=project["tool"]["setuptools"]["packages"]["find"]["include"]))
    assert {"assistant.answers", "assistant.app", "assistant.charts", "assistant.report", "router", "analysis"} <= found
    assert not any(p.startswith("tests") for p in found)
