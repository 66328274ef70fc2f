"""Follow-ups resolve "it" to the channel the previous ANSWER named, not only the question's."""
import pytest

from assistant.answers.dispatch import ask
from assistant.app.json_view import reply_json
from tests.helpers import session_for


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
    a = ask(session, first)
    expected = pick(a.data)
    b = ask(session, "what if we increased it by 20%?")
    assert b.intent == "budget_scenario"
    assert reply_json(b)["router"] == "context"
    assert b.data["changes"] == {expected: 20.0}
    assert expected in b.headline


def test_and_radio_keeps_the_change(sample_fit):
    session = session_for(sample_fit)
    ask(session, "What if we cut TV by 20%?")
    b = ask(session, "And radio?")
    assert b.data["changes"] == {"Radio": -20.0}
    c = ask(session, "what about 30%?")
    assert c.data["changes"] == {"Radio": -30.0}
