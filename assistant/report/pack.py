"""What a board pack holds: the typed results and the `--json` answer data read off them."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analysis.dataset import Dataset
    from analysis.model import MMMFit
    from analysis.results import ContributionResult, RoiResult, SaturationResult
    from assistant.reply import Reply
    from assistant.session import Session

# The intents whose `--json` data the pack quotes; budget_scenario holds one dict per scenario.
PACK_INTENTS = ("roi_analysis", "contribution", "saturation", "budget_optimization", "budget_scenario",
                "model_quality")


@dataclass(frozen=True)
class BoardPack:
    """Everything the pack shows. Tables and text print from `answers` (the `--json` data of each
    intent), so every figure equals the chat's; the typed results feed charts and long tables."""

    dataset: Dataset
    fit: MMMFit
    units: str                                   # money axis label, e.g. "$000s"
    roi: RoiResult
    contribution: ContributionResult
    saturation: SaturationResult
    quality: Any                                 # analysis.quality.QualityReport
    optimization: Any | None                     # analysis.decisions.optimize.OptimizationResult
    scenarios: tuple[Any, ...]                   # analysis.decisions.scenario.ScenarioResult, in the order asked
    answers: Mapping[str, Any]                   # intent -> data dict; "budget_scenario" -> tuple of dicts
    narratives: Mapping[str, Any] = field(default_factory=dict)   # intent -> Reply (headline, facts, caveat)
    warnings: tuple[str, ...] = ()
    questions: tuple[Mapping[str, Any], ...] = ()  # the session's audit entries (question, time, fingerprints)
    created: datetime = field(default_factory=datetime.now)
    title: str = "Marketing mix review"

    @property
    def period(self) -> str:
        """'4 Jan 2021 – 23 Dec 2024 (208 weeks)'."""
        d = self.dataset.dates
        return f"{d[0].day} {d[0]:%b %Y} – {d[-1].day} {d[-1]:%b %Y} ({len(d)} weeks)"


def scenarios_asked(session: Session) -> tuple[Any, ...]:
    """The what-if scenarios of this conversation, oldest first, each once: "cut TV 20%" and then "cut TV 20% vs
    cut Digital 20%" ran TV −20% twice, and the pack showed it twice side by side. A what-if that moved no money
    (a cut over weeks the channel was dark) is left out: its answer said so instead of giving a figure. The same
    moves scored again as one side of a comparison (by the plan's method when another side moves money) keep the
    figure they were first answered with."""
    seen: dict[tuple[str, float], Any] = {}
    for result in session.scenarios:
        if result.channels and not any(abs(c.delta_spend) > 1e-9 * max(1.0, abs(c.spend_before)) for c in result.channels):
            continue   # "pause TV in November" where TV was dark: the chat said it moves nothing; no "+$0" finding
        key = (str(result.label), round(float(result.delta_spend), 6))
        seen.setdefault(key, result)
    return tuple(seen.values())


def build_board_pack(session: Session, scenarios: tuple[Any, ...] | None = None) -> BoardPack:
    """Collect the session's results and the same answer data the chat and `--json` give."""
    from assistant.answers import budget as plan
    from assistant.answers import channels as measure
    from assistant.answers import quality as model
    from assistant.charts.style import money_units

    margin = session.margin
    results = tuple(scenarios) if scenarios is not None else scenarios_asked(session)
    from assistant.horizon import default_weeks

    # the last plan this conversation asked for ("split $5M over Q4", "keep TV fixed"), over its own weeks; with none
    # asked, the same budget re-split over the default horizon
    asked = session.plans[-1] if session.plans else None
    weeks, where = plan.window_of(session, asked) if asked is not None else (None, None)
    if asked is not None and weeks is not None:
        optimization = asked
    else:
        weeks, where = default_weeks(session), None
        optimization, _ = plan.horizon_optimization(session, weeks, None, (), margin)
    answers: dict[str, Any] = {
        "roi_analysis": measure.roi_data(session, margin),
        "contribution": measure.contribution_data(session),
        "saturation": measure.saturation_data(session, margin),
        "budget_optimization": {**plan.optimization_data(session, optimization),
                                **plan.horizon_keys(session, weeks, where)},
        "budget_scenario": tuple(plan.scenario_data(session, s) for s in results),
        "model_quality": model.quality_data(session),
    }
    narratives: dict[str, Reply | tuple[Reply, ...]] = {
        "roi_analysis": measure.roi_reply(session, answers["roi_analysis"], ()),
        "contribution": measure.contribution_reply(session, answers["contribution"], ()),
        "saturation": measure.saturation_reply(session, answers["saturation"], ()),
        "budget_optimization": plan.optimization_reply(session, answers["budget_optimization"]),
        "model_quality": model.quality_reply(session, answers["model_quality"]),
        "budget_scenario": tuple(plan.scenario_reply(session, d) for d in answers["budget_scenario"]),
    }
    warnings = tuple(dict.fromkeys((*session.dataset.warnings, *session.fit.warnings,
                                    *optimization.warnings)))
    return BoardPack(
        dataset=session.dataset, fit=session.fit, units=money_units(session.dataset), roi=session.roi,
        contribution=session.contribution, saturation=session.saturation, quality=session.quality,
        optimization=optimization, scenarios=results, answers=answers, narratives=narratives,
        warnings=warnings, questions=tuple(session.answered),
    )


def scenario_answers(pack: BoardPack) -> tuple[Mapping[str, Any], ...]:
    return tuple(pack.answers.get("budget_scenario", ()) or ())
