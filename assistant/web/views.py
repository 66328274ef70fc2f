"""What the page shows, built from a session and its replies (templates only format)."""
from __future__ import annotations

from pathlib import Path


def welcome(web) -> dict:
    """The welcome facts: dataset, weeks, channels, model grade, notes and example questions."""
    from assistant.answers.guide import example_questions
    from assistant.answers.markets import markets_overview, outcome_unit, scope_lines
    from assistant.web.uploads import web_words

    session = web.session
    ds = session.dataset
    q = session.quick_quality
    return {
        "source": ds.source, "weeks": ds.n_weeks, "start": str(ds.dates[0].date()), "end": str(ds.dates[-1].date()),
        "channels": list(ds.channels), "target": ds.target, "grade": q.grade, "r2": f"{q.r2:.2f}",
        "mape": f"{q.mape:.1f}%", "notices": [web_words(n) for n in session.notices],
        "examples": list(example_questions(ds.channels)),
        "uploaded": web.upload_name, "readiness": readiness(session),
        # what answers are measured in and the markets of a panel, as the chat's welcome panel says them
        "outcome_unit": outcome_unit(ds), "revenue_note": getattr(ds, "revenue_note", None),
        "markets": markets_overview(ds), "scope": [web_words(line) for line in scope_lines(ds)],
    }


def readiness(session) -> dict | None:
    """The data-readiness verdict and its top reasons when the data is not simply ready (None when it is), so the
    page opens with it as the chat's welcome panel does: an upload of a wide export said only "Model fit: Low"."""
    from assistant.answers.guide import VERDICT_TEXT, readiness_data
    from assistant.web.uploads import web_words

    data = readiness_data(session)
    if data["verdict"] == "ready":
        return None
    # a fix naming a CLI flag ("pass fewer controls with --controls") names the upload form's option, as notices do
    return {"verdict": data["verdict"], "text": VERDICT_TEXT[data["verdict"]],
            "reasons": [{"text": web_words(r["text"]), "fix": web_words(r["fix"])} for r in data["reasons"][:3]]}


def chart_url(web, path: Path) -> str | None:
    """The URL of a chart in the session's own folder (None for anything else)."""
    path = Path(path)
    if path.parent.resolve() != web.folder.resolve():
        return None
    return f"/files/{web.folder.name}/{path.name}"


def summary(web) -> dict:
    """The dataset summary /api/upload returns."""
    data = welcome(web)
    return {k: data[k] for k in ("source", "weeks", "start", "end", "channels", "target", "grade", "r2", "mape",
                                  "notices", "readiness", "outcome_unit", "revenue_note", "markets", "scope")}
