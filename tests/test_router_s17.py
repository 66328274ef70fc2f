"""Seventeenth session, router: the sixteenth's named router gaps and the families of router_probe_s17.jsonl, read
generally (the paraphrases below were not in the probe), the answers that use the new readings, and guards that must
not change."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.answers.dispatch import ask
from assistant.horizon import window_weeks
from router import Conversation, Intent, route
from router.types import Period, Window
from tests.helpers import session_for


@pytest.fixture(scope="module")
def sample_session(sample_fit, tmp_path_factory):
    return session_for(sample_fit, tmp_path_factory.mktemp("router_s17"))


# ---------------------------------------------------------------- a decision "from <time>" runs from then on
@pytest.mark.parametrize("text, channel, granularity, index", [
    ("What would a 30% cut to Social from August do?", "Social", "month", 8),
    ("Boost Digital by 10 percent beginning in Q4", "Digital", "quarter", 4),
    ("if print is paused starting with the spring, what do we lose", "Print", "season", 2),
    ("Raise TV 5% from week 12 onwards.", "TV", "week", 12),
    ("From November we are reducing Radio 20 percent, what is effect?", "Radio", "month", 11),
])
def test_a_whatif_from_a_time_changes_every_week_from_then_on(text, channel, granularity, index):
    q = route(text)
    assert q.intent is Intent.SCENARIO and q.channels == (channel,)
    assert q.window is not None and q.window.weeks is None and q.window.period is not None
    p = q.window.period
    assert (p.granularity, p.index, p.onwards) == (granularity, index, True)


@pytest.mark.parametrize("text, label", [
    ("What if we cut Social by 30% in August?", "August"),            # in August: the month alone
    ("Pause Radio from June to August", "June"),                      # a closed span
    ("How did sales from March compare with February?", None),        # no decision: "from March" is the month
])
def test_a_month_named_without_a_start_stays_that_month(text, label):
    q = route(text)
    if label is None:
        assert q.intent not in (Intent.SCENARIO, Intent.OPTIMIZATION) and q.period is not None and not q.period.onwards
    else:
        assert q.window is not None and q.window.period is not None and q.window.period.label == label
        assert not q.window.period.onwards


def test_a_plan_since_a_month_is_planned_from_then_to_the_data_end():
    q = route("What would the best split have been from May onwards?")
    assert q.intent is Intent.OPTIMIZATION and q.horizon is None
    assert q.window is not None and q.window.period == Period("month", 5, onwards=True)


def test_an_onwards_window_runs_from_the_latest_such_period_to_the_data_end(sample_session):
    ds = sample_session.dataset
    mask, label = window_weeks(sample_session, Window(period=Period("month", 9, onwards=True)))
    first = int(np.flatnonzero(mask)[0])
    assert mask[first:].all() and not mask[:first].any()        # one stretch, to the last week
    assert ds.dates[first].month == 9 and ds.dates[first].year == ds.dates[-1].year
    assert label.endswith("onwards")
    week_mask, _ = window_weeks(sample_session, Window(period=Period("week", 30, onwards=True)))
    start = ds.dates[int(np.flatnonzero(week_mask)[0])]
    assert start.isocalendar().week == 30 and 1 < week_mask.sum() < 30   # week 30 of the last year, not the last week


def test_a_whatif_from_a_month_changes_only_the_weeks_from_then_on(sample_session):
    from_july = ask(sample_session, "What if we cut TV by 20% from July?")
    whole = ask(sample_session, "What if we cut TV by 20%?")
    assert 0 < from_july.data["horizon_weeks"] < whole.data["horizon_weeks"]
    assert "onwards" in from_july.data["window"]
    # fewer weeks changed: less spend saved, less sales lost
    assert whole.data["delta_spend"] < from_july.data["delta_spend"] < 0
    assert whole.data["delta_sales"] < from_july.data["delta_sales"] < 0


# ---------------------------------------------------------------- "this <season>" keeps its "this"
@pytest.mark.parametrize("text, index", [
    ("What happened to sales this summer?", 3),
    ("sales this winter vs the trend?", 1),
    ("Explain the dip this autumn, please", 4),
])
def test_this_season_is_this_years(text, index):
    q = route(text)
    assert q.period == Period("season", index, relative="this")


def test_a_whatif_this_summer_is_the_summer_window():
    q = route("What if we pause TV this summer?")
    assert q.window is not None and q.window.period == Period("season", 3)


# ---------------------------------------------------------------- a slip corrected inside the sentence
@pytest.mark.parametrize("text, channels, pct", [
    ("Reduce Social, sorry, Print, by 15%", ("Print",), -15.0),
    ("What if Radio - I meant Digital - went up 10%?", ("Digital",), 10.0),
    ("raise tv by 10%, make that 12%", ("TV",), 12.0),
    ("Could we trim Print, or rather Radio, by a fifth?", ("Radio",), -20.0),
])
def test_a_retracted_item_is_no_part_of_the_question(text, channels, pct):
    q = route(text)
    assert q.intent is Intent.SCENARIO and q.channels == channels and q.percentage == pytest.approx(pct)


def test_a_retracted_receiver_is_replaced():
    q = route("Move $200k out of Radio into TV - correction, into Digital. What happens?")
    assert q.shift is not None and (q.shift.from_channel, q.shift.to_channel) == ("Radio", "Digital")
    assert q.shift.amount == pytest.approx(200000)


@pytest.mark.parametrize("text, channels", [
    ("Cut TV by 20%, sorry if this is a basic question", ("TV",)),       # an apology, no retraction
    ("Compare TV, Radio and Print", ("TV", "Radio", "Print")),             # a list
    ("Cut TV, wait for the results, then Radio", ("TV", "Radio")),          # "wait" before a non-channel
])
def test_guards_an_apology_or_a_list_keeps_every_channel(text, channels):
    assert route(text).channels == channels


# ---------------------------------------------------------------- channels named by an earlier answer's ranking
def _ranked_conversation(**rankings: list[str]) -> Conversation:
    conv = Conversation()
    conv.remember(route("What is the ROI of each channel?", conv), ranked=rankings)
    return conv


def test_a_move_between_places_in_the_ranking_names_those_channels():
    conv = _ranked_conversation(roi=["Social", "TV", "Digital", "Radio", "Print"])
    q = route("Shift $80k out of the worst performing channel into the strongest one", conv)
    assert q.intent is Intent.SCENARIO and q.source == "context"
    assert q.shift is not None and (q.shift.from_channel, q.shift.to_channel, q.shift.amount) == ("Print", "Social", 80000)


@pytest.mark.parametrize("text, channels, pct", [
    ("boost the top three by 5%", ("Social", "TV", "Digital"), 5.0),
    ("What if we trim the bottom 2 channels by a tenth?", ("Radio", "Print"), -10.0),
])
def test_a_count_of_places_names_that_many(text, channels, pct):
    q = route(text, _ranked_conversation(roi=["Social", "TV", "Digital", "Radio", "Print"]))
    assert q.channels == channels and dict(q.changes) == {c: pytest.approx(pct) for c in channels}


def test_the_saturated_ones_are_those_the_answer_called_saturated():
    conv = _ranked_conversation(saturation=["Radio", "Print", "TV", "Digital", "Social"], saturated=["Radio", "Print"])
    q = route("Pull back the saturated channels by 20 percent", conv)
    assert q.channels == ("Radio", "Print") and dict(q.changes) == {"Radio": -20.0, "Print": -20.0}


@pytest.mark.parametrize("text", [
    "Which is the best channel?",           # asks for the ranking itself
    "What is the best return we can get?",  # no channel named by place
])
def test_guards_a_question_about_the_ranking_is_not_rewritten(text):
    conv = _ranked_conversation(roi=["Social", "TV", "Digital", "Radio", "Print"])
    assert route(text, conv).intent is not Intent.SCENARIO


def test_guard_one_channel_ranked_is_no_ranking():
    conv = _ranked_conversation(roi=["TV"])
    q = route("Cut the weakest channel by 20%", conv)
    assert q.channels == () and q.channel_pick is not None   # the assistant ranks by ROI, as before


def test_the_chat_carries_the_roi_ranking_to_the_next_move(sample_session):
    sample_session.conversation.reset()
    roi = ask(sample_session, "Rank the channels by return")
    ranking = roi.data["ranking"]
    moved = ask(sample_session, "Move $100k from the weakest channel to the best one - what happens?")
    routed = moved.routed
    assert routed is not None and routed.shift is not None
    assert (routed.shift.from_channel, routed.shift.to_channel) == (ranking[-1], ranking[0])
    assert moved.data["delta_spend"] == pytest.approx(0.0, abs=1e-6)   # money moved, none added


@pytest.mark.parametrize("text", ["List the ROIs by channel", "Show me the ROIs for Print and Social"])
def test_rois_in_the_plural_are_the_roi_question(text):
    assert route(text).intent is Intent.ROI


# ---------------------------------------------------------------- a question about a control column of the data
_WITH_CONTROLS = Conversation(channels=("TV", "Radio", "Digital"), controls=("avg_price", "promo_flag", "holiday_xmas",
                                                                            "week_12"))


@pytest.mark.parametrize("text, named", [
    ("What did the price increase do to our sales?", ("avg_price",)),
    ("how much did promos bring in?", ("promo_flag",)),
    ("Was the Christmas holiday responsible for the jump?", ("holiday_xmas",)),
    ("impact of pricing and promotions on revenue", ("avg_price", "promo_flag")),
])
def test_a_question_about_a_control_the_data_has_names_it(text, named):
    q = route(text, Conversation(channels=_WITH_CONTROLS.channels, controls=_WITH_CONTROLS.controls))
    assert q.intent is Intent.TREND and q.controls == named and q.unknown_channels == () and q.limit is None


@pytest.mark.parametrize("text, intent", [
    ("Cut TV by 10% during promotions", Intent.SCENARIO),      # a decision stays one
    ("What is the ROI of TV net of price?", Intent.ROI),        # a channel's question
    ("What should our price be?", Intent.UNKNOWN),              # no effect asked: the pricing limit
])
def test_guards_a_control_word_beside_another_question(text, intent):
    q = route(text, Conversation(channels=_WITH_CONTROLS.channels, controls=_WITH_CONTROLS.controls))
    assert q.intent is intent and q.controls == ()


def test_guard_data_without_the_column_reads_as_before():
    assert route("What did the price change do to sales?").controls == ()
    assert route("Does price matter?").limit is not None


@pytest.fixture(scope="module")
def robyn_session(tmp_path_factory):
    from analysis.fit import fit_mmm
    from analysis.loading import load_csv
    from tests.helpers import SIBYLHE

    path = SIBYLHE.parent / "robyn_simulated_weekly.csv"
    if not path.is_file():
        pytest.skip(f"{path.name} is not in ../shared/datasets beside this clone")
    return session_for(fit_mmm(load_csv(path)), tmp_path_factory.mktemp("robyn_s17"))


def test_the_answer_gives_the_controls_part_of_the_change(robyn_session):
    reply = ask(robyn_session, "How much did the newsletter add?")
    assert reply.intent == "trend" and reply.routed is not None and reply.routed.controls == ("newsletter",)
    fit = robyn_session.fit
    dates, d = fit.dataset.dates, fit.decomposition
    last = dates[-1].year - (0 if dates[-1].month == 12 and dates[-1].day >= 25 else 1)   # the last complete year
    this, before = np.asarray(dates.year == last), np.asarray(dates.year == last - 1)
    j = fit.dataset.control_names.index("newsletter")
    expected = 100 * (d.controls[this, j].mean() - d.controls[before, j].mean()) / d.actual[before].mean()
    assert reply.data["controls_named"]["newsletter"] == pytest.approx(expected, abs=1e-4)
    assert reply.headline.startswith(f"Against {last - 1}, the change in newsletter moved {last} sales by")
    assert "carries no interval" in " ".join(reply.facts)


# ---------------------------------------------------------------- after the held-out check (router_heldout_s17)
@pytest.mark.parametrize("text, granularity, index", [
    ("Raise Social 10% from the beginning of May", "month", 5),
    ("what if print is cut in half since the start of Q2", "quarter", 2),
])
def test_from_the_start_of_a_period_is_from_then_on(text, granularity, index):
    q = route(text)
    assert q.window is not None and q.window.period is not None
    assert (q.window.period.granularity, q.window.period.index, q.window.period.onwards) == (granularity, index, True)


def test_a_start_with_a_year_said_apart_runs_to_that_years_end():
    q = route("For 2022, what if Radio had been 20% higher from November on?")
    assert q.window is not None and q.window.period == Period("month", 11, 2022)
    assert q.window.also == (Period("month", 12, 2022),)


def test_a_plan_for_a_season_is_planned_over_that_season():
    q = route("We can spend $25k a week over the winter - best split?")
    assert q.intent is Intent.OPTIMIZATION and q.horizon == 13
    assert q.window is not None and q.window.period == Period("season", 1)


@pytest.mark.parametrize("text, channels, pct", [
    ("Raise Print by 5 percent, sorry, by 8 percent", ("Print",), 8.0),
])
def test_a_corrected_size_said_with_by(text, channels, pct):
    q = route(text)
    assert q.channels == channels and q.percentage == pytest.approx(pct)


@pytest.mark.parametrize("text, intent", [
    ("Which channel wins us customers most cheaply?", Intent.ROI),
    ("Which media did the most for revenue?", Intent.CONTRIBUTION),
])
def test_cost_per_customer_and_doing_the_most_in_other_words(text, intent):
    assert route(text).intent is intent


def test_a_price_question_on_data_without_a_price_column_is_the_pricing_limit():
    q = route("What did our price cut do to revenue?")
    assert q.limit is not None and q.limit.kind == "pricing"
    with_price = Conversation(controls=("avg_price",))
    assert route("What did our price cut do to revenue?", with_price).controls == ("avg_price",)
