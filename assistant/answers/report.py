"""Report answer — intent report: hand the session to the board-pack writer (assistant/report/) and quote the path."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.reply import Reply

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery


def write_report(session: Session) -> Path:
    """Write the board pack under session.outputs and return its path."""
    try:
        from assistant.report import write_board_pack
    except ImportError:
        # TODO(board-pack): assistant/report/write_board_pack has not landed yet.
        from analysis.errors import MMMError

        raise MMMError("the board pack writer (assistant/report) is not available yet") from None
    return Path(write_board_pack(session, session.outputs))


# the board pack's files, by the file type a question asks for ("export this as pdf", "to Excel")
PACK_FILES = {"html": "report.html", "excel": "mmm_results.xlsx", "markdown": "executive_summary.md"}
_NAMES = {"html": "web page", "excel": "Excel", "markdown": "Markdown"}
_NOT_WRITTEN = {"pdf": "PDF", "slides": "a slide deck", "word": "a Word document"}


def answer_report(session: Session, routed: RoutedQuery) -> Reply:
    path = write_report(session)
    facts = ["It holds the headline findings, ROI ranking, saturation, the recommended budget and model reliability."]
    asked = getattr(routed, "file_format", None)
    if asked in PACK_FILES:
        facts.insert(0, f"The {_NAMES[asked]} version is {path / PACK_FILES[asked]}.")
    elif asked in _NOT_WRITTEN:
        facts.insert(0, f"{_NOT_WRITTEN[asked][:1].upper()}{_NOT_WRITTEN[asked][1:]} is not a format I write: open "
                        f"{path / PACK_FILES['html']} in a browser and print it"
                        + (" to PDF" if asked == "pdf" else "")
                        + f", or use its charts (PNG) and {PACK_FILES['excel']}.")
    return Reply("report", f"Board pack written to {path}.", tuple(facts), data={"path": str(path)})
