"""Issue 12 answers for the readings added late in the fourth session: a window of several periods, two back-to-back
trend periods, a move to two receivers or sized by the receiver, a channel back on at a rate, money on top of a
channel inside a plan, binding limits in the horizon's money, and moving spend in time as a named limit."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.answers.dispatch import ask
from assistant.session import Session


@pytest.fixture(scope="module")
def fit(own_sample_fit):
    """A memo of its own: results memoised on a shared fit by other tests' settings must not leak in."""
    return own_sample_fit


def answer(fit, question):
    return ask(Session.from_fit(fit, charts=False, offline=True), question)


def spend_of(fit, channel, mask=None):
    ds = fit.dataset
    col = np.asarray(ds.spend, dtype=float)[:, ds.channels.index(channel)]
    return float(col.sum() if mask is None else col[mask].sum())


def test_a_window_of_two_months_changes_both(fit):
    a = answer(fit, "what if we pause TV in Jan and Feb")
    dates = fit.dataset.dates
    last_year = dates[-1].year if dates[-1].month >= 2 else dates[-1].year - 1
    mask = np.asarray((dates.year == last_year) & (dates.month <= 2))
    assert a.data["delta_spend"] == pytest.approx(-spend_of(fit, "TV", mask), rel=1e-6)
    assert "Jan" in a.data["window"] and "Feb" in a.data["window"]


def test_a_run_of_quarters_is_one_years(fit):
    """ "from Q2 through Q4": Q4 2024 is not complete in the sample (it ends 23 Dec), so the run is 2023's,
    not Q2 and Q3 2024 with Q4 2023."""
    a = answer(fit, "Cut TV 10% from Q2 through Q4")
    dates = fit.dataset.dates
    mask = np.asarray((dates.year == 2023) & (dates.month >= 4))
    assert "2024" not in a.data["window"] and a.data["window"].count("2023") == 3
    assert a.data["delta_spend"] == pytest.approx(-0.1 * spend_of(fit, "TV", mask), rel=1e-6)


def test_two_back_to_back_months_are_the_later_against_the_earlier(fit):
    a = answer(fit, "What did sales do in Jan and Feb?")
    assert a.data["period"].startswith("Feb") and a.data["previous_period"].startswith("Jan")


def test_a_move_to_two_receivers_splits_the_money_equally(fit):
    a = answer(fit, "move half of Print to Social and the other half to Digital")
    weeks = np.zeros(fit.dataset.n_weeks, dtype=bool)
    weeks[-52:] = True
    moved = spend_of(fit, "Print", weeks)
    assert a.data["delta_spend"] == pytest.approx(0.0, abs=1e-6)
    assert a.data["changes"]["Print"] == pytest.approx(-100.0)
    social, digital = (spend_of(fit, c, weeks) * a.data["changes"][c] / 100.0 for c in ("Social", "Digital"))
    assert social == pytest.approx(moved / 2, rel=1e-3) and digital == pytest.approx(moved / 2, rel=1e-3)


def test_a_move_sized_by_the_receivers_rise(fit):
    a = answer(fit, "what if we cut TV to fund a 20% increase in social")
    assert a.data["changes"]["Social"] == pytest.approx(20.0, rel=1e-6) and a.data["delta_spend"] == pytest.approx(0.0, abs=1e-6)
    assert a.data["changes"]["TV"] < 0


def test_a_split_without_a_size_asks_for_it_naming_both_receivers(fit):
    a = answer(fit, "split TV's cut between Radio and Social")
    assert "Radio and Social" in a.headline and a.data["clarify"]


def test_a_channel_back_on_at_a_monthly_rate_is_that_level_over_the_year(fit):
    a = answer(fit, "turn Print back on at 50k/month")
    weeks = np.zeros(fit.dataset.n_weeks, dtype=bool)
    weeks[-52:] = True
    level = 50.0 * 52 / (52 / 12)    # $50k a month over 52 weeks, in the sample's $000s
    assert a.data["delta_spend"] == pytest.approx(level - spend_of(fit, "Print", weeks), rel=1e-6)


def test_money_on_top_of_a_channel_in_a_plan_is_a_floor_over_its_current(fit):
    a = answer(fit, "split $8M with $500k more on TV")
    tv = a.data["allocation"]["TV"]
    assert tv["recommended"] >= tv["current"] + 500.0 - 1e-6


def test_binding_limits_are_in_the_horizons_money(fit):
    a = answer(fit, "How should we split $7M with TV at least $3.5M")
    assert a.data["horizon_weeks"] == 52
    assert "TV at its $3.50M minimum" in a.data["binding"]
    assert a.data["allocation"]["TV"]["recommended"] == pytest.approx(3500.0, rel=1e-6)


def test_a_refusal_states_the_horizons_money(fit):
    a = answer(fit, "split $2M with $500k more on TV")
    tv_today = a.data.get("allocation", {}).get("TV", {}).get("current")
    assert tv_today is None and "$3.2" in a.headline   # today's ≈$2.7M + $500k for a year, not the whole period's


def test_moving_spend_in_time_says_what_it_can_do_instead(fit):
    a = answer(fit, "move the Q4 TV budget into Q3")
    assert a.data["limit"] == "timing" and "in Q4" in a.data["can_do_instead"]
