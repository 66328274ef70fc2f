"""What one answer is made of: a narrative, an optional table, the JSON data and chart paths."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Narrative:
    """A headline that answers with its number, two to four facts, and a caveat when unsure."""

    headline: str
    facts: tuple[str, ...] = ()
    caveat: str | None = None

    def text(self) -> str:
        """Plain text for JSON and logs: headline, one fact per line, then the caveat."""
        lines = [self.headline, *(f"- {f}" for f in self.facts)]
        if self.caveat:
            lines.append(f"Caveat: {self.caveat}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Table:
    """Cells already formatted by assistant.format, so the table quotes the narrative's figures."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None


@dataclass(frozen=True)
class Answer:
    """One answered question. `data` is the JSON contract for the intent (money in data units)."""

    question: str
    intent: str
    understood: str                      # "Read as: what-if · TV −20%"
    narrative: Narrative
    data: dict = field(default_factory=dict)
    table: Table | None = None
    charts: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    query: dict = field(default_factory=dict)   # RoutedQuery.to_json_fields()
    error: str | None = None

    def to_json(self) -> dict:
        """The `--json` object: one per question, keys are a public contract."""
        q = self.query
        out = {
            "question": self.question,
            "intent": self.intent,
            "channels": list(q.get("channels", [])),
            "percentage": q.get("percentage"),
            "changes": dict(q.get("changes", {})),
            "router": q.get("router", "rules"),
            "confidence": q.get("confidence", 0.0),
            "answer": self.narrative.text(),
            "data": self.data,
            "charts": [str(p) for p in self.charts],
            "warnings": list(self.warnings),
        }
        for key in ("amount", "shift", "period", "periods", "constraints", "goal", "margin", "unknown_channels",
                    "geos", "geo_pick", "by_geo"):
            if key in q:
                out[key] = q[key]
        if self.error is not None:
            out["error"] = self.error
        return out
