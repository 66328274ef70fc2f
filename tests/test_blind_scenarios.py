"""The second blind set of hard decision scenarios (data/hard_scenarios_blind.py) builds what the
issue's classes promise, so `bench_decisions.py --module data.hard_scenarios_blind` scores them."""
from __future__ import annotations

import numpy as np
import pytest

from data.hard_scenarios_blind import HARD_CLASSES


@pytest.mark.parametrize("name", sorted(HARD_CLASSES))
def test_each_class_builds_a_business_per_seed(name):
    a, b = HARD_CLASSES[name](1), HARD_CLASSES[name](2)
    for s in (a, b):
        spend = np.asarray(s.dataset.spend, dtype=float)
        assert (np.asarray(s.dataset.sales) > 0).all() and (spend >= 0).all()
        assert float(s.truth.expected_sales(spend).sum()) > 0
    assert a.dataset.spend.shape != b.dataset.spend.shape or not np.allclose(a.dataset.spend, b.dataset.spend)


def test_the_classes_are_the_issues():
    assert set(HARD_CLASSES) == {"short_promos", "entangled", "noisy", "clean", "long_carryover", "deep_saturation"}
    short = HARD_CLASSES["short_promos"](3).dataset
    assert short.spend.shape == (104, 6)
    spend = np.asarray(HARD_CLASSES["entangled"](3).dataset.spend, dtype=float)
    corr = np.corrcoef(spend.T)
    assert (corr[np.triu_indices(len(corr), 1)] >= 0.9).any()   # one pair bought in the same flights
