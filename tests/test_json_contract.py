"""The --json contract: one object per question on stdout, the documented keys for every intent."""
from __future__ import annotations

import json

import pytest

from assistant import format as fmt
from assistant.answers.dispatch import ask
from assistant.app.json_view import reply_json
from tests.helpers import run_cli

QUESTIONS = {
    "roi_analysis": "What is the ROI of TV?",
    "contribution": "How much did TV contribute?",
    "saturation": "Are we overspending on TV?",
    "budget_scenario": "What if we cut TV by 20%?",
    "budget_optimization": "How should we allocate the budget?",
    "trend": "Why did sales go up in Q4 2023?",
    "model_quality": "How reliable is the model?",
    "executive_summary": "Give me an executive summary",
    "data_overview": "What data do you have?",
    "help": "help",
    "unknown": "blah blah",
}
CHANNELS = {"TV", "Radio", "Digital", "Print", "Social"}
TOP_KEYS = {"question", "intent", "channels", "percentage", "changes", "router", "confidence", "answer", "data",
            "charts", "warnings"}


@pytest.fixture(scope="module")
def objects(tmp_path_factory):
    """Every intent's question plus a follow-up and a shift, asked in one scripted run."""
    out = tmp_path_factory.mktemp("out")
    questions = [*QUESTIONS.values()]
    questions.insert(1, "And radio?")
    questions += ["Move 10% of TV budget to Digital",
                 "What is the ROI of cinema?"]
    args = ["--json", "--no-charts", "--offline", "--outputs", str(out)]
    for q in questions:
        args += ["--ask", q]
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(questions)          # exactly one object per question, nothing else
    parsed = [json.loads(line) for line in lines]
    return {q: obj for q, obj in zip(questions, parsed)}


def test_every_object_has_the_contract_keys(objects):
    for obj in objects.values():
        assert TOP_KEYS <= set(obj), obj["question"]
        assert obj["router"] in ("rules", "context", "claude")
        assert isinstance(obj["answer"], str) and obj["answer"]
        assert isinstance(obj["charts"], list) and isinstance(obj["warnings"], list)


@pytest.mark.parametrize("intent", list(QUESTIONS))
def test_intent_is_read_as_asked(objects, intent):
    assert objects[QUESTIONS[intent]]["intent"] == intent


def test_roi_data_lists_every_channel(objects):
    data = objects[QUESTIONS["roi_analysis"]]["data"]
    assert set(data["channels"]) == CHANNELS
    for row in data["channels"].values():
        assert {"roi", "roi_low", "roi_high", "spend", "contribution"} <= set(row)
        if row["measurable"]:
            assert row["roi_low"] <= row["roi"] <= row["roi_high"]
            assert row["roi"] >= 0
    tv = data["channels"]["TV"]
    assert tv["roi"] == pytest.approx(tv["contribution"] / tv["spend"], rel=1e-5)


def test_contribution_shares_add_up(objects):
    data = objects[QUESTIONS["contribution"]]["data"]
    assert set(data["channels"]) == CHANNELS
    total = data["baseline_share"] + sum(c["share"] for c in data["channels"].values())
    assert total == pytest.approx(1.0, abs=1e-4)


def test_saturation_data(objects):
    data = objects[QUESTIONS["saturation"]]["data"]
    for row in data["channels"].values():
        assert {"saturation_pct", "marginal_roi", "decay"} <= set(row)
        assert 0 <= row["saturation_pct"] <= 100 and 0 <= row["decay"] < 1


def test_scenario_data_is_horizon_data_units(objects):
    obj = objects[QUESTIONS["budget_scenario"]]
    data = obj["data"]
    assert data["changes"] == {"TV": pytest.approx(-20.0)}
    assert obj["changes"] == {"TV": -20.0} and obj["percentage"] == -20.0
    for key in ("delta_spend", "delta_sales", "delta_sales_low", "delta_sales_high", "delta_sales_pct"):
        assert isinstance(data[key], float)
    from assistant.session import load_dataset

    tv_last_year = float(load_dataset().spend[-52:, 0].sum())
    assert data["horizon_weeks"] == 52                 # decisions default to a year like the last one
    assert data["delta_spend"] == pytest.approx(-0.2 * tv_last_year, rel=1e-6)   # data units, over the horizon
    assert data["delta_sales_low"] <= data["delta_sales"] <= data["delta_sales_high"] < 0


def test_shift_moves_dollars(objects):
    data = objects["Move 10% of TV budget to Digital"]["data"]
    assert data["delta_spend"] == pytest.approx(0.0, abs=1e-6)
    assert data["channels"]["TV"]["delta_spend"] == pytest.approx(-data["channels"]["Digital"]["delta_spend"])


def test_optimization_data(objects):
    data = objects[QUESTIONS["budget_optimization"]]["data"]
    assert set(data["allocation"]) == CHANNELS
    recommended = sum(v["recommended"] for v in data["allocation"].values())
    assert recommended == pytest.approx(data["total_budget"], rel=1e-6)
    assert data["expected_delta_sales_low"] <= data["expected_delta_sales"] <= data["expected_delta_sales_high"]


def test_other_intents_carry_the_numbers_they_quote(objects):
    trend = objects[QUESTIONS["trend"]]["data"]
    assert trend["period"] == "Q4 2023" and trend["change_pct"] is not None
    assert fmt.pct(abs(trend["change_pct"])) in objects[QUESTIONS["trend"]]["answer"]
    quality = objects[QUESTIONS["model_quality"]]["data"]
    assert quality["grade"] in ("High", "Medium", "Low")
    assert fmt.number(quality["r2"]) in objects[QUESTIONS["model_quality"]]["answer"]
    overview = objects[QUESTIONS["data_overview"]]["data"]
    assert overview["weeks"] == 208 and set(overview["channels"]) == CHANNELS
    summary = objects[QUESTIONS["executive_summary"]]["data"]
    assert {"roi", "saturation", "scenario", "optimization", "quality"} <= set(summary)


def test_follow_up_comes_from_context(objects):
    obj = objects["And radio?"]
    assert obj["intent"] == "roi_analysis" and obj["channels"] == ["Radio"] and obj["router"] == "context"


def test_unknown_channel_is_named_and_channels_listed(objects):
    obj = objects["What is the ROI of cinema?"]
    assert "Cinema" in obj["answer"] and "not in this data" in obj["answer"]
    assert all(c in obj["answer"] for c in CHANNELS)


def test_narrative_quotes_the_json_figures(objects):
    roi = objects[QUESTIONS["roi_analysis"]]
    tv = roi["data"]["channels"]["TV"]
    assert fmt.ratio(tv["roi"]) in roi["answer"]
    sc = objects[QUESTIONS["budget_scenario"]]
    assert fmt.money(abs(sc["data"]["delta_sales"]), type("D", (), {"money_scale": 1000})) in sc["answer"]


@pytest.mark.parametrize("question", [
    "How much must we spend on Digital to add $300k in sales?",   # within reach over a year (the horizon)
    "What is the most we can cut from the total while keeping sales within 1%?",
    "What budget reaches a ROAS of 2?",
    "give me conservative and aggressive options",
], ids=["add-sales", "max-cut", "roas", "presets"])
def test_every_optimization_answer_keeps_the_contract(sample_fit, question):
    """Goal and preset questions are budget_optimization too: the same keys, consistent numbers."""
    from tests.helpers import session_for

    data = reply_json(ask(session_for(sample_fit), question))["data"]
    assert set(data["allocation"]) == CHANNELS
    recommended = sum(v["recommended"] for v in data["allocation"].values())
    assert recommended == pytest.approx(data["total_budget"], rel=1e-6)
    assert data["expected_delta_sales_low"] <= data["expected_delta_sales"] <= data["expected_delta_sales_high"]
