"""The column-role listing names what a control stands for, in the spellings real exports use."""
import pytest

from analysis.loading.columns import control_kind


@pytest.mark.parametrize("column, kind", [
    ("hol_cyber_monday", "holiday/event"), ("hol_thanksgiving", "holiday/event"), ("Labor_Day", "holiday/event"),
    ("super_bowl_week", "holiday/event"), ("holiday_xmas", "holiday/event"),
    ("woy_12", "season"), ("week_of_year_07", "season"), ("seas_wk_33", "season"),
    ("avg_price", "price"), ("promo_flag", "promotion/discount"), ("pct_acv", "distribution"),
    ("competitor_media_spend", "competitor/market activity"),
    ("holdout_flag", "other control"), ("x17", "other control"),
])
def test_control_kind_reads_common_export_spellings(column, kind):
    assert control_kind(column) == kind
