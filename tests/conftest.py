"""Shared test setup: no network, no writes to the real home directory."""
from __future__ import annotations

import pytest


def pytest_configure(config):
    """Keep freed memory in the heap for the whole run, as main.py and demo.py do (assistant/app/heap.py): the
    fits' large temporaries are then reused instead of faulted in from the kernel each time."""
    from assistant.app.heap import keep_freed_memory

    keep_freed_memory()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Never reach Claude (no key); keep chat history out of ~ and the audit trail out of the repo's
    outputs/ (MMM_HISTORY_FILE and MMM_AUDIT_FILE in a tmp dir; subprocesses inherit both)."""
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MMM_HISTORY_FILE", str(home / "history"))
    monkeypatch.setenv("MMM_AUDIT_FILE", str(home / "audit" / "answers.jsonl"))


@pytest.fixture(scope="session")
def sample_fit():
    """The built-in sample, fitted once for the whole test run."""
    from analysis.fit import fit_mmm
    from data.sample_data import sample_dataset

    return fit_mmm(sample_dataset())


@pytest.fixture(scope="module")
def own_sample_fit(sample_fit):
    """The sample's fit with a memo of its own, for a module whose switches change what decisions memoise: decisions
    keep their work per fit object (`analysis.decisions.common.fit_cache`, keyed by id), so a shallow copy of the
    frozen fit starts with none of the other modules' results, without fitting the sample again."""
    import copy

    own = copy.copy(sample_fit)
    assert own is not sample_fit and own.channels is sample_fit.channels
    return own


@pytest.fixture(scope="session")
def sibylhe_fit():
    """The real sibylhe export (10 channels, ~50 controls; `tests.helpers.SIBYLHE`), fitted once for the test run:
    its fit is the slowest of the wide tests' and several modules read the same default fit."""
    from analysis.fit import fit_mmm
    from analysis.loading import load_csv
    from tests.helpers import SIBYLHE

    if not SIBYLHE.is_file():   # a clone away from ../shared (CI has it): the tests that need it skip, not error
        pytest.skip(f"{SIBYLHE.name} is not in ../shared/datasets beside this clone")
    return fit_mmm(load_csv(SIBYLHE))


def _wide_fit(tmp_path_factory, seed: int, weeks: int):
    from analysis.fit import fit_mmm
    from analysis.loading import load_csv
    from data.wide_exports import make_wide_export

    frame, truth = make_wide_export(seed, weeks)
    path = tmp_path_factory.mktemp(f"wide{seed}_{weeks}") / f"wide_{seed}_{weeks}.csv"
    frame.to_csv(path, index=False)
    return truth, fit_mmm(load_csv(path))


@pytest.fixture(scope="session")
def wide_11_fit(tmp_path_factory):
    """(truth, fit) of wide export 11 (208 weeks) through the real loader, default config: fitted once for the run
    (test_wide_exports and test_media_interval each fitted it; ~2 s of CPU a fit)."""
    return _wide_fit(tmp_path_factory, 11, 208)


@pytest.fixture(scope="session")
def wide_11_104_fit(tmp_path_factory):
    """(truth, fit) of wide export 11, 104-week variant, default config: fitted once for the run
    (test_quarter_refits and test_review_s9 each fitted it)."""
    return _wide_fit(tmp_path_factory, 11, 104)


@pytest.fixture(scope="session")
def no_safe_move():
    """Three channels with the same true curve and ROI in 104 noisy weeks (noise 10% of a 400 baseline):
    no reallocation really gains, so no re-split is clear of a loss."""
    import numpy as np
    import pandas as pd

    from analysis.fit import fit_mmm
    from data.scenarios import _dataset
    from data.synthetic import ChannelSpec, always_on, bursts, mostly_on, seasonal_baseline, simulate

    rng = np.random.default_rng(0)
    n = 104
    specs = [ChannelSpec("TV", "tv_spend", bursts(n, rng, 40.0), 0.3, 1.0, 1.2, 1.0),
             ChannelSpec("Radio", "radio_spend", mostly_on(n, rng, 20.0), 0.3, 1.0, 1.2, 1.0),
             ChannelSpec("Digital", "digital_spend", always_on(n, rng, 25.0, 0.5), 0.3, 1.0, 1.2, 1.0)]
    dates = pd.date_range("2021-01-04", periods=n, freq="W-MON")
    frame, _ = simulate(dates, specs, seasonal_baseline(dates, 400.0, 0.05, 0.10), noise_sd=40.0, seed=0)
    return fit_mmm(_dataset("no_safe_move", frame, [s.column for s in specs]))


@pytest.fixture(scope="session")
def generated_panel(tmp_path_factory):
    """(truth, fit) of generated panel 2 (10 markets x 104 weeks, a KPI with revenue per unit), fitted once for
    the test modules on market and panel draws."""
    from analysis.estimate import fit_model
    from analysis.loading import load_csv
    from data.panels import make_panel

    frame, truth = make_panel(2, n_geos=10, weeks=104, kpi=True)
    path = tmp_path_factory.mktemp("panel") / "panel.csv"
    frame.to_csv(path, index=False)
    return truth, fit_model(load_csv(path))


@pytest.fixture(scope="module")
def count_session(tmp_path_factory):
    """The sample with its sales column called `conversions`: a count target with no value per unit
    (one conversation per test module)."""
    from analysis.fit import fit_mmm
    from analysis.loading import load_csv
    from tests.helpers import ROOT, session_for

    path = tmp_path_factory.mktemp("kpi") / "conversions.csv"
    path.write_text((ROOT / "data" / "sample_data.csv").read_text().replace("date,sales,", "date,conversions,", 1))
    ds = load_csv(path)
    assert ds.kpi_unit == "conversions"
    return session_for(fit_mmm(ds), tmp_path_factory.mktemp("kpi-out"))


@pytest.fixture(scope="session")
def growing_season_fit():
    """data.hard_scenarios_blind2 clean 3401 (208 weeks, a season whose swing grows with sales, CTV always on) fitted
    with `analysis.fit.SEASON_GROWS = "bic"`. ~4 s; shared by the what-if tests of sessions 13 and 14."""
    import analysis.fit as fit_module
    from data.hard_scenarios_blind2 import HARD_CLASSES

    scenario = HARD_CLASSES["clean"](3401)
    before = fit_module.SEASON_GROWS
    fit_module.SEASON_GROWS = "bic"
    try:
        return scenario, fit_module.fit_mmm(scenario.dataset)
    finally:
        fit_module.SEASON_GROWS = before
