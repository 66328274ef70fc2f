"""Budget answers — intents budget_scenario (what-ifs) and budget_optimization (the optimal split,
presets and reverse "what would it take" goals).

The router gives dollars; analysis works in data units, so every amount is divided by
`Dataset.money_scale` here, once. JSON money is in data units over the decision's
`horizon_weeks` (see assistant/horizon.py).
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from analysis.decisions.common import EXTRAPOLATION_GUARD
from analysis.decisions.optimize import BudgetConstraint, OptimizationResult, scenario_presets
from analysis.decisions.scenario import Shift
from analysis.errors import InfeasibleError
from assistant import format as fmt
from assistant import horizon as hz
from assistant.answers.common import (
    known_channels,
    margin_for,
    num,
    session_weak,
    spend_moved_only,
    unmeasured_channels,
    weak_caveat,
)
from assistant.answers.common import r as _r
from assistant.answers.shapes import (
    ClarifyData,
    GoalData,
    GoalSpec,
    OptimizationData,
    PlansComparedData,
    ScenarioData,
    SensitivityRow,
)
from assistant.reply import ChartRequest, Reply, Table
from router.types import UNSIZED_CHANGE

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

SENSITIVITY_STEPS = (-100.0, -50.0, -20.0, 20.0, 50.0)
LEAD_CHANGE = UNSIZED_CHANGE   # a size-less what-if, by the router's direction
# A plan's budget beyond this multiple of today's spend over the same weeks is refused, not solved: the curves
# are extrapolated far past any spend seen (what-ifs stop at +300%, 4x), and "Split $999 trillion" answered with
# +19,240,108,215% moves reads as a result.
MAX_BUDGET_MULTIPLE = 10.0


def _units(session: Session, dollars: float | None) -> float | None:
    return None if dollars is None else dollars / session.dataset.money_scale


def _goal_spec(session: Session, goal: Any) -> GoalSpec:
    """The goal as the answer's data gives it: a sales amount in the data's units, like every figure beside it
    (the router reads dollars as said: $1M is 1000 on the sample's $000s), a count as said."""
    value = goal.value
    if goal.kind in ("add_sales", "reach_sales") and goal.unit is None:
        value = num(_units(session, value))
    return {"kind": goal.kind, "value": value, "channel": goal.channel}


def answer_scenario(session: Session, routed: RoutedQuery) -> Reply:
    """A what-if: the change the question describes, or a sensitivity sweep when it names no size."""
    known = known_channels(session, routed)
    s = routed.shift
    if s is not None and s.percentage is None and s.amount is None and getattr(s, "to_percentage", None) is None:
        # "move money from TV to Digital": how much? ("… between Radio and Social": to both)
        return _ask_for_size(s.from_channel, " and ".join((s.to_channel, *getattr(s, "also_to", ()))))
    margin = margin_for(session, routed)
    weeks, where = decision_weeks(session, routed)
    result = scenario_for(session, routed, known, margin, weeks)
    if result is None and known:
        return _sensitivity(session, routed, known[0], margin, weeks, where)
    if result is None:
        return _ask_for_change(session)
    result = per_window(session, result, weeks)
    remember_window(session, result, weeks, where)
    session.scenarios.append(result)
    reply = scenario_reply(session, scenario_data(session, result, weeks, where))
    # this conversation's plans only: the plan memo is shared by every browser on the web app
    today = np.asarray(session.dataset.spend, dtype=float)
    plan = next((p for p in reversed(session.plans) if same_moves(p.new_plan, result.new_plan, today)), None)
    if plan is not None:
        reply = reply.but(facts=(*reply.facts, *two_figures_line(session, plan.expected_delta_sales,
                                                                 result.delta_sales, whatif_first=False)))
    dark = _dark_in(session, result, weeks)
    if dark:   # "cut TV 20%" over weeks TV did not run: a percentage of nothing moves no money, and says so
        reply = reply.but(headline=f"{fmt.join_names(dark)} spent nothing over {where}, so {result.label} there changes "
                                   "no spend and no sales; ask over weeks in which it ran, or set a spend level.",
                          facts=())
    return reply.but(charts=(ChartRequest("what_if", result),), warnings=tuple(result.warnings))


def _dark_in(session: Session, result: Any, weeks: np.ndarray) -> list[str]:
    """The channels a what-if changes, when none of them spent anything in its weeks and so nothing moved."""
    names = [name for name, _ in result.changes]
    inside = np.asarray(session.dataset.spend, dtype=float)[weeks].sum(axis=0)
    tol = 1e-9 * max(1.0, float(inside.sum()))     # the scenario's sums leave rounding dust, not money
    if not names or abs(result.delta_spend) > tol or any(abs(c.delta_spend) > tol for c in result.channels):
        return []
    spend = dict(zip(session.dataset.channels, inside))
    return names if all(spend.get(n, 1.0) == 0.0 for n in names) else []


def answer_optimization(session: Session, routed: RoutedQuery) -> Reply:
    """The best split of a budget (today's, a new total or under limits), option presets, or a goal."""
    margin = margin_for(session, routed)
    mask, where = plan_weeks(session, routed)
    if routed.goal is not None:
        # a goal is answered for the planning horizon like a plan: solved over the horizon's own weeks
        reply = goal_answer(session, routed, margin, mask, where)
        unread = reply.data.get("target_sales", 0.0) is None   # a goal in a count on money data: no figures
        ignored = (("The channel limits you stated are not applied to a goal answer (it scales today's mix or looks "
                    "at one channel at a time); ask for a plan with them, e.g. “How should we split the budget with "
                    f"{routed.constraints[0].channel or 'TV'} fixed?”.",) if routed.constraints and not unread else ())
        return reply.but(data={**reply.data, **horizon_keys(session, mask, where)},
                         facts=reply.facts if unread else (*(reply.facts[:3] if ignored else reply.facts), *ignored,
                                                           f"Figures cover {where}."))
    if len(getattr(routed, "budgets", ())) >= 2:
        return plans_compared(session, routed, margin, mask, where)
    budget, basis, echo = hz.budget_units(session, routed, mask)
    too_big = _absurd_budget(session, budget, mask, where)
    if too_big is not None:
        return too_big
    constraints = _plan_constraints(session, routed, mask)
    extra: OptimizationData = {**horizon_keys(session, mask, where), "budget_basis": basis}  # type: ignore[typeddict-item]
    if echo:
        extra["budget_read_as"] = echo
    if routed.presets:
        presets = [dataclasses.replace(p, over=where)
                   for p in scenario_presets(session.fit, budget, constraints, margin, weeks=mask)]
        reply = presets_reply(session, {**presets_data(session, presets), **extra})
        return reply.but(charts=(ChartRequest("reallocation", presets[len(presets) // 2]),),
                         warnings=_preset_warnings(presets))
    result, far = horizon_optimization(session, mask, budget, constraints, margin, where)
    session.plans.append(result)
    remember_window(session, result, mask, where)   # the board pack shows the plan asked for, over its own weeks
    reply = optimization_reply(session, {**optimization_data(session, result), **extra})
    asked_of = known_channels(session, routed)
    if len(asked_of) == 1 and not constraints:
        # "how much should we spend on TV?": the plan's figure for TV first, not only the whole re-split
        c, row = asked_of[0], cast("OptimizationData", reply.data)["allocation"].get(asked_of[0])
        if row is not None:
            ds = session.dataset
            lead = (f"{c} in this plan: {fmt.money(row['recommended'], ds)} ({fmt.signed_pct(row['change_pct'], 0)} vs "
                    f"{fmt.money(row['current'], ds)} today) over {where}.")
            reply = reply.but(facts=(lead, *reply.facts)[:4])
    today = np.asarray(session.dataset.spend, dtype=float)
    asked = next((w for w in reversed(session.scenarios) if same_moves(result.new_plan, w.new_plan, today)),
                 None)
    if asked is not None:
        reply = reply.but(facts=(*reply.facts, *two_figures_line(session, result.expected_delta_sales,
                                                                 asked.delta_sales, whatif_first=True)))
    return reply.but(charts=(ChartRequest("reallocation", result),),
                     warnings=tuple(result.warnings) + ((far,) if far else ()))


def _plan_constraints(session: Session, routed: RoutedQuery, mask: np.ndarray) -> tuple[BudgetConstraint, ...]:
    """The question's limits in data units over the plan's weeks."""
    if any(c.share is not None for c in routed.constraints):
        # "TV no more than 25% of the budget": that share of the plan's budget (today's spend when none is said)
        total = hz.budget_units(session, routed, mask)[0]
        total = hz.current_spend(session, mask) if total is None else total
        dollars = total * float(session.dataset.money_scale or 1.0)   # the limits below are in dollars, as said
        routed = dataclasses.replace(routed, constraints=tuple(
            c if c.share is None else dataclasses.replace(c, amount=c.share * dollars, share=None)
            for c in routed.constraints))
    return tuple(
        BudgetConstraint(channel=c.channel, kind=c.kind,
                         # "Social at least $150k a month": a limit stated per week/month/year covers the plan's weeks
                         amount=None if c.amount is None else (_units(session, c.amount) or 0.0)
                         * (float(np.asarray(mask).sum()) / hz.WEEKS_PER[str(c.per)] if getattr(c, "per", None) else 1.0) + (
                             # "$500k more on TV": on top of TV's spend today over the same weeks (the table's "current")
                             _spend_in(session, c.channel, mask)
                             if getattr(c, "over_today", False) and c.channel in session.dataset.channels else 0.0),
                         percentage=c.percentage)
        for c in routed.constraints)


def plans_compared(session: Session, routed: RoutedQuery, margin: float | None, mask: np.ndarray, where: str) -> Reply:
    """ "Compare a $5M plan with a $6M plan", "which of those two plans is better?": each budget's best split over the
    same weeks and limits, side by side in the order asked, and what the extra money of the bigger one buys per $1
    (a bigger plan sells more; whether the extra spend pays for itself is the comparison's point)."""
    ds = session.dataset
    constraints = _plan_constraints(session, routed, mask)
    datas: list[OptimizationData] = []
    labels: list[str] = []
    notes: list[tuple[str, str]] = []   # (plan label, warning): each plan's own warnings, as its single answer says them
    for b in routed.budgets[:2]:
        budget, _, _ = hz.budget_units(session, dataclasses.replace(routed, budget=b, budgets=()), mask)
        too_big = _absurd_budget(session, budget, mask, where)
        if too_big is not None:
            return too_big
        result, far = horizon_optimization(session, mask, budget, constraints, margin, where)
        session.plans.append(result)
        datas.append(optimization_data(session, result))
        same = b.kind == "ratio" and b.amount == 1.0
        moved = (f"today's budget {'cut' if b.amount < 0 else 'raised'} by {fmt.money(abs(_units(session, b.amount) or 0.0), ds)}"
                 if b.kind == "increment" else "")   # "spend $5M or cut it by $1M": the second plan is today's minus $1M
        labels.append(f"the same {fmt.money(result.total_budget, ds)} budget re-split" if same
                      else f"{moved} ({fmt.money(result.total_budget, ds)})" if moved
                      else f"a {fmt.money(result.total_budget, ds)} plan")
        notes += [(labels[-1], w) for w in (*result.warnings, *((far,) if far else ()))]
    first, second = datas
    gains = [num(d["expected_delta_sales"]) for d in datas]
    spends = [num(d["total_budget"]) for d in datas]

    def said(d: OptimizationData, label: str) -> str:
        g = num(d["expected_delta_sales"])
        moves = "adds" if g >= 0 else f"changes {fmt.outcome_word(ds)} by"
        return (f"{label} {moves} {fmt.amount(g, ds) if g >= 0 else fmt.signed_amount(g, ds)}"
                f" (90% interval {fmt.amount_range(d['expected_delta_sales_low'], d['expected_delta_sales_high'], ds)})")

    headline = f"Over {where}, {said(first, labels[0])}; {said(second, labels[1])}."
    facts = []
    gap, extra = gains[1] - gains[0], spends[1] - spends[0]
    big = 1 if extra > 0 else 0
    per = (gap if big == 1 else -gap) / abs(extra) if abs(extra) > 1e-9 else None
    if per is not None:
        # whether the extra money pays for itself is a question of money: a count KPI's extra is said in its units
        pays = ("" if not ds.in_money else
                ", which pays for itself in sales" if per >= 1 else ", which does not pay for itself in sales")
        facts.append(f"The {fmt.money(spends[big], ds)} plan's extra {fmt.money(abs(extra), ds)} buys about "
                     f"{fmt.signed_amount(per * abs(extra), ds)}" + (" of sales" if ds.in_money else "")
                     + f": {fmt.per_dollar(per, ds)} per extra $1{pays}"
                     + (f" (break-even {fmt.per_dollar(1 / margin, ds)} at your margin)." if margin else "."))
    elif abs(gap) > 0:
        better = 1 if gap > 0 else 0
        facts.append(f"On the same money, {labels[better]} sells about {fmt.amount(abs(gap), ds)} more.")
    for k, d in enumerate(datas):
        if d.get("prob_loss") is not None:
            facts.append(f"{labels[k][0].upper()}{labels[k][1:]}: chance it sells less than today's mix at that budget "
                         f"{fmt.chance(num(d['prob_loss']))}.")
    facts.append("Each figure is against today's sales over the same weeks; the gap is the difference of the two "
                 "central figures.")
    alloc = [d["allocation"] for d in datas]
    rows = tuple((c, fmt.money(v["current"], ds), fmt.money(alloc[0][c]["recommended"], ds),
                  fmt.money(alloc[1][c]["recommended"], ds)) for c, v in alloc[0].items() if c in alloc[1])
    table = Table(f"Two plans, {where}", ("Channel", "Today", fmt.money(spends[0], ds) + " plan",
                                          fmt.money(spends[1], ds) + " plan"), rows)
    data: PlansComparedData = {**horizon_keys(session, mask, where),  # type: ignore[typeddict-item]
                               "plans": datas, "gap": _r(gap), "extra_budget": _r(extra), "per_extra_dollar": _r(per),
                               "bigger": big if per is not None else None}
    shared = {w for _, w in notes if all(w in (v for lab, v in notes if lab == other) for other in labels)}
    warnings = tuple(dict.fromkeys(w if w in shared else f"{label[0].upper()}{label[1:]}: {_sentence_on(w)}"
                                   for label, w in notes))
    return Reply("budget_optimization", headline, tuple(facts[:4]), weak_caveat(session) if session_weak(session) else None,
                 table, data=data, warnings=warnings)


def _sentence_on(text: str) -> str:
    """A sentence carried on after a colon: "The plan goes…" -> "the plan goes…" ("TV: …" stays)."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def _absurd_budget(session: Session, budget: float | None, mask: np.ndarray, where: str) -> Reply | None:
    """A budget more than MAX_BUDGET_MULTIPLE x today's spend over the plan's weeks: one line naming it and the
    largest budget answered, as for any value no data can answer."""
    from assistant.answers.limits import bad_input_reply

    today = hz.current_spend(session, mask)
    if budget is None or today <= 0 or budget <= MAX_BUDGET_MULTIPLE * today:
        return None
    ds = session.dataset
    cap = MAX_BUDGET_MULTIPLE * today
    times = budget / today
    multiple = f"{times:,.1f}×" if times < 100 else f"{times:,.0f}×"
    return bad_input_reply(f"a budget of {fmt.money(budget, ds)} over {where} is {multiple} today's "
                           f"{fmt.money(today, ds)}; plans are answered up to {MAX_BUDGET_MULTIPLE:g}× today's spend, "
                           "beyond which the response curves are pure extrapolation",
                           (f"How should we split {fmt.money(cap, ds)}?",))


def same_moves(plan: np.ndarray | None, other: np.ndarray | None, today: np.ndarray) -> bool:
    """Whether two weekly plans make the same moves away from `today`'s spend: each channel's moves within 0.5% of
    each other, week by week alike. Measured against the moves, not the whole spend: a what-if that moved nothing
    matched a plan that moved every channel 1% over one year of three (review s16 N18: "The what-if of these same
    moves said ±$0" under a plan of −$263k)."""
    if plan is None or other is None or np.shape(plan) != np.shape(other) or np.shape(plan) != np.shape(today):
        return False
    base = np.asarray(today, dtype=float)
    moved, moved_other = np.asarray(plan, dtype=float) - base, np.asarray(other, dtype=float) - base
    scale = np.maximum(np.abs(moved).sum(axis=0), np.abs(moved_other).sum(axis=0))
    if not np.any(scale > 1e-9 * max(1.0, float(np.abs(base).sum()))):
        return False   # neither moves anything: no two figures to set side by side
    return bool(np.all(np.abs(moved - moved_other).sum(axis=0) <= 0.005 * scale + 1e-12))


def two_figures_line(session: Session, plan_gain: float, whatif_gain: float, whatif_first: bool) -> tuple[str, ...]:
    """One plain line when a plan and a what-if of the same moves quote different gains (none when they agree)."""
    if abs(plan_gain - whatif_gain) <= 0.01 * max(abs(plan_gain), abs(whatif_gain), 1e-12):
        return ()
    ds = session.dataset
    if whatif_first:
        return (f"The what-if of these same moves said {fmt.signed_amount(whatif_gain, ds)}: a what-if reads the "
                "fitted curves, a plan's gain is the average of model draws that did not choose it, so the two differ.",)
    return (f"The budget plan put these same moves at {fmt.signed_amount(plan_gain, ds)}: a plan's gain is the "
            "average of model draws that did not choose it, a what-if reads the fitted curves, so the two differ.",)


def plan_weeks(session: Session, routed: RoutedQuery | None = None) -> tuple[np.ndarray, str]:
    """(mask of the weeks a plan covers, how the answer names them): the question's calendar window, else the
    planning horizon (the last 52 weeks by default)."""
    if routed is not None and getattr(routed, "window", None) is not None:
        return decision_weeks(session, routed)
    past = _named_past_period(session, routed)
    if past is not None:
        return past
    weeks = hz.horizon_weeks(session, routed)
    return hz.last_weeks(session.dataset.n_weeks, weeks), hz.horizon_name(weeks, session.dataset.n_weeks)


def _named_past_period(session: Session, routed: RoutedQuery | None) -> tuple[np.ndarray, str] | None:
    """(mask, name) when a plan question names one past calendar period the data holds: "in Q3 2023",
    "last quarter", "over the last 6 months". Those weeks, as a what-if over them changes them; the router reads
    such a plan as a horizon of the period's length, or none at all ("last quarter" would be planned over a year).
    A year the data does not hold ("$4M for 2026") or a period ahead ("next quarter") stays a horizon, and so does a
    follow-up whose own horizon is another length ("and over the whole period?" keeps the last turn's period)."""
    periods = tuple(getattr(routed, "periods", ()) or ())
    period = getattr(routed, "period", None)
    horizon = getattr(routed, "horizon", None)
    if period is None or len(periods) > 1 or horizon == "all":
        return None
    n = session.dataset.n_weeks
    if period.relative in ("last", "previous") and period.count:    # "the last 6 months": that many weeks
        weeks = max(1, min(round(period.count * PERIOD_WEEKS.get(period.granularity, 1.0)), n))
        mask, label = hz.last_weeks(n, weeks), hz.horizon_name(weeks, n)
    elif period.relative in ("last", "previous") or (period.year is not None and period.relative is None):
        from router.types import Window

        try:
            mask, label = hz.window_weeks(session, Window(period=period))
        except InfeasibleError:
            if period.year is not None and period.year <= session.dataset.dates[-1].year:
                raise                 # a past period the data does not hold ("in Q3 2019"): say so, as a what-if does
            return None               # a period ahead ("$4M for 2026"): planned over a horizon of its length
        label = f"{label} ({int(mask.sum())} weeks)"
    else:
        return None
    size = int(mask.sum())
    if not size or (isinstance(horizon, int) and abs(horizon - size) > max(1, size // 10)):
        return None
    return mask, label


PERIOD_WEEKS = {"week": 1.0, "month": 52.0 / 12.0, "quarter": 13.0, "half": 26.0, "year": 52.0}


def horizon_optimization(session: Session, weeks: np.ndarray, budget: float | None = None,
                         constraints: tuple[BudgetConstraint, ...] = (), margin: float | None = None,
                         where: str | None = None) -> tuple[OptimizationResult, str | None]:
    """(the plan over the `weeks` mask, a far-budget warning or None): solved over those weeks, so today's spend,
    the budget, the limits and every figure are the horizon's own."""
    result, far = _optimization_answered(session, budget, constraints, margin, weeks)
    where = where or hz.horizon_name(int(weeks.sum()), session.dataset.n_weeks)
    if not weeks.all():
        result = dataclasses.replace(result, label=f"optimal split of {fmt.money(result.total_budget, session.dataset)} "
                                                   f"over {where}")
    return dataclasses.replace(result, over=where), far


def _optimization_answered(session: Session, budget: float | None, constraints: tuple[BudgetConstraint, ...],
                           margin: float | None, weeks: np.ndarray) -> tuple[OptimizationResult, str | None]:
    """The optimal split; a budget far from today's (or a channel held far from its spend) is answered with
    every channel's limits following its share of the money left to it; a channel's own stated limit wins over
    that (`optimize._build_problem`), so only a true conflict of the user's own limits is refused."""
    try:
        return optimization(session, budget, constraints, margin, weeks), None
    except InfeasibleError as refused:
        inside = np.asarray(session.dataset.spend, dtype=float)[weeks].sum(axis=0)
        today = float(inside.sum())
        # "keep TV at $500k and optimise the rest": the money TV gives up (or takes) moves the others' shares
        pinned = {c.channel: float(c.amount) for c in constraints if c.kind == "fixed" and c.amount is not None}
        # a money limit said of every channel ("no channel more than 40% of it" on a far budget) is each channel's own
        # limit, so it wins over the share each channel follows; a band around today ("every channel within ±10%")
        # cannot follow a far budget and is refused as before
        constraints = _every_channel_money(constraints, session.dataset.channels)
        if (budget is None and not pinned) or today <= 0 or any(c.channel is None for c in constraints):
            raise
        spend = dict(zip(session.dataset.channels, (float(v) for v in inside)))
        free_today = today - sum(spend.get(str(ch), 0.0) for ch in pinned)
        free_budget = (today if budget is None else budget) - sum(pinned.values())
        if free_today <= 0 or free_budget < 0:
            raise refused
    ratio = free_budget / free_today
    low, high = hz.share_bounds(ratio, 30.0)
    # every channel follows the money left to it; a channel's own limit wins over that (`_build_problem`)
    follow = (BudgetConstraint(channel=None, kind="min", percentage=max(low, -100.0)),
              BudgetConstraint(channel=None, kind="max", percentage=high))
    return (optimization(session, budget, follow + tuple(constraints), margin, weeks),
            hz.far_budget_warning(ratio, held=bool(pinned)))


def _every_channel_money(constraints: tuple[BudgetConstraint, ...], channels: Sequence[str]) -> tuple[BudgetConstraint, ...]:
    """Each money limit on every channel spelled out per channel (percentage limits on every channel kept as they are)."""
    return tuple(c2 for c in constraints for c2 in (
        [dataclasses.replace(c, channel=ch) for ch in channels] if c.channel is None and c.amount is not None
        and c.percentage is None and c.kind in ("min", "max") else [c]))


def horizon_keys(session: Session, weeks: np.ndarray, where: str | None = None) -> dict[str, Any]:
    """The keys every plan's data carries besides the result's own: the weeks it covers, named, and today's spend there."""
    n = int(np.count_nonzero(weeks))
    return {"horizon_weeks": n, "window": where or hz.horizon_name(n, session.dataset.n_weeks),
            "current_budget": _r(hz.current_spend(session, weeks))}


def remember_window(session: Session, result: Any, weeks: Any, where: str | None) -> None:
    """Keep the window a what-if or plan ran over, so the board pack states it exactly as the answer did."""
    session.__dict__.setdefault("_scenario_windows", {})[id(result)] = (weeks, where)


def window_of(session: Session, result: Any, where: str | None = None) -> tuple[Any, str | None]:
    """(weeks mask, name) a what-if or plan was answered over (`remember_window`), or (None, `where`)."""
    found: tuple[Any, str | None] = session.__dict__.get("_scenario_windows", {}).get(id(result), (None, where))
    return found


def decision_weeks(session: Session, routed: RoutedQuery) -> tuple[np.ndarray, str]:
    """(mask of the weeks a what-if changes, how the answer names them): the question's window, else the horizon."""
    window = getattr(routed, "window", None)
    if window is not None:
        changed = tuple(dict.fromkeys((*routed.channels, *(c for c, _ in routed.changes))))
        mask, label = hz.window_weeks(session, window, changed)
        return mask, label if window.period is None or window.weeks is not None else f"{label} ({int(mask.sum())} weeks)"
    weeks = hz.horizon_weeks(session, routed)
    return hz.last_weeks(session.dataset.n_weeks, weeks), hz.horizon_name(weeks, session.dataset.n_weeks)


def per_window(session: Session, result: Any, weeks: np.ndarray | None) -> Any:
    """The result restated for the changed weeks: spend before/after and % changes over those weeks,
    and the % change in sales relative to their predicted sales (the deltas themselves are unchanged)."""
    if weeks is None or weeks.all():
        return result
    inside = np.asarray(session.dataset.spend, dtype=float)[weeks].sum(axis=0)
    spend = dict(zip(session.dataset.channels, inside, strict=True))
    rows = tuple(dataclasses.replace(c, spend_before=float(spend[c.channel]),
                                     spend_after=float(spend[c.channel]) + c.delta_spend) for c in result.channels)
    by_name = {c.channel: c for c in rows}
    changes = tuple((name, 100.0 * by_name[name].delta_spend / by_name[name].spend_before
                     if by_name[name].spend_before > 0 else pct) for name, pct in result.changes)
    base = float(session.predicted[weeks].sum())
    pct = 100.0 * result.delta_sales / base if base else float("nan")
    return dataclasses.replace(result, base_sales=base, delta_sales_pct=pct, channels=rows, changes=changes,
                               base_spend=float(inside.sum()), new_spend=float(inside.sum()) + result.delta_spend)


def _ask_for_change(session: Session) -> Reply:
    ch = session.dataset.channels
    return Reply("budget_scenario", "Tell me what to change — a channel and a percentage or an amount.",
                 (f"For example: “What if we cut {ch[0]} by 20%?”, “Add $500k to {ch[-1]}”, "
                  f"or “Move 10% of {ch[0]} to {ch[1 % len(ch)]}”.",), data={"problem": "no change given"})


def _ask_for_size(source: str, target: str) -> Reply:
    """A shift named without a size: ask for one, with two ready-to-ask questions."""
    options = [f"Move 20% of {source} to {target}", f"Move $100k from {source} to {target}"]
    return Reply("budget_scenario", f"How much of {source} should move to {target}?",
                 tuple(f"For example: “{q}”" for q in options),
                 data=ClarifyData(clarify=options, best_guess="budget_scenario"))


def _sensitivity(session: Session, routed: RoutedQuery, channel: str, margin: float | None,
                 weeks: np.ndarray | None = None, where: str | None = None) -> Reply:
    """A what-if that names a channel but no amount ("sales without TV?", "should we cut print?"):
    answer the move the words point to, and show the channel from −100% to +50%."""
    lead = LEAD_CHANGE[routed.direction or "cut"]
    results = {pct: per_window(session, session.scenario(changes={channel: pct}, margin=margin, weeks=weeks),
                               weeks)
               for pct in SENSITIVITY_STEPS}
    remember_window(session, results[lead], weeks, where)
    session.scenarios.append(results[lead])
    data = scenario_data(session, results[lead], weeks, where)
    data["sensitivity"] = [{"change": pct, "delta_spend": _r(r.delta_spend), "delta_sales": _r(r.delta_sales),
                            "delta_sales_low": _r(r.delta_sales_low), "delta_sales_high": _r(r.delta_sales_high),
                            "delta_sales_pct": _r(r.delta_sales_pct)} for pct, r in results.items()]
    base = scenario_reply(session, data)
    ds = session.dataset
    others = [row for row in data["sensitivity"] if row["change"] != lead]
    # a channel the data cannot measure is said by its range, as the headline says it: "−100% → ±$0" read as "stop it,
    # nothing lost" where the interval reached −$837k (and the truth was −$505k)
    guess = bool(unmeasured_channels(session, [channel]))

    def said(row: SensitivityRow) -> str:
        return (fmt.amount_range(row["delta_sales_low"], row["delta_sales_high"], ds) if guess
                else fmt.signed_amount(row["delta_sales"], ds))

    fact = (f"No size was given, so here is {channel} from −100% to +50%"
            + (" (90% intervals: the data cannot measure it)" if guess else "") + ": "
            + ", ".join(f"{fmt.signed_pct(row['change'], 0)} → {said(row)}" for row in others[:4]) + ".")
    rows = tuple((fmt.signed_pct(row["change"], 0), fmt.signed_money(row["delta_spend"], ds),
                  "not measurable" if guess else fmt.signed_amount(row["delta_sales"], ds),
                  fmt.amount_range(row["delta_sales_low"], row["delta_sales_high"], ds),
                  "—" if guess else fmt.signed_pct(row["delta_sales_pct"], 2)) for row in data["sensitivity"])
    table = Table(f"What-if: {channel} spend from −100% to +50%",
                  ("Change", "Δ spend", "Δ sales", "90% interval", "Δ sales %"), rows)
    return base.but(facts=(base.facts[0], fact) + base.facts[1:3], table=table,
                    charts=(ChartRequest("what_if", results[lead]),), warnings=tuple(results[lead].warnings))


# ---------------------------------------------------------------- scenario
def _own_changes(session: Session, routed: RoutedQuery, weeks: np.ndarray | None, leave: frozenset[str] = frozenset()
                 ) -> tuple[dict[str, float], dict[str, float]]:
    """Each channel's own change the question states, as a % and as money over the weeks changed ("cut TV by 10% and
    Radio by $20k"), for the data's channels outside `leave`."""
    keep = [c for c in session.dataset.channels if c not in leave]
    changes = {c: p for c, p in routed.changes if c in keep and p is not None}
    # each amount at its own rate when the question gave one per amount ("$50k a week into TV and $2M a year into
    # Digital"), else at the question's one rate
    rate = dict(getattr(routed, "amounts_per", ()))
    own = {c: hz.over_weeks(_units(session, v), rate.get(c, routed.amount_per) if rate else routed.amount_per,
                            session.dataset.n_weeks, weeks) or 0.0
           for c, v in getattr(routed, "amounts", ()) if c in keep}
    return changes, own


def scenario_for(session: Session, routed: RoutedQuery, known: tuple[str, ...], margin: float | None,
                 weeks: np.ndarray | None = None) -> Any:
    """Run the scenario the question describes (changing only the `weeks` mask), or None when it names no change."""
    if routed.shift is not None:
        s = routed.shift
        amount = hz.over_weeks(_units(session, s.amount), routed.amount_per, session.dataset.n_weeks, weeks)
        pct = s.percentage
        to_pct = getattr(s, "to_percentage", None)
        if to_pct is not None:
            # "cut TV to fund a 20% increase in Social": the money moved is 20% of Social's spend
            amount, pct = to_pct / 100.0 * _spend_in(session, s.to_channel, weeks), None
        receivers = (s.to_channel, *getattr(s, "also_to", ()))
        # the other channels' own changes the same question makes ("move 10% of TV to Social (and Digital) and cut
        # Print by 20%"): answered with the move, at once
        others, others_own = _own_changes(session, routed, weeks, leave=frozenset({s.from_channel, *receivers}))
        if s.from_channel in session.dataset.channels and (len(receivers) > 1 or others or others_own):
            moved = amount if amount is not None else (pct or 0.0) / 100.0 * _spend_in(session, s.from_channel, weeks)
            # "half to Social and the other half to Digital": the money leaves one channel, split equally unless
            # the parts were said ("30% of TV to Radio and 20% to Social": 0.6 and 0.4 of it)
            shares = getattr(s, "shares", ()) or (1.0 / len(receivers),) * len(receivers)
            # "stop TV and put half of the savings into A and B": the source loses its whole cut
            cut = (-dict(routed.changes).get(s.from_channel, 0.0) / 100.0 * _spend_in(session, s.from_channel, weeks)
                   if len(receivers) > 1 else moved)
            return session.scenario(changes=others or None,
                                    amounts={s.from_channel: -max(moved, cut),
                                             **{r: moved * w for r, w in zip(receivers, shares)}, **others_own},
                                    margin=margin, weeks=weeks)
        cut = -dict(routed.changes).get(s.from_channel, 0.0)
        if pct is not None and amount is None and cut > pct + 1e-9 and s.from_channel in session.dataset.channels:
            # "cut TV 20% and put half of it into Digital": TV loses the whole 20%, Digital gets the 10% that moves
            base = _spend_in(session, s.from_channel, weeks)
            return session.scenario(amounts={s.from_channel: -cut / 100.0 * base, s.to_channel: pct / 100.0 * base},
                                    margin=margin, weeks=weeks)
        shift = Shift(from_channel=s.from_channel, to_channel=s.to_channel, percentage=pct, amount=amount)
        return session.scenario(shift=shift, margin=margin, weeks=weeks)
    changes, own = _own_changes(session, routed, weeks)
    if own:
        # "give Social $200k and TV $300k more", "cut TV by 10% and Radio by $20k": each channel's own money
        return session.scenario(changes=changes or None, amounts=own, margin=margin, weeks=weeks)
    if changes:
        return session.scenario(changes=changes, margin=margin, weeks=weeks)
    amount = hz.over_weeks(_units(session, routed.amount), routed.amount_per, session.dataset.n_weeks, weeks)
    if amount is not None and known:
        if getattr(routed, "level", False):
            amount -= _spend_in(session, known[0], weeks)   # "set TV to $1M": the change is the level minus today's
        elif len(known) > 1:
            # "put 100k into TV and Radio": the money said is the whole change, shared equally by the channels named
            return session.scenario(amounts={c: amount / len(known) for c in known}, margin=margin, weeks=weeks)
        return session.scenario(amounts={known[0]: amount}, margin=margin, weeks=weeks)
    if routed.percentage is not None:
        targets = known or session.dataset.channels
        return session.scenario(changes={c: routed.percentage for c in targets}, margin=margin, weeks=weeks)
    return None


def _spend_in(session: Session, channel: str, weeks: np.ndarray | None) -> float:
    """A channel's spend (data units) over the weeks a what-if changes (all weeks when None)."""
    spend = np.asarray(session.dataset.spend, dtype=float)[:, session.dataset.channels.index(channel)]
    return float(spend.sum() if weeks is None else spend[np.asarray(weeks, dtype=bool)].sum())


def _changes_dict(result: Any) -> dict[str, float | None]:
    changes = result.changes.items() if isinstance(result.changes, dict) else result.changes
    return {c: _r(p) for c, p in changes if p is None or not (isinstance(p, float) and math.isnan(p))}


def scenario_data(session: Session, result: Any, weeks: np.ndarray | None = None,
                  where: str | None = None) -> ScenarioData:
    """The contract: changes, delta_spend, delta_sales (90% interval), pct; plus the per-channel split.
    `horizon_weeks` counts the weeks whose spend changed; `window` names them."""
    if weeks is None:
        weeks, where = window_of(session, result, where)
    tiny = 1e-9 * max(1.0, float(session.dataset.total_spend.sum()))
    changes = _changes_dict(result)
    label = result.label
    if len(changes) == len(session.dataset.channels) > 1 and len(set(changes.values())) == 1:
        label = f"every channel {fmt.signed_pct(next(iter(changes.values())))}"
    return {
        "label": label[:1].upper() + label[1:], "changes": changes,
        "delta_spend": _r(result.delta_spend), "delta_sales": _r(result.delta_sales),
        "delta_sales_low": _r(result.delta_sales_low), "delta_sales_high": _r(result.delta_sales_high),
        "delta_sales_pct": _r(result.delta_sales_pct), "return_on_change": _r(result.return_on_change),
        "horizon_weeks": int(session.dataset.n_weeks if weeks is None else weeks.sum()),
        "window": where or hz.horizon_name(session.dataset.n_weeks, session.dataset.n_weeks),
        "expected_delta_sales": _r(result.delta_sales), "expected_delta_sales_low": _r(result.delta_sales_low),
        "expected_delta_sales_high": _r(result.delta_sales_high), "prob_loss": _r(result.prob_loss),
        "extrapolated": list(result.extrapolated), "margin": result.margin,
        "profit_delta": _r(result.profit_delta),
        "channels": {c.channel: {"spend_before": _r(c.spend_before), "spend_after": _r(c.spend_after),
                                 "delta_spend": _r(c.delta_spend), "delta_sales": _r(c.delta_sales)}
                     for c in result.channels if abs(c.delta_spend) > tiny},
    }


def _action(data: ScenarioData) -> str:
    """ "Cutting TV by 20%" for one % change; the analysis label otherwise ("Shift 10% of TV to Digital")."""
    changes = data["changes"]
    if len(changes) == 1 and data["delta_spend"] and "%" in data["label"] and "shift" not in data["label"].lower():
        (channel, pct), = changes.items()
        if pct is not None:
            if pct <= -100:
                return f"Stopping {channel}"
            return f"{'Cutting' if pct < 0 else 'Raising'} {channel} by {fmt.signed_pct(abs(pct))[1:]}"
    return data["label"]


def _preset_warnings(presets: Sequence[Any]) -> tuple[str, ...]:
    """The options' notes, each said once: one every option carries as it is; one only some carry (how far each
    moves part of the way) prefixed with the options it describes, so two such paragraphs are not read as one plan's."""
    carried: dict[str, list[str]] = {}
    for p in presets:
        for w in p.warnings:
            carried.setdefault(w, []).append(_preset_name(p))
    return tuple(w if len(names) == len(presets) else
                 f"{fmt.join_names(names).capitalize()} option{'s' if len(names) > 1 else ''}: {w}"
                 for w, names in carried.items())


def _goal_spend_range(b: dict[str, Any], ds: Any) -> str:
    """The 90% range of a goal's added spend. Its top end is out of reach when the channel's effect may sit at the low
    end of its range: said as "to beyond" the 1.5x-its-plan limit, not left out ("takes about $2.94M more on TV" was
    said with no range while reaching the target could take more than $3.76M; the truth was $3.76M)."""
    low, high, current = b.get("required_spend_low"), b.get("required_spend_high"), b["current_spend"]
    if low is None:
        return ""
    if high is not None:
        return f" (90% range {fmt.money_range(low - current, high - current, ds)})"
    return (f" (90% range {fmt.money(low - current, ds)} to beyond {fmt.money((EXTRAPOLATION_GUARD - 1) * current, ds)}, "
            f"{EXTRAPOLATION_GUARD:g}x its plan)")


def hold_reason(data: OptimizationData | dict[str, Any], same: bool) -> str:
    """Why a plan keeps today's mix although the model's best split promises more: said once, for the plan's own
    answer and for "why?" after it (which gave the limits the optimum runs into as the reason)."""
    chance = data.get("optimum_prob_loss")
    return ("no channel's effect is clear of zero in this data" if data.get("nothing_measurable") else
            "the model explains too little of this data, graded Low on the fit alone, to bet on a re-split"
            if data.get("low_grade_hold") else "its 90% range includes a loss" if chance is None else
            f"it sells less than {fmt.reference_mix(same)} in {fmt.chance(num(chance))} of the model draws that did "
            "not choose it")


def _spend_fact(ds_spend: float, r: float | None, ds) -> str:
    """What the change in spend buys, the right way round: a saving that sells less "gives up" sales per dollar saved;
    one that sells more (money moved to better channels, a little kept) "still adds" them, never "gives up −$14"; and
    extra spend that sells less "still loses" sales."""
    if ds_spend < 0:
        said = f"It saves {fmt.money(-ds_spend, ds)} of spend"
        if r is not None and r < 0:
            return f"{said} and still adds sales ({fmt.per_dollar(-r, ds)}{fmt.of_sales(ds)} for each dollar saved)."
        return f"{said}; each dollar saved gives up {fmt.per_dollar(r, ds)}{fmt.of_sales(ds)}."
    said = f"It costs {fmt.money(ds_spend, ds)} more"
    if r is not None and r < 0:
        return f"{said} and still loses sales ({fmt.per_dollar(-r, ds)}{fmt.of_sales(ds)} for each extra dollar)."
    return f"{said}; each extra dollar brings {fmt.per_dollar(r, ds)}{fmt.of_sales(ds)}."


def scenario_reply(session: Session, data: ScenarioData) -> Reply:
    ds = session.dataset
    d = num(data["delta_sales"])
    verb = "add" if d >= 0 else "lose"
    over = data.get("window") or f"the {ds.n_weeks} modelled weeks"
    unmeasured = unmeasured_channels(session, data["channels"])
    guess = bool(unmeasured) and len(unmeasured) == len(data["channels"])   # the whole figure rests on them
    headline = (f"{_action(data)} over {over}: the change in sales cannot be told from zero in this data — somewhere "
                f"from {fmt.amount_range(data['delta_sales_low'], data['delta_sales_high'], ds)} (90% interval)."
                if guess else   # an effect the data cannot tell from zero is never headlined by a point (issue 15)
                f"{_action(data)} over {over} would {verb} "
                f"about {fmt.amount(abs(d), ds)}{fmt.of_sales(ds)} ({fmt.signed_pct(data['delta_sales_pct'], 2)}; 90% interval "
                f"{fmt.amount_range(data['delta_sales_low'], data['delta_sales_high'], ds)}).")
    facts = []
    ds_spend = data["delta_spend"]
    if ds_spend and spend_moved_only(data):   # rounded shares of a re-split: money moved, not added
        ds_spend = 0.0
    signs = {math.copysign(1.0, num(v["delta_spend"])) for v in data["channels"].values() if num(v["delta_spend"])}
    if ds_spend and (guess or len(signs) > 1):
        # its return per dollar would be the same guessed point; or, with money also moved between channels ("move
        # $300k from TV to Social and cut Print by $50k"), the move's effect divided by the cut alone ($1.64 a dollar
        # against Print's own $0.44): "By channel" below gives each part
        facts.append(f"It {'saves' if ds_spend < 0 else 'costs'} {fmt.money(abs(ds_spend), ds)} of spend"
                     f"{'' if ds_spend < 0 else ' more'}" + (" overall, with money also moved between channels."
                                                            if len(signs) > 1 and not guess else "."))
    elif ds_spend:
        facts.append(_spend_fact(ds_spend, data["return_on_change"], ds))
    else:
        facts.append("Total spend is unchanged — the money is moved, not added.")
        if data.get("prob_loss") is not None:
            facts.append(f"Chance the move sells less than today's mix: {fmt.chance(num(data['prob_loss']))}.")
    counted = None if guess else fmt.units_line(d, data["delta_sales_low"], data["delta_sales_high"], ds)
    if counted:
        facts.insert(1, counted)
    moved = [(c, v) for c, v in data["channels"].items()]
    if len(moved) > 1:   # as the table says it: a channel the data cannot measure has no point ("Print ±$0")
        facts.append("By channel: " + ", ".join(
            f"{c} {'not measurable' if c in unmeasured and (guess or not v['delta_sales']) else fmt.signed_amount(v['delta_sales'], ds)}"
            for c, v in moved) + ".")
    if data["profit_delta"] is not None:
        facts.append(f"At a {fmt.margin(data['margin'])} margin, profit changes by {fmt.signed_amount(data['profit_delta'], ds)}.")
    caveat = whatif_caveat(session, len(data["channels"]), unmeasured, num(data["delta_sales_low"]),
                           num(data["delta_sales_high"]),
                           part=sum(num(data["channels"][c]["delta_sales"]) for c in unmeasured),
                           extrapolated=data["extrapolated"])
    # a figure resting only on channels the data cannot measure shows its range, not its point, as the headline does
    rows = tuple((c, fmt.money(v["spend_before"], ds), fmt.money(v["spend_after"], ds),
                  fmt.signed_money(v["delta_spend"], ds),
                  "not measurable" if guess and c in unmeasured else fmt.signed_amount(v["delta_sales"], ds))
                 for c, v in data["channels"].items())
    total = (fmt.amount_range(data["delta_sales_low"], data["delta_sales_high"], ds) if guess
             else fmt.signed_amount(d, ds))
    rows += (("Total", "", "", fmt.signed_money(ds_spend, ds), total),)
    return Reply("budget_scenario", headline, tuple(facts[:4]), caveat,
                 Table(f"What-if: {data['label']}", ("Channel", "Spend before", "Spend after", "Δ spend", "Δ sales"),
                       rows), data=data)


def whatif_caveat(session: Session, changed: int, unmeasured: list[str], low: float, high: float,
                  part: float | None = None, extrapolated: list[str] | tuple[str, ...] = ()) -> str | None:
    """The one caveat a what-if carries, national or in some markets (`markets.market_scenario_reply`), the
    weightiest first: a figure resting on channels the data cannot measure (all `changed` of them, or the
    `part` of it), spend beyond any week seen, an interval spanning a gain and a loss, a model graded Low."""
    ds = session.dataset
    if unmeasured and len(unmeasured) == changed:
        # the point figure rests on an effect the data cannot tell from zero: say so before anything else
        return (f"{fmt.join_names(unmeasured)} {'is' if len(unmeasured) == 1 else 'are'} not measurable in this data "
                f"(the effect cannot be told from zero), so this figure and its interval are a guess, not a forecast: "
                f"test the change before acting on it.")
    if unmeasured and part is not None and part == 0:
        # its part is counted as no effect ("Print ±$0"): the risk is the effect the data cannot rule out, not none
        one = len(unmeasured) == 1
        return (f"{fmt.join_names(unmeasured)} {'is' if one else 'are'} not measurable in this data, so this figure "
                f"counts no effect from {'it' if one else 'them'}, which is a guess; the 90% interval allows for the "
                f"effect the data cannot rule out.")
    if unmeasured:   # part of the point rests on such a channel: name that part, never let it pass as measured
        one = len(unmeasured) == 1
        amount = "" if part is None else f" ({fmt.signed_amount(part, ds)})"
        return (f"{fmt.join_names(unmeasured)} {'is' if one else 'are'} not measurable in this data, so "
                f"{'its' if one else 'their'} part of this figure{amount} is a guess; the "
                f"90% interval allows for {'it' if one else 'them'} having no effect at all.")
    if extrapolated:
        return (f"{fmt.join_names(list(extrapolated))} would go beyond any weekly spend seen in the data, so that "
                f"part of the estimate is extrapolated.")
    if low < 0 < high:
        return "The 90% interval spans both a gain and a loss: the model cannot tell the direction for sure."
    return weak_caveat(session) if session_weak(session) else None


# ---------------------------------------------------------------- optimisation
def optimization(session: Session, budget: float | None, constraints: tuple[BudgetConstraint, ...] = (),
                 margin: float | None = None, weeks: np.ndarray | None = None) -> OptimizationResult:
    """The optimal split over the `weeks` mask (cached per session: see Session.optimization)."""
    return session.optimization(budget, constraints, margin, weeks)


def optimization_data(session: Session, result: OptimizationResult) -> OptimizationData:
    return {
        "label": result.label, "total_budget": _r(result.total_budget),
        "current_total": _r(result.current_total),
        "allocation": {r.channel: {"current": _r(r.current), "recommended": _r(r.recommended),
                                   "change_pct": _r(r.change_pct), "marginal_roi_current": _r(r.marginal_roi_current),
                                   "marginal_roi_recommended": _r(r.marginal_roi_recommended),
                                   "at_bound": r.at_bound, "measurable": bool(r.measurable)}
                       for r in result.allocation},
        "expected_delta_sales": _r(result.expected_delta_sales),
        "expected_delta_sales_low": _r(result.expected_delta_sales_low),
        "expected_delta_sales_high": _r(result.expected_delta_sales_high),
        "expected_delta_sales_pct": _r(result.expected_delta_pct),
        "binding": list(result.binding), "equalised_marginal_roi": _r(result.equalised_marginal_roi),
        "bound_pct": _r(result.bound_pct), "profit_delta": _r(result.profit_delta),
        "step": _r(result.step), "optimum_delta_sales": _r(result.optimum_delta_sales),
        "bound_used": _r(result.bound_used),
        # share of the model draws that scored the plan (not those that chose it) in which it sells less than today's
        # mix scaled to the plan's budget (today's mix itself when the budget is today's)
        "prob_loss": _r(result.prob_loss),
        "model_delta_sales": _r(result.model_delta_sales),
        "entangled": [list(p) for p in result.entangled],
        "unmeasured_together": list(result.unmeasured_together),
        "nothing_measurable": bool(result.nothing_measurable),
        "low_grade_hold": bool(result.low_grade_hold),
        # channels a careful plan moves only part of the way toward the best split: [channel, change %, best split's %]
        "partway": [[n, _r(now), _r(full)] for n, now, full in result.partway],
        # a plan that keeps today's mix: the share of scoring draws in which the model's best split sells less
        "optimum_prob_loss": _r(result.optimum_prob_loss),
        # the recommendation IS the model's optimum (not a smaller, more certain move toward it)
        "at_optimum": result.optimum_delta_sales is None,
    }


def optimization_reply(session: Session, data: OptimizationData) -> Reply:
    ds = session.dataset
    alloc = data["allocation"]
    d = num(data["expected_delta_sales"])
    same = fmt.same_budget(num(data["total_budget"]), num(data["current_total"]))
    kept_mix = not data.get("at_optimum", True) and (data.get("step") or 0.0) <= 0
    # a stated limit ("keep TV at $500k") can move channels even when the plan keeps today's mix elsewhere
    limited = kept_mix and not _keeps_mix(data)
    kept_words = ("the channels your limits leave free in today's split" if limited else
                  "today's mix" + ("" if same else ", scaled to the new budget"))
    how_split = ("with the free channels in today's split" if limited else
                 "with today's mix scaled to it") if kept_mix else "in the best split"
    over = data.get("window") or hz.horizon_name(data.get("horizon_weeks") or ds.n_weeks, ds.n_weeks)
    what = (f"Re-splitting the same {fmt.money(data['total_budget'], ds)} budget over {over}" if same else
            f"Spending {fmt.money(data['total_budget'], ds)} over {over} (vs {fmt.money(data['current_total'], ds)} "
            f"today) {how_split}")
    held = kept_mix and same and not limited and abs(d) <= 1e-9 * max(1.0, abs(num(data["current_total"])))
    headline = (f"Keep today's mix: no re-split of the same {fmt.money(data['total_budget'], ds)} budget over {over} "
                "is clear of a loss in this data." if held else
                f"{what} would {'add' if d >= 0 else 'change sales by'} about {fmt.amount(abs(d), ds) if d >= 0 else fmt.signed_amount(d, ds)}"
                # "would change sales by about −$353k", not "… −$353k of sales"
                f"{fmt.of_sales(ds) if d >= 0 else ''} ({fmt.signed_pct(data['expected_delta_sales_pct'], 2)}; 90% interval "
                f"{fmt.amount_range(data['expected_delta_sales_low'], data['expected_delta_sales_high'], ds)}).")
    ups = sorted([c for c, v in alloc.items() if num(v["change_pct"]) > 0.5], key=lambda c: -num(alloc[c]["change_pct"]))
    downs = sorted([c for c, v in alloc.items() if num(v["change_pct"]) < -0.5], key=lambda c: num(alloc[c]["change_pct"]))
    facts = []
    if ups or downs:
        parts = []
        if ups:
            parts.append("more to " + ", ".join(f"{c} ({fmt.signed_pct(alloc[c]['change_pct'], 0)})" for c in ups))
        if downs:
            parts.append("less to " + ", ".join(f"{c} ({fmt.signed_pct(alloc[c]['change_pct'], 0)})" for c in downs))
        facts.append("Put " + "; ".join(parts) + ".")
    elif data.get("nothing_measurable"):
        facts.append("Today's mix is kept: no channel's effect is clear of zero in this data.")
    elif not kept_mix:   # a kept mix says why below; "close to the best" would contradict the optimum's promise
        facts.append("The current split is already close to the best one.")
    step = data.get("step") or 0.0
    at_optimum = data.get("at_optimum", True)
    guess = bool(data.get("nothing_measurable"))   # the optimum's figures would be about moves the data cannot back
    if data.get("prob_loss") is not None and not kept_mix:
        facts.append(f"Chance it sells less than {fmt.reference_mix(same)}: {fmt.chance(num(data['prob_loss']))} (scored by model draws "
                     "that did not choose the plan).")
    if not at_optimum and not guess:
        own = data.get("model_delta_sales")   # like with like: the model's figure for both plans
        extra = num(data["optimum_delta_sales"]) - (d if own is None else own)
        advantage = fmt.amount(max(extra, 0.0), ds)
        if step <= 0:
            facts.append(f"The model's best split promises {advantage} more, but that is too uncertain to "
                         f"recommend ({hold_reason(data, same)}), so the plan keeps {kept_words}.")
        elif step < 1 and data.get("partway"):   # toward a careful split: the partway line names the channels
            facts.append(f"Shrunk to {fmt.share(step, 0)} of a careful move (each channel only as far as its return "
                         "clears its noise): a bigger move's 90% range includes a loss.")
        elif step < 1:
            facts.append(f"Shrunk to {fmt.share(step, 0)} of the way toward the best split: a bigger move's 90% "
                         "range includes a loss.")
        elif extra > 0.01 * max(abs(d), 1e-9):
            # no second figure: "promises $12.8k more" beside a $93.7k headline read as $106k, "the full optimum would
            # add $347k against $263k for this plan" beside a $335k headline gave one plan two gains (second pair of
            # eyes, session 13, #12), and a ratio of the model's two figures ("about 22% more than this plan") read as
            # 22% above the headline, which is not the model's figure for this plan (eyes, session 14, #7)
            facts.append("By the model's own figures the full optimum ranks above this plan, but those are the figures "
                         "that chose it and flatter it; this plan goes only as far as model draws that did not choose it "
                         "confirm.")
    if data["equalised_marginal_roi"] is not None and not guess:
        facts.append(("At the recommended split" if at_optimum else "At that full optimum")
                     + f" the next $1 returns about {fmt.per_dollar(data['equalised_marginal_roi'], session.dataset)} "
                     f"in every unconstrained channel.")
    if data["binding"] and not guess:
        facts.append(("Limits" if at_optimum else "Limits that bind at the full optimum") + (" that bind: " if at_optimum else ": ")
                     + "; ".join(data["binding"][:3]) + ".")
    if data["profit_delta"] is not None:
        facts.append(f"Profit change at the stated margin: {fmt.signed_amount(data['profit_delta'], ds)}.")
    caveat = None
    if same and num(data["expected_delta_sales_high"]) < 0:
        # "raise Digital 20% but keep total spend the same": a limit that forces a loss is not a risky gain
        caveat = ("Your limits cost sales: the best split within them sells less than today's mix over its whole 90% "
                  "interval. Loosen or drop a limit to keep today's sales.")
    elif same and num(data["expected_delta_sales_low"]) < 0:
        caveat = "The 90% interval includes a loss: treat the reallocation as a test-and-learn plan, not a sure gain."
    elif session_weak(session):
        caveat = weak_caveat(session)
    rows = tuple((c, fmt.money(v["current"], ds), fmt.money(v["recommended"], ds), fmt.signed_pct(v["change_pct"], 0),
                  *next_dollar_cells(v, ds), {"upper": "max", "lower": "min"}.get(v["at_bound"] or "", ""))
                 for c, v in alloc.items())
    return Reply("budget_optimization", headline, tuple(facts[:4]), caveat,
                 Table(f"Recommended budget split, {over}",
                       ("Channel", "Current", "Recommended", "Change", "Next $1 now", "Next $1 after",
                        "Limit" if at_optimum else "Limit (opt.)"), rows), data=data)


def next_dollar_cells(row: Any, dataset: Any) -> tuple[str, str]:
    """A plan row's "Next $1 now" and "Next $1 after": "—" for a channel the data cannot measure, as in the
    saturation table (sibylhe's plan showed $78.94 for unmeasurable TV where saturation showed "—")."""
    if not row.get("measurable", True):
        return "—", "—"
    return fmt.per_dollar(row["marginal_roi_current"], dataset), fmt.per_dollar(row["marginal_roi_recommended"], dataset)


def _preset_name(preset: Any) -> str:
    """A preset plan's option name ("base"), from its label "base (±30% per channel)" (`scenario_presets`)."""
    return str(preset.label.split(" (")[0])


def presets_data(session: Session, presets: Any) -> OptimizationData:
    options: dict[str, OptimizationData] = {}
    for p in presets:
        options[_preset_name(p)] = optimization_data(session, p)
    base = options.get("base") or next(iter(options.values()))
    return {**base, "presets": options}


def _keeps_mix(data: OptimizationData) -> bool:
    """Whether a plan is today's mix (scaled to its budget): every channel that spends changes by the same %."""
    alloc = data["allocation"].values()
    return len({round(num(v["change_pct"]), 1) for v in alloc if num(v.get("current")) > 0}) <= 1


def _all_kept_headline(options: list[OptimizationData], count: int) -> str:
    """One line for presets that all keep today's mix, with the reason the plans' warnings give."""
    same = all(fmt.same_budget(num(o["total_budget"]), num(o["current_total"])) for o in options)
    kept = "today's mix" if same else "today's mix, scaled to the budget"
    if all(o.get("nothing_measurable") for o in options):
        why = "no channel's effect is clear of zero in this data, so a re-split would be a guess"
    elif any(o.get("low_grade_hold") for o in options):
        why = "the model explains too little of this data (graded Low on the fit alone) to bet on a re-split"
    elif any(not o.get("at_optimum", True) for o in options):
        why = "even the smallest move toward the model's best split has a 90% range that includes a loss"
    else:
        why = "the model finds no better split within any option's limits"
    return f"All {count} options keep {kept}: {why}."


def _same_split(a: OptimizationData, b: OptimizationData) -> bool:
    """Two plans that spend each channel the same (to 0.1% of the budget)."""
    tol = 1e-3 * max(1.0, num(a["total_budget"]))
    return all(abs(num(a["allocation"][c]["recommended"]) - num(b["allocation"][c]["recommended"])) <= tol
               for c in a["allocation"])


def presets_reply(session: Session, data: OptimizationData) -> Reply:
    ds = session.dataset
    opts = data["presets"]
    headline = "Three ways to re-split the budget: " + "; ".join(
        f"{name} {fmt.signed_amount(o['expected_delta_sales'], ds)}" for name, o in opts.items()) + f"{fmt.of_sales(ds)}."
    if all(_keeps_mix(o) for o in opts.values()):   # "±$0; ±$0; ±$0" would leave the reason to the warnings
        headline = _all_kept_headline(list(opts.values()), len(opts))
    facts = tuple(f"{name.capitalize()} (±{o['bound_pct']:g}% per channel): "
                  f"{fmt.amount_range(o['expected_delta_sales_low'], o['expected_delta_sales_high'], ds)} (90% interval"
                  + (f"; {fmt.chance(num(o['prob_loss']))} chance of a loss)." if o.get("prob_loss") is not None else ").")
                  for name, o in opts.items())
    names = list(opts)
    for a, b in zip(names, names[1:]):
        if not all(_keeps_mix(opts[n]) for n in (a, b)) and _same_split(opts[a], opts[b]):
            # "base +$2.69M; aggressive +$2.69M" read as if the wider option was never tried
            facts += (f"{b.capitalize()} is the same plan as {a}: wider limits do not move it further, since a plan "
                      "goes only as far toward the model's best split as draws that did not choose it confirm.",)
    channels = list(data["allocation"])
    rows = tuple((c, fmt.money(data["allocation"][c]["current"], ds),
                  *(fmt.money(o["allocation"][c]["recommended"], ds) for o in opts.values())) for c in channels)
    return Reply("budget_optimization", headline, facts, "Bigger moves go further from the spend levels the model has seen.",
                 Table("Budget options", ("Channel", "Current", *[n.capitalize() for n in opts]), rows), data=data)


# ---------------------------------------------------------------- goals (reverse questions)
def _route_within_range(data: GoalData, reachable: dict[str, Any], best: str) -> str | None:
    """The next-cheapest channel whose spend lies inside the cheapest route's own 90% spend range: "Affiliate
    $817k — the cheapest route" beside TV at $839k, with Affiliate's range $322k to beyond $840k, is a tie."""
    b = data["channels"][best]
    low, high, now = b.get("required_spend_low"), b.get("required_spend_high"), num(b.get("current_spend"))
    if low is None:
        return None
    runner = min((n for n in reachable if n != best), key=lambda n: num(reachable[n].delta_spend), default=None)
    if runner is None:   # only the runner-up can tie
        return None
    spend = num(reachable[runner].delta_spend)
    return runner if num(low) - now <= spend and (high is None or spend <= num(high) - now) else None


def goal_answer(session: Session, routed: RoutedQuery, margin: float | None, weeks: np.ndarray | None = None,
                where: str | None = None) -> Reply:
    """ "What would it take to add $1M of sales?", "cut without losing more than 1%", "reach a ROAS of 3",
    over the `weeks` mask (default: the whole period): solved over those weeks' own spend and sales."""
    import analysis.decisions.reverse as reverse

    g = routed.goal
    assert g is not None
    fit = session.fit
    ds = session.dataset
    weeks = np.ones(ds.n_weeks, dtype=bool) if weeks is None else weeks
    if g.unit is not None and ds.in_money:   # "add 10000 conversions" on data whose target is money
        # "500 more sales" on a model of sales in dollars: the count names the target itself, not another unit
        said = f"a count of {g.unit}" if g.unit == ds.target.lower() else g.unit
        return Reply("budget_optimization",
                     f"This model's target is {ds.target} in dollars, not {said}, so a goal of {g.value:,.0f} {g.unit} "
                     "cannot be read from it.", ("Ask for the goal in money, e.g. “what would it take to add $1M in sales?”.",),
                     data={"goal": _goal_spec(session, g), "target_sales": None})
    if g.kind == "reach_sales":
        # "hit $70M in sales": a level over the horizon, answered as the sales to add to the same weeks' actual sales
        today, target = float(np.asarray(ds.sales, dtype=float)[weeks].sum()), _goal_spec(session, g)["value"]
        span = where or hz.horizon_name(int(weeks.sum()), ds.n_weeks)
        if target <= today:
            # a count target is said in its unit: "there were 64.0k conversions", not "sales were"
            were = f"sales were {fmt.amount(today, ds)}" if ds.in_money else f"there were {fmt.amount(today, ds)}"
            example = "add $1M in sales" if ds.in_money else f"add {fmt.amount(0.1 * today, ds)}"
            return Reply("budget_optimization",
                         f"Over {span}, {were}, already at or above the "
                         f"{fmt.amount(target, ds)} target: no extra spend is needed to reach it.",
                         (f"To grow beyond it, ask e.g. “what would it take to {example}?”.",),
                         data={"goal": _goal_spec(session, g), "target_sales": 0.0,
                               "current_sales": _r(today)})
        reply = goal_answer(session, dataclasses.replace(routed, goal=dataclasses.replace(
            g, kind="add_sales", value=(target - today) * (ds.money_scale if g.unit is None else 1.0))), margin, weeks, where)
        return reply.but(headline=(f"Reaching {fmt.amount(target, ds)}{fmt.of_sales(ds)} over {span} means "
                                   f"{fmt.amount(target - today, ds)} more than the {fmt.amount(today, ds)} of those weeks. "
                                   + reply.headline),
                         data={**reply.data, "goal": _goal_spec(session, g),
                               "current_sales": _r(today)})
    if g.kind in ("add_sales", "grow_sales_pct"):
        # "grow sales by 5%": 5% of the horizon's sales
        extra = (_goal_spec(session, g)["value"] if g.kind == "add_sales"
                 else g.value / 100.0 * float(np.asarray(ds.sales, dtype=float)[weeks].sum()))
        names = [g.channel] if g.channel else [c.name for c in fit.channels if c.measurable and c.coef > 0]
        results = {n: reverse.spend_for_sales_target(fit, n, extra, weeks=weeks) for n in names}
        data: GoalData = {"goal": _goal_spec(session, g), "target_sales": _r(extra),
                          "channels": {n: reverse_data(r) for n, r in results.items()}}
        reachable = {n: r for n, r in results.items() if r.reachable and r.delta_spend is not None}
        out_of_reach = (f"{fmt.amount(extra, ds)}{' of extra sales' if fmt.of_sales(ds) else ' more'} is out of reach "
                        "within the spend levels the model has seen")
        combined = None   # no one channel gets there: the split across channels that does, if any
        if reachable:
            best = min(reachable, key=lambda n: num(reachable[n].delta_spend))
            b = data["channels"][best]
            data["best_channel"] = best
            rng = _goal_spend_range(b, ds)
            near = _route_within_range(data, reachable, best)
            cheapest = (" — the cheapest route." if near is None else
                        f" — the cheapest route by its central figure, though {near} "
                        f"(+{fmt.money(num(reachable[near].delta_spend), ds)}) is within its range.")
            headline = (f"Adding {fmt.amount(extra, ds)}{fmt.of_sales(ds)} takes about {fmt.money(b['delta_spend'], ds)}{rng} more "
                        f"on {best}" + (cheapest if len(names) > 1 else "."))
        elif not names:   # no channel's effect is clear of zero: there is no curve to read a route from
            headline = (f"No channel's effect can be measured in this data, so no spend can be shown to add "
                        f"{fmt.amount(extra, ds)}{fmt.of_sales(ds)}.")
        elif g.channel is None and len(names) > 1 and extra > 0:
            # no one channel gets there: the same target by a split across channels, each within 1.5x its plan
            combined = reverse.budget_for_sales_target(fit, extra, weeks=weeks)
            data["combined"] = reverse_data(combined)
            headline = (f"No one channel adds {fmt.amount(extra, ds)}{fmt.of_sales(ds)} within 1.5x its plan; together "
                        f"they do for about {fmt.money(num(combined.delta_spend), ds)} more, split across channels."
                        if combined.reachable else f"{out_of_reach}, even with every channel at 1.5x its plan.")
        else:
            headline = f"{out_of_reach} for {fmt.join_names(names)}."
        if g.kind == "grow_sales_pct":
            headline = (f"{g.value:g}% more {fmt.outcome_word(ds)} is about {fmt.amount(extra, ds)} over "
                        f"{where or hz.horizon_name(int(weeks.sum()), ds.n_weeks)}. " + headline)
        facts = [f"Via {n}: " + (f"+{fmt.money(v['delta_spend'], ds)} of spend" if v["reachable"] and v["delta_spend"] is not None
                                 else f"not reachable (at most {fmt.amount(v['best_reachable'], ds)} more"
                                      f"{' sales' if fmt.of_sales(ds) else ''})"
                                 if v.get("best_reachable") is not None else "not reachable")
                 for n, v in data["channels"].items()]
        if len(facts) > 4:   # every channel's route is named: the fourth line holds the rest
            facts = facts[:3] + ["; ".join(facts[3:])]
        best_channel = data.get("best_channel")
        chosen = results.get(best_channel) if best_channel else None
        # the cheapest reachable route: a named channel with a required spend, else the split across channels
        split = cast("dict[str, float] | None", {chosen.channel: chosen.required_spend} if chosen is not None else None)
        if chosen is None and combined is not None and combined.reachable:
            chosen, split = combined, {a.channel: a.recommended for a in combined.allocation}
        data.update(_budget_keys(session, split, chosen, weeks))
        if combined is not None and chosen is combined:   # the split's figures, as every plan gives them
            facts = [f"Split: {', '.join(f'{a.channel} {fmt.money(a.recommended, ds)}' for a in combined.allocation)} "
                     f"(+{fmt.money(num(combined.delta_spend), ds)} in all).",
                     f"Expected change: {fmt.signed_amount(num(combined.delta_sales), ds)}{_goal_range(data, ds)}"
                     " (the honest figure, from model draws that did not choose the split; the curves that chose it "
                     "reach the target exactly).",
                     "Alone, within 1.5x its plan, each adds at most: " + ", ".join(
                         f"{n} {fmt.amount(num(v['best_reachable']), ds)}" for n, v in data["channels"].items()
                         if v.get("best_reachable") is not None) + ".",
                     *_goal_chance(data)]
        warnings = list(chosen.warnings) if chosen is not None else [w for r in results.values() for w in r.warnings][:2]
        return Reply("budget_optimization", headline, tuple(facts), data=data,
                     warnings=tuple(dict.fromkeys(warnings)))
    if g.kind == "keep_sales_within":
        r = reverse.max_cut_within(fit, g.value, weeks=weeks)
        data = cast(GoalData, {"goal": _goal_spec(session, g), **reverse_data(r),
                               **_budget_keys(session, {a.channel: a.recommended for a in r.allocation}
                                              if r.reachable else None, r if r.reachable else None, weeks)})
        cut = -(data["delta_spend"] or 0.0)
        headline = (f"You can cut the budget by {fmt.money(cut, ds)} ({fmt.signed_pct(100 * -cut / num(data['current_spend']))}) "
                    f"and keep sales within {g.value:g}% of today's, if the rest is re-split optimally."
                    if r.reachable else f"No cut keeps sales within {g.value:g}% of today's under the optimiser's limits.")
        facts = []
        if data["delta_sales"] is not None:
            facts.append(f"Sales change: {fmt.signed_amount(data['delta_sales'], ds)} "
                         f"({fmt.signed_pct(data['delta_sales_pct'], 2)}){_goal_range(data, ds)}.")
        alloc = {a.channel: a for a in r.allocation}
        if alloc:
            facts.append("New split: " + ", ".join(f"{c} {fmt.money(a.recommended, ds)}" for c, a in alloc.items()) + ".")
        facts += _goal_chance(data)
        return Reply("budget_optimization", headline, tuple(facts), data=data, warnings=tuple(r.warnings))
    r = reverse.budget_for_roas(fit, g.value, weeks=weeks)
    inside = np.asarray(ds.spend, dtype=float)[weeks].sum(axis=0)
    if r.reachable and r.allocation:
        split = {a.channel: a.recommended for a in r.allocation}
    elif r.reachable and r.required_spend is not None and r.current_spend:
        split = {c: float(v) * r.required_spend / r.current_spend for c, v in zip(ds.channels, inside)}
    else:
        split = None
    data = cast(GoalData, {"goal": _goal_spec(session, g), **reverse_data(r),
                           **_budget_keys(session, split, r if r.reachable else None, weeks)})
    if r.reachable and data["required_spend"] is not None:
        headline = (f"Media returns {fmt.per_dollar(g.value, session.dataset)} per $1 up to a total budget of about "
                    f"{fmt.money(data['required_spend'], ds)} ({fmt.signed_money(data['delta_spend'], ds)} vs today, "
                    f"where it returns {fmt.per_dollar(data['current_roas'], session.dataset)}).")
    else:
        headline = (f"No budget reaches a return of {fmt.per_dollar(g.value, session.dataset)} per $1 with the current mix; the best is "
                    f"{fmt.per_dollar(data['best_reachable'], session.dataset)}.")
    facts = [f"Method: {r.method}."]
    if data["expected_delta_sales"] is not None:
        facts.append(f"Sales change at that budget: {fmt.signed_amount(data['expected_delta_sales'], ds)}"
                     f"{_goal_range(data, ds)}.")
    if r.allocation:   # an optimised split (a scaled mix is today's mix itself: no chance to state)
        facts += _goal_chance(data)
    return Reply("budget_optimization", headline, tuple(facts), data=data, warnings=tuple(r.warnings))


def _goal_range(data: Any, ds: Any) -> str:
    """ "; 90% interval −$830k to −$478k": a goal's expected change with the range its `--json` carries, so
    the narrative states what the plan's data already holds (it printed the point alone)."""
    low, high = data.get("expected_delta_sales_low"), data.get("expected_delta_sales_high")
    return "" if low is None or high is None else f"; 90% interval {fmt.amount_range(low, high, ds)}"


def _goal_chance(data: Any) -> list[str]:
    """A goal's plan, like every plan, says its chance of selling less than today's mix at the same budget."""
    if data.get("prob_loss") is None:
        return []
    return [f"Chance it sells less than {fmt.reference_mix(False)}: {fmt.chance(num(data['prob_loss']))} (scored by model "
            "draws that did not choose the plan)."]


def _budget_keys(session: Session, recommended: dict[str, float] | None, r: Any, weeks: np.ndarray) -> GoalData:
    """The budget_optimization contract for a goal answer: the budget and split it implies and
    the expected change in sales (None when the goal is out of reach); today's spend over the same weeks."""
    ds = session.dataset
    current = dict(zip(ds.channels, (float(v) for v in np.asarray(ds.spend, dtype=float)[weeks].sum(axis=0))))
    rec = {c: float((recommended or {}).get(c, v)) for c, v in current.items()}
    ok = r is not None and r.delta_sales is not None
    return {
        "total_budget": _r(sum(rec.values())), "current_total": _r(sum(current.values())),
        "allocation": {c: {"current": _r(current[c]), "recommended": _r(rec[c])} for c in current},
        "expected_delta_sales": _r(r.delta_sales) if ok else None,
        "expected_delta_sales_low": _r(r.delta_sales_low) if ok else None,
        "expected_delta_sales_high": _r(r.delta_sales_high) if ok else None,
        "prob_loss": _r(r.prob_loss) if ok else None,
    }


def reverse_data(r: Any) -> dict[str, Any]:
    """The numeric fields of a ReverseResult, JSON-ready (money in data units)."""
    keys = ("kind", "label", "channel", "method", "reachable", "current_spend", "required_spend", "delta_spend",
            "delta_sales", "delta_sales_low", "delta_sales_high", "delta_sales_pct", "roas", "current_roas",
            "best_reachable", "required_spend_low", "required_spend_high", "extrapolated")
    out = {}
    for k in keys:
        v = getattr(r, k, None)
        out[k] = _r(v) if isinstance(v, float) else v
    return out
