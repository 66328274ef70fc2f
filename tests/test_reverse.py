"""Reverse questions: answers that, fed back into the forward model, hit their targets."""
import numpy as np
import pytest

from analysis.decisions.reverse import breakeven, budget_for_roas, max_cut_within, spend_for_sales_target
from analysis.decisions.scenario import run_scenario
from analysis.errors import InfeasibleError


@pytest.fixture(scope="module")
def fit(sample_fit):
    return sample_fit   # the session-wide fit (tests/conftest.py)


@pytest.mark.parametrize("channel, target", [("Digital", 500.0), ("TV", -1500.0)], ids=["add", "lose"])
def test_spend_for_sales_target_round_trips(fit, channel, target):
    r = spend_for_sales_target(fit, channel, target)
    assert r.reachable and r.delta_sales == pytest.approx(target, rel=1e-6)
    pct = 100 * r.delta_spend / r.current_spend
    forward = run_scenario(fit, {channel: pct})
    assert forward.delta_sales == pytest.approx(target, rel=1e-6)
    assert np.sign(r.delta_spend) == np.sign(target)


def test_unreachable_target_says_how_far_the_guard_allows(fit):
    r = spend_for_sales_target(fit, "Print", 1e7)
    assert not r.reachable and r.required_spend is None
    guard = run_scenario(fit, {"Print": 50}).delta_sales
    assert r.best_reachable == pytest.approx(guard, rel=1e-9)
    assert r.warnings and "1.5x" in r.warnings[0]
    near = spend_for_sales_target(fit, "Print", 1.1 * r.best_reachable)   # reachable by extrapolating the curve
    assert len(near.warnings) == 2 and "extrapolation" in near.warnings[1]
    assert all(w[0].isupper() for w in (*r.warnings, *near.warnings)), near.warnings   # each one a sentence


def test_max_cut_keeps_sales_within_the_limit(fit):
    r = max_cut_within(fit, 1.0)
    assert r.required_spend < r.current_spend
    assert r.delta_sales_pct >= -1.0 - 1e-6
    # unless every channel sits at its floor, the limit binds
    floors = sum(a.lower for a in r.allocation)
    if r.required_spend > floors * (1 + 1e-9):   # the figure the answer quotes binds at the limit
        assert r.delta_sales_pct == pytest.approx(-1.0, abs=0.01)
    assert r.delta_sales_low <= r.delta_sales <= r.delta_sales_high and 0.0 <= r.prob_loss <= 1.0
    assert sum(a.recommended for a in r.allocation) == pytest.approx(r.required_spend, rel=1e-12)


def test_budget_for_roas_hits_the_target(fit):
    current = sum(c.contribution for c in fit.channels) / fit.dataset.spend.sum()
    target = round(current + 0.3, 1)
    r = budget_for_roas(fit, target)
    assert r.reachable and r.roas == pytest.approx(target, rel=1e-6)
    assert r.required_spend < r.current_spend          # a higher ROAS means spending less
    assert "scaled" in r.method or "same factor" in r.method
    impossible = budget_for_roas(fit, 1000.0)
    assert not impossible.reachable and impossible.best_reachable < 1000.0


def test_breakeven_at_a_margin(fit):
    r = breakeven(fit, 0.4)
    for row in r.channels:
        assert row.profit_roi == pytest.approx(row.roi * 0.4 - 1)
        assert row.profit_roi_low <= row.profit_roi <= row.profit_roi_high
        assert (row.channel in r.breaking_even) == (row.profit_roi >= 0 and row.status != "not measurable")
    generous = breakeven(fit, 1.0)
    assert len(generous.breaking_even) >= len(r.breaking_even)


@pytest.mark.parametrize("call", [
    lambda f: max_cut_within(f, 150),
    lambda f: budget_for_roas(f, -1),
    lambda f: breakeven(f, 40),
    lambda f: spend_for_sales_target(f, "Cinema", 10),
], ids=["loss-over-100", "negative-roas", "margin-as-percent", "unknown-channel"])
def test_bad_requests_raise_one_line(fit, call):
    with pytest.raises(InfeasibleError) as info:
        call(fit)
    assert "\n" not in str(info.value)
