"""The sixteenth session's integrator fixes from router_blind19, each a family read through paraphrases of his own."""

from __future__ import annotations

import pytest

from router import Intent, route


@pytest.mark.parametrize("text, changes", [
    # a channel's own signed change, then a question about what it brings: not a sales-growth goal of that size
    ("Raise Social 10%. Incremental sales?", {"Social": 10.0}),
    ("Radio -10%, Social +10%. Incremental sales for each?", {"Radio": -10.0, "Social": 10.0}),
    ("TV +5%, Radio +10%. Additional revenue?", {"TV": 5.0, "Radio": 10.0}),
    ("Digital +20%. Extra sales from that?", {"Digital": 20.0}),
])
def test_a_channels_change_then_its_sales_is_a_what_if(text, changes):
    q = route(text)
    assert q.intent is Intent.SCENARIO
    assert dict(q.changes) == changes
    assert q.goal is None


def test_lettered_scenarios_keep_each_sign_before_a_sales_question():
    q = route("Scenario A: TV −10%, Digital +10%. Scenario B: Radio −10%, Social +10%. Incremental sales for each?")
    assert [dict(a.changes) for a in q.scenarios] == [{"TV": -10.0, "Digital": 10.0}, {"Radio": -10.0, "Social": 10.0}]


@pytest.mark.parametrize("text, value", [
    ("we want 10% more sales, what budget?", 10.0),    # guards: a growth target with no channel before it
    ("What budget gets us 5% more revenue?", 5.0),
])
def test_a_sales_growth_target_stays_a_goal(text, value):
    q = route(text)
    assert q.intent is Intent.OPTIMIZATION
    assert q.goal is not None and q.goal.kind == "grow_sales_pct" and q.goal.value == value


@pytest.mark.parametrize("text, channel, pct", [
    # the story's time is when the money was spent; the what-if's is the question's own (or the default horizon)
    ("We spent about $2M on TV last year. What happens if we cut it by a quarter next year?", "TV", -25.0),
    ("We spent $2M on Radio last year and I'm not sure it worked. What if we cut it by 10%?", "Radio", -10.0),
    ("Print ran hard last summer. What if we trim it 20%?", "Print", -20.0),
])
def test_a_storys_time_is_not_the_what_ifs_window(text, channel, pct):
    q = route(text)
    assert q.intent is Intent.SCENARIO
    assert dict(q.changes) == {channel: pct}
    assert q.window is None


@pytest.mark.parametrize("text, label", [
    # guards: the change is the scene's own wish, so its time is the what-if's; or the question names its own time
    ("For Q1 we would like to cut the digital 15%. What happen with the sales?", "Q1"),
    ("We spent $2M on TV in Q4 last year. What if we cut it by 10% in Q4?", "Q4 of last year"),
])
def test_a_wish_or_the_questions_own_time_keeps_its_window(text, label):
    q = route(text)
    assert q.window is not None and q.window.label == label


@pytest.mark.parametrize("text, amount", [
    # second pair of eyes: a range said of a channel beside the plan's own sum is a limit, never two budgets
    ("Both TV and Radio between $500k and $800k, plan a $5M budget", 5_000_000),
    ("Best split of $6M, with TV anywhere between $1M and $2M", 6_000_000),
    ("Split $5M keeping each channel between $200k and $1M", 5_000_000),
])
def test_a_range_beside_the_budget_is_not_two_plans(text, amount):
    q = route(text)
    assert q.intent is Intent.OPTIMIZATION
    assert q.budgets == ()
    assert q.budget is not None and q.budget.amount == amount


@pytest.mark.parametrize("text, intent", [
    # "at current total spend" keeps today's total only when a plan is asked for
    ("What's our ROI at current total spend?", Intent.ROI),
    ("Are we saturated at current total spend?", Intent.SATURATION),
    ("How much revenue do we make at current total spend?", Intent.CONTRIBUTION),
    ("What is the best mix at current total spend?", Intent.OPTIMIZATION),
])
def test_at_current_total_spend_is_a_plan_only_when_one_is_asked(text, intent):
    assert route(text).intent is intent


def test_a_channels_flexible_money_is_no_new_budget():
    q = route("What did our $2M of flexible spend on TV return?")
    assert q.intent is Intent.ROI and q.budget is None and q.channels == ("TV",)


@pytest.mark.parametrize("text", [
    # a sentence about the one before belongs to its ask: nothing is set aside
    "What if we move $500k from TV to Digital? Would that pay off?",
    "What if we cut TV by 20%? How sure are you about that?",
    "Cut Radio 10%. What does it do to sales?",
])
def test_a_follow_on_about_the_same_move_is_not_set_aside(text):
    q = route(text)
    assert q.intent is Intent.SCENARIO
    assert q.set_aside == ()


def test_a_fresh_ask_after_a_move_is_still_set_aside():
    assert route("Cut TV by 20%. Also, what is the ROI of Radio?").set_aside == ("What is the ROI of Radio?",)


@pytest.mark.parametrize("text, intent", [
    # the economy's forecast is no media question, but a rate control's effect is
    ("What's the interest rate outlook for next year?", Intent.UNKNOWN),
    ("Where are interest rates heading?", Intent.UNKNOWN),
    ("How much of sales is explained by interest rates?", Intent.CONTRIBUTION),
    ("What happens to TV's ROI in a recession?", Intent.ROI),
])
def test_only_a_forecast_of_the_economy_is_out_of_scope(text, intent):
    assert route(text).intent is intent


def test_a_loss_we_can_bear_beside_a_channels_change_stays_a_what_if():
    q = route("If Radio falls 10%, can we absorb 2% less revenue?")
    assert q.intent is Intent.SCENARIO and dict(q.changes) == {"Radio": -10.0} and q.goal is None
    plan = route("We could accept losing 3% of revenue, how much can we cut?")
    assert plan.goal is not None and plan.goal.kind == "keep_sales_within" and plan.goal.value == 3.0


@pytest.mark.parametrize("text, horizon", [
    # a start is no stretch: "from next month onwards" keeps the plan's default horizon (it was 4 weeks, and $5M
    # over 4 weeks was refused as 15.8x a month's spend); "next month" alone is still a month
    ("Plan $5M from next month onwards", None),
    ("How should we split $5M starting next month?", None),
    ("How should we split $5M next month?", 4),
])
def test_a_plan_from_a_start_keeps_its_horizon(text, horizon):
    q = route(text)
    assert q.intent is Intent.OPTIMIZATION and q.horizon == horizon


@pytest.mark.parametrize("text, changes", [
    # a channel said to stay is not stopped with the one before it (second pair of eyes: each was Radio -100%)
    ("Stop TV, but keep Radio in the mix", {"TV": -100.0}),
    ("Pause TV but keep spending on Radio", {"TV": -100.0}),
    ("Cut TV 10% and keep Radio and Digital", {"TV": -10.0}),
    ("Cut TV and Radio by 10%", {"TV": -10.0, "Radio": -10.0}),    # guard: no keep, both cut
])
def test_a_channel_kept_is_not_changed(text, changes):
    assert dict(route(text).changes) == changes


def test_a_budget_range_after_a_what_if_is_still_two_plans():
    """After "move $500k from TV to Digital", "Assume $5M–$6M for FY25. How should we split it?" read one $5M plan:
    the channels the follow-up took from the conversation counted as a channel the range was said of."""
    from router import Conversation

    conv = Conversation()
    conv.remember(route("What if we move $500k from TV to Digital?", conv))
    q = route("Assume $5M-$6M total for FY25. How should we split it?", conv)
    assert q.intent is Intent.OPTIMIZATION
    assert [b.amount for b in q.budgets] == [5_000_000, 6_000_000]


@pytest.mark.parametrize("text, low, high", [
    # a money range on one channel inside a plan is its floor and cap (the plan ignored it, saying nothing)
    ("Best split of $6M, with TV anywhere between $1M and $2M", 1_000_000, 2_000_000),
    ("Plan $4M; TV should end up between $1M and $1.5M", 1_000_000, 1_500_000),
])
def test_a_channels_money_range_in_a_plan_is_its_limits(text, low, high):
    q = route(text)
    assert q.intent is Intent.OPTIMIZATION
    assert [(c.channel, c.kind, c.amount) for c in q.constraints] == [("TV", "min", low), ("TV", "max", high)]
