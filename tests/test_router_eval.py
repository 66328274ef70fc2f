"""The evaluation sets, run as tests: the targets of the router issue, rules only."""

from __future__ import annotations

import pytest

from router.eval import FRESH_SET, HELDOUT_SET, MAIN_SET, load, run, summary


def test_main_set_is_big_and_covers_every_intent():
    cases = load(MAIN_SET)
    assert len(cases) >= 300
    from router import Intent
    assert {c["i"] for c in cases} == {i.value for i in Intent}
    assert sum("conv" in c for c in cases) >= 30


def test_main_set_accuracy():
    report = run(load(MAIN_SET), "main")
    print(summary(report))
    assert report.intent_accuracy >= 0.95
    assert report.entity_accuracy_nontrivial >= 0.95


@pytest.mark.skipif(not HELDOUT_SET.exists(), reason="held-out set not written yet")
def test_heldout_accuracy_floor():
    cases = load(HELDOUT_SET)
    assert len(cases) >= 60
    report = run(cases, "held-out")
    print(summary(report))
    assert report.intent_accuracy >= 0.85
    assert report.entity_accuracy_nontrivial >= 0.80


def test_fresh_set_never_tuned_on():
    """Questions written after all tuning: a floor, not a target (its figure is reported)."""
    cases = load(FRESH_SET)
    assert len(cases) >= 50
    report = run(cases, "fresh")
    print(summary(report))
    assert report.intent_accuracy >= 0.90
    assert report.entity_accuracy_nontrivial >= 0.85
