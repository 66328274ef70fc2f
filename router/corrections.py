"""A correction of the last question ("Sorry, I meant TV at 30%, not Radio."), read as the follow-up it stands for.

The words that undo the slip ("not Radio", "instead of Print") name a channel the user does *not* want, so read
as they are they add that channel to the question; and "sorry, I meant" hides the follow-up from the context
rules. Both are taken off, leaving "and TV at 30%?", which the conversation already reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_APOLOGY = r"(?:(?:sorry|oops|apologies|my bad|no|nope|nah|hmm|actually|wait|correction|ah|err?)[,.!:;]?\s+)*"
_MEANT = re.compile(rf"^\s*{_APOLOGY}(?:i\s+)?(?:meant|mean|am meaning|was meaning|meant to say|mean to say|wanted to (?:say|write|type)"
                    r"|meant to (?:write|type))\s+(?:to\s+say\s+)?",
                    re.IGNORECASE)
# "not Radio" / "instead of Print" / "rather than the TV budget" at the end of the sentence
# (a channel's name may be up to three words: "not Paid Social", "instead of the Online Video budget")
_NOT_TAIL = re.compile(r"[,;]?\s*\b(?:and\s+)?(?:not|instead of|rather than)\s+(?:the\s+|our\s+)?[\w&+'-]+"
                       r"(?:\s+[\w&+'-]+){0,2}(?:\s+(?:spend|budget|channel|one))?\s*[.!?]*\s*$", re.IGNORECASE)
# "not Radio, I meant TV" / "no, not Print — I meant Radio"
_NOT_HEAD = re.compile(rf"^\s*{_APOLOGY}not\s+(?:the\s+|our\s+)?[\w&+'-]+(?:\s+[\w&+'-]+){{0,2}}?\s*[,;:\u2014-]*\s*(?:i\s+)?"
                       r"(?:meant|mean|am meaning|was meaning)\s+", re.IGNORECASE)


# "Not the TV cut — what happens if we raise Radio?", "Forget Print. What would Social +15% do?", "no not digital.
# radio -10%": a short phrase waved away (never "drop"/"skip"/"leave", which act on the channel: "Drop Print - what
# happens?" stops Print), then a question of its own. The phrase is checked to name a channel of the
# data by the caller (router.core), so "Not sure. Cut TV 10%?" and "Not bad." are read whole as before.
_DISMISSED = re.compile(rf"^\s*{_APOLOGY}(?:not|forget(?:\s+about)?|never\s+mind)\s+"
                        r"(?P<phrase>(?:the\s+|our\s+|that\s+|this\s+)?[\w&+'-]+(?:\s+[\w&+'-]+){0,3}?)"
                        r"(?:\s+please)?\s*(?:[,;:.!\u2014\u2013]|\s-)\s*(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
MIN_REST_WORDS = 2   # "Not TV, Radio." is a correction the follow-up rules read; "radio -10%" asks on its own


def dismissed(question: str) -> tuple[str, str] | None:
    """(the phrase waved away, the question after it) when a message opens by dismissing something, else None."""
    if not isinstance(question, str) or len(question) > 300:
        return None
    m = _DISMISSED.match(question)
    if m is None or len(re.findall(r"[a-z0-9]+", m.group("rest"), re.IGNORECASE)) < MIN_REST_WORDS:
        return None
    return m.group("phrase"), m.group("rest").strip()


def corrected(question: str, has_last: bool) -> str | None:
    """The follow-up a correction stands for, or None when the question is no correction of a last one."""
    if not has_last or not isinstance(question, str) or len(question) > 200:
        return None
    head = _NOT_HEAD.match(question)
    if head:
        body = question[head.end():]
    else:
        meant = _MEANT.match(question)
        if meant is None or not _NOT_TAIL.search(question):
            return None
        body = _NOT_TAIL.sub("", question[meant.end():])
    body = body.strip(" .!?,;")
    return f"and {body}?" if body else None


# A slip corrected in the middle of the sentence: "move 15% of Print - correction, Radio - to Digital", "cut TV, sorry,
# Radio, by 10%", "increase TV, no wait, Radio", "to Digital (correction: to Social)", "by 20%, correction, 30%". The
# marker stands between two items of one kind (two channels, two sizes, two "to X"), and the first is retracted.
# ("or rather" corrects only inside the sentence, "trim Print, or rather Radio, by a fifth": at its end, "cut TV 20%, or
# rather 10%?" weighs two options; a bare "wait" is left out: "cut TV by 20%, wait 4 weeks" is a pause in time)
_SLIP = (r"(?P<slip>correction|sorry|i\s+mean|i\s+meant|no\s+wait|oops|make\s+that|scratch\s+that|my\s+bad"
         r"|or\s+rather)")
_ITEM = (r"(?:(?:to|into|towards)\s+(?:the\s+)?[a-z][\w&+'-]*"                 # "to Digital"
         r"|(?:by\s+)?[$€£]?\d+(?:\.\d+)?\s*(?:%|percent|k\b|m\b|thousand|million)?"   # "20%", "by $500k"
         r"|[a-z][\w&+'-]*)")                                                    # "Print"
_RETRACTED = re.compile(rf"(?P<old>{_ITEM})\s*(?:[,;:(\u2014\u2013-]\s*)+{_SLIP}\s*(?:[,;:\u2014\u2013-]\s*|\s)"
                        rf"(?P<new>{_ITEM})(?P<close>\s*[,;)\u2014\u2013-])?", re.IGNORECASE)


def _kind(item: str, is_channel: Callable[[str], bool]) -> str | None:
    """ "to" (a receiver), "size" (a number) or "channel"; None for any other word (never retracted)."""
    words = item.lower().split()
    if words[0] in ("to", "into", "towards"):
        return "to" if is_channel(words[-1]) else None
    if re.match(r"(?:by\s+)?[$€£]?\d", item, re.IGNORECASE):
        return "size"
    return "channel" if is_channel(words[0]) else None


def without_slips(question: str, is_channel: Callable[[str], bool]) -> str:
    """The question with each retracted item taken out ("cut TV, sorry, Radio, by 10%" -> "cut Radio by 10%"); the
    question itself when it holds no such slip. `is_channel` says whether a word names one of the data's channels."""
    if not isinstance(question, str) or len(question) > 400:
        return question

    def fix(m: re.Match[str]) -> str:
        kind = _kind(m.group("old"), is_channel)
        if m.group("slip").lower().startswith("or") and m.group("close") is None:
            return m.group(0)
        if kind is None or kind != _kind(m.group("new"), is_channel):
            return m.group(0)
        return m.group("new") + " "

    return re.sub(r"\s{2,}", " ", _RETRACTED.sub(fix, question)).strip()
