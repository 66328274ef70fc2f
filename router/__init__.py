"""Read an executive's plain-English question into a typed RoutedQuery: rules first, Claude as the fallback.

Importing this package never imports `anthropic`; router.claude does that lazily.
"""

from router.context import DEFAULT_CHANNELS, Conversation
from router.core import route
from router.fallback import CONFIDENCE_THRESHOLD, route_with_fallback
from router.types import Constraint, Goal, Intent, Period, RoutedQuery, Shift

__all__ = [
    "CONFIDENCE_THRESHOLD", "Constraint", "Conversation", "DEFAULT_CHANNELS", "Goal", "Intent",
    "Period", "RoutedQuery", "Shift", "route", "route_with_fallback",
]
