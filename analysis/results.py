"""First results read off a fitted model: ROI, contribution and saturation, as frozen dataclasses."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ChannelROI:
    """Sales per dollar for one channel over the modelled period, with its 90% interval.

    `roi` is None when the channel could not be estimated at all (e.g. constant spend);
    `measurable` is False when the interval reaches zero: report it, don't rank it.
    """

    channel: str
    spend: float
    contribution: float
    roi: float | None
    roi_low: float | None
    roi_high: float | None
    measurable: bool
    note: str | None = None


@dataclass(frozen=True)
class RoiResult:
    """ROI of every channel, ranked best first (measurable channels before the others)."""

    channels: tuple[ChannelROI, ...]
    total_spend: float
    total_contribution: float

    @property
    def blended_roi(self) -> float:
        """All media's incremental sales per dollar of all media spend."""
        return self.total_contribution / self.total_spend if self.total_spend else 0.0

    def get(self, channel: str) -> ChannelROI:
        return next(c for c in self.channels if c.channel == channel)


@dataclass(frozen=True)
class ChannelContribution:
    """Incremental sales from one channel over the period and its share of total sales."""

    channel: str
    contribution: float
    contribution_low: float
    contribution_high: float
    share: float          # of total actual sales, 0..1
    measurable: bool = True   # False: show the interval, never rank or headline the point estimate


@dataclass(frozen=True)
class ContributionResult:
    """Sales split into baseline (no media) and channels; shares of total actual sales."""

    total_sales: float
    baseline: float
    baseline_share: float
    channels: tuple[ChannelContribution, ...]   # measurable channels largest first, then the others
    media_share_low: float | None = None     # 90% interval of all media's share of sales (MMMFit.media_interval)
    media_share_high: float | None = None

    @property
    def media_share(self) -> float:
        return 1.0 - self.baseline_share

    def get(self, channel: str) -> ChannelContribution:
        return next(c for c in self.channels if c.channel == channel)


@dataclass(frozen=True)
class ResponseCurve:
    """Total incremental sales over the period as the channel's whole weekly plan is scaled."""

    channel: str
    spend: np.ndarray        # total spend at each grid point (current plan x multiplier)
    response: np.ndarray     # total incremental sales at each grid point
    current_spend: float
    current_response: float


@dataclass(frozen=True)
class ChannelSaturation:
    """Where a channel sits on its response curve, and what the next dollar returns."""

    channel: str
    saturation_pct: float     # average weekly response as % of the curve's maximum
    marginal_roi: float       # extra sales per extra dollar at current spend
    roi: float                # average sales per dollar, for comparison
    decay: float              # weekly carry-over rate
    half_life_weeks: float
    half_saturation: float    # weekly adstocked spend at which the response is half its maximum
    shape: float
    measurable: bool
    curve: ResponseCurve
    marginal_capped: bool = False   # an always-on channel's next dollar counted at its average (decisions.marginals)

    @property
    def status(self) -> str:
        """Plain-English position: 'saturated', 'diminishing returns' or 'room to grow'."""
        return saturation_status(self.saturation_pct, self.roi, self.marginal_roi)


SATURATED_PCT = 70.0   # a channel at this share of its curve's maximum is saturated whatever its next dollar returns
# the statuses, most saturated first: the order every answer, chart and briefing ranks channels by
STATUS_RANK = {"saturated": 0, "diminishing returns": 1, "room to grow": 2}


def saturation_order(status: str, saturation_pct: float) -> tuple[int, float]:
    """Sort key, most saturated first: the status said first ("saturated" by its next dollar outranks a higher %),
    then the share of the maximum. Channels (`analysis.roi.most_saturated_first`) and markets rank by it alike."""
    return STATUS_RANK[status], -saturation_pct


def saturation_status(saturation_pct: float, roi: float, marginal_roi: float) -> str:
    """'saturated', 'diminishing returns' or 'room to grow' from the share of the curve's maximum reached and the next
    dollar against the average one (a channel nationally, or one market's, `analysis.panel.results.market_saturation`)."""
    if saturation_pct >= SATURATED_PCT or (roi > 0 and marginal_roi < 0.35 * roi):
        return "saturated"
    if saturation_pct >= 40 or (roi > 0 and marginal_roi < 0.7 * roi):
        return "diminishing returns"
    return "room to grow"


def saturated_by_next_dollar(status: str, saturation_pct: float) -> bool:
    """Saturated although its average week is under `SATURATED_PCT` of its maximum: its next dollar returns under a
    third of its average one (spend in bursts that reach the ceiling), so it is said by the next dollar, not by %."""
    return status == "saturated" and saturation_pct < SATURATED_PCT


@dataclass(frozen=True)
class HalfLifeRange:
    """90% range of a channel's half-life, in weeks, over the curves its fit weighs (`fit.half_life_range`)."""

    low_weeks: float
    high_weeks: float


@dataclass(frozen=True)
class SaturationResult:
    """Saturation of every channel, most saturated first."""

    channels: tuple[ChannelSaturation, ...]

    def get(self, channel: str) -> ChannelSaturation:
        return next(c for c in self.channels if c.channel == channel)


@dataclass(frozen=True)
class YearROI:
    """One channel's (or all media's) return in one calendar year, with its 90% interval.

    `measurable` is False when the year's interval reaches zero (or nothing was spent): report the
    interval, never rank the year by its point."""

    channel: str
    spend: float
    contribution: float
    contribution_low: float
    contribution_high: float
    measurable: bool

    @property
    def roi(self) -> float | None:
        return self.contribution / self.spend if self.spend > 0 else None

    @property
    def roi_low(self) -> float | None:
        return self.contribution_low / self.spend if self.spend > 0 else None

    @property
    def roi_high(self) -> float | None:
        return self.contribution_high / self.spend if self.spend > 0 else None


@dataclass(frozen=True)
class RoiYear:
    """All media's and each channel's return in one calendar year of the data."""

    label: str
    weeks: int
    complete: bool
    media: YearROI
    channels: tuple[YearROI, ...]   # in the data's channel order

    def get(self, channel: str) -> YearROI:
        return next(c for c in self.channels if c.channel == channel)
