"""A panel model's fitted pieces: channel curves shared per head across markets, and the fit itself.

`PanelChannelFit` is a `ChannelFit` whose curve lives in each market: a national weekly plan is
split over markets the way the channel's spend was split that week (its overall split for other
plan lengths), each market's spend is taken per head, carried over and saturated, and the
markets' responses are added up. So every national analysis (ROI, what-ifs, the optimiser)
works unchanged on a panel, with each what-if applied in every market.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.model import ChannelFit, MMMFit
from analysis.panel.data import Panel
from analysis.transforms import geometric_adstock


def _levels(cells: np.ndarray, decay: float, k: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Hill level of every (week, market) cell for several (k, s): shape (T, G, len(k))."""
    adstocked = np.clip(geometric_adstock(cells, decay), 0.0, None)
    ratio = np.power(adstocked[:, :, None] / k, s)
    result: np.ndarray = ratio / (1.0 + ratio)
    return result


@dataclass(frozen=True)
class PanelChannelFit(ChannelFit):
    """A channel's curve on per-head spend, summed over markets (see the module docstring).

    `size` is each market's size relative to the average market (population / mean population):
    a market's spend per head is spend / size and its response is size x coef x level.
    """

    size: np.ndarray = field(default_factory=lambda: np.ones(1))          # (G,)
    shares: np.ndarray = field(default_factory=lambda: np.ones((1, 1)))   # (T, G) share of the national weekly spend each market got
    observed: np.ndarray = field(default_factory=lambda: np.ones((1, 1)))  # (T, G) cells that count toward totals
    value: np.ndarray = field(default_factory=lambda: np.ones((1, 1)))     # (T, G) money per KPI unit

    def cells(self, spend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A national weekly plan split into (weeks, markets) spend, and each cell's weight in the
        national total (money per KPI unit where the market reported, else 0)."""
        spend = np.asarray(spend, dtype=float)
        if len(spend) == self.shares.shape[0]:
            return spend[:, None] * self.shares, self.observed * self.value
        overall = self.shares.mean(axis=0)
        typical = (self.value * self.observed).sum(axis=0) / np.maximum(self.observed.sum(axis=0), 1)
        return spend[:, None] * (overall / max(overall.sum(), 1e-300)), np.tile(typical, (len(spend), 1))

    def market_levels(self, cells: np.ndarray, derivative: bool = False) -> np.ndarray:
        """(T, G) blended curve level per cell for (T, G) market spend; d level / d ln(scale) if derivative."""
        per_head = np.asarray(cells, dtype=float) / self.size[None, :]
        out = np.zeros(per_head.shape)
        for decay, w, k, s in self._groups:
            level = _levels(per_head, decay, k, s)
            out += (s * level * (1.0 - level) if derivative else level) @ w
        return out

    def market_response(self, cells: np.ndarray, observed: np.ndarray | None = None) -> np.ndarray:
        """(T, G) incremental sales per market and week for (T, G) market spend."""
        mask = self.observed * self.value if observed is None else observed
        if self.coef == 0.0 or not self.transforms:
            return np.zeros(np.shape(cells))
        result: np.ndarray = self.coef * self.size[None, :] * self.market_levels(cells) * mask
        return result

    def _blend(self, spend: np.ndarray, derivative: bool) -> np.ndarray:
        cells, mask = self.cells(spend)
        result: np.ndarray = (self.market_levels(cells, derivative) * mask * self.size[None, :]).sum(axis=1)
        return result

    def scaled_response(self, share: np.ndarray, scales: np.ndarray,
                        base: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Total response and marginal ROI of the weekly plans base + share * v for every v in `scales`, in one
        pass: what `analysis.decisions.optimize` builds a plan's curves from (its `_scaled_response`).

        Why: the optimiser tabulated a panel channel by calling `response` three times per node (the value
        and two neighbours for the slope), each splitting the plan over markets and carrying it over again;
        on Meridian's geo file that was about half of a plan answer's time. A market's spend is linear in the
        national plan and carry-over is linear, so each decay's carry-over is computed once, and the slope is
        the exact derivative (as `marginal_response` gives it when there is no base)."""
        from scipy.special import expit

        scales = np.asarray(scales, dtype=float)
        values, slopes = np.zeros(len(scales)), np.zeros(len(scales))
        if self.coef == 0.0 or not self.transforms:
            return values, np.where(scales > 0, 0.0, np.nan)
        cells, mask = self.cells(share)
        weight = (mask * self.size[None, :]).ravel()
        offset = None if base is None or not np.any(base) else self.cells(base)[0] / self.size[None, :]
        per_head = cells / self.size[None, :]
        def levels(x: np.ndarray, log_k: np.ndarray, s: np.ndarray) -> np.ndarray:
            with np.errstate(divide="ignore"):
                result: np.ndarray = expit(s * (np.log(x)[:, None] - log_k))   # Hill: (x/k)^s / (1 + (x/k)^s)
            return result

        for decay, w, k, s in self._groups:
            a = geometric_adstock(per_head, decay).ravel()
            a0 = np.zeros_like(a) if offset is None else np.clip(geometric_adstock(offset, decay).ravel(), 0.0, None)
            live = a > 0            # cells the plan reaches; the others (weeks before the horizon) do not move with v
            values += weight[~live] @ (levels(a0[~live], np.log(k), s) @ w)
            a, a0, cell_weight = a[live], a0[live], weight[live]
            for i, v in enumerate(scales):
                x = a0 + v * a
                level = levels(x, np.log(k), s)                              # (cells, K)
                values[i] += cell_weight @ (level @ w)
                change = (s * level * (1.0 - level)) @ w                     # d level / d ln x, blended
                if offset is None:                                           # d / d ln v
                    slopes[i] += cell_weight @ change
                else:                                                        # d / dv
                    slopes[i] += cell_weight @ (change * np.divide(a, x, out=np.zeros_like(x), where=x > 0))
        if offset is None:
            total = scales * float(np.sum(share))
            slopes = np.where(total > 0, slopes / np.where(total > 0, total, 1.0), 0.0)
        return self.coef * values, np.where(scales > 0, self.coef * slopes, np.nan)

    def saturation_level(self, spend: np.ndarray) -> np.ndarray:
        """Weekly share of the curve's maximum reached, averaged over markets by size."""
        cells, mask = self.cells(spend)
        weight = (mask > 0) * self.size[None, :]
        result: np.ndarray = (self.market_levels(cells) * weight).sum(axis=1) / np.maximum(weight.sum(axis=1), 1e-300)
        return result

    def candidate_totals(self, spend: np.ndarray) -> np.ndarray:
        cells, mask = self.cells(spend)
        return self.candidate_totals_in(cells, mask)

    def candidate_totals_in(self, cells: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Each posterior candidate's total response (coefficient 1) for (T, G) market spend,
        counting each cell with `mask` (default: money per KPI where the market reported)."""
        out = np.zeros(len(self.posterior))
        for decay in {c.decay for c in self.posterior}:
            index = [i for i, c in enumerate(self.posterior) if c.decay == decay]
            k = np.array([self.posterior[i].half_saturation for i in index])
            s = np.array([self.posterior[i].shape for i in index])
            out[index] = self.candidate_weekly(cells, decay, k, s, mask).sum(axis=0)
        return out

    def candidate_weekly(self, cells: np.ndarray, decay: float, k: np.ndarray, s: np.ndarray,
                         mask: np.ndarray | None = None) -> np.ndarray:
        """(T, len(k)) national weekly response (coefficient 1) of candidate curves sharing one decay
        for (T, G) market spend: each market's level per head, weighted by its size and `mask`
        (default: money per KPI where the market reported), added over markets."""
        mask = self.observed * self.value if mask is None else mask
        per_head = np.asarray(cells, dtype=float) / self.size[None, :]
        result: np.ndarray = np.einsum("tgc,tg->tc", _levels(per_head, decay, k, s), mask * self.size[None, :])
        return result


@dataclass(frozen=True)
class PanelFit(MMMFit):
    """An `MMMFit` whose numbers are national sums of a market panel; `market_*` keep the markets."""

    panel: Panel | None = None
    market_baseline: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))   # (T, G) expected sales with no media, per market
    market_contributions: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 0)))  # (T, G, k) incremental sales per market and channel
    refit_kit: Any = field(default=None, repr=False, compare=False)   # analysis.panel.draws.RefitKit: the joint draws'
                                                                      # refits of this model

    @property
    def markets(self) -> tuple[str, ...]:
        return self.panel.markets if self.panel is not None else ()

    def market_channel_response(self, j: int, cells: np.ndarray) -> np.ndarray:
        """(T, G) incremental sales of channel j for a (T, G) market spend plan."""
        channel = self.channels[j]
        if not isinstance(channel, PanelChannelFit):
            return np.zeros(np.shape(cells))
        return channel.market_response(cells)

    def predict_for(self, dates: pd.DatetimeIndex, spend: np.ndarray, controls: np.ndarray | None = None) -> np.ndarray:
        raise NotImplementedError("a panel model forecasts market by market; use the national model to backtest")
