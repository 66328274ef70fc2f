"""Market panels: the joint draws behind plans and multi-channel what-ifs refit the PANEL model
(analysis.panel.draws), so their expected gain and interval describe the model whose curves the
answer quotes. Before, they refit national sales and disagreed with it (Meridian's geo sample below:
the best split's expected gain $1.30M against the model's $4.16M; a channel's draws at 2.97x its
contribution)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from analysis.loading import load_csv

MERIDIAN_SAMPLE = Path(__file__).parent / "data" / "meridian_geo_sample.csv"


@pytest.fixture(scope="module")
def sample_fit():
    from analysis.estimate import fit_model

    return fit_model(load_csv(MERIDIAN_SAMPLE))


def test_a_panel_plan_scores_its_gain_with_draws_of_the_panel_model(sample_fit):
    """The full optimum's expected gain sits by the model's own figure, and every channel's draws
    centre on its fitted contribution (national draws: $1.30M against $4.16M; ratios 0.56-2.97)."""
    from analysis.decisions.joint_draws import joint_draws
    from analysis.decisions.optimize import optimize_budget

    fit = sample_fit
    optimum = optimize_budget(fit, bound_pct=30.0, confident=False)
    assert optimum.model_delta_sales is not None and optimum.model_delta_sales > 0
    assert optimum.expected_delta_sales == pytest.approx(optimum.model_delta_sales, rel=0.2)
    assert optimum.expected_delta_sales_low <= optimum.model_delta_sales <= optimum.expected_delta_sales_high
    spend = np.asarray(fit.dataset.spend, dtype=float)
    draws = joint_draws(fit)
    totals = draws.totals(fit, spend).mean(axis=0)
    for j in draws.channels:
        assert totals[j] == pytest.approx(fit.channels[j].contribution, rel=0.25), fit.channels[j].name


def test_the_national_draws_stay_selectable_and_disagree_with_the_panel_model(sample_fit, monkeypatch):
    """The switch keeps the old draws for comparison (benchmarks/bench_panel.py --draws national)."""
    from analysis.decisions.joint_draws import build_joint_draws
    from analysis.panel import draws as panel_draws

    monkeypatch.setattr(panel_draws, "PANEL_DRAWS", "national")
    fit = sample_fit
    draws = build_joint_draws(fit)
    ratios = draws.totals(fit, np.asarray(fit.dataset.spend, dtype=float)).mean(axis=0)[list(draws.channels)] / \
        np.array([fit.channels[j].contribution for j in draws.channels])
    assert ratios.max() > 2.0 or ratios.min() < 0.6


def test_the_choosing_and_the_scoring_draws_come_from_different_refits(sample_fit):
    from analysis.decisions.joint_draws import CHOOSE, DRAWS, SCORE, joint_draws
    from analysis.panel.draws import REPEAT

    draws = joint_draws(sample_fit)
    assert draws.picks.shape == (DRAWS, len(draws.channels)) and draws.coefs.shape == draws.picks.shape
    choose, score = set(draws.picks[CHOOSE].ravel()), set(draws.picks[SCORE].ravel())
    assert not choose & score and len(choose) == len(score) == DRAWS // 2 // REPEAT
    assert np.all(draws.coefs >= 0) and len({tuple(row) for row in draws.coefs}) == DRAWS // REPEAT


def test_the_refits_are_the_fits_own_search_on_resampled_sales(generated_panel):
    """The refits are computed from cross-products for speed; they must equal the fit's curve search
    (`analysis.fit._search`, the same sweeps) followed by least squares, refit by refit."""
    from analysis.fit import FitConfig, _Bank, _search
    from analysis.panel.draws import SWEEPS, _refits, _resampled_residuals

    kit = generated_panel[1].refit_kit
    residuals = _resampled_residuals(kit, 3, 13, np.random.default_rng(5))
    weights, coefs = _refits(kit, residuals)
    banks = {i: _Bank(f, p, lp, np.zeros(len(p)), square_norms=np.einsum("ij,ij->j", f, f))
             for i, (f, p, lp) in enumerate(zip(kit.features, kit.params, kit.log_prior))}
    config = replace(FitConfig(), max_sweeps=SWEEPS, tolerance=0.0, max_components=kit.max_components)
    for r in range(3):
        y = kit.fitted + residuals[r]
        curves, features = _search(y, kit.base, banks, list(banks), dict(enumerate(kit.blends)), config)
        beta = np.linalg.lstsq(np.column_stack([kit.base] + [features[i] for i in banks]), y, rcond=None)[0]
        np.testing.assert_allclose(coefs[r], np.clip(beta[kit.base.shape[1]:], 0.0, None), rtol=1e-6)
        for i, (index, weight) in curves.items():
            own = np.zeros(len(kit.params[i]))
            own[index] = weight
            np.testing.assert_allclose(weights[i][r], own, atol=1e-8)


def test_a_refit_curve_responds_as_the_panel_channel_does(generated_panel):
    """A draw's curve is its refit's blend of candidates, each answered market by market per head."""
    from analysis.decisions.joint_draws import joint_draws

    fit = generated_panel[1]
    draws = joint_draws(fit)
    spend = np.asarray(fit.dataset.spend, dtype=float)
    for i, j in enumerate(draws.channels):
        channel, curves = fit.channels[j], draws.curves[i]
        picks = np.unique(draws.picks[:, i])[:3]
        cells, mask = channel.cells(spend[:, j])
        own = [sum(w * channel.candidate_weekly(cells, curves.decay[c], curves.half_saturation[c:c + 1],
                                                curves.shape[c:c + 1], mask).sum()
                   for c, w in enumerate(curves.mix[r]) if w) for r in picks]
        assert curves.totals(spend[:, j], picks) == pytest.approx(own, rel=1e-9)
        assert curves.scaled_totals(spend[:, j], np.array([1.2]), picks)[0] == pytest.approx(
            curves.totals(spend[:, j] * 1.2, picks), rel=1e-9)


def test_multi_channel_whatifs_on_a_generated_panel_hold_the_truth(generated_panel):
    """Every channel +-20% and a swap: the stated interval holds the true change, and the draws' mean
    sits by the model's figure."""
    from analysis.decisions.marginals import joint_change
    from analysis.decisions.scenario import run_scenario

    truth, fit = generated_panel
    spend = np.asarray(fit.dataset.spend, dtype=float)
    names = fit.channel_names
    column = {c: i for i, c in enumerate(truth.spend_columns)}
    for move in ({n: 20.0 for n in names}, {n: -20.0 for n in names}, {names[2]: 30.0, names[3]: -30.0}):
        result = run_scenario(fit, move, draws=400)
        factor = np.ones(len(truth.channels))
        for name, pct in move.items():
            factor[column[fit.dataset.spend_columns[names.index(name)]]] = 1 + pct / 100
        real = truth.expected_revenue({g: truth.spend[i] * factor for i, g in enumerate(truth.geos)}).sum() \
            - truth.expected_revenue().sum()
        assert result.delta_sales_low <= real <= result.delta_sales_high, move
        mean = float(joint_change(fit, spend, result.new_plan).sum(axis=1).mean())
        assert mean == pytest.approx(result.delta_sales, rel=0.1, abs=0.02 * abs(result.delta_sales) + 1.0), move


def test_a_panel_with_one_channel_gets_draws_a_plan_and_a_whatif(tmp_path):
    """A refit with no other channel to hold fixed (it raised 'need at least one array to stack')."""
    from analysis.decisions.joint_draws import joint_draws
    from analysis.decisions.optimize import optimize_budget
    from analysis.decisions.scenario import run_scenario
    from analysis.estimate import fit_model
    from tests.test_panel import _tiny_panel

    path = tmp_path / "one.csv"
    _tiny_panel().drop(columns=["search_spend"]).to_csv(path, index=False)
    fit = fit_model(load_csv(path))
    draws = joint_draws(fit)
    assert draws.channels == (0,) and np.all(draws.coefs >= 0) and draws.coefs.std() > 0
    result = run_scenario(fit, {"TV": 20.0})
    assert result.delta_sales_low <= result.delta_sales <= result.delta_sales_high
    plan = optimize_budget(fit, bound_pct=30.0)
    assert plan.expected_delta_sales_low <= plan.expected_delta_sales <= plan.expected_delta_sales_high


def test_a_pair_flighted_together_nationally_is_not_tied_when_the_markets_split_it(generated_panel):
    """The generator flights TV and Video together nationally (correlation >= 0.9) and its markets re-weight
    them; the panel's own refits separate the two (their contributions' correlation stays above the
    entangled cut), so plans and answers do not call them a pair the data cannot split."""
    from analysis.decisions.joint_draws import ENTANGLED_CORR, entangled_pairs, flighted_together, joint_draws

    _truth, fit = generated_panel
    spend = np.asarray(fit.dataset.spend, dtype=float)
    names = list(fit.channel_names)
    tv, video = names.index("TV"), names.index("Video")
    draws = joint_draws(fit)
    assert (tv, video) in flighted_together(spend, draws.channels)            # nationally, one flight plan
    totals = draws.totals(fit, spend)
    assert float(np.corrcoef(totals[:, tv], totals[:, video])[0, 1]) > ENTANGLED_CORR
    assert ("TV", "Video") not in entangled_pairs(fit)
