"""Model quality as a plain-English grade: fit, forecast accuracy, collinearity and interval widths.

The grade (High / Medium / Low) comes from a few checks, each rated ok / caution / poor:
out-of-sample MAPE from a rolling-origin backtest (refit before each 13-week fold), R²,
residual autocorrelation (Durbin-Watson), collinearity of the channels (VIF), how wide the
channels' contribution intervals are, and weeks per estimated parameter. Two or more poor
checks (or a poor forecast) give Low; no poor and at most one caution give High. The reasons
are the checks that set the grade; each problem maps to what would improve it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from analysis.dataset import Dataset
from analysis.errors import MMMError

if TYPE_CHECKING:
    from analysis.model import MMMFit

FOLDS = 3
FOLD_WEEKS = 13
MIN_TRAIN_WEEKS = 52
WIDTH_CAP = 5.0          # a relative interval width beyond this says no more
Rating = Literal["ok", "caution", "poor"]
Grade = Literal["High", "Medium", "Low"]
Width = Literal["tight", "moderate", "wide"]


@dataclass(frozen=True)
class ChannelConfidence:
    """How sure the model is about one channel's contribution, and why."""

    channel: str
    contribution: float
    low: float
    high: float
    relative_width: float | None     # (high − low) / estimate; None when the estimate is zero
    measurable: bool
    label: Width
    vif: float | None
    spend_variation: float           # coefficient of variation of weekly spend
    active_weeks: int
    reasons: tuple[str, ...]         # plain-English causes of the width
    improvements: tuple[str, ...]


@dataclass(frozen=True)
class QualityCheck:
    """One input to the grade."""

    name: str
    value: float | None
    rating: Rating
    text: str


@dataclass(frozen=True)
class QualityReport:
    """The grade, the reasons that set it, what would improve it, and the numbers behind it."""

    grade: Grade
    reasons: tuple[str, ...]
    improvements: tuple[str, ...]
    r2: float
    adj_r2: float
    mape: float
    oos_mape: float | None
    oos_fold_mapes: tuple[float, ...]
    durbin_watson: float
    vif: dict[str, float | None]
    channels: tuple[ChannelConfidence, ...]
    checks: tuple[QualityCheck, ...]
    n_obs: int
    n_params: int
    warnings: tuple[str, ...] = field(default=())

    def channel(self, name: str) -> ChannelConfidence:
        lowered = name.strip().lower()
        return next(c for c in self.channels if c.channel.lower() == lowered)


def model_quality(fit: MMMFit, backtest: bool = True) -> QualityReport:
    """Grade the model and explain the grade; `backtest` refits on earlier weeks to test forecasts."""
    warnings: list[str] = []
    oos: float | None = None
    folds: tuple[float, ...] = ()
    if backtest:
        oos, folds, note = rolling_backtest(fit)
        if note:
            warnings.append(note)
    vif = channel_vif(fit)
    channels = tuple(_channel_confidence(fit, j, vif) for j in range(len(fit.channels)))
    checks = _checks(fit, oos, vif, channels)
    grade, reasons, improvements = _grade(checks, channels, fit.stats.n_obs)
    s = fit.stats
    return QualityReport(grade, reasons, improvements, s.r2, s.adj_r2, s.mape, oos, folds, s.durbin_watson, vif,
                         channels, checks, s.n_obs, s.n_params, tuple(warnings))


def rolling_backtest(fit: MMMFit, folds: int = FOLDS, fold_weeks: int = FOLD_WEEKS) -> tuple[float | None, tuple[float, ...], str | None]:
    """Out-of-sample MAPE (%): refit on the weeks before each of the last `folds` blocks of `fold_weeks`
    and forecast the block with the actual spend (carry-over from earlier weeks included)."""
    from analysis.fit import fit_mmm  # local: quality is usable on any fit-like object without fitting

    ds: Dataset = fit.dataset
    n = ds.n_weeks
    usable = [f for f in range(folds) if n - (folds - f) * fold_weeks >= MIN_TRAIN_WEEKS]
    if not usable:
        return None, (), (f"only {n} weeks: too few for a {fold_weeks}-week backtest with at least "
                          f"{MIN_TRAIN_WEEKS} weeks to train on, so forecast accuracy is not measured.")
    mapes = []
    for f in usable:
        end = n - (folds - f) * fold_weeks
        train = _slice(ds, 0, end)
        try:
            model = fit_mmm(train)
        except MMMError:
            continue
        stop = end + fold_weeks
        controls = ds.controls[:stop] if ds.controls.size else None
        pred = model.predict_for(ds.dates[:stop], ds.spend[:stop], controls)[end:stop]
        actual = ds.sales[end:stop]
        ok = np.abs(actual) > 1e-12
        mapes.append(float(100 * np.mean(np.abs((actual[ok] - pred[ok]) / actual[ok]))))
    if not mapes:
        return None, (), "the backtest refits failed, so forecast accuracy is not measured."
    note = None if len(mapes) == folds else f"backtest used {len(mapes)} of {folds} folds (short history)."
    return float(np.mean(mapes)), tuple(mapes), note


def _slice(ds: Dataset, start: int, stop: int) -> Dataset:
    return Dataset(
        dates=ds.dates[start:stop], sales=ds.sales[start:stop], spend=ds.spend[start:stop],
        channels=ds.channels, spend_columns=ds.spend_columns, target=ds.target,
        controls=ds.controls[start:stop] if ds.controls.size else np.empty((0, 0)),
        control_names=ds.control_names, source=f"{ds.source} (weeks {start + 1}-{stop})",
        money_scale=ds.money_scale,
    )


def channel_vif(fit: MMMFit) -> dict[str, float | None]:
    """Variance-inflation factor of each fitted media regressor against the other regressors
    (the other channels' fitted responses and the baseline terms); None for unestimated channels."""
    from analysis.design import baseline_design

    d = fit.decomposition
    ds = fit.dataset
    base = baseline_design(ds.dates, ds.controls, ds.control_names, getattr(fit, "harmonics", 2)).matrix
    live = [j for j, c in enumerate(fit.channels) if c.coef > 0 and np.ptp(d.channels[:, j]) > 0]
    out: dict[str, float | None] = {c.name: None for c in fit.channels}
    for j in live:
        others = np.column_stack([base] + [d.channels[:, o] for o in live if o != j])
        y = d.channels[:, j]
        beta, *_ = np.linalg.lstsq(others, y, rcond=None)
        resid = y - others @ beta
        ss_tot = float(np.sum((y - y.mean()) ** 2))
        r2 = 1 - float(resid @ resid) / ss_tot if ss_tot > 0 else 1.0
        out[fit.channels[j].name] = float(1 / max(1 - r2, 1e-12))
    return out


def _channel_confidence(fit: MMMFit, j: int, vif: dict[str, float | None]) -> ChannelConfidence:
    c = fit.channels[j]
    x = np.asarray(fit.dataset.spend[:, j], dtype=float)
    active = int(np.count_nonzero(x))
    cv = float(np.std(x) / np.mean(x)) if np.mean(x) > 0 else 0.0
    width = (c.contribution_high - c.contribution_low) / c.contribution if c.contribution > 0 else None
    label: Width
    if width is None or not c.measurable:
        label = "wide"
    elif width < 0.5:
        label = "tight"
    elif width < 1.0:
        label = "moderate"
    else:
        label = "wide"
    v = vif.get(c.name)
    reasons: list[str] = []
    fixes: list[str] = []
    if c.note and c.coef <= 0:
        reasons.append(f"{c.note}")
    if width is not None:
        reasons.append(f"its 90% interval spans {100 * width:.0f}% of the estimate"
                       + (" and reaches zero" if c.contribution_low <= 0 else ""))
    if v is not None and v >= 5:
        reasons.append(f"its spend moves with other channels (VIF {v:.1f}), so the model cannot fully separate them")
        fixes.append(f"vary {c.name} independently of the other channels for a few weeks (or run a holdout test)")
    if cv < 0.25 and active > 0:
        reasons.append(f"its weekly spend barely varies ({100 * cv:.0f}% variation)")
        fixes.append(f"more variation in {c.name}'s weekly spend (pulses or dark weeks)")
    if active < 26:
        reasons.append(f"it spent in only {active} weeks")
        fixes.append(f"more weeks with {c.name} on air")
    if label == "wide" and not fixes:
        fixes.append("more weeks of data, or a geo / holdout test for this channel")
    return ChannelConfidence(c.name, c.contribution, c.contribution_low, c.contribution_high, width,
                             bool(c.measurable), label, v, cv, active, tuple(reasons), tuple(fixes))


def _rate(value: float | None, ok: float, caution: float, higher_is_better: bool = False) -> Rating:
    if value is None or not np.isfinite(value):
        return "caution"
    if higher_is_better:
        return "ok" if value >= ok else "caution" if value >= caution else "poor"
    return "ok" if value <= ok else "caution" if value <= caution else "poor"


def _checks(fit: MMMFit, oos: float | None, vif: dict[str, float | None],
            channels: tuple[ChannelConfidence, ...]) -> tuple[QualityCheck, ...]:
    s = fit.stats
    checks = []
    if oos is not None:
        r = _rate(oos, 5.0, 10.0)
        checks.append(QualityCheck("forecast", oos, r, f"forecasts of held-out quarters miss by {oos:.1f}% on average"))
    else:
        r = _rate(s.mape, 5.0, 10.0)
        checks.append(QualityCheck("fit error", s.mape, r, f"the model misses weekly sales by {s.mape:.1f}% on average "
                                                          "(in-sample; no backtest)"))
    checks.append(QualityCheck("r2", s.r2, _rate(s.r2, 0.8, 0.6, higher_is_better=True),
                               f"it explains {100 * s.r2:.0f}% of the week-to-week variation in sales"))
    dw_gap = abs(s.durbin_watson - 2.0)
    checks.append(QualityCheck("autocorrelation", s.durbin_watson, _rate(dw_gap, 0.5, 0.9),
                               f"its errors are {'independent' if dw_gap <= 0.5 else 'correlated'} week to week "
                               f"(Durbin-Watson {s.durbin_watson:.2f})"))
    worst = max((v for v in vif.values() if v is not None), default=None)
    worst_name = next((k for k, v in vif.items() if v is not None and v == worst), None)
    checks.append(QualityCheck("collinearity", worst, _rate(worst, 5.0, 10.0),
                               f"channels are {'largely distinct' if worst is None or worst <= 5 else 'entangled'}"
                               + (f" (highest VIF {worst:.1f}, {worst_name})" if worst is not None else "")))
    spend = np.array([c.spend for c in fit.channels], dtype=float)
    # spend-weighted relative width, capped so one hopeless channel does not swamp the rest
    widths = np.array([min(ch.relative_width, WIDTH_CAP) if ch.relative_width is not None else WIDTH_CAP
                       for ch in channels])
    typical = float(widths @ spend / spend.sum()) if spend.sum() > 0 else WIDTH_CAP
    wide_names = [ch.channel for ch in channels if ch.label == "wide"]
    checks.append(QualityCheck("intervals", typical, _rate(typical, 0.75, 1.5),
                               f"the channels' 90% intervals span {100 * typical:.0f}% of their estimates on average "
                               "(spend-weighted)" + (f"; widest: {', '.join(wide_names)}" if wide_names else "")))
    rows, what = _observations(fit)
    per_param = rows / max(s.n_params, 1)
    checks.append(QualityCheck("data per parameter", per_param, _rate(per_param, 6.0, 3.5, higher_is_better=True),
                               f"{what} for {s.n_params} estimated parameters ({per_param:.1f} per parameter)"))
    return tuple(checks)


def _observations(fit: MMMFit) -> tuple[int, str]:
    """The rows the parameters were estimated on, and how to say them. Why: a market panel is fitted on its
    market-weeks, not on the national weeks its stats are summed to (130 weeks of 9 markets read as "4.2 per
    parameter" for a model fitted on 1,170 rows)."""
    weeks = fit.stats.n_obs
    panel = getattr(fit, "panel", None)
    if panel is None or len(panel.markets) < 2:
        return weeks, f"{weeks} weeks"
    cells = int(np.asarray(panel.observed).sum())
    return cells, f"{cells:,} market-weeks ({weeks} weeks × {len(panel.markets)} markets)"


IMPROVE = {
    "forecast": "more weeks of history (at least two full years) so the model forecasts unseen quarters better",
    "fit error": "controls for the things that move sales besides media (price, promotions, distribution)",
    "r2": "controls for the other drivers of sales (price, promotions, competitor activity, holidays)",
    "autocorrelation": "a control for whatever shifts sales for weeks at a time (distribution, price changes)",
    "collinearity": "fewer collinear channels (combine channels that always move together) or a period where "
                    "one is varied on its own",
    "intervals": "more spend variation in the uncertain channels (pulses, dark weeks or holdout tests)",
    "data per parameter": "more weeks of data, or fewer channels (merge small ones)",
}


def _grade(checks: tuple[QualityCheck, ...], channels: tuple[ChannelConfidence, ...],
           n_weeks: int | None = None) -> tuple[Grade, tuple[str, ...], tuple[str, ...]]:
    poor = [c for c in checks if c.rating == "poor"]
    caution = [c for c in checks if c.rating == "caution"]
    forecast_poor = any(c.name in ("forecast", "fit error") for c in poor)
    grade: Grade
    if len(poor) >= 2 or (forecast_poor and caution):
        grade = "Low"
    elif not poor and len(caution) <= 1:
        grade = "High"
    else:
        grade = "Medium"
    if grade == "High":
        reasons = [c.text for c in checks if c.rating == "ok"][:3]
        problems = caution
    else:
        problems = poor + caution
        reasons = [c.text for c in problems][:3]
    advice = dict(IMPROVE)
    if n_weeks is not None and n_weeks >= 104:   # history is not what is missing: name the drivers instead
        advice["forecast"] = (f"controls for what moves sales from quarter to quarter besides media (price, promotions, "
                              f"distribution, events) — {n_weeks} weeks of history are already there")
    improvements = list(dict.fromkeys(advice[c.name] for c in problems))[:3]
    if grade == "High" and not improvements:
        improvements = ["more weeks of data would still narrow the channel intervals"]
    return grade, tuple(reasons), tuple(improvements)
