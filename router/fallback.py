"""route_with_fallback: the rules' reading, replaced by Claude's only when the rules are unsure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from router.context import Conversation
from router.core import route
from router.types import Intent, RoutedQuery

if TYPE_CHECKING:
    from router.claude import ClaudeRouter

# Below this rule confidence (or for `unknown`) Claude is asked, when it may be.
CONFIDENCE_THRESHOLD = 0.55


def needs_fallback(q: RoutedQuery, threshold: float = CONFIDENCE_THRESHOLD) -> bool:
    """True when the rules' reading is too unsure to answer on its own."""
    if not q.question.strip():
        return False
    return q.intent is Intent.UNKNOWN or q.confidence < threshold


def route_with_fallback(question: str, conv: Conversation | None = None, claude: ClaudeRouter | None = None,
                        offline: bool = False,
                        threshold: float = CONFIDENCE_THRESHOLD) -> tuple[RoutedQuery, str | None]:
    """(query, note): rules first; Claude only when warranted, allowed and configured.

    `note` is None or one short user-facing line explaining why the rules'
    reading stands; it never contains the API key or the raw error.
    """
    conv = conv if conv is not None else Conversation()
    q = route(question, conv)
    if offline or not needs_fallback(q, threshold):
        return q, None
    if claude is None:
        return q, "Claude fallback unavailable (no API key); using the rule-based reading."
    from router.claude import ClaudeRouterError

    try:
        return claude.route(question, conv, q), None
    except ClaudeRouterError as exc:
        return q, f"Claude fallback unavailable ({exc.reason}); using the rule-based reading."
