"""Issue 15, thirteenth session (s13-wide): the wide benchmark splits its ROI error into level and split parts and
says how far its median could move with the seeds alone, so a change is not judged on one set's luck."""
from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from benchmarks.bench_wide import level_split, median_range
from tests.helpers import blind_wide_dataset, record_pools


def test_level_split_separates_the_media_total_from_the_split_between_channels():
    true = np.array([100.0, 300.0, 600.0])
    # every channel 30% high: all of the error is level, none is split
    level, split = level_split(1.3 * true, true)
    assert np.isclose(level, 0.3) and np.isclose(split, 0.0)
    # the right total, shared out wrongly: all of it is split (200 moved from the third channel to the first)
    level, split = level_split(np.array([300.0, 300.0, 400.0]), true)
    assert np.isclose(level, 0.0) and np.isclose(split, 0.4)
    # both: media 20% low and the first two swapped; split is measured after scaling to the true total
    level, split = level_split(0.8 * np.array([300.0, 100.0, 600.0]), true)
    assert np.isclose(level, 0.2) and np.isclose(split, 0.4)


def test_median_range_is_the_seed_noise_of_a_median_over_that_many_exports():
    """Thirty exports of the first generator (6990-7019, this session's baseline) had errors with sd 0.105: a
    median over twenty of them ranges over about 0.06, so 0.300 -> 0.372 between two fresh sets of twenty was
    within the seeds' own noise."""
    def spread_like_errors(n: int) -> list[float]:   # n exports' errors at evenly spaced normal quantiles
        return list(0.33 + 0.105 * ndtri((np.arange(n) + 0.5) / n))

    errors = spread_like_errors(20)
    low, high = median_range(errors)
    assert low < float(np.median(errors)) < high
    assert 0.04 < high - low < 0.12
    assert median_range(errors) == (low, high)                     # the same draws every run: reproducible
    narrow = median_range(spread_like_errors(80))
    assert narrow[1] - narrow[0] < 0.6 * (high - low)              # four times the exports: about half the range
    assert median_range([0.3] * 10) == (0.3, 0.3)


def test_the_pooled_prior_lets_each_channel_as_far_from_the_centre_as_the_exports_scatter(tmp_path, monkeypatch):
    """Wide data: the channels' true ROIs scatter by 0.5-0.8 x their mean, but the pooled prior's spread sat at its
    floor 0.4 x centre, so every channel was held near one ROI (the split error followed the true ROI). The prior's
    floor is now 0.6; the centre's own weights keep 0.4 (raising that too let the noisiest channels lift the centre).
    Blind export 391: ROI error 0.313 -> 0.232 (on 64 exports: better on 49, worse on 14). Two wide fits, ~4 s."""
    import analysis.fit as fit_module
    from analysis.fit import fit_mmm
    from data.scenarios import weighted_roi_error

    dataset, truth = blind_wide_dataset(tmp_path, 391)
    pools = record_pools(monkeypatch)

    def error(fit) -> float:
        names = dict(zip(fit.dataset.spend_columns, fit.dataset.channels))
        estimated = {n: fit.channel(names[col]).contribution for n, col in zip(truth.media.names, truth.spend_columns)}
        return weighted_roi_error(estimated, truth.media)

    new = error(fit_mmm(dataset))
    centre, spread = pools[-1]
    assert spread >= 0.6 * centre * (1 - 1e-12)
    monkeypatch.setattr(fit_module, "WIDE_PRIOR_SPREAD", 0.4)      # the rule before: one floor, 0.4
    old = error(fit_mmm(dataset))
    old_centre, old_spread = pools[-1]
    assert old_spread < 0.6 * old_centre                            # at its floor: 0.4 x centre
    assert new < old - 0.05                                         # measured: 0.313 -> 0.232
