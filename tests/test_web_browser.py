"""A real browser on the real server: Playwright drives Debian's chromium against `main.py --web`'s app.

Skipped only when /usr/bin/chromium is missing (.ci/run installs it). Set MMM_WEB_SCREENSHOT=FILE to keep
a screenshot of the page after the conversation (the README's docs/web_screenshot.png).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.web.app import WebConfig, create_app
from assistant.web.server import background_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                reason="chromium is not installed (.ci/run runs `apt-get install -y chromium`)")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    app = create_app(WebConfig(outputs=tmp_path_factory.mktemp("web-browser"), offline=True))
    with background_server(app) as url:          # 127.0.0.1, a free port; shut down after the module
        yield url


@pytest.fixture
def page(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=base_url)
            yield context.new_page()
        finally:
            browser.close()


def _screenshot(page, path: Path) -> None:
    """The welcome facts and the first answer, as a laptop shows them; and the same page on a phone."""
    page.set_viewport_size({"width": 1280, "height": 1480})
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.wait_for_function("() => window.scrollY === 0")
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.screenshot(path=str(path.with_name(path.stem + "_phone.png")))
    page.set_viewport_size({"width": 1200, "height": 900})


def _last_answer(page):
    return page.locator("#answers > li.turn:not(.pending)").last


def test_ask_follow_up_upload_and_ask_again(page, tmp_path):
    page.set_default_timeout(60_000)
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "built-in sample data"
    page.get_by_role("button", name="What is the ROI of TV?").click()
    answer = _last_answer(page)
    answer.locator(".read-as").wait_for()
    assert answer.locator(".read-as").inner_text() == "Read as: ROI · TV"
    assert "TV returns $" in answer.locator(".headline").inner_text()
    image = answer.locator("img")
    image.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 200", arg=image.element_handle())

    page.get_by_label("Ask a question about your marketing").fill("and radio?")
    page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('#answers > li.turn:not(.pending)').length === 2")
    assert _last_answer(page).locator(".read-as").inner_text() == "Read as: ROI · Radio (from context)"
    if os.environ.get("MMM_WEB_SCREENSHOT"):
        _screenshot(page, Path(os.environ["MMM_WEB_SCREENSHOT"]))

    csv = tmp_path / "three_channels.csv"
    lines = (ROOT / "data" / "sample_data.csv").read_text().splitlines()
    csv.write_text("\n".join(",".join(line.split(",")[:5]) for line in lines) + "\n")   # date, sales, TV, Radio, Digital
    page.get_by_text("Use your own data (CSV)").click()
    page.get_by_label("Weekly CSV").set_input_files(str(csv))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and refit").click()
    assert page.get_by_role("heading", level=1).inner_text() == "three_channels.csv"
    assert "TV, Radio, Digital" in page.locator(".facts").inner_text()
    page.get_by_label("Ask a question about your marketing").fill("What data do we have?")
    page.get_by_role("button", name="Ask", exact=True).click()
    answer = _last_answer(page)
    answer.locator(".headline").wait_for()
    # The headline is the readiness verdict; the facts must describe the uploaded file, not the sample.
    assert answer.locator(".headline").inner_text().startswith("Ready for MMM")
    assert "three_channels.csv" in answer.inner_text()
    assert "3 media channels" in answer.inner_text()


def test_bad_upload_shows_the_one_line_error(page, tmp_path):
    page.set_default_timeout(60_000)
    page.goto("/")
    bad = tmp_path / "notes.csv"
    bad.write_text("Meeting notes\nWe should look at TV next quarter\n")
    page.get_by_text("Use your own data (CSV)").click()
    page.get_by_label("Weekly CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and refit").click()
    status = page.locator("#upload-status.error")
    status.wait_for()
    assert status.inner_text().startswith("error: notes.csv: ")
    assert "Traceback" not in page.content()
