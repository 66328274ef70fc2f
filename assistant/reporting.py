"""The report intent: hand the session to the board-pack writer (assistant/report/) and quote the path."""
from __future__ import annotations

from pathlib import Path

from assistant.types import Narrative


def write_report(session) -> Path:
    """Write the board pack under session.outputs and return its path."""
    try:
        from assistant.report import write_board_pack
    except ImportError:
        # TODO(board-pack): assistant/report/write_board_pack has not landed yet.
        from analysis.errors import MMMError

        raise MMMError("the board pack writer (assistant/report) is not available yet") from None
    return Path(write_board_pack(session, session.outputs))


def report_answer(session) -> tuple[dict, Narrative]:
    path = write_report(session)
    return {"path": str(path)}, Narrative(f"Board pack written to {path}.",
                                          ("It holds the headline findings, ROI ranking, saturation, "
                                           "the recommended budget and model reliability.",))
