"""Issue 15, fifteenth session (s15-wide): Meridian's default Hill priors for the curve of a channel on air every
week, measured on the wide exports and left off (`analysis.fit.WIDE_ALWAYS_ON_CURVE`; figures in docs/fit_history.md).
The switch must do what the docstring says it measured, so a later session can re-measure it."""
from __future__ import annotations

import numpy as np

from analysis.fit import FitConfig, grid_log_prior, meridian_log_prior
from tests.helpers import blind_wide_dataset


def _cells(config: FitConfig, log_prior: np.ndarray) -> np.ndarray:
    """The prior as (decay, ratio, shape) cells."""
    return log_prior.reshape(len(config.decays), len(config.saturation_ratios), len(config.shapes))


def test_meridians_prior_fixes_the_slope_at_one_and_centres_the_half_saturation_below_twice_typical_spend():
    config = FitConfig()
    cells = _cells(config, meridian_log_prior(config))
    one = config.shapes.index(1.0)
    others = [i for i in range(len(config.shapes)) if i != one]
    assert (cells[:, :, others] < cells[:, :, [one]].min() - 1e5).all()     # slope_m Deterministic(1.0)
    ratios = np.asarray(config.saturation_ratios)
    mass = np.exp(cells[0, :, one] - cells[0, :, one].max())
    # TruncatedNormal(0.8, 0.8) per log-spaced cell (density x ratio) peaks at 1.29x: the grid's 1.25
    assert ratios[int(np.argmax(mass))] == 1.25
    assert mass[list(ratios).index(4.0)] < 2e-3 and mass[list(ratios).index(0.15)] < 0.2
    # the decay prior stays the grid's own: the same step between decays as `grid_log_prior`
    ours = _cells(config, grid_log_prior(config))
    assert np.allclose(cells[:, 7, one] - cells[0, 7, one], ours[:, 7, one] - ours[0, 7, one])


def test_the_switch_gives_only_the_always_on_channels_of_a_wide_fit_slope_one(tmp_path, monkeypatch):
    """One 104-week blind export fitted twice (~4 s): by default an always-on channel's curve blends other shapes;
    under "meridian" every always-on channel's curve has shape 1 while a flighted channel's keeps the grid's."""
    import analysis.fit as fit_module

    dataset, _ = blind_wide_dataset(tmp_path, 391, 104)
    on = np.asarray(dataset.spend > 0).all(axis=0)
    assert on.any() and not on.all()

    def shapes(fit) -> tuple[set[float], set[float]]:
        always, flighted = set(), set()
        for j, channel in enumerate(fit.channels):
            (always if on[j] else flighted).update(t.shape for t in channel.transforms)
        return always, flighted

    default_on, default_off = shapes(fit_module.fit_mmm(dataset))
    assert default_on - {1.0}                            # before: the always-on curves are not held at slope 1
    monkeypatch.setattr(fit_module, "WIDE_ALWAYS_ON_CURVE", "meridian")
    meridian_on, meridian_off = shapes(fit_module.fit_mmm(dataset))
    assert meridian_on == {1.0}
    assert meridian_off - {1.0}                          # flighted channels keep the grid's shapes
