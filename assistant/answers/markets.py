"""Answers about markets on panel data: ROI by market, one market's ROI, and what-ifs in some markets.

National answers stay the default (they are sums over markets); these answer only when the
question names markets ("in Market03"), picks them ("the three smallest markets") or asks
market by market ("which markets respond most to TV?").
"""
from __future__ import annotations

import math
from typing import Any

from assistant import format as fmt
from assistant.answers.common import asked_period, period_bounds, session_weak, weak_caveat
from assistant.answers.shapes import MarketRoiData, MarketSaturationData, MarketScenarioData
from assistant.reply import ChartRequest, Reply, Table

TOP_ROWS = 12
ALIKE = 0.05   # markets' returns within 5% of the top one: the shared curve's, not a ranking


def wants_markets(session, routed) -> bool:
    """The question is about markets and the data has them."""
    if not (getattr(routed, "geos", ()) or getattr(routed, "geo_pick", None) or getattr(routed, "by_geo", False)):
        return False
    from analysis.panel.results import is_panel

    return is_panel(session.fit)


def _r(x):
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else fmt.round_json(float(x))


def _markets(session, routed, channel: str | None) -> tuple[str, ...]:
    from analysis.panel.results import pick_markets

    if routed.geos:
        return tuple(routed.geos)
    if routed.geo_pick is not None:
        return pick_markets(session.fit, routed.geo_pick.kind, routed.geo_pick.count, channel)
    return ()


def market_roi_data(session, channels: tuple[str, ...], markets: tuple[str, ...]) -> MarketRoiData:
    """JSON for ROI by market: every market (or the ones asked), national figures for reference."""
    from analysis.panel.results import market_breakdown

    fit = session.fit
    b = market_breakdown(fit)
    names = channels or b.channels
    idx = [b.channels.index(c) for c in names]
    rows = [r for r in b.rows if not markets or r.market in markets]
    out: MarketRoiData = {
        "level": "market", "channels_shown": list(names), "size_basis": b.size_source,
        "unit": _unit(session),
        "markets": {r.market: {
            "size": _r(r.size), "sales": _r(r.sales), "spend": _r(float(r.spend[idx].sum())),
            "contribution": _r(float(r.contribution[idx].sum())),
            "roi": _r(float(r.contribution[idx].sum()) / float(r.spend[idx].sum())) if r.spend[idx].sum() > 0 else None,
            "channels": {b.channels[j]: {"spend": _r(r.spend[j]), "contribution": _r(r.contribution[j]),
                                         "roi": _r(r.roi[j]),
                                         "roi_low": _r(r.roi[j] * b.relative_low[j]),
                                         "roi_high": _r(r.roi[j] * b.relative_high[j])} for j in idx},
        } for r in rows},
        "national": {b.channels[j]: {"roi": _r(fit.channels[j].contribution / fit.channels[j].spend)
                                     if fit.channels[j].spend > 0 else None,
                                     "measurable": bool(b.measurable[j])} for j in idx},
    }
    return out


def _unit(session) -> str:
    return "money" if getattr(session.dataset, "in_money", True) else str(session.dataset.kpi_unit)


def market_roi_reply(session, data: MarketRoiData, routed) -> Reply:
    ds = session.dataset
    names = data["channels_shown"]
    what = names[0] if len(names) == 1 else "all media"
    what_lead = what[:1].upper() + what[1:]
    rows = data["markets"]
    ranked = sorted(((m, v) for m, v in rows.items() if v["roi"] is not None), key=lambda mv: -mv[1]["roi"])
    national = data["national"]
    nat_roi = national[names[0]]["roi"] if len(names) == 1 else None
    per = fmt.per_dollar_unit(ds)
    if len(rows) == 1:
        market, v = next(iter(rows.items()))
        headline = f"In {market}, {what} returns {fmt.per_dollar(v['roi'], ds)} {per}"
        if len(names) == 1:
            c = v["channels"][names[0]]
            headline += f" (90% interval {fmt.per_dollar_range(c['roi_low'], c['roi_high'], ds)})"
        headline += "."
        facts = [f"{market} spent {fmt.money(v['spend'], ds)} on {what} and gained {fmt.amount(v['contribution'], ds)}."]
    else:
        top, bottom = ranked[0], ranked[-1]
        scope = "markets" if not routed.geos and routed.geo_pick is None else "of these markets"
        alike = top[1]["roi"] - bottom[1]["roi"] <= ALIKE * abs(top[1]["roi"])
        if alike:
            # one curve per head: markets a few cents apart are not a ranking (review s16: "the most in Chicago
            # ($2.38) and the least in Boston ($2.36)")
            same = fmt.per_dollar(bottom[1]["roi"], ds) == fmt.per_dollar(top[1]["roi"], ds)   # no "$7.24–$7.24"
            span = fmt.per_dollar(top[1]["roi"], ds) if same else fmt.per_dollar_range(bottom[1]["roi"], top[1]["roi"], ds)
            headline = (f"{what_lead} returns about the same in each of {len(rows)} {scope}: "
                        f"{span} {per}, too close to rank, "
                        "since every market shares one response curve per head.")
        else:
            headline = (f"{what_lead} returns the most in {top[0]} ({fmt.per_dollar(top[1]['roi'], ds)} {per}) and the "
                        f"least in {bottom[0]} ({fmt.per_dollar(bottom[1]['roi'], ds)}), across {len(rows)} {scope}.")
        facts = [("By market: " if alike else "Ranking: ") + ", ".join(f"{m} {fmt.per_dollar(v['roi'], ds)}" for m, v in ranked[:6])
                 + (", …" if len(ranked) > 6 else "") + "."]
    if routed.intent.value == "contribution" and ranked:   # "how much did X drive in …": the amount leads
        headline, facts = _contribution_lead(ds, what, rows), [headline, *facts[len(rows) == 1:]]
    if nat_roi is not None:
        facts.append(f"Nationally {what} returns {fmt.per_dollar(nat_roi, ds)} {per}; markets differ because their "
                     f"spend per head sits at different points of the same response curve"
                     f"{' and their revenue per unit differs' if ds.revenue_note else ''}.")
    facts.append(f"Curves are shared across markets per head ({data['size_basis']}), so a market's ROI is as "
                 f"uncertain as the national one in relative terms.")
    caveat = None
    if len(names) == 1 and not national[names[0]]["measurable"]:
        caveat = f"{names[0]} is not measurable nationally, so its market figures are not reliable either."
    if routed.intent.value == "budget_optimization":   # "best split by market": say what a plan is, not only ROI
        facts.insert(0, "Plans split the budget across channels, with every market moving by the same share (one "
                        "curve per channel, shared per head); ask “how should we split the budget?” for that plan. "
                        "Below: where each dollar returns most today, market by market.")
    table_rows = tuple((m, fmt.money(v["spend"], ds), fmt.amount(v["contribution"], ds), fmt.per_dollar(v["roi"], ds))
                       for m, v in ranked[:TOP_ROWS])
    note = f"{len(ranked) - TOP_ROWS} more markets in the JSON data" if len(ranked) > TOP_ROWS else None
    table = Table(f"ROI by market — {what}", ("Market", "Spend", f"Incremental {fmt.outcome_word(ds)}", "ROI"),
                  table_rows, note)
    return Reply(routed.intent.value, headline, tuple(facts), caveat, table, data=data,
                 charts=(ChartRequest("market_roi", data),))


def _contribution_lead(ds, what: str, rows: dict) -> str:
    """The headline of a contribution question about markets: what the channels drove there (and the share of
    that market's sales), not their ROI."""
    word = fmt.outcome_word(ds)
    if len(rows) == 1:
        market, v = next(iter(rows.items()))
        part = f" ({fmt.share(v['contribution'] / v['sales'])} of its {word})" if v.get("sales") else ""
        return f"In {market}, {what} drove {fmt.amount(v['contribution'], ds)} of {word}{part}."
    by = sorted(rows.items(), key=lambda mv: -(mv[1]["contribution"] or 0.0))
    total = sum(v["contribution"] or 0.0 for v in rows.values())
    return (f"{what[:1].upper() + what[1:]} drove {fmt.amount(total, ds)} of {word} across {len(rows)} markets: "
            f"the most in {by[0][0]} ({fmt.amount(by[0][1]['contribution'], ds)}), the least in {by[-1][0]} "
            f"({fmt.amount(by[-1][1]['contribution'], ds)}).")


def market_scenario_data(session, result) -> MarketScenarioData:
    return {
        "level": "market", "markets": list(result.markets), "changes": dict(result.changes),
        "unit": _unit(session), "delta_spend": _r(result.spend_change), "delta_sales": _r(result.delta_sales),
        "delta_sales_low": _r(result.delta_low), "delta_sales_high": _r(result.delta_high),
        "delta_sales_pct": _r(result.delta_pct), "prob_loss": _r(result.prob_loss),
        "unmeasured": list(result.unmeasured), "extrapolated": list(result.extrapolated),
        "by_market": {m: {"delta_spend": _r(s), "delta_sales": _r(d)} for m, s, d in result.by_market},
    }


def market_scenario_reply(session, data: MarketScenarioData, assumed: bool) -> Reply:
    ds = session.dataset
    change = ", ".join(f"{c} {fmt.signed_pct(p, 0)}" for c, p in data["changes"].items())
    every = len(data["markets"]) == len(session.fit.markets) > 1
    where = (f"all {len(data['markets'])} markets" if every else
             ", ".join(data["markets"][:5]) + (f" and {len(data['markets']) - 5} more" if len(data["markets"]) > 5 else ""))
    delta = data["delta_sales"] or 0.0
    verb = "gain" if delta >= 0 else "lose"
    over = f" over {data['window']}" if data.get("window") else ""
    headline = (f"{change} in {where}{over} would {verb} about {fmt.amount(abs(delta), ds)} "
                f"({fmt.signed_pct(data['delta_sales_pct'], 2)} nationally; 90% interval "
                f"{fmt.signed_amount(data['delta_sales_low'], ds)} to {fmt.signed_amount(data['delta_sales_high'], ds)}).")
    facts = [f"Spend changes by {fmt.signed_money(data['delta_spend'], ds)}"
             + ("; every market changes by the same %, as the national what-if does." if every
                else "; the other markets keep their plan.")]
    if len(data["changes"]) > 1:
        facts.append("The interval draws the channels together, from the panel model's own refits: channels whose "
                     "credit the data trade against each other move together in it.")
        if min(data["changes"].values()) < 0 < max(data["changes"].values()):
            facts.append(f"Chance it sells less than today's plan: {fmt.chance(data['prob_loss'] or 0.0)}.")
    if assumed:
        facts.append("No size was given, so this assumes the change shown; name a percentage to try another.")
    from assistant.answers.budget import whatif_caveat  # the national what-if's caveat rule, one for both

    caveat = whatif_caveat(session, len(data["changes"]), list(data["unmeasured"]), data["delta_sales_low"] or 0.0,
                           data["delta_sales_high"] or 0.0, extrapolated=data["extrapolated"])
    shown = sorted(data["by_market"].items(), key=lambda mv: -abs(mv[1]["delta_sales"] or 0.0))[:TOP_ROWS] \
        if len(data["by_market"]) > TOP_ROWS else list(data["by_market"].items())
    note = f"the {TOP_ROWS} largest changes; {len(data['by_market']) - TOP_ROWS} more markets in the JSON data" \
        if len(data["by_market"]) > TOP_ROWS else None
    table = Table(f"What-if by market: {change}", ("Market", "Δ spend", f"Δ {fmt.outcome_word(ds)}"),
                  tuple((m, fmt.signed_money(v["delta_spend"], ds), fmt.signed_amount(v["delta_sales"], ds))
                        for m, v in shown), note)
    return Reply("budget_scenario", headline, tuple(facts), caveat, table, data=data)


def geo_reply(session, routed, known: tuple[str, ...]) -> Reply | None:
    """The reply to a question about markets, or None to answer nationally."""
    reply = _geo_reply(session, routed, known)
    return None if reply is None else _divergence(session, reply)


def _geo_reply(session, routed, known: tuple[str, ...]) -> Reply | None:
    from analysis.panel.results import market_scenario

    intent = routed.intent.value
    channel = known[0] if known else None
    markets = _markets(session, routed, channel)
    if intent == "budget_scenario" and getattr(routed, "geo_shift", None) is not None:
        return market_shift_reply(session, routed, known)
    if intent == "budget_scenario" and known and (markets or routed.by_geo):
        # "in every market", "market by market": the what-if in all markets, shown market by market
        markets = markets or tuple(session.fit.markets)
        changes = dict(routed.changes) if routed.changes else {}
        assumed = False
        if not changes:
            pct = routed.percentage if routed.percentage is not None else _lead(routed)
            changes = {c: pct for c in known}
            assumed = routed.percentage is None
        from assistant.answers.budget import decision_weeks

        weeks, where = decision_weeks(session, routed)   # the question's window, else the planning horizon
        result = market_scenario(session.fit, changes, markets, weeks=weeks)
        data = {**market_scenario_data(session, result), "horizon_weeks": int(weeks.sum()), "window": where}
        reply = market_scenario_reply(session, data, assumed)  # type: ignore[arg-type]
        every = len(markets) == len(session.fit.markets)
        return reply.but(charts=(ChartRequest("market_what_if", {**data, "every": every}),))   # its caveat: whatif_caveat
    if intent == "trend" and len(markets) == 1:
        return _weak(session, market_trend_reply(session, routed, markets[0]))
    if intent == "saturation" and known and (markets or routed.by_geo):
        return _weak(session, market_saturation_reply(session, known[0], markets))
    if intent in ("roi_analysis", "contribution", "saturation", "executive_summary") or routed.by_geo:
        return _weak(session, market_roi_reply(session, market_roi_data(session, known, markets), routed))
    return None


def market_shift_reply(session, routed, known: tuple[str, ...]) -> Reply:
    """ "Move 10% of TV budget from Central to North": the same money spent in the other market (national spend
    unchanged); what the two markets gain and lose, with the interval and chance of a loss a market what-if carries."""
    from analysis.panel.results import market_shift
    from assistant.answers.budget import _units, decision_weeks, whatif_caveat

    move = routed.geo_shift
    ds = session.dataset
    weeks, where = decision_weeks(session, routed)
    result = market_shift(session.fit, known, move.from_market, move.to_market, percentage=move.percentage,
                          amount=_units(session, move.amount), weeks=weeks)
    data: MarketScenarioData = {**market_scenario_data(session, result), "horizon_weeks": int(weeks.sum()),
                                "window": where,
                                "shift": {"from_market": move.from_market, "to_market": move.to_market,
                                          "percentage": move.percentage, "amount": _r(_units(session, move.amount))}}
    rows = data["by_market"]
    moved = abs(num_or_zero(rows.get(move.to_market, {}).get("delta_spend")))
    what = " and ".join(known) if known else "all media"
    size = f"{move.percentage:g}% of {what} spend" if move.percentage is not None else f"{fmt.money(moved, ds)} of {what}"
    delta = data["delta_sales"] or 0.0
    headline = (f"Moving {size} from {move.from_market} to {move.to_market} over {where} would "
                f"{'gain' if delta >= 0 else 'lose'} about {fmt.amount(abs(delta), ds)} ({fmt.signed_pct(data['delta_sales_pct'], 2)} "
                f"nationally; 90% interval {fmt.signed_amount(data['delta_sales_low'], ds)} to "
                f"{fmt.signed_amount(data['delta_sales_high'], ds)}).")
    by_market = "; ".join(f"{m}: {fmt.signed_money(v['delta_spend'], ds)} of spend, {fmt.signed_amount(v['delta_sales'], ds)}"
                          for m, v in rows.items())
    facts = [f"{fmt.money(moved, ds)} moves; national spend is unchanged and the other markets keep their plan.",
             f"By market: {by_market}.",
             f"Chance the move sells less than today's plan: {fmt.chance(data['prob_loss'] or 0.0)}."]
    caveat = whatif_caveat(session, max(1, len(known)), list(data["unmeasured"]), data["delta_sales_low"] or 0.0,
                           data["delta_sales_high"] or 0.0, extrapolated=data["extrapolated"])
    table = Table(f"Move {move.from_market} → {move.to_market}", ("Market", "Δ spend", f"Δ {fmt.outcome_word(ds)}"),
                  tuple((m, fmt.signed_money(v["delta_spend"], ds), fmt.signed_amount(v["delta_sales"], ds))
                        for m, v in rows.items()))
    return Reply("budget_scenario", headline, tuple(facts), caveat, table, data=data)


def market_saturation_reply(session, channel: str, markets: tuple[str, ...]) -> Reply:
    """ "Is TV saturated in North?": where the market sits on the channel's shared curve per head, its next $1 and
    average $1 there, against the national figures (the saturation answer's own)."""
    from analysis.panel.results import market_saturation

    ds = session.dataset
    from analysis.results import saturation_order

    rows = market_saturation(session.fit, channel, markets)
    nat = next((c for c in session.saturation.channels if c.channel == channel), None)
    data: MarketSaturationData = {"level": "market", "channel": channel, "unit": _unit(session),
            "markets": {r.market: {"spend": _r(r.spend), "roi": _r(r.roi), "marginal_roi": _r(r.marginal_roi),
                                   "saturation_pct": _r(r.saturation_pct), "status": r.status} for r in rows},
            "national": None if nat is None else {"roi": _r(nat.roi), "marginal_roi": _r(nat.marginal_roi),
                                                  "saturation_pct": _r(nat.saturation_pct), "status": nat.status}}
    lead = rows[0]
    if len(rows) == 1:
        headline = (f"In {lead.market}, {channel} runs at {fmt.pct(lead.saturation_pct, 0)} of its maximum response per "
                    f"head ({lead.status}): its next $1 there returns {fmt.per_dollar(lead.marginal_roi, ds)}, against "
                    f"{fmt.per_dollar(lead.roi, ds)} on its average $1.")
    else:
        # the national answer's order: the status said first, then the share of the maximum
        rows = tuple(sorted(rows, key=lambda r: saturation_order(r.status, r.saturation_pct)))
        top, low = rows[0], rows[-1]
        headline = (f"{channel} is most saturated in {top.market} ({fmt.pct(top.saturation_pct, 0)} of its maximum, "
                    f"{top.status}, next $1 {fmt.per_dollar(top.marginal_roi, ds)}) and least in {low.market} "
                    f"({fmt.pct(low.saturation_pct, 0)}, {low.status}, next $1 {fmt.per_dollar(low.marginal_roi, ds)}).")
    facts = []
    if nat is not None:
        facts.append(f"Nationally {channel} runs at {fmt.pct(nat.saturation_pct, 0)} of its maximum (the markets' own "
                     f"shares averaged by size) and its next $1 returns {fmt.per_dollar(nat.marginal_roi, ds)} ({nat.status}).")
    facts.append("Markets share one response curve per head of population: a market that spends more per head sits "
                 "higher on it, so its next $1 returns less, unless its revenue per unit is higher.")
    if nat is not None and nat.marginal_capped:
        facts.append(f"{channel} spends every week, so the national next $1 is capped at its average dollar; the "
                     "market figures are the fitted curve's own.")
    table = Table(f"{channel}: saturation by market", ("Market", "Spend", "Of max response", "Next $1", "Average $1",
                                                        "Status"),
                  tuple((r.market, fmt.money(r.spend, ds), fmt.pct(r.saturation_pct, 0),
                         fmt.per_dollar(r.marginal_roi, ds), fmt.per_dollar(r.roi, ds), r.status)
                        for r in rows[:TOP_ROWS]))
    return Reply("saturation", headline, tuple(facts), None, table, data=data)


TREND_WEEKS = (52, 13)   # with no period named: the last year against the one before, else the last quarter


def _trend_weeks(session, routed):
    """(now, before, label now, label before): the period asked (against as many weeks right before it), else the
    last 52 weeks against the 52 before (13 and 13 on data shorter than two years)."""
    import numpy as np

    ds = session.dataset
    dates, n = ds.dates, ds.n_weeks
    period = asked_period(routed)
    if period is not None:
        start, end, label = period_bounds(ds, period)
        if getattr(period, "onwards", False):   # "since 2023": from its first week to the last one in the data
            end, label = dates[-1], f"{label} onwards"
        now = np.asarray((dates >= start) & (dates <= end), dtype=bool)
        first = int(np.flatnonzero(now)[0])
        size = int(now.sum())
        before = np.zeros(n, dtype=bool)
        before[max(0, first - size):first] = True
        return now, before, label, f"the {before.sum()} weeks before"
    size = next((w for w in TREND_WEEKS if n >= 2 * w), max(1, n // 2))
    now, before = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    now[n - size:], before[n - 2 * size:n - size] = True, True
    return now, before, f"the last {size} weeks", f"the {size} weeks before"


def market_trend_reply(session, routed, market: str) -> Reply:
    """ "How have sales trended in the West?": that market's average weekly sales against the stretch before, split
    into each channel's incremental sales, the market's baseline (trend, season, controls) and what is unexplained."""
    from analysis.panel.results import market_trend

    ds = session.dataset
    now, before, label, earlier = _trend_weeks(session, routed)
    t = market_trend(session.fit, market, now, before)
    word = fmt.outcome_word(ds)
    moved = sorted((d for d in t.drivers if abs(d[1]) >= 0.05), key=lambda d: -abs(d[1]))
    said = ", ".join(f"{'baseline (trend, season, controls)' if name == 'baseline' else name} {fmt.points(p)}"
                     for name, p in moved[:4])
    headline = (f"In {market}, average weekly {word} in {label} were {fmt.pct(abs(t.change_pct))} "
                f"{'above' if t.change_pct >= 0 else 'below'} {earlier}" + (f": {said}." if said else "."))
    data = {"level": "market", "market": market, "period": label, "previous_period": earlier,
            "sales": _r(t.sales_now), "previous_sales": _r(t.sales_before), "change_pct": _r(t.change_pct),
            "drivers": {name: _r(p) for name, p in t.drivers}, "unexplained_pts": _r(t.unexplained)}
    facts = (f"Average weekly {word}: {fmt.amount(t.sales_now, ds)} in {label} vs {fmt.amount(t.sales_before, ds)} in "
             f"{earlier}.",
             f"Not explained by the model (promotions, pricing, noise): {fmt.points(t.unexplained)}.",
             "The baseline is the market's own level, trend and season; each channel's part is its incremental "
             f"{word} in {market} on the curve the markets share per head.")
    table = Table(f"{market}: what moved {word}", ("Driver", "Points"),
                  tuple(("Baseline" if n == "baseline" else n, fmt.points(p)) for n, p in t.drivers)
                  + (("Unexplained", fmt.points(t.unexplained)),))
    # the national trend answer's rule: a gap the model leaves larger than 2 points and half the change is said
    caveat = ("A large part of the change is not explained by media, seasonality or trend."
              if abs(t.unexplained) > max(2.0, 0.5 * abs(t.change_pct)) else None)
    return Reply("trend", headline, facts, caveat, table, data=data)  # type: ignore[arg-type]


def num_or_zero(x) -> float:
    return 0.0 if x is None else float(x)


def _divergence(session, reply: Reply) -> Reply:
    """A market asked about whose response to a channel asked about clearly differs from the curve every market
    shares (`analysis.panel.divergence`): said first in the caveat and listed in `data.divergent`. The answer's
    figures stay the shared curve's, which for that market are likely too low (or too high)."""
    from analysis.panel.divergence import market_divergence

    data: dict[str, Any] = dict(reply.data or {})
    channels = set(data.get("channels_shown") or data.get("changes") or ([data["channel"]] if data.get("channel") else []))
    if "markets" not in data:   # a market's trend splits its sales by driver: no figure of the curve to caveat
        return reply
    markets = set(data["markets"]) | ({data["shift"]["from_market"], data["shift"]["to_market"]} if data.get("shift") else set())
    found = [d for d in market_divergence(session.fit)
             if (not channels or d.channel in channels) and (not markets or d.market in markets)]
    if not found:
        return reply
    data["divergent"] = [{"market": d.market, "channel": d.channel, "multiplier": _r(d.multiplier),
                          "multiplier_low": _r(d.low), "multiplier_high": _r(d.high)} for d in found]
    d = found[0]
    way = "too low" if d.multiplier > 1 else "too high"
    text = (f"{d.market}'s {fmt.outcome_word(session.dataset)} move with {d.channel} about {d.multiplier:.1f}x as much as "
            f"the curve every market shares says (90% interval {d.low:.1f}x–{d.high:.1f}x): the model gives all markets "
            f"one curve per head, so {d.channel}'s figures for {d.market} here are likely {way}; a test there would "
            f"settle it.")
    rows = data.get("markets")
    row = rows.get(d.market) if isinstance(rows, dict) else None
    roi = (row.get("channels") or {}).get(d.channel, {}).get("roi") if isinstance(row, dict) else None
    if roi is not None:   # ROI by market: what the multiple would make of the market's figure
        text += (f" At that multiple {d.channel} would return about {fmt.per_dollar(roi * d.multiplier, session.dataset)} "
                 f"per $1 in {d.market}.")
    if len(found) > 1:
        text += " Also: " + "; ".join(f"{e.market} on {e.channel} ({e.multiplier:.1f}x)" for e in found[1:4]) + "."
    lead = _lead_at_multiple(session, data, d, roi, row)
    if lead is not None:
        return reply.but(headline=lead + " " + reply.headline, caveat=text + (f" {reply.caveat}" if reply.caveat else ""),
                         data=data)
    if isinstance(rows, dict) and len(rows) > 1 and reply.intent == "roi_analysis":
        # ROI by market: the market that responds unlike the others leads, not only the caveat (the known gap)
        return reply.but(headline=f"{d.market} stands out on {d.channel}: its {fmt.outcome_word(session.dataset)} "
                                  f"move with it about {d.multiplier:.1f}x as much as the curve every market shares "
                                  f"says, so its figure below is likely {way}. " + reply.headline,
                         caveat=text + (f" {reply.caveat}" if reply.caveat else ""), data=data)
    return reply.but(caveat=text + (f" {reply.caveat}" if reply.caveat else ""), data=data)


def _scaled(low: float, high: float, d) -> tuple[float, float]:
    """An interval times the multiple's own interval: its widest reading, so it holds both uncertainties."""
    ends = [x * m for x in (low, high) for m in (d.low, d.high)]
    return min(ends), max(ends)


def _lead_at_multiple(session, data: dict[str, Any], d, roi: float | None, row: Any) -> str | None:
    """One market asked about, on the one channel it answers unlike the shared curve: the headline leads with the
    figure at the measured multiple (review s17 G05/G08: "In Kentucky, Direct Mail returns $1.87 (1.38–2.76)" above
    a caveat saying about $3.50; the truth was 3.62). The shared curve's figure follows, and `data.divergent` carries
    both; a what-if that moves other channels or markets too keeps the caveat alone."""
    ds = session.dataset
    entry = data["divergent"][0]
    word = fmt.outcome_word(ds)
    said = (f"{d.market} stands out on {d.channel}: its {word} move with it about {d.multiplier:.1f}x as much as the "
            f"curve every market shares says")
    if roi is not None and isinstance(data.get("markets"), dict) and len(data["markets"]) == 1:
        ch = (row.get("channels") or {}).get(d.channel, {})
        if ch.get("roi_low") is None or ch.get("roi_high") is None:
            return None
        low, high = _scaled(ch["roi_low"], ch["roi_high"], d)
        entry.update(roi_at_multiple=_r(roi * d.multiplier), roi_at_multiple_low=_r(low), roi_at_multiple_high=_r(high))
        return (f"{said}, so there it likely returns about {fmt.per_dollar(roi * d.multiplier, ds)} "
                f"{fmt.per_dollar_unit(ds)} (90% interval {fmt.per_dollar_range(low, high, ds)}), not the shared "
                f"curve's figure below.")
    changes, markets = data.get("changes"), data.get("markets")
    if (isinstance(changes, dict) and set(changes) == {d.channel} and isinstance(markets, list)
            and set(markets) == {d.market} and data.get("delta_sales") is not None
            and data.get("delta_sales_low") is not None and data.get("delta_sales_high") is not None):
        point = data["delta_sales"] * d.multiplier
        low, high = _scaled(data["delta_sales_low"], data["delta_sales_high"], d)
        entry.update(delta_sales_at_multiple=_r(point), delta_sales_at_multiple_low=_r(low),
                     delta_sales_at_multiple_high=_r(high))
        return (f"{said}, so this change would likely move {word} by about {fmt.signed_amount(point, ds)} "
                f"(90% interval {fmt.amount_range(low, high, ds)}), not the shared curve's figure below.")
    return None


def _weak(session, reply: Reply) -> Reply:
    """The Low-grade caveat the national ROI answer carries (market ROI answers dropped it)."""
    return reply.but(caveat=weak_caveat(session)) if reply.caveat is None and session_weak(session) else reply


def _lead(routed) -> float:
    """The change a sizeless what-if points to (the router's direction cue), as the national what-if reads it."""
    from assistant.answers.budget import LEAD_CHANGE

    return LEAD_CHANGE[routed.direction or "cut"]


def scope_lines(dataset) -> tuple[str, ...]:
    """What the answers are measured in and, for panel data, how markets are treated: stated in the
    welcome panel and in `data_overview`, so a count is never mistaken for dollars."""
    lines = []
    unit = getattr(dataset, "kpi_unit", None)
    if getattr(dataset, "revenue_note", None):
        lines.append(f"Answers are in money: revenue = {dataset.revenue_note}.")
    elif unit:
        single = unit.removesuffix("s")
        lines.append(f"Answers are in {unit}, not money (no revenue per {single} column): returns read as {unit} "
                     f"per $1 and cost per {single}; pass --revenue-per-kpi COL to answer in money.")
    panel = getattr(dataset, "panel", None)
    if panel is not None:
        lines.append(f"{panel.n_markets} markets (column '{panel.geo_column}'): national figures add the markets up; "
                     f"ask about one by name, e.g. “ROI of {dataset.channels[0]} in {panel.markets[0]}”.")
    return tuple(lines)


def outcome_unit(dataset) -> str:
    """`data_overview`'s `outcome_unit`: "money", or the count the target is ("conversions")."""
    return "money" if getattr(dataset, "kpi_unit", None) is None else str(dataset.kpi_unit)


def markets_overview(dataset) -> dict | None:
    """`data_overview`'s `markets`: the panel's column, count, names and size basis (None: no markets)."""
    panel = getattr(dataset, "panel", None)
    return None if panel is None else {
        "column": panel.geo_column, "count": panel.n_markets, "names": list(panel.markets),
        "size_basis": panel.population_source, "balanced": panel.balanced}
