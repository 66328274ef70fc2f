"""Requests no media model answers, however much they mention a period or money: writing copy ("draft the launch
email for our autumn campaign"), the company's borrowing or premises ("what interest would a $3M loan cost us?",
"should we renegotiate the warehouse rent this year?") and currencies ("where will the pound trade against the
dollar in June?"). Their periods and amounts would otherwise read as a trend or a plan, so they are told apart here,
after the rest of the reading, and only when the reading changes nothing (a what-if that mentions rent keeps its change).
"""
from __future__ import annotations

import re

from router.text import MAX_CHARS, tokenize
from router.types import Intent, Limit, RoutedQuery

# copy to be written: not the findings put into words ("write up the findings" is a report, "summarise" a summary)
_WRITING = re.compile(r"\b(?:write|writing|draft|drafting|compose|composing|craft|crafting|pen)\b (?:me |us )?"
                      r"(?:a |an |the |our |some |my )?(?:\w+ ){0,2}(?:email|emails|e mail|newsletter|newsletters|press release"
                      r"|tagline|slogan|ad copy|copy|blog post|blog|tweet|tweets|social post|post(?! mortem)|posts|caption|captions|jingle|speech"
                      r"|invitation|invite|job ad|mailing|blurb|blurbs|landing page|web copy|product description|product descriptions)\b")
_FINDINGS = re.compile(r"\b(?:summar\w*|findings|insights|analysis|roi|roas|model|recommendation\w*|report)\b")
# the company's own borrowing, premises and payroll (a lender's "loan applications" or a "warehouse sale" weekend are
# sales the model explains: the loan is the company's when it costs interest, the rent when it is of its premises)
_DEBT = r"(?:loan|loans|credit line|line of credit|bank debt|debt|overdraft|mortgage|borrowing)"
_OFFICE = re.compile(rf"\binterest (?:\S+ ){{0,10}}{_DEBT}\b|\b{_DEBT} (?:\S+ ){{0,10}}(?:interest|repay\w*)\b"
                     rf"|\b(?:take out|taking out|borrow|borrowing|refinanc\w*) (?:\w+ ){{0,3}}{_DEBT}\b"
                     r"|\b(?:the|our|office|warehouse|store|shop|factory) (?:\w+ )?(?:rent|lease)\b|\blandlord\b|\boffice space\b"
                     r"|\bpayroll\b|\bsalary\b|\bsalaries\b")
_MONEY = r"(?:pound|pounds|sterling|euro|euros|yen|yuan|dollar|dollars|franc|peso|rupee|usd|gbp|eur)"
_CURRENCY = re.compile(rf"\b{_MONEY} (?:\w+ ){{0,4}}(?:against|versus|vs|to) (?:the )?{_MONEY}\b"
                       r"|\b(?:forex|fx rates?|currency (?:forecast|outlook|markets?|moves?|movements?))\b")


def off_topic_kind(question: str) -> str | None:
    """The limit an off-topic request meets: copy to write ("campaign_work", the answer for ads and briefs), the
    company's finances or a currency ("company_finance"); None when the media model can answer it."""
    text = " ".join(tokenize(question[:MAX_CHARS]))
    if _WRITING.search(text) and not _FINDINGS.search(text):
        return "campaign_work"
    return "company_finance" if _OFFICE.search(text) or _CURRENCY.search(text) else None


def off_topic(q: RoutedQuery) -> RoutedQuery:
    """`unknown` with the limit's one line (what can be done instead) for an off-topic request whose reading changes
    nothing; any other reading as it is."""
    if (q.intent is Intent.UNKNOWN and not q.unknown_channels) or not isinstance(q.question, str) or q.limit is not None:
        return q
    if q.changes or q.shift is not None or q.scenarios or q.amounts or q.constraints or q.goal is not None:
        return q
    kind = off_topic_kind(q.question)
    if kind is None:
        return q
    # no channel the data lacks is asked about either ("the launch email" is no Email channel)
    return RoutedQuery(Intent.UNKNOWN, confidence=0.9, question=q.question, channels=q.channels,
                       limit=Limit(kind, q.channels))
