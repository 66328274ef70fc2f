"""ROI, contribution and saturation read off a fitted model (analysis-only: no text, no printing)."""
from __future__ import annotations

import numpy as np

from analysis.decisions.marginals import marginal_correction
from analysis.model import MMMFit
from analysis.results import (
    ChannelContribution,
    ChannelROI,
    ChannelSaturation,
    ContributionResult,
    ResponseCurve,
    RoiResult,
    SaturationResult,
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


def contribution(fit: MMMFit) -> ContributionResult:
    """Baseline and per-channel incremental sales as shares of total actual sales."""
    total = float(np.sum(fit.dataset.sales))
    media = sum(c.contribution for c in fit.channels)
    baseline = total - media
    rows = [ChannelContribution(c.name, c.contribution, c.contribution_low, c.contribution_high,
                                c.contribution / total if total else 0.0, c.measurable) for c in fit.channels]
    spend = {c.name: c.spend for c in fit.channels}
    rows.sort(key=lambda r: (not r.measurable, -(r.contribution if r.measurable else spend[r.channel])))
    low, high = fit.media_interval
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
    correction = marginal_correction(fit)   # the same next-dollar returns every decision uses
    for j, c in enumerate(fit.channels):
        plan = fit.dataset.spend[:, j]
        if c.coef > 0:
            level = hill(geometric_adstock(plan, c.decay), c.half_saturation, c.shape)
            pct = float(100 * level.mean())
        else:
            pct = 0.0
        rows.append(ChannelSaturation(
            channel=c.name,
            saturation_pct=pct,
            marginal_roi=c.marginal_response(plan) + float(correction[j]),
            roi=c.contribution / c.spend if c.spend > 0 else 0.0,
            decay=c.decay,
            half_life_weeks=half_life(c.decay),
            half_saturation=c.half_saturation,
            shape=c.shape,
            measurable=c.measurable,
            curve=response_curve(fit, c.name),
            marginal_capped=bool(correction[j] < 0),
        ))
    spend = {c.name: c.spend for c in fit.channels}
    rows.sort(key=lambda r: (not r.measurable, -(r.saturation_pct if r.measurable else spend[r.channel])))
    return SaturationResult(tuple(rows))
