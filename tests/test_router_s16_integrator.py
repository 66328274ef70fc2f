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
