"""Plans for the planning horizon the product answers by default (the last 52 weeks), next to the whole period.

    PYTHONPATH=. python benchmarks/bench_plan_horizon.py [--repeats 3] [--weeks 52] [--score --seeds 2 --seed-offset 0]

Times the optimisation answer on 10 channels x 156 weeks (the first question on a fresh fit and repeated ones;
target, issue 10: <= 2 s the first time; timings on a shared machine are inflated) and checks the plan's current
column is the actual spend of those weeks. With --score, scores each hard scenario class's horizon plan under the
generator's truth, like bench_decisions.py does for the whole period: uplift capture (real gain / the truth's own
best gain when only the horizon's weeks move, within the same ±30% bounds and budget), losing plans, real gain
inside the stated 90% interval.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.decisions.optimize import optimize_budget  # noqa: E402
from analysis.fit import fit_mmm  # noqa: E402
from benchmarks.bench_decisions import true_optimum  # noqa: E402
from data.scenarios import ten_channels  # noqa: E402


def time_plan(weeks: int | None, repeats: int) -> tuple[float, float, float]:
    """(first answer on a fresh fit, median repeated, largest |current - actual spend| over the weeks)."""
    fit = fit_mmm(ten_channels().dataset)
    spend = np.asarray(fit.dataset.spend, dtype=float)
    mask = None
    if weeks is not None:
        mask = np.zeros(len(spend), dtype=bool)
        mask[-weeks:] = True
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        result = optimize_budget(fit, weeks=mask)
        times.append(time.perf_counter() - start)
    actual = spend.sum(axis=0) if mask is None else spend[mask].sum(axis=0)
    gap = float(np.max(np.abs(np.array([r.current for r in result.allocation]) - actual)))
    return times[0], statistics.median(times[1:]), gap


def true_horizon_gain(truth, spend: np.ndarray, mask: np.ndarray, bound_pct: float = 30.0, starts: int = 6) -> float:
    """The truth's own best gain when each channel's spend in the `mask` weeks is scaled within ±bound_pct% and
    their total stays the same (`bench_decisions.true_optimum` over those weeks)."""
    return true_optimum(truth, spend, bound_pct, starts, mask=mask)[0]


def score(weeks: int, seeds: int, offset: int) -> None:
    """Each hard class's horizon plan scored under its truth (one line per dataset, then the totals)."""
    from data.hard_scenarios import HARD_CLASSES

    rows = []
    print(f"{'class':<16}{'seed':>6}{'capture':>9}{'real':>10}{'best':>10}  {'predicted [90% interval]':>30}  in  P(loss)")
    for name, make in HARD_CLASSES.items():
        for i in range(seeds):
            seed = 1 + 100 * (offset + i)
            scenario = make(seed)
            spend = np.asarray(scenario.dataset.spend, dtype=float)
            mask = np.zeros(len(spend), dtype=bool)
            mask[-weeks:] = True
            fit = fit_mmm(scenario.dataset)
            plan = optimize_budget(fit, weeks=mask)
            real = float(scenario.truth.expected_sales(plan.new_plan).sum() - scenario.truth.expected_sales(spend).sum())
            best = true_horizon_gain(scenario.truth, spend, mask)
            inside = plan.expected_delta_sales_low - 1e-9 <= real <= plan.expected_delta_sales_high + 1e-9
            capture = real / best if best > 0 else float("nan")
            rows.append((capture, real < -1e-9 * abs(best or 1.0), inside))
            print(f"{name:<16}{seed:>6}{capture:>9.2f}{real:>10.1f}{best:>10.1f}  {plan.expected_delta_sales:>9.1f} "
                  f"[{plan.expected_delta_sales_low:.1f}, {plan.expected_delta_sales_high:.1f}]  {'y' if inside else 'N'}  "
                  f"{plan.prob_loss:.2f}")
    captures = [c for c, _, _ in rows if np.isfinite(c)]
    print(f"horizon plans ({weeks} weeks), {len(rows)} datasets: capture median {statistics.median(captures):.2f}, "
          f"losing plans {sum(lost for _, lost, _ in rows)}, real gain in the 90% interval "
          f"{sum(ok for _, _, ok in rows) / len(rows):.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--weeks", type=int, default=52, help="planning horizon in weeks")
    parser.add_argument("--score", action="store_true", help="score the hard classes' horizon plans under their truth")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--seed-offset", type=int, default=0)
    args = parser.parse_args()
    if args.score:
        score(args.weeks, args.seeds, args.seed_offset)
        return
    for name, weeks in (("whole period", None), (f"last {args.weeks} weeks", args.weeks)):
        first, repeated, gap = time_plan(weeks, args.repeats)
        print(f"optimisation answer, 10 channels x 156 weeks, {name}: first {first:.2f} s, repeated {repeated:.2f} s; "
              f"current column vs actual spend: max gap {gap:.2e}")


if __name__ == "__main__":
    main()
