"""Budget optimiser: exact budget and bounds, equalised marginal ROIs, binding bounds, stated constraints."""
import numpy as np
import pytest

from analysis.decisions.optimize import BudgetConstraint, optimize_budget, scenario_presets
from analysis.errors import InfeasibleError
from analysis.roi import saturation


@pytest.fixture(scope="module")
def fit(sample_fit):
    return sample_fit   # the session-wide fit (tests/conftest.py)


@pytest.fixture(scope="module")
def base(fit):
    return optimize_budget(fit)


def _assert_valid(result, fit, budget):
    totals = np.array([r.recommended for r in result.allocation])
    assert abs(totals.sum() - budget) * fit.dataset.money_scale < 0.01          # to the cent
    assert result.new_plan.sum(axis=0) == pytest.approx(totals, rel=1e-12)
    for r in result.allocation:
        assert r.lower - 1e-9 <= r.recommended <= r.upper + 1e-9
    assert result.checks.max_bound_violation == 0.0


def test_same_budget_plan_is_valid_and_never_worse(fit, base):
    current = fit.dataset.spend.sum()
    _assert_valid(base, fit, current)
    assert base.total_budget == pytest.approx(current)
    assert base.expected_delta_sales >= 0
    assert base.expected_delta_sales_low <= base.expected_delta_sales <= base.expected_delta_sales_high
    predicted = fit.predict(base.new_plan).sum() - fit.predict().sum()
    assert base.model_delta_sales == pytest.approx(predicted, rel=1e-9)
    # the reported gain is the scoring draws' (which did not choose the plan), not the model's own figure
    assert base.expected_delta_sales == pytest.approx(float(np.mean(base.gain_draws)), rel=1e-9)
    assert 0.0 <= base.prob_loss <= 0.05


def test_default_bounds_are_plus_minus_30(base):
    for r in base.allocation:
        assert r.lower == pytest.approx(0.7 * r.current) and r.upper == pytest.approx(1.3 * r.current)


def test_marginal_rois_equalised_and_consistent_with_saturation(fit, base):
    sat = saturation(fit)
    for r in base.allocation:
        assert r.marginal_roi_current == pytest.approx(sat.get(r.channel).marginal_roi, rel=1e-9)
    free = [r for r in base.allocation if r.at_bound is None and not r.fixed]
    if len(free) > 1:
        m = [r.marginal_roi_optimum for r in free]
        assert (max(m) - min(m)) / np.mean(m) < 1e-3
        assert base.equalised_marginal_roi == pytest.approx(np.mean(m), rel=1e-3)
    # KKT: a channel at its cap earns at least the common marginal ROI, one at its floor at most
    if base.equalised_marginal_roi is not None:
        for r in base.allocation:
            if r.at_bound == "upper":
                assert r.marginal_roi_optimum >= base.equalised_marginal_roi * (1 - 1e-3)
            if r.at_bound == "lower":
                assert r.marginal_roi_optimum <= base.equalised_marginal_roi * (1 + 1e-3)


def test_binding_bounds_are_named(base):
    bound = [r for r in base.allocation if r.at_bound]
    assert len(base.binding) == len(bound) + sum(r.fixed for r in base.allocation)
    for r in bound:
        assert r.optimum == pytest.approx(r.upper if r.at_bound == "upper" else r.lower)
        word = "cap" if r.at_bound == "upper" else "floor"
        assert any(p.startswith(r.channel) and word in p for p in base.binding)


def test_tight_bounds_bind_everywhere_they_should(fit):
    tight = optimize_budget(fit, bound_pct=1.0)
    # with ±1% almost every channel is pushed to a bound; the budget still balances exactly
    _assert_valid(tight, fit, fit.dataset.spend.sum())
    assert sum(r.at_bound is not None for r in tight.allocation) >= len(fit.channel_names) - 1


def test_bigger_budget_sells_more_and_is_spent(fit, base):
    current = fit.dataset.spend.sum()
    more = optimize_budget(fit, current * 1.2)
    _assert_valid(more, fit, current * 1.2)
    assert more.expected_delta_sales > base.expected_delta_sales
    cut = optimize_budget(fit, current * 0.9)
    _assert_valid(cut, fit, current * 0.9)
    assert cut.expected_delta_sales < 0


def test_presets_nest(fit):
    presets = scenario_presets(fit)
    assert [p.bound_pct for p in presets] == [10.0, 30.0, 50.0]
    gains = [p.expected_delta_sales for p in presets]
    # each preset's bounds contain the narrower one's, so it can only sell more (to solver precision)
    tol = 1e-6 * abs(gains[2])
    assert gains[0] <= gains[1] + tol and gains[1] <= gains[2] + tol
    assert "conservative" in presets[0].label and "aggressive" in presets[2].label


def test_stated_constraints(fit):
    tv = fit.channel("TV").spend
    cons = [BudgetConstraint("Print", "fixed"), BudgetConstraint("TV", "min", amount=1.4 * tv),
            BudgetConstraint(None, "max", percentage=50.0)]
    result = optimize_budget(fit, bound_pct=100.0, constraints=cons)
    _assert_valid(result, fit, fit.dataset.spend.sum())
    assert result.get("Print").recommended == pytest.approx(fit.channel("Print").spend)
    assert result.get("Print").fixed and any(p.startswith("Print held") for p in result.binding)
    assert result.get("TV").recommended >= 1.4 * tv - 1e-9
    for r in result.allocation:
        assert r.recommended <= 1.5 * r.current + 1e-9


def test_constraints_parsed_from_a_question(fit):
    route = pytest.importorskip("router.core").route
    query = route("Optimise the budget but keep TV at least $11M and don't touch Print")
    cons = [BudgetConstraint(c.channel, c.kind, None if c.amount is None else c.amount / fit.dataset.money_scale,
                             c.percentage) for c in query.constraints]
    assert {(c.channel, c.kind) for c in cons} == {("TV", "min"), ("Print", "fixed")}
    result = optimize_budget(fit, constraints=cons)
    assert result.get("TV").recommended >= 11_000 - 1e-9
    assert result.get("Print").recommended == pytest.approx(fit.channel("Print").spend)


def test_margin_reports_profit(fit):
    result = optimize_budget(fit, fit.dataset.spend.sum() * 1.1, margin=0.4)
    extra = result.total_budget - result.current_total
    assert result.profit_delta == pytest.approx(0.4 * result.expected_delta_sales - extra)
    assert all(r.marginal_profit_recommended == pytest.approx(0.4 * r.marginal_roi_recommended - 1)
               for r in result.allocation)


@pytest.mark.parametrize("budget_factor, cons", [
    (1.0, [BudgetConstraint("TV", "min", amount=1e9)]),
    (1.0, [BudgetConstraint("TV", "min", amount=5000), BudgetConstraint("TV", "max", amount=4000)]),
    (2.0, []),
    (0.5, []),
    (1.0, [BudgetConstraint("Cinema", "max", percentage=10)]),
    (-1.0, []),
], ids=["minimum-above-budget", "min-above-max", "budget-above-caps", "budget-below-floors", "unknown-channel",
        "negative-budget"])
def test_infeasible_constraints_raise_one_line(fit, budget_factor, cons):
    with pytest.raises(InfeasibleError) as info:
        optimize_budget(fit, fit.dataset.spend.sum() * budget_factor, constraints=cons)
    message = str(info.value)
    assert "\n" not in message and len(message) > 20
