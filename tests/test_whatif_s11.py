"""Session 11, s11-whatif (issue 10 items 1 and 4): intervals that hold what the data cannot pin.

A channel bought far past its half-saturation point has an almost flat response; the data cannot tell its
half-saturation apart over a wide range, and a flat response trades its level with the intercept. The grid's
prior picks a curve that still bends, with a lower level, and the old interval was drawn around it
(deep_saturation 10301: Search fitted at 6.3k against a true 14.0k, interval 2.3k-12.0k)."""
from __future__ import annotations

import numpy as np
import pytest

import analysis.fit as fit_module
from analysis.fit import fit_mmm
from data.hard_scenarios import make_deep_saturation


@pytest.fixture(scope="module")
def deep_10301():
    scenario = make_deep_saturation(10301)
    truth = scenario.truth.contributions(np.asarray(scenario.dataset.spend, dtype=float)).sum(axis=0)
    return scenario, truth, fit_mmm(scenario.dataset)


def test_a_saturated_channel_s_interval_reaches_the_level_its_flat_curves_allow(deep_10301, monkeypatch):
    scenario, truth, fit = deep_10301
    monkeypatch.setattr(fit_module, "SATURATION_HULL", "off")     # the rule before: the posterior's interval alone
    before = fit_mmm(scenario.dataset)
    j = fit.channel_names.index("Search")
    old, new = before.channels[j], fit.channels[j]
    assert old.contribution_high < truth[j] <= new.contribution_high       # 12.0k and 17.0k against a true 14.0k
    # the estimate and the lower end (what the data pin) do not move, so neither does "measurable"
    assert new.contribution == pytest.approx(old.contribution)
    assert new.contribution_low == pytest.approx(old.contribution_low)
    assert new.measurable and old.measurable
    # the reach is the pooled prior's, not unbounded: under twice the old upper end
    assert new.contribution_high < 2 * old.contribution_high


def test_no_interval_narrows_and_no_estimate_moves(deep_10301, monkeypatch):
    scenario, _, fit = deep_10301
    monkeypatch.setattr(fit_module, "SATURATION_HULL", "off")
    before = fit_mmm(scenario.dataset)
    for old, new in zip(before.channels, fit.channels):
        assert new.contribution == pytest.approx(old.contribution)
        assert new.contribution_low == pytest.approx(old.contribution_low)
        assert new.contribution_high >= old.contribution_high - 1e-9
