"""Geo panels: the market-by-week data (data), the panel fit with market fixed effects (fit, model),
its results by market and nationally (results) and the refits that score its plans (draws)."""
