"""The web API through FastAPI's TestClient: `--json` parity for every intent, uploads good and bad,
path traversal, session isolation and expiry, errors without tracebacks."""
from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.app import cli
from assistant.web import adapter
from assistant.web.app import WebConfig, create_app
from assistant.web.uploads import web_words
from router.types import Intent
from tests.make_bad_files import make_corpus

ROOT = Path(__file__).resolve().parents[1]
EVERY_INTENT = [
    ("What is the ROI of TV?", "roi_analysis"),
    ("and radio?", "roi_analysis"),
    ("Which channels are saturated?", "saturation"),
    ("How much did each channel contribute to sales?", "contribution"),
    ("What if we cut TV by 20%?", "budget_scenario"),
    ("How should we allocate the budget?", "budget_optimization"),
    ("What drove Q4?", "trend"),
    ("How reliable is the model?", "model_quality"),
    ("Give me the executive summary", "executive_summary"),
    ("What data do we have?", "data_overview"),
    ("help", "help"),
    ("Write the board pack", "report"),
    ("blorp zzkq", "unknown"),
]
NOT_CSV = {"png_bytes", "xlsx_workbook", "binary_junk"}       # 415; every other refused file is 422


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(WebConfig(outputs=tmp_path_factory.mktemp("web-out"), offline=True, max_upload_bytes=1_000_000))


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def new_session(client) -> str:
    client.cookies.clear()
    r = client.post("/api/ask", json={"question": "help"})
    assert r.status_code == 200
    client.cookies.clear()
    return r.json()["session"]


def ask(client, sid: str, question: str) -> dict:
    r = client.post("/api/ask", json={"question": question, "session": sid})
    assert r.status_code == 200, r.text
    return r.json()


def _normal(obj: dict) -> dict:
    """What may differ between two runs: where files were written (outputs folder, pack timestamp, chart names)."""
    out = dict(obj)
    out.pop("session", None)
    # the web names a chart per answer (a003-…), the CLI numbers a name an earlier answer used (…_2.png)
    out["charts"] = [re.sub(r"_\d+(?=\.png$)", "", re.sub(r"^a\d{3}-", "", Path(p).name)) for p in obj["charts"]]
    text = json.dumps(out, sort_keys=True)
    return json.loads(re.sub(r"[^\"\s]*report-\d{8}-\d{6}(-\d+)?", "<pack>", text))


def test_every_intent_matches_the_json_cli(client, tmp_path, capsys):
    questions = [q for q, _ in EVERY_INTENT]
    args = [a for q in questions for a in ("--ask", q)]
    code = cli.main([*args, "--json", "--offline", "--no-audit", "--outputs", str(tmp_path / "cli")])
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and len(printed) == len(questions)
    sid = new_session(client)
    client.post("/api/reset", json={"session": sid})
    served = [ask(client, sid, q) for q in questions]
    assert {s["intent"] for s in served} == {i.value for i in Intent}
    for (question, intent), web, terminal in zip(EVERY_INTENT, served, printed):
        assert web["intent"] == intent, question
        assert web["session"] == sid
        assert _normal(web) == _normal(terminal), question
    for web in served:
        for chart in web["charts"]:
            assert not Path(chart).exists()          # promised: drawn when the page first fetches it
            r = client.get("/files/" + "/".join(Path(chart).parts[-2:]), params={"session": sid})
            assert r.status_code == 200 and r.content[:8] == b"\x89PNG\r\n\x1a\n" and len(r.content) > 1000
            assert Path(chart).is_file()


def test_page_shows_welcome_chips_and_answer_fragment(client):
    client.cookies.clear()
    page = client.get("/")
    assert page.status_code == 200 and "mmm_session" in page.cookies
    html = page.text
    for text in ("built-in sample data", "TV, Radio, Digital, Print, Social", "What is the ROI of TV?",
                 'for="question"', "/static/app.js"):
        assert text in html
    assert "http://" not in html and "https://" not in html        # no CDN: works offline
    fragment = client.post("/ask", data={"question": "What is the ROI of TV?"}).text
    assert "Read as: ROI · TV" in fragment and "<table>" in fragment
    src = re.search(r'<img src="([^"]+)"', fragment).group(1)
    img = client.get(src)
    assert img.status_code == 200 and img.content.startswith(b"\x89PNG")
    again = client.get("/").text                                   # a reload keeps the conversation
    assert "Read as: ROI · TV" in again
    follow = client.post("/ask", data={"question": "and radio?"}).text
    assert "Read as: ROI · Radio (from context)" in follow


def test_page_escapes_what_the_user_typed(client):
    client.cookies.clear()
    fragment = client.post("/ask", data={"question": "<script>alert(1)</script> ROI of TV?"}).text
    assert "<script>alert(1)" not in fragment and "&lt;script&gt;alert(1)" in fragment


def test_follow_ups_and_data_are_private_to_each_session(client, tmp_path):
    corpus = make_corpus(tmp_path)
    spec = corpus["spend_override"]
    a, b = new_session(client), new_session(client)
    assert a != b and len(a) >= 40
    ask(client, a, "What is the ROI of TV?")
    ask(client, b, "Which channels are saturated?")
    assert ask(client, a, "and radio?")["intent"] == "roi_analysis"
    assert ask(client, b, "and radio?")["intent"] == "saturation"
    upload = client.post("/api/upload", data={"session": b, "spend": ",".join(spec.options["spend"])},
                         files={"file": ("generic.csv", (tmp_path / spec.filename).read_bytes(), "text/csv")})
    assert upload.status_code == 200, upload.text
    assert upload.json()["dataset"]["channels"] == list(spec.channels)
    assert upload.json()["dataset"]["source"] == "generic.csv"
    assert ask(client, b, "What data do we have?")["data"]["channels"].keys() == set(spec.channels)
    assert list(ask(client, a, "What data do we have?")["data"]["channels"]) == ["TV", "Radio", "Digital", "Print", "Social"]
    chart_of_a = ask(client, a, "What is the ROI of TV?")["charts"][0]
    url = "/files/" + "/".join(Path(chart_of_a).parts[-2:])
    assert client.get(url, params={"session": a}).status_code == 200
    assert client.get(url, params={"session": b}).status_code == 404   # b cannot read a's chart
    client.cookies.clear()
    assert client.get(url).status_code == 404


def test_sessions_over_the_same_data_share_one_fitted_model(app, client):
    a, b = new_session(client), new_session(client)
    store = app.state.web.sessions
    assert store.get(a).session.fit is store.get(b).session.fit
    assert store.get(a).session.conversation is not store.get(b).session.conversation


def test_expired_session_is_forgotten_with_its_upload(app, client, tmp_path):
    spec = make_corpus(tmp_path)["spend_override"]      # the same bytes and options as above: no second fit
    sid = new_session(client)
    r = client.post("/api/upload", data={"session": sid, "spend": ",".join(spec.options["spend"])},
                    files={"file": ("generic.csv", (tmp_path / spec.filename).read_bytes(), "text/csv")})
    assert r.status_code == 200, r.text
    web = app.state.web.sessions.get(sid)
    folder, stored = web.folder, web.upload
    assert stored.is_file() and stored.parent == folder and stored.name != "generic.csv"
    assert app.state.web.sessions.expire(now=time.monotonic() + 10 * 3600) >= 1
    assert not folder.exists()
    r = client.post("/api/ask", json={"question": "ROI of TV?", "session": sid})
    assert r.status_code == 404 and "expired" in r.json()["error"]


def _refused_cases():
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        specs = make_corpus(Path(tmp))
    return sorted(n for n, s in specs.items() if s.kind == "refuse" and n not in ("missing_path", "directory"))


@pytest.mark.parametrize("name", _refused_cases())
def test_refused_upload_gets_the_cli_message(client, tmp_path, name):
    spec = make_corpus(tmp_path)[name]
    sid = new_session(client)
    form = {k: (",".join(v) if isinstance(v, (tuple, list)) else str(v).lower()) for k, v in spec.options.items()}
    r = client.post("/api/upload", data={"session": sid, **form},
                    files={"file": (spec.filename, (tmp_path / spec.filename).read_bytes(), "text/csv")})
    assert r.status_code == (415 if name in NOT_CSV else 422), r.text
    message = r.json()["error"]
    assert message.startswith(f"{spec.filename}: ") and "\n" not in message and "Traceback" not in message
    for part in spec.expect_message_parts:   # the CLI's words, its flags named as the upload form's options
        assert web_words(part) in message, (part, message)
    assert not any(p.name.startswith("upload-") for p in client.app.state.web.sessions.get(sid).folder.iterdir())


def test_upload_limits_and_bad_options(client):
    sid = new_session(client)
    big = b"date,sales,tv_spend\n" + b"2021-01-04,1,1\n" * 80_000          # ~1.2 MB > the 1 MB test limit
    r = client.post("/api/upload", data={"session": sid}, files={"file": ("big.csv", big, "text/csv")})
    assert r.status_code == 413 and "limit" in r.json()["error"]
    declared = client.post("/api/upload", data={"session": sid}, files={"file": ("big.csv", big * 2, "text/csv")})
    for said in (r.json()["error"], declared.json()["error"]):   # counted while reading / refused from its length
        assert "1,000,000 bytes" in said and "weekly totals only" in said and "MB" not in said, said
    assert "up to 1,000,000 bytes" in client.get("/").text
    sample = (ROOT / "data" / "sample_data.csv").read_bytes()
    r = client.post("/api/upload", data={"session": sid, "margin": "40"}, files={"file": ("s.csv", sample)})
    assert r.status_code == 400 and "--margin must be between 0 and 1" in r.json()["error"]
    r = client.post("/api/upload", data={"session": sid, "dayfirst": "maybe"}, files={"file": ("s.csv", sample)})
    assert r.status_code == 400 and "dayfirst" in r.json()["error"]
    r = client.post("/api/upload", data={"session": sid})
    assert r.status_code == 422 and r.json()["error"].startswith("bad request")


@pytest.mark.parametrize("path", [
    "/files/..%2F..%2F..%2Fpyproject.toml", "/files/%2Fetc%2Fpasswd", "/files//etc/passwd",
    "/files/../../../etc/passwd", "/static/..%2F..%2Fapp.py", "/files/{folder}/..%2F..%2F..%2Fpyproject.toml",
    "/files/{folder}/%2Fetc%2Fpasswd", "/files/{folder}/../{folder}/x.png", "/files/{folder}/upload-0.csv",
])
def test_only_the_session_s_own_files_are_served(app, client, path):
    sid = new_session(client)
    ask(client, sid, "What is the ROI of TV?")
    folder = app.state.web.sessions.get(sid).folder.name
    r = client.get(path.format(folder=folder), params={"session": sid})
    assert r.status_code == 404 and "Traceback" not in r.text


def test_errors_are_one_line_json(app, client, monkeypatch):
    sid = new_session(client)
    r = client.post("/api/ask", json={"question": "x" * 2001, "session": sid})
    assert r.status_code == 422 and "limit is 2,000" in r.json()["error"]
    r = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"].startswith("bad request")
    r = client.post("/api/ask", content=b"{" + b" " * 70_000 + b"}", headers={"content-type": "application/json"})
    assert r.status_code == 413
    monkeypatch.setattr(adapter, "ask", lambda *a, **k: 1 / 0)
    quiet = TestClient(app, raise_server_exceptions=False)
    r = quiet.post("/api/ask", json={"question": "ROI of TV?", "session": sid})
    assert r.status_code == 500 and r.json() == {"error": "internal error (ZeroDivisionError) — try again or rephrase"}


def test_health_docs_and_report_zip(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["models"] >= 1
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()    # works offline
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/upload", "/api/reset", "/api/report", "/api/health"} <= set(paths)
    sid = new_session(client)
    ask(client, sid, "What if we cut TV by 20%?")
    r = client.get("/api/report", params={"session": sid})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert any(n.endswith("report.html") for n in names) and any(n.endswith("mmm_results.xlsx") for n in names)


def test_reset_forgets_follow_up_context(client):
    sid = new_session(client)
    ask(client, sid, "What is the ROI of TV?")
    assert ask(client, sid, "and radio?")["router"] == "context"
    assert client.post("/api/reset", json={"session": sid}).json()["reset"] is True
    assert ask(client, sid, "and radio?")["router"] != "context"
