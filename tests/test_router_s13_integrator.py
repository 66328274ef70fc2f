"""Families found by the blind set router_blind16 after the session's merged router (the set's own sentences are not
used here): the level a cut must keep said with "predicted/forecast sales" or "the same as now", a sales level to
"get us" to, out-of-scope requests (a social post, where the market heads, an outdoor event, CRM data), a what-if in
"the festive season", "no channel going up or down by more than N%", a channel "kept the same as it is", "floored
at", "capped at its current level", a follow-up that moves one channel's bound ("Relax the TV floor to $1M"), a deck
asked for by its contents, a return ranking "once you account for adstock" and the first channel to stop paying back.
Each case fails on the code before the fix (0dd5723) except the guards, which say so."""
from __future__ import annotations

import pytest

from router import Conversation, Intent, route

CHANNELS = ("TV", "Radio", "Digital", "Print", "Social")


@pytest.mark.parametrize("question", [
    "How deep can we cut media while keeping forecast revenue flat?",
    "What is the largest saving on spend that keeps our sales the same as today?",
    "How much budget could we trim and still hold projected sales steady?",
], ids=["forecast-flat", "same-as-today", "projected-steady"])
def test_the_most_we_can_cut_at_todays_sales_is_a_goal(question):
    q = route(question)
    assert q.intent is Intent.OPTIMIZATION and q.goal is not None
    assert (q.goal.kind, q.goal.value) == ("keep_sales_within", 0.0)


@pytest.mark.parametrize("question, value", [
    ("What is the least we can spend that still gets us $80 million in revenue?", 80e6),
    ("how much should each channel get to get 120mil sales", 120e6),
], ids=["gets-us", "to-get"])
def test_a_sales_level_to_get_to_is_a_reach_goal(question, value):
    q = route(question)
    assert q.intent is Intent.OPTIMIZATION and q.goal is not None and (q.goal.kind, q.goal.value) == ("reach_sales", value)


def test_guard_get_more_sales_stays_an_added_amount():   # passes before the fix too
    q = route("How much more Radio would we need to get $300k more sales?")
    assert q.goal is not None and (q.goal.kind, q.goal.value) == ("add_sales", 300000.0)


@pytest.mark.parametrize("question", [
    "Could you write an Instagram post announcing our spring range?",
    "Do you think the economy is going to shrink next year?",
    "We are holding an outdoor event for staff; will it rain on Saturday?",
], ids=["social-post", "economy", "outdoor-event"])
def test_out_of_scope_requests_are_not_answered_with_a_figure(question):
    q = route(question)
    assert q.intent is Intent.UNKNOWN and not q.channels and not q.unknown_channels


def test_crm_data_is_not_an_email_channel():
    q = route("Import our CRM data and score each customer's churn risk.")
    assert q.intent is Intent.UNKNOWN and "Email" not in q.unknown_channels


def test_a_what_if_in_the_holiday_season_is_a_what_if():
    q = route("Cut Radio by 30% only in Q4, the holiday season, and show me what it does to sales.")
    assert q.intent is Intent.SCENARIO and dict(q.changes) == {"Radio": -30.0}


def test_guard_the_holiday_season_asked_of_sales_is_a_trend():   # passes before the fix too
    assert route("How did sales do over the holiday season?").intent is Intent.TREND


def test_a_band_said_up_or_down_and_a_channel_kept_the_same_as_it_is():
    q = route("Rebalance spend so that no channel is moving up or down by more than 15 percent, and Radio is kept "
              "the same as now.")
    assert q.intent is Intent.OPTIMIZATION
    bounds = {(c.channel, c.kind, c.percentage) for c in q.constraints}
    assert bounds == {(None, "min", -15.0), (None, "max", 15.0), ("Radio", "fixed", None)}


def test_a_floor_said_floored_and_a_cap_at_the_current_level():
    q = route("Split $4M with Social floored at $600k and Print capped at its current level.")
    assert q.intent is Intent.OPTIMIZATION
    bounds = {(c.channel, c.kind, c.amount, c.percentage) for c in q.constraints}
    assert bounds == {("Social", "min", 600000.0, None), ("Print", "max", None, 0.0)}


def test_a_follow_up_moves_one_channels_bound_and_keeps_the_plan():
    conv = Conversation(channels=CHANNELS)
    first = route("Plan a $5M budget with Radio capped at $400k and every channel within 30%.", conv)
    conv.remember(first)
    q = route("Raise the Radio cap to $650k.", conv)
    assert q.intent is Intent.OPTIMIZATION and q.budget is not None and q.budget.amount == 5e6
    bounds = {(c.channel, c.kind, c.amount, c.percentage) for c in q.constraints}
    assert bounds == {("Radio", "max", 650000.0, None), (None, "min", None, -30.0), (None, "max", None, 30.0)}


@pytest.mark.parametrize("question", [
    "Create a slide deck covering the saturation curves, contributions and the optimal allocation.",
    "Build me a presentation with the response curves and the recommended split.",
], ids=["slide-deck", "presentation"])
def test_a_deck_named_by_its_contents_is_a_report(question):
    assert route(question).intent is Intent.REPORT


def test_a_return_ranking_after_adstock_is_roi():
    assert route("Which channel has the best ROI once you factor in adstock?").intent is Intent.ROI


def test_guard_a_question_about_adstock_itself_is_carry_over():   # passes before the fix too
    assert route("What is the adstock of Radio?").intent is Intent.SATURATION


def test_the_first_channel_to_stop_paying_back_is_saturation():
    assert route("Which channel will be the first to stop paying back as we keep raising spend?").intent is Intent.SATURATION


def test_a_follow_up_that_names_only_the_floor_moves_the_plans_one_floor():
    """ "Relax the floor to $1M" after a plan with one floor was a $1M budget with the old floor (second pair of eyes)."""
    conv = Conversation(channels=CHANNELS)
    conv.remember(route("Split $6M with TV floored at $1.5M.", conv))
    q = route("Relax the floor to $1M.", conv)
    assert q.intent is Intent.OPTIMIZATION and q.budget is not None and q.budget.amount == 6e6
    assert {(c.channel, c.kind, c.amount) for c in q.constraints} == {("TV", "min", 1e6)}


@pytest.mark.parametrize("question", ["Why not cut every channel by 10%?", "Can we not just cut every channel by 10%?"],
                         ids=["why-not", "can-we-not"])
def test_a_suggestion_to_cut_every_channel_is_that_what_if(question):
    """Session 13's "I'd rather not shave every line" rule read these as a plan at 90% (second pair of eyes)."""
    q = route(question)
    assert q.intent is Intent.SCENARIO and dict(q.changes) == {c: -10.0 for c in CHANNELS}


def test_a_rate_compared_with_sales_is_not_a_new_rate():
    q = route("Radio costs us $40k a week; is it worth more than $55k a week in sales?")
    assert dict(q.changes) != {"Radio": 37.5}


@pytest.mark.parametrize("question", ["Which channels break even given our gross margin?",
                                      "Is Radio profitable at our gross margin?"], ids=["break-even", "profitable"])
def test_a_break_even_at_our_margin_is_not_refused_as_profit_and_loss(question):
    q = route(question)
    assert q.limit is None and q.intent is Intent.ROI


def test_a_share_of_new_money_bounds_the_channel_on_top_of_today():
    """ "The next $1M, with TV no more than 25% of it" capped TV's whole spend at $250k, so the plan was refused
    (second pair of eyes): it is a quarter of the new money, on top of TV's spend today."""
    q = route("Where should an extra $2M go, with Social no more than 30% of it?")
    assert q.budget is not None and q.budget.kind == "increment"
    assert [(c.channel, c.kind, c.amount, c.over_today) for c in q.constraints] == [("Social", "max", 600000.0, True)]
