"""Model-quality answers — intent model_quality: how far to trust the numbers, overall or for one channel."""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant import format as fmt
from assistant.answers.channels import roi_data
from assistant.answers.common import known_channels, spend_moved_only, unmeasured_channels
from assistant.answers.common import r as _r
from assistant.answers.shapes import LastDecision, MarketReturn, MarketReturnRow, QualityData
from assistant.reply import Reply, Table

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery


def answer_quality(session: Session, routed: RoutedQuery) -> Reply:
    known = known_channels(session, routed)
    data = quality_data(session, known[0] if known else None)
    last = _last_decision(session, routed)
    if last is not None:
        data["last_answer"] = last
    markets = _last_market_return(session, routed, known[0] if known else None)
    if markets is not None:
        data["market_return"] = markets
    return quality_reply(session, data)


def _last_market_return(session: Session, routed: RoutedQuery, channel: str | None) -> MarketReturn | None:
    """ "How sure are you?" right after a return by market ("ROI of Social in Denver", "ROI by market"; the router
    carries its markets): those markets' own 90% intervals and what the shared curve means for them, not the model's
    R² (review s16: the model's grade answered it)."""
    if routed.source != "context" or not (routed.geos or routed.by_geo) or not session.answered:
        return None
    last = session.answered[-1]
    d = last.get("data") or {}
    if last.get("intent") != "roi_analysis" or d.get("level") != "market" or not isinstance(d.get("markets"), dict):
        return None
    names = [m for m in (routed.geos or tuple(d["markets"])) if m in d["markets"]]
    rows: dict[str, MarketReturnRow] = {}
    for m in names:
        row = d["markets"][m]
        ch = (row.get("channels") or {}).get(channel) if channel else None
        if channel and ch is None:
            continue
        rows[m] = {"roi": ch["roi"] if ch else row.get("roi"), "roi_low": ch.get("roi_low") if ch else None,
                   "roi_high": ch.get("roi_high") if ch else None}
    if not rows:
        return None
    from analysis.panel.divergence import market_divergence

    divergent = [{"market": x.market, "channel": x.channel, "multiplier": _r(x.multiplier)}
                 for x in market_divergence(session.fit)   # type: ignore[arg-type]
                 if x.market in rows and (channel is None or x.channel == channel)]
    return {"channel": channel, "markets": rows, "divergent": divergent}


def _last_decision(session: Session, routed: RoutedQuery) -> LastDecision | None:
    """ "How sure are you about that?" right after a what-if or a plan (the router reads it from context): that
    answer's own 90% interval, quoted beside the model's grade, so the reply speaks to the figure asked about."""
    if routed.source != "context" or not session.answered:
        return None
    last = session.answered[-1]
    d = last.get("data") or {}
    if last.get("intent") == "budget_scenario" and d.get("delta_sales_low") is not None and "scenarios" not in d:
        keys = ("delta_sales", "delta_sales_low", "delta_sales_high")
    elif last.get("intent") == "budget_optimization" and d.get("expected_delta_sales_low") is not None:
        keys = ("expected_delta_sales", "expected_delta_sales_low", "expected_delta_sales_high")
    else:
        return None
    if any(d.get(k) is None for k in keys):
        return None
    label = str(d.get("label") or ("the plan" if last.get("intent") == "budget_optimization" else "the what-if"))
    changed = list(d.get("channels") or ()) if last.get("intent") == "budget_scenario" else []
    # the chance the answer itself stated: a plan's, or a move's of selling less than today's mix (a cut or a raise
    # states none: the one sells less by design, the other is judged by its return per dollar)
    prob_loss = d.get("prob_loss")
    stated = last.get("intent") == "budget_optimization" or spend_moved_only(d)
    return {"label": label, "delta_sales": float(d[keys[0]]), "delta_sales_low": float(d[keys[1]]),
            "delta_sales_high": float(d[keys[2]]),
            "prob_loss": float(prob_loss) if prob_loss is not None and stated else None,
            # a what-if resting only on channels the data cannot measure was answered by its interval, not a point
            "measurable": not changed or len(unmeasured_channels(session, changed)) < len(changed),
            "rescaled": (last.get("intent") == "budget_optimization" and d.get("total_budget") is not None
                         and d.get("current_budget") is not None
                         and not fmt.same_budget(float(d["total_budget"]), float(d["current_budget"])))}


def quality_data(session: Session, channel: str | None = None) -> QualityData:
    """Grade with reasons, fit statistics and per-channel confidence."""
    q = session.quality
    data: QualityData = {"grade": q.grade, "reasons": list(q.reasons), "improvements": list(q.improvements),
            "r2": _r(q.r2), "adj_r2": _r(q.adj_r2), "mape": _r(q.mape), "oos_mape": _r(q.oos_mape),
            "durbin_watson": _r(q.durbin_watson),
            "channel_confidence": {c.channel: c.label for c in q.channels},
            "channels": {c.channel: {"confidence": c.label, "relative_width": _r(c.relative_width),
                                     "measurable": bool(c.measurable), "vif": _r(c.vif), "reasons": list(c.reasons),
                                     "improvements": list(c.improvements)} for c in q.channels},
            "warnings": list(q.warnings)}
    from analysis.decisions.optimize import low_grade

    # plans hold today's mix on the fit-only grade (no backtest): say so when it differs from this one
    data["plan_grade_low"] = low_grade(session.fit)
    if channel is not None:
        data["channel"] = channel
        data["channel_roi"] = roi_data(session)["channels"][channel]
    return data


def quality_reply(session: Session, data: QualityData) -> Reply:
    if data.get("channel"):
        c = data["channel"]
        info = data["channels"][c]
        row = data["channel_roi"]
        headline = (f"Confidence in {c}'s estimate: {info['confidence']} — "
                    + (f"{fmt.per_dollar(row['roi'], session.dataset)} per $1, 90% interval {fmt.per_dollar_range(row['roi_low'], row['roi_high'], session.dataset)}."
                       if row["measurable"] else "not measurable in this data."))
        facts = [r[:1].upper() + r[1:] + "." for r in info["reasons"][:2]]
        facts += [f"To tighten it: {i}." for i in info["improvements"][:1]]
        facts.append(f"Overall model reliability: {data['grade']}.")
    else:
        headline = (f"Model reliability: {data['grade']} — R² {fmt.number(data['r2'])}, typical weekly error "
                    f"{fmt.pct(data['mape'])}" + (f", {fmt.pct(data['oos_mape'])} on held-out quarters."
                                                  if data["oos_mape"] is not None else "."))
        facts = [r[:1].upper() + r[1:] + "." for r in data["reasons"][:3]]
        wide = [c for c, v in data["channel_confidence"].items() if v == "wide"]
        if data.get("plan_grade_low") is not None and data["plan_grade_low"] != (data["grade"] == "Low"):
            facts = facts[:2] + [_plan_grade_line(bool(data["plan_grade_low"]))]
        if wide:
            facts.append(f"Least certain: {fmt.join_names(wide)} (wide intervals).")
    if data.get("market_return"):
        headline, facts = _market_return_lines(session, data["market_return"], data["grade"])
    last = data.get("last_answer")
    if last is not None:
        ds = session.dataset
        if all(abs(last[k] or 0.0) < 1e-9 for k in ("delta_sales", "delta_sales_low", "delta_sales_high")):
            # a plan that keeps today's mix changes nothing: "±$0 of sales, 90% interval ±$0 to ±$0" said nothing
            line = (f"The last answer ({last['label']}) keeps today's mix, so it changes no {fmt.outcome_word(ds)}: "
                    f"there is nothing in it to be unsure of")
        elif last.get("measurable", True):
            line = (f"The last answer ({last['label']}): {fmt.signed_amount(last['delta_sales'], ds)} of "
                    f"{fmt.outcome_word(ds)}, 90% interval {fmt.signed_amount(last['delta_sales_low'], ds)} to "
                    f"{fmt.signed_amount(last['delta_sales_high'], ds)}")
        else:   # as that answer said it: no point for an effect the data cannot tell from zero
            line = (f"The last answer ({last['label']}): the change in {fmt.outcome_word(ds)} cannot be told from zero "
                    f"in this data — somewhere from "
                    f"{fmt.amount_range(last['delta_sales_low'], last['delta_sales_high'], ds)} (90% interval)")
        prob_loss = last.get("prob_loss")
        if prob_loss is not None and "keeps today's mix" not in line:
            # a plan on another budget is judged against today's mix scaled to it, not against today's sales
            line += (f"; chance it sells less than today's mix scaled to that budget {fmt.chance(prob_loss)}"
                     if last.get("rescaled") else f"; chance of a loss {fmt.chance(prob_loss)}")
        facts = [line + "; the grade above says how far the model behind it can be trusted."] + facts
    caveat = None
    if data["grade"] != "High" and data["improvements"]:
        caveat = "To improve it: " + "; ".join(data["improvements"][:2]) + "."
    rows: tuple[tuple[str, str], ...] = (("Grade", data["grade"]), ("R²", fmt.number(data["r2"])), ("Adjusted R²", fmt.number(data["adj_r2"])),
            ("Typical weekly error (MAPE)", fmt.pct(data["mape"])),
            ("Held-out error (backtest MAPE)", fmt.pct(data["oos_mape"])),
            ("Durbin-Watson (2 = no leftover pattern)", fmt.number(data["durbin_watson"])))
    rows += tuple((f"Confidence: {k}", v) for k, v in data["channel_confidence"].items())
    return Reply("model_quality", headline, tuple(facts[:4]), caveat, Table("Model reliability", ("Measure", "Value"), rows),
                 data=data)


def _plan_grade_line(plan_low: bool) -> str:
    """Budget plans hold today's mix on the grade from the fit alone (before the backtest); when that
    grade and this answer's differ, one line says which one plans use, so the two never read as a contradiction."""
    if plan_low:
        return ("Budget plans use the grade from the fit alone, before the backtest, which is Low: "
                "a plan keeps today's mix on this data.")
    return ("Budget plans use the grade from the fit alone, before the backtest, which is not Low: "
            "they may still re-split the budget.")


def _market_return_lines(session: Session, mr: MarketReturn, grade: str) -> tuple[str, list[str]]:
    """The headline and facts of "how sure?" after a return by market: each market's interval (or their spread),
    why markets barely differ (one curve per head) and what the check for a market unlike the others found."""
    ds = session.dataset
    what = mr["channel"] or "All media"
    rows = mr["markets"]
    ranged = {m: r for m, r in rows.items() if r["roi_low"] is not None and r["roi_high"] is not None}
    if len(rows) == 1:
        m, r = next(iter(rows.items()))
        headline = (f"In {m}, {what}'s {fmt.per_dollar(r['roi'], ds)} per $1 is "
                    + (f"uncertain: 90% interval {fmt.per_dollar_range(r['roi_low'], r['roi_high'], ds)}." if m in ranged
                       else "as uncertain as the national figure, in relative terms."))
    else:
        low = min(rows.items(), key=lambda kv: kv[1]["roi"] or 0.0)
        high = max(rows.items(), key=lambda kv: kv[1]["roi"] or 0.0)
        tied = fmt.per_dollar(low[1]["roi"], ds) == fmt.per_dollar(high[1]["roi"], ds)   # not "$7.24 (A) to $7.24 (A)"
        headline = ((f"{what} by market is {fmt.per_dollar(high[1]['roi'], ds)} per $1 in every market" if tied else
                     f"{what} by market runs from {fmt.per_dollar(low[1]['roi'], ds)} per $1 ({low[0]}) to "
                     f"{fmt.per_dollar(high[1]['roi'], ds)} ({high[0]})")
                    + (f", each with a 90% interval about as wide as {high[0]}'s "
                       f"({fmt.per_dollar_range(ranged[high[0]]['roi_low'], ranged[high[0]]['roi_high'], ds)})"
                       if high[0] in ranged else _media_interval(session))
                    + ": the gaps between markets are far smaller than that.")
    facts = ["Every market shares one response curve per head, so markets differ only by where their spend per head "
             "sits on it (and their revenue per unit): a market's figure is as uncertain as the national one, and a "
             "ranking of markets is not a measured difference."]
    if mr["divergent"]:
        facts.append("A market whose sales respond unlike the shared curve: " + "; ".join(
            f"{x['market']} on {x['channel']} (about {x['multiplier']:.1f}x)" for x in mr["divergent"][:3])
            + ", whose figures here are likely off by that much.")
    else:
        facts.append("The check for a market whose sales respond unlike the shared curve found none here; it finds "
                     "clear cases only, so a test in one market is the way to know.")
    facts.append(f"Overall model reliability: {grade}.")
    return headline, facts


def _media_interval(session: Session) -> str:
    """All media by market has no interval per market: the national one, which each market's shares in relative
    terms (one curve per head)."""
    data = roi_data(session)
    low, high = data.get("blended_roi_low"), data.get("blended_roi_high")
    if low is None or high is None:
        return ""
    return (f", each as uncertain as the national {fmt.per_dollar(data['blended_roi'], session.dataset)} "
            f"(90% interval {fmt.per_dollar_range(low, high, session.dataset)})")
