"""Classes still misread after the first fourth-session pass (issue 12): periods named together, a ROAS floor said as
"until we make less than $X per dollar", one channel at a rate or a cap with no plan, moving spend in time, a move to
two receivers or sized by the receiver, money on top of a channel inside a plan, what the next money buys.

Each class is tested with variations and with the readings its rule must leave alone.
"""
from __future__ import annotations

import pytest

from router import Intent
from tests.helpers import route_chat as ask
from tests.helpers import route_one as one


# ------------------------------------------------------------------ periods named together are one window
@pytest.mark.parametrize("question, labels", [
    ("what if we pause TV in Jan and Feb", ["January", "February"]),
    ("go dark on print in June, July and August", ["June", "July", "August"]),
    ("cut Radio 10% from Q2 through Q4", ["Q2", "Q3", "Q4"]),
    ("what if we had cut TV 20% in Nov and Dec 2023", ["November 2023", "December 2023"]),
    ("what if TV was cut 10% in Q4 2023 and Q1 2024", ["Q4 2023", "Q1 2024"]),
    ("pause TV in Jan, Feb and Mar", ["January", "February", "March"]),
    ("cut radio 10% march through june", ["March", "April", "May", "June"]),
    ("pause TV Jan-Feb", ["January", "February"]),
])
def test_a_what_if_over_periods_named_together_changes_all_of_them(question, labels):
    q = one(question)
    assert q.intent is Intent.SCENARIO and q.window is not None
    assert [p.label for p in (q.window.period, *q.window.also)] == labels


@pytest.mark.parametrize("question", ["cut TV in Q4", "what if we stop TV in Q1 and Radio in Q3",
                                      "compare cutting TV in Q1 vs Q3"])
def test_one_period_or_periods_that_belong_to_different_changes_stay_one_window(question):
    q = one(question)
    assert q.window is None or q.window.also == ()


@pytest.mark.parametrize("question, weeks", [("split $2M over Q1 and Q2", 26), ("split $2M in Q1", 13)])
def test_a_plan_over_periods_named_together_spans_all_of_them(question, weeks):
    assert one(question).horizon == weeks


def test_an_ambiguous_month_word_alone_is_not_a_month():
    assert one("I may cut TV").window is None


def test_a_window_of_several_periods_is_described_as_one_window():
    assert one("turn off TV for Jan and Feb").describe().endswith("over January and February")


def test_the_window_of_several_periods_is_in_json_with_its_label():
    w = one("pause TV in Jan and Feb").to_json_fields()["window"]
    assert w["label"] == "January and February" and [p["index"] for p in w["also"]] == [2]


# ------------------------------------------------------------------ a ROAS floor said as what a dollar still makes
@pytest.mark.parametrize("question, roas", [
    ("how much budget until we make less than $1.2 per dollar", 1.2),
    ("how far can we push spend until ROAS drops below 1.5?", 1.5),
    ("max budget before ROI falls under 2x", 2.0),
    ("what is the most we can spend while each dollar still returns $1.50", 1.5),
    ("how much budget until returns dip below $1.3 per dollar", 1.3),
    ("At what total budget does each extra dollar return less than $1.10?", 1.1),
    ("what is the max we can spend while ROI stays above 2", 2.0),
    ("largest budget keeping every dollar returning at least $1.40", 1.4),
])
def test_spending_until_a_dollar_returns_less_than_x_is_a_roas_goal(question, roas):
    q = one(question)
    assert q.intent is Intent.OPTIMIZATION and q.budget is None
    assert q.goal is not None and (q.goal.kind, q.goal.value) == ("reach_roas", roas)


@pytest.mark.parametrize("question", ["split $1.2M", "how much should we spend on TV"])
def test_a_budget_without_a_return_floor_has_no_roas_goal(question):
    assert one(question).goal is None


# ------------------------------------------------------------------ one channel at a rate or a cap, no plan
@pytest.mark.parametrize("question, channel, amount, per", [
    ("turn Print back on at 50k/month", "Print", 50_000, "month"),
    ("bring Print back at 30k per month", "Print", 30_000, "month"),
    ("restart radio at 40k monthly", "Radio", 40_000, "month"),
    ("print back on @ 20k/wk?", "Print", 20_000, "week"),
    ("what if Radio ran at $20k a week", "Radio", 20_000, "week"),
    ("Social capped at 100k a month", "Social", 100_000, "month"),
])
def test_one_channel_at_a_rate_without_a_plan_is_a_level_what_if(question, channel, amount, per):
    q = one(question)
    assert q.intent is Intent.SCENARIO and q.level and q.channels == (channel,)
    assert (q.amount, q.amount_per) == (amount, per)
    assert q.budget is None and not q.constraints and q.window is None


@pytest.mark.parametrize("question", ["Social capped at $100k a month in the plan",
                                      "Digital capped at 300k, how should we split $2M?",
                                      "TV must get at least $1M"])
def test_a_cap_in_a_plan_or_a_floor_stays_a_bound(question):
    q = one(question)
    assert q.intent is Intent.OPTIMIZATION and q.constraints and not q.level


def test_a_cap_after_a_plan_bounds_that_plan():
    _, capped = ask("split 1M", "and what if Social is capped at 100k?")
    assert capped.intent is Intent.OPTIMIZATION
    assert [(c.channel, c.kind, c.amount) for c in capped.constraints] == [("Social", "max", 100_000)]


# ------------------------------------------------------------------ moving spend in time is a named limit
@pytest.mark.parametrize("question", [
    "delay TV by a month", "move the Q4 TV budget into Q3", "what if we push the TV flight back two weeks",
    "bring Social spend forward to Q2", "front-load Digital in H1", "shift Radio money from summer to winter",
    "run TV two weeks earlier", "postpone the print campaign until January", "move Q4 TV into Q1 next year",
    "What if we shift 10% of TV spend into Q2?", "move budget from Q4 to Q1", "push the Q4 TV flight into January",
])
def test_moving_spend_in_time_is_the_timing_limit(question):
    q = one(question)
    assert q.intent is Intent.UNKNOWN and q.limit is not None and q.limit.kind == "timing"


@pytest.mark.parametrize("question", ["delay the board pack until Friday", "can we push back on the TV recommendation?"])
def test_timing_words_not_about_spend_are_not_the_timing_limit(question):
    assert one(question).limit is None


@pytest.mark.parametrize("question", ["move 20% of TV to Digital in Q4", "shift budget from TV to Radio in Q3",
                                      "what if we move TV spend from Q4 to Digital", "what if we cut TV in Q4"])
def test_a_move_between_channels_inside_a_window_is_not_a_timing_move(question):
    q = one(question)
    assert q.intent is Intent.SCENARIO and q.limit is None


# ------------------------------------------------------------------ a move to two receivers
@pytest.mark.parametrize("question, source, receivers, pct, amount", [
    ("move half of Print to Social and the other half to Digital", "Print", ("Social", "Digital"), 100.0, None),
    ("move 20% of TV into Radio and Social", "TV", ("Radio", "Social"), 20.0, None),
    ("shift $200k from TV evenly between Digital and Social", "TV", ("Digital", "Social"), None, 200_000),
    ("take 30% out of Print and split it between Social and Digital", "Print", ("Social", "Digital"), 30.0, None),
    ("Move half of Print into Digital and half into Social - what happens?", "Print", ("Digital", "Social"), 100.0, None),
    ("take 40% of Radio and give half to Social, half to Digital", "Radio", ("Social", "Digital"), 40.0, None),
    ("cut Print 30% and put half into Social and the other half into Digital", "Print", ("Social", "Digital"), 30.0, None),
    ("split TV's cut between Radio and Social", "TV", ("Radio", "Social"), None, None),
])
def test_a_move_to_two_receivers_keeps_both(question, source, receivers, pct, amount):
    q = one(question)
    s = q.shift
    assert q.intent is Intent.SCENARIO and s is not None
    assert (s.from_channel, (s.to_channel, *s.also_to), s.percentage, s.amount) == (source, receivers, pct, amount)
    assert dict(q.changes) == ({source: -pct} if pct is not None else {})


@pytest.mark.parametrize("question", ["move 20% of TV to Digital", "cut TV and Radio by 10%"])
def test_one_receiver_or_two_cuts_are_not_a_split(question):
    q = one(question)
    assert q.shift is None or q.shift.also_to == ()


def test_unequal_parts_are_not_an_equal_split():
    """Fifth session: unequal parts are kept as parts (Shift.shares), not an equal split (tests/test_router_probe5.py)."""
    s = one("move 30% of TV to Radio and 20% to Social").shift
    assert s is not None and s.shares == (0.6, 0.4)


# ------------------------------------------------------------------ a move sized by what the receiver gains
@pytest.mark.parametrize("question, source, target, to_pct, amount", [
    ("what if we cut TV to fund a 20% increase in social", "TV", "Social", 20.0, None),
    ("raise Social 20%, funded by TV", "TV", "Social", 20.0, None),
    ("Fund a 10% lift in Digital by trimming Radio - net effect?", "Radio", "Digital", 10.0, None),
    ("increase Social 15% and take the money from TV", "TV", "Social", 15.0, None),
    ("cut Radio to pay for a $50k boost to Digital", "Radio", "Digital", None, 50_000),
    ("increase Social by the same amount we cut from Print", "Print", "Social", None, None),
])
def test_a_move_sized_by_the_receiver(question, source, target, to_pct, amount):
    q = one(question)
    s = q.shift
    assert q.intent is Intent.SCENARIO and s is not None
    assert (s.from_channel, s.to_channel, s.to_percentage, s.amount, s.percentage) == (source, target, to_pct, amount, None)
    assert dict(q.changes) == ({target: to_pct} if to_pct is not None else {})   # the one change the question sizes


def test_the_shift_json_carries_the_receiver_size_and_the_other_receivers():
    s = one("what if we cut TV to fund a 20% increase in social").to_json_fields()["shift"]
    assert s["to_percentage"] == 20.0 and s["also_to"] == []


# ------------------------------------------------------------------ money on top of a channel inside a plan
@pytest.mark.parametrize("question, channel, amount, budget", [
    ("split $2M with $500k more on TV", "TV", 500_000, 2_000_000),
    ("split $2M with $500k more on TV than today", "TV", 500_000, 2_000_000),
    ("allocate a $3M budget, giving Digital an extra $200k", "Digital", 200_000, 3_000_000),
    ("how should we allocate $1M with 100k extra for Social", "Social", 100_000, 1_000_000),
])
def test_money_on_top_of_a_channel_in_a_plan_is_a_floor_over_today(question, channel, amount, budget):
    q = one(question)
    assert q.intent is Intent.OPTIMIZATION and q.budget is not None and q.budget.amount == budget
    assert [(c.channel, c.kind, c.amount, c.over_today) for c in q.constraints] == [(channel, "min", amount, True)]


@pytest.mark.parametrize("question", ["$500k more on TV", "give TV an extra 100k"])
def test_money_on_a_channel_without_a_plan_stays_its_what_if(question):
    q = one(question)
    assert q.intent is Intent.SCENARIO and not q.constraints


def test_a_plain_floor_is_not_over_today():
    q = one("How should we split $2M? TV must get at least $500k")
    assert [(c.kind, c.amount, c.over_today) for c in q.constraints] == [("min", 500_000, False)]


# ------------------------------------------------------------------ what the next money buys
@pytest.mark.parametrize("question, channel, amount", [("What does an extra $10k in Social buy us?", "Social", 10000.0),
                                                       ("what would another 50k on TV get us", "TV", 50000.0)])
def test_what_extra_money_on_a_channel_buys_is_that_amounts_what_if(question, channel, amount):
    """Fifth session: the amount is answered (a what-if of that money on the channel), not the next dollar."""
    q = one(question)
    assert q.intent is Intent.SCENARIO and q.channels == (channel,) and q.amount == amount


@pytest.mark.parametrize("question", ["What does the next dollar in Social buy?", "What's the return on an extra $1 in Social?",
                                      "At our current TV level, what does one more dollar buy?"])
def test_what_the_next_dollar_buys_is_saturation(question):
    assert one(question).intent is Intent.SATURATION


@pytest.mark.parametrize("question, intent", [("what would an extra $100k on TV do?", Intent.SCENARIO),
                                              ("what if we spent an extra 100k on social", Intent.SCENARIO),
                                              ("What does $1M buy us across channels?", Intent.OPTIMIZATION)])
def test_a_change_or_a_plan_said_with_money_keeps_its_intent(question, intent):
    assert one(question).intent is intent


# ------------------------------------------------------------------ follow-ups keep the move's shape
def test_a_new_size_after_a_move_to_two_receivers_keeps_both():
    _, q = ask("move 20% of TV into Radio and Social", "what about 30%?")
    assert q.shift is not None and (q.shift.percentage, q.shift.to_channel, q.shift.also_to) == (30.0, "Radio", ("Social",))


def test_a_new_size_after_a_receiver_sized_move_is_the_receivers_new_rise():
    _, q = ask("what if we cut TV to fund a 20% increase in social", "and 30%?")
    assert q.shift is not None and (q.shift.to_percentage, q.shift.percentage) == (30.0, None)
    assert dict(q.changes) == {"Social": 30.0}
