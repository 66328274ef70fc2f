"""The dim "Read as: …" line: how the router read the question, in the assistant's money format."""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.format import count, dollars, signed_dollars

if TYPE_CHECKING:
    from router.types import RoutedQuery

SOURCE_NOTE = {"context": " (from context)", "claude": " (via Claude)"}


def money_text(x: float, signed: bool = False) -> str:
    return signed_dollars(x) if signed else dollars(x)


def read_as(routed: RoutedQuery, outcome: str = "sales") -> str:
    """ "Read as: what-if · TV −20% (from context)" — makes a misreading visible at once; `outcome` is what the
    data's target is called ("conversions"), for a goal said as a share of it."""
    return "Read as: " + routed.describe(money_text, count, outcome) + SOURCE_NOTE.get(routed.source, "")
