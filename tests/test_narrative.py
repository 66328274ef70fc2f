"""Narratives are templates over the JSON data: the same figure reads identically in text, table and JSON."""
from __future__ import annotations

import pytest

from assistant import format as fmt
from assistant.answers.channels import roi_reply
from assistant.answers.dispatch import ask
from assistant.app.json_view import reply_json
from assistant.app.terminal import render_text, to_renderable
from tests.helpers import session_for


@pytest.fixture(scope="module")
def session(sample_fit, tmp_path_factory):
    return session_for(sample_fit, tmp_path_factory.mktemp("narr"))


def table_cells(answer) -> set[str]:
    return {cell for row in answer.table.rows for cell in row}


def test_roi_figure_is_identical_in_narrative_table_and_json(session):
    a = ask(session, "What is the ROI of TV?")
    tv = a.data["channels"]["TV"]
    text = fmt.ratio(tv["roi"])
    assert text in a.headline
    assert text in table_cells(a)
    assert reply_json(a)["data"]["channels"]["TV"]["roi"] == tv["roi"]
    interval = fmt.ratio_range(tv["roi_low"], tv["roi_high"])
    assert interval in a.headline and interval in table_cells(a)
    rendered = render_text(to_renderable(a), width=120)
    assert text in rendered and interval in rendered and a.read_as in rendered


def test_scenario_figures_match(session):
    a = ask(session, "What if we cut TV by 20%?")
    d = a.data
    assert fmt.money(abs(d["delta_sales"]), session.dataset) in a.headline
    assert fmt.signed_money(d["delta_sales"], session.dataset) in table_cells(a)
    assert fmt.money_range(d["delta_sales_low"], d["delta_sales_high"], session.dataset) in a.headline
    assert a.read_as == "Read as: what-if · TV −20%"


def test_optimization_figures_match(session):
    a = ask(session, "How should we allocate the budget?")
    d = a.data
    assert fmt.money(d["expected_delta_sales"], session.dataset) in a.headline
    for _channel, row in d["allocation"].items():
        assert fmt.money(row["recommended"], session.dataset) in table_cells(a)


def test_contribution_share_matches(session):
    a = ask(session, "How much did TV contribute?")
    share = fmt.share(a.data["channels"]["TV"]["share"])
    assert share in a.headline and share in table_cells(a)


def test_follow_up_is_marked_from_context(session):
    session.reset()
    ask(session, "What is the ROI of TV?")
    a = ask(session, "And radio?")
    assert a.read_as == "Read as: ROI · Radio (from context)"
    assert a.headline.startswith("Radio")


def test_unknown_channel_is_said_explicitly(session):
    a = ask(session, "What is the ROI of cinema?")
    assert "Cinema is not in this data" in a.headline
    assert "TV, Radio, Digital, Print and Social" in a.headline


def test_not_understood_lists_examples_with_the_datas_channels(session):
    a = ask(session, "purple monkey dishwasher")
    assert a.intent == "unknown"
    assert "What is the ROI of TV?" in a.text()
    assert a.table is not None and a.table.title == "What you can ask"


def test_unmeasurable_channel_is_never_ranked(session):
    data = ask(session, "What is the ROI of TV?").data
    doctored = {**data, "channels": {**data["channels"]}}
    doctored["channels"]["Print"] = {**data["channels"]["Print"], "measurable": False, "rank": None, "roi": -0.4,
                                     "roi_low": -1.0, "roi_high": 0.9}
    doctored["ranking"] = [c for c in data["ranking"] if c != "Print"]
    reply = roi_reply(session, doctored, ())
    text, table = reply.text(), reply.table
    assert "Print: not measurable in this data (at most $0.90 per $1)" in text
    assert "−$0.40" not in text and "-0.4" not in text
    assert ("Print", "not measurable") == next(r for r in table.rows if r[0] == "Print")[:2]


def test_narratives_are_deterministic(sample_fit, tmp_path):
    one, two = session_for(sample_fit, tmp_path / "a"), session_for(sample_fit, tmp_path / "b")
    for q in ("What is the ROI of TV?", "Give me an executive summary", "What if we cut TV by 20%?"):
        a, b = ask(one, q), ask(two, q)
        assert (a.headline, a.facts, a.caveat) == (b.headline, b.facts, b.caveat)


@pytest.mark.parametrize("value, expected", [
    (1230, "$1.23M"), (456.4, "$456k"), (12.34, "$12.3k"), (0.95, "$950"), (-1230, "−$1.23M"), (1_230_000, "$1.23B"),
])
def test_money_in_sample_units(value, expected):
    assert fmt.money(value, type("D", (), {"money_scale": 1000.0})) == expected


def test_other_formats():
    assert fmt.ratio(2.1) == "$2.10" and fmt.share(0.412) == "41.2%" and fmt.signed_pct(-20) == "−20%"
    assert fmt.points(7.06) == "+7.1 pts" and fmt.margin(0.4) == "40%" and fmt.ratio(None) == "n/a"
    assert fmt.join_names(["TV", "Radio", "Print"]) == "TV, Radio and Print"
