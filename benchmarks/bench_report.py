"""Time board-pack production on the sample data (target: under 10 s, fit included).

The two what-if questions asked before the pack are timed apart ("chat questions"): they are
the conversation, not the pack.

    python benchmarks/bench_report.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET_S = 10.0


def run_once(out_dir: Path) -> dict[str, float]:
    """Fresh session: fit, two what-ifs, then the pack; seconds per stage."""
    from assistant.answers.dispatch import ask
    from assistant.report import build_board_pack, write_board_pack
    from assistant.session import Session
    from data.sample_data import sample_dataset

    t0 = time.perf_counter()
    session = Session(sample_dataset(), outputs=out_dir, charts=False, offline=True)
    _ = session.fit
    t1 = time.perf_counter()
    for question in ("What if we cut TV by 20%?", "Move 10% of TV to Social"):
        ask(session, question)
    t2 = time.perf_counter()
    pack = build_board_pack(session)
    t3 = time.perf_counter()
    write_board_pack(pack, out_dir)
    t4 = time.perf_counter()
    return {"fit": t1 - t0, "chat questions": t2 - t1, "build": t3 - t2, "write": t4 - t3,
            "pack": (t1 - t0) + (t4 - t2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            runs.append(run_once(Path(tmp)))
    for stage in runs[0]:
        values = sorted(r[stage] for r in runs)
        print(f"{stage:>14}: median {values[len(values) // 2]:.2f} s  (min {values[0]:.2f}, max {values[-1]:.2f})")
    worst = max(r["pack"] for r in runs)
    print(f"slowest pack, fit included: {worst:.2f} s (budget {BUDGET_S:.0f} s) -> {'OK' if worst < BUDGET_S else 'TOO SLOW'}")
    return 0 if worst < BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
