"""Classes of phrasing blind set 10 misread on its untouched first run (issue 12, fifth session).

Each test is a class with variations; the negative cases pin the readings the rules must keep.
"""
from __future__ import annotations

import pytest

from router import Intent
from tests.helpers import route_chat as chat
from tests.helpers import route_one as one


def basis(q):
    return q.budget and (q.budget.kind, q.budget.amount, q.budget.per)


# ------------------------------------------------------------------ money added "in total for next quarter"
@pytest.mark.parametrize("question, amount", [
    ("We want to add 200k in total for next quarter, which channel should receive it?", 200000.0),
    ("If we add 300k for Q4, where should it go?", 300000.0),
    ("we could add 150k over all for next year - which channels get it?", 150000.0),
])
def test_money_added_for_a_period_is_an_increment(question, amount):
    q = one(question)
    assert q.intent is Intent.OPTIMIZATION
    assert basis(q) == ("increment", amount, None)


def test_money_added_for_a_channel_is_not_a_plan_increment():
    assert one("we want to add 100k for TV").intent is Intent.SCENARIO


# ------------------------------------------------------------------ "spend zero on X": a stop
@pytest.mark.parametrize("question, channel, weeks", [
    ("Please calculate what happen if we spend zero on Social during 3 weeks.", "Social", 3),
    ("what if we put nothing into Print for a month", "Print", 4),
    ("What if we spent 0 on Radio for six weeks?", "Radio", 6),
])
def test_spending_zero_on_a_channel_stops_it_for_the_window(question, channel, weeks):
    q = one(question)
    assert q.intent is Intent.SCENARIO
    assert q.changes == ((channel, -100.0),)
    assert q.window is not None and q.window.weeks == weeks


def test_spending_a_real_amount_on_a_channel_is_not_a_stop():
    assert all(v != -100.0 for _, v in one("what if we spend 50k on Social for 3 weeks").changes)


# ------------------------------------------------------------------ "projected sales impact of <a change>": a what-if
@pytest.mark.parametrize("question, channel, pct, weeks", [
    ("What's the projected sales impact of doubling Digital for eight weeks?", "Digital", 100.0, 8),
    ("Predicted sales effect of cutting TV by 20% for 4 weeks?", "TV", -20.0, 4),
    ("forecast the revenue impact of halving Radio for two weeks", "Radio", -50.0, 2),
])
def test_projected_impact_of_a_change_is_a_what_if(question, channel, pct, weeks):
    q = one(question)
    assert q.intent is Intent.SCENARIO
    assert q.changes == ((channel, pct),)
    assert q.window is not None and q.window.weeks == weeks


def test_a_plain_sales_forecast_stays_out_of_scope():
    q = one("Can you forecast next quarter's sales?")
    assert q.intent is Intent.UNKNOWN and q.limit is not None and q.limit.kind == "forecasting"


# ------------------------------------------------------------------ "same $$": the same budget
@pytest.mark.parametrize("question", ["same $$ better results? how", "same $ more sales?", "same dollars, better mix?"])
def test_same_money_said_with_a_currency_is_a_same_budget_plan(question):
    q = one(question)
    assert q.intent is Intent.OPTIMIZATION
    assert basis(q) == ("ratio", 1.0, None)


# ------------------------------------------------------------------ the model fitting the data
@pytest.mark.parametrize("question", ["The model is fitting good the data or not?", "does the mmm fit our data well",
                                      "is the model matching the sales?"])
def test_the_model_fitting_the_data_is_model_quality(question):
    assert one(question).intent is Intent.MODEL_QUALITY


@pytest.mark.parametrize("question", ["what data does the model use?", "is my data good for the model?"])
def test_the_data_itself_stays_a_data_question(question):
    assert one(question).intent is Intent.DATA_OVERVIEW


# ------------------------------------------------------------------ the spend level where returns give out
@pytest.mark.parametrize("question", [
    "Until which level of spend the Social is still giving good results?",
    "At what weekly spend does Print's marginal ROAS fall below 1?",
    "up to what budget is TV still profitable?",
    "at what point does radio stop working",
])
def test_the_spend_level_where_returns_give_out_is_saturation(question):
    q = one(question)
    assert q.intent is Intent.SATURATION
    assert q.goal is None


@pytest.mark.parametrize("question, roas", [("how much can we spend until our ROAS drops below 1.5", 1.5),
                                            ("what budget keeps ROI above 2?", 2.0)])
def test_an_average_return_floor_stays_a_plan_goal(question, roas):
    q = one(question)
    assert q.intent is Intent.OPTIMIZATION
    assert q.goal is not None and (q.goal.kind, q.goal.value) == ("reach_roas", roas)


# ------------------------------------------------------------------ how the ad itself should look: out of scope
@pytest.mark.parametrize("question", ["What should our next TV ad look like creatively?", "how should the radio spots sound?"])
def test_creative_advice_is_out_of_scope(question):
    q = one(question)
    assert q.intent is Intent.UNKNOWN
    assert q.limit is not None and q.limit.kind == "campaign_work"


@pytest.mark.parametrize("question, intent", [("what would TV ads do if we doubled them", Intent.SCENARIO),
                                              ("how much should we spend on TV ads?", Intent.OPTIMIZATION)])
def test_the_spend_on_ads_stays_in_scope(question, intent):
    assert one(question).intent is intent


# ------------------------------------------------------------------ "Versus TV?" after a channel question
@pytest.mark.parametrize("first, follow, intent, channels", [
    ("How much did Social contribute to sales last year?", "Versus TV?", Intent.CONTRIBUTION, ("Social", "TV")),
    ("what's the ROI of TV?", "compared to radio?", Intent.ROI, ("TV", "Radio")),
    ("Is Print saturated?", "vs Digital?", Intent.SATURATION, ("Print", "Digital")),
])
def test_versus_a_channel_asks_the_same_question_of_both(first, follow, intent, channels):
    q = chat(first, follow)[-1]
    assert q.intent is intent
    assert q.channels == channels
    assert q.source == "context"


# ------------------------------------------------------------------ "both together?" keeps the shared size
def test_both_together_after_two_doublings_doubles_both():
    q = chat("If we double the Social budget, how much more sales we will get?", "And for Digital?", "And both together?")[-1]
    assert q.intent is Intent.SCENARIO
    assert q.changes == (("Social", 100.0), ("Digital", 100.0))
    assert q.percentage == 100.0


def test_both_together_of_two_sizes_has_no_single_percentage():
    q = chat("cut TV by 10%", "cut Radio by 20%", "both together?")[-1]
    assert q.changes == (("TV", -10.0), ("Radio", -20.0))
    assert q.percentage is None


# ------------------------------------------------------------------ "20% less than that" after a stated budget
@pytest.mark.parametrize("first, follow, expected", [
    ("We have $45k a week. What's the best split?", "What if it's 20% less than that?", ("rate", 36000.0, "week")),
    ("We have $45k a week. What's the best split?", "what about 10% more?", ("rate", 49500.0, "week")),
    ("split $2M", "and 10% more?", ("total", 2200000.0, None)),
    ("where should the next $500k go", "what if it were 50% more", ("increment", 750000.0, None)),
])
def test_a_share_more_or_less_than_the_last_budget_keeps_its_kind(first, follow, expected):
    q = chat(first, follow)[-1]
    assert q.intent is Intent.OPTIMIZATION
    assert basis(q) == expected


def test_a_channel_cut_after_a_plan_is_still_a_what_if():
    q = chat("We have $45k a week. What's the best split?", "cut TV by 20%?")[-1]
    assert q.intent is Intent.SCENARIO and q.changes == (("TV", -20.0),)


# ------------------------------------------------------------------ a quarter said without a year after one with a year
@pytest.mark.parametrize("first, follow, index, year", [
    ("How was the sales in the Q4 of 2023?", "And the Q3?", 3, 2023),
    ("how did we do in Q1 2024", "and Q2?", 2, 2024),
    ("sales in March 2022?", "and in May?", 5, 2022),
])
def test_a_period_without_a_year_takes_the_last_questions_year(first, follow, index, year):
    q = chat(first, follow)[-1]
    assert q.period is not None and (q.period.index, q.period.year) == (index, year)


def test_a_window_without_a_year_takes_the_last_what_ifs_year():
    q = chat("pause TV in Q4 2023", "and in Q2?")[-1]
    assert q.window is not None and q.window.period is not None
    assert (q.window.period.index, q.window.period.year) == (2, 2023)


def test_a_period_after_a_relative_one_stays_unanchored():
    q = chat("sales last quarter?", "and Q3?")[-1]
    assert q.period is not None and (q.period.index, q.period.year) == (3, None)


# ------------------------------------------------------------------ the platform whose return is disputed names its channel
@pytest.mark.parametrize("question", [
    "Meta's dashboard says Instagram returned 5x but your model shows about 1.8x. Which number do I take to the CFO?",
    "Meta's dashboard says 4.2x ROAS on Instagram, your model says 1.6x. Which one is right?",
    "Facebook Ads Manager says the ROI of Instagram is 5x, your model says 2x. Why the difference?",
])
def test_a_platforms_disputed_return_names_its_channel(question):
    q = one(question)
    assert q.intent is Intent.UNKNOWN and q.limit is not None
    assert q.channels == ("Social",)


@pytest.mark.parametrize("question", ["Meta says our ROAS is 4.2x and you're telling me 1.5x. Who's right?",
                                      "Facebook is saying ROAS 4.2 but your model is saying 1.5, why is different?",
                                      "Can you plug into our Google Analytics?", "How should we bid on Google?"])
def test_a_platform_speaking_or_used_as_a_tool_names_no_channel(question):
    q = one(question)
    assert q.intent is Intent.UNKNOWN
    assert q.channels == ()


# ------------------------------------------------------------------ one amount offered to a list of channels joined by "or"
@pytest.mark.parametrize("question, channels, amount", [
    ("The next one million dollars, is better to give it to Digital, to Social or to TV?", ("Digital", "Social", "TV"), 1e6),
    ("Should the next $250k go into TV or into Social?", ("TV", "Social"), 250000.0),
    ("an extra 100k: Radio, Print or Digital?", ("Radio", "Print", "Digital"), 100000.0),
])
def test_an_amount_offered_to_channels_listed_with_or_is_a_side_each(question, channels, amount):
    q = one(question)
    assert q.intent is Intent.SCENARIO
    assert tuple(a.amounts for a in q.scenarios) == tuple(((c, amount),) for c in channels)


def test_a_move_to_one_channel_or_another_stays_a_move_each():
    q = one("move $100k from TV to Radio or Print")
    assert [(a.shift.from_channel, a.shift.to_channel) for a in q.scenarios] == [("TV", "Radio"), ("TV", "Print")]


# ------------------------------------------------------------------ "does this cover X": "this" is the tool
def test_does_this_cover_a_channel_is_its_own_question():
    q = chat("tv roi?", "how bout if we cut it 10%", "does this cover tiktok at all")[-1]
    assert q.source == "rules"
    assert q.unknown_channels == ("TikTok",) and q.channels == ()
