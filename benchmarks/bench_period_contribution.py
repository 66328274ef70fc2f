"""How often a period's contribution interval ("how much of Q3's sales came from each channel?") holds the truth.

Each quarter of each dataset, each channel: the true incremental sales in that quarter (the generator's response to
the plan that ran) against `analysis.roi.contribution_in`'s 90% interval. Prints coverage and the median relative
error per class, and for the built-in sample.

    PYTHONPATH=. python benchmarks/bench_period_contribution.py [--seeds 3] [--seed-offset 0]
"""
from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from analysis.fit import fit_mmm
from analysis.periods import PeriodSpec, resolve_period, rollup
from analysis.roi import contribution_in
from data import hard_scenarios
from data.sample_data import ground_truth, sample_dataset

CLASSES = ("short_promos", "entangled", "noisy", "clean", "long_carryover", "deep_saturation")


def score(dataset, truth) -> tuple[int, int, list[float]]:
    """(inside, cases, relative errors) over every complete quarter of the data."""
    fit = fit_mmm(dataset)
    true = truth.contributions()
    dates = pd.DatetimeIndex(dataset.dates)
    inside = cases = 0
    errors: list[float] = []
    for row in rollup(fit, "quarter"):
        if not row.complete:
            continue
        year, q = int(row.label[-4:]), int(row.label[1])
        start, end, _ = resolve_period(dataset, PeriodSpec("quarter", q, year))
        mask = np.asarray((dates >= start) & (dates <= end))
        result = contribution_in(fit, start, end)
        for c in result.channels:
            actual = float(true[mask, truth.names.index(c.channel)].sum())
            if actual <= 0:
                continue
            cases += 1
            inside += int(c.contribution_low <= actual <= c.contribution_high)
            errors.append(abs(c.contribution - actual) / actual)
    return inside, cases, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--seed-offset", type=int, default=0, help="seed = 1 + 100 * (offset + i), as bench_decisions")
    args = parser.parse_args()
    inside, cases, errors = score(sample_dataset(), ground_truth())
    print(f"{'sample':16s} truth inside the 90% interval {inside}/{cases} ({inside / cases:.0%}), "
          f"median relative error {np.median(errors):.3f}")
    all_in = all_cases = 0
    for name in CLASSES:
        make = getattr(hard_scenarios, f"make_{name}")
        got = [score(s.dataset, s.truth) for s in (make(1 + 100 * (args.seed_offset + k)) for k in range(args.seeds))]
        i, n = sum(g[0] for g in got), sum(g[1] for g in got)
        errs = [e for g in got for e in g[2]]
        all_in, all_cases = all_in + i, all_cases + n
        print(f"{name:16s} truth inside the 90% interval {i}/{n} ({i / max(n, 1):.0%}), median relative error "
              f"{np.median(errs) if errs else float('nan'):.3f}")
    print(f"{'all classes':16s} truth inside the 90% interval {all_in}/{all_cases} ({all_in / max(all_cases, 1):.0%}) "
          "(target >= 85%, as the whole-period intervals)")


if __name__ == "__main__":
    main()
