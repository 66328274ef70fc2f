"""A plan follow-up that changes the last plan's band on every channel ("Relax that to 30%.", "tighten to 10"):
the new size replaces the general limit; each channel's own limits, the budget and the goal stay."""

from __future__ import annotations

import re
from dataclasses import replace

from router.context import merge_follow_up
from router.types import Constraint, Intent, RoutedQuery

# words that say the number is the band's ("relax", "widen", "allow"), not a change or a budget
_BAND_WORD = re.compile(r"\b(?:relax\w*|loosen\w*|widen\w*|tighten\w*|narrow\w*|allow\w*|permit\w*|limit|limits|cap|caps|"
                        r"band|bands|bound|bounds|leeway|flex\w*|range|constraint|constraints|restriction\w*|tolerance)\b")
# money words: "allow 20% more budget" changes the budget, not the band
_MONEY_WORD = re.compile(r"\b(?:budget|spend|spending|total|money|dollars?|sales|revenue|roi|roas)\b")


def _general(c: Constraint) -> bool:
    return c.channel is None and c.kind in ("min", "max") and c.percentage not in (None, 0.0) and c.amount is None


def band_words() -> str:
    """The band words' pattern, so spelling correction keeps them ("widen" is not "wide")."""
    return _BAND_WORD.pattern


def rebanded(q: RoutedQuery, prev: RoutedQuery, words: list[str], pcts: list[float],
             nums: list[float]) -> RoutedQuery | None:
    """The last plan with its every-channel band resized to the one bare size said, or None when the follow-up is not
    that: it names a channel, a change, a budget, a goal or its own limits, or has no band word (a short "what about
    30%?" counts when the last plan had a band and no budget of its own; a number without "%" needs the band word)."""
    text = " ".join(words)
    worded = bool(_BAND_WORD.search(text))
    # "Tighten to 10%": the band verb read the size as a channel-less change; with a band word it is the band's
    sizes = pcts or (nums if worded else []) or ([q.percentage] if worded and q.percentage is not None
                                                 and not q.channels else [])
    if (prev.intent is not Intent.OPTIMIZATION or q.channels or q.changes or q.shift is not None or q.scenarios
            or q.budget is not None or q.goal is not None or q.constraints or len(sizes) != 1
            or not 0 < abs(sizes[0]) <= 100):
        return None
    band = tuple(c for c in prev.constraints if _general(c))
    core = [w for w in words if w.isalnum()]
    if _MONEY_WORD.search(text) or not (worded or (band and prev.budget is None and len(core) <= 4)):
        return None
    x = abs(sizes[0])
    new = tuple(replace(c, percentage=-x if c.kind == "min" else x) for c in band) or (
        Constraint(None, "min", percentage=-x), Constraint(None, "max", percentage=x))
    merged = merge_follow_up(replace(q, intent=Intent.OPTIMIZATION, percentage=None, amount=None), prev, new_pct=None,
                             keep_intent=True, referent=())
    kept = tuple(c for c in prev.constraints if not _general(c))
    return replace(merged, constraints=kept + new, percentage=None, changes=(), amount=None, channels=prev.channels)


# a channel's own bound named by its noun: "Relax the TV floor to $1M", "raise Radio's cap to $300k"
_FLOOR_WORD = re.compile(r"\b(?:floor|floors|minimum|min|lower bound|lower limit)\b")
_CAP_WORD = re.compile(r"\b(?:cap|caps|ceiling|maximum|max|upper bound|upper limit)\b")


def relimited(q: RoutedQuery, prev: RoutedQuery, words: list[str], amounts: list[float]) -> RoutedQuery | None:
    """The last plan with one channel's money bound moved to the one amount said ("Relax the TV floor to $1M." after
    "split $6M, TV floored at $1.5M"), or None: the follow-up must name that bound's noun (floor/minimum or
    cap/maximum) and its channel (or none, when the last plan had one such bound), say one amount and nothing else a
    question of its own would (a change, a goal)."""
    text = " ".join(words)
    kind = "min" if _FLOOR_WORD.search(text) else "max" if _CAP_WORD.search(text) else None
    if (kind is None or prev.intent is not Intent.OPTIMIZATION or len(q.channels) > 1 or len(amounts) != 1
            or q.changes or q.shift is not None or q.scenarios or q.goal is not None or amounts[0] <= 0):
        return None
    # "Relax the floor to $1M": no channel named, the last plan's one bound of that kind
    owners = [c.channel for c in prev.constraints if c.channel is not None and c.kind == kind and c.amount is not None]
    ch = q.channels[0] if q.channels else (owners[0] if len(owners) == 1 else None)
    if ch is None or ch not in owners:
        return None
    bounds = tuple(replace(c, amount=amounts[0]) if c.channel == ch and c.kind == kind and c.amount is not None else c
                   for c in prev.constraints)
    merged = merge_follow_up(replace(q, intent=Intent.OPTIMIZATION, percentage=None, amount=None, budget=None,
                                     constraints=()), prev, new_pct=None, keep_intent=True, referent=())
    return replace(merged, constraints=bounds, budget=prev.budget, goal=prev.goal, percentage=None, changes=(),
                   amount=None, channels=prev.channels, source="context")
