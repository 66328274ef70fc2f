"""Score the decision analyses against ground truth: what-if error, optimiser uplift capture, speed.

    .venv/bin/python benchmarks/bench_decisions.py [--seeds 3]

For every recovery scenario (data.scenarios) and seed: fit the model, then
  * what-if: for every channel at ±10/20/30/50%, the estimated change in total sales vs the
    true one (truth.expected_sales), as Σ|Δest − Δtrue| / Σ|Δtrue|;
  * optimiser: the same-budget plan with ±30% bounds, scored under the truth, as a share of
    the uplift of the true optimum (the same optimiser run on the true curves), plus whether
    it loses sales under the truth and whether budget and bounds hold exactly;
and time the optimiser on the 10-channel scenario. Targets: median what-if error <= 0.25,
capture >= 85%, no plan that loses sales, optimiser < 1 s for 10 channels.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.fit import fit_mmm  # noqa: E402
from analysis.optimize import optimize_budget  # noqa: E402
from analysis.scenario import run_scenario  # noqa: E402
from analysis.transforms import geometric_adstock, hill_derivative  # noqa: E402
from data.scenarios import RECOVERY_SCENARIOS, ten_channels  # noqa: E402

PCTS = (-50.0, -30.0, -20.0, -10.0, 10.0, 20.0, 30.0, 50.0)


@dataclass(frozen=True)
class _TrueChannel:
    """A true channel response behind the same interface the decisions read from a fit."""

    truth: object
    spend: float
    contribution: float

    @property
    def name(self):
        return self.truth.name

    @property
    def coef(self):
        return self.truth.coef

    coef_se = 0.0
    measurable = True

    @property
    def contribution_low(self):
        return self.contribution

    @property
    def contribution_high(self):
        return self.contribution

    def response(self, spend):
        return self.truth.response(np.asarray(spend, dtype=float))

    def marginal_response(self, spend):
        spend = np.asarray(spend, dtype=float)
        total = float(spend.sum())
        if total <= 0:
            return 0.0
        t = self.truth
        a = geometric_adstock(spend, t.decay)
        return float(t.coef * np.sum(hill_derivative(a, t.half_saturation, t.shape) * a) / total)


class TruthFit:
    """The true model wrapped as a fit, so the true optimum comes from the same optimiser."""

    def __init__(self, dataset, truth):
        self.dataset = dataset
        contributions = truth.contributions().sum(axis=0)
        self.channels = tuple(_TrueChannel(c, float(dataset.spend[:, j].sum()), float(contributions[j]))
                              for j, c in enumerate(truth.channels))
        self.media_covariance = np.zeros((len(self.channels), len(self.channels)))
        self._truth = truth

    @property
    def channel_names(self):
        return tuple(c.name for c in self.channels)

    def predict(self, spend=None):
        return self._truth.expected_sales(spend)


def score(scenario) -> dict:
    dataset, truth = scenario.dataset, scenario.truth
    start = time.perf_counter()
    fit = fit_mmm(dataset)
    fit_seconds = time.perf_counter() - start
    base_true = float(truth.expected_sales().sum())
    err_num = err_den = 0.0
    for name in fit.channel_names:
        for pct in PCTS:
            result = run_scenario(fit, {name: pct}, draws=200)
            true_delta = float(truth.expected_sales(result.new_plan).sum()) - base_true
            err_num += abs(result.delta_sales - true_delta)
            err_den += abs(true_delta)

    est = optimize_budget(fit, bound_pct=30.0)
    oracle = optimize_budget(TruthFit(dataset, truth), bound_pct=30.0)
    uplift_est = float(truth.expected_sales(est.new_plan).sum()) - base_true
    uplift_true = float(truth.expected_sales(oracle.new_plan).sum()) - base_true
    current = dataset.spend.sum(axis=0)
    totals = est.new_plan.sum(axis=0)
    budget_gap_dollars = abs(float(totals.sum()) - float(current.sum())) * dataset.money_scale
    bound_violation = float(np.max(np.concatenate([0.7 * current - totals, totals - 1.3 * current])))
    return {
        "whatif_error": err_num / err_den,
        "capture": uplift_est / uplift_true if uplift_true > 0 else float("nan"),
        "uplift_est": uplift_est,
        "uplift_true": uplift_true,
        "predicted_uplift": est.expected_delta_sales,
        "loses_sales": uplift_est < -1e-9 * base_true,
        "budget_ok": budget_gap_dollars < 0.5,
        "bounds_ok": bound_violation <= 1e-9 * float(current.max()),
        "fit_seconds": fit_seconds,
    }


def time_optimizer(repeats: int = 3) -> tuple[float, float]:
    """(first call on a fresh fit, which tabulates the curves; median of later calls)."""
    fit = fit_mmm(ten_channels().dataset)
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        optimize_budget(fit)
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="seeds per scenario (the scenario's own seed first)")
    args = parser.parse_args(argv)

    header = f"{'scenario':<16}{'seed':>6}{'what-if err':>13}{'capture':>10}{'uplift est/true':>20}" \
             f"{'loses':>7}{'budget':>8}{'bounds':>8}"
    print(header)
    print("-" * len(header))
    per_scenario = {}
    all_ok = True
    for name, make in RECOVERY_SCENARIOS.items():
        default_seed = make.__defaults__[0]
        rows = []
        for i in range(args.seeds):
            seed = default_seed + 100 * i
            r = score(make(seed))
            rows.append(r)
            all_ok &= r["budget_ok"] and r["bounds_ok"] and not r["loses_sales"]
            print(f"{name:<16}{seed:>6}{r['whatif_error']:>13.3f}{100 * r['capture']:>9.1f}%"
                  f"{r['uplift_est']:>10.1f}/{r['uplift_true']:<9.1f}{'YES' if r['loses_sales'] else 'no':>7}"
                  f"{'ok' if r['budget_ok'] else 'FAIL':>8}{'ok' if r['bounds_ok'] else 'FAIL':>8}")
        per_scenario[name] = (statistics.median(r["whatif_error"] for r in rows),
                              statistics.median(r["capture"] for r in rows),
                              min(r["capture"] for r in rows))
    print()
    print(f"{'scenario':<16}{'median err':>12}{'median capture':>16}{'worst capture':>15}")
    for name, (err, cap, worst) in per_scenario.items():
        print(f"{name:<16}{err:>12.3f}{100 * cap:>15.1f}%{100 * worst:>14.1f}%")
    med_err = statistics.median(v[0] for v in per_scenario.values())
    med_cap = statistics.median(v[1] for v in per_scenario.values())
    first, later = time_optimizer()
    print()
    print(f"median over scenarios: what-if error {med_err:.3f} (target <= 0.25), "
          f"uplift capture {100 * med_cap:.1f}% (target >= 85%)")
    print(f"no plan loses sales, budget and bounds exact: {'yes' if all_ok else 'NO'}")
    print(f"optimiser, 10 channels: first call {first:.3f} s, later calls {later:.3f} s (target < 1 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
