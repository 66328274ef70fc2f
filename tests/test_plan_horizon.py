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


def test_a_plan_for_a_named_past_period_is_planned_over_that_periods_weeks(session):
    """"How should we reallocate the budget in Q3 2023?" names weeks inside the data: the plan's current column is
    the spend of those weeks (what "cut TV 20% in Q3 2023" changes), not the last 13 weeks of the data."""
    plan = ask(session, "How should we reallocate the budget in Q3 2023?")
    what_if = ask(session, "What if we cut TV by 20% in Q3 2023?")
    assert plan.data["window"] == what_if.data["window"] == "Q3 2023 (13 weeks)"
    assert plan.data["allocation"]["TV"]["current"] == pytest.approx(what_if.data["channels"]["TV"]["spend_before"],
                                                                     rel=1e-9)
    goal = ask(session, "What would it take to add $200k of sales in Q3 2023?")
    assert goal.data["window"] == "Q3 2023 (13 weeks)"
    assert goal.data["current_budget"] == pytest.approx(plan.data["current_budget"], rel=1e-9)


def test_a_plan_for_a_future_period_keeps_the_horizon_of_its_length(session):
    """"$4M for 2026" is a budget for a year ahead: planned over the last 52 weeks, not refused."""
    plan = ask(session, "How should we split $4M for 2026?")
    assert plan.data["horizon_weeks"] == 52 and plan.data["window"] == "a year (the last 52 weeks)"


def test_a_goal_over_weeks_a_channel_was_dark_says_so_not_that_it_never_spent(sample_fit):
    """The sample's TV ran no spend in its last week: a one-week goal via TV is out of reach because of
    those weeks, and the answer must not claim TV never spent in the data."""
    from analysis.decisions.reverse import spend_for_sales_target

    spend = np.asarray(sample_fit.dataset.spend, dtype=float)
    j = sample_fit.channel_names.index("TV")
    last = np.zeros(sample_fit.dataset.n_weeks, dtype=bool)
    last[-1] = True
    assert spend[-1, j] == 0.0 < spend[:, j].sum()
    r = spend_for_sales_target(sample_fit, "TV", 100.0, weeks=last)
    assert not r.reachable and r.current_spend == 0.0
    assert "never spent" not in r.warnings[0] and "nothing in these weeks" in r.warnings[0]


def test_a_one_week_horizon_is_named_in_the_singular(session):
    from assistant.horizon import horizon_name

    assert horizon_name(1, 208) == "the last week" and horizon_name(3, 208) == "the last 3 weeks"


def test_a_what_if_on_a_channel_dark_in_the_horizon_says_it_moves_nothing(sample_fit, tmp_path):
    """The sample's TV ran nothing in its last week: "cut TV 20%" over that week changes no spend, and the
    answer must say so rather than "the money is moved, not added"."""
    one_week = session_for(sample_fit, tmp_path, horizon=1)
    reply = ask(one_week, "What if we cut TV by 20%?")
    assert reply.data["delta_spend"] == 0.0 and reply.data["delta_sales"] == 0.0
    assert reply.headline.startswith("TV spent nothing over the last week")
    assert not any("moved, not added" in f for f in reply.facts)
    assert "moved, not added" in " ".join(ask(one_week, "What if we move 10% of Radio to Social?").facts)


@pytest.mark.parametrize(("plan", "what_if"), [
    ("How should we reallocate the budget last quarter?", "What if we cut Digital by 20% last quarter?"),
    ("How should we reallocate the budget in March 2023?", "What if we cut Digital by 20% in March 2023?"),
])
def test_a_plan_for_a_recent_period_covers_the_weeks_a_what_if_there_changes(session, plan, what_if):
    """"last quarter": the router gives such a plan no horizon, so it was planned over 52 weeks."""
    data, change = ask(session, plan).data, ask(session, what_if).data
    assert data["window"] == change["window"] and data["horizon_weeks"] == change["horizon_weeks"] < 52
    assert data["allocation"]["Digital"]["current"] == pytest.approx(change["channels"]["Digital"]["spend_before"], rel=1e-9)


def test_a_plan_over_the_last_n_weeks_covers_them(session):
    data = ask(session, "How should we reallocate the budget over the last 26 weeks?").data
    assert data["horizon_weeks"] == 26 and data["window"] == "half a year (the last 26 weeks)"
    assert data["current_budget"] == pytest.approx(sum(_spend(session, 26).values()), rel=1e-9)


def test_a_follow_up_over_the_whole_period_leaves_the_last_turns_period(sample_fit, tmp_path):
    chat = session_for(sample_fit, tmp_path)
    assert ask(chat, "How should we reallocate the budget in Q3 2023?").data["window"] == "Q3 2023 (13 weeks)"
    whole = ask(chat, "And over the whole period?").data
    assert whole["horizon_weeks"] == sample_fit.dataset.n_weeks and whole["window"] == "the 208 modelled weeks"


def test_the_reallocation_chart_of_a_held_plan_says_todays_mix_is_kept(sample_fit, tmp_path):
    """A plan that keeps today's mix (step 0) must not be drawn as one that "goes 0% of the way"."""
    from assistant.charts.draw import reallocation_subtitle

    session = session_for(sample_fit, tmp_path)   # its own chat: the whole-period plan must not carry into others
    held = ask(session, "How should we reallocate the budget last quarter?")
    result = held.charts[0].result
    assert held.data["step"] == 0.0 and "keeps today's mix" in " ".join(held.facts)
    sub = reallocation_subtitle(result, True)
    assert "in today's mix" in sub and "0% of the way" not in sub
    moved = ask(session, "How should we reallocate the budget over the whole period?")   # partway since session 12
    assert 0 < moved.data["step"] < 1
    moved_result = moved.charts[0].result
    assert f"goes {moved.data['step']:.0%} of the way" in reallocation_subtitle(moved_result, True)


def test_a_plan_for_a_past_period_the_data_does_not_hold_says_so(session):
    """"in Q3 2019" with data from 2021: not a plan over the last 13 weeks named "a quarter", but the line a
    what-if over the same period gives."""
    plan = ask(session, "How should we reallocate the budget in Q3 2019?")
    what_if = ask(session, "What if we cut TV by 20% in Q3 2019?")
    assert "outside the data" in plan.headline and plan.headline == what_if.headline


def test_the_board_pack_names_the_weeks_its_plan_covers(sample_fit, tmp_path):
    """The plan's "Current" column is a year's spend while the ROI sheet shows the whole period's: the pack's
    plan table and workbook sheet say which weeks they cover."""
    session = session_for(sample_fit, tmp_path / "chat")   # a fresh chat: the pack's plan is the default year
    from openpyxl import load_workbook

    from assistant.report.pack import build_board_pack
    from assistant.report.story import _reallocation_section
    from assistant.report.xlsx import write_workbook

    pack = build_board_pack(session)
    window = pack.answers["budget_optimization"]["window"]
    assert window == "a year (the last 52 weeks)"
    assert f"over {window}" in _reallocation_section(pack).grids[0].caption
    sheet = load_workbook(write_workbook(pack, tmp_path / "plan.xlsx"))["Optimiser plan"]
    assert ("Weeks planned for", window) in [tuple(r[:2]) for r in sheet.iter_rows(values_only=True)]
