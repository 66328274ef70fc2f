"""Which of two what-ifs is better, and is the difference larger than the model's margin of error?

Both scenarios start from the same plan, so their difference is the response to going from one
new plan to the other. Drawing that difference directly (paired draws: the same curve and
coefficient in both) gives a much tighter interval than subtracting two independent intervals.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.decisions.common import delta_interval
from analysis.decisions.marginals import posterior_change

if TYPE_CHECKING:
    from analysis.decisions.scenario import ScenarioResult
    from analysis.model import MMMFit


@dataclass(frozen=True)
class ScenarioComparison:
    """`better` is the index of the scenario with more sales (profit when a margin is given);
    `difference` = that one minus the other, with its 90% interval from paired draws."""

    better: int
    difference: float
    difference_low: float
    difference_high: float
    measure: str                      # "sales" or "profit"

    @property
    def within_margin(self) -> bool:
        """True when the 90% interval of the difference includes zero: the model cannot tell them apart."""
        return self.difference_low <= 0.0 <= self.difference_high


def compare_scenarios(fit: MMMFit, first: ScenarioResult, second: ScenarioResult, draws: int = 2000, seed: int = 0) -> ScenarioComparison:
    """Compare two ScenarioResults of the same fit (each must carry its `new_plan`)."""
    if first.new_plan is None or second.new_plan is None:
        raise ValueError("both scenarios need their new plan to be compared")
    margin = first.margin if first.margin is not None and first.margin == second.margin else None
    point = float(second.delta_sales - first.delta_sales)
    paired = posterior_change(fit, first.new_plan, second.new_plan, draws, seed)
    low, high = delta_interval(paired, point)
    measure = "sales"
    if margin is not None:
        spend_gap = float(second.delta_spend - first.delta_spend)
        point, low, high = margin * point - spend_gap, margin * low - spend_gap, margin * high - spend_gap
        measure = "profit"
    if point >= 0:
        return ScenarioComparison(1, point, low, high, measure)
    return ScenarioComparison(0, -point, -high, -low, measure)
