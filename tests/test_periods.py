"""Period drivers: the parts of a change add up to it; periods resolve the way people mean them."""
import pandas as pd
import pytest

from analysis.errors import InfeasibleError
from analysis.periods import PeriodSpec, period_drivers, resolve_period, rollup, trend_summary


@pytest.fixture(scope="module")
def fit(sample_fit):
    return sample_fit    # 2021-01-04 .. 2024-12-23   # the session-wide fit (tests/conftest.py)


@pytest.mark.parametrize("spec, label", [
    (PeriodSpec("quarter", 4), "Q4 2023"),             # Q4 2024 is incomplete: latest complete Q4
    (PeriodSpec("quarter", 4, 2022), "Q4 2022"),
    (PeriodSpec("quarter", relative="last"), "Q3 2024"),
    (PeriodSpec("quarter", relative="this"), "Q4 2024"),
    (PeriodSpec("year"), "2023"),
    (PeriodSpec("half", 1, 2022), "H1 2022"),
    (PeriodSpec("month", 3, 2022), "Mar 2022"),
    (PeriodSpec("season", 3), "Summer 2024"),                 # the latest complete summer (Jun–Aug)
    (PeriodSpec("season", 1), "Winter 2023/24"),              # Dec 2023 – Feb 2024, counted in the year of its January
    (PeriodSpec("season", 4, 2022), "Autumn 2022"),
    (PeriodSpec("half", 2, relative="last"), "H2 2023"),      # "the second half of last year" (2024 is not complete)
    (PeriodSpec("quarter", 3, relative="this"), "Q3 2024"),   # "Q3 of this year"
], ids=["q4-no-year", "q4-2022", "last-quarter", "this-quarter", "year", "half", "month", "summer", "winter",
        "autumn-2022", "h2-of-last-year", "q3-of-this-year"])
def test_resolve_period(fit, spec, label):
    start, end, got = resolve_period(fit, spec)
    assert got == label and start < end


def test_a_season_spans_its_three_months_and_follows_the_one_before(fit):
    start, end, _ = resolve_period(fit, PeriodSpec("season", 1))
    assert (start, end) == (pd.Timestamp(2023, 12, 1), pd.Timestamp(2024, 2, 29))
    r = period_drivers(fit, PeriodSpec("season", 3, 2024))
    assert (r.label, r.compare_label) == ("Summer 2024", "Spring 2024")
    assert r.yoy is not None and r.yoy.compare_label == "Summer 2023"


@pytest.mark.parametrize("spec", [PeriodSpec("quarter", 4), PeriodSpec("year", year=2022),
                                  PeriodSpec("month", 7, 2023), PeriodSpec("week", relative="last")],
                         ids=["quarter", "year", "month", "week"])
def test_parts_add_up_to_the_change(fit, spec):
    r = period_drivers(fit, spec)
    assert sum(p[2] for p in r.parts) == pytest.approx(r.delta_pct, abs=1e-9)
    assert sum(p[1] for p in r.parts) == pytest.approx(r.delta, rel=1e-9, abs=1e-9)
    names = [p[0] for p in r.parts]
    assert names[:2] == ["trend", "seasonality"] and names[-2:] == ["controls", "unexplained"]
    assert set(fit.channel_names) <= set(names)
    assert r.delta_pct == pytest.approx(100 * (r.sales / r.compare_sales - 1))
    if r.yoy is not None:
        assert sum(p[2] for p in r.yoy.parts) == pytest.approx(r.yoy.delta_pct, abs=1e-9)


def test_q4_is_seasonal_and_compared_with_q3_and_last_year(fit):
    r = period_drivers(fit, PeriodSpec("quarter", 4, 2023))
    assert (r.label, r.compare_label, r.yoy.compare_label) == ("Q4 2023", "Q3 2023", "Q4 2022")
    assert r.delta_pct > 0 and r.previous.part("seasonality")[2] > 0   # the sample peaks in December


def test_out_of_range_and_first_period_raise_one_line(fit):
    with pytest.raises(InfeasibleError, match="2021-01-04 to 2024-12-23"):
        resolve_period(fit, PeriodSpec("quarter", 2, 2030))
    with pytest.raises(InfeasibleError, match="no earlier"):
        period_drivers(fit, PeriodSpec("quarter", 1, 2021))


def test_rollups_sum_to_the_totals(fit):
    for g in ("week", "quarter", "year"):
        rows = rollup(fit, g)
        assert sum(r.sales for r in rows) == pytest.approx(fit.dataset.sales.sum())
        assert sum(r.spend for r in rows) == pytest.approx(fit.dataset.spend.sum())
        assert sum(r.media_contribution + r.baseline for r in rows) == pytest.approx(fit.decomposition.fitted.sum())
    assert [r.label for r in rollup(fit, "year")] == ["2021", "2022", "2023", "2024"]


def test_trend_summary_finds_growth_and_q4_peak(fit):
    t = trend_summary(fit)
    assert t.growing == "growing" and 2 < t.annual_growth_pct_trend < 10      # the sample grows 6% a year
    assert t.peak_quarter == 4 and t.seasonality_material
    assert all(abs(s.sigmas) > 3 for s in t.spikes)
    assert all(isinstance(s.date, pd.Timestamp) for s in t.spikes)
