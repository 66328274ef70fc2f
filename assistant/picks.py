"""Channels a question picks by a property ("cut the two smallest channels", "pause the weakest one"):
ranked here, where the data is, and put in the reading before it is answered (the router cannot rank)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery


def with_picked_channels(session: Session, routed: RoutedQuery) -> RoutedQuery:
    """The reading with its picked channels named: "smallest"/"largest" by spend over the modelled period,
    "weakest"/"strongest" by ROI (channels whose ROI could not be estimated are not ranked)."""
    pick = routed.channel_pick
    if pick is None or routed.channels or routed.intent.value != "budget_scenario":
        return routed
    names = list(session.dataset.channels)
    if pick.kind in ("smallest", "largest"):
        spend = dict(zip(names, (float(v) for v in session.dataset.total_spend), strict=True))
        ranked = sorted(names, key=lambda c: spend[c], reverse=pick.kind == "largest")
    else:
        rows = [c for c in session.roi.channels if c.roi is not None]
        ranked = [c.channel for c in sorted(rows, key=lambda c: float(c.roi or 0.0), reverse=pick.kind == "strongest")]
    chosen = tuple(ranked[:max(1, min(pick.count, len(ranked)))])
    changes = tuple((c, routed.percentage) for c in chosen) if routed.percentage is not None else ()
    return replace(routed, channels=chosen, changes=changes)
