"""One registry: each intent's answerer, `Callable[[Session, RoutedQuery], Reply]`."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.answers import budget, channels, compare, guide, limits, quality, report, summary, trend, why
from assistant.answers.markets import geo_reply, wants_markets
from assistant.reply import Reply
from router.types import Intent

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

Answerer = Callable[["Session", "RoutedQuery"], Reply]

ANSWERERS: dict[Intent, Answerer] = {
    Intent.ROI: channels.answer_roi,
    Intent.CONTRIBUTION: channels.answer_contribution,
    Intent.SATURATION: channels.answer_saturation,
    Intent.SCENARIO: budget.answer_scenario,
    Intent.OPTIMIZATION: budget.answer_optimization,
    Intent.TREND: trend.answer_trend,
    Intent.MODEL_QUALITY: quality.answer_quality,
    Intent.SUMMARY: summary.answer_summary,
    Intent.DATA_OVERVIEW: guide.answer_data_overview,
    Intent.HELP: guide.answer_help,
    Intent.REPORT: report.answer_report,
    Intent.UNKNOWN: guide.answer_unknown,
}


def answer(session: Session, routed: RoutedQuery) -> Reply:
    """The reply to one routed question, before charts are drawn (raises on failure; see ask)."""
    known = tuple(c for c in routed.channels if c in session.dataset.channels)
    if routed.limit is not None:
        reply = limits.limit_reply(session, routed)
    elif routed.intent is Intent.SCENARIO and len(routed.scenarios) >= 2:
        reply = compare.answer_comparison(session, routed)
    elif routed.unknown_channels and (not known or routed.intent in (Intent.UNKNOWN, Intent.HELP)):
        reply = guide.unknown_channel_reply(session, routed.intent.value, tuple(routed.unknown_channels))
    else:
        # "how sure are you?" after a return by market carries its markets: the quality answer quotes them itself
        doubt = routed.intent is Intent.MODEL_QUALITY and routed.source == "context"
        market = geo_reply(session, routed, known) if wants_markets(session, routed) and not doubt else None
        # "why?" after an answer: its reasons, for every intent in one place (assistant/answers/why.py)
        explained = why.answer_why(session, routed) if market is None and routed.focus == "why" else None
        reply = market or explained or ANSWERERS[routed.intent](session, routed)
        if market is not None and routed.focus == "why":   # no market version of the reasons yet: say so, not repeat
            reply = market.but(facts=(_NO_MARKET_WHY, *market.facts))
        if routed.unknown_channels:
            note = (f"{', '.join(routed.unknown_channels)} not in this data; answering for "
                    f"{', '.join(known)}")
            reply = reply.but(warnings=(note, *reply.warnings))
    unknown_markets = tuple(getattr(routed, "unknown_geos", ()))
    if unknown_markets and routed.limit is None and session.dataset.panel is not None and not routed.geos:
        # no market asked about is in the data: the national answer says so before its figure (review s17 G11: "TV
        # returns $1.19 …" led, and "Texas is not one of this data's 8 markets" came second)
        reply = reply.but(headline=f"{no_market_line(session, unknown_markets).split(';')[0]}, so this is the national "
                                   f"answer: {reply.headline}")
    elif unknown_markets and routed.limit is None:
        reply = reply.but(facts=(no_market_line(session, unknown_markets), *reply.facts))
    panel = session.dataset.panel
    if routed.limit is None and routed.intent in _NATIONAL_ONLY and panel is not None and wants_markets(session, routed) \
            and (reply.data or {}).get("level") != "market" and "market_return" not in (reply.data or {}):
        reply = reply.but(facts=(_NATIONAL_NOTE.format(n=panel.n_markets), *reply.facts))
    if routed.set_aside:   # "Cut TV by 20%. Also, what is the ROI of Radio?": the ROI is not in this answer; say so
        reply = reply.but(facts=(*reply.facts, set_aside_line(routed.set_aside)))
    return reply.but(intent=routed.intent.value, question=routed.question, routed=routed)


def set_aside_line(asks: tuple[str, ...]) -> str:
    """The asks of the same message this answer leaves out, quoted so the user can ask them as they are."""
    said = " and ".join(f"“{a.strip()}”" for a in asks)
    return f"This answers your first question only: ask {said} on its own for {'its' if len(asks) == 1 else 'their'} answer."


_NO_MARKET_WHY = ("The reasons behind a market's figure are not broken out yet; this is the market answer again. "
                  "Ask “why?” after a national question (a what-if or plan that names no market) for what drives it.")

# Answers with no market version: a question naming markets ("plan the budget in Scotland", "what drove Q4 in Wales",
# "cut TV in North vs South") gets the national answer, and says so instead of reading as the market's own.
_NATIONAL_ONLY = (Intent.SCENARIO, Intent.OPTIMIZATION, Intent.TREND, Intent.MODEL_QUALITY, Intent.SATURATION)
_NATIONAL_NOTE = ("This is the national answer (all {n} markets together): it is not broken down by market. Market "
                  "answers cover ROI, contribution, saturation, one market's trend, what-ifs in named markets and "
                  "moves between two, e.g. “ROI of TV in …”, “cut TV 20% in …”, “move 10% of TV from … to …”.")


def no_market_line(session: Session, names: tuple[str, ...]) -> str:
    """ "ROI of TV in North" on data without that market: the answer is national and says so, first."""
    from assistant import format as fmt

    said = fmt.join_names(list(names))
    panel = session.dataset.panel
    if panel is None:
        return (f"This data has no markets (one national series), so {said} cannot be split out: the figures below are "
                "national.")
    shown = ", ".join(panel.markets[:8]) + (", …" if panel.n_markets > 8 else "")
    return (f"{said} {'is not one of' if len(names) == 1 else 'are not among'} this data's {panel.n_markets} markets "
            f"({shown}); the figures below are for the markets asked about that it has, else national.")
