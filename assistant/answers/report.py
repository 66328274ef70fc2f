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


def answer_report(session: Session, routed: RoutedQuery) -> Reply:
    path = write_report(session)
    return Reply("report", f"Board pack written to {path}.",
                 ("It holds the headline findings, ROI ranking, saturation, the recommended budget and model "
                  "reliability.",), data={"path": str(path)})
