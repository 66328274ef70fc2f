"""Spelled-out numbers to digits, so "twenty percent" and "half a million" read like "20%" and "0.5 million"."""

from __future__ import annotations

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100}
# Fractions that people use as percentages of spend: "slash radio by a third".
FRACTIONS = {"half": 50.0, "third": 33.3, "thirds": 66.7, "quarter": 25.0, "quarters": 75.0,
             "fourth": 25.0, "fourths": 75.0, "fifth": 20.0, "fifths": 40.0, "tenth": 10.0}
WORDS = set(UNITS) | set(TENS) | set(SCALES) | set(FRACTIONS) | {"dozen", "a", "an"}


_SHARE_LEAD = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}   # built once, not per word
_SHARE_OF = {"quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3, "half": 0.5}


def words_to_digits(words: list[str]) -> list[str]:
    """Replace runs of number words with one digit token; "one" before a non-number word stays a word."""
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        w = words[i]
        if w == "half" and i + 2 < n and words[i + 1] == "a" and words[i + 2] in ("million", "billion", "thousand"):
            out += ["0.5", words[i + 2]]
            i += 3
            continue
        # "a quarter of a million", "three quarters of a million", "a third of a million": that share of it
        lead, share = _SHARE_LEAD, _SHARE_OF
        k = i + 1 if w in lead else i
        if (words[k:k + 1] and words[k] in share and words[k + 1:k + 3] in (["of", "a"], ["of", "one"])
                and k + 3 < n and words[k + 3] in ("million", "billion")):
            out += [f"{round((lead[w] if k > i else 1) * share[words[k]], 4):g}", words[k + 3]]
            i = k + 4
            continue
        if w in ("half", "quarter") and i + 1 < n and words[i + 1] in ("million", "billion"):
            out += ["0.5" if w == "half" else "0.25", words[i + 1]]   # "another quarter million"
            i += 2
            continue
        if w in ("million", "billion") and not (out and _is_number(out[-1])):
            out += ["1", w]            # "the next million": one million
            i += 1
            continue
        if w in ("a", "an") and i + 1 < n and words[i + 1] in ("million", "billion", "thousand", "hundred"):
            out += ["1", words[i + 1]]
            i += 2
            continue
        if w in UNITS or w in TENS:
            value, j = _parse_run(words, i)
            nxt = words[j] if j < n else ""
            # "one channel", "the one that" are not numbers worth reading.
            if (w == "one" and j == i + 1 and nxt not in ("percent", "%", "million", "thousand", "billion", "k", "m", "point")
                    and _and_a_half(words, 1.0, j)[1] == j):   # "one and a half million" is a number
                out.append(w)
                i += 1
                continue
            value, j = _and_a_half(words, *_decimals(words, value, j))   # "two point five million", "two and a half million"
            out.append(_fmt(value))
            i = j
            continue
        if _is_number(w) and words[i + 1:i + 4] == ["and", "a", "half"]:
            value, j = _and_a_half(words, float(w), i + 1)   # "2 and a half million"
            if j > i + 1:
                out.append(_fmt(value))
                i = j
                continue
        out.append(w)
        i += 1
    return out


def _and_a_half(words: list[str], value: float, j: int) -> tuple[float, int]:
    """ "two and a half million" -> 2.5 million: the half of the scale word that follows."""
    if words[j:j + 3] == ["and", "a", "half"] and words[j + 3:j + 4] and words[j + 3] in ("million", "billion", "thousand", "k", "m"):
        return value + 0.5, j + 3
    return value, j


def _decimals(words: list[str], value: float, j: int) -> tuple[float, int]:
    """ "one point five" -> 1.5: single digits said after "point"."""
    if j + 1 >= len(words) or words[j] != "point" or UNITS.get(words[j + 1], 10) > 9:
        return value, j
    digits, k = "", j + 1
    while k < len(words) and UNITS.get(words[k], 10) <= 9:
        digits += str(UNITS[words[k]])
        k += 1
    return float(f"{int(value)}.{digits}"), k


def _parse_run(words: list[str], i: int) -> tuple[float, int]:
    total, cur, j = 0, 0, i
    while j < len(words):
        w = words[j]
        if w in UNITS:
            cur += UNITS[w]
        elif w in TENS:
            cur += TENS[w]
        elif w == "hundred":
            cur = max(cur, 1) * 100
        elif w == "and" and j + 1 < len(words) and (words[j + 1] in UNITS or words[j + 1] in TENS) and cur >= 100:
            pass
        else:
            break
        j += 1
    return total + cur, j


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True
