"""How a plan question states its budget, the weeks a what-if changes, and the planning horizon.

A budget is a total ("split $2M"), an increment on today's ("the next $1M", "increase total
spend by $10k/month"), a rate ("$50k a week", "$180,000 monthly") or a ratio of today's ("same
budget", "10% more budget"). A window is "for 2 weeks" (a calendar window comes from the period
reader). The horizon is "next quarter" (13 weeks), "next year" (52) or "the whole period" (all).
Amounts stay in dollars: converting them to the data's units is the assistant's job.
"""

from __future__ import annotations

import re

from router.lexer import Lexed, Tok
from router.types import Budget, Horizon, Per, Window

# the unit a rate is said per, for both rate readers (a plan's budget here, a channel's two rates in router.rates)
PER_WORD: dict[str, str] = {"week": "week", "weeks": "week", "weekly": "week", "wk": "week", "wks": "week",
             "month": "month", "months": "month", "monthly": "month", "mo": "month",
             "year": "year", "yearly": "year", "yr": "year", "annual": "year", "annually": "year",
             "annum": "year", "quarter": "quarter", "quarterly": "quarter", "day": "day", "daily": "day"}
_PER = r"(?P<per>week|weekly|wk|month|monthly|mo|year|yearly|yr|annually|annum|quarter|quarterly|day|daily)\b"
_BUDGET_NOUN = r"(?:media |marketing |ad |advertising |total |overall )?(?:budget|spend|spending|money|investment)"

_RATE = [
    # "$30k every two weeks", "50k every 3 months": a rate over several periods, read per one
    re.compile(r"(?P<x>AMT) (?:each|every|per|once every) (?P<n>NUM) (?P<per>weeks|months)\b"),
    re.compile(r"(?P<x>AMT) (?:a |per |each |every )?(?P<per>fortnight|fortnightly|biweekly|bi weekly)\b"),
    re.compile(rf"(?P<x>AMT) (?:dollars |of (?:spend|budget) |in (?:spend|budget) )?(?:(?:for |in )?(?:each|every) |a |an |per |/ )?{_PER}(?! (?:ago|before))"),
    re.compile(r"\b(?P<per>weekly|monthly|quarterly|annual|yearly) (?:media |marketing |ad |total )?"
               r"(?:budget|spend|spending|investment|run ?rate|run-rate)"
               r"(?: will be| is going to be| will become| is| of| =| was| at| around| about| roughly| approximately| becomes)* (?:an? )?(?P<x>AMT)"),
    re.compile(r"\b(?:every|each|per|a) (?P<per>week|month|year) (?:we |i )?(?:have|get|spend|can spend|could spend|will have|are given|got)"
               r"(?: about| around| roughly)? (?P<x>AMT)"),
    re.compile(r"\b(?:an? )?(?P<per>annual|yearly|monthly|weekly) (?:\w+ ){0,2}(?:of|is) (?P<x>AMT)"),
    # "a $2.4M annual budget", "our $50k weekly spend"
    re.compile(r"(?P<x>AMT) (?P<per>annual|yearly|monthly|weekly|quarterly) (?:media |marketing |ad |advertising |total )?"
               r"(?:budget|spend|spending|investment)\b"),
]
# ("our monthly budget becomes $300,000", "the monthly media budget will be $150k" are rates, read below: a per-word
# before "budget", or before its media/marketing/ad word, is not this total)
_WILL_BE = re.compile(r"\b(?:but |and )?(?:next year |then )?(?:it|that|the budget|our budget|the total"
                      r"|(?<!weekly )(?<!monthly )(?<!yearly )(?<!annual )(?<!quarterly )"
                      r"(?<!weekly media )(?<!weekly marketing )(?<!weekly ad )(?<!weekly advertising )(?<!monthly media )(?<!monthly marketing )(?<!monthly ad )(?<!monthly advertising )(?<!yearly media )(?<!yearly marketing )(?<!yearly ad )(?<!yearly advertising )(?<!annual media )(?<!annual marketing )(?<!annual ad )(?<!annual advertising )(?<!quarterly media )(?<!quarterly marketing )(?<!quarterly ad )(?<!quarterly advertising )budget) (?:will be|becomes|will become|is going to be|goes to|will go to|drops to|will drop to|rises to|will rise to|falls to|will fall to|gets cut to|is cut to)"
                      r" (?:only |just |about |around )?(?P<x>AMT|NUM)\b")
# a new rate said after today's: "if that went to $75k a week", "next year it goes to $250k a month", "becomes $60k"
_NEW_RATE = re.compile(r"\b(?:to|becomes|become|became|into) (?:only |just |about |around |roughly )?(?P<x>AMT) "
                       rf"(?:a |an |per |each |every |/ )?{_PER}")
_AMT_PER = re.compile(rf"AMT (?:a |an |per |each |every |/ )?{_PER}")
_FORTNIGHT_WORDS = frozenset({"fortnight", "fortnightly", "biweekly", "bi weekly"})
_INCREMENT = [
    re.compile(r"\b(?:next|extra|additional|incremental|another|further|more) (?P<x>AMT)"),
    re.compile(r"(?P<x>AMT) (?:extra|more|additional|on top|incremental)\b(?! (?:in |of )?(?:sales|revenue))"),
    # "$25k per month on top of current spend", "50k a week extra": a rate added to today's
    re.compile(rf"(?P<x>AMT) (?:a |an |per |each |every |/ )?{_PER} (?:extra|more|additional|on top|incremental)\b(?! (?:in |of )?(?:sales|revenue))"),
    # "$250k a month of discretionary spend", "$1M of discretionary budget": money beyond today's plan, to place
    re.compile(rf"(?P<x>AMT) (?:(?:a |an |per |each |every |/ )?{_PER} )?(?:of |in )?(?:discretionary|spare|unallocated|uncommitted|extra|additional|incremental"
               r"|unplanned|windfall|bonus|flexible|free) (?:media |marketing |ad |advertising )?(?:spend|spending|budget|money|cash|funds?"
               r"|investment)\b(?! (?:on|in|for|into|to) (?:the |our )?(?:CH|XCH|USED)\b)"),   # never a channel's money
    re.compile(rf"\b(?P<v>increase|increasing|raise|raising|grow|growing|boost|boosting|add|adding|up|upping|top up|bump|bumping|push|pushing|lift|lifting) "
               rf"(?:the |our |my )?(?:total |overall )?(?:{_BUDGET_NOUN}|total|media|marketing|advertising) (?:up )?(?:by|of|with) (?:another |an extra |extra )?(?P<x>AMT)(?! (?:by|to)\b)"),
    re.compile(rf"\b(?P<v>cut|cutting|reduce|reducing|lower|lowering|trim|trimming|decrease|decreasing) "
               rf"(?:the |our |my )?(?:total |overall )?(?:{_BUDGET_NOUN}|total|media|marketing|advertising) by (?P<x>AMT)"),
    # "take 250k out of the plan", "pull $100k from the media plan": money out of today's total
    re.compile(r"\b(?P<v>take|taking|took|pull|pulling|remove|removing|cut|cutting|trim|trimming|shave|shaving) "
               r"(?:an? |another |about |around )?(?P<x>AMT) (?:out of|off|from) (?:the |our |my |this )?(?:total |overall |media |marketing |current )?"
               r"(?:plan|media plan|mix|budget|spend|spending)\b"),
    # "we lose $250k of budget", "$300k cut from the media budget"
    re.compile(rf"\b(?P<v>lose|losing|lost|cut|cutting|trim|trimming|save|saving|take out|remove|removing) (?P<x>AMT) "
               rf"(?:of|from|off|out of) (?:the |our |my )?(?:total |overall )?{_BUDGET_NOUN}"),
    re.compile(r"\b(?P<v>save|saving|find|shave|free up|take out|cut|cutting|trim|trimming|give back) (?:me |us |an? |another |about |around )?"
               r"(?P<x>AMT)(?! (?:\w+ )?(?:from|of|out of|on|in|off) CH)(?! (?:\w+ )?(?:from|of|out of|on|in|off) (?:the )?(?:USED|CH))"),
    re.compile(rf"\b(?:add|adding|put|putting|inject|injecting|throw|throwing) (?:an? |another |an extra |extra )?(?P<x>AMT) "
               rf"(?:(?:a |an |per |each |every |/ )?{_PER} )?"
               rf"(?:more )?(?:(?:to|into|on top of|onto) (?:the |our |my |this )?(?:(?:total |overall |current )?{_BUDGET_NOUN}"
               rf"|total\b|pot\b|overall\b|(?:marketing|media|advertising|ads|mix)\b)|on top\b)"),   # "to the total", "on top": more than today's, not a new total
    # "if we add 50k each week, which channels deserve it?": money added with no channel to receive it is more than today's
    re.compile(rf"\b(?:if we|if i|we could|we can|we will|we ll|we want to|i want to|let us|lets|should we|could we|can we) "
               rf"(?:add|put in|inject|throw in) (?:an? |another |an extra |extra )?(?P<x>AMT)(?: (?:a |an |per |each |every |/ )?{_PER})?"
               rf"(?! (?:\w+ ){{0,2}}(?:(?:to|into|on|in|onto) (?:the |our )?(?:CH|XCH|USED)|for (?:the |our )?(?:CH|XCH))\b)"),
    re.compile(rf"\b(?:{_BUDGET_NOUN}|marketing|media|advertising) (?P<v>goes up|go up|increases|rises|grows|goes down|go down|is cut|decreases|falls|drops|shrinks|is reduced|gets cut|will drop|will fall|is increased|is raised) by (?P<x>AMT)"),
]
_SAME = re.compile(r"\bsame (?:total )?(?:budget|money|spend|spending|total|amount|dollars|euros|pounds|cash|investment)\b"
                   # "reallocate at current total spend", "the best allocation at current total spend": today's total
                   # kept, said of a plan (never "what's our ROI at current total spend?")
                   r"|\b(?:allocat\w*|reallocat\w*|optimi[sz]\w*|split\w*|mix|plan|maximi[sz]\w*|distribut\w*|redistribut\w*"
                   r"|rebalanc\w*|spread|divide|divid\w*|solve|solving)\b.*?\bat (?:the |our )?(?:current|today s|todays|present|existing)"
                   r" (?:total|overall) (?:spend|spending|budget|level)\b"
                   r"(?! (?:plus|minus|up|down|less|more|increased|reduced|cut|by|times|PCT|AMT|NUM)\b)"
                   r"|\bsame (?:\$ ?)+(?![\w$])|\bflat budget\b|\bbudget (?:neutral|flat)\b"
                   r"|\b(?:hold|holding|keep|keeping)\w* (?:the )?(?:total |overall )?(?:spend|spending|budget) (?:constant|flat|fixed|the same|unchanged)\b"
                   r"|\b(?:reallocate|reallocating|redistribute|redistributing|rebalance|rebalancing|reshuffle|reshuffling|re allocate"
                   r"|re ?optimi[sz]e|re ?optimi[sz]ing|optimi[sz]e|optimi[sz]ing|re ?split|split|allocate|allocating)"
                   r" (?:the |our |my )?(?:current|existing|present|today s|todays) (?:total |media |marketing )?(?:budget|spend|spending|money|mix)\b"
                   r"|\b(?:budget|total spend|total spending|media spend|spend) (?:is |being |gets |stays |remains |was )?(?:frozen|flat)\b"
                   r"|\bconstant (?:total )?(?:budget|spend)\b|\bwithout (?:spending|adding|spend|add|to spend|paying) (?:more|extra|anything|any more)\b"
                   r"|\b(?:total|budget|spend|spending) (?:stays|remains|is kept|kept|stay|remain) (?:where it is|the same|flat|unchanged|as is|constant|fixed)\b"
                   # "without raising the total budget", "with total spend held at current levels", "budget frozen at today's level"
                   r"|\bwithout (?:raising|increasing|upping|growing|adding to|expanding|changing|touching) (?:the |our |my )?(?:total |overall )?(?:budget|spend|spending)\b"
                   r"|\b(?:total|overall|media|marketing) (?:budget|spend|spending) (?:is |being |gets |get )?(?:held|kept|fixed|frozen|capped|pegged|maintained|staying|stays|remains?|left)"
                   r" (?:at|to) (?:the |our )?(?:current|today s|todays|today|present|existing|same) (?:levels?|amount|size|figure)\b"
                   r"|\b(?:budget|total spend|total spending|overall spend) (?:is |being |gets |get )?(?:held|kept|fixed|frozen|capped|pegged|maintained|left)"
                   r" (?:at|to) (?:the |our )?(?:current|today s|todays|today|present|existing|same) (?:levels?|amount|size|figure)\b"
                   r"|\b(?:hold|holding|keep|keeping|freeze|freezing|cap|capping|peg|pegging|maintain|maintaining) (?:the |our )?(?:total |overall )?(?:budget|spend|spending)"
                   r" (?:at|to) (?:the |our )?(?:current|today s|todays|today|present|existing|same) (?:levels?|amount|size|figure)\b"
                   r"|\b(?:total|overall) (?:budget|spend|spending) (?:held |kept |staying |stays |remaining |left )?flat\b"
                   # "with total spend unchanged", "overall budget the same"
                   r"|\b(?:total|overall) (?:media |marketing )?(?:budget|spend|spending) (?:unchanged|constant|fixed|the same|as is)\b")
# "If we hold the budget exactly where it is, what's the best mix?", "keeping total spend where it is today": today's
# total kept, as "at current total spend" reads
_WHERE_IT_IS = re.compile(r"\b(?:hold|holding|keep|keeping|leave|leaving|freeze|freezing)\w* (?:the |our )?(?:total |overall )?"
                          r"(?:media |marketing )?(?:budget|spend|spending) (?:exactly |just |precisely )?(?:where it is|as it is|where it"
                          r" stands|at today s level|at the current level)\b"
                          r"|\b(?:budget|total spend|spend|spending) (?:stays|remains|is kept|is held) (?:exactly |just |precisely )?"
                          r"(?:where it is|as it is|the same|unchanged)\b"
                          # "if we keep spend at exactly today's total"
                          r"|\b(?:hold|holding|keep|keeping)\w* (?:the |our )?(?:total |overall )?(?:media |marketing )?(?:budget|spend|spending)"
                          r" at (?:exactly |just )?(?:today s|todays|today|the current|current|our current|present) (?:total|level|amount)\b")
# "a 10% smaller budget", "20% more spend": a ratio of today's stated as a comparative.
_SMALLER = ("smaller", "lower", "less", "reduced", "tighter", "leaner", "lighter", "cut")
_RATIO = re.compile(r"(?P<x>PCT) (?P<d>smaller|lower|less|reduced|tighter|leaner|lighter|bigger|larger|higher|more|increased|extra) "
                    r"(?:total |overall |media |marketing |ad )?(?:budget|spend|spending|money)\b")
# "if total spend rises by 5%", "the media budget shrinks by 10%": the total moves by a share of today's
_RATIO_MOVE = re.compile(rf"\b{_BUDGET_NOUN} (?P<d>goes up|go up|increases|increase|rises|rise|grows|grow|is raised|is increased|jumps|"
                         rf"goes down|go down|decreases|decrease|falls|fall|drops|drop|shrinks|shrink|is cut|is reduced|gets cut|"
                         # "the budget is going down next year, she said fifteen percent": the move, then its size a
                         # few words on (no channel between)
                         rf"(?:is |will |will be |is being )?(?:going up|going down|go up|go down|growing|grow|rising|"
                         rf"shrinking|shrink|falling|fall|dropping|drop|cut|reduced|raised|increased|decreasing|increasing))"
                         rf" (?:(?!CH\b|AMT\b)[\w,]+ ){{0,8}}?(?:by )?(?P<x>PCT)")
_RATIO_DOWN = frozenset({"down", "decreases", "decrease", "falls", "fall", "drops", "drop", "shrinks", "shrink", "cut",
                         "reduced", "shrinking", "falling", "dropping", "decreasing"})
# "total media down 15%", "media budget up by 10%": the total said with its move, no verb
_RATIO_SAID = re.compile(rf"\b(?:(?:total|overall) (?:media |marketing |ad |advertising )?(?:budget |spend |spending |media |investment )?|(?<!CH ){_BUDGET_NOUN} )"
                         rf"(?P<d>down|up|lower|higher) (?:by )?(?P<x>PCT)")
# "our budget were 20% bigger", "the budget is 10% smaller": the comparative after the noun
_RATIO_AFTER = re.compile(rf"\b{_BUDGET_NOUN} (?:were|was|is|gets|got|becomes|became|would be|will be|be) (?:about |around |roughly )?(?P<x>PCT)"
                          r" (?P<d>smaller|lower|less|reduced|tighter|leaner|lighter|bigger|larger|higher|more|greater)\b")
# "a 10% increase in total spend", "a 15% cut to the media budget": the total's move said as a noun
_RATIO_NOUN = re.compile(r"(?P<x>PCT) (?P<d>increase|rise|boost|bump|uplift|lift|growth|cut|reduction|decrease|drop|decline|trim)"
                         r" (?:in|of|to|on) (?:the |our |my )?(?:total |overall )(?:media |marketing |ad |advertising )?"
                         r"(?:budget|spend|spending|investment)\b"
                         r"|(?P<x2>PCT) (?P<d2>increase|rise|boost|bump|uplift|lift|growth|cut|reduction|decrease|drop|decline|trim)"
                         r" (?:in|of|to|on) (?:the |our |my )?(?:media |marketing |advertising )(?:budget|spend|spending|investment)\b")
_ANOTHER_PCT = re.compile(r"\b(?:another|an extra|extra|an additional|additional|a further) (?P<x>PCT)(?! (?:of )?(?:sales|revenue|growth|uplift|lift))")
_FROM_TO = re.compile(r"\b(?:budget|spend|spending|total) (?:\w+ ){0,3}from (?:AMT) to (?P<x>AMT)")
_DOWN_V = ("take", "taking", "took", "pull", "pulling", "shave", "shaving", "lose", "losing", "lost", "remove", "removing", "give back", "cut", "cutting", "reduce", "reducing", "lower", "lowering", "trim", "trimming", "decrease", "decreasing",
           "goes down", "go down", "is cut", "decreases", "falls", "drops", "shrinks", "is reduced", "gets cut",
           "will drop", "will fall", "save", "saving", "find", "shave", "free up", "take out")

_WEEKS = re.compile(r"(?:\b(?:for|over|during|in|within|across) )?(?:\bthe |\ba |\ban )?(?:next |first |coming )?\b(?P<n>NUM|a|an|one) "
                    r"(?:- )?(?:full |whole |entire |complete )?(?P<u>weeks|week|wks|wk|months|month|fortnight|quarters|quarter)\b(?! (?:ago|of data|history))")
# "over the next fortnight": two weeks said without a number
_FORTNIGHT = re.compile(r"(?:\b(?:for|over|during|in|within|across) )?(?:\bthe )?\b(?:next|coming|following) fortnight\b")
_NOT_A_START = r"(?<!from )(?<!starting )(?<!beginning )(?<!effective )(?<!commencing )(?<!from the )"
_HORIZON: list[tuple[re.Pattern[str], Horizon]] = [
    (re.compile(r"\b(?:whole|full|entire|complete) (?:\w+ ){0,2}(?:period|history|dataset|data|range|time ?frame|span)\b"
                r"|\bover (?:all|the full|the whole) (?:NUM )?(?:years|weeks)\b|\ball NUM (?:years|weeks)\b"
                r"|\b(?:across|over|using|with|on|from) (?:all|the whole|the entire|all of) (?:the |our |my )?(?:data|history|dataset|weeks)\b"
                r"|\b(?:whole|full|entire|complete) NUM (?:years|weeks)\b"), "all"),   # "the full four years": NUM is spelled or not
    (re.compile(r"\b(?:next|coming|upcoming) (?:fiscal |financial |calendar )?(?:year|fy)\b"
                r"|\b(?:for|over|across) (?:the|a|one|this|a full|the full|the whole|the coming) year\b"), 52),
    # "the next 12 / 3 / 6 months" (spelled or not) are _NEXT_N's
    # "from next month onwards", "starting next quarter": where a change starts, not a stretch (router.periods)
    (re.compile(rf"{_NOT_A_START}\b(?:next|coming|upcoming) quarter\b"), 13),
    (re.compile(rf"{_NOT_A_START}\b(?:next|coming|upcoming) half\b"), 26),
    (re.compile(rf"{_NOT_A_START}\b(?:next|coming|upcoming) month\b"), 4),
]


def weeks_window_peek(lx: Lexed) -> Window | None:
    """The "for N weeks" window, without marking its words (for a reading made before the window reader runs)."""
    copy = Lexed([Tok(t.kind, t.text, t.value, t.signed, t.frac, t.used) for t in lx.toks])
    copy.refresh()
    return extract_window(copy)


def extract_window(lx: Lexed) -> Window | None:
    """ "for 2 weeks", "pause radio 2 wks", "for a month" -> the number of weeks; marks the words used."""
    # "$50k a week" is a rate, also when the amount was read as a limit ("capped at 100k a month for 2 months")
    m = next((m for m in _WEEKS.finditer(lx.surface) if not _after_amount(lx, m)), None)
    if m is None:
        f = _FORTNIGHT.search(lx.surface)
        if f is None:
            return None
        for i in lx.span(f.start(), f.end()):
            lx.toks[i].used = True
        lx.refresh()
        return Window(weeks=2)
    tok = lx.group_tok(m, "n")
    n = tok.value if tok.kind == "num" and isinstance(tok.value, (int, float)) else 1
    # a window longer than the data ("for 900 weeks") is kept for the assistant to name; an empty one is bad input
    if not isinstance(n, (int, float)) or not 0 < n <= 100_000 or (tok.kind == "num" and tok.signed):
        return None
    unit = m.group("u")
    weeks = (2 if unit == "fortnight" else round(n * (52 / 12)) if unit.startswith("month")
             else int(n * 13) if unit.startswith("quarter") else int(n))
    if unit.startswith("month") and n == 1:
        weeks = 4
    for i in lx.span(m.start("n"), m.end()):
        lx.toks[i].used = True
    lx.refresh()
    return Window(weeks=max(1, weeks))


def _after_amount(lx: Lexed, m: re.Match[str]) -> bool:
    """The window's number sits right after an amount (read or not): "$50k a week", "100k a month"."""
    i = lx.index_at(m.start("n"))
    # "$50k a week" is a rate, and so is "$30k every two weeks"
    return i > 0 and (lx.toks[i - 1].kind == "amt" or (lx.toks[i - 1].text in ("every", "each", "per") and i > 1
                                                       and lx.toks[i - 2].kind == "amt"))


def extract_budget(lx: Lexed) -> Budget | None:
    """The stated budget; an amount already read as a constraint or goal is not seen."""
    surface = lx.surface
    for pat in _INCREMENT:
        m = pat.search(surface)
        if m:
            amt = abs(_num(lx.group_tok(m, "x")))
            down = "v" in pat.groupindex and m.group("v") in _DOWN_V
            per = PER_WORD.get(m.group("per")) if "per" in pat.groupindex and m.group("per") else _per_after(lx, m)
            if per == "quarter":          # "$300k more per quarter": four a year
                return Budget("increment", 4 * (-amt if down else amt), "year")
            if per == "day":              # "an extra 2.5k a day": seven a week
                return Budget("increment", 7 * (-amt if down else amt), "week")
            return Budget("increment", -amt if down else amt, _as_per(per))
    m = _WILL_BE.search(surface)
    if m and _per_after(lx, m) is None:   # "our budget will be $40k each week" is a rate, read below
        # "our budget is 3 million per year, but next year it will be 2.5": the new amount, in the unit said before
        tok = lx.group_tok(m, "x")
        said = [t for t in lx.toks if t.kind == "amt" and t is not tok]
        value = abs(_num(tok))
        if tok.kind == "num" and said:
            scale = abs(_num(said[0])) / max(abs(float(said[0].text)) if said[0].text.replace(".", "", 1).isdigit() else 1.0, 1e-9)
            value *= scale
        if value > 0 and (tok.kind == "amt" or said):
            return Budget("total", round(value, 2))
    m = _NEW_RATE.search(surface)
    if m and surface.count("AMT") >= 2 and _AMT_PER.search(surface[:m.start()]):
        # "$60k a week today; if that went to $75k a week": the rate it goes to, not today's said first
        if (rate := _rate(abs(_num(lx.group_tok(m, "x"))), m.group("per"))) is not None:
            return rate
    for pat in _RATE:
        m = pat.search(surface)
        if m:
            if "n" in pat.groupindex or m.group("per") in _FORTNIGHT_WORDS:
                n = 2.0 if m.group("per") in _FORTNIGHT_WORDS else _num(lx.group_tok(m, "n"))
                unit: Per = "week" if m.group("per") in _FORTNIGHT_WORDS or m.group("per") == "weeks" else "month"
                if n > 0:
                    return Budget("rate", round(abs(_num(lx.group_tok(m, "x"))) / n, 6), unit)
                continue
            if (rate := _rate(abs(_num(lx.group_tok(m, "x"))), m.group("per"))) is not None:
                return rate
    if _SAME.search(surface) or _WHERE_IT_IS.search(surface):
        return Budget("ratio", 1.0)
    m = _FROM_TO.search(surface)
    if m:   # "the budget is going from $5M to $6M": the new level
        return Budget("total", abs(_num(lx.group_tok(m, "x"))))
    m = _RATIO_MOVE.search(surface)
    if m:
        x = abs(_num(lx.group_tok(m, "x")))
        down = m.group("d").split()[-1] in _RATIO_DOWN
        if (ratio := _ratio(x, down)) is not None:
            return ratio
    for pat in (_RATIO_SAID, _RATIO_AFTER):
        m = pat.search(surface)
        if m:
            x = abs(_num(lx.group_tok(m, "x")))
            down = m.group("d") in ("down", *_SMALLER)
            if (ratio := _ratio(x, down)) is not None:
                return ratio
    m = _RATIO_NOUN.search(surface)
    if m:
        x = abs(_num(lx.group_tok(m, "x" if m.group("x") else "x2")))
        down = (m.group("d") or m.group("d2")) in ("cut", "reduction", "decrease", "drop", "decline", "trim")
        if (ratio := _ratio(x, down)) is not None:
            return ratio
    m = _ANOTHER_PCT.search(surface)
    if m and "CH" not in surface.split():   # "if the CFO gives us another 10%": 1.1 of today's
        x = abs(_num(lx.group_tok(m, "x")))
        if 0 < x <= 200:
            return Budget("ratio", round(1 + x / 100.0, 6))
    m = _RATIO.search(surface)
    if m:
        x = abs(_num(lx.group_tok(m, "x")))
        down = m.group("d") in _SMALLER
        if (ratio := _ratio(x, down)) is not None:
            return ratio
    amts = [t for t in lx.toks if t.kind == "amt" and not t.used]
    if amts:
        return Budget("total", abs(_num(amts[0])))
    return None


def _rate(amount: float, per_word: str) -> Budget | None:
    """A rate budget from a period word; the contract's rates are per week, month or year ("$300k a quarter" is four
    a year, "$2.5k a day" seven a week)."""
    as_per, value = as_contract_rate(PER_WORD.get(per_word), amount)
    return None if as_per is None else Budget("rate", value, as_per)


def _ratio(x: float, down: bool) -> Budget | None:
    """The budget as a ratio of today's: up or down by x%; a cut of 100% or more is no budget."""
    return Budget("ratio", round(1 + (-x if down else x) / 100.0, 6)) if 0 < x < 100 or not down else None


def _num(t: Tok) -> float:
    return float(t.value) if isinstance(t.value, (int, float)) else 0.0


def _per_after(lx: Lexed, m: re.Match[str]) -> str | None:
    """ "by $10,000/month", "more per quarter": a rate word right after the amount (week, month, quarter, year)."""
    rest = lx.surface[m.end():].split()
    for w in rest[:3]:
        if w in ("a", "an", "per", "each", "every", "/", "more", "extra"):
            continue
        return PER_WORD.get(w) if w not in ("weeks", "months", "quarters") else None
    return None


def _as_per(word: str | None) -> Per | None:
    return {"week": "week", "month": "month", "year": "year"}.get(word or "")  # type: ignore[return-value]


_BARE_PER = re.compile(r"\b(?:per|a|an|each|every|/) (?P<per>week|month|quarter|year)\b"
                       r"|\b(?P<adj>weekly|monthly|quarterly|yearly|annually|annual)\b")


def bare_per(lx: Lexed) -> str | None:
    """ "per month instead?": a rate's period named without an amount, for a follow-up to change it
    (week, month, quarter or year; a quarter is made a year by `per_budget`)."""
    if "AMT" in lx.surface:
        return None
    m = _BARE_PER.search(lx.surface)
    return None if m is None else PER_WORD.get(m.group("per") or m.group("adj"))


def per_budget(kind: str, amount: float, per: str) -> Budget:
    """The same amount over a new period: a quarter becomes four of them a year (the contract's periods)."""
    if per == "quarter":
        return Budget(kind, amount * 4, "year")  # type: ignore[arg-type]
    return Budget(kind, amount, _as_per(per))  # type: ignore[arg-type]


_AMOUNT_RATE = re.compile(r"AMT (?:\w+ ){0,2}?(?:a |an |per |each |every |/ )?(?P<per>week|month|year)\b(?! ago)"
                          r"|AMT (?:\w+ ){0,2}?(?P<adj>weekly|monthly|yearly|annually)\b")


_QUARTERLY = re.compile(r"AMT (?:\w+ ){0,2}?(?:a |per |each |every |/ )quarter\b(?! ago)|AMT (?:\w+ ){0,2}?quarterly\b")


def quarterly(lx: Lexed) -> bool:
    """ "Radio got $100k extra per quarter": an amount per quarter (the contract's rates are per week, month or year,
    so the caller makes it four of them a year)."""
    return bool(_QUARTERLY.search(lx.surface))


def amount_rate(lx: Lexed) -> Per | None:
    """ "cut TV by $100k a month", "$50k less per week on Print": the period an amount is stated per."""
    m = _AMOUNT_RATE.search(lx.surface)
    return None if m is None else _as_per(PER_WORD.get(m.group("per") or m.group("adj")))


# the words after one amount that say its rate: "$50k a week", "+10k/wk", "1 million more for the year", "$5k a day"
_OWN_RATE = re.compile(r"^(?:(?:more|less|extra|additional|dollars|euros|pounds|of spend|of budget|in spend|on top) ){0,2}?"
                       r"(?:a |an |per |each |every |/ |for the |over the |in a |for a |for each |for every )?"
                       r"(?P<per>weeks?|weekly|wks?|months?|monthly|mo|years?|yearly|yr|annually|annum|annual|quarter|quarterly"
                       r"|day|daily)\b(?! ago)")
_RATE_FACTOR = {"quarter": ("year", 4.0), "day": ("week", 7.0)}   # the contract's rates are per week, month or year
RATE_REACH = 6   # tokens after an amount that may say its rate


def amount_rates(lx: Lexed) -> dict[int, str]:
    """Each amount token's own rate word (week, month, quarter, year or day), by token index, for the amounts said
    with one ("$50k a week into TV and $2M a year into Digital": week for the first, year for the second). The words
    read stop at the next channel, amount, percentage or number, so one amount's rate never passes to another."""
    out: dict[int, str] = {}
    for i, t in enumerate(lx.toks):
        if t.kind != "amt":
            continue
        after: list[str] = []
        for u in lx.toks[i + 1:i + 1 + RATE_REACH]:
            if u.kind in ("ch", "xch", "amt", "pct", "num"):
                break
            after.append(u.text)
        m = _OWN_RATE.match(" ".join(after))
        if m is not None:
            word = m.group("per")
            out[i] = PER_WORD.get(word, PER_WORD.get(word.rstrip("s"), "year"))
    return out


def as_contract_rate(per: str | None, value: float) -> tuple[Per | None, float]:
    """A rate in the contract's units: a quarter's money is four times that a year, a day's seven times that a week."""
    unit, k = _RATE_FACTOR.get(per or "", (per, 1.0))
    return _as_per(unit), value * k


def ratio_budget(total_pct: float | None) -> Budget | None:
    """ "cut the total budget by 15%" -> 0.85 of today's."""
    if total_pct is None or not -100 < total_pct <= 1000:
        return None
    return Budget("ratio", round(1.0 + total_pct / 100.0, 6))


# A plan for a named stretch of time ("split $4M for 2026", "allocate $600k in Q1") is planned over its length.
_PERIOD_WEEKS = {"year": 52, "half": 26, "quarter": 13, "season": 13, "month": 4}   # a season: three months


def period_horizon(granularity: str, relative: str | None) -> Horizon | None:
    """Weeks a plan's own period spans; None for a period that is a date range in the past ("last year")."""
    return None if relative in ("last", "previous", "to_date") else _PERIOD_WEEKS.get(granularity)


_NEXT_N = re.compile(r"\b(?:next|coming|upcoming|following) (?P<n>NUM) (?P<u>weeks|months|quarters|years)\b")
_UNIT_WEEKS = {"weeks": 1.0, "months": 52 / 12, "quarters": 13.0, "years": 52.0}


def extract_horizon(lx: Lexed) -> Horizon | None:
    """ "next quarter" -> 13, "next fiscal year" -> 52, "the next 6 months" -> 26, "over the whole period" -> "all"."""
    for pat, value in _HORIZON:
        if pat.search(lx.surface):
            return value
    m = _NEXT_N.search(lx.surface)
    if m:
        n = _num(lx.group_tok(m, "n"))
        weeks = round(n * _UNIT_WEEKS[m.group("u")])
        return weeks if 0 < weeks <= 520 else None
    return None


def budget_patterns() -> list[str]:
    """Pattern sources, so their words become typo-correction targets."""
    return [_RATIO_MOVE.pattern, _ANOTHER_PCT.pattern, _RATIO_NOUN.pattern] + [p.pattern for p in _RATE + _INCREMENT + [_SAME, _WEEKS, _FORTNIGHT]] + [p.pattern for p, _ in _HORIZON]
