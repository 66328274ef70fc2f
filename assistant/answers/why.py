""" "why?" after an answer: what drives it. The one place that owns the focus "why" (the registry sends every such
question here): a channel's figure is explained by `channels.why_reply`; a what-if by where the changed money sits on
each channel's response curve (the return per $1 moved against the channel's average and next $1); a plan by the
channels' next-$1 returns it evens out, the limits that stop it and how far the draws let it go.

The decision is answered again first (the same figures as the answer being explained); the reasons read that
answer's data and the ROI and saturation answers' rows, so no figure differs from the answers it explains.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from assistant import format as fmt
from assistant.answers.common import known_channels, num
from assistant.reply import Reply

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

MOVED = 0.5   # a plan row whose spend changes by more than this % is a move
FADED_90 = 3.32   # half-lives until 90% of a week's effect has faded (log 0.1 / log 0.5)


def answer_why(session: Session, routed: RoutedQuery) -> Reply | None:
    """The reasons behind the answer the question follows (the routed query is that answer's, focus "why"); None for
    an answer that says what drives it itself (a comparison, a goal): the registry answers it as asked."""
    from assistant.answers import budget, channels

    plain = dataclasses.replace(routed, focus=None)
    intent = routed.intent.value
    if intent == "budget_scenario" and len(routed.scenarios) < 2:
        return why_whatif(session, budget.answer_scenario(session, plain))
    if intent == "budget_optimization" and len(routed.budgets) < 2 and routed.goal is None:
        return why_plan(session, budget.answer_optimization(session, plain))
    if intent in ("roi_analysis", "contribution", "saturation"):
        return channels.why_reply(session, known_channels(session, routed))
    return None


def _curve_rows(session: Session) -> dict[str, dict[str, Any]]:
    """Each channel's average and next $1 (whole modelled period), % of maximum response, carry-over, interval."""
    from assistant.answers.channels import roi_data, saturation_data

    roi, sat = roi_data(session)["channels"], saturation_data(session)["channels"]
    return {c: {"roi": roi[c]["roi"], "roi_low": roi[c]["roi_low"], "roi_high": roi[c]["roi_high"],
                "measurable": roi[c]["measurable"], "marginal_roi": sat[c]["marginal_roi"],
                "saturation_pct": sat[c]["saturation_pct"], "status": sat[c]["status"],
                "half_life_weeks": sat[c]["half_life_weeks"]} for c in roi if c in sat}


def _partner(session: Session, name: str) -> str | None:
    from assistant.answers.channels import _trades_with

    return next(((b if a == name else a) for a, b, _ in _trades_with(session) if name in (a, b)), None)


def why_whatif(session: Session, base: Reply) -> Reply:
    """What drives a what-if: per $1 moved, against the channel's average and next $1, and where that money sits."""
    data: dict[str, Any] = dict(base.data or {})
    moved: dict[str, Any] = data.get("channels") or {}
    if not moved or data.get("delta_sales") is None:
        return base   # nothing moved (a channel dark in those weeks): the answer already says so
    ds = session.dataset
    rows = _curve_rows(session)
    net = num(data.get("delta_spend") or 0.0)
    gross = sum(abs(num(v["delta_spend"])) for v in moved.values())
    facts: list[str] = []
    per = {c: num(v["delta_sales"]) / num(v["delta_spend"]) for c, v in moved.items()
           if v.get("delta_spend") and abs(num(v["delta_spend"])) > 0}
    if len(moved) >= 2 and abs(net) <= 1e-3 * gross:
        give = [c for c, v in moved.items() if num(v["delta_spend"]) < 0]
        take = [c for c, v in moved.items() if num(v["delta_spend"]) > 0]
        gain = num(data["delta_sales"]) >= 0
        headline = (f"The move {'adds' if gain else 'loses'} {fmt.amount(abs(num(data['delta_sales'])), ds)} because each "
                    f"$1 earns {_per(moved, take, ds)} in {fmt.join_names(take)} and was earning {_per(moved, give, ds)} in "
                    f"{fmt.join_names(give)}: the money goes where the next $1 returns "
                    f"{'more' if gain else 'less'}.")
        facts.append("Next $1 today (whole modelled period): " + ", ".join(
            f"{c} {fmt.per_dollar(rows[c]['marginal_roi'], ds)}" for c in (*give, *take) if c in rows) + "; "
            "each $1 moved earns a little less as the receiving channel climbs its curve.")
    else:
        c = max(moved, key=lambda k: abs(num(moved[k]["delta_spend"])))
        row, r, up = rows.get(c), per.get(c), num(moved[c]["delta_spend"]) > 0
        if row is None or r is None or row["roi"] is None:
            return base
        if not row["measurable"] and len(moved) == 1:
            # the what-if gave no point ("cannot be told from zero"): nor does its why, which says the range per $1
            spend = abs(num(moved[c]["delta_spend"]))
            low, high = sorted(abs(num(data[k])) / spend for k in ("delta_sales_low", "delta_sales_high"))
            headline = (f"What drives it: {c}'s effect cannot be told from zero in this data, so each $1 "
                        f"{'added to' if up else 'taken from'} it {'brings' if up else 'gives up'} "
                        f"{fmt.per_dollar_range(low, high, ds)}{fmt.of_sales(ds)} (90% interval); vary its spend on its "
                        "own for a few weeks, or run a holdout test, to pin it.")
            facts.append(_reliability_line(session, data, [c], rows))
            return base.but(headline=headline, facts=tuple(facts), table=None, charts=(),
                            data={**data, "why": {"kind": "what-if", "channels": {c: rows[c]}}})
        headline = (f"What drives it: each $1 {'added to' if up else 'taken from'} {c} {'brings' if up else 'gives up'} "
                    f"about {fmt.per_dollar(r, ds)}{fmt.of_sales(ds)}; {c}'s average $1 returns "
                    f"{fmt.per_dollar(row['roi'], ds)} and its next $1 {fmt.per_dollar(row['marginal_roi'], ds)} "
                    f"(whole modelled period), at {fmt.pct(row['saturation_pct'], 0)} of its maximum response.")
        facts.append(_shape_line(c, r, row, up, ds))
        for other in (k for k in moved if k != c and k in per):   # "cut Print 30% and raise Social 10%": both parts
            more = num(moved[other]["delta_spend"]) > 0
            facts.append(f"{other}: each $1 {'added' if more else 'taken'} {'brings' if more else 'gives up'} about "
                         f"{fmt.per_dollar(per[other], ds)} ({fmt.signed_amount(num(moved[other]['delta_sales']), ds)} "
                         "in all).")
    for c in list(moved)[:2]:
        row = rows.get(c)
        if row is None:
            continue
        half = row["half_life_weeks"]
        if half is not None and num(half) >= 1:
            from assistant.answers.channels import _within

            after = ("the change runs into the last weeks of data, so its carry-over after the last week is not "
                     "counted" if _weeks_after_change(session) < FADED_90 * num(half)
                     else "the sales counted include the weeks after the change")
            facts.append(f"Carry-over: {after}; half of {c}'s effect has faded {_within(num(half))}.")
            break
    facts.append(_reliability_line(session, data, list(moved), rows))
    why = {"kind": "what-if", "channels": {c: {**rows[c], "return_per_dollar_moved": fmt.round_json(per[c])}
                                            for c in moved if c in rows and c in per}}
    return base.but(headline=headline, facts=tuple(facts[:4]), table=None, charts=(),
                    data={**data, "why": why})


def _weeks_after_change(session: Session) -> float:
    """Weeks of data after the last week the last what-if changes (inf when unknown). Why: "why?" after "cut TV by
    20%" (the last 52 weeks) said "the sales counted include the weeks after the change", but the change runs to
    the data's end, so the carry-over past it is not in the data: on the review's export the truth's loss was 10%
    larger with it (TV's half-life 1.4 weeks)."""
    import numpy as np

    from analysis.decisions.common import plan

    last = session.scenarios[-1] if session.scenarios else None
    after = getattr(last, "new_plan", None)
    before = plan(session.fit)
    if after is None or getattr(after, "shape", None) != before.shape:
        return float("inf")
    changed = np.flatnonzero(np.abs(np.asarray(after) - before).sum(axis=1) > 1e-12 * max(1.0, float(np.abs(before).max())))
    return float(len(before) - 1 - changed[-1]) if changed.size else float("inf")


def _per(moved: dict[str, Any], names: list[str], ds: Any) -> str:
    """Sales per $1 over a group of channels, weighted by the dollars each moves (their total over their total)."""
    spend = sum(num(moved[c]["delta_spend"]) for c in names if moved[c].get("delta_spend"))
    sales = sum(num(moved[c]["delta_sales"]) for c in names if moved[c].get("delta_spend"))
    return fmt.per_dollar(sales / spend, ds) if spend else "—"


def _shape_line(c: str, r: float, row: dict[str, Any], up: bool, ds: Any) -> str:
    """Why the return per $1 moved sits where it does on the curve."""
    avg, nxt = num(row["roi"]), num(row["marginal_roi"])
    if not up and r < avg:
        return (f"A cut gives up {c}'s last dollars, which earn less than its average dollar as its curve bends: "
                f"so the loss per $1 saved ({fmt.per_dollar(r, ds)}) is below {fmt.per_dollar(avg, ds)}.")
    if up and r < nxt:
        return (f"Each extra dollar climbs further up {c}'s curve and earns less than the one before, so the added money "
                f"averages {fmt.per_dollar(r, ds)}, below today's next $1 ({fmt.per_dollar(nxt, ds)}).")
    if up:
        return (f"{c}'s curve is not yet bending at today's spend, so the added money earns about as much as today's next $1 "
                f"({fmt.per_dollar(nxt, ds)}).")
    if r > 1.05 * avg:   # an S-shaped curve still climbing fast at today's spend: the last dollars earn the most
        return (f"{c}'s curve is at its steepest where the cut falls, so each $1 saved gives up {fmt.per_dollar(r, ds)}, "
                f"more than its average dollar ({fmt.per_dollar(avg, ds)}).")
    return (f"{c}'s curve is still steep where the cut falls, so each $1 saved gives up about as much as its average "
            f"dollar ({fmt.per_dollar(avg, ds)}).")


def _reliability_line(session: Session, data: dict[str, Any], names: list[str], rows: dict[str, dict[str, Any]]) -> str:
    ds = session.dataset
    shown = [c for c in names if c in rows][:2]
    ranges = "; ".join(f"{c}'s ROI {fmt.per_dollar_range(rows[c]['roi_low'], rows[c]['roi_high'], ds)}"
                       + ("" if rows[c]["measurable"] else " (not measurable in this data)") for c in shown)
    partner = next(((c, p) for c in shown if (p := _partner(session, c)) is not None), None)
    tangle = f"; the data trade {partner[0]}'s credit with {partner[1]}'s" if partner else ""
    return (f"The 90% interval ({fmt.amount_range(data['delta_sales_low'], data['delta_sales_high'], ds)}) is as wide as "
            f"the data leave the curves: {ranges}{tangle}.")


def why_plan(session: Session, base: Reply) -> Reply:
    """What drives a plan: it moves money from the channels whose next $1 returns least to those where it returns
    most, until they meet, a limit stops it, or the draws that did not choose it no longer clear it of a loss."""
    from assistant.answers import budget

    data: dict[str, Any] = dict(base.data or {})
    alloc: dict[str, Any] | None = data.get("allocation")
    if not alloc:
        return base
    ds = session.dataset
    over = data.get("window") or "the plan's weeks"
    now = {c: v["marginal_roi_current"] for c, v in alloc.items() if v.get("measurable", True)
           and v.get("marginal_roi_current") is not None}
    # moves are against today's mix scaled to the plan's budget: "10% less overall" cutting every channel by 10% moves
    # no money between channels
    today = sum(num(v["current"]) for v in alloc.values())
    scale = sum(num(v["recommended"]) for v in alloc.values()) / today if today > 0 else 1.0
    moved = {c: 100.0 * ((1 + num(v["change_pct"]) / 100) / scale - 1) if scale > 0 else num(v["change_pct"])
             for c, v in alloc.items()}
    ups = sorted((c for c in alloc if moved[c] > MOVED), key=lambda c: -moved[c])
    downs = sorted((c for c in alloc if moved[c] < -MOVED), key=lambda c: moved[c])
    ranked = sorted(now, key=lambda c: -num(now[c]))
    listing = ", ".join(f"{c} {fmt.per_dollar(now[c], ds)}" for c in ranked)
    facts: list[str] = []
    if ups and downs:
        headline = (f"The plan moves money from {fmt.join_names(downs)} to {fmt.join_names(ups)} because the next $1 "
                    f"returns more in {fmt.join_names(ups)}: next $1 now over {over}: {listing}.")
    elif ups:
        headline = (f"The plan adds most where the next $1 returns most ({fmt.join_names(ups[:3])}): next $1 now over "
                    f"{over}: {listing}.")
    elif downs:
        headline = (f"The plan cuts most where the next $1 returns least ({fmt.join_names(downs[:3])}): next $1 now over "
                    f"{over}: {listing}.")
    else:
        same = abs(scale - 1) * 100 <= MOVED
        kept = "today's mix" if same else "today's mix, scaled to the budget"
        headline = (# the reason the plan's own answer gives (budget.hold_reason: one phrase for both), not its last
                    # fact (the limits the optimum runs into)
                    f"The plan keeps {kept}: the model's best split is too uncertain to recommend "
                    f"({budget.hold_reason(data, same)})." if not data.get("at_optimum", True) else
                    f"The plan keeps today's split: the next $1 already returns about the same in every channel "
                    f"({listing}).")
    eq = data.get("equalised_marginal_roi")
    if eq is not None and (ups or downs):
        facts.append(("Money moves until" if data.get("at_optimum", True) else "At the model's full optimum")
                     + f" the next $1 returns about {fmt.per_dollar(eq, ds)} in every channel free to move: past that "
                     "point a dollar moved would lose more where it leaves than it earns where it goes.")
    if data.get("binding") and (ups or downs):
        facts.append(("What stops it earlier: " if data.get("at_optimum", True) else
                      "Limits the model's full optimum runs into: ") + "; ".join(data["binding"][:3]) + ".")
    step = data.get("step")
    if not data.get("at_optimum", True) and step is not None and 0 < num(step) < 1:
        facts.append(f"It goes {fmt.share(num(step), 0)} of the way toward the model's best split: model draws that did "
                     "not choose the plan do not clear a bigger move of a loss.")
    held = [c for c, v in alloc.items() if not v.get("measurable", True)]
    if held:
        facts.append(f"{fmt.join_names(held)} cannot be measured in this data, so {'it moves' if len(held) == 1 else 'they move'} "
                     "only in today's split with the rest, never on a guess of its own return.")
    if data.get("prob_loss") is not None and (ups or downs):
        same = fmt.same_budget(num(data["total_budget"]), num(data["current_total"]))
        facts.append(f"Chance the plan sells less than {fmt.reference_mix(same)}: {fmt.chance(num(data['prob_loss']))}.")
    return base.but(headline=headline, facts=tuple(facts[:4]), charts=(), data={**data, "why": {
        "kind": "plan", "next_dollar_now": {c: now[c] for c in ranked}, "more": ups, "less": downs}})
