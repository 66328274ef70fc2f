"""Two asks in one message, one of them marked as the main one ("Is TV saturated? That's the main thing. I'm also
curious how Digital trended, but that's secondary."): the main ask is the question answered.

A message is split into sentences (and at a clause that opens with a secondary marker). A sentence is the main ask
when it says so ("main question:", "mainly", "most important"); a bare "That's the main thing." marks the sentence
before it. With no main marker, the first sentence not marked secondary ("but that's secondary", "side question",
"out of curiosity") is the main ask. Without any marker nothing changes: the whole message is read as before.
"""

from __future__ import annotations

import re

_MAIN = re.compile(r"\b(?:main|key|real|big|primary|important) (?:thing|question|ask|point|one|issue|concern)\b"
                   r"|\bmainly\b|\bprimarily\b|\bmost important(?:ly)?\b|\b(?:first|top|main|number one) priority\b"
                   r"|\babove all\b|\bwhat i (?:really|mostly) (?:want|need) to know\b|\bmost of all\b", re.IGNORECASE)
_SECONDARY = re.compile(r"\bsecondar(?:y|ily)\b|\bside (?:question|note|point)\b|\bless important(?:ly)?\b"
                        r"|\bout of curiosity\b|\blower priority\b|\bnot urgent\b|\bnice to have\b|\bif you have time\b"
                        r"|\bon a side note\b|\bby the way\b|\bbtw\b", re.IGNORECASE)
# a clause of its own after a comma or "and": "…saturated; secondarily, how have sales trended?"
_SPLIT = re.compile(r"(?<=[.?!;])\s+|\s*[,;]\s*(?=(?:and\s+)?(?:secondarily|less important(?:ly)?|side question|also,? out of"
                    r" curiosity|out of curiosity)\b)", re.IGNORECASE)
# the words left of a marker sentence with no ask of its own ("That's the main thing.", "but that one is secondary")
_FILLER = frozenset({"that", "this", "it", "s", "is", "was", "the", "a", "my", "our", "but", "and", "so", "one", "really",
                     "just", "thing", "question", "ask", "point", "bit", "part", "though", "for", "me", "us", "here"})
_LEAD = re.compile(r"^\W*(?:(?:the |my |our )?(?:main|key|real|big|primary|first|top|side|secondary)\s+(?:thing|question|ask|point"
                   r"|priority|issue|concern)\s*(?:is|:|-|–|—)?|(?:most important(?:ly)?|first priority|top priority|secondarily"
                   r"|less important(?:ly)?|mainly|primarily|above all)\s*(?:is|:|,|-|–|—)?)\s*(?:the\s+)?", re.IGNORECASE)
_NAMED_ASK = re.compile(r"^\W*(?:the |my |our )?(?:main|key|real|big|primary|first|top)\s+(?:thing|question|ask|point|priority"
                        r"|issue|concern)\b", re.IGNORECASE)
MIN_WORDS = 3   # a sentence shorter than this, once its marker is gone, only marks its neighbour
# the chosen sentence must ask something: "Most importantly, TV must not drop below $1M." after "Best split of $5M."
# is a limit on that plan, "Mainly for the board." or "We mainly care about Q4 sales." say why, not what, is asked
ASKS = re.compile(r"\?|^\W*(?:(?:and|also|but|so|then|now|first|please)\s+)*(?:what|which|how|why|where|when|who|whether"
                   r"|is|are|was|were|do|does|did|can|could|should|would|will|has|have|show|give|tell|list|compare"
                   r"|break|plan|optimi[sz]e|allocate|split|run|make|export|explain|rank|estimate|i m (?:also )?curious"
                   r"|i (?:also )?(?:want|need|d like|would like) to (?:know|see|understand)|i wonder)\b", re.IGNORECASE)


_ABBREVIATION = re.compile(r"(?:\b(?:i\.e|e\.g|etc|vs|approx|incl|esp|cf|no|mr|mrs|ms|dr)|\b[a-z])\.$", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """The message's sentences, split after . ? ! but not after an abbreviation ("i.e.", "e.g.", "vs.")."""
    out: list[str] = []
    for part in re.split(r"(?<=[.?!])\s+", text.strip()):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        elif re.search(r"[a-z0-9]", part, re.IGNORECASE):
            out.append(part)
    return out


# a sentence that opens a fresh ask of its own after another ask: "Also, what is the ROI of Radio?", "And how saturated
# is Digital?", "One more thing, how much is Social contributing?", "Separately, could you tell me …?"
_FRESH_LEAD = (r"^\W*(?:(?:and|also|plus|btw|by the way|separately|additionally|secondly|next|oh|then|too|one more thing"
               r"|another (?:thing|question)|a second question|second question|on another note|unrelated)\b\W*)*")
_LEAD_WORDS = re.compile(_FRESH_LEAD, re.IGNORECASE)
# a lead that says a new question follows, whatever its words ("Another question, the model is good or not?")
_NAMED_LEAD = re.compile(r"^\W*(?:one more thing|another (?:thing|question)|a second question|second question|separately"
                         r"|unrelated|on another note)\b", re.IGNORECASE)
_FRESH_ASK = re.compile(_FRESH_LEAD + r"(?:what|which|how|why|is|are|does|do|did|can|could|would|will|should|has|have"
                        r"|tell|show|give)\b", re.IGNORECASE)


# a sentence about the one before is part of its ask: "What if we move $500k to Digital? Would that pay off?", "… How
# sure are you about that?"
_REFERS_BACK = re.compile(r"\b(?:that|it|this|those|these|them|then)\b", re.IGNORECASE)


def later_asks(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(the first ask, the asks after it) when a later sentence opens a question of its own ("Cut TV by 20%. Also,
    what is the ROI of Radio?"); None when no sentence after the first does. Whether the later one is really another
    question (not the same one said again, or a condition of it) is the reader's call: it knows the intents."""
    parts = sentences(text)
    opens = [k for k in range(1, len(parts)) if parts[k].rstrip().endswith("?")
             and (_NAMED_LEAD.match(parts[k]) or (_FRESH_ASK.match(parts[k]) and not _REFERS_BACK.search(parts[k])))]
    if not opens:
        return None
    ends = [*opens[1:], len(parts)]
    asks = (_LEAD_WORDS.sub("", " ".join(parts[a:b])) for a, b in zip(opens, ends))   # "Also, what …" → "What …"
    return " ".join(parts[:opens[0]]), tuple(a[:1].upper() + a[1:] for a in asks)


def main_ask(text: str) -> str | None:
    """The main ask's words when the message marks one ask as main or secondary; None when it does not."""
    parts = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    if len(parts) < 2:
        return None
    roles: list[str | None] = []
    for k, part in enumerate(parts):
        role = "main" if _MAIN.search(part) else "secondary" if _SECONDARY.search(part) else None
        left = re.findall(r"[a-z0-9]+", _MAIN.sub(" ", _SECONDARY.sub(" ", part)).lower())
        bare = not [w for w in left if w not in _FILLER]
        if role is not None and bare and k > 0 and roles[k - 1] is None:
            roles[k - 1], role = role, "marker"   # "That's the main thing.": the sentence before it
        roles.append(role)
    if "main" in roles:
        pick = roles.index("main")
    elif "secondary" in roles:
        pick = next((k for k, r in enumerate(roles) if r is None), -1)
    else:
        return None
    if pick < 0:
        return None
    ask = _LEAD.sub("", parts[pick]).strip()
    led = bool(_NAMED_ASK.match(parts[pick]))   # "Main question: …", "First priority is …": what follows is the ask
    if not led and not ASKS.search(" ".join(re.findall(r"[a-z0-9?]+", ask.replace("'", " "), re.IGNORECASE))):
        return None   # the marked sentence qualifies the message instead of asking: read the message whole
    return ask if len(re.findall(r"[a-z0-9]+", ask, re.IGNORECASE)) >= MIN_WORDS else None


_CURIOUS = re.compile(r"\b(?:curious|wonder(?:ing)?)\b", re.IGNORECASE)


def other_asks(text: str, main: str) -> tuple[str, ...]:
    """The asks of a message besides its main one ("…, but that's secondary"): what the answer leaves for later."""
    out = []
    for part in (p.strip() for p in _SPLIT.split(text) if p and p.strip()):
        if main in part or not (ASKS.search(part) or _CURIOUS.search(part)):
            continue
        said = _LEAD_WORDS.sub("", re.sub(r"^[\W_]+", "", _SECONDARY.sub("", _LEAD.sub("", part))))
        said = re.sub(r",?\s*but (?:that|this|it)(?: one)?(?:'s| s| is)?\s*\W*$", "", said.strip())   # "…, but that's [secondary]"
        said = re.sub(r"[\s,;:(\-–—]+$|(?<=\?)\)$", "", said)
        if len(re.findall(r"[a-z0-9]+", said, re.IGNORECASE)) >= MIN_WORDS:
            out.append(said[:1].upper() + said[1:])
    return tuple(out)

