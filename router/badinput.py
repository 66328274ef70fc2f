"""Values no data can answer, caught before any reader reinterprets them: a negative budget ("split $-2M"), an
empty or negative window ("for 0 weeks"), a period that does not exist ("Q7", "week 60", "month 13", "H3").

Each is read as `unknown` with a `Limit` of kind "bad_input" whose `problem` names what is wrong, and one
ready-to-ask question with the nearest valid value (the project rule: one clear line naming the problem and
the fix) — never a silent sign flip or a dropped window. A window longer than the data is the assistant's to
judge (the router does not know the data's length).
"""

from __future__ import annotations

import re

from router.lexer import Lexed
from router.types import Limit

# a plan's money: "split $-2M", "a budget of -500k", "plan -1M"
_PLAN_MONEY = re.compile(r"\b(?:split|splitting|allocate|allocating|distribute|spread|plan|planning|budget|budgets|invest|"
                         r"investing|spend|spending|have|got|total|of|with)\b (?:(?:a|an|the|our|total|media|budget|of)\b )*AMT")
_WINDOW = re.compile(r"\b(?:for|over|during|within|in|across) (?:the |a )?(?:next |last |first |coming )?NUM "
                     r"(?P<u>weeks?|wks?|months?|quarters?|days?)\b")
_INDEXED = re.compile(r"[qh]\d+$")
_NO_SUCH = [   # (pattern on the words, granularity, the largest valid index)
    (re.compile(r"\bq(?P<i>\d+)\b"), "quarter", 4),
    (re.compile(r"\bquarter (?P<i>\d+)\b"), "quarter", 4),
    (re.compile(r"\bh(?P<i>\d+)\b"), "half", 2),
    (re.compile(r"\bweek (?:number |no |#)?(?P<i>\d+)\b(?! (?:weeks?|of data|ago))"), "week", 53),
    (re.compile(r"\bmonth (?P<i>\d+)\b"), "month", 12),
]


def beyond_all(text: str, channels: tuple[str, ...], cut: float | None, moved: float | None) -> tuple[Limit, tuple[str, ...]] | None:
    """A cut of more than all of a channel ("cut TV by 150%") or a move of more than all of it ("move 120% of TV to
    Radio"): named, with the same question at 100% (all of it) as the nearest one."""
    size = cut if cut is not None else moved
    if size is None or size <= 100:
        return None
    said = f"{size:g}"
    fixed = re.sub(rf"\b{re.escape(said)}\s*(?=%|\s*percent)", "100", text, count=1)
    what = "a cut" if cut is not None else "a move"
    return (Limit("bad_input", channels, problem=f"{what} cannot take more than all of a channel's spend (read {said}%)"),
            (fixed,) if fixed != text else ())


def extract_bad_input(lx: Lexed, text: str) -> tuple[Limit, tuple[str, ...]] | None:
    """(the limit naming the problem, the nearest valid question), or None when every value is possible."""
    negative = any(t.kind == "amt" and t.signed and float(t.num) < 0 for t in lx.toks)
    empty = any(t.kind == "num" and (float(t.num) <= 0 or t.signed) for t in lx.toks)
    index_said = any(t.kind == "w" and (t.text in ("week", "month", "quarter") or _INDEXED.match(t.text)) for t in lx.toks)
    if not (negative or empty or index_said):
        return None   # the common case, read in one pass over the tokens
    channels = tuple(dict.fromkeys(str(t.value) for t in lx.toks if t.kind == "ch"))
    for m in (_PLAN_MONEY.finditer(lx.surface) if negative else ()):
        tok = lx.toks[lx.index_at(m.end() - 1)]
        if tok.kind == "amt" and tok.signed and float(tok.num) < 0:
            fixed = re.sub(r"(?<![\w$])-\s*(?=\$?\d)|(?<=\$)\s*-\s*(?=\d)", "", text, count=1)
            return (Limit("bad_input", channels, problem=f"a budget cannot be negative (read -${abs(float(tok.num)):,.0f})"),
                    (fixed,) if fixed != text else ())
    for m in (_WINDOW.finditer(lx.surface) if empty else ()):
        tok = lx.toks[lx.index_at(m.start() + m.group(0).index("NUM"))]
        if tok.kind == "num" and (float(tok.num) <= 0 or tok.signed):
            unit = m.group("u").rstrip("s")
            fixed = re.sub(rf"(?:-\s*)?\b{re.escape(tok.text)}\s+{unit}s?\b", f"1 {unit}", text, count=1, flags=re.I)
            return (Limit("bad_input", channels, problem=f"a window must last at least one {unit} "
                                                          f"(read {'-' if tok.signed else ''}{tok.text} {unit}s)"),
                    (fixed,) if fixed != text else ())
    if not index_said:
        return None
    words = " ".join(t.text for t in lx.toks)
    for pat, granularity, top in _NO_SUCH:
        found = pat.search(words)
        if found is None:
            continue
        i = int(found.group("i"))
        if 1 <= i <= top:
            continue
        nearest = str(min(max(i, 1), top))
        said = found.group(0)

        def renumbered(hit: re.Match[str], n: str = nearest) -> str:
            return re.sub(r"\d+", n, hit.group(0))

        fixed = re.sub(r"\b" + re.escape(said).replace(r"\ ", r"\s+") + r"\b", renumbered, text, count=1, flags=re.I)
        plural = "halves" if granularity == "half" else f"{granularity}s"
        return (Limit("bad_input", channels, problem=f"there is no {said.upper() if len(said) <= 3 else said}: "
                                                      f"{plural} run 1–{top}"),
                (fixed,) if fixed != text else ())
    return None
