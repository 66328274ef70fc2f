"""The dim "Read as: …" line: how the router read the question, in the assistant's money format."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.format import amount, dollars, signed_dollars

if TYPE_CHECKING:
    from router.types import RoutedQuery

SOURCE_NOTE = {"context": " (from context)", "claude": " (via Claude)"}


def money_text(x: float, signed: bool = False) -> str:
    return signed_dollars(x) if signed else dollars(x)


def read_as(routed: RoutedQuery, dataset: Any = None) -> str:
    """ "Read as: what-if · TV −20% (from context)" — makes a misreading visible at once. With the `dataset`, a sales
    goal on a count target reads in its unit ("reach 70.0k conversions", not "reach $70.0k sales")."""
    text = routed.describe(money_text)
    goal = routed.goal
    if (dataset is not None and not getattr(dataset, "in_money", True) and goal is not None
            and goal.kind in ("add_sales", "reach_sales")):
        text = text.replace(f"{money_text(goal.value)} sales",
                            amount(goal.value / float(getattr(dataset, "money_scale", 1.0) or 1.0), dataset))
    return "Read as: " + text + SOURCE_NOTE.get(routed.source, "")
