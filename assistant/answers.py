"""Turn a routed question into an Answer: pick the intent's data, template and chart.

`answer(session, routed)` is pure apart from writing charts; the per-intent `*_data`
functions are re-exported here for the board pack. `answer_question` is the one edge where
a single question's failure is caught, so the chat and scripted modes simply go on.
"""
from __future__ import annotations

import re
import unicodedata

from analysis.errors import MMMError
from assistant import answer_guide as guide
from assistant import answer_measure as measure
from assistant.answer_geo import geo_answer, wants_markets
from assistant.answer_guide import data_overview_data, help_data  # noqa: F401  (re-exported)
from assistant.answer_measure import contribution_data, roi_data, saturation_data  # noqa: F401
from assistant.routing import route_with_fallback
from assistant.types import Answer, Narrative, Table

MAX_QUESTION = 1000      # longer text is almost certainly a paste, not a question
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

SOURCE_NOTE = {"context": " (from context)", "claude": " (via Claude)"}


def clean_question(text: str) -> str:
    """Drop control and format characters and collapse whitespace; keep every printable character."""
    text = "".join(ch for ch in str(text) if unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\t\n")
    return " ".join(_CONTROL.sub(" ", text).split())


def understood_line(routed) -> str:
    """The dim "Read as: …" line that makes a misreading visible at once."""
    return "Read as: " + routed.describe() + SOURCE_NOTE.get(routed.source, "")


def _focus(routed, data: dict) -> str | None:
    """The channel the answer named, so that "increase it by 20%" next refers to it: the ROI
    leader (or the winner of a comparison), the most saturated or largest channel, else the
    channel the question was about."""
    if routed.shift is not None:
        return routed.shift.to_channel
    asked = [c for c in routed.channels if c in data.get("channels", {})] if isinstance(data.get("channels"), dict) else []
    intent = routed.intent.value
    rows = data.get("channels") if isinstance(data.get("channels"), dict) else {}
    if intent == "roi_analysis" and rows:
        pool = [c for c in (asked or data.get("ranking") or []) if rows[c].get("roi") is not None
                and rows[c].get("measurable", True)]
        if len(asked) == 1:
            return asked[0]
        if pool:
            return max(pool, key=lambda c: rows[c]["roi"])
    if intent == "saturation" and rows and not asked:
        return max(rows, key=lambda c: rows[c].get("saturation_pct") or 0.0)
    if intent == "contribution" and rows and not asked:
        return max(rows, key=lambda c: rows[c].get("contribution") or 0.0)
    return routed.channels[0] if routed.channels else None


def answer_question(session, question: str) -> Answer:
    """Route and answer one question; a failure becomes an error answer, never an exception."""
    text = clean_question(question)
    if not text:
        narrative, table = guide.help_parts(session, help_data(session),
                                            reason="Type a question about your marketing, or `help`.")
        return Answer(question, "unknown", "Read as: (empty question)", narrative, help_data(session), table)
    if len(text) > MAX_QUESTION:
        narrative = Narrative(f"That is {len(text):,} characters — please ask one thing in a sentence or two.",
                              ("For example: “" + guide.example_questions(session.dataset.channels)[0] + "”.",))
        return Answer(question, "unknown", "Read as: (too long to read)", narrative, {"length": len(text)})
    try:
        routed, note = route_with_fallback(text, session.conversation, claude=session.claude, offline=session.offline)
    except Exception as exc:  # noqa: BLE001 - the router must never take the chat down
        return error_answer(question, exc)
    try:
        result = answer(session, routed)
    except MMMError as exc:
        # e.g. an infeasible budget goal: a plain answer that says why, not a crash
        result = Answer(question, routed.intent.value, understood_line(routed),
                        Narrative(str(exc), ("Try a smaller change or fewer constraints.",)),
                        {"problem": str(exc)}, query=routed.to_json_fields())
    except Exception as exc:  # noqa: BLE001 - one bad answer must not end the session
        return error_answer(question, exc, routed)
    if routed.intent.value not in ("unknown", "help"):  # a follow-up refers to the last real question
        session.conversation.remember(routed, focus_channel=_focus(routed, result.data or {}))
    if note:
        result = _with(result, warnings=(note, *result.warnings))
    return _with(result, question=question)


def error_answer(question: str, exc: BaseException, routed=None) -> Answer:
    """The one-line error for an unexpected failure inside one answer."""
    msg = " ".join(str(exc).split())[:120]
    line = f"could not answer that ({type(exc).__name__}: {msg}) — try rephrasing"
    intent = routed.intent.value if routed is not None else "unknown"
    understood = understood_line(routed) if routed is not None else "Read as: (not read)"
    return Answer(question, intent, understood, Narrative(f"error: {line}"), {}, None,
                  query=routed.to_json_fields() if routed is not None else {}, error=line)


def _with(a: Answer, **changes) -> Answer:
    from dataclasses import replace

    return replace(a, **changes)


def answer(session, routed) -> Answer:
    """The answer to one routed question (raises on failure; see answer_question)."""
    from router.types import Intent

    intent = routed.intent
    margin = routed.margin if routed.margin is not None else session.margin
    known = tuple(c for c in routed.channels if c in session.dataset.channels)
    warnings: list[str] = []
    chart_kind = None
    table: Table | None = None
    if routed.unknown_channels and (not known or intent in (Intent.UNKNOWN, Intent.HELP)):
        narrative, data = guide.unknown_channel_parts(session, tuple(routed.unknown_channels))
        return Answer(routed.question, intent.value, understood_line(routed), narrative, data,
                      query=routed.to_json_fields())
    if routed.unknown_channels:
        warnings.append(f"{', '.join(routed.unknown_channels)} not in this data; answering for "
                        f"{', '.join(known)}")
    geo = None
    if wants_markets(session, routed):   # "ROI of TV in Market03", "which markets …" on panel data
        geo = geo_answer(session, routed, known)
    if geo is not None:
        data, narrative, table, chart_kind = geo
    elif intent is Intent.ROI:
        data = roi_data(session, margin)
        narrative, table = measure.roi_parts(session, data, known)
        chart_kind = "roi"
    elif intent is Intent.CONTRIBUTION:
        data = contribution_data(session)
        narrative, table = measure.contribution_parts(session, data, known)
        chart_kind = "contribution"
    elif intent is Intent.SATURATION:
        data = saturation_data(session, margin)
        narrative, table = measure.saturation_parts(session, data, known, routed.question)
        chart_kind = "saturation"
    elif intent is Intent.DATA_OVERVIEW:
        data = data_overview_data(session)
        narrative, table = guide.data_overview_parts(session, data)
        chart_kind = "trend"
    elif intent is Intent.HELP:
        data = help_data(session)
        narrative, table = guide.help_parts(session, data)
    elif intent in (Intent.SCENARIO, Intent.OPTIMIZATION):
        from assistant import answer_plan

        data, narrative, table, chart_kind, more = answer_plan.plan_answer(session, routed, known, margin)
        warnings.extend(more)
    elif intent in (Intent.TREND, Intent.MODEL_QUALITY):
        from assistant import answer_model

        data, narrative, table, chart_kind = answer_model.model_answer(session, routed, known)
    elif intent is Intent.SUMMARY:
        from assistant.briefing import briefing_data, briefing_parts

        data = briefing_data(session)
        narrative, table = briefing_parts(session, data)
        chart_kind = "summary"
    elif intent is Intent.REPORT:
        from assistant.reporting import report_answer

        data, narrative = report_answer(session)
    else:
        data = help_data(session)
        narrative, table = guide.help_parts(
            session, data, reason="I couldn't tell what you are asking — here is what I can answer.")
    charts = ()
    if session.charts and chart_kind:
        from assistant.figures import charts_for

        charts, chart_warnings = charts_for(session, chart_kind, data, routed)
        warnings.extend(chart_warnings)
    return Answer(routed.question, intent.value, understood_line(routed), narrative, data, table,
                  tuple(charts), tuple(warnings), query=routed.to_json_fields())
