"""Fit whatever the data is: a market panel (analysis.panel.fit) or one weekly series (analysis.fit).

The one entry point the assistant uses, so a long geo file is modelled market by market without
the single-series engine having to know about panels.
"""
from __future__ import annotations

from analysis.dataset import Dataset
from analysis.fit import FitConfig, fit_mmm
from analysis.model import MMMFit
from analysis.panel.fit import fit_panel

_DEFAULT = FitConfig()


def fit_model(dataset: Dataset, config: FitConfig = _DEFAULT) -> MMMFit:
    """`fit_panel` when the dataset carries a panel, else `fit_mmm` (national sums never see the markets)."""
    if dataset.panel is not None:
        return fit_panel(dataset, config)
    return fit_mmm(dataset, config)
