"""Amounts as text: the single rule every label, narrative, table and chart uses.

Money is shown in dollars; an outcome amount is money for a sales/revenue target and a count in its own unit
("12.3k conversions") for a count target with no value per unit, so an analysis-level warning and the
assistant's answer word the same figure the same way. Amounts arrive in the data's units with the dataset's
`money_scale` (the sample's columns are in $000s) and `kpi_unit` (None for money)."""
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


def count(x: float) -> str:
    """A count without its unit: "12.3k", "1.00M", "950", "0.5" (three significant figures below 100)."""
    v = abs(x)
    # each step starts where the one below would round up to 1000 ("1.00M", never "1000.0k"), as for money
    body = (f"{v / 1e9:.2f}B" if v >= 999.995e6 else f"{v / 1e6:.2f}M" if v >= 999.95e3
            else f"{v / 1e3:.1f}k" if v >= 9999.5 else f"{v:,.0f}" if v >= 100 else f"{v:.3g}")
    return (MINUS if x < 0 else "") + body


def money(x: float | None, scale: float = 1.0) -> str:
    """An amount in the data's units, shown in dollars: money(1230, 1000) -> "$1.23M"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return dollars(x * scale)


def signed_money(x: float | None, scale: float = 1.0) -> str:
    """Like `money` but always signed: "+$1.23M", "−$456k", "±$0" for an amount that rounds to nothing."""
    if x is None or not math.isfinite(x):
        return "n/a"
    text = money(abs(x), scale)
    if round(x * scale) == 0:
        return "±" + text
    return ("+" if x > 0 else MINUS) + text


def amount(x: float | None, scale: float = 1.0, unit: str | None = None) -> str:
    """An outcome amount in the data's units: money for sales/revenue (`unit` None), "12.3k conversions" for a
    count target."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return money(x, scale) if unit is None else f"{count(x)} {unit}"


def signed_amount(x: float | None, scale: float = 1.0, unit: str | None = None) -> str:
    """Like `amount`, signed: "+$1.23M", "+12.3k conversions"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    if unit is None:
        return signed_money(x, scale)
    return ("+" if x > 0 else "") + amount(x, scale, unit)


def in_sales(unit: str | None) -> str:
    """What follows an outcome amount in a sentence: " in sales" for money, nothing for a count ("TV cannot add
    $1.20M in sales", "TV cannot add 10.0k conversions")."""
    return " in sales" if unit is None else ""
