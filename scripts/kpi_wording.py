"""Rewrite outcome figures in the answer templates to the unit-aware formatters (issue 13).

    python scripts/kpi_wording.py FILE=DATASET_EXPR ...

`fmt.ratio(x)` -> `fmt.per_dollar(x, ds)`; money calls whose amount is an outcome (sales,
contribution, baseline, uplift) -> `fmt.amount`/`signed_amount`/`amount_range`, so a count
target (conversions without a revenue per conversion) is never printed as dollars. Kept as a
script so the rewrite can be re-run after the answer modules move.
"""
from __future__ import annotations

import re
import sys

OUTCOME = re.compile(r"sales|contribution|baseline|uplift|gain|fitted|predicted|profit|media\b|reachable|\bd\b")
SPEND = re.compile(r"spend|budget|cost|saved|amount_spent")


def _calls(text: str, name: str):
    """(start, end, args text) of each call `name(...)`, parentheses balanced."""
    for match in re.finditer(re.escape(name) + r"\(", text):
        depth, i = 1, match.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        yield match.start(), i, text[match.end():i - 1]


def _split_last(args: str) -> tuple[str, str]:
    depth = 0
    for i in range(len(args) - 1, -1, -1):
        ch = args[i]
        depth += {")": 1, "]": 1, "}": 1, "(": -1, "[": -1, "{": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            return args[:i], args[i + 1:].strip()
    return args, ""


def rewrite(text: str, ds: str) -> str:
    edits = []
    for start, end, args in _calls(text, "fmt.ratio_range"):
        edits.append((start, end, f"fmt.per_dollar_range({args}, {ds})"))
    for start, end, args in _calls(text, "fmt.ratio"):
        if text[start:start + len("fmt.ratio_range")] != "fmt.ratio_range":
            edits.append((start, end, f"fmt.per_dollar({args}, {ds})"))
    for old, new in (("fmt.signed_money", "fmt.signed_amount"), ("fmt.money_range", "fmt.amount_range"),
                     ("fmt.money", "fmt.amount")):
        for start, end, args in _calls(text, old):
            if text[start:start + len(old) + 1] != old + "(":
                continue
            value, _ = _split_last(args)
            if OUTCOME.search(value) and not SPEND.search(value):
                edits.append((start, end, f"{new}({args})"))
    edits.sort()
    out, last = [], 0
    for start, end, new in edits:
        if start < last:
            continue
        out += [text[last:start], new]
        last = end
    out.append(text[last:])
    return "".join(out)


def main(argv: list[str]) -> int:
    for item in argv:
        path, ds = item.split("=", 1)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        new = rewrite(text, ds)
        if new != text:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(new)
            print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
