"""`analysis.periods.period_since`: a stretch from a period's start to the data's end, against the weeks before it and,
only when it is a year at most, the same weeks a year earlier (longer, those weeks would overlap the stretch)."""

from __future__ import annotations

from analysis.periods import PeriodSpec, period_since


def test_a_stretch_of_a_year_or_less_is_also_set_against_a_year_earlier(sample_fit):
    drivers = period_since(sample_fit, PeriodSpec("quarter", 1, 2024))
    weeks = int(((sample_fit.dataset.dates >= drivers.start)).sum())
    assert weeks <= 52
    assert drivers.yoy is not None
    assert drivers.compare_sales > 0


def test_a_stretch_longer_than_a_year_is_not_set_against_weeks_inside_itself(sample_fit):
    drivers = period_since(sample_fit, PeriodSpec("quarter", 2, 2022))
    weeks = int(((sample_fit.dataset.dates >= drivers.start)).sum())
    assert weeks > 52
    assert drivers.yoy is None
