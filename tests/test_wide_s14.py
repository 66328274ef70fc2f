"""Issue 15, fourteenth session (s14-wide): the wide prior's spread floor is a FitConfig value (a config could not
lower it before: the second pair of eyes' finding #10), and the wide benchmark writes its rows for paired runs."""
from __future__ import annotations

import json

import pytest

from analysis.fit import FitConfig
from tests.helpers import blind_wide_dataset, record_pools


def test_the_wide_prior_floor_is_a_config_value_that_can_go_below_the_centres():
    import analysis.fit as fit_module

    assert fit_module._prior_floor(FitConfig()) == fit_module.WIDE_PRIOR_SPREAD == 0.6
    assert fit_module._prior_floor(FitConfig(wide_prior_spread=0.25)) == 0.25     # below min_pool_spread (0.4)
    assert fit_module._prior_floor(FitConfig(wide_prior_spread=1.2)) == 1.2
    assert fit_module._prior_floor(FitConfig(min_pool_spread=0.9)) == 0.9          # the centre's floor lifts it


def test_a_wide_fit_uses_the_configured_prior_floor(tmp_path, monkeypatch):
    """Before, `max(min_pool_spread, WIDE_PRIOR_SPREAD)` held every wide fit's prior at 0.6 x centre or more, whatever
    the FitConfig said. One 104-week wide export, two fits (~3 s)."""
    import analysis.fit as fit_module

    dataset, _ = blind_wide_dataset(tmp_path, 391, 104)
    pools = record_pools(monkeypatch)
    fit_module.fit_mmm(dataset)
    centre, spread = pools[-1]
    assert spread == pytest.approx(0.6 * centre)              # at the default floor on this export
    fit_module.fit_mmm(dataset, FitConfig(wide_prior_spread=0.2))
    centre, spread = pools[-1]
    assert spread == pytest.approx(0.2 * centre)              # the config's lower floor, not 0.6


def test_the_wide_benchmark_dumps_each_exports_row_with_its_channels(tmp_path):
    """`--dump` writes the rows a paired comparison needs: per export its error, level and split parts, media share
    and per channel spend, on-air share, true and fitted contribution and interval."""
    import sys

    from benchmarks import bench_wide

    out = tmp_path / "rows.json"
    argv = sys.argv
    sys.argv = ["bench_wide.py", "--seeds", "--short", "11", "--no-timing", "--no-sibylhe", "--dump", str(out)]
    try:
        bench_wide.main()
    finally:
        sys.argv = argv
    rows = json.loads(out.read_text())
    assert [r["scenario"] for r in rows] == ["wide#11 104w"]
    row = rows[0]
    assert {"roi_error", "level", "split", "media", "true_media", "media_low", "media_high"} <= set(row)
    assert len(row["channels"]) == row["k"]
    channel = row["channels"][0]
    assert {"name", "spend", "on_air", "true", "fitted", "low", "high"} <= set(channel)
    assert 0.0 < channel["on_air"] <= 1.0 and channel["spend"] > 0
