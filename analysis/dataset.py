"""The typed, validated weekly dataset every analysis starts from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from analysis.panel.data import Panel


def always_on(spend: np.ndarray) -> np.ndarray:
    """(k,) per channel of a weekly plan (n, k): whether it spent in every week (on air every week).

    Why one definition: such a channel is never seen off air, so the data pin its average return but
    not its curve below today's spend, and its level trades with the baseline's. The fit's ROI reach
    (`analysis.fit`), the next-dollar cap (`analysis.decisions.marginals`) and the plan's always-on
    channels (`analysis.decisions.optimize`) must agree on which channels those are."""
    return np.asarray((np.asarray(spend, dtype=float) > 0).all(axis=0), dtype=bool)


def _frozen(values: np.ndarray) -> np.ndarray:
    array = np.array(values, dtype=float, copy=True)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Dataset:
    """Weekly sales, per-channel spend and controls, in the units of the input columns.

    `channels` are display names ("TV", "Paid Social") in the column order of `spend`;
    `spend_columns` are the source column names. `money_scale` is how many dollars one
    input unit is (1000 for the built-in sample, whose columns are in $000s), so a question
    about "$2M" can be converted to the data's units.
    """

    dates: pd.DatetimeIndex
    sales: np.ndarray                 # shape (n,)
    spend: np.ndarray                 # shape (n, k)
    channels: tuple[str, ...]
    spend_columns: tuple[str, ...]
    target: str
    controls: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))  # shape (n, m)
    control_names: tuple[str, ...] = ()
    source: str = "built-in sample data"
    money_scale: float = 1.0
    warnings: tuple[str, ...] = ()
    unmeasurable: tuple[str, ...] = ()   # channels the loader found with no or constant spend: no effect to measure
    kpi_unit: str | None = None       # the target is a count (e.g. "conversions") with no revenue per unit: not money
    revenue_note: str | None = None   # how the target became money (e.g. conversions x revenue_per_conversion)
    # (the count's noun, its average revenue per unit over the file) when revenue = a count x a value per unit: answers
    # in money can also say the count a bank or a retailer plans in ("about 5,400 accounts", "$163 per account")
    unit_value: tuple[str, float] | None = None
    panel: Panel | None = None        # the market-level data behind these national totals, when the file is a panel
    column_roles: tuple[tuple[str, str], ...] = ()   # (input column, what the model does with it)
    filled: tuple[tuple[str, int, str], ...] = ()    # (input column, cells the loader filled, how) for missing values

    def __post_init__(self) -> None:
        n = len(self.dates)
        sales = _frozen(self.sales).reshape(-1)
        spend = _frozen(self.spend).reshape(n, -1)
        controls = _frozen(self.controls) if self.controls.size else np.empty((n, 0))
        controls.setflags(write=False)
        object.__setattr__(self, "sales", sales)
        object.__setattr__(self, "spend", spend)
        object.__setattr__(self, "controls", controls.reshape(n, -1))
        if sales.shape != (n,):
            raise ValueError(f"sales has {sales.shape[0]} rows, dates has {n}")
        if spend.shape[1] != len(self.channels) or len(self.spend_columns) != len(self.channels):
            raise ValueError("spend columns, channel names and spend_columns must line up")
        if self.controls.shape[1] != len(self.control_names):
            raise ValueError("controls and control_names must line up")

    @property
    def in_money(self) -> bool:
        """True when sales are an amount of money; False for a count such as conversions."""
        return self.kpi_unit is None

    @property
    def n_weeks(self) -> int:
        return len(self.dates)

    @property
    def total_spend(self) -> np.ndarray:
        """Spend per channel over the whole period, in input units."""
        total: np.ndarray = self.spend.sum(axis=0)
        return total

    def channel_index(self, name: str) -> int:
        return self.channels.index(name)

    def to_frame(self) -> pd.DataFrame:
        """A tidy copy for display and export (date index, target, spend and control columns)."""
        frame = pd.DataFrame({self.target: self.sales}, index=self.dates)
        frame.index.name = "date"
        for column, values in zip(self.spend_columns, self.spend.T):
            frame[column] = values
        for column, values in zip(self.control_names, self.controls.T):
            frame[column] = values
        return frame
