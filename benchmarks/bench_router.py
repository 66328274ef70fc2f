"""Routing latency over the evaluation sets: mean and p95 milliseconds per question (target < 5 ms)."""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from router import Conversation, route  # noqa: E402
from router.context import DEFAULT_CHANNELS  # noqa: E402
from router.eval import BLIND_SETS, HELDOUT_SET, MAIN_SET, load  # noqa: E402

ROUNDS = 5


def main() -> None:
    cases = load(MAIN_SET) + (load(HELDOUT_SET) if HELDOUT_SET.exists() else [])
    cases += [c for path in BLIND_SETS if path.exists() for c in load(path)]
    t0 = time.perf_counter()
    import router.core  # noqa: F401  (already imported; measured for the record below)
    for case in cases[:5]:  # warm the alias tables and typo caches like a running session would
        route(case["q"], Conversation(channels=tuple(case.get("data", DEFAULT_CHANNELS))))
    times = _timed(cases)
    gc.disable()   # the same rounds without the cyclic collector: tells a routing cost from a collector pause
    try:
        quiet = _timed(cases)
    finally:
        gc.enable()
        gc.collect()   # what piled up while paused, collected here rather than inside the next timing
    long_q = "what if we cut tv by 20% " * 400
    start = time.perf_counter()
    route(long_q, Conversation())
    long_ms = (time.perf_counter() - start) * 1000
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"router: {len(cases)} questions x {ROUNDS} rounds")
    print(f"  mean {statistics.fmean(times):.3f} ms   p95 {p95:.3f} ms   max {times[-1]:.3f} ms")
    print(f"  10,000-character question: {long_ms:.3f} ms   (warm-up {1000 * (time.perf_counter() - t0):.0f} ms total)")
    print(f"  calls over 5 ms: {sum(t > 5 for t in times)} of {len(times)}; with the garbage collector paused: "
          f"max {max(quiet):.3f} ms (a call over 5 ms with it running is a collector pause, not routing)")


def _timed(cases: list[dict]) -> list[float]:
    """Milliseconds per route() call over ROUNDS rounds, each round one conversation."""
    times: list[float] = []
    for _ in range(ROUNDS):
        conv = Conversation()
        for case in cases:
            if "data" in case:
                conv = Conversation(channels=tuple(case["data"]))
            start = time.perf_counter()
            q = route(case["q"], conv)
            times.append((time.perf_counter() - start) * 1000)
            conv.remember(q)
    return times


if __name__ == "__main__":
    main()
