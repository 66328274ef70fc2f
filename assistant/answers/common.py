"""What every answerer needs: the channels of the question the data has, the margin in force,
JSON rounding and the low-reliability caveat."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from assistant import format as fmt

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery


def r(x: float | None) -> float | None:
    """A number as JSON holds it (assistant.format.round_json), None kept."""
    return None if x is None else fmt.round_json(float(x))  # NaN and inf become None


def num(x: float | None) -> float:
    """A data field the path guarantees present (e.g. a measurable channel's ROI), typed as a float.
    None there is a bug: raise the TypeError the arithmetic on it would have raised."""
    if x is None:
        raise TypeError("expected a number, got None")
    return x


def known_channels(session: Session, routed: RoutedQuery) -> tuple[str, ...]:
    """The question's channels that are in the data, in the order asked."""
    return tuple(c for c in routed.channels if c in session.dataset.channels)


def asked_period(routed: RoutedQuery) -> Any:
    """The one period a question names (its first when it lists several), or None."""
    return routed.period or (routed.periods[0] if routed.periods else None)


def period_bounds(dataset: Any, period: Any) -> tuple[Any, Any, str]:
    """(start, end, label) of a period as the question names it, resolved in the data (`analysis.periods`); raises
    the analysis error for a period the data does not hold."""
    from analysis.periods import PeriodSpec, resolve_period

    return resolve_period(dataset, PeriodSpec(period.granularity, period.index, period.year, period.relative))


def margin_for(session: Session, routed: RoutedQuery) -> float | None:
    """The margin the question states, else the session's (--margin)."""
    return routed.margin if routed.margin is not None else session.margin


def session_weak(session: Session) -> bool:
    """True when the model-quality grade is Low."""
    try:
        return bool(session.quick_quality.grade == "Low")
    except Exception:  # quality is advisory here; an answer must not fail because of it
        return False


def weak_caveat(session: Session) -> str:
    q = session.quick_quality
    reason = q.reasons[0] if q.reasons else "the model explains sales poorly"
    return f"Model reliability is Low ({reason}); treat these numbers as directional."


def unmeasured_channels(session: Session, channels: Iterable[str]) -> list[str]:
    """The channels named whose effect the ROI answer calls not measurable in this data, in the order given (a name
    the fit does not hold counts as measurable): one reading for the what-if, its sizes and "how sure?" after it."""
    measurable = {row.channel: row.measurable for row in session.roi.channels}
    return [c for c in channels if not measurable.get(c, True)]


def spend_moved_only(data: Any) -> bool:
    """A what-if whose total spend does not change (a move, or a re-split whose shares round): the one kind whose answer
    states a chance of selling less (a cut sells less by design; a raise is judged by its return per dollar)."""
    moved = sum(abs(float(v["delta_spend"])) for v in (data.get("channels") or {}).values())
    return not data.get("delta_spend") or abs(float(data["delta_spend"])) <= 1e-3 * moved
