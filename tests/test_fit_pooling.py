"""Narrow data: channel coefficients are pooled toward the channels' common ROI (random effects),
not only their curves, so an imprecise channel borrows from the precise ones."""
import numpy as np
import pytest

from analysis.empirical_priors import learn_prior
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


def test_learned_prior_centres_on_the_channels_likelihoods():
    """Type-II maximum likelihood: channels whose likelihoods peak at half-saturation 2x typical spend
    and at decay 0.6 move the learned prior's centre there (measured; off by default)."""
    decays = (0.0, 0.2, 0.4, 0.6, 0.8)
    ratios = (0.25, 0.5, 1.0, 2.0, 4.0)
    shapes = np.zeros(3)
    d, r, _ = np.meshgrid(np.array(decays), np.log(ratios), shapes, indexing="ij")
    log_liks = [(-(d - 0.6 + e) ** 2 / 0.01 - (r - np.log(2.0) + e) ** 2 / 0.1).ravel() for e in (-0.05, 0.0, 0.05)]
    learned = learn_prior(log_liks, decays, ratios, shapes)
    assert learned.saturation_mu == pytest.approx(0.75, abs=0.26)
    assert learned.decay_a > 1.0     # a prior peaked away from zero carry-over
    flat = learn_prior([np.zeros(75)] * 3, decays, ratios, shapes, learn_decay=False, learn_saturation=False)
    assert (flat.decay_a, flat.decay_b, flat.saturation_mu, flat.saturation_sd) == (1.0, 3.0, 0.0, 1.0)
    assert np.exp(flat.log_prior).sum() == pytest.approx(1.0)
