"""What-if ranges hold the curves the data alone favour, not only the ones the grid's priors prefer
(analysis.decisions.scenario.data_curve_change): a slow channel whose decay and S-shape the priors
pull down has its cuts' losses understated, and the priors' posterior alone then leaves the truth out."""
from __future__ import annotations

import numpy as np
import pytest

import analysis.decisions.scenario as scenario
from analysis.decisions.scenario import run_scenario
from analysis.fit import fit_mmm
from data.hard_scenarios import make_long_carryover

PCTS = (-50.0, -30.0, -20.0, -10.0, 10.0, 20.0, 30.0, 50.0)


@pytest.fixture(scope="module")
def slow_tv():
    """TV decays at 0.86 a week (S-shape 1.2); the fit puts it at about 0.79 and shape 0.9."""
    scenario_ = make_long_carryover(1201)
    return fit_mmm(scenario_.dataset), scenario_.truth


def _held(fit, truth, name: str) -> list[bool]:
    spend = np.asarray(fit.dataset.spend, dtype=float)
    today = float(truth.expected_sales(spend).sum())
    held = []
    for pct in PCTS:
        result = run_scenario(fit, {name: pct}, draws=400)
        true_change = float(truth.expected_sales(result.new_plan).sum()) - today
        held.append(result.delta_sales_low <= true_change <= result.delta_sales_high)
    return held


def test_the_data_only_curves_are_kept_apart_from_the_posterior(slow_tv):
    fit, _ = slow_tv
    tv = fit.channel("TV")
    assert tv.data_posterior and tv.posterior
    prior_decay = sum(c.weight * c.decay for c in tv.posterior)
    data_decay = sum(c.weight * c.decay for c in tv.data_posterior)
    assert data_decay > prior_decay   # the Beta(1, 3) decay prior pulls the posterior's carry-over down


def test_what_if_ranges_hold_the_truth_of_a_slow_channel(slow_tv, monkeypatch):
    fit, truth = slow_tv
    held = _held(fit, truth, "TV")
    assert all(held)
    monkeypatch.setattr(scenario, "DATA_CURVES", False)
    without = _held(fit, truth, "TV")
    assert sum(without) <= 4


def test_the_estimate_itself_does_not_move(slow_tv, monkeypatch):
    fit, _ = slow_tv
    with_curves = run_scenario(fit, {"TV": -30.0}, draws=400)
    monkeypatch.setattr(scenario, "DATA_CURVES", False)
    without = run_scenario(fit, {"TV": -30.0}, draws=400)
    assert with_curves.delta_sales == without.delta_sales
    assert with_curves.delta_sales_low <= without.delta_sales_low
    assert with_curves.delta_sales_high >= without.delta_sales_high
