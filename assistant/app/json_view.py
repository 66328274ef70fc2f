"""The `--json` surface: one object per Reply, built from `Reply.data` and the routing fields; its keys are
a public contract."""
from __future__ import annotations

from typing import Any

from assistant.reply import Reply

OPTIONAL_ROUTING = ("amount", "amount_per", "level", "shift", "period", "periods", "constraints", "goal", "margin", "unknown_channels",
                    "budget", "budgets", "window", "scenarios", "horizon", "limit", "readings",
                    "geos", "geo_pick", "by_geo", "unknown_geos", "geo_shift", "channel_pick", "controls")


def reply_json(reply: Reply) -> dict[str, Any]:
    """The `--json` object of one answered question."""
    q: dict[str, Any] = reply.routed.to_json_fields() if reply.routed is not None else {}
    out: dict[str, Any] = {
        "question": reply.question,
        "intent": reply.intent,
        "channels": list(q.get("channels", [])),
        "percentage": q.get("percentage"),
        "changes": dict(q.get("changes", {})),
        "router": q.get("router", "rules"),
        "confidence": q.get("confidence", 0.0),
        "answer": reply.text(),
        "data": reply.data,
        "charts": [str(p) for p in reply.chart_paths],
        "warnings": list(reply.warnings),
    }
    for key in OPTIONAL_ROUTING:
        if key in q:
            out[key] = q[key]
    if reply.error is not None:
        out["error"] = reply.error
    return out
