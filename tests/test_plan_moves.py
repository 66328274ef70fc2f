"""The moves a confident plan may make besides a step toward the model's optimum (`PLAN_MOVES`): the optimum
with the unmeasured channels held (the default) and, off by default, a shift between two measured channels.
On both datasets below every step toward the full optimum is unsafe, so that rule alone kept today's mix;
the data still back a move that really gains."""
from __future__ import annotations

import numpy as np
import pytest

import analysis.decisions.optimize as optimize
from analysis.decisions.joint_draws import entangled_pairs
from analysis.decisions.optimize import SHIFT_LINE, optimize_budget
from analysis.fit import fit_mmm


def _fit(cls, seed):
    from data.hard_scenarios import HARD_CLASSES
    scenario = HARD_CLASSES[cls](seed)
    return fit_mmm(scenario.dataset), scenario.truth


def _real(truth, fit, plan):
    spend = np.asarray(fit.dataset.spend, dtype=float)
    return float(truth.expected_sales(plan.new_plan).sum() - truth.expected_sales(spend).sum())


@pytest.fixture(scope="module")
def shift_safe():
    """Benchmark entangled 4301: five measured channels; the optimum's direction is unsafe at every step."""
    return _fit("entangled", 4301)


@pytest.fixture(scope="module")
def measured_safe():
    """Benchmark entangled 2801: TV and Radio measured, three channels not; TV and Video move together."""
    return _fit("entangled", 2801)


def test_a_two_channel_shift_is_made_when_the_optimum_is_unsafe(shift_safe, monkeypatch):
    fit, truth = shift_safe
    monkeypatch.setattr(optimize, "PLAN_MOVES", "optimum")
    held = optimize_budget(fit)
    assert held.step == 0 and held.shift is None and _real(truth, fit, held) == pytest.approx(0.0, abs=1e-6)

    monkeypatch.setattr(optimize, "PLAN_MOVES", "pairs")
    plan = optimize_budget(fit)
    assert plan.shift is not None and plan.step > 0
    source, target = plan.shift
    moved = {r.channel: r.recommended - r.current for r in plan.allocation if abs(r.recommended - r.current) > 1e-6}
    assert set(moved) == {source, target} and moved[source] == pytest.approx(-moved[target]) and moved[target] > 0
    assert fit.channels[fit.channel_names.index(source)].measurable
    assert fit.channels[fit.channel_names.index(target)].measurable
    assert not any({source, target} == set(p) for p in entangled_pairs(fit))
    assert plan.expected_delta_sales_low >= 0 and plan.prob_loss <= 0.05
    real = _real(truth, fit, plan)
    assert real > 0 and plan.expected_delta_sales_low <= real <= plan.expected_delta_sales_high
    assert SHIFT_LINE.format(source=source, target=target) in plan.warnings


def test_the_optimum_over_measured_channels_moves_when_the_full_one_is_unsafe(measured_safe, monkeypatch):
    fit, truth = measured_safe
    plan = optimize_budget(fit)                          # the default rule
    monkeypatch.setattr(optimize, "PLAN_MOVES", "pairs")
    assert optimize_budget(fit).step == 0
    monkeypatch.setattr(optimize, "PLAN_MOVES", "optimum")
    assert optimize_budget(fit).step == 0
    assert plan.step > 0 and plan.shift is None
    unmeasured = [c.name for c in fit.channels if c.coef > 0 and not c.measurable]
    # the unmeasured channels are not re-split among themselves: one common factor (tied, as every plan does)
    factors = {round(plan.get(n).recommended / plan.get(n).current, 9) for n in unmeasured}
    assert len(unmeasured) > 1 and len(factors) == 1
    real = _real(truth, fit, plan)
    assert real > 0 and plan.expected_delta_sales_low <= real <= plan.expected_delta_sales_high


def test_the_answer_names_a_shift_plan(shift_safe, monkeypatch):
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    fit, _ = shift_safe
    monkeypatch.setattr(optimize, "PLAN_MOVES", "both")
    reply = ask(Session.from_fit(fit, charts=False, offline=True, horizon="all"),
                "How should we reallocate the same budget?")
    source, target = reply.data["shift"]
    assert any(f"a shift from {source} to {target} gains most, so the plan makes only that shift" in f
               for f in reply.facts)
    assert not any("of the way toward the best split" in f for f in reply.facts)
    from assistant.charts.draw import reallocation_subtitle
    plan = optimize_budget(fit)
    assert f"only shifts money from {source} to {target}" in reallocation_subtitle(plan, True)
