"""demo.py: the executive briefing prints and the charts are valid PNGs under --outputs."""
from __future__ import annotations

import struct

from tests.helpers import run_main

PNG = b"\x89PNG\r\n\x1a\n"
EXPECTED = ["01_sales_spend_trend.png", "02_channel_contributions.png", "03_roi_comparison.png",
            "04_response_curves.png", "05_budget_efficiency.png", "06_decomposition_pie.png",
            "07_what_if.png", "08_reallocation.png"]


def test_demo_writes_the_briefing_and_valid_pngs(tmp_path):
    out = tmp_path / "out"
    proc = run_main("--outputs", str(out), script="demo.py", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for section in ("Executive briefing", "Return on investment", "Saturation", "What-if",
                    "Recommended reallocation", "Model reliability"):
        assert section in proc.stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == EXPECTED                     # nothing else, no temporary files
    for name in names:
        data = (out / name).read_bytes()
        assert data[:8] == PNG and data[12:16] == b"IHDR"
        width, height = struct.unpack(">II", data[16:24])
        assert width >= 400 and height >= 300
        assert data.endswith(b"IEND\xaeB`\x82")


def test_demo_bad_csv_is_one_line(tmp_path):
    proc = run_main("--csv", str(tmp_path / "missing.csv"), "--outputs", str(tmp_path), script="demo.py")
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1
