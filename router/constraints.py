"""Optimiser bounds ("keep TV at least $500k", "no channel up more than 30%") read from the surface string."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from router.lexer import Lexed
from router.types import Constraint, Per

CHS = r"(?P<ch>CH(?: (?:or |and |nor |, |& )?CH)*)"
_SPEND = r"(?: (?:spend|spending|budget|investment|media))?"
_NEG = r"(?:do not|does not|never|not|without|no|should not|must not|cannot|can not|will not|shouldn)"
_ALLS = (r"(?:no channel|no single channel|no one channel|none of the channels|not any channel|nobody|no one|"
         r"any channel|any single channel|any one channel|every channel|each channel|all channels|"
         r"all the channels|no line items?|no lines?|every line(?: item)?|each line(?: item)?|nothing|channels)")
_MAY = (r"(?:should |can |may |must |will |does |do |would |is |are |is allowed to |to |allowed to |gets to |be allowed to |cannot |can not |"
        r"should not |must not |will not |may not |shall not )?(?:not |never |only )?")
_UP = (r"(?:go up|goes up|going up|move up|moves up|be raised|get raised|be increased|get increased|"
       r"be boosted|increase|increases|increased|increasing|grow|grows|growing|rise|rises|rising|"
       r"up|raised|gain|gains|jump|jumps)")
_DOWN = (r"(?:go down|goes down|be cut|get cut|be reduced|get reduced|be lowered|down|cut|cuts|"
         r"decrease|decreases|decreased|drop|drops|fall|falls|reduced|shrink|shrinks|lose|loses|lower|"
         r"decline|declines|declining|decreasing|dropping|falling|shrinking)")
_CHG = r"(?:change|changes|changed|changing|move|moves|moved|moving|shift|shifts|shifting|swing|swings|vary|varies|deviate|deviates)"
_MORE = r"(?:by )?(?:more than|over|above|beyond|in excess of|upwards of|no more than|at most|not more than) "
_ATMOST = r"(?:by )?(?:at most|no more than|not more than|up to|until|less than|more than|over|max|maximum|a maximum of) "
_CUT_V = r"(?:cut|cutting|reduce|reducing|lower|lowering|decrease|decreasing|drop|dropping|slash|slashing|trim|trimming)"
_UP_V = r"(?:increase|increasing|raise|raising|grow|growing|boost|boosting|lift|lifting|up|upping)"
_STILL = r"(?:(?:exactly |just |precisely )?(?:as is|unchanged|untouched|the same|where it is|fixed|flat|constant|steady|at current levels?|at its current level|as it is|at the same level|locked|frozen|where they are|as they are|(?:the )?same as (?:it is|they are|now|today|before|current)))"

_FIXED = [
    rf"\b(?:do not|never|not|without) (?:touch|touching|change|changing|move|moving|alter|altering|adjust|adjusting|modify|modifying|mess with) {CHS}",
    rf"\bleave {CHS}{_SPEND} (?:alone|{_STILL})",
    rf"\b(?:keep|keeping|hold|holding|lock|locking|freeze|freezing|fix|fixing|maintain|maintaining|hold) {CHS}{_SPEND} {_STILL}",
    rf"\b(?:lock|locking|freeze|freezing|ring fence|ringfence|ringfencing) {CHS}",
    rf"\b{CHS}{_SPEND} (?:stays|remains|stay|remain|is|must stay|should stay|has to stay|must remain|should remain|to stay|to remain|kept"
    rf"|is kept|are kept|be kept|gets kept|is held|is left) {_STILL}",
    rf"\b{CHS}{_SPEND} (?:is |are )?(?:off limits|untouchable|locked|frozen|fixed)",
    # "TV is sacred though, don't touch it", "Digital is protected, so hold it where it is", "TV we cannot change, it is
    # fixed by contract": the channel, then in the same sentence a pronoun (or nothing) kept as it is
    rf"\b{CHS}{_SPEND}\b(?:(?! CH\b)[^.;?!]){{0,60}}?\b(?:(?:do not|never|not|cannot|can not|must not|should not|will not|"
    r"may not|shall not) (?:touch|change|move|alter|adjust|modify|mess with) (?:it|them)\b"
    rf"|(?:leave|keep|hold|freeze|lock) (?:it|them) (?:alone|{_STILL})"
    rf"|(?:it|they) (?:is|are|stays?|remains?) (?:fixed|locked|frozen|{_STILL}))",
    rf"\b{CHS}{_SPEND},? (?:we|you|i) (?:cannot|can not|must not|should not|do not|will not|may not|shall not) "
    r"(?:touch|change|move|alter|adjust|modify)\b(?! (?:it |them )?(?:by|more|than|much|beyond|over|above|below|under)\b)",
]
# "keep TV at $500k and optimise the rest", "with Radio locked at $200k": the channel's spend is pinned at an amount
_FIXED_AMT = [
    rf"\b(?:keep|keeping|kept|hold|holding|held|lock|locking|fix|fixing|freeze|freezing|pin|pinning|peg|pegging|maintain|maintaining|leave|leaving)"
    rf" {CHS}{_SPEND} (?:fixed |locked |frozen |steady |flat |constant |pinned |pegged )?at (?:exactly )?(?P<x>AMT)",
    rf"\b{CHS}{_SPEND} (?:is |stays |remains |stay |remain )?(?:fixed|locked|frozen|held|pinned|pegged|kept) at (?:exactly )?(?P<x>AMT)",
    # "allocate $0 to Print and optimise the rest of $2M": one channel's money set, the plan is over the rest
    rf"\b(?:allocate|allocating|give|giving|put|putting|assign|assigning|spend|spending) (?:only |exactly |just )?(?P<x>AMT)"
    rf" (?:to|for|on|in|into) (?:the |our )?{CHS}(?=.*\b(?:rest|remaining|remainder|others|other channels)\b)",
    # "split $2M but give TV exactly $800k"
    rf"\b(?:allocate|allocating|give|giving|assign|assigning) {CHS} (?:exactly|only|just|precisely) (?P<x>AMT)",
]
_NOT_WANT = r"(?:(?:i|we) )?(?:do not|would not|will not|never) (?:want|like|need)"
_MUST_NOT = r"(?:can not|cannot|should not|must not|will not|may not|does not|do not|shall not)"
_MIN_AMT = [
    rf"\b{CHS}{_SPEND}(?: (?:has to|had to|must|should|needs to|need to|will|would|can|could))?(?: at| to| stays| remains| stay| remain| be)? (?:at least|no less than|not less than|not below|no lower than|not under|a minimum of|minimum of|min of|minimum|min|floor of|a floor of|above|over) (?:at )?(?P<x>AMT)",
    rf"\b(?:at least|a minimum of|minimum of|no less than|min|a floor of) (?P<x>AMT)(?: of spend| of budget)? (?:on|for|in|to|into) {CHS}",
    rf"\b(?:do not|never) (?:let|allow) {CHS}{_SPEND} (?:to )?(?:fall|drop|go|dip|be cut|get cut|sink) (?:below|under|beneath|lower than|less than) (?P<x>AMT)",
    rf"\b{CHS}{_SPEND} (?:should|must|has to|needs to|to|will) (?:stay|be|remain) (?:at least|above|over|no lower than|not below|no less than) (?P<x>AMT)",
    rf"\b{CHS}{_SPEND} {_MUST_NOT} (?:go|fall|drop|be|dip|sink|get) (?:below|under|lower than|less than) (?P<x>AMT)",
    rf"\bfloor {CHS}{_SPEND} at (?P<x>AMT)",
    # the bound said of us, the channel after the amount: "if we can't go below $3M on TV", "we cannot spend less than
    # $3M on TV"
    rf"\b(?:we|you|i) {_MUST_NOT} (?:go|drop|fall|spend|cut|be) (?:below|under|lower than|less than) (?P<x>AMT)"
    rf" (?:on|for|in|to|with) (?:the |our )?{CHS}",
    # "TV must get at least $1M", "Radio should receive no less than 200k"
    rf"\b{CHS}{_SPEND} (?:must|should|has to|needs to|will|to|would|can|could) (?:still )?(?:get|receive|have|keep|be given|be allocated)"
    rf" (?:at least|no less than|not less than|a minimum of|minimum of|minimum|min) (?P<x>AMT)",
    # the bound after the amount: "TV has to stay at $400k or more", "Radio needs $200k minimum"
    rf"\b{CHS}{_SPEND} (?:\w+ ){{0,3}}(?:at |to |of )?(?P<x>AMT) (?:or more|or above|or higher|or over|minimum|min|at least|at a minimum|as a minimum|as a floor)\b",
    rf"\b{CHS}{_SPEND} floor (?:at|of) (?P<x>AMT)",
    # "with TV floored at $1.5M"
    rf"\b{CHS}{_SPEND} (?:is |being |to be |should be |must be |gets )?floored (?:at |to )?(?P<x>AMT)",
]
# a wish about the channel, read before the plain bounds ("TV over $2M" is a floor, "don't want TV over $2M" a cap):
# "I don't want TV going below $2M", "we would not like Radio to fall under $500k", "I don't want Digital above $3M"
_NOT_WANT_MIN = [
    rf"\b{_NOT_WANT} {CHS}{_SPEND} (?:to )?(?:(?:go|going|fall|falling|drop|dropping|dip|dipping|sink|sinking|be|being|get|getting) )?"
    rf"(?:below|under|beneath|lower than|less than) (?P<x>AMT)",
]
_NOT_WANT_MAX = [
    rf"\b{_NOT_WANT} {CHS}{_SPEND} (?:to )?(?:(?:go|going|rise|rising|climb|climbing|be|being|get|getting) )?"
    rf"(?:above|over|beyond|higher than|more than) (?P<x>AMT)",
]
_MAX_AMT = [
    # "if we can't go above $2M on Digital", "we cannot spend more than $2M on Digital"
    rf"\b(?:we|you|i) {_MUST_NOT} (?:go|spend|put|be) (?:above|over|beyond|higher than|more than) (?P<x>AMT)"
    rf" (?:on|for|in|to|into|with) (?:the |our )?{CHS}",
    rf"\b{CHS}{_SPEND}(?: (?:has to|had to|must|should|needs to|need to|will|would|can|could))?(?: at| stays| remains| stay| remain| is| are| gets| get| being| be)? (?:at most|no more than|not more than|not above|not over|a maximum of|maximum of|max of|maximum|max|capped at|capped|cap of|a cap of|limited to|under|below|up to|within) (?:at )?(?P<x>AMT)",
    rf"\bcap(?:ping)? {CHS}{_SPEND} (?:at|to) (?P<x>AMT)",
    rf"\b{CHS}{_SPEND} (?:must|should|has to|needs to|will|to|would|can|could) (?:only )?(?:get|receive|have|keep|be given|be allocated)"
    rf" (?:at most|no more than|not more than|a maximum of|maximum of|maximum|max|up to) (?P<x>AMT)",
    # the direction is the bound's: "Digital can't go over $800k", "TV must stay below $1M"
    rf"\b{CHS}{_SPEND} (?:should|must|has to|needs to|to|will) (?:stay|be|remain) (?:below|under|at most|no more than|no higher than|not above) (?P<x>AMT)",
    rf"\b{CHS}{_SPEND} {_MUST_NOT} (?:go|rise|be|get|climb) (?:over|above|higher than|more than|beyond) (?P<x>AMT)",
    rf"\b{CHS}{_SPEND} (?:\w+ ){{0,3}}(?:at |to |of )?(?P<x>AMT) (?:or less|or below|or lower|or under|maximum|max|at most|at the most|tops|as a cap|as a ceiling)\b",
    rf"\b(?:at most|no more than|not more than|a maximum of|maximum of|max|up to) (?P<x>AMT)(?: of spend| of budget)? (?:on|for|in|to|into) {CHS}",
    rf"\b{CHS}{_SPEND} (?:should not|must not|can not|cannot|does not|do not|may not|not|never|will not) (?:exceed|go above|go over|be more than|be above|be over|top|pass|rise above) (?P<x>AMT)",
    rf"\b(?:do not|never) (?:let|allow) {CHS}{_SPEND} (?:to )?(?:exceed|go above|go over|top|pass|be more than|rise above|rise over) (?P<x>AMT)",
]
_ALL_MAX_PCT = [
    rf"\b{_ALLS} {_MAY}{_UP} {_MORE}(?P<x>PCT)",
    r"\b(?:cap|capping|limit|limiting)(?: the)? (?:increases|increase|rises|growth|uplift|ups)(?: per channel)? (?:at|to) (?P<x>PCT)",
    r"\bmax(?:imum)? (?:increase|rise|uplift)(?: per channel)? (?:of )?(?P<x>PCT)",
]
# "no channel gets less than $200k", "every channel gets at least $100k": a floor in money on every channel
_ALL_MIN_AMT = [r"\bno (?:channel|line|medium) (?:gets?|receives?|has|is given|is allocated|(?:falls?|goes|drops?) below) (?:less than|under|below|lower than) (?P<x>AMT)",
                r"\b(?:every|each|all) (?:channel|line|medium|channels)s? (?:gets?|receives?|has|have|with|at) (?:at least|a minimum of|no less than) (?P<x>AMT)"]
_ALL_MAX_AMT = [r"\bno (?:channel|line|medium) (?:gets?|receives?|has|is given|is allocated|goes above|rises above) (?:more than|over|above) (?P<x>AMT)"]
# "no channel falls below 50% of current spend": a floor at that share of today's, every channel
_ALL_SHARE_FLOOR = [
    r"\bno (?:channel|line|medium|media) (?:\w+ )?(?:falls?|drops?|goes|go|is cut|gets cut|sinks?|dips?) (?:below|under|lower than|beneath) "
    r"(?P<x>PCT) of (?:its |their |the )?(?:current|today|today s|todays|present|existing)(?: spend| spending| levels?| budget)?",
]
_ALL_MIN_PCT = [
    rf"\b{_ALLS} {_MAY}{_DOWN} {_MORE}(?P<x>PCT)",
    r"\b(?:cap|capping|limit|limiting)(?: the)? (?:cuts|cut|decreases|reductions|reduction|decrease)(?: per channel)? (?:at|to) (?P<x>PCT)",
    r"\bmax(?:imum)? (?:cut|decrease|reduction)(?: per channel)? (?:of )?(?P<x>PCT)",
]
_ALL_BOTH_PCT = [
    rf"\b{_ALLS} {_MAY}{_CHG} {_MORE}(?P<x>PCT)",
    # "no channel is going up or down by more than 10 percent"
    rf"\b{_ALLS} (?:is |are |should |can |may |will |must |would )?(?:not )?(?:be )?(?:(?:going|go|goes|moving|move|moves|moved) )?"
    rf"(?:up or down|down or up) {_MORE}(?P<x>PCT)",
    # the size before the noun: "no channel more than 15% change", "no line over 20% move"
    rf"\b{_ALLS} {_MORE}(?P<x>PCT) (?:of )?{_CHG}",
    r"\b(?:keep|keeping|hold|holding|limit|limiting|cap|capping)(?: all| every| each)?(?: the)? (?:channel )?(?:changes|moves|shifts|swings|change|shift)(?: per channel)? (?:within|to|at|under|below|inside|of) (?:\+ or - |plus or minus |\+ - )?(?P<x>PCT)",
    r"\bmax(?:imum)? (?:change|move|shift|swing)(?: per channel)? (?:of )?(?P<x>PCT)",
    r"\b(?:within|by no more than) (?:\+ or - |plus or minus |\+ - )?(?P<x>PCT) (?:per|for each|for every|on each|on every|of each|of every) channel",
    # "keep every channel within 20% of today", "with each channel kept within ±25% of current spend"
    r"\b(?:every|each|all|all the|all of the) (?:channels?|lines?(?: items?)?) (?:\w+ ){0,3}(?:within|inside) (?:\+ or - |plus or minus |\+ - |plus or )?(?P<x>PCT)",
    # "all channels max ±10%" (the sign is not kept: a bare maximum on every channel is a change either way)
    rf"\b{_ALLS} (?:max|maximum|at most) (?P<x>PCT)",
    # "no channel more than +-20%" (a bare size; "no channel more than 40% of the budget" is a share, read elsewhere)
    rf"\b{_ALLS} {_MORE}(?:\+ or - |plus or minus |plus or )?(?P<x>PCT)(?! of)",
    # "with every channel bounded to plus or minus 15% of current", "each channel capped at ±10%"
    rf"\b{_ALLS} (?:\w+ ){{0,2}}(?:bounded|limited|capped|constrained|restricted|kept|held|clamped) (?:to |at |within )"
    r"(?:\+ or - |plus or minus |plus or |\+ - )?(?P<x>PCT)",
]
# Inside a plan, a channel's own room said with a modal beside (or instead of) a general limit: "every channel within
# ±10% but TV may grow 30%", "except TV, which can grow by 50%", "Print can be cut by 50%" (plan questions only: in a
# what-if "TV could grow 30%" is the change itself)
_MODAL = (r"(?: ,)?(?: (?:which|that))? (?:can|may|could|might|is allowed to|are allowed to|allowed to|gets to|get to|"
          r"should be allowed to|is free to|are free to) (?:be )?")
_LET = r"(?:let|lets|letting|allow|allows|allowing|permit|permitting)"
# a bound loosened or tightened inside a plan: "relax the bound on Digital so it can go up to +50%", "loosen the cap
# on TV to 40%"
_BOUND_ON = (r"\b(?:relax|relaxing|loosen|loosening|lift|lifting|raise|raising|widen|widening|increase|increasing|change|changing"
             r"|open up|opening up|ease|easing|set|setting) (?:the |its |that )?(?:upper |top )?(?:bound|bounds|cap|caps|limit|limits|ceiling"
             r"|max|maximum|constraint|constraints) (?:on|for|of) ")
_CH_MAX_ROOM = [rf"\b{CHS}{_SPEND}{_MODAL}{_UP} (?:by |until |to )?(?P<x>PCT)",
                rf"\b{_LET} {CHS}{_SPEND} (?:to )?{_UP} (?:by |to )?(?:up to |at most |as much as )?(?P<x>PCT)",
                rf"{_BOUND_ON}{CHS}{_SPEND} (?:(?!CH\b)\w+ ){{0,7}}?(?:to |up to |at |of )?(?P<x>PCT)"]
_CH_MIN_ROOM = [rf"\b{CHS}{_SPEND}{_MODAL}{_DOWN} (?:by |until |to )?(?P<x>PCT)",
                rf"\b{_LET} {CHS}{_SPEND} (?:to )?{_DOWN} (?:by |to )?(?:up to |at most |as much as )?(?P<x>PCT)"]
_CH_MIN_PCT = [
    rf"\b{_NEG} {_CUT_V} {CHS}{_SPEND} {_MORE}(?P<x>PCT)",
    rf"\b{CHS}{_SPEND} {_MAY}{_DOWN} {_ATMOST}(?P<x>PCT)",
]
_CH_MAX_PCT = [
    rf"\b{_NEG} {_UP_V} {CHS}{_SPEND} {_MORE}(?P<x>PCT)",
    rf"\b{CHS}{_SPEND} {_MAY}{_UP} {_ATMOST}(?P<x>PCT)",
    rf"\bcap(?:ping)? {CHS}{_SPEND} (?:increases?|growth|rises?) (?:at|to) (?P<x>PCT)",
    # "Digital capped at 30% more than today", "TV limited to 20% above current"
    rf"\b{CHS}{_SPEND} (?:is |being )?(?:capped|limited|held) (?:at|to) (?P<x>PCT) (?:more|above|over|higher) (?:than )?"
    r"(?:today|current|now|today s|todays|the current|its current|current levels?)\b",
]
_TODAY_LEVEL = r"(?:today|current|now|its current|current levels?|today s|todays|today s levels?|what it is now|where it is)(?: levels?| spend| spending)?"
_CH_NO_CUT = [
    rf"\b{CHS}{_SPEND} (?:is |stays |being |kept |remains )?(?:protected|ring ?fenced|off limits|untouchable|left untouched)\b",
    # "if Print can't go below today", "TV must not fall under current levels"
    rf"\b{CHS}{_SPEND} (?:can not|cannot|must not|should not|may not|shall not|will not|is not to|not to) (?:go|fall|drop|be cut|dip|sink|get cut)"
    rf" (?:below|under|lower than|beneath) {_TODAY_LEVEL}",
    rf"\b(?:do not|never|not|without) {_CUT_V}(?: any of)? {CHS}",
    rf"\bprotect(?:ing|ed)? {CHS}",
    rf"\bno (?:cuts?|reductions?) (?:to|for|on|in) {CHS}",
    # "don't let Social spend decrease": a floor at today's spend (a floor with an amount is read by _MIN_AMT first)
    rf"\b(?:do not|never) (?:let|allow) {CHS}{_SPEND} (?:to )?(?:decrease|fall|drop|go down|shrink|decline|be cut|get cut)\b"
    r"(?! (?:below|under|beneath|lower than|less than|by)\b)",
]
_CH_NO_RAISE = [
    rf"\b{CHS}{_SPEND} (?:can not|cannot|must not|should not|may not|shall not|will not|is not to|not to) (?:go|rise|grow|be raised|climb|get raised)"
    rf" (?:above|over|higher than|beyond) {_TODAY_LEVEL}",
    rf"\b(?:do not|never|not|without) (?:increase|increasing|raise|raising|boost|boosting|grow|growing|add to|adding to) {CHS}",
    rf"\bno (?:more money|increases?|extra money|extra spend|additional spend|more spend) (?:to|for|on|in|into) {CHS}",
    # "with Print capped at its current level", "TV held at today's spend at most"
    rf"\b{CHS}{_SPEND} (?:is |being |to be |should be |must be |gets |kept )?(?:capped|limited) (?:at|to) {_TODAY_LEVEL}",
]
# "Same, but without any Print" (inside a plan): that channel at nothing
_WITHOUT_CH = [rf"\b(?:without|excluding|minus|dropping|with no|no more) (?:any )?(?:the )?{CHS}(?! (?:spend|budget|money) (?:at|to))"]
_ALL_NO_CUT = [
    r"\b(?:do not|never|not|without) (?:cut|cutting|reduce|reducing|lower|lowering)(?: the budget of)? (?:any|a single|any single) channels?",
    r"\bno cuts\b",
]

# A plan's limits said against today's spend, not an amount (router_blind19's families): "keep TV at least where it is",
# "Radio no lower than today", "Digital floored at current spend" (a floor at today's level); "TV we cannot reduce more
# than 10 percent" (the channel first, then what we may do to it); "min 500k tv" (terse, the channel last)
_AT_TODAY = (r"(?:where (?:it|they) (?:is|are)(?: now| today)?|(?:at )?(?:its |their )?(?:current|present|existing|today s|todays)"
             r"(?: levels?| spend| spending| budget)?|(?:at )?today(?: s)?(?: levels?| spend| spending)?|what (?:it|they) (?:is|are) now|now)")
_CH_TODAY_FLOOR = [
    rf"\b(?:keep|keeping|hold|holding|maintain|maintaining) {CHS}{_SPEND} (?:at least|no lower than|not below|no less than|at or above)"
    rf" {_AT_TODAY}\b",
    rf"\b{CHS}{_SPEND} (?:(?:should|must|has to|needs to|will|to) )?(?:be |stay |stays |remain |remains |is |are |gets )?(?:kept )?"
    rf"(?:at least|no lower than|not lower than"
    rf"|not below|no less than|not less than|not under|at or above|floored at|floored to|with a floor at|with a floor of) {_AT_TODAY}\b",
    # "Print should not be lower than its current spend"
    rf"\b{CHS}{_SPEND} (?:can not|cannot|must not|should not|may not|shall not|will not|is not to|not to|does not|do not)"
    rf" (?:be|go|fall|drop|dip|sink|end up) (?:lower than|below|under|less than|beneath) {_AT_TODAY}\b",
]
_WE_MAY_NOT = r"(?:we|you|i) (?:can not|cannot|must not|should not|do not want to|will not|may not|shall not|can only|may only|should only|can at most|may at most)"
_CH_WE_CUT_PCT = [rf"\b{CHS}{_SPEND},? {_WE_MAY_NOT} {_CUT_V} (?:it |them )?{_ATMOST}?(?P<x>PCT)"]
_CH_WE_RAISE_PCT = [rf"\b{CHS}{_SPEND},? {_WE_MAY_NOT} {_UP_V} (?:it |them )?{_ATMOST}?(?P<x>PCT)"]
# (the terse bound opens its clause: after the start, a comma, the plan's money or a terse bound already read; "Radio min
# 200k" keeps the channel before the bound, read by _MIN_AMT)
_TERSE_LEAD = r"(?:^|(?<=[,;:] )|(?<=AMT )|(?<=USED )|(?<=and )|(?<=with )|(?<=plus ))"
_TERSE_MIN_AMT = [rf"{_TERSE_LEAD}(?:min|minimum|floor) (?:of )?(?P<x>AMT) (?:on |for |in |to )?{CHS}"]
_TERSE_MAX_AMT = [rf"{_TERSE_LEAD}(?:max|maximum|cap) (?:of )?(?P<x>AMT) (?:on |for |in |to )?{CHS}"]
# "Also radio please keep same", "digital too, keep it same": the channel held where it is, said without "the"
# "and for Print I want no more than 300 thousand", "for Digital, not more than 250k please": a channel's bound said after
# the channel it is for
_FOR_CH = rf"\bfor (?:the |our )?{CHS}{_SPEND}(?: ,)? (?:(?:i|we) (?:want|would like|d like|need|can do|can go|accept|allow|prefer) |please |it s |it is )?"
_FOR_CH_MAX = [_FOR_CH + r"(?:no more than|not more than|at most|a maximum of|max|maximum|up to|not above|not over) (?P<x>AMT)"]
_FOR_CH_MIN = [_FOR_CH + r"(?:no less than|not less than|at least|a minimum of|min|minimum|not below|not under) (?P<x>AMT)"]
# "Social is contractually fixed", "TV is fixed by contract", "Radio is locked in by contract": held where it is
_BY_CONTRACT = [rf"\b{CHS}{_SPEND} (?:is |are )?(?:contractually|legally) (?:fixed|locked|committed|set|bound|frozen)\b",
                rf"\b{CHS}{_SPEND} (?:is |are )?(?:fixed|locked|locked in|set|bound|committed|frozen) (?:by|under|per|in) "
                r"(?:a |the |our )?(?:contract|contracts|agreement|deal)\b",
                rf"\b{CHS}{_SPEND} (?:is |are )?under contract\b"]
_KEEP_SAME = [rf"\b{CHS}{_SPEND},? (?:too |as well |also )?,? ?(?:please |pls |plz )?(?:keep|hold|leave|maintain|stays?|remains?)"
              r"(?: it| them)?(?: the)? same\b",
              rf"\b(?:keep|hold|leave|maintain) {CHS}{_SPEND} (?:the )?same\b"]
# "we're committed to $3M of TV, treat that as fixed", "we've already signed $1.2M for Radio, that's locked": money
# already bound to a channel is that channel held at it (the plan is over the rest), not the plan's budget
_COMMITTED_AMT = [rf"\b(?:committed|commited|contracted|signed|booked|locked in|locked|pre ?booked|promised)(?: up)? (?:to |for )?"
                  rf"(?P<x>AMT) (?:of|for|on|to|in|into) (?:the |our )?{CHS}"
                  r"(?=.*\b(?:fixed|locked|committed|commited|contracted|signed|booked|non negotiable|set in stone|cannot change"
                  r"|can not change|firm)\b)",
                  # "we have a $2M contract for Radio already, it's locked"
                  rf"\b(?:an? |the |our )?(?P<x>AMT) (?:contract|commitment|deal|booking|upfront|upfront deal|agreement) (?:for|on|with|in)"
                  rf" (?:the |our )?{CHS}"
                  r"(?=.*\b(?:fixed|locked|committed|contracted|signed|booked|non negotiable|set in stone|cannot change"
                  r"|can not change|firm|already)\b)"]
# "no print" alone (a plan's follow-up, or a clause of a plan): that channel at nothing
_NO_CH = [rf"(?:^|[,;:] |\b(?:and|but|also|plus|then|with|so) )no (?:more )?{CHS}(?= *(?:$|[,;.!?]|please\b|pls\b|at all\b|this time\b"
          r"|anymore\b|any more\b|and\b))"]

_FIXED_AMT_RES = [re.compile(p) for p in _FIXED_AMT]
# "and Social not exceeding +50%": a cap on the change only when its size is signed ("TV must not exceed 25%"
# may be a share of the budget, read elsewhere)
_CH_MAX_SIGNED_RES = [re.compile(rf"\b{CHS}{_SPEND} (?:(?:should|must|can|may|will|does|do|is) )?(?:not |never |cannot |can not )"
                                 r"(?:exceeding|exceed|exceeds|going over|go over|going above|go above|top|topping|pass|passing)"
                                 r" (?P<x>PCT)")]
# "rebalance the mix, Social can't go above 30%", "Digital should be capped at 40%", "with TV not more than 15%": in a
# plan, a channel's unsigned cap is read as at most that much above today's spend (the plan's bounds are changes from
# today; the answer's reading line says so); "… 40% of the budget" is a share, read in router.core
_CAP = (r"(?:exceed|exceeding|go above|go over|rise above|be above|be over|be more than|top|pass|grow beyond|go beyond|"
        r"increase beyond|rise beyond)")
_CH_CAP_PCT_RES = [re.compile(p) for p in (
    rf"\b{CHS}{_SPEND} (?:(?:should|must|can|may|will|does|do|is|shall) )?(?:not |never |cannot |can not ){_CAP} (?:by )?"
    r"(?P<x>PCT)(?! (?:of|more|above|over|higher)\b)",
    rf"\b{CHS}{_SPEND} (?:should be |must be |is |to be |being |will be |gets )?(?:capped|limited) (?:at|to) (?P<x>PCT)"
    r"(?! (?:of|more|above|over|higher)\b)",
    rf"\b(?:with|and|but|,) {CHS}{_SPEND} (?:not more than|no more than|at most|max|maximum|capped at|up to) (?P<x>PCT)"
    r"(?! (?:of|more|above|over|higher)\b)")]
_CH_MAX_ROOM_RES = [re.compile(p) for p in _CH_MAX_ROOM]
_NO_CH_RES = [re.compile(p) for p in _NO_CH]
_COMMITTED_RES = [re.compile(p) for p in _COMMITTED_AMT]
_CH_MIN_ROOM_RES = [re.compile(p) for p in _CH_MIN_ROOM]
_WITHOUT_CH_RES = [re.compile(p) for p in _WITHOUT_CH]
# "split $2M with $500k more on TV": inside a plan, money on top of the channel's own spend is a floor there
_MORE_AMT_RES = [re.compile(rf"\b(?P<x>AMT) (?:more|extra|additional|on top) (?:of it |than today |than now )?(?:in|on|into|to|for) "
                            rf"(?:the |our )?{CHS}"),
                 re.compile(rf"\b(?:give|giving|with|plus|and) (?:the |our )?{CHS} (?:an? )?(?P<x>AMT) (?:more|extra|on top)\b"),
                 # "Social gets at least $300k extra"
                 re.compile(rf"{CHS} (?:gets|get|getting|receives|receiving|takes) (?:at least |a minimum of )?(?:an? )?"
                            rf"(?P<x>AMT) (?:more|extra|on top|additional)\b"),
                 re.compile(rf"\b(?:give|giving|with|plus|and) (?:the |our )?{CHS} (?:another|an extra|extra|additional|a further)"
                            r" (?P<x>AMT)\b")]


def _rules() -> list[tuple[list[re.Pattern[str]], Callable[..., Any]]]:
    c = [re.compile(p) for p in _FIXED]
    return [
        ([re.compile(p) for p in _ALL_BOTH_PCT], lambda ch, x: [Constraint(None, "min", percentage=-abs(x)), Constraint(None, "max", percentage=abs(x))]),
        ([re.compile(p) for p in _ALL_MAX_PCT], lambda ch, x: [Constraint(None, "max", percentage=abs(x))]),
        ([re.compile(p) for p in _ALL_MIN_PCT], lambda ch, x: [Constraint(None, "min", percentage=-abs(x))]),
        ([re.compile(p) for p in _ALL_MIN_AMT], lambda ch, x: [Constraint(None, "min", amount=abs(x))]),
        ([re.compile(p) for p in _ALL_MAX_AMT], lambda ch, x: [Constraint(None, "max", amount=abs(x))]),
        ([re.compile(p) for p in _ALL_SHARE_FLOOR],
         lambda ch, x: [Constraint(None, "min", percentage=-(100.0 - abs(x)))] if 0 < abs(x) <= 100 else []),
        ([re.compile(p) for p in _CH_WE_CUT_PCT], lambda ch, x: [Constraint(ch, "min", percentage=-abs(x))]),
        ([re.compile(p) for p in _CH_WE_RAISE_PCT], lambda ch, x: [Constraint(ch, "max", percentage=abs(x))]),
        ([re.compile(p) for p in _CH_MIN_PCT], lambda ch, x: [Constraint(ch, "min", percentage=-abs(x))]),
        ([re.compile(p) for p in _CH_MAX_PCT], lambda ch, x: [Constraint(ch, "max", percentage=abs(x))]),
        (_CH_MAX_ROOM_RES, lambda ch, x: [Constraint(ch, "max", percentage=abs(x))]),
        (_CH_MAX_SIGNED_RES, lambda ch, x: [Constraint(ch, "max", percentage=abs(x))]),
        (_CH_CAP_PCT_RES, lambda ch, x: [Constraint(ch, "max", percentage=abs(x))]),
        (_CH_MIN_ROOM_RES, lambda ch, x: [Constraint(ch, "min", percentage=-abs(x))]),
        ([re.compile(p) for p in _TERSE_MIN_AMT], lambda ch, x: [Constraint(ch, "min", amount=abs(x))]),
        ([re.compile(p) for p in _TERSE_MAX_AMT], lambda ch, x: [Constraint(ch, "max", amount=abs(x))]),
        ([re.compile(p) for p in _NOT_WANT_MIN], lambda ch, x: [Constraint(ch, "min", amount=abs(x))]),
        ([re.compile(p) for p in _NOT_WANT_MAX], lambda ch, x: [Constraint(ch, "max", amount=abs(x))]),
        ([re.compile(p) for p in _MIN_AMT], lambda ch, x: [Constraint(ch, "min", amount=abs(x))]),
        ([re.compile(p) for p in _MAX_AMT], lambda ch, x: [Constraint(ch, "max", amount=abs(x))]),
        (_COMMITTED_RES, lambda ch, x: [Constraint(ch, "fixed", amount=abs(x))]),
        (_FIXED_AMT_RES, lambda ch, x: [Constraint(ch, "fixed", amount=abs(x))]),
        (_MORE_AMT_RES, lambda ch, x: [Constraint(ch, "min", amount=abs(x), over_today=True)]),
        (c, lambda ch, x: [Constraint(ch, "fixed")]),
        ([re.compile(p) for p in _KEEP_SAME], lambda ch, x: [Constraint(ch, "fixed")]),
        ([re.compile(p) for p in _BY_CONTRACT], lambda ch, x: [Constraint(ch, "fixed")]),
        ([re.compile(p) for p in _FOR_CH_MAX], lambda ch, x: [Constraint(ch, "max", amount=abs(x))]),
        ([re.compile(p) for p in _FOR_CH_MIN], lambda ch, x: [Constraint(ch, "min", amount=abs(x))]),
        ([re.compile(p) for p in _CH_TODAY_FLOOR], lambda ch, x: [Constraint(ch, "min", percentage=0.0)]),
        ([re.compile(p) for p in _CH_NO_CUT], lambda ch, x: [Constraint(ch, "min", percentage=0.0)]),
        ([re.compile(p) for p in _CH_NO_RAISE], lambda ch, x: [Constraint(ch, "max", percentage=0.0)]),
        ([re.compile(p) for p in _ALL_NO_CUT], lambda ch, x: [Constraint(None, "min", percentage=0.0)]),
        (_WITHOUT_CH_RES, lambda ch, x: [Constraint(ch, "fixed", amount=0.0)]),
        (_NO_CH_RES, lambda ch, x: [Constraint(ch, "max", amount=0.0)]),
    ]


_RULES = _rules()


# "optimise with TV between $1M and $1.5M", "keep Radio within $200k-$300k": a floor and a cap at once
# ("with TV anywhere between $1M and $2M", "TV should end up between $1M and $1.5M" too)
_BETWEEN_AMT = re.compile(rf"\b{CHS}{_SPEND} (?:(?:should|must|has to|to|can) )?(?:be |stay |remain |go |end up |ending up |ends up )?"
                          r"(?:anywhere |somewhere )?(?:between|within|from) "
                          r"(?P<x>AMT) (?:and|to|-) (?P<y>AMT)")


_RATE_AFTER = {"week": "week", "weekly": "week", "wk": "week", "month": "month", "monthly": "month", "mo": "month",
               "year": "year", "yearly": "year", "annually": "year", "annual": "year"}


def _rate_after(lx: Lexed, m: re.Match[str]) -> Per | None:
    """ "at least $150k a month": the period an amount in a limit is stated per (read, not marked)."""
    i = lx.index_at(m.start("x")) + 1
    words = [t.text for t in lx.toks[i:i + 2]]
    if words[:1] and words[0] in ("a", "an", "per", "each", "every", "/") and words[1:2] and words[1] in _RATE_AFTER:
        return _RATE_AFTER[words[1]]  # type: ignore[return-value]
    return _RATE_AFTER.get(words[0]) if words and words[0] in ("weekly", "monthly", "yearly", "annually") else None  # type: ignore[return-value]


def _between(lx: Lexed) -> list[tuple[int, Constraint]]:
    found: list[tuple[int, Constraint]] = []
    while (m := _BETWEEN_AMT.search(lx.surface)) is not None:
        at = lx.index_at(m.start())
        lo, hi = sorted(abs(float(lx.group_tok(m, g).num)) for g in ("x", "y"))
        for t in lx.group_toks(m, "ch"):
            if t.kind == "ch":
                found += [(at, Constraint(str(t.value), "min", amount=lo)), (at, Constraint(str(t.value), "max", amount=hi))]
        lx.use(m)
    return found


# options labelled for a comparison: "option a …; option b …", "scenario 1 … scenario 2"
_OPTIONS = re.compile(r"\b(?:option|options|scenario|scenarios) (?:a|b|c|one|two|NUM)\b")
# a bound names a channel, every channel ("no line", "nothing moves") or a cut; without one of these there is none
_MAY_BOUND = re.compile(r"CH|channel|cut|\bline|\bnothing\b")


def extract_constraints(lx: Lexed, plan: bool = True) -> list[tuple[int, Constraint]]:
    """(token position, Constraint) pairs in the order found; matched tokens are marked used.

    Without a plan word (`plan` False), "keep TV at $1M" is left to the what-if readers: a level to test,
    not a bound on a plan."""
    found: list[tuple[int, Constraint]] = []
    if not _MAY_BOUND.search(lx.surface):
        return found
    if plan:
        found += _between(lx)
    options = bool(_OPTIONS.search(lx.surface))
    for patterns, build in _RULES:
        if options and patterns is _MORE_AMT_RES:
            continue   # "option (a): $250k more for TV; option (b): …": each option's own money, not a floor on a plan
        if not plan and patterns in (_FIXED_AMT_RES, _MORE_AMT_RES, _WITHOUT_CH_RES, _CH_MAX_ROOM_RES, _CH_MIN_ROOM_RES,
                                     _CH_CAP_PCT_RES, _NO_CH_RES, _COMMITTED_RES):
            continue
        for pat in patterns:
            pos = 0
            while (m := pat.search(lx.surface, pos)) is not None:
                at = lx.index_at(m.start())
                if "USED" in m.group(0) or (patterns is _CH_MAX_SIGNED_RES and not lx.group_tok(m, "x").signed):
                    pos = m.start() + 1
                    continue
                x = lx.group_tok(m, "x").value if "x" in pat.groupindex else None
                per = _rate_after(lx, m) if "x" in pat.groupindex and lx.group_tok(m, "x").kind == "amt" else None
                built: list[Constraint] = []
                if "ch" in pat.groupindex:
                    for t in lx.group_toks(m, "ch"):
                        if t.kind == "ch":
                            built += build(t.value, x)
                else:
                    built += build(None, x)
                found += [(at, replace(c, per=per) if per and c.amount is not None else c) for c in built]
                lx.use(m)
                pos = lx.starts[at] + 1
    found.sort(key=lambda pc: pc[0])
    return found


def constraint_patterns() -> list[str]:
    """Pattern sources, so their words become typo-correction targets."""
    return [pat.pattern for patterns, _ in _RULES for pat in patterns] + [_BETWEEN_AMT.pattern]


# "every channel bounded between 50% and 150% of its current level", "TV kept between 80% and 120% of today's spend":
# a band said as shares of today's spend is a floor and a cap on the change (-50% and +50%)
_OF_TODAY = r"of (?:its |their |the |each channel s |today s |todays )?(?:current|today|today s|todays|present|existing|spend|spending)\b"
_BAND_OF_TODAY = re.compile(rf"\b(?:{_ALLS}|{CHS}){_SPEND} (?:\w+ ){{0,3}}?(?:between|from|within) (?P<x>PCT) (?:and|to|-) (?P<y>PCT) "
                            rf"{_OF_TODAY}")


def band_of_today(lx: Lexed) -> list[Constraint]:
    """The band's floor and cap as changes from today, for every channel or the ones named; its words used up."""
    m = _BAND_OF_TODAY.search(lx.surface)
    if m is None or "USED" in m.group(0):
        return []
    lo, hi = sorted(abs(float(lx.group_tok(m, g).num)) for g in ("x", "y"))
    if not lo < 100.0 < hi:
        return []   # "between 10% and 20% of the budget" is no band around today's spend
    named: list[str | None] = [str(t.value) for t in lx.group_toks(m, "ch") if t.kind == "ch"] if m.group("ch") else []
    lx.use(m)
    return [c for ch in (named or [None]) for c in (Constraint(ch, "min", percentage=round(lo - 100.0, 6)),
                                                     Constraint(ch, "max", percentage=round(hi - 100.0, 6)))]


# "no channel taking more than 40% of it", "no single channel gets more than a quarter of the budget": a cap on every
# channel at that share of the plan's money
_EVERY_SHARE = re.compile(r"\b(?:no channel|no single channel|no one channel|none of the channels|not any channel|no line|no medium"
                          r"|every channel|each channel|any channel|any single channel) (?:\w+ ){0,2}?(?:taking|takes|take|getting|gets|get"
                          r"|receiving|receives|receive|having|has|have|with|should get|should take|can get|can take|may get|may take|is)? ?"
                          r"(?:more than|over|above|beyond|in excess of|at most|no more than|a maximum of|max|maximum|up to) "
                          r"(?P<x>PCT) of (?:it|that|this|the budget|the total|the money|the plan|total|budget|the spend|spend|the pot)\b")


def every_channel_share(lx: Lexed, budget_amount: float | None) -> list[Constraint]:
    """Every channel capped at a share of the plan's money: dollars when the money is known (said in the question, or
    the last plan's), else the share itself, which the assistant turns into money once it knows the budget."""
    m = _EVERY_SHARE.search(lx.surface)
    if m is None or "USED" in m.group(0):
        return []
    share = abs(float(lx.group_tok(m, "x").num)) / 100.0
    if not 0.0 < share < 1.0:
        return []
    lx.use(m)
    if budget_amount is None:
        return [Constraint(None, "max", share=share)]
    return [Constraint(None, "max", amount=round(share * abs(budget_amount), 2))]
