"""ROI, contribution and saturation read off a fitted model (analysis-only: no text, no printing)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.decisions.joint_draws import CurveSet
from analysis.decisions.marginals import marginal_correction, next_dollar
from analysis.fit import clears_zero
from analysis.model import ChannelFit, MMMFit
from analysis.panel.model import PanelChannelFit
from analysis.results import (
    ChannelContribution,
    ChannelROI,
    ChannelSaturation,
    ContributionResult,
    ResponseCurve,
    RoiResult,
    RoiYear,
    SaturationResult,
    YearROI,
    saturation_order,
)
from analysis.transforms import geometric_adstock, half_life, hill

CURVE_MULTIPLIERS = np.linspace(0.0, 3.0, 61)


def roi(fit: MMMFit) -> RoiResult:
    """Incremental sales over the modelled period divided by spend, per channel, with 90% intervals."""
    rows = []
    for c in fit.channels:
        if c.spend <= 0:
            rows.append(ChannelROI(c.name, 0.0, 0.0, None, None, None, False, c.note or "no spend"))
            continue
        estimable = c.coef > 0 or c.contribution_high > 0
        value = c.contribution / c.spend if estimable else None
        rows.append(ChannelROI(
            c.name, c.spend, c.contribution, value,
            c.contribution_low / c.spend if estimable else None,
            c.contribution_high / c.spend if estimable else None,
            c.measurable, c.note,
        ))
    # measurable channels ranked by ROI; the others after them by spend, never by their point estimate
    rows.sort(key=lambda r: (not r.measurable, -(r.roi if r.roi is not None else -1.0) if r.measurable else -r.spend))
    total_spend = float(sum(c.spend for c in fit.channels))
    total_contribution = float(sum(c.contribution for c in fit.channels))
    return RoiResult(tuple(rows), total_spend, total_contribution)


YEAR_DRAWS = 4000


def roi_by_year(fit: MMMFit, draws: int = YEAR_DRAWS, seed: int = 0) -> tuple[RoiYear, ...]:
    """Each calendar year's ROI, per channel and for all media, with a 90% interval from the draws behind
    the whole-period interval.

    Why this way: the model has one curve per channel for every week, so a year's figure moves only
    with how much was spent and when; its uncertainty is the channel's whole-period uncertainty (how
    large its effect is) plus how each plausible curve splits that effect across the years (a curve
    that saturates sooner credits the heavy years less). Each draw is one curve of the channel's
    posterior with a coefficient drawn around it (as the whole-period interval is built); the draws'
    whole-period totals are mapped, rank for rank, onto the stated interval (5th percentile -> its low
    end, median -> the estimate, 95th -> its high end), and each draw keeps its curve's split over the
    years. So a year's interval is never narrower in relative terms than the channel can be measured
    over the whole period, and a channel whose whole-period interval reaches zero reaches zero in every
    year. All media: the channels' draws added up, mapped onto the media total's interval the same way."""
    from analysis.periods import rollup

    spend = np.asarray(fit.dataset.spend, dtype=float)
    years = [y for y in rollup(fit, "year")]
    dates = pd.DatetimeIndex(fit.dataset.dates)
    masks = np.array([dates.year == int(y.label) for y in years], dtype=float)   # (Y, n)
    by_channel, media = _split_draws(fit, masks, draws, seed)
    point = masks @ np.asarray(fit.decomposition.channels, dtype=float)            # (Y, k)
    year_spend = masks @ spend
    out = []
    for y, row in enumerate(years):
        channels = tuple(_year_roi(c.name, float(year_spend[y, j]), float(point[y, j]), by_channel[:, y, j],
                                   c.measurable, fit.dataset.in_money) for j, c in enumerate(fit.channels))
        total = _year_roi("All media", float(year_spend[y].sum()), float(point[y].sum()), media[:, y], True,
                          fit.dataset.in_money)
        out.append(RoiYear(row.label, row.weeks, row.complete, total, channels))
    return tuple(out)


def _split_draws(fit: MMMFit, masks: np.ndarray, draws: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """((D, Y, k) each channel's, (D, Y) all media's) contribution in each of the week masks, per draw: the draws
    behind the whole-period intervals, each split over the masks by its own curve (see `roi_by_year`)."""
    spend = np.asarray(fit.dataset.spend, dtype=float)
    rng = np.random.default_rng(seed)
    u = (np.arange(draws) + 0.5) / draws
    by_channel = np.stack([_year_draws(c, spend[:, j], masks, rng, u) for j, c in enumerate(fit.channels)], axis=2)
    summed = by_channel.sum(axis=2)
    media_low, media_high = fit.media_interval
    media_point = float(sum(c.contribution for c in fit.channels))
    return by_channel, _mapped(summed.sum(axis=1), _shares(summed), (media_low, media_point, media_high), u)


def _year_draws(channel: ChannelFit, spend: np.ndarray, masks: np.ndarray, rng: np.random.Generator,
                u: np.ndarray) -> np.ndarray:
    """(D, Y) one channel's contribution per year in each draw (see `roi_by_year`)."""
    stated = (channel.contribution_low, channel.contribution, channel.contribution_high)
    post = channel.posterior
    if channel.coef <= 0 or not post:   # no curve: the ceiling the data leave, spread as the spend was
        share = masks @ spend / max(float(spend.sum()), 1e-300)
        return _mapped(rng.permutation(len(u)).astype(float), np.tile(share, (len(u), 1)), stated, u)
    weights = np.array([c.weight for c in post])
    pick = rng.choice(len(post), size=len(u), p=weights / weights.sum())
    coef = np.clip(np.array([c.coef for c in post])[pick]
                   + np.array([c.coef_se for c in post])[pick] * rng.standard_normal(len(u)), 0.0, None)
    market = channel if isinstance(channel, PanelChannelFit) else None
    curves = CurveSet(np.array([c.decay for c in post]), np.array([c.half_saturation for c in post]),
                      np.array([c.shape for c in post]), market)
    weekly = curves.weekly(spend)                                  # (n, C) each curve's response, coefficient 1
    totals = weekly.sum(axis=0)
    split = (masks @ weekly) / np.where(totals > 0, totals, 1.0)   # (Y, C) each curve's share of its total per year
    return _mapped(coef * totals[pick], split[:, pick].T, stated, u)


def _shares(years: np.ndarray) -> np.ndarray:
    """(D, Y) each draw's split of its total over the years (even where a draw's total is zero)."""
    total = years.sum(axis=1, keepdims=True)
    result: np.ndarray = np.where(total > 0, years / np.where(total > 0, total, 1.0), 1.0 / years.shape[1])
    return result


def _mapped(whole: np.ndarray, shares: np.ndarray, stated: tuple[float, float, float], u: np.ndarray) -> np.ndarray:
    """(D, Y) the draws' years after their whole-period totals are mapped, rank for rank, onto the stated
    interval: the quantile function through (5%, low), (50%, estimate), (95%, high), straight beyond."""
    low, point, high = stated
    below, above = (point - low) / 0.45, (high - point) / 0.45
    level = np.where(u < 0.5, point + (u - 0.5) * below, point + (u - 0.5) * above)
    ranked = np.empty(len(whole))
    ranked[np.argsort(whole, kind="stable")] = np.clip(level, 0.0, None)
    result: np.ndarray = ranked[:, None] * shares
    return result


def _draws_interval(draws: np.ndarray, point: float) -> tuple[float, float]:
    """The 90% interval of a stretch's draws, widened to hold its point. The draws' own values, not interpolated
    between them: a stretch whose draws put 5% at zero reaches zero."""
    low, high = np.percentile(draws, 5.0, method="lower"), np.percentile(draws, 95.0, method="higher")
    return min(float(low), point), max(float(high), point)


def _by_status(rows: list[ChannelContribution], spend: dict[str, float]) -> None:
    """Measurable channels first, by contribution; the rest by spend, never by a point estimate they cannot back."""
    rows.sort(key=lambda r: (not r.measurable, -(r.contribution if r.measurable else spend[r.channel])))


def _year_roi(name: str, spend: float, point: float, draws: np.ndarray, measurable: bool, in_money: bool) -> YearROI:
    low, high = _draws_interval(draws, point)
    # the whole period's rule: a bound that is zero as shown is not measured (fit.clears_zero)
    return YearROI(name, spend, point, low, high, bool(measurable and spend > 0
                                                       and clears_zero(low, point, spend, in_money)))


def contribution(fit: MMMFit) -> ContributionResult:
    """Baseline and per-channel incremental sales as shares of total actual sales."""
    total = float(np.sum(fit.dataset.sales))
    media = sum(c.contribution for c in fit.channels)
    baseline = total - media
    rows = [ChannelContribution(c.name, c.contribution, c.contribution_low, c.contribution_high,
                                c.contribution / total if total else 0.0, c.measurable) for c in fit.channels]
    _by_status(rows, {c.name: c.spend for c in fit.channels})
    low, high = fit.media_interval
    return ContributionResult(total, baseline, baseline / total if total else 0.0, tuple(rows),
                              low / total if total else None, high / total if total else None)


def contribution_in(fit: MMMFit, start: pd.Timestamp, end: pd.Timestamp, draws: int = YEAR_DRAWS,
                    seed: int = 0) -> ContributionResult:
    """Baseline and per-channel incremental sales within the weeks from `start` to `end` ("how much of Q3's sales
    came from media?"), with 90% intervals built as `roi_by_year` builds a year's: the draws behind each channel's
    whole-period interval, each split over the weeks by its own curve, so a stretch is never measured more tightly
    than the channel is over all its weeks."""
    spend = np.asarray(fit.dataset.spend, dtype=float)
    dates = pd.DatetimeIndex(fit.dataset.dates)
    inside = np.asarray((dates >= start) & (dates <= end), dtype=float)
    by_channel, both = _split_draws(fit, np.stack([inside, 1.0 - inside]), draws, seed)   # the stretch, the rest
    media = both[:, 0]
    point = inside @ np.asarray(fit.decomposition.channels, dtype=float)            # (k,)
    stretch_spend = inside @ spend
    total = float(inside @ np.asarray(fit.dataset.sales, dtype=float))
    rows = []
    for j, c in enumerate(fit.channels):
        one = _year_roi(c.name, float(stretch_spend[j]), float(point[j]), by_channel[:, 0, j], c.measurable,
                        fit.dataset.in_money)
        rows.append(ChannelContribution(c.name, one.contribution, one.contribution_low, one.contribution_high,
                                        one.contribution / total if total else 0.0, one.measurable))
    _by_status(rows, dict(zip(fit.channel_names, map(float, stretch_spend))))
    in_media = float(point.sum())
    low, high = _draws_interval(media, in_media)
    baseline = total - in_media
    return ContributionResult(total, baseline, baseline / total if total else 0.0, tuple(rows),
                              low / total if total else None, high / total if total else None)


def response_curve(fit: MMMFit, channel: str, multipliers: np.ndarray = CURVE_MULTIPLIERS) -> ResponseCurve:
    """The channel's total response as its whole weekly plan is scaled by each multiplier."""
    c = fit.channel(channel)
    plan = fit.dataset.spend[:, fit.channel_names.index(channel)]
    response = np.array([c.response(m * plan).sum() for m in multipliers])
    return ResponseCurve(channel, multipliers * c.spend, response, c.spend, c.contribution)


def saturation(fit: MMMFit) -> SaturationResult:
    """Per channel: % of the curve's maximum reached, marginal ROI at current spend, carry-over.
    The marginal ROI is the one plans and what-ifs use (`analysis.decisions.marginals`), so the
    saturation answer and a plan never quote two next-dollar returns for one channel."""
    rows = []
    correction = marginal_correction(fit)   # the cap flag below; next_dollar is the figure every decision uses
    for j, c in enumerate(fit.channels):
        plan = fit.dataset.spend[:, j]
        if c.coef > 0 and isinstance(c, PanelChannelFit):
            # a panel's curve is per head in each market: the national share of its maximum is the markets' own
            # levels averaged by size, the basis every market's saturation answer states
            pct = float(100 * c.saturation_level(plan).mean())
        elif c.coef > 0:
            level = hill(geometric_adstock(plan, c.decay), c.half_saturation, c.shape)
            pct = float(100 * level.mean())
        else:
            pct = 0.0
        rows.append(ChannelSaturation(
            channel=c.name,
            saturation_pct=pct,
            marginal_roi=next_dollar(fit, j),
            roi=c.contribution / c.spend if c.spend > 0 else 0.0,
            decay=c.decay,
            half_life_weeks=half_life(c.decay),
            half_saturation=c.half_saturation,
            shape=c.shape,
            measurable=c.measurable,
            curve=response_curve(fit, c.name),
            marginal_capped=bool(correction[j] < 0),
        ))
    return SaturationResult(most_saturated_first(rows, {c.name: c.spend for c in fit.channels}))


def most_saturated_first(rows: list[ChannelSaturation], spend: dict[str, float]) -> tuple[ChannelSaturation, ...]:
    """Measurable channels by the status the answers say ("saturated" before "diminishing returns"), then by % of
    maximum; the others last, largest spend first. Why status first: a channel bought in bursts that reach the
    ceiling is saturated by its next dollar while it averages a low % over all weeks, and the answer, the chart
    and the briefing must name one channel as the most saturated."""
    return tuple(sorted(rows, key=lambda r: (not r.measurable, *(saturation_order(r.status, r.saturation_pct)
                                                                 if r.measurable else (0, -spend[r.channel])))))
