"""Signed spend changes, amounts and shifts: "raise TV 15% and cut print 10%", "move 10% of print into social".

The sentence is cut into segments at conjunctions; each segment keeps its own
verb (a segment without one inherits the previous verb), so every channel gets
its own signed change.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from router.lexer import TO_ZERO, Lexed, Tok
from router.types import Shift

# A spend level, not an increment: "set TV to $1M", "TV at $1M", "bring TV spend to $1M a year", "TV budget of $1M".
_LEVEL = re.compile(r"\bCH (?:'?s )?(?:spend |spending |budget |investment |media )?(?:(?:down|up|back|back on|on|running|live|again|ran|runs|run|ran on|stays|stayed|stay|sat|sits|went|goes"
                    r"|drops|drop|dropped|falls|fall|fell|rises|rise|rose|comes|came|is cut|is reduced|is raised|gets cut|is capped|capped) )?(?:at|to|of|=|was|were|is) AMT\b"
                    r"|\b(?:set|setting|fix|fixing|cap|capping|keep|keeping) (?:the |our )?(?:\w+ )?(?:to|at) AMT\b")


def level_stated(surface: str) -> bool:
    """The amount on a channel is the spend to reach (a level), not an amount to add or take away."""
    return bool(_LEVEL.search(surface))

NEG = frozenset("""cut cuts cutting reduce reduces reduced reducing reduction reductions decrease decreases
decreased decreasing lower lowers lowered lowering drop drops dropped dropping slash slashes slashed
slashing trim trims trimmed trimming shrink shrinks shrank shrinking down minus less fewer remove removes
removed removing take takes taken taking took pull pulling pulled withdraw withdrawing shave shaved shaving chop
chopped chopping lessen scale scaled dial tone tighten tightening underspend reallocate_from save saving savings
smaller leaner lighter""".split())
POS = frozenset("""increase increases increased increasing raise raises raised raising boost boosts boosted
boosting add adds added adding grow grows grew growing up more higher expand expands expanded expanding
bump bumped bumping lift lifted lifting invest investing invested extra additional plus ramp ramping
pump pumping inject injecting hike hiked hiking upped upping top topped rise uplift bigger larger greater heavier""".split())
SET = {"double": 100.0, "doubled": 100.0, "doubling": 100.0, "doubles": 100.0, "triple": 200.0, "tripled": 200.0,
       "tripling": 200.0, "triples": 200.0, "quadruple": 300.0, "quadrupled": 300.0, "halve": -50.0, "halved": -50.0,
       "halves": -50.0,
       "halving": -50.0, "stop": -100.0, "stopped": -100.0, "stopping": -100.0, "kill": -100.0,
       "killed": -100.0, "killing": -100.0, "eliminate": -100.0, "eliminated": -100.0,
       "eliminating": -100.0, "scrap": -100.0, "scrapped": -100.0, "scrapping": -100.0,
       "axe": -100.0, "axed": -100.0, "axing": -100.0, "ditch": -100.0, "ditched": -100.0,
       "ditching": -100.0, "pause": -100.0, "paused": -100.0, "pausing": -100.0, "cancel": -100.0,
       "cancelled": -100.0, "canceled": -100.0, "cancelling": -100.0, "abandon": -100.0,
       "abandoned": -100.0, "drop": -100.0, "dropped": -100.0, "dropping": -100.0,
       "remove": -100.0, "removed": -100.0, "removing": -100.0, "pull": -100.0, "pulled": -100.0,
       "pulling": -100.0, "defund": -100.0, "defunded": -100.0, "nuke": -100.0, "nuked": -100.0, "nuking": -100.0,
       "sunset": -100.0, "sunsetting": -100.0, "shelve": -100.0, "shelved": -100.0, "shelving": -100.0, "skip": -100.0, "skipped": -100.0,
       "skipping": -100.0}
# Verbs in SET that are only "stop" when no number goes with them ("drop TV" vs "drop TV by 10%").
SOFT_SET = frozenset({"drop", "dropped", "dropping", "remove", "removed", "removing", "pull", "pulled", "pulling"})
MOVE = frozenset("""shift shifts shifted shifting move moves moved moving reallocate reallocates reallocated
reallocating reallocation transfer transfers transferred transferring redirect redirects redirected
redirecting divert diverts diverted diverting put puts putting swap swapped switch switched switching
reassign reassigned reinvest reinvested reinvesting rebalance rebalanced send sends sending""".split())
# a change only right after its size: "a 10% rise in Radio", "Radio 20% smaller"
_AFTER_SIZE = frozenset({"rise", "uplift", "smaller", "leaner", "lighter", "bigger", "larger", "greater", "heavier"})
CHANGE_WORDS = NEG | POS | frozenset(SET) | MOVE
_MAKE = frozenset({"make", "makes", "making", "made"})
# what "make" turns a channel into: "make Print 20% smaller", "make Radio lower by 10 percent"
_MADE_SIZE = frozenset({"smaller", "leaner", "lighter", "bigger", "larger", "greater", "heavier", "lower", "higher", "less",
                        "more"})
# Weak polarity words: they set a direction but never start a new segment.
WEAK = frozenset({"up", "down", "more", "less", "fewer", "higher", "lower", "extra", "additional", "plus", "minus",
                  "smaller", "leaner", "lighter", "bigger", "larger", "greater", "heavier"})
TO_MARK = frozenset({"to", "into", "towards", "toward", "onto", "in", "on", "for", "over"})
FROM_MARK = frozenset({"from", "of", "out"})
CONJ = frozenset({"and", "but", "then", "while", "whereas", "also", ",", ";", "plus", "with"})
ENTIRELY = frozenset({"entirely", "completely", "altogether", "fully", "zero", "totally", TO_ZERO})
TOTAL_WORDS = frozenset({"total", "overall", "budget", "budgets", "spend", "spending", "marketing", "mix",
                         "investment", "media", "everything", "all"})
ALL_PHRASES = (("all", "channels"), ("every", "channel"), ("each", "channel"), ("all", "the", "channels"),
               ("across", "the", "board"), ("everything",), ("all", "media"), ("every", "line"),
               ("all", "of", "them"), ("each", "of", "them"), ("every", "single", "channel"),
               ("all", "spend"), ("all", "lines"), ("every", "media"), ("all", "channel"),
               # "stop all advertising", "turn off all our ads": every channel the data has
               ("all", "advertising"), ("all", "marketing"), ("all", "ads"), ("all", "adverts"), ("all", "our", "ads"),
               ("all", "our", "advertising"), ("all", "our", "marketing"), ("all", "our", "media"), ("all", "paid", "media"),
               ("all", "our", "channels"), ("all", "campaigns"), ("all", "our", "campaigns"))
_ALL_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in ALL_PHRASES:
    _ALL_BY_FIRST.setdefault(_p[0], []).append(_p)
EXCEPT = frozenset({"except", "excluding", "but", "besides", "apart", "other"})
# Words before "move" (or "switch") that make it a noun: "the smarter move", "a bold move".
NOUN_LEAD = frozenset({"the", "this", "that", "which", "smart", "smarter", "smartest", "best", "better",
                       "right", "wise", "wiser", "good", "bad", "safe", "safer", "bold", "bolder", "next", "first",
                       "big", "bigger", "risky", "riskier", "our", "my", "your"})
_NOUN_FORMS = frozenset({"move", "moves", "shift", "shifts", "switch", "swap", "transfer"})
_AFTER = frozenset({"after", "once"})
_OUTCOMES = frozenset({"returns", "return", "sales", "revenue", "roi", "roas", "effect", "impact", "results", "performance",
                       "contribution", "contributions"})
# Verbs an outcome does by itself ("returns drop"), unlike "cut", which something is done to.
_INTRANSITIVE = frozenset("""drop drops dropped dropping fall falls falling fell decline declines declining shrink shrinks
shrinking grow grows growing grew rise rises rising increase increases increasing decrease decreases decreasing stop
stops stopped stopping move moves moved moving shift shifts shifted shifting""".split())
_STARTS = frozenset({"start", "starts", "started", "begin", "begins", "began", "keep", "keeps"})
_WHO = frozenset({"we", "you", "i", "they", "it"})
REFS = frozenset({"it", "that", "this", "those", "them", "savings", "money", "saving", "difference", "rest"})


@dataclass
class Segment:
    toks: list[Tok] = field(default_factory=list)
    verb: str | None = None          # "neg", "pos", "set", "move"
    set_value: float | None = None
    soft_set: bool = False
    own_verb: bool = False
    strong: bool = False             # the verb is not a weak one like "more" or "up"

    @property
    def chans(self) -> list[Tok]:
        return [t for t in self.toks if t.kind == "ch"]

    @property
    def pcts(self) -> list[Tok]:
        return [t for t in self.toks if t.kind == "pct" and not t.used]

    @property
    def amts(self) -> list[Tok]:
        return [t for t in self.toks if t.kind == "amt" and not t.used]

    def has(self, *words: str) -> bool:
        return any(t.kind == "w" and t.text in words for t in self.toks)


@dataclass
class Changes:
    """What the sentence asks to change; `changes` excludes the receiving side of a shift."""

    changes: list[tuple[str, float]] = field(default_factory=list)
    total_pct: float | None = None
    amount: float | None = None
    shift: Shift | None = None
    all_channels: tuple[str, ...] = ()
    bare_pcts: list[float] = field(default_factory=list)
    bare_nums: list[float] = field(default_factory=list)   # "what about 50?" in a follow-up
    polarity: int = 0               # sign of the first change verb, 0 when none
    has_verb: bool = False
    verb_on_channel: bool = False   # "cut TV" with no number: still a what-if
    extra_channels: list[str] = field(default_factory=list)
    source: str | None = None       # "take money from Print": the channel money leaves, size unsaid
    amounts: list[tuple[str, float]] = field(default_factory=list)   # money said per channel (signed)
    others: bool = False            # "Radio -20%, everything else -10%": the unnamed channels have a change of their own


def _verb_of(t: Tok) -> tuple[str, float | None] | None:
    if t.kind != "w" or t.used:
        return None
    w = t.text
    if w in MOVE:
        return "move", None
    if w in SET:
        return "set", SET[w]
    if w in NEG:
        return "neg", None
    if w in POS:
        return "pos", None
    return None


def _segments(toks: list[Tok]) -> list[Segment]:
    segs = [Segment()]
    pending_conj = False
    for k, t in enumerate(toks):
        if t.used:
            continue
        if t.kind == "punct" or (t.kind == "w" and t.text in CONJ):
            pending_conj = True
            segs[-1].toks.append(t)
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if pending_conj and t.kind == "w" and t.text in ("a", "an") and nxt is not None and nxt.kind in ("pct", "amt"):
            segs[-1].toks.append(t)   # "a 30% cut to TV and a 10% uplift to Digital": the article keeps the
            continue                  # conjunction's place before the second change's size
        v = _verb_of(t)
        if v is not None and v[0] == "set" and nxt is not None and nxt.kind == "w" and (
                (nxt.text.endswith("ing") and nxt.text not in ("everything", "anything", "something", "nothing", "during",
                                                                 "including", "excluding", "starting", "beginning",
                                                                 "following", "throughout", "spring",
                                                                 "advertising", "marketing"))   # nouns, not "stop working"
                or nxt.text in ("its", "their", "weight")):
            v = None   # "stop working", "pulling its weight": not a spending decision
        if (v is not None and v[0] == "set" and nxt is not None and nxt.text in ("it", "them") and segs[-1].chans
                and any(u.kind == "w" and u.text == "or" for u in segs[-1].toks)):
            v = None   # "is Radio still worth it, or should we stop it?": a question of value, not a change
        if v is not None and t.text in _AFTER_SIZE and not (k and toks[k - 1].kind in ("pct", "amt")) \
                and not any(u.text in _MAKE for u in toks[max(0, k - 3):k]):
            v = None   # "a 10% rise in Radio" is a change; "did Radio rise?", "the uplift from TV" are what happened
            #            ("make the others smaller by 10%" is one too)
        before = [u.text for u in toks[max(0, k - 2):k] if u.kind == "w"]
        prior = [u.text if u.kind == "w" else "" for u in toks[max(0, k - 2):k]]   # adjacent, punctuation kept
        if v is not None and t.text in _INTRANSITIVE and (prior[-1:] and prior[-1] in _OUTCOMES or (
                prior[-1:] and prior[-1] in _STARTS and prior[-2:-1] and prior[-2] in _OUTCOMES)):
            v = None   # "when do returns start dropping for TV?": the outcome moves, not the spend
        if v is not None and v[0] == "set" and before[-2:] == ["keep", "or"]:
            v = None   # "radio: keep or kill?": a question of value, not a change
        if v is not None and v[0] in ("move", "pos") and len(before) == 2 and before[0] in _MONEY and before[1] in _WHO:
            v = None   # "every dollar we put into Radio": a relative clause about money, not a change
        if v is not None and v[0] == "move" and t.text in _NOUN_FORMS and before and before[-1] in NOUN_LEAD:
            v = None   # "the smarter move", "a safe bet or a bold move": a noun, not a shift
        if v is not None and t.text.endswith("ed") and before[-2:-1] and before[-2] in _AFTER | {"when", "since", "time"} \
                and before[-1:] and before[-1] in _WHO:
            v = None   # "how did sales move after we raised Social?", "the first time we paused Radio": what happened
        if v is not None and v[0] == "set" and (before[-1:] and before[-1] in _AFTER
                                                 or before[-2:-1] and before[-2] in _AFTER and before[-1] in _WHO):
            v = None   # "how long does the effect last after we stop?": a time, not a change
        cur = segs[-1]
        # "…, and also (we) make Print 20% smaller": "make" with a comparative ahead opens the next channel's change
        after_conj = pending_conj or (k >= 2 and toks[k - 1].text in _WHO and (toks[k - 2].kind == "punct"
                                                                              or toks[k - 2].text in CONJ))
        made = (t.kind == "w" and t.text in _MAKE and after_conj and bool(cur.chans) and (bool(cur.pcts or cur.amts) or cur.own_verb)
                and any(u.kind == "ch" for u in toks[k + 1:k + 4])
                and any(u.kind == "w" and u.text in _MADE_SIZE for u in toks[k + 1:k + 7]))
        starts_new = made or (
            # "cut Digital 10% and Social 10% but boost TV 30%": a side that borrowed its verb ends at a new one too
            v is not None and t.text not in WEAK and (cur.own_verb or (pending_conj and cur.verb is not None
                                                                        and bool(cur.chans) and bool(cur.pcts or cur.amts)))
            and (cur.chans or cur.pcts or cur.amts or cur.verb == "set")
            and (pending_conj or cur.verb != v[0])
            and (cur.strong or bool(cur.chans))   # "the extra 10% go to Social": a weak word and a size join the verb
        ) or (
            # "set TV to zero and raise Radio by 10%": a side sized by "to zero" alone ends at the next verb
            v is not None and t.text not in WEAK and pending_conj and bool(cur.chans) and cur.has(TO_ZERO)
        )
        # "10 percent more to digital and 10 percent less to tv": after a conjunction, a new number with its own
        # direction word right behind it starts the next change.
        if (not starts_new and pending_conj and t.kind in ("pct", "amt") and cur.own_verb and cur.chans
                and (cur.pcts or cur.amts) and k + 1 < len(toks) and _verb_of(toks[k + 1]) is not None):
            starts_new = True
        # "TV up 10% and radio down 5%": a conjunction followed by a new channel and a number.
        # "bring TV down to zero and Radio up 10%", "stop TV and Radio up 10%": the first side's size is its verb's
        sized = bool(cur.pcts or cur.amts) or (cur.own_verb and cur.verb == "set") or cur.has(TO_ZERO)
        if not starts_new and pending_conj and t.kind == "ch" and (cur.own_verb or cur.has(TO_ZERO)) and sized and cur.chans:
            starts_new = _segment_ahead_has_number(toks, k)
        if starts_new:   # a side made smaller or bigger takes its direction from that word, not the last verb
            segs.append(Segment() if made else Segment(verb=cur.verb, set_value=cur.set_value))
            cur = segs[-1]
        pending_conj = False
        cur.toks.append(t)
        if (v is not None and v[0] == "set" and cur.verb == "move" and t.text not in SOFT_SET
                and not any(u.kind == "w" and u.text in TO_MARK | FROM_MARK for u in cur.toks)):
            cur.verb, cur.set_value, cur.strong = "set", v[1], True   # "put digital budget double": no move, a size
            pending_conj = False
            continue
        if v is not None and (not cur.own_verb or (cur.verb in (None, "pos", "neg") and v[0] in ("set", "move"))
                              or (t.text not in WEAK and cur.verb in ("pos", "neg") and v[0] in ("pos", "neg"))):
            if cur.own_verb and t.text in WEAK:
                continue
            cur.verb, cur.set_value = v
            cur.soft_set = t.text in SOFT_SET
            cur.own_verb = True
            cur.strong = t.text not in WEAK
    return [s for s in segs if s.toks]


def _verb_on_it(seg: Segment) -> bool:
    """ "and if we remove it?", "drop them": a soft stop said of the channel just talked about."""
    words = [t for t in seg.toks if t.kind != "punct"]
    return any(t.text in SOFT_SET and k + 1 < len(words) and words[k + 1].text in ("it", "them")
               for k, t in enumerate(words))


def _verb_is_last(seg: Segment) -> bool:
    words = [t for t in seg.toks if t.kind != "punct"]
    return bool(words) and _verb_of(words[-1]) is not None and words[-1].text in SET


def _segment_ahead_has_number(toks: list[Tok], k: int) -> bool:
    for t in toks[k + 1:k + 5]:
        if t.kind in ("pct", "amt"):
            return True
        if t.kind == "punct" or (t.kind == "w" and t.text in ("and", "but")):
            return False
    return False


def _else_held(after: list[str]) -> bool:
    """The words after "everything else" keep the others where they are: "unchanged", "at actuals", "as is" (a bare
    "is" only in "as (it) is": "everything else is cut 10%" changes them)."""
    if "is" in after and not ("as" in after and after.index("as") < after.index("is")):
        after = [w for w in after if w != "is"]
    return bool(set(after) & _ELSE_HELD)


_DENY = frozenset({"not", "never", "without"})


def _denied(words: list[str], i: int) -> bool:
    """ "I'd rather not just shave every line equally": every channel named only as what is not wanted, in its clause."""
    before = []
    for w in reversed(words[max(0, i - 5):i]):
        if w in (",", ".", ";", "?", "!", "but", "and"):
            break
        before.append(w)
    # "why not cut every channel by 10%?", "can we not just cut every channel?": a suggestion, not a denial
    suggested = any(a == "why" and b == "not" for a, b in zip(before[1:], before)) or any(
        a in ("can", "could", "should", "shall") and b == "we" and c == "not" for a, b, c in zip(before[2:], before[1:], before))
    return bool(_DENY & set(before)) and not suggested


# "every other channel", "all the remaining ones", "the rest", "all but TV": the channels not named, as one group
OTHERS_PHRASES = (("every", "other"), ("all", "other"), ("all", "the", "other"), ("all", "the", "others"), ("all", "others"),
                  ("the", "others"), ("the", "other", "channels"), ("the", "other", "ones"), ("all", "remaining"),
                  ("all", "the", "remaining"), ("the", "remaining"), ("the", "rest"), ("all", "the", "rest"),
                  ("all", "but"), ("all", "except"), ("everything", "but"), ("everything", "except"))
_OTHERS_BY_FIRST = {w: tuple(p for p in OTHERS_PHRASES if p[0] == w) for w in {p[0] for p in OTHERS_PHRASES}}
_OTHERS_SIZE = 7   # tokens after the phrase in which its size is said ("every other channel by 10%")
_COMPARED = frozenset({"than", "better", "worse", "higher", "lower", "outperform", "outperforms", "beat", "beats",
                       "versus", "vs", "compared", "compare"})


def others_sized(toks: list[Tok]) -> bool:
    """ "Leave TV alone and cut every other channel by 10%", "all but TV -10%", "Don't touch Social, trim the rest by
    a quarter": a named channel and, with no size of its own, the channels not named as one group with a size. The
    group is every channel but those named (a what-if; the named ones stay as they are)."""
    words = [t.text for t in toks]
    if _COMPARED & set(words):
        return False   # "Is TV better than the others by more than 10%?": a comparison of returns, not a change
    for i in range(len(words)):
        phrase = next((p for p in _OTHERS_BY_FIRST.get(words[i], ()) if tuple(words[i:i + len(p)]) == p), None)
        if phrase is None:
            continue
        named = [k for k, t in enumerate(toks) if t.kind == "ch"]
        after = toks[i + len(phrase):i + len(phrase) + _OTHERS_SIZE]
        sized_after = any(t.kind == "pct" and not t.used for t in after)
        sized_named = any(t.kind in ("pct", "amt") for t in toks[:i])   # "Radio -20%, the rest -10%": _others_clause
        if named and sized_after and not sized_named and not any(t.kind == "amt" for t in after):
            return True
    return False


def _all_channels(words: list[str], data_channels: tuple[str, ...], toks: list[Tok]) -> tuple[str, ...]:
    hit = others_sized(toks) or any(tuple(words[i:i + len(p)]) == p for i, w in enumerate(words) for p in _ALL_BY_FIRST.get(w, ())
              # "kept everything else the same": the others held, not changed
              if not (words[i + len(p):i + len(p) + 1] == ["else"] and (_else_held(words[i + len(p) + 1:i + len(p) + 4])
                                                                         or set(words[max(0, i - 2):i]) & _KEEP))
              and not _denied(words, i))
    # "pause all in aug", "cut all by 10%": "all" right after a change verb, with nothing it qualifies
    hit = hit or any(w == "all" and i > 0 and (words[i - 1] in CHANGE_WORDS or words[i - 1].endswith("%"))
                     and (i + 1 >= len(words) or words[i + 1] in (",", "?", "in", "for", "during", "by", "over", "from", "until"))
                     for i, w in enumerate(words))
    if not hit:
        return ()
    excluded: set[str] = set()
    if {"else", "others", "rest", "other", "remaining"} & set(words) and any(
            words[i:i + 2] in (["everything", "else"], ["all", "others"], ["the", "others"], ["the", "rest"], ["all", "other"],
                               ["every", "other"], ["each", "other"], ["everyone", "else"], ["the", "other"],
                               ["the", "remaining"], ["all", "remaining"]) for i in range(len(words))):
        # "Social held flat and everything else grows 10%": every channel but those named
        excluded |= {t.name for t in toks if t.kind == "ch"}
    for i, t in enumerate(toks):
        if t.kind == "w" and t.text in EXCEPT:
            for u in toks[i + 1:i + 6]:
                if u.kind == "ch":
                    excluded.add(u.name)
    return tuple(c for c in data_channels if c not in excluded)


# "everything else", "all other channels", "the rest": every channel not named, as the subject of its own change
_OTHERS = (("everything", "else"), ("everyone", "else"), ("all", "the", "other", "channels"), ("all", "other", "channels"),
           ("the", "other", "channels"), ("every", "other", "channel"), ("all", "the", "others"), ("all", "others"),
           ("the", "others"), ("the", "rest"), ("rest",), ("all", "other"), ("other", "channels"))
_OTHERS_JOIN = frozenset({"and", "but", "while", "whereas", "with", ",", ";", "then", "plus"})


def _others_clause(toks: list[Tok]) -> tuple[int, float] | None:
    """ "Radio -20%, everything else is cut 10%", "TV -20% and the rest -10%", "raise Social 30% and cut all other
    channels by 10%": after a sized change on a named channel, a clause whose subject is every other channel, with its
    own size. Returns where the clause starts and its signed size; the size's sign is its own, else the clause's
    verb's, else the first change's ("cut TV 20% and everything else 10%")."""
    for k, t in enumerate(toks):
        # the clause's own verb may come first: "… and cut all other channels by 10%"
        lead = 1 if k >= 2 and _verb_of(toks[k - 1]) is not None and (
            toks[k - 2].kind == "punct" or toks[k - 2].text in _OTHERS_JOIN) else 0
        if t.used or t.kind != "w" or k == 0 or not (
                lead or toks[k - 1].kind == "punct" or toks[k - 1].text in _OTHERS_JOIN):
            continue
        words = [u.text for u in toks[k:k + 4]]
        phrase = next((p for p in _OTHERS if tuple(words[:len(p)]) == p), None)
        before = toks[:k - lead]
        if phrase is None or not any(u.kind == "ch" for u in before) or not any(u.kind in ("pct", "num") for u in before):
            continue
        after = toks[k + len(phrase):k + len(phrase) + 5]
        size = next((u for u in after if u.kind in ("pct", "num") and not u.used), None)
        if size is None or any(u.kind in ("ch", "amt") for u in after[:after.index(size)]) \
                or {u.text for u in after[:after.index(size)]} & (_ELSE_HELD - {"is"}):
            continue
        if size.kind == "num" and not (0 < abs(size.num) <= 100 and any(u.kind == "pct" for u in before)):
            continue
        value = abs(float(size.num))
        if size.signed:
            return k - lead, float(size.num)
        said = toks[k - lead:k] + after[:after.index(size)]
        verbs = [v for u in said if (v := _verb_of(u)) is not None] + [("neg", None)] * any(u.text == "down" for u in said)
        if not verbs:
            verbs = [v for u in before if (v := _verb_of(u)) is not None]
        if not verbs:
            continue
        return k - lead, -value if verbs[0][0] == "neg" or (verbs[0][1] or 0) < 0 else value
    return None


def extract_changes(lx: Lexed, data_channels: tuple[str, ...], *, others_read: bool = False) -> Changes:
    """Every signed change, the first amount and a shift, from tokens not used by earlier readers."""
    others = None if others_read else _others_clause(lx.toks)
    if others is not None:
        # the named channels' changes are read from the words before the clause; every other channel takes its size
        clause = [t for t in lx.toks[others[0]:] if not t.used]
        for t in clause:
            t.used = True
        out = extract_changes(lx, data_channels, others_read=True)
        named = {t.name for t in lx.toks if t.kind == "ch"}
        out.changes += [(c, others[1]) for c in data_channels if c not in named]
        out.others = True
        return out
    out = Changes()
    toks = lx.toks
    words = [t.text for t in toks]
    out.all_channels = () if others_read else _all_channels(words, data_channels, toks)
    segs = _segments(toks)
    # "TV flat, Digital +20%, Social -10%": a channel said to stay as it is takes no size from its neighbours
    held = {id(t) for i, t in enumerate(toks) if t.kind == "ch" and i + 1 < len(toks) and toks[i + 1].kind == "w"
            and toks[i + 1].text in _HELD and (i + 2 >= len(toks) or toks[i + 2].kind == "punct" or toks[i + 2].text in ("and", "but"))}
    held |= _kept(toks)
    prev_change: tuple[str, float] | None = None
    for idx, seg in enumerate(segs):
        if seg.verb is not None:
            out.has_verb = True
            if seg.own_verb and seg.chans and seg.strong:
                out.verb_on_channel = True
        sign = -1.0 if seg.verb == "neg" else 1.0
        pcts, amts = seg.pcts, seg.amts
        chans = [t.name for t in seg.chans if not (out.all_channels and t.name not in out.all_channels) and id(t) not in held]
        explicit = [p for p in pcts if p.signed]
        nums = [t.num for t in seg.toks if t.kind == "num" and not t.used and 0 < abs(t.num) <= 1000]
        if seg.verb is None and not explicit and _signed_money(seg, chans, out):
            continue   # "+50k social what happens", "TV -$100k, Radio +$100k": signed money on channels is a change
        if seg.verb is None and not explicit and chans and not pcts and not amts and _to_zero(seg):
            out.changes += [(ch, -100.0) for ch in chans]   # "Print to zero for the first 4 weeks": a stop
            out.has_verb = out.verb_on_channel = True
            continue
        if seg.verb is None and not explicit:
            out.bare_pcts += [p.num for p in pcts]
            out.bare_nums += nums
            if amts and out.amount is None:
                out.amount = abs(amts[0].num)   # a budget level ("split $2M"), not a change
            continue
        if not pcts and not amts and nums and chans and any(True for _ in out.changes):
            # "cut radio by ten percent and raise print by five": the unit carries over.
            pcts = [Tok("pct", str(nums[0]), float(nums[0]))]
        elif (not pcts and not amts and chans and seg.verb in ("neg", "pos") and seg.strong
              and not any(t.kind in ("pct", "amt") for t in toks)
              and len(nums) == 1 and 1 <= nums[0] <= 100 and float(nums[0]).is_integer()):
            # "cut print 50 what happens": a bare number on a change verb and a channel is a percentage
            pcts = [Tok("pct", str(nums[0]), float(nums[0]))]
        if out.polarity == 0 and seg.verb in ("neg", "pos"):
            out.polarity = int(sign)
        if seg.verb == "neg" and chans and not pcts and not amts and seg.has("from", "out", "of"):
            out.source = chans[0]
        earlier = tuple(dict.fromkeys(t.name for s2 in segs[:idx] for t in s2.chans))
        if (seg.verb == "move" or (seg.verb in ("neg", "set") and _out_of_into(seg.toks))) and _shift(seg, prev_change, out, earlier):
            prev_change = out.changes[-1] if out.changes else prev_change
            continue
        if seg.verb == "set" and not pcts and not amts:
            if (seg.soft_set or _verb_is_last(seg)) and not chans and not out.all_channels and not _verb_on_it(seg):
                continue   # "the effect after we stop?": a stop with nothing stopped is not a change ("remove it" is)
            value = seg.set_value
            assert value is not None, "a set verb always carries its value (SET maps every set word)"
            targets = chans or (list(out.all_channels) if out.all_channels else [])
            for ch in targets:
                out.changes.append((ch, value))
            if len(targets) == 1 and value < 0:
                prev_change = out.changes[-1]   # "halve TV and put the savings into Social": what the savings are
            if not targets:
                out.total_pct = value if out.total_pct is None else out.total_pct
            continue
        if seg.verb == "set" and seg.soft_set:
            seg.verb, sign = "neg", -1.0
        if seg.verb in ("neg", "pos") and not pcts and not amts and chans and (seg.has(*ENTIRELY) or _all_of(seg)):
            out.changes += [(ch, -100.0) for ch in chans] if seg.verb == "neg" else []
            continue
        if seg.verb == "neg" and not pcts and not amts and not chans and out.all_channels and seg.has(*ENTIRELY):
            out.changes += [(ch, -100.0) for ch in out.all_channels]   # "cut all media to zero": every channel stopped
            continue
        if seg.verb == "move" and not pcts and not amts:
            continue
        if seg.verb == "move":
            sign = _size_direction(seg) or (-1.0 if _from_side(seg) else 1.0)
        values = [p.num if p.signed else sign * abs(p.num) for p in pcts]
        if seg.verb == "set" and values:
            values = [v if p.signed else (seg.set_value or 0) / abs(seg.set_value or 1) * abs(v)
                      for v, p in zip(values, pcts)]
        if not chans and values and idx + 1 < len(segs) and not segs[idx + 1].own_verb and segs[idx + 1].chans and not segs[idx + 1].pcts:
            chans = [t.name for t in segs[idx + 1].chans]
        if not values and chans and not amts:
            values = _borrow(segs, idx, sign)
        if values and chans:
            for k, ch in enumerate(chans):
                out.changes.append((ch, round(values[min(k, len(values) - 1)], 4)))
            prev_change = out.changes[-1]
        elif values and out.all_channels:
            out.changes += [(ch, values[0]) for ch in out.all_channels]
        elif values:
            if out.total_pct is None and (seg.verb is not None or explicit):
                out.total_pct = values[0]
        if amts and out.amount is None:
            a = amts[0]
            out.amount = a.num if a.signed else sign * abs(a.num)
            if chans and not values:
                out.extra_channels += chans
        # after a move, money on channels outside it is their own ("move $300k from TV to Social and cut Print by $50k")
        beside = out.shift is None or not set(chans) & {out.shift.from_channel, out.shift.to_channel, *out.shift.also_to}
        if amts and chans and not values and seg.verb in ("pos", "neg", "move") and beside:
            money = [float(a.num) if a.signed else sign * abs(float(a.num)) for a in amts]
            if len(money) == len(chans):
                out.amounts += list(zip(chans, money))          # "give Social $200k and TV $300k more"
            elif len(money) == 1 and seg.has("each", "apiece", "every"):
                out.amounts += [(c, money[0]) for c in chans]   # "increase TV and Radio by $50k each"
            elif len(money) == 1 and len(chans) == 1:
                out.amounts.append((chans[0], money[0]))
    if not out.changes and out.shift is None and not out.amounts and not any(t.kind in ("ch", "xch") for t in toks) \
            and _no_media(lx):
        # "what if we went dark on advertising?", "sales with zero marketing": every channel the data has, stopped
        out.all_channels = data_channels
        out.changes = [(c, -100.0) for c in data_channels]
        out.total_pct, out.has_verb, out.verb_on_channel = None, True, True
    return out


# All paid media said as one thing ("advertising", "our marketing spend", "all ads"), with no channel named
_MEDIA = (r"(?:(?:all|any|our|the|of|paid|total) )*(?:advertising|advertisements?|adverts?|ads|marketing|media|promotions?"
          r"|ad(?= spend| budget))(?: spend| spending| budgets?| investment| activity| dollars| money)?")
_MEDIA_WORDS = ("advert", "ads", "ad ", "marketing", "media", "promotion")   # _MEDIA's words, for a quick first look
_STOPS = "|".join(sorted(w for w, v in SET.items() if v == -100.0 and w not in SOFT_SET))
_NO_MEDIA = re.compile(
    # "stop advertising", "went dark on all marketing" (the lexer reads "went dark on" as "stop")
    rf"\b(?:{_STOPS}|(?:go|goes|went|going|gone) (?:\w+ )?(?:dark|silent|quiet)(?: on)?) "
    rf"(?:(?:completely|entirely|fully|totally|all|of) )?{_MEDIA}\b"
    # "drop our ads completely": a soft stop verb ("drop TV 10%" is a cut) with its "entirely"
    rf"|\b(?:{'|'.join(sorted(SOFT_SET))}) (?:(?:completely|entirely|fully|totally|altogether) )?{_MEDIA}"
    rf" (?:completely|entirely|fully|totally|altogether)\b"
    rf"|\b(?:{'|'.join(sorted(SOFT_SET))}) (?:completely|entirely|fully|totally|altogether) {_MEDIA}\b"
    # "marketing spend goes to zero", "if advertising stopped": the media, then its stop
    rf"|\b{_MEDIA} (?:\w+ ){{0,2}}?(?:{TO_ZERO}|stopped)\b"
    # "sales with zero marketing", "if we make zero advertising", "if the marketing budget was 0" (the lexer reads
    # "zero" as a number: checked below)
    rf"|\b(?P<zero>NUM) {_MEDIA}\b|\b{_MEDIA} (?:was|were|is|be|at|of|to|set to|goes to|went to|=) (?P<at>NUM)\b")
# "with no media at all" counts only as a scenario ("simulate a world with no advertising")
_NO_MEDIA_IMAGINED = re.compile(rf"\b(?:no|without(?: any)?) {_MEDIA}\b")
_IMAGINED = re.compile(r"\b(?:what if|suppose|supposing|imagine|simulate|scenario|model|if we|happens?|happened)\b")
# "the sales we would have anyway without advertising", "the baseline share with zero media": the base (contribution)
_BASELINE = re.compile(r"\b(?:anyway|regardless|baseline|base|organic|share|portion|part|percent|percentage|fraction"
                       r"|how much of|what of)\b")


# "cut every single marketing dollar", "pull every last dollar of media", "stopped spending a single cent on
# marketing", "take away all the marketing money": all the media's money removed, said as its dollars
_MEDIA_NOUN = r"(?:advertising|marketing|media|ad|ads|promotion|promotional|promo)"
_MONEY_NOUN = r"(?:dollars?|cents?|penny|pennies|bucks?|euros?|pounds?|money|cash)"
_EVERY_DOLLAR = re.compile(
    r"\b(?:cut|cuts|cutting|pull|pulls|pulled|pulling|remove|removes|removed|removing|take away|took away|taking away"
    r"|kill|kills|killed|killing|eliminate\w*|withdr\w*|slash\w*|drop|dropped|stop|stopped|stopping|scrap\w*|strip\w*"
    r"|axe|axed|yank\w*)(?: \w+){0,2}? "
    rf"(?:(?:every|each|all|any)(?: single| last)?|(?:a|one) single)(?: of)?(?: the| our)? (?:{_MEDIA_NOUN} {_MONEY_NOUN}\b"
    rf"|{_MONEY_NOUN} (?:of|on|in|for|from) (?:the |our )?{_MEDIA_NOUN}\b)")


def _no_media(lx: Lexed) -> bool:
    """The question stops all paid media at once, said as media rather than as channels."""
    surface = lx.surface
    if not any(w in surface for w in _MEDIA_WORDS) or _BASELINE.search(surface):   # most questions name no media
        return False
    if "PCT" not in surface and "AMT" not in surface and _EVERY_DOLLAR.search(surface):
        return True
    if _IMAGINED.search(surface) and _NO_MEDIA_IMAGINED.search(surface):
        return True
    return any(all(m.group(g) is None or lx.group_tok(m, g).num == 0 for g in ("zero", "at"))
               for m in _NO_MEDIA.finditer(surface))


_LESS_AFTER = frozenset({"less", "fewer", "lower", "smaller"})
_MORE_AFTER = frozenset({"more", "extra", "higher", "bigger", "additional"})


def _size_direction(seg: Segment) -> float:
    """ "put 10% less in every channel": a direction word right after the size decides the sign (0.0: none said)."""
    toks = [t for t in seg.toks if t.kind != "punct"]
    for a, b in zip(toks, toks[1:]):
        if a.kind in ("pct", "amt") and b.kind == "w":
            if b.text in _LESS_AFTER:
                return -1.0
            if b.text in _MORE_AFTER:
                return 1.0
    return 0.0


def _to_zero(seg: Segment) -> bool:
    """A channel said "to zero" (the lexer's TO_ZERO) with no verb: "Print to zero in December"."""
    toks = [t for t in seg.toks if t.kind != "punct"]
    return any(a.kind == "ch" and b.kind == "w" and b.text == TO_ZERO for a, b in zip(toks, toks[1:]))


def _signed_money(seg: Segment, chans: list[str], out: Changes) -> bool:
    """Money written with its sign next to channels, no verb: one channel's change ("Social +50k"), or the same money
    out of one and into another ("TV -$100k, Radio +$100k": a move)."""
    signed = [a for a in seg.amts if a.signed]
    if not signed or len(signed) != len(seg.amts) or len(signed) != len(chans) or len(chans) > 2 or out.amount is not None:
        return False
    if len(chans) == 1:
        out.amount, out.has_verb, out.verb_on_channel = float(signed[0].num), True, True
        out.extra_channels += chans
        return True
    (a, x), (b, y) = zip(chans, (float(t.num) for t in signed))
    if x * y >= 0 or abs(abs(x) - abs(y)) > 1e-9 or a == b:
        return False
    src, dst = (a, b) if x < 0 else (b, a)
    out.shift, out.amount, out.has_verb = Shift(src, dst, amount=abs(x)), -abs(x), True
    return True


_KEEP = frozenset({"keep", "kept", "keeping", "leave", "left", "leaving", "hold", "held", "holding"})
_HELD = frozenset({"flat", "unchanged", "steady", "constant", "untouched", "same", "held", "fixed", "frozen"})
# "everything else at actuals / at current levels / as is": the other channels held (only after "everything else")
_ELSE_HELD = _HELD | {"actuals", "actual", "current", "today's", "unaffected", "as-is", "is"}


# "stop TV but keep CTV (running)", "drop TV but not Radio": the channel after the keep word stays where it is
_KEPT_AFTER = frozenset({"running", "going", "on", "live", "alone", "as", "where", "at", "the", "in", "and", "but", "too",
                         "untouched", "unchanged", "intact", "steady", "flat", "same"}) - {"at", "in"}


# "keep spending on Radio", "keep investing in Digital": the keep said of the spending
_KEPT_DOING = frozenset({"spending", "investing", "buying", "funding", "running", "paying"})
# "keep Radio in the mix / in play / in the plan": "in" that places no time
_KEPT_IN = (("in", "the", "mix"), ("in", "play"), ("in", "the", "plan"), ("in", "the", "budget"))


def _kept(toks: list[Tok]) -> set[int]:
    """Channels said to stay ("but kept CTV", "keep Radio running", "but not Radio") after a change of others; a
    keep that carries its own size or level ("keep TV at $500k", "keep Radio 10% up") is not one."""
    out: set[int] = set()
    last_kept = -1
    for i, t in enumerate(toks):
        if t.kind != "ch":
            continue
        before = [u.text for u in toks[max(0, i - 3):i] if u.kind == "w" and u.text not in ("the", "our", "on", "with")]
        keep = bool(before) and (before[-1] in _KEEP or before[-2:] == ["but", "not"]
                                 or (len(before) > 1 and before[-2] in _KEEP and before[-1] in _KEPT_DOING))
        # "keep Radio and Digital": a channel listed right after a kept one is kept too
        listed = last_kept >= 0 and all(u.kind == "punct" or u.text in ("and", "or", "the", "our")
                                        for u in toks[last_kept + 1:i])
        if not (keep or listed) or not any(u.kind == "ch" for u in toks[:i]):
            continue
        rest = list(itertools.takewhile(lambda u: u.kind != "punct", toks[i + 1:]))
        if any(u.kind in ("pct", "amt", "num") for u in rest) or (rest and rest[0].kind == "w"
                                                                    and rest[0].text not in _KEPT_AFTER
                                                                    and not any(tuple(u.text for u in rest[:len(k)]) == k
                                                                                for k in _KEPT_IN)):
            continue
        out.add(id(t))
        last_kept = i
    return out


def _all_of(seg: Segment) -> bool:
    """ "losing all of Print": "all" (of) right before the channel, the whole of it."""
    words = [t.text if t.kind == "w" else ("CH" if t.kind == "ch" else "") for t in seg.toks]
    text = " ".join(words)
    return " all CH" in f" {text}" or " all of CH" in f" {text}" or " all the CH" in f" {text}"


def _borrow(segs: list[Segment], idx: int, sign: float) -> list[float]:
    """'cut TV and radio by 10%': a channel without a number takes the next segment's number."""
    for seg in segs[idx + 1:idx + 3]:
        if seg.pcts:
            return [sign * abs(seg.pcts[0].num) if not seg.pcts[0].signed else seg.pcts[0].num]
        if seg.chans and seg.own_verb:
            break
    return []


def _from_side(seg: Segment) -> bool:
    for _i, t in enumerate(seg.toks):
        if t.kind == "w" and t.text in ("from", "out"):
            return True
        if t.kind == "w" and t.text in TO_MARK:
            return False
    return False


_MONEY = frozenset({"budget", "money", "spend", "spending", "dollar", "dollars", "investment", "allocation", "euro", "euros",
                    "pound", "pounds", "buck", "bucks", "cash"})


def _whole(toks: list[Tok], src: str) -> bool:
    """The source is named as a whole: "TV budget", "all of Print", "everything from Radio"."""
    for i, t in enumerate(toks):
        if t.kind == "ch" and t.name == src:
            after = [u.text for u in toks[i + 1:i + 2] if u.kind == "w"]
            before = [u.text for u in toks[max(0, i - 3):i] if u.kind == "w"]
            if (after and after[0] in _MONEY) or "all" in before or "everything" in before or "entire" in before:
                return True
            if len(before) >= 2 and before[-1] == "of" and before[-2] in _MONEY:
                return True   # "the money of Radio": all of it
    return False


_THAT_MONEY = frozenset({"that", "this", "its", "the", "their"})


_SHARE_OUT = frozenset({"rebalance", "rebalancing", "rebalanced", "reallocate", "reallocating", "split", "splitting",
                        "divide", "dividing", "balance", "balancing", "allocate", "allocating", "distribute", "distributing"})


# "between TV and Radio", "between the TV and the Search": two channels named as a pair (core reads it too)
BETWEEN_PAIR = re.compile(r"\bbetween (?:the |our )?CH (?:and|&) (?:the |our )?CH\b")


def _between_pair(toks: list[Tok]) -> bool:
    """ "rebalance between TV and Search": money shared out over a pair of channels, neither one a source."""
    surface = " ".join("CH" if t.kind == "ch" else t.text for t in toks)
    return (any(t.kind == "w" and t.text in _SHARE_OUT for t in toks)
            and bool(BETWEEN_PAIR.search(surface) or _ACROSS_LIST.search(surface)))


# "rebalance spend across TV, radio, digital and print": money shared out over a list, none of them a source
_ACROSS_LIST = re.compile(r"\b(?:across|among|amongst) (?:the |our )?CH(?: ,| and| &| or)* (?:the |our )?CH\b")


def _out_of_into(toks: list[Tok]) -> bool:
    """ "take 100k out of TV into Digital", "pull 10% from Print to Social", "took $200k out of TV for Digital": money
    leaves one channel for another."""
    words = [t.text if t.kind == "w" else t.kind for t in toks]
    for i, w in enumerate(words):
        if w == "ch" and i >= 1 and words[i - 1] in ("from", "of") and (i < 2 or words[i - 1] == "from" or words[i - 2] == "out"):
            rest = words[i + 1:i + 3]
            if rest[:1] in (["into"], ["to"], ["for"], ["towards"], ["onto"]) and rest[1:2] == ["ch"]:   # "… out of TV for Digital"
                return True
    return False


def _all_of_it(toks: list[Tok]) -> bool:
    """ "move it all to Digital", "all of it", "the whole lot": the whole of the source's money."""
    words = " ".join(t.text if t.kind == "w" else "_" for t in toks)
    return bool(re.search(r"\b(?:it all|them all|all of it|all of that|all of them|that all|the whole lot|the lot|everything)\b", words))


def _that_money(toks: list[Tok]) -> bool:
    """ "that money", "its budget": the money of a channel named before the move."""
    words = [t.text for t in toks if t.kind == "w"]
    return any(a in _THAT_MONEY and b in _MONEY for a, b in zip(words, words[1:]))


def _shift(seg: Segment, prev: tuple[str, float] | None, out: Changes, earlier: tuple[str, ...] = ()) -> bool:
    """Fill out.shift from a move segment; False when the segment is not a shift after all."""
    src: str | None = None
    dst: str | None = None
    mark: str | None = None
    refers = False
    since_mark = 0
    more_dst: list[str] = []     # "put 100k into TV and Radio": a second receiver, not a source
    after_dst = False
    for t in seg.toks:
        if after_dst and (t.kind == "punct" or (t.kind == "w" and t.text in ("and", "&"))):
            continue
        if after_dst and t.kind == "ch" and mark is None and t.name != dst:
            more_dst.append(t.name)
            continue
        after_dst = False
        if t.kind == "w" and t.text in FROM_MARK | TO_MARK:
            mark = "from" if t.text in FROM_MARK else "to"
            since_mark = 0
            continue
        if t.kind == "w" and t.text in REFS and mark == "from":
            refers = True
        if t.kind != "ch":
            since_mark += 1
            if since_mark > 3:
                mark = None   # "I'd like to see what happens when we move Print …": that "to" marks no channel
            continue
        if mark == "to" and dst is None:
            dst = t.name
            after_dst = True
        elif mark == "to" and src is None:
            more_dst.append(t.name)   # "put $50k into TV and $2M into Digital": a second receiver with its own money
        elif mark == "from" and src is None:
            src = t.name
        elif src is None:
            src = t.name
        elif dst is None:
            dst = t.name
        else:
            out.extra_channels.append(t.name)
        mark = None
    # "our annual budget is $6M; what if we move $500k of it from TV to Digital?": the size said after the verb
    verb_at = next((i for i, t in enumerate(seg.toks) if t.kind == "w" and t.text in MOVE), 0)
    after = [t for t in seg.toks[verb_at:] if t.kind in ("pct", "amt") and not t.used]
    pct = next((t for t in after if t.kind == "pct"), None) if after else (seg.pcts[0] if seg.pcts else None)
    amt = next((t for t in after if t.kind == "amt"), None) if after else (seg.amts[0] if seg.amts else None)
    if src is None and dst is not None and prev is not None and (refers or pct is None or pct.frac):
        # "cut TV 20% and put half of it into Search": half of the previous cut moves.
        frac = (abs(pct.num) / 100.0) if pct is not None else 1.0
        out.shift = Shift(prev[0], dst, percentage=round(abs(prev[1]) * frac, 4),
                          also_to=tuple(c for c in dict.fromkeys(more_dst) if c != prev[0]))
        return True
    if src is None and dst is not None and pct is None and amt is None and out.amount is not None and out.extra_channels:
        # "take $100k from TV and give it to Social": the amount taken moves.
        out.shift = Shift(out.extra_channels[-1], dst, amount=abs(out.amount))
        return True
    names = [t for t in seg.toks if t.kind == "ch"]
    between = seg.toks[seg.toks.index(names[0]):seg.toks.index(names[-1])] if len(names) >= 2 else []
    ors = [i for i, t in enumerate(between) if t.kind == "w" and t.text == "or"]
    if ors and _that_money(between[ors[-1]:]) and any(t.kind == "w" and t.text in MOVE for t in between[ors[-1]:]):
        # "keep funding the newspapers or move that money into paid social": the first channel's money, all of it
        out.shift = Shift(names[0].name, names[-1].name, percentage=100.0)
        out.changes.append((names[0].name, -100.0))
        return True
    if ors:
        return False   # "put money on Social or on TV": a choice between them, not a move from one to the other
    if src is None and dst is not None and pct is None and amt is None and out.source is not None:
        src = out.source   # "take money from Print and give it to Digital"
    if (src is None and dst is not None and pct is None and amt is None and len(earlier) == 1
            and _that_money(seg.toks)):
        # "keep funding the newspapers or move that money into paid social": that channel's money, all of it
        src = earlier[0]
        out.shift = Shift(src, dst, percentage=100.0)
        out.changes.append((src, -100.0))
        return True
    if more_dst and (src is None or src in more_dst):
        return False   # "put 100k into TV and Radio": money added to both, from no channel
    if src is None or dst is None or src == dst:
        return False
    p = abs(pct.num) if pct is not None else None
    a = abs(amt.num) if amt is not None and pct is None else None
    if p is None and a is None and (_whole(seg.toks, src) or _all_of_it(seg.toks) or seg.has(*ENTIRELY)):
        p = 100.0   # "put TV's budget into Digital", "all of Print's money", "move it all to Digital": the whole of it
    if p is None and a is None and _between_pair(seg.toks):
        return False   # "rebalance between TV and Search": money split over the two, a plan on them, not a move
    out.shift = Shift(src, dst, percentage=p, amount=a, also_to=tuple(dict.fromkeys(more_dst)))
    if p is not None:
        out.changes.append((src, -p))
    if a is not None and out.amount is None:
        out.amount = -a
    return True
