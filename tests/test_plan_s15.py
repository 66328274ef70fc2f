"""s15-plan: one reading of which channels the data cannot measure, one scoring of a money-moving what-if for a
what-if and a comparison's re-scored side, and the draw targets' switch (issue 10)."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from analysis.decisions import compare, optimize
from analysis.decisions.common import plan
from analysis.decisions.scenario import Shift, run_scenario
from assistant.answers.common import unmeasured_channels


def _session(**measurable: bool) -> SimpleNamespace:
    rows = tuple(SimpleNamespace(channel=name, measurable=flag) for name, flag in measurable.items())
    return SimpleNamespace(roi=SimpleNamespace(channels=rows))


def test_unmeasured_channels_keeps_the_order_asked_and_counts_unknown_names_as_measurable():
    session = _session(TV=True, Radio=False, Print=False)
    assert unmeasured_channels(session, ["Print", "TV", "Cinema", "Radio"]) == ["Print", "Radio"]
    assert unmeasured_channels(session, []) == []


def test_how_sure_after_a_what_if_on_unmeasured_channels_only_is_answered_by_its_range(sample_fit, tmp_path):
    """quality._last_decision's "measurable" flag reads the same helper as the what-if's headline: False only when
    every channel changed is one the data cannot measure."""
    from assistant.answers import quality
    from tests.helpers import session_for

    session = session_for(sample_fit, tmp_path)
    session.answered.append({"intent": "budget_scenario", "data": {
        "delta_sales": -10.0, "delta_sales_low": -30.0, "delta_sales_high": 5.0, "delta_spend": -6.0,
        "channels": {"TV": {"delta_spend": -5.0}, "Print": {"delta_spend": -1.0}}}})
    routed = SimpleNamespace(source="context")
    assert quality._last_decision(session, routed)["measurable"] is True   # every sample channel is measurable
    session.__dict__["roi"] = _session(TV=False, Print=False, Radio=True).roi
    assert quality._last_decision(session, routed)["measurable"] is False
    session.__dict__["roi"] = _session(TV=False, Print=True).roi
    assert quality._last_decision(session, routed)["measurable"] is True


def test_a_rescored_side_and_a_move_share_one_scoring(sample_fit):
    """A what-if that moves money is scored as a plan of the same moves (`optimize.move_gain`), stating the sources'
    average chance of a loss, not a plan's largest; a cut set beside a move in a comparison is re-scored the same
    way (its own what-if figures differ), each channel row's range widened to hold its re-scored point."""
    move = run_scenario(sample_fit, shift=Shift("Print", "TV", percentage=10.0))
    before = plan(sample_fit)
    honest = optimize.move_gain(sample_fit, before, move.new_plan)
    assert (move.delta_sales, move.delta_sales_low, move.delta_sales_high) == (honest.expected, honest.low, honest.high)
    assert move.delta_sales == pytest.approx(sum(c.delta_sales for c in move.channels), rel=1e-12)
    assert move.prob_loss == honest.average_loss() != honest.prob_loss   # the average, not the plan's largest
    cut = run_scenario(sample_fit, {"Print": -10.0})
    one, same_move = compare.one_estimator(sample_fit, [cut, move])
    assert same_move is move   # the moving side keeps its own figures
    rescored = optimize.move_gain(sample_fit, before, cut.new_plan)
    assert (one.delta_sales, one.delta_sales_low, one.delta_sales_high) == (rescored.expected, rescored.low, rescored.high)
    assert (one.delta_sales_low, one.delta_sales_high) != (cut.delta_sales_low, cut.delta_sales_high)
    assert one.delta_spend == cut.delta_spend and one.delta_sales_pct == pytest.approx(
        100.0 * one.delta_sales / cut.base_sales, rel=1e-12)
    for row, old, value in zip(one.channels, cut.channels, rescored.by_channel):   # each row's range holds its point
        assert row.delta_sales == value
        assert row.delta_sales_low == min(old.delta_sales_low, value)
        assert row.delta_sales_high == max(old.delta_sales_high, value)


def test_draw_curves_tabulate_a_horizon_plan_over_the_spend_kept_outside_it():
    """`CurveSet.scaled_totals` with `base`: the totals of base + s * share, so the draw targets (bagged, lower
    quantile) can be made for a plan over the last 52 weeks, not only over the whole period (they were skipped)."""
    from analysis.decisions.joint_draws import CurveSet

    rng = np.random.default_rng(3)
    curves = CurveSet(np.array([0.0, 0.4, 0.7]), np.array([5.0, 8.0, 12.0]), np.array([1.0, 1.5, 2.2]))
    mask = np.arange(30) >= 18
    spend = rng.uniform(0.0, 10.0, 30)
    share, base = np.where(mask, spend / spend[mask].sum(), 0.0), np.where(mask, 0.0, spend)
    scales = np.array([0.5, 1.0, 1.7]) * spend[mask].sum()
    which = np.array([0, 1, 2])
    got = curves.scaled_totals(share, scales, which, base)
    want = np.stack([curves.totals(base + s * share, which) for s in scales])
    assert got == pytest.approx(want, rel=1e-12)
    assert not np.allclose(got, curves.scaled_totals(share, scales, which))   # the carry-over in and out counts


def test_short_promos_16001_no_longer_loses_with_the_draws_own_optima_as_targets(monkeypatch):
    """Last session's confident loss (`bench_decisions.py --offsets 160 --classes short_promos --seeds 1`): the plan cut
    TV 24% and Radio 19% toward the model's optimum and really lost 11.8 against a stated +393 (+56.4 to +883.1),
    P(loss) 2%. With the draws' own optima among the targets (`PLAN_TARGET = "all"`, measured and not the default:
    worse on the session's unseen plans, docs/plan_history.md) the rule takes the move toward the bagged optimum,
    which gains under the truth and inside its stated interval. Cost: one fit of 104 weeks x 6
    channels and one plan (~3 s on a quiet 2-core machine)."""
    from analysis.fit import fit_mmm
    from data.hard_scenarios import HARD_CLASSES

    monkeypatch.setattr(optimize, "PLAN_TARGET", "all")
    scenario = HARD_CLASSES["short_promos"](16001)
    fit = fit_mmm(scenario.dataset)
    spend = np.asarray(scenario.dataset.spend, dtype=float)
    base = float(scenario.truth.expected_sales(spend).sum())
    plan_ = optimize.optimize_budget(fit, bound_pct=30.0)
    real = float(scenario.truth.expected_sales(plan_.new_plan).sum()) - base
    assert real > 0 and plan_.step > 0
    assert plan_.expected_delta_sales_low <= real <= plan_.expected_delta_sales_high
