"""Session 7 code-quality leftovers: one unit-aware amount formatter for analysis and assistant, and the
router's count-goal leftovers. Each test fails on the code before its fix."""
import pytest

from analysis import money
from analysis.decisions.reverse import spend_for_sales_target
from assistant import format as fmt


@pytest.mark.parametrize("x, text", [(12_345.0, "12.3k conversions"), (999_960.0, "1.00M conversions"),
                                     (0.5, "0.5 conversions"), (-1_234.0, "−1,234 conversions")])
def test_a_count_amount_reads_in_its_unit_from_analysis_and_assistant_alike(count_session, x, text):
    ds = count_session.dataset
    assert money.amount(x, ds.money_scale, ds.kpi_unit) == fmt.amount(x, ds) == text
    assert fmt.signed_amount(x, ds) == money.signed_amount(x, ds.money_scale, ds.kpi_unit)


def test_money_amounts_are_unchanged(sample_fit):
    ds = sample_fit.dataset   # the sample is in $000s
    assert money.amount(1230.0, ds.money_scale) == fmt.amount(1230.0, ds) == "$1.23M"
    assert fmt.signed_money(0.0001, ds) == "±$0" and fmt.signed_amount(-456.0, ds) == "−$456k"


def test_a_count_targets_goal_warnings_say_conversions_not_dollars(count_session):
    """reverse.py worded a conversions goal in dollars: "TV cannot add $199.94M in sales …"."""
    fit = count_session.fit
    r = spend_for_sales_target(fit, "TV", 2e8)
    assert not r.reachable
    assert "conversions" in r.label and "$" not in r.label
    why = r.warnings[0]
    assert "cannot add 200.00M conversions within 1.5x" in why and "$" not in why and "in sales" not in why
    lose = spend_for_sales_target(fit, "TV", -1e9)
    assert "conversions" in lose.warnings[0] and "$" not in lose.warnings[0]
