"""The seventeenth session's integrator fixes, each a family read through paraphrases of his own."""

from __future__ import annotations

import pytest

from router import Intent, route
from router.context import Conversation


def _after(first: str, second: str):
    conv = Conversation()
    conv.remember(route(first, conv))
    return route(second, conv)


@pytest.mark.parametrize("second, amount", [
    ("And if we hold it flat at $5M instead?", 5e6),
    ("keep it at $6M in total", 6e6),
    ("ok, and holding the total at $4.5M?", 4.5e6),
])
def test_a_level_said_after_extra_money_is_the_whole_budget(second, amount):
    # after "where should the extra $1M go?", "hold it flat at $5M" plans $5M in all, not $5M more
    q = _after("Where should an extra $1M go?", second)
    assert q.intent is Intent.OPTIMIZATION
    assert (q.budget.kind, q.budget.amount) == ("total", amount)


@pytest.mark.parametrize("second, amount", [("and $2M?", 2e6), ("what about $750k?", 7.5e5)])
def test_a_bare_amount_after_extra_money_stays_extra(second, amount):
    q = _after("Where should an extra $1M go?", second)
    assert (q.budget.kind, q.budget.amount) == ("increment", amount)
