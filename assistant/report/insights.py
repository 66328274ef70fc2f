"""key_insights.json: the pack's findings as data, in the `--json` answers' schema style."""
from __future__ import annotations

import json
import math
from typing import Any

from assistant.report import story
from assistant.report.pack import BoardPack

SCHEMA_VERSION = 1


def _clean(value: Any) -> Any:
    """JSON-safe: NaN/inf become null, tuples become lists, numpy scalars become floats."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _answer(intent: str, narrative, data: dict) -> dict:
    text = narrative.text() if narrative is not None else ""
    return {"intent": intent, "answer": text, "data": data}


def insights(pack: BoardPack, files: dict[str, Any]) -> dict[str, Any]:
    """The document: data and model summary, headline findings, then one answer per intent."""
    ds = pack.dataset
    answers = []
    for intent in ("roi_analysis", "contribution", "saturation", "budget_optimization", "model_quality"):
        if pack.answers.get(intent):
            answers.append(_answer(intent, pack.narratives.get(intent), pack.answers[intent]))
    narratives = pack.narratives.get("budget_scenario") or ()
    for i, data in enumerate(pack.answers.get("budget_scenario", ()) or ()):
        answers.append(_answer("budget_scenario", narratives[i] if i < len(narratives) else None, data))
    return _clean({
        "schema_version": SCHEMA_VERSION,
        "intent": "report",
        "title": pack.title,
        "created": pack.created.isoformat(timespec="seconds"),
        "data": {"source": ds.source, "start": f"{ds.dates[0]:%Y-%m-%d}", "end": f"{ds.dates[-1]:%Y-%m-%d}",
                 "weeks": ds.n_weeks, "channels": list(ds.channels), "units": pack.units,
                 "money_scale": ds.money_scale},
        "model_quality": pack.answers["model_quality"]["grade"],
        "headlines": list(story.headlines(pack)),
        "answers": answers,
        "warnings": list(pack.warnings),
        "files": files,
    })


def render_json(pack: BoardPack, files: dict[str, Any]) -> str:
    return json.dumps(insights(pack, files), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
