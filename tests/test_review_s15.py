"""Defects a new user found in the session-15 review (a regional marketing director of a beverage brand: a by-market
weekly file in Meridian's geo format with 11 markets, cases sold with a revenue per case that differs by market and
drifts, a national TV buy, one channel dark in some markets, one tiny channel, price/promotion/temperature controls
and one market that responds 2.5x to TV; its national sum; a file whose KPI is app sign-ups; browser first, then
CLI, --json, board pack and demo): each test failed before its fix."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


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


# ---------------------------------------------------------------- questions a regional director asks, read as asked
_CHANNELS = ("TV", "Search", "Social", "Display", "Video", "OOH", "Influencer")
_MARKETS = ("Arizona", "California", "Florida", "Georgia", "Idaho", "Illinois", "New York", "Oregon", "Texas", "Utah",
            "Vermont")


def _chat(*questions):
    from router import Conversation, route

    conv = Conversation(channels=_CHANNELS, geos=_MARKETS)
    for text in questions:
        reading = route(text, conv)
        conv.remember(reading)
    return reading


def test_the_count_of_a_market_pick_is_not_the_size_of_a_change():
    """"What's the ROI of TV in the top 3 markets?" read as "what-if · TV +3% · in the 3 largest markets (unsure)"
    and answered with a clarification; "the 3 largest markets" was read right. The count picks markets."""
    from router.types import GeoPick, Intent

    for text in ("What's the ROI of TV in the top 3 markets?", "ROI of TV in the top three markets"):
        q = _chat(text)
        assert q.intent is Intent.ROI and q.channels == ("TV",) and not q.changes and q.percentage is None
        assert q.geo_pick == GeoPick("largest", 3)
    cut = _chat("cut TV by 10% in the top 5 markets")
    assert dict(cut.changes) == {"TV": -10.0} and cut.geo_pick == GeoPick("largest", 5)


def test_why_is_the_model_graded_low_is_about_the_model():
    """"Why is the model graded Low?" (the welcome panel had said "Low") read as a trend question (unsure)."""
    from router.types import Intent

    for text in ("Why is the model graded Low?", "why is the grade low?", "what does the Medium grade mean?"):
        assert _chat(text).intent is Intent.MODEL_QUALITY


def test_an_extra_amount_on_one_channel_after_a_move_is_new_money():
    """"What does an extra $500k in Influencer buy us?" right after "Move 10% of TV to Search" became "move $500k
    TV → Influencer (from context)" (the README's own example of a +$ what-if); "and into Social instead?" still
    sends the last move elsewhere."""
    from router.types import Intent

    q = _chat("Move 10% of TV to Search", "What does an extra $500k in Influencer buy us?")
    assert q.intent is Intent.SCENARIO and q.shift is None and q.channels == ("Influencer",) and q.amount == 500_000
    again = _chat("Move 10% of TV to Search", "and into Social instead?")
    assert again.shift is not None and (again.shift.from_channel, again.shift.to_channel) == ("TV", "Social")


# ---------------------------------------------------------------- "how sure?" after a plan that keeps today's mix
def test_how_sure_after_a_plan_that_keeps_todays_mix_says_so(no_safe_move, tmp_path):
    """After "Keep today's mix: no re-split … is clear of a loss", "How sure are you?" quoted "±$0 of sales, 90%
    interval ±$0 to ±$0; chance of a loss under 1%" — a figure about nothing."""
    from assistant.answers.dispatch import ask
    from tests.helpers import session_for

    session = session_for(no_safe_move, tmp_path)
    plan = ask(session, "How should we reallocate the budget to maximize sales with the same total spend?")
    assert plan.data["expected_delta_sales"] == 0.0
    reply = ask(session, "How sure are you?")
    text = " ".join((reply.headline, *reply.facts))
    assert "±$0" not in text
    assert "keeps today's mix" in text and "chance of a loss" not in text


# ---------------------------------------------------------------- blank revenue per unit
def test_blank_revenue_per_unit_cells_take_their_markets_average(tmp_path):
    """Three blank `revenue_per_case` cells made cases x blank a week "with no sales" (the note blamed the sales
    column, and the week was left out of the fit). They now take their market's average revenue per case, and the
    note names the column and the first row."""
    from analysis.loading import LoadOptions, load_csv

    path = _kpi_file(tmp_path, "cases", "revenue_per_case", geo=True)
    frame = pd.read_csv(path)
    frame.loc[[5, 70], "revenue_per_case"] = np.nan
    frame.to_csv(path, index=False)
    data = load_csv(path, LoadOptions())
    note = next(n for n in data.warnings if "revenue_per_case" in n and "blank" in n)
    assert "2 row(s)" in note and "data row 6" in note and "market" in note
    full = load_csv(_kpi_file(tmp_path, "cases", "revenue_per_case", geo=True), LoadOptions())
    assert data.panel.observed.all()
    # the filled cells are the market's average revenue per case times the week's cases
    north_mean = frame.loc[frame.market == "North", "revenue_per_case"].mean()
    assert np.isclose(data.panel.sales[5, 0], frame.loc[5, "cases"] * north_mean)
    assert np.isclose(data.panel.sales[6, 0], full.panel.sales[6, 0])


def test_a_quote_never_closed_is_named_not_called_an_empty_file(tmp_path):
    """A CSV whose second line opens a quote it never closes was refused as "has no header row and no data"
    (it has both); the message now names the line and the fix."""
    from analysis.loading import LoadOptions, load_csv
    from analysis.loading.read import DataError

    path = tmp_path / "broken.csv"
    path.write_text('week,market,cases\n2022-01-03,"Texas,100\n2022-01-10,Texas,1,2,3,4\n')
    with pytest.raises(DataError) as refused:
        load_csv(path, LoadOptions())
    message = str(refused.value)
    assert "line 2" in message and "never closed" in message and "no header" not in message


# ---------------------------------------------------------------- a market that responds unlike the others
def _odd_market_panel(tmp_path, odd: float = 2.5, seed: int = 3):
    """6 markets x 104 weeks: national TV flights bought per head, Search always on, Social flighted per market;
    one shared curve per head, except that Gamma responds `odd` times as much to TV."""
    from analysis.transforms import geometric_adstock, hill

    rng = np.random.default_rng(seed)
    n, names = 104, ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
    pop = np.array([9.0, 6.0, 4.0, 2.5, 1.5, 0.8]) * 1e6
    flights = np.repeat(rng.random(n // 4) < 0.55, 4) * rng.uniform(0.6, 1.4, n)
    rows = []
    for g, market in enumerate(names):
        tv = 0.05 * flights * pop[g]
        search = 0.02 * (1 + 0.15 * rng.normal(size=n)) * pop[g]
        social = 0.02 * (rng.random(n) < 0.6) * rng.uniform(0.5, 1.5, n) * pop[g]
        def head(x, d, k, people=pop[g]):
            return hill(geometric_adstock(x / people, d), k, 1.0)

        media = (0.5 * head(tv, 0.5, 0.08) * (odd if market == "Gamma" else 1.0) + 0.3 * head(search, 0.1, 0.03)
                 + 0.15 * head(social, 0.2, 0.03)) * pop[g]
        base = pop[g] * 0.8 * (1 + 0.1 * np.sin(2 * np.pi * np.arange(n) / 52))
        sales = base + media + rng.normal(0, 0.01, n) * base
        rows.append(pd.DataFrame({"week": pd.date_range("2022-01-03", periods=n, freq="W-MON").strftime("%Y-%m-%d"),
                                  "market": market, "population": pop[g], "sales": sales.round(1),
                                  "tv_spend": tv.round(2), "search_spend": search.round(2),
                                  "social_spend": social.round(2)}))
    path = tmp_path / "odd_market.csv"
    pd.concat(rows).to_csv(path, index=False)
    return path


def test_a_market_that_responds_unlike_the_shared_curve_is_flagged(tmp_path):
    """Georgia responded 2.5x to TV; "Which markets respond most to TV?", "ROI of TV in Georgia" ($5.92, 90%
    interval $4.12–$8.98 against a true $12.59), "cut TV 20% in Georgia" (−$2.12M against −$4.98M) and "move 10% of
    TV from Florida to Georgia" (+$222k against +$2.58M) all gave the shared curve's figure with nothing said. The
    market's leftover sales still move with TV there, and the answers now say so, with the multiple."""
    from analysis.estimate import fit_model
    from analysis.loading import load_csv
    from analysis.panel.divergence import market_divergence
    from assistant.answers.dispatch import ask
    from tests.helpers import session_for

    fit = fit_model(load_csv(_odd_market_panel(tmp_path)))
    found = market_divergence(fit)
    assert [(d.market, d.channel) for d in found] == [("Gamma", "TV")]
    assert found[0].low > 1.5
    session = session_for(fit, tmp_path)
    for question in ("What is the ROI of TV in Gamma?", "Which markets respond most to TV?",
                     "What if we cut TV by 20% in Gamma?"):
        reply = ask(session, question)
        assert reply.caveat is not None and "Gamma's sales move with TV about" in reply.caveat, question
        assert reply.data["divergent"][0]["market"] == "Gamma"
    trend = ask(session, "How have sales trended in Gamma?")   # a market's trend: answered, no caveat to add
    assert trend.error is None and trend.intent == "trend"
    quiet = ask(session, "What is the ROI of Social in Alpha?")
    assert "divergent" not in quiet.data and "move with" not in (quiet.caveat or "")


def test_no_market_is_flagged_when_every_market_shares_the_curve(generated_panel):
    """The generated 10-market panel's truth is one curve per head for every market: nothing is flagged."""
    from analysis.panel.divergence import market_divergence

    assert market_divergence(generated_panel[1]) == ()


# ---------------------------------------------------------------- the seasonal peak beside the sales peak
def test_seasonality_net_of_controls_says_when_sales_themselves_peak(sample_fit):
    """A beverage's sales peak in Q3 with temperature, a control; the trend answer said "Seasonality matters: Q1 is
    the peak and Q3 the trough" (the calendar component left after the controls), which a director reads as when
    sales peak. With controls in the model and the two disagreeing, the answer now says both."""
    from types import SimpleNamespace

    from analysis.periods import trend_summary
    from assistant.answers.trend import trend_summary_reply

    summary = trend_summary(sample_fit)
    actual = sample_fit.decomposition.actual
    quarters = ((sample_fit.dataset.dates.month - 1) // 3 + 1).to_numpy()
    means = {q: actual[quarters == q].mean() for q in range(1, 5)}
    assert summary.sales_peak_quarter == max(means, key=means.get)
    assert summary.sales_trough_quarter == min(means, key=means.get)
    data = {"annual_growth_pct_trend": 4.6, "annual_growth_pct_actual": 3.7, "growing": "growing",
            "quarter_profile": {"Q1": 2.4, "Q2": -1.9, "Q3": -2.2, "Q4": 1.6}, "peak_quarter": "Q1",
            "trough_quarter": "Q3", "seasonal_amplitude_pct": 4.6, "seasonality_material": True, "spikes": [],
            "weeks": 130, "sales_peak_quarter": "Q3", "sales_trough_quarter": "Q1"}
    with_controls = SimpleNamespace(dataset=SimpleNamespace(control_names=("price", "promo", "temperature")))
    text = trend_summary_reply(with_controls, data, lead_with_season=True).headline
    assert "beyond what price, promo and temperature explain" in text and "highest in Q3 and lowest in Q1" in text
    plain = SimpleNamespace(dataset=SimpleNamespace(control_names=()))
    assert "highest in" not in trend_summary_reply(plain, data, lead_with_season=True).headline


def test_which_channel_brings_the_cheapest_sign_ups_is_a_return_question():
    """"Which channel brings the cheapest sign-ups?" on the sign-ups file was "not understood"; it asks for the
    lowest cost per sign-up, the ROI answer's cost-per-unit line. A goal that says "cheapest way to add …" stays a goal."""
    from router.types import Intent

    for text in ("Which channel brings the cheapest sign-ups?", "where do we get the cheapest conversions?"):
        assert _chat(text).intent is Intent.ROI
    assert _chat("cheapest way to add 10000 sign-ups").intent is Intent.OPTIMIZATION


# ---------------------------------------------------------------- the board pack when the plan keeps today's mix
def test_the_pack_tile_of_a_plan_that_keeps_todays_mix_says_so(no_safe_move, tmp_path):
    """The pack's tile read "Reallocation uplift ±$0 — 90% range $0 to $0; 0% chance of a loss" when no re-split is
    clear of a loss; it now says the plan keeps today's mix, as the chat does."""
    from assistant.report import build_board_pack
    from assistant.report.story import tiles
    from tests.helpers import session_for

    pack = build_board_pack(session_for(no_safe_move, tmp_path))
    tile = next(t for t in tiles(pack) if t.label == "Reallocation uplift")
    assert tile.value == "Keep today's mix" and "$0 to $0" not in tile.note
def test_markets_that_tie_are_said_at_one_figure_not_a_range_of_it(tmp_path):
    """Second pair of eyes: markets whose returns round to the same cents read "$7.24–$7.24", and "how sure?" after
    them "from $7.24 per $1 (Alpha) to $7.24 (Alpha)"."""
    import re

    from analysis.estimate import fit_model
    from analysis.loading import load_csv
    from assistant.answers.dispatch import ask
    from tests.helpers import session_for

    session = session_for(fit_model(load_csv(_odd_market_panel(tmp_path))), tmp_path)
    for question in ("What is the ROI of TV by market?", "how sure are you?"):
        reply = ask(session, question)
        assert reply.error is None, question
        figures = re.findall(r"\$\d+\.\d\d", reply.headline)
        assert not re.search(r"(\$\d+\.\d\d)\s*[–-]\s*\1\b", reply.headline), reply.headline
        assert not re.search(r"(\$\d+\.\d\d) per \$1 \((\w+)\) to \1 \(\2\)", reply.headline), reply.headline
        assert figures, reply.headline
