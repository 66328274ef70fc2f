"""Wide exports, session 11 (issue 15): the media total's interval holds the pooled prior's centre's own error."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from analysis.fit import fit_mmm
from analysis.loading import load_csv


@pytest.fixture(scope="module")
def blind_202(tmp_path_factory):
    """Blind wide export 202 (208 weeks): the pool's centre sits at 0.87 against a true pooled ROI of 1.65 and
    pulls every channel down with it: media 15.8% of sales against a true 29.1%."""
    from data.wide_exports_blind import make_wide_export

    frame, truth = make_wide_export(202)
    path = tmp_path_factory.mktemp("blind") / "blind_202.csv"
    frame.to_csv(path, index=False)
    return fit_mmm(load_csv(path)), truth


def test_the_media_interval_holds_the_pool_centres_error_where_the_centre_is_off(blind_202):
    """Given the centre, the channels' ranges are each narrow around it and the media total's interval missed the
    truth (2.9-28.7% against a true 29.1%); the centre is one estimate shared by every pooled channel, so its error
    moves them all at once and the interval must carry it."""
    fit, truth = blind_202
    total = float(fit.decomposition.actual.sum())
    shift = np.array(fit.pool_shift)
    assert len(shift) == len(fit.channels)
    live = np.array([c.coef > 0 for c in fit.channels])
    assert (shift[live] > 0).all() and (shift[~live] == 0).all()   # a higher centre lifts every pooled channel
    low, high = fit.media_interval
    given_centre = replace(fit, pool_shift=()).media_interval
    assert not given_centre[0] <= truth.media_share * total <= given_centre[1]
    assert low <= truth.media_share * total <= high
    assert high - given_centre[1] > 0.01 * total                    # measured: 28.7% -> 31.1%
    assert (high - low) / total < 0.35


def test_narrow_data_has_no_pool_centre_term(sample_fit):
    """The sample's media interval (15.3%-19.9% in the README) does not change: the term is wide data's."""
    assert sample_fit.pool_shift == ()

