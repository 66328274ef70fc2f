"""Guide answers — intents help, unknown and data_overview, and the reply for channels not in the data;
examples use the data's own channel names."""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant import format as fmt
from assistant.answers.markets import markets_overview, outcome_unit, scope_lines
from assistant.answers.shapes import HelpData, OverviewData, ReadinessData, UnknownChannelData
from assistant.reply import ChartRequest, Reply, Table

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery

NOT_UNDERSTOOD = "I couldn't tell what you are asking — here is what I can answer."

TOPICS = (
    ("ROI", "which channels return the most per dollar"),
    ("Saturation", "where the next dollar still pays, carry-over"),
    ("Contribution", "how much of sales each channel drove"),
    ("What-if", "cut, raise or move spend and see the sales impact"),
    ("Optimise", "the best split of the same (or a new) budget"),
    ("Trend", "why a quarter or year went up or down"),
    ("Model quality", "how far to trust the numbers"),
    ("Summary", "the executive briefing"),
    ("Data", "what data the model was fitted on"),
    ("Report", "write the board pack"),
)
COMMANDS = ("help", "demo", "history", "charts on", "charts off", "report", "reset", "quit")


def example_questions(channels: tuple[str, ...]) -> tuple[str, ...]:
    """Five example questions that use the data's own channel names."""
    a = channels[0] if channels else "TV"
    b = channels[1] if len(channels) > 1 else a
    c = channels[2] if len(channels) > 2 else b
    return (
        f"What is the ROI of {a}?",
        f"What if we cut {a} by 20%?",
        f"Are we overspending on {c}?",
        f"Move 10% of {a} budget to {b}",
        "How should we allocate the budget?",
    )


def answer_help(session: Session, routed: RoutedQuery) -> Reply:
    return help_reply(session, help_data(session))


def answer_unknown(session: Session, routed: RoutedQuery) -> Reply:
    return help_reply(session, help_data(session), intent="unknown", reason=NOT_UNDERSTOOD)


def answer_data_overview(session: Session, routed: RoutedQuery) -> Reply:
    return data_overview_reply(session, data_overview_data(session))


def help_data(session: Session) -> HelpData:
    return {"topics": {name: what for name, what in TOPICS}, "examples": list(example_questions(session.dataset.channels)),
            "commands": list(COMMANDS), "channels": list(session.dataset.channels)}


def help_reply(session: Session, data: HelpData, intent: str = "help", reason: str | None = None) -> Reply:
    channels = fmt.join_names(data["channels"])
    headline = reason or "Ask about your marketing in plain English — here is what I can answer."
    facts = (f"Your channels: {channels}.",
             "Try: " + " · ".join(f"“{q}”" for q in data["examples"]) + ".",
             "Commands: " + ", ".join(data["commands"]) + ".")
    rows = tuple((name, what) for name, what in data["topics"].items())
    return Reply(intent, headline, facts, None, Table("What you can ask", ("Topic", "For example"), rows), data=data)


def unknown_channel_reply(session: Session, intent: str, unknown: tuple[str, ...]) -> Reply:
    names = fmt.join_names(unknown)
    have = fmt.join_names(session.dataset.channels)
    verb = "is" if len(unknown) == 1 else "are"
    headline = f"{names} {verb} not in this data — it has {_n(session.dataset.channels)} channels: {have}."
    facts = (f"Ask about one of those, e.g. “{example_questions(session.dataset.channels)[0]}”.",
             "To model another channel, add its weekly spend as a column to your CSV and run with --csv.")
    data: UnknownChannelData = {"unknown_channels": list(unknown), "channels": list(session.dataset.channels)}
    return Reply(intent, headline, facts, data=data)


def _n(channels) -> str:
    return str(len(channels))


def data_overview_data(session: Session) -> OverviewData:
    ds = session.dataset
    totals = ds.total_spend
    return {
        "source": ds.source, "start": str(ds.dates[0].date()), "end": str(ds.dates[-1].date()), "weeks": ds.n_weeks,
        "target": ds.target, "total_sales": fmt.round_json(float(ds.sales.sum())),
        "total_spend": fmt.round_json(float(totals.sum())), "money_scale": ds.money_scale,
        "channels": {c: {"column": col, "spend": fmt.round_json(float(t)),
                         "weekly_average": fmt.round_json(float(t) / ds.n_weeks),
                         "active_weeks": int((ds.spend[:, j] > 0).sum())}
                     for j, (c, col, t) in enumerate(zip(ds.channels, ds.spend_columns, totals))},
        "controls": list(ds.control_names), "loader_warnings": list(ds.warnings),
        "outcome_unit": outcome_unit(ds), "revenue_note": ds.revenue_note, "markets": markets_overview(ds),
        "column_roles": {column: role for column, role in ds.column_roles},
        "readiness": readiness_data(session),
    }


VERDICT_TEXT = {"ready": "Ready for MMM", "usable": "Usable for MMM, with caveats", "not_ready": "Not ready for MMM"}


def readiness_data(session: Session) -> ReadinessData:
    """The data-readiness verdict with each reason and what to do about it."""
    from analysis.readiness import readiness

    r = readiness(session.dataset)
    return {"verdict": r.verdict, "weeks_per_parameter": fmt.round_json(r.weeks_per_parameter),
            "reasons": [{"code": x.code, "severity": x.severity, "text": x.text, "fix": x.fix} for x in r.reasons],
            "entangled": [[a, b, fmt.round_json(c)] for a, b, c in r.entangled]}


def readiness_line(data: ReadinessData) -> str:
    """ "Not ready for MMM: 60 weeks for about 86 unknowns … — add history …" (the first reason and its fix)."""
    verdict = VERDICT_TEXT[data["verdict"]]
    if not data["reasons"]:
        return f"{verdict}: enough weeks per parameter, every channel varies, no channels move in lockstep."
    first = data["reasons"][0]
    more = len(data["reasons"]) - 1
    return f"{verdict}: {first['text']} — {first['fix']}" + (f" (+{more} more)." if more else ".")


def _controls_fact(data: OverviewData) -> str:
    """ "Controls: price, promo_flag, …" or, for many, a count by kind (competitor activity, holidays, …)."""
    controls = data["controls"]
    if not controls:
        return "Controls: none (trend and seasonality only)."
    if len(controls) <= 8:
        return "Controls: " + ", ".join(controls) + "."
    kinds: dict[str, int] = {}
    for role in (data.get("column_roles") or {}).values():
        if role.startswith("control: "):
            kinds[role[len("control: "):]] = kinds.get(role[len("control: "):], 0) + 1
    by_kind = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1]))
    return f"Controls: {len(controls)}" + (f" ({by_kind})" if by_kind else "") + "."


def data_overview_reply(session: Session, data: OverviewData) -> Reply:
    ds = session.dataset
    overview = (f"{data['weeks']} weeks of {data['target']} from {data['start']} to {data['end']} "
                f"({data['source']}), with {len(data['channels'])} media channels and "
                f"{fmt.money(data['total_spend'], ds)} of spend.")
    ready = data["readiness"]
    headline = readiness_line(ready)
    biggest = max(data["channels"], key=lambda c: data["channels"][c]["spend"] or 0.0)
    facts = [overview, *scope_lines(ds),
             *[f"{r['text'][:1].upper()}{r['text'][1:]} — {r['fix']}." for r in ready["reasons"][1:]],
             f"Total {data['target']}: {fmt.amount(data['total_sales'], ds)}.",
             f"Largest budget: {biggest}, {fmt.money(data['channels'][biggest]['spend'], ds)}.",
             _controls_fact(data)]
    if ds.money_scale != 1:
        facts.append(f"Money columns are in units of {fmt.dollars(ds.money_scale)}; amounts here are shown in dollars.")
    caveat = None
    if data["loader_warnings"]:
        caveat = "When loading: " + "; ".join(data["loader_warnings"][:3])
    roles = data.get("column_roles") or {v["column"]: "media spend" for v in data["channels"].values()}
    by_column = {v["column"]: (c, v) for c, v in data["channels"].items()}
    rows = []
    for column, role in roles.items():
        if column in by_column:
            c, v = by_column[column]
            rows.append((column, f"media spend: {c}", fmt.money(v["spend"], ds), str(v["active_weeks"])))
        else:
            rows.append((column, role, "", ""))
    # every reason the headline counts ("+3 more") is listed: the third said two of them and dropped a pair of
    # channels that move together
    shown = 5 + len(scope_lines(ds)) + max(0, len(ready["reasons"]) - 3)
    return Reply("data_overview", headline, tuple(facts[:shown]), caveat,
                 Table("Every column and its role", ("Column", "Role", "Total spend", "Weeks on air"), tuple(rows)),
                 data=data, charts=(ChartRequest("trend"),))
