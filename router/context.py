"""Conversation memory, so "and radio?" and "what about 30%?" are read against the previous question."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from router.budget import period_horizon
from router.compare import alternative
from router.types import Alternative, Budget, Constraint, Horizon, Intent, Period, RoutedQuery, Shift, Window

# The seed data's channels; used only when route() is called without a Conversation.
DEFAULT_CHANNELS: tuple[str, ...] = ("TV", "Radio", "Digital", "Print", "Social")
MAX_TURNS = 10

_LEADS = (
    ("and",), ("what", "about"), ("how", "about"), ("now",), ("ok",), ("also",),
    ("or",), ("instead",), ("then",), ("but",), ("what", "if", "instead"), ("and", "what", "about"),
    ("try",), ("repeat",), ("redo",), ("do", "the", "same"), ("again",), ("ditto",), ("likewise",),
)
_TRAILS = (("instead",), ("too",), ("as", "well"), ("then",), ("again",))
PRONOUNS = frozenset({"it", "that", "this", "them", "those", "they", "its", "their", "one", "winner"})
# "this model", "that data": a demonstrative before these nouns points at the analysis as a whole,
# not at the previous answer's channel.
NOT_BACK = frozenset({"model", "models", "data", "dataset", "question", "file", "week", "weeks", "month",
                      "quarter", "year", "period", "time", "tool", "assistant", "mmm", "approach", "method"})
# After "same", these words make it a follow-up ("same for radio"); "same budget" is a complete phrase.
_SAME_NEXT = frozenset({"for", "again", "thing", "but", "with", "question", "here", "as", "please", "on", "?", "one"})
# "(run) the same plan / scenario / split …": the last answer's question named as such
_SAME_THING = frozenset({"plan", "scenario", "split", "allocation", "constraints", "limits", "bounds", "setup", "exercise",
                         "analysis", "optimisation", "optimization", "rules", "mix", "what"})
_BEFORE_SAME = frozenset({"the", "run", "do", "redo", "now", "ok", "okay", "so", "then", "try", "please", "rerun"})
# A new topic: nothing is inherited, however short the question.
_NEW_TOPIC = (("separate", "question"), ("new", "question"), ("different", "question"), ("another", "question"),
              ("other", "thing"), ("unrelated",), ("new", "topic"), ("different", "topic"), ("other", "topic"),
              ("change", "of", "topic"), ("switching", "gears"), ("on", "another", "note"), ("different", "thing"),
              ("separately",), ("on", "a", "different", "note"), ("on", "a", "separate", "note"), ("unrelated", "question"),
              ("changing", "the", "subject"), ("change", "the", "subject"), ("other", "question"), ("other", "subject"),
              ("different", "subject"), ("new", "subject"))
TOGETHER = frozenset({"both", "together", "combined", "combine", "combination", "simultaneously"})


@dataclass
class Conversation:
    """The loaded data's channel names plus the last few routed questions.

    `channels` are display names and the only source of channel names the
    router knows; `focus` is the channel the last answer named (e.g. the
    highest-ROI one), so "increase it by 20%" can find it.
    """

    channels: tuple[str, ...] = DEFAULT_CHANNELS
    history: list[RoutedQuery] = field(default_factory=list)
    focus: str | None = None
    geos: tuple[str, ...] = ()     # the data's market names, when it is a panel (router.geos)
    # the channels earlier answers ranked, by kind ("roi" best first, "saturation" most saturated first, "saturated"
    # those called saturated, "contribution" largest first), as the assistant passes them: "the best one", "the top
    # two", "the saturated ones" name them (`router.picks.named_by_rank`); the router never ranks by itself
    rankings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    controls: tuple[str, ...] = ()   # the data's control columns ("price", "promo_flag"), for router.controls

    def __post_init__(self) -> None:
        self.channels = tuple(str(c) for c in self.channels if str(c).strip())

    @property
    def last(self) -> RoutedQuery | None:
        """The previous routed question, or None at the start."""
        return self.history[-1] if self.history else None

    def remember(self, q: RoutedQuery, focus_channel: str | None = None,
                 ranked: Mapping[str, Sequence[str]] | None = None) -> None:
        """Record an answered question; `focus_channel` is the channel the answer named. An aside about the model
        that names no channel ("how sure are you?") keeps the channel in focus: "cut it by 30%" after it is still
        the channel the chat was about. An undo with nothing left to undo changes nothing, so it is not kept."""
        if q.limit is not None and q.limit.kind == "nothing_to_undo":
            return
        self.history.append(q)
        del self.history[:-MAX_TURNS]
        if focus_channel in self.channels or not _aside(q):
            self.focus = focus_channel if focus_channel in self.channels else None
        for kind, names in (ranked or {}).items():   # the latest answer of each kind is the one meant
            self.rankings[kind] = tuple(c for c in names if c in self.channels)

    def reset(self) -> None:
        """Forget the conversation (the chat command `reset`)."""
        self.history.clear()
        self.focus = None
        self.rankings.clear()

    def past_aside(self) -> Conversation:
        """This conversation seen from before its last turn when that turn is an aside about the model ("how sure
        are you?"), so "make it 30" after it resizes the what-if before it; else itself."""
        if len(self.history) < 2 or not _aside(self.history[-1]):
            return self
        return Conversation(channels=self.channels, history=self.history[:-1], focus=self.focus, geos=self.geos,
                            rankings=self.rankings, controls=self.controls)

    def referent(self) -> tuple[str, ...]:
        """What "it" points at: the answer's focus channel, else the channels of the last question that named any,
        looking past asides about the model ("how sure are you?")."""
        if self.focus:
            return (self.focus,)
        for q in reversed(self.history):
            if q.channels or not _aside(q):
                return q.channels
        return ()

    def recent_channels(self, n: int = 2) -> tuple[str, ...]:
        """Channels of the last `n` questions, oldest first ("which of the two…?")."""
        return tuple(dict.fromkeys(c for q in self.history[-n:] for c in q.channels))

    def recent_changes(self) -> tuple[tuple[str, float], ...]:
        """ "both together?": the last comparison's sides, else the last two what-ifs' changes, as one plan."""
        last = self.last
        if last is not None and last.scenarios:
            return tuple(dict(c for a in last.scenarios for c in a.changes).items())
        whatifs = [q for q in self.history[-2:] if q.intent is Intent.SCENARIO and q.changes]
        return tuple(dict(c for q in whatifs for c in q.changes).items()) if len(whatifs) == 2 else ()

    def recent_alternatives(self) -> tuple[Alternative, ...]:
        """ "which of the two is the better bet?": the last comparison's sides, else the last two what-ifs, each as
        one side, oldest first."""
        last = self.last
        if last is not None and last.intent is Intent.SCENARIO and len(last.scenarios) >= 2:
            return last.scenarios
        whatifs = [q for q in self.history[-2:] if q.intent is Intent.SCENARIO and (q.changes or q.shift or money_of(q))
                   and not q.scenarios]
        if len(whatifs) != 2:
            return ()
        labelled = len({q.window for q in whatifs}) > 1    # "pause TV 2 weeks" vs "… 6 weeks": the window tells them apart
        return tuple(alternative(q.changes, q.shift, q.window, with_window=labelled, amounts=money_of(q), level=q.level)
                     for q in whatifs)

    def recent_questions(self, n: int = 4) -> list[tuple[str, str]]:
        """(question, intent) pairs of the last `n` turns, oldest first, for the Claude prompt."""
        return [(q.question, q.intent.value) for q in self.history[-n:]]


def money_of(q: RoutedQuery) -> tuple[tuple[str, float], ...]:
    """ "If we cut Print by $250k": a what-if sized in money on its channel(s), as one side of a comparison ("compare
    that with …", or "which of the two hurts less?" after it and "the same cut on Print")."""
    if q.changes or q.shift is not None:
        return ()
    if q.amounts:
        return q.amounts
    return ((q.channels[0], q.amount),) if q.amount is not None and len(q.channels) == 1 else ()


# Questions about the model or the data as a whole: said between two questions about a channel, they do not change
# which channel "it" is
ASIDES = frozenset({Intent.MODEL_QUALITY, Intent.DATA_OVERVIEW, Intent.HELP})


def _aside(q: RoutedQuery) -> bool:
    return q.intent in ASIDES and not q.channels


def is_new_topic(words: list[str]) -> bool:
    """ "Separate question: …", "other thing: …": the question says it stands alone."""
    text = f" {' '.join(words)} "
    return any(f" {' '.join(p)} " in text for p in _NEW_TOPIC)


_EXPLETIVE_NEXT = frozenset({"possible", "worth", "true", "likely", "feasible", "realistic", "wise", "smart", "ok",
                             "okay", "better", "best", "fair", "safe", "sensible", "right", "normal", "common"})


# "the contribution share of each?", "ROI of both": a quantifier standing alone points at the last channels, all of them.
EACH = frozenset({"each", "both", "either"})


def is_each(words: list[str], i: int) -> bool:
    """words[i] is "each"/"both" standing for the channels just discussed, not "each channel"."""
    if words[i] not in EACH:
        return False
    rest = [w for w in words[i + 1:i + 3] if w]
    return (not rest or rest[0] in _EACH_NEXT
            or rest[:2] in (["of", "them"], ["of", "those"], ["of", "these"]))


# After "each"/"both", these words show it stands alone ("cut both by 10%"), not before a noun ("both channels").
_EACH_NEXT = frozenset({"?", ".", "!", ",", "then", "please", "one", "by", "in", "at", "to", "for", "over", "during",
                        "equally", "instead", "too", "again"})


def is_pronoun(words: list[str], i: int) -> bool:
    """words[i] refers back ("cut it", "how sure is that estimate?"), unlike "this model" or "is it possible"."""
    if is_each(words, i):
        return True
    if words[i] not in PRONOUNS:
        return False
    if words[i] == "it" and i + 1 < len(words) and words[i + 1] in _EXPLETIVE_NEXT:
        return False
    if words[i] == "one" and i > 0 and words[i - 1] in _NEW_ONE:
        return False   # "quick one: is the data complete?": a new question announced, not the last answer's channel
    if words[i] == "one" and ((i > 0 and words[i - 1] in ("a", "an", "in")) or words[i + 1:i + 2] and words[i + 1] in _ONE_UNIT):
        return False   # "a one-paragraph summary", "in one sentence", "one slide": a count, not the last answer's channel
    if (words[i] == "one" and i > 0 and words[i - 1] in _COUNT_LEAD and words[i + 1:i + 2]
            and words[i + 1].isalpha() and words[i + 1] not in _EACH_NEXT):
        return False   # "tell me one joke": a count before its noun, not the last answer's channel
    return not (words[i] in ("this", "that", "these", "those") and i + 1 < len(words) and words[i + 1] in NOT_BACK)


_ONE_UNIT = frozenset({"paragraph", "page", "pager", "slide", "slider", "line", "liner", "sentence", "word", "minute",
                       "chart", "table", "number", "figure", "graph", "sheet",
                       # "prepare one PDF report": one document, not the last answer's channel
                       "pdf", "report", "deck", "document", "doc", "ppt", "presentation", "file", "summary", "email"})
_COUNT_LEAD = frozenset({"me", "us", "just", "only", "give", "tell", "show", "write", "name", "suggest"})   # "tell me one joke"
_NEW_ONE = frozenset({"quick", "another", "last", "final", "different", "separate", "unrelated", "new", "small",
                      "simple", "easy", "general", "side", "random", "big"})


# Leads that only acknowledge the last answer ("ok", "right"): with its own channels and sizes the question is complete.
SOFT_LEADS = frozenset({"ok", "okay", "alright", "right", "fine", "cool", "great", "then"})


# "Ok thanks. Now tell me how sales are trending": "now" before a request of its own opens a new question; the
# acknowledgements skipped before it are the soft leads and the words of thanks
_THANKS = SOFT_LEADS | {"thanks", "thank", "you", "ty", "cheers", "good", "perfect", "got", "it"}
_FRESH_VERBS = frozenset({"tell", "show", "explain"})
_FRESH_WH = frozenset({"how", "what", "which", "where", "when", "why", "whether", "if"})


def _fresh_request(core: list[str]) -> bool:
    i = 0
    while i < len(core) and core[i] in _THANKS:
        i += 1
    if not (i + 1 < len(core) and core[i] == "now" and core[i + 1] in _FRESH_VERBS):
        return False
    rest = [w for w in core[i + 2:i + 4] if w not in ("me", "us")]
    return bool(rest) and rest[0] in _FRESH_WH   # "now show me a bolder version" still asks about the last answer


def is_follow_up_phrase(words: list[str]) -> bool:
    """Starts like "and ...", "what about ...", "same for ..." or ends with "instead"/"too"."""
    core = [w for w in words if w not in ("?", ",", ";", "!", ".")]
    if not core:
        return False
    if _fresh_request(core):
        return False
    if any(tuple(core[:len(p)]) == p for p in _LEADS):
        return True
    if core[0] == "same" and (len(core) == 1 or core[1] in _SAME_NEXT):
        return True
    lead = next((k for k, w in enumerate(core[:4]) if w not in _BEFORE_SAME), len(core))
    if lead < len(core) - 1 and core[lead] == "same" and core[lead + 1] in _SAME_THING:
        return True   # "Same plan at $2M please.", "run the same scenario for Radio": the last answer's, again
    return any(tuple(core[-len(p):]) == p for p in _TRAILS)


def _added_bounds(q: RoutedQuery, prev: RoutedQuery) -> tuple[Constraint, ...]:
    """The last plan's bounds, with the follow-up's own: "and Print no more than $200k?" after "TV at least $1M"
    keeps both; a new bound on the same channel and side replaces the old one."""
    if not q.constraints:
        return prev.constraints
    if re.search(r"\b(?:instead|rather)\b", q.question.lower()):
        return q.constraints   # "what if we keep Radio fixed instead?": the new bound in place of the old
    new = {(c.channel, c.kind) for c in q.constraints}
    return tuple(c for c in prev.constraints if (c.channel, c.kind) not in new) + q.constraints


def _period_window(q: RoutedQuery, intent: Intent) -> Window | None:
    """ "and in Q3?" after a what-if: the follow-up's own period is the new window; "what about Q4?" after a plan for
    Q3: a named part of the year is the plan's new window."""
    past = [p for p in q.periods if p.relative != "next"]
    if intent is Intent.SCENARIO and past:
        return Window(period=past[0])
    named = [p for p in past if p.index is not None and p.relative is None and p.count is None and p.year is None
             and p.granularity in ("quarter", "month", "half", "season")]
    return Window(period=named[0]) if intent is Intent.OPTIMIZATION and named and len(named) == len(q.periods) else None


def _ahead_horizon(q: RoutedQuery, intent: Intent) -> Horizon | None:
    """ "what about next quarter?" after a what-if or a plan: the period ahead is the decision's new horizon (13
    weeks), as it is when said in the first question (the Read-as line named it while the answer kept 52 weeks)."""
    ahead = [p for p in q.periods if p.relative == "next" and p.count is None]
    if intent not in (Intent.SCENARIO, Intent.OPTIMIZATION) or not ahead:
        return None
    return period_horizon(ahead[0].granularity, ahead[0].relative)


def _window_length(w: Window) -> int | None:
    """Weeks of a plan's calendar window: a quarter 13, a month 4, a half 26, a season 13."""
    if w.period is None:
        return w.weeks
    if w.period.onwards:
        return None   # "and from Q3 on?": the weeks from its start to the data's end, placed by the assistant
    per = {"quarter": 13, "month": 4, "half": 26, "season": 13}.get(w.period.granularity)
    return None if per is None else per * (1 + len(w.also))


# "and if it stays the same?", "what if the budget is unchanged?": today's total again.
_STAYS = re.compile(r"\b(?:stays?|remains?|kept|keep|holds?|is|was) (?:the same|flat|unchanged|as it is|where it is|constant)\b"
                    r"|\b(?:no change|unchanged|flat)\b")


# "double that", "half of it", "triple the amount": the last budget multiplied
_TIMES = {"double": 2.0, "doubled": 2.0, "doubling": 2.0, "twice": 2.0, "triple": 3.0, "tripled": 3.0, "tripling": 3.0,
          "treble": 3.0, "quadruple": 4.0, "quadrupled": 4.0, "half": 0.5, "halve": 0.5, "halved": 0.5, "halving": 0.5}
MULTIPLIED = re.compile(rf"\b(?:{'|'.join(_TIMES)}) (?:of )?(?:that|it|this|the amount|the money|the budget)\b")
# Which way a follow-up's bare share moves the last budget ("20% bigger", "10% less than that"): one list for
# every reader of it (merge_follow_up here, core._scaled_last_budget)
MORE_WORDS = frozenset({"more", "higher", "bigger", "larger", "up", "increase", "increased", "extra", "above"})
LESS_WORDS = frozenset({"less", "lower", "smaller", "down", "cut", "reduced", "fewer", "below", "tighter", "under"})


# Answers about the whole analysis (the executive summary is always of every channel): a follow-up of these
# borrows no channel from the last question.
# a direction said with a new size ("and $400k more?", "what about adding $50k?"); without one the last change's holds
# a follow-up's amount said as the level the budget stays at ("hold it flat at $5M", "keep it at $5M in total")
_LEVEL_SAID = re.compile(r"\bflat at\b|\b(?:hold|holding|keep|keeping|stay|stays|staying) (?:it |the budget |the total |"
                         r"total spend |spend |spending )?(?:flat |steady |level )?at\b|\b(?:in total|in all|altogether|"
                         r"overall|a total of)\b")
_DIRECTION = re.compile(r"[+]|\b(?:more|less|extra|additional|add\w*|rais\w*|increas\w*|boost\w*|up|down|cut\w*|reduc\w*"
                        r"|trim\w*|lower\w*|decreas\w*|plus|minus|back)\b")
WHOLE_ANALYSIS = frozenset({Intent.REPORT, Intent.HELP, Intent.DATA_OVERVIEW, Intent.SUMMARY})


def _new_side_size(q: RoutedQuery, prev: RoutedQuery, new_pct: float | None) -> float | None:
    """The new size for every side of the last comparison: a bare "20%", or "20% each"/"20% for both" that names
    (through "each") exactly the sides' channels at one size; None when the follow-up is not a resize."""
    if not prev.scenarios or q.scenarios or q.shift is not None:
        return None
    sides = {c for a in prev.scenarios for c, _ in a.changes}
    each = len(sides) >= 2 and set(q.channels) == sides
    if new_pct is not None and not q.changes and (not q.channels or each):
        return new_pct
    sizes = {abs(v) for _, v in q.changes}
    if len(sizes) == 1 and each and set(dict(q.changes)) == sides:
        return sizes.pop()
    return None


def year_of_the_last(q: RoutedQuery, prev: RoutedQuery) -> RoutedQuery:
    """ "And the Q3?" after "sales in Q4 of 2023": a quarter or month said without a year is of the year the last
    question named (one year, calendar periods only); relative periods ("last quarter") keep their own reading."""
    years = {p.year for p in prev.periods or ((prev.period,) if prev.period else ()) if p.relative is None}
    if len(years) != 1 or None in years or not q.periods:
        return q
    year = years.pop()

    def dated(p: Period) -> Period:
        return replace(p, year=year) if p.year is None and p.relative is None and p.index is not None else p

    periods = tuple(dated(p) for p in q.periods)
    return replace(q, periods=periods, period=dated(q.period) if q.period is not None else None,
                   window=replace(q.window, period=dated(q.window.period))
                   if q.window is not None and q.window.period is not None else q.window)


# a follow-up's money said to be a budget or spend ("and with a $5M budget?"), not the target's new level
_BUDGET_SAID = re.compile(r"\b(?:budget|budgets|spend|spending|invest|investing|allocate|split)\b")


def merge_follow_up(q: RoutedQuery, prev: RoutedQuery, *, new_pct: float | None, keep_intent: bool,
                    referent: tuple[str, ...]) -> RoutedQuery:
    """Fill what the follow-up leaves out from the previous question.

    New channels take the previous percentage; a new bare percentage keeps the
    previous direction (cut 20% -> "what about 30%?" -> cut 30%).
    """
    q = year_of_the_last(q, prev)
    intent = prev.intent if keep_intent else q.intent
    channels = q.channels or referent or prev.channels
    if intent in WHOLE_ANALYSIS and not q.channels:
        channels = ()   # "export this as pdf" after "TV only": a report or help is of the whole analysis, no channel
    changes = q.changes
    pct = q.percentage
    if new_pct is not None and not changes:
        prev_map = dict(prev.changes)

        def directed(ch: str | None) -> float:
            if new_pct < 0:            # an explicit "-30%" wins over the previous direction
                return new_pct
            base = prev_map.get(ch, prev.percentage or 0.0) if ch else (prev.percentage or 0.0)
            return -abs(new_pct) if base < 0 else abs(new_pct)

        changes = tuple((ch, directed(ch)) for ch in channels) if channels else ()
        pct = changes[0][1] if changes else directed(None)
    elif pct is None and not changes and q.amount is None and prev.percentage is not None and intent == prev.intent:
        if q.channels:
            # "now run that over 8 weeks" after "Radio +30%, Print -25%": each channel keeps its own change
            own = dict(prev.changes)
            changes = tuple((ch, own.get(ch, prev.percentage)) for ch in q.channels) if prev.changes else ()
        else:
            changes = prev.changes
        pct = prev.percentage
    scenarios = q.scenarios
    size = _new_side_size(q, prev, new_pct) if intent == prev.intent else None
    if size is not None:
        # "what about 20%?", "what about 20% each" after "cut TV 10% vs cut Radio 10%": the same comparison at the new size
        resized = [tuple((c, -abs(size) if v < 0 else abs(size)) for c, v in a.changes)
                   for a in prev.scenarios if not a.shift]
        # "TV −20%" with the minus sign every other label uses (not "TV -20%")
        scenarios = tuple(Alternative(", ".join(f"{c} {'+' if v > 0 else '−'}{abs(v):g}%" for c, v in ch), ch)
                          for ch in resized)
        if len(scenarios) >= 2:
            channels, changes, pct = q.channels or prev.channels, (), None
        else:
            scenarios = q.scenarios
    amount = q.amount if q.amount is not None else (prev.amount if pct is None and intent == prev.intent else None)
    if (q.amount is not None and q.amount > 0 and prev.amount is not None and prev.amount < 0 and intent is Intent.SCENARIO
            and prev.intent is Intent.SCENARIO and not _DIRECTION.search(q.question.lower())):
        amount = -q.amount   # "And at $400k?" after "If we cut Print by $250k": the same cut, a new size
    budget = q.budget
    if (budget is not None and budget.kind == "total" and prev.budget is not None
            and prev.budget.kind in ("increment", "rate")
            and not (prev.budget.kind == "increment" and _LEVEL_SAID.search(q.question.lower()))):
        # a bare amount keeps the kind; after "where should the extra $800k go?", "hold it flat at $8.8M" is the
        # whole budget (a level said), not $8.8M more
        budget = Budget(prev.budget.kind, budget.amount, prev.budget.per)
    elif budget is not None and budget.kind == "rate" and prev.budget is not None and prev.budget.kind == "increment":
        budget = Budget("increment", budget.amount, budget.per)   # after "the next $500k": "half a million a month?"
    if (intent is Intent.OPTIMIZATION and budget is None and prev.budget is not None and prev.budget.kind == "ratio"
            and q.amount is None and not q.constraints):
        # (a follow-up that only adds a limit, "but TV should not go below $2M", keeps the last budget: its "below"
        # is the limit's)
        # after "a budget 10% lower": "and 10% higher?" is 1.1 of today's, "and if it stays the same?" is 1.0
        if _STAYS.search(q.question.lower()):
            budget = Budget("ratio", 1.0)
        elif pct is not None:
            low = f" {q.question.lower()} "
            up = any(f" {w} " in low or f" {w}?" in low for w in MORE_WORDS)
            down = any(f" {w} " in low or f" {w}?" in low for w in LESS_WORDS)
            signed = abs(pct) if up and not down else -abs(pct) if down and not up else pct   # "20% bigger" after a cut
            if -100 < signed <= 1000:
                budget = Budget("ratio", round(1.0 + signed / 100.0, 6))
    if intent is Intent.OPTIMIZATION and budget is None and prev.intent is Intent.OPTIMIZATION:
        # follow-ups keep the kind: after "the next $1M", "what about half a million?" is the next $500k
        kind = prev.budget.kind if prev.budget is not None and prev.budget.kind != "ratio" else "total"
        per = prev.budget.per if prev.budget is not None and prev.budget.kind != "ratio" else None
        budget = Budget(kind, abs(q.amount), per) if q.amount is not None else prev.budget
        times = MULTIPLIED.search(q.question.lower())
        if q.amount is None and budget is not None and budget.kind != "ratio" and not q.channels and times:
            # "what about double that?" after "an extra $250k a month": the same kind of money, scaled
            budget = Budget(budget.kind, round(budget.amount * _TIMES[times.group(0).split()[0]], 2), budget.per)
            pct = None
    goal = q.goal or (prev.goal if intent == prev.intent else None)
    if (q.goal is None and prev.goal is not None and prev.goal.kind in ("add_sales", "reach_sales") and prev.goal.unit is None
            and prev.budget is None and intent is Intent.OPTIMIZATION and q.amount is not None and q.amount > 0
            and not _BUDGET_SAID.search(q.question.lower())):
        # "And if the target were ninety-five million?" after "the smallest budget that gets us $90M": the new target,
        # not a budget of $95M beside the old one
        goal, budget, amount = replace(prev.goal, value=abs(q.amount)), None, None
    same = intent == prev.intent
    shift = q.shift
    if (shift is None and prev.shift is not None and same and intent is Intent.SCENARIO and not q.scenarios
            and not set(q.channels) - {prev.shift.from_channel, prev.shift.to_channel, *prev.shift.also_to}
            and not set(dict(q.changes)) - {prev.shift.from_channel, prev.shift.to_channel, *prev.shift.also_to}):
        # "make it 25%", "what about $400k?" after "move 10% of TV to Social": the same move, the new size
        s = prev.shift
        # "and if we move 20%?": the size said with the move verb, on no channel
        size = new_pct if new_pct is not None else (q.percentage if not q.changes and q.amount is None else None)
        if size is not None and s.to_percentage is not None and 0 < abs(size) <= 1000:
            # "and 30%?" after "cut TV to fund a 20% increase in Social": the receiver's new rise
            shift = Shift(s.from_channel, s.to_channel, to_percentage=abs(size), also_to=s.also_to, shares=s.shares)
            changes, pct, amount = ((s.to_channel, abs(size)),), abs(size), None
        elif size is not None and 0 < abs(size) <= 100:
            shift = Shift(s.from_channel, s.to_channel, percentage=abs(size), also_to=s.also_to, shares=s.shares)
            changes, pct, amount = ((s.from_channel, -abs(size)),), -abs(size), None
        elif q.amount is not None:
            shift = Shift(s.from_channel, s.to_channel, amount=abs(q.amount), also_to=s.also_to, shares=s.shares)
            changes, pct, amount = (), None, -abs(q.amount)
        else:
            shift = s
        channels = (s.from_channel, s.to_channel, *s.also_to)
    own_window = q.window or _period_window(q, intent)
    bounds = _added_bounds(q, prev) if intent == prev.intent else q.constraints
    if intent is Intent.OPTIMIZATION and intent == prev.intent and q.constraints:
        # "Also, Digital can't grow by more than 30%." after "keep Print where it is": the plan's channels are every
        # channel a limit names, the earlier ones first
        channels = tuple(dict.fromkeys([*(c.channel for c in bounds if c.channel), *channels]))
    return replace(
        q,
        budget=budget if intent is Intent.OPTIMIZATION else None,
        # "and for next quarter?" after two plans compared: both plans again, over the new weeks
        budgets=q.budgets or (prev.budgets if intent is Intent.OPTIMIZATION and q.budget is None and q.amount is None
                              and not q.constraints else ()),
        window=own_window or (prev.window if same and intent in (Intent.SCENARIO, Intent.OPTIMIZATION) and q.horizon is None
                              else None),
        # "and in Q3?" after "… for the next 8 weeks": the follow-up's own window replaces the weeks, horizon included;
        # a plan's new calendar window brings its own length ("what about Q4?": 13 weeks)
        horizon=q.horizon or _ahead_horizon(q, intent) or (_window_length(own_window) if intent is Intent.OPTIMIZATION and own_window is not None
                              else prev.horizon if same and own_window is None else None),
        scenarios=scenarios,
        shift=shift,
        intent=intent,
        channels=channels,
        changes=changes,
        percentage=pct,
        amount=amount,
        period=q.period or prev.period,
        periods=q.periods or prev.periods,
        margin=q.margin if q.margin is not None else prev.margin,
        goal=goal,
        constraints=bounds,
        source="context",
        confidence=max(q.confidence, 0.8),
    )
