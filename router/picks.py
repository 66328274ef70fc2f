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
