"""Questions about a control column of the data ("what did the price change do?", "how much did promotions add?",
"effect of the holidays"): the column named, so the assistant answers with what moved sales and that control's part.

The router knows the columns only by name (`Conversation.controls`, from the loaded data) and matches the question's
words against the words of those names; it reads no values. A question about a control the data lacks is left as it
was read (the limits reply says the file has no such column).
"""

from __future__ import annotations

import re

# the words people use for a kind of control, each read as the stem a column's name carries
_STEMS = {"promotion": "promo", "promotions": "promo", "promos": "promo", "promotional": "promo", "prices": "price",
          "pricing": "price", "priced": "price", "holidays": "holiday", "events": "event", "discounts": "discount",
          "discounting": "discount", "newsletters": "newsletter", "competitors": "competitor", "competition": "competitor",
          "temperatures": "temperature", "temp": "temperature", "weather": "temperature", "feature": "feature",
          "features": "feature", "displays": "display", "coupons": "coupon", "markdowns": "markdown",
          "launches": "launch", "strikes": "strike", "distribution": "distribution", "acv": "distribution",
          "stockouts": "stockout", "covid": "covid", "lockdown": "covid", "lockdowns": "covid", "rates": "rate"}
# words of a column's name that say nothing of what it holds
_VAGUE = frozenset({"index", "flag", "dummy", "var", "level", "total", "sales", "spend", "value", "count", "num", "pct",
                    "rate", "usd", "the", "and", "avg", "mean", "raw", "adj", "log", "week", "weekly", "control",
                    # words a question uses of sales or the model itself ("what drove base sales?", "what base does the
                    # ROI use?", "a better offer"): never enough to name a column
                    "base", "baseline", "new", "current", "other", "misc", "ref", "idx", "offer", "switch", "better",
                    "media", "channel", "return", "model", "brand", "market", "our", "own"})
# the question asks what the control did to sales
_EFFECT = re.compile(r"\b(?:effect|effects|impact|impacts|influence|contribut\w*|add|added|adds|do|did|does|done|drive|"
                     r"drove|lift\w*|help\w*|hurt\w*|matter\w*|cost|costs|bring|brought|work|worked|affect\w*|change|"
                     r"changed|mean|meant|boost\w*|hit|responsible|explain\w*|account\w*)\b")


def _stem(word: str) -> str:
    word = word.lower()
    return _STEMS.get(word, word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)


def _name_words(column: str) -> set[str]:
    words = re.findall(r"[a-z]+", column.lower())
    return {_stem(w) for w in words if len(w) >= 3 and w not in _VAGUE}


def named_controls(question: str, controls: tuple[str, ...]) -> tuple[str, ...]:
    """The data's control columns the question asks the effect of, in the data's order; () when it names none or
    asks nothing of their effect."""
    if not controls or not isinstance(question, str) or not _EFFECT.search(question.lower()):
        return ()
    said = {_stem(w) for w in re.findall(r"[a-z]+", question.lower()) if len(w) >= 3}
    return tuple(c for c in controls if _name_words(c) & said)
