"""When the rules are unsure: the two most likely readings, phrased as questions the user can ask as they are."""

from __future__ import annotations

from router.types import Intent

_TEMPLATES: dict[Intent, tuple[str, str]] = {
    # (with a channel, without)
    Intent.ROI: ("What is the ROI of {ch}?", "Which channel has the best ROI?"),
    Intent.SATURATION: ("Is {ch} saturated?", "Which channels are saturated?"),
    Intent.CONTRIBUTION: ("How much of our sales does {ch} drive?", "What drives our sales?"),
    Intent.SCENARIO: ("What if we cut {ch} by 20%?", "What if we cut {ch} by 20%?"),
    Intent.OPTIMIZATION: ("How should we split today's budget?", "How should we split today's budget?"),
    Intent.TREND: ("How have {ch} and sales changed over time?", "How have sales changed over time?"),
    Intent.MODEL_QUALITY: ("How reliable is the estimate for {ch}?", "How reliable is the model?"),
    Intent.SUMMARY: ("Give me the executive summary", "Give me the executive summary"),
    Intent.DATA_OVERVIEW: ("What data do you have?", "What data do you have?"),
    Intent.HELP: ("What can you do?", "What can you do?"),
    Intent.REPORT: ("Export the board pack", "Export the board pack"),
}


def reading_question(intent: Intent, channel: str | None) -> str | None:
    """A question that reads as `intent` (about `channel` when one is named)."""
    pair = _TEMPLATES.get(intent)
    if pair is None:
        return None
    text = pair[0] if channel else pair[1]
    return text.format(ch=channel or "TV")


def two_readings(scores: dict[Intent, float], channels: tuple[str, ...]) -> tuple[str, ...]:
    """The two best-scoring intents (with any evidence) as ready-to-ask questions, best first."""
    ranked = [i for i, v in sorted(scores.items(), key=lambda kv: -kv[1]) if v > 0 and i in _TEMPLATES]
    channel = channels[0] if channels else None
    out = [q for q in (reading_question(i, channel) for i in ranked[:2]) if q]
    return tuple(dict.fromkeys(out))
