"""Summary answer — intent executive_summary: the briefing shared with the chat's `demo` and demo.py."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from assistant import format as fmt
from assistant import horizon as hz
from assistant.answers.budget import horizon_keys, horizon_optimization, optimization_data, per_window, scenario_data
from assistant.answers.channels import (
    cannot_say_parts,
    contribution_data,
    media_interval_text,
    most_saturated,
    roi_data,
    roi_reply,
    saturated_by_margin,
    saturation_data,
    saturation_reason,
    too_few_measurable,
    wide_interval,
)
from assistant.answers.guide import data_overview_data
from assistant.answers.quality import quality_data
from assistant.answers.shapes import BriefingData
from assistant.reply import ChartRequest, Reply
from router.types import Intent, RoutedQuery

if TYPE_CHECKING:
    from assistant.session import Session

WHAT_IF_PCT = -20.0


def answer_summary(session: Session, routed: RoutedQuery) -> Reply:
    reply = briefing_reply(session, briefing_data(session))
    if routed.focus == "one_line":
        # "sum it up in one sentence", "tl;dr": the headline alone (its data stay whole for --json)
        return reply.but(facts=(), table=None, charts=(), caveat=None)
    return reply


def what_if_channel(session: Session) -> str:
    """The briefing's what-if: a 20% cut to the largest budget the data can measure, the question boards ask
    first (the largest of all when none is measurable). On a wide export the largest budget was a channel the
    data cannot measure, and the briefing read "Direct Mail −20% would change sales by ±$0"."""
    totals = np.asarray(session.dataset.total_spend, dtype=float)
    measured = [j for j, c in enumerate(session.fit.channels) if c.measurable]
    pick = max(measured, key=lambda j: totals[j]) if measured else int(totals.argmax())
    return session.dataset.channels[pick]


def briefing_decisions(session: Session) -> tuple[Any, Any, np.ndarray, str, int]:
    """(what-if, plan, changed weeks, how they are named, horizon in weeks): the briefing's two decisions,
    over the planning horizon as the same questions asked alone, shared by its text and the demo's charts."""
    n = session.dataset.n_weeks
    weeks = hz.horizon_weeks(session, RoutedQuery(Intent.SUMMARY))
    mask, where = hz.last_weeks(n, weeks), hz.horizon_name(weeks, n)
    scenario = per_window(session, session.scenario(changes={what_if_channel(session): WHAT_IF_PCT},
                                                    margin=session.margin, weeks=mask), mask)
    plan, _ = horizon_optimization(session, mask, None, (), session.margin, where)
    return scenario, plan, mask, where, weeks


def briefing_data(session: Session) -> BriefingData:
    """Every number the briefing quotes, grouped by section (money in data units)."""
    scenario, plan, mask, where, weeks = briefing_decisions(session)
    return {
        "data": data_overview_data(session),
        "roi": roi_data(session),
        "contribution": contribution_data(session),
        "saturation": saturation_data(session),
        "scenario": scenario_data(session, scenario, mask, where),
        "optimization": {**optimization_data(session, plan), **horizon_keys(session, mask, where)},  # type: ignore[typeddict-item]
        "quality": quality_data(session),
    }


def briefing_reply(session: Session, data: BriefingData) -> Reply:
    ds = session.dataset
    roi = data["roi"]
    opt = data["optimization"]
    contrib = data["contribution"]
    over = hz.horizon_name(opt.get("horizon_weeks") or ds.n_weeks, ds.n_weeks)
    interval = media_interval_text(contrib)   # the media total with its uncertainty, as the contribution answer gives it
    kept = not opt.get("at_optimum", True) and (opt.get("step") or 0.0) <= 0   # the plan keeps today's mix
    headline = (f"Media drove {fmt.share(contrib['media_share'])} of sales{f' ({interval})' if interval else ''} "
                f"over {ds.n_weeks} weeks; no re-split of the same budget is clear of a loss in this data, so the "
                "plan keeps today's mix." if kept else
                f"Media drove {fmt.share(contrib['media_share'])} of sales{f' ({interval})' if interval else ''} "
                f"over {ds.n_weeks} weeks; re-splitting "
                f"the same budget could add about {fmt.amount(opt['expected_delta_sales'], ds)} over {over} "
                f"({fmt.signed_pct(opt['expected_delta_sales_pct'], 2)}; 90% interval "
                f"{fmt.amount_range(opt['expected_delta_sales_low'], opt['expected_delta_sales_high'], ds)}"
                + ("" if (loss := opt.get("prob_loss")) is None else f"; chance of a loss {fmt.chance(loss)}")
                + ").")
    facts: list[str] = []
    if too_few_measurable(roi):   # lead with what the data can tell, not a ranking
        lead, facts = cannot_say_parts(session, roi)
        headline = (f"Media drove {fmt.share(contrib['media_share'])} of sales{f' ({interval})' if interval else ''} "
                    f"over {ds.n_weeks} weeks, but " + lead[:1].lower() + lead[1:])
        facts = facts[:3]
    elif roi["ranking"]:
        top, low = roi["ranking"][0], roi["ranking"][-1]
        row = roi["channels"][top]
        spread = (f" (uncertain: {fmt.per_dollar_range(row['roi_low'], row['roi_high'], session.dataset)})"
                  if wide_interval(row) else "")
        facts.append(f"Best return: {top} at {fmt.per_dollar(row['roi'], session.dataset)} per $1{spread}; "
                     f"lowest: {low} at {fmt.per_dollar(roi['channels'][low]['roi'], session.dataset)}.")
    sat = data["saturation"]["channels"]
    measured = [c for c in sat if sat[c]["measurable"]]
    most = most_saturated(sat, measured)   # the channel the saturation answer headlines
    if most is not None:
        of = " of the measurable channels" if len(measured) < len(sat) else ""
        facts.append(f"Most saturated{of}: {most} — {saturation_reason(most, sat[most], session.dataset, True)}." if
                     saturated_by_margin(sat[most]) else
                     f"Most saturated{of}: {most} at {fmt.pct(sat[most]['saturation_pct'], 0)} of its maximum; "
                     f"its next $1 returns {fmt.per_dollar(sat[most]['marginal_roi'], session.dataset)}.")
    sc = data["scenario"]
    guess = [c for c in sc["changes"] if not roi["channels"].get(c, {}).get("measurable", True)]
    facts.append(f"What-if: {sc['label']} would change sales by {fmt.signed_amount(sc['delta_sales'], ds)} "
                 f"({fmt.signed_pct(sc['delta_sales_pct'], 2)}; 90% interval "
                 f"{fmt.amount_range(sc['delta_sales_low'], sc['delta_sales_high'], ds)})"
                 + (f" — a guess: {fmt.join_names(guess)} {'is' if len(guess) == 1 else 'are'} not measurable." if guess
                    else "."))
    q = data["quality"]
    facts.append(f"Model reliability: {q['grade']} (R² {fmt.number(q['r2'])}, typical weekly error {fmt.pct(q['mape'])}).")
    caveat = None
    if (opt["expected_delta_sales_low"] or 0.0) < 0:
        caveat = "The reallocation's 90% interval includes a loss — run it as a test before committing the full budget."
    table = roi_reply(session, roi, ()).table
    return Reply("executive_summary", headline, tuple(facts), caveat, table, data=data,
                 charts=(ChartRequest("roi"),))


def briefing_sections(session: Session, data: BriefingData) -> tuple[tuple[str, Reply], ...]:
    """The briefing's sections after its headline, each the Reply its own question would give."""
    from assistant.answers.budget import optimization_reply, scenario_reply
    from assistant.answers.channels import saturation_reply
    from assistant.answers.quality import quality_reply

    return (
        ("Return on investment", roi_reply(session, data["roi"], ())),
        ("Saturation", saturation_reply(session, data["saturation"], ())),
        ("What-if", scenario_reply(session, data["scenario"])),
        ("Recommended reallocation", optimization_reply(session, data["optimization"])),
        ("Model reliability", quality_reply(session, data["quality"])),
    )
