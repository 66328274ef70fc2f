"""The same question routes the same way in every run, whatever Python's per-process hash seed."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """
import json, sys
from router import route
from router.eval import FRESH_SET, HELDOUT_SET, MAIN_SET, load
out = [route(c["q"]).to_json_fields() for p in (MAIN_SET, HELDOUT_SET, FRESH_SET) for c in load(p)]
print(json.dumps(out, sort_keys=True, default=str))
"""


def _routes(seed: str) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, check=True)
    return json.loads(proc.stdout)


def test_routing_does_not_depend_on_the_hash_seed():
    first, second = _routes("0"), _routes("1")
    assert len(first) >= 470
    assert first == second
