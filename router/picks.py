"""Channels named by a property the router cannot see: "cut the two smallest channels", "pause the weakest one".

The router only reads which property and how many; the assistant ranks the data's channels (by spend
or by ROI) and puts the chosen ones in the reading before it answers.
"""

from __future__ import annotations

import re

from router.lexer import Lexed
from router.types import ChannelPick

_KIND = {"smallest": "smallest", "cheapest": "smallest", "lowest spend": "smallest", "lowest spending": "smallest",
         "biggest": "largest", "largest": "largest", "most expensive": "largest", "highest spend": "largest",
         "highest spending": "largest", "weakest": "weakest", "worst": "weakest", "least efficient": "weakest",
         "worst performing": "weakest", "lowest roi": "weakest", "bottom": "weakest", "strongest": "strongest",
         "best": "strongest", "most efficient": "strongest", "best performing": "strongest", "highest roi": "strongest",
         "top": "strongest", "top performing": "strongest"}
_WORDS = "|".join(sorted((re.escape(k) for k in _KIND), key=len, reverse=True))
# "the two smallest channels", "our weakest channel", "the 2 worst performing media", "the bottom two channels"
_PICK = re.compile(rf"\b(?:the|our|my) (?:(?P<n1>NUM) )?(?P<kind>{_WORDS})(?: performing)? (?:(?P<n2>NUM) )?"
                   rf"(?P<noun>channels|channel|media|lines|line|ones|one)\b")


def extract_channel_pick(lx: Lexed) -> ChannelPick | None:
    """The pick and its count, or None; its words are marked used (so "two" is not a size)."""
    m = _PICK.search(lx.surface)
    if m is None:
        return None
    count = 1
    for g in ("n1", "n2"):
        if m.group(g):
            v = lx.group_tok(m, g).value
            if not isinstance(v, (int, float)) or not float(v).is_integer() or not 1 <= v <= 20:
                return None
            count = int(v)
    if m.group("noun") in ("channels", "lines", "ones") and count == 1 and not (m.group("n1") or m.group("n2")):
        count = 2   # "the smallest channels": a few; two unless a count is said
    lx.use(m)
    return ChannelPick(_KIND[m.group("kind")], count)


def pick_patterns() -> list[str]:
    """Pattern sources, so their words become typo-correction targets."""
    return [_PICK.pattern]


# Channels an earlier answer ranked, named by their place in it: "take $150k from the weakest channel and give it to
# the best one", "the top two", "the saturated ones", "the largest contributor". kind -> (ranking, from the end?)
_RANKED_KIND = {"best": ("roi", False), "top": ("roi", False), "strongest": ("roi", False),
                "most efficient": ("roi", False), "highest roi": ("roi", False), "best performing": ("roi", False),
                "top performing": ("roi", False), "weakest": ("roi", True), "worst": ("roi", True),
                "bottom": ("roi", True), "least efficient": ("roi", True), "lowest roi": ("roi", True),
                "worst performing": ("roi", True), "most saturated": ("saturation", False),
                "least saturated": ("saturation", True), "saturated": ("saturated", False),
                "largest contributor": ("contribution", False), "biggest contributor": ("contribution", False),
                "smallest contributor": ("contribution", True)}
_RANKED_WORDS = "|".join(sorted((re.escape(k) for k in _RANKED_KIND), key=len, reverse=True))
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_RANKED = re.compile(rf"\b(?:the|our|my|those|these) (?:(?P<n1>two|three|four|[234]) )?(?P<kind>{_RANKED_WORDS})s?"
                     rf"(?: (?P<n2>two|three|four|[234]))?(?: (?P<noun>channels?|ones?|media|contributors?))?\b",
                     re.IGNORECASE)
# only a decision names channels this way; "which is the best channel?" asks for the ranking itself
_ACTS = re.compile(r"\b(?:cut|cutting|reduce|reducing|raise|raising|increase|increasing|move|moving|shift|shifting|take|"
                   r"taking|give|giving|put|putting|pause|pausing|stop|stopping|halve|double|boost|add|adding|drop|trim|"
                   r"reallocate|transfer|fund|funding|scale|pull|lower|lift|grow|shrink|go dark|switch off|turn off|invest|spend|more|less|into)\b",
                   re.IGNORECASE)


# what may follow a place that names channels: the sentence's end or a joining word ("from the weakest one and give it
# to the best one", "cut the bottom two by 10%"), not a noun it qualifies ("the top 3 markets", "the best 4 weeks")
_ENDS_A_NAME = re.compile(r"\s*(?:$|[.,;:!?)])|\s+[-\u2013\u2014]"   # the end, or a dash set apart ("one-line" is no end)
                          r"|\s+(?:and|or|to|into|by|with|instead|from|then|but|so|each|both|too|as well|please|now|"
                          r"for (?:the )?(?:next|last|rest)|over|until|at|is|are|was|were|gets?|got|goes|go|went|"
                          r"stays?|drops?)\b"
                          r"|\s+[-+\u2212]?[$\u20ac\u00a3]?\d[\d.,]*\s*(?:%|percent|k\b|m\b|thousand|million)",
                          re.IGNORECASE)


def named_by_rank(question: str, rankings: dict[str, tuple[str, ...]]) -> str | None:
    """The question with each place in an earlier answer's ranking replaced by the channels at that place, or None
    when it names none the conversation holds. A ranking must leave some channel out to pick from it ("the weakest"
    of one ranked channel is no pick: `ChannelPick` then asks the assistant)."""
    if not rankings or not isinstance(question, str) or not _ACTS.search(question):
        return None

    def names(m: re.Match[str]) -> str:
        kind = m.group("kind").lower()
        if kind in ("worst", "best", "top", "bottom") and not (m.group("noun") or m.group("n1") or m.group("n2")):
            return m.group(0)   # "the best return", "the top line": no channel named
        if not _ENDS_A_NAME.match(m.string, m.end()):
            return m.group(0)   # "the best 4 weeks", "the top 3 markets", "the best one can do", "best one-line"
        key, from_end = _RANKED_KIND[kind]
        ranked = rankings.get(key, ())
        said = m.group("n1") or m.group("n2")
        plural = (m.group("noun") or "").lower().endswith("s") or m.group(0).lower().rstrip().endswith(f"{kind}s")
        if key == "saturated":
            chosen = ranked if ranked else ()
        else:
            n = _COUNTS.get(said.lower(), 1) if said else (2 if plural else 1)
            if len(ranked) <= n:
                return m.group(0)
            chosen = ranked[-n:] if from_end else ranked[:n]   # in the answer's order
        if not chosen:
            return m.group(0)
        return chosen[0] if len(chosen) == 1 else ", ".join(chosen[:-1]) + " and " + chosen[-1]

    out = _RANKED.sub(names, question)
    return out if out != question else None
