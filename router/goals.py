"""Gross margin and reverse-question targets ("to add $1M in sales", "ROAS of 3"), read before what-if numbers.

They are read first so that the 40% of "at a 40% margin" or the 1% of
"keep sales within 1%" is never taken for a budget change.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from router.lexer import Lexed
from router.types import Goal, GoalKind

_MARGIN = [
    re.compile(r"\b(?P<x>PCT) (?:gross |contribution |profit |product )?margins?\b(?! of error)"),
    re.compile(r"\b(?:gross |contribution |profit |product )?margins? (?:of |is |at |= |was |being |are |around |about |roughly |near |equals |equal to |assumed at |assumption of )*(?P<x>PCT|NUM)"),
    re.compile(r"\b(?:we )?(?:make|keep|earn|have) (?P<x>PCT) (?:on|of) (?:each|every) (?:sale|dollar)"),
]
# The outcome words, listed once: money ("sales") and the counts a count target is named by ("hit 2M conversions")
MONEY_OUTCOMES = ("sales", "revenue", "revenues", "turnover")
COUNT_OUTCOMES = ("conversions", "orders", "installs", "leads", "signups", "sign ups", "bookings", "customers",
                  "purchases", "subscribers", "subscriptions", "registrations", "downloads", "units")
_SALES_WORDS = "(?:" + "|".join(MONEY_OUTCOMES) + ")"
_COUNTS = "(?P<UNIT>" + "|".join(COUNT_OUTCOMES) + r")\b"   # the count said becomes the goal's unit
_SALES = r"(?:incremental |additional |extra |more |new )?" + _SALES_WORDS
_ADD_VERBS = (r"\b(?:add|adding|get|getting|generate|generating|gain|gaining|drive|driving|deliver|delivering|produce|bring in|create|make|achieve|find|win|an extra|an additional|another|extra|additional|incremental)"
              r"(?: an?| another)?(?: extra| additional| more| incremental)? ")
_ADD_SALES = [
    re.compile(_ADD_VERBS + r"(?P<x>AMT)(?: more| extra| additional| incremental)?(?: (?:in|of|worth of))? " + _SALES),
    re.compile(r"\b(?:grow|increase|lift|boost|raise|push|improve|get) (?:sales|revenue) (?:up )?by (?:an? |another )?(?:extra |additional )?(?P<x>AMT)"),
    re.compile(r"\b(?:sales|revenue) (?:up|higher|to grow|to increase|to rise|increase|growth|uplift|lift) (?:of |by )?(?P<x>AMT)"),
    re.compile(r"\b(?P<x>AMT) (?:more|extra|additional|incremental|of incremental|of extra|of additional)(?: in| of)? " + _SALES),
]
# "what do we need to spend to hit $70M in sales?", "grow revenue to $80M": a level of sales, not an increment
# (or of a count target: "hit 2M conversions")
_OUTCOME = "(?:" + "|".join(MONEY_OUTCOMES + COUNT_OUTCOMES) + ")"
_REACH_VERBS = (r"\b(?:hit|hits|hitting|reach|reaches|reaching|get to|getting to|arrive to|arrive at|arriving to|arriving at|gets? us to|takes? us to|brings? us to|a target of|target of|a goal of|goal of)"
                r"(?: an?)?(?: total| annual| yearly)? ")
_REACH_SALES = [
    re.compile(_REACH_VERBS + r"(?P<x>AMT)(?: (?:in|of))?(?: total| annual| yearly)? (?:" + _SALES_WORDS + r"\b|" + _COUNTS + ")"),
    re.compile(r"\b(?:grow|growing|take|taking|bring|bringing|push|pushing|lift|lifting|raise|raising|increase|increasing|get|getting)"
               r" (?:our |the |total |annual )?" + _SALES_WORDS + r" (?:up )?to (?P<x>AMT)"),
    re.compile(r"\b(?:hit|hitting|reach|reaching|achieve|achieving|get to|getting to) (?:total |annual )?" + _SALES_WORDS
               + r" (?:of |target of )?(?P<x>AMT)"),
    re.compile(r"\b" + _SALES_WORDS + r" (?:target|goal) (?:of |is |= )?(?P<x>AMT)"),
    # "the smallest budget that still gets us $90M in sales", "to get 100mil sales": a level, where "get $1M more
    # sales" / "get another $250k in sales" (an extra amount) is read by _ADD_SALES
    re.compile(r"\b(?:get|gets|getting)(?: us| ourselves)? (?P<x>AMT)(?: (?:in|of))?(?: total| annual| yearly)? "
               + _SALES_WORDS + r"\b(?! more| extra)"),
    # "we need $100M in sales, what budget do we need?", "need 100mil sales": the level needed (an extra amount is said
    # with "more": "need $1M more sales", read by _ADD_SALES)
    re.compile(r"\b(?:need|needs|want|wants|require|requires)(?: to (?:get|have|make|do|hit|reach))? (?P<x>AMT)(?: (?:in|of))?"
               r"(?: total| annual| yearly)? " + _SALES_WORDS + r"\b(?! more| extra)"),
]
_COUNT_WORD = re.compile(r"\b" + _OUTCOME + r"\b")
# a count said as a bare number ("add 10000 conversions", "hit 250000 orders"): a count target's goal
_COUNT_GOALS: list[tuple[re.Pattern[str], GoalKind]] = [
    (re.compile(_REACH_VERBS + r"(?P<x>NUM)(?: (?:in|of))?(?: total| annual| yearly)? " + _COUNTS), "reach_sales"),
    (re.compile(_ADD_VERBS + r"(?P<x>AMT|NUM)(?: more| extra| additional| incremental)? " + _COUNTS), "add_sales"),
    (re.compile(r"\b(?P<x>AMT|NUM) (?:more|extra|additional|incremental) " + _COUNTS), "add_sales"),
    # "500 more sales", "2000 sales more": a bare number of sales counts them, in the KPI's own units (never dollars,
    # which are said as money: "$500k more sales")
    (re.compile(r"\b(?P<x>NUM) (?:(?:more|extra|additional|incremental|new) (?P<UNIT>sales)\b|(?P<UNIT2>sales) (?:more|extra|additional)\b)"),
     "add_sales"),
    # "what does it take to gain 800 sales?": a verb of getting and a bare number of sales
    (re.compile(_ADD_VERBS + r"(?P<x>NUM) (?P<UNIT>sales)\b"), "add_sales"),
    # "how can we sell 500 more?": a number sold is a count of sales too
    (re.compile(r"\b(?P<SOLD>sell|selling) (?:an? )?(?P<x>NUM) (?:more|extra|additional)\b"), "add_sales"),
]
# "grow sales by 5%", "we need +10% sales", "a 3% sales uplift": more sales as a share of today's.
_GROW_PCT = [
    re.compile(r"\b(?:grow|growing|increase|increasing|lift|lifting|boost|boosting|raise|raising|push|improve|get|getting|add|adding)"
               r" (?:our |the |total )?(?:" + "|".join(MONEY_OUTCOMES + COUNT_OUTCOMES) + r") (?:up )?(?:by )?(?:an? |another )?"
               r"(?:extra |additional )?(?P<x>PCT)"),   # "grow conversions by 5%" too
    # not a channel's own change: "Social +10%. Incremental sales?" asks what that what-if brings
    re.compile(r"\b(?<!CH )(?P<x>PCT) (?:more|extra|additional|higher|incremental) " + _SALES_WORDS + r"\b"),
    re.compile(r"\b(?:extra|additional|incremental|another) (?P<x>PCT) (?:more )?(?:in |of )?" + _SALES_WORDS + r"\b"),
    re.compile(r"\b(?P<x>PCT) " + _SALES_WORDS + r" (?:growth|uplift|lift|increase)\b"),
    # "a 10% lift in sales", "a 5% increase in revenue"
    re.compile(r"\b(?P<x>PCT) (?:growth|uplift|lift|increase|rise|boost|jump|improvement|gain) (?:in|of|on) (?:our |the |total )?" + _SALES_WORDS + r"\b"),
    re.compile(r"\b(?:need|needs|want|wants|target|targeting|get|reach|hit|achieve|deliver|aim for|aiming for|looking for) "
               r"(?:an? |another )?(?P<x>PCT) " + _SALES_WORDS + r"\b"),
    re.compile(r"\b" + _SALES_WORDS + r" (?:up|growth|uplift|increase|lift|to grow|to rise|to increase) (?:of |by )?(?P<x>PCT)"),
]
_WITHIN = [
    re.compile(r"\b(?<!channels )(?<!channel )(?:keep|keeping|hold|holding|maintain|maintaining|stay|staying|sales|revenue)"
               r"(?: (?:sales|revenue))?(?: (?:stay|stays|remain|remains|flat))? within (?P<x>PCT)"),
    re.compile(r"\bwithin (?P<x>PCT) of (?:current |today |the current |our current |existing )?" + _SALES),
    re.compile(r"\b(?:without|while|not) (?:to )?(?:losing|dropping|sacrificing|giving up|lose|drop|sacrifice|hurting|cutting)"
               r"(?: (?:sales|revenue))?(?: by)? (?:more than|over|beyond) (?P<x>PCT)"),
    re.compile(r"\b(?:sales|revenue) (?:drop|drops|fall|falls|decline|declines|dip|dips|loss|go down|goes down|fell|dropping|falling|down)"
               r"(?: (?:of|by))? (?:no more than|less than|at most|under|not more than|below|max|maximum|a maximum of) (?P<x>PCT)"),
    re.compile(r"\b(?:lose|losing|sacrifice|sacrificing|give up|giving up) (?:no more than|less than|at most|under|not more than|only|a maximum of|max) (?P<x>PCT)"),
    re.compile(r"\b(?:without|before|while|not) (?:sales|revenue) (?:dropping|falling|declining|going down|decreasing|drop|fall|decline)"
               r"(?: by)? (?:more than|over|beyond|by more than) (?P<x>PCT)"),
    re.compile(r"\b(?:sales|revenue) (?:loss|drop|decline|hit)(?: of)? (?:under|below|less than|no more than|at most|within) (?P<x>PCT)"),
    # "without a sales drop bigger than 2%", "with no revenue loss over 3%"
    re.compile(r"\b(?:without|with no|before) (?:a |any )?(?:sales|revenue) (?:drop|loss|decline|hit|fall|dip)(?: of)?"
               r" (?:more than|over|beyond|bigger than|greater than|larger than|above|exceeding) (?P<x>PCT)"),
]
# a loss we can bear, said of the whole business only: "If Radio falls 10%, can we absorb 2% less revenue?" is a
# what-if on Radio, "which channel would I accept a 10% sales drop from?" no plan
_BEAR = [
    # "what if we can live with a 2% drop in sales?", "we could accept losing 3% of revenue": the loss we can bear
    re.compile(r"\b(?:live with|accept|accepting|tolerate|tolerating|afford|stomach|swallow|bear|absorb|(?:be |are |is |am )?"
               r"(?:ok|okay|fine|happy|comfortable|alright) with) (?:an? |up to |at most |only |no more than )?"
               r"(?:losing |to lose |cut |cutting |to cut |dropping |a loss of |a drop of |giving up )?(?P<x>PCT)(?: (?:less|lower|fewer))?"
               r"(?: (?:drop|loss|decline|dip|fall|hit|reduction|decrease))?(?: (?:in|of|on))? (?:our |the |total )?(?:sales|revenue)\b"),
    re.compile(r"\b(?:live with|accept|accepting|tolerate|tolerating|afford|stomach|absorb|(?:be |are |is |am )?"
               r"(?:ok|okay|fine|happy|comfortable|alright) with) (?:an? |up to |at most |only )?(?P<x>PCT) (?:sales|revenue)"
               r" (?:drop|loss|decline|dip|fall|hit|reduction|decrease)\b"),
]
# "the least we could spend and still hold 95% of current sales": the share kept, so 5% may be lost
_KEEP_SHARE = [
    re.compile(r"\b(?:keep|keeps|keeping|hold|holds|holding|retain|retains|retaining|preserve|preserving|maintain|maintaining"
               r"|protect|protecting|still (?:get|have|make|deliver)) (?:at least )?(?P<x>PCT) of (?:current |today |our |the |existing )*"
               + _SALES_WORDS + r"\b"),
]
# "the minimum spend that keeps sales at today's level", "the same sales with less money": no sales lost at all,
# read only with a cue that the question is about spending less (see _SPEND_LESS)
_KEEP_LEVEL = [
    re.compile(r"\b(?:keep|keeps|keeping|hold|holds|holding|maintain|maintains|maintaining|preserve|preserving|protect|protecting|retain|retaining)"
               r" (?:our |the |current |total |predicted |forecast |projected |overall )*" + _SALES_WORDS
               + r" (?:at (?:today|current|the same|our current|existing)"
               r"(?: levels?)?|flat|steady|unchanged|intact|where (?:they|it) (?:are|is)|at the current levels?|level"
               # "keep the sales same as now", "hold sales the same"
               r"|(?:the )?same(?: as (?:now|today|before|it is|they are|current|currently))?|as (?:they are|it is|now))\b"),
    re.compile(r"\b(?:the )?same (?:sales|revenue|revenues|turnover|results) (?:with|for|on|using) (?:less|lower|a smaller|a lower|fewer)"
               r" (?:money|budget|spend|spending|dollars|media)?"),
    re.compile(r"\bwithout (?:losing|dropping|sacrificing|hurting|giving up|lose|losing any|reducing|lowering|cutting"
               r"|harming|damaging|affecting|impacting|denting) (?:any |our |the |total )*(?:sales|revenue)\b"),
    # "how much can we take out before sales start to suffer?": the cut that stops short of losing sales
    re.compile(r"\b(?:before|without|until) (?:our |the |total )?(?:sales|revenue) (?:start|starts|begin|begins)?(?: to)? ?"
               r"(?:suffer|suffers|suffering|drop|drops|dropping|fall|falls|falling|decline|declines|declining|dip|dips|dipping"
               r"|go down|goes down|going down|take a hit|takes a hit|get hurt|gets hurt)\b"),
    # "and still keep the same sales", "keeping the same revenue"
    re.compile(r"\b(?:keep|keeps|keeping|hold|holding|maintain|maintaining|get|getting|have|having|make|making)"
               r" (?:the )?same (?:level of |amount of )?(?:sales|revenue|revenues|turnover)\b"),
]
_SPEND_LESS = re.compile(r"\b(?:minimum|min|least|lowest|smallest|less|cut|cuts|save|saving|savings|trim|reduce|lower|"
                         r"how (?:low|little|far|much less|deep)|"
                         # "the most we can take out of the media budget", "claw back", "shave off"
                         r"(?:take|taking|pull|pulling|strip|stripping) out|claw back|clawing back|shave|shaving)\b")
# "where does Print's marginal ROAS fall below 1?" asks where the curve's slope gives out (saturation), not a
# target for the average return a plan must keep
_NOT_MARGINAL = r"(?<!marginal )(?<!incremental )"
_ROAS = [
    re.compile(_NOT_MARGINAL + r"\b(?:roas|roi|return on ad spend|return)(?: target| goal)? (?:of |at |above |over |to |= |target of |reaches |hits |at least |of at least |is |equal to |greater than |better than |around |about )*(?P<x>NUM)(?: x| times)?\b"),
    # "the most we can spend while ROI stays above 2": the floor the return must keep
    re.compile(_NOT_MARGINAL + r"\b(?:roas|roi|return on ad spend|blended (?:roas|roi|return))(?: \w+)? (?:stays?|stayed|remains?|keeps?|is still|is kept|holds?)"
               r" (?:above |over |at least |at or above |no lower than |not below |>= ?)+(?P<x>NUM)(?: x| times)?\b"),
    # "until our ROAS drops below 1.5", "before ROI falls under 2x": the return the spending stops at
    re.compile(_NOT_MARGINAL + r"\b(?:roas|roi|return on ad spend|returns?|payback)(?: \w+)? (?:drops?|falls?|dips?|gets?|goes|sinks?|slips?)"
               r" (?:below |under |beneath |to |less than |lower than )+(?P<x>NUM|AMT)(?: x| times)?\b"),
    re.compile(r"\b(?P<x>NUM) ?(?:x|times)? (?:roas|roi|return on ad spend)\b"),
]


# "the maximum budget that still returns at least $2 per dollar": a blended-return target said per dollar
_RETURN_PER = [re.compile(r"\b(?:returns?(?: of)?|returning|brings?|bringing|earns?|earning|makes?|making|generates?|generating|yields?|gives?|giving)"
                          r" (?:back )?(?:at least |still |over |above |more than |a minimum of |no less than |less than |under |below |only |just )*(?P<x>AMT|NUM)"
                          r"(?: dollars?| euros?| pounds?| bucks?)? (?:in sales |of sales |in revenue |of revenue )?"
                          r"(?:per|for (?:each|every)|on (?:each|every)|for every single) (?:dollar|euro|pound|buck|AMT)\b"),
               # "while each dollar still returns $1.50": the dollar said first
               re.compile(r"\b(?:each|every|per|a|the) (?:extra |additional |more |further |incremental |next |last )?"
                          r"(?:dollar|euro|pound|buck|AMT) (?:we spend |spent |of spend |of media )?(?:still |only |just )?"
                          r"(?:returns?|returning|brings?|bringing|makes?|making|earns?|earning|generates?|generating|yields?|yielding|gives?|giving)"
                          r" (?:back )?(?:at least |still |over |above |more than |a minimum of |no less than |less than |under |below |only |just )*"
                          r"(?P<x>AMT|NUM)\b")]
_HOW_MUCH_BUDGET = re.compile(r"\b(?:max|maximum|largest|biggest|most|highest|how much|how far|up to what|what)"
                              r" (?:\w+ ){0,3}(?:budget|spend|spending|investment)\b")


def extract_margin(lx: Lexed) -> float | None:
    """Gross margin as a fraction (0.40), or None; its tokens are marked used."""
    if "margin" not in lx.surface and " on each " not in lx.surface and " on every " not in lx.surface:
        return None
    for pat in _MARGIN:
        m = pat.search(lx.surface)
        if m is None:
            continue
        v = float(lx.group_tok(m, "x").num)
        v = abs(v)
        if v > 1:
            v /= 100.0
        if 0 < v < 1:
            lx.use(m)
            return round(v, 4)
    return None


def extract_goal(lx: Lexed) -> Goal | None:
    """A reverse-question target, or None; its tokens are marked used. The channel is filled by the caller."""
    s = lx.surface
    says_sales = any(word in s for word in MONEY_OUTCOMES)
    goal = None
    if "AMT" in s and _COUNT_WORD.search(s):
        goal = _first_goal(lx, _REACH_SALES, "reach_sales", positive=True)
    if goal is None and ("AMT" in s or "NUM" in s) and (_COUNT_WORD.search(s) or "sell" in s):
        for pat, kind in _COUNT_GOALS:
            goal = goal or _first_goal(lx, [pat], kind, positive=True, accept=lambda v: v > 0)
    if goal is None and "AMT" in s and says_sales:
        goal = _first_goal(lx, _ADD_SALES, "add_sales", positive=True)
    if goal is None and "PCT" in s:
        goal = _first_goal(lx, _WITHIN, "keep_sales_within", positive=True)
    if goal is None and "PCT" in s and "CH" not in s.split() and "channel" not in s:
        goal = _first_goal(lx, _BEAR, "keep_sales_within", positive=True)
    if goal is None and "PCT" in s and says_sales:
        kept = _first_goal(lx, _KEEP_SHARE, "keep_sales_within", positive=True, accept=lambda v: 50 <= v < 100)
        goal = None if kept is None else Goal(kept.kind, round(100.0 - kept.value, 6))
    if goal is None and "PCT" in s and (says_sales or _COUNT_WORD.search(s)):
        goal = _first_goal(lx, _GROW_PCT, "grow_sales_pct", positive=True, accept=lambda v: 0 < v <= 200)
    # on the total only: "can we cut Radio without losing sales?" is a what-if on Radio
    if goal is None and "CH" not in s.split() and (says_sales or "results" in s) and _SPEND_LESS.search(s):
        for pat in _KEEP_LEVEL:
            m = pat.search(s)
            if m:
                lx.use(m)
                goal = Goal("keep_sales_within", 0.0)
                break
    if goal is None and ("NUM" in s or "AMT" in s) and ("roas" in s or "roi" in s or "return" in s or "payback" in s):
        goal = _first_goal(lx, _ROAS, "reach_roas", accept=lambda v: 0 < v < 50)
    if goal is None and _HOW_MUCH_BUDGET.search(s):
        goal = _first_goal(lx, _RETURN_PER, "reach_roas", accept=lambda v: 0 < v < 50)
    return goal


def _first_goal(lx: Lexed, patterns: list[re.Pattern[str]], kind: GoalKind, positive: bool = False,
                accept: Callable[[float], bool] = lambda v: True) -> Goal | None:
    """The goal of the first pattern that matches with an acceptable value; its tokens are marked used.
    A pattern that names a count ("10000 conversions") gives the goal that unit."""
    for pat in patterns:
        m = pat.search(lx.surface)
        if m:
            v = float(lx.group_tok(m, "x").num)
            v = abs(v) if positive else v
            if accept(v):
                lx.use(m)
                said = m.groupdict()
                return Goal(kind, v, unit=said.get("UNIT") or said.get("UNIT2") or ("sales" if said.get("SOLD") else None))
    return None


def goal_patterns() -> list[str]:
    """Pattern sources, so their words become typo-correction targets."""
    return [p.pattern for p in _MARGIN + _REACH_SALES + [p for p, _ in _COUNT_GOALS] + _ADD_SALES + _GROW_PCT + _WITHIN + _BEAR + _KEEP_SHARE + _KEEP_LEVEL + _ROAS + _RETURN_PER]
