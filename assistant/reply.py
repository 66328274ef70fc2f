"""What one answer is: a `Reply` every surface (terminal, `--json`, board pack, web) renders.

A Reply is immutable and typed. `data` is the intent's JSON contract (a TypedDict from
assistant.answers.shapes, money in data units); the words, the table and the chart requests are
built from that data alone, so a figure reads the same on every surface.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answers.shapes import AnswerData, EmptyData

if TYPE_CHECKING:
    from router.types import RoutedQuery


@dataclass(frozen=True)
class Table:
    """Cells already formatted by assistant.format, so the table quotes the narrative's figures."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None


@dataclass(frozen=True)
class ChartRequest:
    """A chart the answer wants: a key of assistant.charts.CHART_FILES and, for charts of one
    result (what-if, reallocation, period drivers), that typed result."""

    key: str
    result: Any = None


@dataclass(frozen=True)
class Reply:
    """One answered question: headline with its number, two to four facts, a caveat when unsure,
    a table, chart requests (and the PNGs once drawn), warnings and the intent's `data`."""

    intent: str
    headline: str
    facts: tuple[str, ...] = ()
    caveat: str | None = None
    table: Table | None = None
    data: AnswerData = field(default_factory=EmptyData)  # the intent's TypedDict (assistant.answers.shapes)
    charts: tuple[ChartRequest, ...] = ()
    warnings: tuple[str, ...] = ()
    read_as: str = ""                                  # "Read as: what-if · TV −20%"
    question: str = ""
    routed: RoutedQuery | None = None
    chart_paths: tuple[Path, ...] = ()                 # the requested charts, drawn
    error: str | None = None

    def text(self) -> str:
        """Plain text for JSON and logs: headline, one fact per line, then the caveat."""
        lines = [self.headline, *(f"- {f}" for f in self.facts)]
        if self.caveat:
            lines.append(f"Caveat: {self.caveat}")
        return "\n".join(lines)

    def but(self, **changes: Any) -> Reply:
        """A copy with some fields changed (a Reply is frozen)."""
        return replace(self, **changes)
