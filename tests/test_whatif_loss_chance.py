"""A what-if's chance of a loss agrees with its 90% interval (both come from the same draws)."""
import itertools

import pytest

from analysis.decisions.scenario import Shift, run_scenario


def test_shift_whose_interval_reaches_a_loss_says_so(sample_fit):
    # the reviewer's case: "move 20% of Print into Social" said 4% beside an interval down to −$57k
    result = run_scenario(sample_fit, shift=Shift("Print", "Social", percentage=20.0))
    assert result.delta_sales_low < 0 < result.delta_sales
    assert result.prob_loss >= 0.05


@pytest.mark.parametrize("pct", [-50.0, -20.0, 20.0, 50.0])
def test_chance_of_loss_matches_the_interval_for_every_channel(sample_fit, pct):
    for name in sample_fit.channel_names:
        r = run_scenario(sample_fit, {name: pct})
        if r.delta_sales_low > 0:
            assert r.prob_loss < 0.05, (name, pct, r.prob_loss)
        if r.delta_sales_high < 0:
            assert r.prob_loss > 0.95, (name, pct, r.prob_loss)
        if r.delta_sales_low < 0 < r.delta_sales_high:
            assert 0.05 <= r.prob_loss <= 0.95, (name, pct, r.prob_loss)


def test_shifts_between_every_pair_agree_with_their_interval(sample_fit):
    for a, b in itertools.permutations(sample_fit.channel_names, 2):
        r = run_scenario(sample_fit, shift=Shift(a, b, percentage=20.0))
        if r.delta_sales_low < 0 < r.delta_sales_high:
            assert 0.05 <= r.prob_loss <= 0.95, (a, b, r.prob_loss, r.delta_sales_low, r.delta_sales_high)
