"""The one place the assistant reaches the router."""
from __future__ import annotations

from router import Conversation, route_with_fallback

__all__ = ["Conversation", "route_with_fallback"]
