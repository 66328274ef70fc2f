"""Command line for main.py: chat, scripted questions (--ask/--script) and --json output.

Exit codes: 0 success; 1 when a scripted question could not be answered (the others still
are, and in --json its object carries an "error" key); 2 with one `error: …` line on stderr
for bad arguments, unusable input files or any other MMMError. Nothing here prints a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from analysis.errors import MMMError
from assistant.app.heap import keep_freed_memory
from assistant.options import csv_list as _csv_list
from assistant.options import margin as _margin


class UsageError(Exception):
    """Bad command-line arguments: printed as one `error: …` line, exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D401 - argparse hook
        raise UsageError(f"{message} (see --help)")


def _outputs(text: str) -> str:
    """--outputs: a folder charts and reports can be written to, checked before any work is done (else
    every chart would fail on its own and the run would still end 'Outputs in …/')."""
    path = Path(text)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot write to {text} ({exc.strerror or exc}); pass a folder you can "
                                         "write to, e.g. --outputs outputs") from None
    return text


def _horizon(text: str) -> int | str:
    from assistant.horizon import parse_horizon

    try:
        return parse_horizon(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_data_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("data")
    g.add_argument("--csv", metavar="FILE", help="weekly data (default: the built-in sample)")
    g.add_argument("--date", metavar="COL", help="date column (default: detected)")
    g.add_argument("--target", metavar="COL", help="sales column (default: detected)")
    g.add_argument("--spend", metavar="COL,COL", type=_csv_list, help="spend columns (default: detected)")
    g.add_argument("--controls", metavar="COL,COL", type=_csv_list, help="control columns (default: detected)")
    g.add_argument("--dayfirst", action=argparse.BooleanOptionalAction, default=None,
                   help="dates are day/month (01/02 = 1 Feb); --no-dayfirst: month/day (default: detected)")
    g.add_argument("--geo", metavar="NAME", help="model one geography of a long (date, geo, …) file "
                                                 "(default: sum all geographies)")
    g.add_argument("--geo-col", metavar="COL", help="the market column of a long (date, market, …) panel "
                                                    "(default: detected: geo, region, market, dma, …)")
    g.add_argument("--revenue-per-kpi", metavar="COL", help="revenue per unit of a count target such as conversions "
                                                            "(default: detected, e.g. revenue_per_conversion)")
    g.add_argument("--margin", type=_margin, metavar="0.4", help="gross margin, for break-even and profit answers")
    g.add_argument("--horizon", type=_horizon, metavar="all|N", default=None,
                   help="planning horizon for what-ifs and plans: 'all' modelled weeks or N weeks (default: 52)")
    g.add_argument("--outputs", type=_outputs, metavar="DIR", default="outputs", help="where charts and reports go (default: outputs/)")
    g.add_argument("--no-charts", action="store_true", help="do not draw charts")
    g.add_argument("--report", action="store_true", help="write the board pack")


def build_parser(prog: str = "main.py") -> Parser:
    p = Parser(prog=prog, description="Ask plain-English questions about your marketing mix.")
    add_data_flags(p)
    p.add_argument("--ask", action="append", metavar="Q", default=[], help="answer this question (repeatable) and exit")
    p.add_argument("--script", metavar="FILE", help="answer one question per line of FILE (# comments) and exit")
    p.add_argument("--json", action="store_true", help="one JSON object per question on stdout")
    p.add_argument("--offline", action="store_true", help="never call Claude, even with ANTHROPIC_API_KEY set")
    p.add_argument("--audit", metavar="PATH", help="append each answer to this JSON-lines audit file "
                                                  "(default: $MMM_AUDIT_FILE, else OUTPUTS/audit/answers.jsonl)")
    p.add_argument("--no-audit", action="store_true", help="do not record answers in the audit trail")
    web = p.add_argument_group("web")
    web.add_argument("--web", action="store_true", help="serve the web app and JSON API (see README)")
    web.add_argument("--host", default=None, help=f"address to listen on (default: {WEB_HOST}, this machine only)")
    web.add_argument("--port", type=int, default=None, help=f"port to listen on (default: {WEB_PORT})")
    return p


def read_script(path: str) -> list[str]:
    """Questions from a script file: one per line, blank lines and `#` comments skipped."""
    file = Path(path)
    if file.is_dir() or not file.exists():   # a pipe (`--script /dev/stdin`, `<(…)`) is read like a file
        problem = "is a directory, not a text file" if file.is_dir() else "file not found"
        raise UsageError(f"--script {path}: {problem} — pass a text file with one question per line")
    text = file.read_text(encoding="utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def main(argv: list[str] | None = None, prog: str = "main.py") -> int:
    """Entry point for main.py (and `mmm`, with its own name in usage lines); returns the exit code."""
    keep_freed_memory()
    return run_guarded(lambda: _run(build_parser(prog).parse_args(argv)))



def run_guarded(run) -> int:
    """Run an entry point and turn every error the user can fix into one `error: …` line on
    stderr with exit code 2 — never a traceback (main.py and demo.py share this edge)."""
    try:
        return run()
    except (UsageError, MMMError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `… | head` closed stdout: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        name = getattr(exc, "filename", None)
        print(f"error: {exc.strerror or exc}" + (f": {name}" if name else ""), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130


WEB_HOST, WEB_PORT = "127.0.0.1", 8765


def _run(args) -> int:
    if not args.web and (args.host is not None or args.port is not None):
        raise UsageError(f"{'--host' if args.host is not None else '--port'} is for the web app: add --web, or drop it")
    args.host = WEB_HOST if args.host is None else args.host
    args.port = WEB_PORT if args.port is None else args.port
    if args.web:
        from assistant.app.setup import _claude, data_options
        from assistant.audit import audit_path
        from assistant.web.server import serve

        return serve(args, data_options(args), claude=None if args.offline else _claude(),
                     audit=audit_path(args.audit, args.no_audit, args.outputs))
    if any(not q.strip() for q in args.ask):
        raise UsageError('--ask "": the question is empty — pass one, e.g. --ask "What is the ROI of TV?"')
    questions = list(args.ask)
    if args.script:
        questions += read_script(args.script)
    scripted = bool(questions) or args.json or args.report or not sys.stdin.isatty()
    if not scripted:
        from assistant.app.chat import run_app

        return run_app(args)
    if not questions and not args.report and not sys.stdin.isatty():
        questions = [line.strip() for line in sys.stdin.read().splitlines()
                     if line.strip() and not line.strip().startswith("#")]
    if not questions and not args.report:
        raise UsageError("no questions: pass --ask \"…\" or --script FILE (or run without --json to chat)")
    from assistant.app.collector import collector_paused
    from assistant.app.setup import make_session
    from assistant.audit import audit_path

    with collector_paused():   # start-up: pandas' import and the file's loading
        session = make_session(args, offline=args.offline, audit=audit_path(args.audit, args.no_audit, args.outputs))
    return run_script(session, questions, as_json=args.json, report=args.report)


def run_script(session, questions: list[str], as_json: bool = False, report: bool = False, out=None) -> int:
    """Answer questions in order in one conversation; 1 if any failed, else 0."""
    from rich.console import Console

    out = out or sys.stdout
    console = Console(file=out, highlight=False, soft_wrap=False)
    err = Console(file=sys.stderr, highlight=False)
    failed = 0
    from assistant.app.collector import collector_paused

    with collector_paused():   # the fit, and the imports beside it
        if "fit" not in session.__dict__:   # not fitted yet: import what the answers need beside the fit
            from assistant.app.preload import BACKGROUND, CHARTS, import_in_background

            import_in_background(BACKGROUND + CHARTS if session.charts else BACKGROUND)
        if not as_json:
            with err.status("Fitting the model…"):
                _ = session.fit
        notices = session.notices
    for notice in notices:   # what the loader changed, what the model cannot measure
        print(f"warning: {notice}", file=sys.stderr)
    from assistant.answers.dispatch import ask
    from assistant.app.json_view import reply_json

    for q in questions:
        command = _chat_command(session, q, as_json, console)
        if command == "quit":
            break
        if command is not None:
            continue
        a = ask(session, q)
        failed += a.error is not None
        if as_json:
            out.write(json.dumps(reply_json(a), ensure_ascii=False, allow_nan=False) + "\n")
            out.flush()
            for w in a.warnings:
                print(f"warning: {w}", file=sys.stderr)
            if a.error:
                print(f"error: {a.error}", file=sys.stderr)
        else:
            # imported here, not for --json: its answers never use the terminal's Rich tables
            from assistant.app.terminal import to_renderable

            console.print(f"[bold cyan]> {_escape(_echoed(q))}[/]")
            console.print(to_renderable(a))
            console.print()
    if report:
        from assistant.answers.report import write_report

        path = write_report(session)
        print(f"Board pack: {path}", file=sys.stderr if as_json else out)
    return 1 if failed else 0


def _chat_command(session, line: str, as_json: bool, console) -> str | None:
    """A chat command in a script or piped transcript ("reset", "charts off", "history 3", "demo", "quit") is
    done, not asked as a question ("history 1" was answered as a trend question); None for a question."""
    from assistant.app.commands import history_count, is_session_command

    command = " ".join(line.lower().split()).removeprefix("/")
    known = command in ("quit", "exit") or is_session_command(command)
    if not known:
        return None
    from assistant.app.chat import run_session_command
    if not as_json:
        console.print(f"[bold cyan]> {_escape(line)}[/]")   # the transcript shows what was done, as for a question
    if command in ("quit", "exit"):
        return "quit"
    if as_json and (command == "demo" or history_count(command) is not None):
        # stdout holds one JSON object per question: a briefing or a history listing has no place there
        print(f"warning: '{command}' is a chat command; skipped with --json", file=sys.stderr)
    else:
        run_session_command(session, command, console, confirm=False)
    return command


def _echoed(question: str) -> str:
    """The question as the transcript repeats it: a paste too long to read is cut, with its length (a 2,800-character
    paste filled the screen before "please ask one thing in a sentence or two")."""
    from assistant.answers.dispatch import MAX_QUESTION

    if len(question) <= MAX_QUESTION:
        return question
    return f"{question[:80].rstrip()}… ({len(question):,} characters)"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
