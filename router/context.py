"""Conversation memory, so "and radio?" and "what about 30%?" are read against the previous question."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from router.types import RoutedQuery

# The seed data's channels; used only when route() is called without a Conversation.
DEFAULT_CHANNELS: tuple[str, ...] = ("TV", "Radio", "Digital", "Print", "Social")
MAX_TURNS = 10

_LEADS = (
    ("and",), ("what", "about"), ("how", "about"), ("same",), ("now",), ("ok",), ("also",),
    ("or",), ("instead",), ("then",), ("but",), ("what", "if", "instead"), ("and", "what", "about"),
    ("try",), ("repeat",), ("redo",), ("do", "the", "same"), ("again",), ("ditto",), ("likewise",),
)
_TRAILS = (("instead",), ("too",), ("as", "well"), ("then",), ("again",))
PRONOUNS = frozenset({"it", "that", "this", "them", "those", "they", "its", "their", "one", "winner"})


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

    def __post_init__(self) -> None:
        self.channels = tuple(str(c) for c in self.channels if str(c).strip())

    @property
    def last(self) -> RoutedQuery | None:
        """The previous routed question, or None at the start."""
        return self.history[-1] if self.history else None

    def remember(self, q: RoutedQuery, focus_channel: str | None = None) -> None:
        """Record an answered question; `focus_channel` is the channel the answer named."""
        self.history.append(q)
        del self.history[:-MAX_TURNS]
        self.focus = focus_channel if focus_channel in self.channels else None

    def reset(self) -> None:
        """Forget the conversation (the chat command `reset`)."""
        self.history.clear()
        self.focus = None

    def referent(self) -> tuple[str, ...]:
        """What "it" points at: the answer's focus channel, else the last question's channels."""
        if self.focus:
            return (self.focus,)
        return self.last.channels if self.last else ()

    def recent_questions(self, n: int = 4) -> list[tuple[str, str]]:
        """(question, intent) pairs of the last `n` turns, oldest first, for the Claude prompt."""
        return [(q.question, q.intent.value) for q in self.history[-n:]]


def is_follow_up_phrase(words: list[str]) -> bool:
    """Starts like "and ...", "what about ...", "same for ..." or ends with "instead"/"too"."""
    core = [w for w in words if w not in ("?", ",", ";", "!", ".")]
    if not core:
        return False
    if any(tuple(core[:len(p)]) == p for p in _LEADS):
        return True
    return any(tuple(core[-len(p):]) == p for p in _TRAILS)


def merge_follow_up(q: RoutedQuery, prev: RoutedQuery, *, new_pct: float | None, keep_intent: bool,
                    referent: tuple[str, ...]) -> RoutedQuery:
    """Fill what the follow-up leaves out from the previous question.

    New channels take the previous percentage; a new bare percentage keeps the
    previous direction (cut 20% -> "what about 30%?" -> cut 30%).
    """
    intent = prev.intent if keep_intent else q.intent
    channels = q.channels or referent or prev.channels
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
    elif pct is None and not changes and prev.percentage is not None and intent == prev.intent:
        if q.channels:
            changes = tuple((ch, prev.percentage) for ch in q.channels) if prev.changes else ()
        else:
            changes = prev.changes
        pct = prev.percentage
    amount = q.amount if q.amount is not None else (prev.amount if pct is None and intent == prev.intent else None)
    return replace(
        q,
        intent=intent,
        channels=channels,
        changes=changes,
        percentage=pct,
        amount=amount,
        period=q.period or prev.period,
        periods=q.periods or prev.periods,
        margin=q.margin if q.margin is not None else prev.margin,
        goal=q.goal or (prev.goal if intent == prev.intent else None),
        constraints=q.constraints or (prev.constraints if intent == prev.intent else ()),
        source="context",
        confidence=max(q.confidence, 0.8),
    )
