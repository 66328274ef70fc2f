"""Defects a new user found in the session-9 review (an analyst's own export, board questions, a 15-turn chat,
bad input): each test failed before its fix."""
from __future__ import annotations

import hashlib

import pytest

from assistant.answers.dispatch import ask
from tests.helpers import session_for


@pytest.fixture()
def charted(sample_fit, tmp_path):
    return session_for(sample_fit, tmp_path, charts=True)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- every chat turn keeps its own chart files
def test_two_plans_in_one_chat_keep_their_own_chart_files(charted):
    """ "Split $10M next year" then "same budget as today instead?" both said `Chart: outputs/08_reallocation.png`:
    the second answer redrew the first's file, so the first answer's chart showed the second plan."""
    first = ask(charted, "how should we split $10M next year?")
    (first_png,) = first.chart_paths
    before = _digest(first_png)
    second = ask(charted, "what about the same budget as today instead?")
    (second_png,) = second.chart_paths
    assert first_png.name == "08_reallocation.png"        # the first keeps the demo's name
    assert second_png.name == "08_reallocation_2.png"
    assert second_png.exists() and _digest(first_png) == before   # the first answer's chart is untouched
    assert _digest(second_png) != before                  # and the second is its own plan's picture


def test_chart_names_stay_unique_across_reset(charted):
    """`reset` forgets the conversation, not the files the earlier answers named."""
    a = ask(charted, "What if we cut TV by 20%?").chart_paths
    charted.reset()
    b = ask(charted, "What if we cut Radio by 20%?").chart_paths
    c = ask(charted, "What if we cut Print by 50%?").chart_paths
    names = [p.name for p in (*a, *b, *c)]
    assert names == ["07_what_if.png", "07_what_if_2.png", "07_what_if_3.png"]
    assert all(p.exists() for p in (*a, *b, *c))


# ---------------------------------------------------------------- an analyst's export: 'Week of …' dates, a notes column
def _export(path, dates):
    """A plain weekly export: one row per date as written, sales, two channels and a sparse notes column."""
    import numpy as np

    rng = np.random.default_rng(3)
    lines = ["Week,Revenue,Meta Spend,OOH Spend,Notes"]
    for i, when in enumerate(dates):
        meta, ooh = rng.uniform(20, 80), (rng.uniform(10, 40) if i % 2 else 0.0)
        note = "Black Friday" if i % 13 == 0 else ""
        lines.append(f'"{when}","${1000 + 2 * meta + ooh + rng.normal(0, 5):,.2f}",{meta:.2f},{ooh:.2f},{note}')
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("label, fmt", [("Week of ", "%d %b %Y"), ("Week of ", "%d/%m/%Y"),
                                        ("w/c ", "%b %d, %Y"), ("Week commencing ", "%Y-%m-%d")])
def test_dates_with_a_week_label_are_read(tmp_path, label, fmt):
    """A report export's 'Week of 01 Aug 2022' was refused: "column 'Week' has 'Week of 01 Aug 2022' … which is not a
    date"; the label is now read past, and the dates are the same as without it."""
    import pandas as pd

    from analysis.loading import load_csv

    weeks = pd.date_range("2022-08-01", periods=60, freq="W-MON")
    labelled = load_csv(_export(tmp_path / "labelled.csv", [label + d.strftime(fmt) for d in weeks]))
    plain = load_csv(_export(tmp_path / "plain.csv", [d.strftime("%Y-%m-%d") for d in weeks]))
    assert list(labelled.dates) == list(plain.dates) == list(weeks)
    assert labelled.channels == ("Meta", "OOH")


def test_a_sparse_notes_column_is_not_called_a_single_value_in_every_row(tmp_path):
    """'Notes' (a few 'Black Friday' cells, the rest empty) was dropped as "a single value in every row"."""
    import pandas as pd

    from analysis.loading import load_csv

    weeks = pd.date_range("2022-08-01", periods=60, freq="W-MON")
    ds = load_csv(_export(tmp_path / "notes.csv", [d.strftime("%Y-%m-%d") for d in weeks]))
    (note,) = [w for w in ds.warnings if "Notes" in w]
    assert "single value in every row" not in note and "the rest empty" in note


# ---------------------------------------------------------------- "what about next quarter?" after a what-if
@pytest.mark.parametrize("first, intent", [("what if we cut Radio by 30%?", "budget_scenario"),
                                           ("how should we split $2M?", "budget_optimization")])
def test_next_quarter_as_a_follow_up_sets_the_horizon(first, intent):
    """ "what about next quarter?" read as "… · next quarter (from context)" but answered over 52 weeks ("over a year
    (the last 52 weeks)"): the follow-up kept the period and dropped its 13-week horizon."""
    from tests.helpers import route_chat

    _, follow, then = route_chat(first, "what about next quarter?", "and TV?")
    assert follow.intent.value == intent and follow.horizon == 13
    assert then.horizon == 13                     # the next follow-up keeps it


def test_next_quarter_follow_up_is_answered_over_13_weeks(sample_fit, tmp_path):
    session = session_for(sample_fit, tmp_path)
    ask(session, "what if we cut Radio by 30%?")
    reply = ask(session, "what about next quarter?")
    assert reply.data["horizon_weeks"] == 13 and "the last 13 weeks" in reply.headline


# ---------------------------------------------------------------- a second outcome column is not a control
def test_a_second_outcome_column_is_left_out_not_used_as_a_control(tmp_path):
    """With `--target "Meta Spend"` (a slip) the file's 'Revenue' became "control: other control"; with a 'Sales'
    and a 'Revenue' column the one not chosen did too: sales explained by sales leave media nothing."""
    import pandas as pd

    from analysis.loading import LoadOptions, load_csv

    weeks = pd.date_range("2022-08-01", periods=60, freq="W-MON")
    path = _export(tmp_path / "two.csv", [d.strftime("%Y-%m-%d") for d in weeks])
    frame = pd.read_csv(path)
    frame.insert(2, "Sales", frame["Revenue"].str.replace(r"[$,]", "", regex=True).astype(float) * 0.9)
    frame["Price"] = 10.0 + (frame.index % 3)
    frame.to_csv(path, index=False)
    auto = load_csv(path)
    assert auto.control_names == ("Price",)
    assert any(w.startswith("left out Revenue: named like an outcome") for w in auto.warnings)
    chosen = load_csv(path, LoadOptions(target="Meta Spend"))
    assert "Revenue" not in chosen.control_names and "Sales" not in chosen.control_names
    assert dict(chosen.column_roles)["Revenue"].startswith("left out: another outcome")
    asked = load_csv(path, LoadOptions(controls=("Revenue",)))     # said on purpose: used
    assert asked.control_names == ("Revenue",)


# ---------------------------------------------------------------- a limit answer that contradicts the file
def test_competitor_question_on_a_file_with_competitor_spend_says_it_is_a_control(tmp_path):
    """ "Does competitor spend hurt us?" on an export with a 'Competitor Spend' column answered "I only see your own
    spend and sales, not your competitors'"; on a file without one it said the (absent) column was a control."""
    import dataclasses

    import pandas as pd

    from analysis.loading import load_csv
    from assistant.session import Session

    weeks = pd.date_range("2022-08-01", periods=60, freq="W-MON")
    path = _export(tmp_path / "comp.csv", [d.strftime("%Y-%m-%d") for d in weeks])
    frame = pd.read_csv(path)
    frame["Competitor Spend"] = 50.0 + 10 * (frame.index % 4)
    frame.to_csv(path, index=False)
    ds = load_csv(path)
    with_column = ask(Session(ds, outputs=tmp_path / "out", charts=False, offline=True), "Does competitor spend hurt us?")
    assert with_column.data["limit"] == "competitors"
    assert "not your competitors" not in with_column.headline
    assert with_column.headline.startswith("Your file's 'Competitor Spend' is in the model as a control")
    bare = dataclasses.replace(ds, column_roles=tuple((c, r) for c, r in ds.column_roles if c != "Competitor Spend"))
    without = ask(Session(bare, outputs=tmp_path / "out", charts=False, offline=True), "Does competitor spend hurt us?")
    assert without.headline.startswith("I only see your own spend and sales")
    assert "is read as a control" not in " ".join(without.facts)
    assert "No competitor or category spend column is in this file" in without.facts[0]


# ---------------------------------------------------------------- a pasted wall of text is not echoed whole
def test_a_too_long_question_is_echoed_cut_with_its_length():
    """A 2,799-character --ask was printed back whole (36 lines of "why why …") above the one-line refusal."""
    from tests.helpers import run_cli

    wall = " ".join(["why"] * 700)
    run = run_cli("--no-charts", "--no-audit", "--ask", wall)
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "2,799 characters" in run.stdout and "please ask one thing" in run.stdout
    assert run.stdout.count("why") < 40


# ---------------------------------------------------------------- the board pack's plan tile
def test_the_pack_tile_of_a_plan_on_a_new_budget_is_not_a_reallocation_uplift(sample_fit, tmp_path):
    """After "Where should the next $1M go?" the pack's tile read "Reallocation uplift +$892k": the gain of spending
    $1M more, labelled as a re-split of today's budget."""
    from assistant.report import build_board_pack
    from assistant.report.story import tiles

    session = session_for(sample_fit, tmp_path)
    plan = ask(session, "Where should the next $1M go?").data
    tile = next(t for t in tiles(build_board_pack(session)) if t.value.startswith("+"))
    assert tile.label == "Plan gain on $7.75M (today $6.75M)"
    assert plan["total_budget"] > plan["current_budget"]
    ask(session, "Same budget, better split?")
    labels = [t.label for t in tiles(build_board_pack(session))]
    assert "Reallocation uplift" in labels


# ---------------------------------------------------------------- "the return on each channel"
@pytest.mark.parametrize("question", ["What's the return on each channel, with a range?",
                                      "What is the return on each channel, with ranges?",
                                      "What's the return on each channel?"])
def test_the_return_on_each_channel_is_an_roi_question(question):
    """ "What's the return on each channel, with a range?" was read as model quality (on "range"), and "What's the
    return on each channel?" was unsure (two ready-to-ask questions instead of the ROI table)."""
    from tests.helpers import route_one

    routed = route_one(question)
    assert routed.intent.value == "roi_analysis" and not routed.readings


def test_a_what_if_on_the_return_of_each_channel_stays_a_what_if():
    from tests.helpers import route_one

    assert route_one("what would the return on each channel be if we cut TV 20%?").intent.value == "budget_scenario"


def test_every_not_measurable_channel_is_named_in_the_roi_answer(sample_fit):
    """Not-measurable channels used to get one fact each, cut at four facts: the last ones vanished from the text."""
    from assistant.answers.channels import roi_data, roi_reply

    session = session_for(sample_fit)
    data = roi_data(session)
    gone = list(data["ranking"][-2:])   # three of five stay measurable: the ranking answer, not "cannot say"
    for c in gone:
        data["channels"][c] = {**data["channels"][c], "measurable": False}
    data["ranking"] = [c for c in data["ranking"] if c not in gone]
    reply = roi_reply(session, data, ())
    line = [f for f in reply.facts if f.startswith("Not measurable in this data: ")]
    assert len(line) == 1 and all(c in line[0] for c in gone)


def test_the_briefing_plan_line_states_its_interval_and_chance_of_a_loss(sample_fit):
    """Every plan states an interval and a chance of a loss; the briefing's re-split said only 'could add about $120k'."""
    from assistant import format as fmt

    a = ask(session_for(sample_fit), "give me the executive summary")
    opt = a.data["optimization"]
    interval = fmt.amount_range(opt["expected_delta_sales_low"], opt["expected_delta_sales_high"], sample_fit.dataset)
    assert f"90% interval {interval}" in a.headline
    assert f"chance of a loss {fmt.chance(opt['prob_loss'])}" in a.headline


def test_a_far_budget_with_one_channel_limited_keeps_the_users_limit(sample_fit):
    """'Split $2M (a third of today), don't cut Radio more than 10%': the other channels' following cap used to
    meet Radio's floor and refuse ("the minimum $629k is above the maximum $269k")."""
    import numpy as np

    a = ask(session_for(sample_fit), "Split 2 million, but don't cut Radio by more than 10%")
    assert a.intent == "budget_optimization" and a.data is not None
    alloc = a.data["allocation"]
    radio = alloc["Radio"]
    assert radio["recommended"] >= 0.9 * radio["current"] - 1e-6
    assert np.isclose(sum(v["recommended"] for v in alloc.values()), a.data["total_budget"], rtol=1e-6)
    assert np.isclose(a.data["total_budget"] * sample_fit.dataset.money_scale, 2_000_000, rtol=1e-6)


def test_the_unexplained_part_of_a_period_does_not_blame_promotions_the_model_holds(wide_11_104_fit, sample_fit):
    """With price and promotion columns in the model the trend answer said their effect was 'not explained'."""
    _, fit = wide_11_104_fit
    assert fit.dataset.controls.shape[1] > 0
    with_controls = ask(session_for(fit), "How did last quarter go?")
    without = ask(session_for(sample_fit), "How did last quarter go?")
    line = next(f for f in with_controls.facts if f.startswith("Not explained by the model"))
    assert "promotions" not in line and "what the columns do not hold" in line
    assert any(f.startswith("Not explained by the model (promotions, pricing, noise)") for f in without.facts)
