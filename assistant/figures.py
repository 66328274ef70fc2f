"""Which chart goes with which answer; drawing is assistant/charts.py's job (its file names too).

A chart that fails to draw becomes a warning on the answer, never a failed answer.
"""
from __future__ import annotations

from pathlib import Path


def _common(session):
    from assistant.charts import channel_colors, money_units

    return channel_colors(session.dataset.channels), money_units(session.dataset)


def _draw(session, key: str):
    """(function, args, kwargs) for a chart key of charts.CHART_FILES."""
    import assistant.charts as ch

    colors, units = _common(session)
    table = {
        "trend": (ch.sales_spend_trend_chart, (session.dataset,), {"colors": colors, "units": units}),
        "contributions": (ch.contribution_chart, (session.fit, session.contribution), {"colors": colors, "units": units}),
        "roi": (ch.roi_chart, (session.roi,), {"colors": colors, "units": units}),
        "response_curves": (ch.response_curves_chart, (session.saturation,), {"colors": colors, "units": units}),
        "efficiency": (ch.budget_efficiency_chart, (session.roi,), {"colors": colors}),
        "decomposition": (ch.decomposition_pie_chart, (session.contribution,),
                          {"colors": colors, "channel_order": session.dataset.channels}),
    }
    return table[key]


KIND_CHARTS = {
    "roi": ("roi",),
    "contribution": ("decomposition",),
    "saturation": ("response_curves",),
    "trend": ("trend",),
    "summary": ("roi",),
}


def _write(session, key: str, result=None) -> Path:
    import assistant.charts as ch

    path = Path(session.outputs) / ch.CHART_FILES[key]
    if result is not None:
        colors, units = _common(session)
        func = {"what_if": ch.what_if_chart, "reallocation": ch.reallocation_chart,
                "period_drivers": ch.period_drivers_chart}[key]
        return Path(func(result, path, colors=colors, units=units))
    func, args, kwargs = _draw(session, key)
    return Path(func(*args, path, **kwargs))


def charts_for(session, kind, data: dict, routed) -> tuple[tuple[Path, ...], list[str]]:
    """Write the chart(s) for an answer under session.outputs; returns paths and warnings.

    `kind` is a key of KIND_CHARTS, or (chart key, typed result) for scenario/optimisation/trend.
    """
    paths, warnings = [], []
    if kind == "market_roi":
        try:
            from assistant.market_charts import market_charts

            return market_charts(session, kind, data), warnings
        except Exception as exc:  # noqa: BLE001 - a chart must not cost the answer
            return (), [f"chart market_roi not drawn ({type(exc).__name__}: {' '.join(str(exc).split())[:100]})"]
    jobs = [(kind[0], kind[1])] if isinstance(kind, tuple) else [(k, None) for k in KIND_CHARTS.get(kind, ())]
    for key, result in jobs:
        try:
            paths.append(_write(session, key, result))
        except Exception as exc:  # noqa: BLE001 - a chart must not cost the answer
            warnings.append(f"chart {key} not drawn ({type(exc).__name__}: {' '.join(str(exc).split())[:100]})")
    return tuple(paths), warnings


def demo_charts(session, briefing: dict) -> tuple[list[Path], list[str]]:
    """The demo's eight charts (01 … 08) from the briefing's results."""
    from assistant import engines
    from assistant.answer_plan import optimization
    from assistant.briefing import WHAT_IF_PCT, what_if_channel

    scenario = engines.run_scenario(session.fit, changes={what_if_channel(session): WHAT_IF_PCT}, margin=session.margin)
    best = optimization(session, None, (), session.margin)
    paths, warnings = [], []
    for key in ("trend", "contributions", "roi", "response_curves", "efficiency", "decomposition"):
        try:
            paths.append(_write(session, key))
        except Exception as exc:  # noqa: BLE001
            warnings.append(f"chart {key} not drawn ({type(exc).__name__}: {exc})")
    for key, result in (("what_if", scenario), ("reallocation", best)):
        try:
            paths.append(_write(session, key, result))
        except Exception as exc:  # noqa: BLE001
            warnings.append(f"chart {key} not drawn ({type(exc).__name__}: {exc})")
    try:   # panel data: ROI by market and the largest markets, after the national story
        from assistant.report.markets import market_pack_charts

        paths += list(market_pack_charts(session, Path(session.outputs)).values())
    except Exception as exc:  # noqa: BLE001
        warnings.append(f"market charts not drawn ({type(exc).__name__}: {exc})")
    return paths, warnings
