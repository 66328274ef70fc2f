"""Cues in the wording that change how an answer is framed, not what is computed: the direction of a
change given without a size, a request for option presets, a trend question about seasonality and an
overspend question. Read here so that no code outside router/ reads question text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from router.lexer import PARTICLE_VERBS, particle_direction
from router.periods import YEAR_AGO
from router.text import MAX_CHARS
from router.types import AnswerFocus, Direction, FileFormat, Intent, RoutedQuery, TrendFocus

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STOP = re.compile(r"\b(?:without|stop\w*|kill\w*|drop(?:ped|ping)?|eliminat\w*|no more|get rid|turn\w* off|"
                   r"pull\w* (?:out|the plug))\b")


def _phrasal(particles: tuple[str, ...]) -> str:
    """ "dial Radio back", "crank TV up": the change reader's own phrasal verbs (lexer.PARTICLE_VERBS) with the
    particles that give them this direction, up to two words apart (each verb by its shortest form and an ending,
    which keeps the pattern short: it is searched in every question)."""
    def heads(p: str) -> str:
        verbs = {v for v in PARTICLE_VERBS if particle_direction(v, p)}
        return "|".join(sorted(v for v in verbs if not any(u != v and v.startswith(u) for u in verbs)))
    return "|".join(f"(?:{heads(p)})(?:s|es|d|ed|ing|led|ling|ped|ping)? (?:\\w+ ){{0,2}}?{p}" for p in particles)


_CUT = re.compile(r"\b(?:cut\w*|reduc\w*|less|lower\w*|trim\w*|slash\w*|decreas\w*|" + _phrasal(("down", "back")) + r")\b")
_RAISE = re.compile(r"\b(?:increas\w*|more|rais\w*|boost\w*|add\w*|invest\w*|grow\w*|doubl\w*|push\w* (?:\w+ )?(?:harder|further)|"
                    + _phrasal(("up",)) + r")\b")
_SEASON = re.compile(r"season|peak|busiest|quietest|cycle|(?:time|times|period|periods|part|parts|point) of (?:the )?year")
PRESET_WORDS = ("conservative", "aggressive", "options", "presets", "scenarios", "cautious", "bold")
OVERSPEND_WORDS = ("overspend", "over-spend", "over spend", "too much")
# "which channel is burning money?", "our worst performer": the answer leads with the lowest return, not the highest
WORST_FIRST = re.compile(r"\b(?:burn\w* (?:money|cash|budget)|wast\w*|worst|weakest|least (?:efficient|effective|profitable)"
                         r"|under-?perform\w*|losing (?:us )?money|lowest (?:roi|roas|return)|poorest|money pit)\b")

# "what's our overall ROI?", "total media ROI", "blended ROAS": the answer leads with all media together, not a ranking
OVERALL = re.compile(r"\b(?:overall|blended|total (?:media |marketing )?(?:roi|roas|return)|all (?:our )?(?:media|marketing)"
                     r"|(?:media|marketing) as a whole|combined (?:roi|roas|return))\b")


# "how long does a Radio ad keep working?", "what's TV's carry-over / half-life?", "how fast does the effect wear off?"
CARRYOVER = re.compile(r"\bhow (?:long|many weeks|quickly|fast|soon) (?:does|do|will|would|did|is|are|until|before) (?:\S+ ){0,6}?"
                       r"(?:keep (?:working|going|paying|selling|driving|helping)|last|lasts|linger\w*|persist\w*|stick\w* around"
                       r"|carr(?:y|ies) (?:on|over)|stay\w*|work|wear\w* off|fade\w*|decay\w*|die\w* (?:off|down|out)"
                       r"|hang\w* around)\b"
                       r"|\bcarry[- ]?overs?\b|\bhalf[- ]?li(?:fe|ves)\b|\badstock\w*|\bdecay rates?\b|\blag(?:ged)? effects?\b"
                       r"|\b(?:effect|impact)s? (?:\w+ ){0,3}(?:wear\w* off|fade\w*|linger\w*|decay\w*)\b")
# "sum it up in one sentence", "the one-liner", "tl;dr": the headline alone
ONE_LINE = re.compile(r"\b(?:one|a single|1|single)[- ](?:sentence|line)\b|\bone[- ]?liner\b|\btl ?;? ?dr\b|\bin (?:a few|three|3|five|5) words\b")
# "ROI trend over time", "how has TV's ROI changed?", "ROAS by year": the return followed over time
_RETURN = r"(?:roi|rois|roas|return on (?:investment|ad spend)|returns?|efficien\w*|payback|cost per \w+)"
# several years, one figure each: "over the last four years", "in each of the past 3 years", "every yr", "across the years"
_YEARS = (r"(?:over|in|for|across|during) the (?:last|past|previous|recent) (?:\w+ )?(?:years|yrs)|across (?:the )?(?:years|yrs)"
          r"|(?:each|every|per|by)(?: of the (?:last|past|previous) (?:\w+ )?(?:years|yrs)| (?:year|yr)\b)"
          r"|year[- ](?:after|to|on|over)[- ]year|(?:year|yr) by (?:year|yr)|years? separately")
ROI_OVER_TIME = re.compile(r"\b" + _RETURN + r"\b(?:\W+\w+){0,4}?\W+(?:trend\w*|over time|over the (?:years?|quarters?|months?)"
                           r"|" + _YEARS +
                           r"|by (?:year|quarter|month|half)|(?:year|quarter) by (?:year|quarter)|each (?:year|quarter)|per (?:year|quarter)"
                           r"|changed|changing|evolv\w*|getting (?:better|worse)|improv\w*|declin\w*|history)\b"
                           r"|\b(?:trend|history|evolution) (?:of|in) (?:our |the )?(?:\w+ ){0,2}?" + _RETURN + r"\b"
                           r"|\b(?:become|became|becoming|got|gotten|getting|grew|grown) (?:more (?:or less )?|less (?:or more )?)efficient\b")
_FORMATS: tuple[tuple[re.Pattern[str], FileFormat], ...] = (
    (re.compile(r"\bpdfs?\b"), "pdf"), (re.compile(r"\b(?:pptx?|powerpoint|slides?|slide deck|keynote)\b"), "slides"),
    (re.compile(r"\b(?:docx?|word document|word file|ms word)\b"), "word"),
    (re.compile(r"\b(?:xlsx?|excel|spreadsheets?|workbook)\b"), "excel"), (re.compile(r"\bhtml\b|\bweb ?page\b"), "html"),
    (re.compile(r"\b(?:markdown|\.md)\b"), "markdown"))


_FOCUSES: tuple[tuple[re.Pattern[str], AnswerFocus], ...] = (
    (CARRYOVER, "carryover"), (ROI_OVER_TIME, "roi_over_time"), (ONE_LINE, "one_line"))


# "the highest ROAS once you account for adstock", "ROI net of carry-over": the carry-over qualifies another figure
_ACCOUNTED = re.compile(r"\b(?:account\w* for|accounted for|factor\w* in|after|net of|including|includ\w*|adjusted for|with)"
                        r" (?:the |its |their )?(?:adstock\w*|carry[- ]?overs?|decay|lag(?:ged)? effects?)(?: (?:adstock\w*|carry[- ]?overs?|effects?|decay))*\b")


def answer_focus(low: str) -> AnswerFocus | None:
    """The kind of answer the wording asks of its intent (read for every question; each answer reads its own)."""
    return next((f for pat, f in _FOCUSES if pat.search(low) and not (f == "carryover" and _ACCOUNTED.search(low)
                                                                       and not CARRYOVER.search(_ACCOUNTED.sub(" ", low)))),
                None)


def file_format(low: str) -> FileFormat | None:
    return next((f for pat, f in _FORMATS if pat.search(low)), None)


def clean_question(text: str) -> str:
    """Drop control and format characters and collapse whitespace; keep every printable character."""
    text = "".join(ch for ch in str(text) if unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\t\n")
    return " ".join(_CONTROL.sub(" ", text).split())


def direction(text: str) -> Direction | None:
    """Which way a size-less change points: "without TV" stops it, "cut print" cuts, "boost social" raises."""
    low = text.lower()
    if _STOP.search(low):
        return "stop"
    if _CUT.search(low):
        return "cut"
    if _RAISE.search(low):
        return "raise"
    return None


# "Q3 against the same quarter a year ago", "year on year for last month": the period against a year earlier
_YOY = re.compile(YEAR_AGO.pattern + r"|\b(?:year over year|year on year|yoy|y/y)\b"
                  r"|\b(?:vs|versus|against|compared (?:to|with)) (?:a|one|the) year (?:ago|before|earlier)\b")


def trend_focus(text: str) -> TrendFocus | None:
    low = text.lower()
    if _YOY.search(low):
        return "year_on_year"
    return "seasonality" if _SEASON.search(low) else None


def with_cues(q: RoutedQuery) -> RoutedQuery:
    """`q` with the framing cues of its own question filled in, read on the head the router read (a pasted
    10,000-character question is routed on its first MAX_CHARS characters, so its cues are too)."""
    low = q.question[:MAX_CHARS].lower()
    years = {p.year for p in q.periods if p.granularity == "year" and p.year is not None}
    # "ROI 2021 vs 2022 vs 2023": a return asked of several calendar years, one figure each
    by_year: AnswerFocus | None = "roi_over_time" if q.intent is Intent.ROI and len(years) >= 2 else None
    return replace(q, direction=direction(low), presets=any(w in low for w in PRESET_WORDS),
                   trend_focus=trend_focus(low), overspend=any(w in low for w in OVERSPEND_WORDS),
                   worst_first=bool(WORST_FIRST.search(low)), overall=bool(OVERALL.search(low)),
                   focus=answer_focus(low) or by_year, file_format=file_format(low))
