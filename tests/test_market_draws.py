"""What-ifs in some markets of a panel ("cut TV 20% in Market05", "cut Search and Social 10% in the North")
draw their interval as a national what-if does: from the panel's joint refit draws (channels that trade
credit move together) and each channel's posterior curves, with room for a channel the data cannot measure.
Before, each channel was drawn on its own, and on generated panel 2 several multi-channel what-ifs
stated intervals that left the truth out."""
from __future__ import annotations

import numpy as np
import pytest


def _truth(fit, truth, move: dict[str, float], markets: tuple[str, ...]) -> float:
    factor = np.ones(len(truth.spend_columns))
    for name, pct in move.items():
        column = fit.dataset.spend_columns[fit.channel_names.index(name)]
        factor[list(truth.spend_columns).index(column)] = 1 + pct / 100
    plan = {g: truth.spend[i] * factor[None, :] for i, g in enumerate(truth.geos) if g in markets}
    return float(truth.expected_revenue(plan).sum() - truth.expected_revenue().sum())


def test_a_what_if_in_every_market_reads_the_same_joint_draws_as_the_national_one(generated_panel):
    from analysis.decisions.joint_draws import joint_draws
    from analysis.panel.draws import market_change

    _, fit = generated_panel
    before = np.asarray(fit.panel.spend, dtype=float)
    after = before.copy()
    after[:, :, 0] *= 0.8
    after[:, :, 1] *= 1.3
    national = np.asarray(fit.dataset.spend, dtype=float)
    moved = national.copy()
    moved[:, 0] *= 0.8
    moved[:, 1] *= 1.3
    ours, theirs = market_change(fit, before, after), joint_draws(fit).change(fit, national, moved)
    assert ours.shape == theirs.shape and np.abs(ours[:, :2]).min() > 0
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-6 * np.abs(theirs).max())


@pytest.mark.parametrize("move, pick", [({"Search": -10.0, "Social": -10.0}, "all"),
                                        ({"TV": 20.0, "Video": 20.0, "Search": 20.0, "Social": 20.0}, "smallest")])
def test_a_multi_channel_market_what_if_holds_the_truth(generated_panel, move, pick):
    """Both left the truth out before (Search and Social -10% everywhere: -$13.07M to -$7.74M against a true
    -$13.17M; every channel +20% in the three smallest markets: +$1.38M to +$2.08M against +$2.13M)."""
    from analysis.panel.draws import market_change
    from analysis.panel.results import market_scenario, pick_markets

    truth, fit = generated_panel
    markets = tuple(fit.markets) if pick == "all" else pick_markets(fit, "smallest", 3)
    result = market_scenario(fit, move, markets)
    real = _truth(fit, truth, move, markets)
    assert result.delta_low <= real <= result.delta_high
    # the joint refit draws' own 90% range lies inside the stated one
    before = np.asarray(fit.panel.spend, dtype=float)
    after = before.copy()
    chosen = np.isin(np.array(fit.markets), np.array(markets))
    for name, pct in move.items():
        j = fit.channel_names.index(name)
        after[:, chosen, j] *= 1 + pct / 100
    low, high = np.percentile(market_change(fit, before, after).sum(axis=1), [5.0, 95.0])
    assert result.delta_low <= low and high <= result.delta_high


def test_a_not_measurable_channel_reaches_zero_in_a_market_what_if_and_is_named(generated_panel, tmp_path):
    """Social is not measurable on this panel (its ROI interval reaches zero): cutting it in five markets reaches
    zero too, a what-if that also moves Search reaches Search's change alone, and the answer says so; the
    chance of a loss is in the JSON and, for a move that cuts one channel and raises another, in the answer."""
    from analysis.panel.results import market_scenario
    from assistant.answers.markets import market_scenario_data, market_scenario_reply
    from tests.helpers import session_for

    _, fit = generated_panel
    assert not fit.channels[fit.channel_names.index("Social")].measurable
    markets = tuple(fit.markets[:5])
    social = market_scenario(fit, {"Social": -30.0}, markets)
    assert social.delta_low < social.delta_sales < 0 and social.delta_high == 0.0
    both = market_scenario(fit, {"Search": 30.0, "Social": -30.0}, markets)
    alone = market_scenario(fit, {"Search": 30.0}, markets)
    assert both.delta_sales < alone.delta_sales <= alone.delta_high <= both.delta_high
    assert both.unmeasured == ("Social",) and alone.unmeasured == ()
    session = session_for(fit, tmp_path)
    data = market_scenario_data(session, both)
    assert data["prob_loss"] == pytest.approx(both.prob_loss, abs=1e-3) and data["unmeasured"] == ["Social"]
    reply = market_scenario_reply(session, data, assumed=False)
    assert reply.caveat is not None and reply.caveat.startswith("Social is not measurable in this data")
    assert any(f.startswith("Chance it sells less than today's plan: ") for f in reply.facts)
    assert any("move together" in f for f in reply.facts)


def test_a_what_if_in_every_market_is_a_what_if_not_the_roi_by_market(generated_panel, tmp_path):
    """ "What if we cut TV and Video 10% in every market?" answered ROI by market (the router reads it as
    market by market); now it is the what-if in all markets, shown market by market, with the national
    what-if's figures."""
    from assistant.answers.dispatch import ask
    from tests.helpers import session_for

    _, fit = generated_panel
    session = session_for(fit, tmp_path)
    every = ask(session, "what if we cut TV and Video by 10% in every market?")
    assert every.data["level"] == "market" and "delta_sales" in every.data
    assert len(every.data["by_market"]) == len(fit.markets)
    assert f"in all {len(fit.markets)} markets" in every.headline
    national = ask(session, "what if we cut TV and Video by 10%?")
    assert every.data["delta_sales"] == pytest.approx(national.data["delta_sales"], rel=1e-6)
    one = ask(session, "what if we cut TV by 20% market by market?")
    assert one.data["changes"] == {"TV": -20.0} and len(one.data["by_market"]) == len(fit.markets)
