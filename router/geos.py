"""Markets named in a question ("ROI of TV in Market03"), or picked by size ("the three smallest
markets"), or asked about one by one ("which markets respond most to TV?").

Market names come from the data (`Conversation.geos`), matched like channels: ignoring case,
spaces, punctuation and leading zeros ("market 3" is Market03), with a close spelling accepted
for longer names ("Califronia"). The router never sees market sizes: "smallest" is a `GeoPick`
the assistant resolves against the data.
"""

from __future__ import annotations

import re
from dataclasses import replace

from router.types import GeoPick, Intent, RoutedQuery

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "few": 3}
_MARKET = r"(?:markets?|geos?|geographies|regions?|dmas?|states?|countries|cities|territories|stores?|areas?)"
_COUNT = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_PICK = re.compile(r"\b(?:the\s+)?(?:" + _COUNT + r"\s+)?(smallest|largest|biggest|top|bottom|weakest|strongest)"
                   r"(?:\s+" + _COUNT + r")?\s+" + _MARKET + r"\b")
_EVERY = re.compile(r"\b(?:which|what|each|every|per|by|across|all)\s+(?:of\s+the\s+|the\s+)?" + _MARKET + r"\b"
                    r"|\b" + _MARKET + r"\s+(?:respond|react|perform|do|does|differ|vary|compare)\b"
                    r"|\bmarket[- ]by[- ]market\b|\bby\s+geo(?:graphy)?\b")
# "which markets respond most to TV?": a ranking of the markets' returns, whatever the chat asked before it
_RANK_RETURNS = re.compile(r"\b(?:which|what)\s+(?:of\s+the\s+|the\s+)?" + _MARKET
                           + r"\s+(?:respond|react|return|perform|pay\s+back)\w*\b")
FUZZY_MIN_LENGTH = 6
MARKET_QUESTION_CONFIDENCE = 0.6   # a question about markets with no other cue reads as returns by market
FUZZY_SCORE = 88.0


def _key(text: str) -> str:
    """'Market 03' -> 'market3': case, separators and leading zeros ignored."""
    key = re.sub(r"[^a-z0-9]", "", text.lower())
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", key)


def find_geos(text: str, geos: tuple[str, ...]) -> tuple[str, ...]:
    """The data's market names mentioned in `text`, in order of mention."""
    if not geos:
        return ()
    words = re.findall(r"[A-Za-z0-9]+", text)
    by_key: dict[str, str] = {}
    for name in geos:
        by_key.setdefault(_key(name), name)
    longest = max(len(re.findall(r"[A-Za-z0-9]+", g)) for g in geos) + 1
    found: list[tuple[int, str]] = []
    used = [False] * len(words)
    for size in range(min(longest, 4), 0, -1):
        for start in range(len(words) - size + 1):
            if any(used[start:start + size]):
                continue
            key = _key("".join(words[start:start + size]))
            match = by_key.get(key) or _close(key, by_key)
            if match is not None:
                found.append((start, match))
                used[start:start + size] = [True] * size
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return tuple(out)


def _close(key: str, by_key: dict[str, str]) -> str | None:
    """A longer market name spelt slightly wrong; never for short or number-bearing names."""
    if len(key) < FUZZY_MIN_LENGTH or any(ch.isdigit() for ch in key):
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, [k for k in by_key if not any(ch.isdigit() for ch in k)], scorer=fuzz.ratio)
    if best is not None and best[1] >= FUZZY_SCORE:
        return by_key[best[0]]
    return None


def find_pick(text: str) -> GeoPick | None:
    """'the three smallest markets' -> GeoPick('smallest', 3); 'top 5 markets' -> ('largest', 5)."""
    match = _PICK.search(text.lower())
    if not match:
        return None
    before, word, after = match.group(1), match.group(2), match.group(3)
    count_text = before or after
    count = None
    if count_text:
        count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    kind = {"smallest": "smallest", "bottom": "smallest", "weakest": "weakest", "largest": "largest",
            "biggest": "largest", "top": "largest", "strongest": "strongest"}[word]
    return GeoPick(kind, count)


def asks_by_geo(text: str) -> bool:
    """'which markets …', 'by market', 'per region', 'across markets'."""
    return bool(_EVERY.search(text.lower()))


def with_geos(q: RoutedQuery, text: str, geos: tuple[str, ...]) -> RoutedQuery:
    """`q` with the markets the question names or picks (unchanged for data without markets)."""
    if not geos:
        return q
    named = find_geos(text, geos)
    pick = find_pick(text)
    by_geo = asks_by_geo(text) and not named and pick is None
    if not (named or pick or by_geo):
        return q
    if q.intent in (Intent.UNKNOWN, Intent.HELP):   # "which markets respond most?" asks for returns by market
        q = replace(q, intent=Intent.ROI, confidence=max(q.confidence, MARKET_QUESTION_CONFIDENCE))
    elif q.source == "context" and q.intent is not Intent.ROI and _RANK_RETURNS.search(text.lower()):
        # after "cut TV 20% in the West", "which markets respond most to TV?" is not that what-if again
        q = RoutedQuery(Intent.ROI, channels=q.channels, question=q.question,
                        confidence=max(q.confidence, MARKET_QUESTION_CONFIDENCE))
    return replace(q, geos=named, geo_pick=pick, by_geo=by_geo)
