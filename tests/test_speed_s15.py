"""The first answer's speed-only changes: the curve search's least-squares fits without statsmodels (the same figures to
the last bit), one statsmodels fit per model, and a `--json` run that never imports the terminal's rendering."""
from __future__ import annotations

import json
import subprocess
import sys
import warnings

import numpy as np
import pytest

from tests.helpers import ROOT


def _statsmodels(y, x):
    from statsmodels.regression.linear_model import OLS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return OLS(y, x).fit()


def _assert_same_bits(y, x):
    from analysis.least_squares import pinv_ols

    ours, theirs = pinv_ols(y, x), _statsmodels(y, x)
    assert np.array_equal(ours.params, np.asarray(theirs.params))
    assert np.array_equal(ours.bse, np.asarray(theirs.bse), equal_nan=True)
    assert ours.scale == float(theirs.scale)
    assert np.array_equal(ours.fittedvalues, np.asarray(theirs.fittedvalues))
    assert np.array_equal(ours.cov_params(), np.asarray(theirs.cov_params()), equal_nan=True)


@pytest.mark.parametrize("rows, cols, deficient, fortran", [(209, 72, False, False), (60, 40, True, False),
                                                            (104, 12, False, True), (30, 29, True, True)])
def test_pinv_ols_gives_statsmodels_figures_to_the_last_bit(rows, cols, deficient, fortran):
    rng = np.random.default_rng(rows + cols)
    x = np.column_stack([np.ones(rows), rng.normal(size=(rows, cols - 1)) * rng.uniform(0.01, 1e4, cols - 1)])
    if deficient:   # a column that repeats another (a control duplicating the trend): statsmodels drops its direction
        x[:, -1] = 3.0 * x[:, 1]
    if fortran:
        x = np.asfortranarray(x)
    _assert_same_bits(rng.normal(100.0, 10.0, rows), x)


def test_the_search_fits_match_statsmodels_on_a_real_fit_and_the_final_fit_is_statsmodels(monkeypatch):
    """Every least-squares fit of the sample's model is compared with statsmodels' on the same design; statsmodels
    itself fits once per model, at the end (the search fitted it after every curve search before)."""
    import analysis.fit as fit_module
    from analysis.least_squares import pinv_ols
    from data.sample_data import sample_dataset

    designs, finals = [], []

    def checked(y, x):
        designs.append((y, x))
        return pinv_ols(y, x)

    def final(y, design):
        finals.append(design.shape)
        return original(y, design)

    original = fit_module._ols
    monkeypatch.setattr(fit_module, "pinv_ols", checked)
    monkeypatch.setattr(fit_module, "_ols", final)
    fit = fit_module.fit_mmm(sample_dataset())
    assert len(finals) == 1 and len(designs) >= 3
    for y, x in designs:
        _assert_same_bits(y, x)
    assert fit.channels


def test_a_bank_sums_its_candidates_once():
    from analysis.fit import FitConfig, _bank

    bank = _bank(np.linspace(0.0, 50.0, 104) % 17.0, FitConfig())
    totals = bank.candidate_totals()
    assert totals is bank.candidate_totals()
    assert np.array_equal(totals, bank.features.sum(axis=0))
    with pytest.raises(ValueError):
        totals[0] = 0.0   # shared by every posterior of the search: read-only


_JSON_RUN = """
import io, json, sys, contextlib
from assistant.app.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["--ask", "What is the ROI of each channel?", "--ask", "And TV?", "--json",
                 "--no-charts", "--offline", "--no-audit", "--outputs", sys.argv[1]])
lines = out.getvalue().splitlines()
print(json.dumps({"code": code, "intents": [json.loads(line)["intent"] for line in lines],
                  "loaded": sorted(m for m in ("assistant.app.terminal", "assistant.app.chat", "rich.table")
                                   if m in sys.modules)}))
"""


def test_a_json_run_answers_without_importing_the_terminal(tmp_path):
    """`--json` prints JSON only: the Rich tables and panels of the terminal surface (and the chat, which holds the
    commands' rendering) are not imported to answer questions."""
    proc = subprocess.run([sys.executable, "-c", _JSON_RUN, str(tmp_path / "o")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin",
                               "MMM_HISTORY_FILE": str(tmp_path / "h")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and seen["intents"] == ["roi_analysis", "roi_analysis"]
    assert seen["loaded"] == []


def test_a_scripted_run_loads_and_fits_with_the_collector_paused_and_answers_with_it_on(monkeypatch, tmp_path):
    import gc

    import analysis.estimate as estimate
    import assistant.answers.dispatch as dispatch
    import assistant.session as session_module
    from tests.helpers import run_cli

    seen = {}
    load, fit, ask = session_module.load_dataset, estimate.fit_model, dispatch.ask

    def spy(name, function):
        def wrapped(*args, **kwargs):
            seen[name] = gc.isenabled()
            return function(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(session_module, "load_dataset", spy("load", load))
    monkeypatch.setattr(estimate, "fit_model", spy("fit", fit))
    monkeypatch.setattr(dispatch, "ask", spy("ask", ask))
    assert gc.isenabled()
    proc = run_cli("--ask", "What is the ROI of TV?", "--json", "--no-charts", "--offline", "--no-audit",
                   "--outputs", str(tmp_path / "o"))
    assert proc.returncode == 0 and json.loads(proc.stdout)["intent"] == "roi_analysis"
    assert seen == {"load": False, "fit": False, "ask": True} and gc.isenabled()
