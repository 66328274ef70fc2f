"""Issue 12, fifth session: the answers behind the new readings — unequal parts, money into two channels, part of
a cut moved, an extra amount on one channel, two periods apart in a trend, bad input named in one line, a window
longer than the data, and CSV flags without --csv."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.answers.dispatch import ask
from assistant.session import Session
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def fit(own_sample_fit):
    """A memo of its own: results memoised on a shared fit by other tests' settings must not leak in."""
    return own_sample_fit


def answer(fit, question):
    return ask(Session.from_fit(fit, charts=False, offline=True), question)


def last_year_spend(fit, channel):
    ds = fit.dataset
    return float(np.asarray(ds.spend, dtype=float)[-52:, ds.channels.index(channel)].sum())


def moved(fit, a, channel):
    return last_year_spend(fit, channel) * a.data["changes"][channel] / 100.0


def test_unequal_parts_go_to_each_receiver(fit):
    a = answer(fit, "What if we move 30% of TV to Radio and 20% to Social?")
    tv = last_year_spend(fit, "TV")
    assert a.data["delta_spend"] == pytest.approx(0.0, abs=1e-6)
    assert moved(fit, a, "TV") == pytest.approx(-0.5 * tv, rel=1e-6)
    assert moved(fit, a, "Radio") == pytest.approx(0.3 * tv, rel=1e-3)
    assert moved(fit, a, "Social") == pytest.approx(0.2 * tv, rel=1e-3)


def test_money_into_two_channels_is_shared_and_adds_to_spend(fit):
    a = answer(fit, "put 100k into TV and Radio")
    scale = fit.dataset.money_scale
    assert a.data["delta_spend"] == pytest.approx(100_000 / scale, rel=1e-6)
    assert moved(fit, a, "TV") == pytest.approx(50_000 / scale, rel=1e-3)
    assert moved(fit, a, "Radio") == pytest.approx(50_000 / scale, rel=1e-3)


def test_part_of_a_cut_moved_cuts_the_whole(fit):
    a = answer(fit, "cut TV 20% and put half of it into Digital")
    tv = last_year_spend(fit, "TV")
    assert moved(fit, a, "TV") == pytest.approx(-0.2 * tv, rel=1e-6)
    assert moved(fit, a, "Digital") == pytest.approx(0.1 * tv, rel=1e-3)
    assert a.data["delta_spend"] == pytest.approx(-0.1 * tv, rel=1e-6)   # the other half is saved


def test_an_extra_amount_on_one_channel_is_that_amounts_what_if(fit):
    a = answer(fit, "What does an extra $10k in Social buy us?")
    assert a.intent == "budget_scenario"
    assert a.data["delta_spend"] == pytest.approx(10_000 / fit.dataset.money_scale, rel=1e-6)
    assert answer(fit, "What does the next dollar in Social buy?").intent == "saturation"


def test_two_periods_apart_compare_the_later_with_the_earlier(fit):
    a = answer(fit, "How did sales trend between March and May?")
    assert a.data["period"].startswith("May") and a.data["previous_period"].startswith("Mar")
    assert a.data["period"][-4:] == a.data["previous_period"][-4:]   # one year's March and May
    dates, sales = fit.dataset.dates, np.asarray(fit.dataset.sales, dtype=float)
    year = int(a.data["period"][-4:])
    may = sales[np.asarray((dates.year == year) & (dates.month == 5))].mean()
    march = sales[np.asarray((dates.year == year) & (dates.month == 3))].mean()
    assert a.data["change_pct"] == pytest.approx(100.0 * (may / march - 1.0), abs=0.05)


@pytest.mark.parametrize("question, words", [("Split $-2M across channels", "cannot be negative"),
                                             ("What if we pause TV for 0 weeks?", "at least one week"),
                                             ("cut TV in Q7", "no Q7")])
def test_bad_input_is_one_line_naming_it_with_the_nearest_question(fit, question, words):
    a = answer(fit, question)
    assert a.intent == "unknown" and a.data["limit"] == "bad_input"
    assert words in a.headline and len(a.facts) == 1 and a.facts[0].startswith("Did you mean")
    assert a.data["clarify"] and a.data["clarify"][0] in a.facts[0]


def test_a_window_longer_than_the_data_is_named(fit):
    a = answer(fit, "What if we pause TV for 900 weeks?")
    n = fit.dataset.n_weeks
    assert a.data["limit"] == "bad_input" and f"{n} weeks of data" in a.headline
    assert a.data["clarify"] == [f"What if we pause TV for {n} weeks?"]
    ok = answer(fit, f"What if we pause TV for {n} weeks?")
    assert ok.intent == "budget_scenario" and ok.data["horizon_weeks"] == n


@pytest.mark.parametrize("flags, named", [(["--spend", "TV,Radio"], "--spend"), (["--date", "week"], "--date"),
                                          (["--port", "9000"], "--port")])
def test_a_flag_without_what_it_needs_is_one_error_line(flags, named):
    done = run_cli(*flags, "--offline", "--no-audit", "--ask", "ROI of TV?")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and named in lines[0]


def test_part_of_a_cut_into_two_channels_cuts_the_whole(fit):
    a = answer(fit, "cut TV 20% and put half of it into Social and Digital")
    tv = last_year_spend(fit, "TV")
    assert moved(fit, a, "TV") == pytest.approx(-0.2 * tv, rel=1e-6)
    assert moved(fit, a, "Social") == pytest.approx(0.05 * tv, rel=1e-3)
    assert moved(fit, a, "Digital") == pytest.approx(0.05 * tv, rel=1e-3)


def test_a_later_month_named_first_is_compared_with_the_earlier(fit):
    a = answer(fit, "How did sales in December compare with November?")
    assert a.data["period"].startswith("Dec") and a.data["previous_period"].startswith("Nov")


def test_a_span_across_the_new_year(fit):
    a = answer(fit, "How did sales trend between November and February?")
    assert a.data["period"].startswith("Feb") and a.data["previous_period"].startswith("Nov")
    assert int(a.data["period"][-4:]) == int(a.data["previous_period"][-4:]) + 1


def test_raise_one_channel_and_keep_the_total_pins_it(fit):
    a = answer(fit, "Raise Digital 20% but keep total spend the same")
    alloc = a.data["allocation"]["Digital"]
    assert alloc["recommended"] == pytest.approx(1.2 * alloc["current"], rel=1e-3)
    assert a.data["total_budget"] == pytest.approx(a.data["current_budget"], rel=1e-6)


def test_each_channels_own_money_is_applied(fit):
    scale = fit.dataset.money_scale
    a = answer(fit, "What if we give Social $200k and TV $300k more?")
    assert a.data["delta_spend"] == pytest.approx(500_000 / scale, rel=1e-6)
    assert moved(fit, a, "Social") == pytest.approx(200_000 / scale, rel=1e-3)
    assert moved(fit, a, "TV") == pytest.approx(300_000 / scale, rel=1e-3)
    mixed = answer(fit, "Cut TV by 10% and Radio by $20k")
    assert moved(fit, mixed, "TV") == pytest.approx(-0.1 * last_year_spend(fit, "TV"), rel=1e-6)
    assert moved(fit, mixed, "Radio") == pytest.approx(-20_000 / scale, rel=1e-3)


def test_a_limit_per_month_covers_the_horizon(fit):
    """$150k a month over the 52-week horizon is $1.8M, $300k a month $3.6M (above what Social may get at $1M a month)."""
    scale = fit.dataset.money_scale
    floor = 150_000 / scale * 12
    a = answer(fit, "Best split of $2M a month with Social at least $150k a month")
    assert a.data["allocation"]["Social"]["recommended"] >= floor * (1 - 1e-6)
    # $3.6M a year is beyond the spend the data covers for Social: a stated limit wins over the default guard
    # (session 9; it was refused, because the cap that makes free channels follow a far budget met it), and the
    # answer warns that it goes beyond the data
    beyond = answer(fit, "Best split of $1M a month with Social at least $300k a month")
    assert beyond.data["allocation"]["Social"]["recommended"] >= 2 * floor * (1 - 1e-6)
    assert any("beyond the spend the data covers" in w for w in beyond.warnings)


def test_a_plan_for_q4_covers_the_latest_q4(fit):
    """Was a plan over the last 13 weeks (the horizon), not over Q4 (blind 6's known misread)."""
    a = answer(fit, "We got extra 500k for Q4. How to spend it in best way?")
    assert a.data["window"].startswith("Q4 ") and a.data["horizon_weeks"] == 13 and "Q4" in a.headline
