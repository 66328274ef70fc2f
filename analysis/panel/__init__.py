"""Geo panels: the market-by-week data (data), the panel fit with market fixed effects (fit, model)
and its results by market and nationally (results)."""
