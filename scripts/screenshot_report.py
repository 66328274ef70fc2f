"""Render a board pack's report.html in headless Chromium and save a screenshot (docs/report_screenshot.png).

    python scripts/screenshot_report.py                 # writes a fresh pack for the sample data first
    python scripts/screenshot_report.py outputs/report-20250101-120000/report.html --height 5200

Skips with a message (exit 0) when no Chromium is installed (Debian: apt-get install chromium).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def sample_pack(out_dir: Path) -> Path:
    """A pack for the sample data with two what-if scenarios asked first."""
    from assistant.answers.dispatch import ask
    from assistant.report import write_board_pack
    from assistant.session import Session
    from data.sample_data import sample_dataset

    session = Session(sample_dataset(), outputs=out_dir, charts=False, offline=True)
    for question in ("What if we cut TV by 20%?", "Move 10% of TV to Social"):
        ask(session, question)
    return write_board_pack(session, out_dir) / "report.html"


def screenshot(browser: str, html: Path, png: Path, width: int, height: int) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={png}",
               f"--window-size={width},{height}", html.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", nargs="?", help="report.html to render (default: write a sample pack)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "report_screenshot.png"))
    parser.add_argument("--width", type=int, default=1240)
    parser.add_argument("--height", type=int, default=1754)   # A4 proportions at 150 dpi
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("screenshot skipped: no Chromium found (Debian: apt-get install chromium)")
        return 0
    html = Path(args.html) if args.html else sample_pack(Path(tempfile.mkdtemp(prefix="mmm-pack-")))
    screenshot(browser, html, Path(args.out), args.width, args.height)
    print(f"screenshot of {html} saved to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
