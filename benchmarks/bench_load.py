"""Loading time of a sample-size weekly CSV (the figure tests/test_loading.py used to assert; target < 50 ms).

    python benchmarks/bench_load.py [--runs 5]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.loading import load_csv  # noqa: E402
from data.sample_data import sample_dataset  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    ds = sample_dataset()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "weekly.csv"
        rows = ["date,sales," + ",".join(f"{c.lower()}_spend" for c in ds.channels)]
        rows += [f"{d.date()},{s:.2f}," + ",".join(f"{v:.2f}" for v in spend)
                 for d, s, spend in zip(ds.dates, ds.sales, ds.spend)]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        load_csv(path)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            load_csv(path)
            times.append(time.perf_counter() - start)
    print(f"load_csv, {ds.n_weeks} weeks x {len(ds.channels)} channels: best {min(times) * 1000:.1f} ms "
          f"over {args.runs} runs (target < 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
