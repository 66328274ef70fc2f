"""The curve search's own least-squares fits: statsmodels' OLS (method "pinv") computed step for step in numpy.

Why: the fit solves OLS after every curve search and at the end; only the final fit needs statsmodels' results
object (analysis.fit._ols). The search's fits read four figures from it (coefficients, their standard errors, the
residual variance and the fitted values), and importing statsmodels (scipy.stats, formulaic) takes longer than the
first curve search, so a first answer waited for that import there. These are the same numpy calls in the same
order as `OLS(y, x).fit()` (statsmodels 0.15: `pinv_extended`, `RegressionResults.scale`, `.bse`), so every figure
is the same to the last bit (tests/test_speed_s15.py compares them with statsmodels').
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LeastSquares:
    """The figures of `statsmodels.regression.linear_model.OLS(y, x).fit()` that the curve search reads."""

    params: np.ndarray
    bse: np.ndarray
    scale: float
    fittedvalues: np.ndarray
    covariance: np.ndarray

    def cov_params(self) -> np.ndarray:
        return self.covariance


def pinv_ols(y: np.ndarray, x: np.ndarray) -> LeastSquares:
    """OLS of y on x through the pseudo-inverse (singular values below 1e-15 of the largest dropped), as statsmodels."""
    x, y = np.asarray(x), np.asarray(y)
    u, s, vt = np.linalg.svd(x.conjugate(), False)
    singular = np.copy(s)
    cutoff = 1e-15 * np.maximum.reduce(s)
    for i in range(min(u.shape[0], vt.shape[1])):
        s[i] = 1.0 / s[i] if s[i] > cutoff else 0.0
    pinv = np.dot(np.transpose(vt), np.multiply(s[:, np.newaxis], np.transpose(u)))
    normalized = np.dot(pinv, np.transpose(pinv))
    params = np.dot(pinv, y)
    fitted = np.dot(x, params)
    resid = y - fitted
    scale = np.dot(resid, resid) / (float(x.shape[0]) - np.linalg.matrix_rank(np.diag(singular)))
    covariance = normalized * scale
    return LeastSquares(params, np.sqrt(np.diag(covariance)), scale, fitted, covariance)
