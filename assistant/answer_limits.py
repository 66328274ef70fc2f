"""Honest limits: a request the product cannot do gets one line on what it can do instead, and the
nearest real answer where there is one; an unsure reading gets two ready-to-ask questions."""
from __future__ import annotations

from assistant import format as fmt
from assistant.types import Narrative

_INSTEAD = {
    "file_preparation": ("I can't prepare, clean or merge files.",
                         "I read a weekly CSV as it is (date, sales, one spend column per channel) and tell you "
                         "which columns I used and what looked wrong; fix the file, then load it with --csv."),
    "budget_pacing": ("I can't track pacing against a budget: I model weekly spend and sales, not plans or "
                      "invoices.",
                      "I can tell you what the last weeks of spend bought, and what a different split would do."),
    "model_versions": ("I can't compare two model runs: I fit one model to the data loaded.",
                       "Ask “How reliable is the model?” for this fit's accuracy, hold-out error and intervals."),
    "media_buying": ("I can't book or buy media.",
                     "I can tell you where extra money would do most, e.g. “Where should the next $1M go?”."),
    "platform_attribution": ("A platform's ROAS and this model's ROI measure different things.",
                             "Platforms credit every conversion their ads touched (last-click or view-through, "
                             "inside their own walls); the model credits only the sales that would not have "
                             "happened without the spend, so its return is usually lower."),
}


def limit_answer(session, routed) -> tuple[Narrative, dict, str | None]:
    """(narrative, data, chart kind) for an out-of-scope request; a platform claim is answered with our ROI."""
    kind = routed.limit.kind
    headline, instead = _INSTEAD.get(kind, ("That is outside what I can do.", "Type `help` to see what I answer."))
    data: dict = {"limit": kind, "can_do_instead": instead}
    if kind != "platform_attribution":
        return Narrative(headline, (instead,)), data, None
    from assistant.answer_measure import roi_data

    roi = roi_data(session)
    named = [c for c in routed.limit.channels if c in roi["channels"]] or list(roi["channels"])
    facts = []
    for c in named[:3]:
        row = roi["channels"][c]
        if row.get("roi") is None or not row.get("measurable", True):
            facts.append(f"{c}: the model cannot measure its return in this data.")
        else:
            facts.append(f"{c}: this model's ROI is {fmt.ratio(row['roi'])} per $1 (90% interval "
                         f"{fmt.ratio_range(row.get('roi_low'), row.get('roi_high'))}).")
    data["channels"] = {c: roi["channels"][c] for c in named}
    return Narrative(headline, (*facts, instead)), data, None


def clarify_answer(session, routed) -> tuple[Narrative, dict]:
    """ "Did you mean …?" with the two most likely readings, instead of a confident answer to another question."""
    options = list(routed.readings)
    facts = tuple(f"“{q}”" for q in options)
    return (Narrative("I'm not sure what you're asking — did you mean one of these?", facts,
                      "Ask one of them as it is, or rephrase with a channel, a number or a period."),
            {"clarify": options, "best_guess": routed.intent.value})
