"""Keep the decomposition sane: a non-negative baseline and media that never explains more than sales.

An unconstrained least-squares fit on wide, collinear data can trade a saturated media curve
(nearly constant whenever the channel is on air) against the intercept: media then "drives"
140% of sales and the baseline goes negative. When that happens the linear coefficients are
re-estimated by least squares under the limits — baseline >= 0 and 0 <= media <= sales in every
week, media coefficients >= 0 — with the media curves held at what the data chose. The result
is the closest fit that a CMO can read without contradiction; the caller says it was imposed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Limited:
    """Coefficients refitted under the limits, and what the unconstrained fit got wrong."""

    params: np.ndarray
    unconstrained: np.ndarray    # the coefficients the limits replaced
    negative_weeks: int          # weeks with a negative baseline before the refit
    media_share_before: float    # media / sales over the period before the refit
    media_share_after: float


def violations(y: np.ndarray, base: np.ndarray, media: np.ndarray, params: np.ndarray) -> tuple[int, int]:
    """(weeks with a negative baseline, weeks where media exceeds sales), with a small tolerance."""
    p = base.shape[1]
    tol = 1e-6 * float(np.mean(np.abs(y)))
    baseline = base @ params[:p]
    total_media = media @ params[p:] if media.shape[1] else np.zeros(len(y))
    return int((baseline < -tol).sum()), int((total_media > np.maximum(y, 0.0) + tol).sum())


def refit_within_limits(y: np.ndarray, base: np.ndarray, media: np.ndarray, params: np.ndarray,
                        prior_x: np.ndarray | None = None, prior_y: np.ndarray | None = None) -> Limited | None:
    """Least squares under baseline >= 0, 0 <= media <= sales (each week); None when already within
    them or when the limits cannot all hold (e.g. negative sales), in which case the caller keeps the fit.
    `prior_x`, `prior_y` are pseudo-observations (a prior on the coefficients) kept in the objective."""
    negative, excess = violations(y, base, media, params)
    if not negative and not excess:
        return None
    from scipy.optimize import minimize  # local: only wide or odd data get here

    p = base.shape[1]
    design = np.column_stack([base, media])
    scale = np.abs(design).max(axis=0)
    scale[scale == 0] = 1.0
    unit = max(float(np.mean(np.abs(y))), 1e-300)
    xs, ys = design / scale, y / unit
    cap = np.maximum(ys, 0.0)
    hessian, gradient = xs.T @ xs, xs.T @ ys
    if prior_x is not None and prior_y is not None and len(prior_y):
        px, py = prior_x / scale, prior_y / unit
        hessian, gradient = hessian + px.T @ px, gradient + px.T @ py
    zeros_base = np.zeros((len(y), design.shape[1] - p))
    zeros_media = np.zeros((len(y), p))
    constraints = [
        {"type": "ineq", "fun": lambda b: xs[:, :p] @ b[:p], "jac": lambda b: np.hstack([xs[:, :p], zeros_base])},
        {"type": "ineq", "fun": lambda b: cap - xs[:, p:] @ b[p:], "jac": lambda b: np.hstack([zeros_media, -xs[:, p:]])},
    ]
    start = np.zeros(design.shape[1])
    start[0] = float(np.mean(cap)) / max(float(xs[:, 0].mean()), 1e-300)  # all baseline, no media: feasible
    result = minimize(lambda b: 0.5 * b @ hessian @ b - gradient @ b, start, jac=lambda b: hessian @ b - gradient,
                      bounds=[(None, None)] * p + [(0.0, None)] * (design.shape[1] - p), constraints=constraints,
                      method="SLSQP", options={"maxiter": 500, "ftol": 1e-12})
    solved = result.x * unit / scale
    if not np.all(np.isfinite(solved)) or any(violations(y, base, media, solved)):
        return None
    total = float(np.sum(y)) or 1.0
    before = float((media @ params[p:]).sum()) / total if media.shape[1] else 0.0
    after = float((media @ solved[p:]).sum()) / total if media.shape[1] else 0.0
    return Limited(solved, np.asarray(params, dtype=float), negative, before, after)
