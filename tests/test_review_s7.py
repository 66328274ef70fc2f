"""Defects a new user found in the session-7 review (README examples, public datasets, CMO questions, bad
input): each test failed before its fix."""
from __future__ import annotations

import dataclasses
import re

import pytest

from assistant.answers.channels import roi_data, roi_reply
from assistant.answers.dispatch import ask
from tests.helpers import session_for


@pytest.fixture()
def session(sample_fit, tmp_path):
    return session_for(sample_fit, tmp_path)


# ---------------------------------------------------------------- a period the whole-period answers do not cover
@pytest.mark.parametrize("question, period", [
    ("What was our ROI in 2023 only?", "2023"),
    ("Is TV saturated in 2022?", "2022"),
])
def test_a_period_asked_of_a_whole_period_answer_is_said_first(session, question, period):
    """ "ROI in 2023" printed the 208-week ROI with "Read as: ROI · 2023" and no word that it was not 2023's."""
    reply = ask(session, question)
    assert period in reply.read_as
    first = reply.facts[0]
    assert first.startswith("These figures cover the whole modelled period (2021-01-04 to 2024-12-23)")
    assert f"not {period} alone" in first


def test_a_contribution_in_a_period_is_that_periods_own(session):
    """(fifteenth session) a contribution in a period is that period's split, said in the headline and the table."""
    reply = ask(session, "What did Digital contribute in Q4 2023?")
    assert "Q4 2023" in reply.read_as and reply.headline.startswith("In Q4 2023: Digital contributed")
    assert reply.data["period"] == "Q4 2023" and not any("whole modelled period (" in f for f in reply.facts)


def test_a_period_outside_the_data_is_named_as_outside(session):
    reply = ask(session, "What was the ROI of TV in 2019?")
    assert reply.facts[0].startswith("2019 is outside the data: these figures cover the whole modelled period")


def test_a_question_without_a_period_gets_no_period_note(session):
    reply = ask(session, "What is the ROI of TV?")
    assert not any("whole modelled period (" in f for f in reply.facts)


# ---------------------------------------------------------------- overall ROI
@pytest.mark.parametrize("question", ["What's our overall marketing ROI?", "What is the total media ROI?",
                                      "blended ROAS?"])
def test_an_overall_roi_question_leads_with_all_media(session, question):
    """ "What's our overall marketing ROI?" led with "Digital returns $1.91 … the highest of your five channels"."""
    reply = ask(session, question)
    data = reply.data
    low, high = data["blended_roi_low"], data["blended_roi_high"]
    assert low is not None and high is not None and low <= data["blended_roi"] <= high
    # the interval is the media total's (MMMFit.media_interval) per dollar of media spend
    media_low, media_high = session.fit.media_interval
    assert low == pytest.approx(media_low / session.roi.total_spend, rel=1e-4)
    assert high == pytest.approx(media_high / session.roi.total_spend, rel=1e-4)
    assert reply.headline.startswith("All media together returns $1.67 in sales per $1 (90% interval ")
    assert "$25.03M of spend" in reply.headline
    assert reply.facts[0].startswith("Digital returns $1.91")


def test_a_channel_ranking_question_still_leads_with_the_best_channel(session):
    reply = ask(session, "Which channel has the best ROI?")
    assert reply.headline.startswith("Digital returns $1.91")


# ---------------------------------------------------------------- one measurable channel of several
def test_one_measurable_channel_is_not_called_the_highest_of_one(session):
    """pymc_mmm_multidimensional: "X1 returns $0.11 … — the highest of your one measurable channel."""
    data = roi_data(session)
    # two channels, one measurable: half the channels, so the answer still ranks rather than leading with the total
    doctored = {**data, "ranking": ["Digital"], "channels": {
        "Digital": data["channels"]["Digital"],
        "Social": {**data["channels"]["Social"], "measurable": False, "rank": None}}}
    headline = roi_reply(session, doctored, ()).headline
    assert headline.startswith("Digital returns $1.91")
    assert "the only one of your two channels the data can measure" in headline
    assert "of your one measurable channel" not in headline


# ---------------------------------------------------------------- a what-if on a channel the data cannot measure
def test_a_whatif_on_an_unmeasurable_channel_says_its_figure_is_a_guess(session):
    """sibylhe: "Cutting Direct Mail by 20% … would lose about $1.19M" with only the Low-grade caveat, though
    Direct Mail is not measurable."""
    roi = session.roi
    session.__dict__["roi"] = dataclasses.replace(roi, channels=tuple(
        dataclasses.replace(r, measurable=False) if r.channel == "Print" else r for r in roi.channels))
    reply = ask(session, "What if we cut Print by 20%?")
    assert reply.caveat is not None and reply.caveat.startswith("Print is not measurable in this data")
    assert "a guess, not a forecast" in reply.caveat
    measured = ask(session, "What if we cut TV by 20%?")
    assert measured.caveat is None or "not measurable" not in measured.caveat


# ---------------------------------------------------------------- an absurd plan budget
def test_an_absurd_budget_is_refused_not_solved(session):
    """ "Split $999 trillion" answered "Put more to Radio (+19240108215%) …" as a plan."""
    reply = ask(session, "Split $999 trillion across channels")
    assert reply.data["limit"] == "bad_input"
    assert "plans are answered up to 10× today's spend" in reply.data["problem"]
    assert reply.data["clarify"] == ["How should we split $67.50M?"]
    assert not re.search(r"\d{5,}%", reply.text())


def test_a_large_but_sane_budget_is_still_planned(session):
    reply = ask(session, "How should we split $20M?")
    assert "limit" not in reply.data
    assert reply.data["total_budget"] == pytest.approx(20_000.0)   # the sample is in $000s


# ---------------------------------------------------------------- the plan chart's inset
def test_the_gain_inset_does_not_cover_the_main_axis_labels(session, monkeypatch, tmp_path):
    """08_reallocation.png: the draws histogram sat on the main axis line, its tick labels printed over the
    main axis's ("3,500 4,000")."""
    import matplotlib

    matplotlib.use("Agg")
    from assistant.charts import draw

    figures = []
    monkeypatch.setattr(draw, "save_png", lambda fig, path: figures.append(fig) or path)
    result = session.optimization(None, (), None, None)
    assert result.gain_draws is not None and len(result.gain_draws) > 0
    draw.reallocation_chart(result, tmp_path / "plan.png", colors={}, units="$000s")
    fig = figures[0]
    main, inset = fig.axes[0], fig.axes[-1]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    main_labels = [t.get_window_extent(renderer) for t in main.get_xticklabels() if t.get_text()]
    inset_box = inset.get_tightbbox(renderer)
    assert main_labels and not any(inset_box.overlaps(label) for label in main_labels)


# ---------------------------------------------------------------- a count target's words
def test_a_count_target_is_not_called_sales(count_session):
    """A `conversions` file: "brought 16.2k conversions of incremental sales", "TV contributed 16.2k conversions of
    sales", "1.03 conversions in sales per extra $1"."""
    roi = ask(count_session, "What is the ROI of TV?")
    assert "TV spent $10.1k and brought 16.2k incremental conversions." in roi.facts
    share = ask(count_session, "What did TV contribute?")
    assert share.headline.startswith("TV contributed 16.2k conversions — 6.8% of the total")
    sat = ask(count_session, "Which channels are saturated?")
    assert any(f.startswith("The best next dollar goes to TV: 1.03 conversions per extra $1") for f in sat.facts)
    text = " ".join((roi.text(), share.text(), sat.text()))
    assert "conversions of" not in text and "conversions in sales" not in text


def test_a_money_target_keeps_its_sales_words(session):
    assert "TV spent $10.14M and brought $16.18M of incremental sales." in ask(session, "What is the ROI of TV?").facts
    assert ask(session, "What did TV contribute?").headline.startswith("TV contributed $16.18M of sales — 6.8%")


# ---------------------------------------------------------------- the period-drivers chart and its answer agree
def test_the_drivers_chart_groups_unmeasurable_channels_as_the_answer_does(monkeypatch, tmp_path):
    """sibylhe "What drove Q4 2017?": the answer grouped "channels the data cannot separate +48.5 pts" but the chart
    drew Search (+$23.16M), TV, … as ten drivers of their own, unlabelled as not measurable."""
    from assistant.charts import draw

    seen = {}

    def capture(start, parts, end, path, *, title, **_):
        seen.update(parts=list(parts), title=title)
        return path

    monkeypatch.setattr(draw, "waterfall_chart", capture)
    result = {"previous_label": "Q3", "label": "Q4", "previous_sales": 100.0, "sales": 160.0,
              "drivers": {"Search": 25.0, "seasonality": 21.0, "TV": 15.0, "unexplained": -9.0, "Radio": 8.0}}
    draw.period_drivers_chart(result, tmp_path / "p.png", colors={}, units="$", unmeasurable=["Search", "TV"])
    names = [name for name, _ in seen["parts"]]
    assert "Search" not in names and "TV" not in names
    assert ("not measurable", pytest.approx(40.0)) in seen["parts"]
    assert names[0] == "not measurable" and "Radio" in names
    assert "the biggest driver: seasonality" in seen["title"]      # a group the data cannot split is never titled
    draw.period_drivers_chart(result, tmp_path / "p.png", colors={}, units="$", unmeasurable=["Search"])
    assert ("Search (not measurable)", pytest.approx(25.0)) in seen["parts"]
    assert "the biggest driver: seasonality" in seen["title"]


# ---------------------------------------------------------------- a count target's goals
@pytest.mark.parametrize("question, kind, value", [
    ("How much do we need to spend to hit 70000 conversions?", "reach_sales", 70000.0),
    ("Grow conversions by 5%", "grow_sales_pct", 5.0),
    ("reach 5000 orders", "reach_sales", 5000.0),
])
def test_a_count_goal_is_read_as_a_goal(question, kind, value):
    """ "hit 70000 conversions" (a bare number) was answered as a plain re-split with no word about the target;
    "Grow conversions by 5%" was not understood (read as a 5% bigger budget)."""
    from router.core import route

    goal = route(question).goal
    assert goal is not None and (goal.kind, goal.value) == (kind, value)


def test_a_limit_that_forces_a_loss_is_not_called_a_risky_gain(session):
    """ "Raise Digital 20% but keep total spend the same" loses sales over its whole interval, yet the caveat said
    "treat the reallocation as a test-and-learn plan, not a sure gain"."""
    reply = ask(session, "Raise Digital 20% but keep total spend the same")
    assert reply.data["expected_delta_sales_high"] < 0
    assert reply.caveat is not None and reply.caveat.startswith("Your limits cost sales")
    assert "test-and-learn" not in reply.caveat


# ---------------------------------------------------------------- a plan with limits after a goal
def test_keep_a_channel_and_optimise_the_rest_after_a_goal_is_a_plan(session):
    """README's "Keep TV at $500k and optimise the rest" after "What budget reaches a ROAS of 2?" was read as the ROAS
    goal again (from context), and the goal answer dropped the TV limit without a word."""
    ask(session, "What budget reaches a ROAS of 2?")
    plan = ask(session, "Keep TV at $3M and optimise the rest")
    assert plan.routed.goal is None and plan.routed.source == "rules"
    assert "allocation" in plan.data and plan.data["allocation"]["TV"]["recommended"] == pytest.approx(3000.0)


def test_a_goal_with_limits_says_the_limits_are_not_applied(session):
    ask(session, "What budget reaches a ROAS of 2?")
    reply = ask(session, "and with TV at least $3M?")
    assert reply.routed.goal is not None and reply.routed.constraints
    assert any(f.startswith("The channel limits you stated are not applied to a goal answer") for f in reply.facts)
    alone = ask(session, "What budget reaches a ROAS of 2?")
    assert not any("limits you stated" in f for f in alone.facts)


def test_a_plan_asked_about_one_channel_names_that_channel_first(session):
    """ "How much should we spend on TV?" answered the whole re-split without a word on TV."""
    reply = ask(session, "How much should we spend on TV?")
    tv = reply.data["allocation"]["TV"]
    assert reply.facts[0] == "TV in this plan: $3.08M (+12% vs $2.76M today) over a year (the last 52 weeks)."
    assert tv["recommended"] == pytest.approx(3090, rel=0.01) and tv["current"] == pytest.approx(2756.4, rel=1e-3)
    assert not ask(session, "How should we split the budget?").facts[0].startswith("TV in this plan")


def test_a_count_goal_reads_in_its_unit(count_session):
    """ "hit 70000 conversions" read as "reach $70.0k sales"; "add 500 conversions" as a $500 budget."""
    reach = ask(count_session, "How much do we need to spend to hit 70000 conversions?")
    assert reach.read_as == "Read as: budget optimisation · reach 70.0k conversions"
    add = ask(count_session, "what would it take to add 500 conversions?")
    assert add.read_as == "Read as: budget optimisation · add 500 conversions"
    assert add.data["goal"] == {"kind": "add_sales", "value": 500.0, "channel": None}


def test_a_money_goal_still_reads_in_dollars(session):
    assert ask(session, "what do we need to spend to hit $70M in sales?").read_as == \
        "Read as: budget optimisation · reach $70.00M sales"


# ---------------------------------------------------------------- the board pack
def test_the_board_pack_shows_each_scenario_once(session):
    """ "cut TV by 20%" then "cut TV 20% vs cut Digital 20%": the pack's what-if section showed TV −20% twice."""
    from assistant.report.pack import scenarios_asked

    ask(session, "What if we cut TV by 20%?")
    ask(session, "cut TV 20% vs cut Digital 20%")
    assert len(session.scenarios) == 3
    labels = [r.label for r in scenarios_asked(session)]
    assert sorted(labels) == sorted({"TV −20%", "Digital −20%"}) and len(labels) == 2
    ask(session, "What if we cut TV by 20% in Q4?")      # the same change over other weeks is another scenario
    assert len(scenarios_asked(session)) == 3


# ---------------------------------------------------------------- the web app
def test_typing_reset_in_the_web_app_forgets_the_conversation(tmp_path):
    """README: "*Reset* (or typing `reset`) forgets the conversation" — typed into the API (or the page without
    JavaScript) it was answered as a question ("not understood") and "And radio?" still followed the last what-if."""
    from fastapi.testclient import TestClient

    from assistant.web.app import WebConfig, create_app

    with TestClient(create_app(WebConfig(outputs=tmp_path / "outputs", offline=True, charts=False))) as client:
        sid = client.post("/api/ask", json={"question": "What if we cut TV by 20%?"}).json()["session"]
        follow = client.post("/api/ask", json={"question": "And radio?", "session": sid}).json()
        assert follow["intent"] == "budget_scenario" and follow["router"] == "context"
        done = client.post("/api/ask", json={"question": " Reset ", "session": sid})
        assert done.status_code == 200
        assert done.json() == {"question": " Reset ", "command": "reset",
                               "answer": "Conversation forgotten; follow-ups start afresh.", "session": sid}
        after = client.post("/api/ask", json={"question": "And radio?", "session": sid}).json()
        assert after["router"] == "rules" and after["intent"] == "roi_analysis"
        page = client.post("/ask", data={"question": "reset"})
        assert page.status_code == 200 and "Conversation forgotten" in page.text


def test_a_resized_comparison_reads_with_the_minus_sign(session):
    """ "What about 10%?" after "Cut TV 20% vs cut Digital 20%" read "TV -10% vs Digital -10%" (ASCII hyphen) where
    every other Read-as line writes "−"."""
    ask(session, "Cut TV 20% vs cut Digital 20%: which is better?")
    reply = ask(session, "What about 10%?")
    assert "TV −10% vs Digital −10%" in reply.read_as and "-10%" not in reply.read_as
