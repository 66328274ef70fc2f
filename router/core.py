"""route(question, conversation) -> RoutedQuery: the rule-based reading, follow-ups included."""

from __future__ import annotations

import re
from collections.abc import Iterable

from router import rules
from router.changes import TOTAL_WORDS, extract_changes
from router.channels import FAMILY_WORDS, matcher_for
from router.constraints import constraint_patterns, extract_constraints
from router.context import PRONOUNS, Conversation, is_follow_up_phrase, merge_follow_up
from router.cues import with_cues
from router.geos import with_geos
from router.goals import extract_goal, extract_margin, goal_patterns
from router.lexer import lex
from router.periods import MONTHS, extract_periods
from router.text import register_keywords, tokenize
from router.types import Goal, Intent, RoutedQuery

_WORDS, _STEMS = rules.keyword_words()
# The constraint and goal phrases ("stay at least", "keeping sales within") are keywords too.
_WORDS |= {w for p in constraint_patterns() + goal_patterns() for w in re.findall(r"[a-z]{3,}", p.replace("\\b", " "))}
register_keywords(_WORDS | FAMILY_WORDS | set(MONTHS) | {
    "percent", "million", "thousand", "billion", "double", "triple", "halve", "increase", "decrease",
    "reduce", "raise", "boost", "slash", "trim", "shift", "move", "reallocate", "transfer",
    "quarter", "margin", "gross", "sales", "revenue", "channel", "channels", "budget", "spend",
    "spending", "what", "which", "where", "should", "would", "could", "about", "total", "overall",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "fifteen",
    "eleven", "twelve", "thirteen", "fourteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "three", "seven", "eight", "third", "fifth", "least", "most", "leave", "alone",
    "touch", "keep", "stop", "kill", "scrap", "pause", "eliminate", "remove", "doubling",
    "cutting", "increasing", "reducing", "raising", "lowering", "dropping", "slashing", "trimming",
    "boosting", "shifting", "moving", "everything", "across", "previous", "current", "last",
}, _STEMS)

# Confidence given to an empty question: it is a request for help, not a guess.
EMPTY_CONFIDENCE = 0.3
STRONG = 3.0   # a keyword score at which the question stands on its own, not as a follow-up


def route(question: str, context: Conversation | None = None) -> RoutedQuery:
    """Read one question into a RoutedQuery using rules and the conversation; never raises on text."""
    return with_cues(_read(question, context))


def _read(question: str, context: Conversation | None) -> RoutedQuery:
    conv = context if context is not None else Conversation()
    text = question if isinstance(question, str) else ("" if question is None else str(question))
    if not text.strip():
        return RoutedQuery(Intent.HELP, confidence=EMPTY_CONFIDENCE, question=text)
    matcher = matcher_for(conv.channels)
    words = tokenize(text, matcher.vocab)
    if not any(w.isalnum() for w in words):
        return RoutedQuery(Intent.UNKNOWN, confidence=0.2, question=text)
    lx = lex(words, matcher)
    periods = extract_periods(lx)
    margin = extract_margin(lx)
    goal = extract_goal(lx)
    constraints = [c for _, c in extract_constraints(lx)]
    ch = extract_changes(lx, conv.channels)

    mentioned = _unique(str(t.value) for t in lx.toks if t.kind == "ch")
    unknown = _unique(str(t.value) for t in lx.toks if t.kind == "xch")
    plain = {t.text for t in lx.toks if t.kind == "w" and not t.used}
    pronoun = bool(plain & PRONOUNS) and not mentioned

    # "increase it by 20%" after an answer that named a channel: "it" is that channel.
    referent: tuple[str, ...] = ()
    prev = conv.last
    if pronoun and prev is not None and not ch.all_channels:
        referent = conv.referent()
    changes = list(ch.changes)
    total_pct = ch.total_pct
    is_total = bool(plain & TOTAL_WORDS) or bool(ch.all_channels)
    if total_pct is not None and referent and not is_total:
        changes = [(c, total_pct) for c in referent]
        total_pct = None
    if total_pct is not None and ch.all_channels:
        changes = [(c, total_pct) for c in ch.all_channels]
        total_pct = None

    all_change = bool(ch.all_channels) and len(changes) >= len(ch.all_channels) > 0
    channels = ch.all_channels if all_change else mentioned
    if referent and not channels:
        channels = referent
    if goal is not None and goal.channel is None and mentioned:
        goal = Goal(goal.kind, goal.value, mentioned[0])

    feats = rules.Features(
        n_channels=len(channels),
        channel_change=(bool(changes) and not all_change) or (ch.amount is not None and bool(channels) and ch.has_verb)
        or (total_pct is not None and bool(unknown) and not is_total),
        all_change=all_change,
        total_change=total_pct is not None and (is_total or not prev) and not (unknown and not is_total),
        shift=ch.shift is not None,
        goal=goal is not None,
        constraints=len(constraints),
        period=bool(periods),
        amount=ch.amount is not None,
        unknown_channels=len(unknown),
        verb_on_channel=ch.verb_on_channel,
    )
    scores = rules.score(lx.surface, feats)
    intent, conf = rules.decide(scores)
    percentage: float | None
    if ch.shift is not None and changes:
        percentage = changes[0][1]
    elif changes:
        percentage = changes[0][1]
    else:
        percentage = total_pct
    q = RoutedQuery(
        intent=intent,
        channels=tuple(channels),
        percentage=percentage,
        changes=tuple((c, float(v)) for c, v in _dedupe_changes(changes)),
        amount=ch.amount,
        shift=ch.shift,
        period=periods[0] if periods else None,
        periods=tuple(periods),
        constraints=tuple(constraints),
        goal=goal,
        margin=margin,
        unknown_channels=unknown,
        confidence=conf,
        source="context" if referent else "rules",
        question=text,
    )
    if prev is None:
        return with_geos(q, text, conv.geos)
    bare = ch.bare_pcts or (ch.bare_nums if prev.percentage is not None else [])
    return with_geos(_follow_up(q, prev, words, scores, bare, referent, pronoun), text, conv.geos)


def _follow_up(q: RoutedQuery, prev: RoutedQuery, words: list[str], scores: dict[Intent, float], bare_pcts: list[float],
               referent: tuple[str, ...], pronoun: bool) -> RoutedQuery:
    """Decide whether `q` leans on the previous question and, if so, merge them."""
    own = max(v for i, v in scores.items() if i is not Intent.UNKNOWN)
    if scores[Intent.UNKNOWN] >= 6:
        return q
    lead = is_follow_up_phrase(words)
    has_entity = bool(q.channels or bare_pcts or q.period or q.changes or q.amount is not None or q.margin is not None or pronoun)
    weak = own < STRONG or q.intent is Intent.UNKNOWN
    short = len(words) <= 7
    if not has_entity:
        if lead and weak and short:
            return merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=referent)
        return q
    if not (lead or (weak and short) or (pronoun and referent)):
        return q
    keep_intent = weak or q.intent == prev.intent
    new_pct = bare_pcts[0] if bare_pcts and not q.changes else None
    if not keep_intent and not lead:
        return q
    return merge_follow_up(q, prev, new_pct=new_pct, keep_intent=keep_intent, referent=referent)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return tuple(seen)


def _dedupe_changes(changes: list[tuple[str, float]]) -> list[tuple[str, float]]:
    out: dict[str, float] = {}
    for c, v in changes:
        out.setdefault(c, v)
    return list(out.items())
