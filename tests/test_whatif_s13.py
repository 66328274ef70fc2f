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
