"""Issue 15 items 1 and 5 (session 8): a channel the data cannot measure has one status everywhere — shown with
its interval, never ranked or headlined by a point estimate. Each test failed before its fix."""
from __future__ import annotations

import dataclasses

import pytest

from analysis.decisions.scenario import run_scenario
from assistant import format as fmt
from assistant.answers.dispatch import ask
from tests.helpers import session_for


def _unmeasurable(fit, names):
    """The fit with `names` marked not measurable (their ROI interval reaching $0), as on the sibylhe export."""
    return dataclasses.replace(fit, channels=tuple(dataclasses.replace(c, measurable=False) if c.name in names else c
                                                   for c in fit.channels))


# ---------------------------------------------------------------- a multi-channel what-if on unmeasurable channels
def test_a_whatif_interval_holds_the_unmeasurable_channels_at_zero(sample_fit):
    """sibylhe: "cut TV and Search by 10%" said −$533.14M to −$2.61M though Search's ROI interval reaches $0
    (alone, its cut reaches $0): the joint interval must hold the measurable part's change alone."""
    fit = _unmeasurable(sample_fit, {"Print"})
    both = run_scenario(fit, {"TV": -20.0, "Print": -20.0})
    tv_alone = run_scenario(fit, {"TV": -20.0})
    assert both.delta_sales == pytest.approx(both.get("TV").delta_sales + both.get("Print").delta_sales)
    assert both.delta_sales_high >= tv_alone.delta_sales_high - 1e-9   # Print at zero effect is inside
    assert both.delta_sales_low <= both.delta_sales <= both.delta_sales_high
    measured = run_scenario(sample_fit, {"TV": -20.0, "Print": -20.0})   # nothing unmeasurable: as before
    assert measured.delta_sales_high < tv_alone.delta_sales_high


def test_a_whatif_on_unmeasurable_channels_only_reaches_zero(sample_fit):
    fit = _unmeasurable(sample_fit, {"Print", "Social"})
    cut = run_scenario(fit, {"Print": -30.0, "Social": -30.0})
    assert cut.delta_sales_high >= 0.0 and cut.delta_sales_low < cut.delta_sales < 0
    raise_ = run_scenario(fit, {"Print": 30.0, "Social": 30.0})
    assert raise_.delta_sales_low <= 0.0 < raise_.delta_sales


def test_a_mixed_whatif_names_the_unmeasurable_part_as_a_guess(sample_fit, tmp_path):
    """sibylhe "cut TV and Search by 10%" carried only the Low-grade caveat though Search's −$75.55M is a guess."""
    session = session_for(_unmeasurable(sample_fit, {"Print"}), tmp_path)
    session.__dict__["roi"] = dataclasses.replace(session.roi, channels=tuple(
        dataclasses.replace(r, measurable=False) if r.channel == "Print" else r for r in session.roi.channels))
    reply = ask(session, "What if we cut TV and Print by 20%?")
    part = reply.data["channels"]["Print"]["delta_sales"]
    assert reply.caveat is not None and reply.caveat.startswith("Print is not measurable in this data, so its part")
    assert f"({fmt.signed_amount(part, session.dataset)})" in reply.caveat and part < 0
    assert "having no effect at all" in reply.caveat
    assert reply.data["delta_sales_high"] >= ask(session, "What if we cut TV by 20%?").data["delta_sales_high"] - 0.01


# ---------------------------------------------------------------- the plan's next dollar, chat table and board pack
@pytest.fixture(scope="module")
def print_unmeasurable(sample_fit, tmp_path_factory):
    """The sample with Print not measurable: a session (no charts) shared by the module's read-only answers."""
    return session_for(_unmeasurable(sample_fit, {"Print"}), tmp_path_factory.mktemp("status"))


def test_the_plan_table_shows_no_next_dollar_for_an_unmeasurable_channel(print_unmeasurable):
    """sibylhe: the plan table showed "Next $1 now" $78.94 for unmeasurable TV where the saturation table shows "—"."""
    reply = ask(print_unmeasurable, "How should we reallocate the budget?")
    rows = {r[0]: r for r in reply.table.rows}
    assert rows["Print"][4:6] == ("—", "—")
    assert rows["TV"][4].startswith("$") and rows["TV"][5].startswith("$")
    saturation = {r[0]: r for r in ask(print_unmeasurable, "Which channels are saturated?").table.rows}
    assert saturation["Print"][3] == "—"


def test_the_board_pack_gives_no_point_for_an_unmeasurable_channel(print_unmeasurable):
    from assistant.report import build_board_pack
    from assistant.report.story import _reallocation_section, _saturation_section

    pack = build_board_pack(print_unmeasurable)
    saturation = {r[0]: r for r in _saturation_section(pack).grids[0].rows}
    assert saturation["Print"] == ("Print", "—", "not measurable", "—", "—", "—")
    assert saturation["TV"][3].startswith("$")
    plan = {r[0]: r for r in _reallocation_section(pack).grids[0].rows}
    assert plan["Print"][4:6] == ("—", "—") and plan["TV"][4].startswith("$")
    from assistant.report.story import tiles

    labels = [t.label for t in tiles(pack)]
    assert any(label.startswith("Best measurable ROI: ") for label in labels)   # not "Best ROI" of all channels


# ---------------------------------------------------------------- answers that gave an unmeasurable channel a point
def test_the_roi_of_an_unmeasurable_channel_gives_its_sales_as_an_interval(print_unmeasurable):
    """sibylhe "What is the ROI of Radio?": "Radio spent $25.62M and brought $856.32M of incremental sales"."""
    reply = ask(print_unmeasurable, "What is the ROI of Print?")
    row = reply.data["channels"]["Print"]
    said = next(f for f in reply.facts if f.startswith("Print spent"))
    ds = print_unmeasurable.dataset
    assert "and brought" not in said and fmt.amount(row["contribution"], ds) not in said
    assert fmt.amount_range(row["roi_low"] * row["spend"], row["roi_high"] * row["spend"], ds) in said
    assert "TV spent" in " ".join(ask(print_unmeasurable, "What is the ROI of TV?").facts)


def test_the_largest_contributor_is_said_of_the_measurable_channels_only(print_unmeasurable, sample_fit, tmp_path):
    """sibylhe: "TV is the largest contributor: $2.53B" though Search's point was $3.73B (not measurable)."""
    facts = ask(print_unmeasurable, "Break down sales by channel").facts
    assert any(f.startswith("Of the channels the data can measure, ") and "is the largest contributor" in f
               for f in facts)
    alone = session_for(_unmeasurable(sample_fit, {"Radio", "Digital", "Print", "Social"}), tmp_path)
    facts = ask(alone, "Break down sales by channel").facts
    assert any(f.startswith("TV is the only channel the data can measure: ") for f in facts)
    assert not any("largest contributor" in f for f in facts)
    one = ask(alone, "How much did Print contribute?").headline
    assert "somewhere from $" in one and "between" not in one


def test_the_briefing_whatif_is_on_a_measurable_channel_with_its_interval(sample_fit, tmp_path):
    """sibylhe's briefing: "What-if: Direct Mail −20% would change sales by ±$0 (±0.00%)" — the largest budget, not
    measurable, stated as a bare point."""
    session = session_for(_unmeasurable(sample_fit, {"TV"}), tmp_path)   # TV has the largest budget
    reply = ask(session, "give me a briefing")
    said = next(f for f in reply.facts if f.startswith("What-if: "))
    assert said.startswith("What-if: Digital −20%") and "90% interval" in said
    sc = reply.data["scenario"]
    assert fmt.amount_range(sc["delta_sales_low"], sc["delta_sales_high"], session.dataset) in said
    none = session_for(_unmeasurable(sample_fit, set(sample_fit.channel_names)), tmp_path / "none")
    said = next(f for f in ask(none, "give me a briefing").facts if f.startswith("What-if: "))
    assert said.startswith("What-if: TV −20%") and said.endswith("a guess: TV is not measurable.")


# ---------------------------------------------------------------- item 5: what the data can tell, when most cannot
def test_few_measurable_names_channels_entangled_with_the_rest(sample_fit, tmp_path, monkeypatch):
    """wide#12/104w: 2 of 11 measurable and no entangled pair, so the lead said "What would separate them" of
    nobody, though Instagram's VIF was 146 and Search's 95 (the quality grade named them)."""
    import analysis.quality
    import analysis.readiness

    session = session_for(_unmeasurable(sample_fit, {"Radio", "Digital", "Print", "Social"}), tmp_path)
    monkeypatch.setattr(analysis.readiness, "entangled_in_fit", lambda fit, *a, **k: ())
    vif = {"TV": 2.0, "Radio": 3.0, "Digital": 40.0, "Print": 12.0, "Social": 1.5}
    monkeypatch.setattr(analysis.quality, "channel_vif", lambda fit: vif)
    reply = ask(session, "What is the ROI of each channel?")
    assert reply.data["entangled_with_rest"] == ["Digital", "Print"]
    said = " ".join(reply.facts)
    assert "Entangled, so their effects cannot be split: Digital and Print, each with the baseline" in said
    assert "What would separate them" in said
    monkeypatch.setattr(analysis.quality, "channel_vif", lambda fit: dict.fromkeys(vif, 1.0))
    fresh = session_for(session.fit, tmp_path / "fresh")
    said = " ".join(ask(fresh, "What is the ROI of each channel?").facts)
    assert "No channels moved together" in said and "What would separate them" not in said


# ---------------------------------------------------------------- charts: an unmeasurable channel is no point
def _spy_legends(monkeypatch):
    import assistant.charts.draw as draw

    seen: list[list[str]] = []
    original = draw._legend

    def spy(ax, **kwargs):
        seen.append([str(label) for label in kwargs.get("labels", [])])
        return original(ax, **kwargs)

    monkeypatch.setattr(draw, "_legend", spy)
    return seen


def test_charts_pool_and_never_headline_unmeasurable_channels(sample_fit, tmp_path, monkeypatch):
    """sibylhe: the donut's legend gave each unmeasurable channel a share (Search 16.5%) under the title "largest
    channel: TV, 11.2%"; the weekly chart's title said "TV contributed the most" (Search's point was larger); the
    response panels read "today 20% saturated: not measurable / next $1 returns $20.78"."""
    from analysis.roi import contribution, roi, saturation
    from assistant.charts import draw as charts
    from tests.helpers import capture_chart_titles

    fit = _unmeasurable(sample_fit, {"TV", "Print"})   # TV: the largest contributor by its point
    colors = charts.channel_colors(fit.dataset.channels)
    titles, legends = capture_chart_titles(monkeypatch), _spy_legends(monkeypatch)
    result = contribution(fit)
    charts.decomposition_pie_chart(result, tmp_path / "pie.png", colors=colors)
    assert "(largest measurable channel: " in titles[-1] and "TV" not in titles[-1]
    assert "Not measurable (2 channels)" in " ".join(legends[-1])
    assert not any(label.startswith(("TV ", "Print ")) for label in legends[-1])
    charts.contribution_chart(fit, result, tmp_path / "weekly.png", colors=colors, units="$000s")
    assert "of the channels the data can measure" in titles[-1] and "TV" not in titles[-1]
    assert "TV" not in legends[-1] and "Not measurable\n(2 channels)" in legends[-1]
    from matplotlib.axes import Axes

    texts: list[str] = []
    original_text = Axes.text

    def text(self, x, y, s, *args, **kwargs):
        texts.append(str(s))
        return original_text(self, x, y, s, *args, **kwargs)

    monkeypatch.setattr(Axes, "text", text)
    charts.response_curves_chart(saturation(fit), tmp_path / "curves.png", colors=colors, dataset=fit.dataset)
    assert "most saturated measurable channel" in titles[-1]
    panels = [t for t in texts if "saturated" in t or "this curve is a guess" in t]
    assert sum("this curve is a guess" in t for t in panels) == 2 and sum("next $1" in t for t in panels) == 3
    assert not titles[-1].startswith(("TV", "Print"))
    charts.budget_efficiency_chart(roi(fit), tmp_path / "efficiency.png", colors=colors)
    assert not titles[-1].startswith(("TV", "Print"))
    charts.roi_chart(roi(fit), tmp_path / "roi.png", colors=colors, dataset=fit.dataset)
    assert not titles[-1].startswith(("TV", "Print"))


# ---------------------------------------------------------------- loader leftovers
def _sample_with(tmp_path, name, edit):
    import pandas as pd

    from tests.helpers import ROOT

    frame = pd.read_csv(ROOT / "data" / "sample_data.csv")
    edit(frame)
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def test_an_implausible_spend_cell_is_refused_in_one_line(tmp_path):
    """A 1e15 typed into one tv_spend week loaded with only a units warning and answered "TV $0.00 per $1 on
    $1.00e+15 of spend"."""
    from tests.helpers import run_cli

    path = _sample_with(tmp_path, "typo.csv", lambda f: f.__setitem__("tv_spend", f["tv_spend"].where(f.index != 50, 1e15)))
    before = path.read_bytes()
    done = run_cli("--csv", str(path), "--ask", "What is the ROI of each channel?", "--no-charts", "--no-audit")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "'tv_spend' has an implausible spend of 1e+15 in the week of " in lines[0]
    assert "correct that cell" in lines[0] and "$1.00e+15" not in done.stdout
    assert path.read_bytes() == before


def test_a_real_burst_is_not_implausible(tmp_path):
    from analysis.loading import load_csv

    def burst(frame):   # one launch week 50x the channel's largest other week: a burst, not a typo
        frame["print_spend"] = frame["print_spend"].where(frame.index != 60, frame["print_spend"].max() * 50)

    assert load_csv(_sample_with(tmp_path, "burst.csv", burst)).n_weeks == 208


def test_an_all_zero_channel_is_warned_about_once(sample_fit, tmp_path):
    """An all-zero channel got two warnings: "Radio: constant spend — … (0 every week)" and "Radio: spend in only 0
    weeks — too few to measure an effect"."""
    from analysis.fit import fit_mmm
    from analysis.loading import load_csv
    from assistant.session import Session

    ds = load_csv(_sample_with(tmp_path, "zero.csv", lambda f: f.__setitem__("radio_spend", 0.0)))
    session = Session.from_fit(fit_mmm(ds), outputs=tmp_path / "out", charts=False, offline=True)
    about_radio = [w for w in session.notices if w.startswith("Radio")]
    assert about_radio == ["Radio: no spend in any week — its effect cannot be measured; leave 'radio_spend' out "
                           "with --spend, or fill in its spend"]


def test_saturation_claims_cover_only_the_measurable_channels(print_unmeasurable):
    """sibylhe: "No channel is saturated; TV is the closest at 8%" and "The best next dollar goes to TV" beside nine
    channels whose saturation cannot be measured (Radio's point: 91%)."""
    reply = ask(print_unmeasurable, "Which channels are saturated?")
    said = " ".join((reply.headline, *reply.facts))
    assert "No channel is saturated" not in said
    assert "The best next dollar goes" not in said or "The best next dollar of the measurable channels goes" in said
    assert "longest carry-over:" not in said
    briefing = ask(print_unmeasurable, "give me a briefing").facts
    assert any(f.startswith("Most saturated of the measurable channels: ") for f in briefing)


def test_period_drivers_list_unmeasurable_channels_unranked(sample_fit, tmp_path):
    """sibylhe "What drove sales last quarter?" listed the nine unmeasurable channels by the size of their points."""
    session = session_for(_unmeasurable(sample_fit, {"Radio", "Digital", "Print", "Social"}), tmp_path)
    session.__dict__["roi"] = dataclasses.replace(session.roi, channels=tuple(
        dataclasses.replace(r, measurable=r.channel == "TV") for r in session.roi.channels))
    reply = ask(session, "what drove Q4 2023?")
    listed = [r[0].removesuffix(" (not measurable)") for r in reply.table.rows if r[0].endswith("(not measurable)")]
    assert listed == ["Radio", "Digital", "Print", "Social"]   # the data's order
    said = next(f for f in reply.facts if f.startswith("Not measurable in this data"))
    assert "Radio, Digital, Print and Social" in said
