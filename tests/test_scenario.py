"""What-if scenarios: deltas agree with the model's own predictions, shifts keep spend, guards warn."""
import numpy as np
import pytest

from analysis.decisions.scenario import Shift, run_scenario, scale_all
from analysis.errors import InfeasibleError


@pytest.fixture(scope="module")
def fit(sample_fit):
    return sample_fit   # the session-wide fit (tests/conftest.py)


@pytest.mark.parametrize("changes", [{"TV": -20}, {"Digital": 30, "Radio": 50}, {"Social": 150}],
                         ids=["cut-one", "two-channels", "big-raise"])
def test_delta_equals_predict_difference(fit, changes):
    result = run_scenario(fit, changes)
    expected = fit.predict(result.new_plan).sum() - fit.predict().sum()
    assert result.delta_sales == pytest.approx(expected, rel=1e-9)
    assert result.delta_sales_low <= result.delta_sales <= result.delta_sales_high
    assert result.delta_sales_pct == pytest.approx(100 * expected / fit.predict().sum())
    for name, pct in changes.items():
        j = fit.channel_names.index(name)
        assert result.new_plan[:, j] == pytest.approx(fit.dataset.spend[:, j] * (1 + pct / 100))
        assert dict(result.changes)[name] == pytest.approx(pct)


@pytest.mark.parametrize("channel", ["TV", "Digital", "Social"])
def test_signs_of_small_changes(fit, channel):
    up, down = run_scenario(fit, {channel: 10}), run_scenario(fit, {channel: -10})
    assert up.delta_sales > 0 > down.delta_sales
    assert up.delta_spend > 0 > down.delta_spend
    assert up.return_on_change == pytest.approx(up.delta_sales / up.delta_spend)
    # diminishing returns: the next 10% earns less than the last 10% saved
    assert up.delta_sales < -down.delta_sales


def test_shift_keeps_total_spend(fit):
    result = run_scenario(fit, shift=Shift("Print", "Social", percentage=10))
    assert result.new_spend == pytest.approx(result.base_spend, rel=1e-12)
    assert result.delta_spend == 0.0 and result.return_on_change is None
    changes = dict(result.changes)
    assert changes["Print"] == pytest.approx(-10)
    moved = 0.1 * fit.channel("Print").spend
    assert result.get("Social").delta_spend == pytest.approx(moved)
    assert changes["Social"] == pytest.approx(100 * moved / fit.channel("Social").spend)


def test_amount_is_spread_in_proportion_to_the_plan(fit):
    result = run_scenario(fit, amounts={"TV": 50.0})
    j = fit.channel_names.index("TV")
    old, new = fit.dataset.spend[:, j], result.new_plan[:, j]
    on = old > 0
    assert result.delta_spend == pytest.approx(50.0)
    assert np.allclose(new[on] / old[on], 1 + 50.0 / old.sum())
    assert np.all(new[~on] == 0)
    assert result.label == "TV +$50.0k"


def test_every_channel_at_once(fit):
    result = scale_all(fit, -10)
    assert result.delta_spend == pytest.approx(-0.1 * fit.dataset.spend.sum())
    assert result.delta_sales < 0
    assert len(result.changes) == len(fit.channel_names)


def test_extrapolation_warning_only_beyond_the_guard(fit):
    far = run_scenario(fit, {"TV": 300})
    assert far.extrapolated == ("TV",) and far.get("TV").extrapolated
    assert any("extrapolated" in w for w in far.warnings)
    near = run_scenario(fit, {"TV": 10})
    assert near.extrapolated == () and not any("extrapolated" in w for w in near.warnings)


def test_margin_reports_profit(fit):
    result = run_scenario(fit, {"Digital": 20}, margin=0.4)
    assert result.profit_delta == pytest.approx(0.4 * result.delta_sales - result.delta_spend)
    assert result.profit_delta_low <= result.profit_delta <= result.profit_delta_high


@pytest.mark.parametrize("kwargs", [
    {"changes": {"TV": -150}},
    {"changes": {"TV": 400}},
    {"changes": {"Cinema": 10}},
    {"amounts": {"Print": -1e9}},
    {"shift": Shift("TV", "TV", percentage=10)},
    {"shift": Shift("TV", "Radio", percentage=120)},
    {"changes": {"TV": 10}, "margin": 40},
], ids=["below-minus-100", "above-plus-300", "unknown-channel", "cut-more-than-spent", "shift-to-itself",
        "shift-over-100", "margin-as-percent"])
def test_infeasible_requests_raise_one_line(fit, kwargs):
    with pytest.raises(InfeasibleError) as info:
        run_scenario(fit, **kwargs)
    assert "\n" not in str(info.value) and len(str(info.value)) > 20


def test_interval_is_reproducible_and_ordered(fit):
    a = run_scenario(fit, {"Radio": 50}, seed=3)
    b = run_scenario(fit, {"Radio": 50}, seed=3)
    assert (a.delta_sales_low, a.delta_sales_high) == (b.delta_sales_low, b.delta_sales_high)
    assert a.delta_sales_low < a.delta_sales < a.delta_sales_high
