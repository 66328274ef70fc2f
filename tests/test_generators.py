"""The ground-truth generators keep the promises benchmarks rely on: shapes, the hard property
each class is named for, a truth that adds up to the noise-free data, and one world per seed."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.transforms import geometric_adstock
from data.hard_scenarios import HARD_CLASSES
from data.panels import make_panel
from data.wide_exports import make_wide_export

SEEDS = (0, 1, 2)


# --- hard decision classes ---------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(HARD_CLASSES))
@pytest.mark.parametrize("seed", SEEDS)
def test_hard_class_truth_adds_up_and_media_share_in_range(name, seed):
    scenario = HARD_CLASSES[name](seed)
    truth, data = scenario.truth, scenario.dataset
    expected = truth.baseline + truth.contributions().sum(axis=1)
    np.testing.assert_allclose(truth.expected_sales(), expected)
    np.testing.assert_allclose(sum(truth.contribution.values()), truth.contributions().sum())
    share = sum(truth.contribution.values()) / truth.expected_sales().sum()
    assert 0.15 <= share <= 0.35
    assert truth.baseline.min() > 0
    assert data.spend.shape == truth.spend.shape
    np.testing.assert_allclose(data.spend, truth.spend, atol=1e-3)
    for channel, roi in truth.roi.items():   # ROI is contribution / spend, as promised
        j = truth.names.index(channel)
        assert roi == pytest.approx(truth.contribution[channel] / truth.spend[:, j].sum())


@pytest.mark.parametrize("name", sorted(HARD_CLASSES))
def test_hard_class_is_deterministic_per_seed_and_differs_across_seeds(name):
    a, b, c = HARD_CLASSES[name](3), HARD_CLASSES[name](3), HARD_CLASSES[name](4)
    np.testing.assert_array_equal(a.dataset.sales, b.dataset.sales)
    assert a.truth.roi == b.truth.roi
    assert a.truth.roi != c.truth.roi


@pytest.mark.parametrize("seed", SEEDS)
def test_hard_classes_have_their_named_property(seed):
    promos = HARD_CLASSES["short_promos"](seed)
    assert promos.dataset.spend.shape == (104, 6)
    jumps = np.diff(promos.truth.baseline)
    assert np.sum(jumps > 0.15 * promos.truth.baseline.mean()) == 3   # three unrecorded spikes

    entangled = HARD_CLASSES["entangled"](seed)
    assert entangled.dataset.n_weeks == 156
    tv, video = (entangled.dataset.spend[:, entangled.dataset.channels.index(c)] for c in ("TV", "Video"))
    assert np.corrcoef(tv, video)[0, 1] >= 0.9

    noisy = HARD_CLASSES["noisy"](seed)
    residual = noisy.dataset.sales - noisy.truth.expected_sales()
    assert residual.std() / noisy.truth.expected_sales().mean() == pytest.approx(0.12, rel=0.2)

    clean = HARD_CLASSES["clean"](seed)
    assert clean.dataset.spend.shape == (208, 5)
    residual = clean.dataset.sales - clean.truth.expected_sales()
    assert residual.std() / clean.truth.expected_sales().mean() < 0.04

    carry = HARD_CLASSES["long_carryover"](seed).truth.channels[0]
    assert carry.name == "TV" and 0.8 <= carry.decay <= 0.9

    deep = HARD_CLASSES["deep_saturation"](seed)
    j = deep.truth.names.index("Search")
    search = deep.truth.channels[j]
    adstocked = geometric_adstock(deep.truth.spend[:, j], search.decay)
    assert adstocked[adstocked > 0].mean() >= 4 * search.half_saturation


# --- wide exports ------------------------------------------------------------------------------

@pytest.mark.parametrize("seed,weeks", [(0, 208), (1, 208), (2, 208), (0, 104)])
def test_wide_export_shape_and_roles(seed, weeks):
    frame, truth = make_wide_export(seed, weeks)
    assert len(frame) == weeks and frame.columns[:2].tolist() == ["date", "sales"]
    assert (pd.to_datetime(frame["date"]).diff().dropna() == pd.Timedelta(days=7)).all()
    assert 10 <= len(truth.spend_columns) <= 13
    assert all(c.endswith("_spend") for c in truth.spend_columns)
    assert 30 <= len(truth.control_columns) <= 50
    assert set(frame.columns) == {"date", "sales", *truth.spend_columns, *truth.control_columns}
    assert "competitor_spend" in truth.competitor_columns
    assert set(truth.competitor_columns) <= set(truth.control_columns)
    assert not set(truth.competitor_columns) & set(truth.spend_columns)
    assert all(truth.control_effects[c] < 0 for c in truth.competitor_columns)
    assert truth.control_effects["price"] < 0
    assert set(truth.relevant_controls) == set(truth.control_effects)
    irrelevant = set(truth.control_columns) - set(truth.relevant_controls)
    assert len(irrelevant) >= 20 and len(truth.relevant_controls) <= 10
    assert any(c.startswith("woy_") for c in irrelevant)


@pytest.mark.parametrize("seed", SEEDS)
def test_wide_truth_adds_up(seed):
    frame, truth = make_wide_export(seed)
    media = truth.media
    assert media.baseline.min() > 0
    np.testing.assert_allclose(truth.expected_sales(), media.baseline + media.contributions().sum(axis=1))
    assert truth.media_share == pytest.approx(sum(truth.contribution.values()) / frame["sales"].sum())
    assert 0.12 <= truth.media_share <= 0.38
    np.testing.assert_allclose(frame[list(truth.spend_columns)].to_numpy(), media.spend, atol=1e-3)
    residual = frame["sales"].to_numpy() - truth.expected_sales()
    assert residual.std() == pytest.approx(truth.noise_sd, rel=0.2)   # irrelevant columns add nothing


def test_wide_export_is_deterministic_per_seed():
    (a, ta), (b, tb), (c, _) = make_wide_export(5), make_wide_export(5), make_wide_export(6)
    pd.testing.assert_frame_equal(a, b)
    assert ta.control_effects == tb.control_effects
    assert not a["sales"].equals(c["sales"])


# --- geo panels --------------------------------------------------------------------------------

@pytest.mark.parametrize("seed,geos,weeks", [(0, 24, 156), (1, 12, 104), (2, 24, 156)])
def test_panel_layout_and_design(seed, geos, weeks):
    frame, truth = make_panel(seed, geos, weeks)
    assert len(frame) == geos * weeks
    assert {"time", "geo", "population", "conversions", "revenue_per_conversion",
            "competitor_sales_control", "sentiment_score_control", *truth.spend_columns} == set(frame.columns)
    assert frame["geo"].nunique() == geos and frame["time"].nunique() == weeks
    assert (frame.groupby("geo")["population"].nunique() == 1).all()
    assert truth.population.max() / truth.population.min() >= 10
    national = truth.spend.sum(axis=0)
    assert np.corrcoef(national[:, 0], national[:, 1])[0, 1] >= 0.9   # TV and Video: same national flights
    tilt = truth.spend[:, :, 1].sum(axis=1) / truth.spend[:, :, 0].sum(axis=1)
    assert tilt.max() / tilt.min() > 2                                 # markets weight the pair differently
    dark = (truth.spend == 0) & (national[None] > 0)
    assert dark.any(axis=(1, 2)).all()                                 # every market has dark weeks of its own
    rpc = frame.pivot(index="geo", columns="time", values="revenue_per_conversion")
    assert (rpc.std(axis=1) / rpc.mean(axis=1)).max() < 0.1            # roughly constant per geo


@pytest.mark.parametrize("seed", SEEDS)
def test_panel_truth_adds_up(seed):
    frame, truth = make_panel(seed, 12, 104)
    assert truth.baseline_kpi.min() > 0
    kpi = truth.expected_kpi()
    np.testing.assert_allclose(kpi, truth.baseline_kpi + truth.contributions_kpi().sum(axis=2))
    np.testing.assert_allclose(truth.expected_revenue(), (kpi * truth.revenue_per_conversion).sum(axis=0))
    observed = frame.pivot(index="geo", columns="time", values="conversions").loc[list(truth.geos)].to_numpy()
    assert np.median(np.abs(observed / kpi - 1)) < 0.08
    assert 0.12 <= truth.media_share <= 0.38
    for channel in truth.names:
        j = truth.names.index(channel)
        money = (truth.contributions_kpi()[:, :, j] * truth.revenue_per_conversion).sum()
        assert truth.roi[channel] == pytest.approx(money / truth.spend[:, :, j].sum())
        assert truth.roi_kpi[channel] * truth.revenue_per_conversion.min() <= truth.roi[channel]


def test_panel_curves_are_shared_per_capita():
    """Two markets given the same per-capita spend earn the same per-capita media KPI."""
    _, truth = make_panel(0, 12, 104)
    small, large = np.argmin(truth.population), np.argmax(truth.population)
    per_capita = truth.spend[small] / truth.population[small]
    plan = {truth.geos[large]: per_capita * truth.population[large]}
    lifted = truth.contributions_kpi(plan)
    np.testing.assert_allclose(lifted[large] / truth.population[large],
                               lifted[small] / truth.population[small], rtol=1e-9)


def test_panel_what_if_moves_revenue_the_right_way():
    _, truth = make_panel(1, 12, 104)
    cut = {g: s * 0.5 for g, s in truth.actual_spend_by_geo().items()}
    assert truth.expected_revenue(cut).sum() < truth.expected_revenue().sum()
    np.testing.assert_allclose(truth.expected_revenue(truth.actual_spend_by_geo()), truth.expected_revenue())


def test_panel_revenue_target_is_the_same_world():
    _, truth_kpi = make_panel(4, 12, 104, kpi=True)
    frame_rev, truth_rev = make_panel(4, 12, 104, kpi=False)
    assert "revenue" in frame_rev and "revenue_per_conversion" not in frame_rev and "conversions" not in frame_rev
    assert truth_rev.target == "revenue" and truth_kpi.target == "conversions"
    np.testing.assert_array_equal(truth_kpi.spend, truth_rev.spend)
    assert truth_kpi.roi == truth_rev.roi


def test_panel_is_deterministic_per_seed():
    (a, ta), (b, _), (c, _) = make_panel(7, 12, 104), make_panel(7, 12, 104), make_panel(8, 12, 104)
    pd.testing.assert_frame_equal(a, b)
    assert ta.roi == make_panel(7, 12, 104)[1].roi
    assert not a["conversions"].equals(c["conversions"])
