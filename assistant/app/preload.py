"""Import what the first answer needs after the fit on a background thread, while the fit runs.

Why: a scripted first answer paid for statsmodels (scipy.stats builds its distributions' docstrings at import),
the router and answer modules and, with charts, matplotlib one after the other with the fit. numpy leaves the interpreter lock while
it multiplies the fit's matrices, so on two cores much of that importing happens beside the fit instead of
before it. The same code runs, only earlier: no number changes.

Safe because the two threads never import the same third-party package at the same time: the main thread has
already imported the fit's own module (FIT_FIRST: numpy, pandas, scipy.special), and the fit then imports only this
project's modules, which form no import cycle (../shared/tools/import_rules.py), until its final least-squares fit needs
statsmodels, where it waits for this thread's import if it is still running (tests/test_speed_s14.py checks both; the
fits between curve searches need no statsmodels since session 15: analysis/least_squares.py). The thread is not a
daemon: an early exit waits for the import to end instead of tearing it down half-way. demo.py and the chat,
which import their answer modules before the fit, preload statsmodels only.
"""
from __future__ import annotations

import importlib
import threading

FIT_FIRST = "analysis.estimate"   # imported on the calling thread before the background import starts
STATSMODELS = ("statsmodels.regression.linear_model", "statsmodels.stats.stattools")   # the fit's own (demo, chat)
BACKGROUND = STATSMODELS + ("assistant.answers.dispatch",)   # a scripted answer's
CHARTS = ("assistant.charts.draw", "matplotlib.figure", "matplotlib.backends.backend_agg")   # when charts are drawn


def import_in_background(modules: tuple[str, ...] = BACKGROUND) -> threading.Thread:
    """Import FIT_FIRST here, then `modules` in order on a new thread (started and returned). A module that
    fails to import is skipped: the code that needs it imports it again and raises the error where it belongs."""
    importlib.import_module(FIT_FIRST)

    def work() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - resurfaces at the real import
                pass

    thread = threading.Thread(target=work, name="mmm-preload")
    thread.start()
    return thread
