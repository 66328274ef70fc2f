"""The first scripted answer imports statsmodels and the answer modules on a background thread beside the fit
(assistant.app.preload), and that thread can never wait on the same import lock as the fit."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import ROOT, run_cli

OURS = ("analysis", "assistant", "router", "config", "data", "tests")

# In a fresh interpreter: FIT_FIRST imported, then the sample fitted with every module import recorded as it happens;
# the modules the fit imports before its first least-squares fit and after it, and what importing statsmodels (the
# background thread's first modules) itself brings.
_PROBE = """
import json, sys
import analysis.fit as fit_module
from assistant.app.preload import BACKGROUND, FIT_FIRST
import importlib
importlib.import_module(FIT_FIRST)
from data.sample_data import sample_dataset
dataset = sample_dataset()
start = set(sys.modules)
marks = []
original = fit_module._ols
def recording(y, design):
    if not marks:
        marks.append(set(sys.modules))
        result = original(y, design)
        marks.append(set(sys.modules))
        return result
    return original(y, design)
fit_module._ols = recording
from analysis.estimate import fit_model
fit_model(dataset)
end = set(sys.modules)
print(json.dumps({"before": sorted(marks[0] - start), "statsmodels": sorted(marks[1] - marks[0]),
                  "after": sorted(end - marks[1])}))
"""

_BACKGROUND_CLOSURE = """
import importlib, json, sys
from assistant.app.preload import BACKGROUND, FIT_FIRST
importlib.import_module(FIT_FIRST)
start = set(sys.modules)
for name in BACKGROUND:
    importlib.import_module(name)
print(json.dumps(sorted(set(sys.modules) - start)))
"""


def _probe(code: str):
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _third_party(modules):
    return sorted(m for m in modules if m.split(".")[0] not in OURS)


def test_fit_imports_no_third_party_module_beside_the_background_import():
    """Before its first OLS the fit imports no third-party module at all (the background thread is importing
    statsmodels, scipy.stats and scipy.optimize then); after it, only modules the background thread imports too,
    so the two threads never both run the import of one third-party package (whose internal cycles could deadlock
    two threads). The fit's own modules form no cycle, so sharing those is safe."""
    seen = _probe(_PROBE)
    assert _third_party(seen["before"]) == []
    assert "statsmodels.regression.linear_model" in seen["statsmodels"]
    background = set(_probe(_BACKGROUND_CLOSURE))
    assert "statsmodels.regression.linear_model" in background and "assistant.answers.dispatch" in background
    assert [m for m in _third_party(seen["after"]) if m not in background] == []


def test_background_import_skips_a_broken_module_and_is_waited_for():
    from assistant.app.preload import import_in_background

    thread = import_in_background(("no_such_module_s14", "json"))
    thread.join(timeout=60)
    assert not thread.is_alive() and not thread.daemon   # an early exit waits for it instead of cutting it off


def test_scripted_answer_starts_the_background_import_only_before_a_fit(monkeypatch, tmp_path, sample_fit):
    import assistant.app.preload as preload
    from assistant.app.cli import run_script
    from assistant.app.preload import BACKGROUND, CHARTS
    from tests.helpers import session_for

    started = []
    monkeypatch.setattr(preload, "import_in_background", lambda *a: started.append(a))
    proc = run_cli("--ask", "What is the ROI of TV?", "--json", "--no-charts", "--offline", "--no-audit",
                   "--outputs", str(tmp_path / "o"))
    assert proc.returncode == 0 and json.loads(proc.stdout)["intent"] == "roi_analysis"
    assert started == [(BACKGROUND,)]
    out = tmp_path / "out.jsonl"
    with out.open("w") as stream:     # a session whose model is already fitted has nothing to overlap
        assert run_script(session_for(sample_fit, tmp_path), ["What is the ROI of TV?"], as_json=True, out=stream) == 0
    assert started == [(BACKGROUND,)] and json.loads(out.read_text())["intent"] == "roi_analysis"
    drawn = run_cli("--ask", "What is the ROI of TV?", "--offline", "--no-audit", "--outputs", str(tmp_path / "c"))
    assert drawn.returncode == 0 and "Chart:" in drawn.stdout
    assert started[-1] == (BACKGROUND + CHARTS,)   # matplotlib too, when the answer will draw
