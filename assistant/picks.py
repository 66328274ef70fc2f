"""Channels a question picks by a property ("cut the two smallest channels", "pause the weakest one"):
ranked here, where the data is, and put in the reading before it is answered (the router cannot rank)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.reply import Reply
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
        # a channel the data cannot measure has no ROI to rank by: it is never the "weakest" or "strongest"
        rows = [c for c in session.roi.channels if c.roi is not None and c.measurable]
        ranked = [c.channel for c in sorted(rows, key=lambda c: float(c.roi or 0.0), reverse=pick.kind == "strongest")]
    if not ranked:
        return routed   # nothing to rank: `unranked_pick` answers
    chosen = tuple(ranked[:max(1, min(pick.count, len(ranked)))])
    changes = tuple((c, routed.percentage) for c in chosen) if routed.percentage is not None else ()
    return replace(routed, channels=chosen, changes=changes)


def unranked_pick(session: Session, routed: RoutedQuery) -> Reply | None:
    """ "pause the weakest channel" when no channel's ROI is measurable: say so and ask for a channel by name,
    rather than rank channels by point estimates the data cannot back."""
    if routed.channel_pick is None or routed.channels or routed.intent.value != "budget_scenario":
        return None
    from assistant.reply import Reply

    names = list(session.dataset.channels)
    word = "weakest" if routed.channel_pick.kind == "weakest" else "strongest"
    return Reply(routed.intent.value,
                 f"No channel's return can be measured in this data, so none can be called the {word}.",
                 (f"Name the channel instead (e.g. {names[0]}): the answer gives its effect with its 90% interval.",
                  "Ask “What's the ROI of each channel?” for what the data can and cannot tell apart."),
                 data={"problem": f"no measurable channel to rank as the {word}"})
