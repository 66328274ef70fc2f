"""Charts: each writes a real PNG atomically, its title quotes the result, colours are stable."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant import format as fmt
from assistant.atomic import atomic_path, atomic_write_text
from assistant.charts import draw as charts
from assistant.charts.style import money_scale
from tests.helpers import capture_chart_titles

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def fit(sample_fit):
    return sample_fit   # the session-wide fit (tests/conftest.py)


@pytest.fixture(scope="module")
def colors(fit):
    return charts.channel_colors(fit.dataset.channels)


@pytest.fixture(scope="module")
def results(fit):
    from analysis.roi import contribution, roi, saturation

    return roi(fit), contribution(fit), saturation(fit)


def _assert_png(path: Path, min_kb: float = 15) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image as mpimg

    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > min_kb * 1024
    image = mpimg.imread(path)
    assert image.shape[0] >= 250 and image.shape[1] >= 1000   # 11 inches wide at 100 dpi
    assert not list(path.parent.glob(".*.tmp")), "temporary files left behind"


def test_importing_charts_does_not_import_matplotlib():
    code = "import sys, assistant.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_channel_colors_are_positional_and_distinct():
    first = charts.channel_colors(("TV", "Radio", "Digital"))
    again = charts.channel_colors(["TV", "Radio", "Digital", "Print"])
    assert {k: again[k] for k in first} == first
    assert len(set(again.values())) == 4


@pytest.mark.parametrize(
    "scale, units",
    [(1000.0, "$000s"), (1.0, "data units"), (1e6, "$M")],
    ids=["sample-thousands", "raw-csv", "millions"],
)
def test_money_units(scale, units):
    class D:
        money_scale = scale

    assert charts.money_units(D()) == units
    assert money_scale(units) == scale


def test_roi_chart(tmp_path, monkeypatch, results, colors):
    titles = capture_chart_titles(monkeypatch)
    roi = results[0]
    path = charts.roi_chart(roi, tmp_path / "03_roi_comparison.png", colors=colors, units="$000s")
    _assert_png(path)
    best = next(r for r in roi.channels if r.measurable)
    assert best.channel in titles[0] and fmt.ratio(best.roi) in titles[0]


def test_roi_chart_draws_unmeasurable_channels(tmp_path, results, colors):
    from dataclasses import replace

    from analysis.results import ChannelROI

    roi = results[0]
    rows = list(roi.channels) + [ChannelROI("Print", 100.0, 0.0, None, None, None, False, "no spend")]
    rows[1] = replace(rows[1], measurable=False)
    _assert_png(charts.roi_chart(replace(roi, channels=tuple(rows)), tmp_path / "roi.png", colors=colors))


def test_contribution_and_donut(tmp_path, monkeypatch, fit, results, colors):
    titles = capture_chart_titles(monkeypatch)
    contribution = results[1]
    _assert_png(charts.contribution_chart(fit, contribution, tmp_path / "02.png", colors=colors, units="$000s"))
    _assert_png(charts.decomposition_pie_chart(contribution, tmp_path / "06.png", colors=colors))
    for title in titles:
        assert fmt.share(contribution.media_share) in title


def test_response_curves(tmp_path, monkeypatch, results, colors):
    titles = capture_chart_titles(monkeypatch)
    saturation = results[2]
    _assert_png(charts.response_curves_chart(saturation, tmp_path / "04.png", colors=colors, units="$000s"))
    top = next(r for r in saturation.channels if r.measurable)
    assert top.channel in titles[0] and fmt.pct(top.saturation_pct, 0) in titles[0]


def test_trend_and_efficiency(tmp_path, monkeypatch, fit, results, colors):
    titles = capture_chart_titles(monkeypatch)
    _assert_png(charts.sales_spend_trend_chart(fit.dataset, tmp_path / "01.png", colors=colors, units="$000s"))
    _assert_png(charts.budget_efficiency_chart(results[0], tmp_path / "05.png", colors=colors))
    sales = fit.dataset.sales
    change = 100 * (sales[-52:].sum() / sales[:52].sum() - 1)
    assert fmt.pct(abs(change)) in titles[0]
    roi = results[0]
    best = max(roi.channels, key=lambda r: r.contribution / roi.total_contribution - r.spend / roi.total_spend)
    assert fmt.share(best.contribution / roi.total_contribution) in titles[1]


def test_what_if_and_reallocation(tmp_path, monkeypatch, fit, colors):
    from analysis.decisions.optimize import optimize_budget
    from analysis.decisions.scenario import run_scenario

    titles = capture_chart_titles(monkeypatch)
    money = fit.dataset
    scenario = run_scenario(fit, {"TV": -20.0})
    _assert_png(charts.what_if_chart(scenario, tmp_path / "07.png", colors=colors, units="$000s"))
    assert fmt.signed_money(scenario.delta_sales, money) in titles[0]
    plan = optimize_budget(fit)
    _assert_png(charts.reallocation_chart(plan, tmp_path / "08.png", colors=colors, units="$000s"))
    assert fmt.signed_money(plan.expected_delta_sales, money) in titles[1]


def test_period_waterfall(tmp_path, monkeypatch, colors):
    titles = capture_chart_titles(monkeypatch)
    drivers = {"previous_label": "Q3 2024", "label": "Q4 2024", "previous_sales": 1000.0, "sales": 1100.0,
               "drivers": {"baseline": 6.0, "TV": 5.0, "Radio": -1.0}}
    _assert_png(charts.period_drivers_chart(drivers, tmp_path / "09.png", colors=colors, units="$000s"), min_kb=10)
    assert "10.0%" in titles[0] and "baseline" in titles[0]


def test_failed_drawing_leaves_no_file(tmp_path, results, colors):
    target = tmp_path / "broken.png"
    with pytest.raises(ZeroDivisionError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half a chart")
            raise ZeroDivisionError("a chart that fails half-way")
    assert list(tmp_path.iterdir()) == []


def test_chart_error_leaves_no_temp_file(tmp_path, monkeypatch, results, colors):
    import matplotlib.figure

    def explode(self, *args, **kwargs):
        Path(args[0]).write_bytes(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", explode)
    with pytest.raises(RuntimeError):
        charts.roi_chart(results[0], tmp_path / "roi.png", colors=colors)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "a" / "note.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["note.txt"]
