"""Defects a new user found in the session-10 review (a regional team's 9-market export, Meridian's geo file,
the browser, a 12-turn chat, bad input): each test failed before its fix."""
from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from assistant.answers.dispatch import ask
from assistant.web.app import WebConfig, create_app
from tests.data.review_s10_regional import regional_export
from tests.helpers import session_for


# ---------------------------------------------------------------- the ROI-by-market chart
def _drawn_market_chart(monkeypatch, tmp_path, dataset, data):
    """Draw the market ROI chart; returns (its title, its axes)."""
    import assistant.charts.markets as charts

    seen = {}
    real_headline, real_save = charts.headline, charts.save_png
    monkeypatch.setattr(charts, "headline", lambda fig, title, *a, **k: (seen.setdefault("title", title),
                                                                         real_headline(fig, title, *a, **k)))
    monkeypatch.setattr(charts, "save_png", lambda fig, path: (seen.setdefault("ax", fig.axes[0]),
                                                               real_save(fig, path))[1])
    path = charts.market_roi_chart(data, dataset, tmp_path / "10_roi_by_market.png")
    assert path.exists()
    return seen["title"], seen["ax"]


def _one_market(roi, low, high, national):
    return {"level": "market", "channels_shown": ["TV"], "size_basis": "column 'Population'", "unit": "money",
            "markets": {"Scotland": {"size": 5.4e6, "sales": 4.0e7, "spend": 2.69e6, "contribution": roi * 2.69e6,
                                     "roi": roi, "channels": {"TV": {"spend": 2.69e6, "contribution": roi * 2.69e6,
                                                                     "roi": roi, "roi_low": low, "roi_high": high}}}},
            "national": {"TV": {"roi": national, "measurable": True}}}


def test_one_market_chart_is_not_titled_the_best_market(monkeypatch, tmp_path, sample_fit):
    """ "ROI of TV in Scotland" drew "TV returns the most in Scotland: $2.95 per $1" (one bar: Scotland ranks 8th
    of 9 and sits below the national $3.02)."""
    title, _ = _drawn_market_chart(monkeypatch, tmp_path, sample_fit.dataset, _one_market(2.95, 2.75, 3.39, 3.02))
    assert "the most" not in title
    assert title.startswith("TV in Scotland: $2.95") and "national $3.02" in title


def test_market_chart_keeps_labels_and_intervals_inside_the_axes(monkeypatch, tmp_path, sample_fit):
    """The national label ("national $3.02") was cut off at the right edge, and one channel's market bars had no
    interval although the answer quotes one."""
    _, ax = _drawn_market_chart(monkeypatch, tmp_path, sample_fit.dataset, _one_market(2.95, 2.75, 3.39, 3.02))
    assert ax.get_xlim()[1] > 3.39 * 1.05            # the whisker's end and its label fit
    national_label = next(t for t in ax.texts if "national" in t.get_text())
    assert ax.get_ylim()[0] <= national_label.get_position()[1] <= ax.get_ylim()[1]   # inside, not over the title
    whiskers = [c for c in ax.containers if getattr(c, "errorbar", None) is not None]
    assert whiskers, "the 90% interval is drawn"


# ---------------------------------------------------------------- the browser: a panel upload
@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(WebConfig(outputs=tmp_path_factory.mktemp("web-out"), offline=True, max_upload_bytes=5_000_000))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def regional_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("regional") / "regional_export.csv"
    regional_export(n_markets=4, weeks=104).to_csv(path, index=False)
    return path


def _upload(client, path, **options):
    with open(path, "rb") as fh:
        return client.post("/api/upload", files={"file": (path.name, fh, "text/csv")}, data=options)


def test_panel_upload_names_its_markets_and_outcome(client, regional_csv):
    """A 4-market upload's summary and welcome said only "Sales column: revenue": no markets, no "Units Sold ×
    Revenue per Unit" (only in a folded note that told a browser user to "pass --revenue-per-kpi COL")."""
    r = _upload(client, regional_csv)
    assert r.status_code == 200, r.text
    ds = r.json()["dataset"]
    assert ds["markets"]["count"] == 4 and ds["markets"]["column"] == "Region"
    assert set(ds["markets"]["names"]) == {"North", "North East", "South", "South West"}
    assert ds["revenue_note"] == "Units Sold × Revenue per Unit" and ds["outcome_unit"] == "money"
    assert not any("--" in n for n in ds["notices"])          # the web names its own upload options
    assert any("'Revenue per unit column' upload option" in n for n in ds["notices"])
    page = client.get("/").text                                 # same browser (cookie): the page after the reload
    assert "<dt>Markets</dt>" in page and "column Region" in page
    assert "= Units Sold × Revenue per Unit" in page
    assert 'name="geo_col"' in page and 'name="revenue_per_kpi"' in page
    assert "all, summed" not in page                           # a panel is not summed


def test_upload_takes_the_market_and_revenue_column_options(client, regional_csv):
    """The web form had no market-column or revenue-per-unit option and the API ignored `geo_col` and
    `revenue_per_kpi` (200, the detected columns used); the model cache's key left them out too."""
    r = _upload(client, regional_csv, geo_col="Territory")
    assert r.status_code == 422
    err = r.json()["error"]
    assert "'Territory'" in err and "'Market column' upload option" in err and "--geo-col" not in err
    first = _upload(client, regional_csv).json()["dataset"]
    other = _upload(client, regional_csv, revenue_per_kpi="Avg Price")
    assert other.status_code == 200, other.text
    assert first["revenue_note"] == "Units Sold × Revenue per Unit"
    assert other.json()["dataset"]["revenue_note"] == "Units Sold × Avg Price"   # not the cached first model


def test_page_asks_for_no_missing_favicon(client):
    """Every page load logged a console error: GET /favicon.ico 404."""
    assert 'rel="icon"' in client.get("/").text


# ---------------------------------------------------------------- market answers
@pytest.fixture(scope="module")
def panel_session(generated_panel, tmp_path_factory):
    return session_for(generated_panel[1], tmp_path_factory.mktemp("panel-out"))


def test_market_contribution_question_leads_with_what_it_drove(panel_session):
    """ "How much did paid search drive in Scotland and Wales?" / "TV contribution by market" led with ROI
    ("returns the most in Wales ($1.20 per $1)"): the amount asked for was only in the table."""
    fit = panel_session.fit
    channel, (a, b) = fit.dataset.channels[0], fit.markets[:2]
    reply = ask(panel_session, f"how much did {channel} drive in {a} and {b}?")
    assert reply.data["level"] == "market"
    rows = reply.data["markets"]
    total = rows[a]["contribution"] + rows[b]["contribution"]
    assert reply.headline.startswith(f"{channel} drove ") and "across 2 markets" in reply.headline
    from assistant import format as fmt

    assert fmt.amount(total, panel_session.dataset) in reply.headline
    one = ask(panel_session, f"how much did {channel} contribute in {a}?")
    drove = fmt.amount(one.data["markets"][a]["contribution"], panel_session.dataset)
    assert one.headline.startswith(f"In {a}, {channel} drove {drove}")


def test_best_split_by_market_says_what_a_plan_splits(panel_session):
    """ "Best split of the budget by market" answered with ROI by market and no word that it is not a plan."""
    reply = ask(panel_session, "best split of the budget by market")
    assert any("Plans split the budget across channels" in f for f in reply.facts)
    assert any("how should we split the budget?" in f for f in reply.facts)


def test_market_answers_keep_the_low_grade_caveat(generated_panel, tmp_path):
    """On Meridian's file (graded Low) "cut Channel0 by 20%" carried "Model reliability is Low …" but "cut
    Channel0 by 20% in every geo" — the same figures — did not, nor did any market ROI answer."""
    session = session_for(generated_panel[1], tmp_path)
    session.__dict__["quick_quality"] = dataclasses.replace(session.quick_quality, grade="Low")
    channel, market = session.dataset.channels[0], session.fit.markets[0]
    national = ask(session, f"cut {channel} by 20%")
    every = ask(session, f"cut {channel} by 20% in every market")
    one = ask(session, f"ROI of {channel} in {market}")
    assert national.caveat and national.caveat.startswith("Model reliability is Low")
    assert every.data["delta_sales"] == pytest.approx(national.data["delta_sales"], rel=1e-9)
    assert every.caveat == national.caveat
    assert one.caveat and one.caveat.startswith("Model reliability is Low")


def test_market_what_if_draws_its_own_chart(generated_panel, tmp_path):
    """ "Cut TV 20% in the West only" (and in every market) drew no chart, where the national what-if draws one:
    the web page showed a table alone."""
    session = session_for(generated_panel[1], tmp_path, charts=True)
    channel, market = session.dataset.channels[0], session.fit.markets[0]
    reply = ask(session, f"cut {channel} by 20% in {market}")
    (path,) = reply.chart_paths
    assert path.name == "13_what_if_by_market.png" and path.stat().st_size > 10_000
    every = ask(session, f"cut {channel} by 20% in every market")
    assert [p.name for p in every.chart_paths] == ["13_what_if_by_market_2.png"]


def test_demo_names_the_markets_of_a_panel(regional_csv, tmp_path):
    """`demo.py --csv` on a 4-market export printed a national briefing without a word about markets (the chat's
    welcome panel says how many and how they add up)."""
    from tests.helpers import run_cli

    r = run_cli("--csv", str(regional_csv), "--no-charts", "--outputs", str(tmp_path / "out"), script="demo.py",
                 timeout=300)
    assert r.returncode == 0, r.stderr
    assert "4 markets (column 'Region')" in r.stdout
    assert "Answers are in money: revenue = Units Sold × Revenue per Unit." in r.stdout


def test_market_roi_interval_of_a_count_names_its_unit_once(tmp_path):
    """On units without a revenue column "ROI of TV in North" read "(90% interval 0.121 units sold–0.15 units
    sold)"; the national answer says "0.112–0.137 units sold"."""
    from analysis.estimate import fit_model
    from analysis.loading import load_csv

    path = tmp_path / "units.csv"
    regional_export(n_markets=3, weeks=104).drop(columns=["Revenue per Unit"]).to_csv(path, index=False)
    session = session_for(fit_model(load_csv(path)), tmp_path)
    reply = ask(session, "ROI of TV in North")
    c = reply.data["markets"]["North"]["channels"]["TV"]
    from assistant import format as fmt

    assert f"(90% interval {fmt.per_dollar_range(c['roi_low'], c['roi_high'], session.dataset)})" in reply.headline
    assert reply.headline.count("units sold") == 2        # the ROI and the interval, each once


def test_market_question_answered_nationally_says_so(panel_session):
    """ "How should we split the budget in Scotland?" and "what drove sales in Wales in Q4 2023?" were read as "in
    Scotland"/"in Wales" but answered with national figures ($2.43M a week: all markets) and no word about it."""
    market = panel_session.fit.markets[1]
    for question in (f"how should we split the budget in {market}?",):
        reply = ask(panel_session, question)
        assert reply.routed.geos == (market,)
        assert reply.facts[0].startswith(f"This is the national answer (all {len(panel_session.fit.markets)} markets")
    # session 11: a trend asked in one market is that market's own (tests/test_router_s11.py), not the national one
    trend = ask(panel_session, f"what drove sales in {market} in Q4 2022?")
    assert trend.routed.geos == (market,) and trend.data["level"] == "market" and trend.data["market"] == market
    assert not any("national answer" in f for f in trend.facts)
    plain = ask(panel_session, "how should we split the budget?")
    assert not any("national answer" in f for f in plain.facts)
    in_market = ask(panel_session, f"cut {panel_session.dataset.channels[0]} by 20% in {market}")
    assert not any("national answer" in f for f in in_market.facts)


def test_a_count_kpis_note_names_a_revenue_per_unit_column_in_plain_words(tmp_path):
    """A target named 'Units Sold' gave "no revenue-per-units sold column" (the kpi's last 's' stripped from
    'units sold'); the note names the column a user would add, whatever the count is called."""
    from analysis.loading import load_csv
    from tests.helpers import ROOT

    path = tmp_path / "units.csv"
    path.write_text((ROOT / "data" / "sample_data.csv").read_text().replace("date,sales,", "date,Units Sold,", 1))
    notes = " ".join(load_csv(path).warnings)
    assert "no revenue-per-unit column" in notes
    assert "revenue-per-units" not in notes


def test_a_market_panels_data_per_parameter_counts_its_market_weeks(generated_panel, sample_fit):
    """A panel is fitted on its market-weeks; counting only the national weeks graded a 9-market file
    "4.2 per parameter" (caution) for a model fitted on 1,170 rows. National data still counts weeks."""
    from analysis.quality import model_quality

    _, fit = generated_panel
    check = next(c for c in model_quality(fit, backtest=False).checks if c.name == "data per parameter")
    cells = int(fit.panel.observed.sum())
    assert cells > fit.stats.n_obs
    assert check.value == pytest.approx(cells / fit.stats.n_params)
    assert f"{cells:,} market-weeks" in check.text and f"{len(fit.panel.markets)} markets" in check.text
    national = next(c for c in model_quality(sample_fit, backtest=False).checks if c.name == "data per parameter")
    assert national.value == pytest.approx(sample_fit.stats.n_obs / sample_fit.stats.n_params)
    assert national.text.startswith(f"{sample_fit.stats.n_obs} weeks for")


def test_two_plans_compared_carry_each_plans_warnings_and_a_counts_words(sample_fit, count_session, tmp_path):
    """"Compare a $5M plan with a $9M plan" said the $9M figures without the warnings its own answer gives (the
    budget is 1.33x today's, the response is extrapolated); on a count KPI the extra money's yield read
    "conversions of sales ... does not pay for itself in sales"."""
    single = ask(session_for(sample_fit, tmp_path), "How should I split a $9M budget?")
    pair = ask(session_for(sample_fit, tmp_path), "Compare a $5M plan with a $9M plan")
    assert single.warnings and "plans" in pair.data
    for w in single.warnings:   # each of the $9M plan's warnings, said of that plan
        assert any(w[1:] in v and "$9.00M plan" in v for v in pair.warnings), (w, pair.warnings)
    counted = ask(count_session, "Compare a $6k plan with a $8k plan")
    assert "plans" in counted.data, counted.headline
    text = " ".join((counted.headline, *counted.facts))
    assert "conversions" in text and "of sales" not in text and "pays for itself" not in text
    assert "changes sales by" not in text


def test_a_years_roi_whose_lower_bound_is_zero_as_shown_is_not_measurable():
    """ROI by year called a year measurable on `low > 0`; the whole period's rule (fit.clears_zero) says a bound
    under 1% of the estimate, or under half a cent per $1, is zero as shown."""
    import numpy as np

    from analysis.roi import _year_roi

    draws = np.linspace(0.5, 2000.0, 400)   # 5th percentile ~100: 0.1 cent per $1 on $100k of spend
    assert not _year_roi("TV", 100_000.0, 1000.0, draws, True, in_money=True).measurable
    assert _year_roi("TV", 100_000.0, 1000.0, draws, True, in_money=False).measurable   # a count: share rule only
    assert _year_roi("TV", 1_000.0, 1000.0, draws, True, in_money=True).measurable      # 10 cents per $1


def test_why_on_a_count_kpi_says_the_counts_later_weeks_not_sales(count_session):
    """'why?' after a channel's return said "the return counts the sales of those later weeks" on a count KPI."""
    ask(count_session, "What's the ROI of TV?")
    why = ask(count_session, "why?")
    carry = [f for f in why.facts if f.startswith("Carry-over")]
    assert carry, why.facts
    assert "sales" not in carry[0]
    assert "later weeks" not in carry[0] or "conversions of those later weeks" in carry[0]
