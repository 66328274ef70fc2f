"""Normalise a typed question into corrected tokens, so rules see "the tv budget", not "teh televison budgt"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

# Questions longer than this are read on their head only: an executive's
# question fits, and routing a pasted novel stays well under 5 ms.
MAX_CHARS = 600

# Short typos and chat shorthand; edit distance is unsafe on words this short.
SHORTHAND: dict[str, str] = {
    "teh": "the", "hte": "the", "th": "the", "wat": "what", "wht": "what", "waht": "what",
    "whta": "what", "hw": "how", "u": "you", "ur": "your", "r": "are", "pls": "please",
    "plz": "please", "pct": "percent", "perc": "percent", "pc": "percent", "prct": "percent",
    "yr": "year", "yrs": "years", "qtr": "quarter", "qtrs": "quarters", "mil": "million",
    "mm": "million", "mn": "million", "bn": "billion", "thx": "thanks", "v": "vs",
    "vs": "vs", "w": "with", "wrt": "about", "abt": "about", "bc": "because", "cuz": "because",
    "tele": "television", "telli": "telly", "tvs": "tv", "fb": "facebook", "ig": "instagram",
    "insta": "instagram", "ads": "ads", "mo": "month", "mos": "months", "wk": "week", "nxt": "next",
    "wks": "weeks", "hlp": "help", "hepl": "help", "roa": "roas", "rois": "roi", "roases": "roas", "cpas": "cpa", "wats": "whats",
    "whats": "what", "qs": "questions", "qns": "questions", "ques": "questions", "hows": "how", "wheres": "where", "lets": "let", "im": "i", "ive": "i",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "cannot",
    "wont": "will not", "shouldnt": "should not", "isnt": "is not", "arent": "are not",
    "ch": "channel", "chs": "channels", "chnl": "channel", "chnls": "channels", "sat": "saturation", "contrib": "contribution", "contribs": "contributions", "cutt": "cut", "cuting": "cutting", "dubble": "double", "doble": "double", "dbl": "double", "mv": "move", "px": "price", "realloc": "reallocate", "happns": "happens", "halv": "halve", "stopp": "stop",
    "tripple": "triple", "trippled": "tripled", "bost": "boost", "evry": "every", "beter": "better", "wich": "which", "whcih": "which", "kepp": "keep",
    "fourty": "forty", "ninty": "ninety", "fivety": "fifty", "twelfe": "twelve",
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "ok": "ok", "okay": "ok",
}

# Words a question may contain that must never be "corrected" into a keyword
# ("tell" is not "telly", "fits" is not "fit" of the model).
COMMON = frozenset("""
a about above across actually add added adding after again against ago all allocated almost along
already also although always am amount an analyse analysis analyze and another answer any anything
are area around as ask asked at away back bad based be because been before being below best better
between big bigger biggest bit both bring brings brought budget but buy by call came can cannot
case cause change changed changes changing channel channels check cheaper choose come comes
compare compared comparing compute could count course current currently customers data day days
decide decision did difference different do does doing done down drop during each earlier early
easy either else end enough even ever every everything example expect explain fact far fast feel
few figure find fine first for from full get gets getting give given go goes going gone good got
great group had half happen happened happening has have having he hear her here high higher
highest him his hold how however i idea if in include including instead into is it its itself
just keep kind know large last late later least less let level like likely line little long look
looking looks lose losing lot low lower lowest made main make makes making many may maybe me mean
means might mind money month months more most much must my need needs never new next no none nor
not nothing now number of off often old on once one only or other others our ours out over own
part past people per perhaps place plan please point possible pretty probably put quick quickly
quite rather real really reason right said same say says see seem seems set she should show
showing shows side since small so some something spend spending spent start still stop such sure
take taking talk tell tells than thank thanks that the their them then there these they thing
things think this those though through time times to today together told too top total toward
towards try trying turn two under understand unless until up upon us use used using very want
wanted wants was way we week weeks well went were what whatever when where whether which while who
whole why will with within without work worked working works would yeah year years yes yet you
your yours across already answers asking board boss team cfo ceo cmo finance quick bit company
brand product products customer store stores sell selling sold price prices pricing team money
again tell told tells telling teller audit audits auditing invoice invoices invoicing hello hi hey weather joke jokes today tomorrow yesterday
ignore instructions previous prompt system pretend write poem song story recipe capital france
football soccer game score meaning life stock stocks buy bitcoin crypto translate french spanish
code python password passwords delete drop table select insert update shell command commands run
sudo rm echo cat ls exec eval script alert onerror image hack hacker thing stuff person human
robot who name named names your yourself feeling feelings love hate good bad fine nice cool
event events party parties staff rain raining weekend holiday
think thought thoughts paid media mix marketing market markets cent cents per
took taken gave given went gone came become became began begun brought bought built caught chose
found held kept knew known led left lost meant met paid ran saw seen sent shown sat stood taught
thought understood won wrote written second seconds third fourth fifth sixth first last final
minute minutes hour hours morning evening night tonight weekend monday tuesday wednesday thursday
friday saturday sunday share shares shared sharing number numbers figure figures chart charts graph
graphs table tables result results output outputs answer question questions value values
company companies business businesses client clients revenue sales profit profits cost costs
costly cheap expensive spend spends spent budget budgets dollar dollars cents money cash fund
funds funding funded invest investment investments return returns growth grow growing grown
effect effects impact impacts change changes changed changing increase decrease raise lower
better worse best worst more most less least much many several various whole entire overall
quickly slowly simply exactly roughly approximately around nearly almost already currently
actually basically honestly really truly likely unlikely possibly probably maybe perhaps
should would could might must shall need needs needed want wanted wants wish hope expect
seeing seems looked looking showing telling asking getting making taking giving going coming
doing having being saying trying using working running moving putting keeping leaving letting
because therefore though although unless whether either neither both each every any some
above below under over between among through during before after since until while within
without about against along across behind beyond toward towards upon onto into inside outside
here there where everywhere somewhere anywhere nowhere always never often sometimes usually
everyone someone anyone nobody everybody somebody anybody each other another others
good great fine okay nice bad poor strong weak high low big small large huge tiny major minor
important main key critical crucial basic simple clear obvious real true false right wrong
new old recent latest early late next previous current past future present today
team teams people person manager managers director directors board chair chairman investors
customer customers client market markets brand brands product products service services
campaign campaigns creative creatives agency agencies plan plans planning strategy strategies
goal goals target targets objective objectives kpi kpis metric metrics measure measures
measured model models modeling modelling analysis analyst analysts insight insights
idea ideas thing things stuff item items point points part parts piece pieces level levels
rate rates price prices volume volumes unit units store stores shop shops online offline
looks seem seemed feel felt find finds found happen happens happened occur occurred cause
caused causes reason reasons result resulted explain explained explains show shows showed
give gives tell tells told ask asks asked know knows knew think thinks need needs
""".split())

_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": " ", "\u2019": "'", "\u2018": "'",
                         "\u201c": " ", "\u201d": " ", "\u00a0": " "})
_TOKEN = re.compile(r"[a-z]+\d+[a-z]*|\d+(?:\.\d+)?[a-z]*|\.\d+[a-z]*|[a-z]+|[$£€%+\-?,;]")
_NUM_SUFFIX = re.compile(r"^(\d*\.?\d+)([a-z]+)$")
_ORDINAL = {"st", "nd", "rd", "th"}


_ARROW_MOVE = re.compile(r"(^|[,;.:]\s*|\band\s+)([a-z][a-z ]*?)\s+([$£€]?\d+(?:\.\d+)?\s*(?:%|percent\b|k\b|m\b)?)"
                         r"\s*(?:-+>|→|⟶)\s*")


def clean(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Lowercase, unify dashes and quotes, drop control characters and contractions (`keep`: the data's own
    letter-and-digit names, such as PyMC's "x1", left whole)."""
    text = unicodedata.normalize("NFKC", str(text)[: MAX_CHARS * 2])[:MAX_CHARS]
    text = text.translate(_DASHES).lower()
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = re.sub(r"\btl\s*;\s*dr\b", "tldr", text)
    text = re.sub(r"\bcan't\b", "cannot", text)
    text = re.sub(r"\bwon't\b", "will not", text)
    text = re.sub(r"n't\b", " not", text)
    text = re.sub(r"'(s|re|ll|ve|d|m)\b", "", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)   # 3,000 -> 3000
    # "€1,5M", "2,5 million": a decimal comma before a scale (one or two digits, never a thousands group)
    text = re.sub(r"(?<=\d),(?=\d{1,2}\s*(?:%|percent\b|m\b|mn\b|mln\b|mio\b|k\b|bn\b|b\b|million|thousand|billion))", ".", text)
    # "2 000 000", "1 500 000": thousands written with spaces (two groups or more, so "week 12 100" is left alone)
    text = re.sub(r"\b\d{1,3}(?: \d{3}){2,}\b", lambda m: m.group(0).replace(" ", ""), text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)     # out-of-home -> out of home
    text = re.sub(r"\bw/o\b", "without", text)             # chat shorthand, before the slash splits it
    text = re.sub(r"\bw/(?=\s|[a-z$£€\d])", "with ", text)  # "w/ TV at 500k"
    text = re.sub(r"(?<=[a-z])/(?=[a-z])", " ", text)     # tv/radio -> tv radio
    # "tv 10% -> social", "print $50k → radio": a size of one channel sent to another, the terse form of a move
    text = _ARROW_MOVE.sub(lambda m: f"{m.group(1)}move {m.group(3)} of {m.group(2)} to ", text)
    text = re.sub(r"\s*(?:-+>|→|⟶)\s*", " to ", text)
    text = re.sub(r"(?<=[a-z])\s*\+\s*(?=[a-z])", " and ", text)   # "social+digital": both channels
    text = re.sub(r">=|=>|≥", " at least ", text)            # "tv>=500k": a floor
    text = re.sub(r"<=|=<|≤", " at most ", text)
    # "nothing moves >20%": a bound said with the sign alone ("TV > Radio" compares channels and is left alone)
    text = re.sub(r">(?=\s*[+\-]?[$£€]?\d)", " more than ", text)
    text = re.sub(r"<(?=\s*[+\-]?[$£€]?\d)", " less than ", text)
    # "radio x2" -> "radio x 2", unless "x2" is one of the data's channels
    text = re.sub(r"\bx\d\b", lambda m: m.group(0) if m.group(0) in keep else "x " + m.group(0)[1:], text)
    text = re.sub(r"(?<=\s)@(?=\s*[$£€\d])", " at ", text)  # "print back on @ 20k/wk": at a level
    return text


def tokenize(text: str, vocab: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()) -> list[str]:
    """Cleaned, spelling-corrected tokens; numbers are split from their unit ("50k" -> "50", "k").

    `vocab` adds words (the data's channel names) that typos may be corrected to.
    """
    out: list[str] = []
    for tok in _TOKEN.findall(clean(text, keep)):
        m = _NUM_SUFFIX.match(tok)
        if m and m.group(2) not in _ORDINAL:
            out.append(m.group(1))
            suffix = m.group(2)
            out.extend(SHORTHAND.get(suffix, suffix).split())
            continue
        if tok == "-" or tok == "+":
            out.append(tok)
            continue
        if tok.isalpha():
            out.extend(correct(tok, vocab).split())
        else:
            out.append(tok)
    for i in range(len(out) - 1):   # "r squared" is a statistic, not "are squared"
        if out[i] == "are" and out[i + 1] in ("squared", "square", "sq", "2"):
            out[i] = "r"
    return out


def correct(word: str, vocab: frozenset[str] = frozenset()) -> str:
    """The keyword a typed word most likely meant, or the word itself."""
    if word in SHORTHAND:
        return SHORTHAND[word]
    if len(word) < 4 or word in COMMON or word in _KEYWORDS or word in vocab:
        return word
    return _nearest(word, vocab)


def _has_stem(word: str) -> bool:
    return any(word.startswith(stem) for stem in _STEMS)


@lru_cache(maxsize=20000)
def _nearest(word: str, vocab: frozenset[str]) -> str:
    if _has_stem(word):
        return word
    limit = 1 if len(word) <= 8 else 2
    best_d = limit + 1
    best: list[str] = []
    letters = set(word)
    for cand in _by_initial(word[0], vocab):
        if abs(len(cand) - len(word)) > limit or len(cand) < 3:
            continue
        # Each edit changes the letter set by at most two letters: a cheap lower bound.
        if len(letters.symmetric_difference(cand)) > 2 * limit:
            continue
        d = _osa(word, cand, limit)
        if d > limit or d > best_d:
            continue
        if d < best_d:
            best_d, best = d, []
        best.append(cand)
    if not best:
        return word
    # Only keywords are targets; a plain word as close means the typist may have meant
    # that word ("stay" is not "say" of anything we need), so the text is left alone.
    if any(c in COMMON and c not in _KEYWORDS and c not in vocab for c in best):
        return word
    if _inflection_of(word, best[0]):
        return word
    # In a four-letter word one changed letter is as likely another real word ("buck", not
    # "back"); only a swapped pair of letters ("bsae" -> "base") is taken as a typo there.
    if len(word) == 4 and sorted(word) != sorted(best[0]):
        return word
    return best[0]


_SUFFIXES = ("ing", "ers", "es", "ed", "er", "ly", "s", "d")


def _inflection_of(word: str, cand: str) -> bool:
    """"drives" is not a typo of "drivers", nor "tells" of "telly": same stem, other ending."""
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3 and cand.startswith(word[: -len(suf)]):
            return True
    return False


@lru_cache(maxsize=512)
def _by_initial(initial: str, vocab: frozenset[str]) -> tuple[str, ...]:
    # Common words first so that a tie goes to the harmless reading; each group sorted, because
    # set order changes with Python's per-process hash seed and a tie must not (the same
    # question must route the same way in every run).
    pool = sorted(w for w in COMMON if w[0] == initial)
    pool += sorted(w for w in (_KEYWORDS | vocab) if w[0] == initial and w not in COMMON)
    return tuple(pool)


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (edits plus adjacent swaps), cut off above `limit` (rapidfuzz:
    the same numbers as the hand-written dynamic programme it replaced, about 40 times faster)."""
    return int(OSA.distance(a, b, score_cutoff=limit))


_KEYWORDS: frozenset[str] = frozenset()
_STEMS: tuple[str, ...] = ()


def register_keywords(words: set[str], stems: set[str] | frozenset[str] = frozenset()) -> None:
    """Add routing keywords (whole words) and stems ("saturat" of "saturat\\w*") as correction targets.

    A word that starts with a stem is already understood and never corrected.
    """
    global _KEYWORDS, _STEMS
    _KEYWORDS = frozenset(_KEYWORDS | {w for w in words if len(w) >= 3})
    _STEMS = tuple(sorted(set(_STEMS) | {s for s in stems if len(s) >= 4}))
    _nearest.cache_clear()
    _by_initial.cache_clear()
