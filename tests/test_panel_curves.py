"""A panel channel tabulates the optimiser's curve in one pass (`PanelChannelFit.scaled_response`): the same
totals and slopes as calling the channel once per plan (and twice more per slope), which took about half of a
Meridian plan answer's time."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from analysis.loading import load_csv

MERIDIAN_SAMPLE = Path(__file__).parent / "data" / "meridian_geo_sample.csv"


@pytest.fixture(scope="module")
def fit():
    from analysis.estimate import fit_model

    return fit_model(load_csv(MERIDIAN_SAMPLE))


@pytest.mark.parametrize("horizon", [None, 26])
def test_one_pass_gives_the_channels_own_totals_and_slopes(fit, horizon):
    from analysis.decisions.optimize import _exact_response

    spend = np.asarray(fit.dataset.spend, dtype=float)
    n = len(spend)
    inside = np.ones(n, dtype=bool) if horizon is None else np.arange(n) >= n - horizon
    for j, channel in enumerate(fit.channels):
        if channel.coef == 0.0:
            continue
        share = np.where(inside, spend[:, j], 0.0)
        share = share / share.sum()
        base = None if horizon is None else np.where(inside, 0.0, spend[:, j])
        nodes = np.linspace(0.0, 3.0 * spend[inside, j].sum(), 13)
        values, slopes = channel.scaled_response(share, nodes, base)
        want_values, want_slopes = _exact_response(channel, share, nodes, base)
        np.testing.assert_allclose(values, want_values, rtol=1e-12, atol=1e-9 * np.abs(want_values).max())
        assert np.isnan(slopes[0]) and np.isnan(want_slopes[0])      # no marginal return at zero spend
        np.testing.assert_allclose(slopes[1:], want_slopes[1:], rtol=1e-6)
        assert values[-1] > values[1] > 0 and np.all(slopes[1:] > 0)
