"""Two wide-benchmark runs compared export by export, and where one run's split error sits (prints, asserts nothing).

    PYTHONPATH=. python benchmarks/bench_wide.py --seeds $(seq 500 519) --short 500 501 --module data.wide_exports_blind \
        --no-timing --no-sibylhe --dump before.json            # and again with a change (or --set ...) into after.json
    PYTHONPATH=. python benchmarks/wide_paired.py before.json after.json [--exports]
    PYTHONPATH=. python benchmarks/wide_paired.py before.json --channels

Why paired: a median over 20 exports moves by about 0.06 with the seeds alone (bench_wide.median_range), while a
change's effect on the same exports is often a tenth of that; the mean per-export difference and its standard error,
with the exports better and worse, tell a change from the seeds. `--channels` splits each export's SPLIT error
(bench_wide.level_split: the error left once the fitted contributions are scaled to the true media total) by how
a channel is bought (on air every week or nearly, most weeks, flighted) and by channel, with the slope of the fitted
over true contribution against the channel's true ROI relative to its export's (0: no pull toward one ROI; -1:
every channel given the pooled ROI).
"""
from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path

import numpy as np

ALWAYS, MOSTLY = 0.95, 0.6   # on-air shares: always on (a freeze of a few weeks allowed), mostly on, else flighted


def summary(rows: list[dict]) -> str:
    """One run's figures: ROI error median / mean / worst, its level and split parts, media-share misses."""
    gaps = [100 * (r["media"] - r["true_media"]) for r in rows]
    inside = sum(r["media_low"] <= r["true_media"] <= r["media_high"] for r in rows)
    return (f"median {statistics.median(r['roi_error'] for r in rows):.3f} mean "
            f"{statistics.mean(r['roi_error'] for r in rows):.3f} worst {max(r['roi_error'] for r in rows):.3f}; "
            f"level {statistics.median(r['level'] for r in rows):.3f} split {statistics.median(r['split'] for r in rows):.3f}; "
            f"media over 5 points off {sum(abs(g) > 5 for g in gaps)}/{len(rows)} ({sum(g < -5 for g in gaps)} under), "
            f"signed mean {statistics.mean(gaps):+.2f}; media truth inside {inside}/{len(rows)}; channels inside "
            f"{sum(r['covered'] for r in rows)}/{sum(r['k'] for r in rows)}")


def paired(before: list[dict], after: list[dict]) -> tuple[float, float, int, int]:
    """Mean per-export change in ROI error, its standard error, exports better and worse (same exports in order)."""
    if [r["scenario"] for r in before] != [r["scenario"] for r in after]:
        raise SystemExit("the two runs hold different exports: run both with the same --seeds/--short/--module")
    diff = np.array([b["roi_error"] - a["roi_error"] for a, b in zip(before, after)])
    se = float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else float("nan")
    return float(diff.mean()), se, int((diff < -1e-4).sum()), int((diff > 1e-4).sum())


def kind(on_air: float) -> str:
    return "always on" if on_air >= ALWAYS else "mostly on" if on_air >= MOSTLY else "flighted"


def split_by_channel(rows: list[dict]) -> tuple[dict[str, float], dict[str, float], float]:
    """Each kind's and each channel's share of the split error (summed |scaled fitted - true| / true media, averaged
    over the exports), and the slope of log(scaled fitted / true) on log(true ROI / the export's pooled ROI)."""
    by_kind: dict[str, float] = defaultdict(float)
    by_name: dict[str, float] = defaultdict(float)
    xs, ys = [], []
    for r in rows:
        channels = r["channels"]
        true = sum(c["true"] for c in channels)
        fitted = sum(c["fitted"] for c in channels)
        pooled = true / sum(c["spend"] for c in channels)
        for c in channels:
            scaled = c["fitted"] * true / fitted if fitted > 0 else 0.0
            part = abs(scaled - c["true"]) / true / len(rows)
            by_kind[kind(c["on_air"])] += part
            by_name[c["name"]] += part
            if scaled > 0 and c["true"] > 0:
                xs.append(np.log(c["true"] / c["spend"] / pooled))
                ys.append(np.log(scaled / c["true"]))
    slope = float(np.polyfit(xs, ys, 1)[0]) if len(xs) > 2 else float("nan")
    return dict(by_kind), dict(by_name), slope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+", help="one or two bench_wide.py --dump files")
    parser.add_argument("--exports", action="store_true", help="each export's error and media gap, before -> after")
    parser.add_argument("--channels", action="store_true", help="where the (last) run's split error sits")
    args = parser.parse_args()
    runs = [json.loads(path.read_text()) for path in args.runs[:2]]
    for path, rows in zip(args.runs, runs):
        print(f"{path.name}: {summary(rows)}")
    if len(runs) == 2:
        mean, se, better, worse = paired(*runs)
        print(f"paired change in ROI error: {mean:+.4f} +- {se:.4f} (better on {better}, worse on {worse} of "
              f"{len(runs[0])})")
        if args.exports:
            for a, b in zip(*runs):
                print(f"  {a['scenario']:<16}{a['roi_error']:.3f} -> {b['roi_error']:.3f}  media gap "
                      f"{100 * (a['media'] - a['true_media']):+.1f} -> {100 * (b['media'] - b['true_media']):+.1f}")
    if args.channels:
        by_kind, by_name, slope = split_by_channel(runs[-1])
        print("split error per export, by how a channel is bought: "
              + ", ".join(f"{k} {v:.3f}" for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])))
        print("by channel: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(by_name.items(), key=lambda kv: -kv[1])))
        print(f"slope of log(fitted / true contribution) on log(true relative ROI): {slope:+.2f}")


if __name__ == "__main__":
    main()
