"""Turn corrected words into typed tokens: channels, percentages, amounts and plain words.

Entity rules then match over a surface string in which every such token is a
placeholder (CH, XCH, PCT, AMT, NUM), so "keep tv at least $500k" and
"keep radio at least 2 million" are the same pattern.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from router.channels import ChannelMatcher
from router.numbers import FRACTIONS, words_to_digits

_NUMBER = re.compile(r"^\d*\.?\d+$")
_SCALE = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "thousands": 1e3, "billions": 1e9,
          "b": 1e9, "billion": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY = {"$", "£", "€", "usd", "eur", "gbp"}
_CURRENCY_AFTER = {"dollars", "dollar", "bucks", "usd", "quid", "pounds", "euros"}
_PERCENT_AFTER = {"%", "percent", "percentage", "percents", "pct", "procent", "prozent", "pourcent", "por ciento"}
_FRACTION_LEAD = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3}
_FRACTION_USE_BEFORE = {"by", "in", "cut", "slash", "reduce", "trim", "increase", "raise", "boost",
                        "grow", "lower", "drop", "up", "down", "shift", "move", "take", "put",
                        "reallocate", "transfer", "redirect",
                        "than"}   # "no channel moving more than a tenth", "not cut by more than half": a limit's size
# Multi-word verbs that mean "stop spending": rewritten to one word before lexing.
# "Print to zero", "down to nothing": one token of its own, so a channel said to zero with no verb is a stop
# (changes._to_zero) and otherwise reads as "entirely" (changes.ENTIRELY)
TO_ZERO = "tozero"
_STOP_PHRASES = (
    (("turn", "off"), "stop"), (("switch", "off"), "stop"), (("shut", "off"), "stop"),
    # the other forms of the same verbs: "switched off all TV", "zeroing out Radio", "turning off Print"
    (("turned", "off"), "stop"), (("turning", "off"), "stop"), (("switched", "off"), "stop"), (("switching", "off"), "stop"),
    (("shutting", "off"), "stop"), (("shutting", "down"), "stop"), (("zeroing", "out"), "stop"), (("zeroed", "out"), "stop"),
    (("zeroes", "out"), "stop"), (("zeros", "out"), "stop"),
    (("shut", "down"), "stop"), (("zero", "out"), "stop"), (("get", "rid", "of"), "stop"),
    (("go", "dark", "on"), "stop"), (("went", "dark", "on"), "stop"), (("goes", "dark", "on"), "stop"),
    (("going", "dark", "on"), "stop"), (("go", "silent", "on"), "stop"), (("went", "silent", "on"), "stop"),
    (("going", "silent", "on"), "stop"), (("went", "quiet", "on"), "stop"), (("go", "quiet", "on"), "stop"),
    (("going", "quiet", "on"), "stop"), (("goes", "quiet"), "stopped"), (("went", "quiet"), "stopped"),
    (("with", "half", "the"), "halve"), (("with", "half", "of", "the"), "halve"), (("at", "half", "the"), "halve"),
    (("at", "double", "weight"), "double"), (("at", "double"), "double"), (("at", "triple"), "triple"), (("double", "weight"), "double"),
    (("double", "the", "weight"), "double"), (("goes", "to", "half"), "halved"), (("go", "to", "half"), "halved"), (("went", "to", "half"), "halved"),
    # "ramp Digital up to double", "bring Social up to twice the level": the multiple is the size
    (("to", "double"), "doubled"), (("to", "triple"), "tripled"), (("to", "twice"), "doubled"),
    (("down", "to", "half"), "halved"), (("to", "half"), "halved"), (("at", "half"), "halved"), (("dark", "period", "on"), "stop"), (("dark", "period", "for"), "stop"),
    (("blackout", "on"), "stop"), (("blackout", "for"), "stop"), (("black", "out"), "stop"),
    (("media", "blackout", "on"), "stop"), (("freeze", "on"), "stop"),
    # the channel first: "what if Radio goes dark in January?"
    (("goes", "dark"), "stopped"), (("went", "dark"), "stopped"), (("go", "dark"), "stopped"),
    (("gone", "dark"), "stopped"), (("going", "dark"), "stopping"), (("goes", "silent"), "stopped"), (("went", "silent"), "stopped"),
    (("go", "silent"), "stopped"), (("goes", "off", "air"), "stopped"), (("went", "off", "air"), "stopped"),
    (("not", "spent", "anything", "on"), "stop"), (("not", "spend", "anything", "on"), "stop"),
    (("spent", "no", "money", "on"), "stop"), (("spend", "no", "money", "on"), "stop"),
    (("hadnt", "spent", "anything", "on"), "stop"), (("hadnt", "spent", "on"), "stop"), (("hadnt", "spent", "money", "on"), "stop"),
    (("not", "spent", "on"), "stop"), (("hadnt", "run"), "stop"), (("hadnt", "used"), "stop"), (("not", "used"), "stop"),
    (("give", "back"), "cut"), (("hand", "back"), "cut"),
    # "we're clawing back 15% of the media budget": money taken back out of the plan
    (("claw", "back"), "cut"), (("claws", "back"), "cut"), (("clawed", "back"), "cut"), (("clawing", "back"), "cutting"),
    # "give up on Radio" stops it; "how much revenue do we give up" is the sales lost, not a raise ("up")
    (("give", "up", "on"), "stop"), (("giving", "up", "on"), "stop"), (("gave", "up", "on"), "stop"),
    (("give", "up"), "lose"), (("giving", "up"), "losing"), (("gave", "up"), "lost"), (("given", "up"), "lost"),
    (("never", "run"), "stop"), (("never", "ran"), "stop"), (("never", "spent", "on"), "stop"),
    (("never", "advertised", "on"), "stop"), (("not", "run", "any"), "stop"), (("not", "run"), "stop"),
    (("stop", "running"), "stop"), (("stopped", "running"), "stop"),
    # "what if we just stopped doing print altogether?": the verb that carries the channel is "stop"
    (("stop", "doing"), "stop"), (("stopped", "doing"), "stop"), (("stop", "buying"), "stop"), (("stopped", "buying"), "stop"), (("goes", "to", "zero"), "stopped"),
    (("go", "to", "zero"), "stopped"), (("went", "to", "zero"), "stopped"), (("down", "to", "zero"), TO_ZERO),
    (("to", "zero"), TO_ZERO), (("to", "nothing"), TO_ZERO), (("to", "nil"), TO_ZERO), (("goes", "to", "nil"), "stopped"),
    (("go", "to", "nil"), "stopped"), (("went", "to", "nil"), "stopped"), (("pull", "the", "plug", "on"), "stop"), (("pull", "back", "on"), "reduce"), (("scale", "back", "on"), "reduce"),
    (("did", "not", "spend", "anything", "on"), "stop"), (("didnt", "spend", "anything", "on"), "stop"),
    (("spend", "nothing", "on"), "stop"), (("spent", "nothing", "on"), "stop"),
    (("stop", "spending", "on"), "stop"), (("stopped", "spending", "on"), "stop"),
    (("no", "longer", "spend", "on"), "stop"), (("pulled", "all", "of"), "stop"),
    (("two", "times"), "double"), (("three", "times"), "triple"), (("twice", "as", "much"), "double"),
    # non-native comparatives: "20% more small", "10% more big"
    (("more", "small"), "smaller"), (("more", "big"), "bigger"), (("more", "low"), "lower"), (("more", "high"), "higher"),
    (("less", "big"), "smaller"), (("not", "do", "any"), "stop"), (("not", "have", "any"), "stop"),
    (("per", "cent"), "percent"), (("per", "cents"), "percent"), (("percentage", "points"), "percent"),
    (("percent", "points"), "percent"), (("e", "mail"), "email"),
)


@dataclass
class Tok:
    """One typed token; `used` marks tokens already read by a period, margin, goal or constraint."""

    kind: str                 # w, num, pct, amt, ch, xch, punct
    text: str
    value: object = None
    signed: bool = False      # the number carried an explicit + or -
    frac: bool = False        # the percentage came from "half", "a third" ...
    used: bool = False

    @property
    def num(self) -> float:
        """The number of a num, pct or amt token (the lexer stores an int or float there), as stored."""
        v = self.value
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError(f"token {self.text!r} ({self.kind}) carries no number")
        return v

    @property
    def name(self) -> str:
        """The channel (ch) or label (xch) a channel token names."""
        v = self.value
        if not isinstance(v, str):
            raise TypeError(f"token {self.text!r} ({self.kind}) names no channel")
        return v


@dataclass
class Lexed:
    """Typed tokens plus the placeholder surface string rules match against."""

    toks: list[Tok]
    surface: str = ""
    starts: list[int] = field(default_factory=list)
    # set by the period reader: every period named stands next to the one before with only a joiner between
    # ("Jan and Feb", "Q2 through Q4", "June, July and August"), so they read as one stretch of time
    periods_joined: bool = False

    def refresh(self) -> None:
        """Rebuild the surface; used tokens read as USED so no later rule sees them."""
        parts, starts, pos = [], [], 0
        for t in self.toks:
            s = "USED" if t.used else _SURFACE.get(t.kind, t.text)
            starts.append(pos)
            parts.append(s)
            pos += len(s) + 1
        self.surface = " ".join(parts)
        self.starts = starts

    def index_at(self, char_pos: int) -> int:
        """The token whose surface text starts at or before `char_pos`."""
        return bisect.bisect_right(self.starts, char_pos) - 1

    def span(self, start: int, end: int) -> range:
        """Token indices whose surface lies within [start, end) characters."""
        return range(self.index_at(start), self.index_at(max(start, end - 1)) + 1)

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.surface)

    def group_tok(self, m: re.Match[str], g: int | str) -> Tok:
        return self.toks[self.index_at(m.start(g))]

    def group_toks(self, m: re.Match[str], g: int | str) -> list[Tok]:
        return [self.toks[i] for i in self.span(m.start(g), m.end(g))]

    def use(self, m: re.Match[str]) -> None:
        for i in self.span(m.start(), m.end()):
            self.toks[i].used = True
        self.refresh()

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.toks]


_SURFACE = {"ch": "CH", "xch": "XCH", "pct": "PCT", "amt": "AMT", "num": "NUM"}


def lex(words: list[str], matcher: ChannelMatcher) -> Lexed:
    """Typed tokens for `words` (already corrected and lowercased)."""
    words = words_to_digits(_rewrite_phrases(words))
    mentions = {m.start: m for m in matcher.find(words)}
    toks: list[Tok] = []
    i, n = 0, len(words)
    while i < n:
        if i in mentions:
            m = mentions[i]
            kind = "ch" if m.channel else "xch"
            if not _same_channel_again(toks, kind, m.channel):
                toks.append(Tok(kind, " ".join(words[m.start:m.end]), m.channel or m.label))
            i = m.end
            continue
        w = words[i]
        if w in (",", ";", "?"):
            toks.append(Tok("punct", w))
            i += 1
            continue
        if w in _FRACTION_LEAD and i + 1 < n and words[i + 1] in FRACTIONS and words[i + 1] != "half":
            got = _read_fraction(words, i, toks)   # "two thirds of": a fraction, before "two" is read as a number
            if got is not None:
                tok, i = got
                toks.append(tok)
                continue
        got = _read_number(words, i)
        if got is not None:
            tok, i = got
            toks.append(tok)
            continue
        got = _read_fraction(words, i, toks)
        if got is not None:
            tok, i = got
            toks.append(tok)
            continue
        # the size said after its channel (and a spend noun): "print half", "digital budget two times"
        at = len(toks) - 1 - (1 if toks and toks[-1].kind == "w" and toks[-1].text in _SPEND_NOUNS else 0)
        after_channel = (at >= 0 and toks[at].kind == "ch"
                         and (i + 1 >= n or words[i + 1] in (",", ";", "?", ".", "and", "in", "for", "during")))
        if w == "half" and i + 1 < n and i + 1 in mentions and (not toks or toks[-1].kind == "punct" or toks[-1].text in ("and", "then")):
            w = "halve"   # "double print, half radio": "half" before its channel, said as a verb
        if w == "half" and after_channel:
            w = "halved"   # "print half, social double": the size said after its channel
        if w in _POSTFIX_SIZES and after_channel:
            toks.insert(at, Tok("w", w))   # "social double" reads as "double social", one change per clause
            i += 1
            continue
        toks.append(Tok("w", w))
        i += 1
    lexed = Lexed(_multipliers(_phrasal_verbs(toks)))
    lexed.refresh()
    return lexed


# Verbs whose direction is their particle's: "crank TV up", "dial Print down", "ramp down Social", "scale up TV",
# "push Digital up 20%". Without a particle some still have one ("push Digital 20%", "crank TV"), others none
# ("step", "turn"): read as the verb they mean, so the change reader sees one direction word. One table for the
# change reader and for the size-less direction cue (cues._CUT, cues._RAISE).
PARTICLE_VERBS: dict[str, str | None] = {
    **dict.fromkeys(("push", "pushes", "pushed", "pushing", "crank", "cranks", "cranked", "cranking", "jack", "jacked",
                     "jacking", "ramp", "ramps", "ramped", "ramping", "amp", "amped", "pump", "pumped", "pumping"), "raise"),
    **dict.fromkeys(("dial", "dials", "dialed", "dialled", "dialing", "dialling", "scale", "scales", "scaled", "scaling",
                     "wind", "winding", "pull", "pulls", "pulled", "pulling", "tone", "tones", "toned", "toning"), "cut"),
    **dict.fromkeys(("ratchet", "ratcheted", "ratcheting", "step", "stepped", "stepping", "turn", "turned", "turning"), None),
}
PARTICLES = {"up": "raise", "down": "cut", "back": "cut"}
# "pull up the forecast", "wind up the campaign", "step back and summarise": no change of spend
_NOT_PHRASAL = {"up": ("pull", "wind"), "back": ("step",)}


def particle_direction(verb: str, particle: str) -> str | None:
    """ "raise" or "cut" for a verb of PARTICLE_VERBS said with that particle, or None."""
    if particle not in PARTICLES or verb.startswith(_NOT_PHRASAL.get(particle, ())):
        return None
    return PARTICLES[particle]


# "take Radio up to double", "bring Social up to twice the level", "grow Digital to 2x": verbs that, before a channel
# and a multiple, only say where the channel goes; the multiple is the change
_TO_SIZE_VERBS = frozenset({"take", "takes", "taking", "took", "bring", "brings", "bringing", "brought", "grow", "grows",
                            "growing", "grew", "get", "gets", "got", "increase", "increases", "increased", "boost",
                            "boosted", "lift", "lifted", "raise", "raised", "go", "goes", "went", "move", "moved"})
_SIZE_VERB = {"double": "double", "doubled": "double", "triple": "triple", "tripled": "triple",
              "quadruple": "quadruple", "halved": "halve", "halve": "halve"}
_PHRASAL_HEADS = frozenset(PARTICLE_VERBS) | {"double"} | _TO_SIZE_VERBS
# what may stand between a verb and its particle: "crank the TV spend up", "dial it back"
_BETWEEN = frozenset({"the", "our", "it", "them", "that", "this", "spend", "spending", "budget", "budgets", "ads",
                      "advertising", "investment", "media"})


# "push Digital harder" (headroom), "push the TV flight back / into January" (timing): no raise of spend
_NOT_A_RAISE = frozenset({"harder", "further", "out", "later", "back", "into", "until", "till", "forward", "earlier"})


def _phrasal_verbs(toks: list[Tok]) -> list[Tok]:
    """ "take Radio to zero and push Digital up 20%": a verb and its particle become one change verb ("raise
    Digital 20%"), the particle dropped, so neither "up" nor "down" joins another channel's change.
    "push Digital harder" (headroom), "push TV back to Q2" (a delay) and "double down" said of no channel (a plan's cue,
    "doubledown") are no change."""
    if _PHRASAL_HEADS.isdisjoint([t.text for t in toks]):
        return toks   # most questions have none: no pass over their tokens
    out: list[Tok] = []
    skip: set[int] = set()
    for k, t in enumerate(toks):
        if k in skip:
            continue
        if t.kind != "w" or t.text not in _PHRASAL_HEADS:
            out.append(t)
            continue
        j = k + 1
        while j < len(toks) and j < k + 4 and (toks[j].kind == "ch" or toks[j].text in _BETWEEN):
            j += 1
        if t.text in _TO_SIZE_VERBS:
            to = j
            while to < len(toks) and toks[to].text in (*PARTICLES, "to"):
                to += 1
            if j > k + 1 and toks[j - 1].kind == "ch" and to > j and to < len(toks) and toks[to].text in _SIZE_VERB:
                out.append(Tok("w", _SIZE_VERB[toks[to].text]))   # "take Radio up to double": "double Radio"
                out.extend(toks[k + 1:j])
                skip.update(range(k + 1, to + 1))
                continue
            if out and out[-1].kind == "ch" and to > j and to < len(toks) and toks[to].text in _SIZE_VERB:
                # "what if Digital grows to two times": "Digital doubled"
                out.append(Tok("w", _SIZE_VERB[toks[to].text].rstrip("e") + "ed"))
                skip.update(range(k + 1, to + 1))
                continue
            if t.text not in PARTICLE_VERBS:
                out.append(t)
                continue
        particle = toks[j].text if j < len(toks) and toks[j].kind == "w" else ""
        if t.text == "double":
            # "double down on Digital": a raise of that channel (said of no channel it is a plan's cue)
            if particle == "down" and j + 2 < len(toks) and toks[j + 1].text == "on" and toks[j + 2].kind == "ch":
                out.append(Tok("w", "raise"))
                skip.update((j, j + 1))
            elif particle == "down" and j == k + 1:
                out.append(Tok("w", "doubledown"))   # "which channel should we double down on?": no doubling of money
                skip.add(j)
            else:
                out.append(t)
            continue
        way = particle_direction(t.text, particle)
        after = j + 1
        while after < len(toks) and toks[after].text in PARTICLES:
            after += 1
        if way is not None and after < len(toks) and toks[after].text in _POSTFIX_SIZES:
            # "ramp Digital up to double", "scale Radio back down to half": the multiple is the change ("double
            # Digital"); the verb only said its way, and beside it the size word would read as a second change
            out.append(Tok("w", _SIZE_VERB[toks[after].text]))
            skip.update(range(j, after + 1))
            continue
        if way is not None and not (particle == "back" and j + 1 < len(toks)
                                    and toks[j + 1].text in ("to", "into", "until", "till", "on")):
            out.append(Tok("w", way))   # "push TV back to Q2" is a delay (router.limits)
            skip.add(j)
            continue
        default = PARTICLE_VERBS[t.text]
        ahead = [u for u in toks[k + 1:k + 3] if u.text not in ("the", "our")][:1]
        clause = []
        for u in toks[k + 1:k + 7]:
            if u.kind == "punct" or u.text in ("and", "but", "then", "while"):
                break
            clause.append(u.text)
        if default == "raise" and ahead and ahead[0].kind in ("ch", "pct", "amt") and not _NOT_A_RAISE.intersection(clause):
            out.append(Tok("w", default))   # "push Digital 20%", "crank TV": a raise
            continue
        out.append(t)
    return out


def _same_channel_again(toks: list[Tok], kind: str, channel: str | None) -> bool:
    """ "Facebook/Instagram", "Facebook and Instagram": two names of one channel said together are one mention
    (so "into Facebook/Instagram" is one receiver); the joining "and" is dropped with it. Two names of channels
    the data lacks said side by side ("podcasts sponsorship") are one thing the data lacks."""
    if kind == "xch":
        return bool(toks) and toks[-1].kind == "xch"
    if kind != "ch" or not toks:
        return False
    k = len(toks) - 1
    if toks[k].kind == "w" and toks[k].text in ("and", "&", "plus") and k > 0:
        k -= 1
    if toks[k].kind == "ch" and toks[k].value == channel:
        del toks[k + 1:]
        return True
    return False


# "make the TV budget half", "what if Radio spend was half?": "half" said as the new size of a spend is a halving.
_HALF_AS_SIZE_AFTER = frozenset({"budget", "budgets", "spend", "spending", "was", "were", "is", "be", "becomes",
                                 "became", "become", "been"})
_HALF_AS_SIZE_BEFORE = frozenset({"", "?", ",", ".", "!", "for", "in", "during", "from", "next", "and", "then",
                                  "starting", "what", "how", "would", "will", "over", "through", "throughout"})


def _half_as_a_size(words: list[str], i: int) -> bool:
    """ "half" at the end of its clause after a spend noun or a copula, or after "make …" ("make Print half")."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt not in _HALF_AS_SIZE_BEFORE or i == 0:
        return False
    return words[i - 1] in _HALF_AS_SIZE_AFTER or "make" in words[max(0, i - 6):i]


_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _repl in _STOP_PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _repl))


def _rewrite_phrases(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, repl in _PHRASES_BY_FIRST.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                out.append(repl)
                i += len(phrase)
                break
        else:
            # "turn TV off": the verb and its particle around a channel word.
            if words[i] in ("turn", "switch", "shut") and ("off" in words[i + 1:i + 4]
                                                           or (words[i] == "shut" and "down" in words[i + 1:i + 4])):
                j = next(k for k in range(i + 1, min(i + 4, len(words))) if words[k] in ("off", "down"))
                out.append("stop")
                out.extend(words[i + 1:j])
                i = j + 1
                continue
            if words[i] in ("freeze", "freezing", "froze", "frozen") and _names_a_window(words[i + 1:i + 8]):
                out.append("stop")   # "freeze Social spend for August": no spend in that window
                i += 1
                continue
            if words[i] in _GIVE and "back" in _clause(words, i + 1, 7) and not (set(words[i + 1:i + 3]) & _GIVE_NOT):
                out.append("cut")    # "hand a tenth of the budget back to finance": the money leaves the plan
                i += 1
                continue
            if (words[i] in _GIVE and "to" in _clause(words, i + 1, 7) and not (set(words[i + 1:i + 3]) & _GIVE_NOT)
                    # "we give to Print a push of 30%": the receiver straight after, nothing taken from anywhere
                    and not (words[i + 1:i + 2] == ["to"] and words[i + 3:i + 4] in (["a"], ["an"]))):
                out.append("move")   # "take 20% from TV and give it to Digital", "giving half of the radio money to Social"
                i += 1
                continue
            if (words[i] in _SPEND_IT and words[i + 1:i + 2] and words[i + 1] in ("it", "that", "them", "this")
                    and words[i + 2:i + 3] and words[i + 2] in ("on", "in", "into") and "from" in words[:i]):
                out.append("move")   # "take $40k from TV and spend it on Print": the money taken moves
                i += 1
                continue
            if words[i] == "half" and _half_as_a_size(words, i):
                out.append("halved")
                i += 1
                continue
            out.append(words[i])
            i += 1
    return out


_WINDOW_LEADS = frozenset({"for", "in", "during", "throughout", "over"})
_WINDOW_HEADS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec q1 q2 q3 q4 h1 h2 a one two three four five six eight
christmas xmas summer""".split())


# "for the next four weeks": a count of weeks after "the next" (never "the next year", a plan's horizon)
_FEW = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "few", "couple",
                  "week", "weeks", "fortnight", "month", "months"})


def _names_a_window(after: list[str]) -> bool:
    """ "for August", "in Q4", "for 2 weeks": what follows "freeze" names a time, so it is a pause, not a lock."""
    for k, w in enumerate(after[:-1]):
        if w in _WINDOW_LEADS:
            nxt = after[k + 1]
            return nxt in _WINDOW_HEADS or nxt.isdigit() or (nxt == "the" and k + 2 < len(after)
                                                            and (after[k + 2] in ("whole", "month", "summer", "holidays") or (
                                                                after[k + 2] in ("next", "coming", "first") and k + 3 < len(after)
                                                                and (after[k + 3].isdigit() or after[k + 3] in _FEW))))
    return False


# "give" moves money only when "to" follows ("give it to Digital"), never "give me a summary".
_GIVE = frozenset({"give", "giving", "gave", "hand", "handing"})
_GIVE_NOT = frozenset({"me", "us", "you", "him", "her", "them"})
_SPEND_IT = frozenset({"spend", "spending", "spent", "invest", "investing", "use", "using", "put", "putting"})
_CLAUSE_END = frozenset({",", ".", "?", "!", ";", "and", "but", "or"})


def _clause(words: list[str], start: int, n: int) -> list[str]:
    """Up to n words from start, stopping at the end of the clause."""
    out = []
    for w in words[start:start + n]:
        if w in _CLAUSE_END:
            break
        out.append(w)
    return out
# "2x digital", "3 times radio": a multiplier on a channel is a set change.
_TIMES = {2: "double", 3: "triple", 4: "quadruple"}


# Words that stop a channel when they stand right before it: "no Social in Q1", "zero TV", "losing Radio".
# "without TV data", "no TV column": the channel's data, not its spend.
_DATA_NOUNS = frozenset({"data", "column", "columns", "numbers", "figures", "rows", "variable", "variables", "series",
                         "history", "field", "fields"})
_STOP_NOUNS = frozenset({"blackout", "blackouts", "pause", "hiatus", "shutdown", "switch-off", "freeze", "dark"})
_ANY = frozenset({"any", "our", "the", "all"})
_STOP_BEFORE_CHANNEL = frozenset({"no", "lose", "losing", "lost", "without"})
# "no TV" / "without TV" is a change only in an imagined world (`_hypothetical`) or as a follow-up's whole ask:
# "what about without TV?", "and without Podcast and Influencer?" (not "ROI without TV data")
_IMAGINED_ONLY = frozenset({"no", "without"})
_FOLLOW_UP_HEADS = (("what", "about"), ("how", "about"), ("and",), ("what", "if"))
# ... when what follows says it is about spend or time ("no TV in Q4", "no TV at all", "losing Radio or ..."),
# not "no TV data" or "losing TV effectiveness".
_AFTER_STOPPED = frozenset({"in", "for", "during", "throughout", "over", "at", "spend", "spending", "ads", "advertising",
                            "or", "and", "vs", "versus", "entirely", "completely", "altogether", TO_ZERO})


_SPEND_VERBS = frozenset({"spend", "spending", "spent", "put", "putting", "invest", "investing", "allocate", "allocating"})
_SPEND_NOUNS = frozenset({"spend", "spending", "budget", "ads", "advertising", "investment"})
_ZERO_VERBS = frozenset({"was", "were", "is", "be", "been", "at", "went", "goes", "go", "going", "gone", "set", "falls", "fell",
                         "falling", "drops", "dropped", "dropping", "cut", "reduced"})


_TODAY = frozenset({"today", "current", "todays", "present", "existing", "now", "usual", "normal", "actuals", "actual"})
_WHEN_WORD = re.compile(r"(?:q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
                        r"summer|winter|spring|autumn|xmas|christmas)$")
_POSTFIX_SIZES = frozenset({"double", "doubled", "triple", "tripled", "quadruple", "halved", "halve"})
_LEVEL_LEADS = frozenset({"at", "to", "were", "was", "is", "be", "become", "becomes", "became", "budget", "spend", "spending"})


def _level_of_today(toks: list[Tok], k: int) -> int | None:
    """End of "150% of today's (level)" when toks[k] is that percentage after "at"/"to", else None."""
    t = toks[k]
    # "at 150% of today's", "to 80% of current", "make the Digital budget two-thirds of what it is now",
    # "what if TV were 80% of what it is now"
    if t.kind != "pct" or t.signed or k == 0 or not (toks[k - 1].kind == "ch" or (
            toks[k - 1].kind == "w" and toks[k - 1].text in _LEVEL_LEADS)):
        return None
    j = k + 1
    if not (j + 1 < len(toks) and toks[j].text == "of"):
        return None
    j += 1
    if j < len(toks) and toks[j].text in ("its", "their", "the", "our"):
        j += 1
    said = [u.text for u in toks[j:j + 3]]
    if said in (["what", "it", "is"], ["what", "it", "s"], ["what", "we", "spend"], ["what", "they", "are"]):
        j += 3
        if j < len(toks) and toks[j].text in _TODAY:
            j += 1
        return j
    if not (j < len(toks) and toks[j].text in _TODAY):
        return None
    j += 1
    while j < len(toks) and toks[j].text in ("s", "level", "levels", "spend", "spending", "budget"):
        j += 1
    return j


def _hypothetical(toks: list[Tok]) -> bool:
    """The question imagines another world ("what if", "would", "suppose"), so "no TV" is a change, not a fact."""
    words = {u.text for u in toks if u.kind == "w"}
    if words & {"if", "would", "could", "suppose", "imagine", "simulate", "run", "model"}:
        return True
    # "no print in q1, how bad?", "no TV in December - what happens?": the consequence of a change is asked,
    # unless the question tells of the past ("we had no TV in Q4, what happened?")
    return bool(words & _CONSEQUENCE) and not words & _PAST_FACT


def _asked_after(toks: list[Tok], k: int) -> bool:
    """Token k follows only a follow-up's head ("what about", "how about", "and"): the question is that change."""
    head = tuple(u.text for u in toks[:k] if u.kind == "w")
    return head in _FOLLOW_UP_HEADS


_CONSEQUENCE = frozenset({"bad", "worse", "hurt", "hurts", "damage", "happens", "happen", "cost", "painful", "impact", "lose"})
_PAST_FACT = frozenset({"had", "was", "were", "did", "happened", "went", "ran"})


def _at_zero(toks: list[Tok], k: int) -> int:
    """End of "<channel> [spend] was|at|goes to 0" starting at k, or 0: a channel set to nothing."""
    if toks[k].kind != "ch":
        return 0
    j = k + 1
    if j < len(toks) and toks[j].kind == "w" and toks[j].text in _SPEND_NOUNS:
        j += 1
    if j + 1 < len(toks) and [toks[j].text, toks[j + 1].text] in (["had", "been"], ["has", "been"], ["have", "been"],
                                                                   ["is", "going"], ["was", "going"], ["are", "going"]):
        j += 1   # "had Social spend been zero", "had been zero in March", "TV is going to 0"
    if (j < len(toks) and toks[j].kind == "num" and toks[j].value == 0 and not toks[j].signed
            and (j + 1 >= len(toks) or toks[j + 1].kind == "punct" or toks[j + 1].text in ("in", "for", "during", "over", "and")
                 or _WHEN_WORD.match(toks[j + 1].text))):
        return j + 1   # "what if tv 0 in jan": the channel at nothing, said without a verb
    verbs = 0
    while verbs < 2 and j < len(toks) and toks[j].kind == "w" and toks[j].text in _ZERO_VERBS | {"down"}:
        j, verbs = j + 1, verbs + 1   # "TV is set to 0", "TV down to 0"
    to = j < len(toks) and toks[j].kind == "w" and toks[j].text == "to"
    if not (verbs or to):
        return 0
    j += to   # "TV to 0 for Q4": the channel at nothing, said with "to" alone
    return j + 1 if j < len(toks) and toks[j].kind == "num" and toks[j].value == 0 and not toks[j].signed else 0


def _multipliers(toks: list[Tok]) -> list[Tok]:
    """ "2x digital in dec" -> double digital: an unsigned whole multiplier right before a channel;
    "no Social in Q1", "losing Radio" -> stop: a word that means none of the channel, right before it."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if (t.kind == "ch" and k + 2 < len(toks) and toks[k + 1].kind == "num" and not toks[k + 1].signed
                and toks[k + 1].value in _TIMES and toks[k + 2].kind == "w" and toks[k + 2].text in ("x", "times")):
            out += [t, Tok("w", _TIMES[int(toks[k + 1].num)])]   # "social 2x in q4"
            k += 3
            continue
        if (t.kind == "ch" and k + 2 < len(toks) and toks[k + 1].kind == "w" and toks[k + 1].text == "x"
                and toks[k + 2].kind == "num" and not toks[k + 2].signed and toks[k + 2].value in _TIMES):
            out += [t, Tok("w", _TIMES[int(toks[k + 2].num)])]   # "radio x2"
            k += 3
            continue
        if (t.kind == "ch" and k + 2 < len(toks) and toks[k + 1].kind == "w" and toks[k + 1].text in ("up", "down")
                and toks[k + 2].kind == "num" and not toks[k + 2].signed and 0 < toks[k + 2].num <= 100
                and (k + 3 >= len(toks) or toks[k + 3].kind in ("ch", "punct") or toks[k + 3].text in ("and", "in", "for", "during"))):
            n = toks[k + 2]
            sign = 1.0 if toks[k + 1].text == "up" else -1.0   # "social up 10 digital down 10": sizes in points
            out += [t, Tok("pct", n.text + "%", sign * float(n.num), signed=True)]
            k += 3
            continue
        if (t.kind == "ch" and k + 1 < len(toks) and toks[k + 1].kind == "num" and toks[k + 1].signed
                and 0 < abs(toks[k + 1].num) <= 100):
            n = toks[k + 1]
            out += [t, Tok("pct", n.text + "%", n.value, signed=True)]   # "tv +20 radio -20": signed sizes on channels
            k += 2
            continue
        level = _level_of_today(toks, k)
        if level is not None:   # "at 150% of today's level", "to 80% of current": a change of level - 100
            out.append(Tok("pct", t.text, round(t.num - 100.0, 6), signed=True))
            k = level
            continue
        end = _at_zero(toks, k)
        if end:
            # "social at zero for Q2", "what if TV spend was 0 in 2023?", "cut TV to 0 and Radio up 10%": the channel's
            # own size, signed, so a verb or size said of the next channel is not shared with it
            out += [t, Tok("pct", "-100%", -100.0, signed=True)]
            k = end
            continue
        if (t.kind == "w" and t.text in ("went", "goes", "go", "gone", "flowed", "flows") and k + 2 < len(toks)
                and toks[k + 1].kind == "w" and toks[k + 1].text in ("to", "into") and toks[k + 2].kind == "ch"):
            out.append(Tok("w", "moved"))   # "what if half of the TV money went to Digital?"
            k += 1
            continue
        if (t.kind == "w" and t.text in ("went", "goes", "go", "gone", "going") and k + 3 < len(toks)
                and toks[k + 1].text == "all" and toks[k + 2].text in ("to", "into", "in", "on") and toks[k + 3].kind == "ch"):
            out += [Tok("w", "moved"), toks[k + 1]]   # "if the money of Radio go all in Social": all of it moves
            k += 2
            continue
        if t.kind == "ch" and k + 1 < len(toks) and toks[k + 1].kind == "w" and toks[k + 1].text in _STOP_NOUNS:
            out += [t, Tok("w", "stopped")]    # "a 6-week Radio blackout", "a TV pause in Q4"
            k += 2
            continue
        if t.kind == "ch" and k + 1 < len(toks) and toks[k + 1].kind == "w" and toks[k + 1].text == "off" and (
                k + 2 >= len(toks) or toks[k + 2].kind != "w"
                or toks[k + 2].text not in ("the", "a", "an", "of", "season", "peak", "air", "line", "hours")):
            out += [t, Tok("w", "stopped")]    # "tv off q3 impact?": the channel switched off
            k += 2
            continue
        if (t.kind == "w" and t.text == "without" and k + 2 < len(toks) and toks[k + 1].text in _ANY
                and toks[k + 2].kind == "ch" and _hypothetical(toks)):
            out.append(Tok("w", "stop"))   # "without any TV", "without our Radio": the same world with none of it
            k += 2
            continue
        if (t.kind == "w" and t.text == "without" and k + 1 < len(toks) and toks[k + 1].kind == "ch"
                and not (k + 2 < len(toks) and toks[k + 2].text in _DATA_NOUNS)
                and any(u.kind == "w" and u.text in ("would", "if", "could", "suppose", "imagine") for u in toks)):
            out.append(Tok("w", "stop"))   # "without Social, how much would sales drop?": a world with none of it
            k += 1
            continue
        if t.kind == "w" and t.text in ("lose", "losing") and k + 1 < len(toks) and toks[k + 1].kind == "pct":
            out.append(Tok("w", "cut"))   # "losing a quarter of TV": a cut of that size
            k += 1
            continue
        if (t.kind == "w" and t.text in ("lose", "losing") and k + 2 < len(toks) and toks[k + 1].text == "all"
                and (toks[k + 2].kind == "ch" or (toks[k + 2].text == "of" and k + 3 < len(toks) and toks[k + 3].kind == "ch"))):
            out.append(Tok("w", "stop"))  # "losing all of Print"
            k += 1
            continue
        if (t.kind == "w" and t.text in _SPEND_VERBS and k + 3 < len(toks) and toks[k + 2].text in ("on", "in", "into", "for")
                and toks[k + 3].kind == "ch" and (toks[k + 1].text in ("nothing", "none")
                                                  or (toks[k + 1].kind == "num" and toks[k + 1].value == 0 and not toks[k + 1].signed))):
            out.append(Tok("w", "stop"))  # "spend zero on Social during 3 weeks", "put nothing into Print": a stop
            k += 3
            continue
        zero = t.kind == "num" and t.value == 0 and not t.signed     # "zero radio in q3": no Radio
        if (zero or (t.kind == "w" and t.text in _STOP_BEFORE_CHANNEL)) and k + 1 < len(toks) and toks[k + 1].kind == "ch" and (
                k + 2 >= len(toks) or toks[k + 2].kind == "punct" or toks[k + 2].text in _AFTER_STOPPED) and not (
                k + 3 < len(toks) and toks[k + 3].text in _DATA_NOUNS) and ((t.text not in _IMAGINED_ONLY and not zero)
                                                                         or _hypothetical(toks) or (zero and k == 0)
                                                                         or (t.text == "without" and _asked_after(toks, k))):
            # "Zero TV for …": a command
            out.append(Tok("w", "stop"))
            k += 1
            continue
        if (t.kind == "num" and not t.signed and t.value in _TIMES and k + 2 < len(toks)
                and toks[k + 1].kind == "w" and toks[k + 1].text in ("x", "times") and toks[k + 2].kind == "ch"):
            out.append(Tok("w", _TIMES[int(t.num)]))
            k += 2
            continue
        out.append(t)
        k += 1
    return out


def _read_number(words: list[str], i: int) -> tuple[Tok, int] | None:
    j, sign, currency = i, 0, False
    while j < len(words) and words[j] in ("-", "+", "minus", "plus", "$", "£", "€", "usd"):
        if words[j] in ("-", "minus"):
            sign = -1
        elif words[j] in ("+", "plus"):
            sign = 1
        else:
            currency = True
        j += 1
    if j >= len(words) or not _NUMBER.match(words[j]):
        return None
    if words[i] in ("minus", "plus") and j == i + 1 and not _followed_by_unit(words, j):
        sign = 0  # "plus 3 channels" is not a signed change
    value = float(words[j])
    if not math.isfinite(value) or value > 1e13:
        return None   # absurd numbers are read as words, so every output stays JSON-safe
    text = words[j]
    j += 1
    scale = 1.0
    if j < len(words) and words[j] in _SCALE:
        scale = _SCALE[words[j]]
        j += 1
    if j < len(words) and words[j] in _PERCENT_AFTER and scale == 1.0:
        j += 1
        if j < len(words) and words[j] == "points":
            j += 1
        value = value * (sign or 1)
        return Tok("pct", text + "%", value, signed=bool(sign)), j
    if j < len(words) and words[j] in _CURRENCY_AFTER:
        currency = True
        j += 1
    value *= scale * (sign or 1)
    # "split 2000000 across channels": a bare number in the tens of thousands is money, unless it counts something else
    large = (abs(value) >= 10_000 and (j >= len(words) or words[j] not in _NOT_MONEY)
             and (bool(set(words[max(0, i - 3):i]) & _MONEY_LEAD) or (j < len(words) and words[j] in ("across", "between", "among"))))
    if currency or scale != 1.0 or large:
        return Tok("amt", text, value, signed=bool(sign)), j
    return Tok("num", text, value, signed=bool(sign)), j


_MONEY_LEAD = frozenset({"split", "splitting", "allocate", "allocating", "budget", "spend", "spending", "invest", "investing",
                         "have", "got", "extra", "another", "next", "add", "adding", "cut", "cutting", "move", "moving",
                         "put", "putting", "give", "giving", "take", "taking", "plan", "deploy", "remove", "save", "shift",
                         "distribute", "divide", "reallocate", "optimise", "optimize", "raise", "increase", "reduce"})
_NOT_MONEY = frozenset({"weeks", "week", "days", "day", "months", "month", "years", "year", "rows", "impressions", "clicks",
                        "visits", "visitors", "units", "customers", "orders", "conversions", "leads", "people", "users",
                        "views", "grps", "trps", "spots", "households", "sessions", "downloads", "installs"})


def _followed_by_unit(words: list[str], j: int) -> bool:
    nxt = words[j + 1] if j + 1 < len(words) else ""
    return nxt in _PERCENT_AFTER or nxt in _SCALE or nxt in _CURRENCY_AFTER


_HALF_TAKERS = frozenset({"take", "took", "taking", "takes", "cut", "cutting", "move", "moved", "moving", "give", "gave",
                          "giving", "put", "putting", "shift", "shifted", "shifting", "pull", "pulled", "spend", "spent"})
_ORDINAL_WORDS = frozenset({"first", "second", "1st", "2nd", "latter", "former", "back", "front"})


def _read_fraction(words: list[str], i: int, toks: list[Tok]) -> tuple[Tok, int] | None:
    """'by a third' -> 33.3%, 'in half' -> 50%, 'half of' -> 50% (a fraction of something)."""
    w = words[i]
    prev = toks[-1].text if toks else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w == "half" and prev in _ORDINAL_WORDS:
        return None   # "the second half of last year": a calendar half, read by the period reader
    if w == "half" and (prev in ("by", "in", "the", "than") or nxt == "of"
                        or (prev in _HALF_TAKERS and nxt in ("the", "our", "their", "its", "that", "this", "my"))):
        return Tok("pct", "half", 50.0, frac=True), i + 1   # "took half the Print budget": half of it
    if w in _FRACTION_LEAD and nxt in FRACTIONS and nxt != "half":
        after = words[i + 2] if i + 2 < len(words) else ""
        if prev in _FRACTION_USE_BEFORE or after == "of":
            n = _FRACTION_LEAD[w]
            base = {"third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0, "fourth": 25.0, "fourths": 25.0,
                    "fifth": 20.0, "fifths": 20.0, "tenth": 10.0}[nxt]
            return Tok("pct", f"{w} {nxt}", round(base * n, 1), frac=True), i + 2
    return None
