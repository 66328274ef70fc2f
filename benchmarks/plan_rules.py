"""Score several plan rules on the same datasets in one pass: what each rule gives up or risks.

    PYTHONPATH=. python benchmarks/plan_rules.py --offsets 155,160,165 [--module data.hard_scenarios_blind]
        [--seeds 5] [--rules base,q10,...] [--classes short_promos] --fit-cache DIR --rows FILE

For every dataset the fit (and the truth's best gain) comes from `bench_decisions`' fit cache, the joint draws and
curve profile are built once, and each rule in `RULES` (module switches of `analysis.decisions.optimize`, set for
that rule and restored after) makes its same-budget ±30% plan, scored under the truth as `bench_decisions` scores
it: capture, loss, real gain inside the stated 90% interval, stated chance of a loss, share of the way moved. Prints
one summary line per rule (capture median / worst / losing plans / in 90% / moved / net real gain in best gains /
summed stated chances of a loss) so the trade-off of each candidate is read on the same plans (issue 10, item 1).
"""
from __future__ import annotations

import argparse
import importlib
import json
import math
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis.decisions.optimize as opt  # noqa: E402
import benchmarks.bench_decisions as bench  # noqa: E402

# each rule: the optimize switches it sets (the rest keep their defaults)
RULES: dict[str, dict[str, object]] = {
    "base": {},
    "q10": {"CONFIDENCE_QUANTILE": 10.0, "LOW_GRADE_QUANTILE": 10.0},      # the loss-chance threshold: 10%, not 5%
    "hull_off_choice": {"HULL_IN_CHOICE": False},                          # own-posterior draws only in the interval
    "curve_off": {"CURVE_CHOICE": False},                                  # no curve-choice set (choice and interval)
    "joint_only": {"PLAN_HULL": False, "CURVE_CHOICE": False},             # the ceiling's test: the joint draws alone
    "no_shrink": {"SHRINK_STEPS": ()},                                     # the scoring draws do not shrink the plan
    "fine_steps": {"CONFIDENT_STEPS": (1.0, 0.75, 0.5, 0.25, 0.1, 0.05)},  # smaller steps toward each target
    "targets_all": {"PLAN_TARGET": "all"},                                 # bagged and lower-quantile optima too
    "choice_low": {"PLAN_CHOICE": "low"},                                  # the best 5th percentile, not the best mean
    "low_q1": {"LOW_GRADE_QUANTILE": 1.0},                                 # data graded Low: the 1st percentile
}


HORIZON: np.ndarray | None = None   # --horizon N: plans for the last N weeks (the product's default is 52)


def plan_row(fit, truth, spend: np.ndarray, best: float) -> dict:
    """One plan's figures under the truth, as `bench_decisions.score` computes them."""
    base_true = float(truth.expected_sales(spend).sum())
    est = opt.optimize_budget(fit, bound_pct=bench.BOUND, weeks=HORIZON)
    real = float(truth.expected_sales(est.new_plan).sum()) - base_true
    tol = 1e-9 * abs(base_true)
    return {"capture": real / best if best > 0 else math.nan, "real": real, "best": best,
            "predicted": est.expected_delta_sales, "low": est.expected_delta_sales_low,
            "high": est.expected_delta_sales_high,
            "in_interval": est.expected_delta_sales_low - tol <= real <= est.expected_delta_sales_high + tol,
            "loses": real < -tol, "prob_loss": float(est.prob_loss), "step": float(est.step)}


def run_rules(fit, truth, spend: np.ndarray, best: float, rules: list[str]) -> dict[str, dict]:
    out = {}
    for rule in rules:
        saved = {k: getattr(opt, k) for k in RULES[rule]}
        try:
            for k, v in RULES[rule].items():
                setattr(opt, k, v)
            out[rule] = plan_row(fit, truth, spend, best)
        finally:
            for k, v in saved.items():
                setattr(opt, k, v)
    return out


def summary(rows: list[dict]) -> str:
    caps = [r["capture"] for r in rows if not math.isnan(r["capture"])]
    net = sum(r["real"] / r["best"] for r in rows if r["best"] > 0)
    return (f"{statistics.median(caps) if caps else math.nan:>6.2f}{min(caps, default=math.nan):>7.2f}"
            f"{sum(r['loses'] for r in rows):>5d}{np.mean([r['in_interval'] for r in rows]):>7.0%}"
            f"{sum(r['step'] > 0 for r in rows):>6d}{net:>7.2f}{sum(r['prob_loss'] for r in rows):>7.2f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--seed-offset", type=int, default=0)
    parser.add_argument("--offsets", default=None)
    parser.add_argument("--module", default="data.hard_scenarios")
    parser.add_argument("--classes", default=None)
    parser.add_argument("--rules", default=",".join(RULES))
    parser.add_argument("--fit-cache", default=None)
    parser.add_argument("--horizon", type=int, default=None,
                        help="plans for the last N weeks (the truth's best re-split of those weeks as the yardstick)")
    parser.add_argument("--ceilings", default=None, metavar="Q,Q",
                        help="also the capture ceiling at these acceptance percentiles (bench_decisions.safe_ceilings), "
                             "e.g. 5,10,20,35,50")
    parser.add_argument("--rows", default=None, help="append each plan's rows (every rule) as JSON lines")
    args = parser.parse_args(argv)
    bench.FIT_CACHE = None if args.fit_cache is None else Path(args.fit_cache)
    rules = args.rules.split(",")
    offsets = [int(o) for o in args.offsets.split(",")] if args.offsets else [args.seed_offset]
    if max(offsets) >= (55 if "blind" in args.module else 200):
        raise SystemExit("reserved seed offsets (see the session's team guide)")
    classes = importlib.import_module(args.module).HARD_CLASSES
    wanted = args.classes.split(",") if args.classes else list(classes)
    per_rule: dict[str, list[dict]] = {}
    per_class: dict[tuple[str, str], list[dict]] = {}
    for name in wanted:
        for seed in (1 + 100 * (o + i) for o in offsets for i in range(args.seeds)):
            scenario = classes[name](seed)
            fit, best = bench._fit_and_best(f"{args.module}.{name}", seed, scenario)
            spend = np.asarray(scenario.dataset.spend, dtype=float)
            global HORIZON
            if args.horizon is not None:
                HORIZON = np.arange(len(spend)) >= len(spend) - args.horizon
                best = bench.true_optimum(scenario.truth, spend, mask=HORIZON)[0]
            got = run_rules(fit, scenario.truth, spend, best, rules)
            if args.ceilings:
                qs = tuple(float(q) for q in args.ceilings.split(","))
                tops = bench.safe_ceilings(fit, scenario.truth, spend, best, qs)[0]
                for q, top in tops.items():
                    got[f"ceiling{q:g}"] = {"capture": top, "real": top * best, "best": best, "in_interval": True,
                                            "loses": False, "prob_loss": 0.0, "step": float(top != 0)}
            cells = "  ".join(f"{r}:{g['capture']:.2f}{'' if g['in_interval'] else '!'}{'L' if g['loses'] else ''}"
                              for r, g in got.items())
            print(f"{name:<16}{seed:>6}  {cells}", flush=True)
            for r, g in got.items():
                per_rule.setdefault(r, []).append(g)
                per_class.setdefault((name, r), []).append(g)
            if args.rows:
                with open(args.rows, "a") as out:
                    out.write(json.dumps({"module": args.module, "class": name, "seed": seed, "rules": got},
                                         default=float) + "\n")
    print(f"\n{'rule':<16}{'class':<16}{'cap':>6}{'worst':>7}{'loss':>5}{'in90':>7}{'moved':>6}{'net':>7}{'E[L]':>7}")
    for r in per_rule:   # a ceiling row: only its capture columns mean anything
        for name in wanted:
            print(f"{r:<16}{name:<16}{summary(per_class[(name, r)])}")
        print(f"{r:<16}{'ALL':<16}{summary(per_rule[r])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
