"""s12-whatif: honest what-ifs on an always-on channel (issue 10 item 4; the reviewer's "Paid Search").

An always-on channel's curve is seen at one level only, so a fitted S-shape above today's spend is the
curve family's guess: added spend must never earn more per dollar than the next-dollar return the
saturation answer states."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.decisions.marginals import marginal_correction
from analysis.decisions.scenario import run_scenario
from analysis.roi import saturation
from tests.test_marginals import _convex, fitted  # noqa: F401  (the module-scoped fit with always-on channels)


@pytest.mark.parametrize("pct", [100.0, 50.0])
def test_growing_a_capped_channel_never_beats_its_stated_next_dollar(fitted, pct):  # noqa: F811
    """Social fitted as an S-curve still rising steeply above today's spend: its next dollar is capped at
    its average return, and before this session doubling it returned more than that per extra dollar."""
    fit = _convex(fitted, "Social")
    j = fit.channel_names.index("Social")
    assert marginal_correction(fit)[j] < 0
    stated = next(r for r in saturation(fit).channels if r.channel == "Social")
    assert stated.marginal_capped
    spend = np.asarray(fit.dataset.spend, dtype=float)[:, j]
    raw = float(np.sum(fit.channels[j].response((1 + pct / 100) * spend) - fit.channels[j].response(spend)))
    chord = raw / (pct / 100 * spend.sum())
    fitted_next = fit.channels[j].marginal_response(spend)
    assert chord > fitted_next   # the fitted curve is convex over the move: the constant shift alone overshoots
    what_if = run_scenario(fit, {"Social": pct}, draws=200)
    per_dollar = what_if.delta_sales / what_if.delta_spend
    assert per_dollar == pytest.approx(stated.marginal_roi, rel=1e-9)
    assert what_if.delta_sales_low <= what_if.delta_sales <= what_if.delta_sales_high


def test_a_small_rise_and_a_cut_keep_their_figures(fitted):  # noqa: F811
    """The ceiling binds only where the curve bends up over the move: +10% keeps the shifted slope's figure
    (below the ceiling), and a cut loses what the fitted curve says."""
    fit = _convex(fitted, "Social")
    j = fit.channel_names.index("Social")
    spend = np.asarray(fit.dataset.spend, dtype=float)[:, j]
    c = fit.channels[j]
    shift = float(marginal_correction(fit)[j])
    rise = run_scenario(fit, {"Social": 10.0}, draws=50)
    raw = float(np.sum(c.response(1.1 * spend) - c.response(spend)))
    assert rise.delta_sales == pytest.approx(min(raw + shift * 0.1 * spend.sum(),
                                                 (c.marginal_response(spend) + shift) * 0.1 * spend.sum()), rel=1e-9)
    cut = run_scenario(fit, {"Social": -20.0}, draws=50)
    assert cut.delta_sales == pytest.approx(float(np.sum(c.response(0.8 * spend) - c.response(spend))), rel=1e-9)


def test_the_always_on_generator_spends_every_week_within_a_narrow_band():
    from data.always_on import always_on_search

    first, again = always_on_search(3), always_on_search(3)
    spend = np.asarray(first.dataset.spend, dtype=float)[:, 0]
    assert first.dataset.channels[0] == "Paid Search"
    assert (spend > 0).all() and spend.max() / spend.min() < 1.6       # on every week, +-8% steps, +-15% jitter
    assert np.array_equal(spend, np.asarray(again.dataset.spend, dtype=float)[:, 0])
    assert first.truth.channels[0].decay <= 0.1 and first.truth.channels[0].shape <= 1.1   # truly concave, short


@pytest.fixture(scope="module")
def always_on_fit():
    """Paid Search always on, 104 weeks, 6% noise: the fit gives it an S-shape (1.9) and a carry-over of 0.37
    against a true 1.1 and 0.03, and a next dollar above its average one (so the cap applies). ~3 s."""
    from analysis.fit import fit_mmm
    from data.always_on import always_on_search

    scenario = always_on_search(16, n=104, noise_share=0.06)
    return scenario, fit_mmm(scenario.dataset)


def test_an_always_on_channel_the_data_cannot_pin_is_answered_honestly(always_on_fit):
    scenario, fit = always_on_fit
    truth = scenario.truth
    j = fit.channel_names.index("Paid Search")
    c = fit.channels[j]
    true_contribution = float(truth.contributions().sum(axis=0)[j])
    assert marginal_correction(fit)[j] < 0                                   # fitted convex at today's spend
    assert not c.measurable                                                  # "not measurable", not a ranking
    assert c.contribution_low <= true_contribution <= c.contribution_high   # and its range holds the truth
    stated = next(r for r in saturation(fit).channels if r.channel == "Paid Search").marginal_roi
    base = float(truth.expected_sales().sum())
    for pct in (-50.0, 20.0, 100.0):
        what_if = run_scenario(fit, {"Paid Search": pct}, draws=200)
        real = float(truth.expected_sales(what_if.new_plan).sum()) - base
        assert what_if.delta_sales_low <= real <= what_if.delta_sales_high
        if pct > 0:
            assert what_if.delta_sales <= stated * what_if.delta_spend * (1 + 1e-9)


def test_the_lognormal_reach_is_the_prior_where_the_data_say_nothing_and_the_data_where_they_do():
    """`analysis.fit._lognormal_reach` (REACH_PRIOR): the 95th percentile of a log-normal prior with the pool's
    mean and sd when the channel's own likelihood is flat, its own level when sharp."""
    from analysis.fit import _lognormal_reach

    pooled, spread = 1000.0, 600.0
    sigma = np.sqrt(np.log1p((spread / pooled) ** 2))
    expected = np.exp(np.log(pooled) - sigma ** 2 / 2 + 1.6448536 * sigma)
    flat = _lognormal_reach(np.array([1000.0]), np.array([1e5]), np.array([1.0]), pooled, spread, points=20000)
    assert flat == pytest.approx(expected, rel=0.01)
    sharp = _lognormal_reach(np.array([3000.0]), np.array([10.0]), np.array([1.0]), pooled, spread, points=20000)
    assert sharp == pytest.approx(3000.0 + 1.645 * 10.0, abs=10.0)


def test_a_deeply_saturated_always_on_channel_has_its_truth_inside_its_range(monkeypatch):
    """data.hard_scenarios_blind deep_saturation 2501: Search, always on and the largest channel, truly run far past
    its half-saturation point (true contribution 30.5k); fitted with a bending curve at 18.1k, 90% range
    12.4k-28.5k under the normal pooled prior. The log-normal reach holds the truth; only that channel's upper end
    moves. Two fits, ~6 s."""
    import analysis.fit as fit_module
    from data.hard_scenarios_blind import HARD_CLASSES

    scenario = HARD_CLASSES["deep_saturation"](2501)
    truth = dict(zip(scenario.truth.names, scenario.truth.contributions().sum(axis=0)))
    now = fit_module.fit_mmm(scenario.dataset)
    monkeypatch.setattr(fit_module, "REACH_PRIOR", "normal")
    before = fit_module.fit_mmm(scenario.dataset)
    search_now, search_before = now.channel("Search"), before.channel("Search")
    assert search_before.contribution_high < truth["Search"] <= search_now.contribution_high
    assert search_now.contribution == search_before.contribution
    assert search_now.contribution_low == search_before.contribution_low
    assert search_now.measurable == search_before.measurable
    for old, new in zip(before.channels, now.channels):
        if old.name != "Search":
            assert (new.contribution_low, new.contribution_high) == (old.contribution_low, old.contribution_high)
