"""The evaluation sets, run as tests: the targets of the router issue, rules only."""

from __future__ import annotations

import pytest

from router.eval import FRESH_SET, HELDOUT_SET, MAIN_SET, load, run, summary


def test_main_set_is_big_and_covers_every_intent():
    cases = load(MAIN_SET)
    assert len(cases) >= 300
    from router import Intent
    assert {c["i"] for c in cases} == {i.value for i in Intent}
    assert sum("conv" in c for c in cases) >= 30


def test_main_set_accuracy():
    report = run(load(MAIN_SET), "main")
    print(summary(report))
    assert report.intent_accuracy >= 0.95
    assert report.entity_accuracy_nontrivial >= 0.95


@pytest.mark.skipif(not HELDOUT_SET.exists(), reason="held-out set not written yet")
def test_heldout_accuracy_floor():
    cases = load(HELDOUT_SET)
    assert len(cases) >= 60
    report = run(cases, "held-out")
    print(summary(report))
    assert report.intent_accuracy >= 0.85
    assert report.entity_accuracy_nontrivial >= 0.80


def test_fresh_set_never_tuned_on():
    """Questions written after all tuning: a floor, not a target (its figure is reported)."""
    cases = load(FRESH_SET)
    assert len(cases) >= 50
    report = run(cases, "fresh")
    print(summary(report))
    assert report.intent_accuracy >= 0.90
    assert report.entity_accuracy_nontrivial >= 0.85


def test_blind_set_one_meets_the_targets():
    """Written by a helper that never read router/ (issue 12); first run 85.5% / 56.4% before any rule change."""
    from router.eval import BLIND_SETS

    cases = load(BLIND_SETS[0])
    assert len(cases) >= 200
    report = run(cases, "blind 1")
    print(summary(report))
    assert report.intent_accuracy >= 0.90
    assert report.entity_accuracy >= 0.90


@pytest.mark.skipif(not __import__("router.eval", fromlist=["BLIND_SETS"]).BLIND_SETS[1].exists(),
                    reason="second blind set not written yet")
def test_blind_set_two_floor():
    """Reported untouched (no rule changed after it was seen): a floor well below its target."""
    from router.eval import BLIND_SETS

    report = run(load(BLIND_SETS[1]), "blind 2")
    print(summary(report))
    assert report.intent_accuracy >= 0.80


def test_heldout_three_floor():
    """Written before the third session's rules (first run 77.8% / 54.2%); tuned on since: a floor."""
    from router.eval import HELDOUT3_SET

    cases = load(HELDOUT3_SET)
    assert len(cases) >= 50
    report = run(cases, "held-out 3")
    print(summary(report))
    assert report.intent_accuracy >= 0.95
    assert report.entity_accuracy_nontrivial >= 0.90


@pytest.mark.parametrize("name", ["router_heldout4.jsonl", "router_heldout5.jsonl", "router_heldout6.jsonl",
                                  "router_heldout7.jsonl", "router_heldout8.jsonl", "router_heldout9.jsonl",
                                  "router_heldout10.jsonl", "router_heldout11.jsonl", "router_heldout12.jsonl"])
def test_late_fresh_sets_floor(name):
    """Written late in the third session as fresh checks (first runs 84.1%, 88.4%, 88.4%, 95.2%, 79.4%, 84.8%, 59.4%, 84.4% intent);
    held-out 12 late in the fourth (first run 95.2% intent, 90.5% entities); tuned on since."""
    from router.eval import DATA_DIR

    report = run(load(DATA_DIR / name), name)
    print(summary(report))
    assert report.intent_accuracy >= 0.95 and report.entity_accuracy >= 0.90


def test_default_horizon_meets_a_year_only_on_the_seed():
    """The harness reads "no horizon" as the 52-week default only where that default is 52: the seed data."""
    from router import route
    from router.eval import check

    q = route("We have $2M a year to spend on media. What's the optimal split?")
    assert q.horizon is None
    assert check({"q": q.question, "i": "budget_optimization", "horizon": 52}, q)[0]
    assert not check({"q": q.question, "i": "budget_optimization", "horizon": 13}, q)[0]
    assert not check({"q": q.question, "i": "budget_optimization", "horizon": 52, "data": ["TV", "Radio"]}, q)[0]


def test_an_unknown_channel_is_judged_by_the_channel_not_its_spelling():
    from router import route
    from router.eval import check

    q = route("ROI of influencers")
    assert q.unknown_channels == ("Influencer",)
    assert check({"q": q.question, "i": "roi_analysis", "unk": ["influencers"]}, q)[0]
    assert not check({"q": q.question, "i": "roi_analysis", "unk": ["TikTok"]}, q)[0]
    billboards = route("What's the ROI of billboards?")
    assert check({"q": billboards.question, "i": "roi_analysis", "unk": ["OOH"]}, billboards)[0]
    assert check({"q": billboards.question, "i": "roi_analysis", "unk": ["billboard"]}, billboards)[0]
    tiktok = route("What's the ROI of TikTok?")
    assert not check({"q": tiktok.question, "i": "roi_analysis", "unk": ["Social"]}, tiktok)[0]   # a platform is itself


def test_a_yearly_rate_and_a_total_over_the_default_year_are_one_reading():
    from router import route
    from router.eval import check

    q = route("Split a $5M yearly budget across the channels")
    total = {"q": q.question, "i": "budget_optimization", "budget": {"kind": "total", "amount": 5000000}}
    rate = {"q": q.question, "i": "budget_optimization", "budget": {"kind": "rate", "amount": 5000000, "per": "year"}}
    assert check(total, q)[0] and check(rate, q)[0]
    assert not check({**rate, "data": ["TV", "Radio"]}, route("Split a $5M total across the channels"))[0]
    assert not check({**rate, "budget": {"kind": "rate", "amount": 5000000, "per": "month"}}, q)[0]
    assert not check({**rate, "budget": {"kind": "rate", "amount": 4000000, "per": "year"}}, q)[0]
    assert not check(rate, route("Split $5M across the channels over the next quarter"))[0]


def test_a_what_if_over_the_next_n_weeks_as_a_horizon_meets_a_window_of_n_weeks():
    from router import route
    from router.eval import check

    q = route("What if TV spend were 50% higher for the next quarter?")
    assert q.window is None and q.horizon == 13          # the weeks changed are the horizon's last 13
    case = {"q": q.question, "i": "budget_scenario", "ch": ["TV"], "pct": 50}
    assert check({**case, "window": {"weeks": 13}}, q)[0]
    assert not check({**case, "window": {"weeks": 4}}, q)[0]
    assert not check({**case, "window": {"period": "Q4"}}, q)[0]
    plan = route("How should we split $3M next quarter?")   # a plan has no window: the label must be read
    assert not check({"q": plan.question, "i": "budget_optimization", "window": {"weeks": 13}}, plan)[0]


def test_unknown_and_a_channel_intent_are_one_reading_when_the_reply_is_not_in_this_data():
    from router.eval import run

    cases = [{"q": "what's the ROI of TikTok?", "i": "unknown", "unk": ["TikTok"]},
             {"q": "What if we moved 10% of TV into TikTok?", "i": "budget_scenario", "ch": ["TV"], "unk": ["TikTok"]},
             {"q": "Would billboards beat Print?", "i": "unknown", "ch": ["Print"], "unk": ["billboards"]},
             {"q": "what's the ROI of TikTok?", "i": "trend", "unk": ["TikTok"]}]
    ok = [o.intent_ok for o in run(cases).outcomes]
    # the not-in-this-data reply (no data channel named) reads neither the intent nor the sizes; with a data channel
    # named the readings differ (a what-if of TV, ROI of Print); and a label that is neither unknown nor the
    # router's intent is still a miss
    assert ok == [True, False, False, False]


# Third-session blind sets, each written by a fresh helper that never read router/ and run once untouched
# (router_blindN_first_run.txt): 3 → 89.3% / 87.9%, 4 → 95.1% / 93.5%, 5 → 94.7% / 95.4%, 6 → 96.5% / 95.6%.
# Sets 3–5 were fixed by class afterwards (router_blindN_final.txt) and set 6 by one limit rule, so these are floors.
# Fourth session: blind 7 (226 questions) ran untouched at 93.4% / 93.4%; fixed by class (router_blind7_final.txt).
# Blind 8 (138 questions) ran untouched at 97.8% / 94.2%; fixed by class (router_blind8_final.txt).
# Blind 9 (146 questions) ran untouched at 95.9% / 93.2%; two labels disputed (notes in the set), the rest fixed by
# class (router_blind9_final.txt).
# Fifth session: blind 10 (160 questions) ran untouched at 94.4% / 90.6%; five labels were convention disputes
# (relabelled with notes in the set), the rest fixed by class (router_blind10_final.txt).
# Blind 11 (130 questions, written after those fixes) ran untouched at 97.7% / 95.4%; not fixed since, so its floor is
# its first run.
@pytest.mark.parametrize("number, size, intent_floor, entity_floor", [
    (3, 200, 0.99, 0.99),
    (4, 100, 0.93, 0.90),
    (5, 100, 0.97, 0.98),
    (6, 100, 0.95, 0.95),
    (7, 220, 0.98, 0.98),
    (8, 138, 0.99, 0.99),
    (9, 146, 0.99, 0.99),
    (10, 160, 0.99, 0.99),
    (11, 130, 0.97, 0.95),
    (12, 160, 0.99, 0.98),   # ninth session, written without reading code: first run 96.9% / 98.1%; 99.4% after s10
    (13, 160, 0.98, 0.96),   # tenth session, written without reading code: first run = final 96.9% / 95.0%;
                             # 98.8% / 96.9% after the eleventh session's router work
    (14, 160, 0.96, 0.88),   # eleventh session, written blind: first run = final 93.1% / 85.6%; 96.9% / 88.8% after
                             # the integrator's fixes by family (router_blind14_first_run.txt)
    (15, 160, 0.92, 0.93),   # twelfth session, written blind: first run 88.1% / 77.5% (at 97336c6), final 88.1% /
                             # 79.4%, 90.0% / 85.0% after the integrator's fixes (router_blind15_first_run.txt);
                             # 92.5% / 93.8% after the thirteenth session's router work
    (16, 160, 0.97, 0.97),   # thirteenth session, written blind: first run 89.4% / 83.1% (at 673547f), 90.0% /
                             # 85.0% on the merged router, 96.9% / 92.5% after the integrator's fixes by family
                             # (router_blind16_first_run.txt, tests/test_router_s13_integrator.py); 97.5% / 98.1%
                             # after the fourteenth session's router work (tests/test_router_s14.py)
    (17, 160, 0.98, 0.94),   # fourteenth session, written blind: first run 93.1% / 84.4% (at 388bd74) = the merged
                             # router, 98.8% / 95.0% after the integrator's fixes by family
                             # (router_blind17_first_run.txt, tests/test_router_s14_integrator.py)
    (18, 160, 0.97, 0.97),   # fifteenth session, written blind: first run 88.8% / 88.1% (at 3e4e408) = the helper's
                             # router, 97.5% / 97.5% after the integrator's fixes by family
                             # (router_blind18_first_run.txt, tests/test_router_s15_integrator.py)
    (19, 160, 0.98, 0.91),   # sixteenth session, written blind: first run 90.6% / 69.4% (at a2be46b, converted as
                             # tests/data/SOURCES.md says), 98.1% / 87.5% after the s16-b19 helper's and the
                             # integrator's fixes by family (tests/test_router_s16_b19.py, _s16_integrator.py);
                             # 98.1% / 91.9% after the seventeenth's router families (tests/test_router_s17.py)
    (20, 160, 0.98, 0.93),   # seventeenth session, written blind: first run 93.8% / 83.1% (at 4cace92), 98.1% / 93.1%
                             # after the s17-b20 helper's fixes by family (given paraphrases, never the set) and the
                             # router helper's; one more family fixed by the integrator (test_router_s17_integrator.py)
])
def test_blind_set_floor(number, size, intent_floor, entity_floor):
    from router.eval import BLIND_SETS

    cases = load(BLIND_SETS[number - 1])
    assert len(cases) >= size
    report = run(cases, f"blind {number}")
    print(summary(report))
    assert report.intent_accuracy >= intent_floor
    assert report.entity_accuracy >= entity_floor


# Fifth session: probe sets in five voices written by the router's helper (router_probeN_first_run.txt: first runs
# 92.9% / 85.7%, 96.9% / 87.5%, 95.0% / 95.0%, 95.0% / 85.0%, 96.9% / 87.5% — probe 9's first run had 32 questions;
# two whose reading the contract cannot state were taken out, see its note — 84.4% / 87.5%, 83.3% / 83.3% and
# 96.2% / 84.6%, 83.3% / 79.2%, 77.3% / 86.4%, 100% / 85.0%, 83.3% / 83.3%, 100% / 83.3%, 75.0% / 62.5%,
# 66.7% / 60.0%, 73.3% / 80.0%, 84.6% / 76.9%, 92.3% / 92.3%, 83.1% / 29.2%, 85.2% / 62.3%); fixed by class since,
# so floors.
@pytest.mark.parametrize("index, size", [(0, 40), (1, 30), (2, 40), (3, 40), (4, 30), (5, 30), (6, 28), (7, 26), (8, 22),
                                         (9, 22), (10, 20), (11, 17), (12, 12), (13, 16), (14, 14), (15, 15), (16, 12),
                                         (17, 11), (18, 34), (19, 80), (20, 60), (21, 61)])
def test_probe_set_floor(index, size):
    from router.eval import PROBE_SETS

    cases = load(PROBE_SETS[index])
    assert len(cases) >= size
    report = run(cases, PROBE_SETS[index].name)
    print(summary(report))
    assert report.intent_accuracy >= 0.97 and report.entity_accuracy >= 0.95


def test_probe_s15_floor():
    """Fifteenth session's probe (64 questions, first run on 3e4e408 92.2% / 53.1%, router_probe_s15_first_run.txt),
    fixed by family since: 100% / 93.8%. Its four misses are named in tests/data/SOURCES.md (a move's clause read into
    the next, "tv 10% -> social+digital", "since March", "this summer vs last summer"), so its floor sits below the
    other probes'."""
    from router.eval import PROBE_SETS

    cases = load(PROBE_SETS[22])
    assert PROBE_SETS[22].name == "router_probe_s15.jsonl" and len(cases) >= 64
    report = run(cases, PROBE_SETS[22].name)
    print(summary(report))
    assert report.intent_accuracy >= 0.98 and report.entity_accuracy >= 0.93


def test_probe_s16_floor():
    """Sixteenth session's probe (85 questions, first run on a2be46b 94.1% / 71.8%, router_probe_s16_first_run.txt),
    fixed by family since (tests/test_router_s16.py): 100% / 98.8%. Its one miss ("this winter compared with last
    winter") is named in tests/data/SOURCES.md; probe_s15's "since March" and arrow-form misses are fixed (98.4%)."""
    from router.eval import PROBE_SETS

    cases = load(PROBE_SETS[23])
    assert PROBE_SETS[23].name == "router_probe_s16.jsonl" and len(cases) >= 85
    report = run(cases, PROBE_SETS[23].name)
    print(summary(report))
    assert report.intent_accuracy >= 0.99 and report.entity_accuracy >= 0.98
    s15 = run(load(PROBE_SETS[22]), PROBE_SETS[22].name)
    assert s15.entity_accuracy >= 0.98



def test_probe_s17_floor():
    """Seventeenth session's probe (82 questions, first run on 4cace92 80.5% / 53.7%, router_probe_s17_first_run.txt),
    fixed by family since (tests/test_router_s17.py); its misses are named in tests/data/SOURCES.md. The held-out
    check on the same families (router_heldout_s17.jsonl, first run after the probe's fixes 96.9% / 87.5%) too."""
    from router.eval import DATA_DIR, PROBE_SETS

    cases = load(PROBE_SETS[24])
    assert PROBE_SETS[24].name == "router_probe_s17.jsonl" and len(cases) >= 82
    report = run(cases, PROBE_SETS[24].name)
    print(summary(report))
    assert report.intent_accuracy >= 0.95 and report.entity_accuracy >= 0.89
    heldout = run(load(DATA_DIR / "router_heldout_s17.jsonl"), "heldout_s17")
    assert heldout.intent_accuracy >= 0.99 and heldout.entity_accuracy >= 0.93


def test_several_sets_end_with_their_totals(capsys, tmp_path):
    """`python -m router.eval FILES…` ends with the totals a session quotes (no set's count may fall)."""
    from router.eval import main

    one = tmp_path / "a.jsonl"
    one.write_text('{"q": "What is the ROI of TV?", "i": "roi_analysis", "ch": ["TV"]}\n'
                   '{"q": "What is the ROI of TV?", "i": "trend"}\n', encoding="utf-8")
    two = tmp_path / "b.jsonl"
    two.write_text('{"q": "cut radio by 10%", "i": "budget_scenario", "ch": ["Radio"], "pct": -20}\n', encoding="utf-8")
    assert main([str(one), str(two)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "all 2 sets: 3 questions, 2 intents right, 1 read fully right"
