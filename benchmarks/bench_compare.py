"""Comparisons of two what-ifs against ground truth: which draw sets should the gap's 90% interval hull?

Usage: PYTHONPATH=. python benchmarks/bench_compare.py --offsets 0 --seeds 2
Every channel pair of each dataset, twice: both channels -20%, and the same amount (10% of the larger one's spend)
added to each. Seeds 1 + 100 * (offset + i); offsets of 125 and above are the integrator's (refused).
"old" is session 11's rule (each channel's posterior draws alone); P = those draws, J = the joint refits, D = the
curves the data alone favour, each variant widened for channels the data cannot measure (`change_interval`).
Per variant: true gap inside the 90% interval, confident verdicts (interval clear of zero) wrong and right, and
the median interval width / |true gap|.
--mixed: comparisons whose sides use different estimators as asked alone, every ordered channel pair: "cut X 10%"
(the fitted curves) against "move 10% of X to Y" (a plan's method, `optimize.move_gain`); variants "mixed" (each side
as asked alone) and "one" (`compare.one_estimator`: both sides by the plan's method), scored by `compare_scenarios`,
plus the median |gap estimate - true gap| / |true gap|.
"""
import argparse
import itertools

import numpy as np

from analysis.decisions.common import delta_interval
from analysis.decisions.compare import mixture
from analysis.decisions.marginals import posterior_change
from analysis.decisions.scenario import change_interval, data_curve_change, run_scenario, scenario_draws
from analysis.estimate import fit_model
from data.hard_scenarios import HARD_CLASSES

p = argparse.ArgumentParser()
p.add_argument("--offsets", default="0")
p.add_argument("--seeds", type=int, default=2)
p.add_argument("--mixed", action="store_true", help="cut X 10%% vs move 10%% of X to Y: one estimator or two")
a = p.parse_args()


def fitted(make):
    """Each allowed seed's ground-truth dataset of one class and its fit (offsets of 125 and above refused)."""
    for seed in (1 + 100 * (int(o) + i) for o in a.offsets.split(",") for i in range(a.seeds)):
        if seed >= 12501:
            raise SystemExit("offsets of 125 and above are reserved for the integrator's unseen figures")
        sc = make(seed)
        yield sc, fit_model(sc.dataset)


def mixed_pairs() -> None:
    """The --mixed comparisons (module docstring)."""
    from analysis.decisions.compare import compare_scenarios, one_estimator
    from analysis.decisions.scenario import Shift

    variants = ("mixed", "one")
    tot = {v: [0, 0, 0] for v in variants}
    errors = {v: [] for v in variants}
    total = 0
    for name, make in HARD_CLASSES.items():
        cls = {v: [0, 0, 0] for v in variants}
        m = 0
        for sc, fit in fitted(make):
            for x, y in itertools.permutations(fit.channel_names, 2):
                cut = run_scenario(fit, {x: -10.0}, draws=400)
                move = run_scenario(fit, shift=Shift(x, y, percentage=10.0), draws=400)
                t = float(sc.truth.expected_sales(move.new_plan).sum()) - float(sc.truth.expected_sales(cut.new_plan).sum())
                m += 1
                for v in variants:
                    sides = [cut, move] if v == "mixed" else one_estimator(fit, [cut, move])
                    c = compare_scenarios(fit, *sides)
                    gap, lo, hi = (c.difference, c.difference_low, c.difference_high) if c.better == 1 else (
                        -c.difference, -c.difference_high, -c.difference_low)
                    cls[v][0] += lo <= t <= hi
                    cls[v][1] += (lo > 0 and t < 0) or (hi < 0 and t > 0)
                    cls[v][2] += (lo > 0 and t > 0) or (hi < 0 and t < 0)
                    errors[v].append(abs(gap - t) / max(abs(t), 1e-9))
        total += m
        print(f"{name:<16} n={m:3d} " + "  ".join(f"{v}: in {c[0]} wrong {c[1]} right {c[2]}" for v, c in cls.items()),
              flush=True)
        for v in variants:
            tot[v] = [s + c for s, c in zip(tot[v], cls[v])]
    print(f"{'all':<16} n={total:3d} " + "  ".join(
        f"{v}: in {c[0]} ({c[0] / total:.0%}) wrong {c[1]} right {c[2]} |error|/|gap| {np.median(errors[v]):.3f}"
        for v, c in tot.items()))


if a.mixed:
    mixed_pairs()
    raise SystemExit(0)
VARIANTS = ("old", "P", "PJ", "PD", "PJD", "mixPJ")   # mixPJ: one equal-weight mixture of P and J, not their hull
tot = {v: [0, 0, 0] for v in VARIANTS}   # inside, confident-wrong, confident-right
n = 0
widths = {v: [] for v in VARIANTS}
for name, make in HARD_CLASSES.items():
    cls = {v: [0, 0, 0] for v in VARIANTS}
    m = 0
    for sc, fit in fitted(make):
        spend = np.asarray(sc.dataset.spend, dtype=float)
        names = fit.channel_names
        for x, y in itertools.combinations(names, 2):
            amt = 0.1 * max(spend[:, names.index(x)].sum(), spend[:, names.index(y)].sum())
            for kind in ("cut", "add"):
                if kind == "cut":
                    r1, r2 = run_scenario(fit, {x: -20.0}, draws=400), run_scenario(fit, {y: -20.0}, draws=400)
                else:
                    r1, r2 = run_scenario(fit, amounts={x: amt}, draws=400), run_scenario(fit, amounts={y: amt}, draws=400)
                t = float(sc.truth.expected_sales(r2.new_plan).sum()) - float(sc.truth.expected_sales(r1.new_plan).sum())
                b, f = r1.new_plan, r2.new_plan
                per = np.array([c.delta_sales for c in r2.channels]) - np.array([c.delta_sales for c in r1.channels])
                ds = f.sum(axis=0) - b.sum(axis=0)
                sets = {"P": posterior_change(fit, b, f, 2000, 0), "J": scenario_draws(fit, b, f, 2000, 0),
                        "D": data_curve_change(fit, b, f, 2000, 0)}
                m += 1
                for v in VARIANTS:
                    if v == "old":
                        lo, hi = delta_interval(sets["P"], float(per.sum()))
                    elif v == "mixPJ":
                        lo, hi, _, _ = change_interval(fit, ds, per, mixture(sets["P"], sets["J"]))
                    else:
                        lo, hi, _, _ = change_interval(fit, ds, per, *(sets[k] for k in v))
                    cls[v][0] += lo <= t <= hi
                    cls[v][1] += (lo > 0 and t < 0) or (hi < 0 and t > 0)
                    cls[v][2] += (lo > 0 and t > 0) or (hi < 0 and t < 0)
                    widths[v].append((hi - lo) / max(abs(t), 1e-9))
    n += m
    print(f"{name:<16} n={m:3d} " + "  ".join(f"{v}: in {c[0]} wrong {c[1]} right {c[2]}" for v, c in cls.items()), flush=True)
    for v in VARIANTS:
        tot[v] = [s + c for s, c in zip(tot[v], cls[v])]
print(f"{'all':<16} n={n:3d} " + "  ".join(f"{v}: in {c[0]} ({c[0]/n:.0%}) wrong {c[1]} right {c[2]} width {np.median(widths[v]):.2f}"
                                          for v, c in tot.items()))
