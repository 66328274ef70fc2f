"""Per-channel moves: the optimum that moves a channel only as far as its next-dollar return clears its
noise (`optimize._careful_optimum`), a target the confident plan may step toward besides the point optimum."""
from __future__ import annotations

import numpy as np
import pytest

import analysis.decisions.optimize as optimize


@pytest.fixture(scope="module")
def posed(sample_fit):
    problem = optimize._build_problem(sample_fit, 30.0, ())
    budget = float(problem.current.sum())
    reference = optimize._scaled_current(problem, budget)
    return problem, budget, reference, optimize._return_noise(problem, reference)


def test_return_noise_is_the_draws_spread_of_each_channels_next_dollar(posed):
    problem, _, reference, noise = posed
    assert noise.shape == reference.shape and (noise > 0).all()
    # every channel's next dollar at today's mix is fitted within a few of its noise's widths of the others'
    marginal = problem.marginal(reference)
    assert (noise < np.abs(marginal).max()).all()


def test_without_a_noise_penalty_it_is_the_point_optimum(posed):
    problem, budget, reference, noise = posed
    careful = optimize._careful_optimum(problem, budget, reference, 0.0 * noise)
    point = optimize._solved(problem, budget, 0, ())[0]
    assert careful.sum() == pytest.approx(budget, rel=1e-12)
    assert careful == pytest.approx(point, rel=2e-3)
    assert problem.sales(careful).sum() == pytest.approx(problem.sales(point).sum(), rel=1e-7)


def test_noisy_channels_stay_at_todays_spend_while_the_others_move(posed):
    problem, budget, reference, noise = posed
    careful = optimize._careful_optimum(problem, budget, reference, 1.0 * noise)
    assert careful.sum() == pytest.approx(budget, rel=1e-12)
    assert (careful >= problem.lower - 1e-9).all() and (careful <= problem.upper + 1e-9).all()
    held = np.isclose(careful, reference, rtol=1e-9, atol=0.0)
    moved = ~held
    assert held.any() and moved.sum() >= 2          # a move per channel, not a scale of the whole move
    # a held channel's fitted next dollar is within its noise of the common price a moved channel pays
    # (KKT of max sum S_j(x_j) - s_j |x_j - r_j|): moved channels at their bounds aside, one price
    marginal = problem.marginal(careful)
    inside = moved & (careful > problem.lower + 1e-6 * reference) & (careful < problem.upper - 1e-6 * reference)
    prices = marginal[inside] - noise[inside] * np.sign(careful[inside] - reference[inside])
    assert len(prices) >= 1
    price = float(np.mean(prices))
    assert np.ptp(prices) <= 0.02 * abs(price) + 1e-9
    assert (np.abs(problem.marginal(reference)[held] - price) <= noise[held] * 1.02).all()
    # it gains less than the point optimum by the fitted curves, but gains
    gain = float(problem.sales(careful).sum() - problem.sales(reference).sum())
    point = optimize._solved(problem, budget, 0, ())[0]
    assert 0 < gain < float(problem.sales(point).sum() - problem.sales(reference).sum())


def test_noise_wider_than_every_return_gap_keeps_todays_mix(posed):
    problem, budget, reference, noise = posed
    careful = optimize._careful_optimum(problem, budget, reference, 5.0 * noise)
    assert careful == pytest.approx(reference, rel=1e-12)


@pytest.fixture(scope="module")
def frozen():
    """Benchmark short_promos 301 (104 weeks, unmodelled promotions): every step toward the model's best split
    (and toward the one over its measured channels) has a loss in its 90% interval, so the plan kept today's
    mix; two channels' next-dollar returns are within their noise of the others'."""
    from analysis.fit import fit_mmm
    from data.hard_scenarios import HARD_CLASSES

    scenario = HARD_CLASSES["short_promos"](301)
    return fit_mmm(scenario.dataset), scenario.truth


def test_a_plan_moves_the_channels_that_clear_their_noise_where_a_scaled_move_freezes(frozen, monkeypatch):
    fit, truth = frozen
    spend = np.asarray(fit.dataset.spend, dtype=float)
    plan = optimize.optimize_budget(fit)                        # the default: careful targets too
    monkeypatch.setattr(optimize, "NOISE_TARGET", "off")
    assert optimize.optimize_budget(fit).step == 0              # steps toward the point optima alone: today's mix
    assert plan.step > 0
    kept = [r.channel for r in plan.allocation if abs(r.recommended - r.current) <= 1e-9 * r.current]
    moved = [r.channel for r in plan.allocation if abs(r.recommended - r.current) > 1e-3 * r.current]
    assert kept and len(moved) >= 2
    assert sum(w.startswith(", ".join(kept)) and "too uncertain to bet on" in w for w in plan.warnings) == 1
    real = float(truth.expected_sales(plan.new_plan).sum() - truth.expected_sales(spend).sum())
    assert 0 < real and plan.expected_delta_sales_low <= real <= plan.expected_delta_sales_high
    assert plan.prob_loss <= 0.05
