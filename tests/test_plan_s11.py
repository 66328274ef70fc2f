"""Session 11, plans: the line that names the channels a careful plan moves only part of the way, and the one
that says how often the best split loses when the plan keeps today's mix. (The choice's own optimism, replayed
in model worlds, was measured and removed in session 12: `analysis.decisions.optimize`'s docstring.)"""
from __future__ import annotations

import pytest

import analysis.decisions.optimize as optimize


def test_the_partway_line_names_each_channel_its_move_and_the_reason():
    line = optimize.partway_line([("TV", 5.1, 9.8), ("Display", -7.0, -30.0)], "noise", 1.0)
    assert line == ("TV and Display move only part of the way toward the best split (TV +5% of the best split's "
                    "+10%; Display −7% of the best split's −30%): beyond that, their next-dollar returns do not "
                    "stand out from the others' by more than the model's own noise.")
    one = optimize.partway_line([("Radio", -2.0, -30.0)], "noise", 0.5)
    assert one.startswith("Radio moves only part of the way") and "its next-dollar return does not" in one
    assert one.endswith("a bigger move's 90% interval includes a loss (the plan takes 50% of that move).")


def test_partway_is_a_move_in_the_optimums_direction_short_of_it(sample_fit):
    problem = optimize._build_problem(sample_fit, 30.0, ())
    reference = problem.current.copy()
    optimum = reference.copy()
    optimum[0], optimum[1] = reference[0] * 1.3, reference[1] * 0.7
    optimum[2] = reference[2] - (optimum.sum() - reference.sum())
    x = reference.copy()
    x[0], x[1] = reference[0] * 1.1, reference[1] * 0.7      # channel 0 partway, channel 1 all the way
    x[2] = reference[2] - (x.sum() - reference.sum())
    rows = optimize._partway(problem, optimum, x, reference)
    names = sample_fit.channel_names
    assert [r[0] for r in rows][:1] == [names[0]] and names[1] not in [r[0] for r in rows]
    assert rows[0][1:] == pytest.approx((10.0, 30.0))


@pytest.fixture(scope="module")
def short_promos_301():
    """Benchmark short_promos 301 (104 weeks, unmodelled promotions): with steps toward the point optima alone
    every move has a loss in its 90% interval, so the plan keeps today's mix; the careful targets move it."""
    from analysis.fit import fit_mmm
    from data.hard_scenarios import HARD_CLASSES

    scenario = HARD_CLASSES["short_promos"](301)
    return fit_mmm(scenario.dataset), scenario.truth


def test_a_plan_that_keeps_todays_mix_says_how_often_the_best_split_loses(short_promos_301, monkeypatch):
    fit, _ = short_promos_301
    monkeypatch.setattr(optimize, "NOISE_TARGET", "off")
    plan = optimize.optimize_budget(fit)
    assert plan.step == 0 and plan.optimum_prob_loss is not None
    problem = optimize._build_problem(fit, 30.0, ())
    optimum = optimize._solved(problem, float(problem.current.sum()), 0, ())[0]
    chance = optimize.plan_gain(problem, problem.current, optimum).prob_loss
    assert plan.optimum_prob_loss == pytest.approx(chance) and chance > 0.05
    line = next(w for w in plan.warnings if w.startswith("The model's best reallocation is too uncertain"))
    assert f"sells less than today's mix in {chance:.0%} of the model draws that did not choose it" in line
    assert "no smaller step toward it" in line and line.endswith("so today's mix is kept; run a test to learn more.")


def test_a_careful_plan_names_the_channels_it_moves_only_partway(short_promos_301):
    fit, truth = short_promos_301
    plan = optimize.optimize_budget(fit)
    assert plan.step > 0 and plan.partway and plan.partway_why == "noise"
    rows = {r.channel: r for r in plan.allocation}
    for name, now, full in plan.partway:
        assert rows[name].change_pct == pytest.approx(now)
        assert 0 < now / full < 1
        assert rows[name].optimum is not None
    lines = [w for w in plan.warnings if "only part of the way toward the best split" in w]
    assert len(lines) == 1 and all(name in lines[0] for name, _, _ in plan.partway)
    assert "The plan goes" not in " ".join(plan.warnings)   # no "N% of the way toward the best split" for a careful move


def test_the_charts_subtitle_names_the_partway_channels_not_a_share_of_the_way():
    from assistant.charts.draw import reallocation_subtitle

    careful = {"step": 1.0, "optimum_delta_sales": 10.0, "binding": [], "partway": [["TV", 5.0, 10.0], ["Display", -7.0, -30.0]]}
    sub = reallocation_subtitle(careful, True)
    assert "TV, Display move only part of the way toward the best split" in sub and "The plan goes" not in sub
    shrunk = {"step": 0.5, "optimum_delta_sales": 10.0, "binding": [], "partway": []}
    assert "The plan goes 50% of the way toward the best split" in reallocation_subtitle(shrunk, True)
