"""Dollar amounts as text: the single rule every label, narrative, table and chart uses."""
from __future__ import annotations

import math

MINUS = "−"  # typographic minus, as in "TV −20%"


def dollars(x: float | None) -> str:
    """A dollar amount with three significant figures: "$1.23M", "$456k", "$12.3k", "$950"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    sign = MINUS if x < 0 else ""
    v = abs(x)
    # each step starts where the one below would round up to 1000 ("$1.00M", never "$1000k")
    if v >= 999.995e12:
        body = f"${v:.2e}"            # beyond trillions (a units slip, usually): still one short figure
    elif v >= 999.995e9:
        body = f"${v / 1e12:.2f}T"
    elif v >= 999.995e6:
        body = f"${v / 1e9:.2f}B"
    elif v >= 999.5e3:
        body = f"${v / 1e6:.2f}M"
    elif v >= 99.95e3:
        body = f"${v / 1e3:.0f}k"
    elif v >= 999.5:
        body = f"${v / 1e3:.1f}k"
    else:
        body = f"${v:,.0f}"
    return sign + body


def signed_dollars(x: float) -> str:
    """Like `dollars`, always signed: "+$50.0k", "−$1.20M"."""
    return ("+" if x > 0 else MINUS if x < 0 else "") + dollars(abs(x))
