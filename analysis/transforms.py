"""Media transforms: geometric adstock (carry-over) and Hill saturation, pure and vectorised."""
from __future__ import annotations

import numpy as np
from scipy.signal import lfilter


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
        return lfilter([1.0], [1.0, -decays[0]], spend)
    if decays.size == 1:
        return lfilter([1.0], [1.0, -decays[0]], spend, axis=0)
    if decays.size != spend.shape[1]:
        raise ValueError(f"{decays.size} decays for {spend.shape[1]} columns")
    out = np.empty_like(spend)
    for j, d in enumerate(decays):
        out[:, j] = lfilter([1.0], [1.0, -d], spend[:, j])
    return out


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
    return ratio / (1.0 + ratio)


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
