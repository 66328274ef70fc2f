"""Trend (why a period went up or down, growth and seasonality) and model-quality answers."""
from __future__ import annotations

import re

from assistant import engines
from assistant import format as fmt
from assistant.answer_measure import roi_data
from assistant.types import Narrative, Table

QUARTER_WORDS = {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}


def _r(x):
    return None if x is None else fmt.round_json(float(x))


def model_answer(session, routed, known):
    """(data, narrative, table, chart) for trend and model_quality."""
    from router.types import Intent

    if routed.intent is Intent.TREND:
        period = routed.period or (routed.periods[0] if routed.periods else None)
        if period is None:
            data = trend_summary_data(session)
            narrative, table = trend_summary_parts(session, data, lead_with_season=bool(
                re.search(r"season|peak|busiest|quietest|cycle|time of year", routed.question.lower())))
            return data, narrative, table, "trend"
        data = period_data(session, period)
        narrative, table = period_parts(session, data)
        return data, narrative, table, ("period_drivers", data)
    data = quality_data(session, known[0] if known else None)
    narrative, table = quality_parts(session, data)
    return data, narrative, table, None


# ---------------------------------------------------------------- trend: one period vs the one before
def period_data(session, period) -> dict:
    """A period's change in average weekly sales vs the one before, split into drivers (pts)."""
    r = engines.period_drivers(session.fit, period)
    drivers = {name: _r(pts) for name, _, pts in sorted(r.parts, key=lambda p: -abs(p[2]))}
    out = {"period": r.label, "previous_period": r.compare_label, "label": r.label, "previous_label": r.compare_label,
           "sales": _r(r.sales), "previous_sales": _r(r.compare_sales), "change_pct": _r(r.delta_pct),
           "drivers": drivers, "weekly_average": True, "warnings": list(r.warnings)}
    if r.yoy is not None:
        out["year_ago_period"] = r.yoy.compare_label
        out["year_on_year_pct"] = _r(r.yoy.delta_pct)
    return out


def period_parts(session, data: dict) -> tuple[Narrative, Table]:
    ds = session.dataset
    change = data["change_pct"]
    word = "above" if change >= 0 else "below"
    top = [(k, v) for k, v in data["drivers"].items() if k != "unexplained" and abs(v) >= 0.05][:3]
    headline = (f"{data['period']} sales were {fmt.pct(abs(change))} {word} {data['previous_period']}"
                + (": " + ", ".join(f"{k} {fmt.points(v)}" for k, v in top) if top else "") + ".")
    facts = [f"Average weekly sales: {fmt.amount(data['sales'], ds)} in {data['period']} vs "
             f"{fmt.amount(data['previous_sales'], ds)} in {data['previous_period']}."]
    if data.get("year_on_year_pct") is not None:
        facts.append(f"Against {data['year_ago_period']} a year earlier: {fmt.signed_pct(data['year_on_year_pct'])}.")
    un = data["drivers"].get("unexplained")
    if un is not None:
        facts.append(f"Not explained by the model (promotions, pricing, noise): {fmt.points(un)}.")
    caveat = None
    if un is not None and abs(un) > max(2.0, 0.5 * abs(change)):
        caveat = "A large part of the change is not explained by media, seasonality or trend."
    elif data["warnings"]:
        caveat = data["warnings"][0]
    rows = tuple((k, fmt.points(v)) for k, v in data["drivers"].items())
    return (Narrative(headline, tuple(facts[:4]), caveat),
            Table(f"What moved average weekly sales, {data['previous_period']} → {data['period']}",
                  ("Driver", "Change (pts of sales)"), rows))


# ---------------------------------------------------------------- trend: growth and seasonality
def trend_summary_data(session) -> dict:
    t = engines.trend_summary(session.fit)
    return {"annual_growth_pct_trend": _r(t.annual_growth_pct_trend),
            "annual_growth_pct_actual": _r(t.annual_growth_pct_actual), "growing": t.growing,
            "quarter_profile": {QUARTER_WORDS[q]: _r(v) for q, v in t.quarter_profile},
            "peak_quarter": QUARTER_WORDS[t.peak_quarter], "trough_quarter": QUARTER_WORDS[t.trough_quarter],
            "seasonal_amplitude_pct": _r(t.seasonal_amplitude_pct), "seasonality_material": bool(t.seasonality_material),
            "spikes": [{"date": str(s.date.date()), "direction": s.direction, "sigmas": _r(s.sigmas)} for s in t.spikes],
            "weeks": t.weeks}


def trend_summary_parts(session, data: dict, lead_with_season: bool = False) -> tuple[Narrative, Table]:
    """Growth and seasonality from the decomposition; the one the question asks about leads."""
    g = data["annual_growth_pct_trend"]
    growth = (f"Underlying sales are {data['growing']}: the baseline trend moves {fmt.signed_pct(g)} a year"
              + (f", and actual sales grew {fmt.signed_pct(data['annual_growth_pct_actual'])} over the last 52 weeks."
                 if data["annual_growth_pct_actual"] is not None else "."))
    if data["seasonality_material"]:
        season = (f"Seasonality matters: {data['peak_quarter']} is the peak and {data['trough_quarter']} the trough, "
                  f"a swing of {fmt.pct(data['seasonal_amplitude_pct'])} of baseline sales.")
    else:
        season = (f"Seasonality is weak in this data: the quarters differ by only "
                  f"{fmt.pct(data['seasonal_amplitude_pct'])} of baseline sales.")
    headline, facts = (season, [growth]) if lead_with_season else (growth, [season])
    if data["spikes"]:
        s = data["spikes"][0]
        facts.append(f"{len(data['spikes'])} unusual week(s) the model does not explain, e.g. a {s['direction']} "
                     f"in the week of {s['date']}.")
    facts.append("Ask “Why did sales change in Q4 2023?” for one period's drivers.")
    rows = tuple((q, fmt.signed_pct(v)) for q, v in data["quarter_profile"].items())
    return Narrative(headline, tuple(facts)), Table("Seasonal effect by quarter (% of baseline)", ("Quarter", "Effect"), rows)


# ---------------------------------------------------------------- quality
def quality_data(session, channel: str | None = None) -> dict:
    """Grade with reasons, fit statistics and per-channel confidence."""
    q = session.quality
    data = {"grade": q.grade, "reasons": list(q.reasons), "improvements": list(q.improvements),
            "r2": _r(q.r2), "adj_r2": _r(q.adj_r2), "mape": _r(q.mape), "oos_mape": _r(q.oos_mape),
            "durbin_watson": _r(q.durbin_watson),
            "channel_confidence": {c.channel: c.label for c in q.channels},
            "channels": {c.channel: {"confidence": c.label, "relative_width": _r(c.relative_width),
                                     "measurable": bool(c.measurable), "vif": _r(c.vif), "reasons": list(c.reasons),
                                     "improvements": list(c.improvements)} for c in q.channels},
            "warnings": list(q.warnings)}
    if channel is not None:
        data["channel"] = channel
        data["channel_roi"] = roi_data(session)["channels"][channel]
    return data


def quality_parts(session, data: dict) -> tuple[Narrative, Table]:
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
        if wide:
            facts.append(f"Least certain: {fmt.join_names(wide)} (wide intervals).")
    caveat = None
    if data["grade"] != "High" and data["improvements"]:
        caveat = "To improve it: " + "; ".join(data["improvements"][:2]) + "."
    rows = (("Grade", data["grade"]), ("R²", fmt.number(data["r2"])), ("Adjusted R²", fmt.number(data["adj_r2"])),
            ("Typical weekly error (MAPE)", fmt.pct(data["mape"])),
            ("Held-out error (backtest MAPE)", fmt.pct(data["oos_mape"])),
            ("Durbin-Watson (2 = no leftover pattern)", fmt.number(data["durbin_watson"])))
    rows += tuple((f"Confidence: {k}", v) for k, v in data["channel_confidence"].items())
    return Narrative(headline, tuple(facts[:4]), caveat), Table("Model reliability", ("Measure", "Value"), rows)
