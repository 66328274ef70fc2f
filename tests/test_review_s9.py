"""Defects a new user found in the session-9 review (an analyst's own export, board questions, a 15-turn chat,
bad input): each test failed before its fix."""
from __future__ import annotations

import hashlib

import pytest

from assistant.answers.dispatch import ask
from tests.helpers import session_for


@pytest.fixture()
def charted(sample_fit, tmp_path):
    return session_for(sample_fit, tmp_path, charts=True)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- every chat turn keeps its own chart files
def test_two_plans_in_one_chat_keep_their_own_chart_files(charted):
    """ "Split $10M next year" then "same budget as today instead?" both said `Chart: outputs/08_reallocation.png`:
    the second answer redrew the first's file, so the first answer's chart showed the second plan."""
    first = ask(charted, "how should we split $10M next year?")
    (first_png,) = first.chart_paths
    before = _digest(first_png)
    second = ask(charted, "what about the same budget as today instead?")
    (second_png,) = second.chart_paths
    assert first_png.name == "08_reallocation.png"        # the first keeps the demo's name
    assert second_png.name == "08_reallocation_2.png"
    assert second_png.exists() and _digest(first_png) == before   # the first answer's chart is untouched
    assert _digest(second_png) != before                  # and the second is its own plan's picture


def test_chart_names_stay_unique_across_reset(charted):
    """`reset` forgets the conversation, not the files the earlier answers named."""
    a = ask(charted, "What if we cut TV by 20%?").chart_paths
    charted.reset()
    b = ask(charted, "What if we cut Radio by 20%?").chart_paths
    c = ask(charted, "What if we cut Print by 50%?").chart_paths
    names = [p.name for p in (*a, *b, *c)]
    assert names == ["07_what_if.png", "07_what_if_2.png", "07_what_if_3.png"]
    assert all(p.exists() for p in (*a, *b, *c))
