"""Trend answers — intent trend: why a period went up or down, and growth and seasonality."""
from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.errors import InfeasibleError
from analysis.periods import PeriodSpec, period_against, period_drivers, period_since, trend_summary
from assistant import format as fmt
from assistant.answers.common import asked_period
from assistant.answers.common import r as _r
from assistant.answers.shapes import PeriodData, TrendSummaryData
from assistant.reply import ChartRequest, Reply, Table
from router.types import Period

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

QUARTER_WORDS = {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}


def answer_trend(session: Session, routed: RoutedQuery) -> Reply:
    """One period against the one before when the question names a period; else growth and seasonality,
    led by seasonality when that is what the question is about."""
    apart = _two_apart(routed.periods)
    period = _second_of_two(routed.periods) or asked_period(routed)
    controls = tuple(getattr(routed, "controls", ()) or ())
    if period is None and controls:
        # "what did the price change do?" with no period: the last complete year against the one before, the
        # span a control's effect on sales is read over (a control's level alone says nothing)
        period = Period("year", relative="last")
    if period is None:
        return trend_summary_reply(session, trend_summary_data(session),
                                   lead_with_season=routed.trend_focus == "seasonality")
    year_ago = routed.trend_focus == "year_on_year" and len(routed.periods) <= 1
    try:
        data = (period_data(session, period, year_ago=year_ago, controls=controls) if apart is None
                else period_data(session, apart[1], against=apart[0], controls=controls))
    except InfeasibleError:
        if not controls or asked_period(routed) is not None:
            raise
        # a control's question with no period on data without two complete years: the last quarter instead
        period = Period("quarter", relative="last")
        data = period_data(session, period, controls=controls)
    reply = period_reply(session, data).but(charts=(ChartRequest("period_drivers", data),))
    if controls:
        reply = _control_reply(session, reply, data)
    if getattr(period, "onwards", False) and period.granularity == "year":   # "since 2023": one year's drivers, said so
        reply = reply.but(facts=(*reply.facts, f"This splits {data['period']} alone against the year before; for a "
                                 "later year ask about it by name (“What drove 2024?”), or ask “ROI by year since "
                                 f"{period.year}” for each year's return."))
    return reply


_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "season": 4}


def _second_of_two(periods: tuple[Period, ...]) -> Period | None:
    """ "Jan and Feb", "Q1 vs Q2": two back-to-back periods are answered as the later against the one before it,
    which is the earlier — both named, not only the first."""
    if len(periods) != 2:
        return None
    a, b = periods
    per = _PER_YEAR.get(a.granularity)
    if (per is None or a.granularity != b.granularity or a.index is None or b.index is None or a.relative or b.relative
            or b.index != a.index % per + 1):
        return None
    if a.year is not None and b.year is not None and b.year != a.year + (b.index < a.index):
        return None
    if b.year is None and a.year is not None:
        return type(b)(b.granularity, b.index, a.year + (b.index < a.index))
    return b


def _two_apart(periods: tuple[Period, ...]) -> tuple[Period, Period] | None:
    """ "between March and May", "Q1 vs Q3": two periods of one kind that are not back to back are answered as
    the one named last against the one named first (not the first against the period before it); two years, the
    later against the earlier."""
    if len(periods) != 2 or _second_of_two(periods) is not None:
        return None
    a, b = periods
    if (a.granularity == b.granularity == "year" and a.index is None and b.index is None and not a.relative
            and not b.relative and a.year is not None and b.year is not None and a.year != b.year):
        # "how did sales change between 2022 and 2024?", "2024 vs 2022": the later year against the earlier one
        return (a, b) if a.year < b.year else (b, a)
    if (a.granularity != b.granularity or a.granularity not in ("month", "quarter", "half") or a.index is None
            or b.index is None or a.relative or b.relative or a.count or b.count or (a.index, a.year) == (b.index, b.year)):
        return None
    if b.year is None and a.year is not None:
        b = type(b)(b.granularity, b.index, a.year + (b.index < a.index))
    return a, b


def _control_reply(session: Session, reply: Reply, data: PeriodData) -> Reply:
    """ "What did the price change do?": the asked controls' parts lead, then the period's drivers as usual."""
    named = data.get("controls_named") or {}
    out = data.get("controls_left_out") or []
    said = [(c, v) for c, v in named.items() if c not in out and v is not None]
    moved = ", ".join(f"{c} by {fmt.points(v)}" for c, v in said)
    together = data["drivers"].get("controls")
    others = len(said) < len(session.fit.dataset.control_names) and together is not None
    lead = (f"Against {data['previous_period']}, the change in {fmt.join_names([c for c, _ in said])} moved "
            f"{data['period']} sales {moved if len(said) > 1 else f'by {fmt.points(said[0][1])}'}"
            + (f" (all controls together {fmt.points(together)})" if others else "") + ". " if said else "")
    facts = []
    if out:
        facts.append(f"{fmt.join_names(out)} {'was' if len(out) == 1 else 'were'} left out of the model (no effect "
                     "the data could tell from noise), so the answer gives no part for "
                     f"{'it' if len(out) == 1 else 'them'}.")
    facts.append("A control's part is the model's estimate of what the change in that column between the two periods "
                 "did to sales (it carries no interval); ROI, contributions and plans are all measured net of it.")
    return reply.but(headline=lead + reply.headline, facts=(*facts, *reply.facts)[:6])


# ---------------------------------------------------------------- trend: one period vs the one before
def period_data(session: Session, period: Period, against: Period | None = None, year_ago: bool = False,
                controls: tuple[str, ...] = ()) -> PeriodData:
    """A period's change in average weekly sales vs the one before (or vs `against`, or vs the same period a year
    earlier when `year_ago` and the data holds it), split into drivers (pts); with `controls` (the columns a question
    asked about), each one's part of the change too."""
    spec = PeriodSpec(granularity=period.granularity, index=period.index, year=period.year, relative=period.relative)
    since = getattr(period, "onwards", False) and period.granularity != "year" and against is None
    r = period_since(session.fit, spec) if since else (period_drivers(session.fit, spec) if against is None else period_against(
        session.fit, spec, PeriodSpec(granularity=against.granularity, index=against.index, year=against.year)))
    led = r.yoy if year_ago and r.yoy is not None else r.previous   # "vs the same quarter a year ago": that one leads
    drivers = {name: _r(pts) for name, _, pts in sorted(led.parts, key=lambda p: -abs(p[2]))}
    out: PeriodData = {"period": led.label, "previous_period": led.compare_label, "label": led.label,
                       "previous_label": led.compare_label, "sales": _r(led.sales), "previous_sales": _r(led.compare_sales),
                       "change_pct": _r(led.delta_pct), "drivers": drivers, "weekly_average": True,
                       "warnings": list(r.warnings)}
    if r.yoy is not None and led is not r.yoy:
        out["year_ago_period"] = r.yoy.compare_label
        out["year_on_year_pct"] = _r(r.yoy.delta_pct)
    if controls:
        parts = {name: pts for name, _, pts in led.control_parts}
        kept = set(session.fit.baseline_names)
        out["controls_named"] = {c: _r(parts.get(c)) for c in controls}
        out["controls_left_out"] = [c for c in controls if c not in kept]
    return out


def period_reply(session: Session, data: PeriodData) -> Reply:
    ds = session.dataset
    change = data["change_pct"] or 0.0
    word = "above" if change >= 0 else "below"
    # a channel the data cannot measure is never headlined by its point estimate: those move as one group
    # in the data's channel order, never by their points (sibylhe listed them by size: a ranking by a guess)
    vague = [k for k in session.dataset.channels
             if k in _not_measurable(session) and data["drivers"].get(k) is not None]
    pooled = sum(float(data["drivers"][k] or 0.0) for k in vague)
    top = [(k, v) for k, v in data["drivers"].items()
           if k != "unexplained" and k not in vague and v is not None and abs(v) >= 0.05]
    if vague and abs(pooled) >= 0.05:
        top.append((f"{vague[0]} (not measurable)" if len(vague) == 1 else "channels the data cannot separate", pooled))
    top = sorted(top, key=lambda kv: -abs(kv[1]))[:3]
    headline = (f"{data['period']} sales were {fmt.pct(abs(change))} {word} {data['previous_period']}"
                + (": " + ", ".join(f"{k} {fmt.points(v)}" for k, v in top) if top else "") + ".")
    facts = [f"Average weekly sales: {fmt.amount(data['sales'], ds)} in {data['period']} vs "
             f"{fmt.amount(data['previous_sales'], ds)} in {data['previous_period']}."]
    if data.get("year_on_year_pct") is not None:
        facts.append(f"Against {data['year_ago_period']} a year earlier: {fmt.signed_pct(data['year_on_year_pct'])}.")
    named = {k for k, _ in top}
    rest = [(k, v) for k, v in data["drivers"].items()
            if k != "unexplained" and k not in vague and k not in named and v is not None]
    if rest:   # the headline names three drivers: the others are said too, so the narrative adds up to the change
        shown = ", ".join(f"{k} {fmt.points(v)}" for k, v in rest[:3])
        more = f" and {len(rest) - 3} more" if len(rest) > 3 else ""
        together = f" ({fmt.points(sum(v for _, v in rest))} together)" if len(rest) > 1 else ""
        facts.append(f"Also: {shown}{more}{together}.")
    un = data["drivers"].get("unexplained")
    if un is not None:
        # with controls in the model, promotions and prices are in it: what is left is what the columns do not hold
        what = "noise and what the columns do not hold" if ds.controls.shape[1] else "promotions, pricing, noise"
        facts.append(f"Not explained by the model ({what}): {fmt.points(un)}.")
    if len(vague) == 1:
        facts.append(f"{vague[0]} is not measurable in this data: its {fmt.points(pooled)} is a guess.")
    elif vague:
        facts.append(f"Not measurable in this data, so shown together: {fmt.join_names(vague)} ({fmt.points(pooled)}); "
                     "the split between them is a guess.")
    caveat = None
    if un is not None and abs(un) > max(2.0, 0.5 * abs(change)):
        caveat = "A large part of the change is not explained by media, seasonality or trend."
    elif data["warnings"]:
        caveat = data["warnings"][0]
    rows = tuple((k, fmt.points(v)) for k, v in data["drivers"].items() if k not in vague) + tuple(
        (f"{k} (not measurable)", fmt.points(data["drivers"][k])) for k in vague)   # listed last, not ranked
    return Reply("trend", headline, tuple(facts[:5]), caveat,
                 Table(f"What moved average weekly sales, {data['previous_period']} → {data['period']}",
                       ("Driver", "Change (pts of sales)"), rows), data=data)


def _not_measurable(session: Session) -> set[str]:
    return {c.channel for c in session.roi.channels if not c.measurable}


# ---------------------------------------------------------------- trend: growth and seasonality
def trend_summary_data(session: Session) -> TrendSummaryData:
    t = trend_summary(session.fit)
    return {"annual_growth_pct_trend": _r(t.annual_growth_pct_trend),
            "annual_growth_pct_actual": _r(t.annual_growth_pct_actual), "growing": t.growing,
            "quarter_profile": {QUARTER_WORDS[q]: _r(v) for q, v in t.quarter_profile},
            "peak_quarter": QUARTER_WORDS[t.peak_quarter], "trough_quarter": QUARTER_WORDS[t.trough_quarter],
            "seasonal_amplitude_pct": _r(t.seasonal_amplitude_pct), "seasonality_material": bool(t.seasonality_material),
            "spikes": [{"date": str(s.date.date()), "direction": s.direction, "sigmas": _r(s.sigmas)} for s in t.spikes],
            "weeks": t.weeks, "sales_peak_quarter": QUARTER_WORDS.get(t.sales_peak_quarter, ""),
            "sales_trough_quarter": QUARTER_WORDS.get(t.sales_trough_quarter, "")}


def trend_summary_reply(session: Session, data: TrendSummaryData, lead_with_season: bool = False) -> Reply:
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
    controls = session.dataset.control_names
    if data.get("sales_peak_quarter") and controls and (data["sales_peak_quarter"], data["sales_trough_quarter"]) != (
            data["peak_quarter"], data["trough_quarter"]):
        # a beverage's summer lift carried by temperature: "Q1 is the peak" read as when sales peak
        season = season[:-1] + (f", beyond what {fmt.join_names(list(controls[:3]))}"
                                f"{' and other controls' if len(controls) > 3 else ''} explain; sales themselves are "
                                f"highest in {data['sales_peak_quarter']} and lowest in {data['sales_trough_quarter']}.")
    headline, facts = (season, [growth]) if lead_with_season else (growth, [season])
    if data["spikes"]:
        s = data["spikes"][0]
        facts.append(f"{len(data['spikes'])} unusual week(s) the model does not explain, e.g. a {s['direction']} "
                     f"in the week of {s['date']}.")
    facts.append("Ask “Why did sales change in Q4 2023?” for one period's drivers.")
    rows = tuple((q, fmt.signed_pct(v)) for q, v in data["quarter_profile"].items())
    return Reply("trend", headline, tuple(facts), None,
                 Table("Seasonal effect by quarter (% of baseline)", ("Quarter", "Effect"), rows),
                 data=data, charts=(ChartRequest("trend"),))
