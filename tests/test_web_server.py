"""`main.py --web`: the CLI's data errors before listening, the localhost default and the warning otherwise."""
from __future__ import annotations

import pytest

from assistant.app import cli


@pytest.fixture
def served(monkeypatch):
    """uvicorn.run replaced by a recorder: the test never listens on a socket."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_bad_csv_is_one_error_line_before_listening(served, tmp_path, capsys):
    import multiprocessing

    before = {p.pid for p in multiprocessing.active_children()}
    code = cli.main(["--web", "--csv", str(tmp_path / "nope.csv"), "--offline", "--outputs", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and not served
    assert not {p.pid for p in multiprocessing.active_children()} - before     # the chart worker is stopped too
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and "nope.csv: file not found" in lines[0] and "Traceback" not in err


def test_listens_on_localhost_by_default_and_warns_otherwise(served, tmp_path, capsys, monkeypatch):
    from assistant.web.app import WebState

    monkeypatch.setattr(WebState, "default_model", lambda self: None)    # the fit is not what is tested here
    out = str(tmp_path / "out")
    assert cli.main(["--web", "--offline", "--no-charts", "--outputs", out]) == 0
    err = capsys.readouterr().err
    assert served[-1][1]["host"] == "127.0.0.1" and served[-1][1]["port"] == 8765
    assert "http://127.0.0.1:8765/" in err and "warning" not in err
    assert cli.main(["--web", "--offline", "--no-charts", "--outputs", out, "--host", "0.0.0.0", "--port", "9001"]) == 0
    err = capsys.readouterr().err
    assert served[-1][1]["host"] == "0.0.0.0" and served[-1][1]["port"] == 9001
    assert "warning: listening on 0.0.0.0" in err and "no login" in err
