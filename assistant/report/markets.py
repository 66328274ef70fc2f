"""The board pack's market page for panel data: ROI by market and the largest markets' weeks.

One section after the national ones, so the national story leads and the markets support it.
"""
from __future__ import annotations

from pathlib import Path

from assistant import format as fmt

TOP = 8


def market_section(pack, section_type, grid_type):
    """A Section on markets, or None when the data has no markets."""
    from analysis.panel.results import is_panel, market_breakdown

    if not is_panel(pack.fit):
        return None
    ds = pack.dataset
    b = market_breakdown(pack.fit)
    rows = sorted(b.rows, key=lambda r: -r.sales)
    ranked = sorted((r for r in rows if r.spend.sum() > 0), key=lambda r: -r.media_roi)
    head = (f"Media return the most in {ranked[0].market} ({fmt.per_dollar(ranked[0].media_roi, ds)} per $1) and the "
            f"least in {ranked[-1].market} ({fmt.per_dollar(ranked[-1].media_roi, ds)}), across {len(rows)} markets.")
    facts = (f"National figures in this pack are the sums of the {len(rows)} markets.",
             (f"Each channel has one response curve shared by every market per head ({b.size_source}); markets "
             f"differ in how much they spend per head, so they sit at different points of it."))
    cells = tuple((r.market, fmt.amount(r.sales, ds), fmt.money(float(r.spend.sum()), ds),
                   fmt.amount(float(r.contribution.sum()), ds), fmt.per_dollar(r.media_roi, ds)) for r in rows[:TOP])
    grid = grid_type(("Market", f"Total {fmt.outcome_word(ds)}", "Media spend", "Media-driven", "Media ROI"), cells,
                     (False, True, True, True, True),
                     f"The {min(TOP, len(rows))} largest of {len(rows)} markets; all of them are in key_insights.json."
                     if len(rows) > TOP else None)
    return section_type("markets", "Markets", head, facts, None, (grid,), ("market_roi", "market_multiples"))


def market_pack_charts(pack, directory: Path) -> dict[str, Path]:
    """The market charts of the pack (none without markets)."""
    from analysis.panel.results import is_panel
    from assistant.charts.requests import draw_chart

    if not is_panel(pack.fit):
        return {}
    return {key: draw_chart(pack, key, directory) for key in ("market_roi", "market_multiples")}
