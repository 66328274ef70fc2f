"""Channel display names derived from spend column names ("paid_social_spend" -> "Paid Social")."""
from __future__ import annotations

import re

# Words always written in capitals, wherever they appear in a name.
_UPPER = frozenset({
    "tv", "ooh", "dooh", "ctv", "ott", "sem", "seo", "dm", "sms", "ppc", "cpc", "cpm",
    "crm", "b2b", "b2c", "uk", "us", "usa", "eu", "pr", "gdn", "dv360", "ai",
})
_BRANDS = {"youtube": "YouTube", "tiktok": "TikTok", "linkedin": "LinkedIn", "facebook": "Facebook"}

# The abbreviations of the mmm_stan / pymc-marketing case-study data (mdsp_<abbr>), whose
# meanings are documented with that data set; only applied after an mdsp_/mdip_ prefix.
_MEDIA_ALIASES = {
    "dm": "Direct Mail", "inst": "Insert", "nsp": "Newspaper", "auddig": "Digital Audio",
    "audtr": "Radio", "vidtr": "TV", "viddig": "Digital Video", "so": "Social",
    "on": "Online Display", "em": "Email", "sms": "SMS", "aff": "Affiliates", "sem": "Search",
}

_PREFIXES = ("mdsp_", "mdip_", "spend_on_", "spend_", "spends_", "cost_", "costs_", "media_spend_")
_SUFFIXES = (
    "_spend", "_spends", "_spending", "_cost", "_costs", "_investment", "_expenditure",
    "_budget", "_s", "_usd", "_eur", "_gbp", "_dollars", "_000s", "_k", "_amount", "_total",
)


def normalize(column: str) -> str:
    """Lower snake case: "TV Spend" -> "tv_spend", "tvSpend" -> "tv_spend", "x1" -> "x1"."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(column).strip())
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def channel_stem(column: str) -> tuple[str, bool]:
    """The channel part of a spend column name, and whether an mdsp_/mdip_ prefix was removed."""
    stem = normalize(column)
    media_prefix = False
    for prefix in _PREFIXES:
        if stem.startswith(prefix) and len(stem) > len(prefix):
            media_prefix = prefix in ("mdsp_", "mdip_")
            stem = stem[len(prefix):]
            break
    # Suffixes can stack ("tv_spend_usd"), so strip until none applies.
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) > len(suffix):
                stem = stem[: -len(suffix)]
                changed = True
    return stem, media_prefix


def _word(word: str) -> str:
    if word in _UPPER:
        return word.upper()
    if word in _BRANDS:
        return _BRANDS[word]
    return word[:1].upper() + word[1:]


def display_name(column: str) -> str:
    """The name a person would say for the channel behind a spend column.

    "tv_spend" -> "TV", "paid_social_spend" -> "Paid Social", "facebook_S" -> "Facebook",
    "mdsp_vidtr" -> "TV", "x1" -> "X1". Falls back to the stripped column name.
    """
    stem, media_prefix = channel_stem(column)
    if media_prefix and stem in _MEDIA_ALIASES:
        return _MEDIA_ALIASES[stem]
    words = [w for w in stem.split("_") if w]
    if not words:
        return str(column).strip() or "Channel"
    return _keep_mixed_case(" ".join(_word(w) for w in words), column)


def _keep_mixed_case(name: str, column: str) -> str:
    """A word the user wrote in mixed case ("YouTube", "TikTok", "iHeart") stays as written,
    instead of being split at its capital ("You Tube")."""
    for raw in re.split(r"[^A-Za-z0-9]+", str(column)):
        if re.search(r"[a-z][A-Z]", raw):
            split = " ".join(_word(w) for w in normalize(raw).split("_"))
            name = re.sub(rf"\b{re.escape(split)}\b", raw, name)
    return name


def unique_display_names(columns: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Display names for several columns; a repeated name gets " 2", " 3"... so each is unique."""
    names: list[str] = []
    seen: set[str] = set()
    for column in columns:
        base = display_name(column)
        name, k = base, 2
        while name.lower() in seen:
            name, k = f"{base} {k}", k + 1
        seen.add(name.lower())
        names.append(name)
    return tuple(names)


# Plain media words: a column named just "tv" or "Facebook" is probably a channel's spend.
_MEDIA_WORDS = frozenset({
    "tv", "television", "ctv", "ott", "radio", "audio", "podcast", "digital", "display", "online",
    "programmatic", "search", "sem", "ppc", "social", "paid_social", "facebook", "instagram", "meta", "tiktok",
    "linkedin", "twitter", "snapchat", "pinterest", "youtube", "video", "online_video", "print", "newspaper",
    "magazine", "press", "ooh", "dooh", "outdoor", "billboard", "cinema", "email", "affiliate", "affiliates",
    "influencer", "sponsorship", "direct_mail", "google", "google_ads", "bing", "amazon", "retail_media",
})


def looks_like_channel(column: str) -> bool:
    """True for a column named like a medium ("tv", "Facebook", "paid_social") without a spend suffix."""
    return normalize(column) in _MEDIA_WORDS
