"""The seventeenth session's integrator fixes, each a family read through paraphrases of his own."""

from __future__ import annotations

import pytest

from router import Intent, route
from router.context import Conversation


def _after(first: str, second: str):
    conv = Conversation()
    conv.remember(route(first, conv))
    return route(second, conv)


@pytest.mark.parametrize("second, amount", [
    ("And if we hold it flat at $5M instead?", 5e6),
    ("keep it at $6M in total", 6e6),
    ("ok, and holding the total at $4.5M?", 4.5e6),
])
def test_a_level_said_after_extra_money_is_the_whole_budget(second, amount):
    # after "where should the extra $1M go?", "hold it flat at $5M" plans $5M in all, not $5M more
    q = _after("Where should an extra $1M go?", second)
    assert q.intent is Intent.OPTIMIZATION
    assert (q.budget.kind, q.budget.amount) == ("total", amount)


@pytest.mark.parametrize("second, amount", [("and $2M?", 2e6), ("what about $750k?", 7.5e5)])
def test_a_bare_amount_after_extra_money_stays_extra(second, amount):
    q = _after("Where should an extra $1M go?", second)
    assert (q.budget.kind, q.budget.amount) == ("increment", amount)


def _ranked_conv() -> Conversation:
    conv = Conversation()
    conv.rankings = {"roi": ("Digital", "Social", "TV", "Radio", "Print")}
    return conv


@pytest.mark.parametrize("text", [
    "Pause TV for the best 4 weeks of Q4",
    "Put more money into the top 3 weeks of the year",
    "Pull the top 3 insights into a summary",
    "What's the best one can do with $1M more?",
    "Should we spend more in the best 2 quarters?",
    "Give me the best one-line summary",
])
def test_a_place_in_a_ranking_before_another_noun_names_no_channel(text):
    # (second pair of eyes) "the best 4 weeks", "the top 3 markets": the place qualifies weeks or markets, not channels
    conv = _ranked_conv()
    assert route(text, conv).channels == route(text).channels


@pytest.mark.parametrize("text, channels", [
    ("Move $100k from the weakest channel to the best one", ("Print", "Digital")),
    ("cut the bottom two by 10%", ("Radio", "Print")),
    ("What if we cut the weakest one by 30%?", ("Print",)),
])
def test_a_place_in_a_ranking_names_its_channels(text, channels):
    assert route(text, _ranked_conv()).channels == channels


@pytest.mark.parametrize("text", [
    "Is it better to cut TV 20%, or rather 10%?",
    "Should we cut TV, or rather Radio?",
    "Move 10% of TV to Radio, or rather to Social",
])
def test_or_rather_weighs_two_options(text):
    # (second pair of eyes) not an inline correction: both options are kept, as before the correction rule
    assert len(route(text).scenarios) == 2


def test_wait_in_time_keeps_the_cut():
    assert dict(route("Cut TV by 20%, wait 4 weeks, then what?").changes) == {"TV": -20.0}


def test_an_inline_correction_still_drops_the_slip():
    assert dict(route("cut TV, sorry, Radio, by 10%").changes) == {"Radio": -10.0}


@pytest.mark.parametrize("text, control", [
    ("What drove base sales in 2023?", ()),
    ("What base does the ROI use?", ()),
    ("What would a better offer do to sales?", ()),
    ("What did the product launch do?", ("product_launch",)),
    ("how much did the holidays add?", ("holiday_flag",)),
])
def test_a_control_is_named_by_a_word_of_its_own(text, control):
    # (second pair of eyes) "base" of base_rate_pct is a word questions use of sales: it names no column
    conv = Conversation()
    conv.controls = ("base_rate_pct", "competitor_switch_offer", "branch_count", "product_launch", "holiday_flag")
    assert route(text, conv).controls == control


@pytest.mark.parametrize("text, amount", [
    ("We have $8M for next year, up from $7.4M this year. Where should it go?", 8e6),
    ("Our budget is $7.2M, up from $6.5M. Where should it go?", 7.2e6),
])
def test_a_new_level_beside_the_old_one_is_the_budget_planned(text, amount):
    # (second pair of eyes) it was +$8M on top of today's spend, a $14.75M plan on the sample
    q = route(text)
    assert (q.budget.kind, q.budget.amount) == ("total", amount)


def test_the_extra_between_two_levels_is_still_the_difference():
    q = route("Next year's budget is $7.2M, up from $6.5M now. Where should the additional money go?")
    assert (q.budget.kind, q.budget.amount) == ("increment", 7e5)


@pytest.mark.parametrize("second", [
    "Other question: in general how accurate is the model?",
    "Okay, other question. How good is the model overall?",
    "Different subject - how reliable are these numbers overall?",
])
def test_a_new_subject_inherits_no_channel(second):
    # "other question" (a nonnative "another question") opens a question that stands alone
    q = _after("What is the ROI of Social?", second)
    assert q.intent is Intent.MODEL_QUALITY and q.channels == ()


@pytest.mark.parametrize("text", ["What if we cut TV 20% from next July?", "What if we cut TV 20% starting next July?",
                                  "Raise Digital 10% from this coming October"])
def test_a_start_with_next_or_this_runs_on(text):
    # (second pair of eyes) "from next July" was July alone: the word before the month says which one, not the span
    assert route(text).window.period.onwards


def test_next_july_alone_is_that_month():
    assert not route("cut TV 10% in next July").window.period.onwards
