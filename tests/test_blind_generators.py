"""The blind generators keep the promises the benchmarks rely on: data/wide_exports_blind.py (issue 15)
and data/hard_scenarios_blind2.py (issue 10). Properties of the data and its truth only, no engine figures."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from data.hard_scenarios_blind2 import HARD_CLASSES, marginal_to_average, noise_share
from data.wide_exports_blind import make_wide_export

WIDE_SEEDS = (5, 17, 29)
HARD_SEEDS = range(5)


# --- wide exports -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", WIDE_SEEDS)
def test_wide_export_has_the_promised_columns(seed):
    frame, truth = make_wide_export(seed)
    assert len(frame) == 208
    assert 10 <= len(truth.spend_columns) <= 13
    assert 30 <= len(truth.control_columns) <= 50
    assert list(frame.columns[:2]) == ["date", "sales"]
    assert set(frame.columns) == {"date", "sales", *truth.spend_columns, *truth.control_columns}
    assert len(set(frame.columns)) == len(frame.columns)
    assert pd.DatetimeIndex(frame["date"]).to_series().diff().dropna().dt.days.eq(7).all()
    assert not frame.isna().any().any()
    assert all("spend" in c.lower() for c in truth.spend_columns)
    assert truth.competitor_columns and set(truth.competitor_columns) <= set(truth.control_columns)
    assert set(truth.relevant_controls) <= set(truth.control_columns)
    assert set(truth.control_effects) == set(truth.relevant_controls)
    assert 5 <= len(truth.relevant_controls) <= 9
    kinds = " ".join(truth.relevant_controls)
    for word in ("price", "hol_"):
        assert word in kinds
    assert any(c.startswith(("woy_", "week_of_year_", "seas_wk_")) for c in truth.control_columns)


@pytest.mark.parametrize("seed", WIDE_SEEDS)
def test_wide_truth_reproduces_noise_free_sales(seed):
    frame, truth = make_wide_export(seed)
    assert np.allclose(truth.media.spend, frame[list(truth.spend_columns)].to_numpy())
    noise = frame["sales"].to_numpy() - truth.expected_sales()
    assert abs(noise.mean()) < 0.25 * truth.noise_sd
    assert 0.8 < noise.std() / truth.noise_sd < 1.2
    assert truth.media.baseline.min() > 0
    media = truth.media.contributions().sum()
    assert truth.media_share == pytest.approx(media / frame["sales"].sum())
    assert 0.05 < truth.media_share < 0.4
    # any plan is scored: no spend leaves exactly the baseline, more spend on a channel sells more
    assert np.allclose(truth.expected_sales(np.zeros_like(truth.media.spend)), truth.media.baseline)
    more = truth.media.spend.copy()
    more[:, 0] *= 1.2
    assert truth.expected_sales(more).sum() > truth.expected_sales().sum()


@pytest.mark.parametrize("seed", WIDE_SEEDS)
def test_wide_control_effects_are_the_baselines_per_unit_effects(seed):
    """Regress the noise-free baseline on every control plus trend x two-harmonic season: the relevant
    controls come back with their stated effects and every other control with none."""
    frame, truth = make_wide_export(seed)
    dates = pd.DatetimeIndex(frame["date"])
    day = dates.day_of_year.to_numpy(dtype=float)
    t = np.arange(len(frame), dtype=float)
    smooth = [np.ones_like(t), t]
    for h in (1, 2):
        for f in (np.cos, np.sin):
            wave = f(2 * np.pi * h * day / 365.25)
            smooth += [wave, t * wave]
    controls = list(truth.control_columns)
    X = np.column_stack(smooth + [frame[c].to_numpy(dtype=float) for c in controls])
    coef, *_ = np.linalg.lstsq(X, truth.media.baseline, rcond=None)
    fitted = dict(zip(controls, coef[len(smooth):]))
    for name in controls:
        effect = truth.control_effects.get(name, 0.0)
        scale = np.abs(frame[name].to_numpy(dtype=float) - frame[name].mean()).max()
        assert abs(fitted[name] - effect) * scale < 1e-6 * truth.media.baseline.mean(), name


def test_wide_export_is_deterministic_and_seeds_differ():
    a, ta = make_wide_export(7)
    b, tb = make_wide_export(7)
    pd.testing.assert_frame_equal(a, b)
    c, tc = make_wide_export(8)
    assert ta.spend_columns != tc.spend_columns or not np.allclose(a["sales"], c["sales"])


def test_short_wide_export_is_the_recent_history_of_the_same_business():
    long, tl = make_wide_export(11, 208)
    short, ts = make_wide_export(11, 104)
    assert len(short) == 104
    assert list(short["date"]) == list(long["date"].iloc[-104:])
    assert ts.spend_columns == tl.spend_columns and set(ts.control_columns) == set(tl.control_columns)
    assert np.allclose(short[list(ts.spend_columns)], long[list(tl.spend_columns)].iloc[-104:])


def test_wide_export_refuses_less_than_a_year():
    with pytest.raises(ValueError, match="52 weeks"):
        make_wide_export(1, 40)


# --- hard decision classes ------------------------------------------------------------------------

def test_the_six_classes_of_issue_10():
    assert set(HARD_CLASSES) == {"short_promos", "entangled", "noisy", "clean", "long_carryover",
                                 "deep_saturation"}


@pytest.mark.parametrize("cls", sorted(HARD_CLASSES))
def test_hard_scenario_truth_reproduces_noise_free_sales(cls):
    for seed in HARD_SEEDS:
        scenario = HARD_CLASSES[cls](seed)
        data, truth = scenario.dataset, scenario.truth
        assert scenario.name == cls
        assert len(data.sales) == len(data.dates) == data.spend.shape[0] == truth.spend.shape[0]
        assert data.spend.shape[1] == len(data.channels) == len(truth.channels)
        assert np.allclose(data.spend, truth.spend)
        assert truth.baseline.min() > 0
        noise = data.sales - truth.expected_sales()
        assert abs(noise.mean()) < 0.3 * noise.std()
        assert 0.005 < noise_share(scenario) < 0.15
        media = truth.contributions().sum() / truth.expected_sales().sum()
        assert 0.1 < media < 0.4
        assert np.allclose(truth.expected_sales(np.zeros_like(truth.spend)), truth.baseline)


@pytest.mark.parametrize("cls", sorted(HARD_CLASSES))
def test_hard_scenarios_are_deterministic_and_differ_by_seed(cls):
    a, b, c = HARD_CLASSES[cls](3), HARD_CLASSES[cls](3), HARD_CLASSES[cls](4)
    assert np.array_equal(a.dataset.sales, b.dataset.sales)
    assert a.truth.roi == b.truth.roi
    assert a.truth.roi != c.truth.roi


def _max_pair_correlation(spend: np.ndarray) -> float:
    return max(float(np.corrcoef(spend[:, i], spend[:, j])[0, 1])
               for i, j in itertools.combinations(range(spend.shape[1]), 2))


def test_short_promos_is_two_years_six_channels_three_unmodelled_spikes():
    for seed in HARD_SEEDS:
        scenario = HARD_CLASSES["short_promos"](seed)
        assert scenario.dataset.spend.shape == (104, 6)
        base = pd.Series(scenario.truth.baseline)
        ratio = base / base.rolling(9, center=True, min_periods=1).median()
        starts = [i for i in range(len(ratio)) if ratio[i] > 1.1 and (i == 0 or ratio[i - 1] <= 1.1)]
        assert len(starts) == 3


def test_entangled_pair_moves_together():
    for seed in HARD_SEEDS:
        assert _max_pair_correlation(HARD_CLASSES["entangled"](seed).dataset.spend) >= 0.9


def test_noisy_has_twelve_percent_noise():
    shares = [noise_share(HARD_CLASSES["noisy"](seed)) for seed in HARD_SEEDS]
    assert 0.105 < float(np.mean(shares)) < 0.135


def test_clean_is_long_quiet_and_untangled():
    for seed in HARD_SEEDS:
        scenario = HARD_CLASSES["clean"](seed)
        assert len(scenario.dataset.sales) == 208
        assert noise_share(scenario) < 0.035
        assert _max_pair_correlation(scenario.dataset.spend) < 0.9


def test_long_carryover_has_a_slow_channel():
    for seed in HARD_SEEDS:
        assert max(c.decay for c in HARD_CLASSES["long_carryover"](seed).truth.channels) >= 0.75


def test_deep_saturation_has_a_channel_with_little_left_at_the_margin():
    for seed in HARD_SEEDS:
        scenario = HARD_CLASSES["deep_saturation"](seed)
        ratios = {name: marginal_to_average(scenario, name) for name in scenario.truth.names}
        assert min(ratios.values()) < 1 / 3
        assert max(ratios.values()) > 0.4      # the others still have room: a plan can move money
