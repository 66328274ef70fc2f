"""A confident plan may also step toward the optimum with the channels the data cannot measure held at
today's spend (`_measured_targets`): on the dataset below every step toward the full optimum is unsafe, so
that rule alone kept today's mix; the data still back a move that really gains."""
from __future__ import annotations

import numpy as np
import pytest

import analysis.decisions.optimize as optimize
from analysis.decisions.optimize import optimize_budget
from analysis.fit import FitConfig, fit_mmm


def _fit(cls, seed, config=None):
    from data.hard_scenarios import HARD_CLASSES
    scenario = HARD_CLASSES[cls](seed)
    return fit_mmm(scenario.dataset, config or FitConfig()), scenario.truth


def _real(truth, fit, plan):
    spend = np.asarray(fit.dataset.spend, dtype=float)
    return float(truth.expected_sales(plan.new_plan).sum() - truth.expected_sales(spend).sum())


@pytest.fixture(scope="module")
def measured_safe():
    """Benchmark entangled 2801: TV and Radio measured, three channels not; TV and Video move together.
    Fitted with curve pooling alone (the default before session 6): pooling the coefficients too makes
    a full-optimum step safe on this dataset, and the rule under test needs one that is not."""
    return _fit("entangled", 2801, FitConfig(narrow_pool_mode="shape", narrow_pool_spread=0.4))


def test_the_optimum_over_measured_channels_moves_when_the_full_one_is_unsafe(measured_safe, monkeypatch):
    """Session 14: TV, tied to the unmeasured Video, now moves with the unmeasured group by one factor
    (`UNMEASURED_JOIN_TIES`); the full optimum's move no longer trades the pair and is safe on its own, so this
    dataset needs `_measured_targets` only under the old hold (the pair re-split by the unmeasured channels' tie)."""
    fit, truth = measured_safe
    plan = optimize_budget(fit)                          # the default rule
    monkeypatch.setattr(optimize, "_measured_targets", lambda *args: [])
    monkeypatch.setattr(optimize, "UNMEASURED_JOIN_TIES", False)
    assert optimize_budget(fit).step == 0                # toward the full optimum alone, pair traded: today's mix
    assert plan.step > 0
    unmeasured = [c.name for c in fit.channels if c.coef > 0 and not c.measurable]
    # the unmeasured channels are not re-split among themselves, nor TV from its pair: one common factor
    factors = {round(plan.get(n).recommended / plan.get(n).current, 9) for n in (*unmeasured, "TV")}
    assert len(unmeasured) > 1 and len(factors) == 1
    real = _real(truth, fit, plan)
    assert real > 0 and plan.expected_delta_sales_low <= real <= plan.expected_delta_sales_high
