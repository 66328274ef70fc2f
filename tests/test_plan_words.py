"""Plan answers in words: presets that all keep today's mix say why in the headline."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.fit import fit_mmm

PRESETS_QUESTION = "Show me conservative and aggressive options"


def _ask(fit, question):
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    return ask(Session.from_fit(fit, charts=False, offline=True), question)


@pytest.fixture(scope="module")
def graded_low():
    """Benchmark noisy 1201: 12% noise, the fit graded Low, and no move clear of a loss in 95 of 100 draws."""
    from data.hard_scenarios import make_noisy
    return fit_mmm(make_noisy(1201).dataset)



def test_presets_held_for_the_grade_say_so_in_the_headline(graded_low):
    reply = _ask(graded_low, PRESETS_QUESTION)
    assert all(o["step"] == 0 for o in reply.data["presets"].values())
    assert reply.headline == ("All 3 options keep today's mix: the model explains too little of this data "
                              "(graded Low on the fit alone) to bet on a re-split.")


def test_presets_with_no_safe_move_say_so_in_the_headline(no_safe_move):
    reply = _ask(no_safe_move, PRESETS_QUESTION)
    options = reply.data["presets"].values()
    assert all(o["step"] == 0 and not o["low_grade_hold"] and not o["at_optimum"] for o in options)
    assert reply.headline.startswith("All 3 options keep today's mix: even the smallest move")
    assert "±$0" not in reply.headline


def test_presets_that_move_list_their_gains(sample_fit):
    """The usual headline stays when an option moves (the built-in sample's plans do)."""
    reply = _ask(sample_fit, PRESETS_QUESTION)
    assert any(o["step"] > 0 for o in reply.data["presets"].values())
    assert reply.headline.startswith("Three ways to re-split the budget: conservative ")


def test_plan_and_whatif_of_the_same_moves_quote_one_gain(sample_fit):
    """A plan and a what-if of the same moves are scored by one method (`optimize.move_gain`, s13-plan): the same
    gain and interval, so neither answer needs a line explaining two figures (before this
    session the plan said +$104k and the what-if +$83.0k, and each answer said why they differed). The chance of a
    loss is the plan's most pessimistic source but the what-if's average of them (second pair of eyes)."""
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    session = Session.from_fit(sample_fit, charts=False, offline=True)
    plan = ask(session, "How should we reallocate the same budget?")
    moves = {c: v["change_pct"] for c, v in plan.data["allocation"].items() if abs(v["change_pct"]) > 0.01}
    assert len(moves) >= 2
    whatif = ask(session, "What if we " + " and ".join(f"change {c} by {p:+.2f}%" for c, p in moves.items()) + "?")
    width = plan.data["expected_delta_sales_high"] - plan.data["expected_delta_sales_low"]
    for key in ("", "_low", "_high"):   # the shares are rounded to 0.01%: the same moves to rounding
        assert whatif.data["expected_delta_sales" + key] == pytest.approx(plan.data["expected_delta_sales" + key],
                                                                          abs=0.01 * width)
    # the chance: the plan states its sources' largest, the what-if their average (never above the plan's)
    assert 0.0 < whatif.data["prob_loss"] <= plan.data["prob_loss"] + 0.01
    assert not any("these same moves" in f for f in whatif.facts)
    assert "the money is moved, not added" in " ".join(whatif.facts)   # rounded shares are not a spend change
    again = ask(session, "How should we reallocate the same budget?")
    assert not any("these same moves" in f for f in again.facts)


def test_a_held_plan_with_a_stated_limit_does_not_say_todays_mix_is_kept(no_safe_move):
    """"keep TV at X and optimise the rest": the limit moves TV even when no re-split is safe, so the
    footnote must say the free channels keep their split, not that today's mix is kept."""
    from analysis.decisions.optimize import BudgetConstraint, optimize_budget

    tv = float(np.asarray(no_safe_move.dataset.spend)[:, 0].sum())
    result = optimize_budget(no_safe_move, constraints=[BudgetConstraint("TV", "fixed", amount=0.8 * tv)])
    assert result.step == 0.0
    assert result.allocation[0].recommended == pytest.approx(0.8 * tv)
    said = " ".join(result.warnings)
    assert "your limits leave free keep today's split" in said
    assert "today's mix is kept" not in said
    free = optimize_budget(no_safe_move)    # without a limit the same rule keeps today's mix, and says so
    assert "today's mix is kept" in " ".join(free.warnings)


def test_the_saturation_table_names_the_weeks_its_next_dollar_is_for():
    """Saturation reads the whole period, plans the planning horizon: the table says which, so its
    next dollar is not mistaken for a plan table's."""
    from assistant.answers.dispatch import ask
    from assistant.session import Session
    from data.sample_data import sample_dataset

    session = Session(sample_dataset(), charts=False, offline=True)
    reply = ask(session, "which channels are saturated?")
    assert reply.table is not None and f"the {session.dataset.n_weeks} modelled weeks" in reply.table.title


def test_a_whatif_never_quotes_a_plan_another_conversation_asked(sample_fit, tmp_path):
    """The plan memo is shared by every browser over the same model on the web app; a what-if names a
    plan's figure only when its own conversation asked for that plan."""
    from assistant.answers.dispatch import ask
    from assistant.session import Session
    from assistant.web.models import SharedModel

    template = Session.from_fit(sample_fit, charts=False, offline=True)
    shared = SharedModel("k", template)
    first, second = (shared.session(tmp_path / name, charts=False, offline=True) for name in ("a", "b"))
    plan = ask(first, "How should we reallocate the same budget?")
    moves = {c: v["change_pct"] for c, v in plan.data["allocation"].items() if abs(v["change_pct"]) > 0.01}
    question = "What if we " + " and ".join(f"change {c} by {p:+.2f}%" for c, p in moves.items()) + "?"
    assert first.__dict__["_optimizations"] is second.__dict__["_optimizations"]   # the memo is shared
    assert not any("these same moves" in f for f in ask(second, question).facts)
    # s13-plan: the plan and the what-if of its moves now quote one gain (`optimize.move_gain`), so the asking
    # conversation gets no two-figures line either; it remains for figures that differ by more than 1%
    own = ask(first, question)
    assert not any("these same moves" in f for f in own.facts)
    assert own.data["expected_delta_sales"] == pytest.approx(plan.data["expected_delta_sales"], rel=0.01)


def test_a_kept_mix_leads_with_keeping_it_not_with_a_zero_gain(no_safe_move):
    """The headline said "Re-splitting the same $X budget … would add about $0 of sales (±0.00%; 90% interval
    $0 to $0)": a plan that moves nothing leads with what to do."""
    reply = _ask(no_safe_move, "If we keep total spend flat, how should we reallocate to maximize sales?")
    assert reply.data["step"] == 0
    assert reply.headline.startswith("Keep today's mix: no re-split of the same ")
    assert "$0 to $0" not in reply.headline and "about $0" not in reply.headline
    moved = _ask(no_safe_move, "Keep TV at $1M and optimise the rest")   # a stated limit moves TV: no such lead
    assert not moved.headline.startswith("Keep today's mix")


def test_a_kept_mix_chart_leads_with_keeping_it(no_safe_move, tmp_path, monkeypatch):
    """The reallocation chart's title said "The recommended plan changes sales by +$0 (90% range $0 to $0)"
    beside the answer's "Keep today's mix"; a plan that moves is titled with its gain as before."""
    from analysis.decisions.optimize import optimize_budget
    from assistant.charts import draw
    from tests.helpers import capture_chart_titles

    titles = capture_chart_titles(monkeypatch)
    colors = draw.channel_colors(no_safe_move.dataset.channels)
    kept = optimize_budget(no_safe_move)
    assert kept.step == 0
    draw.reallocation_chart(kept, tmp_path / "kept.png", colors=colors, dataset=no_safe_move.dataset)
    moved = optimize_budget(no_safe_move, confident=False)    # the optimum itself moves
    draw.reallocation_chart(moved, tmp_path / "moved.png", colors=colors, dataset=no_safe_move.dataset)
    assert titles[0].startswith("Keep today's mix: no re-split of the same total budget")
    assert "$0 to $0" not in titles[0] and "chance it sells less" not in titles[0]
    assert titles[1].startswith("The recommended plan changes sales by ")
