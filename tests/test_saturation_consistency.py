"""One next-dollar return per channel: the saturation answer quotes the figure plans and what-ifs
use (an always-on channel's next dollar counted at its average, analysis.decisions.marginals), and
says why it differs from the fitted curve's."""
from __future__ import annotations

import pytest

from analysis.decisions.marginals import marginal_correction
from analysis.decisions.optimize import optimize_budget
from analysis.roi import saturation
from assistant.answers.dispatch import ask
from assistant.session import Session
from tests.test_marginals import _convex, fitted  # noqa: F401  (the always-on fit, as a fixture here too)


def test_saturation_quotes_the_plans_next_dollar_for_an_always_on_channel(fitted):  # noqa: F811
    fit = _convex(fitted, "Digital")
    j = fit.channel_names.index("Digital")
    assert marginal_correction(fit)[j] < 0          # the fitted curve credits Digital with rising returns
    row = {c.channel: c for c in saturation(fit).channels}["Digital"]
    assert row.marginal_capped
    assert row.marginal_roi == pytest.approx(optimize_budget(fit, confident=False).get("Digital").marginal_roi_current,
                                             rel=1e-9)
    answer = ask(Session.from_fit(fit, charts=False, offline=True), "Is Digital saturated?")
    assert answer.data["channels"]["Digital"]["marginal_roi"] == pytest.approx(row.marginal_roi, abs=1e-3)
    assert "Digital is always on" in (answer.caveat or "")
    tv = ask(Session.from_fit(fit, charts=False, offline=True), "Is TV saturated?")
    assert "always on" not in (tv.caveat or "")                 # said only for the channel asked about


def test_pausing_an_always_on_channel_loses_its_whole_contribution(fitted):  # noqa: F811
    """The cap is on what ADDED spend earns: a pause loses what the channel's contribution says it
    brings, not that minus the cap times its spend."""
    import numpy as np

    from analysis.decisions.scenario import run_scenario

    fit = _convex(fitted, "Digital")
    j = fit.channel_names.index("Digital")
    spend = np.asarray(fit.dataset.spend, dtype=float)
    contribution = float(np.sum(fit.channels[j].response(spend[:, j])))
    assert run_scenario(fit, {"Digital": -100.0}).delta_sales == pytest.approx(-contribution, rel=1e-6)
    raised = run_scenario(fit, {"Digital": 1.0})   # the next 1% earns about the average (the fitted curve: 2.5x that)
    assert raised.delta_sales / (0.01 * spend[:, j].sum()) == pytest.approx(contribution / spend[:, j].sum(), rel=0.02)
