"""Fitted against true curve parameters, channel by channel, and each channel's share of the what-if error (issue 10).

    PYTHONPATH=. python benchmarks/fit_vs_truth.py --module data.hard_scenarios_blind2 --seed-offset 0 [--seeds 5]
        [--classes deep_saturation,noisy] [--set analysis.fit.FLAG=VALUE] [--quiet]

For every dataset and channel: the share of weeks on air, the true and fitted decay, half-saturation (as a multiple
of the mean adstocked spend in weeks on air, the grid's unit) and Hill shape, the fitted / true contribution, and
the channel's part of the dataset's single-channel what-if error (every channel at +-10/20/30/50%, as
`bench_decisions.py` scores it: sum |estimate - truth| over the dataset's sum |truth|) with its signed bias (est /
true change, median over the percentages). Then per class, the error split by kind of channel (always on, mostly
on (>= 50% of weeks), flighted) and the median fitted / true ratio of each parameter per kind: where the error
sits and which parameter is off. Why: the benchmark prints one error per dataset, which cannot say whether a
change to the carry-over search, the saturation prior or the always-on level is the one that would help.
"""
from __future__ import annotations

import argparse
import importlib
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.decisions.scenario import run_scenario  # noqa: E402
from analysis.fit import fit_mmm  # noqa: E402
from analysis.transforms import geometric_adstock  # noqa: E402
from benchmarks.switches import apply_switches  # noqa: E402

PCTS = (-50.0, -30.0, -20.0, -10.0, 10.0, 20.0, 30.0, 50.0)


def kind(on_share: float) -> str:
    return "always" if on_share >= 1.0 else "mostly" if on_share >= 0.5 else "flighted"


def ratio_of(spend: np.ndarray, decay: float, half_saturation: float) -> float:
    """A half-saturation as a multiple of the mean adstocked spend in weeks on air (the fit grid's unit)."""
    adstocked = geometric_adstock(spend, decay)
    return half_saturation / float(adstocked[adstocked > 0].mean())


def channel_rows(scenario) -> list[dict]:
    dataset, truth = scenario.dataset, scenario.truth
    fit = fit_mmm(dataset)
    spend = np.asarray(dataset.spend, dtype=float)
    base_true = float(truth.expected_sales(spend).sum())
    true_contrib = truth.contributions(spend).sum(axis=0)
    rows, total_true = [], 0.0
    for j, (c, t) in enumerate(zip(fit.channels, truth.channels)):
        err, ratios = 0.0, []
        for pct in PCTS:
            result = run_scenario(fit, {c.name: pct}, draws=200)
            true_delta = float(truth.expected_sales(result.new_plan).sum()) - base_true
            err += abs(result.delta_sales - true_delta)
            total_true += abs(true_delta)
            if abs(true_delta) > 0:
                ratios.append(result.delta_sales / true_delta)
        rows.append({
            "name": c.name, "on": float(np.mean(spend[:, j] > 0)),
            "decay": (t.decay, c.decay),
            "ratio": (ratio_of(spend[:, j], t.decay, t.half_saturation),
                      ratio_of(spend[:, j], c.decay, c.half_saturation) if c.coef > 0 else float("nan")),
            "shape": (t.shape, c.shape),
            "contrib": c.contribution / true_contrib[j] if true_contrib[j] > 0 else float("nan"),
            "err": err, "bias": statistics.median(ratios) if ratios else float("nan"),
        })
    for r in rows:
        r["err"] /= total_true if total_true else 1.0
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", default="data.hard_scenarios")
    parser.add_argument("--seed-offset", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--classes", default=None)
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.FLAG=VALUE")
    parser.add_argument("--quiet", action="store_true", help="class summaries only")
    args = parser.parse_args(argv)
    apply_switches(parser, args.set)
    classes = importlib.import_module(args.module).HARD_CLASSES
    wanted = args.classes.split(",") if args.classes else list(classes)
    for name in wanted:
        pooled: list[dict] = []
        errors = []
        for i in range(args.seeds):
            seed = 1 + 100 * (args.seed_offset + i)
            rows = channel_rows(classes[name](seed))
            pooled += rows
            errors.append(sum(r["err"] for r in rows))
            if not args.quiet:
                print(f"{name} {seed}: what-if error {errors[-1]:.3f}")
                print(f"  {'channel':<14}{'on':>5}{'decay t/f':>12}{'k ratio t/f':>13}{'shape t/f':>12}"
                      f"{'contrib f/t':>12}{'err':>7}{'est/true':>9}")
                for r in rows:
                    print(f"  {r['name']:<14}{r['on']:>5.0%}{r['decay'][0]:>6.2f}/{r['decay'][1]:<5.2f}"
                          f"{r['ratio'][0]:>7.2f}/{r['ratio'][1]:<5.2f}{r['shape'][0]:>6.2f}/{r['shape'][1]:<5.2f}"
                          f"{r['contrib']:>12.2f}{r['err']:>7.3f}{r['bias']:>9.2f}")
        print(f"== {name}: what-if error median {statistics.median(errors):.3f}; by kind of channel "
              "(error share of the summed error, median fitted/true decay, k ratio, shape, contribution, est/true):")
        total = sum(r["err"] for r in pooled) or 1.0
        for k in ("always", "mostly", "flighted"):
            group = [r for r in pooled if kind(r["on"]) == k]
            if not group:
                continue

            def med(values):
                values = [v for v in values if np.isfinite(v)]
                return statistics.median(values) if values else float("nan")
            print(f"   {k:<9} n={len(group):>3} error {sum(r['err'] for r in group) / total:5.0%}"
                  f"  decay {med(r['decay'][1] - r['decay'][0] for r in group):+.2f} (f-t)"
                  f"  k {med(r['ratio'][1] / r['ratio'][0] for r in group):.2f}x"
                  f"  shape {med(r['shape'][1] / r['shape'][0] for r in group):.2f}x"
                  f"  contrib {med(r['contrib'] for r in group):.2f}x  est/true {med(r['bias'] for r in group):.2f}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
