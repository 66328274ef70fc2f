"""mmm_results.xlsx: the pack's tables as numbers (openpyxl), one sheet per analysis, headers frozen."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.report.pack import BoardPack, scenario_answers

MONEY = '#,##0.0'
RATIO = '0.00'
SHARE = '0.0%'
PCT = '0.0"%"'
PLAIN = 'General'
SHEETS = ("ROI", "Contributions", "Weekly decomposition", "Response curves", "Scenarios", "Optimiser plan",
          "Diagnostics")


def _sheet(wb, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], formats: Sequence[str],
           widths: Sequence[int] | None = None):
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(title)
    ws.append(list(header))
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="14213D")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append(list(row))
    for col, number_format in enumerate(formats, start=1):
        if number_format == PLAIN:
            continue
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = number_format
    from openpyxl.utils import get_column_letter

    for col, name in enumerate(header, start=1):
        width = widths[col - 1] if widths else max(12, min(40, len(str(name)) + 4))
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 32
    return ws


def write_workbook(pack: BoardPack, path: Path) -> Path:
    """Write the workbook to `path` (the caller makes the write atomic)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    units = pack.units
    roi = pack.answers["roi_analysis"]
    _sheet(wb, "ROI", ("Channel", "Rank", "ROI (sales per $1)", "ROI low (90%)", "ROI high (90%)",
                       f"Spend ({units})", f"Incremental sales ({units})", "Measurable", "Note"),
           [(c, r["rank"], r["roi"], r["roi_low"], r["roi_high"], r["spend"], r["contribution"],
             "yes" if r["measurable"] else "no", r.get("note") or "") for c, r in roi["channels"].items()],
           (PLAIN, PLAIN, RATIO, RATIO, RATIO, MONEY, MONEY, PLAIN, PLAIN), (14, 8, 12, 12, 12, 14, 16, 12, 40))

    con = pack.answers["contribution"]
    rows: list[Sequence[object]] = [("Baseline (no media)", con["baseline"], con["baseline_share"], None, None)]
    rows += [(c, r["contribution"], r["share"], r.get("contribution_low"), r.get("contribution_high"))
             for c, r in con["channels"].items()]
    rows.append(("Total sales", con["total_sales"], 1.0, None, None))
    _sheet(wb, "Contributions", ("Part", f"Sales ({units})", "Share of sales", f"Low (90%, {units})",
                                 f"High (90%, {units})"), rows, (PLAIN, MONEY, SHARE, MONEY, MONEY),
           (22, 16, 14, 16, 16))

    dec, names = pack.fit.decomposition, pack.fit.channel_names
    header = ["Week", f"Actual sales ({units})", f"Fitted ({units})", f"Baseline ({units})", "Intercept", "Trend",
              "Seasonality", *[f"Control: {c}" for c in pack.dataset.control_names], *names]
    rows = []
    for i, date in enumerate(dec.dates):
        rows.append([date.to_pydatetime(), float(dec.actual[i]), float(dec.fitted[i]), float(dec.baseline[i]),
                     float(dec.intercept[i]), float(dec.trend[i]), float(dec.seasonality[i]),
                     *[float(v) for v in dec.controls[i]], *[float(v) for v in dec.channels[i]]])
    _sheet(wb, "Weekly decomposition", header, rows, ("yyyy-mm-dd",) + (MONEY,) * (len(header) - 1),
           [12] + [14] * (len(header) - 1))

    rows = []
    for ch in pack.saturation.channels:
        curve = ch.curve
        for spend, response in zip(curve.spend, curve.response):
            multiplier = spend / curve.current_spend if curve.current_spend else None
            rows.append((ch.channel, float(multiplier) if multiplier is not None else None, float(spend),
                         float(response), "yes" if multiplier is not None and abs(multiplier - 1) < 1e-9 else ""))
    _sheet(wb, "Response curves", ("Channel", "Multiple of current spend", f"Total spend ({units})",
                                   f"Predicted incremental sales ({units})", "Current plan"), rows,
           (PLAIN, RATIO, MONEY, MONEY, PLAIN), (14, 14, 16, 20, 10))

    rows = []
    for i, sc in enumerate(scenario_answers(pack), start=1):
        changes = ", ".join(f"{c} {v:+g}%" for c, v in sc["changes"].items())
        rows.append((i, sc["label"], changes, sc["delta_spend"], sc["delta_sales"], sc["delta_sales_low"],
                     sc["delta_sales_high"], sc["delta_sales_pct"], sc.get("return_on_change")))
    _sheet(wb, "Scenarios", ("#", "Scenario", "Changes", f"Change in spend ({units})", f"Change in sales ({units})",
                             "Low (90%)", "High (90%)", "Change in sales (%)", "Sales per $1 changed"), rows,
           (PLAIN, PLAIN, PLAIN, MONEY, MONEY, MONEY, MONEY, '0.00"%"', RATIO), (5, 30, 28, 14, 14, 12, 12, 12, 12))

    opt = pack.answers.get("budget_optimization") or {}
    rows = [(c, r["current"], r["recommended"], r["change_pct"], r["marginal_roi_current"],
             r["marginal_roi_recommended"], r.get("at_bound") or "") for c, r in opt.get("allocation", {}).items()]
    if opt:
        rows += [(), ("Weeks planned for", opt.get("window") or ""),   # "Current" is the spend in these weeks only
                 ("Total budget", opt["total_budget"]), ("Expected change in sales", opt["expected_delta_sales"]),
                 ("Low (90%)", opt["expected_delta_sales_low"]), ("High (90%)", opt["expected_delta_sales_high"]),
                 ("Chance it sells less than today's mix", opt.get("prob_loss")),
                 ("Binding constraints" if opt.get("at_optimum", True) else "Limits binding at the full optimum",
                  "; ".join(opt.get("binding", ())) or "none")]
    _sheet(wb, "Optimiser plan", ("Channel", f"Current ({units})", f"Recommended ({units})", "Change (%)",
                                  "Marginal ROI now", "Marginal ROI after",
                                  "At limit" if opt.get("at_optimum", True) else "At limit (full optimum)"), rows,
           (PLAIN, MONEY, MONEY, PCT, RATIO, RATIO, PLAIN), (26, 16, 16, 12, 14, 14, 10))

    q = pack.answers["model_quality"]
    stats = pack.fit.stats
    rows = [("Grade", q["grade"]), ("R²", q["r2"]), ("Adjusted R²", q["adj_r2"]), ("MAPE (%)", q["mape"]),
            ("Out-of-sample MAPE (%)", q.get("oos_mape")), ("Durbin-Watson", q["durbin_watson"]),
            ("Weeks", stats.n_obs), ("Parameters", stats.n_params), (f"Residual s.d. ({units})", stats.sigma),
            ("Method", pack.fit.method)]
    rows += [(f"Reason {i}", r) for i, r in enumerate(q.get("reasons", ()), start=1)]
    rows += [(f"Confidence: {c}", v) for c, v in q.get("channel_confidence", {}).items()]
    ws = _sheet(wb, "Diagnostics", ("Diagnostic", "Value"), rows, (PLAIN, PLAIN), (30, 60))
    for (cell,) in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        if isinstance(cell.value, float):
            cell.number_format = "0.000"
    wb.save(path)
    return path
