"""Match channel mentions to the loaded data's channel names, including aliases and ones the data lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from router.text import COMMON

# Families of words people use for a kind of media. The data's own names
# decide which family member is canonical; a family absent from the data
# (and without a fallback) becomes an "unknown channel" with this label.
FAMILIES: dict[str, tuple[str, ...]] = {
    "TV": ("tv", "television", "telly", "broadcast", "linear", "linear tv", "tv ads", "ctv",
           "connected tv", "tv advertising", "television advertising", "commercials"),
    "Radio": ("radio", "audio", "radio ads"),
    "Podcasts": ("podcast", "podcasts", "podcast ads"),
    "Social": ("social", "social media", "paid social", "facebook", "instagram", "meta", "tiktok",
               "linkedin", "twitter", "snapchat", "pinterest", "social ads", "soc"),
    "Digital": ("digital", "digi", "dig", "online", "display", "programmatic", "web", "banner", "banners",
                "internet", "digital ads", "online ads", "display ads", "online advertising"),
    "Search": ("search", "paid search", "google", "ppc", "sem", "adwords", "bing", "google ads",
               "search ads"),
    "Video": ("video", "online video", "youtube"),
    "Print": ("print", "newspaper", "newspapers", "magazine", "magazines", "press", "print ads",
              "paper ads", "newspaper ads", "print media"),
    "OOH": ("ooh", "outdoor", "billboard", "billboards", "out of home", "dooh", "posters"),
    "Email": ("email", "emails", "newsletter", "newsletters", "crm", "e mail", "email newsletter", "email newsletters",
              "email marketing", "email campaigns"),
    # non-media levers a media mix seldom holds: "are our in-store promotions earning their keep?"
    "Promotions": ("in store promotions", "in store promotion", "in store promos", "instore promotions", "trade promotions",
                   "price promotions", "store promotions", "in store activations"),
    "Affiliate": ("affiliate", "affiliates"),
    "Cinema": ("cinema", "movie theaters"),
    "Direct Mail": ("direct mail", "mailers"),
    "Sponsorship": ("sponsorship", "sponsorships"),
    "Influencer": ("influencer", "influencers"),
}

# Platform names within the families, grouped by company. A platform stands for an umbrella
# channel ("Social") or for itself, never for another platform: with a "Facebook" channel in
# the data, "tiktok" is a channel the data does not have, not Facebook.
PLATFORMS: tuple[frozenset[str], ...] = tuple(frozenset(g) for g in (
    {"facebook", "instagram", "meta"}, {"tiktok"}, {"linkedin"}, {"twitter"}, {"snapchat"},
    {"pinterest"}, {"google", "google ads", "adwords"}, {"bing"}, {"youtube"},
))
_PLATFORM_OF = {alias: group for group in PLATFORMS for alias in group}
# The platforms an umbrella channel is made of in practice: "Social" spend is Meta's, "Search" is Google's
# and Bing's. A newer platform ("tiktok", "linkedin") asked about by name is a channel of its own that a
# generic "Social" column does not measure, so it is reported as not in the data, not as Social.
UMBRELLA_CORE = frozenset({"facebook", "instagram", "meta", "google", "google ads", "adwords", "bing", "youtube"})
_PLATFORM_LABEL = {"tiktok": "TikTok", "linkedin": "LinkedIn", "youtube": "YouTube", "google ads": "Google Ads",
                   "adwords": "AdWords"}
# A family absent from the data is reported under the word the question used ("podcasts"), not a family name.
_AS_WRITTEN = frozenset({"Podcasts"})

# A family missing from the data is read as its broader neighbour when that exists: search and online
# video are bought inside "Digital". Influencers are not: a "Social" column holds paid social ads, so
# "influencers" on such data is a channel the data does not measure (like TikTok).
FALLBACK: dict[str, str] = {"Search": "Digital", "Video": "Digital"}

# Words in a channel's name too generic to stand for it alone ("Paid Social" -> "social", not "paid").
GENERIC = frozenset({"paid", "media", "marketing", "ads", "ad", "advertising", "channel", "spend",
                     "other", "the", "and", "of", "total", "campaign", "campaigns", "budget", "sales"})

# Channel words that are verbs or other things in these contexts ("print me a report").
_NOT_CHANNEL_NEXT: dict[str, frozenset[str]] = {
    "print": frozenset({"me", "it", "this", "that", "out", "them", "a", "an", "the", "results"}),
    "email": frozenset({"me", "it", "this", "that", "them", "the", "a", "an", "to", "us"}),
    "display": frozenset({"me", "it", "this", "that", "them", "the", "a", "an", "results"}),
    "search": frozenset({"for"}),
    "linear": frozenset({"model", "regression", "trend", "relationship", "fit"}),
    "press": frozenset({"release", "enter"}),
    # "we are planning an outdoor event", "our CRM data": not the channels of those names
    "outdoor": frozenset({"event", "events", "party", "wedding", "concert", "seating", "dining", "activity", "activities"}),
    "crm": frozenset({"data", "system", "systems", "records", "database", "export", "team", "platform", "tool"}),
}

# Shorthands that are channels only in a list of signed moves ("tv -10%, dig +15, soc +5"): "dig into the data" is not
# Digital; they are no typo-correction targets either
SIGNED_ONLY = frozenset({"dig", "soc"})
_SIGNS = frozenset({"+", "-", "−", "–"})

# ... and after these words: "send it to my email", "by email", "an email to the board" are a message, not a channel.
_NOT_CHANNEL_PREV: dict[str, frozenset[str]] = {
    "email": frozenset({"my", "your", "by", "via", "per", "an", "over", "through"}),
}

_INTO = frozenset({"to", "into", "on", "in", "for", "from"})
_TIME_AFTER = frozenset({"week", "weeks", "month", "quarter", "year", "summer", "winter", "spring", "autumn", "fall",
                         "season", "period", "half", "christmas", "holiday", "holidays"})
_GIVERS = frozenset({"give", "gives", "giving", "gave"})
_MONEY_AFTER = frozenset({"double", "same", "half", "budget", "money", "extra", "rest", "savings", "difference", "remainder"})

MAX_PHRASE = 3


@dataclass(frozen=True)
class Mention:
    """A channel mention spanning words[start:end]; `channel` None means not in the data."""

    start: int
    end: int
    channel: str | None
    label: str


def _words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", name.lower().replace("-", " ")))


class ChannelMatcher:
    """Alias table for one data set's channels, built from the names themselves and the families."""

    def __init__(self, channels: tuple[str, ...]):
        self.channels = tuple(channels)
        table: dict[tuple[str, ...], str | None] = {}
        labels: dict[tuple[str, ...], str] = {}
        word_owner: dict[str, set[str]] = {}
        for ch in self.channels:
            ws = _words(ch)
            if not ws:
                continue
            table[ws] = ch
            labels[ws] = ch
            for w in ws:
                if len(ws) == 1 or (w not in GENERIC and w not in COMMON):
                    word_owner.setdefault(w, set()).add(ch)
        for w, owners in word_owner.items():
            if len(owners) == 1 and (w,) not in table:
                owner = next(iter(owners))
                table[(w,)] = owner
                labels[(w,)] = owner
        found: dict[str, tuple[str | None, str | None] | None] = {fam: self._representative(aliases, table) for fam, aliases in FAMILIES.items()}
        for fam, aliases in FAMILIES.items():
            rep, via = found[fam] or found.get(FALLBACK.get(fam, ""), (None, None)) or (None, None)
            for alias in aliases:
                key = tuple(alias.split())
                if key in table:
                    continue
                other_platform = (via in _PLATFORM_OF and alias in _PLATFORM_OF
                                  and _PLATFORM_OF[alias] is not _PLATFORM_OF[via])
                outside_umbrella = (alias in _PLATFORM_OF and via is not None and via not in _PLATFORM_OF
                                    and alias not in UMBRELLA_CORE)
                if other_platform or outside_umbrella or (rep is None and alias in _PLATFORM_OF):
                    table[key], labels[key] = None, _PLATFORM_LABEL.get(alias, alias.title())
                else:
                    table[key], labels[key] = rep, rep or (alias if fam in _AS_WRITTEN else fam)
        self._table = table
        self._labels = labels
        self.vocab = frozenset(w for key in table for w in key if w.isalpha())
        self.named = frozenset(w for key in table for w in key if not w.isalpha())   # "x1", "channel0": kept whole

    @staticmethod
    def _representative(aliases: tuple[str, ...], table: dict[tuple[str, ...], str | None]) -> tuple[str, str] | None:
        """The data's channel for a family, and the alias that found it."""
        for alias in aliases:
            hit = table.get(tuple(alias.split()))
            if hit:
                return hit, alias
        return None

    def find(self, words: list[str]) -> list[Mention]:
        """Longest-first mentions, left to right; overlapping matches are not repeated."""
        out: list[Mention] = []
        i, n = 0, len(words)
        while i < n:
            for size in range(min(MAX_PHRASE, n - i), 0, -1):
                key = tuple(words[i:i + size])
                if key in self._table:
                    if size == 1 and self._is_other_sense(words, i):
                        continue
                    out.append(Mention(i, i + size, self._table[key], self._labels[key]))
                    i += size
                    break
            else:
                i += 1
        return out

    @staticmethod
    def _is_other_sense(words: list[str], i: int) -> bool:
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev = words[i - 1] if i > 0 else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        if words[i] in SIGNED_ONLY:
            return not (nxt in _SIGNS and after[:1].isdigit())
        if prev in _INTO and nxt in ("the", "a") and after in _MONEY_AFTER:
            return False   # "give to Print the double of budget": money put into the channel, not printing
        if prev in _GIVERS or (prev == "to" and i > 1 and words[i - 2] in _GIVERS):
            return False   # "give Print a haircut of 10%", "we give to Print a push": the channel is given something
        if nxt in ("this", "that") and after in _TIME_AFTER:
            return False   # "cut Print this quarter": the channel, then the weeks
        return nxt in _NOT_CHANNEL_NEXT.get(words[i], ()) or prev in _NOT_CHANNEL_PREV.get(words[i], ())


_FAMILY_OF = {alias: fam.lower() for fam, aliases in FAMILIES.items() for alias in aliases}
_PLATFORM_NAMES = frozenset(a for group in PLATFORMS for a in group)   # "tiktok" is its own channel, not "social"
_NAME_TAIL = (" marketing", " advertising", " ads", " ad", " spend")


def family_key(name: str) -> str:
    """One key per channel however it is said: "podcast ads" = "podcasts" = "Podcast", "billboards" = "OOH",
    "affiliate marketing" = "Affiliate" (a platform such as TikTok keeps its own name)."""
    low = " ".join(name.lower().replace("-", " ").split())
    for tail in _NAME_TAIL:
        if low.endswith(tail) and low[:-len(tail)].strip() in _FAMILY_OF:
            low = low[:-len(tail)].strip()
    if low in _FAMILY_OF and low not in _PLATFORM_NAMES:
        low = _FAMILY_OF[low]
    return low[:-1] if low.endswith("s") and len(low) > 3 else low


def is_platform(alias: str) -> bool:
    """True for a platform's name ("meta", "google ads"), as opposed to a kind of media ("social")."""
    return alias in _PLATFORM_OF


@lru_cache(maxsize=64)
def matcher_for(channels: tuple[str, ...]) -> ChannelMatcher:
    """A cached matcher: building one costs more than routing a question."""
    return ChannelMatcher(channels)


FAMILY_WORDS: set[str] = {w for aliases in FAMILIES.values() for a in aliases for w in a.split()} - SIGNED_ONLY
