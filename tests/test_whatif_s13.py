"""s13-whatif: what-ifs on always-on channels (issue 10 item 4) and the one definition of "on air every week"."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.dataset import Dataset, always_on


def _dataset(spend: np.ndarray) -> Dataset:
    n = len(spend)
    return Dataset(pd.date_range("2022-01-03", periods=n, freq="W-MON"), np.full(n, 100.0), spend,
                   tuple(f"C{j}" for j in range(spend.shape[1])), tuple(f"c{j}" for j in range(spend.shape[1])),
                   "sales")


def test_always_on_is_spend_in_every_week():
    spend = np.array([[1.0, 0.0, 2.0], [1.0, 3.0, 2.0], [2.0, 1.0, 1e-9]])
    assert always_on(spend).tolist() == [True, False, True]
    assert always_on(np.zeros((4, 0))).shape == (0,)


def test_the_fit_reach_reads_the_same_always_on_channels():
    """`fit._lognormal_reach_applies` ("largest_on"): the channel with the most spend, when `always_on` says it spent
    every week; a channel with one week off air never qualifies, however large."""
    from analysis.fit import _lognormal_reach_applies

    spend = np.array([[50.0, 5.0, 1.0], [50.0, 0.0, 1.0], [60.0, 6.0, 1.0], [55.0, 5.0, 2.0]])
    assert always_on(spend).tolist() == [True, False, True]
    assert [_lognormal_reach_applies(_dataset(spend), j) for j in range(3)] == [True, False, False]
    spend[1, 0] = 0.0   # the largest channel off air one week: no channel's reach is log-normal
    assert [_lognormal_reach_applies(_dataset(spend), j) for j in range(3)] == [False, False, False]


def test_demand_search_buys_paid_search_every_week_along_the_season():
    """`data.always_on.demand_search`: Paid Search on air every week with its budget following demand (its spend
    moves with the true baseline), truly concave with short carry-over; `wide` adds three always-on channels and
    leaves the first five as they were."""
    from data.always_on import demand_search

    scenario, again = demand_search(4), demand_search(4)
    spend = np.asarray(scenario.dataset.spend, dtype=float)
    assert scenario.dataset.channels[0] == "Paid Search" and bool(always_on(spend)[0])
    assert np.array_equal(spend, np.asarray(again.dataset.spend, dtype=float))
    assert np.corrcoef(spend[:, 0], scenario.truth.baseline)[0, 1] > 0.6
    paid_search = scenario.truth.channels[0]
    assert paid_search.decay <= 0.1 and paid_search.shape <= 1.1
    wide = demand_search(4, wide=True)
    wide_spend = np.asarray(wide.dataset.spend, dtype=float)
    assert wide_spend.shape[1] == 8 and always_on(wide_spend)[5:].all()
    assert np.array_equal(wide_spend[:, :5], spend)


def test_a_season_that_grows_with_sales_is_fitted_when_the_data_favour_it(growing_season_fit, monkeypatch):
    """The growing season's columns join the baseline when the first fit's BIC favours them (here), not on the
    sample, whose season has a fixed swing; every later use of the baseline picks the fit's columns by name."""
    import analysis.fit as fit_module
    from analysis.decisions.joint_draws import _baseline_matrix
    from data.sample_data import sample_dataset

    scenario, fit = growing_season_fit
    assert {"trend x sin1", "trend x cos1"} <= set(fit.baseline_names)
    spend = np.asarray(scenario.dataset.spend, dtype=float)
    np.testing.assert_allclose(fit.predict_for(scenario.dataset.dates, spend, np.asarray(scenario.dataset.controls)),
                               fit.predict(spend), rtol=1e-9)
    assert _baseline_matrix(fit).shape[1] == len(fit.baseline_names) + len(fit.one_off_weeks)
    monkeypatch.setattr(fit_module, "SEASON_GROWS", "bic")
    assert "trend x sin1" not in fit_module.fit_mmm(sample_dataset()).baseline_names
