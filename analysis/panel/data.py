"""Market-level data behind a national series: the long (date, geo, …) file kept as a panel.

A panel is a week × market grid. Cells a market did not report (it started late, ended early, or
skipped a week) are `observed == False`: they are left out of the fit and their spend counts as
zero for carry-over, so no market's weeks are ever shifted against another's.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike


def _frozen(values: ArrayLike) -> np.ndarray:
    array = np.array(values, dtype=float, copy=True)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Panel:
    """Per-market sales, spend and controls on one weekly grid (weeks = the Dataset's dates)."""

    markets: tuple[str, ...]
    population: np.ndarray      # (G,) people per market, or a size proxy (see population_source)
    population_source: str      # "column 'population'" or "average sales per market (no population column)"
    sales: np.ndarray           # (T, G), 0 where not observed
    spend: np.ndarray           # (T, G, k), 0 where not observed
    controls: np.ndarray        # (T, G, m)
    observed: np.ndarray        # (T, G) bool: the market reported this week
    geo_column: str
    value: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))   # (T, G) money per KPI unit (sales = KPI x
                                                                          # value); empty: sales are the KPI

    def __post_init__(self) -> None:
        if np.size(self.value) == 0:
            object.__setattr__(self, "value", np.ones(np.shape(self.observed)))
        for name in ("population", "sales", "spend", "controls", "value"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        observed = np.array(self.observed, dtype=bool, copy=True)
        observed.setflags(write=False)
        object.__setattr__(self, "observed", observed)
        t, g = observed.shape
        if self.sales.shape != (t, g) or self.spend.shape[:2] != (t, g) or len(self.markets) != g:
            raise ValueError("panel sales, spend, observed and markets must line up")

    @property
    def n_markets(self) -> int:
        return len(self.markets)

    @property
    def balanced(self) -> bool:
        return bool(self.observed.all())

    def market_index(self, name: str) -> int:
        return self.markets.index(name)

    def market_sales(self) -> np.ndarray:
        """(G,) total sales per market over the observed weeks."""
        result: np.ndarray = self.sales.sum(axis=0)
        return result

    def market_spend(self) -> np.ndarray:
        """(G, k) total spend per market and channel."""
        result: np.ndarray = self.spend.sum(axis=0)
        return result

    def restrict(self, keep_weeks: np.ndarray, keep_controls: list[int]) -> Panel:
        """The same panel on a subset of weeks and controls (as the national checks kept them)."""
        keep = np.asarray(keep_weeks, dtype=bool)
        return Panel(self.markets, self.population, self.population_source, self.sales[keep], self.spend[keep],
                     self.controls[keep][:, :, keep_controls], self.observed[keep], self.geo_column,
                     self.value[keep])

    def frame(self, target: str, spend_columns: tuple[str, ...], dates: pd.DatetimeIndex) -> pd.DataFrame:
        """Long (date, geo, …) rows for export, one per observed market-week."""
        t, g = np.nonzero(self.observed)
        out = pd.DataFrame({"date": dates[t], self.geo_column: np.asarray(self.markets, dtype=object)[g],
                            target: self.sales[t, g]})
        for j, column in enumerate(spend_columns):
            out[column] = self.spend[t, g, j]
        return out
