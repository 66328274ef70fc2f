"""benchmarks/fit_vs_truth.py: fitted against true curves per channel, in the fit grid's units (issue 10 diagnosis)."""
import numpy as np
import pandas as pd

from analysis.fit import FitConfig, _bank
from benchmarks.fit_vs_truth import channel_rows, kind, ratio_of
from data.synthetic import ChannelSpec, simulate


def test_the_half_saturation_ratio_is_read_in_the_generators_and_the_grids_unit():
    """A generator's half_saturation_ratio comes back from its truth, and a grid candidate's ratio is the grid's."""
    flights = np.where(np.arange(104) % 8 < 3, 50.0, 0.0)
    spec = ChannelSpec("TV", "tv_spend", flights, decay=0.6, half_saturation_ratio=0.4, shape=1.8, roi=2.0)
    dates = pd.date_range("2022-01-03", periods=104, freq="W-MON")
    _, truth = simulate(dates, [spec], np.full(104, 1000.0), 0.02, seed=3)
    channel = truth.channels[0]
    assert abs(ratio_of(flights, channel.decay, channel.half_saturation) - 0.4) < 1e-9
    config = FitConfig()
    bank = _bank(flights, config)
    decay, k, _ = bank.params[-1]
    assert abs(ratio_of(flights, decay, k) - config.saturation_ratios[-1]) < 1e-9
    assert ratio_of(flights, 0.9, k) != ratio_of(flights, 0.0, k)   # the unit moves with the carry-over


def test_kinds_of_channel_split_at_every_week_and_half_the_weeks():
    assert (kind(1.0), kind(0.99), kind(0.5), kind(0.49)) == ("always", "mostly", "mostly", "flighted")


def test_rows_carry_the_truths_parameters_and_non_negative_error_shares_in_the_clean_range():
    from data.hard_scenarios import HARD_CLASSES

    scenario = HARD_CLASSES["clean"](1)
    rows = channel_rows(scenario)
    truth = scenario.truth
    assert [r["name"] for r in rows] == list(truth.names)
    assert [r["decay"][0] for r in rows] == [c.decay for c in truth.channels]
    assert [r["shape"][0] for r in rows] == [c.shape for c in truth.channels]
    assert all(r["err"] >= 0 for r in rows)
    # 208 clean weeks: the engine's single-channel what-ifs are within a third of the truth (session 8's clean class)
    assert 0 < sum(r["err"] for r in rows) < 0.35
    spend = np.asarray(scenario.dataset.spend, dtype=float)
    assert [r["on"] for r in rows] == [float(np.mean(spend[:, j] > 0)) for j in range(spend.shape[1])]
