"""Budget plans scored honestly: joint refit draws, channels the data cannot split, no-safe-move cases,
and the built-in sample's plan checked against the sample's own truth."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.decisions.joint_draws import SCORE, entangled_pairs, joint_draws
from analysis.decisions.optimize import optimize_budget, scenario_presets
from analysis.decisions.reverse import budget_for_roas, max_cut_within
from analysis.decisions.scenario import Shift, run_scenario
from analysis.fit import FitConfig, fit_mmm
from data.sample_data import ground_truth, sample_dataset
from data.scenarios import _dataset
from data.synthetic import ChannelSpec, always_on, bursts, mostly_on, seasonal_baseline, simulate
from tests.helpers import bursts_pair


def _simulated(name, n, specs, noise_share, seed):
    dates = pd.date_range("2021-01-04", periods=n, freq="W-MON")
    frame, truth = simulate(dates, specs, seasonal_baseline(dates, 400.0, 0.05, 0.10),
                            noise_sd=noise_share * 400.0, seed=seed)
    return _dataset(name, frame, [s.column for s in specs]), truth


@pytest.fixture(scope="module")
def entangled():
    """TV and Radio always bought together (weekly correlation > 0.99), Digital on its own."""
    dataset, truth = bursts_pair()
    return fit_mmm(dataset), truth



# These fixtures need channels the data cannot tell from zero. Pooling coefficients toward the common ROI
# (narrow data's default since session 6) lifts a weak channel's interval with its pooled estimate, so they
# are fitted with curve pooling alone, as before; the plan rules under test do not depend on how.
CURVES_ONLY = FitConfig(narrow_pool_mode="shape", narrow_pool_spread=0.4)


def _four_channels(noise_share, seed, tv_roi):
    rng = np.random.default_rng(seed)
    n = 104
    specs = [ChannelSpec("TV", "tv_spend", bursts(n, rng, 40.0), 0.3, 1.0, 1.2, tv_roi),
             ChannelSpec("Radio", "radio_spend", mostly_on(n, rng, 20.0), 0.3, 1.0, 1.2, 0.5),
             ChannelSpec("Digital", "digital_spend", always_on(n, rng, 25.0, 0.5), 0.3, 1.0, 1.2, 2.0),
             ChannelSpec("Social", "social_spend", always_on(n, rng, 15.0, 0.5), 0.2, 1.0, 1.0, 1.5)]
    dataset, _ = _simulated("unmeasured", n, specs, noise_share, seed)
    return fit_mmm(dataset, CURVES_ONLY)


@pytest.fixture(scope="module")
def none_measurable():
    """Four fitted channels in 40% noise: none has a contribution interval clear of zero."""
    return _four_channels(0.40, 0, 0.6)


@pytest.fixture(scope="module")
def one_measurable():
    """Only TV's effect is clear of zero; Radio, Digital and Social are fitted but unmeasurable."""
    return _four_channels(0.25, 1, 1.0)


@pytest.fixture(scope="module")
def sample_fit(own_sample_fit):
    return own_sample_fit


def test_entangled_pair_is_found_and_never_traded(entangled):
    fit, _ = entangled
    assert ("TV", "Radio") in entangled_pairs(fit)
    result = optimize_budget(fit)
    tv, radio = result.get("TV"), result.get("Radio")
    # the pair moves by one common factor: the plan never shifts money between the two
    assert tv.change_pct == pytest.approx(radio.change_pct, abs=0.5)
    assert ("TV", "Radio") in result.entangled
    assert any("TV and Radio move together" in w and "guess" in w for w in result.warnings)


def test_entangled_pair_swaps_credit_in_the_draws(entangled):
    """The data fix the pair's joint effect, not its split: the draws spread it over all splits,
    so a what-if on one of them has an interval that holds the truth."""
    fit, truth = entangled
    draws = joint_draws(fit)
    totals = draws.totals(fit, np.asarray(fit.dataset.spend, dtype=float))
    tv_share = totals[:, 0] / (totals[:, 0] + totals[:, 1])
    assert np.percentile(tv_share, 10) < 0.3 and np.percentile(tv_share, 90) > 0.7
    cut = run_scenario(fit, {"TV": -30})
    base = truth.expected_sales(fit.dataset.spend).sum()
    true_delta = truth.expected_sales(cut.new_plan).sum() - base
    assert cut.delta_sales_low <= true_delta <= cut.delta_sales_high


def test_no_safe_move_keeps_todays_mix_and_says_why(no_safe_move):
    result = optimize_budget(no_safe_move)
    assert result.step == 0.0
    for row in result.allocation:
        assert row.recommended == pytest.approx(row.current, rel=1e-9)
    assert result.expected_delta_sales == pytest.approx(0.0, abs=1e-9)
    assert result.prob_loss == 0.0
    assert any("too uncertain" in w and "today's mix is kept" in w for w in result.warnings)


def test_no_measurable_channel_keeps_todays_mix_and_says_so(none_measurable):
    fit = none_measurable
    assert all(c.coef > 0 and not c.measurable for c in fit.channels)
    unscored = optimize_budget(fit, confident=False)   # the optimum goal questions use: no draw check to stop it
    assert any(abs(r.optimum - r.current) > 1e-6 * r.current for r in unscored.allocation)
    for result in (optimize_budget(fit), unscored):
        assert all(abs(r.change_pct) < 1e-6 for r in result.allocation)
        assert result.expected_delta_sales == pytest.approx(0.0, abs=1e-9)
        assert sum("None of the 4 channels has an effect the data can tell from zero" in w
                   for w in result.warnings) == 1
    bigger = optimize_budget(fit, 1.1 * unscored.current_total)   # a new budget follows today's shares
    assert [r.change_pct for r in bigger.allocation] == pytest.approx([10.0] * 4, abs=1e-6)


SIBYLHE = next((p / "shared" / "datasets" / "sibylhe_mmm_stan_weekly.csv" for p in Path(__file__).resolve().parents
                if (p / "shared" / "datasets" / "sibylhe_mmm_stan_weekly.csv").is_file()), None)


@pytest.mark.skipif(SIBYLHE is None, reason="the sibylhe real export is not on this machine")
def test_real_export_with_no_measurable_channel_keeps_todays_mix():
    """A real 10-channel export where no channel's effect is clear of zero: the same-budget plan
    once proposed +8% from moving money between them; now it keeps today's mix and says why."""
    from analysis.loading import load_csv

    assert SIBYLHE is not None
    # the profile-likelihood fit, where none of the ten is measurable (with the wide data's residual-weeks
    # likelihood, the default since session 7, TV's interval clears zero and the plan keeps the mix because
    # the model's quality is Low)
    fit = fit_mmm(load_csv(SIBYLHE), FitConfig(residual_evidence=False))
    assert not any(c.measurable for c in fit.channels)
    result = optimize_budget(fit)
    assert all(abs(r.change_pct) < 1e-6 for r in result.allocation)
    assert result.expected_delta_sales == pytest.approx(0.0, abs=1e-9) and result.prob_loss == 0.0
    # a channel the constrained refit gives no effect at all is held by its bounds, not counted among the
    # uncertain ones (library versions differ on whether one of the ten lands exactly at zero)
    fitted = sum(c.coef > 0 for c in fit.channels)
    assert fitted >= 9
    assert [w for w in result.warnings if "has an effect the data can tell from zero" in w] == [
        f"None of the {fitted} channels has an effect the data can tell from zero, so today's mix is kept: moving money "
        "between channels the data cannot measure would be a guess."]


def test_unmeasurable_channels_move_only_together(one_measurable):
    fit = one_measurable
    assert [c.measurable for c in fit.channels] == [True, False, False, False]
    result = optimize_budget(fit, confident=False)   # the model's optimum, as goal questions use it
    assert abs(result.get("TV").change_pct) > 1.0
    shares = [result.get(name).change_pct for name in ("Radio", "Digital", "Social")]
    assert shares == pytest.approx([shares[0]] * 3, abs=1e-6)   # never one unmeasured channel against another
    assert any(w.startswith("Radio, Digital, Social: effects too uncertain") for w in result.warnings)


def test_plan_gain_comes_from_draws_that_did_not_choose_it(sample_fit):
    result = optimize_budget(sample_fit)
    assert result.gain_draws is not None and len(result.gain_draws) == len(joint_draws(sample_fit).picks[SCORE])
    assert result.expected_delta_sales == pytest.approx(float(np.mean(result.gain_draws)), rel=1e-9)
    assert result.expected_delta_sales_low <= result.expected_delta_sales <= result.expected_delta_sales_high
    assert 0.0 <= result.prob_loss <= 0.05          # the plan's 90% interval excludes a loss


def test_sample_plan_gain_under_the_truth_lies_in_its_interval(sample_fit):
    truth = ground_truth()
    result = optimize_budget(sample_fit)
    spend = sample_fit.dataset.spend
    real = float(truth.expected_sales(result.new_plan).sum() - truth.expected_sales(spend).sum())
    assert result.expected_delta_sales_low <= real <= result.expected_delta_sales_high
    assert real >= 0.0


@pytest.mark.parametrize("make", [
    lambda fit: optimize_budget(fit),
    lambda fit: optimize_budget(fit, fit.dataset.spend.sum() * 1.1),
    lambda fit: scenario_presets(fit)[0],
    lambda fit: max_cut_within(fit, 2.0),
    lambda fit: budget_for_roas(fit, 1.0, method="optimal"),
    lambda fit: run_scenario(fit, shift=Shift("TV", "Digital", percentage=10)),
])
def test_every_plan_states_its_chance_of_a_loss(sample_fit, make):
    result = make(sample_fit)
    assert result.prob_loss is not None and 0.0 <= result.prob_loss <= 1.0


PLAN_QUESTIONS = {
    "same budget": "How should we allocate the budget?",
    "new budget": "How should we split a budget of $30M?",
    "presets": "Show me conservative and aggressive options",
    "sales goal": "What would it take to add $1M of sales?",
    "cut goal": "How much can we cut and keep sales within 1%?",
    "roas goal": "What budget gives a ROAS of 1.5?",
    "shift": "Move 10% of TV budget to Digital",
}
PLAN_KEYS = {"expected_delta_sales", "expected_delta_sales_low", "expected_delta_sales_high", "prob_loss"}


@pytest.fixture(scope="module")
def plan_objects(tmp_path_factory):
    import json

    from tests.helpers import run_cli

    # the truth is compared over the whole period, so the plans are made for it (the default horizon is a year)
    args = ["--json", "--no-charts", "--offline", "--horizon", "all", "--outputs", str(tmp_path_factory.mktemp("out"))]
    for q in PLAN_QUESTIONS.values():
        args += ["--ask", q]
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    return {name: json.loads(line) for name, line in zip(PLAN_QUESTIONS, proc.stdout.splitlines())}


@pytest.mark.parametrize("name", list(PLAN_QUESTIONS))
def test_every_plan_making_answer_carries_the_honest_fields(plan_objects, name):
    data = plan_objects[name]["data"]
    assert PLAN_KEYS <= set(data), (name, sorted(data))
    if data["expected_delta_sales"] is not None:
        assert data["expected_delta_sales_low"] <= data["expected_delta_sales"] <= data["expected_delta_sales_high"]
        assert 0.0 <= data["prob_loss"] <= 1.0


def test_demo_plan_states_its_chance_of_a_loss_and_its_interval_holds_the_truth(plan_objects):
    """The demo's plan (the same-budget answer on the built-in sample), scored under the sample's truth."""
    data = plan_objects["same budget"]["data"]
    assert "Chance it sells less than today's mix" in plan_objects["same budget"]["answer"]
    dataset = sample_dataset()
    spend = dataset.spend
    recommended = np.array([data["allocation"][c]["recommended"] for c in dataset.channels])
    plan = spend / spend.sum(axis=0) * recommended[None, :]
    truth = ground_truth()
    real = float(truth.expected_sales(plan).sum() - truth.expected_sales(spend).sum())
    assert data["expected_delta_sales_low"] <= real <= data["expected_delta_sales_high"]


def test_answer_with_no_measurable_channel_says_the_mix_is_kept_and_why(none_measurable, tmp_path):
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    session = Session.from_fit(none_measurable, outputs=tmp_path, charts=False, offline=True)
    reply = ask(session, "If we keep total spend flat, how should we reallocate to maximize sales?")
    assert reply.data["nothing_measurable"] is True
    assert reply.data["unmeasured_together"] == ["TV", "Radio", "Digital", "Social"]
    assert "Today's mix is kept: no channel's effect is clear of zero in this data." in reply.facts
    # no claim about the optimum the data cannot back, and the full reason once, as a warning
    assert not any("already close to the best" in f or "next $1 returns" in f for f in reply.facts)
    assert sum("None of the 4 channels" in w for w in reply.warnings) == 1


@pytest.fixture(scope="module")
def funds_the_unmeasured():
    """Benchmark class "noisy", seed 1201 (12% noise, 156 weeks): only TV's effect is clear of zero,
    and the model's best split cuts TV to fund the four channels it cannot measure, whose fitted next
    dollars are inflated by the noise (true returns of the group and of TV are about equal)."""
    from data.hard_scenarios import HARD_CLASSES

    scenario = HARD_CLASSES["noisy"](1201)
    return fit_mmm(scenario.dataset, CURVES_ONLY), scenario.truth


def test_confident_plan_adds_no_money_to_channels_it_cannot_measure(funds_the_unmeasured, monkeypatch):
    """The measured option `BOOST_NEEDS_EVIDENCE` (off by default: it did not generalise to fresh seeds)."""
    import analysis.decisions.optimize as optimize_module

    monkeypatch.setattr(optimize_module, "LOW_GRADE_HOLDS", False)   # this data is graded Low: the experiment alone
    monkeypatch.setattr(optimize_module, "ALWAYS_ON_HOLD", False)    # ... and its unmeasured channels spend every week
    monkeypatch.setattr(optimize_module, "BOOST_NEEDS_EVIDENCE", True)
    fit, truth = funds_the_unmeasured
    spend = np.asarray(fit.dataset.spend, dtype=float)
    unmeasured = [c.name for c in fit.channels if c.coef > 0 and not c.measurable]
    assert [c.measurable for c in fit.channels].count(True) == 1 and len(unmeasured) == 4
    optimum = optimize_budget(fit, confident=False)
    assert sum(optimum.get(n).recommended - optimum.get(n).current for n in unmeasured) > 0   # the model would fund them

    plan = optimize_budget(fit)
    for name in unmeasured:
        assert plan.get(name).recommended <= plan.get(name).current * (1 + 1e-9)
    real = float(truth.expected_sales(plan.new_plan).sum() - truth.expected_sales(spend).sum())
    assert real >= -1e-9 * float(truth.expected_sales(spend).sum())
    assert sum("cannot tell from zero; the plan does not" in w for w in plan.warnings) == 1

    monkeypatch.setattr(optimize_module, "BOOST_NEEDS_EVIDENCE", False)   # the default: funds them, loses sales
    before = optimize_budget(fit)
    assert sum(before.get(n).recommended - before.get(n).current for n in unmeasured) > 0
    assert float(truth.expected_sales(before.new_plan).sum() - truth.expected_sales(spend).sum()) < 0


@pytest.fixture(scope="module")
def graded_low():
    """Benchmark noisy 1201 (12% noise): the model grades its own fit Low and no move toward the best split
    is clear of a loss at the 5th percentile of its draws."""
    from data.hard_scenarios import make_noisy
    return fit_mmm(make_noisy(1201).dataset)


@pytest.fixture(scope="module")
def graded_low_quarter():
    """Benchmark noisy 1 (12% noise, 156 weeks): graded Low; at the 5th percentile of its draws a quarter
    of the way toward the best split is safe, at the 1st percentile (session 7's rule) no move is."""
    from data.hard_scenarios import make_noisy
    scenario = make_noisy(1)
    return fit_mmm(scenario.dataset), scenario.truth


@pytest.fixture(scope="module")
def graded_low_safe():
    """Benchmark short_promos 101 (104 weeks, unrecorded promotion spikes): graded Low, yet even the 1st
    percentile of the draws backs the full re-split, which really gains 0.92 of the best possible gain."""
    from data.hard_scenarios import make_short_promos
    scenario = make_short_promos(101)
    return fit_mmm(scenario.dataset), scenario.truth


def test_low_graded_data_moves_when_95_of_100_draws_see_no_loss(graded_low_safe, monkeypatch):
    """On Low-graded data a move must clear the draws' `LOW_GRADE_QUANTILE` percentile (the 5th since session 8),
    not be held outright; the old hold (0) kept today's mix here and gave up the whole gain."""
    import analysis.decisions.optimize as optimize
    from analysis.quality import model_quality

    fit, truth = graded_low_safe
    assert model_quality(fit, backtest=False).grade == "Low"
    plan = optimize_budget(fit)
    spend = np.asarray(fit.dataset.spend, dtype=float)
    real = float(truth.expected_sales(plan.new_plan).sum() - truth.expected_sales(spend).sum())
    assert plan.step == 1.0 and not plan.low_grade_hold
    assert 0 < real and plan.expected_delta_sales_low <= real <= plan.expected_delta_sales_high
    assert plan.prob_loss <= 0.01
    assert sum(w == optimize.low_grade_line(optimize.LOW_GRADE_MOVE_LINE) for w in plan.warnings) == 1
    assert sum("as far as 95 of 100 model draws see no loss" in w for w in plan.warnings) == 1
    monkeypatch.setattr(optimize, "LOW_GRADE_QUANTILE", 0.0)    # session 6's hold
    assert optimize_budget(fit).step == 0


def test_low_graded_data_steps_as_far_as_the_5th_percentile_allows(graded_low_quarter, monkeypatch):
    """Session 8 (fresh seeds, 120 plans): the 5th percentile on Low data, as elsewhere, moved more plans
    and lost none more than the 1st. Here a partway step really gains and its interval holds the gain (a quarter
    of the way until session 12; a tenth since the interval also holds the curve choices the data allow; with
    session 15's draw targets, `PLAN_TARGET = "all"`, half the way, really 234 against 69: not the default)."""
    import analysis.decisions.optimize as optimize

    fit, truth = graded_low_quarter
    spend = np.asarray(fit.dataset.spend, dtype=float)
    plan = optimize_budget(fit)
    real = float(truth.expected_sales(plan.new_plan).sum() - truth.expected_sales(spend).sum())
    assert plan.step == pytest.approx(0.1) and not plan.low_grade_hold
    assert 0 < real and plan.expected_delta_sales_low <= real <= plan.expected_delta_sales_high
    assert sum("graded Low" in w and "95 of 100 model draws" in w for w in plan.warnings) == 1
    monkeypatch.setattr(optimize, "LOW_GRADE_QUANTILE", 1.0)     # session 7's stricter test held here
    held = optimize_budget(fit)
    assert held.step == 0 and held.low_grade_hold
    assert sum("clear of a loss in 99 of 100 model draws" in w for w in held.warnings) == 1


def test_low_graded_data_keeps_todays_mix_and_says_why(graded_low):
    from analysis.quality import model_quality
    assert model_quality(graded_low, backtest=False).grade == "Low"
    current = sum(r.current for r in optimize_budget(graded_low).allocation)
    for plan in (optimize_budget(graded_low), optimize_budget(graded_low, total_budget=1.2 * current),
                 *scenario_presets(graded_low)):
        assert plan.step == 0
        shares = np.array([r.recommended for r in plan.allocation]) / plan.total_budget
        assert np.allclose(shares, np.array([r.current for r in plan.allocation]) / current, atol=1e-9)
        if plan.total_budget == pytest.approx(current):      # today's mix gains nothing over itself
            assert plan.expected_delta_sales == pytest.approx(0.0, abs=1e-6)
        assert sum("explains too little of this data" in w and "run a test first" in w for w in plan.warnings) == 1


def test_goal_answer_on_low_graded_data_says_it_is_a_test(graded_low):
    plan = optimize_budget(graded_low, confident=False)      # what goal questions report: the optimum itself
    assert plan.step > 0
    assert sum("explains too little of this data" in w and "a test to run" in w for w in plan.warnings) == 1


def test_low_graded_answer_gives_the_real_reason_and_a_limited_plan_says_what_it_keeps(graded_low, sample_fit):
    """The answer's own words: on Low-graded data the plan is held for the grade (not "its range includes a
    loss"), and it never says "the current split is already close to the best one" while quoting a better
    optimum; with a stated limit that moves a channel, it keeps the FREE channels in today's split."""
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    low = ask(Session.from_fit(graded_low, charts=False, offline=True), "How should we split the same budget?")
    assert low.data["low_grade_hold"] is True
    assert any("graded Low" in f for f in low.facts)
    assert not any("range includes a loss" in f or "already close to the best" in f for f in low.facts)
    limited = ask(Session.from_fit(sample_fit, charts=False, offline=True), "Keep TV at $500k and optimise the rest")
    assert limited.data["low_grade_hold"] is False
    kept = [f for f in limited.facts if "too uncertain to recommend" in f]
    assert kept and all("limits leave free in today's split" in f and "keeps today's mix" not in f for f in kept)


def test_plan_hold_and_quality_answer_name_the_grade_plans_use(graded_low, sample_fit, monkeypatch):
    """The hold uses the fit-only grade; the model-quality answer adds the backtest. Where the two could
    differ, the hold's line says which grade it uses and the quality answer says which one plans use."""
    import analysis.decisions.optimize as optimize
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    held = optimize_budget(graded_low)
    assert any("graded Low on the fit alone, before the backtest" in w for w in held.warnings)
    agree = ask(Session.from_fit(sample_fit, charts=False, offline=True), "How reliable is the model?")
    assert agree.data["plan_grade_low"] is (agree.data["grade"] == "Low")
    assert not any("Budget plans use the grade" in f for f in agree.facts)
    monkeypatch.setattr(optimize, "low_grade", lambda fit: agree.data["grade"] != "Low")   # the two grades differ
    differ = ask(Session.from_fit(sample_fit, charts=False, offline=True), "How reliable is the model?")
    assert sum("Budget plans use the grade from the fit alone, before the backtest" in f for f in differ.facts) == 1


def test_always_on_hold_option_keeps_channels_that_spend_every_week(entangled, monkeypatch):
    """The measured option `ALWAYS_ON_HOLD` (off by default: it kept today's mix on most benchmark data)."""
    import analysis.decisions.optimize as optimize_module
    import analysis.fit as fit_module

    # a fit whose plan moves Digital: the pair's intervals as before session 10 (each member given the other's
    # curve; since then Radio's reaches zero and the plan keeps today's mix, see tests/test_entangled_intervals.py)
    monkeypatch.setattr(fit_module, "ENTANGLED_SPEND", 1.01)
    fit = fit_mmm(entangled[0].dataset)
    spend = np.asarray(fit.dataset.spend, dtype=float)
    always_on = [c.name for j, c in enumerate(fit.channels) if bool((spend[:, j] > 0).all())]
    assert always_on == ["Digital"]
    moved = optimize_budget(fit)
    assert abs(moved.get("Digital").recommended - moved.get("Digital").current) > 1e-6 * moved.get("Digital").current
    monkeypatch.setattr(optimize_module, "ALWAYS_ON_HOLD", True)
    held = optimize_budget(fit)
    assert held.get("Digital").recommended == pytest.approx(held.get("Digital").current, rel=1e-9)
    assert held.total_budget == pytest.approx(moved.total_budget, rel=1e-9)
