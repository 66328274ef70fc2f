"""The public MMM data sets in shared/datasets load with the documented options (or are refused clearly)."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import DataError
from analysis.loading import LoadOptions, load_csv

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
pytestmark = pytest.mark.skipif(not DATASETS.is_dir(), reason=f"public data sets not found at {DATASETS}")


@pytest.mark.parametrize(
    "filename, options, n_weeks, channels, controls, warning",
    [
        ("robyn_simulated_weekly.csv", {}, 208, ("TV", "OOH", "Print", "Search", "Facebook"),
         ("competitor_sales_B", "events_event1", "events_event2", "newsletter"), "facebook_I, search_clicks_P"),
        ("pymc_mmm_example.csv", {"target": "y", "spend": "x1,x2"}, 179, ("X1", "X2"), ("event_1", "event_2"),
         "dropped calendar column(s) dayofyear, t"),
        ("pymc_mmm_roas_inputs.csv", {"spend": ("x1", "x2")}, 131, ("X1", "X2"), (), None),
        ("pymc_mmm_multidimensional.csv", {"spend": "x1,x2"}, 159, ("X1", "X2"), ("event_1", "event_2"),
         "read 2 markets in column 'geo' as a panel"),
        ("pymc_mmm_multidimensional.csv", {"spend": "x1,x2", "geo": "geo_b"}, 159, ("X1", "X2"),
         ("event_1", "event_2"), "kept only the rows where geo is geo_b"),
        ("sibylhe_mmm_stan_weekly.csv", {}, 209,
         ("Direct Mail", "Insert", "Newspaper", "Digital Audio", "Radio", "TV", "Digital Video", "Social",
          "Online Display", "Search"), None, "controls on 209 weeks"),
    ],
    ids=["robyn", "pymc-example", "pymc-roas", "pymc-geo-panel", "pymc-geo-filtered", "mmm-stan"],
)
def test_public_dataset_loads(filename, options, n_weeks, channels, controls, warning):
    path = DATASETS / filename
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    ds = load_csv(path, LoadOptions(**options))
    assert ds.n_weeks == n_weeks
    assert ds.channels == channels
    if controls is not None:
        assert ds.control_names == controls
    assert warning is None or any(warning in w for w in ds.warnings), ds.warnings
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_roas_inputs_weekday_is_kept():
    ds = load_csv(DATASETS / "pymc_mmm_roas_inputs.csv", LoadOptions(spend="x1,x2"))
    assert ds.target == "y"
    assert set(ds.dates.day_name()) == {"Saturday"}


def test_mmm_stan_controls_and_exclusions():
    ds = load_csv(DATASETS / "sibylhe_mmm_stan_weekly.csv")
    names = set(ds.control_names)
    assert {"me_ics_all", "st_ct", "mrkdn_pdm", "va_pub_0.15", "hldy_Father's Day", "seas_week_40"} <= names
    assert not any(n.startswith(("mdip_", "mdsp_")) or n in {"yr_nbr", "wk_nbr", "sales"} for n in names)
    assert ds.sales.sum() == pytest.approx(22.58e9, rel=1e-3)


def test_robyn_totals_match_sources():
    ds = load_csv(DATASETS / "robyn_simulated_weekly.csv")
    totals = dict(zip(ds.channels, ds.total_spend))
    assert totals["TV"] == pytest.approx(3.09e6, rel=5e-3)
    assert totals["OOH"] == pytest.approx(8.99e6, rel=5e-3)
    assert ds.sales.sum() == pytest.approx(379.0e6, rel=5e-3)


def test_pymc_example_needs_spend_option():
    with pytest.raises(DataError, match="--spend"):
        load_csv(DATASETS / "pymc_mmm_example.csv")


def test_holiday_calendar_is_refused():
    path = DATASETS / "robyn_prophet_holidays.csv"
    with pytest.raises(DataError) as info:
        load_csv(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    assert "holiday" in message and "--target" in message
