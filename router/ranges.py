"""A change sized by a range ("cut TV by between 10 and 20%", "a Digital increase of 10-20%", "Radio +5 to 15%",
"raise TV by 10 or 20%"): the two ends are the options, compared side by side, so the answer shows what the range
spans instead of one end read as the size (or, for "10-20%", the upper end read as a cut).

The second end must be the larger: "cut TV from 20% to 10%" changes the size said, it spans nothing; and a range
followed by "of" is a share ("from 10% to 20% of the budget"), not a change's size.
"""
from __future__ import annotations

from router.lexer import Lexed

_JOIN = frozenset({"and", "to", "or", "through", "-", "–"})
MAX_END = 300.0   # the largest change a what-if takes (+300%)


def size_range(lx: Lexed) -> tuple[float, float] | None:
    """(low, high) of the one percentage range the question states, else None."""
    toks = [t for t in lx.toks if not t.used]
    found: list[tuple[float, float]] = []
    for k, t in enumerate(toks):
        if t.kind != "pct" or k == 0 or t.frac:
            continue
        before = toks[k - 1]
        if before.kind in ("num", "pct") and t.signed and t.num < 0 and (before.kind == "num" or before.signed):
            low, high = abs(before.num), abs(t.num)                 # "10-20%", "+15-25%": the dash read as a minus
        elif (before.kind == "w" and before.text in _JOIN and k >= 2 and toks[k - 2].kind in ("num", "pct")
              and not (before.text == "to" and k >= 3 and toks[k - 3].kind == "w" and toks[k - 3].text == "from"
                       and (toks[k - 2].kind == "pct" or any(u.text == "share" for u in toks[max(0, k - 7):k - 3])))):
            # "between 10 and 20%", "+5 to 15%", "10 or 20%", "reduce Print from 15 to 25 percent" (never "from 10% to
            # 20%" or a share "from 10 to 20%": a level moved, not a range)
            low, high = abs(toks[k - 2].num), abs(t.num)
        else:
            continue
        share = k + 1 < len(toks) and toks[k + 1].kind == "w" and toks[k + 1].text == "of"
        if 0 < low < high <= MAX_END and not share:
            found.append((low, high))
    return found[0] if len(found) == 1 else None


# "assume $5M–$6M for FY25, show the allocation at each end", "2-2.5m next yr how split", "somewhere between $3M and
# $4M … at either end": a plan's budget said as a range is two plans, one at each end
_ENDS_CUE = frozenset({"end", "ends", "range", "somewhere", "anywhere", "either", "both", "each"})


def budget_range(lx: Lexed) -> tuple[float, float] | None:
    """(low, high) dollars of the one money range the question states, else None. A dash read as a minus ("$5M–$6M",
    "2-2.5m": the first end takes the second's unit when it has none) is a range on its own; "between X and Y" and
    "X to Y" only with a word that asks for both ends ("at each end", "a range"), never "from X to Y" (a level moved);
    and only when the range is the question's one sum of money: beside another sum it is a limit, not the budget."""
    toks = lx.toks
    words = {t.text for t in toks if t.kind == "w"}
    found: list[tuple[float, float]] = []
    for k, t in enumerate(toks):
        if t.kind != "amt" or k == 0:
            continue
        before = toks[k - 1]
        if before.kind in ("num", "amt") and t.signed and t.num < 0 and not (before.kind == "amt" and before.signed):
            high = abs(float(t.num))
            low = abs(float(before.num)) * (1.0 if before.kind == "amt" else high / max(abs(float(t.text)), 1e-9)
                                             if t.text.replace(".", "", 1).isdigit() else 1.0)
        elif (before.kind == "w" and before.text in ("and", "to") and k >= 2 and toks[k - 2].kind == "amt"
              and words & _ENDS_CUE and not (k >= 3 and toks[k - 3].kind == "w" and toks[k - 3].text == "from")):
            low, high = abs(float(toks[k - 2].num)), abs(float(t.num))
        else:
            continue
        if 0 < low < high <= 1.5 * 4 * low:   # the ends of one budget, not two unrelated sums
            found.append((low, high))
    # another sum beside the range is the budget ("plan $5M, TV between $1M and $2M"): the range is then a limit
    return found[0] if len(found) == 1 and sum(t.kind == "amt" for t in toks) <= 2 else None
