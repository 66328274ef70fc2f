"""Helpers for the assistant tests (no tests here): a session over the shared fit, running main.py."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def session_for(fit, tmp_path=None, charts=False, **settings):
    import tempfile

    from assistant.session import Session

    base = Path(tmp_path) if tmp_path is not None else Path(tempfile.mkdtemp(prefix="mmm-test-"))
    outputs = base / "outputs"
    return Session.from_fit(fit, outputs=outputs, charts=charts, offline=True, **settings)


def run_main(*args, cwd=None, script="main.py", timeout=120, stdin=None):
    """Run main.py (or demo.py) as the user would; returns CompletedProcess with text output."""
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
    return subprocess.run([PYTHON, str(ROOT / script), *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          timeout=timeout, env=env, input=stdin if stdin is not None else "")


def run_cli(*args, cwd=None, script="main.py", stdin=None, timeout=None):
    """main.py's (or demo.py's) entry point called in this process, with what `run_main` gives back: the exit code,
    stdout and stderr of the same command line. For tests about what the program answers, prints and writes, not
    about the process itself: a new interpreter pays ~2.5 s of CPU (imports, first fit) that this test run has
    already paid. Every Python warning raised during the call is added to stderr, as a new process would print it
    (pytest would otherwise swallow it), so a stray warning still breaks a one-line-error assertion. `timeout` is
    `run_main`'s, accepted so a call can switch between the two."""
    import contextlib
    import io
    import warnings

    from assistant.app import cli, demo

    entry = {"main.py": cli.main, "demo.py": demo.main}[script]
    out, err = io.StringIO(), io.StringIO()
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
    old_env, old_stdin = dict(os.environ), sys.stdin
    try:
        os.environ.clear()
        os.environ.update(env)
        sys.stdin = io.StringIO(stdin if stdin is not None else "")
        with contextlib.chdir(cwd or ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")      # every warning, each time: stricter than a new process's "default"
            for quiet in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
                warnings.simplefilter("ignore", quiet)   # as a new process ignores them outside __main__
            try:
                code = entry(list(map(str, args)))
            except SystemExit as exc:    # argparse's --help and usage errors leave through sys.exit
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = old_stdin
        os.environ.clear()
        os.environ.update(old_env)
    shown = "".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line) for w in caught)
    return subprocess.CompletedProcess([PYTHON, script, *map(str, args)], code, out.getvalue(), err.getvalue() + shown)


# the real sibylhe export (../shared/datasets, found from any checkout under /work); a path that does not exist else
SIBYLHE = next((p / "shared" / "datasets" / "sibylhe_mmm_stan_weekly.csv" for p in ROOT.parents
                if (p / "shared" / "datasets" / "sibylhe_mmm_stan_weekly.csv").is_file()), Path("sibylhe_not_found.csv"))

SEED_CHANNELS = ("TV", "Radio", "Digital", "Print", "Social")   # the built-in sample's channels


def route_one(question, channels=SEED_CHANNELS):
    """One question routed on its own (a fresh conversation)."""
    from router import Conversation, route

    return route(question, Conversation(channels=channels))


def route_chat(*questions, channels=SEED_CHANNELS):
    """Questions routed in turn in one conversation, each remembered: the readings, in order."""
    from router import Conversation, route

    conv = Conversation(channels=channels)
    out = []
    for text in questions:
        reading = route(text, conv)
        conv.remember(reading)
        out.append(reading)
    return out


def capture_chart_titles(monkeypatch) -> list[str]:
    """The headline text of every chart drawn from now on (the charts call `draw.headline`)."""
    import assistant.charts.draw as draw

    seen: list[str] = []
    original = draw.headline

    def spy(fig, title, subtitle=None, **kwargs):
        seen.append(title)
        return original(fig, title, subtitle, **kwargs)

    monkeypatch.setattr(draw, "headline", spy)
    return seen


def bursts_pair(seed: int = 0, n: int = 156):
    """(dataset, truth): TV and Radio bought in the same bursts (weekly correlation > 0.99, the same true curve shape),
    Digital always on by itself; noise 3% of the 400 baseline. Shared by the entangled-interval and plan tests."""
    import numpy as np
    import pandas as pd

    from data.scenarios import _dataset
    from data.synthetic import ChannelSpec, always_on, bursts, seasonal_baseline, simulate

    rng = np.random.default_rng(seed)
    driver = bursts(n, rng, 1.0)
    specs = [ChannelSpec("TV", "tv_spend", 60 * driver * rng.uniform(0.95, 1.05, n), 0.3, 1.0, 1.2, 1.2),
             ChannelSpec("Radio", "radio_spend", 30 * driver * rng.uniform(0.95, 1.05, n), 0.3, 1.0, 1.2, 1.2),
             ChannelSpec("Digital", "digital_spend", always_on(n, rng, 30.0, 0.5), 0.1, 1.5, 1.0, 1.5)]
    dates = pd.date_range("2021-01-04", periods=n, freq="W-MON")
    frame, truth = simulate(dates, specs, seasonal_baseline(dates, 400.0, 0.05, 0.10), noise_sd=12.0, seed=seed)
    return _dataset("entangled", frame, [s.column for s in specs]), truth


def blind_wide_dataset(tmp_path, seed: int, weeks: int | None = None):
    """A blind wide export read as a user's file would be (written to CSV, then `load_csv`): (dataset, truth)."""
    from analysis.loading import load_csv
    from data.wide_exports_blind import make_wide_export

    frame, truth = make_wide_export(seed) if weeks is None else make_wide_export(seed, weeks)
    path = tmp_path / f"blind_{seed}{'' if weeks is None else f'_{weeks}'}.csv"
    frame.to_csv(path, index=False)
    return load_csv(path), truth


def record_pools(monkeypatch) -> list[tuple[float, float]]:
    """The wide fits' pooled ROI priors (centre, spread), one per call of `analysis.fit._pooling_prior`, in order."""
    import analysis.fit as fit_module

    pools: list[tuple[float, float]] = []
    pooling = fit_module._pooling_prior

    def recording(*args, **kwargs):
        result = pooling(*args, **kwargs)
        pools.append((result.pooled_roi, result.spread))
        return result

    monkeypatch.setattr(fit_module, "_pooling_prior", recording)
    return pools


def last_reading(*questions, channels=SEED_CHANNELS):
    """The reading of the last of questions routed in turn in one conversation."""
    return route_chat(*questions, channels=channels)[-1]


def router_misses(cases, name="set"):
    """Each case of a router family the rules misread, with what differed (router.eval's judgement), for a family
    test to assert empty."""
    from router.eval import run

    return [f"{o.case['q']!r}: " + "; ".join(o.problems) for o in run(cases, name).outcomes if o.problems]
