"""Issue 15, twelfth session (s12-wide): on the real sibylhe export no channel is measurable and neither is the media
total (its 90% interval runs from 0% to nearly all of sales), so no answer may quote media's return as a bare point."""
from __future__ import annotations

import pytest

from assistant import format as fmt
from tests.helpers import SIBYLHE


@pytest.mark.skipif(not SIBYLHE.is_file(), reason=f"{SIBYLHE} not found")
def test_sibylhe_roi_answer_gives_the_media_total_as_its_interval_not_a_point(sibylhe_fit):
    """Before: "This data can measure the return of none of its 10 channels; together, media returns $22.36 per $1"
    while the contribution answer said the media total was a guess (90% interval 0%-100% of sales)."""
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    session = Session.from_fit(sibylhe_fit, offline=True, charts=False)
    reply = ask(session, "What is the ROI of each channel?")
    data = reply.data
    assert data["ranking"] == [] and data["blended_roi_low"] == 0.0 < data["blended_roi"] < data["blended_roi_high"]
    span = fmt.per_dollar_range(data["blended_roi_low"], data["blended_roi_high"], session.dataset)
    assert reply.headline.startswith("This data can measure the return of none of its 10 channels, nor that of "
                                     "all media together")
    assert f"90% interval {span} per $1" in reply.headline
    assert fmt.per_dollar(data["blended_roi"], session.dataset) not in reply.headline   # no point for the total
    # the briefing leads with the same words, and the board pack's blended-ROI tile carries the same interval
    briefing = ask(session, "Give me the executive summary")
    assert f"90% interval {span} per $1" in briefing.headline

    from assistant.report.pack import build_board_pack
    from assistant.report.story import tiles

    tile = next(t for t in tiles(build_board_pack(session)) if t.label == "Blended ROI")
    assert f"90% interval {span}" in tile.note


def test_a_measurable_media_total_keeps_its_point_and_gains_its_interval(sample_fit, tmp_path, monkeypatch):
    """Too few measurable channels but a media total clear of zero: the point stays and its interval follows it."""
    from assistant.answers import channels
    from assistant.answers.dispatch import ask
    from tests.helpers import session_for

    session = session_for(sample_fit, tmp_path)
    monkeypatch.setattr(channels, "too_few_measurable", lambda data: True)
    reply = ask(session, "What is the ROI of each channel?")
    data = reply.data
    assert data["blended_roi_low"] > 0
    span = fmt.per_dollar_range(data["blended_roi_low"], data["blended_roi_high"], session.dataset)
    assert (f"together, media returns {fmt.per_dollar(data['blended_roi'], session.dataset)} per $1 (90% interval "
            f"{span} per $1 on ") in reply.headline


@pytest.mark.skipif(not SIBYLHE.is_file(), reason=f"{SIBYLHE} not found")
def test_sibylhe_whatif_on_an_unmeasurable_channel_leads_with_its_interval(sibylhe_fit):
    """Before: "Cutting TV by 20% … would lose about $139.91M of sales" and "each dollar saved gives up $98.55" for a
    channel whose effect cannot be told from zero; the caveat alone said it was a guess."""
    from assistant.answers.dispatch import ask
    from assistant.session import Session

    session = Session.from_fit(sibylhe_fit, offline=True, charts=False)
    reply = ask(session, "What if we cut TV by 20%?")
    data = reply.data
    assert not next(c for c in sibylhe_fit.channels if c.name == "TV").measurable
    span = fmt.amount_range(data["delta_sales_low"], data["delta_sales_high"], session.dataset)
    assert reply.headline.endswith(f"the change in sales cannot be told from zero in this data — somewhere from {span} "
                                   "(90% interval).")
    assert fmt.amount(abs(data["delta_sales"]), session.dataset) not in reply.headline
    assert not any("gives up" in f for f in reply.facts) and reply.facts[0].startswith("It saves ")
    assert "a guess, not a forecast" in reply.caveat
    # a channel's contribution beside an unpinned media total: the total carries its interval too
    said = ask(session, "How much did Search contribute?").facts
    low, high = (100 * v for v in (ask(session, "Break down sales by channel").data[k]
                                   for k in ("media_share_low", "media_share_high")))
    assert any(f.startswith("All media drove ") and f"(90% interval {low:.1f}%–{high:.1f}%)" in f for f in said)
