"""The baseline part of the regression: intercept, linear trend, yearly Fourier terms and controls."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class BaselineDesign:
    """Baseline regressors with the role of each column, so fitted parts can be summed by role."""

    matrix: np.ndarray            # (n, p)
    names: tuple[str, ...]
    roles: tuple[str, ...]        # "intercept" | "trend" | "seasonality" | "control"


def baseline_design(dates: pd.DatetimeIndex, controls: np.ndarray, control_names: tuple[str, ...],
                    harmonics: int = 2, origin: pd.Timestamp | None = None,
                    span_days: float | None = None, season_grows: bool = False) -> BaselineDesign:
    """Columns scaled to order one so the least-squares solves stay well conditioned.

    The trend runs 0 -> 1 over the fitted weeks; pass the fit's `origin` and `span_days`
    to evaluate the same columns on other (e.g. later, held-out) weeks. `season_grows` adds each
    Fourier term times the trend (role "seasonality"): a season whose swing grows or shrinks with
    the level of sales (`analysis.fit.SEASON_GROWS`). Callers that pick the fit's columns by name
    (`MMMFit.baseline_names`) can always ask for them.
    """
    n = len(dates)
    origin = dates[0] if origin is None else origin
    span = float((dates[-1] - dates[0]).days) if span_days is None else span_days
    trend = (dates - origin).days.to_numpy(dtype=float) / max(span, 1.0)
    columns: list[np.ndarray] = [np.ones(n), trend]
    names = ["intercept", "trend"]
    roles = ["intercept", "trend"]
    days = (dates - pd.Timestamp(origin.year, 1, 1)).days.to_numpy(dtype=float)
    for h in range(1, harmonics + 1):
        angle = 2 * np.pi * h * days / DAYS_PER_YEAR
        columns += [np.sin(angle), np.cos(angle)]
        names += [f"sin{h}", f"cos{h}"]
        roles += ["seasonality", "seasonality"]
    if season_grows:
        for h in range(1, harmonics + 1):
            angle = 2 * np.pi * h * days / DAYS_PER_YEAR
            columns += [trend * np.sin(angle), trend * np.cos(angle)]
            names += [f"trend x sin{h}", f"trend x cos{h}"]
            roles += ["seasonality", "seasonality"]
    for name, values in zip(control_names, np.asarray(controls).T):
        columns.append(np.asarray(values, dtype=float))
        names.append(name)
        roles.append("control")
    return BaselineDesign(np.column_stack(columns), tuple(names), tuple(roles))


def drop_dependent_controls(design: BaselineDesign, tolerance: float = 1e-8) -> tuple[BaselineDesign, tuple[str, ...]]:
    """Remove control columns that add nothing: constant, or a combination of the trend,
    seasonality and earlier controls (e.g. a quarter dummy set next to the Fourier terms).
    Keeping them makes the coefficients of every overlapping column arbitrary."""
    keep = [i for i, role in enumerate(design.roles) if role != "control"]
    dropped = []
    basis, _ = np.linalg.qr(design.matrix[:, keep])
    for i, role in enumerate(design.roles):
        if role != "control":
            continue
        column = design.matrix[:, i]
        residual = column - basis @ (basis.T @ column)
        if np.linalg.norm(residual) <= tolerance * max(float(np.linalg.norm(column)), 1e-300):
            dropped.append(design.names[i])
            continue
        keep.append(i)
        basis = np.column_stack([basis, residual / np.linalg.norm(residual)])
    keep.sort()
    reduced = BaselineDesign(design.matrix[:, keep], tuple(design.names[i] for i in keep),
                             tuple(design.roles[i] for i in keep))
    return reduced, tuple(dropped)
