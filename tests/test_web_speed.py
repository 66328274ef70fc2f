"""What makes the web app fast under load, and keeps it correct: charts drawn by a worker process
(the same picture as drawn inline), one drawing per chart however many browsers fetch it, audit
lines written in groups yet each on disk before its answer returns, and one computation of a what-if
shared by the sessions of a model without sharing their conversations."""
from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.answers.dispatch import ask
from assistant.session import DataOptions
from assistant.web.app import WebConfig, create_app
from assistant.web.chart_memo import ChartJob, ChartMemo
from assistant.web.chart_worker import ChartInputs, ProcessDrawer, ThreadDrawer
from assistant.web.chart_worker import _draw_chart as draw_chart_inline
from assistant.web.group_audit import GroupAudit
from assistant.web.models import ModelCache


@pytest.fixture(scope="module")
def model():
    return ModelCache().get(DataOptions())


@pytest.fixture
def what_if(model, tmp_path):
    session = model.session(tmp_path / "s", charts=False, offline=True)
    reply = ask(session, "What if we cut TV by 20%?")
    return ChartInputs.of(session), reply.charts[0].result


def test_the_worker_draws_the_same_png_as_the_server_would(what_if, tmp_path):
    inputs, result = what_if
    before = {p.pid for p in multiprocessing.active_children()}
    worker, inline = ProcessDrawer(), ThreadDrawer()
    try:
        for key, value in (("what_if", result), ("roi", None)):
            a = worker.submit(inputs, key, value, tmp_path / f"worker-{key}.png").result(timeout=120)
            b = inline.submit(inputs, key, value, tmp_path / f"inline-{key}.png").result(timeout=120)
            assert a.read_bytes()[:4] == b"\x89PNG" and a.read_bytes() == b.read_bytes()
        worker_pids = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
        assert worker_pids, "the chart was drawn in another process"
    finally:
        worker.close()
        inline.close()
    assert not [p for p in multiprocessing.active_children() if p.pid in worker_pids]


def test_a_dead_worker_is_replaced_and_a_bad_chart_is_only_a_failed_future(what_if, tmp_path):
    inputs, result = what_if
    worker = ProcessDrawer()
    try:
        before = {p.pid for p in multiprocessing.active_children()}
        assert worker.submit(inputs, "roi", None, tmp_path / "a.png").result(timeout=120).is_file()
        for child in multiprocessing.active_children():
            if child.pid not in before:           # this drawer's worker only
                os.kill(child.pid, signal.SIGKILL)
        drawn = None
        for attempt in range(3):          # the chart in flight when the worker died may fail; the next is drawn
            try:
                drawn = worker.submit(inputs, "what_if", result, tmp_path / f"b{attempt}.png").result(timeout=120)
                break
            except Exception:  # noqa: BLE001 - BrokenProcessPool for the chart that met the dead worker
                time.sleep(0.2)
        assert drawn is not None and drawn.is_file()
        with pytest.raises(KeyError):
            worker.submit(inputs, "no_such_chart", None, tmp_path / "c.png").result(timeout=120)
    finally:
        worker.close()


class CountingDrawer(ThreadDrawer):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.gate = threading.Event()

    def submit(self, inputs, key, result, target) -> Future[Path]:
        self.calls += 1

        def slow() -> Path:
            self.gate.wait(10)
            return draw_chart_inline(inputs, key, result, target)

        return self._pool.submit(slow)


def test_fifty_fetches_of_a_new_chart_wait_for_one_drawing(what_if, tmp_path):
    inputs, result = what_if
    drawer = CountingDrawer()
    memo = ChartMemo(tmp_path / "memo", drawer)
    targets = [memo.defer(tmp_path / f"session{i}" / "a005-07_what_if.png", ChartJob("what_if", inputs, result))
               for i in range(50)]
    memo.defer(tmp_path / "session0" / "a006-bad.png", ChartJob("no_such_chart", inputs))

    async def fetch_all():
        asyncio.get_running_loop().call_later(0.2, drawer.gate.set)
        return await asyncio.gather(*(memo.realise(t) for t in targets),
                                    memo.realise(tmp_path / "session0" / "a006-bad.png"),
                                    memo.realise(tmp_path / "session0" / "never-promised.png"))

    try:
        *ok, bad, unknown = asyncio.run(fetch_all())
    finally:
        drawer.close()
    assert all(ok) and not bad and not unknown
    assert drawer.calls == 2 and memo.misses == 2 and memo.hits == 49
    pictures = {t.read_bytes() for t in targets}
    assert len(pictures) == 1 and next(iter(pictures))[:4] == b"\x89PNG"
    assert not (tmp_path / "session0" / "a006-bad.png").exists()


def test_the_app_serves_worker_charts_and_stops_its_worker(tmp_path):
    before = {p.pid for p in multiprocessing.active_children()}
    app = create_app(WebConfig(outputs=tmp_path / "out", offline=True))
    with TestClient(app) as client:
        reply = client.post("/api/ask", json={"question": "What if we cut Radio by 35%?"}).json()
        chart = Path(reply["charts"][0])
        got = client.get(f"/files/{chart.parent.name}/{chart.name}", params={"session": reply["session"]})
        assert got.status_code == 200 and got.headers["content-type"] == "image/png"
        session = app.state.web.sessions.get(reply["session"]).session
        inline = ThreadDrawer()
        try:
            expected = inline.submit(ChartInputs.of(session), "what_if", session.scenarios[-1],
                                     tmp_path / "inline.png").result(timeout=120)
        finally:
            inline.close()
        assert got.content == expected.read_bytes()
        assert isinstance(app.state.web.drawer, ProcessDrawer)
        assert {p.pid for p in multiprocessing.active_children()} - before    # the worker is running
    assert not {p.pid for p in multiprocessing.active_children()} - before   # and stopped with the app
    assert not (tmp_path / "out" / "web").exists()


def test_group_audit_writes_every_line_before_its_answer_returns(tmp_path, monkeypatch):
    audit = GroupAudit(tmp_path / "audit" / "answers.jsonl")
    real_write = GroupAudit.write
    release = threading.Event()

    def held_write(self, data: bytes) -> None:       # a slow disk: the first write waits until all have queued
        release.wait(30)
        real_write(self, data)

    monkeypatch.setattr(GroupAudit, "write", held_write)
    seen_after_return: list[bool] = []

    def answer(i: int) -> None:
        audit.append({"i": i, "question": f"q{i}"})
        lines = audit.path.read_text(encoding="utf-8").splitlines()
        seen_after_return.append(any(json.loads(line)["i"] == i for line in lines))

    def until(condition) -> None:
        for _ in range(3000):
            if condition():
                return
            time.sleep(0.01)
        raise AssertionError("the writers never queued")

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(40)]
    threads[0].start()
    until(lambda: audit._writing)                     # the first line is being written (and held)
    for t in threads[1:]:
        t.start()
    until(lambda: audit._queued == 40)                # the other 39 queued behind it
    release.set()
    for t in threads:
        t.join(30)
    lines = [json.loads(line) for line in audit.path.read_text(encoding="utf-8").splitlines()]
    assert sorted(e["i"] for e in lines) == list(range(40))
    assert all(seen_after_return) and len(seen_after_return) == 40
    assert audit.groups == 2                          # the held line, then the 39 queued behind it in one write


def test_group_audit_reports_an_unwritable_file_to_every_writer(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    audit = GroupAudit(blocker / "answers.jsonl")
    errors: list[Exception] = []

    def answer() -> None:
        try:
            audit.append({"q": "x"})
        except OSError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=answer) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(errors) == 5


def test_sessions_of_a_model_compute_a_what_if_once_but_keep_their_own_context(model, tmp_path, monkeypatch):
    import analysis.decisions.scenario as scenario_module

    calls: list[int] = []
    real = scenario_module.run_scenario

    def counted(*args, **kwargs):
        calls.append(1)
        time.sleep(0.1)                  # long enough for the other sessions to arrive meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(scenario_module, "run_scenario", counted)
    sessions = [model.session(tmp_path / f"s{i}", charts=False, offline=True) for i in range(8)]
    ask(sessions[0], "What is the ROI of Digital?")
    replies: list = [None] * 8

    def run(i: int) -> None:
        replies[i] = ask(sessions[i], "What if we cut Print by 37%?")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(calls) == 1
    assert len({json.dumps(r.data, sort_keys=True, default=str) for r in replies}) == 1
    assert all(len(s.scenarios) == 1 for s in sessions)          # each session's own what-if list
    fresh = model.session(tmp_path / "fresh", charts=False, offline=True)     # shares the memos, not the talk
    assert ask(fresh, "and radio?").routed.source != "context"
    follow_up = ask(sessions[0], "and radio?")
    assert follow_up.routed.source == "context" and follow_up.intent == "budget_scenario"
    assert follow_up.routed.channels == ("Radio",)


def test_a_worker_exits_when_its_server_is_killed(tmp_path):
    """kill -9 (or a crash) gives the server no chance to stop its worker: the worker notices and exits."""
    import subprocess
    import sys

    script = (
        "import multiprocessing, time\n"
        "from assistant.web.chart_worker import ProcessDrawer\n"
        "d = ProcessDrawer(); d.start()\n"
        "d._ensure().submit(int).result(timeout=120)\n"
        "print(*[p.pid for p in multiprocessing.active_children()], flush=True)\n"
        "time.sleep(600)\n"
    )
    root = Path(__file__).resolve().parent.parent
    server = subprocess.Popen([sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(root)})
    try:
        workers = [int(pid) for pid in server.stdout.readline().split()]
        assert workers, "the server started no worker"
        os.kill(server.pid, signal.SIGKILL)
        server.wait(30)

        def alive(pid: int) -> bool:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return False
            with open(f"/proc/{pid}/stat") as stat:       # a zombie waiting for init to reap it is gone too
                return stat.read().split(")")[-1].split()[0] != "Z"

        for _ in range(300):
            if not any(alive(pid) for pid in workers):
                break
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers)
    finally:
        if server.poll() is None:
            server.kill()


def test_memos_shared_by_a_model_keep_at_most_the_limit(model, tmp_path, monkeypatch):
    """The memos live as long as the model, shared by every session: bounded, oldest dropped first."""
    import assistant.session as session_module

    monkeypatch.setattr(session_module, "MEMO_LIMIT", 3)
    session = model.session(tmp_path)
    asked = [{"TV": -p} for p in (10.0, 20.0, 30.0, 40.0, 50.0)]
    results = [session.scenario(changes=c) for c in asked]
    memo = session.__dict__["_scenarios"]
    assert len(memo) == 3
    assert [dict(k[0]) for k in memo] == asked[2:]                      # the three most recent
    assert session.scenario(changes=asked[-1]) is results[-1]           # still answered from the memo
    assert len([k for k in session.__dict__["_memo_locks"] if k.startswith("_scenarios")]) == 3
