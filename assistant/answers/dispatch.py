"""Ask one question: clean it, route it, answer it through the registry, draw its charts.

`answer_question` is the one edge where a single question's failure is caught, so the chat and
scripted modes simply go on.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from analysis.errors import MMMError
from assistant import format as fmt
from assistant.answers import guide
from assistant.answers.registry import answer
from assistant.picks import unranked_pick, with_picked_channels
from assistant.read_as import read_as
from assistant.reply import Reply
from router import route_with_fallback
from router.cues import clean_question

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

MAX_QUESTION = 1000      # longer text is almost certainly a paste, not a question


def _focus(routed: RoutedQuery, data: Any) -> str | None:
    """The channel the answer named, so that "increase it by 20%" next refers to it: the ROI
    leader (or the winner of a comparison), the most saturated or largest channel, else the
    channel the question was about."""
    if routed.shift is not None:
        return routed.shift.to_channel
    rows = data.get("channels") if isinstance(data.get("channels"), dict) else {}
    asked = [c for c in routed.channels if c in rows]
    intent = routed.intent.value
    if intent == "roi_analysis" and rows:
        pool = [c for c in (asked or data.get("ranking") or []) if rows[c].get("roi") is not None
                and rows[c].get("measurable", True)]
        if len(asked) == 1:
            return asked[0]
        if pool:   # "which channel is burning money?" named the lowest: "cut it by 20%" is that one
            pick = min if getattr(routed, "worst_first", False) and not asked else max
            return pick(pool, key=lambda c: rows[c]["roi"])
    if intent == "saturation" and rows and not asked:
        return next(iter(rows))   # most saturated first, as the answer headlines it (`analysis.roi.saturation`)
    if intent == "contribution" and rows and not asked:
        return max(rows, key=lambda c: rows[c].get("contribution") or 0.0)
    return routed.channels[0] if routed.channels else None


def _ranked(routed: RoutedQuery, data: Any) -> dict[str, list[str]]:
    """The channels the answer ranked, in the order it gave them, so "give it to the best one", "cut the top two" or
    "the saturated ones" next name them (`router.picks.named_by_rank`): the ROI answer's ranking (measurable channels
    only, best first), the saturation answer's order (most saturated first) and the channels it called saturated,
    and the contribution answer's channels, largest first. Only an answer over every channel ranks them."""
    rows = data.get("channels") if isinstance(data.get("channels"), dict) else {}
    if not rows or routed.period is not None and routed.intent.value != "roi_analysis":
        return {}
    intent = routed.intent.value
    asked = [c for c in routed.channels if c in rows]
    if intent == "roi_analysis" and isinstance(data.get("ranking"), list) and len(asked) != 1:
        # (one channel's return ranks nothing: "pause the weakest channel" after it is the assistant's own pick)
        return {"roi": [str(c) for c in data["ranking"] if not asked or c in asked]}
    if intent == "saturation" and all("status" in r for r in rows.values()):
        return {"saturation": list(rows), "saturated": [c for c, r in rows.items() if r["status"] == "saturated"]}
    if intent == "contribution" and all("contribution" in r for r in rows.values()):
        return {"contribution": sorted(rows, key=lambda c: -(rows[c]["contribution"] or 0.0))}
    return {}


def ask(session: Session, question: str) -> Reply:
    """Route and answer one question, and record it in the audit trail; a failure becomes an error
    reply, never an exception."""
    started = time.perf_counter()
    reply = _ask(session, question)
    _record(session, reply, time.perf_counter() - started)
    return reply


def _record(session: Session, reply: Reply, duration_s: float) -> None:
    """Append the answer to the session's trail and, unless auditing is off, to the audit file."""
    from assistant.audit import record

    try:
        prints = session.fingerprints
    except Exception:  # noqa: BLE001 - no model (the fit failed): the line still says what was asked
        prints = {}
    entry = record(reply, duration_s, prints.get("dataset"), prints.get("model"))
    session.answered.append(entry)
    if session.audit is not None:
        try:
            session.audit.append(entry)
        except OSError as exc:
            import sys

            path, session.audit = session.audit.path, None   # say it once, then answer on without a trail
            print(f"warning: audit trail off ({exc.strerror or exc}: {path})", file=sys.stderr)


def _ask(session: Session, question: str) -> Reply:
    text = clean_question(question)
    if not text:
        reply = guide.help_reply(session, guide.help_data(session), intent="unknown",
                                 reason="Type a question about your marketing, or `help`.")
        return reply.but(read_as="Read as: (empty question)", question=question)
    if len(text) > MAX_QUESTION:
        return Reply("unknown", f"That is {len(text):,} characters — please ask one thing in a sentence or two.",
                     ("For example: “" + guide.example_questions(session.dataset.channels)[0] + "”.",),
                     data={"length": len(text)}, read_as="Read as: (too long to read)", question=question)
    try:
        routed, note = route_with_fallback(text, session.conversation, claude=session.claude, offline=session.offline)
    except Exception as exc:  # noqa: BLE001 - the router must never take the chat down
        return error_reply(question, exc)
    routed = with_picked_channels(session, routed)   # "cut the two smallest channels": name them
    outcome = fmt.outcome_word(session.dataset)      # "grow sales 1%" on a conversions model reads "grow conversions 1%"
    unranked = unranked_pick(session, routed)
    if unranked is not None:
        return unranked.but(read_as=read_as(routed, outcome), question=question, routed=routed)
    from assistant.answers.limits import beyond_data

    too_long = beyond_data(session, routed)
    if too_long is not None:   # "pause TV for 900 weeks" on 208 weeks of data: said, not silently shortened
        return too_long.but(read_as=read_as(routed, outcome), question=question, routed=routed)
    if routed.readings and routed.source == "rules" and routed.limit is None:
        # unsure and no Claude reading: offer the two likely questions, never answer one not asked
        from assistant.answers.limits import clarify_reply

        reply = clarify_reply(session, routed)
        return reply.but(read_as=read_as(routed, outcome) + " (unsure)", question=question, routed=routed,
                         warnings=(note,) if note else ())
    try:
        reply = answer(session, routed).but(read_as=read_as(routed, outcome))
        echo = reply.data.get("budget_read_as") if isinstance(reply.data, dict) else None
        if echo:
            reply = reply.but(read_as=f"{reply.read_as} ({echo})")
    except MMMError as exc:
        # e.g. an infeasible budget goal: a plain answer that says why, not a crash
        said = str(exc)
        # a message that already says what to do ("ask about a period inside that range") keeps its own fix
        own_fix = any(cue in said for cue in ("; ", " — ", "ask about", "use "))
        reply = Reply(routed.intent.value, said, () if own_fix else ("Try a smaller change or fewer constraints.",),
                      data={"problem": said}, read_as=read_as(routed, outcome), routed=routed)
    except Exception as exc:  # noqa: BLE001 - one bad answer must not end the session
        return error_reply(question, exc, routed)
    if session.charts and reply.charts:
        from assistant.charts.requests import draw_requests

        paths, chart_warnings = draw_requests(session, reply.charts)
        reply = reply.but(chart_paths=paths, warnings=(*reply.warnings, *chart_warnings))
    if routed.intent.value not in ("unknown", "help"):  # a follow-up refers to the last real question
        session.conversation.remember(routed, focus_channel=_focus(routed, reply.data or {}),
                                      ranked=_ranked(routed, reply.data or {}))
    if note:
        reply = reply.but(warnings=(note, *reply.warnings))
    return reply.but(question=question)


def error_reply(question: str, exc: BaseException, routed: RoutedQuery | None = None) -> Reply:
    """The one-line error for an unexpected failure inside one answer."""
    msg = " ".join(str(exc).split())[:120]
    line = f"could not answer that ({type(exc).__name__}: {msg}) — try rephrasing"
    return Reply(routed.intent.value if routed is not None else "unknown", f"error: {line}",
                 read_as=read_as(routed) if routed is not None else "Read as: (not read)",
                 question=question, routed=routed, error=line)
