"""Number formatting shared by narrative, tables, chart titles and the board pack.

Every figure the user sees goes through one of these functions, so the same value reads
identically everywhere. Money arrives in the data's units and is shown in dollars using
`Dataset.money_scale` (the sample's columns are in $000s: 1230 units -> "$1.23M").
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from analysis import money as _money
from analysis.money import MINUS, count, dollars, signed_dollars  # noqa: F401 - re-exported: one rule for all money text

_Format = Callable[[float | None, Any], str]   # an amount in the data's units, and the dataset, as text


def _scale(dataset: Any) -> float:
    return float(getattr(dataset, "money_scale", 1.0) or 1.0)


def money(x: float | None, dataset: Any) -> str:
    """An amount in the data's units, shown in dollars: money(1230, sample) -> "$1.23M"."""
    return _money.money(x, _scale(dataset))


def signed_money(x: float | None, dataset: Any) -> str:
    """Like `money` but always signed: "+$1.23M", "−$456k"."""
    return _money.signed_money(x, _scale(dataset))


def money_range(low: float | None, high: float | None, dataset: Any) -> str:
    """An interval of amounts: "$1.10M to $1.45M" (signed when it crosses zero)."""
    return _range(low, high, dataset, money, signed_money)


def _range(low: float | None, high: float | None, dataset: Any, plain: _Format, signed: _Format) -> str:
    """ "low to high" in `plain`'s format, or both ends in `signed`'s when the interval crosses zero."""
    if low is not None and high is not None and low < 0 < high:
        return f"{signed(low, dataset)} to {signed(high, dataset)}"
    return f"{plain(low, dataset)} to {plain(high, dataset)}"


def ratio(x: float | None) -> str:
    """Sales per dollar: ratio(2.1) -> "$2.10"; ratio(4107.3) -> "$4,107" (sales in other units)."""
    if x is None or not math.isfinite(x):
        return "n/a"
    body = f"${abs(x):,.0f}" if abs(x) >= 100 else f"${abs(x):.2f}"
    return MINUS + body if x < 0 else body


def ratio_range(low: float | None, high: float | None) -> str:
    """An interval of sales per dollar: "$1.47–$1.71"."""
    return f"{ratio(low)}–{ratio(high)}"


def share_range(low: float | None, high: float | None) -> str:
    """'27.0%–46.0%' for a 90% interval of a share, or '' when there is none."""
    return "" if low is None or high is None else f"{share(low)}–{share(high)}"


def chance(p: float) -> str:
    """A probability for people: "under 1%", "2%", "35%" (the same words in answers, charts and the briefing)."""
    return "under 1%" if p < 0.01 else share(p, 0)


def share(x: float | None, digits: int = 1) -> str:
    """A 0..1 share as a percentage: share(0.412) -> "41.2%"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{100 * x:.{digits}f}%"


def margin(x: float | None) -> str:
    """A gross margin: margin(0.4) -> "40%", margin(0.375) -> "37.5%"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{100 * x:g}%"


def pct(x: float | None, digits: int = 1) -> str:
    """A value already in percent: pct(62.345) -> "62.3%"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{x:.{digits}f}%".replace("-", MINUS)


def signed_pct(x: float | None, digits: int = 1) -> str:
    """A signed change in percent: "+4.2%", "−20%" (whole numbers lose the decimals)."""
    if x is None or not math.isfinite(x):
        return "n/a"
    x = round(float(x), 6)   # the JSON's rounding: a figure reads the same from a result and from its JSON
    body = f"{abs(x):g}" if x.is_integer() else f"{abs(x):.{digits}f}"
    if float(body) == 0:   # "±0%", never "+0%"
        return f"±{0:.{digits}f}%"
    return ("+" if x > 0 else MINUS) + body + "%"


def points(x: float | None) -> str:
    """Percentage points: "+7.1 pts"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return ("+" if x >= 0 else MINUS) + f"{abs(x):.1f} pts"


def weeks(x: float | None) -> str:
    """A duration in weeks: "1.2 weeks", "under a week"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    if x < 1:
        return "under a week"
    return f"{x:.1f} weeks"


def number(x: float | None, digits: int = 2) -> str:
    """A plain statistic (R², Durbin-Watson): "0.93"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{x:.{digits}f}".replace("-", MINUS)


def round_json(x: Any, digits: int = 6) -> Any:
    """Round a float for JSON (NaN/inf become None); other values pass through."""
    if isinstance(x, float):
        if not math.isfinite(x):
            return None
        return round(x, digits)
    return x


def join_names(names: Any) -> str:
    """ "TV", "TV and Radio", "TV, Radio and Print"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- Outcomes that are counts (conversions, units) rather than money -------------------------
# A dataset whose target is a count with no revenue per unit (`Dataset.kpi_unit`) must never have
# that count printed as dollars: these read an outcome amount in its own unit.

def _kpi(dataset) -> str | None:
    return getattr(dataset, "kpi_unit", None)


def outcome_word(dataset) -> str:
    """What the target is called in answers: "sales" (money) or the count's name ("conversions")."""
    return _kpi(dataset) or "sales"


def amount(x: float | None, dataset) -> str:
    """An outcome amount: money for sales/revenue, "12.3k conversions" for a count target."""
    return _money.amount(x, _scale(dataset), _kpi(dataset))


def signed_amount(x: float | None, dataset) -> str:
    return _money.signed_amount(x, _scale(dataset), _kpi(dataset))


def per_dollar(x: float | None, dataset, bare: bool = False) -> str:
    """Outcome per $1 of spend: "$2.10" of sales, or "0.0431 conversions" for a count
    (`bare`: without the unit, for a table whose header names it)."""
    if x is None or not math.isfinite(x):
        return "n/a"
    unit = _kpi(dataset)
    if unit is None:
        return ratio(x)
    return f"{x / _scale(dataset):.3g}" + ("" if bare else f" {unit}")


def same_budget(total: float, current: float) -> bool:
    """A plan spends today's total (to a millionth of it): its chance of a loss is then against today's mix, not
    today's mix scaled to a new budget (`reference_mix`)."""
    return abs(total - current) <= 1e-6 * max(1.0, abs(current))


def reference_mix(same_budget: bool) -> str:
    """What a plan's chance of a loss is measured against: today's mix, or — for a new budget — today's mix
    scaled to it (a plan that spends $0 is not "under 1% likely to sell less than today")."""
    return "today's mix" if same_budget else "today's mix scaled to the same budget"


def of_sales(dataset) -> str:
    """What follows an outcome amount: " of sales" for money; nothing for a count ("127k conversions", not
    "127k conversions of sales")."""
    return " of sales" if _kpi(dataset) is None else ""


def per_dollar_unit(dataset) -> str:
    """The words after `per_dollar`: "in sales per $1" or "per $1"."""
    return "in sales per $1" if _kpi(dataset) is None else "per $1"


def cost_per(x_per_dollar: float | None, dataset) -> str:
    """For a count target: the spend that buys one unit ("$23.20 per conversion"); '' for money."""
    unit = _kpi(dataset)
    if unit is None or x_per_dollar is None or not math.isfinite(x_per_dollar) or x_per_dollar <= 0:
        return ""
    single = unit.removesuffix("s")
    cost = _scale(dataset) / x_per_dollar
    if cost >= 10:
        return f"{dollars(cost)} per {single}"
    body = f"{cost:.3g}"   # "$0.00526", not "$0"
    if "." in body and len(body.split(".")[1]) == 1:
        body += "0"        # cents in full: "$0.50", "$4.50", never "$0.5"
    return f"${body} per {single}"


def per_dollar_range(low: float | None, high: float | None, dataset, bare: bool = False) -> str:
    """An interval of outcome per $1: "$1.47–$1.71", or "0.031–0.052 conversions"."""
    unit = _kpi(dataset)
    if unit is None:
        return ratio_range(low, high)
    text = f"{per_dollar(low, dataset, bare=True)}–{per_dollar(high, dataset, bare=True)}"
    return text if bare else f"{text} {unit}"


def amount_range(low: float | None, high: float | None, dataset) -> str:
    """An interval of outcome amounts (money, or counts for a count target)."""
    if _kpi(dataset) is None and (low is None or high is None):
        return "n/a"
    return _range(low, high, dataset, amount, signed_amount)


def _unit_value(dataset) -> tuple[str, float] | None:
    found = getattr(dataset, "unit_value", None)
    return found if found is not None and found[1] > 0 and math.isfinite(found[1]) else None


def in_units(x: float | None, dataset) -> float | None:
    """Revenue in the count it was built from ("accounts"), at the file's average revenue per unit; None when the
    answer is not revenue = a count x a value per unit."""
    found = _unit_value(dataset)
    if found is None or x is None or not math.isfinite(x):
        return None
    return x * _scale(dataset) / found[1]


def units_line(x: float | None, low: float | None, high: float | None, dataset) -> str | None:
    """ "In accounts: about −5,350 (90% interval −7,840 to −428), at $187 of revenue per account on average.": the
    count a bank plans in beside the money (review s17 C01: "how many new accounts would we lose?")."""
    found = _unit_value(dataset)
    point, lo, hi = (in_units(v, dataset) for v in (x, low, high))
    if found is None or point is None or abs(point) < 0.5:   # under one unit: no count to say ("−0")
        return None
    noun, value = found
    single = noun.removesuffix("s")

    def said(v: float) -> str:
        v = round(v)
        return f"{'+' if v > 0 else MINUS if v < 0 else '±'}{abs(v):,}"

    span = f" (90% interval {said(lo)} to {said(hi)})" if lo is not None and hi is not None else ""
    return f"In {noun}: about {said(point)}{span}, at {dollars(value)} of revenue per {single} on average."


def cost_per_unit(roi: float | None, dataset) -> str | None:
    """What one unit of the count costs in a channel's spend ("$163 per account"): its revenue per unit over the
    channel's revenue per $1."""
    found = _unit_value(dataset)
    if found is None or roi is None or not math.isfinite(roi) or roi <= 0:
        return None
    return f"{dollars(found[1] / roi)} per {found[0].removesuffix('s')}"
