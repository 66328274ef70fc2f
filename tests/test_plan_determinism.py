"""A plan is the same whatever was asked before it on the same fit: the optimiser's cached curves
and optima must not carry one question's range or bounds into another's (a curve built for a far
larger reach is too coarse near today's spend, and moved a sample plan's binding limits)."""
from __future__ import annotations

import copy

import numpy as np

from analysis.decisions.optimize import BudgetConstraint, optimize_budget


def _split(result):
    return np.array([row.recommended for row in result.allocation])


def test_a_wide_question_first_does_not_change_the_next_plan(sample_fit):
    alone = optimize_budget(copy.deepcopy(sample_fit), confident=False)
    fit = copy.deepcopy(sample_fit)
    tv = float(fit.dataset.spend[:, fit.channel_names.index("TV")].sum())
    # a stated TV maximum 40x today's: TV's curve is built far past its usual 3x reach
    optimize_budget(fit, constraints=[BudgetConstraint("TV", "max", 40.0 * tv)], confident=False)
    after = optimize_budget(fit, confident=False)
    np.testing.assert_allclose(_split(after), _split(alone), rtol=1e-9)
    assert after.binding == alone.binding
