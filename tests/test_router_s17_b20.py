"""Seventeenth session, router families a fresh blind set (router_blind20, never opened here) missed, read generally:
each family's paraphrases below are this helper's own, written before any rule changed, in the evaluation's case
format (router/eval.py's docstring) and judged by its `check`; the guards at the end must read as they did before."""
from __future__ import annotations

import pytest

from tests.helpers import router_misses

M = 1_000_000.0
K = 1_000.0

# ------------------------------------------------------------------ 1. off-topic asks that mention a time or money
OFF_TOPIC = [
    {"q": "Can you write the newsletter for our spring sale?", "i": "unknown"},
    {"q": "draft a press release about our Q3 results", "i": "unknown"},
    {"q": "Compose the launch email for the autumn campaign please", "i": "unknown"},
    {"q": "How much interest would we pay on a $2M bank loan?", "i": "unknown"},
    {"q": "what would a 500k credit line cost us in interest next year?", "i": "unknown"},
    {"q": "Should we renegotiate the office lease this year?", "i": "unknown"},
    {"q": "is the warehouse rent too high for 2024?", "i": "unknown"},
    {"q": "Where will the euro trade against the dollar in March?", "i": "unknown"},
    {"q": "what will the pound be worth against the dollar next quarter?", "i": "unknown"},
]

# ------------------------------------------------------------------ 2. follow-ups that keep the earlier reading
KEPT_READING = [
    {"q": "Break down sales by channel for 2022", "i": "contribution", "conv": 1, "period": ["year", 2022]},
    {"q": "Same breakdown for 2023.", "i": "contribution", "conv": 1, "period": ["year", 2023], "src": "context"},
    {"q": "and the same split for 2021?", "i": "contribution", "conv": 1, "period": ["year", 2021], "src": "context"},
    {"q": "What caused the slump in Q3 2022?", "i": "trend", "conv": 2, "period": ["quarter", 3, 2022]},
    {"q": "Which channels are behind the decline?", "i": "trend", "conv": 2, "period": ["quarter", 3, 2022],
     "src": "context"},
    {"q": "what drove the spike in Q4 2023?", "i": "trend", "conv": 3, "period": ["quarter", 4, 2023]},
    {"q": "which media explain that jump?", "i": "trend", "conv": 3, "period": ["quarter", 4, 2023], "src": "context"},
    {"q": "Why did sales dip in Q1 2024?", "i": "trend", "conv": 4, "period": ["quarter", 1, 2024]},
    {"q": "What channels account for the fall?", "i": "trend", "conv": 4, "period": ["quarter", 1, 2024],
     "src": "context"},
    # (added after the rule) a channel asked about the change: still that trend, over its weeks
    {"q": "What drove sales in Q4 2023?", "i": "trend", "conv": 6, "period": ["quarter", 4, 2023]},
    {"q": "did TV cause that jump?", "i": "trend", "conv": 6, "ch": ["TV"], "period": ["quarter", 4, 2023],
     "src": "context"},
]

# ------------------------------------------------------------------ 3. what the tool can do; "resume" = summary
ABOUT_THE_TOOL = [
    {"q": "What analyses can you run, and what data does each one need?", "i": "help"},
    {"q": "what can you analyze and which data do you need from me for each?", "i": "help"},
    {"q": "Which analyses do you offer and what inputs does each need from us?", "i": "help"},
    {"q": "give me a short resume of the main results for the direction", "i": "executive_summary"},
    {"q": "Can you make a resume of the findings for my boss?", "i": "executive_summary"},
    {"q": "a brief resume of what the model found, please", "i": "executive_summary"},
]

# ------------------------------------------------------------------ 4. plans at two rates, both shown
TWO_RATES = [
    {"q": "optimise at $150k a week and at $180k a week, show me both", "i": "budget_optimization",
     "budgets": [{"kind": "rate", "amount": 150 * K, "per": "week"}, {"kind": "rate", "amount": 180 * K, "per": "week"}]},
    {"q": "Plan the mix at $300k per week and also at $350k per week, side by side", "i": "budget_optimization",
     "budgets": [{"kind": "rate", "amount": 300 * K, "per": "week"}, {"kind": "rate", "amount": 350 * K, "per": "week"}]},
    {"q": "best split at 1m a month and at 1.2m a month - show both plans", "i": "budget_optimization",
     "budgets": [{"kind": "rate", "amount": 1 * M, "per": "month"}, {"kind": "rate", "amount": 1.2 * M, "per": "month"}]},
    # (added after the rule) after a plan with a limit: two plans of their own, as the question reads alone
    {"q": "how should we split $5M with TV at least $1M?", "i": "budget_optimization", "conv": 5, "ch": ["TV"],
     "budget": {"kind": "total", "amount": 5 * M}, "cons": [["TV", "min", 1 * M, None]]},
    {"q": "optimise at $100k a week and at $150k a week, show both", "i": "budget_optimization", "conv": 5,
     "budgets": [{"kind": "rate", "amount": 100 * K, "per": "week"}, {"kind": "rate", "amount": 150 * K, "per": "week"}]},
]

# ------------------------------------------------------------------ 5. a new total said beside today's: the difference
DIFFERENCE = [
    {"q": "Next year's budget is $7.5M, up from $6.8M this year. Where should the extra money go?",
     "i": "budget_optimization", "budget": {"kind": "increment", "amount": 700 * K}},
    {"q": "Our budget goes from $5M to $5.6M next year. How should we spend the additional money?",
     "i": "budget_optimization", "budget": {"kind": "increment", "amount": 600 * K}},
    {"q": "We will have $4.4M next year instead of $4M today. Where should the increase go?",
     "i": "budget_optimization", "budget": {"kind": "increment", "amount": 400 * K}},
]

# ------------------------------------------------------------------ 6. comparisons built from the conversation
FROM_THE_CONVERSATION = [
    {"q": "cut TV by $300k", "i": "budget_scenario", "conv": 10, "ch": ["TV"], "amt": -300 * K},
    {"q": "and the same cut on Radio?", "i": "budget_scenario", "conv": 10, "ch": ["Radio"], "amt": -300 * K},
    {"q": "which of the two hurts less?", "i": "budget_scenario", "conv": 10, "ch": ["TV", "Radio"],
     "scenarios": [{"amt": {"TV": -300 * K}}, {"amt": {"Radio": -300 * K}}]},
    {"q": "What if we take $250k out of Print?", "i": "budget_scenario", "conv": 11, "ch": ["Print"], "amt": -250 * K},
    {"q": "and the same on Social", "i": "budget_scenario", "conv": 11, "ch": ["Social"], "amt": -250 * K},
    {"q": "which one is less damaging?", "i": "budget_scenario", "conv": 11, "ch": ["Print", "Social"],
     "scenarios": [{"amt": {"Print": -250 * K}}, {"amt": {"Social": -250 * K}}]},
    {"q": "reduce TV by 15%", "i": "budget_scenario", "conv": 12, "ch": ["TV"], "chg": {"TV": -15.0}},
    {"q": "do it for Digital instead of TV", "i": "budget_scenario", "conv": 12, "ch": ["Digital"],
     "chg": {"Digital": -15.0}},
    {"q": "which of these is less bad?", "i": "budget_scenario", "conv": 12, "ch": ["TV", "Digital"],
     "scenarios": [{"chg": {"TV": -15.0}}, {"chg": {"Digital": -15.0}}]},
    {"q": "put $150k more into Digital for 8 weeks", "i": "budget_scenario", "conv": 13, "ch": ["Digital"],
     "amt": 150 * K, "window": {"weeks": 8}},
    {"q": "should that money come from TV or from Print?", "i": "budget_scenario", "conv": 13,
     "ch": ["TV", "Digital", "Print"], "window": {"weeks": 8},
     "scenarios": [{"shift": ["TV", "Digital", None, 150 * K]}, {"shift": ["Print", "Digital", None, 150 * K]}]},
    {"q": "What if we add $100k to Radio for 4 weeks?", "i": "budget_scenario", "conv": 14, "ch": ["Radio"],
     "amt": 100 * K, "window": {"weeks": 4}},
    {"q": "Would it be better to take it from Print or from Social?", "i": "budget_scenario", "conv": 14,
     "ch": ["Print", "Radio", "Social"], "window": {"weeks": 4},
     "scenarios": [{"shift": ["Print", "Radio", None, 100 * K]}, {"shift": ["Social", "Radio", None, 100 * K]}]},
]

# ------------------------------------------------------------------ 7. the last move the other way
REVERSED = [
    {"q": "move 15% of TV to Digital", "i": "budget_scenario", "conv": 20, "ch": ["TV", "Digital"],
     "shift": ["TV", "Digital", 15.0, None]},
    {"q": "Now do the reverse.", "i": "budget_scenario", "conv": 20, "ch": ["Digital", "TV"],
     "shift": ["Digital", "TV", 15.0, None], "src": "context"},
    {"q": "shift $200k from Print to Social", "i": "budget_scenario", "conv": 21, "ch": ["Print", "Social"],
     "shift": ["Print", "Social", None, 200 * K]},
    {"q": "and the other way round?", "i": "budget_scenario", "conv": 21, "ch": ["Social", "Print"],
     "shift": ["Social", "Print", None, 200 * K], "src": "context"},
    {"q": "move 5% of Radio into TV", "i": "budget_scenario", "conv": 22, "ch": ["Radio", "TV"],
     "shift": ["Radio", "TV", 5.0, None]},
    {"q": "what about the opposite direction", "i": "budget_scenario", "conv": 22, "ch": ["TV", "Radio"],
     "shift": ["TV", "Radio", 5.0, None], "src": "context"},
    # (added after the rule) the reverse of a change of no move: the change the other way
    {"q": "cut TV by 20%", "i": "budget_scenario", "conv": 23, "ch": ["TV"], "chg": {"TV": -20.0}},
    {"q": "now the reverse", "i": "budget_scenario", "conv": 23, "ch": ["TV"], "chg": {"TV": 20.0}, "src": "context"},
    {"q": "add $50k to Print", "i": "budget_scenario", "conv": 24, "ch": ["Print"], "amt": 50 * K},
    {"q": "and the other way round?", "i": "budget_scenario", "conv": 24, "ch": ["Print"], "amt": -50 * K},
]

# ------------------------------------------------------------------ 8. a plan's follow-ups keep the plan
PLAN_KEPT = [
    {"q": "compare plans at $3M and $5M over the next 6 months", "i": "budget_optimization", "conv": 30,
     "budgets": [{"kind": "total", "amount": 3 * M}, {"kind": "total", "amount": 5 * M}], "horizon": 26},
    {"q": "take the $3M one but with Print at zero", "i": "budget_optimization", "conv": 30, "ch": ["Print"],
     "budget": {"kind": "total", "amount": 3 * M}, "horizon": 26, "cons": [["Print", "max", 0.0, None]],
     "src": "context"},
    {"q": "does that reach $45M of sales?", "i": "budget_optimization", "conv": 30, "ch": ["Print"],
     "budget": {"kind": "total", "amount": 3 * M}, "horizon": 26, "cons": [["Print", "max", 0.0, None]],
     "goal": ["reach_sales", 45 * M, None], "src": "context"},
    {"q": "Show me plans at $2M and at $4M for the next quarter", "i": "budget_optimization", "conv": 31,
     "budgets": [{"kind": "total", "amount": 2 * M}, {"kind": "total", "amount": 4 * M}], "horizon": 13},
    {"q": "go with the 4M plan, but with no Radio", "i": "budget_optimization", "conv": 31, "ch": ["Radio"],
     "budget": {"kind": "total", "amount": 4 * M}, "horizon": 13, "cons": [["Radio", "max", 0.0, None]],
     "src": "context"},
    {"q": "how should we split $6M?", "i": "budget_optimization", "conv": 32,
     "budget": {"kind": "total", "amount": 6 * M}},
    {"q": "but Radio has to stay as it is, the contract is signed", "i": "budget_optimization", "conv": 32,
     "ch": ["Radio"], "budget": {"kind": "total", "amount": 6 * M}, "cons": [["Radio", "fixed", None, None]],
     "src": "context"},
    {"q": "and for Social I want no more than 400 thousand", "i": "budget_optimization", "conv": 32,
     "ch": ["Radio", "Social"], "budget": {"kind": "total", "amount": 6 * M},
     "cons": [["Radio", "fixed", None, None], ["Social", "max", 400 * K, None]], "src": "context"},
    {"q": "is it possible to get to 50 million of sales with this?", "i": "budget_optimization", "conv": 32,
     "ch": ["Radio", "Social"], "budget": {"kind": "total", "amount": 6 * M},
     "cons": [["Radio", "fixed", None, None], ["Social", "max", 400 * K, None]],
     "goal": ["reach_sales", 50 * M, None], "src": "context"},
    {"q": "Where should $4M go?", "i": "budget_optimization", "conv": 33, "budget": {"kind": "total", "amount": 4 * M}},
    {"q": "for Digital, not more than 250k please", "i": "budget_optimization", "conv": 33, "ch": ["Digital"],
     "budget": {"kind": "total", "amount": 4 * M}, "cons": [["Digital", "max", 250 * K, None]], "src": "context"},
]

# ------------------------------------------------------------------ 9. "separately" opens a new question; "returned" = ROI
SEPARATELY = [
    {"q": "What if we cut Print by 10%?", "i": "budget_scenario", "conv": 40, "ch": ["Print"], "chg": {"Print": -10.0}},
    {"q": "Thanks. Separately, what has Radio returned over the last two years?", "i": "roi_analysis", "conv": 40,
     "ch": ["Radio"]},
    {"q": "Got it. On another note, what did Digital return in 2023?", "i": "roi_analysis", "conv": 40,
     "ch": ["Digital"]},
    {"q": "what has TV returned over the past year?", "i": "roi_analysis", "ch": ["TV"]},
]

# ------------------------------------------------------------------ 10. several money moves in one scenario
MONEY_MOVES = [
    {"q": "Scenario: Radio down $100k, Print down $60k, and all $160k goes to Digital. Net effect?",
     "i": "budget_scenario", "ch": ["Radio", "Print", "Digital"],
     "amts": {"Radio": -100 * K, "Print": -60 * K, "Digital": 160 * K}},
    {"q": "TV down $300k and Social down $100k, with all $400k going to Digital. What's the net?",
     "i": "budget_scenario", "ch": ["TV", "Social", "Digital"],
     "amts": {"TV": -300 * K, "Social": -100 * K, "Digital": 400 * K}},
    {"q": "Cut Print by $50k and Radio by $50k; all $100k goes to Social. Impact?", "i": "budget_scenario",
     "ch": ["Print", "Radio", "Social"], "amts": {"Print": -50 * K, "Radio": -50 * K, "Social": 100 * K}},
]

# ------------------------------------------------------------------ 11. limits fixed by contract
CONTRACT = [
    {"q": "Q3 budget $2m. Radio can't drop below $300k and TV is contractually fixed. Best split?",
     "i": "budget_optimization", "ch": ["Radio", "TV"], "budget": {"kind": "total", "amount": 2 * M},
     "cons": [["Radio", "min", 300 * K, None], ["TV", "fixed", None, None]]},
    {"q": "How should we split $5M? Print is locked by contract.", "i": "budget_optimization", "ch": ["Print"],
     "budget": {"kind": "total", "amount": 5 * M}, "cons": [["Print", "fixed", None, None]]},
    {"q": "Allocate $3M; Social is fixed by contract and Digital must stay above $500k", "i": "budget_optimization",
     "ch": ["Social", "Digital"], "budget": {"kind": "total", "amount": 3 * M},
     "cons": [["Social", "fixed", None, None], ["Digital", "min", 500 * K, None]]},
]

# ------------------------------------------------------------------ 12. a new question inherits no channel
NEW_QUESTION = [
    {"q": "What if we cut TV by 20%?", "i": "budget_scenario", "conv": 50, "ch": ["TV"], "chg": {"TV": -20.0}},
    {"q": "OK, different question. Overall how accurate is the model?", "i": "model_quality", "conv": 50},
    {"q": "What's the ROI of Print?", "i": "roi_analysis", "conv": 51, "ch": ["Print"]},
    {"q": "Right, another topic: how reliable is the model overall?", "i": "model_quality", "conv": 51},
    {"q": "move 10% of Radio to Social", "i": "budget_scenario", "conv": 52, "ch": ["Radio", "Social"],
     "shift": ["Radio", "Social", 10.0, None]},
    {"q": "Different question - how good is the model's fit overall?", "i": "model_quality", "conv": 52},
    # (added after the rule: "it" after a new-topic opener is not the last answer's channel)
    {"q": "What is the ROI of TV?", "i": "roi_analysis", "conv": 53, "ch": ["TV"]},
    {"q": "OK, different question. How accurate is it overall?", "i": "model_quality", "conv": 53},
    {"q": "What's the ROI of Radio?", "i": "roi_analysis", "conv": 54, "ch": ["Radio"]},
    {"q": "New question: is it reliable?", "i": "model_quality", "conv": 54},
]

# ------------------------------------------------------------------ 13. a story's time is not the window
STORY_TIME = [
    {"q": "We spent about $1.2M on TV last year and I doubt it worked. What if we halved it over the summer?",
     "i": "budget_scenario", "ch": ["TV"], "chg": {"TV": -50.0}, "window": {"period": "summer"}},
    {"q": "We put $800k into Print in 2023 and I'm not convinced. What if we cut it by 30% in Q4?",
     "i": "budget_scenario", "ch": ["Print"], "chg": {"Print": -30.0}, "window": {"period": "Q4"}},
    {"q": "Last year Radio cost us about $900k. What happens if we halve it over the winter?",
     "i": "budget_scenario", "ch": ["Radio"], "chg": {"Radio": -50.0}, "window": {"period": "winter"}},
]

# ------------------------------------------------------------------ 14. the same total
SAME_TOTAL = [
    {"q": "If we hold the budget exactly where it is, what's the best mix?", "i": "budget_optimization",
     "budget": {"kind": "ratio", "amount": 1.0}},
    {"q": "Keeping total spend where it is today, how should we split it?", "i": "budget_optimization",
     "budget": {"kind": "ratio", "amount": 1.0}},
    {"q": "If the budget stays exactly as it is, what's the optimal allocation?", "i": "budget_optimization",
     "budget": {"kind": "ratio", "amount": 1.0}},
    {"q": "how should we reallocate at current total spend?", "i": "budget_optimization",
     "budget": {"kind": "ratio", "amount": 1.0}},
]

# ------------------------------------------------------------------ a second probe of the same families (after the rules)
SECOND_PROBE = [
    {"q": "Could you write a short blurb for our Black Friday landing page?", "i": "unknown"},
    {"q": "What caused the Q2 2023 dip?", "i": "trend", "conv": 60, "period": ["quarter", 2, 2023]},
    {"q": "what channels were behind it?", "i": "trend", "conv": 60, "period": ["quarter", 2, 2023], "src": "context"},
    {"q": "give Digital an extra $50k over the next 4 weeks", "i": "budget_scenario", "conv": 61, "ch": ["Digital"],
     "amt": 50 * K, "window": {"weeks": 4}},
    {"q": "where should we take that from, TV or Print?", "i": "budget_scenario", "conv": 61,
     "ch": ["TV", "Digital", "Print"], "window": {"weeks": 4},
     "scenarios": [{"shift": ["TV", "Digital", None, 50 * K]}, {"shift": ["Print", "Digital", None, 50 * K]}]},
    {"q": "move 25% of Social into Digital", "i": "budget_scenario", "conv": 62, "ch": ["Social", "Digital"],
     "shift": ["Social", "Digital", 25.0, None]},
    {"q": "flip it", "i": "budget_scenario", "conv": 62, "ch": ["Digital", "Social"],
     "shift": ["Digital", "Social", 25.0, None], "src": "context"},
    {"q": "If we keep spend at exactly today's total, how would you split it?", "i": "budget_optimization",
     "budget": {"kind": "ratio", "amount": 1.0}},
]

# ------------------------------------------------------------------ guards: readings that must not change
GUARDS = [
    {"q": "What drove sales in Q4 2023?", "i": "trend", "period": ["quarter", 4, 2023]},
    {"q": "How did sales trend this year?", "i": "trend", "period": ["relative", "this", "year"]},
    {"q": "Write a summary of the findings for the board", "i": "executive_summary"},
    {"q": "How much of sales is explained by interest rates?", "i": "contribution"},
    {"q": "What is the ROI of TV?", "i": "roi_analysis", "ch": ["TV"]},
    {"q": "What does the data need to look like?", "i": "data_overview"},
    {"q": "Optimise at $200k a week", "i": "budget_optimization", "budget": {"kind": "rate", "amount": 200 * K, "per": "week"}},
    {"q": "Compare a $5M plan with a $6M plan", "i": "budget_optimization",
     "budgets": [{"kind": "total", "amount": 5 * M}, {"kind": "total", "amount": 6 * M}]},
    {"q": "We've been handed an extra $1M. Where should it go?", "i": "budget_optimization",
     "budget": {"kind": "increment", "amount": 1 * M}},
    {"q": "How should we split $7.2M next year?", "i": "budget_optimization",
     "budget": {"kind": "total", "amount": 7.2 * M}},
    {"q": "move 10% of Radio to Print", "i": "budget_scenario", "conv": 90, "ch": ["Radio", "Print"],
     "shift": ["Radio", "Print", 10.0, None]},
    {"q": "make it 20%", "i": "budget_scenario", "conv": 90, "ch": ["Radio", "Print"],
     "shift": ["Radio", "Print", 20.0, None]},
    {"q": "what is the ROI of Radio?", "i": "roi_analysis", "conv": 91, "ch": ["Radio"]},
    {"q": "and how sure are you about it?", "i": "model_quality", "conv": 91, "ch": ["Radio"]},
    {"q": "cut Radio by 20% in Q4", "i": "budget_scenario", "ch": ["Radio"], "chg": {"Radio": -20.0},
     "window": {"period": "Q4"}},
    {"q": "how should we split $5M?", "i": "budget_optimization", "conv": 92,
     "budget": {"kind": "total", "amount": 5 * M}},
    {"q": "what if we cut Print by $300k instead?", "i": "budget_scenario", "conv": 92, "ch": ["Print"],
     "amt": -300 * K},
    {"q": "Break down sales by channel", "i": "contribution"},
    {"q": "Which channels drove the most sales last year?", "i": "contribution"},
    {"q": "Shift $100k from TV to Social, and $50k from Radio to Social", "i": "budget_scenario",
     "ch": ["TV", "Social", "Radio"]},
    # a lender's loans and a retailer's warehouse sale are sales the model explains; an exchange rate may be a control
    {"q": "What drove loan applications in Q2 2023?", "i": "trend", "period": ["quarter", 2, 2023]},
    {"q": "What drove the warehouse sale weekend in Q4 2023?", "i": "trend", "period": ["quarter", 4, 2023]},
    {"q": "How much of sales is explained by the exchange rate?", "i": "contribution"},
    {"q": "What is the ROI of TV for our leasing offers?", "i": "roi_analysis", "ch": ["TV"]},
]

FAMILIES = {"off_topic": OFF_TOPIC, "kept_reading": KEPT_READING, "about_the_tool": ABOUT_THE_TOOL,
            "two_rates": TWO_RATES, "difference": DIFFERENCE, "from_the_conversation": FROM_THE_CONVERSATION,
            "reversed": REVERSED, "plan_kept": PLAN_KEPT, "separately": SEPARATELY, "money_moves": MONEY_MOVES,
            "contract": CONTRACT, "new_question": NEW_QUESTION, "story_time": STORY_TIME, "same_total": SAME_TOTAL,
            "second_probe": SECOND_PROBE, "guards": GUARDS}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_reads_every_paraphrase(family):
    assert router_misses(FAMILIES[family], "s17_b20") == []


# ------------------------------------------------------------------ the answers that use the new readings
@pytest.fixture(scope="module")
def sample_session(sample_fit, tmp_path_factory):
    from tests.helpers import session_for
    return session_for(sample_fit, tmp_path_factory.mktemp("router_s17_b20"))


def _ask(session, *questions):
    from assistant.answers.dispatch import ask
    session.reset()
    reply = None
    for q in questions:
        reply = ask(session, q)
    return reply


@pytest.mark.parametrize("question, kind", [
    ("what interest would a $3M loan cost us?", "company_finance"),
    ("where will the pound trade against the dollar in June?", "company_finance"),
    ("draft the launch email for our autumn campaign", "campaign_work"),
])
def test_an_off_topic_ask_gets_the_limits_line_not_a_trend_or_plan(sample_session, question, kind):
    reply = _ask(sample_session, question)
    assert reply.intent == "unknown" and reply.data["limit"] == kind and reply.data["can_do_instead"]


def test_a_new_total_said_beside_todays_places_the_difference(sample_session):
    """$7.2M up from $6.5M: $700k on top of the sample's $6.75M of the last 52 weeks (in $000s), not $7.2M on top."""
    reply = _ask(sample_session, "Next year's budget is $7.2M, up from $6.5M now. Where should the additional money go?")
    assert reply.data["total_budget"] == pytest.approx(6750.0 + 700.0, abs=1.0)


def test_pooled_cuts_fund_the_receiver_and_total_spend_is_unchanged(sample_session):
    reply = _ask(sample_session, "Scenario: TV down $200k, Print down $50k, and all $250k goes to Social. Net effect?")
    moved = {c: row["delta_spend"] for c, row in reply.data["channels"].items()}
    assert moved == pytest.approx({"TV": -200.0, "Print": -50.0, "Social": 250.0})
    assert reply.data["delta_spend"] == pytest.approx(0.0, abs=1e-6)


def test_the_reverse_moves_the_same_share_the_other_way(sample_session):
    """10% of Print (the sample's $309k over 52 weeks) moved to Radio: Print loses $30.9k, Radio gains it."""
    reply = _ask(sample_session, "move 10% of Radio to Print", "Now do the reverse.")
    rows = reply.data["channels"]
    assert rows["Print"]["delta_spend"] == pytest.approx(-0.1 * rows["Print"]["spend_before"])
    assert rows["Radio"]["delta_spend"] == pytest.approx(-rows["Print"]["delta_spend"])


def test_where_the_money_comes_from_compares_two_moves_over_the_same_weeks(sample_session):
    reply = _ask(sample_session, "put $100k more into Social for 13 weeks", "should that money come from TV or from Radio?")
    sides = reply.data["scenarios"]
    assert [s["label"] for s in sides] == ["Shift $100k from TV to Social", "Shift $100k from Radio to Social"]
    assert all(s["horizon_weeks"] == 13 and s["delta_spend"] == pytest.approx(0.0, abs=1e-6) for s in sides)
