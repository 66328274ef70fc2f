"""The pack's story as plain data: sections of headline, facts and tables, read from the answer data.

The HTML and Markdown writers only lay this out, so both tell the same story with the same
figures (every number is formatted here, by assistant.format, from the `--json` data).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from assistant import format as fmt
from assistant.answers.budget import next_dollar_cells
from assistant.report.pack import BoardPack, scenario_answers

SECTION_IDS = ("summary", "roi", "contribution", "saturation", "reallocation", "scenarios", "method", "appendix")


@dataclass(frozen=True)
class Grid:
    """A table: header, rows of formatted cells; `numeric` marks right-aligned columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    caption: str | None = None


@dataclass(frozen=True)
class Section:
    """One part of the pack: a finding as its heading, supporting facts, tables and charts."""

    id: str
    title: str
    headline: str
    facts: tuple[str, ...] = ()
    caveat: str | None = None
    grids: tuple[Grid, ...] = ()
    charts: tuple[str, ...] = ()          # chart keys from figures.draw_pack_charts
    columns: tuple[Section, ...] = field(default=())   # side-by-side sub-sections (scenarios)


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    note: str


def _narr(pack: BoardPack, intent: str):
    return pack.narratives.get(intent)


def _from_narrative(narrative, fallback: str) -> tuple[str, tuple[str, ...], str | None]:
    if narrative is None:
        return fallback, (), None
    return narrative.headline, tuple(narrative.facts), narrative.caveat


def tiles(pack: BoardPack) -> tuple[Tile, ...]:
    """The KPI tiles under the header band."""
    ds = pack.dataset
    roi = pack.answers["roi_analysis"]
    contribution = pack.answers["contribution"]
    quality = pack.answers["model_quality"]
    out = [
        Tile("Media-driven sales", fmt.share(contribution["media_share"]),
             f"{fmt.amount(contribution['total_sales'] - contribution['baseline'], ds)} of "
             f"{fmt.amount(contribution['total_sales'], ds)}"
             + (f"; 90% interval {span}" if (span := fmt.share_range(contribution.get("media_share_low"),
                                                                   contribution.get("media_share_high"))) else "")),
        Tile("Blended ROI", fmt.per_dollar(roi["blended_roi"], pack.dataset), f"per $1 on {fmt.money(roi['total_spend'], ds)} of media"
             + (f"; 90% interval {fmt.per_dollar_range(low, high, ds)}"   # the total's uncertainty, as every answer gives it
                if (low := roi.get("blended_roi_low")) is not None and (high := roi.get("blended_roi_high")) is not None
                else "")),
    ]
    if roi["ranking"]:
        top = roi["ranking"][0]
        best = "Best ROI" if len(roi["ranking"]) == len(roi["channels"]) else "Best measurable ROI"   # others unranked
        out.append(Tile(f"{best}: {top}", fmt.per_dollar(roi["channels"][top]["roi"], pack.dataset),
                        "90% interval " + fmt.per_dollar_range(roi["channels"][top]["roi_low"],
                                                          roi["channels"][top]["roi_high"], pack.dataset)))
    opt = pack.answers.get("budget_optimization")
    if opt:
        chance = "" if opt.get("prob_loss") is None else f"; {fmt.pct(100 * opt['prob_loss'], 0)} chance of a loss"
        total, current = opt.get("total_budget"), opt.get("current_budget")
        # a plan on another budget ("the next $1M") is not a re-split of today's: its tile says which budget it spends
        same = total is None or not current or abs(total - current) <= 0.005 * abs(current)
        label = "Reallocation uplift" if same else f"Plan gain on {fmt.money(total, ds)} (today {fmt.money(current, ds)})"
        kept = all(abs(opt.get(k) or 0.0) < 1e-9 for k in ("expected_delta_sales", "expected_delta_sales_low",
                                                            "expected_delta_sales_high"))
        if kept and same:   # "±$0, 90% range $0 to $0; 0% chance of a loss" said nothing: the plan keeps today's mix
            out.append(Tile(label, "Keep today's mix", "no re-split is clear of a loss in this data"))
        else:
            out.append(Tile(label, fmt.signed_amount(opt["expected_delta_sales"], ds),
                            "90% range " + fmt.amount_range(opt["expected_delta_sales_low"],
                                                           opt["expected_delta_sales_high"], ds) + chance))
    out.append(Tile("Model reliability", str(quality["grade"]),
                    f"R² {fmt.number(quality['r2'])}, weekly error {fmt.pct(quality['mape'])}"))
    return tuple(out)


def headlines(pack: BoardPack) -> tuple[str, ...]:
    """The headline findings: one line per analysis, the chat's own headline sentences."""
    lines = []
    for intent in ("roi_analysis", "contribution", "saturation", "budget_optimization"):
        narrative = _narr(pack, intent)
        if narrative is not None:
            lines.append(narrative.headline)
    for narrative in _narr(pack, "budget_scenario") or ():
        lines.append(narrative.headline)
    quality = _narr(pack, "model_quality")
    if quality is not None:
        lines.append(quality.headline)
    return tuple(lines)


def _roi_section(pack: BoardPack) -> Section:
    ds = pack.dataset
    data = pack.answers["roi_analysis"]
    head, facts, caveat = _from_narrative(_narr(pack, "roi_analysis"), "Return on investment by channel")
    rows = []
    for name, row in data["channels"].items():
        rows.append((
            str(row["rank"]) if row["rank"] else "–", name,
            fmt.per_dollar(row["roi"], pack.dataset) if row["measurable"] else "not measurable",
            fmt.per_dollar_range(row["roi_low"], row["roi_high"], pack.dataset) if row["roi_low"] is not None else "n/a",
            fmt.money(row["spend"], ds), fmt.amount(row["contribution"], ds) if row["measurable"] else "—",
        ))
    grid = Grid(("Rank", "Channel", "ROI (sales per $1)", "90% interval", "Spend", "Incremental sales"),
                tuple(rows), (True, False, True, True, True, True),
                f"All media: {fmt.per_dollar(data['blended_roi'], pack.dataset)} per $1 on {fmt.money(data['total_spend'], ds)}.")
    return Section("roi", "Return on investment", head, facts, caveat, (grid,), ("roi", "efficiency"))


def _contribution_section(pack: BoardPack) -> Section:
    ds = pack.dataset
    data = pack.answers["contribution"]
    head, facts, caveat = _from_narrative(_narr(pack, "contribution"), "Where sales come from")
    rows = [("Baseline (no media)", fmt.amount(data["baseline"], ds), fmt.share(data["baseline_share"]), "")]
    for name, row in data["channels"].items():
        measured = row.get("measurable", True)
        rows.append((name, fmt.amount(row["contribution"], ds) if measured else "not measurable",
                     fmt.share(row["share"]) if measured else "—",
                     fmt.amount_range(row.get("contribution_low"), row.get("contribution_high"), ds)))
    rows.append(("Total sales", fmt.amount(data["total_sales"], ds), fmt.share(1.0), ""))
    grid = Grid(("Part", "Sales over the period", "Share of sales", "90% interval"), tuple(rows),
                (False, True, True, True))
    return Section("contribution", "Contribution and baseline", head, facts, caveat, (grid,),
                   ("decomposition", "contributions"))


def _saturation_section(pack: BoardPack) -> Section:
    data = pack.answers["saturation"]
    head, facts, caveat = _from_narrative(_narr(pack, "saturation"), "Saturation and marginal ROI")
    rows = []
    for name, row in data["channels"].items():
        rows.append((name, fmt.pct(row["saturation_pct"], 0), str(row.get("status", "")),
                     fmt.per_dollar(row["marginal_roi"], pack.dataset), fmt.per_dollar(row.get("roi"), pack.dataset),
                     fmt.weeks(row.get("half_life_weeks"))) if row.get("measurable", True) else
                    (name, "—", "not measurable", "—", "—", "—"))   # as the chat table: no point for such a channel
    grid = Grid(("Channel", "Saturation", "Position", "Next $1 returns", "Average ROI", "Carry-over half-life"),
                tuple(rows), (False, True, False, True, True, True))
    return Section("saturation", "Saturation and marginal ROI", head, facts, caveat, (grid,), ("response_curves",))


def _reallocation_section(pack: BoardPack) -> Section:
    ds = pack.dataset
    data = pack.answers.get("budget_optimization")
    if not data:
        return Section("reallocation", "Recommended reallocation", "No reallocation was computed.")
    head, facts, caveat = _from_narrative(_narr(pack, "budget_optimization"), "Recommended reallocation")
    rows = []
    for name, row in data["allocation"].items():
        bound = {"lower": "floor", "upper": "cap"}.get(row.get("at_bound") or "", "")
        bound = f"at its {bound}" if bound and data.get("at_optimum", True) else bound
        rows.append((name, fmt.money(row["current"], ds), fmt.money(row["recommended"], ds),
                     # the chat table's rounding: one change reads the same in both
                     fmt.signed_pct(row["change_pct"], 0), *next_dollar_cells(row, pack.dataset), bound))
    uplift = (f"Expected change in sales: {fmt.signed_amount(data['expected_delta_sales'], ds)} "
              f"(90% range {fmt.amount_range(data['expected_delta_sales_low'], data['expected_delta_sales_high'], ds)})"
              f" on a total budget of {fmt.money(data['total_budget'], ds)}"
              + (f" over {data['window']}" if data.get("window") else ""))   # the weeks "Current" covers
    if data.get("prob_loss") is not None:
        same = fmt.same_budget(data["total_budget"], data["current_total"])
        uplift += (f"; in {fmt.pct(100 * data['prob_loss'], 0)} of the model draws that scored it (not those that "
                   f"chose it) the plan sells less than {fmt.reference_mix(same)}")
    uplift += "."
    # a plan shrunk toward today's mix stops short of its limits: they bind at the full optimum, not in the table
    at_optimum = data.get("at_optimum", True)
    binding = (("Binding constraints: " if at_optimum else "Limits that bind at the full optimum (not this plan): ")
               + ("; ".join(data["binding"]) if data.get("binding") else "none") + ".")
    grid = Grid(("Channel", "Current", "Recommended", "Change", "Next $1 now", "Next $1 after",
                 "Limit" if at_optimum else "Limit (at the full optimum)"),
                tuple(rows), (False, True, True, True, True, True, False), uplift + " " + binding)
    return Section("reallocation", "Recommended reallocation", head, facts, caveat, (grid,), ("reallocation",))


def _scenario_sections(pack: BoardPack) -> Section:
    ds = pack.dataset
    columns = []
    narratives = _narr(pack, "budget_scenario") or ()
    for i, data in enumerate(scenario_answers(pack), start=1):
        narrative = narratives[i - 1] if i - 1 < len(narratives) else None
        head, facts, caveat = _from_narrative(narrative, data["label"])
        rows = (
            ("Change in spend", fmt.signed_money(data["delta_spend"], ds)),
            ("Change in sales", fmt.signed_amount(data["delta_sales"], ds)),
            ("90% range", fmt.amount_range(data["delta_sales_low"], data["delta_sales_high"], ds)),
            ("Change in sales, %", fmt.signed_pct(data["delta_sales_pct"], 2)),
            ("Sales per $1 changed", fmt.per_dollar(data.get("return_on_change"), pack.dataset)),
        )
        grid = Grid(("", data["label"]), rows, (False, True))
        columns.append(Section(f"scenario-{i}", data["label"], head, facts, caveat, (grid,), (f"what_if_{i}",)))
    if not columns:
        return Section("scenarios", "What-if scenarios",
                       "No what-if scenarios were asked in this conversation.",
                       ("Ask, for example, “What if we cut TV by 20%?” before `report` to include it here.",))
    return Section("scenarios", "What-if scenarios", f"{len(columns)} scenario"
                   f"{'s' if len(columns) != 1 else ''} asked in this conversation, side by side.",
                   columns=tuple(columns))


def _method_section(pack: BoardPack) -> Section:
    data = pack.answers["model_quality"]
    head, facts, caveat = _from_narrative(_narr(pack, "model_quality"), f"Model reliability: {data['grade']}")
    method = (
        "Each week's sales are explained as a baseline (trend, seasonality and any control columns) plus one "
        "response per channel. A channel's response allows for carry-over (advertising keeps working for a few "
        "weeks, 'adstock') and for diminishing returns (each extra dollar buys less, a 'Hill' curve); both are "
        "learned from the data.",
        "Intervals are 90%: the true value lies in the range nine times out of ten. A channel whose interval "
        "reaches zero is reported as not measurable rather than ranked.",
        "ROI is incremental sales per $1 of spend over the whole period; marginal ROI is what the next $1 returns "
        "at today's spend. Reallocation keeps the total budget and limits each channel's change.",
        "This is correlation-based modelling of past data. It is a strong guide for budget direction, not proof "
        "of cause: confirm large moves with a test (e.g. a geographic holdout).",
    )
    rows = [("Grade", str(data["grade"])), ("R² (share of weekly variation explained)", fmt.number(data["r2"])),
            ("Typical weekly error (MAPE)", fmt.pct(data["mape"]))]
    if data.get("oos_mape") is not None:
        rows.append(("Error on held-out weeks", fmt.pct(data["oos_mape"])))
    rows.append(("Durbin-Watson (2 = no leftover pattern)", fmt.number(data["durbin_watson"])))
    grid = Grid(("Diagnostic", "Value"), tuple(rows), (False, True))
    said = " ".join((*facts, caveat or "")).lower()   # a reason opens lower-case; the fact that says it, capitalised
    reasons = tuple(f"Why: {r}." for r in data.get("reasons", ()) if r.lower() not in said)
    improvements = tuple(f"To improve: {r}." for r in data.get("improvements", ()) if r.lower() not in said)
    warnings = tuple(f"Note: {w}" for w in pack.warnings)
    return Section("method", "Method and caveats", head, (*facts, *reasons, *improvements, *method, *warnings),
                   caveat, (grid,))


def _appendix_section(pack: BoardPack) -> Section:
    """Every question of the session with the fingerprints of the data and model that answered it
    (the audit trail's lines, so a figure in the pack can be traced back)."""
    rows = []
    for i, e in enumerate(pack.questions, start=1):
        data, model = e.get("dataset") or {}, e.get("model") or {}
        rows.append((str(i), str(e.get("time", ""))[:19].replace("T", " "), str(e.get("question", "")),
                     str(e.get("intent", "")), str(data.get("file_sha256") or data.get("values_sha256") or "")[:12],
                     str(model.get("settings_sha256") or "")[:12], str(model.get("package_version") or "")))
    first = pack.questions[0] if pack.questions else {}
    ds = first.get("dataset") or {}
    facts = ((f"Data: {ds.get('source')}, {ds.get('rows')} rows, {ds.get('start')} to {ds.get('end')}; "
              f"SHA-256 {ds.get('file_sha256') or ds.get('values_sha256')}.",) if ds else ())
    head = (f"{len(rows)} question{'s' if len(rows) != 1 else ''} asked in this session, with the fingerprints "
            f"of the data and model that answered them." if rows else "No questions were asked in this session.")
    grid = Grid(("#", "Time (UTC)", "Question", "Intent", "Data SHA-256", "Model settings", "Version"),
                tuple(rows), (True, False, False, False, False, False, False))
    return Section("appendix", "Appendix: questions asked", head, facts, None, (grid,) if rows else ())


def sections(pack: BoardPack) -> tuple[Section, ...]:
    """The pack's sections after the summary, in reading order."""
    from assistant.report.markets import market_section

    markets = market_section(pack, Section, Grid)   # panel data only
    return (_roi_section(pack), _contribution_section(pack), *((markets,) if markets else ()), _saturation_section(pack),
            _reallocation_section(pack), _scenario_sections(pack), _method_section(pack), _appendix_section(pack))


def subtitle(pack: BoardPack) -> str:
    ds = pack.dataset
    return f"{ds.source} · {pack.period} · money in {pack.units} shown as dollars"


def chart_alt(key: str) -> str:
    return {"trend": "Weekly sales and media spend", "contributions": "Weekly contributions over the baseline",
            "roi": "ROI by channel with intervals", "response_curves": "Response curves",
            "efficiency": "Share of spend vs share of media-driven sales",
            "decomposition": "Share of sales: baseline and channels",
            "reallocation": "Current vs recommended spend", "market_roi": "Media ROI by market",
            "market_multiples": "Weekly sales of the largest markets"}.get(key, "What-if scenario: change in sales")

