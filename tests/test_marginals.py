"""The next-dollar returns decisions use (analysis.decisions.marginals): an always-on channel is
not credited with increasing returns at today's spend, in plans and what-ifs alike; and the
hierarchical pooling kept as a measured alternative."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import analysis.decisions.marginals as marginals
from analysis.decisions.marginals import marginal_correction, pool
from analysis.decisions.optimize import optimize_budget
from analysis.decisions.scenario import run_scenario
from analysis.fit import fit_mmm
from analysis.model import Transform
from analysis.transforms import geometric_adstock
from data.scenarios import _dataset
from data.synthetic import ChannelSpec, always_on, bursts, seasonal_baseline, simulate


@pytest.fixture(scope="module")
def fitted():
    """TV in bursts, Digital and Social always on."""
    rng = np.random.default_rng(3)
    n = 104
    specs = [ChannelSpec("TV", "tv_spend", bursts(n, rng, 40.0), 0.3, 1.0, 1.2, 1.5),
             ChannelSpec("Digital", "digital_spend", always_on(n, rng, 25.0, 0.5), 0.1, 1.0, 1.0, 2.0),
             ChannelSpec("Social", "social_spend", always_on(n, rng, 15.0, 0.5), 0.2, 1.0, 1.0, 1.5)]
    dates = pd.date_range("2021-01-04", periods=n, freq="W-MON")
    frame, _ = simulate(dates, specs, seasonal_baseline(dates, 400.0, 0.05, 0.10), noise_sd=8.0, seed=3)
    return fit_mmm(_dataset("always_on", frame, [s.column for s in specs]))


def _convex(fit, name):
    """The fit with one channel's curve replaced by an S-curve still rising steeply at today's spend
    (shape 3, half-saturation at twice its mean adstocked spend): a fresh object, so no cached plans."""
    j = fit.channel_names.index(name)
    c = fit.channels[j]
    spend = np.asarray(fit.dataset.spend, dtype=float)[:, j]
    k = 2.0 * float(geometric_adstock(spend, 0.2).mean())
    curve = replace(c, transforms=(Transform(1.0, 0.2, k, 3.0),), decay=0.2, half_saturation=k, shape=3.0)
    return replace(fit, channels=tuple(curve if i == j else other for i, other in enumerate(fit.channels)))


def _returns(fit, j):
    spend = np.asarray(fit.dataset.spend, dtype=float)[:, j]
    c = fit.channels[j]
    return float(c.marginal_response(spend)), float(np.sum(c.response(spend))) / float(spend.sum())


def test_always_on_channel_is_not_credited_with_increasing_returns(fitted):
    fit = _convex(fitted, "Social")
    j = fit.channel_names.index("Social")
    marginal, average = _returns(fit, j)
    assert marginal > 1.5 * average                       # the curve itself says: next dollar earns more
    correction = marginal_correction(fit)
    assert correction[j] == pytest.approx(average - marginal)
    assert correction[fit.channel_names.index("TV")] == 0.0   # flighted: its low-spend weeks show the curve
    for other in ("Digital",):
        m, a = _returns(fit, fit.channel_names.index(other))
        assert correction[fit.channel_names.index(other)] == pytest.approx(min(a - m, 0.0))

    plan = optimize_budget(fit, confident=False)
    assert plan.get("Social").marginal_roi_current == pytest.approx(average, rel=1e-6)
    spend = np.asarray(fit.dataset.spend, dtype=float)[:, j]
    raw = float(np.sum(fit.channels[j].response(1.1 * spend) - fit.channels[j].response(spend)))
    what_if = run_scenario(fit, {"Social": 10.0})
    # the shifted slope, and never more than the stated next dollar per added dollar (marginals.concave_ceiling)
    assert what_if.delta_sales == pytest.approx(min(raw + (average - marginal) * 0.1 * spend.sum(),
                                                    average * 0.1 * spend.sum()), rel=1e-9)
    assert what_if.delta_sales < raw


def test_fitted_rule_changes_nothing(fitted, monkeypatch):
    monkeypatch.setattr(marginals, "MARGINAL_RULE", "fitted")
    fit = _convex(fitted, "Social")
    assert not marginal_correction(fit).any()
    spend = np.asarray(fit.dataset.spend, dtype=float)
    plan = optimize_budget(fit, confident=False)
    assert plan.get("Social").marginal_roi_current == pytest.approx(_returns(fit, 2)[0], rel=1e-6)
    assert run_scenario(fit, {"Social": 10.0}).delta_sales == pytest.approx(
        float(np.sum(fit.channels[2].response(1.1 * spend[:, 2]) - fit.channels[2].response(spend[:, 2]))), rel=1e-9)


def test_pool_reproduces_the_eight_schools_posterior_means():
    """Rubin's eight schools with flat priors on the level and on tau (Gelman et al., BDA 5.5):
    posterior means about 11.3, 7.9, 6.1, 7.7, 5.1, 6.2, 10.6, 8.5."""
    effects = np.array([28.0, 8.0, -3.0, 7.0, -1.0, 1.0, 18.0, 12.0])
    se = np.array([15.0, 10.0, 16.0, 11.0, 9.0, 11.0, 10.0, 18.0])
    published = np.array([11.3, 7.9, 6.1, 7.7, 5.1, 6.2, 10.6, 8.5])
    assert np.allclose(pool(effects, se), published, atol=0.35)


def test_pool_keeps_precise_differences_and_merges_noise():
    precise = np.array([0.5, 1.0, 2.0, 3.0])
    assert np.allclose(pool(precise, np.full(4, 0.05)), precise, atol=0.01)
    noisy = np.array([1.0, 1.1, 0.9, 1.05])     # differences well within each estimate's noise
    pooled = pool(noisy, np.full(4, 0.5))
    assert np.ptp(pooled) < 0.5 * np.ptp(noisy)
    assert np.isclose(pooled.mean(), noisy.mean(), atol=0.01)


def test_pooled_rule_pulls_returns_toward_their_common_level(fitted, monkeypatch):
    monkeypatch.setattr(marginals, "MARGINAL_RULE", "pool")
    fit = _convex(fitted, "Social")
    spend = np.asarray(fit.dataset.spend, dtype=float)
    raw = np.array([c.marginal_response(spend[:, j]) for j, c in enumerate(fit.channels)])
    correction = marginal_correction(fit)
    modelled = [j for j, c in enumerate(fit.channels) if c.coef > 0]
    assert np.ptp((raw + correction)[modelled]) < np.ptp(raw[modelled])
    top, bottom = modelled[int(np.argmax(raw[modelled]))], modelled[int(np.argmin(raw[modelled]))]
    assert correction[top] < 0 < correction[bottom]


def test_posterior_pooling_narrows_the_spread_with_the_centre():
    from analysis.decisions.marginals import pool_posterior

    estimates, se = np.array([1.0, 1.1, 0.9, 1.05, 3.0]), np.array([0.5, 0.5, 0.5, 0.5, 2.0])
    means, sds = pool_posterior(estimates, se)
    assert np.allclose(means, pool(estimates, se))
    assert (sds < se).all()                               # the posterior is narrower than each estimate alone
    assert sds[4] / se[4] < sds[0] / se[0]                # the noisiest estimate is narrowed most
    precise = pool_posterior(np.array([0.5, 1.0, 2.0, 3.0]), np.full(4, 0.05))[1]
    assert np.allclose(precise, 0.05, rtol=0.1)           # estimates far apart keep their own spread


def test_posterior_rule_shrinks_the_draws_deviations(fitted, monkeypatch):
    from analysis.decisions.marginals import adjusted_change, spread_scale

    monkeypatch.setattr(marginals, "MARGINAL_RULE", "posterior")
    fit = _convex(fitted, "Social")
    scale = spread_scale(fit)
    assert ((scale > 0) & (scale <= 1)).all() and (scale < 1).any()
    spend = np.asarray(fit.dataset.spend, dtype=float)
    draws = np.random.default_rng(0).normal(size=(400, len(fit.channels)))
    adjusted = adjusted_change(fit, spend, spend, draws)          # no spend change: only the spread moves
    assert np.allclose(adjusted.std(axis=0), scale * draws.std(axis=0), rtol=1e-9)


def test_plan_and_what_if_say_why_the_next_dollar_is_counted_lower(fitted):
    fit = _convex(fitted, "Social")
    for answer in (run_scenario(fit, {"Social": 10.0}), optimize_budget(fit, confident=False)):
        lines = [w for w in answer.warnings if "always on" in w]
        assert len(lines) == 1 and lines[0].startswith("Social is always on")
    assert not [w for w in run_scenario(fit, {"TV": 10.0}).warnings if "always on" in w]


def test_sales_target_needs_more_spend_when_the_next_dollar_is_counted_lower(fitted, monkeypatch):
    from analysis.decisions.reverse import spend_for_sales_target

    fit = _convex(fitted, "Social")
    j = fit.channel_names.index("Social")
    spend = np.asarray(fit.dataset.spend, dtype=float)[:, j]
    extra = 0.05 * float(spend.sum()) * _returns(fit, j)[1]        # about a 5% rise in Social's sales
    capped = spend_for_sales_target(fit, "Social", extra)
    assert capped.delta_sales == pytest.approx(extra, rel=1e-6)
    monkeypatch.setattr(marginals, "MARGINAL_RULE", "fitted")
    assert spend_for_sales_target(fit, "Social", extra).required_spend < capped.required_spend


def test_the_cap_never_makes_added_spend_lose_sales(fitted):
    """The cap shifts the slope by its cut at today's spend; far up a flattening S-curve that cut
    exceeds what the curve still adds, so quadrupling spend would 'lose' sales without the floor."""
    j = fitted.channel_names.index("Social")
    spend = np.asarray(fitted.dataset.spend, dtype=float)[:, j]
    k = 1.5 * float(geometric_adstock(spend, 0.2).mean())   # steeper than _convex: shape 4
    steep = replace(fitted.channels[j], transforms=(Transform(1.0, 0.2, k, 4.0),), decay=0.2, half_saturation=k,
                    shape=4.0)
    fit = replace(fitted, channels=tuple(steep if i == j else c for i, c in enumerate(fitted.channels)))
    marginal, average = _returns(fit, j)
    raw = float(np.sum(steep.response(4.0 * spend) - steep.response(spend)))
    assert raw > 0 and raw + (average - marginal) * 3.0 * spend.sum() < 0   # the straight shift alone goes negative
    what_if = run_scenario(fit, {"Social": 300.0})
    assert what_if.delta_sales == pytest.approx(0.0, abs=1e-9)   # the cap takes the whole gain, never more
    assert what_if.delta_sales_low >= 0.0


def test_the_capped_note_says_what_a_cut_and_an_increase_each_use():
    """A cut of an always-on channel loses what the fitted curve says; only added spend is counted at
    the average return. The cut's answer said 'the next dollar is counted at the average dollar's
    return' beside '$2.01 given up per dollar saved' (Meridian Channel3, whose next dollar reads $0.83)."""
    from analysis.decisions.marginals import marginal_correction
    from analysis.decisions.scenario import run_scenario
    from analysis.fit import fit_mmm
    from data.hard_scenarios import make_short_promos

    fit = fit_mmm(make_short_promos(601).dataset)
    capped = [fit.channel_names[j] for j, c in enumerate(marginal_correction(fit)) if c < 0]
    assert capped, "the fixture needs an always-on channel fitted convex at today's spend"
    cut = " ".join(run_scenario(fit, {capped[0]: -10.0}, draws=50).warnings)
    raised = " ".join(run_scenario(fit, {capped[0]: 10.0}, draws=50).warnings)
    assert "a cut loses what the fitted curve says" in cut and "next dollar is counted" not in cut
    assert "next dollar is counted at the average dollar's return" in raised and "a cut loses" not in raised
