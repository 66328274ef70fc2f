"""Fifteenth session, router: the fourteenth's named router gaps and the new families of router_probe_s15.jsonl, read
generally (the paraphrases below were not in the probe), and the answers that use the new readings. Every test but
the guards marked as such fails on 3e4e408 (26 of 33; the one-rate guard fails there only for want of the new field)."""
from __future__ import annotations

import pytest

from assistant.answers.dispatch import ask
from router import Intent, route
from tests.helpers import last_reading, session_for


@pytest.fixture(scope="module")
def sample_session(sample_fit, tmp_path_factory):
    return session_for(sample_fit, tmp_path_factory.mktemp("router_s15"))


def _spend(reply):
    return {c: v["delta_spend"] for c, v in reply.data["channels"].items()}


# ---------------------------------------------------------------- a move to several receivers beside another change
@pytest.mark.parametrize("text, source, receivers, size, other", [
    ("Shift 20% of Radio into Digital and Social, and trim TV by 5%.", "Radio", ("Digital", "Social"), 20.0, ("TV", -5.0)),
    ("Reallocate 15% of Print to Social and Radio; also raise Digital 10%.", "Print", ("Social", "Radio"), 15.0,
     ("Digital", 10.0)),
])
def test_a_channel_outside_a_move_to_several_receivers_keeps_its_own_change(text, source, receivers, size, other):
    q = route(text)
    assert q.shift is not None and (q.shift.from_channel, q.shift.to_channel, *q.shift.also_to) == (source, *receivers)
    assert q.shift.percentage == size and dict(q.changes) == {source: -size, other[0]: other[1]}


# ---------------------------------------------------------------- each amount at its own rate
@pytest.mark.parametrize("text, amounts, rates", [
    ("What if Radio got $40k a week more and Print $600k a year more?", {"Radio": 40000.0, "Print": 600000.0},
     {"Radio": "week", "Print": "year"}),
    ("Put $10k a week into Social and $90k a month into Digital.", {"Social": 10000.0, "Digital": 90000.0},
     {"Social": "week", "Digital": "month"}),
    ("Model +$15k per week on TV alongside +$200k per quarter on Radio.", {"TV": 15000.0, "Radio": 800000.0},
     {"TV": "week", "Radio": "year"}),   # a quarter's money is four of them a year
    ("put $70k into TV and $300k into Radio", {"TV": 70000.0, "Radio": 300000.0}, {}),   # was a move Radio -> TV
])
def test_each_amount_keeps_its_own_rate(text, amounts, rates):
    q = route(text)
    assert q.intent is Intent.SCENARIO and q.shift is None and q.budget is None
    assert dict(q.amounts) == pytest.approx(amounts) and dict(q.amounts_per) == rates


def test_one_rate_for_every_amount_stays_the_readings_one_rate():
    """Guard: "$20k a week each" is one rate, said once (`amount_per`), as before."""
    q = route("Add $20k a week to TV and Radio each.")
    assert dict(q.amounts) == {"TV": 20000.0, "Radio": 20000.0} and q.amount_per == "week" and q.amounts_per == ()


def test_each_amount_is_spread_at_its_own_rate_in_the_answer(sample_session):
    """End to end over the default 52 weeks (the sample is in $000s): $40k a week is $2.08M, $1.5M a year is $1.5M
    (read at one rate both were $2.08M and $78M)."""
    reply = ask(sample_session, "What if we put $40k a week into TV and $1.5M over the year into Radio?")
    assert _spend(reply) == pytest.approx({"TV": 2080.0, "Radio": 1500.0})
    assert reply.routed.describe().startswith("what-if · TV, Radio · TV +$40,000 a week, Radio +$1,500,000 a year")


@pytest.mark.parametrize("text, channel, weekly", [("What if we trimmed Radio by $3k a day?", "Radio", -21000.0),
                                                    ("digital +1.5k/day", "Digital", 10500.0)])
def test_a_days_rate_is_seven_a_week(text, channel, weekly):
    q = route(text)
    assert q.channels == (channel,) and q.amount == pytest.approx(weekly) and q.amount_per == "week"


# ---------------------------------------------------------------- a channel waved away before the question
@pytest.mark.parametrize("turns, channel, size", [
    (("What if we cut TV by 20%?", "Not the TV one: what if we boost Social by 15%?"), "Social", 15.0),
    (("Model a 10% cut to Print.", "Forget Print. What would a 10% increase in Digital do?"), "Digital", 10.0),
    (("radio -15%", "nah not radio. tv -15%"), "TV", -15.0),
])
def test_a_channel_waved_away_takes_no_part_in_the_question(turns, channel, size):
    q = last_reading(*turns)
    assert q.channels == (channel,) and q.changes == ((channel, size),)


def test_a_remark_before_a_question_is_not_a_channel():
    """Guard: "Not sure. Cut TV by 10%?" waves away no channel; the question is read whole as before."""
    q = last_reading("What is the ROI of Radio?", "Not sure. Cut TV by 10%?")
    assert q.channels == ("TV",) and q.changes == (("TV", -10.0),)


# ---------------------------------------------------------------- the ask after the scene
@pytest.mark.parametrize("text, channel, size", [
    ("Is Digital better than the other channels? Reduce Print by 25%.", "Print", -25.0),
    ("Radio has always been the CEO's favourite channel. Still, what happens if we raise Social by 20%?", "Social", 20.0),
])
def test_a_what_if_said_whole_in_the_last_sentence_is_the_question(text, channel, size):
    q = route(text)
    assert q.intent is Intent.SCENARIO and q.channels == (channel,) and q.changes == ((channel, size),)


def test_a_channel_figure_asked_after_statements_is_that_question_alone():
    q = route("Context: TV costs rose 12% and Radio doubled last year. My question is: what is Radio's ROI?")
    assert q.intent is Intent.ROI and q.channels == ("Radio",) and q.changes == ()


def test_a_ranking_after_a_story_ranks_every_channel():
    q = route("My old boss swore by Print. I am not convinced. Which channel has the best ROI?")
    assert q.intent is Intent.ROI and q.channels == ()


@pytest.mark.parametrize("text, changes", [
    ("Cut TV by 10%. Radio -5%.", {"TV": -10.0, "Radio": -5.0}),          # the sentence before makes its own change
    ("We spend too much on TV. What if we cut it by 10%?", {"TV": -10.0}),  # the last sentence refers back
    ("What if we cut TV by 10%? Also cut Radio by 5%.", {"TV": -10.0, "Radio": -5.0}),   # adds to what came before
])
def test_sentences_that_belong_together_are_read_whole(text, changes):
    """Guards: the last sentence is not read alone when it refers back, adds to, or follows a change of its own."""
    assert dict(route(text).changes) == changes


def test_an_abbreviation_does_not_end_a_sentence():
    """Guard (blind10): "i.e." inside a question is no sentence end; the question is the share of baseline."""
    assert route("What share of revenue is baseline, i.e. sales we'd get with zero media?").intent is Intent.CONTRIBUTION


# ---------------------------------------------------------------- a range of sizes: both ends compared
@pytest.mark.parametrize("text, channel, ends", [
    ("What if we trimmed Print by somewhere between 10 and 30%?", "Print", (-10.0, -30.0)),
    ("Social +15-25%: what do we get?", "Social", (15.0, 25.0)),
    ("raise tv 5 or 10 percent?", "TV", (5.0, 10.0)),
])
def test_a_range_compares_its_two_ends(text, channel, ends):
    q = route(text)
    assert q.intent is Intent.SCENARIO and [dict(a.changes) for a in q.scenarios] == [{channel: e} for e in ends]


def test_a_size_changed_from_one_to_another_is_no_range():
    """Guard: "from 20% to 10%" spans nothing (the second end is smaller)."""
    assert route("Cut TV from 20% to 10%").scenarios == ()


def test_a_range_is_answered_as_a_comparison_of_its_ends(sample_session):
    reply = ask(sample_session, "What if we trimmed Print by somewhere between 10 and 30%?")
    assert [s["label"] for s in reply.data["scenarios"]] == ["Print −10%", "Print −30%"]
    small, large = reply.data["scenarios"]
    assert large["delta_spend"] == pytest.approx(3 * small["delta_spend"])


# ---------------------------------------------------------------- money in words
@pytest.mark.parametrize("text, amount", [("Split three and a half million across the media.", 3_500_000.0),
                                          ("Plan 1 and a half million for next year.", 1_500_000.0)])
def test_and_a_half_is_half_the_scale_word(text, amount):
    q = route(text)
    assert q.budget is not None and q.budget.amount == pytest.approx(amount)


# ---------------------------------------------------------------- follow-ups: a new amount, a swapped channel
def test_the_same_what_if_at_a_new_amount():
    q = last_reading("What if we spend an extra $150k on Radio?", "Same again with $250k.")
    assert q.intent is Intent.SCENARIO and q.channels == ("Radio",) and q.amount == 250000.0 and q.budget is None


def test_a_move_from_another_channel_instead():
    q = last_reading("Move $250k from Print to Social.", "Make it from Radio instead of Print.")
    assert q.shift is not None and (q.shift.from_channel, q.shift.to_channel, q.shift.amount) == ("Radio", "Social", 250000.0)


# ---------------------------------------------------------------- acknowledgements, counts
def test_a_soft_lead_before_now_opens_a_new_question():
    """Guard for the merge of context._THANKS into SOFT_LEADS: "Alright. Now tell me how…" borrows nothing."""
    q = last_reading("What is the ROI of TV?", "Alright. Now tell me how sales are trending.")
    assert q.intent is Intent.TREND and q.channels == () and q.source == "rules"


def test_one_before_its_noun_is_a_count():
    q = last_reading("What is the ROI of TV?", "Give me one tip about copywriting.")
    assert q.channels == () and q.source == "rules"
