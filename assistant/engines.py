"""The analysis functions the assistant calls beyond ROI, imported lazily to keep start-up lean."""
from __future__ import annotations


def model_quality(fit, backtest: bool = True):
    from analysis.quality import model_quality as real

    return real(fit, backtest=backtest)


def run_scenario(fit, **kwargs):
    from analysis.scenario import run_scenario as real

    return real(fit, **kwargs)


def make_shift(**kwargs):
    from analysis.scenario import Shift

    return Shift(**kwargs)


def optimize_budget(fit, **kwargs):
    from analysis.optimize import optimize_budget as real

    return real(fit, **kwargs)


def scenario_presets(fit, *args, **kwargs):
    from analysis.optimize import scenario_presets as real

    return real(fit, *args, **kwargs)


def budget_constraint(**kwargs):
    from analysis.optimize import BudgetConstraint

    return BudgetConstraint(**kwargs)


def trend_summary(fit):
    from analysis.periods import trend_summary as real

    return real(fit)


def period_drivers(fit, period):
    """Drivers of a router Period (granularity/index/year/relative) vs the period before."""
    from analysis.periods import PeriodSpec, period_drivers as real

    return real(fit, PeriodSpec(granularity=period.granularity, index=period.index, year=period.year,
                                relative=period.relative))


def reverse():
    """The analysis.reverse module (goal questions and break-even)."""
    import analysis.reverse as module

    return module


def readiness(dataset):
    from analysis.readiness import readiness as real

    return real(dataset)


def entangled_in_fit(fit):
    from analysis.readiness import entangled_in_fit as real

    return real(fit)
