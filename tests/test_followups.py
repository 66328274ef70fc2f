"""Follow-ups resolve "it" to the channel the previous ANSWER named, not only the question's."""
import pytest

from tests.test_assistant_helpers import session_for


def _leader(data: dict, among=None) -> str:
    rows = data["channels"]
    pool = [c for c in (among or rows) if rows[c].get("measurable", True) and rows[c]["roi"] is not None]
    return max(pool, key=lambda c: rows[c]["roi"])


@pytest.mark.parametrize(
    "first, pick",
    [
        ("Which channel has the highest ROI?", lambda d: _leader(d)),
        ("What is the ROI of TV vs Digital?", lambda d: _leader(d, ["TV", "Digital"])),
        ("Which channel is most saturated?", lambda d: max(d["channels"], key=lambda c: d["channels"][c]["saturation_pct"])),
        ("What drives sales the most?", lambda d: max(d["channels"], key=lambda c: d["channels"][c]["contribution"])),
    ],
    ids=["roi-leader", "roi-comparison-winner", "most-saturated", "largest-contributor"],
)
def test_it_means_the_channel_the_answer_named(sample_fit, first, pick):
    session = session_for(sample_fit)
    a = session.ask(first)
    expected = pick(a.data)
    b = session.ask("what if we increased it by 20%?")
    assert b.intent == "budget_scenario"
    assert b.to_json()["router"] == "context"
    assert b.data["changes"] == {expected: 20.0}
    assert expected in b.narrative.headline


def test_and_radio_keeps_the_change(sample_fit):
    session = session_for(sample_fit)
    session.ask("What if we cut TV by 20%?")
    b = session.ask("And radio?")
    assert b.data["changes"] == {"Radio": -20.0}
    c = session.ask("what about 30%?")
    assert c.data["changes"] == {"Radio": -30.0}
