"""Sixteenth session, router families a fresh blind set (router_blind19, never opened here) missed, read generally:
each family's paraphrases below are this helper's own, written before any rule changed, in the evaluation's case
format (router/eval.py's docstring) and judged by its `check`; the guards at the end must read as they did before."""
from __future__ import annotations

import pytest

from tests.helpers import router_misses

M = 1_000_000.0
K = 1_000.0

# ------------------------------------------------------------------ 1. a plan's limits said relative to today
TODAY_LIMITS = [
    {"q": "How should we split $10M? Keep TV at least where it is.", "i": "budget_optimization", "ch": ["TV"],
     "budget": {"kind": "total", "amount": 10 * M}, "cons": [["TV", "min", None, 0.0]]},
    {"q": "Optimise a $5M budget with Radio no lower than today", "i": "budget_optimization", "ch": ["Radio"],
     "budget": {"kind": "total", "amount": 5 * M}, "cons": [["Radio", "min", None, 0.0]]},
    {"q": "Allocate $4M with Digital floored at current spend", "i": "budget_optimization", "ch": ["Digital"],
     "budget": {"kind": "total", "amount": 4 * M}, "cons": [["Digital", "min", None, 0.0]]},
    {"q": "Split $6M across the mix, with Social not below its current level", "i": "budget_optimization",
     "ch": ["Social"], "budget": {"kind": "total", "amount": 6 * M}, "cons": [["Social", "min", None, 0.0]]},
    {"q": "Split $5M; TV we cannot reduce more than 10 percent", "i": "budget_optimization", "ch": ["TV"],
     "budget": {"kind": "total", "amount": 5 * M}, "cons": [["TV", "min", None, -10.0]]},
    {"q": "Best allocation of $3M? Radio we can't cut by more than 15%.", "i": "budget_optimization", "ch": ["Radio"],
     "budget": {"kind": "total", "amount": 3 * M}, "cons": [["Radio", "min", None, -15.0]]},
    {"q": "Plan $3M, Radio can drop at most 15%", "i": "budget_optimization", "ch": ["Radio"],
     "budget": {"kind": "total", "amount": 3 * M}, "cons": [["Radio", "min", None, -15.0]]},
    {"q": "Reallocate at current total spend, every channel bounded between 50% and 150% of its current level",
     "i": "budget_optimization", "budget": {"kind": "ratio", "amount": 1.0},
     "cons": [[None, "min", None, -50.0], [None, "max", None, 50.0]]},
    {"q": "Optimise the mix with each channel kept between 80% and 120% of today's spend", "i": "budget_optimization",
     "cons": [[None, "min", None, -20.0], [None, "max", None, 20.0]]},
    {"q": "Allocate $2.5M with no channel taking more than 40% of it", "i": "budget_optimization",
     "budget": {"kind": "total", "amount": 2.5 * M}, "cons": [[None, "max", 1 * M, None]]},
    {"q": "How would you split $4M if no single channel gets more than a quarter of the budget?",
     "i": "budget_optimization", "budget": {"kind": "total", "amount": 4 * M}, "cons": [[None, "max", 1 * M, None]]},
    {"q": "We're committed to $3M of TV, treat that as fixed. How should we spend the rest of $8M?",
     "i": "budget_optimization", "ch": ["TV"], "budget": {"kind": "total", "amount": 8 * M},
     "cons": [["TV", "fixed", 3 * M, None]]},
    {"q": "We've already signed $1.2M for Radio, that's locked. Best split of $6M?", "i": "budget_optimization",
     "ch": ["Radio"], "budget": {"kind": "total", "amount": 6 * M}, "cons": [["Radio", "fixed", 1.2 * M, None]]},
    {"q": "split 6m, min 500k tv", "i": "budget_optimization", "ch": ["TV"],
     "budget": {"kind": "total", "amount": 6 * M}, "cons": [["TV", "min", 500 * K, None]]},
    {"q": "allocate 3m max 400k print", "i": "budget_optimization", "ch": ["Print"],
     "budget": {"kind": "total", "amount": 3 * M}, "cons": [["Print", "max", 400 * K, None]]},
    {"q": "how should we allocate $4M? the digital minimum 300 thousands", "i": "budget_optimization",
     "ch": ["Digital"], "budget": {"kind": "total", "amount": 4 * M}, "cons": [["Digital", "min", 300 * K, None]]},
]

# ------------------------------------------------------------------ 2. limits said after a plan
PLAN_FOLLOW_UPS = [
    {"q": "how should we split $2M next year?", "i": "budget_optimization", "conv": 1,
     "budget": {"kind": "total", "amount": 2 * M}},
    {"q": "no print", "i": "budget_optimization", "conv": 1, "ch": ["Print"],
     "budget": {"kind": "total", "amount": 2 * M}, "cons": [["Print", "max", 0.0, None]]},
    {"q": "But TV we cannot reduce more than 10 percent", "i": "budget_optimization", "conv": 1, "ch": ["Print", "TV"],
     "budget": {"kind": "total", "amount": 2 * M}, "cons": [["Print", "max", 0.0, None], ["TV", "min", None, -10.0]]},
    {"q": "Also radio please keep same", "i": "budget_optimization", "conv": 1, "ch": ["Print", "TV", "Radio"],
     "budget": {"kind": "total", "amount": 2 * M},
     "cons": [["Print", "max", 0.0, None], ["TV", "min", None, -10.0], ["Radio", "fixed", None, None]]},
    {"q": "what if 4m instead", "i": "budget_optimization", "conv": 1, "ch": ["Print", "TV", "Radio"],
     "budget": {"kind": "total", "amount": 4 * M},
     "cons": [["Print", "max", 0.0, None], ["TV", "min", None, -10.0], ["Radio", "fixed", None, None]]},
    {"q": "Where should $3M go?", "i": "budget_optimization", "conv": 2, "budget": {"kind": "total", "amount": 3 * M}},
    {"q": "And Social we can't cut more than 20%", "i": "budget_optimization", "conv": 2, "ch": ["Social"],
     "budget": {"kind": "total", "amount": 3 * M}, "cons": [["Social", "min", None, -20.0]]},
    {"q": "digital too, keep it same", "i": "budget_optimization", "conv": 2, "ch": ["Social", "Digital"],
     "budget": {"kind": "total", "amount": 3 * M},
     "cons": [["Social", "min", None, -20.0], ["Digital", "fixed", None, None]]},
]

# ------------------------------------------------------------------ 3. goals
GOALS = [
    {"q": "What's the most we can cut from media without losing more than 1% of sales?", "i": "budget_optimization",
     "conv": 3, "goal": ["keep_sales_within", 1.0, None]},
    {"q": "what if we can live with a 2% drop in sales?", "i": "budget_optimization", "conv": 3,
     "goal": ["keep_sales_within", 2.0, None]},
    {"q": "and if we could accept losing 3% of revenue?", "i": "budget_optimization", "conv": 3,
     "goal": ["keep_sales_within", 3.0, None]},
    {"q": "we want to arrive to 120 millions of sales next year, how much budget we need?", "i": "budget_optimization",
     "goal": ["reach_sales", 120 * M, None]},
    {"q": "How much do we have to spend to arrive at $90M revenue?", "i": "budget_optimization",
     "goal": ["reach_sales", 90 * M, None]},
    {"q": "what would it take to get to $150M in sales, still with TV no lower than today?", "i": "budget_optimization",
     "ch": ["TV"], "goal": ["reach_sales", 150 * M, None], "cons": [["TV", "min", None, 0.0]]},
]

# ------------------------------------------------------------------ 4. a budget range: a plan at each end
RANGES = [
    {"q": "assume $5M–$6M for FY25, show the allocation at each end", "i": "budget_optimization",
     "budgets": [{"kind": "rate", "amount": 5 * M, "per": "year"}, {"kind": "rate", "amount": 6 * M, "per": "year"}]},
    {"q": "2-2.5m next yr how split", "i": "budget_optimization",
     "budgets": [{"kind": "rate", "amount": 2 * M, "per": "year"}, {"kind": "rate", "amount": 2.5 * M, "per": "year"}]},
    {"q": "We'll have somewhere between $3M and $4M next year. How should it be split at either end?",
     "i": "budget_optimization",
     "budgets": [{"kind": "rate", "amount": 3 * M, "per": "year"}, {"kind": "rate", "amount": 4 * M, "per": "year"}]},
]

# ------------------------------------------------------------------ 5. several moves, terse
MOVES = [
    {"q": "tv -10%, dig +15, soc +5", "i": "budget_scenario", "ch": ["TV", "Digital", "Social"],
     "chg": {"TV": -10.0, "Digital": 15.0, "Social": 5.0}},
    {"q": "radio +20%, print -10, social +5", "i": "budget_scenario", "ch": ["Radio", "Print", "Social"],
     "chg": {"Radio": 20.0, "Print": -10.0, "Social": 5.0}},
    {"q": "Scenario A: TV −10%, Digital +10%. Scenario B: Radio −10%, Social +10%", "i": "budget_scenario",
     "ch": ["TV", "Digital", "Radio", "Social"],
     "scenarios": [{"chg": {"TV": -10.0, "Digital": 10.0}}, {"chg": {"Radio": -10.0, "Social": 10.0}}]},
    {"q": "Option 1: Print -20%, Social +20%. Option 2: TV -5%, Radio +15%", "i": "budget_scenario",
     "ch": ["Print", "Social", "TV", "Radio"],
     "scenarios": [{"chg": {"Print": -20.0, "Social": 20.0}}, {"chg": {"TV": -5.0, "Radio": 15.0}}]},
    {"q": "Compare two scenarios. A: TV −10%, Digital +10%. B: Radio −10%, Social +10%", "i": "budget_scenario",
     "ch": ["TV", "Digital", "Radio", "Social"],
     "scenarios": [{"chg": {"TV": -10.0, "Digital": 10.0}}, {"chg": {"Radio": -10.0, "Social": 10.0}}]},
    {"q": "Scenario A: TV −10%, Digital +10%.", "i": "budget_scenario", "conv": 30, "ch": ["TV", "Digital"],
     "chg": {"TV": -10.0, "Digital": 10.0}},
    {"q": "Scenario B: Radio −10%, Social +10%", "i": "budget_scenario", "conv": 30,
     "ch": ["TV", "Digital", "Radio", "Social"],
     "scenarios": [{"chg": {"TV": -10.0, "Digital": 10.0}}, {"chg": {"Radio": -10.0, "Social": 10.0}}]},
    {"q": "Option 1: cut Print 20%", "i": "budget_scenario", "conv": 31, "ch": ["Print"], "chg": {"Print": -20.0}},
    {"q": "Option 2: cut Radio 20%", "i": "budget_scenario", "conv": 31, "ch": ["Print", "Radio"],
     "scenarios": [{"chg": {"Print": -20.0}}, {"chg": {"Radio": -20.0}}]},
    {"q": "Run +$2M TV vs +$2M Digital over the full year; incremental revenue and mROAS for each",
     "i": "budget_scenario", "ch": ["TV", "Digital"],
     "scenarios": [{"amt": {"TV": 2 * M}}, {"amt": {"Digital": 2 * M}}]},
    {"q": "+$500k Radio versus +$500k Social: which gives the better marginal ROAS?", "i": "budget_scenario",
     "ch": ["Radio", "Social"], "scenarios": [{"amt": {"Radio": 500 * K}}, {"amt": {"Social": 500 * K}}]},
]

# ------------------------------------------------------------------ 6. follow-ups of a money what-if or a move
MONEY_FOLLOW_UPS = [
    {"q": "what if we add $100k on Digital?", "i": "budget_scenario", "conv": 4, "ch": ["Digital"], "amt": 100 * K},
    {"q": "versus the same on Social?", "i": "budget_scenario", "conv": 4, "ch": ["Digital", "Social"],
     "scenarios": [{"amt": {"Digital": 100 * K}}, {"amt": {"Social": 100 * K}}]},
    {"q": "Put an extra $250k into Radio", "i": "budget_scenario", "conv": 5, "ch": ["Radio"], "amt": 250 * K},
    {"q": "compared with doing the same in Print?", "i": "budget_scenario", "conv": 5, "ch": ["Radio", "Print"],
     "scenarios": [{"amt": {"Radio": 250 * K}}, {"amt": {"Print": 250 * K}}]},
    {"q": "move 10% of TV to Digital", "i": "budget_scenario", "conv": 6, "ch": ["TV", "Digital"],
     "shift": ["TV", "Digital", 10.0, None]},
    {"q": "nvm meant radio->digital", "i": "budget_scenario", "conv": 6, "ch": ["Radio", "Digital"],
     "shift": ["Radio", "Digital", 10.0, None]},
    {"q": "cut TV 10%", "i": "budget_scenario", "conv": 12, "ch": ["TV"], "chg": {"TV": -10.0}},
    {"q": "versus the same on Radio?", "i": "budget_scenario", "conv": 12, "ch": ["TV", "Radio"],
     "scenarios": [{"chg": {"TV": -10.0}}, {"chg": {"Radio": -10.0}}]},
    {"q": "shift $200k from Print to Social", "i": "budget_scenario", "conv": 13, "ch": ["Print", "Social"],
     "shift": ["Print", "Social", None, 200 * K]},
    {"q": "actually tv -> social", "i": "budget_scenario", "conv": 13, "ch": ["TV", "Social"],
     "shift": ["TV", "Social", None, 200 * K]},
    {"q": "shift 15% of Print into Social", "i": "budget_scenario", "conv": 7, "ch": ["Print", "Social"],
     "shift": ["Print", "Social", 15.0, None]},
    {"q": "sorry, I meant tv -> social", "i": "budget_scenario", "conv": 7, "ch": ["TV", "Social"],
     "shift": ["TV", "Social", 15.0, None]},
]

# ------------------------------------------------------------------ 7. intents
INTENTS = [
    {"q": "which channel is pulling the most weight?", "i": "contribution"},
    {"q": "Which of our media is carrying the most weight in sales?", "i": "contribution"},
    {"q": "how do we stack up against Nike on ad spend?", "i": "unknown"},
    {"q": "How does our media spend compare to our main rival's?", "i": "unknown"},
    {"q": "what's the interest rate outlook for next year?", "i": "unknown"},
    {"q": "Where are inflation and interest rates heading in 2025?", "i": "unknown"},
    # (blind16 labels "bid strategy for our paid search campaigns" unknown with no unknown channel: search is read as
    # Digital on this data, so only the intent is asserted here)
    {"q": "what's the optimal bid strategy for our Google Ads search campaigns?", "i": "unknown"},
    {"q": "attribute the March 2024 dip – media or baseline?", "i": "trend", "period": ["month", 3, 2024]},
    {"q": "was the Q3 2023 slump media or baseline?", "i": "trend", "period": ["quarter", 3, 2023]},
    {"q": "q4 drivers", "i": "trend", "period": ["quarter", 4, None]},
    {"q": "h1 2024 drivers?", "i": "trend", "period": ["half", 1, 2024]},
    {"q": "is social actually doing anything for us, or is it just vanity?", "i": "contribution", "ch": ["Social"]},
    {"q": "how should we split $2M?", "i": "budget_optimization", "conv": 8, "budget": {"kind": "total", "amount": 2 * M}},
    {"q": "is that realistic or are you just guessing?", "i": "model_quality", "conv": 8},
    {"q": "what if we cut TV by 20%?", "i": "budget_scenario", "conv": 9, "ch": ["TV"], "chg": {"TV": -20.0}},
    {"q": "is this number sure or only an estimation?", "i": "model_quality", "conv": 9},
    {"q": "Raise Radio 10%", "i": "budget_scenario", "conv": 10, "ch": ["Radio"], "chg": {"Radio": 10.0}},
    {"q": "can we believe that or is it a guess?", "i": "model_quality", "conv": 10},
]

# ------------------------------------------------------------------ 8. the trailing 52 weeks, kept by a follow-up
TRAILING = [
    {"q": "what's the contribution by channel over the trailing 52 weeks?", "i": "contribution", "conv": 11,
     "period": ["relative", "last", "week", 52]},
    {"q": "and ROI over the same window?", "i": "roi_analysis", "conv": 11, "period": ["relative", "last", "week", 52]},
    {"q": "Contribution over the trailing 13 weeks", "i": "contribution", "period": ["relative", "last", "week", 13]},
]

# ------------------------------------------------------------------ 9. extra money said as a kind of spend
EXTRA_MONEY = [
    {"q": "how should we use $250k a month of discretionary spend?", "i": "budget_optimization",
     "budget": {"kind": "increment", "amount": 250 * K, "per": "month"}},
    {"q": "Where would $1M of discretionary budget do the most good?", "i": "budget_optimization",
     "budget": {"kind": "increment", "amount": 1 * M}},
]

# ------------------------------------------------------------------ guards: readings that must not change
GUARDS = [
    {"q": "Split $2M with TV at least $500k", "i": "budget_optimization", "ch": ["TV"],
     "budget": {"kind": "total", "amount": 2 * M}, "cons": [["TV", "min", 500 * K, None]]},
    {"q": "What if we cut TV by 10%?", "i": "budget_scenario", "ch": ["TV"], "chg": {"TV": -10.0}},
    {"q": "Keep TV at $500k and optimise the rest", "i": "budget_optimization", "ch": ["TV"],
     "cons": [["TV", "fixed", 500 * K, None]]},
    {"q": "Compare a $5M plan with a $6M plan", "i": "budget_optimization",
     "budgets": [{"kind": "total", "amount": 5 * M}, {"kind": "total", "amount": 6 * M}]},
    {"q": "Rebalance the budget, TV no more than 25% of the budget", "i": "budget_optimization", "ch": ["TV"]},
    {"q": "cut TV 20% vs cut Radio 20%", "i": "budget_scenario", "ch": ["TV", "Radio"],
     "scenarios": [{"chg": {"TV": -20.0}}, {"chg": {"Radio": -20.0}}]},
    {"q": "What drove Q4 2023?", "i": "trend", "period": ["quarter", 4, 2023]},
    {"q": "Which channel contributes the most to sales?", "i": "contribution"},
    {"q": "How sure are you about that plan?", "i": "model_quality"},
    {"q": "What's the ROI of TV?", "i": "roi_analysis", "ch": ["TV"]},
    {"q": "how should we split an extra $500k?", "i": "budget_optimization",
     "budget": {"kind": "increment", "amount": 500 * K}},
    {"q": "What if we cut Radio by 15%?", "i": "budget_scenario", "conv": 20, "ch": ["Radio"], "chg": {"Radio": -15.0}},
    {"q": "and TV?", "i": "budget_scenario", "conv": 20, "ch": ["TV"], "chg": {"TV": -15.0}},
    {"q": "lets dig into TV roi", "i": "roi_analysis", "ch": ["TV"]},
    {"q": "A) tv -10%, radio -10%, print -10%", "i": "budget_scenario", "ch": ["TV", "Radio", "Print"],
     "chg": {"TV": -10.0, "Radio": -10.0, "Print": -10.0}},
    {"q": "Scenario A: TV −10%", "i": "budget_scenario", "conv": 32, "ch": ["TV"], "chg": {"TV": -10.0}},
    {"q": "what about radio?", "i": "budget_scenario", "conv": 32, "ch": ["Radio"], "chg": {"Radio": -10.0}},
    {"q": "move 10% of TV to Digital", "i": "budget_scenario", "conv": 22, "shift": ["TV", "Digital", 10.0, None],
     "ch": ["TV", "Digital"]},
    {"q": "compare TV to Social", "i": "roi_analysis", "conv": 22, "ch": ["TV", "Social"]},
    {"q": "the budget is going from $5M to $6M, how should we split it?", "i": "budget_optimization",
     "budget": {"kind": "total", "amount": 6 * M}},
    {"q": "Optimal allocation at current total spend plus 15%.", "i": "budget_optimization",
     "budget": {"kind": "ratio", "amount": 1.15}},
    {"q": "Is each extra dollar in Facebook still doing anything?", "i": "saturation", "ch": ["Social"]},
    {"q": "Split $3M", "i": "budget_optimization", "conv": 21, "budget": {"kind": "total", "amount": 3 * M}},
    {"q": "And Print can't go below $500k", "i": "budget_optimization", "conv": 21, "ch": ["Print"],
     "budget": {"kind": "total", "amount": 3 * M}, "cons": [["Print", "min", 500 * K, None]]},
]

FAMILIES = {"today_limits": TODAY_LIMITS, "plan_follow_ups": PLAN_FOLLOW_UPS, "goals": GOALS, "ranges": RANGES,
            "moves": MOVES, "money_follow_ups": MONEY_FOLLOW_UPS, "intents": INTENTS, "trailing": TRAILING,
            "extra_money": EXTRA_MONEY, "guards": GUARDS}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_reads_every_paraphrase(family):
    assert router_misses(FAMILIES[family], "s16_b19") == []


# ------------------------------------------------------------------ the answers that use the new readings
@pytest.fixture(scope="module")
def sample_session(sample_fit, tmp_path_factory):
    from tests.helpers import session_for
    return session_for(sample_fit, tmp_path_factory.mktemp("router_s16_b19"))


def test_a_budget_range_is_answered_as_a_plan_at_each_end(sample_session):
    """ "2-2.5m next yr how split" on the sample (in $000s): two plans, $2.0M and $2.5M over the year (read before as
    one $2.5M plan)."""
    from assistant.answers.dispatch import ask
    sample_session.reset()
    reply = ask(sample_session, "2-2.5m next yr how split")
    assert [p["total_budget"] for p in reply.data["plans"]] == pytest.approx([2000.0, 2500.0])
    assert reply.data["horizon_weeks"] == 52


def test_money_committed_to_a_channel_is_held_there_and_the_rest_is_planned(sample_session):
    """ "committed to $3M of TV, treat that as fixed … the rest of $8M": TV at $3M (the sample is in $000s) inside an
    $8M plan (read before as a $3M budget)."""
    from assistant.answers.dispatch import ask
    sample_session.reset()
    reply = ask(sample_session, "We're committed to $3M of TV, treat that as fixed. How should we spend the rest of $8M?")
    alloc = reply.data["allocation"]
    assert reply.data["total_budget"] == pytest.approx(8000.0)
    assert alloc["TV"]["recommended"] == pytest.approx(3000.0, abs=0.5)
    assert sum(v["recommended"] for v in alloc.values()) == pytest.approx(8000.0, abs=1.0)


def test_a_share_of_no_stated_money_stays_a_share_until_the_budget_is_known():
    """With no money said, "no channel takes more than 40% of the budget" keeps the share (channel None, share 0.4),
    which the assistant turns into money once it knows the plan's budget (below)."""
    from router import route
    q = route("rebalance the mix so that no channel takes more than 40% of the budget")
    assert q.intent.value == "budget_optimization"
    assert [(c.channel, c.kind, c.amount, c.share) for c in q.constraints] == [(None, "max", None, 0.4)]


def test_every_channel_capped_at_a_share_of_todays_budget(sample_session):
    """Same budget ($6.75M on the sample's last 52 weeks): every channel at most 40% of it, $2.70M; TV (today $2.76M)
    is held to that cap."""
    from assistant.answers.dispatch import ask
    sample_session.reset()   # a question of its own, not a follow-up of the plans asked above
    reply = ask(sample_session, "rebalance the mix so that no channel takes more than 40% of the budget")
    alloc = reply.data["allocation"]
    cap = 0.4 * reply.data["total_budget"]
    assert cap == pytest.approx(2700.0, rel=1e-3)
    assert max(v["recommended"] for v in alloc.values()) <= cap + 0.5
    assert alloc["TV"]["current"] > cap


def test_a_money_cap_on_every_channel_holds_on_a_far_budget(sample_session):
    """"$2.5M with no channel taking more than 40% of it" (0.37× today's $6.75M): each channel follows its share of
    the new budget and none passes $1.00M (TV's share would be $1.02M); refused before as below the ±30% guard."""
    from assistant.answers.dispatch import ask
    sample_session.reset()
    reply = ask(sample_session, "how should we split $2.5M with no channel taking more than 40% of it")
    alloc = reply.data["allocation"]
    assert reply.data["total_budget"] == pytest.approx(2500.0)
    assert max(v["recommended"] for v in alloc.values()) <= 1000.0 + 0.5
    assert sum(v["recommended"] for v in alloc.values()) == pytest.approx(2500.0, abs=1.0)


def test_a_band_around_today_is_still_refused_on_a_far_budget(sample_session):
    """Guard: "every channel within ±10%" cannot follow a $2.5M budget (0.37× today's): refused, naming the limits."""
    from assistant.answers.dispatch import ask
    sample_session.reset()
    reply = ask(sample_session, "split $2.5M with every channel within 10% of today")
    assert "allocation" not in reply.data and "below" in reply.headline
