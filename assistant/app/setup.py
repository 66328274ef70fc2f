"""From command-line flags to a Session: the data options, the optional Claude router, the session.
Shared by the scripted CLI, the chat and demo.py (so none of them imports another)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.session import DataOptions, Session
    from router.claude import ClaudeRouter


# flags that describe the columns of the user's CSV: without --csv there is no file for them to describe
_CSV_ONLY = (("date", "--date"), ("target", "--target"), ("spend", "--spend"), ("controls", "--controls"),
             ("dayfirst", "--dayfirst/--no-dayfirst"), ("geo", "--geo"), ("geo_col", "--geo-col"),
             ("revenue_per_kpi", "--revenue-per-kpi"))


def data_options(args: argparse.Namespace) -> DataOptions:
    """The data flags as DataOptions; a column flag without --csv is a usage error, not silently ignored."""
    from analysis.errors import DataError
    from assistant.session import DataOptions

    if args.csv is None:
        given = [flag for name, flag in _CSV_ONLY if getattr(args, name, None) is not None]
        if given:
            raise DataError(f"{', '.join(given)} describe{'s' if len(given) == 1 else ''} the columns of your CSV, but no "
                            f"--csv was given: add --csv FILE, or drop {given[0]} to use the built-in sample")
    return DataOptions(csv=args.csv, date=args.date, target=args.target, spend=args.spend,
                       controls=args.controls, dayfirst=args.dayfirst, geo=args.geo,
                       geo_col=args.geo_col, revenue_per_kpi=args.revenue_per_kpi)


def make_session(args: argparse.Namespace, offline: bool, audit: Path | None = None) -> Session:
    """The session the flags describe; `audit` is the audit file (None: answers are not recorded on disk)."""
    from assistant.audit import AuditLog
    from assistant.session import Session, load_dataset

    dataset = load_dataset(data_options(args))
    claude = None
    if not offline:
        claude = _claude()
    return Session(dataset, outputs=Path(args.outputs), charts=not args.no_charts, margin=args.margin,
                   horizon=getattr(args, "horizon", None), offline=offline or claude is None, claude=claude, data_file=args.csv,
                   audit=AuditLog(audit) if audit is not None else None)


def _claude() -> ClaudeRouter | None:
    """router.claude.claude_from_env() when a key is set (environment or .env); None otherwise."""
    try:
        from router.claude import claude_from_env
    except ImportError:
        return None
    try:
        return claude_from_env()
    except Exception as exc:  # noqa: BLE001 - a broken key must not stop the rules router
        print(f"note: Claude fallback unavailable ({type(exc).__name__}); using the rules router only", file=sys.stderr)
        return None
