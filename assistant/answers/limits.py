"""Honest limits — intent unknown with a router Limit: a request the product cannot do gets one line on
what it can do instead, and the nearest real answer where there is one; an unsure reading gets two
ready-to-ask questions instead of a confident answer to a question that was not asked."""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant import format as fmt
from assistant.answers.shapes import ClarifyData, LimitData
from assistant.reply import Reply

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

_INSTEAD = {
    "file_preparation": ("I can't prepare, clean or merge files.",
                         "I read a weekly CSV as it is (date, sales, one spend column per channel) and tell you "
                         "which columns I used and what looked wrong; fix the file, then load it with --csv."),
    "forecasting": ("I can't forecast future sales: the model explains the weeks in the data.",
                    "I can tell you what a change in spend would do, e.g. “What if we cut TV by 20%?” or "
                    "“Where should the next $1M go?”, for a year like the last one."),
    "data_connection": ("I can't connect to ad platforms, APIs or CRMs.",
                        "Export weekly spend and sales to a CSV (one row per week, one spend column per channel) and "
                        "load it with --csv."),
    "budget_pacing": ("I can't track pacing against a budget: I model weekly spend and sales, not plans or "
                      "invoices.",
                      "I can tell you what the last weeks of spend bought, and what a different split would do."),
    "model_versions": ("I can't compare two model runs: I fit one model to the data loaded.",
                       "Ask “How reliable is the model?” for this fit's accuracy, hold-out error and intervals."),
    "finance_reconciliation": ("I can't reconcile spend with a finance ledger or invoices: I read the weekly spend in "
                               "the file as it is.",
                               "Ask “What data are you using?” for the spend per channel the model read, to check "
                               "against your ledger; fix the file and load it again with --csv if they differ."),
    "media_buying": ("I can't book or buy media.",
                     "I can tell you where extra money would do most, e.g. “Where should the next $1M go?”."),
    "campaign_work": ("I can't write campaigns, creative or briefs.",
                      "I can tell you which channels earn most and how a budget should be split, e.g. "
                      "“Where should the next $1M go?”, for a brief to start from."),
    "creative_performance": ("I can't rank ad creatives: the data has spend per channel, not per ad or creative.",
                             "I can tell you which channels return most, e.g. “ROI of each channel?”; the platform's "
                             "own reports or an A/B test compare creatives within a channel."),
    "experiments": ("I can't run or design experiments such as geo-lift or A/B tests.",
                    "I can tell you which channels the model measures least precisely (“How reliable is the model?”) — "
                    "the best candidates for a test."),
    "monitoring": ("I can't watch the numbers or send alerts: I answer questions about the data loaded.",
                   "Load a fresh export with --csv when new weeks arrive and ask “What changed lately?”."),
    "competitors": ("I only see your own spend and sales, not your competitors'.",
                    "Competitor or category spend in your file is read as a control, so your ROI already allows for it."),
    "nothing_to_undo": ("There is nothing earlier in this chat to go back to.",
                        "Ask a new question, or type `help` for examples."),
    "other_analyses": ("I can't score customers (churn, lifetime value), fit user-level attribution or value projects "
                       "outside marketing: the model explains weekly sales by media spend.",
                       "I can tell you what each channel adds to sales and what a budget change would do, e.g. "
                       "“How much did each channel contribute?” or “What if we cut TV by 20%?”."),
    "profit_and_loss": ("I can't forecast EBITDA, margins or profit: the data holds sales and media spend, not "
                        "the company's other costs.",
                        "I can tell you the sales a change would bring, e.g. “What if we cut TV by 20%?”, and which "
                        "channels pay for themselves at a margin you give, e.g. “Which channels break even at a 40% "
                        "margin?”."),
    "financial_markets": ("I can't say how the share price or investors would react: the model explains sales by "
                          "media spend.",
                          "I can tell you what a change does to sales, e.g. “What if we cut total spend by 20%?”."),
    "other_outcomes": ("I can't measure brand awareness, traffic or other outcomes the data does not hold: the model "
                       "explains weekly sales.",
                       "I can tell you what each channel adds to sales, e.g. “How much did each channel contribute?”; "
                       "a file with that outcome as its target column can be modelled the same way."),
    "timing": ("I can't move spend in time (delay a flight, shift a quarter's budget into another): the model "
               "changes spend inside the weeks of the data, it does not re-time it.",
               "I can show what a change in one window does, e.g. “What if we cut TV in Q4?” and “What if we raise "
               "TV 30% in Q3?”, to compare the two halves of the move."),
    "market_move": ("I can't move money between those markets: they are not markets in this data.",
                    "Moves between channels work nationally, e.g. “move 10% of TV to Digital”; a file with one row per "
                    "market and week (a market column) answers moves between its markets, e.g. “move 10% of TV from "
                    "one market to another”."),
    "company_finance": ("I can't advise on loans, rent, leases or exchange rates: the model explains weekly sales by "
                        "media spend.",
                        "I can tell you what a change in media spend would do to sales, e.g. “What if we cut total "
                        "spend by 10%?” or “Where should the next $1M go?”."),
    "pricing": ("I can't set prices: the model explains sales by media spend.",
                "A price column in your file is read as a control, so media returns are measured net of price moves."),
    "platform_attribution": ("A platform's ROAS and this model's ROI measure different things.",
                             "Platforms credit every conversion their ads touched (last-click or view-through, "
                             "inside their own walls); the model credits only the sales that would not have "
                             "happened without the spend, so its return is usually lower."),
}


def limit_reply(session: Session, routed: RoutedQuery) -> Reply:
    """An out-of-scope request: what it can do instead; a platform's ROAS claim gets our ROI and why."""
    assert routed.limit is not None
    kind = routed.limit.kind
    if kind == "bad_input":
        return bad_input_reply(getattr(routed.limit, "problem", "") or "a value in the question is impossible",
                               tuple(routed.readings))
    headline, instead = _INSTEAD.get(kind, ("That is outside what I can do.", "Type `help` to see what I answer."))
    if kind in _IN_FILE:
        headline, instead = _in_file(session, kind, headline, instead)
    data: LimitData = {"limit": kind, "can_do_instead": instead}
    if kind == "market_move":   # which markets the data has, or that it has none, said as the market answers say it
        return Reply("unknown", headline, (_markets_line(session, tuple(getattr(routed, "unknown_geos", ()))), instead),
                     data=data)
    if kind != "platform_attribution":
        return Reply("unknown", headline, (instead,), data=data)
    from assistant.answers.channels import roi_data

    roi = roi_data(session)
    named = [c for c in routed.limit.channels if c in roi["channels"]] or list(roi["channels"])
    facts = []
    for c in named[:3]:
        row = roi["channels"][c]
        if row.get("roi") is None or not row.get("measurable", True):
            facts.append(f"{c}: the model cannot measure its return in this data.")
        else:
            facts.append(f"{c}: this model's ROI is {fmt.per_dollar(row['roi'], session.dataset)} per $1 (90% interval "
                         f"{fmt.per_dollar_range(row.get('roi_low'), row.get('roi_high'), session.dataset)}).")
    data["channels"] = {c: roi["channels"][c] for c in named}
    return Reply("unknown", headline, (*facts, instead), data=data)


def _markets_line(session: Session, names: tuple[str, ...]) -> str:
    """Which markets the data has: none (one national series), or its list, beside the ones asked about."""
    said = fmt.join_names(list(names))
    panel = session.dataset.panel
    if panel is None:
        return f"This data has no markets (one national series), so it has no {said} to move money between."
    shown = ", ".join(panel.markets[:8]) + (", …" if panel.n_markets > 8 else "")
    return f"{said} {'is not one of' if len(names) == 1 else 'are not among'} this data's {panel.n_markets} markets ({shown})."


# Limits whose fix is a column of the file: said as it is for this file ("Competitor Spend is in the model"),
# not "I only see your own spend" beside a competitor column, nor "your file's price is a control" without one.
_IN_FILE = {"competitors": ("competitor/market activity", "competitor or category spend"), "pricing": ("price", "price")}


def _in_file(session: Session, kind: str, headline: str, instead: str) -> tuple[str, str]:
    role, what = _IN_FILE[kind]
    columns = [c for c, r in session.dataset.column_roles if r == f"control: {role}"]
    if not columns:
        return headline, (f"No {what} column is in this file, so the model cannot allow for it: add one (e.g. "
                          f"{'competitor_spend' if kind == 'competitors' else 'price'}) and load the file again.")
    named = ", ".join(f"'{c}'" for c in columns)
    in_model = (f"Your file's {named} {'is' if len(columns) == 1 else 'are'} in the model as a control: every ROI, "
                f"contribution and plan is measured net of {'it' if len(columns) == 1 else 'them'}")
    if kind == "pricing":     # "I can't set prices" stays the answer; the file's price column is what it allows for
        # a price's own effect is read as its part of the change between two periods (the trend answer, which a
        # question naming the column gets: router.controls)
        return headline, (f"{in_model}; ask “What did {columns[0]} do to sales?” for its part of the change from one "
                          "year to the next.")
    return (f"{in_model}; I don't report a control's own effect on sales.",
            "Ask “ROI of each channel?” for the returns that already allow for it.")


def bad_input_reply(problem: str, nearest: tuple[str, ...]) -> Reply:
    """A value no data can answer ("split $-2M", "for 0 weeks", "in Q7"): one line naming it and the nearest
    valid question, never a silent reinterpretation."""
    fix = (f"Did you mean “{nearest[0]}”?" if nearest else "Rephrase it with a value that exists.")
    data: LimitData = {"limit": "bad_input", "problem": problem, "can_do_instead": fix, "clarify": list(nearest)}
    return Reply("unknown", f"I can't answer that as asked: {problem}.", (fix,), data=data)


def beyond_data(session: Session, routed: RoutedQuery) -> Reply | None:
    """A what-if window longer than the data ("pause TV for 900 weeks" on 208 weeks): named, with the same
    question over the whole data as the nearest one that can be answered."""
    window = getattr(routed, "window", None)
    n = session.dataset.n_weeks
    if window is None or window.period is not None or not window.weeks or window.weeks <= n:
        return None
    import re

    said = routed.question or ""
    nearest = re.sub(r"\b(?:the next |next )?\d[\d,.]*\s*(?:weeks?|wks?|months?|quarters?|years?)\b", f"{n} weeks", said,
                     count=1, flags=re.I)
    return bad_input_reply(f"a window of {window.weeks:,} weeks is longer than the {n} weeks of data",
                           (nearest,) if nearest != said else ())


def clarify_reply(session: Session, routed: RoutedQuery) -> Reply:
    """ "Did you mean …?" with the two most likely readings, instead of a confident answer to another question."""
    options = list(routed.readings)
    return Reply("unknown", "I'm not sure what you're asking — did you mean one of these?",
                 tuple(f"“{q}”" for q in options),
                 "Ask one of them as it is, or rephrase with a channel, a number or a period.",
                 data=ClarifyData(clarify=options, best_guess=routed.intent.value))
