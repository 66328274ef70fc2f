"""route(question, conversation) -> RoutedQuery: the rule-based reading, follow-ups included."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Literal

from router import rules
from router.asks import ASKS, later_asks, main_ask, other_asks, sentences
from router.badinput import beyond_all, extract_bad_input
from router.bands import band_words, rebanded, relimited
from router.budget import (
    amount_rate,
    amount_rates,
    as_contract_rate,
    bare_per,
    budget_patterns,
    extract_budget,
    extract_horizon,
    extract_window,
    per_budget,
    period_horizon,
    quarterly,
    ratio_budget,
    weeks_window_peek,
)
from router.changes import (
    BETWEEN_PAIR,
    CHANGE_WORDS,
    MOVE,
    SET,
    SOFT_SET,
    TOTAL_WORDS,
    WEAK,
    Changes,
    extract_changes,
    level_stated,
)
from router.channels import FAMILY_WORDS, family_key, is_platform, matcher_for
from router.clarify import two_readings
from router.compare import alternative, extract_comparison
from router.constraints import band_of_today, constraint_patterns, every_channel_share, extract_constraints
from router.context import (
    DEFAULT_CHANNELS,
    LESS_WORDS,
    MORE_WORDS,
    MULTIPLIED,
    SOFT_LEADS,
    TOGETHER,
    WHOLE_ANALYSIS,
    Conversation,
    is_each,
    is_follow_up_phrase,
    is_new_topic,
    is_pronoun,
    merge_follow_up,
    money_of,
    year_of_the_last,
)
from router.controls import named_controls
from router.corrections import corrected, dismissed, without_slips
from router.cues import with_cues
from router.geos import market_shift, with_geos, with_unknown_geos, without_pick_count
from router.goals import extract_goal, extract_margin, goal_patterns
from router.lexer import Lexed, Tok, lex
from router.limits import extract_limit, limit_patterns
from router.moves import read_move, read_moves
from router.offtopic import off_topic
from router.periods import MONTHS, extract_periods
from router.picks import extract_channel_pick, named_by_rank, pick_patterns
from router.ranges import budget_range, size_range
from router.rates import rate_change
from router.text import COMMON, MAX_CHARS, register_keywords, tokenize
from router.turns import with_turns
from router.types import (
    Alternative,
    Budget,
    Constraint,
    Horizon,
    Intent,
    Limit,
    Per,
    Period,
    RoutedQuery,
    Shift,
    Window,
)

_COUNTERFACTUAL = re.compile(r"\b(?:had|hadnt|what if|suppose|supposing|imagine|would have|would it have)\b")
_NUDGE = r"(?:push|boost|bump|lift|nudge|kick|uplift|top up|top-up|raise|increase|injection)"
_TRIM = r"(?:haircut|trim|cut|reduction|squeeze)"
_GIVE_PCT = re.compile(r"\b(?:give|giving|gave) (?:to )?(?:the |our )?CH (?:an? |another |an extra |extra |additional )?(?P<x>PCT)(?: more)?\b"
                       # "give digital a push of 20%", "give Print a haircut of 10%": the size of the push (or the cut)
                       rf"|\b(?:give|giving|gave) (?:to )?(?:the |our )?(?:CH|it|them|that|this) (?:an? |another |an extra |extra )?(?:(?P<cut>{_TRIM})|{_NUDGE})"
                       r" (?:of|by) (?P<y>PCT)\b"
                       # "what would a 10% push on Radio be worth?"
                       rf"|\b(?:an?|another|extra) (?P<z>PCT) (?:(?P<cut2>{_TRIM})|{_NUDGE}) (?:on|to|for|in|into|of) (?:the |our )?CH\b")
_MORE_ON_CH = re.compile(r"\bAMT (?:more|extra|additional) (?:in|on|into|to|for) (?:the |our )?CH\b"
                         # "what does an extra $10k in Social buy us?": that amount's what-if, not the next dollar's
                         r"|\b(?:extra|additional|another|further|incremental) AMT (?:(?:a|an|per|each|every|/) (?:week|month|year) )?"
                         r"(?:more )?(?:in|on|into|to|for) (?:the |our )?CH\b"
                         r"|\b(?:give|giving|gave|hand|handing) (?:the |our )?CH (?:an? |another |an extra |extra |additional )?AMT\b"
                         # "what if Meta got another 50k?"
                         r"|\bCH (?:got|gets|get|getting|received|receives|receive) (?:another|an extra|extra|additional|a further) AMT\b")
_COMPARE_THAT = re.compile(r"\b(?:how (?:does|do|did|would) (?:that|this|it|those|these) (?:compare|stack up|measure up)"
                           r"|compare (?:that|this|it|those|these) (?:with|to|against)"
                           r"|(?:that|this|it) (?:vs|versus|against|compared (?:to|with)|relative to)\b)")
_BLACK_FRIDAY = re.compile(r"\b(?:black friday|cyber monday|thanksgiving) (?:week|weekend|fortnight)\b|\bcyber week\b")
_HOLIDAY_WEEK = re.compile(r"\b(?:christmas|xmas) (?:week|weeks|fortnight)\b"
                           r"|\bweeks? (?:of|around|over|at) (?:the )?(?:christmas|xmas)\b")
# "in that period", "over those weeks", "the same quarter": the weeks the last question named
# words that make a channel's amount part of a plan ("keep TV at $500k and optimise the rest"), not a level to test
_PLAN_CUE = re.compile(r"\b(?:split|splits|splitting|allocat\w*|distribut\w*|spread|optimi[sz]\w*|mix|reallocat\w*|rebalanc\w*"
                       r"|rest|others|other channels|across|best|maximi[sz]\w*|how should|where should)\b"
                       # "plan $5M a year with …", "budget 2M for next year": a plan verb with its money
                       r"|\b(?:plan|planning|budget|budgeting) (?:for |out |with )?(?:an? |another )?AMT\b")
_PLAN_WORD = re.compile(r"\b(?:plan|plans|planning|budget|budgets|optimal|optimum|recommend\w*|should we|should i)\b")
_FOR_WEEKS = re.compile(r"\b(?:for|over|during) (?:a|one|two|three|the next|the first|\d+) (?:weeks?|months?|quarters?)\b")
_RATE_SAID = re.compile(r"\b(?:a|per|each|every|/|an) ?(?P<u>week|month|year)\b|\b(?P<adj>weekly|monthly|yearly|annually|annual)\b")
_RATE_WORD: dict[str, Per] = {"week": "week", "month": "month", "year": "year", "weekly": "week", "monthly": "month",
                              "yearly": "year", "annually": "year", "annual": "year"}


def _rate_said(words: list[str]) -> Per | None:
    """ "capped at 100k a month": the period the amount is stated per."""
    m = _RATE_SAID.search(" ".join(words))
    return None if m is None else _RATE_WORD[m.group("u") or m.group("adj")]


_ON_A_BUDGET = re.compile(r"\b(?:on|with|for|from) (?:an? |the |our |a total )?AMT (?:total |media |marketing |ad )?(?:budget|spend|investment)\b")
_SHARE_OF_IT = re.compile(r"\bCH (?:must |should |has to |needs to |to |would |will )?(?:get|gets|receive|receives|take|takes|have|has) "
                          r"(?P<b>at least |a minimum of |no less than |no more than |at most |up to |a maximum of )?(?P<x>PCT) of "
                          r"(?:it|that|this|them|the money|the budget|the extra|the increment|the new money|the total)\b")


_SHARE_BOUND = re.compile(r"\bCH (?:\w+ ){0,2}?(?P<b>no more than|at most|up to|a maximum of|max|maximum|capped at|limited to|"
                          r"not more than|cannot exceed|can not exceed|must not exceed|should not exceed|may not exceed|"
                          r"does not exceed|do not exceed|will not exceed|not exceeding|never exceeds?|"
                          r"at least|a minimum of|no less than|min|minimum) (?P<x>PCT) of (?:it|that|this|the budget|the total|"
                          r"the money|the plan|total|budget|the spend|spend)\b")


# the share said before its channel: "spend 40k weekly, no more than half on TV", "at least 20% of it in Social"
_SHARE_BOUND_AFTER = re.compile(r"\b(?P<b>no more than|at most|up to|a maximum of|max|maximum|at least|a minimum of|"
                                r"no less than|min|minimum) (?P<x>PCT|half) (?:of (?:it|that|this|the budget|the total|the money|"
                                r"the spend|spend|budget|total) )?(?:on|in|into|to|for|going to|goes to) (?:the |our )?(?P<c>CH)\b")


def _share_of(lx: Lexed, m: re.Match[str]) -> tuple[float, str]:
    """(the share as a fraction, the channel) a share-bound match names; its words are used up."""
    said = lx.group_tok(m, "x")
    share = 0.5 if said.kind == "w" else abs(float(said.num)) / 100.0   # "no more than half on TV"
    at = m.start("c") if "c" in m.groupdict() else m.start()
    channel = str(lx.toks[lx.index_at(at)].value)
    lx.use(m)
    return share, channel


def _share_of_this_budget(lx: Lexed, after_plan: bool = False) -> list[Constraint]:
    """ "Spend $3.2M next year, TV no more than 40% of it": a bound of that share of the money the question states
    (a share of "$40k a week" is a bound a week)."""
    m = _SHARE_BOUND.search(lx.surface) or _SHARE_BOUND_AFTER.search(lx.surface)
    money = [t for t in lx.toks if t.kind == "amt" and not t.used]
    if m is None or len(money) > 1:
        return []
    kind: Literal["min", "max"] = "min" if m.group("b") in ("at least", "a minimum of", "no less than", "min", "minimum") else "max"
    if not money and after_plan:
        return []   # "TV gets no more than a quarter of it" after "Split $4M": a share of that money (read below)
    if not money:
        # "rebalance the budget, TV no more than 25% of the budget": a share of whatever budget the plan has
        share, channel = _share_of(lx, m)
        return [Constraint(channel, kind, share=share)]
    per = amount_rate(lx)
    share, channel = _share_of(lx, m)
    return [Constraint(channel, kind, amount=round(share * abs(float(money[0].num)), 2), per=per)]


def _plan_money(lx: Lexed, last: RoutedQuery | None) -> float | None:
    """The plan's money a share of it is taken from: the one amount the question states, else the last plan's total."""
    money = [t for t in lx.toks if t.kind == "amt" and not t.used]
    if len(money) == 1:
        return abs(float(money[0].num))
    b = None if last is None or last.intent is not Intent.OPTIMIZATION else last.budget
    return b.amount if not money and b is not None and b.kind == "total" and b.amount > 0 else None


def _share_of_the_last_budget(lx: Lexed, last: RoutedQuery | None) -> list[Constraint]:
    """ "what if TV must get at least half of it?" after "where should the next $2M go?": a bound of that share of
    the last plan's money (on top of today's spend when that money was an increment)."""
    b = None if last is None or last.intent is not Intent.OPTIMIZATION else last.budget
    m = _SHARE_OF_IT.search(lx.surface) if b is not None and b.kind != "ratio" and b.amount > 0 else None
    if m is None or b is None:
        return []
    share, channel = _share_of(lx, m)
    bound = (m.group("b") or "").strip()
    kind: Literal["min", "max", "fixed"] = ("max" if bound in ("no more than", "at most", "up to", "a maximum of")
                                           else "min" if bound else "fixed")
    return [Constraint(channel, kind, amount=round(share * b.amount, 2), over_today=b.kind == "increment",
                       per=b.per if b.kind == "rate" else None)]


_FROM_TO_LEVEL = re.compile(r"\bfrom AMT (?:(?:a |an |per |each |every |/ )?(?:week|month|year) )?(?:\w+ ){0,1}?to (?P<x>AMT)")
_SPEND_VERB = re.compile(r"\b(?:spend|spending|invest|investing|deploy|deploying|allocate|allocating|use|using|put|putting)\b")
_THAT_PERIOD = re.compile(r"\b(?:that|those|the same) (?:period|periods|weeks?|months?|quarters?|time|window|season|stretch)\b")

_WORDS, _STEMS = rules.keyword_words()
# The constraint and goal phrases ("stay at least", "keeping sales within") are keywords too.
_WORDS |= {w for p in constraint_patterns() + goal_patterns() + budget_patterns() + limit_patterns() + pick_patterns()
           + [_COMPARE_THAT.pattern, _THAT_PERIOD.pattern, band_words()]
           for w in re.findall(r"[a-z]{3,}", p.replace("\\b", " "))}
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
    "boosting", "shifting", "moving", "everything", "across", "previous", "current", "last", "trailing",
    "contrast", "contrasting",   # never corrected to "contract" (a limit word: "a $2M contract for Radio")
}, _STEMS)

# Below this confidence the reading comes with the two most likely readings as ready-to-ask questions.
CLARIFY_BELOW = 0.45
# Confidence given to an empty question: it is a request for help, not a guess.
EMPTY_CONFIDENCE = 0.3
STRONG = 3.0   # a keyword score at which the question stands on its own, not as a follow-up


def route(question: str, context: Conversation | None = None) -> RoutedQuery:
    """Read one question into a RoutedQuery using rules and the conversation; never raises on text."""
    mended = without_slips(question, _is_channel_word(context))
    if mended != question:   # "cut TV, sorry, Radio, by 10%": the retracted channel is no part of the question
        return replace(route(mended, context), question=question)
    ranked = named_by_rank(question, context.rankings) if context is not None else None
    if ranked is not None:   # "give it to the best one": the channel the earlier answer ranked first
        return replace(route(ranked, context), question=question, source="context")
    follow_up = corrected(question, context is not None and context.last is not None)
    if follow_up is not None and (swapped := _side_swapped(question, context)) is not None:
        return swapped   # "Sorry, I wanted to say Social, not Digital." after comparing Radio with Digital
    if follow_up is not None:   # "Sorry, I meant TV at 30%, not Radio." is "and TV at 30%?" after the last question
        return _bounds_moved(replace(route(follow_up, context), question=question), context)
    waved = dismissed(question) if context is not None and context.last is not None else None
    if waved is not None and context is not None and _opens_on_channel(waved[0], context.channels):
        # "Not the TV cut — what happens if we raise Radio?": the channel waved away is no part of the question
        return replace(route(waved[1], context), question=question)
    q = _read(question, context)
    if context is not None and context.geos and isinstance(question, str) and q.limit is None:
        unpicked = without_pick_count(question)   # "the top 3 markets": 3 picks markets, it is no +3%
        if unpicked != question:
            q = replace(_read(unpicked, context), question=question)
    ask = main_ask(question[:MAX_CHARS]) if isinstance(question, str) and q.limit is None else None
    apart = _first_ask_apart(q, question, context) if ask is None else None
    q = apart if apart is not None else _ask_after_context(q, question, context)
    if ask is not None:   # "Is TV saturated? That's the main thing. … how sales trended, but that's secondary."
        main = _read(ask, context)
        q = replace(main, question=q.question, set_aside=other_asks(question[:MAX_CHARS], ask)) \
            if main.intent is not Intent.UNKNOWN else q
    if context is not None and context.geos and q.limit is None:
        q = with_geos(q, q.question, context.geos)      # markets named or picked ("in Market03", "the 3 smallest")
        q = _between_markets(q)
    if q.limit is None:   # "ROI of TV in North" on data without that market: said, not answered as the market's
        q = with_unknown_geos(q, q.question, context.geos if context is not None else (),
                              matcher_for(context.channels if context is not None else DEFAULT_CHANNELS).vocab)
    q = _about_a_control(q, context)
    q = _focus_intent(_return_and_its_reliability(with_cues(q)))
    q = _returns_compared(q)
    for of_last in (_doubt_of_last, _why_of_last, _plans_of_last, _gain_of_last_plan, _undone,   # readings of the last, in order
                    _year_of_the_conversation, _period_of_last, _period_before_last):
        q = of_last(q, context)
    return off_topic(with_turns(_story_then_its_change(_own_plans(_new_topic(q, context), context), context), context))


# readings a question about a control's effect may have been given: no decision, no question about the model or the
# data as a whole ("is price in the data?" stays the data overview)
_CONTROL_READINGS = frozenset({Intent.UNKNOWN, Intent.TREND, Intent.CONTRIBUTION, Intent.ROI, Intent.HELP})


def _about_a_control(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "What did the price change do?", "how much did promotions add?": a question about a control column the data
    has is what moved sales with that control's part (intent trend), not "not understood", the not-in-this-data
    reply for a channel ("newsletter" is no channel here) or a limits reply that the control is only allowed for."""
    if context is None or not context.controls or q.intent not in _CONTROL_READINGS or q.channels:
        return q
    named = named_controls(q.question, context.controls)
    if not named or (q.limit is not None and q.limit.kind != "pricing"):
        return q   # (a competitor's spend keeps its own reply: it says how the column is used, or that there is none)
    return replace(q, intent=Intent.TREND, controls=named, unknown_channels=(), limit=None,
                   confidence=max(q.confidence, 0.8))


def _is_channel_word(context: Conversation | None) -> Callable[[str], bool]:
    """Whether one word names a channel of the data (an alias counts: "tv", "fb")."""
    matcher = matcher_for(context.channels if context is not None else DEFAULT_CHANNELS)
    return lambda word: any(m.channel is not None for m in matcher.find([word.lower()]))


_SET_ASIDE_NEVER = (Intent.UNKNOWN, Intent.HELP)
# a first sentence that is itself an ask though it has no question mark: an order to model a change ("Cut TV by 20%.")
_ORDERS_A_CHANGE = re.compile(r"^\W*(?:(?:please|now|ok|okay|so)\W+)*(?:cut|raise|increase|reduce|drop|move|shift|pause|stop"
                              r"|double|halve|add|trim|boost|scale|model|simulate|suppose|imagine|what if|run)\b",
                              re.IGNORECASE)


def _first_ask_apart(q: RoutedQuery, question: str, context: Conversation | None) -> RoutedQuery | None:
    """Two questions in one message with no main one marked ("Cut TV by 20%. Also, what is the ROI of Radio?"): the
    first is answered, on its own channels (Radio takes no part in the TV cut), and the later asks are kept in
    `set_aside` so the answer says they are left for later instead of seeming to answer them. Only when the later ask,
    read alone, is another kind of question: two what-ifs or two ROI questions are one question said in parts
    ("Cut TV 10%. And what if Radio -5% too?"), and a first sentence that asks nothing is a scene (`_ask_after_context`)."""
    if not isinstance(question, str) or q.limit is not None:
        return None
    split = later_asks(question[:MAX_CHARS])
    if split is None:
        return None
    first, rest = split
    head = _ask_after_context(_read(first, context), first, context)
    if head.intent in _SET_ASIDE_NEVER or head.limit is not None:
        return None
    if not (ASKS.search(first) or (head.intent is Intent.SCENARIO and _sized(head) and _ORDERS_A_CHANGE.match(first))):
        return None   # "We expect an extra $2M next year. … What is the best use of it?": a scene, then the one ask
    alone = Conversation(channels=context.channels if context is not None else DEFAULT_CHANNELS)
    other = _read(rest[0], alone)
    if other.intent in _SET_ASIDE_NEVER or other.intent is head.intent or other.limit is not None:
        return None
    return replace(head, question=q.question, set_aside=rest)


def _opens_on_channel(phrase: str, channels: tuple[str, ...]) -> bool:
    """The phrase's first word (past an article) is one of the data's channels: "the TV cut", "Print", "digital"."""
    matcher = matcher_for(channels)
    toks = [t for t in lex(tokenize(phrase, matcher.vocab, matcher.named), matcher).toks
            if not (t.kind == "w" and t.text in ("the", "our", "that", "this"))]
    return bool(toks) and toks[0].kind == "ch"


_CONTINUES = re.compile(r"^\W*(?:and|or|also|plus|then|too|as well|both|same|but also|in addition|additionally)\b", re.IGNORECASE)
# a lead that hands over to the ask ("Given that, is Social saturated yet?"): no back-reference to a channel
_HAND_OVER = re.compile(r"^\W*(?:(?:given that|with that in mind|that said|having said that|so|but|my question(?: is)?"
                        r"|question|the question(?: is)?)\W+)+", re.IGNORECASE)
_MEASURED = frozenset({Intent.ROI, Intent.SATURATION, Intent.CONTRIBUTION})
_EVERY_CHANNEL = re.compile(r"\b(?:which|what|every|each|all|our|the)\b(?:\W+\w+){0,3}?\W+(?:channels?|media|medium)\b", re.IGNORECASE)
_IMAGINED = r"what if|if we|if i|suppose|supposing|imagine|assuming|model"   # words that pose a what-if
_SUPPOSED = re.compile(rf"\?|\b(?:{_IMAGINED}|cut|raise|increase|reduce|move|shift|pause|stop|double|halve)\b",
                       re.IGNORECASE)


# the sentences before the question tell what happened or what someone wants, not a change to model: "We spent $2M on
# TV last year.", "TV rates went up 8% this year.", "Our CEO wants to cut TV by 20%."
_STORY = re.compile(r"\b(?:spent|went|was|were|had|rose|fell|grew|dropped|jumped|came in|ran|got|cost|paid"
                    r"|(?:wants?|wanted|would like|asked|asks|suggested|suggests|thinks|says|said|keeps saying|proposed|proposes)"
                    r" (?:us |me )?to)\b", re.IGNORECASE)
_ASKS_A_CHANGE = re.compile(rf"\?|\b(?:{_IMAGINED}|let us|lets|let s|should we|could we|can we|we should|we will|we ll"
                            r"|please)\b", re.IGNORECASE)


_COMPARES = re.compile(r"\b(?:compare[sd]?|comparison|versus|vs|than|against|relative to|other|others|rest)\b", re.IGNORECASE)


def _story(scene: str) -> bool:
    """The scene is a story (a fact of the past or someone's wish), so its sizes are no what-if of the question's."""
    return bool(_STORY.search(scene)) and not _ASKS_A_CHANGE.search(scene)


def _story_time_dropped(q: RoutedQuery, last: RoutedQuery, scene: str) -> RoutedQuery:
    """ "We spent $2M on TV last year. What if we cut it by a quarter next year?": the story's "last year" is when the
    money was spent, not the weeks the what-if changes; the question's own time (or none) is the what-if's."""
    if (q.intent is not Intent.SCENARIO or q.window is None or last.window is not None or not _story(scene)
            or not (_sized(last) or last.percentage is not None)):   # the change itself is the story's: its time too
        return q
    return replace(q, window=None, horizon=last.horizon, period=last.period)


def _sized(q: RoutedQuery) -> bool:
    return bool(q.changes or q.amounts or q.amount is not None or q.shift is not None)


def _ask_after_context(q: RoutedQuery, question: str, context: Conversation | None) -> RoutedQuery:
    """The last sentence is the question when the sentences before only set the scene: "How does TV compare with the
    rest? Cut Radio by 10%.", "TV is the board's favourite. But what if we cut Radio by 15%?" (a what-if said whole,
    on channels of its own: the channels talked about before take no part in it), "Background: … TV rates went up
    8%. Question: what is the ROI of Print?" (a channel's figure asked after statements: their sizes are no what-if).
    Kept whole when the last sentence refers back ("cut it by 10%"), adds to what came before ("Also cut Radio 5%"),
    or the sentences before make a change of their own ("Cut TV 10%. Radio -5%.")."""
    if not isinstance(question, str) or q.limit is not None:
        return q
    parts = sentences(question)
    if len(parts) < 2 or _CONTINUES.match(parts[-1]):
        return q
    ask = _HAND_OVER.sub("", parts[-1])
    last = _read(ask, context)
    scene = " ".join(parts[:-1])
    words = tokenize(ask)
    planned = _money_placed(q, last, ask, scene, context)
    if planned is not None:
        return planned
    if (last.intent in _MEASURED and not last.channels and q.channels and _EVERY_CHANNEL.search(ask)
            and (not _SUPPOSED.search(scene) or _story(scene)) and not any(is_pronoun(words, i) for i in range(len(words)))):
        # "In my last company most money went to TV. Here I'm not sure. Which channel gives the best return?": every
        # channel ranked, not the one the story named
        return replace(last, question=q.question)
    if not last.channels or last.scenarios or last.limit is not None:
        return _story_time_dropped(q, last, scene)
    if (last.intent in _MEASURED and q.intent in _MEASURED and set(q.channels) - set(last.channels)
            and not _SUPPOSED.search(scene) and not _COMPARES.search(ask)
            and not any(is_pronoun(words, i) for i in range(len(words)))):
        # "Our VP keeps saying Print is dead. What is the ROI of Digital?": the scene's channel is said, not asked
        return replace(last, question=q.question)
    if last.intent is Intent.SCENARIO and _sized(last):
        if (any(is_pronoun(words, i) for i in range(len(words)))
                or (q.intent is Intent.SCENARIO and not set(q.channels) - set(last.channels))
                or (_sized(_read(scene, context)) and not _story(scene))):
            return _story_time_dropped(q, last, scene)
        return replace(last, question=q.question)
    if (last.intent in _MEASURED and (q.intent is Intent.SCENARIO or _sized(q) or q.percentage is not None)
            and (not _SUPPOSED.search(scene) or _story(scene))):
        return replace(last, question=q.question)
    return q


def _new_topic(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "OK, different question. How accurate is it overall?" after TV's ROI: the model's accuracy, not TV's. A message
    that says it is a new question (`is_new_topic`) takes nothing from the turns before it, also when the words saying
    so are a sentence of their own before the ask (whose "it" would otherwise point back)."""
    question = q.question
    if context is None or q.source != "context" or not isinstance(question, str):
        return q
    if not is_new_topic(tokenize(question[:MAX_CHARS])):
        return q
    alone = _read(question, Conversation(channels=context.channels, geos=context.geos))
    return q if alone.intent is Intent.UNKNOWN else replace(alone, question=question)


def _own_plans(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "optimise at $100k a week and at $150k a week, show both" after a plan: two plans of their own, as the question
    reads alone ("Compare a $5M plan with a $6M plan" is read so after a plan too), not the last plan at the first rate."""
    question = q.question
    if context is None or q.source != "context" or q.intent is not Intent.OPTIMIZATION or q.budgets or not isinstance(question, str):
        return q
    alone = _read(question, Conversation(channels=context.channels, geos=context.geos))
    return replace(alone, question=question) if len(alone.budgets) >= 2 else q

# "We put $800k into Print in 2023": money a story says was spent, as _STORY's "spent" does
_PAST_SPEND = re.compile(r"\b(?:we|they|i) (?:put|invested|poured|pumped|sank|allocated|gave)\b", re.IGNORECASE)


def _story_then_its_change(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "We spent about $1.5M on Radio last year and I doubt it worked. What if we halved it over the summer?": the
    story names the channel "it" is, and its money and time are the past; the change and its weeks are the last
    sentence's (Radio -50% over the summer, not $1.5M over last year)."""
    question = q.question
    if not isinstance(question, str) or q.limit is not None or q.scenarios:
        return q
    parts = sentences(question)
    if len(parts) < 2:
        return q
    scene, ask = " ".join(parts[:-1]), _HAND_OVER.sub("", parts[-1])
    if not (_story(scene) or (_PAST_SPEND.search(scene) and not _ASKS_A_CHANGE.search(scene))):
        return q
    words = tokenize(ask)
    told = _read(scene, context)
    if len(told.channels) != 1 or not any(is_pronoun(words, i) for i in range(len(words))):
        return q
    about = Conversation(channels=context.channels if context is not None else DEFAULT_CHANNELS)
    about.remember(RoutedQuery(Intent.ROI, channels=told.channels, question=scene))
    change = _read(ask, about)
    if change.intent is not Intent.SCENARIO or change.channels != told.channels or not (change.changes or change.amount is not None):
        return q
    mine, whole = change.window, q.window
    if (mine is not None and whole is not None and mine.period is not None and whole.period is not None
            and (mine.period.granularity, mine.period.index) == (whole.period.granularity, whole.period.index)):
        # "We spent $2M on TV in Q4 last year. What if we cut it by 10% in Q4?": that Q4, of the year the story named
        change = replace(change, window=whole, period=q.period or change.period)
    return replace(change, question=question, source=q.source, confidence=max(q.confidence, change.confidence))

# the ask after a story about money is where to put it: "Where should the next million go?", "where shld it go",
# "Where we should put this million?", "What is the best use of the extra $2M?"
_WHERE_IT_GOES = re.compile(r"\bwhere\b.*\b(?:go|goes|put|place|placed|spen[dt]|invest(?:ed)?|allocated?|land)\b"
                            r"|\bbest use of\b", re.IGNORECASE)
_MORE_MONEY = re.compile(r"\b(?:extra|more|additional|another|incremental|increase[sd]?|up|on top|grows?|growing|rises?"
                         r"|rising|raised?)\b", re.IGNORECASE)
_PLUS_MONEY = re.compile(r"(?:^|\s)\+\s*[$£€]?\d")   # "+1.5m next yr": money added
_IMAGINES = re.compile(rf"\b(?:{_IMAGINED})\b", re.IGNORECASE)


def _money_placed(q: RoutedQuery, last: RoutedQuery, ask: str, scene: str,
                  context: Conversation | None) -> RoutedQuery | None:
    """A story about money, then where it should go ("We may get about a million more next year; the brand team wants
    TV, the performance team Digital. Where should the next million go?"): a plan of that money, on top of today's
    spend when the story says it is more. The channels people argue for are named, not moved (the plan weighs them
    all). None when the last sentence asks something else, or the scene orders or imagines a change of its own ("Cut
    TV by 10%. Where should the savings go?")."""
    if not _WHERE_IT_GOES.search(ask) or last.channels or last.scenarios:
        return None
    if _ORDERS_A_CHANGE.match(scene) or _IMAGINES.search(scene):
        return None
    more = bool(_MORE_MONEY.search(scene) or _PLUS_MONEY.search(scene))
    if q.intent is Intent.OPTIMIZATION:   # read whole as a plan already: only whether its money is more is the scene's
        if q.budget is None or q.budget.kind != "total" or not more:
            return None
        return replace(q, budget=Budget("increment", q.budget.amount, q.budget.per))
    told = _read(scene, context)
    budget = last.budget if last.intent is Intent.OPTIMIZATION else None
    amount = budget.amount if budget is not None else abs(told.amount) if told.amount is not None else None
    if amount is None or amount <= 0:
        return None
    if budget is None or (budget.kind == "total" and more):
        budget = Budget("increment" if more else "total", amount)
    base = last if last.intent is Intent.OPTIMIZATION else replace(q, changes=(), amounts=(), amounts_per=(), shift=None,
                                                                      percentage=None, amount_per=None)
    return replace(base, intent=Intent.OPTIMIZATION, question=q.question, budget=budget, amount=amount,
                   channels=_unique((*told.channels, *last.channels)), confidence=max(q.confidence, 0.8))


# "Is TV better than the others by more than 10%?", "Does TV beat Radio by 20%?": a yes/no question comparing returns,
# whose percentage is the margin asked about, not a change of spend (no change verb said)
_RETURNS_COMPARED = re.compile(r"^(?:is|are|does|do|did|was|were|has|have)\b.*\b(?:better|worse|higher|lower|beat|beats"
                               r"|outperform\w*|stronger|weaker|more efficient|less efficient)\b.*\b(?:than|by)\b")
_STRONG_CHANGE = CHANGE_WORDS - WEAK - {"beat", "beats"}


def _returns_compared(q: RoutedQuery) -> RoutedQuery:
    words = tokenize(q.question[:MAX_CHARS]) if isinstance(q.question, str) else []
    if (q.intent is not Intent.SCENARIO or q.shift is not None or q.scenarios or not q.changes
            or not _RETURNS_COMPARED.match(" ".join(words)) or any(w in _STRONG_CHANGE for w in words)):
        return q
    return replace(q, intent=Intent.ROI, changes=(), percentage=None, amount=None, amounts=())


def _side_swapped(question: str, context: Conversation | None) -> RoutedQuery | None:
    """The last comparison with the channel named wrongly replaced by the one meant, on every side (a correction of
    a comparison; read as a follow-up it would lose the other side)."""
    last = context.last if context is not None else None
    if last is None or context is None or not last.scenarios:
        return None
    matcher = matcher_for(context.channels)
    named = _unique(m.channel for m in matcher.find(tokenize(question[:MAX_CHARS], matcher.vocab, matcher.named))
                    if m.channel is not None)
    if re.search(r"\d|%|\bpercent\b|\bhalf\b|\bdouble\b", question[:MAX_CHARS].lower()):
        return None   # "Sorry, I meant Social at 30%, not Radio.": a size of its own, read as the follow-up it is
    sides = {c for a in last.scenarios for c in a_channels(a)}
    wrong = [c for c in named if c in sides]
    meant = [c for c in named if c not in sides]
    if len(named) != 2 or len(wrong) != 1 or len(meant) != 1:
        return None
    old, new = wrong[0], meant[0]

    def swap(c: str) -> str:
        return new if c == old else c

    def side(a: Alternative) -> Alternative:
        shift = a.shift if a.shift is None else replace(a.shift, from_channel=swap(a.shift.from_channel),
                                                          to_channel=swap(a.shift.to_channel),
                                                          also_to=tuple(swap(c) for c in a.shift.also_to))
        return replace(a, label=re.sub(rf"\b{re.escape(old)}\b", new, a.label), shift=shift,
                       changes=tuple((swap(c), v) for c, v in a.changes), amounts=tuple((swap(c), v) for c, v in a.amounts))

    return replace(last, question=question, scenarios=tuple(side(a) for a in last.scenarios),
                   channels=_unique(swap(c) for c in last.channels), source="context", readings=())


def _bounds_moved(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "But TV should not increase more than 5%" then "Sorry, I meant Radio, not TV.": the plan's limit on the
    channel named wrongly moves to the one meant (the follow-up alone would keep TV's limit and add Radio)."""
    last = context.last if context is not None else None
    if last is None or last.intent is not Intent.OPTIMIZATION or q.intent is not Intent.OPTIMIZATION:
        return q
    matcher = matcher_for(context.channels if context is not None else DEFAULT_CHANNELS)
    named = _unique(m.channel for m in matcher.find(tokenize(q.question[:MAX_CHARS], matcher.vocab, matcher.named))
                    if m.channel is not None)
    bounded = {c.channel for c in last.constraints}
    wrong = [c for c in named if c in bounded]
    meant = [c for c in named if c not in bounded]
    if len(named) != 2 or len(wrong) != 1 or len(meant) != 1:
        return q
    moved = tuple(replace(c, channel=meant[0]) if c.channel == wrong[0] else c for c in q.constraints)
    return replace(q, constraints=moved, channels=_unique(meant[0] if c == wrong[0] else c for c in q.channels) or (meant[0],))


def _between_markets(q: RoutedQuery) -> RoutedQuery:
    """ "Move 10% of TV budget from Central to North": the money moves between the two markets (the channels named,
    or all media), not a cut of TV in both."""
    if q.intent not in (Intent.SCENARIO, Intent.OPTIMIZATION) or len(q.geos) != 2 or q.scenarios or q.goal is not None:
        return q
    s, b = q.shift, q.budget
    pct = q.percentage if q.percentage is not None else (s.percentage if s is not None else None)
    amount = q.amount if q.amount is not None else (s.amount if s is not None else None)
    if pct is None and amount is None and b is not None:   # "move 5% of the budget from A to B" read as a plan first
        pct, amount = ((b.amount - 1.0) * 100.0, None) if b.kind == "ratio" else (None, b.amount)
    if pct is None and amount is None and q.shift is None:
        pct = 100.0   # "move TV from North to South": all of it, as "move TV money to Digital" moves all of TV's
    moved = market_shift(q.question[:MAX_CHARS], q.geos, pct, amount)
    if moved is None:
        return q
    return replace(q, intent=Intent.SCENARIO, geo_shift=moved, geos=(moved.from_market, moved.to_market), changes=(),
                   shift=None, percentage=None, amount=None, direction=None, budget=None, constraints=(), horizon=q.horizon)


# "why?", "how come?", "what's driving that number?", "y so low": the reasons behind the figure just given
_WHY = re.compile(r"^(?:(?:but|and|ok|okay|so|hmm|really|wait|interesting)\W+)*(?:why|y(?= so\b)|how come|how so"
                  r"|what(?:'s| is|s| was| were)? (?:driving|behind|causing|explains) (?:that|this|it|those)"
                  r"|what (?:drives|explains|causes) (?:that|this|it)|explain (?:that|this|it|why)|reasons?(?: for that| why)?)\b")
_WHY_OF = frozenset({Intent.ROI, Intent.SATURATION, Intent.CONTRIBUTION})
_WHY_OF_DECISION = frozenset({Intent.SCENARIO, Intent.OPTIMIZATION})


_PLANS_COMPARED = re.compile(r"\b(?:compar\w*|vs|versus|against|or|than|better|worse|which|differ\w*)\b")
# "optimise at $200k a week and at $250k a week, show both", "plans at $2M and at $4M": each planned, shown together
_BOTH_PLANS = re.compile(r"\b(?:both|side by side|each of them|plans)\b|\band (?:also )?at\b")


def _plans_at_budgets(intent: Intent, budget: Budget | None, lx: Lexed, joined: str) -> tuple[Budget, ...]:
    """ "Compare a $5M plan with a $6M plan", "best split of $4M versus best split of $5M": two budgets, each planned,
    in the order said (a plan's budget and the same kind of money)."""
    if intent is not Intent.OPTIMIZATION or budget is None or budget.kind not in ("total", "rate", "increment"):
        return ()
    at = [k for k, t in enumerate(lx.toks) if t.kind == "amt"]
    amounts = [abs(float(lx.toks[k].num)) for k in at]
    if len(amounts) != 2 or min(amounts) <= 0 or not (_PLANS_COMPARED.search(joined) or _BOTH_PLANS.search(joined)):
        return ()
    moves = [_budget_move(lx, k) for k in at]
    if moves.count(0) == 1:
        # "Should we spend $5M or cut it by $1M?": a plan at a budget against today's budget moved by an amount
        return tuple(Budget("increment", m * a) if m else Budget("total" if budget.kind == "increment" else budget.kind,
                                                                 a, None if budget.kind == "increment" else budget.per)
                     for a, m in zip(amounts, moves))
    if budget.kind == "increment" or amounts[0] == amounts[1] or any(moves):
        return ()
    return tuple(Budget(budget.kind, a, budget.per) for a in amounts)


def _budget_ends(ends: tuple[float, float], budget: Budget | None, periods: list[Period]) -> tuple[Budget, Budget]:
    """The two plans of a budget range: a yearly rate when a year is named ("for FY25", "next year") or the money is
    said a year, else the kind the budget was read as (a total when none)."""
    yearly = (budget is not None and budget.kind == "rate" and budget.per == "year") or any(
        p.granularity == "year" and p.count is None and p.index is None for p in periods)
    low, high = ends
    if yearly:
        return Budget("rate", low, "year"), Budget("rate", high, "year")
    if budget is not None and budget.kind != "ratio":
        return Budget(budget.kind, low, budget.per), Budget(budget.kind, high, budget.per)
    return Budget("total", low), Budget("total", high)


_CUT_WORDS = frozenset({"cut", "cutting", "reduce", "reducing", "trim", "trimming", "lower", "lowering", "slash", "slashing",
                        "decrease", "decreasing", "drop", "dropping", "shave", "shaving", "save", "saving"})
_ADD_WORDS = frozenset({"add", "adding", "increase", "increasing", "raise", "raising", "boost", "boosting", "grow",
                        "growing", "extra", "another", "more", "additional"})
MOVE_REACH = 4   # words between "cut" and its amount ("cut the budget by $500k")


def _budget_move(lx: Lexed, k: int) -> int:
    """-1 when the amount at token `k` is a cut of today's budget ("cut it by $1M"), +1 when it is added, 0 for a level."""
    words = [t.text for t in lx.toks[max(0, k - MOVE_REACH):k] if t.kind == "w"]
    after = lx.toks[k + 1].text if k + 1 < len(lx.toks) else ""
    stop = max((j for j, w in enumerate(words) if w in ("or", "vs", "versus", "spend", "spending")), default=-1)
    near = set(words[stop + 1:]) | ({after} if after in ("more", "extra", "less") else set())
    return -1 if near & _CUT_WORDS or "less" in near else 1 if near & _ADD_WORDS else 0


# "which of those two plans is better?", "compare the two plans": the last two plans, side by side
_WHICH_PLAN = re.compile(r"\b(?:which|compare|comparing|better|best|wins?|vs|versus|difference)\b")
_THE_PLANS = re.compile(r"\bplans\b|\b(?:which|the) plan\b|\b(?:the|those|these|both) (?:two|2)\b|\bthe other one\b")


def _plans_of_last(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """The last two plans' budgets (today's when a plan stated none), when the question asks which of them."""
    if (context is None or q.budgets or (q.budget is not None and q.source != "context") or q.channels or q.changes
            or q.goal is not None):
        return q   # (a follow-up's reading carries the last plan's budget: only money said now is the question's own)
    plans = [h for h in context.history[-2:] if h.intent is Intent.OPTIMIZATION and h.goal is None]
    if len(plans) != 2 or q.intent not in (Intent.OPTIMIZATION, Intent.UNKNOWN, Intent.SCENARIO):
        return q
    low = " ".join(tokenize(q.question))   # spelling corrected: "wich plan is beter"
    if not (_WHICH_PLAN.search(low) and _THE_PLANS.search(low)):
        return q
    budgets = tuple(p.budget or Budget("ratio", 1.0) for p in plans)
    if budgets[0] == budgets[1]:
        return q
    return replace(plans[-1], question=q.question, budgets=budgets, amount=None, source="context",
                   confidence=max(q.confidence, 0.8), readings=())


# "what's the expected incremental revenue of that plan versus status quo?": the plan just made, asked for its gain
_THAT_PLAN = re.compile(r"\b(?:that|this|the|your|the recommended|the proposed|the new) (?:plan|allocation|reallocation|recommendation"
                        r"|proposal|proposed mix|recommended mix|new mix|optimi[sz]ed mix|split)\b")
_ITS_GAIN = re.compile(r"\b(?:revenue|sales|gain|gains|uplift|lift|increment\w*|result|results|impact|effect|return|returns|deliver"
                       r"|delivers|add|adds|bring|brings|worth|how much|intervals?|range)\b")
_OTHER_ASKS = frozenset({Intent.OPTIMIZATION, Intent.SCENARIO, Intent.MODEL_QUALITY, Intent.REPORT, Intent.HELP,
                         Intent.DATA_OVERVIEW})


def _gain_of_last_plan(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """The last plan again when the question asks what "that plan" brings (its answer states the gain and interval)."""
    last = context.last if context is not None else None
    if (last is None or last.intent is not Intent.OPTIMIZATION or q.intent in _OTHER_ASKS or q.changes
            or q.shift is not None or q.goal is not None or (q.budget is not None and q.source != "context")):
        return q
    low = " ".join(tokenize(q.question[:MAX_CHARS]))
    if not (_THAT_PLAN.search(low) and _ITS_GAIN.search(low)):
        return q
    return replace(last, question=q.question, source="context", confidence=max(q.confidence, 0.8), readings=())


# "undo that", "scrap that, go back", "forget the last one": the question before the last one, again; "undo that too",
# "undo again" step further back, "go back two steps" two at once
# "drop it" / "scrap it" / "cancel it" after "cut TV by 20%" may stop the channel itself: those verbs undo only "that"
_STEPS = r"(two|2|three|3|four|4)"
_UNDO = re.compile(r"^(?:(?:ok|okay|no|hmm|actually|sorry|wait|and|now)\W+)*(?:(?:undo|forget|revert|ignore|never mind)"
                   r"(?: (?:that|this|it|the last(?: " + _STEPS + r")?(?: one| change| step| question|s| ones| changes| steps"
                   r"| questions)?))?"
                   r"|(?:scrap|drop|cancel) (?:that|this|the last(?: one| change| step| question)?))"
                   r"(?: (?:too|again|as well|also|once more|one more time|twice))?"
                   r"(?:\W+(?:and )?(?:go )?back(?: to the (?:one )?before)?)?"
                   r"\W*$|^(?:(?:and|now|ok|okay)\W+)?(?:go|take (?:me|us)|step) back(?: to the (?:one|question) before| one step"
                   r"| (?:another|one more) step| again| " + _STEPS + r" (?:steps|questions|turns|changes))?\W*$")
_STEP_COUNT = {"two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4}


def _undo_steps(text: str) -> int:
    """How many steps an undo goes back (0: not an undo)."""
    m = _UNDO.match(text[:MAX_CHARS].lower().strip())
    if m is None:
        return 0
    said = next((g for g in m.groups() if g), "")
    return 2 if m.group(0).rstrip(" ?!.").endswith("twice") else _STEP_COUNT.get(said, 1)


def _standing(history: list[RoutedQuery]) -> list[RoutedQuery]:
    """The questions still standing after the chat's undos: each undo took back as many steps as it said."""
    stack: list[RoutedQuery] = []
    for h in history:
        steps = _undo_steps(h.question) if h.source == "context" else 0
        if steps:
            del stack[max(1, len(stack) - steps):]
        else:
            stack.append(h)
    return stack


def _undone(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "undo that" after a follow-up: the chat returns to the question before it (answered again, so what follows
    builds on it); a second undo goes one further back, not back to the question just undone."""
    steps = _undo_steps(q.question) if context is not None else 0
    if not steps or context is None:
        return q
    standing = _standing(context.history)
    if len(standing) - 1 - steps < 0:   # "undo that" again with nothing left: said, not the first question again
        return RoutedQuery(Intent.UNKNOWN, limit=Limit("nothing_to_undo", ()), question=q.question, source="context",
                           confidence=0.8)
    back = standing[len(standing) - 1 - steps]
    return replace(back, question=q.question, source="context", confidence=0.8, readings=())


# "why is it pulling money out of Print?", "why does the plan cut TV?", "how come you moved money into Social?": the
# plan's own move asked about, its subject the plan (or "you", "it")
_WHY_THE_PLAN = re.compile(r"(?:why|how come)\b(?:\W+\w+){0,2}?\W+(?:it|the plan|this plan|that plan|the optimi[sz]er|you|the model"
                           r"|the recommendation|the split)\b(?:\W+\w+){0,3}?\W+(?:pull\w*|cut\w*|tak\w*|mov\w*|shift\w*|put\w*|"
                           r"giv\w*|add\w*|boost\w*|rais\w*|increas\w*|reduc\w*|lower\w*|trim\w*|drop\w*|slash\w*|favou?r\w*)\b"
                           r"(?!.*\b(?:confidence|certainty|weight|credit|importance)\b)")

# a "why" that points at the plan just made: "in that plan", "does TV get so much", "are you giving Social" (not "why
# does Digital get more return than TV?" or "why do we get less sales in summer?": those ask about returns and what
# happened, and carry no plan word or "so much"/"so little"/"nothing")
_PLAN_WHY = re.compile(r"\b(?:(?:that|the|this|your|the new|the recommended) (?:plan|mix|split|allocation|recommendation)"
                       r"|(?:get|gets|getting|got|give|gives|giving|gave|receive|receives|receiving|allocat\w*|put|putting)"
                       r" (?:\w+ ){0,2}(?:so much|so little|(?:almost |next to )?nothing|zero)\b(?! (?:return|sales|revenue|roi)))")


def _why_of_last(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "why?" right after a channel's figure asks what drives it (spend level, saturation, carry-over, how sure the
    data are): the last question again with the focus "why", of the channel named now or the one in focus."""
    last = context.last if context is not None else None
    if (context is not None and last is not None and last.intent is Intent.MODEL_QUALITY and last.source == "context"
            and not last.channels and len(context.history) >= 2
            and context.history[-2].intent in (*_WHY_OF, *_WHY_OF_DECISION)):
        # "why?" after "how sure are you?" (an aside about the last answer): why of that answer, not of the grade
        last = context.history[-2]
    if (last is not None and last.intent is Intent.TREND and context is not None and not q.channels
            and q.periods in ((), last.periods)   # "what was behind that?": merged with the last turn, its period kept
            and not q.changes and q.limit is None and len(q.question[:MAX_CHARS].split()) <= 8
            and _WHY.search(q.question[:MAX_CHARS].lower().strip())):
        # "how come?" after "How did sales do in Q2 2023?": the same period's trend, which splits the move into its
        # drivers (seasonality, each channel, the unexplained part); the focus says it was asked as a why
        return replace(last, question=q.question, focus="why", source="context", confidence=max(q.confidence, 0.8),
                       readings=())
    low = q.question[:MAX_CHARS].lower().strip()
    if (last is not None and last.intent is Intent.OPTIMIZATION and q.limit is None and q.goal is None and q.budget is None
            and (_WHY_THE_PLAN.match(low) or (_WHY.match(low) and _PLAN_WHY.search(low)))):
        # "Why is it pulling money out of Print?", "why does the plan cut TV?", "Why is Print getting almost nothing
        # in that plan?" right after a plan: what drives that plan's moves (the plan explained), not a what-if that
        # stops Print or a trend; of the channel it names, when it names one
        return replace(last, question=q.question, focus="why", source="context", confidence=max(q.confidence, 0.8),
                       readings=(), channels=q.channels or last.channels)
    # a follow-up read as the last decision again carries its change or budget: not a change of its own
    # (its period too: "why?" after "pause TV in Q3 2024" carries Q3 2024 and was read as a question of its own)
    own = q if last is None or last.intent not in _WHY_OF_DECISION or q.source != "context" or (
        q.changes, q.shift, q.budget, q.goal, q.scenarios, q.periods) != (
        last.changes, last.shift, last.budget, last.goal, last.scenarios, last.periods) else RoutedQuery(
        q.intent, source="context")
    if (last is None or last.intent not in (*_WHY_OF, *_WHY_OF_DECISION) or own.changes or own.shift is not None
            or own.scenarios or own.budget is not None or own.goal is not None or q.limit is not None or own.periods
            or (q.intent not in (*_WHY_OF, Intent.UNKNOWN) and q.source != "context")):
        return q   # "why did sales drop in Q4?", "why is the model so sure?": a question of its own
    low = q.question[:MAX_CHARS].lower().strip()
    if len(low.split()) > 8 or not _WHY.search(low) or context is None:
        return q
    if last.intent in _WHY_OF_DECISION:
        # "why?" after a what-if or a plan: what drives that answer (the same change or plan, explained)
        return replace(last, question=q.question, focus="why", source="context", confidence=max(q.confidence, 0.8),
                       readings=())
    matcher = matcher_for(context.channels)
    named = _unique(m.channel for m in matcher.find(tokenize(low, matcher.vocab, matcher.named)) if m.channel)   # "why TV?"
    channels = named or context.referent() or last.channels
    if not channels:
        return q
    return replace(last, question=q.question, channels=channels[:1], focus="why", source="context",
                   confidence=max(q.confidence, 0.8), readings=())


# "What's Affiliates' ROI and can we trust it?", "Social's ROAS, and how wide is the credible interval around it?":
# a channel's return asked with how sure it is is one ROI answer, which states its 90% interval and says when it is
# wide or the channel cannot be measured (not the model's R², nor a choice between the two)
_RETURN_WORD = re.compile(r"\b(?:roi|roas|return|returns|payback)\b")
_SURE_WORD = (r"\b(?:trust\w*|reliab\w*|sure|confident|confidence|certain\w*|credible|believ\w*|robust|"
              r"solid|accurate|precise|uncertain\w*|margin of error|error bars?|how wide|range)\b")
# the return asked in a clause of its own, then how sure it is: "What's Social's ROI and can we trust it?",
# "Print ROI, is it trustworthy?"
_BOTH_ASKED = re.compile(_RETURN_WORD.pattern + r".*?(?:[,;:&—–]|\s-\s|\b(?:and|n|plus|but)\b).*?" + _SURE_WORD)


def _return_and_its_reliability(q: RoutedQuery) -> RoutedQuery:
    if (q.intent not in (Intent.ROI, Intent.MODEL_QUALITY, Intent.UNKNOWN) or not q.channels or q.changes
            or q.shift is not None or q.scenarios or q.budget is not None or q.goal is not None or q.limit is not None
            or q.amount is not None):
        return q
    low = q.question[:MAX_CHARS].lower()
    if not _BOTH_ASKED.search(low):
        return q   # "how reliable is the Radio ROI?", "the confidence interval on Radio's ROI": how sure, only
    return replace(q, intent=Intent.ROI, confidence=max(q.confidence, 0.7), readings=())


# "how sure are you about that plan?", "how confident are you in this recommendation?": a doubt about the last answer
_ABOUT_LAST = re.compile(r"\b(?:that|this|the|your|these|those)\s+(?:plans?|recommendations?|splits?|allocations?|"
                         r"reallocations?|scenarios?|what[- ]?ifs?|options?|moves?)\b")


_DOUBT = re.compile(_SURE_WORD)
# the last answer's own figure named ("how confident is the model in that uplift?", "these model numbers"): a doubt
# about it even when the model is named
_LAST_FIGURE = re.compile(r"\b(?:that|this|these|those)\s+(?:model(?:'s|s)?\s+)?(?:uplift|gain|gains|number|numbers|figure"
                          r"|figures|estimate|estimates|result|results|forecast|impact|increase|loss)\b")
# words that make a doubt a question about the model itself ("is this model reliable?"), not about the last answer
_MODEL_TOPIC = re.compile(r"\b(?:model|models|r2|r²|r squared|rsquared|mape|fit|fits|holdout|hold out|out of sample|data)\b")


_PAST_QUESTIONS = frozenset({Intent.TREND, Intent.CONTRIBUTION})


def _year_of_the_conversation(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "Walk me through sales in 2023." then "What drove the dip in March?": a month or quarter said without a year,
    in a question about what happened right after one about a single year, is in that year (not the latest March in
    the data). What-ifs keep their own rule (the most recent matching weeks)."""
    last = context.last if context is not None else None
    if (last is None or q.source != "rules" or q.intent not in _PAST_QUESTIONS or last.intent not in _PAST_QUESTIONS
            or not any(p.year is None and p.relative is None and p.index is not None for p in q.periods)
            or is_new_topic(tokenize(q.question[:MAX_CHARS]))):
        return q
    dated = year_of_the_last(q, last)
    return q if dated == q else replace(dated, source="context")


# "trend same period", "and the trend for the same weeks?", "break that down by channel": the last answer's weeks
_SAME_PERIOD = re.compile(r"\b(?:(?:the )?same (?:period|weeks|time ?frame|time|window|quarter|month|year|dates|span|range)"
                          r"|that (?:period|time ?frame|window|span|quarter|month|season|stretch)|those (?:weeks|months|dates|quarters)"
                          r"|break (?:that|it|this) (?:down|out)|split (?:that|it|this) (?:up|out|by))\b")


# questions answered of a period's weeks: what happened, and a return asked of one period ("ROI over the same window"
# after a contribution over the trailing 52 weeks)
_OF_A_PERIOD = _PAST_QUESTIONS | {Intent.ROI}


def _period_of_last(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """A question about what happened that points at the last answer's weeks ("trend same period" after "contribution
    by channel last quarter") is asked of those weeks; without it the whole history would be answered."""
    last = context.last if context is not None else None
    if (last is None or q.period is not None or q.periods or last.period is None or q.intent not in _OF_A_PERIOD
            or last.intent not in _OF_A_PERIOD or not _SAME_PERIOD.search(q.question[:MAX_CHARS].lower())):
        return q
    return replace(q, period=last.period, periods=last.periods, source="context")


# "And the year before?", "what about the quarter before that?", "the previous month?": the last answer's period, one back
_ONE_BEFORE = re.compile(r"\b(?:the |a )?(?P<u>year|quarter|month|half|week)s? (?:before|earlier|prior)\b"
                         r"|\bthe (?:previous|prior|preceding) (?P<v>year|quarter|month|half|week)\b(?! \w)"
                         r"|\bthe one before(?: that| it)?\b", re.IGNORECASE)
_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "season": 4}   # calendar periods in a year


def _period_before_last(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "How did sales trend last year?" then "And the year before?": the period before the last answer's, of the same
    kind (it was read as the last answer's own period again). A period of the last answer named by index and year
    steps back one ("Q3 2023" → "Q3's quarter before" is Q2 2023); "last" becomes "previous"; an indexed period a
    year back when the year is asked ("Q3 2023", "the year before?" → Q3 2022)."""
    last = context.last if context is not None else None
    m = _ONE_BEFORE.search(q.question[:MAX_CHARS]) if isinstance(q.question, str) else None
    if last is None or m is None or last.period is None or (q.period is not None and q.period != last.period):
        return q
    p, unit = last.period, m.group("u") or m.group("v") or last.period.granularity
    before: Period | None = None
    if unit == p.granularity and p.relative in ("last", "this") and p.index is None and p.count is None:
        before = replace(p, relative="last" if p.relative == "this" else "previous")
    elif unit == "year" and p.year is not None and p.relative is None:
        before = replace(p, year=p.year - 1, onwards=False)
    elif unit == p.granularity and p.index is not None and p.year is not None and unit in _PER_YEAR and p.relative is None:
        back = p.index == 1
        before = replace(p, index=_PER_YEAR[unit] if back else p.index - 1, year=p.year - back)
    if before is None:
        return q
    base = replace(last, question=q.question, confidence=max(q.confidence, 0.8)) if q.intent is Intent.UNKNOWN else q
    return replace(base, period=before, periods=(before,), source="context")   # "the quarter before?" alone: the last ask


def _doubt_of_last(q: RoutedQuery, context: Conversation | None) -> RoutedQuery:
    """ "How sure are you about that plan?" right after a plan or a what-if asks how sure THAT answer is: the same
    question again, whose answer states its 90% interval and chance of a loss, not the model's R²."""
    last = context.last if context is not None else None
    if q.intent is Intent.MODEL_QUALITY and last is not None and last.intent is Intent.ROI:
        return _doubt_of_a_return(q, context, last)
    if q.intent is not Intent.MODEL_QUALITY or last is None or last.intent not in (Intent.OPTIMIZATION, Intent.SCENARIO):
        return q
    if not _ABOUT_LAST.search(q.question.lower()):
        low = q.question[:MAX_CHARS].lower()
        if not _DOUBT.search(low) or (_MODEL_TOPIC.search(low) and not _LAST_FIGURE.search(low)):
            return q   # "What's the model's MAPE?": a question about the model, complete in itself
        # "How sure are you about that?", "how sure r u" after a what-if: the model's reliability, asked of the last
        # answer; the what-if's channels are not the question's (only a channel it names is: "is the Social number
        # even reliable?")
        matcher = matcher_for(context.channels if context is not None else DEFAULT_CHANNELS)
        named = _unique(m.channel for m in matcher.find(tokenize(q.question[:MAX_CHARS], matcher.vocab, matcher.named))
                        if m.channel is not None)
        return replace(q, channels=tuple(c for c in q.channels if c in named), source="context")
    return replace(last, question=q.question, source="context", confidence=max(q.confidence, 0.7))


def _doubt_of_a_return(q: RoutedQuery, context: Conversation | None, last: RoutedQuery) -> RoutedQuery:
    """ "How sure are you?" right after a channel's return ("ROI of Social", "which channel is burning money?", "ROI
    of Social in Denver", "ROI by market") asks how sure THAT figure is: the channel the answer named (the
    conversation's focus) and the markets it was asked of, not the model's R². A question about the model itself
    ("how reliable is the model?") or one naming its own channel stays as it is."""
    low = q.question[:MAX_CHARS].lower()
    focus = context.focus if context is not None else None
    # a channel the conversation filled in ("how sure are you about that?" → the channel just answered) is no new one
    known = set(last.channels) | ({focus} if focus else set())
    if (set(q.channels) - known) or q.geos or not _DOUBT.search(low) or (_MODEL_TOPIC.search(low)
                                                                      and not _LAST_FIGURE.search(low)):
        return q
    channels = q.channels or ((focus,) if focus else last.channels[:1])
    if not channels and not (last.geos or last.by_geo):
        return q
    return replace(q, channels=channels, geos=last.geos, by_geo=last.by_geo, source="context")


# the intent that answers each kind of answer asked for (and is then sure of it), and the intents it is taken from
# when the words fell elsewhere
_FOCUS_INTENT = {"carryover": (Intent.SATURATION, (Intent.ROI, Intent.CONTRIBUTION, Intent.TREND, Intent.DATA_OVERVIEW,
                                                   Intent.UNKNOWN)),
                 "roi_over_time": (Intent.ROI, (Intent.TREND, Intent.UNKNOWN)),
                 "one_line": (Intent.SUMMARY, (Intent.UNKNOWN,))}


def _focus_intent(q: RoutedQuery) -> RoutedQuery:
    """ "how long does a Radio ad keep working?" (carry-over), "ROI trend over time" (the return by year), "give me
    the one-liner": the answer kind the wording asks for decides the intent, unless the question changes, plans
    or targets something (then it is that question's)."""
    if q.focus is None or q.limit is not None or q.changes or q.shift is not None or q.scenarios or q.goal is not None \
            or q.budget is not None or q.amount is not None:
        return q
    intent, taken_from = _FOCUS_INTENT[q.focus]
    if q.intent not in taken_from and q.intent is not intent:
        return q
    return replace(q, intent=intent, confidence=max(q.confidence, 0.7), readings=())


def _sizes_or_changes(lx: Lexed) -> bool:
    """The question carries a size or a change verb ("make it 30", "cut it 25%"): after an aside about the model it
    goes on from the question before the aside."""
    return any(t.kind in ("pct", "amt", "num") or (t.kind == "w" and t.text in CHANGE_WORDS) for t in lx.toks)


def _read(question: str, context: Conversation | None) -> RoutedQuery:
    conv = context if context is not None else Conversation()
    text = question if isinstance(question, str) else ("" if question is None else str(question))
    if not text.strip():
        return RoutedQuery(Intent.HELP, confidence=EMPTY_CONFIDENCE, question=text)
    matcher = matcher_for(conv.channels)
    words = tokenize(text, matcher.vocab, matcher.named)
    joined = " ".join(words)   # the words once, for the phrase rules below (a 600-character question is 2,000 words)
    if not any(w.isalnum() for w in words):
        return RoutedQuery(Intent.UNKNOWN, confidence=0.2, question=text)
    lx = lex(words, matcher)
    conv = conv.past_aside() if _sizes_or_changes(lx) else conv   # "how sure r u" -> "make it 30": the what-if's 30
    _bare_sizes_as_percentages(lx)
    _levels_of_confidence(lx)
    stated_level = level_stated(lx.surface)   # "set TV to $1M": read before the readers mark their words
    bad = extract_bad_input(lx, text)
    if bad is not None:
        # "split $-2M", "for 0 weeks", "in Q7": named as the problem it is, with the nearest valid question
        return RoutedQuery(Intent.UNKNOWN, confidence=0.9, question=text, limit=bad[0], channels=bad[0].channels,
                           readings=bad[1])
    limit = extract_limit(lx)
    if limit is not None:
        return RoutedQuery(Intent.UNKNOWN, confidence=0.9, question=text, limit=limit, channels=_named(lx),
                           unknown_channels=_unknown(lx))
    horizon = extract_horizon(lx)
    periods = extract_periods(lx)
    margin = extract_margin(lx)
    happened = _outcome_moved(lx, words, periods)   # "Total sales down 15% last year?": what happened, not a plan
    goal = extract_goal(lx)
    # inside a plan's follow-up ("Same, but without any Print") a channel's money is a bound, as under a plan word
    plan_cue = bool(_PLAN_CUE.search(lx.surface))   # asked of the question at several steps: searched once
    in_plan = plan_cue or (conv.last is not None and conv.last.intent is Intent.OPTIMIZATION
                                                     and not is_new_topic(words))
    last_money = (conv.last is not None and conv.last.intent is Intent.OPTIMIZATION and conv.last.budget is not None
                  and conv.last.budget.kind != "ratio" and conv.last.budget.amount > 0)
    own_share = _share_of_this_budget(lx, last_money)   # "Spend $3.2M next year, TV no more than 40% of it"
    # "every channel between 50% and 150% of its current level", "no channel taking more than 40% of it"
    own_share = band_of_today(lx) + every_channel_share(lx, _plan_money(lx, conv.last)) + own_share
    constraints = [c for _, c in extract_constraints(lx, plan=in_plan)] + own_share
    constraints += _share_of_the_last_budget(lx, conv.last)
    alternatives = extract_comparison(lx, conv.channels)   # before the window: each side may have its own
    weeks_window = extract_window(lx)
    budget = extract_budget(lx)
    if budget is not None and budget.kind == "increment" and any(c.amount is not None for c in own_share):
        # "the next $1M, with TV no more than 25% of it": a share of the new money, on top of TV's spend today (as
        # the same share said after such a plan is, _share_of_the_last_budget)
        own_ids = {id(c) for c in own_share}
        constraints = [replace(c, over_today=True) if id(c) in own_ids and c.amount is not None else c
                       for c in constraints]
    ch = extract_changes(lx, conv.channels)
    if not alternatives and (move := read_move(lx, ch.shift, ch.changes, conv.channels)) is not None:
        # two receivers, or a move sized by what the receiver gains: the shift reader's one-to-one reading is replaced;
        # a channel outside the move keeps its own change ("… to Social and Digital and cut Print by 20%")
        in_move = {move[0].from_channel, move[0].to_channel, *move[0].also_to}
        ch.shift, ch.changes, ch.amount = move[0], [*move[1], *((c, p) for c, p in ch.changes if c not in in_move)], move[2]
    if not alternatives and (several := read_moves(lx, conv.channels)) is not None:
        # "move $200k from TV to Digital and $100k from Radio to Social": each channel's own money, all the moves at once
        ch.shift, ch.changes, ch.amounts, ch.amount, ch.total_pct = None, [], several, several[0][1], None
        ch.has_verb = ch.verb_on_channel = True
        if budget is not None and any(math.isclose(budget.amount, abs(v)) for _, v in several):
            budget = None   # "+$20k per week on Radio with +$100k per month on Social": each channel's money, no plan
    span = size_range(lx) if not alternatives and ch.shift is None and ch.changes and not ch.amounts else None
    if span is not None and len({abs(v) for _, v in ch.changes}) == 1 and abs(ch.changes[0][1]) in span:
        # "cut TV by between 10 and 20%": each end of the range is an option, compared
        way = ch.polarity or (1 if ch.changes[0][1] > 0 else -1)
        alternatives = tuple(alternative(tuple((c, way * end) for c, _ in ch.changes), None) for end in span)
    rate = rate_change(lx) if not alternatives and ch.shift is None and not ch.changes else None
    if rate is not None:
        # "$60k a week on TV; what if that went to $75k a week?": TV +25%, not a budget of $75k a week to split
        ch.changes, ch.amount, ch.amounts, ch.total_pct = [rate], None, [], None
        ch.has_verb = ch.verb_on_channel = True
        budget, stated_level = None, False
    against = _against_that(words)
    last_sizes = {abs(v) for _, v in conv.last.changes} if conv.last is not None and conv.last.intent is Intent.SCENARIO else set()
    if (not alternatives and not ch.changes and ch.shift is None and ch.verb_on_channel and len(last_sizes) == 1
            and ch.polarity != 0 and ch.amount is None and against):
        # "compare that with only cutting Radio": the new side at the last what-if's size
        named = _unique(str(t.value) for t in lx.toks if t.kind == "ch")
        ch.changes = [(c, ch.polarity * next(iter(last_sizes))) for c in named]
    last_shift = conv.last.shift if conv.last is not None and conv.last.intent is Intent.SCENARIO else None
    named_now = _unique(str(t.value) for t in lx.toks if t.kind == "ch")
    if (not alternatives and ch.shift is None and last_shift is not None and last_shift.sized and len(named_now) == 1
            and named_now[0] not in (last_shift.from_channel, last_shift.to_channel) and set(words) & MOVE
            and against):
        # "is that better than putting it into Social?" after "put that money into TV": the same money, elsewhere
        ch.shift = Shift(last_shift.from_channel, named_now[0], last_shift.percentage, last_shift.amount,
                         last_shift.to_percentage)
        ch.changes = []
    # "compare that with cutting Radio by the same $400k": money on the one channel named is the new side's size
    own_money = ((named_now[0], float(ch.amount)),) if (ch.amount is not None and len(named_now) == 1 and not ch.changes
                                                         and ch.shift is None) else ()
    # "Scenario B: Radio −10%, Social +10%" after "Scenario A: TV −10%, Digital +10%": the next labelled option, set
    # against the last
    against = against or _next_option(text, conv.last)
    last_one = conv.last if conv.last is not None and conv.last.intent is Intent.SCENARIO and not conv.last.scenarios else None
    if (not alternatives and against and "same" in words and len(named_now) == 1 and not ch.changes and ch.shift is None
            and ch.amount is None and last_one is not None and named_now[0] not in last_one.channels):
        # "versus the same on Social?" after "+$100k on Digital": the last what-if's size, on the channel named now
        money = money_of(last_one)
        if len(money) == 1:
            own_money = ((named_now[0], money[0][1]),)
        elif last_one.shift is None and len({v for _, v in last_one.changes}) == 1:
            ch.changes = [(named_now[0], last_one.changes[0][1])]
    # "and if instead we take the same 15% from Digital, which one is less bad?": a new what-if on one channel, set
    # against the last one by asking which of the two is better
    against = against or (len(named_now) == 1 and bool(_WHICH_OF_TWO.search(" ".join(words))))
    against_last = not alternatives and (bool(ch.changes) or bool(own_money) or (
        ch.shift is not None and last_shift is not None and ch.shift.from_channel == last_shift.from_channel)) \
        and conv.last is not None and against
    if against_last and conv.last is not None:
        # "compare that with cutting Radio 20%": the last what-if is the first side
        past = [p for p in periods if p.relative != "next"]
        own = weeks_window_peek(lx) or (Window(period=past[0]) if past else None)
        alternatives = _with_last(conv.last, ch.changes, ch.shift, own, own_money)

    mentioned = _unique(str(t.value) for t in lx.toks if t.kind == "ch")
    unknown = _unknown(lx)
    over = beyond_all(text, mentioned, max((-v for _, v in ch.changes if v < -100), default=None) if ch.shift is None else None,
                      ch.shift.percentage if ch.shift is not None and not alternatives else None)
    if over is not None:
        return RoutedQuery(Intent.UNKNOWN, confidence=0.9, question=text, limit=over[0], channels=mentioned,
                           readings=over[1])
    if unknown and ch.shift is None and not alternatives and _moves_unknown(lx.surface, words):
        # "move 20% of TV into TikTok": money moved to or from a channel the data lacks cannot be simulated;
        # the answer says so (not "TV +20%")
        return RoutedQuery(Intent.UNKNOWN, confidence=0.8, question=text, channels=mentioned, unknown_channels=unknown)
    plain = {t.text for t in lx.toks if t.kind == "w" and not t.used}
    free = [t.text if t.kind == "w" and not t.used else "" for t in lx.toks]
    new_topic = is_new_topic(words)
    pronoun = (any(is_pronoun(free, i) for i in range(len(free))) and not mentioned and not new_topic
               and not _OWN_ANTECEDENT.search(joined))

    # "increase it by 20%" after an answer that named a channel: "it" is that channel.
    referent: tuple[str, ...] = ()
    prev = conv.last if not new_topic else None
    money_cue = budget is not None and budget.kind != "total"   # "where should it go?": "it" is the money
    # "pause the weakest one", "cut the two smallest channels": "one" and "the two" are the pick, not the last answer
    picked = prev is not None and not mentioned and extract_channel_pick(_copy(lx)) is not None
    if pronoun and prev is not None and not ch.all_channels and not money_cue and not picked:
        referent = conv.referent()
    if (prev is not None and not mentioned and not picked
            and (_names_the_pair(words) or any(is_each(free, i) for i in range(len(free))))):
        # "which of the two pays back faster?", "the contribution share of each?"
        referent = prev.channels if len(prev.channels) >= 2 else conv.recent_channels(2)
    compare_that = (prev is not None and prev.intent in _CHANNEL_INTENTS and bool(mentioned) and not ch.changes and ch.shift is None and not alternatives
                    and bool(_COMPARE_THAT.search(joined)))
    if compare_that and prev is not None:
        # "how does that compare with Social and Print?" after a Digital answer: Digital is the first side
        referent = tuple(c for c in prev.channels if c not in mentioned)
        mentioned = _unique([*referent, *mentioned])
    changes = list(ch.changes)
    total_pct = ch.total_pct
    receivers = mentioned or referent   # "give it a push of 15%": the channel in focus
    given = _GIVE_PCT.search(lx.surface) if len(receivers) == 1 and not changes and ch.shift is None else None
    if given is not None:
        # "what if we give TV another 10%": a raise on that channel ("give" is no change verb on its own)
        size = abs(float(lx.group_tok(given, next(g for g in ("x", "y", "z") if given.group(g) is not None)).num))
        changes, total_pct = [(receivers[0], -size if given.group("cut") or given.group("cut2") else size)], None
    is_total = bool(plain & TOTAL_WORDS) or bool(ch.all_channels)
    if total_pct is not None and referent and not is_total:
        changes = [(c, total_pct) for c in referent]
        total_pct = None
    if total_pct is not None and ch.all_channels:
        changes = [(c, total_pct) for c in ch.all_channels]
        total_pct = None

    all_change = bool(ch.all_channels) and len(changes) >= len(ch.all_channels) > 0
    channels = ch.all_channels if all_change else mentioned
    if ch.others:
        channels = _unique(c for c, _ in changes)   # the named channels, then every other one with its own size
    if referent and not channels:
        channels = referent
    if not channels and not changes and not ch.all_channels and _counts_every_channel(lx, len(conv.channels)):
        channels = conv.channels   # "the ROAS of all five media variables": every channel, listed
    bounded = {c.channel for c in constraints if c.channel is not None}
    if goal is not None and goal.channel is None and [c for c in mentioned if c not in bounded]:
        # keeps the unit a count goal was said in; a channel named only in a limit ("a ROAS of 3 while keeping Digital at
        # least $500k", "hit $60M, keep TV fixed") bounds the plan, it is not the goal's own channel
        goal = replace(goal, channel=[c for c in mentioned if c not in bounded][0])

    # "would $1M more in TV pay for itself?", "give Social another $75k": an amount put on one channel is its what-if
    more_on_channel = (ch.amount is not None and abs(ch.amount) > 1 and len(mentioned) == 1 and not changes
                       and ch.shift is None and bool(_MORE_ON_CH.search(lx.surface)) and not plan_cue)
    if more_on_channel:
        budget = None
    feats = rules.Features(
        n_channels=len(channels),
        # (under a plan cue an amount with no verb on a channel is the plan's money: "we have an extra million; the
        # brand team wants TV; where should it go?")
        channel_change=(bool(changes) and not all_change)
        or (ch.amount is not None and bool(channels) and ch.has_verb and (ch.verb_on_channel or not plan_cue))
        or more_on_channel
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
        # "Best home for the next $250k: Social or Digital?": the money is each side's, offered to either channel
        budget_cue=budget is not None and budget.kind in ("rate", "increment", "ratio") and not changes and ch.shift is None
        and not (len(alternatives) >= 2 and all(a.amounts for a in alternatives))
        and not (ch.extra_channels and ch.has_verb)   # "cut TV by $100k a month": the money is TV's
        # "spend 3M next year how": a total with a spending verb and no channel is money to split
        or (budget is not None and budget.kind == "total" and not mentioned and not changes and ch.shift is None
            and bool(_SPEND_VERB.search(joined))),
        window=weeks_window is not None,
        comparison=len(alternatives) >= 2,
    )
    scores = rules.score(lx.surface, feats)
    intent, conf = rules.decide(scores)
    if rate is not None:
        intent, conf = Intent.SCENARIO, max(conf, 0.7)
    if more_on_channel and intent is Intent.SCENARIO:
        conf = max(conf, 0.7)   # "give Print another 40k monthly, does it pay back?": its own what-if, said plainly
    if more_on_channel and intent is Intent.SATURATION and "still" not in words:   # "… still pay back?": headroom
        # "what does an extra $10k in Social buy us?": that money's what-if (the answer uses the amount); only a
        # single dollar ("an extra $1", "the next dollar") asks for the next-dollar return
        intent, conf = Intent.SCENARIO, max(conf, 0.7)
    elif (intent is Intent.SCENARIO and ch.amount is not None and abs(ch.amount) == 1 and len(mentioned) == 1
          and not changes and ch.shift is None and not alternatives):
        intent, conf = Intent.SATURATION, max(conf, 0.7)   # "the return on an extra $1 in Social": the next dollar
    if (intent is Intent.OPTIMIZATION and len(alternatives) == 2 and all(a.amounts for a in alternatives)
            and not constraints and goal is None):
        # "Where should the next $1M go: TV or Radio?": one amount offered to either of two channels asks which of
        # the two, a comparison answered directly (a plan over both might split it or favour neither)
        intent, conf = Intent.SCENARIO, max(conf, 0.7)
    if (intent in (Intent.SATURATION, Intent.ROI) and len(alternatives) >= 2 and goal is None
            and all(a.amounts or a.changes or a.shift is not None for a in alternatives)):
        # "Run +$2M TV vs +$2M Digital; incremental revenue and mROAS for each": two sized moves compared (each side's
        # return on its money is part of that answer), not the channels' next-dollar returns
        intent, conf = Intent.SCENARIO, max(conf, 0.7)
    level_amount: float | None = None
    went = _FROM_TO_LEVEL.search(lx.surface) if len(mentioned) == 1 and not plan_cue else None
    if went is not None and not changes and ch.shift is None and not alternatives and goal is None:
        # "if we went from $60k to $80k a week on Digital": that channel at the new level (a rate when one is said)
        intent, conf, budget = Intent.SCENARIO, max(conf, 0.7), None
        level_amount = abs(float(lx.group_tok(went, "x").num))
        stated_level = True
    if (stated_level and intent is Intent.OPTIMIZATION and len(mentioned) == 1 and budget is not None
            and budget.kind == "total" and budget.per is None and not constraints and goal is None
            and ch.shift is None and not changes and not alternatives and not plan_cue):
        # "set TV to $1M": one channel's spend level, a what-if, not a $1M budget to split across channels
        intent, level_amount, budget = Intent.SCENARIO, budget.amount, None
    level_per: Per | None = None
    if (intent is Intent.OPTIMIZATION and len(mentioned) == 1 and goal is None and ch.shift is None and not changes
            and not alternatives and not plan_cue and not _PLAN_WORD.search(joined)):
        capped = [c for c in constraints if c.channel == mentioned[0] and c.kind in ("max", "fixed") and c.amount is not None]
        if stated_level and budget is not None and budget.kind == "rate" and not constraints:
            # "turn Print back on at 50k/month": that channel's spend level as a rate, not a budget to split
            intent, level_amount, level_per, budget = Intent.SCENARIO, budget.amount, budget.per, None
        elif (budget is None and len(constraints) == 1 and capped
              and (conv.last is None or conv.last.intent is not Intent.OPTIMIZATION)):
            # "Social capped at 100k a month" with no plan to bound: a what-if at that level (over the horizon said)
            intent, level_amount, constraints = Intent.SCENARIO, capped[0].amount, []
            level_per = _rate_said(words)
            if level_per is not None:   # "a month" is the amount's rate, not a window or a plan's horizon
                periods = [p for p in periods if p.index is not None or p.relative is not None or p.year is not None]
                if not _FOR_WEEKS.search(joined):
                    weeks_window = None
    past = [p for p in periods if p.relative not in ("next",) and p.granularity != "week"]
    if (intent is Intent.OPTIMIZATION and total_pct is not None and not mentioned and not changes
            and (past or (total_pct <= -100.0 and extract_channel_pick(_copy(lx)) is None))   # "pause the weakest": a pick
            and goal is None and not constraints and (budget is None or budget.kind == "ratio")
            and (_COUNTERFACTUAL.search(joined) or total_pct <= -100.0)):
        # "what if we had spent nothing on media in 2022?": every channel changed in that past period, a what-if;
        # "what happens if we stop all advertising?": no budget left is no plan to make, every channel stopped
        intent, changes, total_pct, budget = Intent.SCENARIO, [(c, total_pct) for c in conv.channels], None, None
        channels = conv.channels
    pick = None
    if not mentioned and not changes and not alternatives and ch.shift is None and (total_pct is not None or ch.amount is not None):
        pick = extract_channel_pick(_copy(lx))
    if pick is not None and goal is None and (budget is None or (budget.kind == "increment" and budget.per is None
                                                                  and not plan_cue)):
        budget = None   # "add 100k to the strongest channel": that channel's money, not the total's
        # "cut the two smallest channels by 20%": a what-if on channels the assistant picks by spend or ROI
        intent, conf = Intent.SCENARIO, max(conf, 0.8)
    else:
        pick = None
    if (intent is Intent.SCENARIO and all_change and constraints
            and all(c.kind == "fixed" and c.channel not in ch.all_channels for c in constraints)):
        # "Leave TV alone and cut every other channel by 10%": the channel held is the what-if's unchanged one, not a
        # plan's bound
        constraints = []
    if intent is Intent.SCENARIO and unknown and not mentioned and not alternatives and not ch.all_channels:
        # "pause TikTok for a month": a what-if on a channel the data lacks cannot be run; the answer says so
        intent, total_pct, changes = Intent.UNKNOWN, None, []
    if (intent is Intent.SCENARIO and len(changes) == 1 and ch.shift is None and not alternatives and goal is None
            and budget is not None and budget.kind == "ratio" and budget.amount == 1.0 and not constraints):
        # "raise Digital 20% but keep total spend the same": Digital pinned at +20%, the same money re-split around it
        c, v = changes[0]
        intent, conf = Intent.OPTIMIZATION, max(conf, 0.7)
        constraints = [Constraint(c, "min", percentage=v), Constraint(c, "max", percentage=v)]
        changes = []
    if (intent is Intent.ROI and budget is not None and budget.kind == "total" and not mentioned and not periods
            and _ON_A_BUDGET.search(lx.surface)):
        # "what ROAS would we get on a $4M budget?": the return of the best plan for that money
        intent, conf = Intent.OPTIMIZATION, max(conf, 0.7)
    if (intent is Intent.CONTRIBUTION and len(periods) == 2 and not mentioned and not changes
            and re.search(r"\b(?:vs|versus|compared (?:to|with)|against|and)\b", joined)):
        intent = Intent.TREND   # "Decompose Q1 2024 vs Q4 2023 sales": what moved between two periods
    if happened and intent in (Intent.OPTIMIZATION, Intent.SCENARIO, Intent.UNKNOWN) and not changes and ch.shift is None:
        intent, conf, budget, goal = Intent.TREND, max(conf, 0.75), None, None
    if intent is Intent.SATURATION and changes and not any(t.kind in ("pct", "amt") for t in lx.toks):
        # "the most we could pull out of TV before sales suffer": a question of how far, no stop was asked
        changes, total_pct = [], None
    if intent is not Intent.UNKNOWN:
        conf = round(conf * (0.7 + 0.3 * _coverage(lx, intent)), 3)
    readings = two_readings(scores, mentioned or conv.channels[:1]) if conf < CLARIFY_BELOW else ()
    if (intent is Intent.SCENARIO and ch.shift is not None and not ch.shift.sized and not ch.shift.also_to
            and not alternatives and BETWEEN_PAIR.search(lx.surface)):
        # "shift money between TV and Radio": neither the size nor the way is said; offer both ways, sized
        a, b = ch.shift.from_channel, ch.shift.to_channel
        readings = (f"What if we move 10% of {a} into {b}?", f"What if we move 10% of {b} into {a}?")
    if (intent is Intent.SCENARIO and ch.amount == 0 and level_amount is None and len(mentioned) == 1 and not changes
            and ch.shift is None and not alternatives):
        # "what if we spend $0 on Radio next month?", "set Radio to $0": that channel stopped (no +$0 what-if)
        changes, ch.amount, stated_level = [(mentioned[0], -100.0)], None, False
    level = level_amount is not None or (stated_level and intent is Intent.SCENARIO and not alternatives
                                         and ch.shift is None and not changes and ch.amount is not None)
    amount = level_amount if level_amount is not None else ch.amount
    amount_per = level_per or (amount_rate(lx) if intent is Intent.SCENARIO and (ch.amount is not None or (
        ch.shift is not None and ch.shift.amount is not None)) else None)
    first_rate = "quarter" if quarterly(lx) else next(iter(amount_rates(lx).values()), None)
    if amount_per is None and intent is Intent.SCENARIO and (amount is not None or (
            ch.shift is not None and ch.shift.amount is not None)) and first_rate in ("quarter", "day"):
        # "what if Radio got $100k extra per quarter": four of them a year; "cut TV by $5k a day": seven a week
        amount_per, k = as_contract_rate(first_rate, 1.0)
        amount = None if amount is None else amount * k
        if ch.shift is not None and ch.shift.amount is not None:
            ch.shift = replace(ch.shift, amount=ch.shift.amount * k)
    if (intent is Intent.OPTIMIZATION and budget is None and total_pct is not None and not channels and not constraints
            and set(words) & {"move", "moving", "shift", "shifting", "moved", "shifted"}
            and set(words) & {"only", "just", "most", "max", "maximum", "limit", "up"} and 0 < abs(total_pct) < 100):
        # "if you could only move 10% of the budget": the total stays; no channel moves more than that share
        constraints = [Constraint(None, "min", percentage=-abs(total_pct)), Constraint(None, "max", percentage=abs(total_pct))]
        total_pct = None
        budget = Budget("ratio", 1.0)
    budget, window, horizon = _decision_entities(intent, budget, weeks_window, horizon, periods, total_pct,
                                                 is_total or not channels, bool(_SPAN_WORDS.search(joined)),
                                                 lx.periods_joined and not alternatives)
    budgets = _plans_at_budgets(intent, budget, lx, joined) if (not channels and not constraints and goal is None
                                                                     and len(periods) < 2) else ()
    if (not budgets and intent is Intent.OPTIMIZATION and goal is None and not mentioned and not constraints
            and (ends := budget_range(lx)) is not None):   # a range said of a channel is its limit, not the budget
        # "assume $5M–$6M for FY25, show the allocation at each end": a plan at each end of the range
        budgets = _budget_ends(ends, budget, periods)
        budget = budgets[0]
    percentage: float | None
    if ch.shift is not None and changes:
        percentage = changes[0][1]
    elif changes:
        percentage = changes[0][1]
    else:
        percentage = total_pct
    if (intent is Intent.OPTIMIZATION and budget is not None and budget.kind == "ratio" and percentage is not None
            and not changes and (budget.amount - 1.0) * percentage < 0):
        percentage = round((budget.amount - 1.0) * 100.0, 6)   # "total media down 15%": the budget's move, signed
    shift = ch.shift
    if alternatives and intent is Intent.SCENARIO:
        # each side is its own scenario: nothing is done "at once" at the top level
        changes, percentage, shift = [], None, None
        channels = _unique(c for a in alternatives for c in a_channels(a))
        if len({a.window for a in alternatives}) > 1:
            window = None   # each side has its own weeks
    else:
        alternatives = ()
    if (intent is Intent.OPTIMIZATION and len(conv.channels) > 1 and set(conv.channels) <= set(mentioned)
            and any(c.channel is not None for c in constraints)):
        # "rebalance spend across TV, radio, digital, print and social; TV is sacred": the plan is over the whole
        # mix; the channels it names are the ones it bounds
        channels = _unique(c.channel for c in constraints if c.channel is not None)
    then_window = False
    black_friday = _BLACK_FRIDAY.search(joined) if intent is Intent.SCENARIO else None
    if black_friday is not None and (window is None or (window.period is not None and window.period.granularity == "month"
                                                         and window.period.index == 11 and window.weeks is None)):
        # "double TV during Black Friday week": the last week of November (two for "the Black Friday fortnight")
        year = next((p.year for p in periods if p.granularity == "month" and p.index == 11), None)
        window = Window(weeks=2 if "fortnight" in black_friday.group(0) else 1, period=Period("month", 11, year), anchor="end")
    holiday = _HOLIDAY_WEEK.search(joined) if intent is Intent.SCENARIO else None
    if holiday is not None:
        # "pause radio over xmas week": the week(s) around Christmas in the most recent (or named) December
        n = 2 if holiday.group(0).endswith("fortnight") else (weeks_window.weeks or 1) if weeks_window else 1
        year = next((p.year for p in periods if p.granularity == "month" and p.index == 12), None)
        window = Window(weeks=n, period=Period("month", 12, year), anchor="christmas")
    if prev is not None and window is None and intent is Intent.SCENARIO and _THAT_PERIOD.search(joined):
        # "if we double TV in that period": the weeks the last question named
        inherited = prev.window or (Window(period=prev.period) if prev.period is not None else None)
        window, then_window = inherited, inherited is not None
    if (intent is Intent.TREND and len(periods) == 2 and periods[0].granularity == periods[1].granularity
            and all(p.relative is None and p.count is None and p.index is not None for p in periods)
            and (periods[0].year is None) == (periods[1].year is None) and not _SPAN_WORDS.search(joined)):
        # "how did December compare with November?": `periods` of one year in calendar order, `period` the one named
        # first (a span keeps the order said: "between November and February" runs into the next year)
        in_order = tuple(sorted(periods, key=lambda p: (p.year or 0, p.index or 0)))   # "Q1 2024 vs Q4 2023": Q4 2023 first
    else:
        in_order = tuple(periods)
    each_money, own_rates = _own_rates(lx, _own_amounts(ch, intent, changes, shift, alternatives, level, amount_per,
                                                          quarterly(lx)))
    q = RoutedQuery(
        intent=intent,
        # "export this as pdf" after "TV only": a report is of the whole analysis, "this" names no channel
        channels=() if intent in WHOLE_ANALYSIS and not mentioned else tuple(channels),
        percentage=percentage,
        changes=tuple((c, float(v)) for c, v in _dedupe_changes(changes)),
        amount=None if alternatives else abs(amount) if level and amount is not None else amount,
        # money said per channel: kept when more than one channel carries its own ("give Social $200k and TV $300k
        # more") or money sits beside a % change ("cut TV by 10% and Radio by $20k")
        amounts=each_money,
        amounts_per=own_rates,
        amount_per=own_rates[0][1] if own_rates else amount_per,
        level=level,
        shift=shift,
        period=_as_decided(intent, periods[0]) if periods else None,
        periods=tuple(_as_decided(intent, p) for p in in_order),
        constraints=tuple(constraints),
        goal=goal,
        margin=margin,
        unknown_channels=unknown,
        confidence=conf,
        source="context" if referent or (pronoun and prev is not None and not money_cue and not _OWN_THING.search(joined)) or then_window else "rules",
        question=text,
        budget=budget,
        budgets=budgets,
        window=window,
        horizon=horizon,
        scenarios=alternatives,
        readings=readings,
        channel_pick=pick,
    )
    if prev is None:
        return q
    if happened and q.intent is Intent.TREND:
        # "Total sales down 15% last year?" after a plan: a question of what happened, its percentage the sales' move;
        # nothing of the last question (its budget, its sizes) is carried onto it
        return q
    if pick is not None:
        # "pause the weakest channel" after "cut TV 20%": a pick names its own channels (the assistant ranks them)
        # and carries its own size, so nothing is borrowed from the last question (not its channels, nor its pick)
        return replace(q, source="rules")
    again = _new_amount_for_last(q, prev, [t.text for t in lx.toks if t.kind == "w"], mentioned)
    if again is not None:
        return again   # "Same thing with $400k." after "Model adding $200k to Social": that what-if at $400k
    bound = relimited(q, prev, words, [float(t.num) for t in lx.toks if t.kind == "amt"])
    if bound is not None:
        return bound   # "Relax the TV floor to $1M." after a plan with TV floored at $1.5M: the same plan, that bound moved
    band = rebanded(q, prev, words, ch.bare_pcts, [float(t.num) for t in lx.toks if t.kind == "num"])
    if band is not None:
        return band   # "Relax that to 30%." after a plan with every channel within 20%: the same plan, the new band
    restated = _move_restated(q, prev, lx)
    if restated is not None:
        return restated   # "nvm meant radio->digital" after "move 10% of TV to Digital": the move from Radio
    moved = (_moved_from_last(q, prev, words, lx.surface, mentioned) or _swapped_from_last(q, prev, lx)
             or _one_more_option(q, prev, words) or _redirected(q, prev, lx.surface, mentioned))
    if moved is not None:
        return moved
    if against_last and q.scenarios:
        windows = {a.window for a in q.scenarios}
        return replace(q, source="context", confidence=max(q.confidence, 0.8),
                       window=windows.pop() if len(windows) == 1 else None)
    if (prev.intent in _CHANNEL_INTENTS and prev.channels and mentioned and not q.changes and not q.scenarios
            and q.shift is None and _VERSUS_LEAD.match(" ".join(words)) and len([w for w in words if w.isalnum()]) <= 5
            and not set(mentioned) <= set(prev.channels)):
        # "Versus TV?" after "How much did Social contribute?": the same question of both, the first kept
        both = _unique([*prev.channels, *mentioned])
        return replace(merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=both), channels=both)
    if (prev.intent is Intent.TREND and q.intent in (Intent.TREND, Intent.UNKNOWN) and not mentioned and not q.changes
            and _VERSUS_LEAD.match(" ".join(words)) and len([w for w in words if w.isalnum()]) <= 8):
        # "vs same time last yr?" after "sales last 6 wks": the same trend set against another stretch, its weeks kept
        return merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=())
    if _together(words, conv, q, mentioned):
        # the sides' weeks when they share them ("pause TV 2 weeks vs pause Radio 2 weeks" -> "both together?")
        shared = {a.window for a in prev.scenarios} if prev.scenarios else {h.window for h in conv.history[-2:]}
        sizes = {v for _, v in conv.recent_changes()}   # "double Social", "and Digital?", "both together?": both doubled
        return replace(q, intent=Intent.SCENARIO, changes=conv.recent_changes(), source="context",
                       percentage=sizes.pop() if len(sizes) == 1 else None,
                       channels=tuple(c for c, _ in conv.recent_changes()), confidence=max(q.confidence, 0.8),
                       window=q.window or (shared.pop() if len(shared) == 1 else None))
    if not mentioned and not q.changes and not q.scenarios and _asks_which(words):
        alts = conv.recent_alternatives()
        if alts:
            windows = {a.window for a in alts}
            return replace(q, intent=Intent.SCENARIO, scenarios=alts, changes=(), percentage=None, shift=None,
                           channels=_unique(c for a in alts for c in a_channels(a)), source="context",
                           window=windows.pop() if len(windows) == 1 else None, confidence=max(q.confidence, 0.8))
        pair = conv.recent_channels(2)
        if prev.intent in _CHANNEL_INTENTS and len(pair) >= 2 and q.intent in (prev.intent, Intent.UNKNOWN):
            # "which is better?" after "How's Digital doing?" / "What about Social?": the same question of both
            return merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=pair)
    resized = _scaled_last_budget(prev, q, words, [float(t.num) for t in lx.toks if t.kind == "pct"], mentioned)
    if resized is not None:
        # "what if it's 20% less than that?" after "$45k a week: best split?": the same kind of money, 20% smaller
        return replace(merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=referent), budget=resized,
                       intent=Intent.OPTIMIZATION, changes=(), percentage=None, source="context")
    per = bare_per(lx)
    if (per is not None and prev.intent is Intent.OPTIMIZATION and prev.budget is not None and q.budget is None
            and prev.budget.kind in ("rate", "increment", "total") and len([w for w in words if w.isalnum()]) <= 4
            and max(v for i, v in scores.items() if i is not Intent.OPTIMIZATION) < STRONG):
        # "per week?" after "$40k a month": the same amount over a new period ("split $1M" -> "same but per month":
        # $1M a month)
        kind = "rate" if prev.budget.kind == "total" else prev.budget.kind
        return replace(merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=referent),
                       budget=per_budget(kind, prev.budget.amount, per))
    said = [SET[w] for w in words if w in SET and w not in SOFT_SET]
    if (not mentioned and len(said) == 1 and not changes and not ch.bare_pcts and prev.intent is Intent.SCENARIO
            and prev.changes and prev.shift is None and not prev.scenarios and len([w for w in words if w.isalnum()]) <= 5):
        # "and triple?" after "double Social": the same channels at the size the verb says (it carries its own sign)
        new = tuple((c, float(said[0])) for c, _ in prev.changes)
        return replace(prev, question=text, changes=new, percentage=new[0][1], source="context",
                       confidence=max(q.confidence, 0.8), readings=(), window=q.window or prev.window)
    sizes = {v for _, v in prev.changes}
    if (ch.all_channels and not changes and ch.shift is None and prev.intent is Intent.SCENARIO and len(sizes) == 1
            and prev.shift is None and not prev.scenarios and set(words) & {"same", "too", "likewise", "also"}):
        # "Now do the same for every channel." after "cut TV by 10%": every channel at that size
        size = next(iter(sizes))
        new = tuple((c, size) for c in ch.all_channels)
        return replace(prev, question=text, changes=new, channels=ch.all_channels, percentage=new[0][1], source="context",
                       confidence=max(q.confidence, 0.8), readings=())
    scaled = _scaled_what_if(q, prev, words, mentioned)
    if scaled is not None:
        return scaled
    longer = _new_stop_length(q, prev, ch, words, mentioned)
    if longer is not None:
        return longer
    sized = _bare_budget(q, prev, ch.bare_nums, words)
    if sized is not None:
        q = replace(q, amount=sized)   # "make it 3" after "split 2 million": $3M, the last budget's unit
    bare = ch.bare_pcts or (ch.bare_nums if prev.percentage is not None or prev.scenarios else [])
    if q.window is None and weeks_window is not None and q.intent is Intent.UNKNOWN and prev.intent is Intent.SCENARIO:
        q = replace(q, window=weeks_window)   # "just for 6 weeks" after a what-if: the weeks are the whole question
    out = _follow_up(q, prev, words, scores, bare, referent, pronoun)
    if (out is not q and out.intent is Intent.SCENARIO and out.changes and not q.changes and ch.polarity != 0
            and pronoun and not unknown and ch.shift is None and not set(words) & _MORE_OF   # "and more of it?": unsure
            and any(w in CHANGE_WORDS for w in words) and not out.scenarios and not any(t.kind in ("pct", "amt") for t in lx.toks)
            and all(v * ch.polarity < 0 and abs(v) < 100 for _, v in out.changes)):
        # "what if we cut it instead?" after "raise TV 15%": the same channels and size, the way now said
        flipped = tuple((c, -v) for c, v in out.changes)
        out = replace(out, changes=flipped, percentage=flipped[0][1])
    if out is not q and out.intent is Intent.SCENARIO and weeks_window is not None:
        out = replace(out, window=weeks_window)        # "and 4 weeks?": the new window
    if (out is not q and out.intent is Intent.OPTIMIZATION and weeks_window is not None and weeks_window.period is None
            and weeks_window.weeks and q.horizon is None):
        out = replace(out, horizon=weeks_window.weeks, window=None)  # "and over 26 weeks?" after a plan: the new horizon
    if out is not q and per is not None and out.budget is not None and out.budget.kind in ("rate", "increment") and q.budget is None:
        out = replace(out, budget=per_budget(out.budget.kind, out.budget.amount, per))   # "per month instead?": a new period
    return out


_SCALED = re.compile(r"^(?:and |what about |how about |try |ok |okay |so |then |now )*(?:with |at |for )?(?P<m>half|halve|double|twice|triple|"
                     r"a third of|a quarter of) (?:of )?(?:that|it|this|the size|the amount|the cut|the move)\b")
_FACTOR = {"half": 0.5, "halve": 0.5, "double": 2.0, "twice": 2.0, "triple": 3.0, "a third of": 1 / 3, "a quarter of": 0.25}


def _scaled_what_if(q: RoutedQuery, prev: RoutedQuery, words: list[str], mentioned: tuple[str, ...]) -> RoutedQuery | None:
    """ "and half that?" after "move 20% of TV to Social": the same what-if at a multiple of its size (10%)."""
    m = _SCALED.match(" ".join(w for w in words if w.isalnum() or w == "'"))
    if (m is None or prev.intent is not Intent.SCENARIO or mentioned or q.scenarios or prev.scenarios
            or prev.level or (not prev.changes and prev.shift is None and prev.amount is None)):
        return None
    k = _FACTOR[m.group("m")]
    s = prev.shift
    if s is not None and s.percentage is not None:
        pct = min(100.0, round(s.percentage * k, 4))
        return replace(prev, question=q.question, shift=replace(s, percentage=pct), changes=((s.from_channel, -pct),),
                       percentage=-pct, source="context", confidence=max(q.confidence, 0.8), readings=())
    if s is not None and s.amount is not None:
        money = round(s.amount * k, 2)
        return replace(prev, question=q.question, shift=replace(s, amount=money), amount=-money, source="context",
                       confidence=max(q.confidence, 0.8), readings=())
    if s is None and prev.changes:
        changes = tuple((c, max(-100.0, round(v * k, 4))) for c, v in prev.changes)
        return replace(prev, question=q.question, changes=changes, percentage=changes[0][1], source="context",
                       confidence=max(q.confidence, 0.8), readings=())
    if s is None and prev.amount is not None:
        return replace(prev, question=q.question, amount=round(prev.amount * k, 2), source="context",
                       confidence=max(q.confidence, 0.8), readings=())
    return None


def _new_stop_length(q: RoutedQuery, prev: RoutedQuery, ch: Changes, words: list[str],
                     mentioned: tuple[str, ...]) -> RoutedQuery | None:
    """ "make it 8" after "pause Print for 4 weeks": a stop has no size, so the bare number is the new length."""
    w = prev.window
    if (prev.intent is not Intent.SCENARIO or w is None or w.period is not None or not w.weeks or not prev.changes
            or any(v != -100.0 for _, v in prev.changes) or prev.shift is not None or mentioned or ch.bare_pcts
            or len(ch.bare_nums) != 1 or q.changes or q.window is not None or len([x for x in words if x.isalnum()]) > 6):
        return None
    n = ch.bare_nums[0]
    if not (float(n).is_integer() and 1 <= n <= 520):
        return None
    return replace(prev, question=q.question, window=Window(weeks=int(n)), source="context",
                   confidence=max(q.confidence, 0.8), readings=())


def _own_amounts(ch: Changes, intent: Intent, changes: list[tuple[str, float]], shift: Shift | None,
                 alternatives: tuple[Alternative, ...], level: bool, per: Per | None, per_quarter: bool) -> tuple[tuple[str, float], ...]:
    """Each channel's own money in a what-if, when there is more than one amount or money beside a % change."""
    money = list(dict(ch.amounts).items())
    if shift is not None and intent is Intent.SCENARIO and not alternatives and not level:
        # "move $300k from TV to Social and cut Print by $50k": the money of channels outside the move is their own
        inside = {shift.from_channel, shift.to_channel, *shift.also_to}
        return tuple((c, v) for c, v in money if c not in inside)
    with_pct = [c for c, _ in money if c in dict(changes)]
    if (intent is not Intent.SCENARIO or shift is not None or alternatives or level or with_pct
            or not (len(money) >= 2 or (money and changes))):
        return ()
    k = 4.0 if per_quarter and per == "year" else 1.0   # "$50k a quarter each": four a year, like `amount`
    return tuple((c, v * k) for c, v in money)


def _own_rates(lx: Lexed, money: tuple[tuple[str, float], ...]
               ) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, Per | None], ...]]:
    """Each channel's money with its own rate, when the amounts are said at different rates ("$50k a week into TV and
    $2M a year into Digital"); the money as it was and no rates when they share one (then `amount_per` says it)."""
    rates = amount_rates(lx)
    if len(money) < 2 or not rates:
        return money, ()
    said = [(i, abs(float(t.num))) for i, t in enumerate(lx.toks) if t.kind == "amt"]
    taken: set[int] = set()
    own: list[tuple[str, float, str | None]] = []
    for c, v in money:
        at = next((i for i, x in said if i not in taken and math.isclose(x, abs(v))),
                  next((i for i, x in said if math.isclose(x, abs(v))), None))   # "$2k a day to TV and Radio each"
        if at is None:
            return money, ()   # money summed over moves ("$300k … and another $150k … to Digital"): one rate, as said
        taken.add(at)
        own.append((c, v, rates.get(at)))
    if len({r for _, _, r in own}) < 2:   # one rate for all, `amount_per`'s ("+$2k a day on TV and Radio": seven a week)
        return tuple((c, as_contract_rate(r, v)[1]) for c, v, r in own) if own[0][2] == "day" else money, ()
    contract = [(c, *as_contract_rate(r, v)) for c, v, r in own]
    return tuple((c, v) for c, _, v in contract), tuple((c, p) for c, p, _ in contract)


_AMOUNT_FOLLOW_UP = frozenset({"make", "it", "what", "about", "how", "and", "try", "say", "instead", "then", "if", "we",
                               "had", "have", "with", "or", "ok", "okay", "now", "so", "let", "us", "lets", "go", "for"})


def _scaled_last_budget(prev: RoutedQuery, q: RoutedQuery, words: list[str], pcts: list[float],
                        mentioned: tuple[str, ...]) -> Budget | None:
    """ "20% less than that?" after a plan of a stated amount (a total, a rate or an increment): that amount moved by
    the share said, its kind and period kept; None unless the follow-up says only a share and its direction (not a
    limit's: "no channel moves more than 25% either way" bounds the plan, the budget stays)."""
    b = prev.budget
    if (prev.intent is not Intent.OPTIMIZATION or b is None or b.kind == "ratio" or q.budget is not None
            or q.amount is not None or mentioned or q.shift is not None or len(pcts) != 1 or q.constraints
            or len([w for w in words if w.isalnum()]) > 9):
        return None
    down, up = bool(set(words) & LESS_WORDS), bool(set(words) & MORE_WORDS)
    if down == up or not 0 < abs(pcts[0]) < (100 if down else 1000):
        return None
    factor = 1.0 + (-abs(pcts[0]) if down else abs(pcts[0])) / 100.0
    return Budget(b.kind, round(b.amount * factor, 2), b.per)


_SAME_AGAIN = _AMOUNT_FOLLOW_UP | {"same", "thing", "but", "the", "again", "please", "do", "this", "that", "one", "scenario",
                                   "a", "per", "each", "every", "week", "month", "year", "day", "weekly", "monthly"}


def _new_amount_for_last(q: RoutedQuery, prev: RoutedQuery, words: list[str], mentioned: tuple[str, ...]
                         ) -> RoutedQuery | None:
    """ "Same thing with $400k." after "Model adding $200k to Social": the last what-if at the new amount (not a plan of
    $400k). Only when the follow-up says an amount and nothing else of its own (no channel, change or plan word):
    `words` are the question's plain words (its amounts, channels and sizes are tokens of their own)."""
    money = q.budget if q.budget is not None and q.budget.kind in ("total", "rate") else None
    said = q.amount if q.amount is not None else (money.amount if money is not None else None)
    if (prev.intent is not Intent.SCENARIO or prev.amount is None or prev.amounts or prev.shift is not None
            or prev.scenarios or prev.level or not prev.channels or said is None or mentioned or q.changes
            or q.shift is not None or any(w.isalpha() and w not in _SAME_AGAIN for w in words)):
        return None
    size = math.copysign(abs(said), prev.amount)
    per = q.amount_per or (money.per if money is not None else None) or prev.amount_per
    return replace(prev, question=q.question, amount=size, amount_per=per, source="context",
                   confidence=max(q.confidence, 0.8), readings=())


def _bare_budget(q: RoutedQuery, prev: RoutedQuery, nums: list[float], words: list[str]) -> float | None:
    """A bare number after a plan with a stated amount is a new amount in the same unit: "make it 3" after
    "$2M" is $3M, "and 500?" after "$2M" is $500k (the unit that keeps it nearest the last amount)."""
    b = prev.budget
    if (prev.intent is not Intent.OPTIMIZATION or b is None or b.kind == "ratio" or q.budget is not None
            or q.amount is not None or q.changes or q.channels or len(nums) != 1 or nums[0] <= 0
            or any(w.isalpha() and w not in _AMOUNT_FOLLOW_UP for w in words)):
        return None   # "and the top 3?" is not $3M
    base = abs(b.amount)
    return min((nums[0] * unit for unit in (1e6, 1e3, 1.0)), key=lambda v: abs(math.log(v / base)) if base else 0.0)


_INTO_CH = re.compile(r"\b(?:to|into|onto|towards|over to|in) (?:the |our )?CH\b")
_NEW_MONEY = re.compile(r"(?:what if (?:we )?|let us |lets |let's |can we |could we |should we )?(?:add|adding|invest|investing)\b")
_BACK_REF = re.compile(r"\b(?:that|it|this|instead|those|the (?:savings|money|cut|difference))\b")
# "what does an extra $500k in Influencer buy us?" after a move: new money on one channel, not the move sent there
_EXTRA_MONEY = re.compile(r"\b(?:extra|additional|another|incremental) AMT\b|\bAMT (?:extra|more|additional)\b")


def _moved_from_last(q: RoutedQuery, prev: RoutedQuery, words: list[str], surface: str,
                     mentioned: tuple[str, ...]) -> RoutedQuery | None:
    """ "And if instead of cutting it we moved that 30% into Digital?" after "cut Radio 30%": the money leaves
    the last what-if's channel for the one named (a shift), at the size stated or the last one."""
    # the last cut in money ("cut Print by $500k"; "put that $500k into Digital instead") has no % change
    cut_in_money = (not prev.changes and prev.amount is not None and prev.amount < 0 and len(prev.channels) == 1
                    and prev.shift is None and not prev.amounts)
    if (q.intent is not Intent.SCENARIO or q.shift is not None or q.scenarios or len(mentioned) != 1
            or (len(prev.changes) != 1 and not cut_in_money) or not (set(words) & MOVE) or not _INTO_CH.search(surface)
            or not _BACK_REF.search(" ".join(words))):
        return None
    source, last_pct = prev.changes[0] if prev.changes else (prev.channels[0], -100.0)
    target = mentioned[0]
    if source == target or last_pct >= 0:
        return None
    if cut_in_money and q.percentage is None:
        moved = abs(q.amount) if q.amount is not None and "AMT" in surface.split() else abs(float(prev.amount or 0.0))
        own = q.amount is not None and "AMT" in surface.split()
        return replace(q, channels=(source, target), shift=Shift(source, target, amount=moved), changes=(),
                       percentage=None, amount=-moved, window=q.window or prev.window, source="context",
                       amount_per=q.amount_per if own else prev.amount_per,   # "$3k a week" stays a week's
                       confidence=max(q.confidence, 0.8))
    if q.amount is not None and q.percentage is None:
        # "put $50k into Digital instead": the amount said replaces the last size, it is not moved beside it
        moved = abs(q.amount)
        return replace(q, channels=(source, target), shift=Shift(source, target, amount=moved), changes=(),
                       percentage=None, amount=-moved, source="context", confidence=max(q.confidence, 0.8))
    pct = abs(q.percentage) if q.percentage is not None else abs(last_pct)
    if not 0 < pct <= 100:
        return None
    return replace(q, channels=(source, target), shift=Shift(source, target, pct), changes=((source, -pct),), percentage=-pct,
                   source="context", confidence=max(q.confidence, 0.8))


# "radio->digital", "from Radio to Digital", "tv → social": a move's two ends said alone (the arrow's ">" is dropped),
# with only words that restate or correct around them ("nvm meant …", "and … instead?")
_ENDS_SAID = re.compile(r"(?:^|\s)(?:from )?CH (?:- |to |into |-> |→ |> )?CH\b")
_RESTATING = frozenset({"nvm", "never", "mind", "meant", "mean", "i", "sorry", "actually", "no", "nah", "oops", "wait",
                        "instead", "then", "and", "what", "about", "how", "rather", "make", "it", "that", "from", "to",
                        "into", "please", "pls", "correction", "ok", "okay", "so", "try", "the", "other", "way", "say"})


_OPTION_LABEL = re.compile(r"^\W*(?:scenario|option|alternative|plan)\s*(?P<l>[a-d1-4])\b\W", re.IGNORECASE)


def _next_option(text: str, last: RoutedQuery | None) -> bool:
    """The message opens on the option label after the one the last what-if opened on ("Option 2:" after "Option 1:")."""
    now = _OPTION_LABEL.match(text)
    before = _OPTION_LABEL.match(last.question) if last is not None and isinstance(last.question, str) else None
    if now is None or before is None or last is None or last.intent is not Intent.SCENARIO or last.scenarios:
        return False
    order = "abcd" if before.group("l").lower() in "abcd" else "1234"
    a, b = before.group("l").lower(), now.group("l").lower()
    return a in order and b in order and order.index(b) == order.index(a) + 1


def _move_restated(q: RoutedQuery, prev: RoutedQuery, lx: Lexed) -> RoutedQuery | None:
    """ "nvm meant radio->digital" after "move 10% of TV to Digital": the last move (its size kept) between the two
    channels now said, the first the source; only when the message says nothing else of its own (no size, no verb)."""
    s = prev.shift
    chans = [str(t.value) for t in lx.toks if t.kind == "ch"]
    if (s is None or prev.intent is not Intent.SCENARIO or prev.scenarios or not s.sized or len(chans) != 2
            or chans[0] == chans[1] or any(t.kind in ("pct", "amt", "num") for t in lx.toks)
            or any(t.kind == "w" and t.text.isalpha() and t.text not in _RESTATING for t in lx.toks)
            or not _ENDS_SAID.search(lx.surface)):
        return None
    new = replace(s, from_channel=chans[0], to_channel=chans[1], also_to=(), shares=())
    cut = ((chans[0], -s.percentage),) if s.percentage is not None else ()
    return replace(prev, question=q.question, shift=new, channels=(chans[0], chans[1]), changes=cut,
                   percentage=cut[0][1] if cut else None, source="context", confidence=max(q.confidence, 0.8), readings=())


def _redirected(q: RoutedQuery, prev: RoutedQuery, surface: str, mentioned: tuple[str, ...]) -> RoutedQuery | None:
    """ "and into Social instead?" after "shift 20% of TV into Digital": the same money from the same channel,
    to the new one (a new size said with it replaces the old)."""
    s = prev.shift
    # "what if all of it went to Social instead?" after a move split between Social and Digital: one receiver now
    narrowed = s is not None and bool(s.also_to) and mentioned[:1] != (s.from_channel,)
    if (s is None or prev.intent is not Intent.SCENARIO or q.shift is not None or q.scenarios or len(mentioned) != 1
            or (mentioned[0] in (s.from_channel, s.to_channel) and not narrowed) or not _INTO_CH.search(surface)
            or any(c != mentioned[0] for c, _ in q.changes)):
        return None
    if ((q.amount is not None or q.percentage is not None) and (_NEW_MONEY.match(surface) or _EXTRA_MONEY.search(surface))
            and not _BACK_REF.search(surface)):
        return None   # "add $50k to TV" after a move: new money with its own size, not the move sent elsewhere
    pct = abs(q.percentage) if q.percentage is not None and 0 < abs(q.percentage) <= 100 else None
    amount = abs(q.amount) if q.amount is not None and pct is None else None
    new = Shift(s.from_channel, mentioned[0], pct if pct is not None else (s.percentage if amount is None else None),
                amount if amount is not None else (s.amount if pct is None else None))
    size = new.percentage
    return replace(q, intent=Intent.SCENARIO, shift=new, channels=(s.from_channel, mentioned[0]),
                   changes=((s.from_channel, -size),) if size is not None else (),
                   percentage=-size if size is not None else None, amount=-new.amount if new.amount is not None else None,
                   window=q.window or prev.window, source="context", confidence=max(q.confidence, 0.8))


_ANOTHER_OPTION = re.compile(r"\b(?:add|adding|include|including|throw in|also (?:compare|consider|try|test)|and also)"
                             r" (?:\w+ ){0,3}(?:option|options|scenario|scenarios|alternative|alternatives|side|choice)\b"
                             r"|\b(?:a |an )?(?:third|fourth|fifth|another|extra|one more) (?:option|scenario|alternative|choice)\b"
                             r"|\bto the (?:comparison|mix of options|list)\b")


def _one_more_option(q: RoutedQuery, prev: RoutedQuery, words: list[str]) -> RoutedQuery | None:
    """ "Add a third option: cutting Social 10%." after "cut TV 10% vs cut Digital 10%": the comparison grows a side."""
    if not prev.scenarios or q.scenarios or not (q.changes or q.shift) or not _ANOTHER_OPTION.search(" ".join(words)):
        return None
    side = alternative(q.changes if q.shift is None else (), q.shift, q.window)
    scenarios = (*prev.scenarios, side)
    return replace(q, intent=Intent.SCENARIO, scenarios=scenarios, changes=(), percentage=None, shift=None, amount=None,
                   channels=_unique(c for a in scenarios for c in a_channels(a)), source="context",
                   confidence=max(q.confidence, 0.8))


_IN_PLACE = re.compile(r"\bCH ,? ?(?:instead of|rather than|in place of|not|and not|but not) CH\b")
_REPLACE = re.compile(r"\b(?:replace|replacing|swap|swapping|switch|switching) CH (?:with|for|by) CH\b")


def _swapped_from_last(q: RoutedQuery, prev: RoutedQuery, lx: Lexed) -> RoutedQuery | None:
    """ "What about Radio instead of Print?" after "double Social and halve Print": the last what-if with Radio
    in Print's place, each channel keeping its own change; "make that from Radio instead of TV" after "move $100k from
    TV to Digital": the same move from Radio (a move's channels, a channel's own money, swapped the same way)."""
    if (prev.intent is not Intent.SCENARIO or q.changes or q.shift or q.scenarios or prev.scenarios
            or not (prev.changes or prev.shift is not None or prev.amounts or prev.amount is not None)
            or len([t for t in lx.toks if t.kind == "w"]) > 8):
        return None
    chans = [str(t.value) for t in lx.toks if t.kind == "ch"]
    if len(chans) != 2:
        return None
    if _IN_PLACE.search(lx.surface):
        new, old = chans
    elif _REPLACE.search(lx.surface):
        old, new = chans
    else:
        return None
    if old not in prev.channels or new in prev.channels:
        return None

    def swap(c: str) -> str:
        return new if c == old else c

    changes = tuple((swap(c), v) for c, v in prev.changes)
    s = prev.shift
    shift = None if s is None else replace(s, from_channel=swap(s.from_channel), to_channel=swap(s.to_channel),
                                           also_to=tuple(swap(c) for c in s.also_to))
    return replace(prev, question=q.question, changes=changes, percentage=changes[0][1] if changes else prev.percentage,
                   channels=tuple(swap(c) for c in prev.channels), shift=shift,
                   amounts=tuple((swap(c), v) for c, v in prev.amounts),
                   amounts_per=tuple((swap(c), p) for c, p in prev.amounts_per),
                   source="context", confidence=max(q.confidence, 0.8), readings=())


_MOVE_WORDS = MOVE | {"take", "taking", "took", "give", "giving", "gave"}
_UNKNOWN_SIDE = re.compile(r"\b(?:to|into|onto|towards|in|on|for) (?:the |our |some )?XCH\b"
                           r"|\b(?:from|out of) (?:the |our )?XCH\b")


_SPEND_WORDS = frozenset({"spend", "spent", "spending", "invest", "invested", "investing", "use", "used", "using"})
_FROM_KNOWN = re.compile(r"\b(?:PCT|AMT|half|some|part|all|most) (?:of )?(?:the |our )?CH\b|\bfrom (?:the |our )?CH\b")


def _moves_unknown(surface: str, words: list[str]) -> bool:
    """Money moved into or out of a channel the data lacks, with a channel of the data on the other side:
    "move 20% of TV into TikTok", "spend half of the Print budget on podcasts"."""
    if "CH" not in surface.split() or not _UNKNOWN_SIDE.search(surface):
        return False
    used = set(words)
    return bool(used & _MOVE_WORDS) or (bool(used & _SPEND_WORDS) and bool(_FROM_KNOWN.search(surface)))


_CHANNEL_INTENTS = frozenset({Intent.ROI, Intent.SATURATION, Intent.CONTRIBUTION, Intent.MODEL_QUALITY})
# "and more of it?", "even less?": more of the last change or of its opposite, not a way said
_MORE_OF = frozenset({"more", "less", "fewer", "extra", "additional", "further", "even"})
_MEASURES = frozenset({Intent.ROI, Intent.SATURATION, Intent.CONTRIBUTION})   # a figure per channel, to compare on
_COMPARES = re.compile(r"\b(?:compar\w*|vs|versus|against|better|worse|stack up|which)\b")


def _names_the_pair(words: list[str]) -> bool:
    return any(words[i:i + 2] in (["the", "2"], ["the", "two"], ["these", "2"], ["those", "2"]) for i in range(len(words)))


_AGAINST = re.compile(r"\b(?:compare|comparing|contrast|contrasting|vs|versus|against|than|weigh|weighing|instead of) (?:it |that |this )"
                      r"|\b(?:better|worse|smarter|safer) (?:\S+ ){0,7}instead\b"
                      r"|\b(?:is|would|will) (?:that|this|it) (?:be )?(?:any )?(?:worse|better|smarter|safer|riskier)\b"
                      # "how does that compare with just pausing Print?"
                      r"|\b(?:that|this|it) (?:\w+ ){0,2}(?:vs|versus|against|compared? (?:to|with)|compares (?:to|with)|or|than)\b")


# "instead of just cutting it, put that $500k into Digital": the cut's money sent on (a move), not a comparison
_INSTEAD_OF_THE_CUT = re.compile(r"\binstead of (?:just |simply |only |merely )?(?:cutting|reducing|trimming|pausing|stopping|dropping"
                                 r"|saving|pocketing|banking|the cut|the saving|the savings)\b(?:(?! or | vs | versus ).)*"
                                 r"\b(?:put|putting|move|moving|shift|shifting|send|sending|reallocate|reallocating|redirect"
                                 r"|redirecting|invest|investing|reinvest|reinvesting|give|giving) ")


def _against_that(words: list[str]) -> bool:
    """ "compare that with cutting Radio", "is that better than ...", "versus doubling Print?": the last answer
    is one side."""
    text = " ".join(words)
    if _INSTEAD_OF_THE_CUT.search(text):
        return False
    return bool(_AGAINST.search(text) or _VERSUS_LEAD.match(text))


def _with_last(last: RoutedQuery, changes: list[tuple[str, float]], shift: Shift | None,
               window: Window | None, amounts: tuple[tuple[str, float], ...] = ()) -> tuple[Alternative, ...]:
    """The last what-if and the new change, each with its weeks (the new one's own, else the last one's)."""
    last_amounts = money_of(last)
    if last.intent is not Intent.SCENARIO or not (last.changes or last.shift or last_amounts) or last.scenarios:
        return ()
    mine = window or last.window
    labelled = mine != last.window
    return (alternative(last.changes, last.shift, last.window, with_window=labelled, amounts=last_amounts,
                        level=last.level),
            alternative(tuple(dict(changes).items()), shift, mine, with_window=labelled, amounts=amounts))


# "which channel has the highest ROI and can it take more?": "it" points inside the question, not back.
_OWN_ANTECEDENT = re.compile(r"\b(?:which|what|the best|the top|the highest|the lowest|the worst|the most|the least) "
                             r"(?:\w+ ){0,2}(?:channel|channels|media|medium|one)\b"
                             # "does this cover TikTok at all?": "this" is the tool and its data, not the last answer
                             r"|\b(?:does|do|can|will|would) this (?:even )?(?:cover|covers|support|supports|handle|handles"
                             r"|track|tracks|measure|measures|know about)\b"
                             # "what would it take to add $1M in sales?": the dummy "it" of "take", no channel
                             # ("what would it take to double it?" still points at the last answer's channel)
                             r"|\b(?:would|will|does|did|do|could|might) it (?:take|cost|need)\b(?!.*\b(?:it|its|them|that|this)\b)")

# "does this model make sense before I present it?": "it" is a thing the question names itself, not the last answer
_OWN_THING = re.compile(r"\b(?:this|the|our|my) (?:model|mmm|analysis|data|dataset|report|deck|file|tool)\b(?:\W+\w+){0,8}\W+(?:it|this)\b")
_VERSUS_LEAD = re.compile(r"(?:and |or |but )?(?:vs|versus|against|compared (?:to|with)|as opposed to|rather than|instead of)\b")

_WHICH = re.compile(r"\b(?:the|these|those|both) (?:2|two)\b|\bwhich (?:wins|won|comes out ahead|comes out on top|does better|"
                    r"performs better|is the winner)\b|\bwhich (?:one|option|scenario|move|plan|of them|of those|of these|"
                    r"is (?:the )?(?:better|best|smarter|safer|wiser))\b|\bboth options\b")


_WHICH_OF_TWO = re.compile(r"\bwhich (?:one |option |of (?:the |them |those |these )?(?:two |2 )?)?(?:is |would be |will be |s )?"
                          r"(?:less bad|less painful|less damaging|hurts? (?:less|more)|costs? (?:less|more)|loses? (?:less|more)"
                          r"|better|worse|the better|the worse|the lesser evil|the smaller hit|smarter|safer)\b")


def _asks_which(words: list[str]) -> bool:
    """ "which of the two is the better bet?", "which one wins?": a choice between the last two answers."""
    return bool(_WHICH.search(" ".join(words)))


def a_channels(a: Alternative) -> tuple[str, ...]:
    """Channels one side of a comparison touches."""
    return (a.shift.from_channel, a.shift.to_channel) if a.shift else tuple(c for c, _ in a.changes + a.amounts)


def _together(words: list[str], conv: Conversation, q: RoutedQuery, mentioned: tuple[str, ...]) -> bool:
    """ "both together?" after two what-ifs (or a comparison): do them at once."""
    core = [w for w in words if w.isalnum()]
    # "20% for both?" after a comparison states a new size for each side: a resize, not the sides done at once
    return (len(core) <= 5 and bool(set(core) & TOGETHER) and not q.changes and not mentioned
            and not any(w[:1].isdigit() for w in words)
            and len(conv.recent_changes()) >= 2)


def _follow_up(q: RoutedQuery, prev: RoutedQuery, words: list[str], scores: dict[Intent, float], bare_pcts: list[float],
               referent: tuple[str, ...], pronoun: bool) -> RoutedQuery:
    """Decide whether `q` leans on the previous question and, if so, merge them."""
    own = max(v for i, v in scores.items() if i is not Intent.UNKNOWN)
    if scores[Intent.UNKNOWN] >= 6:
        return q
    lead = is_follow_up_phrase(words)
    if lead and (q.changes or q.shift) and q.channels and not referent and _only_acknowledges(words):
        return q   # "ok move 20% of print into social then": its own channels and sizes, a complete question
    core_words = [w for w in words if w.isalnum()]
    if (lead and (core_words[:1] == ["then"] or "instead" in core_words[:3]) and q.channels and not referent
            and own >= STRONG and (q.intent is not Intent.SCENARIO or q.changes or q.shift is not None)):
        # "Then tell me the ROI of TV and Radio both.", "What if instead we just paused Radio in November?": a question
        # complete in itself (its own channels, its own ask and size) that only replaces the last one
        return q
    if q.unknown_channels and not q.channels:
        # "what about podcasts instead?": the last question of a channel the data lacks; the answer says so
        # (the last question's channels and sizes are not carried onto it)
        return replace(q, intent=Intent.UNKNOWN, source="context") if lead else q
    has_entity = bool(q.channels or bare_pcts or q.period or q.changes or q.amount is not None or q.margin is not None or pronoun)
    weak = own < STRONG or q.intent is Intent.UNKNOWN
    short = len(words) <= 7
    core = [w for w in words if w.isalnum()]
    own_plan = (q.intent is Intent.OPTIMIZATION and q.budget is not None and (not lead or _only_acknowledges(words))
                and bool(_PLAN_CUE.search(" ".join(words))))
    if own_plan:
        return q   # "OK. Where should the next $500k go?": its own budget and plan, nothing borrowed (not even after a plan)
    if (q.constraints and prev.goal is not None and q.goal is None and not lead and not q.changes and q.shift is None
            and _PLAN_CUE.search(" ".join(words))):
        return q   # "keep TV at $3M and optimise the rest" after a goal ("what budget reaches a ROAS of 2?"): a plan
    if core == ["why"] or (q.constraints and prev.intent is Intent.OPTIMIZATION and not q.changes
                           and q.shift is None and q.goal is None and not own_plan):
        # "why?" asks about the last answer; "what if we keep TV fixed?" re-plans the last budget ("how should we
        # split $7M with TV at least $3.5M" states its own budget and plan: a complete question, nothing inherited)
        return merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=referent)
    # "reallocate the budget in Q3 2023" after a what-if is a plan for that quarter, not the what-if moved there
    plan_of_its_own = q.intent is Intent.OPTIMIZATION and not lead and bool(_PLAN_CUE.search(" ".join(words)))
    # "Now the same, but restricted to a 6-week flight.": "the same" says it is the last change, however long
    again = short or (len(core) <= 12 and "same" in core)
    if (prev.intent is Intent.SCENARIO and (prev.changes or prev.shift or prev.scenarios) and again
            and (q.window is not None or q.periods) and not q.channels and not q.changes and q.amount is None
            and (lead or weak or q.intent is Intent.SCENARIO) and not plan_of_its_own):
        # "what if only for 2 weeks?", "and in Q3?" after a what-if: the same change over new weeks
        return merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=referent)
    if plan_of_its_own and prev.intent is Intent.SCENARIO and (q.window is not None or q.periods) and not pronoun:
        return q   # "reallocate the budget in Q3 2023": a plan of its own for its period
    if (lead and short and not has_entity and prev.intent in (Intent.ROI, Intent.CONTRIBUTION, Intent.SATURATION)
            and _UNCERTAINTY.search(" ".join(words))):
        # "and the confidence interval?" after "What's TV ROI?": the same figure's uncertainty, not the model's fit
        return merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=referent)
    if not has_entity:
        # "on the holdout?" after "What's the MAPE?": a bare phrase that only narrows the last question
        fragment = 0 < len(core) <= 4 and core[0] in _NARROWING and (weak or q.intent is prev.intent)
        if (lead and weak and short) or fragment:
            return merge_follow_up(q, prev, new_pct=None, keep_intent=True, referent=referent)
        if len([w for w in words if w.isalnum()]) <= 2 and prev.channels and q.intent in _CHANNEL_INTENTS:
            # "marginal?" after a question about Print: the same channel, the new question
            return merge_follow_up(q, prev, new_pct=None, keep_intent=False, referent=prev.channels)
        if lead and core[:1] == ["and"] and "which" in core[:3] and q.intent in _CHANNEL_INTENTS and len(core) <= 12:
            # "And which has the most return for each dollar?" after "Which channel brings the most sales?": the same
            # "which [channel]", a new measure; elliptical, though it borrows nothing
            return replace(q, source="context", confidence=max(q.confidence, 0.8))
        if lead and q.intent is prev.intent and len(core) <= 10:
            # "And the base sales, the ones without any media?" after Digital's contribution: the same kind of question
            # on a new object, read from its own words (no channel borrowed), elliptical all the same
            return replace(q, source="context", confidence=max(q.confidence, 0.8))
        return q
    if not (lead or (weak and short) or (pronoun and referent) or (pronoun and q.intent is prev.intent)):
        return q   # "a more conservative version of that": "that" is the last answer, of the same kind
    if (prev.intent is Intent.TREND and not lead and not pronoun and q.channels and q.intent in _CHANNEL_INTENTS
            and not q.periods and len(core) >= 4):
        return q   # "what does Facebook do for us?" after "what drove 2018?": a question of its own about the channel
    if (len(q.channels) >= 2 and not referent and not q.changes and q.shift is None and not q.scenarios
            and q.amount is None and q.goal is None and q.budget is None and _COMPARES.search(" ".join(words))
            and not (prev.intent in _MEASURES or (prev.intent is Intent.MODEL_QUALITY and prev.channels))):
        # "Compare TV and Search" after "Is my data ready?" or "How have sales trended?": the last answer measured
        # no channel, so there is nothing of it to compare them on; read on its own (their returns)
        return q
    # "What if we double it instead?" after a plan: "it" is the plan's budget (a what-if of no channel has nothing
    # to change), so the plan is made again with the budget multiplied
    budget_times = (prev.intent is Intent.OPTIMIZATION and q.intent is Intent.SCENARIO and not q.channels
                    and not q.changes and bool(MULTIPLIED.search(" ".join(words))))
    keep_intent = weak or q.intent == prev.intent or budget_times
    new_pct = bare_pcts[0] if bare_pcts and not q.changes else None
    if not keep_intent and not lead:
        return q
    return merge_follow_up(q, prev, new_pct=new_pct, keep_intent=keep_intent, referent=referent)


_UNCERTAINTY = re.compile(r"\b(?:confidence|credible|uncertainty|error) (?:interval|intervals|band|bands|range|ranges|bars?)\b"
                          r"|\b(?:interval|intervals|uncertainty|error bars?|margin of error|range|ranges)\b")
_NARROWING = frozenset({"on", "in", "for", "over", "during", "at", "by", "with", "without", "excluding", "including"})


def _only_acknowledges(words: list[str]) -> bool:
    """The follow-up lead is only "ok …" / "… then", with no "and", "too" or "instead" that leans on the last answer."""
    core = [w for w in words if w.isalnum()]
    start = 0
    while start < len(core) and core[start] in SOFT_LEADS:
        start += 1
    end = len(core) - 1 if core and core[-1] == "then" else len(core)
    return (start > 0 or end < len(core)) and not is_follow_up_phrase(core[start:end])


def _decision_entities(intent: Intent, budget: Budget | None, weeks_window: Window | None, horizon: Horizon | None,
                       periods: list[Period], total_pct: float | None,
                       on_total: bool, span: bool = False, joined: bool = False) -> tuple[Budget | None, Window | None, Horizon | None]:
    """Budget, window and horizon belong to decisions only: a budget to a plan, a window to a what-if."""
    periods = [_as_decided(intent, p) for p in periods]
    if intent is Intent.OPTIMIZATION:
        start = periods[0] if len(periods) == 1 else None
        if horizon is None and start is not None and start.onwards and start.granularity in _PARTS_ON \
                and start.index is not None and start.relative is None:
            # "how should we have split it since March?", "$1M from Q3 on": planned over the weeks from the latest
            # such period's start to the data's end
            return budget, Window(period=start), None
        if budget is None and total_pct is not None and on_total:
            budget = ratio_budget(total_pct)
        if horizon is None and periods and periods[0].count is None and not periods[0].onwards:
            # (a start, "from next month onwards", is no stretch: the plan keeps the default horizon)
            horizon = period_horizon(periods[0].granularity, periods[0].relative)
            spanned = _also_changed(periods, span) if joined else ()
            if isinstance(horizon, int) and spanned:
                horizon *= 1 + len(spanned)   # "split $2M over Q1 and Q2": both quarters, 26 weeks
        if horizon is None and weeks_window is not None and weeks_window.period is None and weeks_window.weeks:
            horizon = weeks_window.weeks   # "split $2M over 26 weeks": a plan's stretch of weeks is its horizon
        # (a dated period, "in Q3 2023" or "for Q1 2026", is the assistant's to place: in the data or ahead of it)
        named = [p for p in periods if p.index is not None and p.relative is None and p.count is None and p.year is None
                 and p.granularity in ("quarter", "month", "half", "season")]
        if named and len(named) == len(periods) and isinstance(horizon, int):
            # "We got extra 500k for Q4": a plan for a named part of the year is solved over that part (the most
            # recent one in the data, with its season), its length as the horizon
            also = _also_changed(periods, span) if joined else ()
            return budget, Window(period=_first_of_span(periods) if also else periods[0], also=also), horizon
        return budget, None, horizon
    if intent is Intent.SCENARIO:
        window = weeks_window or _next_weeks(periods)
        past = [p for p in periods if p.relative != "next"]    # "next quarter" is a horizon, not a window in the data
        recent = next((p for p in past if p.granularity == "week" and p.relative in ("last", "this") and p.index is None), None)
        if window is None and recent is not None:
            # "for the last 8 weeks": the data's last weeks; "the last 2 weeks of Q4": the end of that period
            inside = [p for p in past if p is not recent and p.granularity not in ("week", "year") and p.count is None]
            n = recent.count or 1
            window = Window(weeks=n, period=inside[0], anchor="end") if len(inside) == 1 else Window(weeks=n)
        if window is None:
            window = _from_within_year(past)
        if window is None and past:
            also = _also_changed(past, span) if joined and len(past) == len(periods) else ()
            window = Window(period=_first_of_span(past) if also else past[0], also=also)
        elif weeks_window is not None and weeks_window.period is None and weeks_window.weeks and len(past) == 1 \
                and past[0].granularity != "week" and past[0].count is None \
                and (past[0].granularity != "year" or (past[0].year is not None and past[0].relative is None)):
            # "stop TV for a fortnight in November", "the last 2 weeks of Q4": those weeks inside the period
            window = Window(weeks=weeks_window.weeks, period=past[0], anchor=weeks_window.anchor or "start")
        return None, window, horizon
    return None, None, horizon if horizon == "all" else None   # ROI and contribution are over the whole period


def _from_within_year(past: list[Period]) -> Window | None:
    """ "In 2023, what if TV had been 10% lower from October on?": a start said with a year named apart is that
    year's, and the change runs to the year's end (October to December 2023: the months as one window); a week's or a
    season's start runs from then on. None unless the question names exactly one year and one such start."""
    years = [p for p in past if p.granularity == "year" and p.index is None and p.year is not None and p.relative is None
             and not p.onwards]
    starts = [p for p in past if p.onwards and p.year is None and p.relative is None and p.index is not None]
    if len(past) != 2 or len(years) != 1 or len(starts) != 1:
        return None
    year, start = years[0].year, starts[0]
    per = {"month": 12, "quarter": 4}.get(start.granularity)
    if per is None:
        return Window(period=replace(start, year=year))
    first = Period(start.granularity, start.index, year)
    return Window(period=first, also=tuple(Period(start.granularity, k, year) for k in range((start.index or per) + 1, per + 1)))


_UNIT_WEEKS = {"week": 1.0, "month": 52 / 12, "quarter": 13.0}
_PARTS_ON = frozenset({"month", "quarter", "season", "week"})   # a plan from one of these on: the weeks from its start


_INTERVAL_WORDS = frozenset({"interval", "intervals", "ci", "cis", "credible", "confidence", "prediction", "uncertainty",
                             "certainty", "bands", "band", "quantile", "percentile"})


def _levels_of_confidence(lx: Lexed) -> None:
    """ "that plan and its 90% interval", "with a 95% CI": the percentage is how sure, not a change of spend, so no
    reader takes it as one (it was read as a +90% what-if)."""
    toks = lx.toks
    hit = False
    for k, t in enumerate(toks):
        if t.kind == "pct" and not t.used and any(u.kind == "w" and u.text in _INTERVAL_WORDS for u in toks[k + 1:k + 3]):
            t.used = hit = True
    if hit:
        lx.refresh()


def _bare_sizes_as_percentages(lx: Lexed) -> None:
    """ "cut digital 10 or 20, which better": two bare sizes offered for one change on a channel are percentages
    (as the one bare size of "cut print 50" is), when the question gives no other size."""
    toks = lx.toks
    if any(t.kind in ("pct", "amt") for t in toks):
        return
    for i in range(len(toks) - 2):
        a, join, b = toks[i], toks[i + 1], toks[i + 2]
        if not (a.kind == "num" and b.kind == "num" and join.kind == "w" and join.text in ("or", "vs", "versus")):
            continue
        before = toks[max(0, i - 4):i]
        if not (any(t.kind == "ch" for t in before) and any(t.kind == "w" and t.text in CHANGE_WORDS for t in before)):
            continue
        if all(not t.signed and float(t.num).is_integer() and 1 <= t.num <= 100 for t in (a, b)):
            for t in (a, b):
                t.kind = "pct"
            lx.refresh()
            return

# "sales were down 15%", "revenue fell 20% in March": an outcome's move, said of the past
_OUTCOME_MOVE = re.compile(r"\b(?:sales|revenue|revenues|turnover|profits?)\b (?:were |was |have |has |had |went |got |did |is |are )?"
                           r"(?:been |go |get |going |gone |coming |come )?(?P<d>up|down|fell|fall|rose|rise|dropped|drop|grew|grow|declined|decline|jumped|"
                           r"slipped|slumped|increased|decreased|dipped|shrank|higher|lower)(?: by)? (?:about |around |almost |nearly |"
                           r"over |some |roughly )?PCT")
_PAST_VERB = frozenset({"fell", "rose", "dropped", "grew", "declined", "jumped", "slipped", "slumped", "increased", "decreased",
                        "dipped", "shrank", "were", "was", "did", "went", "why"})
_HYPOTHESIS = re.compile(r"\b(?:what if|if we|if i|if you|suppose|supposing|imagine|assuming|would|need|needs|want|wants|"
                         r"target\w*|goal|aim\w*|grow|reach|achieve|to get|plan|should|could|can we|how much|how do we)\b")


def _outcome_moved(lx: Lexed, words: list[str], periods: list[Period]) -> bool:
    """ "Total sales down 15% last year?", "Why were sales up 10% in Q4?": a move of sales said of the past is a
    question about what happened (a trend), never a budget change or a sales target; its percentage is marked used."""
    m = _OUTCOME_MOVE.search(lx.surface)
    if m is None or _HYPOTHESIS.search(" ".join(words)):
        return False
    past = any(p.relative in ("last", "previous", "this", "to_date") or (p.relative is None and p.count is None)
               for p in periods)
    if not (past or set(words) & _PAST_VERB):
        return False
    lx.use(m)
    return True


_SPAN_WORDS = re.compile(r"\b(?:through|thru|until|till|til|from \S+ to|between \S+ and)\b")


def _also_changed(past: list[Period], span: bool) -> tuple[Period, ...]:
    """ "pause TV in Jan and Feb", "cut Radio from Q2 through Q4": a what-if over several periods of one kind
    (no comparison was read, so they are one window) changes all of them; a span fills the periods between."""
    first = past[0]
    year = past[-1].year   # "Nov and Dec 2023": the year said once is every period's
    if year is not None and first.year is None:
        first = Period(first.granularity, first.index, year)
    same = [p for p in past[1:] if p.granularity == first.granularity and p.index is not None and p.relative is None
            and p.count is None and p.year in (None, year)]
    same = [Period(p.granularity, p.index, year) for p in same]
    if first.index is None or first.relative is not None or first.count is not None or len(same) != len(past) - 1 \
            or first.granularity not in ("month", "quarter", "half", "season"):
        return ()
    if span and len(same) == 1:
        per = _PER_YEAR[first.granularity]
        steps = ((same[0].index or first.index) - first.index) % per
        return tuple(Period(first.granularity, (first.index + k - 1) % per + 1, first.year) for k in range(1, steps + 1))
    return tuple(dict.fromkeys(p for p in same if p != first))


def _first_of_span(past: list[Period]) -> Period:
    """The first period, with the year said once at the end ("Nov and Dec 2023")."""
    return past[0] if past[0].year is not None or past[-1].year is None else Period(past[0].granularity, past[0].index, past[-1].year)


def _as_decided(intent: Intent, p: Period) -> Period:
    """A decision's "from July" starts a change that runs to the end of the horizon (`Period.onwards`: the assistant
    changes the weeks from the latest such July on), as "since March" and "starting in the autumn" do; outside a
    decision a bare "from March" stays the month ("sales from March")."""
    if intent in (Intent.SCENARIO, Intent.OPTIMIZATION) and p.from_said and p.relative is None and not p.onwards:
        return replace(p, onwards=True)
    if intent in (Intent.SCENARIO, Intent.OPTIMIZATION) and p.granularity == "season" and p.relative == "this":
        return replace(p, relative=None)   # "pause TV this summer": the summer window, as "over the summer"
    return p


def _next_weeks(periods: list[Period]) -> Window | None:
    """ "for the next six weeks", "over the next 2 months", "for the next month": a stretch from now is the
    what-if's weeks ("next quarter" alone stays a horizon: a plan's season, not a count of weeks)."""
    for p in periods:
        count = p.count or (1 if p.granularity in ("week", "month") else None)
        if p.relative == "next" and count and p.granularity in _UNIT_WEEKS and not p.onwards:
            weeks = 4 if (p.granularity == "month" and count == 1) else round(count * _UNIT_WEEKS[p.granularity])
            if 0 < weeks:   # longer than the data: kept, for the assistant to say so
                return Window(weeks=weeks)
    return None


def _coverage(lx: Lexed, intent: Intent) -> float:
    """Share of the question's content words the reading explains: read by an entity reader, a
    change verb, or one of the intent's own phrases. Everyday words do not count either way."""
    covered = rules.spans(lx.surface, intent)
    content = explained = 0
    for t, start in zip(lx.toks, lx.starts):
        if t.kind != "w" or not t.text.isalpha() or len(t.text) < 3 or t.text in COMMON:
            continue
        content += 1
        if t.used or t.text in CHANGE_WORDS or any(a <= start < b for a, b in covered):
            explained += 1
    return 1.0 if content == 0 else explained / content


_CHANNEL_NOUNS = frozenset({"channels", "media", "variables", "lines", "levers", "channel"})
_EVERY = frozenset({"all", "each", "every"})


def _counts_every_channel(lx: Lexed, n_channels: int) -> bool:
    """ "for all five media variables", "each of the 5 channels": every channel, counted, so each is listed
    ("across the five channels" only says where a plan may move money, and names none)."""
    toks = lx.toks
    for i, t in enumerate(toks):
        if t.kind != "num" or t.used or t.signed or t.value != n_channels or i == 0:
            continue
        lead = [u.text for u in toks[max(0, i - 3):i] if u.kind == "w"]
        after = [u.text for u in toks[i + 1:i + 4] if u.kind == "w"]
        if (lead and (lead[-1] in _EVERY or (lead[-2:] in (["of", "the"], ["of", "our"]) and set(lead) & _EVERY))
                and any(w in _CHANNEL_NOUNS for w in after[:3])):
            return True
    return False


def _copy(lx: Lexed) -> Lexed:
    """A copy to read from without marking the question's own words."""
    out = Lexed([Tok(t.kind, t.text, t.value, t.signed, t.frac, t.used) for t in lx.toks])
    out.refresh()
    return out


def _named(lx: Lexed) -> tuple[str, ...]:
    """Channels the question names as channels: "Meta says 4.2x" is the platform speaking and "plug into Google
    Analytics" a tool, not questions about a channel; "… says Instagram returned 5x", "4.2x ROAS on Instagram" name
    the channel whose return is disputed."""
    toks = lx.toks
    return _unique(str(t.value) for k, t in enumerate(toks)
                   if t.kind == "ch" and (not is_platform(t.text) or _its_result(toks, k)))


# the return a platform's channel made: "Instagram returned 5x", "ROAS on Instagram", "Facebook's ROI"
_RESULT_WORDS = frozenset({"roas", "roi", "return", "returns", "returned", "returning", "delivered", "delivers",
                           "drove", "drives", "generated", "generates", "performed", "performs", "performance"})


def _its_result(toks: list[Tok], k: int) -> bool:
    after = [t.text for t in toks[k + 1:k + 3] if t.text != "s"][:1]
    return bool(set(after) & _RESULT_WORDS) or (k >= 2 and toks[k - 1].text in ("on", "for", "of", "from")
                                                 and bool({t.text for t in toks[max(0, k - 4):k - 1]} & _RESULT_WORDS))


def _unknown(lx: Lexed) -> tuple[str, ...]:
    """The channels named that the data lacks, one per channel however often and however it is said ("podcast ads …
    podcasts" is one Podcast, as first said)."""
    seen: dict[str, str] = {}
    for t in lx.toks:
        if t.kind == "xch":
            seen.setdefault(family_key(str(t.value)), str(t.value))
    return tuple(seen.values())


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
