"""ROI by calendar year carries its uncertainty: each year's interval comes from the draws behind the
whole-period interval, holds the sample's true yearly ROI, and a year whose interval reaches zero is
"not measurable" that year — in the answer, its table, its chart and its JSON."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from analysis.roi import roi_by_year
from data.sample_data import ground_truth


def _true_yearly_roi(fit) -> dict[tuple[str, str], float]:
    truth = ground_truth()
    years = pd.DatetimeIndex(fit.dataset.dates).year
    contributions = truth.contributions()
    return {(str(y), c.name): float(contributions[years == y, j].sum() / truth.spend[years == y, j].sum())
            for y in sorted(set(years)) for j, c in enumerate(truth.channels)}


def test_the_true_yearly_roi_lies_inside_the_stated_interval(sample_fit):
    truth = _true_yearly_roi(sample_fit)
    years = roi_by_year(sample_fit)
    assert [y.label for y in years] == ["2021", "2022", "2023", "2024"]
    inside = [y.get(c).roi_low <= truth[y.label, c] <= y.get(c).roi_high for y in years for c in sample_fit.channel_names]
    assert sum(inside) >= 18 and len(inside) == 20
    for y in years:
        for c in y.channels:   # every year's figure has a real interval around it, not a point
            assert c.measurable and 0 < c.roi_low < c.roi < c.roi_high
        assert y.media.roi_low < y.media.roi < y.media.roi_high


def test_the_years_are_drawn_like_the_whole_period(sample_fit):
    """The draws' whole-period totals sit on the stated interval, so a year is as uncertain, relative to its
    estimate, as the channel is over the whole period (at least): Radio's wide interval stays wide each year."""
    years = roi_by_year(sample_fit)
    for j, c in enumerate(sample_fit.channels):
        whole = (c.contribution_high - c.contribution_low) / c.contribution
        for y in years:
            row = y.channels[j]
            assert (row.contribution_high - row.contribution_low) / row.contribution > 0.8 * whole
    # the same point as the period roll-up, so the years add up to the whole period's attributed sales
    total = sum(y.get("TV").contribution for y in years)
    assert total == pytest.approx(sample_fit.channel("TV").contribution, rel=1e-9)


def test_a_channel_whose_interval_reaches_zero_is_not_measurable_in_any_year(sample_fit):
    channels = tuple(replace(c, contribution_low=0.0, measurable=False) if c.name == "Print" else c
                     for c in sample_fit.channels)
    fit = replace(sample_fit, channels=channels)
    for y in roi_by_year(fit):
        print_row = y.get("Print")
        assert not print_row.measurable and print_row.roi_low == pytest.approx(0.0, abs=1e-12)
        assert print_row.roi_high > print_row.roi


def test_the_answer_quotes_each_years_interval(sample_fit, tmp_path):
    from assistant.answers.dispatch import ask
    from tests.helpers import session_for

    a = ask(session_for(sample_fit, tmp_path), "how has TV's ROI changed over time?")
    years = {y.label: y.get("TV") for y in roi_by_year(sample_fit)}
    for label, row in years.items():
        assert f"${row.roi:.2f} (${row.roi_low:.2f}–${row.roi_high:.2f}) in {label}" in a.headline
    assert "point estimate" not in " ".join(a.facts)
    assert any("same model draws" in f for f in a.facts)
    by_year = a.data["by_year"]
    assert [y["year"] for y in by_year] == list(years)
    assert by_year[0]["channels"]["TV"]["roi_low"] == pytest.approx(years["2021"].roi_low, rel=1e-3)
    assert by_year[0]["all_media"]["measurable"] is True
    tv_rows = [r for r in a.table.rows if r[1] == "TV"]
    assert len(tv_rows) == 4 and all("–" in r[3] for r in tv_rows)
    assert [c.key for c in a.charts] == ["roi_by_year"]


def test_a_not_measurable_year_is_never_quoted_by_its_point(sample_fit, tmp_path):
    from assistant.answers.dispatch import ask
    from assistant.answers.roi_years import roi_by_year_reply
    from tests.helpers import session_for

    session = session_for(sample_fit, tmp_path)
    data = ask(session, "how has Radio's ROI changed over time?").data
    data["by_year"][1]["channels"]["Radio"] = {**data["by_year"][1]["channels"]["Radio"], "measurable": False,
                                               "roi_low": 0.0}
    reply = roi_by_year_reply(session, data, ("Radio",))
    point = data["by_year"][1]["channels"]["Radio"]["roi"]
    assert "not measurable ($0.00–" in reply.headline and f"${point:.2f} ($0.00" not in reply.headline
    row = next(r for r in reply.table.rows if r[0] == "2022" and r[1] == "Radio")
    assert row[2] == "not measurable"
    assert any("Not measurable in some years" in f and "Radio in 2022" in f for f in reply.facts)


def test_the_chart_draws_the_years_with_their_intervals(sample_fit, tmp_path, monkeypatch):
    from assistant.answers.dispatch import ask
    from assistant.charts import years as chart
    from assistant.charts.requests import draw_chart
    from tests.helpers import session_for

    titles: list[str] = []
    original = chart.headline
    monkeypatch.setattr(chart, "headline", lambda fig, title, *args, **kw: (titles.append(title),
                                                                            original(fig, title, *args, **kw)))
    session = session_for(sample_fit, tmp_path)
    a = ask(session, "how has TV's ROI changed over time?")
    path = draw_chart(session, "roi_by_year", tmp_path, a.charts[0].result)
    assert path.exists() and path.name == "12_roi_by_year.png"
    tv = [y.get("TV") for y in roi_by_year(sample_fit)]
    assert titles and titles[-1].startswith("TV's ROI by year: ") and f"${tv[-1].roi:.2f} in 2024" in titles[-1]
    assert np.isfinite([r.roi_low for r in tv]).all()


def test_the_web_app_serves_the_years_chart(tmp_path):
    """The web names each chart file by its key: "ROI trend over time" asked there raised a KeyError for the
    new chart before it had a file name."""
    from fastapi.testclient import TestClient

    from assistant.web.app import WebConfig, create_app

    with TestClient(create_app(WebConfig(outputs=tmp_path / "outputs", offline=True, charts=True))) as client:
        answer = client.post("/api/ask", json={"question": "ROI trend over time"})
        assert answer.status_code == 200
        body = answer.json()
        assert body["data"]["by_year"][0]["year"] == "2021"
        charts = body["charts"]
        assert len(charts) == 1 and charts[0].endswith("12_roi_by_year.png")
        from pathlib import Path

        picture = client.get(f"/files/{Path(charts[0]).parent.name}/{Path(charts[0]).name}")   # drawn when fetched
        assert picture.status_code == 200 and picture.content[:4] == b"\x89PNG"
