"""Board pack: four files written atomically, self-contained HTML, a real workbook, and every
figure equal to the `--json` answer for the same question ("one number, one truth")."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from assistant import format as fmt
from assistant.answers.dispatch import ask
from assistant.app.json_view import reply_json
from assistant.report import BoardPack, build_board_pack, write_board_pack
from assistant.report.story import SECTION_IDS
from assistant.report.xlsx import SHEETS

SCENARIOS = ("What if we cut TV by 20%?", "Move 10% of TV to Social")


@pytest.fixture(scope="module")
def session(sample_fit, tmp_path_factory):
    from assistant.session import Session

    s = Session.from_fit(sample_fit, charts=False, offline=True, outputs=tmp_path_factory.mktemp("report-out"))
    for question in SCENARIOS:
        ask(s, question)
    return s


@pytest.fixture(scope="module")
def pack(session) -> BoardPack:
    return build_board_pack(session)


@pytest.fixture(scope="module")
def pack_dir(pack, tmp_path_factory) -> Path:
    return write_board_pack(pack, tmp_path_factory.mktemp("outputs"))


def json_data(session, question: str) -> dict:
    """The `data` of the `--json` answer to `question` (asked in a fresh conversation)."""
    from assistant.session import Session

    fresh = Session(session.dataset, charts=False, offline=True)
    fresh.__dict__["fit"] = session.fit          # same fitted model, no refit
    answer = reply_json(ask(fresh, question))
    assert answer.get("error") is None, answer
    return answer["data"]


class Sections(HTMLParser):
    """Text per <section id>, every <img src>, and every attribute value."""

    def __init__(self):
        super().__init__()
        self.text: dict[str, list[str]] = {}
        self.stack: list[str] = []
        self.images: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attributes += [v for v in attrs.values() if v]
        if tag == "section":
            self.stack.append(attrs.get("id", ""))
            self.text.setdefault(self.stack[-1], [])
        if tag == "img":
            self.images.append(attrs.get("src", ""))

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.text[self.stack[-1]].append(data)

    def section(self, sid: str) -> str:
        return " ".join(self.text[sid])


@pytest.fixture(scope="module")
def html(pack_dir) -> Sections:
    parser = Sections()
    parser.feed((pack_dir / "report.html").read_text(encoding="utf-8"))
    return parser


def test_pack_directory_and_files(pack_dir):
    assert re.fullmatch(r"report-\d{8}-\d{6}(-\d+)?", pack_dir.name)
    names = {p.name for p in pack_dir.iterdir()}
    assert {"report.html", "executive_summary.md", "mmm_results.xlsx", "key_insights.json"} <= names
    assert [p for p in pack_dir.parent.iterdir() if p.name.startswith(".")] == []


def test_html_is_self_contained(pack_dir, html):
    text = (pack_dir / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)
    assert html.images and all(src.startswith("data:image/png;base64,") for src in html.images)
    assert len(html.images) >= 7 + len(SCENARIOS)
    assert not any(v.startswith(("//", "file:")) for v in html.attributes)
    for sid in SECTION_IDS:
        assert sid in html.text, f"section {sid} missing"
    for i in range(1, len(SCENARIOS) + 1):
        assert f'id="scenario-{i}"' in text


def test_html_has_print_css(pack_dir):
    text = (pack_dir / "report.html").read_text(encoding="utf-8")
    assert "@media print" in text and "@page" in text and "break-before: page" in text


def test_roi_section_matches_json(session, html):
    data = json_data(session, "What is the ROI of each channel?")
    section = html.section("roi")
    for _name, row in data["channels"].items():
        if row["measurable"]:
            assert fmt.ratio(row["roi"]) in section
            assert fmt.ratio_range(row["roi_low"], row["roi_high"]) in section
            assert fmt.money(row["spend"], session.dataset) in section


def test_contribution_section_matches_json(session, html):
    data = json_data(session, "How much does each channel contribute to sales?")
    section = html.section("contribution")
    assert fmt.share(data["baseline_share"]) in section
    for row in data["channels"].values():
        assert fmt.money(row["contribution"], session.dataset) in section


def test_saturation_section_matches_json(session, html):
    data = json_data(session, "Which channels are saturated?")
    section = html.section("saturation")
    for row in data["channels"].values():
        assert fmt.ratio(row["marginal_roi"]) in section
        assert fmt.pct(row["saturation_pct"], 0) in section


def test_reallocation_section_matches_json(session, html):
    data = json_data(session, "How should I reallocate my budget?")
    section = html.section("reallocation")
    assert fmt.signed_money(data["expected_delta_sales"], session.dataset) in section
    assert fmt.money_range(data["expected_delta_sales_low"], data["expected_delta_sales_high"],
                           session.dataset) in section
    for row in data["allocation"].values():
        assert fmt.money(row["recommended"], session.dataset) in section
    for constraint in data["binding"]:
        assert constraint in section


@pytest.mark.parametrize("question", SCENARIOS, ids=["cut-tv", "shift-tv-social"])
def test_every_scenario_matches_json(session, html, question):
    data = json_data(session, question)
    section = html.section("scenarios")
    assert data["label"] in section
    assert fmt.signed_money(data["delta_sales"], session.dataset) in section
    assert fmt.money_range(data["delta_sales_low"], data["delta_sales_high"], session.dataset) in section


def test_method_section_matches_json(session, html):
    data = json_data(session, "How reliable is the model?")
    section = html.section("method")
    assert str(data["grade"]) in section and fmt.number(data["r2"]) in section
    assert "90%" in section and "not proof" in section


def test_workbook_reads_back(session, pack, pack_dir):
    from openpyxl import load_workbook

    wb = load_workbook(pack_dir / "mmm_results.xlsx")
    assert tuple(wb.sheetnames) == SHEETS
    for ws in wb.worksheets:
        assert ws.freeze_panes == "B2", ws.title            # header row (and first column) frozen
        assert ws.max_row >= 2, ws.title
    roi = wb["ROI"]
    header = [c.value for c in roi[1]]
    data = json_data(session, "What is the ROI of each channel?")
    for row in roi.iter_rows(min_row=2, values_only=True):
        values = dict(zip(header, row))
        expected = data["channels"][values["Channel"]]
        assert isinstance(values["ROI (sales per $1)"], float)
        assert values["ROI (sales per $1)"] == expected["roi"]
        assert values["ROI low (90%)"] == expected["roi_low"]
    assert roi["C2"].number_format == "0.00"
    decomposition = wb["Weekly decomposition"]
    assert decomposition.max_row == session.dataset.n_weeks + 1
    assert all(isinstance(c.value, (int, float)) and not isinstance(c.value, bool) for c in decomposition[2][1:])
    assert decomposition["A2"].is_date
    curves = wb["Response curves"]
    assert curves.max_row - 1 == sum(len(c.curve.spend) for c in pack.saturation.channels)
    scenarios = wb["Scenarios"]
    assert scenarios.max_row == len(SCENARIOS) + 1
    cut = json_data(session, SCENARIOS[0])
    assert scenarios["E2"].value == cut["delta_sales"]
    plan = json_data(session, "How should I reallocate my budget?")
    optimiser = wb["Optimiser plan"]
    assert optimiser["C2"].value == plan["allocation"][optimiser["A2"].value]["recommended"]


def test_key_insights_json(session, pack_dir):
    doc = json.loads((pack_dir / "key_insights.json").read_text(encoding="utf-8"))
    assert doc["intent"] == "report" and doc["headlines"]
    by_intent: dict[str, list[dict]] = {}
    for answer in doc["answers"]:
        assert set(answer) == {"intent", "answer", "data"}
        by_intent.setdefault(answer["intent"], []).append(answer["data"])
    assert by_intent["roi_analysis"][0] == json_data(session, "What is the ROI of each channel?")
    assert by_intent["contribution"][0] == json_data(session, "How much does each channel contribute to sales?")
    assert [d["delta_sales"] for d in by_intent["budget_scenario"]] == \
        [json_data(session, q)["delta_sales"] for q in SCENARIOS]


def test_markdown_links_charts_relatively(pack_dir):
    text = (pack_dir / "executive_summary.md").read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert links and all((pack_dir / link).is_file() and "/" not in link for link in links)
    assert "## Return on investment" in text and "## What-if scenarios" in text


def test_interrupted_write_leaves_nothing(pack, tmp_path, monkeypatch):
    import assistant.report.xlsx as xlsx

    def fail(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(xlsx, "write_workbook", fail)
    with pytest.raises(OSError):
        write_board_pack(pack, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_two_packs_in_one_second_do_not_collide(pack, tmp_path):
    first = write_board_pack(pack, tmp_path)
    second = write_board_pack(pack, tmp_path)
    assert first != second and first.is_dir() and second.is_dir()


def test_pack_from_session_without_scenarios(session, tmp_path):
    from assistant.session import Session

    fresh = Session(session.dataset, charts=False, offline=True)
    fresh.__dict__["fit"] = session.fit
    path = write_board_pack(fresh, tmp_path)
    text = (path / "report.html").read_text(encoding="utf-8")
    assert "No what-if scenarios were asked" in text


def test_pack_keeps_every_what_if_of_the_conversation(sample_fit, tmp_path):
    """More what-ifs than the router remembers: the pack still shows each one, in order."""
    from assistant.report.pack import build_board_pack
    from tests.helpers import session_for

    session = session_for(sample_fit, tmp_path)
    asked = [f"What if we cut TV by {p}%?" for p in range(5, 65, 5)]
    answers = [ask(session, q) for q in asked]
    pack = build_board_pack(session)
    assert len(pack.scenarios) == len(asked) == 12
    assert [s.delta_sales for s in pack.scenarios] == pytest.approx([a.data["delta_sales"] for a in answers], rel=1e-6)
    session.reset()
    assert build_board_pack(session).scenarios == ()
