"""Read an executive's plain-English question into a typed RoutedQuery: rules first, Claude as the fallback.

Importing this package never imports `anthropic`; router.claude does that lazily. The rules themselves
(router.core and the modules it compiles) load on first use of `route`, `Conversation` or the fallback: a
process that only builds typed queries (demo.py's briefing imports `router.types`) does not pay for them.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from router.types import Constraint, Goal, Intent, Period, RoutedQuery, Shift

if TYPE_CHECKING:
    from router.context import DEFAULT_CHANNELS, Conversation
    from router.core import route
    from router.fallback import CONFIDENCE_THRESHOLD, route_with_fallback

_LAZY = {"DEFAULT_CHANNELS": "router.context", "Conversation": "router.context", "route": "router.core",
         "CONFIDENCE_THRESHOLD": "router.fallback", "route_with_fallback": "router.fallback"}

__all__ = [
    "CONFIDENCE_THRESHOLD", "Constraint", "Conversation", "DEFAULT_CHANNELS", "Goal", "Intent",
    "Period", "RoutedQuery", "Shift", "route", "route_with_fallback",
]


def __getattr__(name: str) -> Any:
    """`router.route` and the other rule-side names, imported on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'router' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
