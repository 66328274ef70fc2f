"""Media transforms: geometric adstock (carry-over) and Hill saturation, pure and vectorised."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

MATRIX_MAX_WEEKS = 1500   # longer series use the plain recurrence instead of an (n, n) matrix


@lru_cache(maxsize=64)
def _carryover_matrix(n: int, decay: float) -> np.ndarray:
    """Lower-triangular L with L[t, s] = decay**(t - s): adstock is then one matrix product.
    Cached per (weeks, decay): the fit and the optimiser reuse a handful of decays many times."""
    lag = np.subtract.outer(np.arange(n), np.arange(n))
    matrix = np.where(lag >= 0, np.power(decay, np.clip(lag, 0, None), dtype=float), 0.0)
    matrix.setflags(write=False)
    return matrix


def _adstock_1d(spend: np.ndarray, decay: float) -> np.ndarray:
    if decay == 0.0:
        return spend.astype(float, copy=True)
    if len(spend) <= MATRIX_MAX_WEEKS:
        out: np.ndarray = _carryover_matrix(len(spend), float(decay)) @ spend
        return out
    out = np.empty(len(spend))
    carry = 0.0
    for t, x in enumerate(spend):
        carry = x + decay * carry
        out[t] = carry
    return out


def geometric_adstock(spend: np.ndarray, decay: float | np.ndarray) -> np.ndarray:
    """Carry-over: out[t] = spend[t] + decay * out[t-1], with out[-1] = 0.

    Works along axis 0, so a (weeks, channels) matrix with one decay per channel is
    transformed column by column. A linear filter: scaling spend scales the output.
    """
    spend = np.asarray(spend, dtype=float)
    decays = np.atleast_1d(np.asarray(decay, dtype=float))
    if np.any((decays < 0) | (decays >= 1)):
        raise ValueError(f"decay must be in [0, 1), got {decay}")
    if spend.ndim == 1:
        if decays.size != 1:
            raise ValueError("a 1-D spend series takes one decay")
        return _adstock_1d(spend, float(decays[0]))
    if decays.size == 1:
        decays = np.repeat(decays, spend.shape[1])
    if decays.size != spend.shape[1]:
        raise ValueError(f"{decays.size} decays for {spend.shape[1]} columns")
    return np.column_stack([_adstock_1d(spend[:, j], float(d)) for j, d in enumerate(decays)]) \
        if spend.shape[1] else np.empty_like(spend)


def hill(x: np.ndarray, half_saturation: float | np.ndarray, shape: float | np.ndarray) -> np.ndarray:
    """Saturation: x^s / (x^s + k^s), 0 at no spend, 1/2 at x = k, approaching 1.

    `half_saturation` (k) is in the units of x; `shape` (s) > 1 gives an S-curve,
    s <= 1 diminishing returns from the first dollar. Broadcasts over columns.
    """
    x = np.asarray(x, dtype=float)
    k = np.asarray(half_saturation, dtype=float)
    s = np.asarray(shape, dtype=float)
    if np.any(k <= 0) or np.any(s <= 0):
        raise ValueError(f"half_saturation and shape must be positive, got {half_saturation}, {shape}")
    ratio = np.power(np.clip(x, 0.0, None) / k, s)
    out: np.ndarray = ratio / (1.0 + ratio)
    return out


def hill_derivative(x: np.ndarray, half_saturation: float | np.ndarray, shape: float | np.ndarray) -> np.ndarray:
    """d hill / dx = s/x * h * (1 - h), for marginal returns. At x = 0 it is taken as 0,
    except for shape 1 where the slope from the origin is 1/k."""
    x = np.asarray(x, dtype=float)
    h = hill(x, half_saturation, shape)
    s = np.broadcast_to(np.asarray(shape, dtype=float), h.shape)
    k = np.broadcast_to(np.asarray(half_saturation, dtype=float), h.shape)
    positive = x > 0
    slope = s * h * (1.0 - h) / np.where(positive, x, 1.0)
    at_origin = np.where(s == 1.0, 1.0 / k, 0.0)
    return np.where(positive, slope, at_origin)


def half_life(decay: float) -> float:
    """Weeks until an ad's effect has halved: log(0.5)/log(decay); 0 for no carry-over."""
    if decay <= 0:
        return 0.0
    return float(np.log(0.5) / np.log(decay))
