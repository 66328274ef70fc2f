"""Empirical-Bayes priors on carry-over and saturation: one dataset's channels inform each other.

The fit's fixed priors (Beta(1, 3) on decay, log-normal(0, 1) on the half-saturation multiple)
say what is typical of channels in general. Here the prior's parameters are learned from the
dataset itself (type-II maximum likelihood): each channel's likelihood over the transform grid
is marginalised under a candidate prior, and the prior that makes all channels' data most likely
together wins. A channel whose likelihood is flat (a deeply saturated or always-on channel) then
takes the prior its well-measured neighbours imply, instead of the generic one.

Measured and NOT adopted (off: `analysis.fit.EMPIRICAL_PRIORS = ""`). Single-channel what-if error,
median across the six classes of `benchmarks/bench_decisions.py --seeds 5 --no-timing`, seed
offsets 0 / 25 (fixed priors: 0.232 / 0.283):
- "both", full family below: 0.261 / 0.325. With five or six channels, type-II maximum likelihood
  picks the narrowest saturation prior on offer (sd 0.5) on all 18 datasets checked (three seeds per
  class) and Beta(3, b) on decay on 13: a channel with a flat likelihood costs nothing to a tight
  prior, so the data never argue for a wide one;
- "both", fixed-prior family (Beta(1, b), sd 1; only b and the centre learned): 0.243 / 0.323;
- "decay" only, Beta(1, b): 0.231 / 0.319 (long_carryover 0.185 -> 0.181 / 0.239 -> 0.247: the one
  slow channel is outvoted by its fast neighbours, as the fixed prior outvoted it).
Channels of one dataset differ in carry-over and saturation by kind (TV against search), so pooling
them pulls the odd one toward the rest -- the case where a what-if is most often wrong.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DECAY_A = (1.0, 1.5, 2.0, 3.0)                     # Beta(a, b) on decay, a = 1 is the fixed prior's family
DECAY_B = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
SATURATION_MU = tuple(np.linspace(-1.0, 1.0, 9))   # log-normal centre of the half-saturation multiple
SATURATION_SD = (0.5, 0.75, 1.0, 1.5)
DECAY_FLOOR = 0.02                                 # decay 0 is on the grid: Beta(a > 1) must not rule it out


@dataclass(frozen=True)
class LearnedPrior:
    """The prior the data chose, and its log density over the grid (bank order)."""

    decay_a: float
    decay_b: float
    saturation_mu: float
    saturation_sd: float
    log_prior: np.ndarray


def _normalised(log_p: np.ndarray) -> np.ndarray:
    """Rows of log weights, each normalised to sum to one over the grid points."""
    top = log_p.max(axis=1, keepdims=True)
    result: np.ndarray = log_p - top - np.log(np.exp(log_p - top).sum(axis=1, keepdims=True))
    return result


def learn_prior(log_liks: list[np.ndarray], decays: tuple[float, ...], ratios: tuple[float, ...],
                shape_log_prior: np.ndarray, learn_decay: bool = True, learn_saturation: bool = True,
                default: tuple[float, float, float, float] = (1.0, 3.0, 0.0, 1.0)) -> LearnedPrior:
    """The (decay, half-saturation) prior maximising the channels' joint marginal likelihood.

    log_liks: one (D*R*S,) log likelihood per channel over the grid, in bank order (decay major,
    then ratio, then shape); shape_log_prior: (S,) the fixed prior on shape. A part not learned
    keeps `default` = (a, b, mu, sd)."""
    d = np.clip(np.asarray(decays, dtype=float), DECAY_FLOOR, 1.0 - 1e-9)
    log_r = np.log(np.asarray(ratios, dtype=float))
    pairs_d = [(a, b) for a in DECAY_A for b in DECAY_B] if learn_decay else [default[:2]]
    pairs_r = [(m, s) for m in SATURATION_MU for s in SATURATION_SD] if learn_saturation else [default[2:]]
    lp_d = _normalised(np.array([(a - 1) * np.log(d) + (b - 1) * np.log1p(-d) for a, b in pairs_d]))
    lp_r = _normalised(np.array([-(log_r - m) ** 2 / (2 * s ** 2) for m, s in pairs_r]))
    lp_s = _normalised(np.asarray(shape_log_prior, dtype=float)[None, :])[0]
    total = np.zeros((len(pairs_d), len(pairs_r)))
    shape = (len(decays), len(ratios), len(lp_s))
    for ll in log_liks:
        grid = np.exp(ll.reshape(shape) - ll.max()) @ np.exp(lp_s)          # (D, R), shape marginalised
        total += np.log(np.maximum(np.exp(lp_d) @ grid @ np.exp(lp_r).T, 1e-300))
    i, k = np.unravel_index(int(np.argmax(total)), total.shape)
    log_prior = (lp_d[i][:, None, None] + lp_r[k][None, :, None] + lp_s[None, None, :]).ravel()
    (a, b), (mu, sd) = pairs_d[i], pairs_r[k]
    return LearnedPrior(float(a), float(b), float(mu), float(sd), log_prior)
