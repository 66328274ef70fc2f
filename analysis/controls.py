"""Controls that do not earn their place are shrunk toward zero: ridge, its strength chosen by blocked CV.

Wide exports carry dozens of controls (holiday and week dummies, drifting indices, unexplained
numbers) of which a handful move sales. Each standardised control coefficient gets a ridge
penalty; the penalty is picked by blocked time-series cross-validation (contiguous blocks of
weeks held out in turn) of the final linear model, with intercept, trend, seasonality and media
unpenalised. The penalty enters the final OLS as pseudo-observations, so the reported standard
errors and intervals are those of the shrunk (posterior) fit, not of a model that pretends the
chosen controls were known in advance.

On wide data each kind of control (price, promotion, distribution, competitor, holidays, season dummies, economy,
other: `analysis.loading.columns.control_kind`) gets its own penalty, chosen by the same CV one kind at a time from
the shared one (session 12, `_group_lambdas`). Why: one penalty for 40 columns of which a handful matter is set by
the many that do not, and shrank the ones that do: on blind exports 300-319 the fitted price effect was a median
0.33 of the true one, distribution 0.43, holidays 0.63, and media took part of what they leave unexplained.
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


def ridge_rows(y: np.ndarray, x: np.ndarray, penalised: list[int], folds: int = FOLDS,
               groups: list[str] | None = None) -> tuple[np.ndarray, float]:
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
    errors = _cv_errors(y, x, penalties, folds)
    best_lam = LAMBDAS[int(np.argmin(errors))]
    lams = np.full(len(penalised), best_lam)
    if groups is not None and len(set(groups)) > 1:
        lams = _group_lambdas(y, x, penalised, sd, list(groups), lams, float(errors.min()), folds)
    rows = np.zeros((len(penalised), x.shape[1]))
    rows[np.arange(len(penalised)), penalised] = np.sqrt(lams) * sd
    return rows[lams > 0], best_lam


def _group_lambdas(y: np.ndarray, x: np.ndarray, penalised: list[int], sd: np.ndarray, groups: list[str],
                   lams: np.ndarray, best: float, folds: int, passes: int = 2) -> np.ndarray:
    """Each group of controls its own penalty, by the same blocked CV, one group at a time from the shared one."""
    labels = sorted(set(groups))
    member = {g: np.array([gi == g for gi in groups]) for g in labels}
    for _ in range(passes):
        moved = False
        for g in labels:
            trials = []
            for lam in LAMBDAS:
                trial = lams.copy()
                trial[member[g]] = lam
                diag = np.zeros(x.shape[1])
                diag[penalised] = trial * sd ** 2
                trials.append((trial, diag))
            errors = _cv_errors(y, x, [d for _, d in trials], folds)
            i = int(np.argmin(errors))
            if errors[i] < best * (1 - 1e-9):
                best, lams, moved = float(errors[i]), trials[i][0], True
        if not moved:
            break
    return lams
