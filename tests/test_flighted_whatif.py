"""What-ifs on channels bought in the same flights (analysis.decisions.marginals.fitted_change): the
data pin the group's curve shape, not which member bends, so a member moved alone gets its share of
the group's relative response; moving the whole group, or pausing a member, keeps the fit's answer."""
from __future__ import annotations

import numpy as np
import pytest

import analysis.decisions.marginals as marginals
from analysis.decisions.common import channel_totals
from analysis.decisions.marginals import flighted_groups
from analysis.decisions.scenario import run_scenario
from analysis.fit import fit_mmm
from data.hard_scenarios import make_entangled

PCTS = (-50.0, -20.0, 20.0, 50.0)


@pytest.fixture(scope="module")
def entangled():
    """TV and Video flighted together (weekly correlation >= 0.9), with the generator's truth."""
    scenario = make_entangled(201)
    return fit_mmm(scenario.dataset), scenario.truth


def _relative(fit, name, pct):
    """A single-channel what-if's change as a share of the channel's fitted contribution today."""
    j = fit.channel_names.index(name)
    today = channel_totals(fit, np.asarray(fit.dataset.spend, dtype=float))[j]
    return run_scenario(fit, {name: pct}, draws=200).get(name).delta_sales / today


def test_the_pair_is_one_group(entangled):
    fit, _ = entangled
    names = [tuple(fit.channel_names[j] for j in g) for g in flighted_groups(fit)]
    assert names == [("TV", "Video")]


def test_members_moved_alone_share_the_groups_shape(entangled, monkeypatch):
    fit, _ = entangled
    for pct in PCTS:
        assert _relative(fit, "TV", pct) == pytest.approx(_relative(fit, "Video", pct), rel=1e-9)
    monkeypatch.setattr(marginals, "FLIGHTED_SHAPE", False)   # the fitted curves alone bend differently
    assert abs(_relative(fit, "TV", -50.0) - _relative(fit, "Video", -50.0)) > 0.05


def test_whole_group_move_and_pause_keep_the_fitted_answer(entangled):
    fit, _ = entangled
    spend = np.asarray(fit.dataset.spend, dtype=float)
    today = channel_totals(fit, spend)
    both = run_scenario(fit, {"TV": 20.0, "Video": 20.0}, draws=200)
    assert both.delta_sales == pytest.approx(float((channel_totals(fit, both.new_plan) - today).sum()), rel=1e-9)
    tv = fit.channel_names.index("TV")
    paused = run_scenario(fit, {"TV": -100.0}, draws=200)
    assert paused.get("TV").delta_sales == pytest.approx(-today[tv], rel=1e-9)


def test_other_channels_are_untouched(entangled, monkeypatch):
    fit, _ = entangled
    other = next(n for n in fit.channel_names if n not in ("TV", "Video") and fit.channel(n).coef > 0)
    pooled = run_scenario(fit, {other: 30.0}, draws=200).delta_sales
    monkeypatch.setattr(marginals, "FLIGHTED_SHAPE", False)
    assert run_scenario(fit, {other: 30.0}, draws=200).delta_sales == pooled


def test_shared_shape_is_closer_to_the_truth(entangled, monkeypatch):
    fit, truth = entangled
    spend = np.asarray(fit.dataset.spend, dtype=float)
    base = truth.contributions(spend).sum(axis=0)

    def error() -> float:
        total = 0.0
        for name in ("TV", "Video"):
            j = fit.channel_names.index(name)
            for pct in PCTS:
                result = run_scenario(fit, {name: pct}, draws=200)
                total += abs(result.delta_sales - (truth.contributions(result.new_plan)[:, j].sum() - base[j]))
        return total

    pooled = error()
    monkeypatch.setattr(marginals, "FLIGHTED_SHAPE", False)
    assert pooled < 0.5 * error()


def test_spend_added_to_off_weeks_falls_back_to_the_fitted_curve(entangled, monkeypatch):
    fit, _ = entangled
    spend = np.asarray(fit.dataset.spend, dtype=float)
    tv = fit.channel_names.index("TV")
    after = spend.copy()
    after[:, tv] = spend[:, tv].mean()     # every week, on air or not: no per-week factor describes it
    pooled = marginals.fitted_change(fit, spend, after)
    monkeypatch.setattr(marginals, "FLIGHTED_SHAPE", False)
    assert np.allclose(pooled, marginals.fitted_change(fit, spend, after))
