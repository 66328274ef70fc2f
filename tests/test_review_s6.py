"""Defects a new user found by asking questions in a row (session 6 review): each test failed before its fix."""
from __future__ import annotations

import pytest

from assistant.answers.dispatch import ask
from tests.helpers import capture_chart_titles, session_for


@pytest.fixture()
def session(sample_fit, tmp_path):
    return session_for(sample_fit, tmp_path)


def _weakest(session):
    roi = {c.channel: c.roi for c in session.roi.channels if c.roi is not None}
    return min(roi, key=roi.get)


def _smallest(session, n):
    spend = dict(zip(session.dataset.channels, (float(v) for v in session.dataset.total_spend), strict=True))
    return set(sorted(spend, key=spend.get)[:n])


@pytest.mark.parametrize("first", ["what if we cut the biggest channel by 20%?", "cut TV by 20%",
                                   "What is the ROI of TV?"])
def test_a_picked_channel_is_not_taken_from_the_last_question(session, first):
    """"pause the weakest channel" after a question about TV paused TV (the largest), not the weakest."""
    ask(session, first)
    b = ask(session, "pause the weakest channel")
    assert b.data["changes"] == {_weakest(session): -100.0}
    assert "(from context)" not in b.read_as and "weakest" in b.read_as


def test_a_pick_with_the_two_is_not_the_last_two_channels(session):
    ask(session, "What is the ROI of TV vs Digital?")
    b = ask(session, "cut the two smallest channels by 20%")
    assert set(b.data["changes"]) == _smallest(session, 2)
    assert all(v == -20.0 for v in b.data["changes"].values())


def test_option_presets_say_each_warning_once(session):
    """The three presets each carried "The plan goes 75% of the way…": the answer printed it two or three times."""
    a = ask(session, "give me conservative and aggressive options")
    assert a.warnings and len(a.warnings) == len(set(a.warnings))


@pytest.mark.parametrize("value, text", [
    (999_600, "$1.00M"), (999_996_000, "$1.00B"), (1.5e12, "$1.50T"), (-2.5e13, "−$25.00T"), (1.01373e16, "$1.01e+16"),
    (99_951, "$100k"), (999.6, "$1.0k"), (456_000, "$456k"), (1.23e6, "$1.23M"),
])
def test_money_beyond_a_billion_stays_short(value, text):
    """Spend typed in the wrong units printed "$10137300.00B"; a step's top printed "$1000k" or "$1000.00M"."""
    from analysis.money import dollars

    assert dollars(value) == text


def test_spend_many_times_sales_is_flagged_as_a_units_slip(tmp_path):
    """A file whose spend is 10^12 times too big loaded silently and answered "$0.00 per $1" everywhere."""
    from analysis.loading import load_csv
    from tests.helpers import ROOT

    lines = (ROOT / "data" / "sample_data.csv").read_text().splitlines()
    rows = [lines[0]] + [",".join(r.split(",")[:2] + [str(float(x) * 1e6) for x in r.split(",")[2:]]) for r in lines[1:]]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(rows) + "\n")
    flagged = [w for w in load_csv(path).warnings if "same units" in w]
    assert len(flagged) == 1 and "× sales" in flagged[0]
    assert not [w for w in load_csv(ROOT / "data" / "sample_data.csv").warnings if "same units" in w]


@pytest.mark.parametrize("where", ["missing.txt", "."])
def test_a_missing_script_names_the_flag_and_the_fix(tmp_path, where):
    """`--script /nope.txt` printed only "error: No such file or directory: /nope.txt"."""
    from tests.helpers import run_cli

    r = run_cli("--no-charts", "--script", str(tmp_path / where))
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --script ") and "one question per line" in lines[0]


def _doctored_roi(session, unmeasurable):
    """The session's ROI with the named channels marked not measurable (as on data that cannot separate them)."""
    import dataclasses

    roi = session.roi
    rows = tuple(dataclasses.replace(c, measurable=c.channel not in unmeasurable) for c in roi.channels)
    session.__dict__["roi"] = dataclasses.replace(roi, channels=rows)


def test_the_weakest_channel_is_never_a_channel_the_data_cannot_measure(session):
    """On the sibylhe export (no channel measurable) "pause the weakest channel" paused Direct Mail, ranked by its
    point estimate; a not-measurable channel must never be ranked."""
    weakest = _weakest(session)
    _doctored_roi(session, {weakest})
    b = ask(session, "pause the weakest channel")
    assert weakest not in b.data["changes"] and len(b.data["changes"]) == 1


def test_no_measurable_channel_means_no_weakest_one(session):
    _doctored_roi(session, set(session.dataset.channels))
    b = ask(session, "pause the weakest channel")
    assert b.error is None and "changes" not in b.data and "none can be called the weakest" in b.headline


def test_a_period_is_not_explained_by_a_channel_the_data_cannot_measure(session):
    """On the sibylhe export (no channel measurable) "what drove Q4?" headlined "Search +25.7 pts, TV +16.3 pts"."""
    plain = ask(session, "what drove Q4 2023?")
    assert "TV +" in plain.headline   # measurable: named by its points
    _doctored_roi(session, {"TV", "Digital"})
    a = ask(session, "what drove Q4 2023?")
    pooled = a.data["drivers"]["TV"] + a.data["drivers"]["Digital"]
    assert "TV" not in a.headline and "Digital" not in a.headline
    said = [f for f in a.facts if "Not measurable" in f]
    assert len(said) == 1 and "TV and Digital" in said[0] and f"{pooled:+.1f} pts".replace("-", "−") in said[0]
    assert [r[0] for r in a.table.rows][-2:] == ["TV (not measurable)", "Digital (not measurable)"]


def test_no_measurable_channel_is_said_as_none_not_only_zero(session):
    """The sibylhe export's ROI answer read "This data can measure the return of only 0 of 10 channels"."""
    _doctored_roi(session, set(session.dataset.channels))
    a = ask(session, "What's the ROI of each channel?")
    assert "none of its 5 channels" in a.headline and "only 0" not in a.headline


def test_one_channel_the_data_cannot_measure_is_named_alone_in_a_period(session):
    """With one such channel the answer said "channels the data cannot separate" and "the split between them"."""
    _doctored_roi(session, {"Digital"})
    a = ask(session, "what drove Q4 2023?")
    said = " ".join(a.facts)
    assert "between them" not in said and "Digital is not measurable in this data" in said
    assert "cannot separate" not in a.headline


@pytest.mark.parametrize("question", ["what do we need to spend to hit $70M in sales?",
                                      "how much do we need to spend to reach $70M of sales?",
                                      "what budget gets us to $70M sales?", "spend needed to grow revenue to $70M"])
def test_a_sales_level_is_a_goal_not_a_budget(question):
    """"What do we need to spend to hit $70M in sales?" was read as a $70M budget (+937% on every channel)."""
    from tests.helpers import route_one

    q = route_one(question)
    assert q.intent.value == "budget_optimization" and q.budget is None
    assert q.goal is not None and (q.goal.kind, q.goal.value) == ("reach_sales", 70e6)


def test_a_sales_level_is_answered_as_the_gap_to_the_horizons_sales(session):
    import numpy as np

    today = float(np.asarray(session.dataset.sales)[-52:].sum())          # data units ($000s on the sample)
    target = today + 1000.0                                               # $1M above the last 52 weeks
    a = ask(session, f"how much to spend on TV to reach ${target * session.dataset.money_scale:,.0f} of sales")
    assert a.data["goal"]["kind"] == "reach_sales" and a.data["current_sales"] == pytest.approx(today, rel=1e-6)
    assert a.data["target_sales"] == pytest.approx(1000.0, rel=1e-6)
    assert "budget_basis" not in a.data and a.data["channels"]["TV"]["reachable"]
    below = ask(session, "what do we need to spend to hit $1M in sales?")
    assert "already" in below.headline and below.data["target_sales"] == 0.0


def test_the_board_packs_plan_table_reads_like_the_chats(session):
    """The pack printed "+11.3%", "−15%" and "−15.0%" in one column (the chat: +11%, −15%) and "Binding constraints:
    Print at its −30% floor" beside Print at −15%: the plan was shrunk, the floor binds only at the full optimum."""
    from assistant import format as fmt
    from assistant.report import build_board_pack
    from assistant.report.story import _reallocation_section

    reply = ask(session, "How should I reallocate my budget?")
    pack = build_board_pack(session)
    grid = _reallocation_section(pack).grids[0]
    data = pack.answers["budget_optimization"]
    changes = {row[0]: row[3] for row in grid.rows}
    assert changes == {c: fmt.signed_pct(v["change_pct"], 0) for c, v in data["allocation"].items()}
    assert changes == {row[0]: row[3] for row in reply.table.rows}
    if not data["at_optimum"] and data["binding"]:
        assert "at the full optimum" in grid.caption and "at its" not in " ".join(r[6] for r in grid.rows)
        assert grid.columns[6] == "Limit (at the full optimum)"


def test_the_board_packs_method_section_says_each_reason_once(session):
    """"Forecasts of held-out quarters miss by 1.6%…" was followed by "Why: forecasts of held-out quarters miss…"."""
    from assistant.report import build_board_pack
    from assistant.report.story import _method_section

    section = _method_section(build_board_pack(session))
    plain = [f.removeprefix("Why: ").rstrip(".").lower() for f in section.facts]
    assert len(plain) == len(set(plain))


def test_the_break_even_answer_names_every_measurable_channels_margin(session):
    """"At a 40% margin, which channels break even?" listed the margin needed by four of five channels (not Print)."""
    a = ask(session, "at a 40% margin, which channels break even?")
    line = next(f for f in a.facts if f.startswith("Margin needed to break even"))
    needed = [c for c, v in a.data["channels"].items() if v.get("breakeven_margin")]
    assert len(needed) == 5 and all(f"{c} " in line for c in needed)


def test_chat_commands_in_a_piped_transcript_are_done_not_asked():
    """Piped into main.py, "history 1" was answered as a trend question and "reset"/"quit" were read as questions."""
    from tests.helpers import run_cli

    r = run_cli("--no-charts", "--no-audit", stdin="ROI of TV?\nhistory 1\ncharts off\nreset\nquit\nROI of Print?\n")
    assert r.returncode == 0, r.stderr
    assert "Recent answers" in r.stdout and "Read as: trend" not in r.stdout
    assert "I couldn't tell" not in r.stdout and "ROI · Print" not in r.stdout   # quit stops the transcript
    j = run_cli("--json", "--no-charts", "--no-audit", stdin="ROI of TV?\nreset\nhistory 1\nROI of Print?\n")
    lines = [line for line in j.stdout.splitlines() if line.strip()]
    assert j.returncode == 0 and len(lines) == 2 and "skipped with --json" in j.stderr


@pytest.mark.parametrize("question", ["what if we cut TV by 20%?", "double Social", "How should we split the budget?",
                                      "give me conservative and aggressive options", "cut TV 20% vs cut Radio 20%",
                                      "what's driving sales?", "Where should the next $1M go?"])
def test_a_count_target_is_never_said_in_dollars_or_as_sales(count_session, question):
    """With conversions and no revenue per conversion the answers said "127.55M conversions of sales", "the best
    split promises $141.08M more" and "Channel2's contribution is uncertain: $1.17B to $8.98B"."""
    import re

    a = ask(count_session, question)
    text = " ".join((a.headline, *a.facts, a.caveat or ""))
    assert "conversions of sales" not in text
    # every dollar figure is spend: never directly before "conversions", never "promises $…" or a contribution range
    assert not re.search(r"promises \$|uncertain: \$|\$[\d.,]+[kMB]? (?:to \$[\d.,]+[kMB]? )?conversions", text), text


def test_a_cost_per_unit_below_a_dollar_shows_cents():
    """Meridian's conversions (without their value) printed "Cost per conversion: Channel2 $0, Channel0 $0…"."""
    from types import SimpleNamespace

    from assistant import format as fmt

    ds = SimpleNamespace(kpi_unit="conversions", money_scale=1.0)
    assert fmt.cost_per(190.0, ds) == "$0.00526 per conversion"
    assert fmt.cost_per(0.0213, ds) == "$47 per conversion"   # the README's example, unchanged
    assert fmt.cost_per(0.25, ds) == "$4 per conversion"


def test_a_new_budgets_chance_of_a_loss_names_what_it_is_measured_against(session):
    """"Spend nothing on media" lost ~$2.4M in every draw yet said "Chance it sells less than today's mix: under 1%":
    the chance is measured against today's mix scaled to the new budget. Its headline also read "would change sales
    by about −$2.37M of sales". (Since session 8 "spend nothing on media" is a what-if with every channel stopped, no
    plan; a halved budget is the new budget here.)"""
    stop = ask(session, "what if we spend nothing on media next quarter?")
    assert stop.intent == "budget_scenario" and set(stop.data["changes"].values()) == {-100.0}
    a = ask(session, "what if we halve the total budget next quarter?")
    said = " ".join(a.facts)
    assert a.data["expected_delta_sales"] < 0 and "of sales" not in a.headline.split("(")[0]
    assert "Chance it sells less than today's mix scaled to the same budget" in said
    b = ask(session, "How should we split the budget?")
    assert "Chance it sells less than today's mix:" in " ".join(b.facts)


def test_a_count_targets_chart_titles_say_the_count_not_dollars(count_session, monkeypatch, tmp_path):
    """The what-if chart of a conversions file was titled "sales −$584k" beside the answer's "584k conversions"."""
    titles = capture_chart_titles(monkeypatch)
    count_session.charts = True                     # each answer draws its chart
    for question in ("what if we cut TV by 20%?", "How should we split the budget?", "what drove Q4 2023?"):
        ask(count_session, question)
    count_session.charts = False
    assert len(titles) == 3 and all("conversions" in t for t in titles)
    assert not [t for t in titles if "$" in t.split(" for ")[0].split(" at ")[0]], titles


def test_the_period_chart_never_names_a_channel_the_data_cannot_measure_as_the_biggest_driver(session, monkeypatch):
    _doctored_roi(session, {"TV"})
    session.charts = True
    titles = capture_chart_titles(monkeypatch)
    a = ask(session, "what drove June 2024?")      # on the sample, TV is June 2024's largest driver of all
    assert abs(a.data["drivers"]["TV"]) == max(abs(v) for v in a.data["drivers"].values())
    assert titles and "biggest driver: TV" not in titles[0]


def test_a_count_level_is_a_goal_too(count_session):
    """"What do we need to spend to hit 2M conversions?" was read as a $2M budget."""
    from tests.helpers import route_one

    q = route_one("what do we need to spend to hit 2M conversions?")
    assert q.budget is None and q.goal is not None and (q.goal.kind, q.goal.value) == ("reach_sales", 2e6)
    a = ask(count_session, "what do we need to spend to hit 100M conversions?")
    text = " ".join((a.headline, *a.facts))
    assert a.data["goal"]["kind"] == "reach_sales" and "more sales" not in text
    assert "conversions of sales" not in text and "of extra conversions" not in text


@pytest.mark.parametrize("question", ["which channel is burning money?", "what's our worst performing channel?"])
def test_a_question_about_the_worst_channel_leads_with_it(session, question):
    """"Which channel is burning money?" was answered "Digital returns $1.92 … the highest of your five channels"."""
    a = ask(session, question)
    lowest = a.data["ranking"][-1]
    assert a.headline.startswith(f"{lowest} returns the least") and "the highest" not in a.headline
    follow = ask(session, "what if we cut it by 20%?")
    assert follow.data["changes"] == {lowest: -20.0}
    best = ask(session, "ROI of each channel")
    assert best.headline.startswith(f"{best.data['ranking'][0]} returns")


def test_room_to_grow_is_not_a_reason_to_spend_where_the_next_dollar_does_not_pay_back(session):
    """Robyn's OOH was called "room to grow" (6% of its maximum) though its next $1 returns $0.30."""
    import dataclasses

    sat = session.saturation
    steep = {"Print": 0.8, "Social": 1.5}   # next-dollar returns that keep both "room to grow" (over 0.7 × ROI)
    rows = tuple(dataclasses.replace(c, saturation_pct=5.0, marginal_roi=steep[c.channel]) if c.channel in steep else c
                 for c in sat.channels)
    session.__dict__["saturation"] = dataclasses.replace(sat, channels=rows)
    a = ask(session, "which channels are saturated?")
    room = next(f for f in a.facts if "room to grow" in f)
    print_next = a.data["channels"]["Print"]["marginal_roi"]
    assert print_next < 1.0 <= a.data["channels"]["Social"]["marginal_roi"]
    assert f"but Print's returns only ${print_next:.2f}" in room and "Social's returns only" not in room


@pytest.mark.parametrize("question", ["what would it take to add $1M in sales?", "what would it cost to grow sales by 5%?"])
def test_the_it_of_what_would_it_take_is_no_channel(session, question):
    """After "What is the ROI of TV?", "what would it take to add $1M in sales?" read "TV … (from context)" while the
    answer weighed every channel."""
    ask(session, "What is the ROI of TV?")
    a = ask(session, question)
    assert a.routed.channels == () and "(from context)" not in a.read_as and "TV" not in a.read_as
    assert len(a.data["channels"]) == len(session.dataset.channels)
    ask(session, "What is the ROI of TV?")
    b = ask(session, "what would it take to double it?")      # a real "it": the last answer's channel
    assert b.data["changes"] == {"TV": 100.0}


@pytest.mark.parametrize("question, channels, changes", [
    ("what if we cut x1 by 20% in Q4?", ("X1",), (("X1", -20.0),)),
    ("pause x2 for 2 weeks", ("X2",), (("X2", -100.0),)),
    ("ROI of x2", ("X2",), ()),
])
def test_channels_named_like_x1_are_channels(question, channels, changes):
    """On PyMC's example (--spend x1,x2) "cut x1 by 20% in Q4" cut every channel: "x1" was split into "x 1" (a
    multiplier), so no channel was found."""
    from tests.helpers import route_one

    q = route_one(question, channels=("X1", "X2"))
    assert q.channels == channels and q.changes == changes
    assert route_one("what if radio x2?").changes == (("Radio", 100.0),)   # still a multiplier elsewhere


def test_a_period_outside_the_data_is_not_told_to_try_a_smaller_change(session):
    """"cut TV by 20% in Q3 2019" (the sample starts in 2021) added "Try a smaller change or fewer constraints."."""
    a = ask(session, "what if we cut TV by 20% in Q3 2019?")
    assert "outside the data" in a.headline and "smaller change" not in " ".join(a.facts)


def test_a_plan_for_a_quarter_after_a_what_if_is_a_plan(session):
    """After "cut TV by 20% in Q4", "reallocate the budget in Q3 2023" ran TV −20% in Q3 2023 instead of a plan."""
    ask(session, "what if we cut TV by 20% in Q4?")
    a = ask(session, "reallocate the budget in Q3 2023")
    assert a.intent == "budget_optimization" and a.data["window"].startswith("Q3 2023") and "allocation" in a.data
    ask(session, "what if we cut TV by 20% in Q4?")     # "and in Q3?" is still the what-if moved to Q3
    b = ask(session, "and in Q3?")
    assert b.intent == "budget_scenario" and b.data["changes"] == {"TV": -20.0}


def test_new_money_after_a_move_is_not_the_move_sent_elsewhere(session):
    """After "move 10% of print into social", the README's "add $50k to TV" became "Shift $50.0k from Print to TV"."""
    ask(session, "move 10% of print into social")
    a = ask(session, "add $50k to TV")
    assert a.routed.shift is None and set(a.data["channels"]) == {"TV"} and a.data["delta_spend"] > 0
    ask(session, "move 10% of print into social")
    b = ask(session, "and into Radio instead?")         # a redirect is still a redirect
    assert b.routed.shift is not None and (b.routed.shift.from_channel, b.routed.shift.to_channel) == ("Print", "Radio")


def test_an_outputs_folder_that_cannot_be_written_is_refused_before_any_work(tmp_path):
    """`--outputs /proc/x` warned chart by chart, then still ended 'Outputs in /proc/x/' with exit 0."""
    from tests.helpers import run_cli

    a_file = tmp_path / "taken"
    a_file.write_text("mine")
    r = run_cli("--outputs", str(a_file / "charts"), "--ask", "ROI of TV")
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "--outputs" in lines[0] and "pass a folder you can write to" in lines[0]
    assert a_file.read_text() == "mine"    # the user's file is untouched
    fine = tmp_path / "new" / "charts"     # a folder that does not exist yet is made
    assert run_cli("--outputs", str(fine), "--no-charts", "--ask", "ROI of TV").returncode == 0 and fine.is_dir()
