"""Comparisons of what-ifs ("cut Meta 50% vs add 20% to Email") — intent budget_scenario with two or more
options: each side is its own scenario, and the answer says which is better and whether the gap is within
the margin of error (paired draws: the same curves in both options)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from analysis.decisions.compare import compare_scenarios, one_estimator
from assistant import format as fmt
from assistant.answers.budget import (
    _ask_for_change,
    decision_weeks,
    per_window,
    remember_window,
    scenario_data,
    scenario_for,
)
from assistant.answers.common import margin_for
from assistant.answers.common import r as _r
from assistant.answers.shapes import ComparisonData, ComparisonSide
from assistant.reply import ChartRequest, Reply, Table

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

MAX_OPTIONS = 4


def answer_comparison(session: Session, routed: RoutedQuery) -> Reply:
    """One scenario per option; `data.scenarios` lists them, `better`/`within_margin` weigh the best against the runner-up."""
    margin = margin_for(session, routed)
    results: list[Any] = []
    asked: list[tuple[Any, Any, Any]] = []   # per side kept: the option, its weeks and how they were named
    rows: list[ComparisonSide] = []
    for alt in routed.scenarios[:MAX_OPTIONS]:
        side = replace(routed, changes=alt.changes, shift=alt.shift, window=alt.window or routed.window,
                       percentage=alt.changes[0][1] if alt.changes else None,
                       amount=alt.amounts[0][1] if alt.amounts else None, level=alt.level, scenarios=(),
                       # "(b) +$500k split evenly between Social and Radio", "Radio and Print by $200k each": each
                       # channel's own money (one amount alone would be shared equally by the channels named)
                       amounts=alt.amounts if len(alt.amounts) > 1 and not alt.level else ())
        weeks, where = decision_weeks(session, side)
        known = tuple(c for c, _ in alt.changes + alt.amounts if c in session.dataset.channels)
        result = scenario_for(session, side, known, margin, weeks)
        if result is None:
            continue
        result = per_window(session, result, weeks)
        results.append(result)
        asked.append((alt, weeks, where))
    # one estimator for every side: a side that moves money is scored as a plan, so the others are too
    results = one_estimator(session.fit, results)
    for result, (alt, weeks, where) in zip(results, asked):
        remember_window(session, result, weeks, where)   # on the result kept (a rescored side is a new object)
        one = scenario_data(session, result, weeks, where)
        label = one["label"]
        if alt.level and alt.amounts:   # "TV at $1M (TV −$1.76M)": the level asked for, then the change it is
            ch, level = alt.amounts[0]
            label = f"{ch} at {fmt.money(level / session.dataset.money_scale, session.dataset)} ({label})"
        rows.append({"label": label, "changes": one["changes"], "delta_spend": one["delta_spend"],
                     "delta_sales": one["delta_sales"], "delta_sales_low": one["delta_sales_low"],
                     "delta_sales_high": one["delta_sales_high"], "delta_sales_pct": one["delta_sales_pct"],
                     "horizon_weeks": one["horizon_weeks"], "window": one["window"], "level": bool(alt.level),
                     # each side is a plan: the same honest keys as the what-if asked alone ("move 10% of TV to
                     # Radio" carried prob_loss; the same move as one side of a comparison did not)
                     "expected_delta_sales": one["expected_delta_sales"],
                     "expected_delta_sales_low": one["expected_delta_sales_low"],
                     "expected_delta_sales_high": one["expected_delta_sales_high"], "prob_loss": one["prob_loss"]})
    if len(results) < 2:
        return _ask_for_change(session)
    own_windows = len({r["window"] for r in rows}) > 1
    if own_windows:   # "pausing TV for a month or Radio for a quarter": each side names its weeks
        rows = [{**r, "label": f"{r['label']} over {r['window']}"} for r in rows]
    first, second = _top_two(session, results)
    cmp = compare_scenarios(session.fit, results[first], results[second])
    pair = (first, second)
    win, lose = rows[pair[cmp.better]], rows[pair[1 - cmp.better]]
    data: ComparisonData = {
        "scenarios": rows, "better": win["label"], "difference": _r(cmp.difference),
        "difference_low": _r(cmp.difference_low), "difference_high": _r(cmp.difference_high),
        "difference_measure": cmp.measure, "within_margin": cmp.within_margin,
        # one window for the whole comparison only when the sides share it; otherwise each scenario names its own
        "horizon_weeks": None if own_windows else rows[0]["horizon_weeks"],
        "window": None if own_windows else rows[0]["window"]}
    session.scenarios.extend(results)
    headline, facts, caveat = _words(session, data, win, lose, own_windows)
    return Reply("budget_scenario", headline, facts, caveat, _table(session, rows), data=data,
                 charts=(ChartRequest("comparison", data),),
                 warnings=tuple(w for r in results for w in r.warnings))


def _top_two(session: Session, results: list[Any]) -> tuple[int, int]:
    """The two best options by the comparison's own measure (paired draws): with three options the
    answer weighs the winner against the runner-up, the contest that is actually close."""
    def best(indices: list[int]) -> int:
        lead = indices[0]
        for i in indices[1:]:
            if compare_scenarios(session.fit, results[lead], results[i]).better == 1:
                lead = i
        return lead

    everyone = list(range(len(results)))
    top = best(everyone)
    return top, best([i for i in everyone if i != top])


def _words(session: Session, data: ComparisonData, win: ComparisonSide,
           lose: ComparisonSide, own_windows: bool = False) -> tuple[str, tuple[str, ...], str | None]:
    ds = session.dataset
    over = "" if own_windows else f" over {data['window']}"
    gap = fmt.money(data["difference"], ds)
    interval = fmt.money_range(data["difference_low"], data["difference_high"], ds)
    measure = data["difference_measure"]
    if data["within_margin"]:
        headline = (f"{win['label']} and {lose['label']} are within the margin of error of each other: the first is "
                    f"ahead by about {gap} of {measure}{over}, but the 90% interval of the gap "
                    f"({interval}) includes zero.")
    else:
        headline = (f"{win['label']} is better: about {gap} more {measure} than {lose['label']}"
                    f"{over} (90% interval of the gap {interval}, from paired draws).")
    facts = tuple(f"{r['label']}: {fmt.signed_amount(r['delta_sales'], ds)}{fmt.of_sales(ds)} "
                  f"({fmt.amount_range(r['delta_sales_low'], r['delta_sales_high'], ds)}) for "
                  f"{fmt.signed_money(r['delta_spend'], ds)} of spend." for r in data["scenarios"])
    spends = {round(r["delta_spend"] or 0.0, 6) for r in data["scenarios"]}
    caveat = ("The options change spend by different amounts; compare the sales per dollar too, not only the totals."
              if len(spends) > 1 else None)
    return headline, facts[:4], caveat


def _table(session: Session, rows: list[ComparisonSide]) -> Table:
    ds = session.dataset
    body = tuple((r["label"], fmt.signed_money(r["delta_spend"], ds), fmt.signed_amount(r["delta_sales"], ds),
                  fmt.amount_range(r["delta_sales_low"], r["delta_sales_high"], ds)) for r in rows)
    return Table("Comparison of what-ifs", ("Option", "Δ spend", "Δ sales", "90% interval"), body)
