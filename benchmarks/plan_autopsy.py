"""Why one benchmark plan lost: each channel it moves, its true change against the draws that scored it (issue 10).

    PYTHONPATH=. python benchmarks/plan_autopsy.py data.hard_scenarios deep_saturation 18901 [--fit-cache DIR]
        [--set analysis.decisions.optimize.FLAG=VALUE]

Prints the plan (real gain, best gain, stated gain, 90% interval, chance of a loss, step), then per channel: share of
weeks on air, today's spend, the plan's change (%), the true change in its sales, the scoring draws' 5th / 50th /
95th percentile of it and where the truth falls among them (PIT), its own posterior draws' 5th / 95th, true / fitted
decay, half-saturation (a multiple of its mean weekly spend while on air) and shape, the true curve's log-likelihood
against the fit's curves with every coefficient re-solved (the curve profile's yardstick: 0 = as good, -2 = 2 nats
worse), the least-squares coefficient under the true curve / the true coefficient, and the channel's stated
contribution (90% interval) against the true one. Under each moved channel with a curve profile: the 5/50/95%
shift of the plan's gain its curve choices give. Why: the benchmark prints one line per plan, which cannot say
whether a loss came from a curve the draws could have held (a shape within a nat or two) or from a level the data
cannot see (a coefficient least squares puts near zero even under the true curve).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchmarks.bench_decisions as bench  # noqa: E402
from analysis.decisions.curve_profile import _unit, curve_profile, shifts  # noqa: E402
from analysis.decisions.joint_draws import SCORE, CurveSet, _baseline_matrix  # noqa: E402
from analysis.decisions.marginals import joint_change, posterior_change  # noqa: E402
from analysis.decisions.optimize import optimize_budget  # noqa: E402
from benchmarks.switches import apply_switches  # noqa: E402


def _weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs=(0.05, 0.5, 0.95)) -> list[float]:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return [float(values[order][min(np.searchsorted(cumulative, q), len(values) - 1)]) for q in qs]


def true_curve_fit(fit, truth, spend: np.ndarray) -> dict[int, tuple[float, float]]:
    """Per profiled channel: (log-likelihood of its true curve against the fit's curves, least-squares coefficient
    under it / the true coefficient), every other channel at its fitted curve, all coefficients re-solved."""
    profile = curve_profile(fit)
    y = np.asarray(fit.decomposition.actual, dtype=float)
    base = _baseline_matrix(fit)
    n, p = base.shape
    design = np.column_stack([base] + [_unit(fit, j, spend[:, j]) for j in profile.channels])
    rss0 = float(np.sum((y - design @ np.linalg.lstsq(design, y, rcond=None)[0]) ** 2))
    out = {}
    for i, j in enumerate(profile.channels):
        t = truth.channels[j]
        swapped = design.copy()
        swapped[:, p + i] = CurveSet(np.array([t.decay]), np.array([t.half_saturation]),
                                     np.array([t.shape])).weekly(spend[:, j])[:, 0]
        beta = np.linalg.lstsq(swapped, y, rcond=None)[0]
        rss = float(np.sum((y - swapped @ beta) ** 2))
        out[j] = (-0.5 * n * np.log(rss / rss0), float(beta[p + i]) / t.coef)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module")
    parser.add_argument("cls")
    parser.add_argument("seed", type=int)
    parser.add_argument("--fit-cache", default=None, metavar="DIR", help="bench_decisions' fit cache")
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.FLAG=VALUE")
    args = parser.parse_args(argv)
    apply_switches(parser, args.set)
    bench.FIT_CACHE = None if args.fit_cache is None else Path(args.fit_cache)
    scenario = importlib.import_module(args.module).HARD_CLASSES[args.cls](args.seed)
    truth = scenario.truth
    fit, best = bench._fit_and_best(f"{args.module}.{args.cls}", args.seed, scenario)
    spend = np.asarray(scenario.dataset.spend, dtype=float)
    est = optimize_budget(fit, bound_pct=bench.BOUND)
    plan = est.new_plan
    real = float(truth.expected_sales(plan).sum() - truth.expected_sales(spend).sum())
    print(f"{args.cls} {args.seed}: real {real:.1f} = {real / best:+.2f} of the best gain {best:.1f}; stated "
          f"{est.expected_delta_sales:.1f} ({est.expected_delta_sales_low:.1f} to {est.expected_delta_sales_high:.1f}), "
          f"P(loss) {est.prob_loss:.3f}, step {est.step:g}")
    change = joint_change(fit, spend, plan, SCORE)
    alone = posterior_change(fit, spend, plan, 400)
    true_change = truth.contributions(plan).sum(axis=0) - truth.contributions(spend).sum(axis=0)
    true_contribution = truth.contributions(spend).sum(axis=0)
    likelihood = true_curve_fit(fit, truth, spend)
    profile = curve_profile(fit)
    moved = [pr.channel for pr in profile.profiles if not np.allclose(spend[:, pr.channel], plan[:, pr.channel])]
    shift = dict(zip(moved, shifts(fit, spend, plan)))
    print(f"{'channel':<13}{'on':>5}{'today':>8}{'move':>7}{'true':>8}{'draws 5/50/95':>24}{'PIT':>5}{'own 5/95':>16}"
          f"{'decay t/f':>11}{'k t/f':>11}{'shape t/f':>11}{'LL':>7}{'LS/t':>6}  contribution (90%) / true")
    for j, c in enumerate(fit.channels):
        t = truth.channels[j]
        on = spend[:, j] > 0
        mean = float(spend[on, j].mean()) if on.any() else 1.0
        today = float(spend[:, j].sum())
        q = np.percentile(change[:, j], [5, 50, 95])
        own = np.percentile(alone[:, j], [5, 95])
        ll, ls = likelihood.get(j, (float("nan"), float("nan")))
        print(f"{c.name:<13}{on.mean():>5.0%}{today:>8.0f}{(plan[:, j].sum() / today - 1) * 100 if today else 0:>6.1f}%"
              f"{true_change[j]:>8.1f}{q[0]:>8.1f}{q[1]:>8.1f}{q[2]:>8.1f}{np.mean(change[:, j] < true_change[j]):>5.2f}"
              f"{own[0]:>8.1f}{own[1]:>8.1f}{t.decay:>6.2f}/{c.decay:<4.2f}{t.half_saturation / mean:>6.2f}/"
              f"{c.half_saturation / mean:<4.2f}{t.shape:>6.2f}/{c.shape:<4.2f}{ll:>7.2f}{ls:>6.2f}  "
              f"{c.contribution:.0f} ({c.contribution_low:.0f} to {c.contribution_high:.0f}) / {true_contribution[j]:.0f}")
        if j in shift:
            values, weights = shift[j]
            lo, mid, hi = _weighted_quantiles(values, weights)
            print(f"{'':<13}curve choices shift the plan's gain {lo:.1f} / {mid:.1f} / {hi:.1f} (5/50/95%, "
                  f"{len(values)} curves)")
    totals = change.sum(axis=1)
    print(f"plan total: scoring draws {' / '.join(f'{v:.1f}' for v in np.percentile(totals, [5, 50, 95]))}, "
          f"real gain at their {np.mean(totals < real):.0%} point")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
