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

from router.periods import MONTHS
from router.text import COMMON
from router.types import GeoPick, Intent, Limit, MarketShift, RoutedQuery

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


_NOT_KEY = re.compile(r"[^a-z0-9]")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


def _key(text: str) -> str:
    """'Market 03' -> 'market3': case, separators and leading zeros ignored."""
    return _LEADING_ZEROS.sub("", _NOT_KEY.sub("", text.lower()))


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


def without_pick_count(text: str) -> str:
    """'ROI of TV in the top 3 markets' -> '… the top markets': the count picks markets, it is never the size of a
    change (it was read as TV +3%)."""
    lowered = text.lower()
    match = _PICK.search(lowered) if len(lowered) == len(text) else None
    if match is None:
        return text
    for group in (3, 1):   # the later span first, so the earlier one's offsets still hold
        if match.group(group):
            text = text[:match.start(group)] + text[match.end(group):]
    return text


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


# --- markets named that the data lacks ("ROI of TV in North" on one national series, "in Scotland" on a panel of
# regions): said, so the answer does not pass a national figure off as the market's
_REGIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "midwest",
                      "central", "northern", "southern", "eastern", "western", "midlands", "northeastern",
                      "northwestern", "southeastern", "southwestern"})
_COMPASS = frozenset({"north", "south"})   # "North East", "South West": one region said in two words
_MARKET_NOUN = frozenset({"market", "markets", "region", "regions", "area", "territory", "state", "dma", "country",
                          "city", "zone", "province", "geo"})
_PLACE_PREP = frozenset({"in", "across", "within", "for"})
_LIST_JOIN = frozenset({"vs", "versus", "and", "or", "against", "to", "than"})
# capitalised words after "in" that are no place: calendar words, units, formats
_NOT_PLACES = frozenset(MONTHS) | frozenset({"easter", "thanksgiving", "black", "cyber", "summer",
                         "winter", "spring", "autumn", "fall", "english", "excel", "powerpoint", "word", "markdown",
                         "html", "pdf", "total", "general", "short", "brief", "detail", "particular", "practice",
                         "theory", "future", "advance", "addition", "terms", "case", "order", "line", "fact",
                         # units, currencies and events: "in Euros", "in Thousands", "in Covid", "in Prime Day weeks"
                         "euros", "euro", "dollars", "dollar", "pounds", "pound", "usd", "eur", "gbp", "rupees",
                         "thousands", "millions", "billions", "percent", "percentages", "covid", "lockdown",
                         "lockdowns", "pandemic", "ramadan", "diwali", "eid", "hanukkah", "prime", "holiday",
                         "holidays", "promo", "promos", "promotion", "promotions", "sale", "sales", "q1", "q2", "q3",
                         "q4", "h1", "h2", "peak", "season", "real", "nominal", "aggregate"})


def find_unknown_geos(text: str, geos: tuple[str, ...], vocab: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Places the question names as markets ("in North", "the south market", "London") that are not among the data's
    `geos` (all of them when the data has no markets), as written. A compass region counts after "in"/"for" or
    before "market"/"region"; another name only capitalised mid-sentence after "in"/"across" and not a word the
    router knows (a channel, a month, a common word)."""
    words = [re.sub(r"'s?$", "", w) for w in re.findall(r"[A-Za-z][A-Za-z0-9'-]*", text)]   # "Social's": Social
    known = {_key(g) for g in geos}
    lengths = range(4, 1, -1) if known else range(0)   # names of 4 to 2 words; none to look for without markets
    found: list[str] = []
    places: set[int] = set()
    k = 0
    while k < len(words):
        size = next((n for n in lengths if _key("".join(words[k:k + n])) in known), 0)
        if size:   # "in Los Angeles", "New York": a market of the data named in several words, not "Los" alone
            places.update(range(k, k + size))
            k += size
            continue
        w, low = words[k], words[k].lower().replace("-", "")   # "north-east": northeast
        j = k - 1
        if j >= 0 and words[j].lower() == "the":
            j -= 1
        before = words[j].lower() if j >= 0 else ""
        after = words[k + 1].lower() if k + 1 < len(words) else ""
        listed = before in _LIST_JOIN and j - 1 in places
        placed = before in _PLACE_PREP or after in _MARKET_NOUN or listed
        name, size = w, 1
        if low in _COMPASS and after in ("east", "west"):   # "North East"
            name, size = f"{w} {words[k + 1]}", 2
            after = words[k + 2].lower() if k + 2 < len(words) else ""
            placed = placed or after in _MARKET_NOUN
        region = low in _REGIONS and (placed or before in ("from", "to", "into"))   # "from the North to the South"
        proper = (w[:1].isupper() and not w.isupper() and k > 0 and (before in ("in", "across", "within") or listed
                  or after in _MARKET_NOUN) and len(low) >= 3 and low not in COMMON and low not in _NOT_PLACES
                  and low not in vocab and low not in _REGIONS)
        if region or proper or _key(name) in known:
            places.update(range(k, k + size))   # "in North vs Scotland": a market named before a list of them
        if (region or proper) and _key(name) not in known and name not in found:
            found.append(name)
        k += size
    return tuple(found)


def with_unknown_geos(q: RoutedQuery, text: str, geos: tuple[str, ...], vocab: frozenset[str]) -> RoutedQuery:
    """`q` with the markets it names that the data lacks; a question about such a market with no other cue asks for
    the channel's return, as one about a market the data has does."""
    if q.limit is not None or (q.intent in (Intent.UNKNOWN, Intent.HELP) and not q.channels):
        return q   # "what's the weather in Paris?": no question about marketing, so no market to miss
    unknown = find_unknown_geos(text, geos, vocab)
    if not unknown:
        return q
    if (q.intent in (Intent.SCENARIO, Intent.OPTIMIZATION) and q.shift is None and not q.scenarios
            and _moves_between(text, (*q.geos, *unknown), unknown)):
        # "move TV from North to South" where the data lacks those markets: no move between them can be answered (nor
        # is it a cut of TV); the limit says so and what can be moved instead
        return replace(q, intent=Intent.UNKNOWN, limit=Limit("market_move", q.channels), unknown_geos=unknown,
                       changes=(), percentage=None, amount=None, budget=None)
    if q.intent in (Intent.UNKNOWN, Intent.HELP) and q.channels:
        q = replace(q, intent=Intent.ROI, confidence=max(q.confidence, MARKET_QUESTION_CONFIDENCE))
    return replace(q, unknown_geos=unknown)


def _moves_between(text: str, places: tuple[str, ...], unknown: tuple[str, ...]) -> bool:
    """Money moved "from" one of `places` "to" another, one of them `unknown` to the data, with a move verb: "shift
    Radio from the East to the West" on national data, "move TV from North to Scotland" on a panel without Scotland."""
    if len(places) < 2 or not _SHIFT_VERB.search(text):
        return False
    names = "|".join(re.escape(p.lower()) for p in sorted(places, key=len, reverse=True))
    m = re.search(rf"\bfrom\s+(?:the\s+)?({names})\b.*?\b(?:to|into|towards?)\s+(?:the\s+)?({names})\b", text.lower())
    return m is not None and m.group(1) != m.group(2) and bool({m.group(1), m.group(2)} & {u.lower() for u in unknown})


# "move 10% of TV budget from Central to North", "shift $200k of Radio from the South to the East market": money moved
# between two of the data's markets (the channels named, or all media)
_SHIFT_VERB = re.compile(r"\b(?:move|moving|moved|shift|shifting|shifted|reallocate|reallocating|transfer|transferring|"
                         r"take|taking|put|putting|redirect|redirecting|divert|diverting)\b", re.IGNORECASE)


def market_shift(text: str, geos: tuple[str, ...], percentage: float | None, amount: float | None) -> MarketShift | None:
    """The move between two named markets, "from A to B" in that order, with the size the question gives."""
    if not geos or not _SHIFT_VERB.search(text) or (percentage is None and amount is None):
        return None
    low = text.lower()
    src = re.search(r"\bfrom\s+(?:the\s+)?(.+?)\s+(?:market\s+|region\s+)?(?:to|into|towards?|over to)\s+(?:the\s+)?(.+?)"
                    r"(?:\s+(?:market|region)s?)?\s*(?:[?.!,;]|$|\s+(?:and|but|for|over|in|during)\b)", low)
    if src is None:
        return None
    a, b = find_geos(src.group(1), geos), find_geos(src.group(2), geos)
    if len(a) != 1 or len(b) != 1 or a == b:
        return None
    return MarketShift(a[0], b[0], percentage=abs(percentage) if percentage is not None else None,
                       amount=abs(amount) if amount is not None and percentage is None else None)
