"""Classes of phrasing blind set 8 misread on its untouched first run (issue 12, fourth session).

Each test is a class with variations; the negative cases pin the readings the rules must keep.
"""
from __future__ import annotations

import pytest

from router import Conversation, Intent, route
from tests.helpers import route_chat as chat
from tests.helpers import route_one as one


def sides(q):
    return [a.shift and (a.shift.from_channel, a.shift.to_channel, a.shift.percentage, a.shift.amount)
            or dict(a.changes) for a in q.scenarios]


# ------------------------------------------------------------------ two names of one channel are one mention
@pytest.mark.parametrize("question, shift", [
    ("Pulling half a mil out of TV and putting it into Facebook/Instagram — what happens?", ("TV", "Social", None, 500000.0)),
    ("move 200k from TV into Facebook and Instagram", ("TV", "Social", None, 200000.0)),
    ("shift 10% of Facebook/Instagram to Radio", ("Social", "Radio", 10.0, None)),
])
def test_two_names_of_one_channel_are_one_side_of_a_move(question, shift):
    q = one(question)
    assert q.intent is Intent.SCENARIO
    s = q.shift
    assert s is not None and (s.from_channel, s.to_channel, s.percentage, s.amount) == shift
    assert q.channels == tuple(dict.fromkeys(shift[:2]))


def test_two_different_channels_joined_by_and_stay_two():
    q = one("cut TV and Radio by 10%")
    assert dict(q.changes) == {"TV": -10.0, "Radio": -10.0}


# ------------------------------------------------------------------ "half" said as the new size
@pytest.mark.parametrize("question, channel", [
    ("What will happen if we make the Facebook and Instagram budget half?", "Social"),
    ("make the TV budget half", "TV"),
    ("what if Radio spend was half?", "Radio"),
    ("what if the print budget becomes half for a month", "Print"),
])
def test_half_as_the_new_size_of_a_spend_is_a_halving(question, channel):
    q = one(question)
    assert q.intent is Intent.SCENARIO
    assert dict(q.changes) == {channel: -50.0}


@pytest.mark.parametrize("question, intent", [
    ("how did sales do in the second half of 2023", Intent.TREND),
    ("Where should the next half a million go?", Intent.OPTIMIZATION),
])
def test_half_elsewhere_is_not_a_halving(question, intent):
    q = one(question)
    assert q.intent is intent and not q.changes


# ------------------------------------------------------------------ a new size for every side of a comparison
@pytest.mark.parametrize("follow_up", ["what about 20% each", "20% for both?", "what about 20%?", "and 20% each?"])
def test_a_new_size_for_each_side_keeps_the_comparison(follow_up):
    q = chat("Which hurts sales less: trimming TV by 10% or trimming Radio by 10%?", follow_up)[-1]
    assert q.source == "context" and q.intent is Intent.SCENARIO
    assert sides(q) == [{"TV": -20.0}, {"Radio": -20.0}]
    assert not q.changes


def test_a_new_size_each_after_raises_keeps_their_direction():
    q = chat("raise TV 10% or raise Social 10%?", "what about 15% each")[-1]
    assert sides(q) == [{"TV": 15.0}, {"Social": 15.0}]


def test_both_together_after_a_comparison_still_does_them_at_once():
    q = chat("cut TV 10% vs cut Radio 10%", "both together?")[-1]
    assert not q.scenarios and dict(q.changes) == {"TV": -10.0, "Radio": -10.0}


def test_each_after_a_joint_change_stays_a_joint_change():
    q = chat("cut TV 10% and Radio 10%", "what about 20% each")[-1]
    assert not q.scenarios and dict(q.changes) == {"TV": -20.0, "Radio": -20.0}


# ------------------------------------------------------------------ "one" as a count is no pronoun
@pytest.mark.parametrize("follow_up", ["Write me a one-paragraph summary of the findings for the CEO.",
                                       "give me a one page summary", "Summarise the whole thing in one sentence for the board"])
def test_a_complete_summary_request_after_a_follow_up_chain_stands_alone(follow_up):
    q = chat("Our run-rate is about $60k a week. What's the optimal mix at that level?", "and at 80k?", follow_up)[-1]
    assert q.intent is Intent.SUMMARY
    assert q.source == "rules" and q.budget is None and not q.channels


def test_the_one_for_a_channel_still_refers_back():
    q = chat("split 2M", "and the one for Radio?")[-1]
    assert q.source == "context" and q.intent is Intent.OPTIMIZATION


# ------------------------------------------------------------------ a report or help borrows no channel
@pytest.mark.parametrize("first, follow_up, intent", [
    ("tv only", "export this as pdf", Intent.REPORT),
    ("cut TV 10%", "put that in a deck", Intent.REPORT),
    ("What's Radio ROI?", "how do I ask about it?", Intent.HELP),
])
def test_a_report_of_this_takes_no_channel_from_the_last_question(first, follow_up, intent):
    q = chat("roi by channel", first, follow_up)[-1]
    assert q.intent is intent and q.source == "context"
    assert q.channels == () and not q.changes


def test_a_report_that_names_a_channel_keeps_it():
    assert chat("What's Radio ROI?", "and a deck for Print")[-1].channels == ("Print",)


# ------------------------------------------------------------------ "and the …?" of the same kind is elliptical
@pytest.mark.parametrize("first, follow_up, intent", [
    ("How much sales is coming from Digital?", "And the base sales, the ones without any media?", Intent.CONTRIBUTION),
    ("How much sales is coming from Digital?", "and the baseline?", Intent.CONTRIBUTION),
    ("Show me the sales trend", "and the seasonality?", Intent.TREND),
])
def test_and_the_same_kind_of_question_on_a_new_object_is_context_without_the_channel(first, follow_up, intent):
    q = chat(first, follow_up)[-1]
    assert q.intent is intent and q.source == "context"
    assert q.channels == ()


def test_a_complete_question_of_the_same_kind_is_rules():
    q = chat("How much sales is coming from Digital?", "what's the baseline?")[-1]
    assert q.source == "rules" and q.intent is Intent.CONTRIBUTION


# ------------------------------------------------------------------ a plan framed by the curves is still a plan
@pytest.mark.parametrize("question, amount", [
    ("Under the fitted response curves, where does the next million go — which channels, and how much to each?", 1e6),
    ("given diminishing returns, where would an extra 500k go?", 5e5),
    ("using the saturation curves, where will the next $250k go?", 2.5e5),
])
def test_where_the_next_money_goes_under_the_curves_is_a_plan_with_an_increment(question, amount):
    q = one(question)
    assert q.intent is Intent.OPTIMIZATION
    assert q.budget is not None and (q.budget.kind, q.budget.amount) == ("increment", amount)


@pytest.mark.parametrize("question, intent", [
    ("which channels are saturated and how much room does each have?", Intent.SATURATION),
    ("what is the return for each dollar in TV", Intent.ROI),
])
def test_each_without_a_plan_stays_its_own_question(question, intent):
    assert one(question).intent is intent


# ------------------------------------------------------------------ where more spend stops paying is the curve
@pytest.mark.parametrize("question, channel", [
    ("At what weekly spend level does TV stop paying back?", "TV"),
    ("at which monthly budget threshold does Radio stop paying off", "Radio"),
    ("At what spend level does Digital stop paying back?", "Digital"),
])
def test_the_spend_level_where_a_channel_stops_paying_is_saturation(question, channel):
    q = one(question)
    assert q.intent is Intent.SATURATION and q.channels == (channel,)


def test_whether_a_channel_pays_back_is_still_roi():
    assert one("does TV pay back?").intent is Intent.ROI


# ------------------------------------------------------------------ comparing model runs is a limit
@pytest.mark.parametrize("question", [
    "Can you diff the coefficients between last month's model run and this one?",
    "what changed between the two model versions",
    "show the differences across successive runs",
])
def test_comparing_model_runs_is_a_limit(question):
    q = one(question)
    assert q.intent is Intent.UNKNOWN


@pytest.mark.parametrize("question, intent", [
    ("difference between TV and Radio ROI", Intent.ROI),
    ("compare TV and Radio coefficients", Intent.MODEL_QUALITY),
])
def test_comparing_channels_is_not_comparing_model_runs(question, intent):
    assert one(question).intent is intent


# ------------------------------------------------------------------ names of a missing channel side by side are one
@pytest.mark.parametrize("question, unknown", [
    ("What is the ROI of our podcasts sponsorship?", ("podcasts",)),
    ("should we try podcasts and influencers?", ("podcasts", "Influencer")),
])
def test_missing_channel_names_side_by_side_are_one_thing(question, unknown):
    assert one(question).unknown_channels == unknown


def test_facebook_and_instagram_stay_two_when_the_data_has_both_columns():
    q = route("cut Facebook/Instagram by 10%", Conversation(channels=("TV", "Facebook", "Instagram")))
    assert dict(q.changes) == {"Facebook": -10.0, "Instagram": -10.0}
