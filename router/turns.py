"""Readings the conversation's earlier turns decide, applied after a question is read on its own: the last move done
the other way, where the money of the last what-if should come from, one of two compared plans taken on, a goal asked
of the plan just made, the channels behind the change the last trend answer named, "the same split" for another year,
and a new total said beside today's (the money to place is the difference).

Each takes the reading and the conversation and returns the reading, changed only when its own cue is said.
"""
from __future__ import annotations

import re
from dataclasses import replace

from router.channels import matcher_for
from router.compare import alternative
from router.context import DEFAULT_CHANNELS, Conversation
from router.lexer import Lexed, lex
from router.text import MAX_CHARS, tokenize
from router.types import Budget, Constraint, Intent, RoutedQuery, Shift


def _lexed(question: str, context: Conversation | None) -> Lexed:
    matcher = matcher_for(context.channels if context is not None else DEFAULT_CHANNELS)
    return lex(tokenize(question[:MAX_CHARS], matcher.vocab, matcher.named), matcher)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# ------------------------------------------------------------------ "now do the reverse", "the other way round"
_REVERSE = re.compile(r"\b(?:(?:do|try|run|model|show|what about|how about) (?:it |that |this |the same |the move )?(?:in )?reverse"
                      r"|the reverse|reversed|reverse (?:it|that|this|the move)|the other way (?:round|around)"
                      r"|the opposite (?:way|direction|move)|(?:other|opposite) direction|vice versa"
                      r"|(?:flip|swap|switch|turn) (?:it|that|this|the move|them) (?:round|around)|^(?:now |ok |and )?flip (?:it|that)$)\b")


def _asks_the_reverse(question: str) -> bool:
    """A short follow-up that asks for the last move the other way ("now do the reverse", "flip it")."""
    words = tokenize(question[:MAX_CHARS])
    return len([w for w in words if w.isalnum()]) <= 10 and bool(_REVERSE.search(" ".join(words)))


def _reversed_change(q: RoutedQuery, last: RoutedQuery) -> RoutedQuery:
    """ "now the reverse" after "cut TV by 20%": TV +20% (each change and amount of the last what-if, signs flipped)."""
    if (last.shift is not None or last.level or not (last.changes or last.amounts or last.amount is not None)
            or set(q.channels) - set(last.channels)
            or (q.changes and q.changes != last.changes) or (q.amount is not None and q.amount != last.amount)):
        return q
    if not _asks_the_reverse(q.question):
        return q
    changes = tuple((c, -v) for c, v in last.changes)
    return replace(last, question=q.question, changes=changes, percentage=-last.percentage if last.percentage is not None
                   else None, amounts=tuple((c, -v) for c, v in last.amounts),
                   amount=-last.amount if last.amount is not None else None, source="context",
                   confidence=max(q.confidence, 0.8), readings=())


def reversed_move(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "Now do the reverse." after "move 10% of Radio to Print": the same money moved from Print to Radio (after a
    change of no move, the change the other way)."""
    last = context.last if context is not None else None
    if (last is not None and last.intent is Intent.SCENARIO and last.shift is None and not last.scenarios
            and isinstance(q.question, str)):
        return _reversed_change(q, last)
    if (last is None or last.intent is not Intent.SCENARIO or last.shift is None or last.scenarios or last.shift.also_to
            or not isinstance(q.question, str) or set(q.channels) - {last.shift.from_channel, last.shift.to_channel}):
        return q
    if any(t.kind in ("pct", "amt", "num") for t in _lexed(q.question, context).toks):
        return q   # a size of its own ("the other way round, but 20%") is read as said
    if not _asks_the_reverse(q.question):
        return q
    s = last.shift
    if s.to_percentage is not None or s.shares:
        return q
    new = Shift(s.to_channel, s.from_channel, s.percentage, s.amount)
    cut = ((new.from_channel, -s.percentage),) if s.percentage is not None else ()
    return replace(last, question=q.question, shift=new, channels=(new.from_channel, new.to_channel), changes=cut,
                   percentage=cut[0][1] if cut else None, source="context", confidence=max(q.confidence, 0.8),
                   readings=())


# ------------------------------------------------------------------ "should that money come from TV or from Radio?"
_FROM_EITHER = re.compile(r"\b(?:from|out of|off)(?: ,| :)? (?:the |our |either )?CH(?: ,)? (?:or|vs|versus) (?:from |out of |off )?"
                          r"(?:the |our )?CH\b")


def source_of_the_money(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "should that money come from TV or from Radio?" after "put $200k more into Social for 6 weeks": two moves of
    that money into Social, one from each, over the same weeks, compared."""
    last = context.last if context is not None else None
    if (last is None or last.intent is not Intent.SCENARIO or last.shift is not None or last.scenarios
            or len(last.channels) != 1 or not isinstance(q.question, str) or q.shift is not None or q.amount is not None):
        return q
    receiver = last.channels[0]
    money = dict(last.amounts).get(receiver, last.amount) if not last.changes else None
    rise = dict(last.changes).get(receiver)
    if (money is None or money <= 0) and (rise is None or rise <= 0):
        return q
    lx = _lexed(q.question, context)
    sources = [str(t.value) for t in lx.toks if t.kind == "ch"]
    if len(sources) != 2 or sources[0] == sources[1] or receiver in sources or not _FROM_EITHER.search(lx.surface):
        return q
    shifts = [Shift(src, receiver, amount=money) if money is not None and money > 0 else Shift(src, receiver, to_percentage=rise)
              for src in sources]
    sides = tuple(alternative((), s, last.window) for s in shifts)
    return replace(q, intent=Intent.SCENARIO, scenarios=sides, channels=_unique([sources[0], receiver, sources[1]]),
                   changes=(), percentage=None, amount=None, amounts=(), window=last.window, horizon=last.horizon,
                   source="context", confidence=max(q.confidence, 0.8))


# ------------------------------------------------------------------ "take the $4M one but with Radio at zero"
_TAKE_ONE = re.compile(r"\b(?:one|plan|option|version|scenario|budget|case)\b|\b(?:take|go with|pick|choose|use|keep|prefer)\b")
_AT_ZERO = re.compile(r"\bCH (?:at |to )?(?:zero|0|nothing|PCT)(?= |$)|\b(?:no|without|drop|dropping|excluding|minus) (?:the |any )?CH\b"
                      r"|\bCH (?:off|out|removed|dropped|switched off|turned off)\b")


def plan_taken(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "take the $4M one but with Radio at zero" after plans at $4M and $6M were compared: that plan (its budget and
    weeks) with Radio capped at $0, not a what-if of Radio."""
    last = context.last if context is not None else None
    if last is None or last.intent is not Intent.OPTIMIZATION or len(last.budgets) < 2 or not isinstance(q.question, str):
        return q
    lx = _lexed(q.question, context)
    said = [abs(float(t.num)) for t in lx.toks if t.kind == "amt"]
    chosen = [b for b in last.budgets if any(abs(b.amount - a) <= 1e-6 * max(1.0, a) for a in said)]
    if len(chosen) != 1 or not _TAKE_ONE.search(lx.surface):
        return q
    zero = _AT_ZERO.search(lx.surface)
    limits = [c for c in q.constraints if c.channel is not None]
    named = [c.channel for c in limits]
    # "Radio at zero" is read as a -100% (the lexer's); any other percentage is no cap at $0
    stopped = [k for k, t in enumerate(lx.toks) if t.kind == "pct" and t.num <= -100]
    off = _unique([str(t.value) for k, t in enumerate(lx.toks) if t.kind == "ch" and t.value not in named
                   and (k + 1 in stopped or not any(u.kind == "pct" for u in lx.toks))]) if zero else ()
    bounds = tuple(Constraint(c.channel, "max", amount=0.0) if c.kind == "fixed" and c.amount == 0.0 else c for c in limits)
    bounds += tuple(Constraint(c, "max", amount=0.0) for c in off)
    budget = chosen[0]
    return replace(last, question=q.question, budget=budget, budgets=(), amount=budget.amount, constraints=bounds,
                   channels=_unique([c.channel for c in bounds if c.channel]), changes=(), percentage=None, shift=None,
                   source="context", confidence=max(q.confidence, 0.8), readings=())


# ------------------------------------------------------------------ "does that reach $50M of sales?" after a plan
_OF_THE_PLAN = re.compile(r"\b(?:that|this|it|the plan|this plan|that plan|the mix|this mix|that mix|the split|that split)\b")


def goal_of_the_plan(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "does that reach $50M of sales?", "is it possible to get to 40 million of sales with this?" after a plan: the
    goal asked of that plan, whose budget, limits and weeks it keeps."""
    last = context.last if context is not None else None
    if (last is None or last.intent is not Intent.OPTIMIZATION or last.goal is not None or q.goal is None
            or q.intent is not Intent.OPTIMIZATION or not isinstance(q.question, str) or q.constraints
            or (q.budget is not None and q.budget != last.budget) or last.budget is None):
        return q
    if not _OF_THE_PLAN.search(" ".join(tokenize(q.question[:MAX_CHARS]))):
        return q
    return replace(q, budget=last.budget, constraints=last.constraints, horizon=q.horizon or last.horizon,
                   channels=q.channels or last.channels, window=q.window or last.window, source="context",
                   confidence=max(q.confidence, 0.8))


# ------------------------------------------------------------------ "which channels account for the drop?"
_THE_CHANGE = re.compile(r"\b(?:the|that|this|its|those|these) (?:drop|dip|decline|fall|slump|slowdown|downturn|shortfall|rise"
                         r"|spike|jump|increase|growth|surge|peak|swing|bump|uptick|boost|dip in sales|drop in sales)s?\b")
_BEHIND = re.compile(r"\b(?:which|what) (?:\w+ ){0,2}(?:channels?|media|medium|drivers?)\b|\b(?:account\w* for|behind|explain\w*"
                     r"|caus\w*|drove|driving|drive|responsible|due to|attribut\w*)\b")
# "what channels were behind it?" after "What caused the Q2 2023 dip?": "it" is the change the last answer explained
_BEHIND_IT = re.compile(r"\b(?:which|what) (?:\w+ ){0,2}(?:channels?|media|medium|drivers?) (?:\w+ ){0,2}(?:behind|caus\w*"
                        r"|drove|explain\w*|account\w* for|responsible for) (?:it|that|this)\b")
_CHANGE_INTENTS = frozenset({Intent.CONTRIBUTION, Intent.TREND, Intent.UNKNOWN, Intent.ROI})   # "did TV cause that jump?"


def _autumn_is_the_fall(q: RoutedQuery, words: str) -> bool:
    """ "the fall" after a dip: the decline, not autumn (the only period the question itself named)."""
    p = q.period
    return (p is not None and p.granularity == "season" and len(q.periods) <= 1 and "the fall" in words
            and "autumn" not in words)


def change_of_last_trend(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "Which channels account for the drop?" after "what drove the dip in Q2 2023?": the same trend question,
    over the same weeks, not every channel's contribution over all time."""
    last = context.last if context is not None else None
    if (last is None or last.intent is not Intent.TREND or last.period is None or q.intent not in _CHANGE_INTENTS
            or not isinstance(q.question, str) or q.changes or q.shift is not None):
        return q
    words = " ".join(tokenize(q.question[:MAX_CHARS]))
    if not ((_THE_CHANGE.search(words) and _BEHIND.search(words)) or _BEHIND_IT.search(words)):
        return q
    if q.period is not None and not _autumn_is_the_fall(q, words):
        return q
    return replace(q, intent=Intent.TREND, period=last.period, periods=last.periods, source="context",
                   confidence=max(q.confidence, 0.8))


# ------------------------------------------------------------------ "Same breakdown for 2023."
_SAME_AGAIN = re.compile(r"^(?:(?:and|ok|okay|now|then|so|please)\s+)*(?:the )?same (?:split|breakdown|thing|analysis|view|table"
                         r"|numbers|question|again|chart|picture|decomposition|for)\b|\b(?:do|show|give me|run) the same (?:for|in|with)\b")
_OF_A_YEAR = frozenset({Intent.CONTRIBUTION, Intent.TREND, Intent.ROI})


def same_for_another_period(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "Same breakdown for 2023." after "break down sales by channel for 2022": the last question for the new
    period, its channels kept (said of the last answer, so elliptical even when its own words name the question)."""
    last = context.last if context is not None else None
    if (last is None or last.intent not in _OF_A_YEAR or q.period is None or q.changes or not isinstance(q.question, str)
            or q.intent not in (last.intent, Intent.UNKNOWN, Intent.TREND, Intent.CONTRIBUTION)):
        return q
    if not _SAME_AGAIN.search(" ".join(tokenize(q.question[:MAX_CHARS]))):
        return q
    return replace(q, intent=last.intent, channels=q.channels or last.channels, source="context",
                   confidence=max(q.confidence, 0.8))


# ------------------------------------------------------------------ "$7.2M, up from $6.5M now": the difference
_TWO_LEVELS = re.compile(r"\bAMT (?:[\w,]+ ){0,5}?(?:up |rising |growing |increasing |going up )?from AMT\b"
                         r"|\bfrom AMT (?:\w+ ){0,3}?to AMT\b"
                         r"|\bAMT (?:\w+ ){0,4}?(?:instead of|compared (?:to|with)|versus|vs|against|rather than|up on)"
                         r" (?:the |our )?(?:\w+ )?AMT\b")
_ADDED = re.compile(r"\b(?:additional|extra|increase|increment|incremental|difference|more money|new money|top up|on top"
                    r"|the rise|the uplift|added money)\b")


def budget_difference(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "Next year's budget is $7.2M, up from $6.5M now. Where should the additional money go?": the $700k more,
    not a plan of $7.2M on top of today's spend."""
    if (q.intent is not Intent.OPTIMIZATION or q.budget is None or q.budget.kind not in ("increment", "total")
            or q.budgets or not isinstance(q.question, str)):
        return q
    lx = _lexed(q.question, context)
    amounts = [abs(float(t.num)) for t in lx.toks if t.kind == "amt"]
    if len(amounts) != 2 or amounts[0] == amounts[1] or not _TWO_LEVELS.search(lx.surface):
        return q
    if not any(abs(q.budget.amount - a) <= 1e-6 * a for a in amounts):
        return q
    if not _ADDED.search(lx.surface):
        # "We have $8M for next year, up from $7.4M this year. Where should it go?": the budget said is the level to
        # plan, not that much on top of today's spend (read as "more" from "up")
        return replace(q, budget=Budget("total", q.budget.amount, q.budget.per)) if q.budget.kind == "increment" else q
    more = round(abs(amounts[0] - amounts[1]), 2)
    return replace(q, budget=Budget("increment", more, q.budget.per), amount=more)


# ------------------------------------------------------------------ "TV down $200k, Print down $50k, all $250k to Social"
_RECEIVES = frozenset({"moved", "move", "goes", "go", "going", "went", "put", "shifted", "reallocated", "redirected", "sent"})
_INTO = frozenset({"to", "into", "onto", "towards"})


def _receiver(lx: Lexed) -> tuple[int, str, float] | None:
    """(token index, channel, amount) of "all $250k goes to Social": an amount sent to a channel."""
    toks = lx.toks
    for k, t in enumerate(toks):
        if t.kind != "amt":
            continue
        j = k + 1
        if j < len(toks) and toks[j].text in _RECEIVES:
            j += 1
            if j < len(toks) and toks[j].text in _INTO:
                j += 1
                while j < len(toks) and toks[j].text in ("the", "our"):
                    j += 1
                if j < len(toks) and toks[j].kind == "ch":
                    return k, str(toks[j].value), abs(float(t.num))
    return None


def pooled_money(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "Scenario: TV down $200k, Print down $50k, and all $250k goes to Social.": each source's cut and the pooled
    money added to the receiver, when the sources' cuts add up to what it receives."""
    if q.intent is not Intent.SCENARIO or q.scenarios or not isinstance(q.question, str):
        return q   # (a move read from the last source alone gives way: the cuts adding up to the money sent say more)
    lx = _lexed(q.question, context)
    got = _receiver(lx)
    if got is None:
        return q
    at, receiver, money = got
    toks = lx.toks
    cuts: list[tuple[str, float]] = []
    for k, t in enumerate(toks[:at]):
        if t.kind != "ch" or t.value == receiver:
            continue
        for u in toks[k + 1:min(k + 4, at)]:
            if u.kind == "ch":
                break
            if u.kind == "amt":
                cuts.append((str(t.value), abs(float(u.num))))
                break
    if not cuts or abs(sum(v for _, v in cuts) - money) > 1e-6 * money:
        return q
    amounts = (*((c, -v) for c, v in cuts), (receiver, money))
    return replace(q, amounts=amounts, amounts_per=(), channels=_unique([c for c, _ in amounts]), changes=(),
                   percentage=None, amount=None, level=False, shift=None)


def with_turns(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """Every reading above, in order (each changes the reading only on its own cue)."""
    for turn in (reversed_move, source_of_the_money, plan_taken, goal_of_the_plan, change_of_last_trend,
                 same_for_another_period, budget_difference, pooled_money):
        q = turn(q, context)
    return q

