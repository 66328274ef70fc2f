"""The executive briefing: shared by the `executive_summary` intent, the chat's `demo` and demo.py."""
from __future__ import annotations

from assistant import format as fmt
from assistant.answer_guide import data_overview_data
from assistant.answer_measure import (
    wide_interval,
    contribution_data, contribution_parts, roi_data, roi_parts, saturation_data, saturation_parts,
)
from assistant.answer_model import quality_data, quality_parts
from assistant.answer_plan import (
    optimization, optimization_data, optimization_parts, scenario_data, scenario_parts,
)
from assistant.types import Narrative, Table

WHAT_IF_PCT = -20.0


def what_if_channel(session) -> str:
    """The briefing's what-if: a 20% cut to the largest budget, the question boards ask first."""
    totals = session.dataset.total_spend
    return session.dataset.channels[int(totals.argmax())]


def briefing_data(session) -> dict:
    """Every number the briefing quotes, grouped by section (money in data units)."""
    from assistant import engines

    channel = what_if_channel(session)
    scenario = engines.run_scenario(session.fit, changes={channel: WHAT_IF_PCT}, margin=session.margin)
    return {
        "data": data_overview_data(session),
        "roi": roi_data(session),
        "contribution": contribution_data(session),
        "saturation": saturation_data(session),
        "scenario": scenario_data(session, scenario),
        "optimization": optimization_data(session, optimization(session, None, (), session.margin)),
        "quality": quality_data(session),
    }


def briefing_parts(session, data: dict) -> tuple[Narrative, Table]:
    ds = session.dataset
    roi = data["roi"]
    opt = data["optimization"]
    contrib = data["contribution"]
    headline = (f"Media drove {fmt.share(contrib['media_share'])} of sales over {ds.n_weeks} weeks; re-splitting "
                f"the same budget could add about {fmt.amount(opt['expected_delta_sales'], ds)} "
                f"({fmt.signed_pct(opt['expected_delta_sales_pct'], 2)}).")
    facts = []
    if roi["ranking"]:
        top, low = roi["ranking"][0], roi["ranking"][-1]
        row = roi["channels"][top]
        spread = (f" (uncertain: {fmt.per_dollar_range(row['roi_low'], row['roi_high'], session.dataset)})"
                  if wide_interval(row) else "")
        facts.append(f"Best return: {top} at {fmt.per_dollar(row['roi'], session.dataset)} per $1{spread}; "
                     f"lowest: {low} at {fmt.per_dollar(roi['channels'][low]['roi'], session.dataset)}.")
    sat = data["saturation"]["channels"]
    most = max(sat, key=lambda c: sat[c]["saturation_pct"])
    facts.append(f"Most saturated: {most} at {fmt.pct(sat[most]['saturation_pct'], 0)} of its maximum; "
                 f"its next $1 returns {fmt.per_dollar(sat[most]['marginal_roi'], session.dataset)}.")
    sc = data["scenario"]
    facts.append(f"What-if: {sc['label']} would change sales by {fmt.signed_amount(sc['delta_sales'], ds)} "
                 f"({fmt.signed_pct(sc['delta_sales_pct'], 2)}).")
    q = data["quality"]
    facts.append(f"Model reliability: {q['grade']} (R² {fmt.number(q['r2'])}, typical weekly error {fmt.pct(q['mape'])}).")
    caveat = None
    if opt["expected_delta_sales_low"] < 0:
        caveat = "The reallocation's 90% interval includes a loss — run it as a test before committing the full budget."
    _, table = roi_parts(session, roi, ())
    return Narrative(headline, tuple(facts), caveat), table


def print_briefing(session, console, data: dict | None = None) -> dict:
    """Print the full briefing (headline, ROI, saturation, what-if, reallocation, reliability)."""
    from rich.rule import Rule

    from assistant.render import table_renderable

    data = data or briefing_data(session)
    narrative, _ = briefing_parts(session, data)
    console.print(Rule("Executive briefing"))
    console.print(f"[bold]{narrative.headline}[/]")
    for f in narrative.facts:
        console.print(f"  • {f}", highlight=False)
    if narrative.caveat:
        console.print(f"  [yellow]⚠ {narrative.caveat}[/]")
    sections = (
        ("Return on investment", roi_parts(session, data["roi"], ())),
        ("Saturation", saturation_parts(session, data["saturation"], ())),
        ("What-if", scenario_parts(session, data["scenario"])),
        ("Recommended reallocation", optimization_parts(session, data["optimization"])),
        ("Model reliability", quality_parts(session, data["quality"])),
    )
    for title, (n, table) in sections:
        console.print(Rule(title, style="dim"))
        console.print(f"[bold]{_esc(n.headline)}[/]")
        for f in n.facts:
            console.print(f"  • {_esc(f)}", highlight=False)
        if n.caveat:
            console.print(f"  [yellow]⚠ {_esc(n.caveat)}[/]")
        if table is not None:
            console.print(table_renderable(table))
    return data


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)
