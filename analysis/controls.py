"""Controls that do not earn their place are shrunk toward zero: ridge, its strength chosen by blocked CV.

Wide exports carry dozens of controls (holiday and week dummies, drifting indices, unexplained
numbers) of which a handful move sales. Each standardised control coefficient gets a ridge
penalty; the penalty is picked by blocked time-series cross-validation (contiguous blocks of
weeks held out in turn) of the final linear model, with intercept, trend, seasonality and media
unpenalised. The penalty enters the final OLS as pseudo-observations, so the reported standard
errors and intervals are those of the shrunk (posterior) fit, not of a model that pretends the
chosen controls were known in advance.
"""
from __future__ import annotations

import numpy as np

LAMBDAS = (0.0, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0)   # in units of one week's information on a standardised column
FOLDS = 5


def _cv_errors(y: np.ndarray, x: np.ndarray, penalties: list[np.ndarray], folds: int) -> np.ndarray:
    """Held-out squared error for each diagonal penalty, over contiguous blocks of weeks."""
    n = len(y)
    sse = np.zeros(len(penalties))
    scale = max(float(np.abs(x).max()), 1e-300)
    for block in np.array_split(np.arange(n), folds):
        train = np.ones(n, dtype=bool)
        train[block] = False
        gram, rhs = x[train].T @ x[train], x[train].T @ y[train]
        jitter = 1e-10 * scale ** 2 * np.eye(x.shape[1])   # unpenalised columns may be collinear within a fold
        for i, penalty in enumerate(penalties):
            beta = np.linalg.solve(gram + np.diag(penalty) + jitter, rhs)
            sse[i] += float(((y[block] - x[block] @ beta) ** 2).sum())
    return sse


def ridge_rows(y: np.ndarray, x: np.ndarray, penalised: list[int], folds: int = FOLDS) -> tuple[np.ndarray, float]:
    """Pseudo-observation rows (one per penalised column, y = 0) for the CV-chosen ridge penalty, and
    that penalty. No rows when no penalty beats plain least squares out of sample."""
    if not penalised:
        return np.zeros((0, x.shape[1])), 0.0
    sd = x[:, penalised].std(axis=0)
    sd[sd == 0] = 1.0
    penalties = []
    for lam in LAMBDAS:
        diag = np.zeros(x.shape[1])
        diag[penalised] = lam * sd ** 2
        penalties.append(diag)
    best_lam = LAMBDAS[int(np.argmin(_cv_errors(y, x, penalties, folds)))]
    rows = np.zeros((len(penalised), x.shape[1]))
    rows[np.arange(len(penalised)), penalised] = np.sqrt(best_lam) * sd
    return (rows if best_lam > 0 else rows[:0]), best_lam
