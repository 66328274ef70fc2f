"""Moves the one-source, one-destination shift reader cannot say: money split between two destinations
("move half of Print to Social and the other half to Digital", "split TV's cut between Radio and Social"),
and a move sized by what the receiving channel gains ("cut TV to fund a 20% increase in Social",
"increase Social by the same amount we cut from Print").

They are read from the question's tokens after the change reader ran: channels are written "@Name",
a percentage "%i" and an amount "$i" (i is the token's index, for its value).
"""
from __future__ import annotations

import re
from dataclasses import replace

from router.lexer import Lexed
from router.types import Shift

_SPLIT = (r"(?:split|splitting|divide|dividing|share|sharing|spread|spreading|distribute|distributing|redistribute"
          r"|redistributing)")
_AMONG = r"(?:between|across|among|amongst|over|into|to)"
_MOVE = r"(?:move|moving|shift|shifting|put|putting|reallocate|reallocating|redirect|redirecting|send|sending|give|giving)"
_REST = (r"(?:the )?(?:other half|second half|rest|remainder|remaining half|remaining \w+|other \w+|half|%\d+|\$\d+)"
         r"(?: of it| of that| of the money)?")
_FUND = r"(?:fund|funds|funding|finance|financing|pay for|paying for|pays for|cover|covering|bankroll)"
_RISE = r"(?:increase|increases|rise|raise|boost|bump|lift|uplift|uptick|growth|more spend|more)"

# "@Print to @Social and the other half to @Digital"
_OTHER_HALF = re.compile(rf"@(?P<d1>\w+) (?:\w+ )?(?:and|,|, and|while|with) {_REST} (?:goes |go |going )?(?:to|into|on|in|for) @(?P<d2>\w+)")
# "move 20% of TV into Radio and Social", "shift $200k from TV evenly between Digital and Social"
_TWO_AFTER = re.compile(rf"\b(?:{_MOVE}|{_SPLIT})\b .*?@(?P<src>\w+) (?:\w+ ){{0,2}}?(?:equally |evenly |50 50 )?{_AMONG} "
                        r"@(?P<d1>\w+) (?:and|&|,) @(?P<d2>\w+)(?! (?:\w+ )?(?:by|%|\$))")
# "split TV's cut between Radio and Social", "take 30% out of Print and split it between Social and Digital"
_SPLIT_IT = re.compile(rf"@(?P<src>\w+)(?: s)? (?:\w+ ){{0,6}}?{_SPLIT} (?:\w+ ){{0,3}}?(?:equally |evenly )?"
                       r"(?:between|across|among|amongst) @(?P<d1>\w+) (?:and|&|,) @(?P<d2>\w+)")
# "take 40% of Radio and give half to Social, half to Digital": a cut said first, then its halves
_HALVES = re.compile(r"(?:\bhalf|(?P<h1>%\d+)) (?:of it |of that |of the money )?(?:goes |go )?(?:to|into|on|for) @(?P<d1>\w+),? (?:and |while |with )?"
                     r"(?:the other |the second |the remaining |another )?(?:half|(?P<h2>%\d+)) (?:of it )?(?:goes |go )?(?:to|into|on|for) @(?P<d2>\w+)")
# "$1.2M out of TV, half into Social and half into Digital", "reallocate $500k from Print: 60% to Digital, 40% to Social",
# "tv -2m, half to digital half to social": money taken from one channel, then its parts, each to a receiver
_SRC_MONEY = (r"(?:(?P<x>\$\d+) (?:\w+ ){0,2}?(?:from|out of|off|of) (?:the |our )?@(?P<src>\w+)"
              r"|@(?P<src2>\w+) (?:by )?(?P<x2>\$\d+))")
_PART = r"(?:half|(?P<{}>%\d+)) (?:of it |of that |of this |of the money |of the savings )?(?:goes |go |going )?(?:to|into|on|for|in) @(?P<{}>\w+)"
_MONEY_PARTS = re.compile(rf"{_SRC_MONEY}(?: \w+){{0,6}}? (?:the )?{_PART.format('h1', 'd1')},? (?:and |while |with |then )?"
                          rf"(?:the other |the second |the remaining |the |another |other )?{_PART.format('h2', 'd2')}")
# "cut TV to fund a 20% increase in Social", "cut Radio to pay for a $50k boost to Digital"
_FUNDED = re.compile(rf"@(?P<src>\w+) (?:\w+ ){{0,4}}?(?:to|in order to|so we can|and use it to|and use that to) {_FUND} "
                     rf"(?:a |an |the )?(?P<x>[%$]\d+) (?:\w+ )?{_RISE}? ?(?:in|to|for|on|of|into) @(?P<dst>\w+)")
# "fund a 10% lift in Digital by trimming Radio", "pay for a $50k boost to Social out of Print"
_FUND_FROM = re.compile(rf"\b{_FUND} (?:a |an |the )?(?P<x>[%$]\d+) (?:\w+ )?{_RISE}? ?(?:in|to|for|on|of|into) @(?P<dst>\w+) "
                        r"(?:\w+ ){0,1}?(?:by|from|out of|with|through) (?:\w+ ){0,2}?@(?P<src>\w+)")
# "raise Social 20%, funded by TV", "boost Digital by $50k paid for by cutting Radio"
_FUNDED_BY = re.compile(rf"\b(?:{_RISE}|increase|grow|add|give|giving|move) (?:\w+ ){{0,2}}?@(?P<dst>\w+) (?:by )?(?:an extra |another |extra |an additional |a further )?(?P<x>[%$]\d+)\b,? "
                        r"(?:\w+ ){0,2}?(?:(?:funded|paid for|financed|covered|bankrolled) (?:by|from|out of|with)"
                        # "increase Social 15% and take the money from TV"
                        r"|(?:take|taking|took|pull|pulling|get|getting|find|finding) (?:the money|the budget|the cash|the funds|it|that|them)"
                        r" (?:from|out of|off)) (?:\w+ ){0,2}?@(?P<src>\w+)")
# "cut 10% from TV to fund Digital", "trim Radio by $50k to pay for more Social": the size is the source's cut
_FUND_PLAIN = re.compile(rf"@(?P<src>\w+) (?:(?:by )?[%$]\d+ )?(?:to|in order to|so we can|and use it to|and use that to|and) {_FUND} "
                         r"(?:more |extra |additional |some |a bigger |a larger )?(?:\w+ )?@(?P<dst>\w+)(?! (?:by )?[%$]\d+)")
# "Digital gets half of what we take out of TV", "cut TV 20%, Digital gets half of it": a part of the cut moves
_GETS_PART = re.compile(r"@(?P<dst>\w+) (?:gets|get|getting|receives|receive|takes|take) (?P<x>%\d+) of (?:what|whatever|the money|"
                        r"the savings|the cut|it|that)\b(?: (?:we|you|i))?(?: \w+){0,3}? ?(?:(?:from|out of|off|on|in) @(?P<src>\w+))?")
# "cut TV 20% and put half of the savings into Digital"
_PART_PUT = re.compile(rf"\b{_MOVE} (?P<x>%\d+) (?:of )?(?:it|that|the savings|the money|the cut|what we save|those savings)\b "
                       r"(?:\w+ )?(?:to|into|on|in|onto) @(?P<dst>\w+)(?: (?:and|&) @(?P<dst2>\w+))?")
# "drop TV by a third and boost Social by the same money": the source's cut, said first, funds the receiver
_SAME_AFTER = re.compile(rf"@(?P<src>\w+) (?:\w+ ){{0,2}}?%(?P<x>\d+) (?:and|then|,)? ?(?:\w+ ){{0,2}}?(?:{_RISE}|increase|grow|add|top up|give)"
                         r" (?:\w+ ){0,1}?@(?P<dst>\w+) (?:\w+ ){0,1}?(?:by |with )?(?:the same|that same|an equal|equal) "
                         r"(?:money|amount|sum|dollars|budget|spend|value)\b")
# "increase Social by the same amount we cut from Print": a move whose size the question does not give
_SAME_AMOUNT = re.compile(rf"\b(?:{_RISE}|increase|grow|add|top up) (?:\w+ ){{0,2}}?@(?P<dst>\w+) (?:\w+ ){{0,2}}?"
                          r"(?:by )?(?:the same amount|as much as|what|whatever|the amount|the money) (?:\w+ ){0,2}?"
                          r"(?:cut|take|took|taken|save|saved|remove|removed|pull|pulled) (?:\w+ ){0,2}?(?:from|out of|off|on|in) @(?P<src>\w+)")

# "put $50k more into Digital and take the same amount out of Print", "add 80k to Social, take it from TV",
# "increase Radio by $120k and reduce TV by the same amount", "adding $200k to Social, funded by an equal cut to Print":
# money added to one channel and the same taken from another is a move of that money
_ADD_V = r"(?:add|adding|added|put|putting|give|giving|invest|investing|spend|spending|increase|increasing|raise|raising|boost|boosting)"
_TAKE_V = (r"(?:take|taking|took|pull|pulling|remove|removing|cut|cutting|reduce|reducing|trim|trimming|lower|lowering"
           r"|subtract|subtracting)")
_SAME = r"(?:the same|that same|an equal|equal|the equal|it|that|this|them) ?(?:amount|money|sum|dollars|cut|reduction|budget)?"
_ADDED = (rf"\b{_ADD_V} (?:(?:\w+ ){{0,2}}?(?P<x>\$\d+) (?:\w+ ){{0,3}}?(?:to|into|in|on|for|onto) @(?P<dst>\w+)"
          rf"|@(?P<dst2>\w+) (?:by )?(?P<x2>\$\d+))")
# after the channel a bare "it/this/that" is no amount: "add $200k to Social and cut TV this quarter" is two changes
_SAME_SIZED = (r"(?:(?:the same|that same|an equal|equal|the equal) ?(?:amount|money|sum|dollars|cut|reduction|budget)?"
               r"|(?:that|this) (?:amount|money|sum))")
_TAKEN = (rf"{_TAKE_V} (?:out )?{_SAME} (?:out )?(?:from|out of|off|on|in|of) @(?P<src>\w+)"
          rf"|{_TAKE_V} @(?P<src2>\w+) (?:by )?{_SAME_SIZED}"
          rf"|(?:funded|paid for|financed|covered|offset|balanced) (?:by|with|from) {_SAME} (?:\w+ )?(?:to|from|in|on|of|out of) @(?P<src3>\w+)")
_ADD_TAKE = re.compile(rf"{_ADDED},? (?:and |then |but |while |with |,)?(?:\w+ ){{0,2}}?(?:{_TAKEN})\b")
# "add $200k to Social and cut TV this quarter", "add 50k social, cut tv", "put $150k more into Digital and trim Print":
# money added to one channel beside a cut of another that has no size of its own is that money moved between them
_ADD_CUT = re.compile(rf"\b{_ADD_V} (?:(?:\w+ ){{0,2}}?(?P<x>\$\d+) (?:more |extra )?(?:to |into |in |on |for |onto )?@(?P<dst>\w+)"
                      rf"|@(?P<dst2>\w+) (?:by )?(?P<x2>\$\d+))(?: \w+){{0,3}}? (?:and |then |but |while |with )?{_TAKE_V}"
                      r" (?:the |our )?@(?P<src>\w+)\b(?!(?: \w+){0,2} [%$]\d+)")


# "$200k from TV to Digital", "100k print->social" (the arrow is lexed as "-"): one of several moves in a question
_ONE_MOVE = re.compile(r"(?P<x>\$\d+) (?:more |extra |of spend |of budget |of it )?(?:(?:from|out of|off) (?:the |our )?@(?P<src>\w+)"
                       r" (?:to|into|onto|over to|towards|-) (?:the |our )?@(?P<dst>\w+)|@(?P<src2>\w+) (?:-|to|into) @(?P<dst2>\w+))")
# "TV -$400k, Social +$250k": money said with its sign right after a channel
_SIGNED = re.compile(r"@(?P<ch>\w+) (?P<x>\$\d+)")
# "+$20k per week on Radio together with +$100k per month on Social": signed money said before its channel
_SIGNED_BEFORE = re.compile(r"(?P<x>\$\d+) (?:(?:a|an|per|each|every|week|month|year|day|quarter|more|less|extra) ){0,3}?"
                            r"(?:on|to|into|in|for) (?:the |our )?@(?P<ch>\w+)")


def _code(name: str) -> str:
    """A channel name as one word for the patterns ("Paid Social" -> "Paid_Social")."""
    return re.sub(r"\W", "_", name)


def _surface(lx: Lexed) -> str:
    out = []
    for i, t in enumerate(lx.toks):
        if t.kind == "ch":
            out.append("@" + _code(str(t.value)))
        elif t.kind == "pct":
            out.append(f"%{i}")
        elif t.kind == "amt":
            out.append(f"${i}")
        elif t.kind in ("w", "num"):
            out.append(t.text)
    return " ".join(out).replace("' s", "s").replace("'s", " s")


def _own_size(lx: Lexed, s: str, channel: str, skip: int) -> float | None:
    """The percentage said right next to a channel ("TV drops 20%", "20% off TV"), other than the token `skip`."""
    code = _code(channel)
    for m in re.finditer(rf"@{code} (?:\w+ ){{0,2}}?%(\d+)|%(\d+) (?:\w+ )?(?:of |from |off |on )@{code}\b", s):
        at = int(m.group(1) or m.group(2))
        if at != skip:
            return abs(float(lx.toks[at].num))
    return None


def _part(lx: Lexed, rest: str) -> float | None:
    """The size of the second part ("and 20% to Social", "and $50k to Social"), from the placeholders after the
    first receiver; None when the rest is "the other half"."""
    m = re.search(r"[%$](\d+)", rest)
    return None if m is None else abs(float(lx.toks[int(m.group(1))].num))


def _parts(shift: Shift, second_to: str, first: float, second: float, money: bool = False
           ) -> tuple[Shift, list[tuple[str, float]], float | None] | None:
    """A move in two unequal parts: the total leaves the source, each receiver gets its own part."""
    total = first + second
    if total <= 0 or (not money and total > 100):
        return None
    shares = (round(first / total, 6), round(second / total, 6)) if first != second else ()
    if money:
        return replace(shift, amount=total, also_to=(second_to,), shares=shares), [], -total
    return (replace(shift, percentage=total, also_to=(second_to,), shares=shares),
            [(shift.from_channel, -total)], None)


def read_move(lx: Lexed, shift: Shift | None, changes: list[tuple[str, float]], channels: tuple[str, ...]
              ) -> tuple[Shift, list[tuple[str, float]], float | None] | None:
    """(shift, changes, amount) of a move the shift reader missed or cut short, else None."""
    s = _surface(lx)
    if "@" not in s:
        return None
    known = set(channels)
    decoded = {_code(c): c for c in channels}

    def n(code: str | None) -> str:
        return decoded.get(code or "", code or "")

    def ok(*names: str) -> bool:
        return all(n in known for n in names) and len(set(names)) == len(names)

    if (m := _MONEY_PARTS.search(s)) is not None and ok(n(m["src"] or m["src2"]), n(m["d1"]), n(m["d2"])):
        taken = abs(float(lx.toks[int((m["x"] or m["x2"])[1:])].num))
        one, two = (abs(float(lx.toks[int(m[h][1:])].num)) if m[h] else 50.0 for h in ("h1", "h2"))
        if taken > 0 and 0 < one + two <= 100:
            # each part is that share of the money taken ("half" is 50%); what is not placed stays saved
            return _parts(Shift(n(m["src"] or m["src2"]), n(m["d1"])), n(m["d2"]), taken * one / 100, taken * two / 100,
                          money=True)
    if (m := _FUNDED.search(s) or _FUNDED_BY.search(s) or _FUND_FROM.search(s)) and ok(n(m["src"]), n(m["dst"])):
        tok = lx.toks[int(m["x"][1:])]
        if m["x"][0] == "%":
            # the one change the question sizes is the receiver's; the shift says who pays for it
            pct = abs(float(tok.num))
            return Shift(n(m["src"]), n(m["dst"]), to_percentage=pct), [(n(m["dst"]), pct)], None
        return Shift(n(m["src"]), n(m["dst"]), amount=abs(float(tok.num))), [], -abs(float(tok.num))
    if (m := _GETS_PART.search(s) or _PART_PUT.search(s)) is not None:
        dst = n(m["dst"])
        named = n(m.groupdict().get("src")) or None
        src = named or next((c for c, p in changes if p is not None and p < 0 and c != dst), None)
        part_at = int(m["x"][1:])
        share = abs(float(lx.toks[part_at].num)) / 100.0
        whole = _own_size(lx, s, src, part_at) if src is not None else None
        if whole is None:
            whole = next((abs(p) for c, p in changes if c == src and p is not None and p < 0), None)
        if src is not None and whole is not None and ok(src, dst) and 0 < share <= 1:
            # the source's whole cut is kept in `changes`; the shift carries the part that moves
            more = n(m.groupdict().get("dst2"))
            also = (more,) if more and more not in (src, dst) and more in known else ()
            return Shift(src, dst, percentage=round(whole * share, 4), also_to=also), [(src, -whole)], None
    if (m := _ADD_TAKE.search(s)) is not None:
        src, dst = n(m["src"] or m["src2"] or m["src3"]), n(m["dst"] or m["dst2"])
        moved = abs(float(lx.toks[int((m["x"] or m["x2"])[1:])].num))
        if ok(src, dst) and moved > 0:
            return Shift(src, dst, amount=moved), [], -moved
    if (m := _ADD_CUT.search(s)) is not None and not any(c == n(m["src"]) for c, _ in changes):
        src, dst = n(m["src"]), n(m["dst"] or m["dst2"])
        moved = abs(float(lx.toks[int((m["x"] or m["x2"])[1:])].num))
        if ok(src, dst) and moved > 0:
            return Shift(src, dst, amount=moved), [], -moved
    if (m := _FUND_PLAIN.search(s)) and ok(n(m["src"]), n(m["dst"])):
        cut = next((abs(p) for c, p in changes if c == n(m["src"]) and p is not None and p < 0), None)
        if cut is not None:
            return Shift(n(m["src"]), n(m["dst"]), percentage=cut), [(n(m["src"]), -cut)], None
        if shift is not None and shift.from_channel == n(m["src"]) and shift.amount is not None:
            return Shift(n(m["src"]), n(m["dst"]), amount=shift.amount), [], -shift.amount
        said = next((t for t in lx.toks if t.kind == "amt"), None)
        if said is not None and not changes:
            return Shift(n(m["src"]), n(m["dst"]), amount=abs(float(said.num))), [], -abs(float(said.num))
    if (m := _SAME_AFTER.search(s)) and ok(n(m["src"]), n(m["dst"])):
        cut = next((abs(p) for c, p in changes if c == n(m["src"]) and p is not None and p < 0), None)
        if cut is not None and 0 < cut <= 100:
            return Shift(n(m["src"]), n(m["dst"]), percentage=cut), [(n(m["src"]), -cut)], None
    if (m := _SAME_AMOUNT.search(s)) and ok(n(m["src"]), n(m["dst"])):
        return Shift(n(m["src"]), n(m["dst"])), [], None
    if shift is not None and (m := _OTHER_HALF.search(s)) and n(m["d1"]) == shift.to_channel and ok(shift.from_channel, n(m["d1"]), n(m["d2"])):
        second = _part(lx, m.group(0).split("@")[1])
        if second is not None and shift.percentage is not None:
            # "30% of TV to Radio and 20% to Social": two parts of TV's spend, 50% moved in all, 60/40 between them
            return _parts(shift, n(m["d2"]), shift.percentage, second)
        if second is not None and shift.amount is not None:
            return _parts(shift, n(m["d2"]), shift.amount, second, money=True)
        if shift.percentage != 50.0:
            return None
        # "half … and the other half": all of it, split in two
        return replace(shift, percentage=100.0, also_to=(n(m["d2"]),)), [(shift.from_channel, -100.0)], None
    if (m := _HALVES.search(s)) is not None and all(
            m[h] is None or lx.toks[int(m[h][1:])].num == 50.0 for h in ("h1", "h2")):   # halves, not 30% and 20%
        dests = {n(m["d1"]), n(m["d2"])}
        src = next((c for c, p in changes if p is not None and p < 0 and c not in dests), None) or (
            shift.from_channel if shift is not None and shift.from_channel not in dests else None)
        cut = next((abs(p) for c, p in changes if c == src and p is not None and p < 0), None)
        if src is not None and ok(src, n(m["d1"]), n(m["d2"])):
            return Shift(src, n(m["d1"]), percentage=cut, also_to=(n(m["d2"]),)), [(src, -cut)] if cut is not None else [], None
    m = _SPLIT_IT.search(s) or _TWO_AFTER.search(s)
    if m and ok(n(m["src"]), n(m["d1"]), n(m["d2"])):
        base = shift if shift is not None and shift.from_channel == n(m["src"]) else None
        cut = next((abs(p) for c, p in changes if c == n(m["src"]) and p is not None and p < 0), None)
        part = base.percentage if base is not None else cut
        money = base.amount if base is not None else None
        if part is None and money is None:
            # "took $200k out of TV and split it evenly between Digital and Social": the money said is what moves
            money = next((abs(float(t.num)) for t in lx.toks if t.kind == "amt" and float(t.num) != 0), None)
        new = Shift(n(m["src"]), n(m["d1"]), percentage=part, amount=money, also_to=(n(m["d2"]),))
        return new, [(n(m["src"]), -part)] if part is not None else [], (-money if money is not None else None)
    return None


def read_moves(lx: Lexed, channels: tuple[str, ...]) -> list[tuple[str, float]] | None:
    """Each channel's signed money when one question makes several moves ("move $200k from TV to Digital and $100k
    from Radio to Social", "$300k from Print to Digital, and another $150k from Radio to Digital") or gives channels
    their own signed money that is not one balanced move ("TV -$400k, Social +$250k": $150k saved); None otherwise.
    A single move, or one balanced pair, is the shift readers' (a Shift)."""
    s = _surface(lx)
    decoded = {_code(c): c for c in channels}
    money: dict[str, float] = {}
    moves = [(decoded.get(m["src"] or m["src2"] or ""), decoded.get(m["dst"] or m["dst2"] or ""),
              abs(float(lx.toks[int(m["x"][1:])].num))) for m in _ONE_MOVE.finditer(s)]
    if len(moves) >= 2 and all(a and b and a != b and x > 0 for a, b, x in moves):
        for a, b, x in moves:
            money[str(a)] = money.get(str(a), 0.0) - x
            money[str(b)] = money.get(str(b), 0.0) + x
        return [(c, v) for c, v in money.items() if v != 0] or None
    signed = [(decoded.get(m["ch"], ""), lx.toks[int(m["x"][1:])]) for m in _SIGNED.finditer(s)]
    before = [(decoded.get(m["ch"], ""), lx.toks[int(m["x"][1:])]) for m in _SIGNED_BEFORE.finditer(s)]
    after = not (len(before) >= 2 and all(c and t.signed for c, t in before))
    signed = signed if after else before
    if len(signed) < 2 or not all(c and t.signed for c, t in signed) or len({c for c, _ in signed}) != len(signed):
        return None
    values = [(c, float(t.num)) for c, t in signed]
    balanced = len(values) == 2 and abs(values[0][1] + values[1][1]) < 1e-9
    if balanced or (after and not (any(v < 0 for _, v in values) and any(v > 0 for _, v in values))):
        # one balanced pair is a move; money all one way after each channel is each channel's own change, read
        # elsewhere (said before the channel, "+$20k on Radio and +$100k on Social", it is read here)
        return None
    return values
