"""The one-shot executive demo (`python demo.py`, `mmm demo`): fit, print the briefing, save the charts."""
from __future__ import annotations

import argparse
import sys
import time


def build_parser(prog: str = "demo.py") -> argparse.ArgumentParser:
    from assistant.app.cli import Parser, add_data_flags

    p = Parser(prog=prog, description="Run the whole analysis and print an executive briefing.")
    add_data_flags(p)
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.console import Console

    from assistant.app.preload import STATSMODELS, import_in_background
    from assistant.app.setup import make_session
    from assistant.app.terminal import print_briefing

    started = time.perf_counter()
    console = Console(highlight=False)
    with console.status("Loading data and fitting the model…"):
        session = make_session(args, offline=True)
        import_in_background(STATSMODELS)   # beside the fit (the briefing answers no question: no router)
        _ = session.fit
    ds = session.dataset
    for notice in session.notices:
        print(f"warning: {notice}", file=sys.stderr)
    console.print(f"[bold]MMM executive briefing[/] — {ds.source}, {ds.n_weeks} weeks "
                  f"({ds.dates[0].date()} to {ds.dates[-1].date()}), channels: {', '.join(ds.channels)}")
    from assistant.answers.markets import scope_lines

    for line in scope_lines(ds):     # a panel's markets and a KPI's unit, as the chat's welcome panel says them
        console.print(f"[dim]{line}[/]", highlight=False)
    print_briefing(session, console)
    if session.charts:
        from assistant.charts.requests import demo_charts

        paths, warnings = demo_charts(session)
        console.rule("Charts", style="dim")
        for p in paths:
            console.print(f"  {p}", highlight=False)
        for w in warnings:
            print(f"warning: {w}", file=sys.stderr)
    if args.report:
        from assistant.answers.report import write_report

        console.print(f"Board pack: {write_report(session)}", highlight=False)
    console.print(f"[dim]Done in {time.perf_counter() - started:.1f} s. Outputs in {Path(args.outputs)}/[/]")
    return 0


def main(argv: list[str] | None = None, prog: str = "demo.py") -> int:
    from assistant.app.cli import run_guarded
    from assistant.app.heap import keep_freed_memory

    keep_freed_memory()
    return run_guarded(lambda: run(build_parser(prog).parse_args(argv)))

