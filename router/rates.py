"""One channel's spend rate today and a new rate: "We spend $60k a week on TV; what if that went to $75k a week?".

The two rates name the change (+25%), not a budget to split: the money is the channel's, said twice in one unit (any
unit the budget reader knows, router.budget.PER_WORD: week, month, quarter, year or "per annum", day; plurals too). A
rate said of the media as a whole ("$60k a week on media … how should the whole thing be split?") is a plan's
budget, read by router.budget.
"""

from __future__ import annotations

import re

from router.budget import PER_WORD
from router.lexer import Lexed, Tok

_PER_LEAD = frozenset({"a", "an", "per", "each", "every", "/"})
# the words that say where the rate goes: "went to", "becomes", "model it at", "10k a week now -> 5k a week"
_GOES_TO = frozenset({"to", "becomes", "become", "became", "at", "into", "than"})   # "than": "10k a week now -> 5k"
# a second rate said of sales, not of spend: "is TV worth more than $75k a week in sales?"
_OF_SALES = frozenset({"sales", "revenue", "revenues", "turnover", "return", "returns", "worth", "earn", "earns",
                       "bring", "brings", "generate", "generates"})
# the money of the whole plan, not of one channel
_WHOLE = re.compile(r"\b(?:media|total|overall|whole|(?<!CH )budgets?|split|mix|allocat\w*|distribut\w*|optimi[sz]\w*"
                    r"|reallocat\w*|rebalanc\w*|all channels|every channel|each channel)\b")


def _per_of(toks: list[Tok], k: int) -> str | None:
    """The unit a rate at toks[k] is said per ("$60k a week", "$40k/week", "80 thousand per week")."""
    after = [t.text for t in toks[k + 1:k + 3]]
    if after[:1] and after[0] in _PER_LEAD:
        after = after[1:]
    return PER_WORD.get(after[0]) if after else None


def rate_change(lx: Lexed) -> tuple[str, float] | None:
    """(channel, % change) when one channel is named with two rates in one unit, the second said as where it goes."""
    toks = lx.toks
    money = [k for k, t in enumerate(toks) if t.kind == "amt" and not t.used]
    named = {str(t.value) for t in toks if t.kind == "ch"}
    if len(money) != 2 or len(named) != 1 or any(t.kind == "xch" for t in toks) or _WHOLE.search(lx.surface):
        return None
    first, second = money
    per = _per_of(toks, first)
    if per is None or per != _per_of(toks, second):
        return None
    if not _GOES_TO.intersection(t.text for t in toks[max(first + 1, second - 4):second] if t.kind == "w"):
        return None
    near = {t.text for t in toks[max(first + 1, second - 4):second + 5] if t.kind == "w"}
    if near & _OF_SALES:
        return None
    old, new = abs(float(toks[first].num)), abs(float(toks[second].num))
    if old <= 0 or new == old:
        return None
    return next(iter(named)), round((new / old - 1.0) * 100.0, 4)
