"""Session 11: the last session's named router gaps, each tested on paraphrases in five voices (CMO, finance lead,
analyst, terse, non-native speaker) and, where the answer changes, on the answer itself. On c393325 (the starting
code) 70 of these 79 tests fail; the 9 that pass are guards (what the fixes must not change: a what-if's own size, a
plain forecast, "does Radio pay for itself?", two plan totals, a why-question of its own, a one-step undo) and three
paraphrases the old rules already read."""
import numpy as np
import pytest

from router import Conversation, Intent, route
from tests.helpers import route_chat, route_one, session_for

MARKETS = ("North", "South", "East", "West", "Central")


def _ask(session, question):
    from assistant.answers.dispatch import ask

    return ask(session, question)


def _cons(q):
    return [(c.channel, c.kind, c.percentage) for c in q.constraints]


# --- a channel's own room beside a general limit ---------------------------------------------------------------------

@pytest.mark.parametrize(("asked", "own"), [
    ("Reallocate the budget with every channel within ±10% but TV may grow 30%.", ("TV", "max", 30.0)),      # the gap
    ("Optimise the mix, keep each channel within 10% of today, except TV which can go up to +30%.", ("TV", "max", 30.0)),
    ("how to reallocate, all channels max ±10%, social can grow 40%", ("Social", "max", 40.0)),               # terse
    ("Please optimize budget where every channel stay inside 10 percent but radio may increase until 30 percent.",
     ("Radio", "max", 30.0)),                                                                                  # non-native
    ("Optimal allocation with all channels within ±20% except TV, which can grow by 50%", ("TV", "max", 50.0)),
    ("Re-split the budget holding every channel within 15%, though Print can be cut by up to 50%.",
     ("Print", "min", -50.0)),                                                                                 # finance
    ("Optimise spend: nobody moves more than 15% apart from Social, which may go up 40%", ("Social", "max", 40.0)),
])
def test_a_channels_own_room_is_kept_beside_the_general_limit(asked, own):
    q = route_one(asked)
    assert q.intent is Intent.OPTIMIZATION, q.describe()
    cons = _cons(q)
    assert own in cons and any(c[0] is None and c[1] == "max" for c in cons), q.describe()


def test_in_a_whatif_a_channel_that_could_grow_is_the_change_itself():
    q = route_one("What if TV could grow 30%?")
    assert q.intent is Intent.SCENARIO and dict(q.changes) == {"TV": 30.0} and not q.constraints, q.describe()


def test_the_plan_keeps_tvs_own_room_and_the_general_limit(sample_fit, tmp_path):
    r = _ask(session_for(sample_fit, tmp_path), "Reallocate the budget with every channel within ±10% but TV may grow 30%.")
    alloc = r.data["allocation"]
    assert r.intent == "budget_optimization", r.headline
    assert alloc["TV"]["change_pct"] <= 30.0 + 1e-6
    assert all(-10.0 - 1e-6 <= v["change_pct"] <= 10.0 + 1e-6 for c, v in alloc.items() if c != "TV"), alloc


# --- a year said from its start ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("asked", "year"), [
    ("ROI by year since 2022", 2022), ("Show me our return on investment for each year from 2022 onwards.", 2022),
    ("How has ROI developed year by year since 2021?", 2021), ("Yearly ROI starting 2022 please", 2022),
    ("ROI for every year after 2021", 2022), ("what is roi of each year starting from 2023 until now", 2023),
])
def test_since_a_year_is_that_year_onwards(asked, year):
    q = route_one(asked)
    assert q.intent is Intent.ROI and q.period is not None and q.period.year == year and q.period.onwards, q.describe()


@pytest.mark.parametrize("asked", ["ROI from 2021 to 2023", "ROI in 2023", "sales after 2021 promotions"])
def test_a_year_alone_or_a_range_is_not_onwards(asked):
    q = route_one(asked)
    assert all(not p.onwards for p in q.periods), q.describe()


def test_roi_by_year_since_keeps_the_later_years(sample_fit, tmp_path):
    r = _ask(session_for(sample_fit, tmp_path), "ROI by year since 2022")
    assert [y["year"] for y in r.data["by_year"]] == ["2022", "2023", "2024"], r.headline


# --- a forecast of a change, and the spend where a channel stops paying ------------------------------------------------

@pytest.mark.parametrize(("asked", "channel", "pct", "weeks"), [
    ("What's the projected sales delta from tripling Social spend for 13 weeks?", "Social", 200.0, 13),
    ("Forecast the incremental sales if we double TV for the next 8 weeks.", "TV", 100.0, 8),
    ("Projected impact on revenue of halving Radio for six weeks?", "Radio", -50.0, 6),
    ("predict sales if digital +50% for 4 weeks", "Digital", 50.0, 4),
])
def test_a_forecast_of_a_change_is_a_whatif(asked, channel, pct, weeks):
    q = route_one(asked)
    assert q.intent is Intent.SCENARIO and dict(q.changes) == {channel: pct}, q.describe()
    assert (q.window is not None and q.window.weeks == weeks) or q.horizon == weeks, q.describe()


def test_a_plain_forecast_is_still_out_of_scope():
    q = route_one("Forecast next quarter's sales")
    assert q.intent is Intent.UNKNOWN and q.limit is not None and q.limit.kind == "forecasting", q.describe()


@pytest.mark.parametrize(("asked", "channel"), [
    ("At what weekly spend does Radio stop paying for itself?", "Radio"),
    ("Beyond what spend level does TV stop being profitable?", "TV"),
    ("How much can we put into Digital before the extra dollars stop paying back?", "Digital"),
    ("Radio: point where more spend no longer pays off?", "Radio"),
    ("are we past the point where more Social spend pays off?", "Social"),
    ("At what level of spend does TV become unprofitable?", "TV"),
])
def test_the_spend_where_a_channel_stops_paying_is_saturation(asked, channel):
    q = route_one(asked)
    assert q.intent is Intent.SATURATION and q.channels == (channel,), q.describe()


def test_does_it_pay_for_itself_is_still_its_return():
    assert route_one("Does Radio pay for itself?").intent is Intent.ROI


# --- two asks, one marked as the main one ------------------------------------------------------------------------------

@pytest.mark.parametrize(("asked", "intent"), [
    ("Are we past the point where more paid search spend pays off? That's the main thing. I'm also curious how "
     "Digital spend has trended, but that's secondary.", Intent.SATURATION),
    ("Mainly I want to know whether TV is saturated; secondarily, how have sales trended this year?", Intent.SATURATION),
    ("Most important: which channel has the best ROI? Less important, how has Radio trended.", Intent.ROI),
    ("First priority is the ROI of Social. Also, out of curiosity, what drove Q4?", Intent.ROI),
    ("Main question: is Print saturated. Side question: sales trend last quarter", Intent.SATURATION),
])
def test_the_main_ask_is_answered(asked, intent):
    q = route_one(asked)
    assert q.intent is intent and q.question == asked, q.describe()


def test_without_a_marker_the_message_is_read_whole():
    from router.asks import main_ask

    assert main_ask("What is the ROI of TV? And how did sales trend?") is None
    assert main_ask("By the way, what is the ROI of TV?") is None


# --- a plan at a budget against a cut of today's -----------------------------------------------------------------------

@pytest.mark.parametrize(("asked", "total", "move"), [
    ("Should we spend $5M or cut it by $1M?", 5e6, -1e6),
    ("Is it better to spend $3M, or to cut the budget by $500k?", 3e6, -5e5),
    ("spend 4m or cut 1m?", 4e6, -1e6),
    ("we should spend 2 million or reduce it with 300k, which is better?", 2e6, -3e5),
])
def test_spend_or_cut_is_a_plan_against_todays_budget_cut(asked, total, move):
    q = route_one(asked)
    assert [(b.kind, b.amount) for b in q.budgets] == [("total", total), ("increment", move)], q.describe()


def test_two_plan_budgets_are_still_two_totals():
    q = route_one("Compare a $5M plan with a $6M plan")
    assert [(b.kind, b.amount) for b in q.budgets] == [("total", 5e6), ("total", 6e6)]


def test_the_second_plan_is_todays_budget_less_the_cut(sample_fit, tmp_path):
    r = _ask(session_for(sample_fit, tmp_path), "Should we spend $5M or cut it by $1M?")
    plans = r.data["plans"]
    scale = sample_fit.dataset.money_scale
    assert plans[0]["total_budget"] * scale == pytest.approx(5e6)
    assert plans[1]["total_budget"] * scale == pytest.approx(plans[1]["current_total"] * scale - 1e6)
    assert "cut by" in r.headline, r.headline


# --- why? after a what-if or a plan ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "why", "intent"), [
    ("What if we cut TV by 20%?", "why?", Intent.SCENARIO),
    ("Double Radio for a month", "how come so small?", Intent.SCENARIO),
    ("Move 10% of TV into Digital", "what's driving that?", Intent.SCENARIO),
    ("How should we split $2M?", "Why that split?", Intent.OPTIMIZATION),
    ("Reallocate the same budget for max sales", "explain why", Intent.OPTIMIZATION),
    ("If Social gets 30% more, what happen to sales?", "why is it like this", Intent.SCENARIO),
])
def test_why_after_a_decision_asks_what_drives_it(first, why, intent):
    a, b = route_chat(first, why)
    assert b.intent is intent and b.focus == "why" and b.source == "context", b.describe()
    assert (b.changes, b.shift, b.budget) == (a.changes, a.shift, a.budget)


def test_a_why_question_of_its_own_is_not_the_last_decision():
    _, q = route_chat("What if we cut Print by 50%?", "why did sales drop in Q4?")
    assert q.intent is Intent.TREND and q.focus is None, q.describe()


def test_why_after_a_whatif_explains_the_return_per_dollar(sample_fit, tmp_path):
    session = session_for(sample_fit, tmp_path)
    first = _ask(session, "What if we cut TV by 20%?")
    why = _ask(session, "why?")
    assert why.headline != first.headline and "next $1" in why.headline, why.headline
    moved = why.data["why"]["channels"]["TV"]
    tv = first.data["channels"]["TV"]
    assert moved["return_per_dollar_moved"] == pytest.approx(tv["delta_sales"] / tv["delta_spend"], rel=1e-6)
    sat = next(c for c in session.saturation.channels if c.channel == "TV")
    assert moved["marginal_roi"] == pytest.approx(sat.marginal_roi, rel=1e-3)
    assert why.data["delta_sales"] == first.data["delta_sales"]   # the same what-if, explained


def test_why_after_a_plan_names_the_next_dollar_returns_it_evens_out(sample_fit, tmp_path):
    session = session_for(sample_fit, tmp_path)
    plan = _ask(session, "Reallocate the same budget for max sales")
    why = _ask(session, "why?")
    assert why.headline != plan.headline, why.headline
    alloc = plan.data["allocation"]
    now = why.data["why"]["next_dollar_now"]
    assert now == {c: alloc[c]["marginal_roi_current"] for c in now}
    ups = [c for c, v in alloc.items() if v["change_pct"] > 0.5]
    assert set(why.data["why"]["more"]) == set(ups) and all(c in why.headline for c in ups), why.headline


# --- undo, more than one step ------------------------------------------------------------------------------------------

def test_undo_steps_back_through_earlier_undos():
    turns = route_chat("What if we cut TV by 20%?", "and radio?", "make it 30%", "undo that", "undo that too")
    assert dict(turns[3].changes) == {"Radio": -20.0} and dict(turns[4].changes) == {"TV": -20.0}


@pytest.mark.parametrize(("back", "expected"), [("go back two steps", {"Digital": -10.0}),
                                                ("undo the last two", {"Digital": -10.0}),
                                                ("undo", {"Digital": -20.0})])
def test_undo_goes_back_as_many_steps_as_said(back, expected):
    *_, q = route_chat("Cut Digital 10%", "now 20%", "and Print", back)
    assert dict(q.changes) == expected, q.describe()


# --- markets -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("asked", "unknown"), [
    ("ROI of TV in North", ("North",)), ("What's Radio's contribution in the Northeast region?", ("Northeast",)),
    ("What if we cut TV by 20% in London?", ("London",)), ("How does Digital perform in the south market?", ("south",)),
    ("TV ROI in North vs South", ("North", "South")), ("Whats the ROI of radio in the north-east?", ("north-east",)),
])
def test_a_market_the_data_lacks_is_read(asked, unknown):
    q = route_one(asked)
    assert q.unknown_geos == unknown and q.intent is not Intent.UNKNOWN, q.describe()


@pytest.mark.parametrize("asked", ["ROI of TV in Q4", "What is the ROI of TV in total?", "Is Social saturated in the long run?",
                                   "How is the weather for tomorrow in Madrid?", "Is there a seasonal pattern in Social's effect?",
                                   "What drove sales in December?", "Export it in Excel"])
def test_no_market_is_read_where_there_is_none(asked):
    assert route_one(asked).unknown_geos == ()


def test_on_a_panel_a_market_it_lacks_is_read_and_one_it_has_is_not():
    q = route("ROI of TV in North vs Scotland", Conversation(geos=MARKETS))
    assert q.geos == ("North",) and q.unknown_geos == ("Scotland",), q.describe()


def test_the_answer_says_the_data_has_no_markets(sample_fit, tmp_path):
    r = _ask(session_for(sample_fit, tmp_path), "ROI of TV in North")
    assert "no markets" in r.facts[0] and "North" in r.facts[0], r.facts
    assert r.routed.unknown_geos == ("North",)


@pytest.mark.parametrize(("asked", "move"), [
    ("Move 10% of TV budget from Central to North", ("Central", "North", 10.0, None)),
    ("shift $200k of Radio spend from the South to the East market", ("South", "East", None, 200000.0)),
    ("move 5% of the budget from West to East", ("West", "East", 5.0, None)),
])
def test_money_moved_between_markets_is_a_market_shift(asked, move):
    q = route(asked, Conversation(geos=MARKETS))
    s = q.geo_shift
    assert q.intent is Intent.SCENARIO and s is not None and not q.changes, q.describe()
    assert (s.from_market, s.to_market, s.percentage, s.amount) == move


def test_a_market_shift_is_a_cut_in_one_market_and_a_raise_in_the_other(generated_panel):
    """Moving 20% of a channel from A to B, landing in B's own weeks, is A's channel -20% plus B's channel raised by the
    same dollars: national spend is unchanged and the point figure is the sum of the two market what-ifs."""
    from analysis.panel.results import market_scenario, market_shift

    _, fit = generated_panel
    name, panel = fit.channel_names[0], fit.dataset.panel
    a, b = panel.markets[:2]
    j = fit.channel_names.index(name)
    spend = np.asarray(panel.spend, dtype=float)
    moved = 0.2 * spend[:, panel.markets.index(a), j].sum()
    raise_pct = 100.0 * moved / spend[:, panel.markets.index(b), j].sum()
    result = market_shift(fit, (name,), a, b, percentage=20.0)
    assert result.spend_change == pytest.approx(0.0, abs=1e-6 * moved)
    assert [m for m, _, _ in result.by_market] == [a, b]
    both = (market_scenario(fit, {name: -20.0}, (a,)).delta_sales
            + market_scenario(fit, {name: raise_pct}, (b,)).delta_sales)
    assert result.delta_sales == pytest.approx(both, rel=1e-9)
    assert result.delta_low <= result.delta_sales <= result.delta_high
    by_amount = market_shift(fit, (name,), a, b, amount=moved)
    assert by_amount.delta_sales == pytest.approx(result.delta_sales, rel=1e-9)


def test_a_market_shift_is_answered_in_a_chat(generated_panel, tmp_path):
    truth, fit = generated_panel
    session = session_for(fit, tmp_path)
    a, b = fit.dataset.panel.markets[:2]
    r = _ask(session, f"Move 10% of {fit.channel_names[0]} budget from {a} to {b}")
    assert r.data["shift"]["from_market"] == a and r.data["shift"]["to_market"] == b, r.headline
    spends = [v["delta_spend"] for v in r.data["by_market"].values()]
    assert spends[0] == pytest.approx(-spends[1], rel=1e-6) and spends[0] < 0
    assert r.headline.startswith("Moving 10%"), r.headline
    assert np.isfinite(r.data["delta_sales_low"]) and r.data["delta_sales_low"] <= r.data["delta_sales"]


def test_saturation_in_a_market_is_that_markets_place_on_the_curve(generated_panel, tmp_path):
    """ "Is TV saturated in Geo0?" was the national answer (or Geo0's ROI): now Geo0's share of the curve's maximum and
    its next $1, the next $1 being what a small rise in Geo0 alone adds per dollar."""
    from analysis.panel.results import market_saturation, market_scenario

    _, fit = generated_panel
    name, panel = fit.channel_names[0], fit.dataset.panel
    market = panel.markets[0]
    r = _ask(session_for(fit, tmp_path), f"Is {name} saturated in {market}?")
    assert r.intent == "saturation" and r.data["level"] == "market" and list(r.data["markets"]) == [market], r.headline
    assert r.data["channel"] == name and "marginal_roi" in r.data["markets"][market], r.data
    row = market_saturation(fit, name, (market,))[0]
    bump = market_scenario(fit, {name: 1.0}, (market,))
    assert row.marginal_roi == pytest.approx(bump.delta_sales / bump.spend_change, rel=0.02)
    assert 0.0 < row.saturation_pct < 100.0 and f"{row.saturation_pct:.0f}%" in r.headline, r.headline
    every = market_saturation(fit, name)
    assert [x.market for x in every] == list(panel.markets)


def test_a_trend_in_a_market_is_that_markets_own(generated_panel, tmp_path):
    """ "How have sales trended in Geo0?" was the national trend with a note: now Geo0's last 52 weeks against the 52
    before, split into its channels' incremental sales, its baseline and the unexplained rest."""
    _, fit = generated_panel
    panel = fit.dataset.panel
    market = panel.markets[0]
    r = _ask(session_for(fit, tmp_path), f"How have sales trended in {market}?")
    assert r.intent == "trend" and r.data["level"] == "market" and r.data["market"] == market, r.headline
    g, n = 0, fit.dataset.n_weeks
    now, before = slice(n - 52, n), slice(n - 104, n - 52)
    sales = np.asarray(panel.sales)[:, g]
    assert r.data["change_pct"] == pytest.approx(100 * (sales[now].mean() / sales[before].mean() - 1), rel=1e-4)
    j = 0
    parts = fit.market_contributions[:, g, j]
    assert r.data["drivers"][fit.channel_names[j]] == pytest.approx(
        100 * (parts[now].mean() - parts[before].mean()) / sales[before].mean(), rel=1e-4, abs=1e-6)
    total = sum(r.data["drivers"].values()) + r.data["unexplained_pts"]
    assert total == pytest.approx(r.data["change_pct"], abs=1e-3)
    assert market in r.headline and "This is the national answer" not in " ".join(r.facts)


def test_the_s11_probe_set_is_a_floor():
    """The probe written before these fixes (first run on c393325: 78.3% intent, 54.2% entities; 37 of 83 fully
    right) is read whole now; a floor for later sessions, not an unseen figure."""
    from router.eval import PROBE_SETS, load, run

    path = next(p for p in PROBE_SETS if p.name == "router_probe_s11.jsonl")
    report = run(load(path), path.name)
    assert len(report.outcomes) >= 83 and report.intent_accuracy >= 0.97 and report.entity_accuracy >= 0.95
