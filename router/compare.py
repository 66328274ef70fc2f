"""Comparisons of what-ifs: "cut TV 20% vs cut Radio 20%", "which is better: stopping Print or trimming TV?".

The sentence is cut at the comparison word ("vs", "versus", "against", "better than", "or" next to
a "which/better/compare" cue, "Option B:") and each side is read as its own change. A side that
leaves out the verb or the number borrows it from the side before ("cut TV by 20% or Radio by
20%", "from TV to Digital, or from Radio to Digital").
"""

from __future__ import annotations

import re
from dataclasses import replace

from router.budget import extract_window
from router.changes import MOVE, NEG, POS, SET, WEAK, Changes, extract_changes, level_stated
from router.lexer import TO_ZERO, Lexed, Tok
from router.periods import extract_periods
from router.types import UNSIZED_CHANGE, Alternative, Period, Shift, Window

_SPLIT = frozenset({"vs", "versus", "against", "beat", "beats", "outperform", "outperforms"})
_OR = frozenset({"or"})
_CUES = frozenset({"which", "better", "best", "smarter", "wins", "win", "hurts", "hurt", "compare", "comparing",
                   "prefer", "rather", "worse", "more", "less", "safer", "cheaper", "option", "options",
                   "contrast", "contrasting", "scenarios", "alternatives", "least", "most"})
# "compare A and B", "contrast A with B": the verb announces two sides joined by a plain word.
_PAIR_VERBS = frozenset({"compare", "comparing", "contrast", "contrasting", "weigh", "weighing", "between"})
# "is cutting TV worse than cutting Radio?": a comparative before "than" splits the sides.
_THAN = frozenset({"better", "worse", "safer", "smarter", "riskier", "cheaper", "wiser", "preferable", "painful",
                   "costly", "damaging", "risky", "effective", "profitable", "harmful"})
_OUTCOME_VERBS = frozenset({"hurt", "hurts", "cost", "costs", "lose", "loses", "save", "saves", "damage", "damages",
                            "help", "helps", "earn", "earns", "return", "returns", "bring", "brings", "add", "adds",
                            "gain", "gains", "sell", "sells"})
_PAIR_JOINS = frozenset({"and", "with", "to", "against"})
_WHOLE = frozenset({"entirely", "completely", "altogether", "fully", "totally", TO_ZERO})   # "cut Print entirely": its own size
_LABELS = frozenset({"option", "options", "scenario", "scenarios", "plan"})
_VERBS = MOVE | NEG | POS | set(SET)
_PRONOUNS = frozenset({"it", "them", "that"})
_ROUTE = frozenset({"from", "to", "into", "out"})   # a move's item said by its route alone ("…, or from TV to Radio")
# Small words that may open the second side of "cut $100k from TV or from Radio".
_LEADING = frozenset({"the", "on", "in", "to", "into", "from", "for", "with", "our"})


def _sized(part: list[Tok]) -> bool:
    """A side of its own: a channel and a size ("TV -10%", "+20% Social")."""
    return any(t.kind == "ch" for t in part) and any(
        t.kind in ("pct", "amt") or (t.kind == "num" and t.signed) for t in part)


def _own_change(part: list[Tok]) -> bool:
    """A side with its own verb, channel and size (a stop verb is a size): "pausing Radio", "cut TV by 10%"."""
    return _whole(part) and any(t.kind == "w" and t.text in _VERBS for t in part) and any(t.kind == "ch" for t in part)


def _trailing_clause_dropped(part: list[Tok]) -> list[Tok]:
    """ "social, which hurts less?": the question put after the last side is not part of that side's change
    ("less" there is no cut)."""
    for i, t in enumerate(part):
        if i and t.kind == "punct" and t.text in (",", "?", ";", ".", ":") and any(u.kind == "ch" for u in part[:i]):
            if not any(u.kind in ("ch", "pct", "amt") for u in part[i:]):
                # "…, half from each": how the side's money is shared stays with it
                kept = [u for u in part[i:i + 4] if u.kind == "w" and u.text in _EVENLY]
                return part[:i] + kept
    return part


def _whole(part: list[Tok]) -> bool:
    """A side a pair verb can join: a channel (or "it") and a size or a verb that needs none ("pausing it")."""
    return any(t.kind == "ch" or (t.kind == "w" and t.text in _PRONOUNS) for t in part) and any(
        t.kind in ("pct", "amt") or (t.kind == "num" and t.signed) or (t.kind == "w" and t.text in SET) for t in part)


def _list_points(toks: list[Tok], points: list[int]) -> list[int]:
    """ "TV -10%, Radio -10%, Print -10%": under a comparison cue, commas between sized sides split too."""
    commas = [i for i, t in enumerate(toks) if t.kind == "punct" and t.text == ","]
    if not commas or any(toks[i].kind == "w" and (toks[i].text in _LABELS or toks[i].text in ("b", "c", "d")) for i in points):
        return points   # "Option 1: Print -20%, Social +20%. Option 2: …": the labels part the options, commas list moves
    cuts = sorted(set(points) | set(commas))
    parts = [p for p in _parts(toks, cuts) if any(t.kind == "ch" for t in p)]
    return cuts if len(parts) >= 3 and all(_whole(p) for p in parts) else points


def _pair_point(toks: list[Tok]) -> list[int]:
    """ "Contrast +20% Social with +20% Digital": the first join after a sized first side."""
    words = [t.text if t.kind == "w" else "" for t in toks]
    start = next((i for i, w in enumerate(words) if w in _PAIR_VERBS), None)
    if start is None:
        return []
    for join in ("with", "against", "versus", "and", "to"):   # "compare moving X to A with moving X to B": "with" first
        for i in range(start + 1, len(toks)):
            if words[i] == join and _whole(toks[start + 1:i]) and _whole(toks[i + 1:]):
                return [i]
    return []


def _or_points(toks: list[Tok]) -> list[int]:
    """ "cut TV by 10% or Print by 20%": an "or" between two sized changes on channels offers a choice, even
    without a "which" ("or" never means doing both)."""
    ors = [i for i, t in enumerate(toks) if t.kind == "w" and t.text == "or"]
    if len(ors) != 1:
        return []
    i = ors[0]
    if _sized(toks[:i]) and (_sized(toks[i + 1:]) or _size_only(toks[i + 1:])):
        return [i]   # "cut TV by 10% or 20%?": the same change at two sizes
    if _own_change(toks[:i]) and _own_change(toks[i + 1:]):
        return [i]   # "pausing TV for a month or pausing Radio for a quarter": two whole changes, each with its verb
    # "should we stop TV or Radio?", "cut TV or Radio by 10%": one verb, a choice of two channels right around "or"
    left, right = toks[:i], [t for t in toks[i + 1:] if not (t.kind == "w" and t.text in _LEADING)]
    # "cut TV, Radio, or Print by 10%", "pause TV, Radio or Social": a comma list of channels before the "or",
    # each one an option
    j = i - 1
    while j >= 0 and (toks[j].kind == "ch" or (toks[j].kind == "punct" and toks[j].text == ",")):
        j -= 1
    run = list(range(j + 1, i))
    commas = [k for k in run if toks[k].kind == "punct" and k > j + 1 and toks[k - 1].kind == "ch"]
    if commas and toks[i - 1].kind == "punct":
        left = toks[:i - 1]
    verb_then_channel = any(t.kind == "w" and t.text in _VERBS for t in left) and left and left[-1].kind in ("ch", "pct")
    if not (verb_then_channel and right and right[0].kind == "ch"):
        return []
    return sorted({k for k in commas if k != i - 1} | {i})


def _serial_points(toks: list[Tok]) -> list[int]:
    """ "cut Radio by 10%, pause Print, or double Social": a list ending in "or" whose items each have their own
    verb, channel and size (a set verb is a size) offers a choice of all of them."""
    ors = [i for i, t in enumerate(toks) if t.kind == "w" and t.text == "or"]
    if len(ors) != 1:
        return []
    commas = [i for i, t in enumerate(toks[:ors[0]]) if t.kind == "punct" and t.text == ","]
    if not commas:
        return []
    cuts = sorted(set(commas) | set(ors))
    parts = [p for p in _parts(toks, cuts) if any(t.kind == "ch" for t in p)]
    own_verb = all(any(t.kind == "w" and t.text in _VERBS for t in p) for p in parts)
    return cuts if len(parts) >= 3 and own_verb and all(_whole(p) for p in parts) else []


def _route_points(toks: list[Tok]) -> list[int]:
    """ "move $200k from TV to Digital, from TV to Social, or from TV to Radio": a list ending in "or" whose first item
    is a sized move and whose later items are only routes ("from … to …", "to …"); each takes the first one's verb and
    money (_borrow)."""
    ors = [i for i, t in enumerate(toks) if t.kind == "w" and t.text == "or"]
    if len(ors) != 1:
        return []
    commas = [i for i, t in enumerate(toks[:ors[0]]) if t.kind == "punct" and t.text == "," and i != ors[0] - 1]
    cuts = sorted(set(commas) | set(ors))
    parts = _parts(toks, cuts)
    first = max((k for k, p in enumerate(parts[:-1]) if any(t.kind == "w" and t.text in MOVE for t in p)), default=None)
    if first is None or not _whole(parts[first]):
        return []
    routes = parts[first + 1:]
    # (a leading "to" is already dropped by _parts: "…, to Digital, or to Radio" leaves the channel)
    if len(routes) < 2 or not all(r and (r[0].kind == "ch" or r[0].text in _ROUTE) and any(t.kind == "ch" for t in r)
                                  and not any(t.kind == "w" and t.text in _VERBS for t in r) for r in routes):
        return []
    return cuts[first:]


def _split_points(toks: list[Tok]) -> list[int]:
    points = _route_points(toks) or _cue_points(toks) or _serial_points(toks) or _or_points(toks)
    if not points:
        points = _pair_point(toks)
    if any(w.kind == "w" and w.text in _CUES for w in toks):
        points = _list_points(toks, points)
    return points


def _offers_another(after: list[Tok]) -> bool:
    """What follows an "or" up to the clause's end names another option (a channel, a size or a change verb):
    "… or Social?", "… or 20%?", "… or pause it?"; not a verdict asked on the one move ("or not", "yes or no",
    "or would that hurt?")."""
    for t in after:
        if t.kind == "punct" and t.text in (",", "?", ".", "!", ";"):
            return False
        if t.kind in ("ch", "pct", "amt") or (t.kind == "num" and t.signed) or (t.kind == "w" and t.text in _VERBS):
            return True
    return False


def _cue_points(toks: list[Tok]) -> list[int]:
    words = [t.text if t.kind == "w" else "" for t in toks]
    cue = any(w in _CUES for w in words)
    points = []
    for i, w in enumerate(words):
        if w in _SPLIT or (w in _OR and cue and _offers_another(toks[i + 1:])):
            points.append(i)
        elif w in _THAN and i + 1 < len(words) and words[i + 1] == "than":
            points.append(i)
        elif (w in ("more", "less") and i + 1 < len(words) and words[i + 1] == "than"
              and any(x in _OUTCOME_VERBS for x in words[max(0, i - 2):i])):
            points.append(i)   # "would a 20% Print cut hurt more than a 10% TV cut?"
        elif w in ("compared", "comparing") and i + 1 < len(words) and words[i + 1] in ("to", "with"):
            points.append(i)
        elif (w in ("b", "c", "d") and i + 1 < len(toks) and toks[i + 1].kind == "ch"
              and (i == 0 or toks[i - 1].kind == "punct" or (toks[i - 1].kind in ("pct", "amt") and _lettered(toks)))):
            points.append(i)   # "A: TV +10%; B: Radio +10%", "A) social +20%  B) digital +20%": lettered options
        elif (w in ("b", "c", "d") and i + 1 < len(toks) and toks[i + 1].kind in ("pct", "amt") and i > 0
              and toks[i - 1].kind == "punct" and _lettered(toks)):
            points.append(i)   # "(a) +$300k on Radio, (b) +$300k split between Print and Digital": sized first
        elif (w in ("b", "c", "d") and i > 0 and toks[i - 1].kind == "punct" and i + 2 < len(toks)
              and _VERB_FIRST.match(words[i + 1]) and _sized_or_named(toks[i + 2:]) and _lettered(toks)):
            points.append(i)   # "(a) reduce TV by 10%, (b) reduce Radio by 10%": lettered options that open on a verb
        elif w in _ORDINAL_NEXT and i + 1 < len(words) and words[i + 1] in _LABELS:
            points.append(i)   # "First option is to cut TV by $500k, second option is to cut Digital by $500k"
        elif w in _LABELS and i + 1 < len(toks) and (
                (len(toks[i + 1].text) == 1 and toks[i + 1].text in "bcd")
                or (toks[i + 1].kind == "num" and toks[i + 1].value in (2, 3, 4))):
            points.append(i)
    return points


_ORDINAL_NEXT = frozenset({"second", "2nd", "third", "3rd"})


def _lettered(toks: list[Tok]) -> bool:
    """The question opens its first option with a letter ("A) social +20% B) digital +20%"), so a later "b" before a
    channel opens the next even with no punctuation kept between them."""
    return (len(toks) > 1 and toks[0].kind == "w" and toks[0].text == "a" and toks[1].kind in ("ch", "pct", "amt")) or any(
        t.kind == "w" and t.text in _LABELS and u.kind == "w" and u.text == "a" for t, u in zip(toks, toks[1:])) or any(
        # "… counterfactuals: (a) reduce TV by 10%": "a" before a change verb and its channel (an article never is)
        t.kind == "w" and t.text == "a" and u.kind == "w" and _VERB_FIRST.match(u.text) and v.kind in ("ch", "amt", "pct")
        for t, u, v in zip(toks, toks[1:], toks[2:]))


_FILLER = frozenset({"the", "that", "same", "another", "an", "a", "also"})


def _sized_or_named(after: list[Tok]) -> bool:
    """The option's verb is followed (past "the same") by its channel or its size: "(b) reallocating the same $200k"."""
    first = next((t for t in after if not (t.kind == "w" and t.text in _FILLER)), None)
    return first is not None and first.kind in ("ch", "amt", "pct")


# the verbs an option may open on ("(b) reduce Radio by 10%")
_VERB_FIRST = re.compile(r"^(?:reduc|cut|increas|rais|boost|doubl|tripl|halv|paus|stop|drop|add|remov|trim|lower|grow|scal"
                         r"|shift|mov|put|spend|invest|slash|realloc|redirect|transfer|divert|swap)\w*$")


def _parts(toks: list[Tok], points: list[int]) -> list[list[Tok]]:
    out, start = [], 0
    for p in points:
        out.append(toks[start:p])
        start = p + 1
    out.append(toks[start:])
    return [[t for t in part if not (t.kind == "w" and t.text in ("than", "to", "with") and part and t is part[0])]
            for part in out]


def _as_pct(part: list[Tok]) -> list[Tok]:
    """ "tv -20": a signed bare number next to a channel is a percentage in a what-if."""
    if any(t.kind in ("pct", "amt") for t in part) or not any(t.kind == "ch" for t in part):
        return part
    return [Tok("pct", t.text, float(t.value), signed=True)
            if t.kind == "num" and t.signed and isinstance(t.value, (int, float)) and 0 < abs(t.value) <= 100
            else t for t in part]


def _borrow(part: list[Tok], prev: list[Tok]) -> list[Tok]:
    """Give a side without a verb the previous side's, and without a number the previous side's number.
    A side that is a bare channel takes the previous side whole, that channel in place of the last one named
    ("move 10% from TV to Radio or Print": Print in Radio's place)."""
    bare = [t for t in part if not (t.kind == "punct" or (t.kind == "w" and t.text in _LEADING | {"or", "and"}))]
    last = max((i for i, t in enumerate(prev) if t.kind == "ch"), default=None)
    if len(bare) == 1 and bare[0].kind == "ch" and last is not None:
        return [replace(t) for t in prev[:last]] + [replace(bare[0])] + [replace(t) for t in prev[last + 1:]]
    out = list(part)
    if not any(t.kind == "w" and t.text in _VERBS for t in out):
        verbs = [t for t in prev if t.kind == "w" and t.text in _VERBS]
        verb = next((t for t in verbs if t.text not in WEAK), verbs[0] if verbs else None)
        if verb is not None:
            out.insert(0, replace(verb, used=False))
    whole = any(t.kind == "w" and (t.text in ("all", "entirely", "completely", "altogether", "fully", TO_ZERO)
                                   or (t.text in SET and t in part)) for t in out)   # "or pause Radio": its own size
    if not whole and not any(t.kind in ("pct", "amt") for t in out):   # "or all of Print": no size to borrow
        num = next((t for t in prev if t.kind in ("pct", "amt")), None)
        if num is not None:
            first_ch = next((i for i, t in enumerate(out) if t.kind == "ch"), len(out))
            at = first_ch + 1 if not any(t.kind == "w" and t.text in ("from", "of") for t in out) else first_ch
            out.insert(min(at, len(out)), replace(num, used=False))
    return out


def extract_comparison(lx: Lexed, data_channels: tuple[str, ...]) -> tuple[Alternative, ...]:
    """Two or more alternatives, each with its own change or shift; () when the question compares nothing."""
    toks = [t for t in lx.toks if not t.used]
    points = _split_points(toks)
    listed = _or_amount_sides(toks)
    if listed:
        return listed
    if not points:
        return _which_of_the_pair(toks)
    if any(_outcome_only(part) for part in _parts(toks, points)[1:]):
        return ()   # "what does pausing TV save in spend, versus what it costs in sales?": one move, its two sides
    parts = _with_referents([_as_pct([replace(t) for t in _trailing_clause_dropped(part)]) for part in _parts(toks, points)])
    parts = _same_channel_sides(parts)
    periods = _side_periods(lx, toks, points)
    kept = [k for k, p in enumerate(parts) if any(t.kind == "ch" for t in p)]
    parts, periods = [parts[k] for k in kept], [periods[k] for k in kept]
    if len(parts) < 2:
        return ()
    windows: list[Window | None] = []
    after_verb: list[bool] = []   # the side's window comes after its change ("pausing Radio for a month, or …")
    for k, part in enumerate(parts):
        sub = Lexed(part)
        sub.refresh()
        # "pausing TV for a month or pausing Radio for a quarter", "cut TV in Q3 vs cut Radio in Q4"
        weeks = extract_window(sub)
        verb = next((i for i, t in enumerate(part) if t.kind == "w" and t.text in _VERBS), None)
        if weeks is not None:
            at = next(i for i, t in enumerate(sub.toks) if t.used)
            windows.append(weeks)
            after_verb.append(verb is not None and at > verb)
        else:
            period, later = periods[k]
            windows.append(Window(period=period) if period is not None else None)
            after_verb.append(later)
        parts[k] = [t for t in sub.toks if not t.used]
    later_verb = next((t for part in parts[1:] for t in part if t.kind == "w" and t.text in _VERBS and t.text not in WEAK), None)
    if later_verb is not None and not any(t.kind == "w" and t.text in _VERBS for t in parts[0]):
        # "tv vs radio: which to cut 20%?": the first side takes the change said once, after the sides
        parts[0] = [replace(later_verb, used=False)] + parts[0]
    sizes = [t for part in parts[1:] for t in part if t.kind in ("pct", "amt")]
    if sizes and not any(t.kind in ("pct", "amt") or (t.kind == "w" and (t.text in SET or t.text in _WHOLE)) for t in parts[0]):
        # "cut TV or Radio by 10%": the first side takes the size stated once at the end
        at = next((i for i, t in enumerate(parts[0]) if t.kind == "ch"), len(parts[0]))
        parts[0] = parts[0][:at + 1] + [replace(sizes[0], used=False)] + parts[0][at + 1:]
    alts: list[Alternative] = []
    moves: list[bool] = []    # a side that moves money but names no destination
    prev: list[Tok] = []
    for part in parts:
        full = _borrow(part, prev) if prev else part
        sub = Lexed(full)
        sub.refresh()
        level = level_stated(sub.surface)   # "TV at $1M": read before the changes mark their words
        ch = extract_changes(sub, data_channels)
        last = alts[-1].shift if alts else None
        dst = _destination(full)
        if ch.shift is None and last is not None and dst is not None and dst != last.from_channel and any(
                t.kind == "w" and t.text in MOVE for t in full):
            # "moving $50k from Print to Radio beat moving it to Social": the same money from the same place
            ch.shift, ch.changes, ch.amount = Shift(last.from_channel, dst, last.percentage, last.amount), [], None
        before = alts[-1].changes if alts and alts[-1].shift is None and not alts[-1].amounts else ()
        if (ch.shift is None and dst is not None and len(before) == 1 and before[0][1] < 0 and before[0][0] != dst
                and any(t.kind == "w" and t.text in MOVE for t in full)
                and not any(t.kind == "ch" and t.name != dst for t in part)):
            # "cut TV 15% or move that 15% to Digital": the other side moves the first side's cut
            said = next((abs(v) for c, v in ch.changes if c == dst), None)
            size = said if said is not None and 0 < said <= 100 else abs(before[0][1])
            ch.shift, ch.changes, ch.amount = Shift(before[0][0], dst, size), [(before[0][0], -size)], None
        amounts = _side_amount(ch, full)
        if (ch.shift is None and not ch.changes and not amounts and ch.verb_on_channel and ch.polarity
                and not any(t.kind in ("pct", "amt") for p in parts for t in p)):
            # "cut TV in Q3 vs Radio in Q4": no side is sized, so each is at the size a size-less change is answered at
            size = UNSIZED_CHANGE["cut" if ch.polarity < 0 else "raise"]
            ch.changes = [(c, size) for c in dict.fromkeys(t.name for t in full if t.kind == "ch")]
        if ch.shift is None and not ch.changes and not amounts:
            return ()
        if level:
            amounts = tuple((c, abs(v)) for c, v in amounts)
        alts.append(alternative(tuple(dict(ch.changes).items()), ch.shift, amounts=amounts, level=level))
        moves.append(ch.shift is None and any(t.kind == "w" and t.text in MOVE for t in full))
        prev = full
    alts = _to_the_later_destination(alts, moves)
    stated = set(w for w in windows if w is not None)
    own = [k for k, w in enumerate(windows) if w is not None]
    if len(own) == 1 and own[0] < len(windows) - 1 and after_verb[own[0]]:
        # "pausing Radio for a month or cutting Social by 10%": the window belongs to the side that says it
        return tuple(alternative(a.changes, a.shift, w, with_window=w is not None, amounts=a.amounts, level=a.level)
                     for a, w in zip(alts, windows))
    if len(stated) == 1:    # "pause Print or Social for 4 weeks": one window said once serves every side
        alts = [alternative(a.changes, a.shift, next(iter(stated)), amounts=a.amounts, level=a.level) for a in alts]
    elif stated:            # "pausing TV for a month or Radio for a quarter": each side its own, named in its label
        alts = [alternative(a.changes, a.shift, w, with_window=True, amounts=a.amounts, level=a.level)
                for a, w in zip(alts, windows)]
    return tuple(alts)


_MORE_MONEY = frozenset({"extra", "more", "additional", "next", "put", "putting", "spend", "spending", "invest", "investing", "add",
                         "adding", "another", "incremental"})


_LIST_JOINS = frozenset({",", "or", "to", "into", "on", "in", "onto", "the", "our"})


def _or_amount_sides(toks: list[Tok]) -> tuple[Alternative, ...]:
    """ "TV or Radio - where to put an extra 200k?", "the next $1M: to Digital, to Social or to TV?": one amount offered
    to either of a few channels listed with "or", each a side."""
    chans = [t for t in toks if t.kind == "ch"]
    amts = [t for t in toks if t.kind == "amt"]
    ors = [i for i, t in enumerate(toks) if t.kind == "w" and t.text == "or"]
    if (not 2 <= len(chans) <= 4 or len(amts) != 1 or len(ors) != 1 or len({c.name for c in chans}) != len(chans)
            or any(t.kind in ("pct", "xch") for t in toks) or not any(t.kind == "w" and t.text in _MORE_MONEY for t in toks)
            or any(t.kind == "w" and (t.text in (NEG | set(SET)) or t.text in ("from", "out")) for t in toks)):
        return ()
    # the channels said as one list: "TV or Radio", "into TV or into Social", "to Digital, to Social or to TV"
    at = [toks.index(c) for c in chans]
    gaps = [toks[a + 1:b] for a, b in zip(at, at[1:])]
    if not (all(all(t.text in _LIST_JOINS for t in gap) for gap in gaps) and any(t.text == "or" for t in gaps[-1])):
        return ()
    value = abs(float(amts[0].num))
    return tuple(alternative((), None, amounts=((c.name, value),)) for c in chans)


def _which_of_the_pair(toks: list[Tok]) -> tuple[Alternative, ...]:
    """ "Radio and Print, which one should we stop?", "TV or Radio — which to cut 20%?": the one change asked of
    each of two channels named before it, a side each."""
    chans = [t for t in toks if t.kind == "ch"]
    words = [t.text for t in toks if t.kind == "w"]
    if len(chans) != 2 or chans[0].name == chans[1].name or "which" not in words:
        return ()
    first, second = toks.index(chans[0]), toks.index(chans[1])
    between = [t for t in toks[first + 1:second] if t.kind != "punct"]
    which = next(i for i, t in enumerate(toks) if t.kind == "w" and t.text == "which")
    if not (len(between) == 1 and between[0].text in ("and", "or") and which > second):
        return ()
    verb = next((t for t in toks[which:] if t.kind == "w" and t.text in _VERBS), None)
    size = next((t for t in toks[which:] if t.kind == "pct"), None)
    if verb is None:
        return ()
    if verb.text in SET and verb.text not in ("drop", "remove", "pull") and size is None:
        value = float(SET[verb.text])
    elif size is not None and verb.text in NEG | POS:
        value = -abs(float(size.num)) if verb.text in NEG else abs(float(size.num))
    else:
        return ()
    return tuple(alternative(((c.name, value),), None) for c in chans)


def _to_the_later_destination(alts: list[Alternative], moves: list[bool]) -> list[Alternative]:
    """ "move 10% from TV or Radio to Digital": a side that moves money from a channel without saying where takes
    the destination (and size) a later side names."""
    out = list(alts)
    for k, a in enumerate(alts):
        later = next((b.shift for b in alts[k + 1:] if b.shift is not None), None)
        source = (a.changes or a.amounts or ((None, 0.0),))[0][0]
        if moves[k] and later is not None and source is not None and len(a.changes or a.amounts) == 1 \
                and source != later.to_channel:
            out[k] = alternative((), Shift(source, later.to_channel, later.percentage, later.amount), level=False)
    return out


def _side_periods(lx: Lexed, toks: list[Tok], points: list[int]) -> list[tuple[Period | None, bool]]:
    """The calendar period each side names, and whether it comes after the side's change verb (the period reader
    has already taken those words from `toks`, so each side's stretch of the whole question is read again):
    "cut TV in Q3 vs cut Radio in Q4" -> [(Q3, True), (Q4, True)]; "In Q4, is cutting TV …" -> [(Q4, False), …]."""
    where = {id(t): i for i, t in enumerate(lx.toks)}
    cuts = [where[id(toks[p])] for p in points]
    bounds = list(zip([0] + [c + 1 for c in cuts], cuts + [len(lx.toks)]))
    out: list[tuple[Period | None, bool]] = []
    for lo, hi in bounds:
        sub = Lexed([Tok(t.kind, t.text, t.value, t.signed, t.frac) for t in lx.toks[lo:hi]])
        sub.refresh()
        past = [p for p in extract_periods(sub) if p.relative != "next"]
        at = next((i for i, t in enumerate(sub.toks) if t.used), None)
        verb = next((i for i, t in enumerate(sub.toks) if t.kind == "w" and t.text in _VERBS), None)
        out.append((past[0] if past else None, at is not None and verb is not None and at > verb))
    return out


def _destination(side: list[Tok]) -> str | None:
    """The channel after "to"/"into" on a side with no "from": where that side moves money."""
    if any(t.kind == "w" and t.text in ("from", "out") for t in side):
        return None
    for i, t in enumerate(side[:-1]):
        if t.kind == "w" and t.text in ("to", "into", "towards", "onto") and side[i + 1].kind == "ch":
            return side[i + 1].name
    return None


_EVENLY = frozenset({"split", "splitting", "divided", "divide", "dividing", "spread", "spreading", "shared", "equally",
                     "evenly", "half", "halves"})


def _split_evenly(side: list[Tok]) -> bool:
    """One amount shared out over the side's channels ("split evenly between", "half from each", "50/50")."""
    words = [t.text for t in side if t.kind == "w"]
    return bool(_EVENLY.intersection(words)) or any(t.kind == "num" and t.text == "50" for t in side)


def _side_amount(ch: Changes, side: list[Tok]) -> tuple[tuple[str, float], ...]:
    """ "$500k more on TV or on Digital", "$200k into TV or into Social": a side that is an amount on one channel."""
    if ch.shift is not None or ch.changes or ch.amount is None:
        return ()
    chans = ch.extra_channels or [t.name for t in side if t.kind == "ch"]
    if len(chans) > 1 and any(t.kind == "w" and t.text in ("each", "apiece") for t in side) and not _split_evenly(side):
        return tuple((c, float(ch.amount)) for c in dict.fromkeys(chans))   # "trim Radio and Print by $200k each"
    if len(chans) > 1 and _split_evenly(side):
        # "+$500k split evenly between Social and Radio", "take the $600k out of Radio and TV, half from each"
        names = tuple(dict.fromkeys(chans))
        return tuple((c, round(float(ch.amount) / len(names), 6)) for c in names)
    return ((chans[0], float(ch.amount)),) if len(chans) == 1 else ()


def _size_only(part: list[Tok]) -> bool:
    """A side that is only a size: "… or 20%?", "… or by $200k", "… or 20 percent instead"."""
    end = next((i for i, t in enumerate(part) if t.kind == "punct" and i > 0), len(part))   # ", which hurts less?"
    head = part[:end]
    sizes = [t for t in head if t.kind in ("pct", "amt")]
    return len(sizes) == 1 and not any(t.kind in ("ch", "xch") or (t.kind == "w" and t.text in _VERBS) for t in head)


def _same_channel_sides(parts: list[list[Tok]]) -> list[list[Tok]]:
    """ "Is it better to cut TV 10% or 20%?": a side that is only a size is the side before at that size
    (the same verb on the same channel), so each size is its own scenario."""
    out: list[list[Tok]] = []
    for part in parts:
        before = out[-1] if out else None
        if before is not None and _size_only(part) and any(t.kind == "ch" for t in before):
            size = next(t for t in part if t.kind in ("pct", "amt"))   # the first: _size_only found it before any clause
            old = next((i for i, t in enumerate(before) if t.kind == size.kind), None)
            if old is not None:
                part = [replace(t) for t in before[:old]] + [replace(size, used=False)] + [replace(t) for t in before[old + 1:]]
        out.append(part)
    return out


def _outcome_only(part: list[Tok]) -> bool:
    """A "side" that only points back at the change ("what it costs us in sales"): no channel, size or change verb."""
    return (any(t.kind == "w" and t.text in _PRONOUNS for t in part)
            and not any(t.kind in ("ch", "xch", "pct", "amt") or (t.kind == "num" and t.signed)
                        or (t.kind == "w" and t.text in _VERBS) for t in part))


def _with_referents(parts: list[list[Tok]]) -> list[list[Tok]]:
    """ "pausing TV for 2 weeks with pausing it for 4 weeks": "it" on a later side is the side before's channel."""
    out: list[list[Tok]] = []
    for part in parts:
        before = next((t for p in reversed(out) for t in p if t.kind == "ch"), None)
        if before is not None and not any(t.kind == "ch" for t in part):
            part = [replace(before) if t.kind == "w" and t.text in _PRONOUNS else t for t in part]
        out.append(part)
    return out


def alternative(changes: tuple[tuple[str, float], ...], shift: Shift | None,
                window: Window | None = None, with_window: bool = False,
                amounts: tuple[tuple[str, float], ...] = (), level: bool = False) -> Alternative:
    """One side, labelled as the answer shows it: "TV −20%", "move 20% of TV to Digital" or "TV +$500,000"
    (plus "over 2 weeks" when sides differ only by their windows)."""
    if shift is not None:
        label = _shift_label(shift)
    elif changes:
        label = ", ".join(f"{c} {_pct(v)}" for c, v in changes)
    elif level:
        label = ", ".join(f"{c} at ${abs(v):,.0f}" for c, v in amounts)
    else:
        label = ", ".join(f"{c} {'+' if v >= 0 else '−'}${abs(v):,.0f}" for c, v in amounts)
    if with_window and window is not None:
        label += f" over {window.label}"
    return Alternative(label, changes=() if shift is not None else changes, shift=shift, window=window,
                       amounts=() if shift is not None or changes else amounts,
                       level=level and not (shift is not None or changes) and bool(amounts))


def _pct(v: float) -> str:
    return f"{'+' if v > 0 else '−' if v < 0 else '±'}{abs(v):g}%"


def _shift_label(s: Shift) -> str:
    how = f"{s.percentage:g}% of" if s.percentage is not None else (
        f"${s.amount:,.0f} from" if s.amount is not None else "money from")
    return f"move {how} {s.from_channel} to {s.to_channel}"
