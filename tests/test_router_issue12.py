"""Issue 12 at the router: budgets with rates and increments, windows, comparisons, clean context, limits."""
from __future__ import annotations

import pytest

from router import Conversation, Intent, route
from router.clarify import two_readings
from router.types import Budget, Window
from tests.helpers import SEED_CHANNELS as SEED
from tests.helpers import route_chat as ask


@pytest.mark.parametrize("question, budget", [
    ("Where should the next $1M go?", Budget("increment", 1e6)),
    ("Where should the next million dollars go?", Budget("increment", 1e6)),
    ("We've got an extra $500k to deploy. Best use?", Budget("increment", 5e5)),
    ("I have $50k/week. How should I split it?", Budget("rate", 5e4, "week")),
    ("Optimise my $180,000 monthly budget", Budget("rate", 1.8e5, "month")),
    ("Our media budget is $2M a year — how do we split it?", Budget("rate", 2e6, "year")),
    ("What's the optimal budget if I increase total spend by $10,000/month?", Budget("increment", 1e4, "month")),
    ("How should we split $2M?", Budget("total", 2e6)),
    ("Cut the total budget by 20% — how should we reallocate?", Budget("ratio", 0.8)),
    ("Same budget, better results — is it possible?", Budget("ratio", 1.0)),
    ("We must save 500k. Where do we cut with least pain?", Budget("increment", -5e5)),
    ("Plan for $1.2M per quarter", Budget("rate", 4.8e6, "year")),
])
def test_budget_basis(question, budget):
    q = route(question, Conversation(channels=SEED))
    assert q.intent is Intent.OPTIMIZATION
    assert q.budget == budget


def test_a_budget_is_not_read_into_a_channel_what_if():
    q = route("Add $500k to TV", Conversation(channels=SEED))
    assert q.intent is Intent.SCENARIO and q.budget is None and q.amount == 500000


@pytest.mark.parametrize("question, window", [
    ("Can we pause Vibe ads for 2 weeks without losing much?", Window(weeks=2)),
    ("go dark on radio for a month", Window(weeks=4)),
])
def test_time_bounded_changes_carry_their_window(question, window):
    q = route(question, Conversation(channels=("Vibe", "Radio", "TV")))
    assert q.intent is Intent.SCENARIO and q.window == window
    assert q.changes and q.changes[0][1] == -100.0


def test_a_calendar_window():
    q = route("double Search in December", Conversation(channels=("Search", "TV")))
    assert q.intent is Intent.SCENARIO and q.changes == (("Search", 100.0),)
    assert q.window is not None and q.window.label == "December"


def test_comparison_is_two_scenarios_not_both_at_once():
    q = route("Compare cutting Meta 50% vs adding 20% to Email", Conversation(channels=("Meta", "Email", "TV")))
    assert q.intent is Intent.SCENARIO
    assert [a.changes for a in q.scenarios] == [(("Meta", -50.0),), (("Email", 20.0),)]
    assert q.changes == () and q.percentage is None


def test_comparison_of_shifts_borrows_the_missing_parts():
    q = route("Which is better: shifting $250k from TV to Digital, or from Radio to Digital?",
              Conversation(channels=SEED))
    shifts = [(a.shift.from_channel, a.shift.to_channel, a.shift.amount) for a in q.scenarios]
    assert shifts == [("TV", "Digital", 250000.0), ("Radio", "Digital", 250000.0)]


def test_a_complete_question_never_inherits():
    cut, same = ask("What happens if we cut total budget by 20%?", "Same budget, better results — is it possible?")
    assert cut.percentage == -20.0
    assert same.source == "rules" and same.percentage is None and same.budget == Budget("ratio", 1.0)
    _, check = ask("Where should the next $1M go?", "Does this model make sense before I present it?")
    assert check.intent is Intent.MODEL_QUALITY and check.channels == () and check.changes == ()
    _, topic = ask("Run TV -25%.", "Separate question: what's the R² on this model?")
    assert topic.source == "rules" and topic.channels == ()


def test_elliptical_follow_ups_still_inherit():
    _, half = ask("Where should the next $1M go?", "what about half a million?")
    assert half.intent is Intent.OPTIMIZATION and half.budget == Budget("increment", 5e5)
    _, radio, more = ask("What if we cut TV by 20%?", "and radio?", "What about 30%?")
    assert radio.changes == (("Radio", -20.0),) and more.changes == (("Radio", -30.0),)
    _, _, both = ask("cut social 30%", "and radio?", "both together?")
    assert dict(both.changes) == {"Social": -30.0, "Radio": -30.0} and both.source == "context"


@pytest.mark.parametrize("question, kind", [
    ("Here's my Meta campaign export — can you prep it for MMM?", "file_preparation"),
    ("Can you clean up this CSV?", "file_preparation"),
    ("Meta says 4.2×, you say 1.5×, what's the $68k gap?", "platform_attribution"),
    ("Are we tracking to budget this month?", "budget_pacing"),
    ("Compare this model with the one we ran last quarter.", "model_versions"),
    ("Can you forecast next year's sales?", "forecasting"),
    ("Can you pull our spend from the Meta API?", "data_connection"),
    ("Why do Google and the model disagree about digital?", "platform_attribution"),
])
def test_requests_we_cannot_do_are_unknown_with_a_limit(question, kind):
    q = route(question, Conversation(channels=SEED))
    assert q.intent is Intent.UNKNOWN and q.limit is not None and q.limit.kind == kind
    assert q.budget is None and q.amount is None


def test_platform_claim_keeps_the_channel_for_the_nearest_answer():
    q = route("Meta says our ROAS is 4.2x and you're telling me 1.5x. Who's right?", Conversation(channels=SEED))
    assert q.limit.channels == ("Social",) and q.channels == ()


@pytest.mark.parametrize("question, intent", [
    ("Give me the Monday morning digest", Intent.SUMMARY),
    ("What are the top three things I should know?", Intent.SUMMARY),
    ("demo", Intent.SUMMARY),
    ("What's the R squared?", Intent.MODEL_QUALITY),
    ("Where should the next million dollars go?", Intent.OPTIMIZATION),
])
def test_phrasings_the_issue_names(question, intent):
    assert route(question, Conversation(channels=SEED)).intent is intent


@pytest.mark.parametrize("question", ["Next quarter, how should we allocate $600k?"])
def test_horizon_phrases(question):
    assert route(question, Conversation(channels=SEED)).horizon == 13
    assert route("For the whole period, what would be the best split of 10 million?",
                 Conversation(channels=SEED)).horizon == "all"


def test_unsure_reading_offers_two_questions_that_read_as_offered():
    q = route("whats up with radio and tv lately we are worried", Conversation(channels=SEED))
    assert q.confidence < 0.45 and len(q.readings) == 2
    for text in q.readings:
        again = route(text, Conversation(channels=SEED))
        assert again.confidence >= 0.45 and not again.readings


def test_every_offered_reading_routes_to_its_intent():
    for intent in Intent:
        if intent is Intent.UNKNOWN:
            continue
        scores = {i: 0.0 for i in Intent} | {intent: 5.0}
        (text,) = two_readings(scores, ("Radio",))
        assert route(text, Conversation(channels=SEED)).intent is intent, text


def test_a_confident_reading_explains_the_question():
    full = route("What is the ROI of TV?", Conversation(channels=SEED))
    padded = route("What is the ROI of TV amid zoomers dramaturgy philately?", Conversation(channels=SEED))
    assert full.intent is padded.intent is Intent.ROI and padded.confidence < full.confidence


def test_follow_ups_of_decisions():
    _, fixed = ask("Where should the next $1M go?", "what if we keep TV fixed?")
    assert fixed.intent is Intent.OPTIMIZATION and fixed.budget == Budget("increment", 1e6)
    assert [c.kind for c in fixed.constraints] == ["fixed"]
    _, bigger, both = ask("Compare cutting TV 10% vs cutting Radio 10%", "what about 20%?", "do both")
    assert [a.changes for a in bigger.scenarios] == [(("TV", -20.0),), (("Radio", -20.0),)]
    assert dict(both.changes) == {"TV": -20.0, "Radio": -20.0}
    _, longer = ask("pause radio for 2 weeks", "and 4 weeks?")
    assert longer.window == Window(weeks=4) and longer.changes == (("Radio", -100.0),)
    _, why = ask("Which channel has the best ROI?", "why?")
    assert why.intent is Intent.ROI and why.source == "context"


def test_next_quarter_on_a_what_if_is_a_horizon_not_a_window_in_the_data():
    q = ask("What if we cut TV by 20% next quarter?")[-1]
    assert q.intent is Intent.SCENARIO and q.changes == (("TV", -20.0),)
    assert q.horizon == 13 and q.window is None
    past = ask("What if we cut TV by 20% last quarter?")[-1]
    assert past.window is not None and past.window.period is not None and past.window.period.relative == "last"
