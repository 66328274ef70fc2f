"""Defects a new user found in the session-15 review (a regional marketing director of a beverage brand: a by-market
weekly file in Meridian's geo format with 11 markets, cases sold with a revenue per case that differs by market and
drifts, a national TV buy, one channel dark in some markets, one tiny channel, price/promotion/temperature controls
and one market that responds 2.5x to TV; its national sum; a file whose KPI is app sign-ups; browser first, then
CLI, --json, board pack and demo): each test failed before its fix."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _kpi_file(tmp_path, target, per_unit=None, n=60, geo=False):
    """A small weekly file whose outcome is a count (cases, app sign-ups), with or without revenue per unit."""
    rng = np.random.default_rng(15)
    markets = ["North", "South"] if geo else [None]
    frames = []
    for m, market in enumerate(markets):
        tv = rng.uniform(0, 5_000, n)
        search = rng.uniform(1_000, 3_000, n)
        count = 20_000 + 0.8 * tv + 1.5 * search + rng.normal(0, 300, n)
        frame = pd.DataFrame({"week": pd.date_range("2022-01-03", periods=n, freq="W-MON").strftime("%Y-%m-%d")})
        if market is not None:
            frame["market"] = market
            frame["population"] = 1_000_000 * (m + 1)
        frame[target] = count.round(1)
        if per_unit is not None:
            frame[per_unit] = (12.0 + m + 0.01 * np.arange(n)).round(3)
        frame["tv_spend"] = tv.round(2)
        frame["search_spend"] = search.round(2)
        frame["price"] = rng.normal(14, 0.2, n).round(2)
        frames.append(frame)
    path = tmp_path / f"{target}.csv"
    pd.concat(frames).to_csv(path, index=False)
    return path


# ---------------------------------------------------------------- a KPI in cases or sign-ups is a count, never dollars
def test_cases_beside_revenue_per_case_are_the_target_answered_in_money(tmp_path):
    """`cases` with `revenue_per_case` beside it was refused ("no sales column found"); named with --target, the
    revenue per case became a *control* and every answer printed cases as dollars ("Total cases: $538.77M", "Video
    returns $0.38 in sales per $1" where the truth is $4.41 of revenue). A column of revenue per the target's own
    unit is the revenue per KPI, and `cases` is a count outcome."""
    from analysis.loading import LoadOptions, load_csv

    for geo in (False, True):
        data = load_csv(_kpi_file(tmp_path, "cases", "revenue_per_case", geo=geo), LoadOptions())
        assert data.revenue_note == "cases × revenue_per_case"
        assert "revenue_per_case" not in data.control_names
        assert data.kpi_unit is None
    named = load_csv(_kpi_file(tmp_path, "cases", "revenue_per_case"), LoadOptions(target="cases"))
    assert named.revenue_note == "cases × revenue_per_case" and "revenue_per_case" not in named.control_names


def test_a_count_target_without_revenue_per_unit_is_answered_in_its_units(tmp_path):
    """`app_signups` (no revenue column) was refused, and named with --target it was read as money: "Total
    app_signups: $35.67M", "Search returns $0.18 in sales per $1", and "add 10000 sign-ups" was refused because
    "this model's target is app_signups in dollars". Words that only qualify a count (app, new, total) are read
    past, so the answers are in sign-ups; `cases` alone is a count of cases."""
    from analysis.loading import LoadOptions, load_csv
    from analysis.loading.panel import kpi_unit

    assert kpi_unit("app_signups") == "sign-ups"
    assert kpi_unit("cases") == "cases"
    assert kpi_unit("New Leads") == "leads"
    assert kpi_unit("total_sales") is None and kpi_unit("revenue") is None
    data = load_csv(_kpi_file(tmp_path, "app_signups", geo=True), LoadOptions())
    assert data.target == "app_signups"
    assert data.kpi_unit == "sign-ups" and not data.in_money
