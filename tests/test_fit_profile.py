"""The oracle check of benchmarks/fit_profile.py: tells a fit error from a data limit (issue 10)."""
from types import SimpleNamespace

import numpy as np

from analysis.design import baseline_design
from analysis.model import Transform
from benchmarks.fit_profile import oracle
from data.hard_scenarios import HARD_CLASSES


def _scenario():
    scenario = HARD_CLASSES["clean"](1)
    design = baseline_design(scenario.dataset.dates, scenario.dataset.controls, scenario.dataset.control_names, 2)
    return scenario, design.matrix


def _fit_with(curves):
    return SimpleNamespace(channels=[SimpleNamespace(transforms=c) for c in curves])


def test_a_fit_on_the_true_curves_is_no_worse_than_the_truth_and_recovers_its_coefficients():
    scenario, base = _scenario()
    truth = scenario.truth
    fit = _fit_with([(Transform(1.0, t.decay, t.half_saturation, t.shape),) for t in truth.channels])
    rows = oracle(scenario.dataset, truth, fit, base)
    assert [r[0] for r in rows] == [*truth.names, "all"]
    assert all(abs(nats) < 1e-9 for *_, nats in rows)
    for _, ratio, se, _ in rows[:-1]:        # each coefficient within 3 SE of the truth ...
        assert abs(ratio - 1.0) < 3 * se
    assert rows[0][0] == "TV" and rows[0][2] < 0.05   # ... and bursty TV's pinned to 5% on 208 clean weeks


def test_a_wrong_curve_shows_as_a_gain_for_the_true_one():
    scenario, base = _scenario()
    truth = scenario.truth
    curves = [(Transform(1.0, t.decay, t.half_saturation, t.shape),) for t in truth.channels]
    first = truth.channels[0]
    curves[0] = (Transform(1.0, 0.0, first.half_saturation * 20.0, 1.0),)   # no carry-over, nearly linear
    rows = oracle(scenario.dataset, truth, _fit_with(curves), base)
    assert rows[0][3] > 2.0 and rows[-1][3] > 2.0     # the data prefer the true curve by over 2 nats
    assert np.allclose([r[3] for r in rows[1:-1]], 0.0, atol=1e-6)   # the others were already true


def test_the_what_if_floor_is_the_noise_of_least_squares_on_the_true_curves():
    """Noise-free sales: the true curves give every what-if to about 1% (the baseline's trend times season
    is not exactly in the design); 208 clean weeks: 7%; 12% noise: more than the change itself."""
    from dataclasses import replace

    from benchmarks.fit_profile import whatif_floor

    scenario = HARD_CLASSES["clean"](1)
    dataset, truth = scenario.dataset, scenario.truth
    quiet = replace(dataset, sales=truth.expected_sales(np.asarray(dataset.spend, dtype=float)))
    assert whatif_floor(quiet, truth) < 0.02
    assert 0.05 < whatif_floor(dataset, truth) < 0.10
    noisy = HARD_CLASSES["noisy"](1)
    assert whatif_floor(noisy.dataset, noisy.truth) > 1.0
