"""The fitted marketing-mix model: learned transforms, coefficients with intervals, decomposition, predict()."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.dataset import Dataset
from analysis.transforms import geometric_adstock, hill


@dataclass(frozen=True)
class Transform:
    """One adstock + Hill transform of a channel's spend, with its weight in the channel's curve."""

    weight: float
    decay: float
    half_saturation: float    # in adstocked spend units (input money units)
    shape: float

    def apply(self, spend: np.ndarray) -> np.ndarray:
        return hill(geometric_adstock(spend, self.decay), self.half_saturation, self.shape)


@dataclass(frozen=True)
class Candidate:
    """One curve the data support for a channel, with its posterior weight and its own
    coefficient estimate: the raw material for intervals on what-ifs and reallocations."""

    weight: float
    decay: float
    half_saturation: float
    shape: float
    coef: float
    coef_se: float


@dataclass(frozen=True)
class ChannelFit:
    """One channel's learned response: coef * sum_i w_i * hill(adstock(spend, decay_i), k_i, shape_i).

    The curve is a weighted blend of the transforms the data supports (weights sum to 1), so
    the response stays between 0 and `coef`. `decay`, `half_saturation` and `shape` are the
    blend's representative values (weighted means; geometric for the half-saturation point).

    `contribution_low/high` is a 90% interval for the channel's incremental sales over the
    modelled period that covers both the coefficient's sampling error and the uncertainty in
    the learned transform (every decay/saturation the data cannot rule out). `measurable` is
    False when that interval reaches zero or the channel could not be estimated at all.
    """

    name: str
    decay: float
    half_saturation: float    # in adstocked spend units (input money units)
    shape: float
    coef: float               # >= 0: sales at full saturation, per week
    coef_se: float
    spend: float              # total over the modelled period
    contribution: float       # incremental sales over the modelled period
    contribution_low: float
    contribution_high: float
    measurable: bool
    note: str | None = None   # why a channel is not measurable, in plain words
    transforms: tuple[Transform, ...] = ()
    posterior: tuple[Candidate, ...] = ()   # plausible curves, for uncertainty; empty when not estimated
    data_posterior: tuple[Candidate, ...] = ()   # the curves the likelihood alone favours (no priors): what-if ranges

    @cached_property
    def _groups(self) -> tuple[tuple[float, np.ndarray, np.ndarray, np.ndarray], ...]:
        """Transforms grouped by decay, so each adstock is computed once: (decay, w, k, s)."""
        by_decay: dict[float, list[Transform]] = {}
        for t in self.transforms:
            by_decay.setdefault(t.decay, []).append(t)
        return tuple((d, np.array([t.weight for t in ts]), np.array([t.half_saturation for t in ts]),
                      np.array([t.shape for t in ts])) for d, ts in by_decay.items())

    def _blend(self, spend: np.ndarray, derivative: bool) -> np.ndarray:
        out = np.zeros(len(spend))
        for decay, w, k, s in self._groups:
            adstocked = geometric_adstock(spend, decay)[:, None]
            ratio = np.power(np.clip(adstocked, 0.0, None) / k, s)
            level = ratio / (1.0 + ratio)
            # d level / d ln(scale) = s * level * (1 - level): the response to scaling the whole plan
            out += (s * level * (1.0 - level) if derivative else level) @ w
        return out

    def candidate_totals(self, spend: np.ndarray) -> np.ndarray:
        """Total response over the period of each posterior candidate's curve (coefficient 1)."""
        spend = np.asarray(spend, dtype=float)
        out = np.zeros(len(self.posterior))
        for decay in {c.decay for c in self.posterior}:
            index = [i for i, c in enumerate(self.posterior) if c.decay == decay]
            k = np.array([self.posterior[i].half_saturation for i in index])
            s = np.array([self.posterior[i].shape for i in index])
            ratio = np.power(np.clip(geometric_adstock(spend, decay), 0.0, None)[:, None] / k, s)
            out[index] = (ratio / (1.0 + ratio)).sum(axis=0)
        return out

    def response(self, spend: np.ndarray) -> np.ndarray:
        """Weekly incremental sales for a weekly spend series."""
        spend = np.asarray(spend, dtype=float)
        if self.coef == 0.0 or not self.transforms:
            return np.zeros(len(spend))
        return self.coef * self._blend(spend, derivative=False)

    def scale_derivative(self, spend: np.ndarray) -> float:
        """d(total response)/d(multiplier) when the weekly plan is scaled: sum_t h'(a_t) * a_t."""
        spend = np.asarray(spend, dtype=float)
        if self.coef == 0.0 or not self.transforms:
            return 0.0
        return self.coef * float(self._blend(spend, derivative=True).sum())

    def marginal_response(self, spend: np.ndarray) -> float:
        """Extra sales per extra dollar when the whole weekly plan is scaled up a little."""
        total = float(np.sum(spend))
        return self.scale_derivative(spend) / total if total > 0 else 0.0


@dataclass(frozen=True)
class FitStats:
    """How well the model reproduces the sales it was fitted on."""

    r2: float
    adj_r2: float
    mape: float            # in-sample mean absolute percentage error, in %
    durbin_watson: float
    n_obs: int
    n_params: int          # linear coefficients plus three learned transform parameters per channel
    sigma: float           # residual standard deviation, in sales units


@dataclass(frozen=True)
class Decomposition:
    """Weekly sales split into baseline parts and channels; parts add up to `fitted`."""

    dates: pd.DatetimeIndex
    actual: np.ndarray
    intercept: np.ndarray
    trend: np.ndarray
    seasonality: np.ndarray
    controls: np.ndarray        # (n, m) one column per control
    channels: np.ndarray        # (n, k) one column per channel
    fitted: np.ndarray

    @property
    def baseline(self) -> np.ndarray:
        """Sales the model expects with no media at all."""
        result: np.ndarray = self.intercept + self.trend + self.seasonality + self.controls.sum(axis=1)
        return result

    @property
    def residual(self) -> np.ndarray:
        result: np.ndarray = self.actual - self.fitted
        return result


@dataclass(frozen=True)
class MMMFit:
    """A fitted model on one dataset: everything the analyses and the assistant need."""

    dataset: Dataset
    channels: tuple[ChannelFit, ...]
    stats: FitStats
    decomposition: Decomposition
    media_covariance: np.ndarray     # (k, k) covariance of channel coefs (0 rows/cols for dropped channels)
    baseline_names: tuple[str, ...]  # names of the linear baseline regressors
    baseline_coefs: np.ndarray
    method: str
    harmonics: int = 2
    warnings: tuple[str, ...] = ()
    one_off_weeks: tuple[int, ...] = ()   # weeks (row indices) given an indicator of their own in the baseline
    one_off_effects: tuple[float, ...] = ()   # their fitted adjustments (sales units), part of the intercept series
    pool_shift: tuple[float, ...] = ()   # (k,) wide data: each channel's coef moved by one sd of the pool's centre
    # entangled pairs (channel indices a, b) with the 90% interval of their summed contribution from their joint fit
    pair_sums: tuple[tuple[int, int, float, float], ...] = ()

    @property
    def channel_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels)

    @cached_property
    def media_interval(self) -> tuple[float, float]:
        """90% interval for all media's incremental sales over the period (sales units).

        Why: on wide exports the media total is the least certain figure the model gives. Always-on
        channels trade their level against the intercept, so it rests on the pooled-ROI prior; its
        own uncertainty is several points of sales (issue 15, benchmarks/bench_wide.py), and a headline
        share must carry it. By the law of total variance it has two parts: the coefficients' joint
        covariance given the curves (channels trading against each other and against the baseline),
        plus each channel's curve uncertainty, the part of its own interval that its coefficient's
        standard error does not explain (taken independent across channels). A channel left out of
        the fit adds its whole interval. On wide data a third part: the pooled-ROI prior's centre is itself
        an estimate, and every pooled channel moves with it at once (`pool_shift`), an error the channels'
        own ranges, each given the centre, cannot show. The interval is kept between 0 and the sales there were.

        Two channels bought together (`pair_sums`) share one curve term, their summed contribution's
        interval from their joint fit, when that is narrower than their two terms: each member's own
        interval holds every split of the pair the data cannot make, but the sum the data do pin
        (session 10's entangled 9101: media 18.5k-25.6k became 11.5k-29.4k, truth 22.8k).
        """
        z = 1.6448536269514722   # the channels' intervals are 90% too
        totals = np.array([c.contribution / c.coef if c.coef > 0 else 0.0 for c in self.channels])
        variance = float(totals @ self.media_covariance @ totals)
        own = np.array([max(((c.contribution_high - c.contribution_low) / (2 * z)) ** 2 - (c.coef_se * total) ** 2,
                            0.0) for c, total in zip(self.channels, totals)])
        members = [j for a, b, _, _ in self.pair_sums for j in (a, b)]
        for a, b, low, high in self.pair_sums:
            if members.count(a) > 1 or members.count(b) > 1:   # a channel in two pairs keeps its own terms
                continue
            pair = totals[[a, b]]
            shared = max(((high - low) / (2 * z)) ** 2 - float(pair @ self.media_covariance[np.ix_([a, b], [a, b])]
                                                                @ pair), 0.0)
            if shared < own[a] + own[b]:
                own[a], own[b] = shared, 0.0
        variance += float(own.sum())
        if self.pool_shift:
            variance += float(totals @ np.asarray(self.pool_shift)) ** 2
        media = float(sum(c.contribution for c in self.channels))
        spread = z * np.sqrt(max(variance, 0.0))
        ceiling = float(np.clip(self.decomposition.actual, 0.0, None).sum())
        return max(media - spread, 0.0), min(media + spread, max(ceiling, media))

    def channel(self, name: str) -> ChannelFit:
        for c in self.channels:
            if c.name == name:
                return c
        raise KeyError(f"no channel {name!r}; channels are {', '.join(self.channel_names)}")

    def channel_contributions(self, spend: np.ndarray | None = None) -> np.ndarray:
        """(n, k) weekly incremental sales per channel for a weekly spend plan (default: actual)."""
        plan = self.dataset.spend if spend is None else np.asarray(spend, dtype=float)
        if plan.shape != self.dataset.spend.shape:
            raise ValueError(f"spend plan must have shape {self.dataset.spend.shape}, got {plan.shape}")
        return np.column_stack([c.response(plan[:, j]) for j, c in enumerate(self.channels)])

    def predict(self, spend: np.ndarray | None = None) -> np.ndarray:
        """Weekly sales the model expects under a spend plan (same weeks, same baseline)."""
        result: np.ndarray = self.decomposition.baseline + self.channel_contributions(spend).sum(axis=1)
        return result

    def predict_for(self, dates: pd.DatetimeIndex, spend: np.ndarray, controls: np.ndarray | None = None) -> np.ndarray:
        """Weekly sales for other weeks (e.g. a held-out quarter): the fitted trend and seasonality
        extended to `dates`, plus each channel's response to `spend` (n, k) from its first row."""
        from analysis.design import baseline_design  # local: design imports nothing from here

        fitted_dates = self.dataset.dates
        m = len(self.dataset.control_names)
        ctrl = np.zeros((len(dates), m)) if controls is None else np.asarray(controls, dtype=float).reshape(len(dates), m)
        design = baseline_design(pd.DatetimeIndex(dates), ctrl, self.dataset.control_names, self.harmonics,
                                 origin=fitted_dates[0], span_days=float((fitted_dates[-1] - fitted_dates[0]).days),
                                 season_grows=True)   # every column the fit may have used; picked by name below
        used = [design.names.index(name) for name in self.baseline_names]   # controls the fit kept
        plan = np.asarray(spend, dtype=float)
        media = sum(c.response(plan[:, j]) for j, c in enumerate(self.channels))
        one_offs = pd.Series(self.one_off_effects, index=fitted_dates[list(self.one_off_weeks)], dtype=float)
        extra = one_offs.reindex(pd.DatetimeIndex(dates)).fillna(0.0).to_numpy()   # only on those very weeks
        result: np.ndarray = design.matrix[:, used] @ self.baseline_coefs + media + extra
        return result
