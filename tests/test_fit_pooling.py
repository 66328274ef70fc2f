"""Narrow data: channel coefficients are pooled toward the channels' common ROI (random effects),
not only their curves, so an imprecise channel borrows from the precise ones."""
import numpy as np
import pytest

from analysis.fit import FitConfig, fit_mmm
from data.hard_scenarios import HARD_CLASSES

CURVES_ONLY = FitConfig(narrow_pool_mode="shape", narrow_pool_spread=0.4)   # the rule before session 6


def _error_and_rois(scenario, config):
    fit = fit_mmm(scenario.dataset, config)
    truth = scenario.truth.contributions(scenario.dataset.spend).sum(axis=0)
    estimate = np.array([c.contribution for c in fit.channels])
    spend = np.array([c.spend for c in fit.channels])
    return float(np.abs(estimate - truth).sum() / truth.sum()), estimate / spend


@pytest.fixture(scope="module")
def noisy_fits():
    """Benchmark class "noisy" (12% noise, 156 weeks), its first three seeds: (pooled, curves only)."""
    scenarios = [HARD_CLASSES["noisy"](seed) for seed in (1, 101, 201)]
    return [(_error_and_rois(s, FitConfig()), _error_and_rois(s, CURVES_ONLY)) for s in scenarios]


def test_pooled_coefficients_recover_noisy_contributions_better(noisy_fits):
    pooled = [p[0] for p, _ in noisy_fits]
    curves_only = [c[0] for _, c in noisy_fits]
    assert np.mean(pooled) <= 0.8 * np.mean(curves_only), (pooled, curves_only)
    assert max(pooled) < 0.6


def test_pooling_narrows_the_spread_of_channel_rois(noisy_fits):
    """Noise spreads the raw ROIs far wider than the truth's; pooling pulls them together."""
    for (_, pooled), (_, curves_only) in noisy_fits:
        assert np.std(pooled) < np.std(curves_only)


def test_narrow_pooling_is_a_switch():
    scenario = HARD_CLASSES["noisy"](1)
    same = fit_mmm(scenario.dataset, FitConfig(narrow_pool_mode="shape", narrow_pool_spread=0.4))
    explicit = fit_mmm(scenario.dataset, FitConfig(pool_mode="shape"))
    assert [c.contribution for c in same.channels] == pytest.approx([c.contribution for c in explicit.channels])

