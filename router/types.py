"""Typed results of routing: what the assistant is asked, never how it was read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Literal, Protocol

Source = Literal["rules", "context", "claude"]
Granularity = Literal["year", "half", "quarter", "month", "week", "season"]
Anchor = Literal["start", "end", "christmas"]   # where a window's weeks sit inside its period
SEASONS = ("winter", "spring", "summer", "autumn")   # index 1-4; winter is Dec-Feb, in the year of its January
Relative = Literal["last", "this", "previous", "next", "to_date"]
GoalKind = Literal["add_sales", "reach_sales", "grow_sales_pct", "keep_sales_within", "reach_roas"]
BudgetKind = Literal["total", "increment", "rate", "ratio"]
Per = Literal["week", "month", "year"]
Horizon = int | Literal["all"]
WEEKS_PER: dict[str, float] = {"week": 1.0, "month": 52.0 / 12.0, "year": 52.0}
Direction = Literal["stop", "cut", "raise"]
TrendFocus = Literal["seasonality", "year_on_year"]
# What kind of answer the wording asks of its intent: how long an effect lasts (saturation's carry-over), the
# whole summary in one sentence, a return followed over time (ROI by year)
# "why?" after a channel's figure: what drives it
AnswerFocus = Literal["carryover", "one_line", "roi_over_time", "why"]
FileFormat = Literal["pdf", "slides", "word", "excel", "html", "markdown"]   # a report asked for in a file type
# The size a change said without one is answered at ("cut TV" = -20%), by its direction: one figure for the
# assistant's size-less what-if and for the sides of a size-less comparison ("cut TV in Q3 vs Radio in Q4")
UNSIZED_CHANGE: dict[Direction, float] = {"stop": -100.0, "cut": -20.0, "raise": 20.0}


class MoneyText(Protocol):
    """How the caller writes dollars in the Read-as line (the assistant passes its house format)."""

    def __call__(self, x: float, signed: bool = False) -> str: ...


def plain_money(x: float, signed: bool = False) -> str:
    """A plain dollar figure, for callers without a house format (router evaluation, tests)."""
    sign = ("+" if x > 0 else "-" if x < 0 else "") if signed else ("-" if x < 0 else "")
    return f"{sign}${abs(x):,.0f}"


def plain_count(x: float) -> str:
    """A plain count ("10,000"), for callers without a house format."""
    return f"{x:,.0f}"

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class Intent(str, Enum):
    """The twelve questions the assistant can answer; values are the JSON names."""

    ROI = "roi_analysis"
    SATURATION = "saturation"
    CONTRIBUTION = "contribution"
    SCENARIO = "budget_scenario"
    OPTIMIZATION = "budget_optimization"
    TREND = "trend"
    MODEL_QUALITY = "model_quality"
    SUMMARY = "executive_summary"
    DATA_OVERVIEW = "data_overview"
    HELP = "help"
    REPORT = "report"
    UNKNOWN = "unknown"


INTENT_LABELS: dict[Intent, str] = {
    Intent.ROI: "ROI",
    Intent.SATURATION: "saturation",
    Intent.CONTRIBUTION: "contribution",
    Intent.SCENARIO: "what-if",
    Intent.OPTIMIZATION: "budget optimisation",
    Intent.TREND: "trend",
    Intent.MODEL_QUALITY: "model quality",
    Intent.SUMMARY: "executive summary",
    Intent.DATA_OVERVIEW: "data overview",
    Intent.HELP: "help",
    Intent.REPORT: "report",
    Intent.UNKNOWN: "not understood",
}


@dataclass(frozen=True)
class Period:
    """A calendar slice the question is about, kept symbolic until the data is known.

    `index` is the quarter (1-4), half (1-2), month (1-12) or week number;
    `relative` anchors it to the data's last date ("last quarter"); `count`
    is for spans such as "last 6 months".
    """

    granularity: Granularity
    index: int | None = None
    year: int | None = None
    relative: Relative | None = None
    count: int | None = None
    onwards: bool = False   # "since 2016", "from 2016 onwards": that year and every later one
    # "cut TV from July": said after a bare "from", which starts a change in a decision (July onwards) but names the
    # month alone elsewhere ("sales from March"); the intent decides (`router.core._as_decided`)
    from_said: bool = field(default=False, compare=False)

    @property
    def label(self) -> str:
        """Human label: "Q4 2023", "H1", "December", "last quarter", "2016 onwards"."""
        if self.onwards:
            return f"{replace(self, onwards=False).label} onwards"
        if self.relative == "to_date":
            return f"{self.granularity} to date"
        if self.relative is not None and self.index is not None and self.granularity != "year":
            return f"{Period(self.granularity, self.index).label} of {self.relative} year"   # "H2 of last year"
        if self.relative is not None:
            unit = self.granularity if not self.count else f"{self.count} {self.granularity}s"
            return f"{self.relative} {unit}"
        if self.granularity == "year":
            return str(self.year) if self.year else "year"
        if self.granularity == "quarter":
            core = f"Q{self.index}" if self.index else "quarter"
        elif self.granularity == "half":
            core = f"H{self.index}" if self.index else "half"
        elif self.granularity == "season":
            core = SEASONS[self.index - 1] if self.index and 1 <= self.index <= 4 else "season"
        elif self.granularity == "month":
            core = _MONTHS[self.index - 1] if self.index and 1 <= self.index <= 12 else "month"
        else:
            core = f"week {self.index}" if self.index else "week"
        return f"{core} {self.year}" if self.year else core


@dataclass(frozen=True)
class Constraint:
    """A bound for the optimiser; channel None means every channel.

    `amount` is dollars of spend; `percentage` a signed change from current
    spend ("don't cut radio by more than 20%" -> min, -20.0). `over_today` makes `amount` dollars on top of
    the channel's spend today over the plan's horizon ("split $2M with $500k more on TV" -> min, 500k, True).
    """

    channel: str | None
    kind: Literal["min", "max", "fixed"]
    amount: float | None = None
    percentage: float | None = None
    over_today: bool = False
    # "Social at least $150k a month": the amount is a rate, converted over the plan's horizon by the assistant
    per: Per | None = None
    # "TV no more than 25% of the budget" with no money said: a fraction of the plan's own budget (the assistant
    # turns it into money once it knows the budget)
    share: float | None = None

    def label(self, money: MoneyText = plain_money) -> str:
        """Short text such as "TV ≥ $500k" or "all ≤ +30%"."""
        who = self.channel or "every channel"
        if self.kind == "fixed":
            return f"{who} fixed" + (f" at {money(self.amount)}" if self.amount is not None else "")
        sign = "≥" if self.kind == "min" else "≤"
        if self.share is not None:
            return f"{who} {sign} {self.share * 100:g}% of the budget"
        rate = f" a {self.per}" if self.per else ""
        if self.amount is not None and self.over_today:
            return f"{who} {sign} today's {money(self.amount, signed=True)}{rate}"
        if self.amount is not None:
            return f"{who} {sign} {money(self.amount)}{rate}"
        if self.percentage is not None:
            return f"{who} {sign} {self.percentage:+g}%"
        return f"{who} {self.kind}"


@dataclass(frozen=True)
class Shift:
    """Money moved from one channel to another: a percentage of the from-channel's spend, or dollars.

    `to_percentage` sizes the move by what the receiver gains instead ("cut TV to fund a 20% increase in
    Social": 20% of Social's spend leaves TV); `also_to` are further receivers, the money split equally
    ("half of Print to Social and the other half to Digital") unless `shares` says otherwise."""

    from_channel: str
    to_channel: str
    percentage: float | None = None
    amount: float | None = None
    to_percentage: float | None = None
    also_to: tuple[str, ...] = ()
    # each receiver's share of the money moved (to_channel first), when the parts are unequal ("30% of TV to Radio
    # and 20% to Social": 0.6 and 0.4 of the 50% moved); empty means equal parts
    shares: tuple[float, ...] = ()

    @property
    def sized(self) -> bool:
        return self.percentage is not None or self.amount is not None or self.to_percentage is not None


@dataclass(frozen=True)
class Goal:
    """A target the optimiser must reach, for reverse questions ("spend what to add $1M?").

    add_sales: value = dollars of extra sales; reach_sales: value = dollars of total sales to reach over the
    horizon ("hit $70M in sales"); grow_sales_pct: value = percent more sales than the
    modelled period's (5.0 = 5%); keep_sales_within: value = percent of sales we may lose (1.0 = 1%);
    reach_roas: value = the ROAS. For add_sales and reach_sales said as a count ("add 10000 conversions"),
    `unit` is the count's name and value is that many units, not dollars.
    """

    kind: GoalKind
    value: float
    channel: str | None = None
    unit: str | None = None   # "conversions" when the question counts the outcome; None for money


@dataclass(frozen=True)
class Budget:
    """How the question states a budget, before it is converted over a horizon.

    total: `amount` dollars for the horizon ("split $2M"); increment: dollars on top of
    today's spend ("the next $1M", "an extra $500k"); rate: dollars per `per` ("$50k a
    week"); ratio: a multiplier of today's spend ("cut total budget by 20%" -> 0.8).
    An increment can carry a `per` too ("increase total spend by $10k/month").
    """

    kind: BudgetKind
    amount: float
    per: Per | None = None

    def label(self, money: MoneyText = plain_money) -> str:
        if self.kind == "ratio":
            return "same budget" if self.amount == 1 else f"{self.amount:g}× today's budget"
        per = f" a {self.per}" if self.per else ""
        if self.kind == "increment":
            return f"{money(self.amount, signed=True)} on today's budget{per}"
        return f"budget {money(self.amount)}{per}"


@dataclass(frozen=True)
class Window:
    """The weeks a what-if changes spend in: the last `weeks` weeks, or a calendar `period`; both set means
    `weeks` weeks inside that period, placed by `anchor`: "start" (the default: "for 2 weeks in November",
    "the first 3 weeks of December"), "end" ("the last 2 weeks of Q4") or "christmas" ("christmas week" =
    1 week of December around the 25th). `also` are further periods changed with `period` ("pause TV in Jan and
    Feb", "cut Radio from Q2 through Q4"): the window is their union."""

    weeks: int | None = None
    period: Period | None = None
    anchor: Anchor | None = None
    also: tuple[Period, ...] = ()

    @property
    def label(self) -> str:
        if self.period is not None and self.weeks is not None:
            n = f"{self.weeks} week{'s' if self.weeks != 1 else ''}"
            if self.anchor == "christmas":
                return f"{n} around Christmas"
            return f"{'the last' if self.anchor == 'end' else 'the first'} {n} of {self.period.label}"
        if self.period is not None:
            names = [p.label for p in (self.period, *self.also)]
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{self.weeks} week{'s' if self.weeks != 1 else ''}"


@dataclass(frozen=True)
class Alternative:
    """One side of a comparison ("cut Meta 50% vs add 20% to Email"): its own changes or shift."""

    label: str
    changes: tuple[tuple[str, float], ...] = ()
    shift: Shift | None = None
    window: Window | None = None
    # "$500k more on TV or on Digital?": signed dollars on a channel, when the side is an amount
    amounts: tuple[tuple[str, float], ...] = ()
    level: bool = False   # "TV at $1M vs TV at $2M": the amounts are spend levels, not increments


@dataclass(frozen=True)
class Limit:
    """A request the product cannot do (prepare a file, reconcile platform ROAS, budget pacing,
    compare model versions, book media), and the channels it names for the nearest real answer."""

    kind: str
    channels: tuple[str, ...] = ()
    # kind "bad_input": what is wrong with a value the question states ("a budget cannot be negative")
    problem: str = ""


@dataclass(frozen=True)
class GeoPick:
    """Markets chosen by a property the router cannot see: kind is "smallest", "largest" (by sales),
    "weakest" or "strongest" (by response); count None means "the" (one or a few, the assistant decides)."""

    kind: str
    count: int | None = None

    @property
    def label(self) -> str:
        return f"the {self.count if self.count is not None else ''} {self.kind} markets".replace("  ", " ")


@dataclass(frozen=True)
class MarketShift:
    """Money moved between two markets of a panel ("move 10% of TV from Central to North"): `percentage` of the
    channels' spend in `from_market`, or `amount` dollars, spent in `to_market` instead."""

    from_market: str
    to_market: str
    percentage: float | None = None
    amount: float | None = None

    @property
    def label(self) -> str:
        how = f"{self.percentage:g}%" if self.percentage is not None else (
            plain_money(self.amount) if self.amount is not None else "money")
        return f"move {how} {self.from_market} → {self.to_market}"


@dataclass(frozen=True)
class ChannelPick:
    """Channels chosen by a property the router cannot see ("the two smallest channels", "the weakest channel"):
    kind is "smallest"/"largest" (by spend) or "weakest"/"strongest" (by ROI); count is how many (default 1)."""

    kind: str
    count: int = 1

    @property
    def label(self) -> str:
        return f"the {self.kind} channel" if self.count == 1 else f"the {self.count} {self.kind} channels"


@dataclass(frozen=True)
class RoutedQuery:
    """One question, read: intent, entities and how sure the router is.

    `channels` are the data's display names in the order mentioned;
    `changes` pairs each channel with its own signed % change (the first is
    `percentage`). For a shift, `changes`, `percentage` and `amount` describe
    the from-side only (negative); the receiving side lives in `shift`,
    because its percentage depends on spend levels the router never sees — except for a move sized by
    the receiver ("cut TV to fund a 20% increase in Social"), where `changes` is the receiver's +20%.
    """

    intent: Intent
    channels: tuple[str, ...] = ()
    percentage: float | None = None
    changes: tuple[tuple[str, float], ...] = ()
    amount: float | None = None
    # signed dollars per channel when channels carry their own money ("give Social $200k and TV $300k more",
    # "increase TV and Radio by $50k each", "cut TV by 10% and Radio by $20k"); `amount` keeps the first
    amounts: tuple[tuple[str, float], ...] = ()
    # "cut TV by $100k a month": the amount (of a change or a shift) is a rate, spread over the weeks changed
    amount_per: Per | None = None
    # each channel's own rate when its money is said at a rate of its own ("$50k a week into TV and $2M a year into
    # Digital": TV week, Digital year; None is a total over the weeks changed); empty when one rate (`amount_per`) fits all
    amounts_per: tuple[tuple[str, Per | None], ...] = ()
    # "set TV to $1M", "TV at $1M": the amount is the channel's spend to reach over the changed weeks, not an increment
    level: bool = False
    shift: Shift | None = None
    period: Period | None = None
    periods: tuple[Period, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    goal: Goal | None = None
    margin: float | None = None
    unknown_channels: tuple[str, ...] = ()
    geos: tuple[str, ...] = ()          # markets named, as the data spells them (panel data only)
    geo_pick: GeoPick | None = None     # "the three smallest markets"
    by_geo: bool = False                # "which markets …", "by market": one row per market
    unknown_geos: tuple[str, ...] = ()  # markets named that the data lacks ("ROI of TV in North" on national data)
    geo_shift: MarketShift | None = None   # "move 10% of TV from Central to North" (panel data only)
    channel_pick: ChannelPick | None = None   # "cut the two smallest channels": the assistant picks them
    # the data's control columns the question asks the effect of ("what did the price change do?"; router.controls)
    controls: tuple[str, ...] = ()
    confidence: float = 0.0
    source: Source = "rules"
    question: str = field(default="", compare=False)
    budget: Budget | None = None
    # "Compare a $5M plan with a $6M plan", "which of those two plans is better?": the plans' budgets, in the order said
    budgets: tuple[Budget, ...] = ()
    window: Window | None = None
    scenarios: tuple[Alternative, ...] = ()
    horizon: Horizon | None = None
    # Ready-to-ask questions for a clarifying answer when the reading is unsure (best first).
    readings: tuple[str, ...] = ()
    limit: Limit | None = None
    # further asks of the same message this reading does not answer ("Cut TV by 20%. Also, what is the ROI of
    # Radio?"): the answer names them so the user knows to ask again rather than believe both were answered
    set_aside: tuple[str, ...] = field(default=(), compare=False)
    # framing cues read from the wording (router.cues); they shape the answer's words, not its numbers
    direction: Direction | None = field(default=None, compare=False)   # of a change given without a size
    presets: bool = field(default=False, compare=False)                # "conservative / aggressive options"
    trend_focus: TrendFocus | None = field(default=None, compare=False)
    overspend: bool = field(default=False, compare=False)              # "are we overspending?"
    worst_first: bool = field(default=False, compare=False)            # "which channel is burning money?"
    overall: bool = field(default=False, compare=False)                # "our overall / total / blended ROI"
    focus: AnswerFocus | None = field(default=None, compare=False)     # "how long does a Radio ad keep working?"
    file_format: FileFormat | None = field(default=None, compare=False)   # "export this as pdf"

    @property
    def changes_dict(self) -> dict[str, float]:
        """`changes` as a channel -> signed % mapping."""
        return dict(self.changes)

    def describe(self, money: MoneyText = plain_money, count: Callable[[float], str] = plain_count,
                 outcome: str = "sales") -> str:
        """The short "what-if · TV −20%" phrase the assistant prints dimly; `money` writes dollars, `count` a
        goal said as a count ("add 10.0k conversions"); `outcome` names the data's target for a goal said as a
        share ("grow conversions 1%" on a conversions model, though the question said "sales")."""
        parts = [INTENT_LABELS[self.intent]]
        if self.shift is not None:
            s = self.shift
            how = f"{s.percentage:g}% " if s.percentage is not None else (
                f"{money(s.amount)}{f' a {self.amount_per}' if self.amount_per else ''} " if s.amount is not None else "")
            to = " + ".join((s.to_channel, *s.also_to)) if not s.shares else " + ".join(
                f"{r} ({share:.0%})" for r, share in zip((s.to_channel, *s.also_to), s.shares))
            cut = dict(self.changes).get(s.from_channel)
            whole = (f"{s.from_channel} {_pct(cut)}, " if cut is not None and s.percentage is not None
                     and abs(cut) > s.percentage + 1e-9 else "")   # "cut TV 20% and put half of it into Digital"
            parts.append(f"{whole}move {how}{s.from_channel} → {to}"
                         + (f" (+{s.to_percentage:g}% of {s.to_channel})" if s.to_percentage is not None else ""))
            beside = [(ch, p) for ch, p in self.changes if ch not in (s.from_channel, s.to_channel, *s.also_to)]
            if beside:   # "move 10% of TV to Social and cut Print by 20%": the other channels' own changes
                parts.append(", ".join(f"{ch} {_pct(p)}" for ch, p in beside))
        elif self.changes:
            parts.append(", ".join(f"{ch} {_pct(p)}" for ch, p in self.changes)
                         + (f" ({self.channel_pick.label})" if self.channel_pick is not None else ""))
        elif self.channels:
            parts.append((" vs ".join(self.channels) if self.intent is Intent.ROI else ", ".join(self.channels))
                         + (f" ({self.channel_pick.label})" if self.channel_pick is not None else ""))
            if self.percentage is not None and not (self.intent is Intent.OPTIMIZATION and self.budget is not None):
                parts[-1] += f" {_pct(self.percentage)}"   # (a plan's % is its budget's, said with the budget below)
        elif self.channel_pick is not None:
            parts.append(self.channel_pick.label + (f" {_pct(self.percentage)}" if self.percentage is not None else ""))
        elif self.percentage is not None:
            parts.append(f"total budget {_pct(self.percentage)}")
        if self.amounts and self.amounts_per:
            rate = dict(self.amounts_per)
            parts.append(", ".join(f"{c} {money(v, signed=True)}" + (f" a {rate[c]}" if rate.get(c) else "")
                                   for c, v in self.amounts))
        elif self.amounts:
            parts.append(", ".join(f"{c} {money(v, signed=True)}" for c, v in self.amounts)
                         + (f" a {self.amount_per}" if self.amount_per else ""))
        elif self.amount is not None and self.shift is None and self.budget is None:
            parts.append(("at " if self.level else "") + money(self.amount, signed=self.intent is Intent.SCENARIO and not self.level)
                         + (f" a {self.amount_per}" if self.amount_per else ""))
        if self.goal is not None:
            parts.append(_goal_label(self.goal, money, count, outcome))
        if self.constraints:
            parts.append("; ".join(c.label(money) for c in self.constraints))
        spanned = self.window is not None and bool(self.window.also)   # "in Jan and Feb": one window, not a comparison
        if self.periods and not spanned:
            parts.append(" vs ".join(p.label for p in self.periods))
        if len(self.budgets) >= 2:
            parts.append(" vs ".join(b.label(money) for b in self.budgets))
        elif self.budget is not None:
            parts.append(self.budget.label(money))
        if self.window is not None and (spanned or self.window.period not in self.periods):
            parts.append(f"over {self.window.label}")
        if self.scenarios:
            parts.append(" vs ".join(a.label for a in self.scenarios))
        if self.horizon is not None:
            parts.append("horizon: whole period" if self.horizon == "all" else f"horizon: {self.horizon} weeks")
        if self.margin is not None:
            parts.append(f"margin {self.margin:.0%}")
        if self.controls:
            parts.append("control: " + ", ".join(self.controls))
        if self.unknown_channels:
            parts.append("not in data: " + ", ".join(self.unknown_channels))
        if self.limit is not None:
            parts.append("outside what I can do: " + self.limit.kind.replace("_", " "))
        if self.geo_shift is not None:
            parts.append(self.geo_shift.label)
        elif self.geos:
            parts.append("in " + ", ".join(self.geos))
        elif self.geo_pick is not None:
            parts.append("in " + self.geo_pick.label)
        elif self.by_geo:
            parts.append("by market")
        if self.unknown_geos:
            parts.append("no market in data: " + ", ".join(self.unknown_geos))
        return " · ".join(parts)

    def to_json_fields(self) -> dict[str, object]:
        """JSON-safe fields for `--json` output; the keys are a public contract."""
        fields: dict[str, object] = {
            "intent": self.intent.value,
            "channels": list(self.channels),
            "percentage": self.percentage,
            "changes": dict(self.changes),
            "router": self.source,
            "confidence": round(self.confidence, 3),
            "amount": self.amount,
            "amount_per": self.amount_per,
            "amounts": dict(self.amounts),
            "amounts_per": dict(self.amounts_per),
            "level": self.level,
            "shift": _shift_json(self.shift),
            "period": None if self.period is None else _period_json(self.period),
            "periods": [_period_json(p) for p in self.periods],
            "constraints": [
                {"channel": c.channel, "kind": c.kind, "amount": c.amount, "percentage": c.percentage,
                 "over_today": c.over_today, "per": c.per, **({"share": c.share} if c.share is not None else {})}
                for c in self.constraints
            ],
            "goal": None if self.goal is None else {
                "kind": self.goal.kind, "value": self.goal.value, "channel": self.goal.channel, "unit": self.goal.unit},
            "margin": self.margin,
            "unknown_channels": list(self.unknown_channels),
            "budget": None if self.budget is None else {
                "kind": self.budget.kind, "amount": self.budget.amount, "per": self.budget.per},
            "budgets": [{"kind": b.kind, "amount": b.amount, "per": b.per} for b in self.budgets],
            "window": None if self.window is None else _window_json(self.window),
            "scenarios": [_alternative_json(a) for a in self.scenarios],
            "horizon": self.horizon,
            "limit": None if self.limit is None else {"kind": self.limit.kind, "channels": list(self.limit.channels),
                                                      "problem": self.limit.problem or None},
            "readings": list(self.readings),
            "geos": list(self.geos),
            "geo_pick": None if self.geo_pick is None else {"kind": self.geo_pick.kind, "count": self.geo_pick.count},
            "by_geo": self.by_geo,
            "unknown_geos": list(self.unknown_geos),
            "geo_shift": None if self.geo_shift is None else {
                "from_market": self.geo_shift.from_market, "to_market": self.geo_shift.to_market,
                "percentage": self.geo_shift.percentage, "amount": self.geo_shift.amount},
            "channel_pick": None if self.channel_pick is None else {"kind": self.channel_pick.kind,
                                                                     "count": self.channel_pick.count},
            "cues": {"direction": self.direction, "presets": self.presets, "trend_focus": self.trend_focus,
                     "overspend": self.overspend, "worst_first": self.worst_first, "overall": self.overall,
                     "focus": self.focus, "file_format": self.file_format},
        }
        if self.controls:   # "what did the price change do?": the control columns asked about (only then a key)
            fields["controls"] = list(self.controls)
        return fields


def _shift_json(s: Shift | None) -> dict[str, object] | None:
    return None if s is None else {"from_channel": s.from_channel, "to_channel": s.to_channel,
                                   "percentage": s.percentage, "amount": s.amount,
                                   "to_percentage": s.to_percentage, "also_to": list(s.also_to),
                                   "shares": list(s.shares)}


def _window_json(w: Window) -> dict[str, object]:
    return {"weeks": w.weeks, "period": None if w.period is None else _period_json(w.period), "anchor": w.anchor,
            "also": [_period_json(p) for p in w.also], "label": w.label}


def _alternative_json(a: Alternative) -> dict[str, object]:
    return {"label": a.label, "changes": dict(a.changes), "shift": _shift_json(a.shift),
            "window": None if a.window is None else _window_json(a.window), "amounts": dict(a.amounts),
            "level": a.level}


def _period_json(p: Period) -> dict[str, object]:
    return {"granularity": p.granularity, "index": p.index, "year": p.year,
            "relative": p.relative, "count": p.count, "onwards": p.onwards, "label": p.label}


def _pct(p: float) -> str:
    sign = "+" if p > 0 else ("−" if p < 0 else "±")
    return f"{sign}{abs(p):g}%"


def _goal_label(g: Goal, money: MoneyText, count: Callable[[float], str], target_name: str = "sales") -> str:
    outcome = f"{money(g.value)} sales" if g.unit is None else f"{count(g.value)} {g.unit}"
    target = {
        "add_sales": f"add {outcome}",
        "reach_sales": f"reach {outcome}",
        # a share is of the data's own target, whatever word the question used for it
        "grow_sales_pct": f"grow {g.unit or target_name} {g.value:g}%",
        "keep_sales_within": f"keep {g.unit or target_name} within {g.value:g}%",
        "reach_roas": f"reach ROAS {g.value:g}",
    }[g.kind]
    return f"{target} via {g.channel}" if g.channel else target
