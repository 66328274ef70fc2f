"""Recovery on a ground-truth scenario: what-if deltas near the truth, an optimiser plan that gains under it.

The full per-scenario figures come from benchmarks/bench_decisions.py; this keeps one fast scenario
in the test suite so a regression in the decisions (or the fit feeding them) shows up in `make test`.
"""
import numpy as np
import pytest

from analysis.decisions.optimize import optimize_budget
from analysis.decisions.scenario import run_scenario
from analysis.fit import fit_mmm
from data.scenarios import deep_saturation


@pytest.fixture(scope="module")
def case():
    scenario = deep_saturation()
    return scenario, fit_mmm(scenario.dataset)


def test_what_if_deltas_track_the_truth(case):
    scenario, fit = case
    truth = scenario.truth
    base = truth.expected_sales().sum()
    num = den = 0.0
    for name in fit.channel_names:
        for pct in (-30, -10, 10, 30):
            r = run_scenario(fit, {name: pct}, draws=200)
            true_delta = truth.expected_sales(r.new_plan).sum() - base
            num += abs(r.delta_sales - true_delta)
            den += abs(true_delta)
    assert num / den <= 0.35


def test_optimiser_plan_gains_under_the_truth(case):
    scenario, fit = case
    result = optimize_budget(fit)
    truth = scenario.truth
    gain = truth.expected_sales(result.new_plan).sum() - truth.expected_sales().sum()
    assert gain >= 0
    current = scenario.dataset.spend.sum(axis=0)
    totals = result.new_plan.sum(axis=0)
    assert totals.sum() == pytest.approx(current.sum(), rel=1e-12)
    assert np.all(totals >= 0.7 * current - 1e-9) and np.all(totals <= 1.3 * current + 1e-9)
