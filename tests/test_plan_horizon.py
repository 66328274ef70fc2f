"""Plans are solved for the planning horizon itself: today's spend is what was actually spent in the horizon's
weeks (the figure a what-if over the same weeks changes), and every figure comes from the typed result."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.decisions.optimize import optimize_budget, scenario_presets
from analysis.decisions.reverse import max_cut_within
from assistant.answers.dispatch import ask
from data.sample_data import ground_truth
from tests.helpers import session_for


@pytest.fixture(scope="module")
def session(sample_fit, tmp_path_factory):
    return session_for(sample_fit, tmp_path_factory.mktemp("plan-horizon"))


def _spend(session, weeks=52):
    spend = np.asarray(session.dataset.spend, dtype=float)[-weeks:]
    return {name: float(spend[:, j].sum()) for j, name in enumerate(session.dataset.channels)}


def test_plan_current_column_is_the_horizons_actual_spend_and_the_what_ifs(session):
    plan = ask(session, "How should we reallocate the budget?")
    actual = _spend(session)
    assert plan.data["horizon_weeks"] == 52
    for name, row in plan.data["allocation"].items():
        assert row["current"] == pytest.approx(actual[name], rel=1e-9)
        what_if = ask(session, f"What if we cut {name} by 20%?")
        assert what_if.data["horizon_weeks"] == 52
        assert what_if.data["channels"][name]["spend_before"] == pytest.approx(row["current"], rel=1e-9)
    assert plan.data["current_total"] == pytest.approx(plan.data["current_budget"], rel=1e-9)
    assert plan.data["total_budget"] == pytest.approx(sum(actual.values()), rel=1e-9)
    # the table shows the same figures as the data
    tv = next(r for r in plan.table.rows if r[0] == "TV")
    assert tv[1] == "$2.76M"


def test_a_stated_limit_is_quoted_from_the_horizons_own_bound(session):
    reply = ask(session, "How should we split $7M with TV at least $3.5M?")
    tv = reply.data["allocation"]["TV"]
    assert reply.data["total_budget"] == pytest.approx(7000.0)
    assert tv["recommended"] >= 3500.0 - 1e-6
    assert any(b.startswith("TV at its $3.50M minimum") for b in reply.data["binding"])


def test_optimiser_over_a_window_changes_only_its_weeks(sample_fit):
    n = sample_fit.dataset.n_weeks
    spend = np.asarray(sample_fit.dataset.spend, dtype=float)
    window = np.zeros(n, dtype=bool)
    window[-26:-13] = True                       # a quarter that is not the last weeks
    extra = 0.05 * float(spend[window].sum())
    result = optimize_budget(sample_fit, float(spend[window].sum()) + extra, weeks=window)
    assert [r.current for r in result.allocation] == pytest.approx(list(spend[window].sum(axis=0)), rel=1e-12)
    assert sum(r.recommended for r in result.allocation) == pytest.approx(result.total_budget, rel=1e-9)
    assert np.allclose(result.new_plan[~window], spend[~window])
    assert result.new_plan[window].sum() == pytest.approx(result.total_budget, rel=1e-9)
    for p in scenario_presets(sample_fit, weeks=window):
        assert p.current_total == pytest.approx(float(spend[window].sum()), rel=1e-12)


def test_whole_period_mask_is_the_whole_period_plan(sample_fit):
    every = np.ones(sample_fit.dataset.n_weeks, dtype=bool)
    a, b = optimize_budget(sample_fit), optimize_budget(sample_fit, weeks=every)
    assert a.expected_delta_sales == b.expected_delta_sales
    assert [r.recommended for r in a.allocation] == [r.recommended for r in b.allocation]
    assert max_cut_within(sample_fit, 2.0).required_spend == max_cut_within(sample_fit, 2.0, weeks=every).required_spend


def test_year_plan_real_gain_under_the_sample_truth_lies_in_its_interval(sample_fit):
    year = np.zeros(sample_fit.dataset.n_weeks, dtype=bool)
    year[-52:] = True
    result = optimize_budget(sample_fit, weeks=year)
    truth = ground_truth()
    spend = sample_fit.dataset.spend
    real = float(truth.expected_sales(result.new_plan).sum() - truth.expected_sales(spend).sum())
    assert result.expected_delta_sales_low <= real <= result.expected_delta_sales_high
    assert real >= 0.0


def test_a_plan_over_a_calendar_window_is_solved_for_its_weeks(session):
    """A plan question that carries a calendar window ("an extra $500k in Q4") is planned over that window's
    weeks: today's spend there plus the increment, named in the answer."""
    import dataclasses

    from assistant.answers.budget import answer_optimization
    from assistant.horizon import window_weeks
    from router.types import Period, Window
    from tests.helpers import route_one

    routed = dataclasses.replace(route_one("Where should an extra 500k go?"), window=Window(period=Period("quarter", 4)))
    mask, where = window_weeks(session, routed.window)
    reply = answer_optimization(session, routed)
    spend = np.asarray(session.dataset.spend, dtype=float)[mask].sum(axis=0)
    assert reply.data["horizon_weeks"] == int(mask.sum()) and where in reply.data["window"]
    assert reply.data["current_budget"] == pytest.approx(float(spend.sum()), rel=1e-9)
    assert reply.data["total_budget"] == pytest.approx(float(spend.sum()) + 500.0, rel=1e-9)   # the sample is in $000s
    for j, name in enumerate(session.dataset.channels):
        assert reply.data["allocation"][name]["current"] == pytest.approx(float(spend[j]), rel=1e-9)
    assert f"over {reply.data['window']}" in reply.headline


def test_market_panel_plans_search_on_the_panels_own_curves(tmp_path):
    """A market panel's channel sums per-market curves on spend per head: the optimiser's tabulated curves must
    be those (they were the national Hill formula, about 1/100 of the real response, so the search was blind)."""
    from analysis.decisions.optimize import _build_problem
    from analysis.estimate import fit_model
    from analysis.loading import load_csv
    from data.panels import make_panel
    from tests.test_panel import _write

    frame, _ = make_panel(2, n_geos=10, weeks=104, kpi=True)
    fit = fit_model(load_csv(_write(frame, tmp_path)))
    year = np.zeros(fit.dataset.n_weeks, dtype=bool)
    year[-52:] = True
    for weeks in (None, year):
        problem = _build_problem(fit, 30.0, (), weeks)
        for x in (problem.current, problem.lower, problem.upper):
            assert problem.fast_sales(x) == pytest.approx(problem.sales(x), rel=1e-4)
            assert problem.fast_marginal(x) == pytest.approx(problem.marginal(x), rel=1e-3)
        result = optimize_budget(fit, weeks=weeks)
        assert result.model_delta_sales >= -1e-9 * abs(result.base_sales)


def test_board_pack_and_chat_quote_the_same_plan(session):
    from assistant.report.pack import build_board_pack

    chat = ask(session, "How should we reallocate the budget?").data
    pack = build_board_pack(session).answers["budget_optimization"]
    keys = ("total_budget", "current_total", "current_budget", "horizon_weeks", "window", "expected_delta_sales",
            "expected_delta_sales_low", "expected_delta_sales_high", "prob_loss", "binding")
    assert {k: pack[k] for k in keys} == {k: chat[k] for k in keys}
    assert pack["allocation"] == chat["allocation"]
