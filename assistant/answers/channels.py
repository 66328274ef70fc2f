"""Channel answers — intents roi_analysis, contribution, saturation: JSON data from typed results,
then templates over it.

Each `*_data` function is pure (session in, TypedDict out, money in data units) and is what the
board pack reuses; each `*_reply` reads only that dict, so narrative, table and JSON agree.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.decisions.marginals import capped_note
from analysis.fit import half_life_range
from analysis.results import STATUS_RANK, saturated_by_next_dollar
from assistant import format as fmt
from assistant import horizon as hz
from assistant.answers.common import (
    asked_period,
    known_channels,
    margin_for,
    num,
    period_bounds,
    session_weak,
    weak_caveat,
)
from assistant.answers.common import r as _r
from assistant.answers.roi_years import asked_years, last_years_asked, roi_by_year_data, roi_by_year_reply
from assistant.answers.shapes import (
    ContributionData,
    RoiData,
    RoiRow,
    SaturationData,
    SaturationRow,
    WhyData,
)
from assistant.reply import ChartRequest, Reply, Table

if TYPE_CHECKING:
    import pandas as pd

    from assistant.session import Session
    from router.types import RoutedQuery

WIDE_RATIO = 3.0  # an interval whose top is 3x its bottom is "wide"
ENTANGLED_VIF = 10.0  # a channel the other regressors explain this well is entangled (the quality grade's 'high' VIF)
UNPINNED = 0.9   # a media-total interval this wide (share of sales) says nothing about the media/baseline split


def most_saturated(rows: dict[str, SaturationRow], among: list[str]) -> str | None:
    """The most saturated of `among`: by status first (the saturation answer's word), then by % of maximum, so the
    briefing and the saturation answer name the same channel."""
    return min(among, key=lambda c: (STATUS_RANK.get(rows[c]["status"], 3), -(rows[c]["saturation_pct"] or 0.0)),
               default=None)


def saturated_by_margin(row: SaturationRow) -> bool:
    """Saturated although its average week is under 70% of its maximum (`ChannelSaturation.status`): its next dollar
    returns under a third of its average one (e.g. spend in bursts that reach the ceiling)."""
    return saturated_by_next_dollar(row["status"], row["saturation_pct"] or 0.0)


def saturation_reason(name: str, row: SaturationRow, ds: Any, named: bool = False) -> str:
    """Why `name` counts as saturated, in words that cannot read as the opposite ("saturated — at 12% of its
    maximum" did); `named`: the sentence has just named it."""
    if saturated_by_margin(row):
        return (f"{'its' if named else name + chr(39) + 's'} next $1 returns {fmt.per_dollar(row['marginal_roi'], ds)}, "
                f"against {fmt.per_dollar(row['roi'], ds)} for its average dollar")
    return (f"{'it' if named else name} runs at {fmt.pct(row['saturation_pct'], 0)} of its maximum and its next $1 "
            f"returns {fmt.per_dollar(row['marginal_roi'], ds)}")


def answer_roi(session: Session, routed: RoutedQuery) -> Reply:
    if routed.focus == "roi_over_time":
        data = roi_by_year_data(session, roi_data(session, margin_for(session, routed)))
        all_years = data.get("by_year") or []
        held = len(all_years)
        data = {**data, "by_year": asked_years(all_years, routed)}
        reply = roi_by_year_reply(session, data, known_channels(session, routed))
        since = next((p.year for p in routed.periods if p.onwards and p.year is not None), None)
        first = next((int(y["year"]) for y in all_years if y["year"].isdigit()), None)
        last = next((int(y["year"]) for y in reversed(all_years) if y["year"].isdigit()), None)
        if since is not None and first is not None and last is not None and not first <= since <= last:
            # "since 2030" past the data, "since 2016" before it: say which years there are instead of staying silent
            said = (f"{since} is after the data ends" if since > last else f"the data starts in {first}, after {since}")
            reply = reply.but(facts=(f"{said[:1].upper()}{said[1:]}: every year the data holds ({first}–{last}) is "
                                     "shown.", *reply.facts))
        asked = last_years_asked(routed)
        if asked and asked > held:   # "over the last four years" on three years of data: say what there is
            reply = reply.but(facts=(f"The data holds {held} calendar year{'s' if held != 1 else ''}, fewer than the "
                                     f"{asked} asked for, so all of them are shown.", *reply.facts))
        return reply
    reply = roi_reply(session, roi_data(session, margin_for(session, routed)), known_channels(session, routed),
                      worst_first=getattr(routed, "worst_first", False), overall=getattr(routed, "overall", False))
    return _whole_period(session, routed, reply, "one return per channel")


def answer_contribution(session: Session, routed: RoutedQuery) -> Reply:
    stretch = _stretch(session, routed)
    if stretch is not None:   # "how much of last quarter's sales came from media?": that quarter's own split
        start, end, label = stretch
        data = contribution_data(session, start, end, label)
        return contribution_reply(session, data, known_channels(session, routed)).but(
            charts=(ChartRequest("decomposition", {"start": start, "end": end, "period": label}),))
    reply = contribution_reply(session, contribution_data(session), known_channels(session, routed))
    return _whole_period(session, routed, reply, "each channel's contribution")


def _stretch(session: Session, routed: RoutedQuery) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """The weeks a contribution question names ("Q3 2024", "last quarter", "the last 6 weeks"), when the data holds
    them and the fit is one market's (a panel keeps the whole-period answer); None otherwise."""
    period = asked_period(routed)
    if (period is None or len(routed.periods) > 1 or getattr(period, "onwards", False)
            or getattr(session.dataset, "panel", None) is not None):
        return None
    import pandas as pd

    from analysis.errors import MMMError

    dates = pd.DatetimeIndex(session.dataset.dates)
    if period.count:
        if period.relative != "last" or period.granularity != "week" or not 0 < period.count < len(dates):
            return None
        return dates[-period.count], dates[-1], f"the last {period.count} weeks"
    try:
        start, end, label = period_bounds(session.dataset, period)
    except (MMMError, ValueError):
        return None   # outside the data: the whole-period answer says so
    inside = (dates >= start) & (dates <= end)
    return (start, end, label) if 0 < int(inside.sum()) < len(dates) else None


def answer_saturation(session: Session, routed: RoutedQuery) -> Reply:
    data = saturation_data(session, margin_for(session, routed))
    reply = saturation_reply(session, data, known_channels(session, routed), overspend=routed.overspend)
    if routed.focus == "carryover":
        reply = carryover_first(session, data, known_channels(session, routed), reply)
    return _whole_period(session, routed, reply, "one response curve per channel")


def why_reply(session: Session, channels: tuple[str, ...]) -> Reply:
    """ "why?" after a channel's figure: what drives its return — how much it spends, how far up its response curve
    that spend sits (the next $1 against the average), how long an ad keeps working, and how sure the data are
    (the interval, and the channel the data trade its credit with). Figures are the ROI and saturation answers' own."""
    data = roi_data(session)
    ch = data["channels"]
    name = next((c for c in channels if c in ch), data["ranking"][0] if data["ranking"] else next(iter(ch)))
    row, ds = ch[name], session.dataset
    sat = saturation_data(session)["channels"][name]
    share = num(row["spend"]) / num(data["total_spend"]) if data["total_spend"] else None
    spent = f"{fmt.money(row['spend'], ds)} of spend" + (f" ({fmt.share(share, 0)} of all media)" if share is not None else "")
    partner = next(((b if a == name else a) for a, b, _ in _trades_with(session) if name in (a, b)), None)
    tangle = f"; the data trade its credit with {partner}'s, whose spend moves with it" if partner else ""
    if not row["measurable"]:
        headline = (f"{name}'s return cannot be told from zero in this data: "
                    f"{roi_phrase(name, row, ds)}, on {spent}.")
        facts = [f"Its 90% interval runs {fmt.per_dollar_range(row['roi_low'], row['roi_high'], ds)}, so no reason "
                 f"can be read from it{tangle}.",
                 "A test that varies its spend on its own (a few weeks on, a few off) is what would measure it."]
        return Reply("roi_analysis", headline, tuple(facts), None, data=WhyData(why=name, roi=row, saturation=sat))
    curve = {"saturated": "close to its ceiling, so more money there buys little",
             "diminishing returns": "where each extra $1 already earns less than the average",
             }.get(str(sat["status"]), "with room to grow")
    headline = (f"{name} returns {fmt.per_dollar(row['roi'], ds)} per $1 (90% interval "
                f"{fmt.per_dollar_range(row['roi_low'], row['roi_high'], ds)}) on {spent}: at that level it runs at "
                f"{fmt.pct(sat['saturation_pct'], 0)} of its maximum response, {curve}.")
    facts = [f"Saturation: the next $1 on {name} returns {fmt.per_dollar(sat['marginal_roi'], ds)}, against "
             f"{fmt.per_dollar(row['roi'], ds)} on average over all its spend ({sat['status']})."]
    half = sat["half_life_weeks"]
    if half is not None:
        facts.append(f"Carry-over: most of {name}'s effect comes in the week of the spend (half has faded within a week)."
                     if num(half) < 1 else
                     f"Carry-over: half of {name}'s effect has faded {_within(num(half))} of the spend; the return "
                     f"counts the {fmt.outcome_word(ds)} of those later weeks too.")
    facts.append(f"Scale: {name} brought {_incremental(row['contribution'], ds)}; rank #{row['rank']} of "
                 f"{len(data['ranking'])} measurable channels on return per $1.")
    sure = ("wide (its top is more than 3× its bottom), so treat the figure as indicative"
            if wide_interval(row) else "narrow enough to rank it")
    facts.append(f"Reliability: the 90% interval {fmt.per_dollar_range(row['roi_low'], row['roi_high'], ds)} is "
                 f"{sure}{tangle}.")
    return Reply("roi_analysis", headline, tuple(facts[:4]), weak_caveat(session) if session_weak(session) else None,
                 data=WhyData(why=name, roi=row, saturation=sat))


def _trades_with(session: Session) -> tuple[tuple[str, str, float], ...]:
    """Channel pairs whose credit the fit trades (readiness.entangled_in_fit)."""
    from analysis.readiness import entangled_in_fit

    return entangled_in_fit(session.fit)


def _within(weeks: float) -> str:
    """ "within a week", "within 3.3 weeks"."""
    return "within a week" if weeks < 1 else f"within {fmt.weeks(weeks)}"


def carryover_first(session: Session, data: SaturationData, channels: tuple[str, ...], reply: Reply) -> Reply:
    """ "How long does a Radio ad keep working?": the carry-over leads (half-life, its range over the curves the
    data allow, the weeks until 90% has faded), the saturation facts follow."""
    rows = data["channels"]
    asked = [c for c in channels if c in rows] or [c for c, v in rows.items() if v["measurable"]]
    lines = []
    for c in asked:
        row = rows[c]
        if not row["measurable"]:
            lines.append(f"{c}'s carry-over is not measurable in this data: its effect cannot be told apart from noise.")
            continue
        decay, half = float(row["decay"] or 0.0), float(row["half_life_weeks"] or 0.0)
        span = half_life_range(session.fit.channel(c))
        spread = span is not None and fmt.weeks(span.low_weeks) != fmt.weeks(span.high_weeks)
        lines.append(f"Half of {c}'s effect is gone {_within(half)} of the spend"
                     + (f" (90% range {fmt.weeks(span.low_weeks)} to {fmt.weeks(span.high_weeks)})" if span and spread else "")
                     + f"; 90% {_within(np.log(0.1) / np.log(decay)) if decay > 0 else 'within a week'}"
                     + f" (weekly carry-over {fmt.number(decay)}).")
    if not lines:
        return reply
    if len(asked) > 1 and not channels:
        longest = max((c for c in asked if rows[c]["measurable"]), key=lambda c: rows[c]["half_life_weeks"] or 0.0)
        shortest = min((c for c in asked if rows[c]["measurable"]), key=lambda c: rows[c]["half_life_weeks"] or 0.0)
        head = (f"Carry-over: half of an ad's effect is gone {_within(float(rows[shortest]['half_life_weeks'] or 0.0))} "
                f"({shortest}) to {_within(float(rows[longest]['half_life_weeks'] or 0.0))} ({longest}) of the spend.")
        facts = tuple(lines[:4])
    else:
        head, facts = lines[0], tuple(lines[1:]) + tuple(f for f in reply.facts if not f.startswith("Carry-over"))
    return reply.but(headline=head, facts=facts[:4])


def _whole_period(session: Session, routed: RoutedQuery, reply: Reply, what: str) -> Reply:
    """ "ROI in 2023", "Radio's contribution last year": these answers cover every modelled week, so a
    question about one period says first that its figures are not that period's (the Read-as line names
    the period, and a silent whole-period figure would read as the period's own)."""
    period = asked_period(routed)
    if period is None:
        return reply
    from analysis.errors import MMMError

    dates = session.dataset.dates
    span = f"the whole modelled period ({dates[0]:%Y-%m-%d} to {dates[-1]:%Y-%m-%d})"
    label = period.label      # "last 26 weeks" as asked; a calendar period as the data resolves it ("2023")
    try:
        if not period.count:
            label = period_bounds(session.dataset, period)[2]
            label += " onwards" if getattr(period, "onwards", False) else ""
    except (MMMError, ValueError):   # a period the data does not hold
        note = f"{label[:1].upper()}{label[1:]} is outside the data: these figures cover {span}."
    else:
        named = f"the {label}" if period.count else label     # "the last 26 weeks", "Q4 2023"
        note = (f"These figures cover {span}, not {named} alone: the model estimates {what} over all its weeks."
                + ("" if period.count else f" For each year's return from {period.year}, ask “ROI by year since "
                   f"{period.year}”." if getattr(period, "onwards", False) and period.granularity == "year" else
                   f" For what moved sales since then, ask “What drove sales since {label.removesuffix(' onwards')}?”."
                   if getattr(period, "onwards", False) else
                   f" For what moved sales in {label}, ask “What drove {label}?”."))
    return reply.but(facts=(note, *reply.facts)[:4])


def breakeven_roi(margin: float | None) -> float | None:
    """Sales per $1 needed to pay for the $1 at a gross margin (0.4 -> $2.50)."""
    return 1.0 / margin if margin else None


# ---------------------------------------------------------------- ROI
def roi_data(session: Session, margin: float | None = None) -> RoiData:
    """Every channel's ROI with its 90% interval, ranked; break-even when a margin is known."""
    result = session.roi
    margin = margin if margin is not None else session.margin
    channels: dict[str, RoiRow] = {}
    ranking: list[str] = []
    for row in result.channels:
        ranked = row.measurable and row.roi is not None
        if ranked:
            ranking.append(row.channel)
        channels[row.channel] = {
            "roi": _r(row.roi), "roi_low": _r(row.roi_low), "roi_high": _r(row.roi_high),
            "spend": _r(row.spend), "contribution": _r(row.contribution),
            "measurable": bool(ranked), "rank": len(ranking) if ranked else None, "note": row.note,
        }
    even = breakeven_roi(margin)
    if even is not None:
        from analysis.decisions.reverse import breakeven

        assert margin is not None  # breakeven_roi gives a value only for a margin
        status = {b.channel: b for b in breakeven(session.fit, margin).channels}
        for name, values in channels.items():
            values["profit_per_dollar"] = _r(values["roi"] * margin - 1.0) if values["roi"] is not None else None
            values["breaks_even"] = bool(values["measurable"] and num(values["roi"]) * margin >= 1.0)
            b = status.get(name)
            values["breakeven_status"] = b.status if b else "not measurable"
            values["breakeven_margin"] = _r(b.breakeven_margin) if b and b.breakeven_margin is not None else None
    entangled = []
    if len(ranking) < len(channels) / 2:   # the honest lead needs to say which channels the data cannot separate
        from analysis.readiness import entangled_in_fit

        entangled = [[a, b, _r(r)] for a, b, r in entangled_in_fit(session.fit)]
    media = session.contribution   # the media total's interval, as a share of sales
    per_dollar = media.total_sales / result.total_spend if result.total_spend > 0 else None
    low, high = ((None, None) if per_dollar is None or media.media_share_low is None or media.media_share_high is None
                 else (media.media_share_low * per_dollar, media.media_share_high * per_dollar))
    data: RoiData = {
        "channels": channels, "ranking": ranking, "blended_roi": _r(result.blended_roi), "entangled": entangled,
        "blended_roi_low": _r(low), "blended_roi_high": _r(high),
        "total_spend": _r(result.total_spend), "total_contribution": _r(result.total_contribution),
        "margin": margin, "breakeven_roi": _r(even),
    }
    if len(ranking) < len(channels) / 2:
        data["entangled_with_rest"] = _entangled_with_rest(session, channels, entangled)
    return data


def _bought_together(session: Session, shown: list[str]) -> tuple[str, str, float] | None:
    """Two of the channels compared whose weekly spend moves together (the pair the data overview names as one the
    data cannot tell apart; review s17 N26: "TV returns the most per dollar of TV and OOH" beside it)."""
    from analysis.readiness import entangled_pairs

    return next(((a, b, r) for a, b, r in entangled_pairs(session.dataset) if a in shown and b in shown), None)


def _entangled_with_rest(session: Session, channels: dict[str, RoiRow], pairs: list[list]) -> list[str]:
    """Unmeasurable channels that no pair names but the other channels and the baseline predict (VIF above
    ENTANGLED_VIF), most entangled first: a wide export's always-on channels move with the trend, the season
    and each other at once, so no single pair shows it (wide#12/104w: Instagram VIF 146, Search 95, no pair)."""
    from analysis.quality import channel_vif

    paired = {name for pair in pairs for name in pair[:2]}
    vif = channel_vif(session.fit)
    tangled = [c for c, row in channels.items() if not row["measurable"] and c not in paired
               and (vif.get(c) or 0.0) > ENTANGLED_VIF]
    return sorted(tangled, key=lambda c: -(vif.get(c) or 0.0))


def roi_phrase(name: str, row: RoiRow, dataset=None) -> str:
    """ "$1.62 per $1" or the honest "not measurable in this data (at most $4.59 per $1)"."""
    if not row["measurable"]:
        if row["roi_high"] is not None and row["roi_high"] > 0:
            return f"not measurable in this data (at most {fmt.per_dollar(row['roi_high'], dataset)} per $1)"
        return "not measurable in this data"
    return f"{fmt.per_dollar(row['roi'], dataset)} per $1"


def wide_interval(row: RoiRow) -> bool:
    low, high = row["roi_low"], row["roi_high"]
    return row["measurable"] and (low is None or low <= 0 or num(high) / low > WIDE_RATIO)


def _overlap(a: RoiRow, b: RoiRow) -> bool:
    """Two channels' 90% ROI intervals overlap enough that neither clearly beats the other:
    each point estimate lies inside the other's interval."""
    return (num(a["roi_low"]) <= num(b["roi"]) <= num(a["roi_high"])
            and num(b["roi_low"]) <= num(a["roi"]) <= num(b["roi_high"]))


def too_few_measurable(data: RoiData) -> bool:
    """Fewer than half the channels have a measurable return: lead with what the data can tell."""
    return len(data["ranking"]) < len(data["channels"]) / 2


_MEASURABLE_SHOWN = 6


def cannot_say_parts(session: Session, data: RoiData) -> tuple[str, list[str]]:
    """Headline and facts when most channels cannot be measured: the total, the few that can, which
    channels are entangled, and what would separate them — instead of a ranking."""
    ch, ranking = data["channels"], data["ranking"]
    ds = session.dataset
    some = f"only {len(ranking)} of {len(ch)} channels" if ranking else f"none of its {len(ch)} channels"
    low, high = data.get("blended_roi_low"), data.get("blended_roi_high")
    span = (f"90% interval {fmt.per_dollar_range(low, high, ds)} per $1 on {fmt.money(data['total_spend'], ds)} of spend"
            if low is not None and high is not None else "")
    share = session.contribution
    if span and media_total_unpinned(share.media_share_low, share.media_share_high):
        # the total cannot be pinned either: no point figure for it, as for a channel (sibylhe)
        headline = (f"This data can measure the return of {some}, {'nor' if not ranking else 'and not'} that of all "
                    f"media together ({span}).")
    else:
        headline = (f"This data can measure the return of {some}; together, media "
                    f"returns {fmt.per_dollar(data['blended_roi'], ds)} per $1 "
                    + (f"({span})." if span else f"on {fmt.money(data['total_spend'], ds)} of spend."))
    facts = []
    if ranking:   # every measurable channel the headline counts (the longest lists name the rest by count)
        shown = ranking[:_MEASURABLE_SHOWN]
        more = len(ranking) - len(shown)
        facts.append("Measurable: " + ", ".join(f"{c} {fmt.per_dollar(ch[c]['roi'], session.dataset)} per $1 (90% interval "
                                                f"{fmt.per_dollar_range(ch[c]['roi_low'], ch[c]['roi_high'], session.dataset)})"
                                                for c in shown) + (f" and {more} more (in the table)" if more else "") + ".")
    pairs = data.get("entangled") or []
    rest = data.get("entangled_with_rest") or []
    several = len(rest) > 1
    with_rest = (f"{fmt.join_names(rest)}{', each' if several else ''} with the baseline and the other channels "
                 f"together ({'their' if several else 'its'} spend is largely predictable from them)") if rest else ""
    if pairs:
        facts.append("Entangled (they moved together, so their effects cannot be split): "
                     + "; ".join([f"{a} and {b}" for a, b, _ in pairs] + ([f"also {with_rest}"] if rest else []))
                     + ".")
    elif rest:
        facts.append(f"Entangled, so their effects cannot be split: {with_rest}.")
    if pairs or rest:
        facts.append("What would separate them: merge channels that always move together, vary one channel alone "
                     "for a few weeks, or run a holdout (geo or time) test.")
    else:   # nothing moved together: the effects are small next to the noise, not confounded
        facts.append("No channels moved together; the others' effects are too small next to the weekly noise to "
                     "tell from zero. What would show them: vary each one's spend on its own for a few weeks "
                     "(pulses or dark weeks), or run a holdout (geo or time) test.")
    return headline, facts


def _ranked(data: RoiData) -> str:
    """The channels a ranking covers: "five channels", or "four measurable channels" when one was left out (a
    channel the data cannot measure may return less, or more, than the ranking's ends)."""
    n, ranked = len(data["channels"]), len(data["ranking"])
    if ranked == n:
        return f"{_count(n)} channels"
    return "one measurable channel" if ranked == 1 else f"{_count(ranked)} measurable channels"


def _rank_words(data: RoiData, end: str) -> str:
    """ "the highest of your five channels"; with one measurable channel of several, "the only one of your two
    channels the data can measure" (not "the highest of your one measurable channel")."""
    n, ranked = len(data["channels"]), len(data["ranking"])
    if ranked == 1 and n > 1:
        return f"the only one of your {_count(n)} channels the data can measure"
    return f"the {end} of your {_ranked(data)}"


def _worst_first(session: Session, data: RoiData, facts: list[str]) -> tuple[str, list[str]]:
    """ "Which channel is burning money?": lead with the lowest measurable return (a tie said as one), and say
    whether even that one brings back more than it costs in sales."""
    ch, ranking, ds = data["channels"], data["ranking"], session.dataset
    low = ranking[-1]
    headline = (f"{low} returns the least: {fmt.per_dollar(ch[low]['roi'], ds)} {fmt.per_dollar_unit(ds)} (90% interval "
                f"{fmt.per_dollar_range(ch[low]['roi_low'], ch[low]['roi_high'], ds)}) — {_rank_words(data, 'lowest')}.")
    tied = [c for c in ranking[-2::-1] if _overlap(ch[low], ch[c])][:2]
    if tied:
        headline = headline[:-1] + (f", though {fmt.join_names(tied)} "
                                    f"({', '.join(fmt.per_dollar(ch[c]['roi'], ds) for c in tied)}) "
                                    f"{'is' if len(tied) == 1 else 'are'} within its margin of error.")
    rest = [f for f in facts if not f.startswith(f"{low} returns the least")]
    if getattr(ds, "in_money", True) and num(ch[low]["roi"]) >= 1.0 and data.get("breakeven_roi") is None:
        # (with a margin stated, the break-even answer already says whether it pays for itself)
        rest.insert(1, f"Even {low} brings back more than $1 of sales per $1; whether it pays for itself depends on "
                       "your margin — ask “at a 40% margin, which channels break even?”.")
    return headline, rest


def _overall_first(session: Session, data: RoiData, headline: str, facts: list[str]) -> tuple[str, list[str]]:
    """ "What's our overall ROI?": lead with all media together (and its interval), the best channel after it."""
    ds = session.dataset
    low, high, point = data.get("blended_roi_low"), data.get("blended_roi_high"), data["blended_roi"]
    held = low is not None and high is not None and point is not None and low <= point <= high
    lead = (f"All media together returns {fmt.per_dollar(point, ds)} {fmt.per_dollar_unit(ds)}"
            + (f" (90% interval {fmt.per_dollar_range(low, high, ds)})" if held else "")
            + f" on {fmt.money(data['total_spend'], ds)} of spend over the {ds.n_weeks} modelled weeks.")
    return lead, [headline, *(f for f in facts if not f.startswith("All media together"))]


def roi_reply(session: Session, data: RoiData, channels: tuple[str, ...], worst_first: bool = False,
              overall: bool = False) -> Reply:
    ch, ranking = data["channels"], data["ranking"]
    n = len(ch)
    facts: list[str] = []
    if not channels and too_few_measurable(data):
        headline, facts = cannot_say_parts(session, data)
        if worst_first and len(ranking) > 1:   # "which channel is burning money?" still names the lowest it can measure
            lead, extra = _worst_first(session, data, [])
            unmeasured = n - len(ranking)
            facts = [headline, *extra, *facts]
            headline = lead[:-1] + (f"; {unmeasured} of your {_count(n)} channels cannot be measured, so one of them "
                                    f"may return less.")
        named = []
    elif not channels:
        if ranking:
            top = ranking[0]
            headline = (f"{top} returns {fmt.per_dollar(ch[top]['roi'], session.dataset)} {fmt.per_dollar_unit(session.dataset)} — "
                        f"{_rank_words(data, 'highest')}.")
            tied = [c for c in ranking[1:] if _overlap(ch[top], ch[c])]
            if tied:   # a ranking the intervals cannot separate is said to be a tie, not a win
                headline = headline[:-1] + (f", though {fmt.join_names(tied[:2])} "
                                            f"({', '.join(fmt.per_dollar(ch[c]['roi'], session.dataset) for c in tied[:2])}) "
                                            f"{'is' if len(tied[:2]) == 1 else 'are'} within its margin of error.")
            facts.append("Ranking: " + ", ".join(f"{c} {fmt.per_dollar(ch[c]['roi'], session.dataset)}" for c in ranking) + ".")
            if not getattr(session.dataset, "in_money", True):   # a count: say what one unit costs
                facts.append("Cost per " + fmt.outcome_word(session.dataset).rstrip("s") + ": " + ", ".join(
                    f"{c} {fmt.cost_per(ch[c]['roi'], session.dataset).split(' per ')[0]}" for c in ranking) + ".")
            elif (costs := [(c, fmt.cost_per_unit(ch[c]["roi"], session.dataset)) for c in ranking]) and costs[0][1]:
                # revenue = a count x its value: what one unit (an account) costs in each channel
                facts.append(f"Cost per {costs[0][1].split(' per ')[1]}: "
                             + ", ".join(f"{c} {cost.split(' per ')[0]}" for c, cost in costs if cost) + ".")
            if len(ranking) > 1:
                low = ranking[-1]
                facts.append(f"{low} returns the least: {fmt.per_dollar(ch[low]['roi'], session.dataset)} per $1 on "
                             f"{fmt.money(ch[low]['spend'], session.dataset)} of spend.")
            if worst_first and len(ranking) > 1:
                headline, facts = _worst_first(session, data, facts)
        else:
            headline = "No channel's return can be measured confidently in this data."
        named = [c for c in ch if c not in ranking]
    else:
        shown = [c for c in channels if c in ch]
        if len(shown) == 1:
            c = shown[0]
            row = ch[c]
            if row["measurable"]:
                headline = (f"{c} returns {fmt.per_dollar(row['roi'], session.dataset)} {fmt.per_dollar_unit(session.dataset)} (90% interval "
                            f"{fmt.per_dollar_range(row['roi_low'], row['roi_high'], session.dataset)}) — #{row['rank']} of "
                            + (f"{n} channels." if len(data["ranking"]) == n else   # the rank is among the measurable
                               f"{len(data['ranking'])} measurable channels."))
            else:
                headline = f"{c}'s return is {roi_phrase(c, row, session.dataset)}."
            if row["measurable"]:
                facts.append(f"{c} spent {fmt.money(row['spend'], session.dataset)} and brought "
                             f"{_incremental(row['contribution'], session.dataset)}.")
                cost = fmt.cost_per_unit(row["roi"], session.dataset)
                if cost:   # revenue = a count x its value: what one unit (an account) costs in this channel
                    cheap, dear = (fmt.cost_per_unit(row[k], session.dataset) for k in ("roi_high", "roi_low"))
                    span = (f" (90% interval {cheap.split(' per ')[0]}–{dear.split(' per ')[0]})"
                            if cheap and dear else "")
                    noun, value = session.dataset.unit_value or ("units", 0.0)   # set: a cost was found
                    facts.append(f"That is about {cost}{span}, at {fmt.dollars(value)} of revenue per "
                                 f"{noun.removesuffix('s')} on average.")
            else:   # its point would read as measured: the interval the ROI allows, on its spend
                sales_low, sales_high = (None if row[k] is None else num(row[k]) * num(row["spend"]) for k in ("roi_low", "roi_high"))
                facts.append(f"{c} spent {fmt.money(row['spend'], session.dataset)}; what it brought cannot be told from "
                             f"zero: {fmt.amount_range(sales_low, sales_high, session.dataset)} (90% interval).")
        else:
            mea = sorted([c for c in shown if ch[c]["measurable"]], key=lambda c: -num(ch[c]["roi"]))
            pair = _bought_together(session, mea)
            if pair is not None:   # the overview says their effects cannot be told apart: no winner between them
                a, b, r = pair
                headline = (f"{a} and {b} move together in this data (weekly spend correlation {r:.2f}), so how their "
                            f"effect splits between them is a guess: " + " vs ".join(
                                f"{c} {fmt.per_dollar(ch[c]['roi'], session.dataset)}" for c in shown if c in mea)
                            + " per $1 is not a ranking.")
            elif len(mea) >= 2:
                first = mea[0]
                asked = [c for c in shown if c in mea]   # the figures in the order the question named them
                headline = (f"{first} returns the most per dollar of {fmt.join_names(shown)}: "
                            + " vs ".join(f"{c} {fmt.per_dollar(ch[c]['roi'], session.dataset)}" for c in asked) + " per $1.")
                if _overlap(ch[first], ch[mea[1]]):
                    headline = headline[:-1] + " — but the difference is within the margin of error."
            else:
                headline = "; ".join(f"{c}: {roi_phrase(c, ch[c], session.dataset)}" for c in shown) + "."
            for c in mea:
                facts.append(f"{c}: {fmt.per_dollar(ch[c]['roi'], session.dataset)} per $1 (90% interval "
                             f"{fmt.per_dollar_range(ch[c]['roi_low'], ch[c]['roi_high'], session.dataset)}) on "
                             f"{fmt.money(ch[c]['spend'], session.dataset)} of spend.")
        named = [c for c in shown if not ch[c]["measurable"]]
    if channels or not too_few_measurable(data):
        facts.append(f"All media together returns {fmt.per_dollar(data['blended_roi'], session.dataset)} per $1 on "
                     f"{fmt.money(data['total_spend'], session.dataset)} of spend.")
    rest = [c for c in named if c not in channels or len(channels) != 1]
    if len(rest) == 1:
        facts.append(f"{rest[0]}: {roi_phrase(rest[0], ch[rest[0]], session.dataset)}.")
    elif rest:   # one line for all of them: one fact each would be cut at four and hide the rest
        facts.append("Not measurable in this data: " + "; ".join(
            c + (f" (at most {fmt.per_dollar(high, session.dataset)} per $1)" if (high := ch[c]["roi_high"]) and high > 0
                 else "") for c in rest) + ".")
    if overall and not channels and not worst_first and not too_few_measurable(data) and data["breakeven_roi"] is None:
        headline, facts = _overall_first(session, data, headline, facts)
    if data["breakeven_roi"] is not None:
        headline, facts = _breakeven_text(data, channels, headline, facts)
    facts = facts[:4]
    focus = [c for c in (channels or ranking[:1]) if c in ch]
    wide = [c for c in focus if wide_interval(ch[c])]
    caveat = None
    if wide:
        c = wide[0]
        caveat = (f"{c}'s estimate is uncertain: anywhere from {fmt.per_dollar(ch[c]['roi_low'], session.dataset)} to {fmt.per_dollar(ch[c]['roi_high'], session.dataset)} "
                  f"per $1 (90% interval). Treat the ranking around it as indicative.")
    elif session_weak(session):
        caveat = weak_caveat(session)
    rows = []
    for c, row in ch.items():
        ds = session.dataset   # the header names a count unit, so cells leave it out
        cells = [c, fmt.per_dollar(row["roi"], ds, bare=True) if row["measurable"] else "not measurable",
                 fmt.per_dollar_range(row["roi_low"], row["roi_high"], ds, bare=True) if row["roi_low"] is not None
                 else "n/a", fmt.money(row["spend"], ds),
                 (fmt.amount(row["contribution"], ds) if ds.in_money else fmt.amount(row["contribution"], ds).split(" ")[0])
                 if row["measurable"] else "—"]
        if data["breakeven_roi"] is not None:
            cells.append(row.get("breakeven_status", "n/a"))
        rows.append(tuple(cells))
    columns = ["Channel", f"ROI ({fmt.outcome_word(session.dataset)} per $1)", "90% interval", "Spend",
               f"Incremental {fmt.outcome_word(session.dataset)}"]
    if data["breakeven_roi"] is not None:
        columns.append("At your margin")
    return Reply("roi_analysis", headline, tuple(facts), caveat,
                 Table("Return on investment, whole modelled period", tuple(columns), tuple(rows)),
                 data=data, charts=(ChartRequest("roi"),))


def _breakeven_text(data: RoiData, channels: tuple[str, ...], headline: str, facts: list[str]) -> tuple[str, list[str]]:
    """With a margin the question is about paying back: lead with that, keep the ROI facts after."""
    ch = data["channels"]
    names = [c for c in (channels or data["ranking"]) if c in ch]
    even = data["breakeven_roi"]
    ok = [c for c in names if ch[c]["breakeven_status"] == "profitable"]
    losing = [c for c in names if ch[c]["breakeven_status"] == "loses money"]
    unsure = [c for c in names if ch[c]["breakeven_status"] == "uncertain"]
    rule = f"at a {fmt.margin(data['margin'])} margin a channel needs {fmt.ratio(even)} of sales per $1 to break even"
    if ok:
        lead = f"{fmt.join_names(ok)} pay{'s' if len(ok) == 1 else ''} back: {rule}."
    elif names:
        best = max(names, key=lambda c: ch[c]["roi"] or 0)
        lead = (f"No{' named' if channels else ''} channel clearly pays back its spend — {rule}, and the best, {best}, "
                f"returns {fmt.ratio(ch[best]['roi'])}.")
    else:
        lead = rule[:1].upper() + rule[1:] + "."
    out = []
    if losing:
        out.append(f"Losing money on average: {fmt.join_names(losing)}.")
    if unsure:
        out.append(f"Uncertain (the 90% interval straddles break-even): {fmt.join_names(unsure)}.")
    margins = [(c, ch[c]["breakeven_margin"]) for c in names if ch[c]["breakeven_margin"]]
    if margins:
        # every measurable channel: the table has no such column, so a channel left off here is said nowhere
        out.append("Margin needed to break even: " + ", ".join(f"{c} {fmt.share(m)}" for c, m in margins) + ".")
    return lead, out + [f for f in facts if not f.startswith("Ranking")][:1] + [headline]


def _incremental(x: float | None, dataset) -> str:
    """ "$16.18M of incremental sales"; for a count target "16.2k incremental conversions" (not "16.2k conversions
    of incremental sales")."""
    if dataset.in_money:
        return f"{fmt.amount(x, dataset)} of incremental sales"
    return f"{fmt.amount(x, dataset).split(' ')[0]} incremental {fmt.outcome_word(dataset)}"


def _count(n: int) -> str:
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    return words.get(n, str(n))


# ---------------------------------------------------------------- contribution
def media_total_unpinned(low: float | None, high: float | None) -> bool:
    """Whether the media total's 90% interval (shares of sales) reaches zero or spans nearly all of sales: the split
    between media and baseline is then a guess, and no answer gives the total as a point (ROI, contribution)."""
    return low is not None and high is not None and (float(low) <= 0.0 or float(high) - float(low) >= UNPINNED)


def _all_media(data: ContributionData) -> str:
    """The media total beside a channel's figures, with its interval (sibylhe's runs from 0% to all of sales)."""
    span = media_interval_text(data)
    return (f"All media drove {fmt.share(data['media_share'])} of sales{f' ({span})' if span else ''}; the baseline "
            f"is {fmt.share(data['baseline_share'])}.")


def media_interval_text(data: ContributionData) -> str:
    """'90% interval 27.0%–46.0%' for the media share, or '' when the fit gave none."""
    span = fmt.share_range(data.get("media_share_low"), data.get("media_share_high"))
    return f"90% interval {span}" if span else ""


def contribution_data(session: Session, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None,
                      label: str | None = None) -> ContributionData:
    """Baseline and per-channel incremental sales, as amounts and shares of total sales: over every modelled week,
    or over the weeks from `start` to `end` (named `label`)."""
    if start is None or end is None:
        r = session.contribution
    else:
        from analysis.roi import contribution_in

        r = contribution_in(session.fit, start, end)
    data: ContributionData = {
        "total_sales": _r(r.total_sales), "baseline": _r(r.baseline), "baseline_share": _r(r.baseline_share),
        "media_share": _r(r.media_share), "media_share_low": _r(r.media_share_low), "media_share_high": _r(r.media_share_high),
        "channels": {c.channel: {"contribution": _r(c.contribution), "share": _r(c.share),
                                 "contribution_low": _r(c.contribution_low), "contribution_high": _r(c.contribution_high),
                                 "measurable": bool(c.measurable)}
                     for c in r.channels},
    }
    if start is not None and end is not None:
        import pandas as pd

        dates = pd.DatetimeIndex(session.dataset.dates)
        data["period"] = label or f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
        data["weeks"] = int(((dates >= start) & (dates <= end)).sum())
    return data


def contribution_reply(session: Session, data: ContributionData, channels: tuple[str, ...]) -> Reply:
    ds = session.dataset
    ch = data["channels"]
    order = [c for c in ch if ch[c].get("measurable", True)]     # ranked: measurable channels only
    unmeasured = [c for c in ch if c not in order]
    media = num(data["total_sales"]) - num(data["baseline"])
    stretch = data.get("period")   # "Q3 2024": that stretch's own split; absent, every modelled week
    facts = []
    if channels and not ch[channels[0]].get("measurable", True):
        c = channels[0]
        headline = (f"{c}'s contribution is not measurable in this data: somewhere from "
                    f"{fmt.amount_range(ch[c]['contribution_low'], ch[c]['contribution_high'], ds)} (90% interval).")
        facts.append(_all_media(data))
    elif len(both := [c for c in channels if c in ch and ch[c].get("measurable", True)]) >= 2:
        # "Which contributes more, Radio or TV?": the larger named, the figures in the order asked
        top = max(both, key=lambda c: num(ch[c]["contribution"]))
        headline = (f"{top} contributed the most of {fmt.join_names(both)}: " + " vs ".join(
            f"{c} {fmt.amount(ch[c]['contribution'], ds)} ({fmt.share(ch[c]['share'])})" for c in both) + ".")
        for c in both:
            facts.append(f"{c}: 90% interval {fmt.amount_range(ch[c]['contribution_low'], ch[c]['contribution_high'], ds)}.")
        facts.append(_all_media(data))
    elif channels:
        c = channels[0]
        headline = (f"{c} contributed {fmt.amount(ch[c]['contribution'], ds)}{fmt.of_sales(ds)} — {fmt.share(ch[c]['share'])} "
                    f"of the total (90% interval {fmt.amount_range(ch[c]['contribution_low'], ch[c]['contribution_high'], ds)}).")
        for other in channels[1:]:
            facts.append(f"{other} contributed {fmt.amount(ch[other]['contribution'], ds)} ({fmt.share(ch[other]['share'])})."
                         if ch[other].get("measurable", True) else
                         f"{other}: not measurable ({fmt.amount_range(ch[other]['contribution_low'], ch[other]['contribution_high'], ds)}).")
        facts.append(_all_media(data))
    else:
        headline = (f"Media drove {fmt.share(data['media_share'])} of sales ({fmt.amount(media, ds)}"
                    f"{'; ' + media_interval_text(data) if media_interval_text(data) else ''}); the other {fmt.share(data['baseline_share'])} is baseline — sales you "
                    f"would have had with no media.")
        if order:   # with unmeasurable channels beside it, the top is the top of what the data can measure only
            top = order[0]
            lead = (f"{top} is the largest contributor" if not unmeasured else
                    f"Of the channels the data can measure, {top} is the largest contributor" if len(order) > 1 else
                    f"{top} is the only channel the data can measure")
            runner = order[1] if len(order) > 1 else ""
            close = (bool(runner) and ch[top]["contribution_low"] is not None
                     and num(ch[runner]["contribution"]) >= num(ch[top]["contribution_low"]))
            facts.append(f"{lead}: {fmt.amount(ch[top]['contribution'], ds)}, {fmt.share(ch[top]['share'])} of sales"
                         + (f" — {runner}'s {fmt.amount(ch[runner]['contribution'], ds)} is inside its 90% range, so the two "
                            "are too close to rank." if close else "."))
        if order:
            facts.append("By channel: " + ", ".join(f"{c} {fmt.share(ch[c]['share'])}" for c in order) + ".")
        if unmeasured:
            facts.append((f"Too uncertain to rank in {stretch} (shown by 90% interval; a channel with no spend there "
                          "adds carry-over only): " if stretch else
                          "Not measurable in this data (shown by 90% interval, not ranked): ") + "; ".join(
                f"{c} {fmt.amount_range(ch[c]['contribution_low'], ch[c]['contribution_high'], ds)}"
                for c in unmeasured[:4]) + ("; …" if len(unmeasured) > 4 else "") + ".")
    if stretch:
        headline = f"In {stretch}, {headline[:1].lower()}{headline[1:]}" if headline[:1].isupper() and not any(
            headline.startswith(c) for c in ch) else f"In {stretch}: {headline}"
        over = stretch if stretch.startswith("the last") else f"the {data.get('weeks')} weeks of {stretch}"
        facts.append(f"Total sales over {over}: {fmt.amount(data['total_sales'], ds)}; "
                     "each channel's interval is its whole-period interval split over these weeks by its curve.")
    else:
        facts.append(f"Total sales over the {ds.n_weeks} weeks: {fmt.amount(data['total_sales'], ds)}.")
    focus = channels[:1] or order[:1]
    caveat = None
    if not channels and len(order) < len(ch) / 2:
        low, high = data.get("media_share_low"), data.get("media_share_high")
        span = (f" (90% interval {fmt.share(low)}–{fmt.share(high)} of sales)" if low is not None else "")
        # a media total whose interval is (almost) all of sales is no more certain than its split: say so
        unpinned = media_total_unpinned(low, high)
        caveat = ((f"Only {len(order)} of {len(ch)} channels" if order else f"None of the {len(ch)} channels")
                  + " can be measured in this data" + (
                      f", and neither can the media total{span}: how sales split between media and baseline is "
                      "a guess here" if unpinned else f"; the media total is more certain than its split{span}") + ".")
    for c in focus if caveat is None else ():
        lo, hi = ch[c]["contribution_low"], ch[c]["contribution_high"]
        if num(lo) <= 0 or num(hi) / max(num(lo), 1e-12) > WIDE_RATIO:
            caveat = (f"{c}'s contribution is uncertain: {fmt.amount_range(lo, hi, ds)} (90% interval).")
            break
    if caveat is None and session_weak(session):
        caveat = weak_caveat(session)
    rows = [("Baseline (no media)", fmt.amount(data["baseline"], ds), fmt.share(data["baseline_share"]), "—")]
    rows += [(c, fmt.amount(v["contribution"], ds) if v.get("measurable", True) else "not measurable",
              fmt.share(v["share"]) if v.get("measurable", True) else "—",
              fmt.amount_range(v["contribution_low"], v["contribution_high"], ds)) for c, v in ch.items()]
    return Reply("contribution", headline, tuple(facts[:4]), caveat,
                 Table(f"Where sales came from, {stretch or 'whole modelled period'}",
                       ("Component", "Sales", "Share of total", "90% interval"), tuple(rows)),
                 data=data, charts=(ChartRequest("decomposition"),))


# ---------------------------------------------------------------- saturation
def saturation_data(session: Session, margin: float | None = None) -> SaturationData:
    """Each channel's position on its response curve, next-dollar return and carry-over."""
    margin = margin if margin is not None else session.margin
    hurdle = breakeven_roi(margin) or 1.0
    channels: dict[str, SaturationRow] = {}
    for c in session.saturation.channels:
        channels[c.channel] = {
            "saturation_pct": _r(c.saturation_pct), "marginal_roi": _r(c.marginal_roi), "roi": _r(c.roi),
            "decay": _r(c.decay), "half_life_weeks": _r(c.half_life_weeks), "status": c.status,
            "measurable": bool(c.measurable), "overspending": bool(c.measurable and c.marginal_roi < hurdle),
            "marginal_capped": bool(c.marginal_capped),
        }
    return {"channels": channels, "hurdle_roi": _r(hurdle), "margin": margin}


def next_dollar_range(session: Session, row: SaturationRow, channel: str) -> tuple[float, float] | None:
    """A next-dollar return's 90% range, read from the channel's ROI interval at the same curve (the next dollar
    is the average one times the curve's bend, so it is as uncertain in relative terms); None when unknown."""
    roi = next((c for c in session.roi.channels if c.channel == channel), None)
    if roi is None or roi.roi_low is None or roi.roi_high is None or not num(row["roi"]):
        return None
    bend = num(row["marginal_roi"]) / num(row["roi"])
    return roi.roi_low * bend, roi.roi_high * bend


def next_dollar_ties(session: Session, ch: dict[str, SaturationRow], best: str, measurable: list[str]) -> list[str]:
    """The channels whose next dollar the best one's cannot be told from: the gap is under the two ranges' facing
    half-widths added in quadrature (the best one's lower, the other's upper; an asymmetric, wide range counts on its
    own side). Why: "the best next dollar goes to Paid Search: $2.58" was said flatly while
    Paid Search's return ranged $0.77-$5.10 per $1 and TV's next $1 was $1.50 (review s12: TV's was truly higher)."""
    top = next_dollar_range(session, ch[best], best)
    if top is None:
        return []
    near = []
    for c in sorted((c for c in measurable if c != best), key=lambda c: -num(ch[c]["marginal_roi"])):
        other = next_dollar_range(session, ch[c], c)
        a, b = num(ch[best]["marginal_roi"]), num(ch[c]["marginal_roi"])
        if other is not None and a - b <= math.hypot(a - top[0], other[1] - b):
            near.append(c)
    return near[:2]


def saturation_reply(session: Session, data: SaturationData, channels: tuple[str, ...],
                     overspend: bool = False) -> Reply:
    ch = data["channels"]
    hurdle = data["hurdle_roi"]
    hurdle_text = (f"the {fmt.per_dollar(hurdle, session.dataset)} break-even at a {fmt.margin(data['margin'])} margin"
                   if data["margin"] else "$1.00 of sales per $1")
    facts = []
    overspend_q = overspend
    if channels:
        c = channels[0]
        row = ch[c]
        both = [o for o in channels if o in ch and ch[o]["measurable"]]
        if not row["measurable"]:
            headline = f"{c}'s saturation is not measurable in this data: its effect cannot be told apart from noise."
        elif len(both) >= 2 and not overspend_q:
            # "Is TV or Social more saturated?": the more saturated named, the figures in the order asked
            top = max(both, key=lambda o: num(ch[o]["saturation_pct"]))
            headline = (f"{top} is the more saturated of {fmt.join_names(both)}: " + " vs ".join(
                f"{o} at {fmt.pct(ch[o]['saturation_pct'], 0)} of its maximum response (next $1 returns "
                f"{fmt.per_dollar(ch[o]['marginal_roi'], session.dataset)})" for o in both) + ".")
        elif overspend_q:
            verdict = "Yes" if row["overspending"] else "No"
            headline = (f"{verdict} — the next $1 on {c} returns {fmt.per_dollar(row['marginal_roi'], session.dataset)} in sales, "
                        f"{'below' if row['overspending'] else 'above'} {hurdle_text}.")
        else:
            headline = (f"{c} shows {row['status']}: it runs at {fmt.pct(row['saturation_pct'], 0)} of its maximum "
                        f"response and the next $1 returns {fmt.per_dollar(row['marginal_roi'], session.dataset)} "
                        f"(vs {fmt.per_dollar(row['roi'], session.dataset)} on average).")
        if row["measurable"]:
            facts.append(f"{c} is at {fmt.pct(row['saturation_pct'], 0)} of its maximum response ({row['status']}).")
            facts.append(f"Carry-over: half of {c}'s effect has faded after {fmt.weeks(row['half_life_weeks'])} "
                         f"(weekly decay {fmt.number(row['decay'])}).")
        for other in channels[1:]:
            o = ch[other]
            if not o["measurable"]:
                facts.append(f"{other}: not measurable in this data.")
                continue
            facts.append(f"{other}: {o['status']}, {fmt.pct(o['saturation_pct'], 0)} of maximum, next $1 returns "
                         f"{fmt.per_dollar(o['marginal_roi'], session.dataset)}.")
    else:
        mea = [c for c, v in ch.items() if v["measurable"]]
        # beside channels the data cannot measure, a claim about "every"/"the best" channel covers the measurable ones
        of = " of the measurable channels" if len(mea) < len(ch) else ""
        sat = [c for c in mea if ch[c]["status"] == "saturated"]
        room = sorted([c for c in mea if ch[c]["status"] == "room to grow"], key=lambda c: -num(ch[c]["marginal_roi"]))
        if overspend_q:
            over = [c for c in mea if ch[c]["overspending"]]
            headline = (f"{fmt.join_names(over)} {'is' if len(over) == 1 else 'are'} past the point where the next "
                        f"$1 pays back ({hurdle_text})." if over else
                        f"No measurable channel is overspent: each one's next $1 still returns more than {hurdle_text}.")
        elif sat:
            top = sat[0]
            headline = (f"{fmt.join_names(sat)} {'is' if len(sat) == 1 else 'are'} saturated — "
                        f"{saturation_reason(top, ch[top], session.dataset, named=len(sat) == 1)}.")
        elif not mea:
            headline = "No channel's saturation can be measured in this data: their effects cannot be told apart from noise."
        else:
            top = mea[0]
            headline = (f"No{' measurable' if of else ''} channel is saturated; {top} is the closest at "
                        f"{fmt.pct(ch[top]['saturation_pct'], 0)} of its maximum response.")
        if room:
            best = room[0]
            grow = f"{fmt.join_names(room)} {'has' if len(room) == 1 else 'have'} room to grow"
            # far from saturated is not worth more money: say so where the next $1 does not pay back (a count per
            # $1 has no dollar to pay back)
            poor = [c for c in room if ch[c]["overspending"]] if session.dataset.in_money else []
            fact = f"{grow}; {best}'s next $1 returns {fmt.per_dollar(ch[best]['marginal_roi'], session.dataset)}"
            short = (", ".join(fmt.per_dollar(ch[c]["marginal_roi"], session.dataset) for c in poor)
                     + f" — below the {fmt.ratio(hurdle)} that pays back a dollar")
            if poor == room:   # the best of them is short too: each named once
                fact = f"{grow}, but {'its' if len(room) == 1 else 'their'} next $1 returns only {short}"
            elif poor:
                fact += f", but {fmt.join_names(poor)}'s {'returns' if len(poor) == 1 else 'return'} only {short}"
            facts.append(fact + ".")
        best_marginal = max(mea, key=lambda c: num(ch[c]["marginal_roi"])) if mea else None
        if best_marginal:
            near = next_dollar_ties(session, ch, best_marginal, mea)
            facts.append(f"The best next dollar{of} goes to {best_marginal}: "
                         f"{fmt.per_dollar(ch[best_marginal]['marginal_roi'], session.dataset)} "
                         f"{'in sales ' if session.dataset.in_money else ''}per extra $1"
                         + (f", though {fmt.join_names(near)} ("
                            + ", ".join(fmt.per_dollar(ch[c]["marginal_roi"], session.dataset) for c in near)
                            + f") {'is' if len(near) == 1 else 'are'} within its margin of error." if near else "."))
        longest = max(mea, key=lambda c: ch[c]["half_life_weeks"] or 0) if mea else None
        if longest:
            span = half_life_range(session.fit.channel(longest))   # an always-on channel's can be anything
            spread = (f" (90% range {fmt.weeks(span.low_weeks)} to {fmt.weeks(span.high_weeks)})"
                      if span and fmt.weeks(span.low_weeks) != fmt.weeks(span.high_weeks) else "")
            facts.append(f"{longest} has the longest carry-over{of}: half its effect has faded after "
                         f"{fmt.weeks(ch[longest]['half_life_weeks'])}{spread}.")
    caveat = weak_caveat(session) if session_weak(session) else None
    unmeasurable = [c for c, v in ch.items() if not v["measurable"]]
    if caveat is None and unmeasurable:
        caveat = f"{fmt.join_names(unmeasurable)}: not measurable in this data, so {'its' if len(unmeasurable) == 1 else 'their'} curve is a guess."
    if channels and channels[0] in ch and ch[channels[0]]["measurable"]:
        # "what does the next dollar in Paid Search return?": "$2.58" alone, while its ROI ranged $0.77-$5.10 (the
        # truth's next dollar was $1.33): a next dollar as uncertain as the ROI says its range, as the ROI answer does
        reach = next_dollar_range(session, ch[channels[0]], channels[0])
        if reach is not None and (reach[0] <= 0 or reach[1] / reach[0] > WIDE_RATIO):
            wide = (f"{channels[0]}'s next-dollar return is uncertain: anywhere from "
                    f"{fmt.per_dollar(reach[0], session.dataset)} to {fmt.per_dollar(reach[1], session.dataset)} per $1 "
                    "(90% range, from its ROI interval).")
            caveat = f"{caveat} {wide}" if caveat else wide
    capped = capped_note(session.fit, [session.fit.channel_names.index(c) for c, v in ch.items()
                                       if v["measurable"] and v.get("marginal_capped") and (not channels or c in channels)])
    if capped:
        caveat = f"{caveat} {capped}" if caveat else capped
    rows = tuple((c, v["status"], fmt.pct(v["saturation_pct"], 0), fmt.per_dollar(v["marginal_roi"], session.dataset), fmt.per_dollar(v["roi"], session.dataset),
                  fmt.weeks(v["half_life_weeks"])) if v["measurable"] else (c, "not measurable", "—", "—", "—", "—")
                 for c, v in ch.items())
    return Reply("saturation", headline, tuple(facts[:4]), caveat,
                 Table(f"Saturation and carry-over over {hz.horizon_name(session.dataset.n_weeks, session.dataset.n_weeks)}",
                       ("Channel", "Status", "Of max response", "Next $1 returns",
                                                      "Average ROI", "Half-life"), rows),
                 data=data, charts=(ChartRequest("response_curves"),))
