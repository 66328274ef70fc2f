"""Defects a new user found in the session-8 review (plans a CMO can bet on, real wide exports, the board pack,
the web API): each test failed before its fix."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

import analysis.decisions.optimize as optimize
from assistant import format as fmt
from assistant.answers.dispatch import ask
from assistant.answers.summary import briefing_data, briefing_reply
from tests.helpers import session_for


@pytest.fixture(scope="module")
def one_measurable():
    """Only TV's effect is clear of zero; Digital, the largest budget, is fitted but unmeasurable."""
    from tests.test_plan_uncertainty import _four_channels

    return _four_channels(0.25, 1, 1.0)


@pytest.fixture()
def session(sample_fit, tmp_path):
    return session_for(sample_fit, tmp_path)


@pytest.fixture(scope="module")
def sample_client(tmp_path_factory):
    """The web app on the built-in sample, started once for the tests that only read it (each start fits and warms
    the model and spawns a chart worker: ~4 s of CPU); each test clears the cookies, so each is a new browser."""
    from assistant.web.app import WebConfig, create_app

    with TestClient(create_app(WebConfig(outputs=tmp_path_factory.mktemp("web"), offline=True))) as client:
        yield client


# ---------------------------------------------------------------- goal answers state the plan's honest range
def test_the_largest_cut_within_a_loss_says_its_interval_and_chance_of_a_loss(session):
    """ "The most we can cut without losing more than 1%" printed "Sales change: −$640k (−1.00%)" alone, while its
    --json carried expected_delta_sales_low/high and prob_loss: the plan's range was never said."""
    reply = ask(session, "What's the most we can cut without losing more than 1% of sales?")
    d, ds = reply.data, session.dataset
    assert d["expected_delta_sales_low"] is not None and d["prob_loss"] is not None
    interval = f"90% interval {fmt.amount_range(d['expected_delta_sales_low'], d['expected_delta_sales_high'], ds)}"
    assert any(f.startswith("Sales change: −") and interval in f for f in reply.facts)
    chance = [f for f in reply.facts if f.startswith("Chance it sells less than today's mix scaled to the same budget: ")]
    assert len(chance) == 1 and fmt.share(d["prob_loss"], 0) in chance[0]


def test_a_roas_target_says_the_sales_change_and_its_interval(session):
    reply = ask(session, "What budget gets us a ROAS of 1.5?")
    d, ds = reply.data, session.dataset
    line = [f for f in reply.facts if f.startswith("Sales change at that budget: ")]
    assert line == [f"Sales change at that budget: {fmt.signed_amount(d['expected_delta_sales'], ds)}; 90% interval "
                    f"{fmt.amount_range(d['expected_delta_sales_low'], d['expected_delta_sales_high'], ds)}."]
    assert d["expected_delta_sales_low"] <= d["expected_delta_sales"] <= d["expected_delta_sales_high"]


# ---------------------------------------------------------------- a kept channel has one next-dollar return
def test_a_channel_the_plan_keeps_has_the_same_next_dollar_now_and_after(no_safe_move, monkeypatch):
    """On sibylhe "How should we allocate the budget?" kept today's mix but printed Insert's next $1 as $54.45 now
    and $62.25 after: the plan's spend was 1e-16 below today's, and the always-on cap was dropped below today."""
    monkeypatch.setattr(optimize, "marginal_correction", lambda fit: np.full(len(fit.channels), -0.2))
    real = optimize._result

    def rounded(problem, optimum, x, *args, **kwargs):   # the solver's round-off: a hair under today's spend
        return real(problem, optimum, np.where(np.isclose(x, problem.current), problem.current * (1 - 1e-15), x),
                    *args, **kwargs)

    monkeypatch.setattr(optimize, "_result", rounded)
    result = optimize.optimize_budget(no_safe_move)
    kept = [r for r in result.allocation if abs(r.change_pct) < 1e-9]
    assert kept, "the no-safe-move data keeps today's mix"
    for row in kept:
        assert row.marginal_roi_recommended == pytest.approx(row.marginal_roi_current, rel=1e-9), row.channel


# ---------------------------------------------------------------- not measurable: no point figure anywhere
def test_the_briefing_what_if_is_on_the_largest_measurable_channel(one_measurable, tmp_path):
    """sibylhe's briefing said "What-if: Direct Mail −20% would change sales by ±$0 (±0.00%)": the largest budget,
    a channel the data cannot measure, headlined by its point."""
    s = session_for(one_measurable, tmp_path)
    spend = dict(zip(s.dataset.channels, s.dataset.total_spend))
    assert max(spend, key=spend.get) == "Digital" and not one_measurable.channel("Digital").measurable
    data = briefing_data(s)
    assert data["scenario"]["label"] == "TV −20%"
    assert any(f.startswith("What-if: TV −20% would change sales by −") for f in briefing_reply(s, data).facts)


def test_the_workbook_plan_sheet_carries_the_chance_of_a_loss(session, tmp_path):
    from openpyxl import load_workbook

    from assistant.report.pack import build_board_pack
    from assistant.report.xlsx import write_workbook

    pack = build_board_pack(session)
    sheet = load_workbook(write_workbook(pack, tmp_path / "plan.xlsx"))["Optimiser plan"]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["Chance it sells less than today's mix"] == pytest.approx(
        pack.answers["budget_optimization"]["prob_loss"])


# ---------------------------------------------------------------- web: a body that is not JSON
def test_a_body_that_is_not_json_gets_one_line_naming_the_fix(sample_client):
    sample_client.cookies.clear()
    r = sample_client.post("/api/ask", content=b"{bad json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json() == {"error": 'bad request — the body is not valid JSON: send an object such as '
                                 '{"question": "What is the ROI of TV?"}'}


# ---------------------------------------------------------------- terminal: a column of words reads from the left
def test_a_text_column_is_left_aligned_and_a_figure_column_right_aligned():
    """The data overview's Role column ("left out: exposure (pass --controls to use)") was right-aligned like the
    money beside it, so on 80 columns each role printed as a ragged staircase of fragments."""
    from assistant.app.terminal import table_renderable
    from assistant.reply import Table

    table = Table("Every column and its role", ("Column", "Role", "Total spend", "Status"), (
        ("mdip_dm", "left out: exposure (pass --controls to use)", "", "not measurable"),
        ("mdsp_dm", "media spend: Direct Mail", "$158.37M", "room to grow"),
        ("sales", "sales (target)", "—", ""),
    ))
    columns = table_renderable(table).columns
    assert [c.justify for c in columns] == ["left", "left", "right", "left"]


# ---------------------------------------------------------------- every side of a comparison carries the plan keys
def test_each_side_of_a_comparison_carries_the_plan_keys_of_the_what_if_alone(session):
    """ "Move 10% of TV to Radio" alone carried expected_delta_sales(_low/_high) and prob_loss in --json; as a side of
    "move 10% of TV to Radio or to Social?" it carried neither."""
    alone = ask(session, "Move 10% of TV to Radio").data
    sides = ask(session, "Move 10% of TV to Radio vs move 10% of TV to Social").data["scenarios"]
    assert len(sides) == 2
    for key in ("expected_delta_sales", "expected_delta_sales_low", "expected_delta_sales_high", "prob_loss"):
        assert sides[0][key] == alone[key], key
        assert all(side[key] is not None for side in sides)


# ---------------------------------------------------------------- column roles: a value per unit and a population are used
MERIDIAN = next((p / "shared" / "datasets" / "meridian_geo_media.csv" for p in Path(__file__).resolve().parents
                 if (p / "shared" / "datasets" / "meridian_geo_media.csv").is_file()), None)


@pytest.mark.skipif(MERIDIAN is None, reason="Meridian's geo file is not on this machine")
def test_a_value_per_unit_and_a_population_column_are_listed_as_used():
    """ "Is this data ready for MMM?" on Meridian's file listed revenue_per_conversion and population as "left out:
    text, empty or constant", while the same answer said revenue = conversions × revenue_per_conversion."""
    from analysis.loading import load_csv

    assert MERIDIAN is not None
    roles = dict(load_csv(MERIDIAN).column_roles)
    assert roles["revenue_per_conversion"] == "value per unit (sales = conversions × it)"
    assert roles["population"] == "population (spend per head)"
    assert roles["Channel0_impression"].startswith("left out: exposure")


# ---------------------------------------------------------------- web: the page opens with the readiness verdict
def _lockstep_csv() -> bytes:
    """60 weeks; TV and Radio always bought together, Digital on its own."""
    rng = np.random.default_rng(3)
    n = 60
    tv = np.where(rng.random(n) < 0.5, rng.uniform(20, 60, n), 0.0)
    radio = 0.5 * tv * rng.uniform(0.97, 1.03, n)
    digital = rng.uniform(10, 30, n)
    sales = 1000 + 2.0 * tv + 1.5 * radio + 1.2 * digital + rng.normal(0, 10, n)
    lines = ["date,sales,tv_spend,radio_spend,digital_spend"]
    for i, d in enumerate(np.datetime64("2022-01-03") + 7 * np.arange(n)):
        lines.append(f"{d},{sales[i]:.2f},{tv[i]:.2f},{radio[i]:.2f},{digital[i]:.2f}")
    return ("\n".join(lines) + "\n").encode()


def test_the_web_page_and_the_upload_open_with_the_readiness_verdict(tmp_path):
    """The chat's welcome panel opens with "Usable for MMM, with caveats" and its reasons; the web page after the
    same upload showed only the model grade, and /api/upload's summary had no verdict."""
    from assistant.web.app import WebConfig, create_app

    with TestClient(create_app(WebConfig(outputs=tmp_path, offline=True))) as client:
        r = client.post("/api/upload", files={"file": ("lockstep.csv", _lockstep_csv(), "text/csv")})
        assert r.status_code == 200, r.text
        verdict = r.json()["dataset"]["readiness"]
        assert verdict["verdict"] == "usable" and verdict["text"] == "Usable for MMM, with caveats"
        assert any("TV" in x["text"] and "Radio" in x["text"] for x in verdict["reasons"])
        page = client.get("/").text
    assert '<div class="readiness usable" role="status">' in page
    assert "<strong>Usable for MMM, with caveats</strong>" in page
    first = verdict["reasons"][0]
    assert f"<li>{first['text']} — {first['fix']}</li>".replace("'", "&#39;") in page


def test_the_sample_page_has_no_readiness_banner(sample_client):
    sample_client.cookies.clear()
    assert sample_client.post("/api/ask", json={"question": "help"}).status_code == 200
    page = sample_client.get("/").text
    assert 'class="readiness' not in page
