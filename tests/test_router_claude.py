"""Claude fallback through the real anthropic SDK with a mock httpx2 transport: no network, real parsing."""

from __future__ import annotations

import json

import anthropic
import httpx2
import pytest

from router import Conversation, Intent, route_with_fallback
from router.claude import DEFAULT_MODEL, TOOL_NAME, ClaudeRouter, claude_from_env

SECRET = "sk-ant-test-SECRET-0123456789"
UNSURE = "blorp flibber wibble"          # the rules cannot read this: unknown, low confidence
SEED = ("TV", "Radio", "Digital", "Print", "Social")


def tool_message(payload: dict, model: str = DEFAULT_MODEL) -> dict:
    return {
        "id": "msg_test", "type": "message", "role": "assistant", "model": model,
        "content": [{"type": "tool_use", "id": "toolu_1", "name": TOOL_NAME, "input": payload}],
        "stop_reason": "tool_use", "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 10},
    }


def text_message(text: str) -> dict:
    return {
        "id": "msg_test", "type": "message", "role": "assistant", "model": DEFAULT_MODEL,
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn", "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 10},
    }


class Recorder:
    """A transport handler that answers from a script and keeps the requests it saw."""

    def __init__(self, respond):
        self.respond = respond
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        assert request.url.path == "/v1/messages"
        return self.respond(request)

    @property
    def bodies(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests]


def router_with(respond, max_retries: int = 0) -> tuple[ClaudeRouter, Recorder]:
    rec = Recorder(respond)
    client = anthropic.Anthropic(api_key=SECRET, max_retries=0,
                                 http_client=httpx2.Client(transport=httpx2.MockTransport(rec)))
    return ClaudeRouter(client, max_retries=max_retries), rec


def ok(payload: dict):
    return lambda request: httpx2.Response(200, json=tool_message(payload, json.loads(request.content)["model"]))


def status(code: int):
    return lambda request: httpx2.Response(code, json={"type": "error", "error": {"type": "api_error", "message": f"boom {SECRET}"}})


def raising(exc_type):
    def respond(request):
        raise exc_type("simulated", request=request)
    return respond


def test_success_replaces_the_rules_reading():
    claude, rec = router_with(ok({"intent": "roi_analysis", "channels": ["Radio"], "percentage": None,
                                  "amount": None, "confidence": 0.9}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None
    assert (q.intent, q.channels, q.source, q.confidence) == (Intent.ROI, ("Radio",), "claude", 0.9)
    assert len(rec.requests) == 1


def test_request_forces_the_tool_and_sends_only_question_turns_and_channels():
    claude, rec = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "percentage": -20}))
    conv = Conversation(channels=SEED)
    from router import route
    conv.remember(route("What is the ROI of TV?", conv))
    q, _ = route_with_fallback(UNSURE, conv, claude=claude)
    body = rec.bodies[0]
    assert body["model"] == DEFAULT_MODEL
    assert body["tool_choice"] == {"type": "tool", "name": TOOL_NAME}
    schema = body["tools"][0]["input_schema"]["properties"]
    assert set(schema["intent"]["enum"]) == {i.value for i in Intent}
    assert schema["channels"]["items"]["enum"] == list(SEED)
    content = body["messages"][0]["content"]
    assert UNSURE in content and "What is the ROI of TV?" in content
    assert SECRET in " ".join(rec.requests[0].headers.values())   # the SDK, not us, sends the key
    assert SECRET not in json.dumps(body)
    assert (q.intent, q.channels, q.percentage, q.changes_dict) == (Intent.SCENARIO, ("TV",), -20.0, {"TV": -20.0})


def test_sure_rules_never_call_claude():
    claude, rec = router_with(ok({"intent": "help", "channels": []}))
    q, note = route_with_fallback("What is the ROI of TV?", Conversation(channels=SEED), claude=claude)
    assert (q.intent, q.source, note) == (Intent.ROI, "rules", None)
    assert rec.requests == []


def test_offline_never_calls_claude():
    claude, rec = router_with(ok({"intent": "help", "channels": []}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude, offline=True)
    assert (q.source, note) == ("rules", None) and rec.requests == []


FAILURES = [
    (status(401), "authentication failed"),
    (status(429), "rate limited"),
    (status(500), "HTTP 500"),
    (status(529), "HTTP 529"),
    (raising(httpx2.ReadTimeout), "timeout"),
    (raising(httpx2.ConnectError), "connection error"),
    (ok({"channels": ["TV"]}), "malformed answer"),
    (ok({"intent": "roi_analysis", "channels": "TV"}), "malformed answer"),
    (ok({"intent": "roi_analysis", "channels": ["TV"], "percentage": "twenty"}), "malformed answer"),
    (lambda request: httpx2.Response(200, json=text_message("I can't help with that.")), "no routing answer"),
    (ok({"intent": "weather_forecast", "channels": []}), "answer outside the known intents"),
    (ok({"intent": "roi_analysis", "channels": ["Cinema"]}), "answer named a channel not in the data"),
    (lambda request: httpx2.Response(200, content=b"{not json"), "no routing answer"),
]
FAILURE_IDS = ["401", "429", "500", "529-overloaded", "timeout", "connection", "missing-intent", "channels-not-list",
               "pct-wrong-type", "refusal-text", "intent-outside", "channel-outside", "garbage-body"]


@pytest.mark.parametrize("respond, reason", FAILURES, ids=FAILURE_IDS)
def test_failures_keep_the_rules_answer_with_one_note(respond, reason):
    claude, _ = router_with(respond)
    conv = Conversation(channels=SEED)
    q, note = route_with_fallback(UNSURE, conv, claude=claude)
    assert q.source == "rules" and q.intent is Intent.UNKNOWN
    assert note == f"Claude fallback unavailable ({reason}); using the rule-based reading."
    assert SECRET not in note


def test_an_unknown_channel_rejects_the_whole_answer():
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV", "Cinema"], "percentage": -10}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert q.channels == () and q.source == "rules" and "not in the data" in note


def test_at_most_one_retry():
    claude, rec = router_with(status(500), max_retries=1)
    _, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert len(rec.requests) == 2 and "HTTP 500" in note


def test_claude_from_env_without_key(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)           # no .env here
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    assert claude_from_env(dotenv_path=tmp_path / ".env") is None


def test_claude_from_env_reads_key_and_model(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f"ANTHROPIC_API_KEY={SECRET}\n")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "placeholder")   # recorded, so teardown removes what .env sets
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    monkeypatch.setenv("MMM_CLAUDE_MODEL", "claude-test-model")
    claude = claude_from_env()
    assert claude is not None and claude.model == "claude-test-model"
    assert claude.client.api_key == SECRET


def test_default_model(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    monkeypatch.delenv("MMM_CLAUDE_MODEL", raising=False)
    assert claude_from_env().model == DEFAULT_MODEL == "claude-haiku-4-5"


def test_schema_carries_every_field_the_rules_produce():
    claude, _ = router_with(ok({"intent": "help", "channels": []}))
    props = claude.tool(SEED)["input_schema"]["properties"]
    assert {"budget", "window", "scenarios", "horizon", "amount_per"} <= set(props)
    assert props["budget"]["properties"]["kind"]["enum"] == ["total", "increment", "rate", "ratio"]


def test_claude_budget_window_and_scenarios_are_validated_and_kept():
    from router.types import Budget

    claude, _ = router_with(ok({"intent": "budget_optimization", "channels": [], "percentage": None, "amount": None,
                                "budget": {"kind": "rate", "amount": 50000, "per": "week"}, "horizon": 13,
                                "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.budget == Budget("rate", 50000.0, "week") and q.horizon == 13
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV", "Radio"],
                                "scenarios": [{"label": "a", "changes": {"TV": -20}},
                                              {"label": "b", "shift": {"from_channel": "Radio", "to_channel": "TV",
                                                                       "percentage": 10, "amount": None}}],
                                "window": {"weeks": 2}, "confidence": 0.8}))
    q, _ = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert q.scenarios[0].changes == (("TV", -20.0),) and q.scenarios[1].shift.from_channel == "Radio"
    assert q.window.weeks == 2


def test_claude_keeps_weeks_inside_a_period_and_seasons():
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "percentage": -100,
                                "window": {"weeks": 2, "period": {"granularity": "month", "index": 11}, "anchor": "end"},
                                "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.window.label == "the last 2 weeks of November"
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "percentage": -20,
                                "window": {"period": {"granularity": "season", "index": 3}}, "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.window.label == "summer"
    props = claude.tool(SEED)["input_schema"]["properties"]["window"]["properties"]
    assert "season" in props["period"]["properties"]["granularity"]["enum"] and "end" in props["anchor"]["enum"]


@pytest.mark.parametrize("bad", [
    {"window": {"weeks": 2, "period": {"granularity": "month", "index": 11}, "anchor": "middle"}},
    {"budget": {"kind": "lots", "amount": 5}},
    {"budget": {"kind": "rate", "amount": -5, "per": "week"}},
    {"window": {"weeks": 0}},
    {"scenarios": [{"changes": {"Cinema": -20}}]},
    {"horizon": "forever"},
    {"amount_per": "fortnight"},
])
def test_a_malformed_new_field_rejects_the_answer(bad):
    claude, _ = router_with(ok({"intent": "budget_optimization", "channels": [], **bad}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert q.source == "rules" and note is not None and "malformed" in note or "not in the data" in note


def test_claude_keeps_a_what_ifs_amount_rate():
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "amount": -100000,
                                "amount_per": "month", "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.amount == -100000.0 and q.amount_per == "month"
    assert q.to_json_fields()["amount_per"] == "month"


def test_claude_keeps_each_sides_window():
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV", "Radio"],
                                "scenarios": [{"label": "a", "changes": {"TV": -100}, "window": {"weeks": 4}},
                                              {"label": "b", "changes": {"Radio": -100}, "window": {"weeks": 13}}],
                                "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and [a.window.weeks for a in q.scenarios] == [4, 13]
    items = claude.tool(SEED)["input_schema"]["properties"]["scenarios"]["items"]["properties"]
    assert items["window"]["properties"]["weeks"]["minimum"] == 1


def test_claude_keeps_a_sides_amount_and_checks_its_channel():
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV", "Radio"], "confidence": 0.8,
                                "scenarios": [{"label": "a", "amounts": {"TV": 500000}},
                                              {"label": "b", "amounts": {"Radio": 500000}}]}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and [a.amounts for a in q.scenarios] == [(("TV", 500000.0),), (("Radio", 500000.0),)]
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "confidence": 0.8,
                                "scenarios": [{"label": "a", "amounts": {"Cinema": 1}}]}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert q.source == "rules" and note is not None


def test_claude_carries_a_spend_level_and_each_sides_level():
    props = router_with(ok({"intent": "help", "channels": []}))[0].tool(SEED)["input_schema"]["properties"]
    assert props["level"]["type"] == "boolean" and props["scenarios"]["items"]["properties"]["level"]["type"] == "boolean"
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "amount": 1000000, "level": True,
                                "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.level is True and q.to_json_fields()["level"] is True
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "confidence": 0.8,
                                "scenarios": [{"label": "a", "amounts": {"TV": 1000000}, "level": True},
                                              {"label": "b", "amounts": {"TV": 500000}}]}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and [a.level for a in q.scenarios] == [True, False]


def test_claude_keeps_a_channel_pick():
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": [], "percentage": -20,
                                "channel_pick": {"kind": "smallest", "count": 2}, "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.channel_pick is not None and (q.channel_pick.kind, q.channel_pick.count) == ("smallest", 2)
    bad, _ = router_with(ok({"intent": "budget_scenario", "channels": [], "channel_pick": {"kind": "tallest"},
                             "confidence": 0.8}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=bad)
    assert q.source == "rules" and note is not None


def test_claude_keeps_each_channels_own_money_and_a_sides_unequal_parts():
    """Fifth session: per-channel money (`amounts`) and unequal parts of a move (`shift.shares`) in the forced tool."""
    props = router_with(ok({"intent": "help", "channels": []}))[0].tool(SEED)["input_schema"]["properties"]
    assert props["amounts"]["type"] == "object"
    assert "shares" in props["scenarios"]["items"]["properties"]["shift"]["properties"]
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["Social", "TV"], "confidence": 0.8,
                                "amounts": {"Social": 200000, "TV": 300000}}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.amounts == (("Social", 200000.0), ("TV", 300000.0))
    assert q.to_json_fields()["amounts"] == {"Social": 200000.0, "TV": 300000.0}
    claude, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV", "Radio", "Social"], "confidence": 0.8,
                                "scenarios": [{"label": "a", "shift": {"from_channel": "TV", "to_channel": "Radio",
                                                                       "percentage": 50, "also_to": ["Social"],
                                                                       "shares": [0.6, 0.4]}},
                                              {"label": "b", "changes": {"TV": -50}}]}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=claude)
    assert note is None and q.scenarios[0].shift.shares == (0.6, 0.4)
    bad, _ = router_with(ok({"intent": "budget_scenario", "channels": ["TV"], "confidence": 0.8,
                             "amounts": {"Cinema": 5}}))
    q, note = route_with_fallback(UNSURE, Conversation(channels=SEED), claude=bad)
    assert q.source == "rules" and note is not None
