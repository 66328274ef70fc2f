"""Sixteenth session, a meal-kit head of growth's review (tests/data/review_s16_*): the answers it scored wrong, each
read generally. Every test here fails at a2be46b but the guards (a keep with its own level, "in New York")."""
from __future__ import annotations

import pytest

from router import Conversation, Intent, route

MEALKIT = ("Paid Search", "Paid Social", "TV", "CTV", "Affiliates", "Influencers", "Podcasts", "Direct Mail")
MARKETS = ("New York", "Los Angeles", "Chicago", "Dallas", "Atlanta", "Seattle", "Denver", "Boston")


# ---------------------------------------------------------------- a channel said to stay is not changed with the others
@pytest.mark.parametrize("text, changes", [
    ("what if we stopped TV but kept CTV?", {"TV": -100.0}),
    ("What if we stop TV but keep CTV running?", {"TV": -100.0}),
    ("pause TV and Podcasts but keep Paid Social", {"TV": -100.0, "Podcasts": -100.0}),
    ("drop Direct Mail but not Affiliates", {"Direct Mail": -100.0}),
    ("kill influencers, keep podcasts", {"Influencers": -100.0}),
])
def test_a_kept_channel_is_not_stopped_with_the_one_before_it(text, changes):
    q = route(text, Conversation(channels=MEALKIT))
    assert q.intent is Intent.SCENARIO and dict(q.changes) == changes


def test_a_keep_with_its_own_level_is_still_a_plan_limit():
    q = route("keep TV at $500k and optimise the rest", Conversation(channels=MEALKIT))
    assert q.intent is Intent.OPTIMIZATION and not q.changes


# ---------------------------------------------------------------- a market named in two words is one market
@pytest.mark.parametrize("text, market", [
    ("what drove last quarter in Los Angeles?", "Los Angeles"),
    ("ROI of TV in New York", "New York"),
])
def test_a_two_word_market_is_not_also_an_unknown_one(text, market):
    q = route(text, Conversation(channels=MEALKIT, geos=MARKETS))
    assert q.geos == (market,) and q.unknown_geos == ()


def test_an_unknown_market_beside_a_two_word_one_is_still_named():
    q = route("ROI of TV in New York and Miami", Conversation(channels=MEALKIT, geos=MARKETS))
    assert q.geos == ("New York",) and q.unknown_geos == ("Miami",)
