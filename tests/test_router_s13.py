"""The thirteenth session's router families (the last closing note's named gaps), each with paraphrases that are in
neither router_probe_s13.jsonl nor router_blind15.jsonl: the other channels given a size of their own, "how sure are
you?" after a what-if, profit-and-loss and ad-copy requests, limits said as fractions, a plan's unsigned cap, a channel
kept with a pronoun, a budget clawed back, one channel's rate today and a new rate, money added to one channel beside
a sizeless cut of another, options whose money is shared out, follow-ups sized in money and complete questions led by
"then"/"instead". Every case fails on the code before this session's changes (673547f); the guards say what must not
change with them."""
from __future__ import annotations

import pytest

from assistant.answers.dispatch import ask
from router import Conversation, Intent, route
from router.types import Constraint, Shift
from tests.helpers import last_reading, session_for


@pytest.mark.parametrize("question, changes", [
    ("Print -40%, everything else down 5%", {"Print": -40.0, "TV": -5.0, "Radio": -5.0, "Digital": -5.0, "Social": -5.0}),
    ("What if we raise Social 30% and cut all other channels by 10%?",
     {"Social": 30.0, "TV": -10.0, "Radio": -10.0, "Digital": -10.0, "Print": -10.0}),
    ("tv -15, the rest -5", {"TV": -15.0, "Radio": -5.0, "Digital": -5.0, "Print": -5.0, "Social": -5.0}),
], ids=["everything-else", "all-other-channels", "the-rest-terse"])
def test_the_other_channels_take_their_own_size(question, changes):
    q = route(question)
    assert q.intent is Intent.SCENARIO and dict(q.changes) == changes
    assert q.channels[0] == next(iter(changes)) and set(q.channels) == set(changes)


def test_the_others_held_are_still_not_changed():
    assert dict(route("Radio -20%, Social +35%, everything else at actuals").changes) == {"Radio": -20.0, "Social": 35.0}


@pytest.mark.parametrize("doubt", ["How sure can we be of that?", "can i trust that", "How reliable is this?"])
def test_how_sure_after_a_what_if_is_the_model_asked_of_that_answer(doubt):
    q = last_reading("What if we cut Digital by 30%?", doubt)
    assert q.intent is Intent.MODEL_QUALITY and q.channels == () and q.source == "context"


def test_a_complete_model_question_after_a_what_if_stays_its_own():
    q = last_reading("What if we cut Digital by 30%?", "What's the model's MAPE?")
    assert q.intent is Intent.MODEL_QUALITY and q.source == "rules"


@pytest.mark.parametrize("question, kind", [
    ("Project our EBITDA for next year.", "profit_and_loss"),
    ("What will operating margin be in Q3?", "profit_and_loss"),
    ("Write a jingle for the radio campaign.", "campaign_work"),
    ("Prepare a 15-second TV script for the launch.", "campaign_work"),
], ids=["ebitda", "operating-margin", "jingle", "tv-script"])
def test_profit_and_ad_copy_requests_are_limits(question, kind):
    q = route(question)
    assert q.intent is Intent.UNKNOWN and q.limit is not None and q.limit.kind == kind


def test_a_stated_margin_is_still_a_break_even_question():
    assert route("Which channels break even at a 30% gross margin?").limit is None


@pytest.mark.parametrize("question, bound", [
    ("Optimise the budget but don't let TV drop by more than a fifth.", Constraint("TV", "min", percentage=-20.0)),
    ("Reallocate; Radio shouldn't be cut by more than half.", Constraint("Radio", "min", percentage=-50.0)),
    ("Best split where Digital does not increase more than a tenth.", Constraint("Digital", "max", percentage=10.0)),
], ids=["a-fifth", "half", "a-tenth"])
def test_limits_said_as_fractions(question, bound):
    q = route(question)
    assert q.intent is Intent.OPTIMIZATION and q.constraints == (bound,)


@pytest.mark.parametrize("question, channel, cap", [
    ("rebalance the budget, Print cannot exceed 10%", "Print", 10.0),
    ("Optimise the mix with Social capped at 35%.", "Social", 35.0),
    ("Reallocate spend, but TV may not go above 20%.", "TV", 20.0),
], ids=["cannot-exceed", "capped-at", "may-not-go-above"])
def test_a_plans_unsigned_cap_is_at_most_that_much_above_today(question, channel, cap):
    q = route(question)
    assert q.intent is Intent.OPTIMIZATION and q.constraints == (Constraint(channel, "max", percentage=cap),)
    assert not q.changes


@pytest.mark.parametrize("question, channel", [
    ("Optimise the budget; Radio is sacred, do not touch it.", "Radio"),
    ("Re-split spend across channels. Print is protected, keep it where it is.", "Print"),
    ("Rebalance the mix. Social we cannot change, it is locked in.", "Social"),
], ids=["sacred", "protected-keep-it", "we-cannot-change"])
def test_a_channel_kept_with_a_pronoun_is_fixed(question, channel):
    q = route(question)
    assert q.intent is Intent.OPTIMIZATION and q.constraints == (Constraint(channel, "fixed"),)


def test_a_plan_over_the_whole_mix_names_the_channels_it_bounds():
    q = route("How should we rebalance spend across TV, radio, digital, print and social? Keep TV as it is.")
    assert q.intent is Intent.OPTIMIZATION and q.channels == ("TV",) and q.shift is None


@pytest.mark.parametrize("question, ratio", [
    ("Finance is clawing back 20% of the budget; how do we re-split what's left?", 0.8),
    ("If we hand 10% of the budget back to the CFO, what's the best mix of the remainder?", 0.9),
    ("They are taking back 15% of our budget. I'd rather not trim every channel equally. Best split of the rest?", 0.85),
], ids=["clawing-back", "hand-back", "not-every-channel"])
def test_a_budget_taken_back_is_a_smaller_plan(question, ratio):
    q = route(question)
    assert q.intent is Intent.OPTIMIZATION and q.budget is not None and (q.budget.kind, q.budget.amount) == ("ratio", ratio)
    assert not q.changes


@pytest.mark.parametrize("question, channel, pct", [
    ("We run Social at $30k a week; what if that went to $45k a week?", "Social", 50.0),
    ("Radio is 50k a month right now. Model it at 40k a month.", "Radio", -20.0),
], ids=["weekly-up", "monthly-down"])
def test_one_channels_rate_today_and_a_new_rate_is_its_what_if(question, channel, pct):
    q = route(question)
    assert q.intent is Intent.SCENARIO and dict(q.changes) == {channel: pct} and q.budget is None


def test_a_new_rate_of_the_whole_media_is_still_a_plan():
    q = route("We spend $60k a week on media today; if that went to $75k a week, how should we split it?")
    assert q.intent is Intent.OPTIMIZATION and q.budget is not None
    assert (q.budget.kind, q.budget.amount, q.budget.per) == ("rate", 75000.0, "week")


def test_a_new_quarterly_rate_is_read_per_year():
    q = route("We spend $300k a quarter on media; if that went to $360k a quarter, how should it be split?")
    assert q.budget is not None and (q.budget.kind, q.budget.amount, q.budget.per) == ("rate", 1440000.0, "year")


@pytest.mark.parametrize("question, shift, period", [
    ("Add $100k to Digital and cut Radio in Q3.", Shift("Radio", "Digital", amount=100000.0), "Q3"),
    ("give tv 75k more, trim social this quarter", Shift("Social", "TV", amount=75000.0), "this quarter"),
], ids=["q3", "this-quarter-terse"])
def test_money_added_beside_a_sizeless_cut_moves_that_money(question, shift, period):
    q = route(question)
    assert q.intent is Intent.SCENARIO and q.shift == shift
    assert q.window is not None and q.window.period is not None and q.window.period.label == period


@pytest.mark.parametrize("question, second", [
    ("Option A: +$200k to TV. Option B: +$200k split evenly between Radio and Print. Which wins?",
     {"Radio": 100000.0, "Print": 100000.0}),
    ("(a) $600k more on Digital, (b) $600k shared equally by TV, Radio and Social. Better?",
     {"TV": 200000.0, "Radio": 200000.0, "Social": 200000.0}),
], ids=["split-evenly", "shared-equally-three"])
def test_an_option_whose_money_is_shared_out(question, second):
    q = route(question)
    assert q.intent is Intent.SCENARIO and len(q.scenarios) == 2
    assert dict(q.scenarios[1].amounts) == second


def test_a_new_money_size_keeps_the_cut_and_compares_with_the_last():
    conv = Conversation()
    for text in ("If we cut TV by $300k, what do we lose?", "What about $500k?"):
        q = route(text, conv)
        conv.remember(q)
    assert q.amount == -500000.0 and q.channels == ("TV",)
    q = route("Compare that with cutting Social by the same $500k.", conv)
    assert q.source == "context" and [dict(a.amounts) for a in q.scenarios] == [{"TV": -500000.0}, {"Social": -500000.0}]


@pytest.mark.parametrize("first, then", [
    ("What's TV's ROI?", "Then tell me the ROI of Print and Social both."),
    ("What if we cut Digital 10% for 6 weeks?", "What if instead we paused Print in October?"),
], ids=["then-roi", "instead-what-if"])
def test_a_complete_question_led_by_then_or_instead_borrows_nothing(first, then):
    assert last_reading(first, then).source == "rules"


def test_how_sure_after_a_what_if_quotes_that_answers_interval(sample_fit):
    session = session_for(sample_fit)
    what_if = ask(session, "What if we cut Digital by 30%?")
    doubt = ask(session, "How sure can we be of that?")
    last = doubt.data["last_answer"]
    assert doubt.intent == "model_quality"
    assert (last["delta_sales"], last["delta_sales_low"], last["delta_sales_high"]) == (
        what_if.data["delta_sales"], what_if.data["delta_sales_low"], what_if.data["delta_sales_high"])
    assert "The last answer (Digital −30%)" in doubt.facts[0]


def test_an_options_shared_money_is_each_channels_own(sample_fit):
    session = session_for(sample_fit)
    reply = ask(session, "Option A: trim TV by $400k. Option B: trim Radio and Social by $200k each. Which costs less?")
    second = reply.data["scenarios"][1]
    # the sample is in $000s: each channel of option B gives up its own $200k (it was $100k each, half the money)
    assert second["delta_spend"] == pytest.approx(-400.0)


def test_a_correction_moves_the_plans_limit_to_the_channel_meant():
    q = last_reading("Where should an extra $1M go?", "But Print shouldn't grow more than 10%.", "Sorry, I meant Social, not Print.")
    assert q.intent is Intent.OPTIMIZATION and q.constraints == (Constraint("Social", "max", percentage=10.0),)
    assert q.budget is not None and q.budget.amount == 1000000.0


def test_how_does_that_compare_with_takes_the_last_what_if_as_one_side():
    q = last_reading("Cut Radio 25% in Q3.", "How does that compare with just pausing Print?")
    assert q.source == "context" and [dict(a.changes) for a in q.scenarios] == [{"Radio": -25.0}, {"Print": -100.0}]


def test_one_report_is_a_count_not_the_last_answers_channel():
    q = last_reading("What's Print's ROI?", "OK, now can you make one deck for the board?")
    assert q.intent is Intent.REPORT and q.source == "rules" and q.channels == ()


@pytest.mark.parametrize("why", ["Why is it taking money away from Radio?", "how come the plan cuts Print so much?"])
def test_why_the_plan_moves_a_channel_explains_the_plan(why):
    q = last_reading("What's the best split of the same budget?", why)
    assert q.intent is Intent.OPTIMIZATION and q.focus == "why" and q.source == "context" and not q.changes


@pytest.mark.parametrize("question, kind, share", [
    ("rebalance the budget, Digital cannot exceed 20% of total spend", "max", 0.2),
    ("Optimise the mix with Social at least 15% of the budget.", "min", 0.15),
], ids=["cannot-exceed-share", "at-least-share"])
def test_a_share_of_the_budget_with_no_money_said_is_a_share_bound(question, kind, share):
    q = route(question)
    assert q.intent is Intent.OPTIMIZATION and q.constraints == (Constraint(q.constraints[0].channel, kind, share=share),)
    assert not q.changes and q.constraints[0].label().endswith(f"{share * 100:g}% of the budget")


def test_a_share_bound_holds_that_share_of_the_plans_budget(sample_fit):
    session = session_for(sample_fit)
    reply = ask(session, "Rebalance the budget with TV no more than 25% of the budget.")
    rows = reply.data["allocation"]
    total = sum(r["recommended"] for r in rows.values())
    assert rows["TV"]["recommended"] <= 0.25 * total + 1e-6 < rows["TV"]["current"]


@pytest.mark.parametrize("question", ["What if we instead cut all channels by 10%?", "rather than one line, cut every channel 10%"])
def test_every_channel_said_beside_instead_or_rather_is_still_every_channel(question):
    q = route(question)
    assert q.intent is Intent.SCENARIO and dict(q.changes) == {c: -10.0 for c in ("TV", "Radio", "Digital", "Print", "Social")}
