"""The `data` of each intent's Reply, as TypedDicts: the `--json` contract in types, so a misspelt key
is a type error. Money is in the data's units over the whole modelled period; `None` means "not
measurable" or "not applicable", never zero."""
from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class RoiRow(TypedDict, total=False):
    roi: float | None
    roi_low: float | None
    roi_high: float | None
    spend: float | None
    contribution: float | None
    measurable: bool
    rank: int | None
    note: str | None
    profit_per_dollar: float | None        # with a margin only
    breaks_even: bool
    breakeven_status: str
    breakeven_margin: float | None


class RoiData(TypedDict):
    channels: dict[str, RoiRow]
    ranking: list[str]
    blended_roi: float | None
    blended_roi_low: float | None   # the media total's 90% interval (MMMFit.media_interval) per $1 of media spend
    blended_roi_high: float | None
    total_spend: float | None
    total_contribution: float | None
    margin: float | None
    breakeven_roi: float | None
    entangled: list[list]          # [channel, channel, correlation] when fewer than half are measurable
    entangled_with_rest: NotRequired[list[str]]   # unmeasurable channels the other regressors predict (VIF > 10)
    by_year: NotRequired[list[YearRoiData]]       # "ROI by year": each calendar year, with 90% intervals


class YearRoiRow(TypedDict):
    """One channel's (or all media's) return in one calendar year (`analysis.roi.roi_by_year`)."""

    roi: float | None
    roi_low: float | None
    roi_high: float | None
    spend: float | None
    contribution: float | None
    contribution_low: float | None
    contribution_high: float | None
    measurable: bool                # False: the year's interval reaches zero; never quoted or ranked by its point


class YearRoiData(TypedDict):
    year: str
    weeks: int
    complete: bool
    all_media: YearRoiRow
    channels: dict[str, YearRoiRow]


class ContributionRow(TypedDict):
    contribution: float | None
    share: float | None
    contribution_low: float | None
    contribution_high: float | None
    measurable: bool


class ContributionData(TypedDict):
    total_sales: float | None
    baseline: float | None
    baseline_share: float | None
    media_share: float | None
    media_share_low: float | None     # 90% interval of the media share
    media_share_high: float | None
    channels: dict[str, ContributionRow]
    period: NotRequired[str]          # the stretch asked about ("Q3 2024"); absent: every modelled week
    weeks: NotRequired[int]


class SaturationRow(TypedDict):
    saturation_pct: float | None
    marginal_roi: float | None
    roi: float | None
    decay: float | None
    half_life_weeks: float | None
    status: str
    measurable: bool
    overspending: bool
    marginal_capped: bool   # next dollar counted at the average dollar (an always-on channel; decisions.marginals)


class SaturationData(TypedDict):
    channels: dict[str, SaturationRow]
    hurdle_roi: float | None
    margin: float | None


class ScenarioChannel(TypedDict):
    spend_before: float | None
    spend_after: float | None
    delta_spend: float | None
    delta_sales: float | None


class SensitivityRow(TypedDict):
    change: float
    delta_spend: float | None
    delta_sales: float | None
    delta_sales_low: float | None
    delta_sales_high: float | None
    delta_sales_pct: float | None


class SalesChange(TypedDict, total=False):
    """What one change of spend does: the keys a what-if and each side of a comparison share."""

    label: str
    changes: dict[str, float | None]
    delta_spend: float | None
    delta_sales: float | None
    delta_sales_low: float | None
    delta_sales_high: float | None
    delta_sales_pct: float | None
    horizon_weeks: int                      # the weeks whose spend changed (the planning horizon or a window)
    window: str                             # how the answer names those weeks


class ScenarioData(SalesChange, total=False):
    return_on_change: float | None
    expected_delta_sales: float | None      # the same change, under the plan keys every plan carries
    expected_delta_sales_low: float | None
    expected_delta_sales_high: float | None
    prob_loss: float | None                 # share of model draws in which sales fall
    extrapolated: list[str]
    margin: float | None
    profit_delta: float | None
    channels: dict[str, ScenarioChannel]
    sensitivity: list[SensitivityRow]       # a what-if given without a size


class BudgetBasis(TypedDict):
    kind: str                               # total | increment | rate | ratio
    amount: float                           # dollars as asked; the multiplier for a ratio
    per: str | None                         # week | month | year


class ComparisonSide(SalesChange, total=False):
    """One alternative of a comparison, as its own what-if."""

    level: bool   # the side was asked as a level ("TV at $1M"), not a change
    expected_delta_sales: float | None      # the plan keys every plan carries, as on a what-if asked alone
    expected_delta_sales_low: float | None
    expected_delta_sales_high: float | None
    prob_loss: float | None


class ComparisonData(TypedDict, total=False):
    """A comparison of what-ifs: each side its own scenario, and the paired difference."""

    scenarios: list[ComparisonSide]
    better: str
    difference: float | None
    difference_low: float | None
    difference_high: float | None
    difference_measure: str
    within_margin: bool
    horizon_weeks: int | None               # null when the sides have windows of their own (see each scenario)
    window: str | None


class AllocationRow(TypedDict, total=False):
    current: float | None
    recommended: float | None
    change_pct: float | None
    marginal_roi_current: float | None
    marginal_roi_recommended: float | None
    at_bound: str | None
    measurable: bool


class PlanKeys(TypedDict, total=False):
    """The budget keys every plan-making answer carries (optimisation, presets, goal questions)."""

    total_budget: float | None
    current_total: float | None
    allocation: dict[str, AllocationRow]
    expected_delta_sales: float | None
    expected_delta_sales_low: float | None
    expected_delta_sales_high: float | None
    prob_loss: float | None                 # share of scoring draws in which the plan sells less than today's mix (scaled to its budget)


class OptimizationData(PlanKeys, total=False):
    label: str
    expected_delta_sales_pct: float | None
    binding: list[str]
    equalised_marginal_roi: float | None
    bound_pct: float | None
    profit_delta: float | None
    step: float | None
    optimum_delta_sales: float | None
    bound_used: float | None
    at_optimum: bool
    model_delta_sales: float | None         # the model's own (optimistic) figure for the same plan
    entangled: list[list[str]]              # channel pairs the data cannot split: moved only together
    unmeasured_together: list[str]          # channels whose effect is not clear of zero: moved only together
    nothing_measurable: bool                # no free channel is measurable, so the plan keeps today's mix
    low_grade_hold: bool                    # kept at today's mix because the model grades this data Low
    optimum_prob_loss: float | None         # a plan that keeps today's mix: the best split's chance of a loss
    partway: list[list[Any]]                # [channel, change %, best split's change %]: moved part of the way (careful plans)
    presets: dict[str, OptimizationData]   # "options" questions: conservative / base / aggressive
    horizon_weeks: int                     # the planning horizon the budget covers
    window: str                            # those weeks named ("a year (the last 52 weeks)", "Q4 2023 (13 weeks)")
    current_budget: float | None           # today's spend over the same weeks
    budget_basis: BudgetBasis | None       # how the question stated the budget
    budget_read_as: str                    # the conversion, echoed in the Read-as line


class GoalSpec(TypedDict):
    kind: str
    value: float
    channel: str | None


class PlansComparedData(TypedDict, total=False):
    """Two plans side by side ("Compare a $5M plan with a $6M plan"): each plan's own data, in the order asked."""

    horizon_weeks: int
    window: str
    current_budget: float | None
    plans: list[OptimizationData]
    gap: float | None                  # second plan's change in sales minus the first's (central figures)
    extra_budget: float | None         # second plan's budget minus the first's
    per_extra_dollar: float | None     # the bigger plan's extra sales per extra $1
    bigger: int | None                 # index of the plan with more money


class WhyData(TypedDict):
    """ "why?" after a channel's figure: the channel and the ROI and saturation rows its reasons come from."""

    why: str
    roi: RoiRow
    saturation: SaturationRow


class GoalData(PlanKeys, total=False):
    """A reverse question: the goal, what reaching it takes, and the budget keys of budget_optimization."""

    goal: GoalSpec
    target_sales: float | None
    current_sales: float | None               # reach_sales: the horizon's actual sales the target is measured against
    channels: dict[str, dict[str, Any]]       # per-channel reverse_data
    best_channel: str
    combined: dict[str, Any]                  # no one channel gets there: the split across channels (reverse_data)
    # reverse_data fields (keep_sales_within, reach_roas)
    kind: str
    label: str
    channel: str | None
    method: str
    reachable: bool
    current_spend: float | None
    required_spend: float | None
    delta_spend: float | None
    delta_sales: float | None
    delta_sales_low: float | None
    delta_sales_high: float | None
    delta_sales_pct: float | None
    roas: float | None
    current_roas: float | None
    best_reachable: float | None
    required_spend_low: float | None
    required_spend_high: float | None
    extrapolated: Any


class PeriodData(TypedDict, total=False):
    period: str
    previous_period: str
    label: str
    previous_label: str
    sales: float | None
    previous_sales: float | None
    change_pct: float | None
    drivers: dict[str, float | None]
    weekly_average: bool
    warnings: list[str]
    year_ago_period: str
    year_on_year_pct: float | None
    # the control columns the question asked about: each one's part of the change (pts of sales), as "controls" is
    # split in `drivers`; a column the fit left out has 0.0 and is listed in `controls_left_out`
    controls_named: dict[str, float | None]
    controls_left_out: list[str]


class SpikeRow(TypedDict):
    date: str
    direction: str
    sigmas: float | None


class TrendSummaryData(TypedDict):
    annual_growth_pct_trend: float | None
    annual_growth_pct_actual: float | None
    growing: str
    quarter_profile: dict[str, float | None]
    peak_quarter: str
    trough_quarter: str
    seasonal_amplitude_pct: float | None
    seasonality_material: bool
    spikes: list[SpikeRow]
    weeks: int
    sales_peak_quarter: NotRequired[str]      # the quarter actual sales are highest in (season, controls and media)
    sales_trough_quarter: NotRequired[str]


class QualityChannel(TypedDict):
    confidence: str
    relative_width: float | None
    measurable: bool
    vif: float | None
    reasons: list[str]
    improvements: list[str]


class LastDecision(TypedDict):
    """The what-if or plan a "how sure are you about that?" follows, with its own 90% interval."""
    label: str
    delta_sales: float
    delta_sales_low: float
    delta_sales_high: float
    prob_loss: float | None
    measurable: NotRequired[bool]   # False: a what-if only on channels the data cannot measure (quoted by its interval)
    rescaled: NotRequired[bool]     # a plan on another budget: its chance of a loss is against today's mix scaled to it


class MarketReturnRow(TypedDict):
    roi: float | None
    roi_low: float | None          # None for all media by market (its interval is the national one)
    roi_high: float | None


class MarketReturn(TypedDict):
    """The return by market a "how sure are you?" follows, with each market's own interval."""
    channel: str | None            # None: all media
    markets: dict[str, MarketReturnRow]
    divergent: list[dict[str, Any]]   # markets whose response to the channel clearly differs from the shared curve


class QualityData(TypedDict, total=False):
    grade: str
    reasons: list[str]
    improvements: list[str]
    r2: float | None
    adj_r2: float | None
    mape: float | None
    oos_mape: float | None
    durbin_watson: float | None
    channel_confidence: dict[str, str]
    channels: dict[str, QualityChannel]
    warnings: list[str]
    plan_grade_low: bool          # plans hold today's mix: the fit-only grade (no backtest) is Low
    channel: str                  # a question about one channel's estimate
    channel_roi: RoiRow
    last_answer: LastDecision     # asked right after a what-if or plan: that answer's own interval
    market_return: MarketReturn   # asked right after a return by market: those markets' intervals


class OverviewChannel(TypedDict):
    column: str
    spend: float | None
    weekly_average: float | None
    active_weeks: int


class OverviewData(TypedDict):
    source: str
    start: str
    end: str
    weeks: int
    target: str
    total_sales: float | None
    total_spend: float | None
    money_scale: float
    channels: dict[str, OverviewChannel]
    controls: list[str]
    loader_warnings: list[str]
    outcome_unit: str                 # "money", or the count the target is ("conversions")
    revenue_note: str | None          # how a count became money ("conversions × revenue_per_conversion")
    markets: dict[str, Any] | None    # panel data: column, count, names, size_basis, balanced
    column_roles: dict[str, str]
    readiness: ReadinessData


class ReadinessReason(TypedDict):
    code: str
    severity: str
    text: str
    fix: str


class ReadinessData(TypedDict):
    verdict: str                   # ready | usable | not_ready
    weeks_per_parameter: float | None
    reasons: list[ReadinessReason]
    entangled: list[list]


class HelpData(TypedDict):
    topics: dict[str, str]
    examples: list[str]
    commands: list[str]
    channels: list[str]


class UnknownChannelData(TypedDict):
    unknown_channels: list[str]
    channels: list[str]


class BriefingData(TypedDict):
    data: OverviewData
    roi: RoiData
    contribution: ContributionData
    saturation: SaturationData
    scenario: ScenarioData
    optimization: OptimizationData
    quality: QualityData


class ReportData(TypedDict):
    path: str


class ProblemData(TypedDict):
    """An answer that explains why no figure can be given (an infeasible goal, no change named)."""

    problem: str


class TooLongData(TypedDict):
    length: int


class EmptyData(TypedDict):
    pass


class LimitData(TypedDict, total=False):
    """A request outside what the product does, what it can do instead, and the nearest real answer."""

    limit: str
    can_do_instead: str
    channels: dict[str, RoiRow]              # a platform's ROAS claim: our ROI for the channels it names
    problem: str                             # bad input: what is wrong with a value the question states
    clarify: list[str]                       # bad input: the nearest valid question, ready to ask


class ClarifyData(TypedDict):
    """An unsure reading: the two most likely readings, as questions to ask as they are."""

    clarify: list[str]
    best_guess: str


class MarketRoiData(TypedDict):
    """ROI by market on panel data (assistant.answers.markets)."""

    level: str                                # "market"
    channels_shown: list[str]
    size_basis: str
    unit: str                                 # "money" or the count ("conversions")
    markets: dict[str, dict[str, Any]]        # name -> size, sales, spend, contribution, roi, channels.{ch}.{…}
    national: dict[str, dict[str, Any]]       # channel -> roi, measurable
    divergent: NotRequired[list[dict[str, Any]]]   # markets whose response to a channel shown clearly differs from the
                                                   # shared curve: market, channel, multiplier(_low/_high)


class MarketScenarioData(TypedDict):
    """A what-if applied in some markets only (assistant.answers.markets)."""

    level: str
    markets: list[str]
    changes: dict[str, float]
    unit: str
    delta_spend: float | None
    delta_sales: float | None
    delta_sales_low: float | None
    delta_sales_high: float | None
    delta_sales_pct: float | None
    prob_loss: float | None                   # share of draws in which sales fall (joint and posterior draws)
    unmeasured: list[str]                     # changed channels the data cannot measure
    extrapolated: list[str]                   # channels whose national weekly spend goes beyond any week seen
    by_market: dict[str, dict[str, float | None]]
    horizon_weeks: NotRequired[int]           # the weeks whose spend changed (window or planning horizon)
    window: NotRequired[str]
    # money moved between two markets ("move 10% of TV from Central to North"): from_market, to_market, percentage,
    # amount (data units)
    shift: NotRequired[dict[str, Any]]
    divergent: NotRequired[list[dict[str, Any]]]   # as MarketRoiData's, for the channels changed and markets touched


class MarketSaturationData(TypedDict):
    """A channel's saturation in some markets (assistant.answers.markets.market_saturation_reply)."""

    level: str                                # "market"
    channel: str
    unit: str
    markets: dict[str, dict[str, Any]]        # market -> spend, roi, marginal_roi, saturation_pct, status
    national: dict[str, Any] | None           # the national saturation row's roi, marginal_roi, saturation_pct, status
    divergent: NotRequired[list[dict[str, Any]]]   # as MarketRoiData's


AnswerData = (RoiData | ContributionData | SaturationData | ScenarioData | OptimizationData | GoalData | PeriodData
              | TrendSummaryData | QualityData | OverviewData | HelpData | UnknownChannelData | BriefingData
              | ReportData | ProblemData | TooLongData | EmptyData | ComparisonData | LimitData | ClarifyData
              | MarketRoiData | MarketScenarioData | PlansComparedData | WhyData
              | MarketSaturationData)
