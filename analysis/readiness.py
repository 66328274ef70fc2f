"""Is this data ready for MMM? A verdict (ready / usable / not_ready) with reasons and what to do about each.

Judged before any fit, from the data alone: weeks per estimated parameter (each channel costs a
coefficient plus three curve parameters, each control one), how much each channel's spend
varies (weeks on and off, spread of weekly spend), channel pairs that move together (their
effects cannot be told apart), tiny budget shares, gaps in the weekly series, cells the loader
filled in, and the number of controls. Any blocking problem makes it "not_ready"; any warning makes it "usable".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from analysis.dataset import Dataset

if TYPE_CHECKING:
    from analysis.model import MMMFit

PARAMS_PER_CHANNEL = 4          # coefficient + decay, half-saturation, shape
BASELINE_PARAMS = 6             # intercept, trend, two yearly harmonics
MIN_WEEKS_PER_PARAM = 2.0       # below: more unknowns than the data can pin down
GOOD_WEEKS_PER_PARAM = 4.0
TOGETHER = 0.9                  # correlation of weekly spend above which two channels are entangled
MIN_SHARE = 0.01                # a channel under 1% of spend is too small to measure
MIN_ACTIVE_WEEKS = 4

Severity = Literal["blocking", "warning"]
Verdict = Literal["ready", "usable", "not_ready"]


@dataclass(frozen=True)
class ReadinessReason:
    """One problem with the data, how serious it is, and what to do about it."""

    code: str
    severity: Severity
    text: str
    fix: str


@dataclass(frozen=True)
class Readiness:
    verdict: Verdict
    reasons: tuple[ReadinessReason, ...]
    weeks_per_parameter: float
    entangled: tuple[tuple[str, str, float], ...]   # channel pairs whose spend moves together, with correlation


def entangled_pairs(dataset: Dataset, threshold: float = TOGETHER) -> tuple[tuple[str, str, float], ...]:
    """Channel pairs whose weekly spend is correlated above `threshold`, most correlated first."""
    spend = dataset.spend
    live = [j for j in range(spend.shape[1]) if np.ptp(spend[:, j]) > 0]
    if len(live) < 2:
        return ()
    corr = np.corrcoef(spend[:, live], rowvar=False)
    pairs = [(dataset.channels[live[a]], dataset.channels[live[b]], float(corr[a, b]))
             for a in range(len(live)) for b in range(a + 1, len(live)) if corr[a, b] >= threshold]
    return tuple(sorted(pairs, key=lambda p: -p[2]))


def readiness(dataset: Dataset) -> Readiness:
    """The verdict and its reasons for one dataset."""
    n, k = dataset.spend.shape
    m = len(dataset.control_names)
    params = BASELINE_PARAMS + m + PARAMS_PER_CHANNEL * k
    per_param = n / params
    reasons: list[ReadinessReason] = []

    def add(code: str, severity: Severity, text: str, fix: str) -> None:
        reasons.append(ReadinessReason(code, severity, text, fix))

    if per_param < MIN_WEEKS_PER_PARAM:
        add("too_many_parameters", "blocking",
            f"{n} weeks for about {params} unknowns ({k} channels x {PARAMS_PER_CHANNEL} + {m} controls + "
            f"{BASELINE_PARAMS} for trend and seasonality): {per_param:.1f} weeks each, under {MIN_WEEKS_PER_PARAM:g}",
            "add history (two years or more), merge small channels, or keep only the controls you know move sales "
            "(--controls)")
    elif per_param < GOOD_WEEKS_PER_PARAM:
        add("few_weeks_per_parameter", "warning",
            f"{per_param:.1f} weeks per estimated parameter ({n} weeks, about {params} unknowns); "
            f"{GOOD_WEEKS_PER_PARAM:g} or more gives steadier estimates",
            "add history, merge small channels, or pass fewer controls with --controls")
    if n < 104:
        add("short_history", "warning", f"only {n} weeks; two years or more separates seasonality from media",
            "add earlier weeks if you have them")
    totals = dataset.total_spend
    share = totals / totals.sum() if totals.sum() > 0 else np.zeros(k)
    for j, name in enumerate(dataset.channels):
        x = dataset.spend[:, j]
        active = int(np.count_nonzero(x))
        if active < MIN_ACTIVE_WEEKS or np.ptp(x) == 0:
            add("no_variation", "warning", f"{name}: spend in {active} of {n} weeks"
                + (" at one level" if active and np.ptp(x) == 0 else "") + " — its effect cannot be measured",
                f"vary {name}'s spend (a few weeks on and off), or leave it out with --spend")
            continue
        on = x[x > 0]
        spread = float(on.std() / on.mean()) if on.mean() > 0 else 0.0
        if active == n and spread < 0.1:
            add("flat_spend", "warning", f"{name}: on every week at nearly the same level (weekly spend varies "
                f"{spread:.0%}) — little to learn its effect from", f"vary {name}'s weekly spend, or pause it for a few weeks")
        if share[j] < MIN_SHARE:
            add("tiny_channel", "warning", f"{name}: {share[j]:.1%} of spend — too small to measure on its own",
                f"merge {name} into a related channel")
    pairs = entangled_pairs(dataset)
    for a, b, r in pairs[:5]:
        add("channels_move_together", "warning",
            f"{a} and {b} move together (weekly spend correlation {r:.2f}): the data cannot tell their effects apart",
            f"merge {a} and {b} into one channel, or vary one alone for a few weeks")
    steps = np.diff(dataset.dates.values).astype("timedelta64[D]").astype(int)
    gaps = int((steps > 8).sum()) if len(steps) else 0
    if gaps:
        add("gaps", "warning", f"{gaps} gap(s) in the weekly series", "fill the missing weeks (zero spend where nothing ran)")
    if dataset.filled:
        cells = sum(count for _, count, _ in dataset.filled)
        shown = ", ".join(f"{column} {count} ({how})" for column, count, how in dataset.filled[:4])
        more = f" and {len(dataset.filled) - 4} more column(s)" if len(dataset.filled) > 4 else ""
        add("filled_values", "warning", f"{cells} missing value(s) were filled in to fit the model: {shown}{more}",
            "put the real figures in those cells if you have them (a blank spend cell is read as no spend)")
    if m > n / 5:
        add("many_controls", "warning", f"{m} controls on {n} weeks; controls that do not earn their place are shrunk "
            "toward zero, but each still costs precision", "keep only controls you know move sales (--controls)")
    verdict: Verdict = ("not_ready" if any(r.severity == "blocking" for r in reasons)
                        else "usable" if reasons else "ready")
    return Readiness(verdict, tuple(reasons), float(per_param), pairs)


def entangled_in_fit(fit: MMMFit, threshold: float = 0.3, most: int = 3) -> tuple[tuple[str, str, float], ...]:
    """Channel pairs the fitted model trades against each other: their coefficient estimates are
    negatively correlated (more of one explains the same sales as less of the other). Falls back to
    the most correlated spend pairs when the fit dropped the channels involved."""
    cov = np.asarray(fit.media_covariance, dtype=float)
    sd = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    names = fit.channel_names
    pairs = []
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            if sd[a] > 0 and sd[b] > 0:
                r = cov[a, b] / (sd[a] * sd[b])
                if r <= -threshold:
                    pairs.append((names[a], names[b], float(r)))
    pairs.sort(key=lambda p: p[2])
    if len(pairs) < most:
        seen = {frozenset(p[:2]) for p in pairs}
        pairs += [p for p in entangled_pairs(fit.dataset, 0.5) if frozenset(p[:2]) not in seen]
    return tuple(pairs[:most])
