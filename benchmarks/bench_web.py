"""Load on the web API: 50 concurrent clients × 10 questions each, one session per client.

Starts `main.py --web --offline` on 127.0.0.1 at a free port in a child process (so the clients do
not compete with the server for the GIL), waits for /api/health, drives POST /api/ask and fetches
every chart an answer shows (as a browser does), stops the server with Ctrl-C (SIGINT) and prints
throughput, p50/p95 latency and errors, with the non-optimisation questions apart (target: 0 errors,
p95 ≤ 300 ms for those on a 2-core machine). Bounded: --clients ≤ 200, --questions ≤ 50, and the
whole run stops after --limit seconds.

Two workloads, both printed by default (`--workload same|varied|both`):
- same: every client has the same conversation (only its what-if size varies, 5 sizes), so most
  answers and charts are shared across sessions — fifty people clicking the example chips;
- varied: each client asks about its own channels, percentages, budgets and quarters (no two
  clients' what-ifs, plans or period questions alike), so memos rarely hit and most charts are new.

    python benchmarks/bench_web.py [--clients 50] [--questions 10] [--limit 300] [--workload both]
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 300.0
OPTIMISATION = "budget_optimization"


CHANNELS = ("TV", "Radio", "Digital", "Social", "Print")     # the sample's channels
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


def questions_for(client: int, count: int, workload: str = "same") -> list[str]:
    """A realistic conversation: measures, follow-ups, a what-if, one plan. `same`: what-if size varies by
    client (5 sizes); `varied`: channels, sizes, budget and quarter all vary by client."""
    if workload == "varied":
        return varied_questions(client, count)
    cut = 10 + 5 * (client % 5)
    base = ["What is the ROI of TV?", "and radio?", "Which channels are saturated?",
            "How much did each channel contribute to sales?", f"What if we cut TV by {cut}%?", "What drove Q4?",
            "How reliable is the model?", "What data do we have?", "How should we allocate the budget?",
            "Give me the executive summary"]
    return [base[i % len(base)] for i in range(count)]


def varied_questions(client: int, count: int) -> list[str]:
    """The same kinds of question with each client's own numbers: distinct what-ifs (channel × size),
    budgets, quarters and shifts, so answers and charts are mostly computed for that client alone."""
    one, two = CHANNELS[client % 5], CHANNELS[(client + 1 + client // 5) % 5]
    if two == one:
        two = CHANNELS[(client + 2) % 5]
    pct = 3 + client            # 3 … 52%: no two clients alike
    budget = 5.0 + 0.07 * client    # $M a year; today's is $6.75M
    base = [f"What is the ROI of {one}?", f"and {two.lower()}?", f"Is {one} saturated?",
            f"How much did {two} contribute to sales?", f"What if we cut {one} by {pct}%?",
            f"What drove {QUARTERS[client % 4]}?", f"What if we increase {two} by {pct + 4}%?",
            f"What if we move {5 + client % 20}% of {one} to {two}?",
            f"How should we allocate a budget of ${budget:.2f}M?", "Give me the executive summary"]
    return [base[i % len(base)] for i in range(count)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, outputs: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--web", "--offline", "--host", "127.0.0.1",
                             "--port", str(port), "--outputs", str(outputs)],
                            cwd=outputs, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


async def wait_ready(client, url: str, proc: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"error: the server exited: {proc.stderr.read().strip()[-300:]}")
        with contextlib.suppress(Exception):      # not listening yet
            if (await client.get(url + "/api/health")).status_code == 200:
                return
        await asyncio.sleep(0.25)
    raise SystemExit("error: the server did not start in time")


async def one_client(http, url: str, n: int, count: int, results: list, charts: list, deadline: float,
                     workload: str) -> None:
    session = None
    for q in questions_for(n, count, workload):
        if time.monotonic() > deadline:
            results.append((q, None, 0.0, "stopped: time limit"))
            continue
        body = {"question": q} if session is None else {"question": q, "session": session}
        t = time.perf_counter()
        try:
            r = await http.post(url + "/api/ask", json=body)
            ms = (time.perf_counter() - t) * 1000
            obj = r.json()
            error = None if r.status_code == 200 and "error" not in obj else f"{r.status_code}: {obj.get('error')}"
            session = obj.get("session", session)
            results.append((q, obj.get("intent"), ms, error))
            if os.environ.get("BENCH_WEB_TRACE"):
                print(f"{n:3d} {ms:7.0f} {obj.get('intent')}", file=sys.stderr)
            for chart in obj.get("charts", []):     # as a browser does: fetch each chart the answer shows
                t = time.perf_counter()
                got = await http.get(url + "/files/" + "/".join(Path(chart).parts[-2:]), params={"session": session})
                ok = got.status_code == 200 and got.content[:4] == b"\x89PNG"
                charts.append(((time.perf_counter() - t) * 1000, None if ok else f"chart {got.status_code}"))
        except Exception as exc:  # noqa: BLE001 - counted, not raised
            results.append((q, None, (time.perf_counter() - t) * 1000, f"{type(exc).__name__}: {exc}"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (Linux /proc; 0 elsewhere): unlike latency, it does
    not grow when other programs load the machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (the chart worker), from /proc; [] elsewhere."""
    try:
        return [int(c) for t in Path(f"/proc/{pid}/task").iterdir() for c in (t / "children").read_text().split()]
    except (OSError, ValueError):
        return []


def client_cpu() -> float:
    """CPU seconds used so far by this process: the fifty clients' side of the benchmark."""
    return time.process_time()


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def run(clients: int, count: int, limit: float, workload: str = "same") -> int:
    import httpx2

    deadline = time.monotonic() + limit
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(port, Path(tmp))
        try:
            async with httpx2.AsyncClient(timeout=60.0, limits=httpx2.Limits(max_connections=clients)) as http:
                await wait_ready(http, url, proc, deadline)
                results: list = []
                charts: list = []
                workers = children(proc.pid)
                cpu0, wcpu0, ccpu0 = cpu_seconds(proc.pid), sum(map(cpu_seconds, workers)), client_cpu()
                t0 = time.perf_counter()
                await asyncio.wait_for(
                    asyncio.gather(*(one_client(http, url, n, count, results, charts, deadline, workload)
                                     for n in range(clients))),
                    timeout=max(1.0, deadline - time.monotonic()))
                wall = time.perf_counter() - t0
                cpu = cpu_seconds(proc.pid) - cpu0
                worker_cpu = sum(map(cpu_seconds, children(proc.pid))) - wcpu0
                clients_cpu = client_cpu() - ccpu0
                health = (await http.get(url + "/api/health")).json()
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        left = sorted(p.name for p in (Path(tmp) / "web").glob("*")) if (Path(tmp) / "web").exists() else []
    errors = [r for r in results if r[3]] + [(f"chart {i}", None, ms, e) for i, (ms, e) in enumerate(charts) if e]
    ok = [r for r in results if not r[3]]
    plain = [r[2] for r in ok if r[1] != OPTIMISATION]
    plans = [r[2] for r in ok if r[1] == OPTIMISATION]
    print(f"web API load, workload '{workload}': {clients} clients × {count} questions, 127.0.0.1 "
          f"(measured under load if the machine is busy)")
    print(f"  requests {len(results)}, errors {len(errors)}, wall {wall:.1f} s, throughput {len(results) / wall:.1f} req/s")
    print(f"  non-optimisation: n={len(plain)}  p50 {pct(plain, 50):.0f} ms  p95 {pct(plain, 95):.0f} ms  "
          f"max {max(plain, default=float('nan')):.0f} ms  (target p95 ≤ {TARGET_P95_MS:.0f} ms)")
    print(f"  optimisation:     n={len(plans)}  p50 {pct(plans, 50):.0f} ms  p95 {pct(plans, 95):.0f} ms")
    chart_ms = [ms for ms, e in charts if not e]
    print(f"  chart images:     n={len(chart_ms)}  p50 {pct(chart_ms, 50):.0f} ms  p95 {pct(chart_ms, 95):.0f} ms  "
          "(fetched after each answer, as a browser does; drawn on first fetch)")
    print(f"  all:              p50 {pct([r[2] for r in ok], 50):.0f} ms  mean {statistics.fmean([r[2] for r in ok] or [0]):.0f} ms")
    by_intent: dict[str, list[float]] = {}
    for r in ok:
        by_intent.setdefault(r[1], []).append(r[2])
    print("  p95 by intent: " + ", ".join(f"{k} {pct(v, 95):.0f} ms" for k, v in sorted(by_intent.items())))
    print(f"  server CPU: {cpu:.1f} s for {len(results)} requests = {1000 * cpu / max(1, len(results)):.1f} ms per "
          f"request (wall {wall:.1f} s: the server had {cpu / wall:.2f} CPU on average); chart worker "
          f"{worker_cpu:.1f} s; the clients (this process) {clients_cpu:.1f} s")
    print(f"  server: {health.get('sessions')} sessions, {health.get('models')} fitted model(s), "
          f"charts drawn {health.get('charts_drawn')}, reused {health.get('charts_reused')}")
    print(f"  session folders left after Ctrl-C: {len(left)}")
    for q, _, _, e in errors[:5]:
        print(f"  error: {q!r}: {e}")
    met = not errors and pct(plain, 95) <= TARGET_P95_MS
    print("  target met" if met else "  target NOT met")
    return 0 if not errors else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--questions", type=int, default=10)
    p.add_argument("--limit", type=float, default=300.0, help="stop each run after this many seconds")
    p.add_argument("--workload", choices=("same", "varied", "both"), default="both",
                   help="same questions for every client, each client's own numbers, or both (default)")
    a = p.parse_args(argv)
    if not (1 <= a.clients <= 200 and 1 <= a.questions <= 50 and 0 < a.limit <= 1800):
        p.error("--clients 1..200, --questions 1..50, --limit up to 1800 s")
    codes = [asyncio.run(run(a.clients, a.questions, a.limit, w))
             for w in (("same", "varied") if a.workload == "both" else (a.workload,))]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
