"""Read calendar references ("Q4", "H1 2023", "December", "last quarter") into Periods."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from router.goals import COUNT_OUTCOMES, MONEY_OUTCOMES
from router.lexer import Lexed
from router.types import Granularity, Period, Relative

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12, "christmas": 12, "xmas": 12,
}
# "may" and "march" are verbs too: read them as months only next to a calendar cue.
_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan"}
_MONTH_CUES = {"in", "during", "of", "since", "from", "until", "through", "for", "last", "this", "to", "and", "vs", "versus",
               "between", "across", "over", "before", "after", "till", "thru", "around"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4, "former": 1, "latter": 2}
_RELATIVE: dict[str, Relative] = {"last": "last", "past": "last", "trailing": "last", "previous": "previous", "prior": "previous",
             "this": "this", "current": "this", "next": "next", "coming": "next"}
_UNITS: dict[str, Granularity] = {"year": "year", "years": "year", "quarter": "quarter", "quarters": "quarter",
          "half": "half", "month": "month", "months": "month", "week": "week", "weeks": "week"}
_SEASON = {"winter": 1, "spring": 2, "summer": 3, "autumn": 4, "fall": 4, "summertime": 3, "wintertime": 1}
# "fall" is a verb too ("if sales fall"): a season only after a calendar cue or before a year
_SEASON_CUES = {"in", "during", "over", "the", "this", "last", "past", "for", "through", "of", "and", "vs", "versus"}
_HOLIDAY = {"holiday", "festive", "christmas", "xmas"}
_TIME_PREPS = {"during", "over", "in", "through", "throughout", "around", "across", "for", "before", "after", "until"}
_Q = re.compile(r"^q([1-4])$")
_H = re.compile(r"^h([12])$")
_FY = re.compile(r"^fy(\d{2}|\d{4})$")


# "2000 more orders", "get 2024 conversions": a number of things, not a year
_COUNTED = frozenset({"more", "extra", "additional", "incremental", "new", *COUNT_OUTCOMES})
_PHRASE_END = frozenset({"vs", "versus", "against", "compared", "than", "?", ".", "!"})


def extract_periods(lx: Lexed) -> list[Period]:
    """Every period in order of mention; their tokens are marked used."""
    _year_ago_as_yoy(lx)
    toks = lx.toks
    out: list[Period] = []
    i, n = 0, len(toks)

    def word(k: int) -> str:
        return toks[k].text if 0 <= k < n and toks[k].kind == "w" and not toks[k].used else ""

    def year_at(k: int) -> int | None:
        if 0 <= k < n and toks[k].kind == "num" and not toks[k].used and not toks[k].signed:
            v = toks[k].num
            counted = word(k + 1) in _COUNTED or (word(k + 1) in MONEY_OUTCOMES and word(k + 2) in _COUNTED)
            if float(v).is_integer() and 1990 <= v <= 2099 and not counted:   # "2000 sales more": a count too
                return int(v)
        m = _FY.match(word(k))
        if m:
            y = int(m.group(1))
            return y + 2000 if y < 100 else y
        if word(k) == "fy" and year_at(k + 1):
            return year_at(k + 1)
        return None

    # "between march 20 and march 27": a month with a number inside a phrase is a day, so are the others
    days_said = any(toks[j].kind == "w" and toks[j].text in MONTHS and toks[j + 1].kind == "num"
                    and j + 2 < n and toks[j + 2].kind == "w" and toks[j + 2].text not in _PHRASE_END
                    for j in range(n - 1))

    def short_year(k: int) -> int | None:
        """ "dec 22", "Q4 23": a two-digit year right after a month or quarter, at the end of a phrase
        (a day of the month is read only with a year or a cue: "March 20, 2023")."""
        if not (0 <= k < n and toks[k].kind == "num" and not toks[k].used and not toks[k].signed):
            return None
        v = toks[k].num
        after = toks[k + 1] if k + 1 < n else None
        ends = after is None or after.kind == "punct" or (after.kind == "w" and after.text in _PHRASE_END)
        return (2000 + int(v) if float(v).is_integer() and 10 <= v <= 39 and toks[k].text.isdigit() and ends
                and not days_said else None)

    def _after_cue(k: int) -> bool:
        """A time preposition just before ("during the 2023 holiday season"), not "picking up the holiday season"."""
        before = [toks[j].text for j in range(max(0, k - 3), k) if toks[j].kind in ("w", "num")]
        return any(b in _TIME_PREPS for b in before)

    def take(lo: int, hi: int) -> None:
        for k in range(lo, hi):
            toks[k].used = True

    def with_year(p: Period, k: int) -> tuple[Period, int]:
        """Attach a year that follows ("Q2 2023", "Q2 of 2023", "H1 FY24")."""
        for skip in (0, 1):
            if skip and word(k) not in ("of", "in", ","):
                break
            y = year_at(k + skip) or (short_year(k) if not skip and p.granularity in ("month", "quarter") else None)
            if y:
                end = k + skip + (2 if word(k + skip) == "fy" else 1)
                return Period(p.granularity, p.index, y, p.relative, p.count), end
        return p, k

    spans: list[tuple[int, int]] = []
    while i < n:
        w = word(i)
        p: Period | None = None
        end = i + 1
        if qm := _Q.match(w):
            p = Period("quarter", int(qm.group(1)))
        elif hm := _H.match(w):
            p = Period("half", int(hm.group(1)))
        elif w in ("back", "front") and word(i + 1) == "half" and word(i + 2) == "of":
            p, end = Period("half", 2 if w == "back" else 1), i + 2   # "the back half of the year": H2
        elif w in _ORDINALS and word(i + 1) in ("quarter", "half"):
            gran: Granularity = "quarter" if word(i + 1) == "quarter" else "half"
            idx = _ORDINALS[w]
            if gran == "quarter" or idx <= 2:
                p, end = Period(gran, idx), i + 2
        elif w in ("quarter", "half") and i + 1 < n and toks[i + 1].kind == "num" and toks[i + 1].value in (1, 2, 3, 4):
            idx = int(toks[i + 1].num)
            if w == "quarter" or idx <= 2:
                p, end = Period("quarter" if w == "quarter" else "half", idx), i + 2
        elif w == "week" and i + 1 < n and toks[i + 1].kind == "num" and 1 <= toks[i + 1].num <= 53:
            p, end = Period("week", int(toks[i + 1].num)), i + 2
        elif w in ("ytd",) or (w == "year" and word(i + 1) == "to" and word(i + 2) == "date"):
            p, end = Period("year", relative="to_date"), i + (1 if w == "ytd" else 3)
        elif w in _RELATIVE:
            k = i + 1
            count = None
            if k < n and toks[k].kind == "num" and 1 <= toks[k].num <= 60 and not toks[k].signed:
                count = int(toks[k].num)
                k += 1
            if word(k) in _UNITS and not (w == "this" and word(k) == "half" and word(k + 1) == "of"):
                unit = _UNITS[word(k)]
                p, end = Period(unit, None, None, _RELATIVE[w], count if count and count > 1 else None), k + 1
                if _RELATIVE[w] == "next" and count is None and (word(i - 1) in _STARTING or word(i - 2) in _STARTING
                                                                  and word(i - 1) == "from"):
                    # "from next month onwards", "starting next quarter": where the change starts, not how long it lasts
                    tail = next((t for t in _ONWARDS if all(word(end + j) == x for j, x in enumerate(t))), ())
                    p, end = replace(p, onwards=True), end + len(tail)
        elif w == "quarter" and word(i + 1) in ("before", "leading", "running") and word(i + 2) in _HOLIDAY | {"up", "into"} and (
                word(i + 2) in _HOLIDAY or word(i + 3) in _HOLIDAY or word(i + 4) in _HOLIDAY):
            # "the quarter before Christmas", "the quarter leading up to Christmas": Q4
            end = next(k for k in range(i + 2, i + 5) if word(k) in _HOLIDAY) + 1
            p = Period("quarter", 4)
        elif w in _HOLIDAY and word(i + 1) == "quarter":
            p, end = Period("quarter", 4), i + 2   # "the holiday quarter", "the Christmas quarter": Q4
        elif w in _HOLIDAY and word(i + 1) in ("season", "period", "holidays", "weeks") and _after_cue(i):
            # "during the 2023 holiday season", "over the festive period": December (of that year, if named)
            y = year_at(i - 1)
            if y is None and out and out[-1].granularity == "year" and out[-1].year and i > 0 and toks[i - 1].used:
                y = out.pop().year   # "the 2023 holiday season": the year was read just before
            p, end = Period("month", 12, y), i + 2
            if y:
                take(i - 1, i)
        elif w == "black" and word(i + 1) == "friday" and _after_cue(i):
            p, end = Period("month", 11, year_at(i - 1)), i + 2   # "around Black Friday": November
        elif w in _SEASON and (w != "fall" or word(i - 1) in _SEASON_CUES or year_at(i + 1)):
            # "over the summer", "last winter", "summer 2023": the most recent complete one unless a year is named
            p = Period("season", _SEASON[w])
            if word(i - 1) in ("last", "this", "past") and i > 0:
                said = word(i - 1)
                take(i - 1, i)
                if said == "this":
                    # "why were sales flat this spring?": this year's spring (a decision's window drops the "this":
                    # `router.core._as_decided`); "last spring" stays the most recent complete one
                    p = Period("season", _SEASON[w], relative="this")
        elif w in MONTHS:
            prev, nxt_year = word(i - 1), year_at(i + 1)
            # "jan, feb and mar", "march through may": a month listed with another is a month
            k = i + 1
            while word(k) in (",", "and", "&", "to", "through", "thru", "-", "until"):
                k += 1
            listed = word(k) in MONTHS and word(k) not in _AMBIGUOUS_MONTHS   # "jan-feb" reads "jan feb"
            if w not in _AMBIGUOUS_MONTHS or prev in _MONTH_CUES or nxt_year or listed:
                p = Period("month", MONTHS[w])
        elif year_at(i):
            y = year_at(i)
            p, end = Period("year", None, y), i + (2 if w == "fy" else 1)
            q = _Q.match(word(end)) or _H.match(word(end))   # "2023 Q4": the year first
            if q:
                gran = "quarter" if word(end).startswith("q") else "half"
                p, end = Period(gran, int(q.group(1)), y), end + 1
            else:
                p, end = _onwards(p, i, end, word, year_at)
        if p is None:
            i += 1
            continue
        if p.year is None and p.relative is None:
            p, end = with_year(p, end)
        if p.granularity in _PARTS and p.index is not None and p.relative is None:
            p, end = _part_onwards(p, i, end, word)   # "since March", "from Q2 onwards", "starting in the autumn"
        if (p.year is None and p.relative is None and p.index is not None and p.granularity in ("half", "quarter", "month", "season")
                and word(end) == "of" and word(end + 1) in _RELATIVE and word(end + 2) == "year"
                and _RELATIVE[word(end + 1)] in ("last", "this", "previous")):
            # "the second half of last year", "Q3 of this year": that part of the year named
            p, end = Period(p.granularity, p.index, None, _RELATIVE[word(end + 1)]), end + 3
        elif (p.year is None and p.relative is None and p.index is not None and p.granularity in ("half", "quarter", "month", "season")
              and word(end) in ("last", "this", "previous") and word(end + 1) == "year"):
            p, end = Period(p.granularity, p.index, None, _RELATIVE[word(end)]), end + 2   # "Q3 last year"
        take(i, end)
        out.append(p)
        spans.append((i, end))
        i = end
    if out:
        lx.refresh()
    lx.periods_joined = len(spans) > 1 and all(
        all(toks[k].text in _JOINERS for k in range(a_end, b_start)) for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    return out


# "since 2016", "from 2016 onwards", "starting 2022", "every year after 2021": that year (or the next) and every later one
_SINCE = frozenset({"since", "from", "starting", "beginning", "after"})
_STARTING = frozenset({"from", "starting", "beginning", "effective", "commencing"})
_ONWARDS = (("onwards",), ("onward",), ("on",), ("forward",), ("forwards",), ("until", "now"), ("till", "now"),
            ("to", "now"), ("to", "date"), ("up", "to", "now"), ("to", "today"), ("until", "today"), ("till", "date"))
_RANGE_END = frozenset({"to", "through", "thru", "until", "till", "til", "-", "–", "and", "&", "vs", "versus"})


def _onwards(p: Period, i: int, end: int, word: Callable[[int], str],
             year_at: Callable[[int], int | None]) -> tuple[Period, int]:
    """A year said from its start on ("since 2016", "from 2022 onwards", "starting from 2023 until now"): that year
    `onwards`, the tail words taken; "from 2021 to 2023" is two years, left as they are."""
    start = i - 1
    if word(start) == "from" and word(start - 1) in ("starting", "beginning"):
        start -= 1
    if word(start) not in _SINCE or p.year is None:
        return p, end
    tail = next((t for t in _ONWARDS if all(word(end + k) == w for k, w in enumerate(t))), ())
    if not tail and (word(end) in _RANGE_END and (year_at(end + 1) or word(end + 1) in ("q1", "q2", "q3", "q4"))):
        return p, end   # "from 2021 to 2023", "since 2021 and 2022"
    if word(start) == "from" and not tail and word(start - 1) not in ("starting", "beginning"):
        return p, end   # "sales from 2022 with 2023", "how did sales from 2022 compare": the year, not its sequel
    if word(start) == "after" and not tail and word(start - 1) not in ("year", "years"):
        return p, end   # "sales after 2021" without "every year": left as the year named
    year = p.year + 1 if word(start) == "after" else p.year
    return Period("year", None, year, onwards=True), end + len(tail)


def _part_onwards(p: Period, i: int, end: int, word: Callable[[int], str]) -> tuple[Period, int]:
    """A month, quarter, season or week said from its start on ("since March", "from Q2 onwards", "starting in the
    autumn", "beginning week 30"): it and every week after it in the data (the latest such one when no year is
    named); "from March to May" is two months. "from March" alone is `from_said`: a decision's start ("cut TV from
    July"), the month alone elsewhere ("sales from March")."""
    start = i - 1
    while word(start) in ("in", "of", "the", "at", "with", "next", "this", "coming") and start > i - 4:
        # ("from next July", "starting this autumn": the word before the period says which one, not whether it starts)
        start -= 1
    if word(start) in ("start", "beginning") and word(start - 1) in ("the", "from", "since"):
        # "from the start of Q4", "since the beginning of March": from that period's start on
        start -= 1 + (word(start - 1) == "the")
    tail = next((t for t in _ONWARDS if all(word(end + k) == w for k, w in enumerate(t))), ())
    said = word(start)
    if said == "since" or (said in ("starting", "beginning") and (tail or word(end) not in _RANGE_END)) or (
            said == "from" and (tail or word(start - 1) in ("starting", "beginning"))):
        return replace(p, onwards=True), end + len(tail)
    if said == "from" and word(end) not in _RANGE_END:
        return replace(p, from_said=True), end
    return p, end


_PARTS = frozenset({"month", "quarter", "season", "week"})


# "the same quarter a year ago", "the same month last year": the period named beside it, a year earlier (the trend
# answer's year-on-year comparison), not a second period of its own ("last year")
YEAR_AGO = re.compile(r"\b(?:the )?same (?:quarter|month|week|half|season|period|time|stretch|weeks|months) (?:of |in )?"
                       r"(?:(?:a|one|the) year (?:ago|before|earlier|prior)|(?:the |a )?(?:last|previous|prior) year"
                       r"|the year before)\b")


def _year_ago_as_yoy(lx: Lexed) -> None:
    """Read "the same quarter a year ago" as the one word "yoy" (the rest of the phrase marked used)."""
    m = YEAR_AGO.search(lx.surface)
    if m is None:
        return
    span = lx.span(m.start(), m.end())
    lx.toks[span[0]].text = "yoy"
    for i in span[1:]:
        lx.toks[i].used = True
    lx.refresh()


_JOINERS = frozenset({"and", "&", ",", "to", "through", "thru", "until", "till", "til", "-", "–", "plus", "then", "the", "of"})

