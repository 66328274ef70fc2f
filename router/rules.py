"""Weighted keyword and pattern scores per intent over the placeholder surface string.

Each intent collects weights from the phrases it owns; structural features
(a signed change on a channel, a goal, a constraint) add their own weight.
Confidence comes from the margin between the best and second-best intent.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from router.types import Intent

I = Intent
W = r"(?:\w+ ){0,3}"   # up to three filler words

_TABLE: dict[Intent, list[tuple[str, float]]] = {
    I.ROI: [
        # "what has TV returned over the past two years?", "what did Digital return in 2023?": its return, not a trend
        (r"\bwhat (?:has|have|did|does|do) (?:the |our )?CH (?:\w+ )?return(?:ed)?\b", 6),
        # "which channels have the highest ROAS once you account for adstock?", "which channel is giving maximum return
        # on the money we spend?": a ranking by return, whatever the qualifier after it
        (r"\b(?:highest|best|top|lowest|worst|strongest|weakest) (?:roas|roi|return on (?:ad )?(?:spend|investment))\b"
         r"|\b(?:giving|gives|give|delivering|delivers|earning|earns|bringing|brings|generating|generates) (?:us )?(?:the )?"
         r"(?:maximum|max|most|highest|best|biggest) return\b", 7),
        # "what's the estimated ROI of TV with its 90% interval?": the ROI, said with its interval
        (r"\b(?:roi|roas|return) (?:of|for|on) (?:the |our )?CH (?:with|and|including|plus) (?:its|the|their|a) (?:\w+ ){0,2}"
         r"(?:interval|range|uncertainty|error bars?|confidence)\b", 7),
        # "what's the return on each channel, with a range?": every channel's return, with its interval (was read as
        # model quality on "range"; "the return on each channel?" alone was unsure)
        (r"\b(?:roi|rois|roas|returns?) (?:of|for|on|from|by) (?:each|every|all|all the|all our|our|the) (?:channels?|media)\b", 2.5),
        (r"\b(?:roi|rois|roas|returns?)\b[^?]{0,60}?\bwith (?:a |the |their |its )?(?:\w+ )?(?:ranges?|intervals?|uncertainty|"
         r"error bars?|confidence (?:bands?|intervals?|ranges?))\b", 4),
        # "which channel has returned the most?": the return, not the period
        (r"\bwhich (?:channel|media|medium|one) (?:has |have |had )?(?:returned|earned|paid back|delivered the best return|"
         r"given the best return|performed best per dollar) (?:the )?(?:most|best)?\b", 4),
        # "how much revenue does $1 of Print generate?", "what does each dollar on TV bring back?": the return per dollar
        (r"\b(?:does|do|did|would|will) (?:a |one |each |every |the average |an average )?(?:dollar|AMT) (?:of|in|on|spent on|put into) "
         r"(?:the |our )?CH (?:\w+ ){0,2}?(?:generate|return|bring|make|earn|produce|yield|drive|deliver)\b", 6),
        # "which channels can you measure?", "what channels are measurable?": the return answer says, channel by
        # channel, which the data can measure and which it cannot
        (r"\b(?:which|what) (?:channels?|media|ones?)\b (?:\w+ ){0,4}?(?:measur\w*|estimat\w*|tell apart|separat\w*)\b", 4.5),
        (r"\broi\b", 3.5), (r"\broas\b", 3.5), (r"\breturn on (?:investment|ad spend|spend)", 3.5),
        (r"\breturns?\b|\breturning\b", 1.5), (r"\bper (?:dollar|euro|pound|buck)\b", 3), (r"\bfor (?:every|each) (?:dollar|euro|pound|buck)\b", 3),
        (r"\b(?:per|for every|for each|on every|on each) AMT\b", 4.5),
        (r"\bmost (?:incremental |extra |additional )?(?:sales|revenue|return|returns) (?:per|for (?:each|every|the|our)) (?:dollar|euro|pound|buck|AMT)\b", 7),   # "incremental revenue per $1 of Social"
        (r"\bbang for (?:the |our |my )?bucks?\b", 4),
        # idioms: "the star performer", "good money after bad", "a cash cow", "the ROI leaderboard"
        (r"\bstar (?:performer|channel|player)\b|\bgood money after bad\b|\bcash cow\b|\bleaderboard\b|\bpecking order\b"
         r"|\bvalue for (?:money|the money)\b|\bworth (?:the|its|their) (?:money|cost|price|salt)\b"
         r"|\bbleed\w* (?:money|cash)\b|\bmoney ?makers?\b|\bin the (?:red|black)\b|\bdead weight\b|\bpay\w* (?:its|their) way\b"
         r"|\bgolden goose\b|\bhold\w* (?:its|their) own\b|\bcarr\w* (?:its|their) weight\b", 4),
        (r"\b(?:top|best|worst|strongest|weakest|highest|lowest)[ -]?perform\w*|\bperform\w* (?:best|worst)\b|\bworking (?:hardest|best|harder)\b"
         r"|\bworks? (?:hardest|best)\b|\bbest results?\b", 3.5),
        # "the most effective channel", "each dollar in Radio" ask about returns; with a budget to split or a split verb
        # ("the most effective way to split $2M", "spend each dollar of the $2M") they ask for a plan
        (r"^(?![^?]*(?:\bAMT\b|\b(?:split|allocat|divid|distribut|spread|carv)\w*))[^?]*?(?:\bmost effective\b|\b(?:each|every) (?:dollar|euro|pound)\b)", 3.5),
        (r"\bhow (?:is|are) (?:the |our )?CH (?:\w+ )?(?:performing|doing|working|delivering)\b", 3.5),
        (r"\bkeep (?:it |them |CH )?or (?:kill|cut|drop|stop|scrap|ditch|axe|pause|lose)\b|\bworth keeping\b", 6),
        (r"\bearn\w* (?:its|their) (?:keep|place|spot|money)\b|\bpay\w* for (?:itself|themselves)\b|\bpull\w* (?:its|their) weight\b", 4),
        (r"\bwhich (?:channel|media|medium|one)s? (?:is|are|was|were) (?:the )?(?:best|worst|top|strongest|weakest|most efficient)\b", 3), (r"\bburn\w* (?:money|cash|budget|through)\b|\bmoney pits?\b", 3), (r"\bpayback\b|\bpay ?back\b|\bpays back\b", 3),
        # "is actually paying back the money we put in", "which one paid us back"
        (r"\b(?:paying|paid) (?:us |itself |themselves )?back\b", 3.5),
        (r"\b(?:pay|pays|paying|paid) (?:for )?(?:itself|themselves|off)\b", 2.5),
        (r"\befficien\w*", 2.5), (r"\bcost per\b", 3.5), (r"\bcpa\b|\bcac\b|\bcpm\b", 2.5),
        # "which channel brings the cheapest sign-ups?": the lowest cost per unit of a count KPI
        (r"\b(?:cheapest|least expensive|lowest[- ]cost) (?:\w+ ){0,2}(?:sign ?ups?|signups?|conversions?|leads?|installs?|"
         r"customers?|orders?|cases?|units?|acquisitions?|registrations?|bookings?|subscribers?)\b", 4),
        # "which channel acquires customers most cheaply?", "gets us orders at the lowest cost": cost per unit again
        (r"\b(?:acquir\w*|get\w*|win\w*|bring\w*|driv\w*) (?:us )?(?:\w+ )?(?:customers?|orders?|sign ?ups?|leads?|"
         r"conversions?|sales) (?:the |most |more )?(?:cheap\w*|at the lowest cost|for the least)\b", 4),
        (r"\bprofitab\w*", 3), (r"\bbreak ?even\b|\bbreaks even\b", 3.5), (r"\bworth (?:it|the money|the spend|the cost|its cost)\b", 3),
        (r"\bvalue for money\b", 3), (r"\bbest performing\b|\bperforms? best\b|\bworks? best\b|\bbest channel\b|\bworst channel\b|\btop channel\b|\bworst performing\b|\bunderperform\w*|\boutperform\w*", 2.5),
        (r"\b(?:highest|lowest|best|worst)\b", 0.7),
        (r"\b(?:weakest|strongest|least efficient|most efficient|least effective|most effective)(?: performing)? (?:channel|channels|media|medium|one|ones)\b", 3.5), (r"\b(?:vs|versus|compare\w*|compared|better than|worse than|against)\b", 1.0),
        (r"\beffective\w*", 2), (r"\bperform\w*", 0.6), (r"\breturn per\b", 2), (r"\byield\w*", 1.5),
        (r"\bmake (?:us )?money\b|\bmoney makers?\b|\bmaking money\b", 2), (r"\brank\w*", 1.5),
        (r"\bwasting (?:money|budget)\b|\bwasted\b|\bwaste\b", 1.5), (r"\bget back\b|\bget for\b|\bgetting for\b|\bget out of\b", 1.5),
        (r"\bpulling (?:its|their) weight\b|\bearn\w*", 1.5), (r"\bdollar (?:in|spent)\b", 1.5),
        (r"\bmoney (?:goes|go) furthest\b|\bfurthest\b", 2), (r"\bmoney back\b|\b(?:gives?|giving|brings?|bringing) (?:\w+ ){0,2}back\b", 3), (r"\bprofit\b", 1.5),
        (r"\bwhich (?:channel|one|media) (?:is|are|was|works|does) (?:better|best|most|strongest)\b", 1.5),
        # ROI asked with its uncertainty: "ROAS with the uncertainty band", "is TV's ROI higher, or do the intervals overlap?"
        # ("how wide is the interval on Radio's ROI?" asks how precise the model is)
        (r"\b(?:roi|rois|roas|return on (?:investment|ad spend))\b[^?]{0,80}?\b(?:uncertainty|credible|confidence|error) (?:bands?|intervals?|ranges?|bars?)\b", 4),
    ],
    I.SATURATION: [
        # "which channel would be the first to stop paying back if we kept increasing spend?": where returns give out
        (r"\b(?:first|next) to (?:stop|cease) (?:paying (?:back|off|out)|working|earning|returning)\b"
         r"|\bstops? paying (?:back|off) (?:if|as|when|once) (?:we )?(?:\w+ ){0,2}(?:increas\w*|rais\w*|add\w*|spend\w*|grow\w*|push\w*)\b", 6),
        (r"\bsaturat\w*", 4.5), (r"\bsaturation (?:point|points|parameter|parameters|level)\b|\bhill (?:curve|function|parameters?)\b", 6), (r"\bdiminishing\b", 4.5), (r"\bresponse curves?\b", 4.5), (r"\bcurves?\b", 2),
        (r"\bheadroom\b", 4.5), (r"\broom (?:to|for) (?:grow|growth|scale|more|spend)", 3.5),
        (r"\b(?:room|space|scope|capacity)\b (?:\w+ ){0,2}(?:grow|growth|scale|expand|more spend|more money)\b", 4), (r"\bmore room\b", 3),
        (r"\boverspend\w*|\bover spend\w*|\boverinvest\w*|\bover invest\w*|\boverfund\w*|\bover fund\w*", 4.5),
        (r"\btoo much (?:on|in|money|budget|spend)\b|\bspending too much\b|\bspend too much\b", 3.5),
        (r"\bhow much (?:CH )?(?:\w+ )?is too much\b|\btoo much CH\b|\babsorb\w*", 4),
        (r"\bunderspend\w*|\bunder spend\w*|\bunderinvest\w*|\bunder invest\w*|\btoo little\b", 3.5),
        (r"\b(?:out of|running out of|run out of|ran out of) (?:steam|gas|road|juice)\b|\brun(?:ning)? dry\b|\blow ?hanging fruit\b"
         r"|\b(?:juice|room to run|gas) left\b|\bsqueeze (?:more|out)\b|\bany (?:more )?juice\b|\bgas in the tank\b"
         r"|\bhit (?:a|the) wall\b|\bupside left\b"
         r"|\b(?:near|close to|at|reaching|hitting|hit) (?:the |its |our |a )?(?:limit|cap|ceiling|max|maximum)\b", 4.5),
        # "should we push TV harder?" asks about headroom; "what if we push TV harder?" imagines a change (of a size to ask)
        (r"^(?![^?]*\b(?:what if|suppose|imagine|what happens if|what would happen if)\b)[^?]*?\bpush (?:CH |it |them )?(?:harder|further)\b", 4.5),
        (r"\bmaxed out\b|\bmax out\b|\bplateau\w*|\bceiling\b|\bhit the wall\b|\bflatten\w*|\btapped out\b", 3.5),
        (r"\bmarginal\b", 3.5), (r"\bmarginal (?:roi|roas|return|returns)\b", 2), (r"\bnext dollar\b|\bextra dollar\b|\badditional dollar\b|\bincremental dollar\b|\blast dollar\b", 3.5),
        (r"\b(?:next|extra|additional|marginal|incremental) dollar (?:\w+ ){0,3}(?:work|works|do|does|buy|buys|return|returns|earn|earns)\b", 3),
        (r"\b(?:one more|another|each more|one extra|an extra|each extra) (?:dollar|euro|pound|buck|AMT)\b", 4),
        # "what does an extra $10k in Social buy us?": what money on a channel returns; with an amount above a dollar
        # router.core answers that amount's what-if (fifth session), with "$1" the next-dollar return
        (r"\bwhat (?:does|would|will|do|could|can|might) (?:an? |another |one |the )?(?:extra |additional |more |further |incremental |next )?AMT"
         r" (?:\w+ ){0,2}(?:in|on|into|for|to) (?:the |our )?CH (?:\w+ ){0,2}(?:buy|buys|earn|earns|return|returns|yield|yields|bring in|get us|get me|get you)\b", 6),
        # would more still work: "is it worth adding more to Radio?", "can TV take more budget?", "how much more can we push Social?"
        (r"\bsensitiv\w* of (?:sales|revenue) to (?:CH|spend|media)\b|\b(?:CH|sales) sensitivity\b", 4),
        # "the incremental ROI of the last $100k we put into Print": what the last money did
        (r"\b(?:the )?(?:last|final) AMT (?:\w+ ){0,3}(?:in|into|on|to) (?:the |our )?CH\b", 6),
        # "the most we could pull out of TV before sales suffer": how far a cut can go, read off the curve
        (r"\b(?:the most|how much|how far|how deep) (?:\w+ ){0,3}(?:pull|cut|take|remove|trim|reduce|drop)\w* (?:\w+ ){0,3}(?:before|until|without)\b", 6),
        # "should we be spending more on Digital or less?", "the uplift per $1k of extra Radio spend": the next money
        (r"\b(?:spend|spending|invest|investing|put|putting) (?:more|less) (?:on|in|into) (?:the |our )?CH (?:or|vs|versus) (?:less|more)\b"
         r"|\b(?:more|less) or (?:more|less) (?:on|in|into) (?:the |our )?CH\b"
         r"|\b(?:per|for each|for every|each) (?:AMT|dollar|extra dollar) (?:of )?(?:extra|additional|more|incremental|further)\b", 6),
        (r"\bworth (?:adding|putting|spending|investing|pushing) (?:more|extra|further)\b"
         r"|\bworth (?:more|extra|additional|further) (?:money|budget|spend|spending|investment|dollars|cash)\b|\b(?:can|could|would|will) CH (?:take|absorb|handle|use|carry) (?:more|extra|additional|a bigger)\b"
         r"|\bat the margin\b|\buntapped\b|\bunused potential\b|\bhow (?:much|far) (?:more |further )?can (?:we|i|you) (?:push|scale|grow|increase|raise|stretch)\b", 5),
        (r"\breturns? (?:\w+ ){0,3}(?:drop\w*|fall\w*|declin\w*|diminish\w*|flatten\w*|taper\w*|shrink\w*)\b", 4),
        # "will it still bring more sales", "would another $10k still pay back", "is it already full",
        # "at which point does the spend stop giving more sales"
        (r"\bstill (?:bring|brings|give|gives|pay|pays|paying|work|works|earn|earns|return|returns|add|adds|generate|generates"
         r"|make|makes|drive|drives|produce|produces|help|helps|sell|sells|move the needle)\b"
         r"|\b(?:already|is it|it is|it s|are they|they are) (?:already )?(?:full|saturated|maxed|at capacity|at (?:its|their) limit)\b"
         r"|\b(?:stop|stops|stopped|stopping|cease|ceases) (?:to )?(?:give|giving|bring|bringing|add|adding|return|returning|work|working"
         r"|generat\w*|driv\w*|produc\w*|pay|paying) (?:any )?(?:more|extra|additional|new)? ?(?:sales|revenue|return|results|conversions)\b", 4.5),
        (r"\b(?:past|beyond|over|above) (?:the |its |our )?(?:optimal|optimum|ideal|best|sweet) (?:spend|point|spot|level)\b", 8),
        # "If we keep adding money to facebook, when it stops to work?", "if we keep increasing Digital, when will it stop
        # working?": where more spend stops paying is the curve's question, not a what-if of one size
        (r"\b(?:keep|keeps|kept|continue|continues|continuing|carry on) (?:\w+ ){0,2}?(?:adding|spending|increasing|raising|pumping|"
         r"pouring|putting|investing|growing|scaling|upping|boosting)\b[^?]{0,60}?\b(?:when|at what point|until|till|how long|"
         r"where|before)\b[^?]{0,30}?\b(?:stop\w*|plateau\w*|saturat\w*|flatten\w*|no longer|not work\w*|max\w* out|"
         r"run\w* out|dry up|dries up)\b", 7),
        # "At what weekly spend does Radio stop paying for itself?", "beyond what spend level does TV stop being
        # profitable?", "how much can we put into Digital before the extra dollars stop paying back?", "the point where
        # more spend no longer pays off": a spend level where returns give out, read off the curve (not the average ROI)
        (r"(?:\b(?:at|beyond|above|past|after|from) (?:what|which)(?: s| is)?(?: the)? (?:\w+ )?(?:spend\w*|budget|investment|level|point|amount)\b"
         r"|\bhow (?:much|far|high)\b[^?]{0,60}\bbefore\b|\bpoint (?:where|at which|when|beyond which|after which)\b)"
         r"[^?]*\b(?:(?:stop\w*|cease\w*|no longer|not) (?:to )?(?:be |being )?(?:pay\w*|profitab\w*|worth\w*|work\w*|help\w*"
         r"|mak\w* (?:sense|money)|earn\w*)|(?:become\w*|turn\w*|go|goes|get|gets) (?:un(?:profitable|economic)|loss ?making"
         r"|a loss|negative))", 8),
        # "are we past the point where more Digital spend pays off?": the same level, asked from the far side
        (r"\b(?:past|beyond|over) (?:the |that )?point (?:where|at which|when|after which)\b[^?]*\b(?:pay\w*|profitab\w*|"
         r"work\w*|help\w*|worth\w*|mak\w* (?:sense|money))", 8),
        # "at what spend level does Digital stop paying back?": where more spend stops paying is the curve's question
        (r"\b(?:at )?(?:what|which)(?: s| is)?(?: the)? (?:weekly |monthly |yearly |annual |daily |total )?(?:spend |spending |budget |investment )?(?:level|point|amount|threshold)\b[^?]*\b(?:stop|stops|cease|ceases|no longer)"
         r" (?:to )?(?:pay|paying|work|working|help|helping|be worth|being worth|make sense|making sense)\b", 5),
        # "until which level of spend is Social still giving good results?", "at what weekly spend does Print's
        # marginal ROAS fall below 1?": the spend where returns give out is read off the curve
        (r"\b(?:at|until|till|up to|to) (?:what|which)(?: s| is)?(?: the)? (?:weekly |monthly |yearly |annual |daily |total )?"
         r"(?:level|point|amount|spend|spending|budget|investment)\b[^?]*?\b(?:still (?:\w+ing|good|worth|profitable|efficient)"
         r"|(?:falls?|drops?|dips?|goes|go|gets?|sinks?) (?:below|under|beneath)|no longer|stops?|ceases?)\b", 6),
        # "can we put more money in Social without losing efficiency?": headroom
        (r"\b(?:more|extra|additional)\b[^?]{0,40}\b(?:without|before|while not) (?:los\w*|lose|hurting|hurt|dropping|killing|sacrificing)"
         r" (?:\w+ ){0,2}(?:efficien\w*|roi|roas|returns?)\b", 5),
        # "we keep adding money to Social and get less and less back": diminishing returns said plainly
        (r"\bless and less\b|\bsmaller and smaller\b|\bfewer and fewer\b|\bweaker and weaker\b", 4.5),
        (r"\bkeeps? (?:on )?(?:adding|spending|putting|pouring|throwing|pumping) (?:more )?(?:money|budget|spend|dollars|cash)\b", 2.5),
        (r"\bcarry ?over\b|\badstock\b|\bdecay\w*|\blag\w*|\bhalf life\b|\blinger\w*|\bwear ?out\b|\bwears off\b|\bwear off\b", 4),
        (r"\bhow long (?:\w+ ){0,5}(?:last|lasts|keep working|keeps working|work|works|stick|sticks|take|takes|effect)", 4),
        (r"\bkeeps? (?:on )?(?:having|showing) (?:an |any |its )?(?:effect|impact)\b", 4.5),
        (r"\bhow many weeks (?:\w+ ){0,8}(?:effect|impact|work|working|last)", 3),
        (r"\b(?:effect|impact) (?:\w+ ){0,4}(?:stay|stays|staying|last|lasts|lasting|linger\w*|remain\w*|persist\w*|continu\w*) (?:\w+ ){0,3}(?:after|once|when)\b", 4.5),
        (r"\bstill (?:working|work|grow|growing|scale|scaling)\b", 2), (r"\bscal(?:e|ing|able)\b", 1.5),
        (r"\b(?:is|any|more|still) upside\b|\bupside\b", 2), (r"\boptimal spend level\b|\bsweet spot\b", 2.5),
        (r"\bmore (?:money|spend|budget) (?:in|into|on) CH (?:help|work|do)\b", 1.5),
        (r"\bpoint of\b \w*\s?\breturn", 2), (r"\bstops? (?:working|paying off|helping)\b", 3),
        (r"\beach (?:extra|additional) dollar\b", 2), (r"\bmore spend\b", 1),
        # marginal ROI by its abbreviation, even when a budget is named: "mROI on Print for the next $10k a week"
        (r"\bmroi\b|\bmroas\b|\bmarginal (?:roi|roas)\b", 6),
        # "after some level they don't give more sales", "stop adding sales past a certain spend"
        (r"\b(?:after|past|beyond|above|over) (?:a |some |certain |a certain |one |that |this )?(?:level|point|threshold|amount|spend level|spend)\b", 3),
        (r"\b(?:do not|does not|no longer|stop|stops|never|not) (?:give|giving|bring|bringing|add|adding|generate|generating|produce|producing|driv\w*) (?:any )?(?:more|extra|additional)\b"
         r"|\b(?:brings?|gives?|adds?) (?:no|zero) (?:more|extra|additional)\b", 2.5),
        # carry-over asked as time: "until when is the effect staying?", "how long does the effect last?"
        (r"\b(?:until|till|up to) (?:when|how long|how many weeks)\b|\bhow (?:long|much longer|much time|many time|many (?:more )?(?:weeks|months|days)) (?:\w+ ){0,5}(?:effect|impact|last|lasts|keep working|keeps working|keep paying|keeps paying|keep selling|keeps selling|linger\w*|stay\w*|persist\w*|continu\w*)\b"
         r"|\b(?:effect|impact) (?:\w+ ){0,6}(?:staying|stays|lasting|lingering|persisting)\b"
         r"|\b(?:effect|impact) (?:\w+ ){0,2}(?:last|lasts|linger|lingers|persist|persists) (?:long|for long|a long time|for a while)\b", 4.5),
    ],
    I.CONTRIBUTION: [
        # "which channel is pulling the most weight?", "is Social actually doing anything for us, or is it just vanity?":
        # what a channel delivers (the earlier sets' convention for "what does X do for us")
        (r"\b(?:pulling|pulls|pull|carrying|carries|carry|doing|does|do) (?:the )?most (?:of the )?(?:weight|heavy lifting|work)\b"
         # "which channel is doing the most for us?", "does the most for sales"
         r"|\b(?:doing|does|did) the most (?:for (?:us|the business|sales|our sales|revenue))\b"
         r"|\b(?:is|are|does|do) (?:CH|it|they) (?:\w+ )?(?:doing|do|adding|add|contributing|contribute|achieving|achieve)"
         r" (?:anything|something|much|any good|a thing)(?: at all)?(?: (?:for us|for the business|for sales|for our sales))?\b"
         r"|\b(?:just|only|pure|merely) (?:a )?vanity\b", 6),
        # "Which channel give the most sales in total?", "what channel brought us the biggest share of revenue?": the
        # channel that delivered the most, not where money should go
        (r"\b(?:which|what) (?:channel|media|medium)s? (?:\w+ ){0,2}?(?:give|gives|gave|given|giving|bring|brings|brought|"
         r"bringing|deliver\w*|generat\w*|produc\w*|creat\w*|make|makes|made) (?:us |for us )?(?:the )?(?:most|biggest|largest|"
         r"highest|top) (?:\w+ ){0,2}?(?:sales|revenue|conversions|orders|business)\b", 6),
        (r"\bdriv(?:e|es|ing|ers?)\b", 3), (r"\bdriven by\b", 3),
        (r"\b(?:role|part) (?:\w+ ){0,3}(?:play|plays|played|playing)\b|\bhow big a (?:role|part)\b", 3), (r"\bdrove\b", 1.2), (r"\bcontribut\w*", 4), (r"\bdecompos\w*", 4),
        (r"\bbreak ?down\b|\bbreaking down\b", 3.5), (r"\bbaseline\b|\bbase sales\b|\bbase\b", 3),
        (r"\bincremental (?:sales|revenue)\b|\bincrementality\b", 3), (r"\bshare of (?:sales|revenue)\b", 4),
        (r"\battribut\w*", 3.5), (r"\bhow (?:much|many) (?:of )?(?:our |the |total )?(?:sales|revenue)\b", 3),
        (r"\b(?:percent|PCT|proportion|portion|fraction) of (?:our |total |the )?(?:sales|revenue)\b", 2.5),
        (r"\b(?:sales|revenue) (?:come|comes|coming|came) from\b|\bcome from\b|\bcomes from\b|\bcame from\b", 3),
        (r"\bcredit\b", 2.5), (r"\bresponsible for\b", 3),
        # a channel's or the sales' share: "how much of Q3's revenue did Digital account for?", "TV accounts for what share?"
        # (not the model's coverage: "does the model account for price changes?")
        (r"^(?![^?]*\bmodel\w*\b (?:\w+ ){0,3}account)[^?]*?(?:\b(?:CH|sales|revenue|channels?|media)\b (?:\w+ ){0,4}account\w* for\b"
         r"|\baccount\w* for (?:\w+ ){0,3}(?:sales|revenue|growth|the (?:rise|drop|lift|increase|decline))\b)", 3.5),
        (r"\bheavy lifting\b|\blion s share\b|\b(?:carrying|carries|carry) (?:our |the )?(?:sales|revenue|business|growth)\b"
         r"|\bbehind (?:our |the )?(?:sales|revenue|numbers|growth|results)\b|\b(?:piece|share|slice|chunk) of the pie\b|\bof the pie\b", 4),
        (r"\b(?:media|marketing|advertising|ads|CH) (?:\w+ ){0,2}(?:add|adds|added) (?:to )?(?:sales|revenue)\b"
         r"|\b(?:sales|revenue) (?:by|per) (?:channel|driver|source|media)\b|\b(?!(?:week|month|quarter|year|season|day|period|half)s?\b)\w+ (?:sold|generated|drove) (?:the )?most\b", 4),
        (r"\bwhich (?:channels?|media|medium) (?:drove|drives|drive|driving|generated|generates|brought in|delivered)\b"
         r"|\b(?:who|which channels?|what) (?:gets?|got|deserves?|takes?|should get) (?:the )?credit\b", 4),
        (r"\b(?:bring|brings|bringing|brought) in\b|\b(?:is|are|was|were) (?:CH )?(?:bringing|generating|producing|delivering) (?:\w+ )?(?:in )?(?:sales|revenue)\b", 3), (r"\bimpact\w*", 1.5), (r"\beffect\b", 1),
        (r"\bdue to\b|\bbecause of\b", 1.5), (r"\borganic\w*", 2.5),
        # "what is the effect of our cinema advertising on sales (in 2023)?": what a channel added, even with a year
        (r"\b(?:effect|impact|influence) of (?:our |the |all )?(?:\w+ ){0,2}(?:advertising|ads|spend|spending|media"
         r"|campaigns?|activity|CH) on (?:our |total |the )?(?:sales|revenue)\b", 3),
        (r"\b(?:without|with no|with zero|no) (?:any )?(?:marketing|advertising|media|ads|publicity|promotion|advertisement|advertisements)\b", 3), (r"\bbiggest (?:impact|driver|contributor|effect)\b", 2),
        (r"\bmatters? most\b|\bmoving the needle\b|\bmoves the needle\b|\bmove the needle\b", 2.5),
        (r"\blift\b", 1.5), (r"\bsales from\b|\brevenue from\b|\brev from\b", 2.5), (r"\bbrings? in\b|\bbrought in\b", 2),
        (r"\bgenerat\w*", 1.2), (r"\bby channel\b|\bper channel\b|\beach channel\b|\bsplit by\b", 1.2),
        (r"\bmedia vs base\b|\bbase vs media\b|\bmedia driven\b", 3), (r"\bwhat sells\b|\bwhat works\b", 2),
        (r"\bwhere (?:do|does|did) (?:our |my |the )?(?:sales|revenue|customers)\b", 3),
        (r"\bexplain\w* (?:our |the )?(?:sales|revenue)\b", 2),
        # "which channel is bringing the most sales" (not "the most sales per dollar": that is a return)
        (r"\b(?:bring|brings|bringing|brought|generat\w*|deliver\w*|produc\w*|driv\w*|gets?|getting) (?:us |in )?(?:the )?(?:most|biggest share of|largest share of)"
         r" (?:sales|revenue|conversions|orders|customers)\b(?! (?:per|for (?:each|every)|a|an|on (?:each|every)) (?:dollar|AMT|euro|pound|buck))", 4.5),
    ],
    I.SCENARIO: [
        # "would $1M more in TV pay for itself?": an amount put on one channel asks what that money would do
        (r"\bAMT (?:more|extra|additional) (?:in|on|into|to|for) (?:the |our )?CH\b", 3),
        (r"\bwhat if\b|\bwhat happens if\b|\bwhat would happen\b|\bwhat happens to\b", 2.0),
        (r"\bif we\b|\bif i\b|\bwere to\b", 1.0), (r"\bsuppose\b|\bimagine\b|\bhypothetical\w*|\bscenario\w*|\bsay we\b", 2),
        (r"\bsimulat\w*|\bforecast\w*|\bproject\w*|\bpredict\w*", 1.5), (r"\bwhat (?:would|will) (?:sales|revenue)\b", 2),
        (r"\b(?:impact|effect|cost|result|hit) of (?:cutting|raising|increasing|reducing|doubling|stopping|moving|shifting|pausing|killing|dropping|halving|adding|removing|trimming|boosting)\b", 3),
        (r"\bhow (?:would|will|does|do) (?:sales|revenue) (?:change|react|respond|move)\b", 2.5),
        (r"\bcould we\b|\bshould we (?:cut|raise|increase|reduce|stop|double|halve)\b", 1),
        (r"\bsame budget\b", 0.5),
    ],
    I.OPTIMIZATION: [
        # "if you had to cut one channel, which one?": a plan question, like "which channel would you cut first"
        (r"\b(?:cut|drop|kill|lose|stop|pause|axe|ditch|remove|scrap) (?:one|a single|just one|only one) (?:channel|medium|media)\b"
         r"|\b(?:which|what) (?:single |one )?(?:channel|one|medium) (?:would|should|could|do|can) (?:you|we|i) (?:drop|cut|kill|stop|axe|ditch|lose|scrap|pause|get rid of)\b"
         # "which channel I must increase first?", "which channel deserves more money next quarter?"
         r"|\b(?:which|what) (?:channel|channels|one|medium|media) (?:(?:would|should|could|do|can|must) (?:you|we|i)|(?:you|we|i) (?:would|should|could|must|need to|have to))"
         r" (?:increase|raise|grow|boost|invest in|fund|scale|add to|put more (?:in|into))\b"
         r"|\b(?:which|what) (?:channel|channels|one) (?:deserves?|should get|needs?|merits?|earns?) (?:more|extra|additional|the next|the extra) (?:money|budget|spend|investment|dollars|cash)\b", 5),
        # "where is the best place for incremental budget?"
        (r"\b(?:best|right|smartest|ideal) (?:place|places|home|channel) (?:for|to put|to spend|to invest) (?:the |our |an? )?"
         r"(?:incremental |extra |additional |more |new |next )?(?:budget|money|spend|dollars|investment|cash)\b", 5),
        (r"\boptim\w*", 4), (r"\ballocat\w*", 3.5), (r"\bre ?allocat\w*", 2), (r"\bsplit\b", 2.5),
        (r"\bbest (?:media |marketing |channel )?mix\b|\bmedia mix\b|\bideal mix\b|\bright mix\b|\bmix\b", 2),
        (r"\bdistribut\w*", 3), (r"\bwhere (?:should|would|do|does|will|could|can|to|shall) (?:\w+ ){0,3}(?:put|spend|invest|move|place|add|allocate|go)\b", 4),
        # "which channels, and how much to each?": amounts per channel are a plan
        (r"\bhow much (?:to|for|on|in|into|goes to|should go to) (?:each|every)\b(?! (?:dollar|euro|pound|buck)\b)", 4),
        (r"\bwhere (?:should|would|do|could|can|to) (?:\w+ ){0,3}(?:cut|take|trim|save|reduce|come from)\b|\bcome from\b", 2.5),
        (r"\bhow (?:should|would|do|could|can|to) (?:we |i |you )?(?:spend|invest|allocate|split|divide|distribute|use|deploy|spread|reallocate|rebalance)", 3.5),
        (r"\b(?:divided|split|allocated|distributed|spread|shared) (?:between|among|across|over) (?:the |our |all )?(?:channels|media)\b"
         r"|\bhow should (?:the )?(?:money|budget|spend|spending) be (?:divided|split|allocated|distributed|spent|spread)\b"
         r"|\b(?:what|how much) should (?:each|every) (?:channel|medium) (?:get|receive)\b|\bhow much should go (?:to|into|on) (?:each|every)\b", 4.5),
        (r"\bmaximi[sz]\w*|\bmaximum (?:sales|revenue|return|roi)\b", 3.5), (r"\bbest use of\b", 3), (r"\bget the most\b|\bmost out of\b", 3),
        (r"\brebalanc\w*", 3.5), (r"\bplan\w*", 1.5), (r"\brecommend\w* (?:\w+ ){0,2}(?:allocation|budget|split|mix|spend)", 2.5),
        (r"\bhow much should (?:we|i) (?:spend|invest|put|allocate)\b", 3.5), (r"\bhow much (?:must|do|would|will) (?:we|i) (?:need to )?(?:spend|invest)\b", 2.5),
        (r"\b(?:right|ideal|optimal|optimum|best) (?:CH )?(?:budget|level|spend|spending|amount)\b", 3),
        (r"\bwhich (?:channels?|one|media) (?:should|would|could|do|can) (?:we|i|you) (?:cut|trim|reduce|grow|invest|put|drop|scale)\b", 3),
        (r"\bwhich (?:channels?|ones?|media) (?:to|we should) (?:grow|shrink|cut|increase|decrease|scale|invest in|reduce|trim|boost)\b", 3.5),
        (r"\b(?:spend|invest|budget) (?:more|less) (?:overall|in total|in aggregate|across the board|in general)\b"
         r"|\bshould (?:we|i) (?:spend|invest) (?:more|less)(?: overall| in total| money)?\W*$", 4),
        (r"\bwhich (?:of (?:our|the|these) )?(?:\w+ )?(?:channels?|ones?|media) (?:should|would|could|needs? to|ought to) (?:get|receive|have|be given) (?:less|more|most|least|extra|a bigger|a smaller)\b"
         r"|\bwhich (?:channels?|ones?|media) (?:should )?(?:i|we) (?:should )?(?:give|put|allocate|add|invest|spend) (?:more|less)\b", 4.5),
        # "an extra $500k … which channels should absorb it?": "it" is the money, so the question is where it goes
        (r"\bwhich (?:channels?|ones?|media) (?:should|would|could|ought to|will|can|must) (?:best )?(?:absorb|take|get|receive|soak up|carry|have|use|share)"
         r" (?:it|this|that|them|the (?:money|budget|cash|extra|increase|increment|rest|difference))\b", 5),
        # "is it better to put money on Social or on TV?": where money should go, between channels
        (r"\b(?:better|best|smarter|wiser) to (?:put|spend|invest|add|place) (?:\w+ ){0,3}(?:on|in|into|to) CH or (?:on |in |into |to )?(?:the )?(?:CH|XCH)\b", 6),
        (r"\bif (?:we|i) (?:had|have) to (?:cut|trim|save|reduce)\b", 2),
        (r"\bmost (?:sales|revenue)\b|\bmore sales (?:for|with) the same\b|\bsame (?:budget|spend|money)\b|\bflat budget\b|\bwithin budget\b", 2),
        (r"\b(?:total|overall|whole|entire) (?:marketing )?(?:budget|spend|spending|media)\b", 1.5),
        (r"\bbudget (?:goes|went|go|is) (?:up|down)\b|\bbudget (?:increase|cut|reduction)\b", 2),
        (r"\bwhat budget\b|\bhow much budget\b", 2.5), (r"\bhow (?:much|far) can (?:we|i) cut\b|\bmost (?:we|i) can cut\b", 3),
        (r"\bgiven AMT\b|\bwith AMT\b|\bhave AMT\b|\bof AMT\b", 1.5), (r"\bbudget\b", 0.8),
        (r"\bnext dollar\b", 0.8), (r"\bbest (?:place|way|channels?) to (?:invest|spend|put)\b", 3),
        (r"\bwhere (?:is|it s|would be|will be|it is) (?:it )?(?:better|best|smartest|wisest|smarter|wiser) to (?:put|spend|invest|place|add|allocate|go)\b", 5),
        (r"\bspread\b|\bdivide\b|\bdivvy\b", 2),
        (r"\bre ?shuffl\w*|\bre ?jig\w*|\bdouble ?down\b|\bplace (?:our|the|my) bets\b|\b(?:carve|slice|parcel|dole|divvy|share) (?:up|out)\b|\btighten (?:the|our) belts?\b|\bbelt ?tightening\b", 4), (r"\bconservative\b|\baggressive\b|\bcautious\b|\bbold\b", 3.5), (r"\bprioriti[sz]\w*", 2.5), (r"\bkeep\w* total\b|\bkeep\w* (?:the )?budget flat\b", 2),
    ],
    I.TREND: [
        # "q4 drivers", "h1 2024 drivers?", "drivers of 2023": what drove a period is a trend question (the earlier sets'
        # convention)
        (r"\b(?:q[1-4]|h[12]|NUM|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
         r"(?:last|this|previous) (?:year|quarter|month|half)|summer|winter|spring|autumn|christmas|holiday) (?:NUM )?(?:sales |revenue )?drivers\b"
         r"|\bdrivers (?:of|behind|for) (?:the |our )?(?:q[1-4]|h[12]|NUM|USED|(?:last|this|previous) (?:year|quarter|month|half))\b"
         r"|^(?:(?:the |our )?USED )+(?:sales |revenue )?drivers\b", 6),   # (a period read is USED on the surface)
        # "sales by quarter please": sales rolled up over time
        (r"\b(?:sales|revenue|revenues|turnover)\b (?:\w+ ){0,2}(?:by|per|each|every|for each) (?:week|month|quarter|year|half)\b", 4),
        (r"\btrend\w*", 4.5), (r"\bover time\b|\bover the (?:years?|quarters?|months?|weeks?|period)\b", 3.5),
        (r"\b(?<!festive )(?<!holiday )(?<!christmas )(?<!xmas )(?<!peak )(?<!busy )(?<!shopping )(?<!summer )(?<!winter )season\w*", 4),
        (r"\bspikes?\b|\bspiked\b|\bdips?\b|\bdipped\b|\bslump\w*|\bsurge\w*|\bpeaks?\b|\bpeaked\b|\btroughs?\b", 3),
        (r"\b(?:sales|revenue) (?:dropped|fell|declined|dipped|spiked|jumped|rose|grew|fall|drop|decline|jump|went up|went down|go up|go down|growth)\b", 3),
        (r"\b(?:drop|dip|spike|jump|decline|surge|slump|fall|rise|increase|decrease|change) in (?:sales|revenue)\b", 3),
        (r"\bwhat happened\b|\bwhat went (?:wrong|right|on)\b", 3.5),
        (r"\b(?:was|were) (?:driving|behind|causing)\b", 2.5), (r"\bwhat drove\b|\bdrove\b|\bwhat (?:has|have|had) (?:been )?driv(?:en|ing)\b", 2.5), (r"\bwhy (?:did|was|were|is|are|has|have)\b", 2.5),
        (r"\b(?:week|month|quarter|year) (?:over|on) (?:week|month|quarter|year)\b|\byoy\b|\bqoq\b|\bmom\b|\bwow\b", 3.5),
        (r"\bweekly\b|\bmonthly\b|\bquarterly\b|\bannual\w*|\byearly\b", 1.5), (r"\bgrowth\b|\bgrowing\b|\bdeclin\w*", 1.5),
        (r"\bhistor\w*|\btimeline\b|\btime series\b|\bpattern\w*", 2.5), (r"\blately\b|\brecently\b|\brecent\b", 1.5),
        (r"\bcompared (?:to|with) last\b|\bvs last\b|\bversus last\b|\blast year\b", 1), (r"\bperformance\b", 0.8),
        (r"\bhow (?:did|have|has|were|was) (?:\w+ ){0,3}(?:do|done|perform|performed|go|gone|trend|trended|look|looked|change|changed|evolve|evolved|move|moved)\b", 2.5),
        (r"\bchang(?:e|ed|es|ing) over\b|\bevolv\w*", 2), (r"\bslow (?:down|period)\b|\bbusy\b|\bquiet\b|\bholiday\w*|\bchristmas\b|\bsummer\b|\bwinter\b", 2),
        (r"\bbest (?:week|month|quarter|year)\b|\bworst (?:week|month|quarter|year)\b", 3),
        (r"\bblip\b|\bone ?off\b|\bfluke\b|\bnew normal\b|\bups and downs\b|\bpeaks and troughs\b|\broller ?coaster\b|\bswings?\b", 3.5),
        (r"\b(?:period|season|quarter|month|year|week|christmas|xmas|holidays?|summer|winter|spring|autumn) (?:\w+ ){0,2}"
         r"(?:outperform\w*|underperform\w*|beat|beats|better than|worse than)\b|\blast year s\b", 3.5),
        (r"\b(?:sales|revenue) (?:curve|chart|line|over time|history|trajectory|path)\b|\btrajector\w*|\bunusual (?:weeks?|months?|spikes?)\b"
         r"|\b(?:anomal\w*|outlier weeks?|spikes?|dips?|dipped|dip|slump\w*|surge\w*)\b", 3.5),
        (r"\b(?:which|what) (?:weeks?|months?|quarters?|seasons?|(?:times?|periods?|parts?|points?) of (?:the )?year)\b (?:\w+ ){0,5}(?:highest|lowest|best|worst|strongest|weakest"
         r"|peak|busiest|quietest|slowest|biggest|(?:sell|sold|selling) (?:the )?(?:most|least))\b", 4.5),
        (r"\b(?:which|what) (?:week|month|quarter|year|period|season)s? (?:had|was|were|saw|has|showed|are|is) (?:the |our )?"
         r"(?:highest|lowest|best|worst|biggest|smallest|most|least|strongest|weakest)\b", 4), (r"\bup or down\b|\bgoing up\b|\bgoing down\b", 2),
    ],
    I.MODEL_QUALITY: [
        # "is this number sure or only an estimation?", "are you just guessing?": how sure the figure just given is
        (r"\b(?:is|are|was|were) (?:this|that|these|those|the|your) (?:\w+ )?(?:number|numbers|figure|figures|estimate|estimates|result"
         r"|results|forecast|prediction)s? (?:\w+ ){0,2}(?:sure|certain|real|right|correct|solid|exact|true)\b"
         r"|\b(?:just|only|merely|simply) (?:an? )?(?:estimation|estimate|guess|guesses|guessing|guesswork|approximation|ballpark)\b"
         r"|\b(?:are|were) you (?:just |only |simply )?(?:guessing|making (?:it|this|that|them) up)\b", 5),
        # "Is the model solid enough to base a $5M decision on?", "can we bet a $2M budget decision on this model?": how far
        # the model can be trusted, whatever the decision's size
        (r"\b(?:model|mmm|analysis|results?|estimates?|numbers|it|this|that)\b[^?]{0,20}?"
         r"\b(?:solid|good|reliable|robust|trustworthy|accurate|sound|strong|safe) enough (?:for (?:us |me )?)?(?:to )?"
         r"(?:base|bet|make|take|stake|rest|risk|justify|support|back)\b[^?]{0,40}?\b(?:decisions?|calls?|choices?|bets?|moves?)\b"
         r"|\b(?:bet|base|stake|rest|risk) (?:a |an |our |the |any )?(?:AMT )?(?:\w+ )?(?:decision|call|choice)s? on "
         r"(?:this|the|our|your) (?:model|mmm|analysis)\b", 8),
        # "which weeks does the model fit worst?", "where does the fit miss most?": the model's errors
        (r"\b(?:model|mmm|fit)\b (?:\w+ ){0,2}(?:fits?|predicts?|explains?|misses|miss|gets? wrong)? ?(?:worst|badly|poorly|least well|most wrong)\b"
         r"|\b(?:biggest|largest|worst) (?:misses|errors|residuals|misfits?)\b", 5),
        # "does this model make sense to show to the board?": the model's soundness, whoever it is shown to
        (r"\b(?:does|do|would|will|can) (?:this |the |our |your )?(?:model|mmm|analysis|results?|numbers|estimates?) "
         r"(?:\w+ ){0,2}(?:make sense|hold up|stand up|add up)\b", 6),
        # "are the results stable?", "how robust are these estimates?"
        (r"\b(?:results?|estimates?|numbers|coefficients?|model|findings|figures)\b (?:\w+ ){0,2}(?:stable|robust|reliable|consistent|sensitive)\b"
         r"|\b(?:stable|robust|reliable) (?:are|is) (?:the |these |our )?(?:results?|estimates?|numbers|model|findings)\b|\bstability\b|\brobustness\b", 4),
        # "the model is fitting good the data or not?", "how well does the MMM fit our data?": the fit, not the data
        (r"\b(?:model|mmm)\b (?:\w+ ){0,3}(?:fits?|fitting|fitted|matching|matches|explaining|explains|tracks|tracking)"
         r" (?:\w+ ){0,2}(?:the |our |my )?(?:data|sales|history|actuals?)\b", 5),
        (r"\baccura\w*|\binaccura\w*", 4.5), (r"\b(?:model )?fit\b|\bfits?\b|\bgoodness\b", 3), (r"\br2\b|\br squared\b|\brsquared\b|\br sq\b|\brsq\b", 4.5),
        (r"\breliab\w*|\bunreliab\w*", 4), (r"\btrust\w*|\bbelieve\b|\bcredib\w*|\brely\b", 3.5), (r"\bconfiden\w*", 4),
        (r"\buncertain\w*", 3.5), (r"\bdiagnos\w*", 4.5), (r"\bmape\b|\brmse\b|\bmae\b|\bwape\b|\bnrmse\b", 4.5),
        (r"\berrors?\b", 2.5), (r"\bvalidat\w*", 3.5), (r"\boverfit\w*|\bunderfit\w*", 4.5), (r"\brobust\w*", 3),
        (r"\bhow good is (?:the |this |your )?model\b|\bmodel (?:quality|performance|good|accurate)\b", 4),
        # "why is the model graded Low?", "what does the Medium grade mean?": the reliability grade the answers quote
        (r"\b(?:graded|grading|grade)\b", 4.5),
        (r"\bhow (?:good|right|close|far off|off) (?:are|is|were|was) (?:the |your |its |these |those )?(?:model s |model )?(?:predictions?|forecasts?|estimates?|numbers|figures|fitted values)\b", 4),
        (r"\b(?:model s|model|your|its) (?:predictions?|forecasts?|fitted values) (?:\w+ ){0,3}(?:off|wrong|right|accurate|close)\b", 4),
        (r"\bmodel\b", 1.5), (r"\bhow sure\b|\bsure about\b", 3), (r"\bsignifican\w*|\bp ?values?\b|\bstatistic\w*", 3.5),
        (r"\bcoefficients?\b|\bbetas?\b|\bplausib\w*|\bimplausib\w*", 2.5),
        (r"\bsmell test\b|\bhold water\b|\bto the bank\b|\bstand up to scrutiny\b|\bbullet ?proof\b|\bhow shaky\b|"
         r"\b(?:grain|pinch) of salt\b|\bhow much faith\b|\bballpark\b|\bwiggle room\b|\bhow much (?:can|should) (?:i|we) rely\b", 4.5),
        # "is the TV effect real or just seasonality?": whether an estimate is causal or confounded
        (r"\b(?:real|genuine|causal)\b (?:\w+ ){0,4}(?:or|vs) (?:\w+ ){0,3}(?:seasonal\w*|season|trend|coincidence|correlation)\b"
         r"|\bjust (?:the )?(?:seasonal\w*|season|christmas|holidays?|correlation|coincidence)\b", 5),
        (r"\bsensitiv\w* (?:\w+ ){0,4}(?:to )?(?:the )?(?:assumptions?|priors?|adstock|specification|parameters?|settings?|choices?)\b", 4),
        # trust in a figure is a question about the model, whatever the figure: "can I trust the ROI for Print?"
        (r"\b(?:trust|believe|rely on|confident (?:in|about)|sure about)\b (?:\w+ ){0,3}(?:roi|roas|numbers?|estimates?|results?|figures?|coefficients?|contribution)\b", 3),
        # an estimate that may be confounded: "is the Social coefficient soaking up seasonality?"
        (r"\b(?:soak\w*|absorb\w*|pick\w* up|captur\w*|confound\w*|inflat\w*|proxy|proxying|mix\w* up|conflat\w*|steal\w*|taking credit)"
         r" (?:\w+ ){0,4}(?:seasonal\w*|season|seasons|trend|trends|holiday\w*|christmas|baseline|promotions?|price)\b", 5),
        (r"\bintervals?\b|\berror bars?\b|\branges?\b|\bplus or minus\b", 2.5),
        (r"\bhow (?:wide|narrow|big|large|tight|precise|uncertain) (?:\w+ ){0,3}(?:interval|intervals|range|band|error bars?|uncertainty)\b", 3), (r"\bhold ?out\b|\bout of sample\b|\bbacktest\w*|\bcross valid\w*", 4),
        (r"\bresidual\w*", 4), (r"\bbias\w*", 2), (r"\bprecis\w*", 2.5), (r"\bwrong\b", 1.2), (r"\bnois\w*", 2),
        (r"\bvariance\b", 2.5), (r"\bmulticollinear\w*|\bcollinear\w*|\bcorrelated\b", 4.5), (r"\bassumptions?\b", 3),
        (r"\bestimates?\b|\bestimated\b", 1.5), (r"\bmargin of error\b", 4.5), (r"\bsanity check\w*|\bcheck the model\b", 3),
        (r"\bhow well (?:does|did|do) (?:the |your |this )?model\b|\bhow much (?:can|should) (?:we|i) trust\b", 3),
        (r"\bestimates? (?:\w+ ){0,2}(?:solid|a guess|guesswork|trustworthy|reliable|real|right|robust|shaky)\b", 4),
        (r"\bnumbers? (?:right|real|solid)\b|\bsolid\b|\bbacked by\b|\bgarbage\b|\bguess\w*", 1.5), (r"\bhow (?:certain|precise)\b|\bcertain\w*", 3),
    ],
    I.SUMMARY: [
        # "give me a short resume of the key findings" (a résumé, as several languages say summary); not the verb
        # ("resume TV in Q3")
        (r"\b(?:a|an|the|short|brief|quick|small|little) r[eé]sum[eé] (?:of|for|about|on)\b", 5),
        (r"\bsummar\w*", 4), (r"\bbrief\w*|\bdebrief\b", 4), (r"\bbig picture\b", 4.5), (r"\bkey (?:findings|points|insights|messages|results|numbers|facts)\b|\bfindings\b", 4),
        (r"\btake ?aways?\b", 4.5), (r"\brecommendations?\b", 2.5), (r"\bwhat do you recommend\b|\byour advice\b|\badvise\b", 2),
        (r"\boverview of (?:\w+ ){0,2}(?:performance|marketing|results|how we)\b|\bperformance overview\b", 4.5), (r"\boverview\b", 1.5),
        (r"\btl ?dr\b|\bhighlights?\b|\bin a nutshell\b|\bheadlines?\b|\bbottom line\b|\belevator pitch\b|\bcliff ?notes\b|\bgist\b", 4),
        (r"\bwhat (?:should|do) (?:i|we) (?:need to )?know\b|\bwhat matters\b", 3.5), (r"\bhow (?:are|is) (?:we|marketing|it|our marketing|the business|everything) (?:doing|performing|going)\b", 3.5),
        (r"\bstate of\b|\breport card\b|\bstatus\b|\bupdate me\b|\bquick update\b|\bcatch me up\b|\bbring me up to speed\b", 3),
        (r"\bexecutive\b|\bexec\b|\bcmo\b|\bceo\b|\bleadership\b", 2), (r"\binsights?\b", 2), (r"\bsum (?:it |this |things )?up\b|\brecap\b|\bwrap up\b|\bnutshell\b", 4),
        (r"\bmain (?:points|things|messages|lessons)\b|\bso what\b|\boverall\b|\bin short\b|\bshort version\b|\bone minute\b|\b30 seconds\b|\bNUM seconds\b", 2.5),
        (r"\b(?:overall|marketing) performance\b|\bhow did (?:we|marketing) do\b", 2.5),
        (r"\bwhat (?:should|do|can) (?:i|we) (?:tell|say to|present to|show|report to) (?:the |my |our )?(?:board|ceo|cfo|leadership|execs?|exec team|management|boss)\b", 4),
        (r"\b(?:NUM|one|two|five|ten) (?:- )?(?:second|minute) (?:version|summary|overview|brief|take|read|pitch)\b"
         r"|\bNUM (?:- )?(?:foot|feet) view\b|\bhigh (?:- )?level (?:view|summary|overview|picture|take)\b|\bhelicopter view\b|\bnet ?net\b"
         r"|\bcut to the chase\b", 4.5),
        # "what's working, what isn't and what should we do?": the whole picture with its advice
        (r"\bwhat (?:is |s )?work(?:ing|s)\b(?: ,)? (?:\w+ ){0,2}(?:what|which) (?:is not|isn t|isnt|s not|does not|doesn t|doesnt|are not|aren t)\b"
         r"|\bwhat (?:is |s )?(?:working|not working) and what (?:is |s )?(?:not|working)\b", 5),
        (r"\brun ?down\b|\bwhere (?:do )?we stand\b|\blay of the land\b|\bstate of play\b|\bhow things stand\b", 4),
        (r"\bdigest\b|\bdemo\b|\bshowcase\b|\bwalk ?through\b|\bmorning (?:note|email|update|read)\b", 4.5),
        (r"\b(?:the |our )?(?:NUM|few|main|key|big|important) things (?:that )?(?:matter|i need|we need|to know)\b|\bboard meeting\b", 4),
        (r"\bthings? (?:i|we) (?:should|need to|must|ought to|have to) know\b|\btop (?:NUM|\w+) (?:things|points|takeaways|insights|messages|facts)\b"
         r"|\b(?:most )?important (?:points|things|findings|messages|facts|insights)\b|\bkey (?:things|points|messages)\b", 4),
    ],
    I.DATA_OVERVIEW: [
        (r"\bdata\b", 1.8), (r"\bdata ?set\b|\bdataset\b", 3.5), (r"\bwhat data\b|\bwhich data\b|\bwhat (?:is|are) in the data\b", 4),
        (r"\b(?:which|what) channels (?:do we have|do we use|do we track|are there|are in|are included|are tracked|are covered|are available|does the data|did we use|are we using|have we got)\b|\blist (?:\w+ )?channels\b|\bchannels (?:do we have|are there|are included|are in|tracked|covered)\b", 3.5),
        (r"\bhow many channels\b", 4), (r"\bperiod (?:covered|of the data)\b|\btime (?:period|range|frame|span)\b|\bdate range\b|\bdates\b", 4),
        (r"\bhow many (?:\w+ )?(?:weeks|months|rows|observations|data points|years)\b|\btraining (?:window|period|data|set|sample)\b|\bweeks of data\b|\bhow much data\b|\bhow much history\b", 4),
        (r"\bspend totals?\b|\btotal spend\b|\btotal (?:media )?(?:spend|investment)\b", 2.5), (r"\bhow much (?:did|have|do) (?:we|i) (?:spend|spent|invest)\w*\b", 3.5),
        (r"\b(?:is|are) (?:CH|XCH) (?:part of|included in|counted in|counted as|lumped (?:in|into|with)|inside|in) (?:the )?(?:CH|data)\b"
         r"|\bwhat (?:is|goes) (?:in|into|inside) (?:the )?CH\b", 5),
        (r"\bcolumns?\b|\bvariables?\b|\bfields?\b|\brows?\b|\bgranularity\b|\bmissing values\b|\braw\b", 3), (r"\bloaded\b|\buploaded\b|\bfile\b|\bsource\b", 2),
        (r"\bstart date\b|\bend date\b|\bstart and end\b|\bfrom when\b|\bhow far back\b|\bgo back\b|\bcover\w*", 2.5),
        (r"\bdescribe (?:the |our |your )?data\b|\babout the data\b|\bdata overview\b|\boverview of (?:the |our )?data\b|\bwhat (?:are|is) (?:we|you) (?:working|looking) (?:with|at)\b", 3.5),
        (r"\bcurrent (?:spend|budget|allocation|split|mix)\b|\bhow is (?:the |our )?budget (?:split|allocated|divided)\b|\bspend by channel\b|\bspend per channel\b|\bspend breakdown\b|\bspend split\b", 3),
        (r"\bwhat (?:do|did) you (?:have|get|use)\b|\bwhat (?:is|was) the model (?:trained|built|fit\w*) on\b", 2.5), (r"\bweeks\b", 1), (r"\bmeasured\b|\btracked\b|\binclude\w*", 1.2),
        # data readiness (issue 15): "Am I ready?", "Is this data good enough for MMM?", "Profile this dataset"
        (r"^(?:so |ok |okay )?(?:am i|are we|is it|is this) (?:\w+ )?ready\W*$|\b(?:data|dataset|file) (?:\w+ )?ready\b|\bready for (?:mmm|modell?ing|a model)\b|\bdata (?:readiness|quality)\b", 5),
        # "is 208 weeks enough for a stable MMM?", "are three years of history sufficient?"
        (r"\b(?:(?:NUM|a|one|two|three|four|five|few|many) (?:weeks|years|months|rows|observations)|USED USED)\b[^?]*\b(?:enough|sufficient|adequate|too (?:short|few|little))\b"
         r"|\b(?:enough|sufficient|adequate) (?:data|history|weeks|observations)\b|\bhistory (?:\w+ ){0,3}(?:enough|sufficient)\b", 6),
        (r"\b(?:data|dataset|file)\b[^?]*\bgood enough\b|\bgood enough for (?:mmm|modell?ing)\b|\benough data\b|\bprofile (?:the |this |my |our )?(?:data|dataset|file)\b", 4),
        # "check if my data is good for the MMM", "is our data fit for modelling?"
        (r"\b(?:check|tell me|see|verify|assess|know|confirm) (?:if|whether) (?:my |our |the |this )?(?:data|dataset|file|history)\b"
         r"|\b(?:data|dataset|file) (?:\w+ ){0,2}(?:good|ok|okay|fit|suitable|usable|right) (?:for|to)\b", 5),
    ],
    I.HELP: [
        # "What can you analyse, and what data does each analysis need from me?": what the tool does and needs
        (r"\b(?:what|which) (?:\w+ ){0,1}(?:can|could|do|does) (?:you|u|this tool|the tool) (?:analy[sz]e|analy[sz]e for me|do analy\w+)\b"
         r"|\b(?:what|which) (?:analyses|analysis|kinds? of analys\w+) (?:can|could|do|does|will) (?:you|u) (?:run|do|offer|perform|provide|make)\b"
         r"|\b(?:what|which) (?:analyses|analysis) do (?:you|u) offer\b", 6),
        (r"\b(?:what|which) (?:data|inputs?|columns|information|files?) (?:do|does|would|will) (?:you|u|each (?:one|analys\w+)|it|they)"
         r" (?:\w+ ){0,2}need\b", 2),
        (r"\bhelp\b", 4), (r"\bexamples? (?:of )?(?:questions|qs|prompts|queries)\b", 5), (r"\bwhat can you do\b|\bwhat (?:can|could|should|do) i ask\b|\bwhat (?:do|can) you (?:know|answer|help)\b", 5),
        (r"\bhow (?:do i|to|can i|should i) use\b|\bhow does this work\b|\bhow do (?:i|you) work\b|\bhow (?:this|it) works\b", 4.5),
        (r"\bcommands?\b|\bcapabilit\w*|\bfeatures?\b|\bmenu\b|\bgetting started\b|\bget started\b|\btutorial\b|\bguide\b", 3.5),
        (r"\b(?:kind|sort|type|types|kinds) of (?:things|stuff) (?:can|could|do) (?:you|i)\b|\bcan you (?:answer|do|help with)\b", 4.5),
        (r"\b(?:kind|kinds|sort|sorts|type|types) of (?:analys\w+|things|stuff|reports?|answers|work) (?:\w+ ){0,2}(?:you|u) (?:can|could|are able to)\b", 5),
        (r"\b(?:kind|sort|type|types|kinds) of (?:\w+ ){0,2}questions\b|\bquestions (?:can|could|should|may) (?:i|we) ask\b|\bexample (?:questions|queries)\b|\bexamples\b|\bwhat questions\b", 4.5),
        # "a good example question to start with", "suggest a question I could ask", "a sample query"
        (r"\b(?:example|sample|starter) (?:question|query|prompt)s?\b|\b(?:good|useful) (?:question|query|prompt)s? (?:to|i|we) (?:start|begin|ask|try)\b"
         r"|\b(?:suggest|give me|recommend|show me) (?:\w+ ){0,2}(?:questions?|quer(?:y|ies)|prompts?) (?:to|i|we|for)\b", 4.5),
        (r"\bwho are you\b|\bwhat are you\b|\bwhat is this\b|\bintroduce yourself\b", 3.5),
        (r"\bwhat (?:\w+ ){0,2}(?:you|u) (?:are |r )?(?:able to|capable of|can) (?:do|doing|help)\b", 5),
        (r"\bwhat (?:can|could|does|will|would) (?:this|the|your) (?:assistant|tool|bot|app|thing|system|product|software|chat|chatbot)"
         r" (?:\w+ ){0,2}(?:do|answer|handle|tell|help)\b", 5),
        (r"\b(?:what|which) (?:\w+ ){0,2}(?:can|could) you (?:do|help)\b|\bthings you can do\b|\bwhat do you offer\b", 5), (r"^(?:hi|hello|hey|yo|hiya|howdy|good morning|good afternoon)\b", 2),
        (r"\bhow (?:do|can|should) i (?:ask|phrase|word)\b", 5),
        # "what is possible to ask here?", "what can be asked?", "what may I ask?"
        (r"\bwhat (?:is |s )?(?:possible|allowed|ok|okay) to (?:ask|do|query)\b|\bwhat (?:can|could|may) (?:be asked|i ask|we ask|one ask)\b", 5),
        (r"\bnew here\b|\bwhere (?:do|should|can) i (?:start|begin)\b|\bhow (?:do|should|can) i (?:start|begin)\b|\bfirst time (?:using|user|here|with you|asking|i\b)", 4),
        (r"\boptions\b|\bhow does (?:it|this) work\b|\bwhat do you do\b|\bstuck\b|\blost\b|\bconfused\b", 2),
    ],
    I.REPORT: [
        # "Generate a deck with the decomposition, response curves and the allocation": a document asked for, whatever
        # it holds (the contents named after it are the pack's sections, not the question)
        (r"\b(?:generate|make|build|create|prepare|produce|put together|assemble|give me|get me)\b (?:me |us )?(?:a |an |the |our |one )?"
         r"(?:\w+ ){0,2}(?:deck|slide deck|slides|board pack|pdf|presentation|powerpoint|ppt)\b", 6),
        # "I need the figure for my report": the report is what the figure is for, not a file asked of us
        # "Report ROI by channel with 94% HDIs": "report" as the verb of a figure asked for here is that figure's question
        (r"(?<!\bfor my )(?<!\bfor our )(?<!\bin my )(?<!\bin our )(?<!\binto my )(?<!\binto our )\breports?\b"
         r"(?! (?:the |our |each |every |back )?(?:roi|rois|roas|returns?|contributions?|saturation|marginal|incremental|uplift)\b)", 4), (r"\bboard (?:pack|deck|paper|presentation|report|slides?)\b|\bdeck\b|\bslides?\b|\bpresentation\b|\bpowerpoint\b|\bppt\w*", 4),
        (r"\bexport\w*|\bdownload\w*|\bsave (?:the |this |it |these |our )?(?:results|output|analysis|numbers|file|everything|as)\b|\bsave\b", 4),
        (r"\bexcel\b|\bxlsx\b|\bxls\b|\bspreadsheet\w*|\bcsv\b|\bpdf\b|\bworkbook\b|\bsheet\b", 4), (r"\bsend (?:\w+ ){0,3}(?:cfo|ceo|board|boss|team|finance|investors)\b|\bsomething i can (?:send|share|forward|show)\b", 4),
        (r"\bshare (?:\w+ ){0,2}with\b|\bforward\b|\battach\w*|\bemail (?:me|it|this|the)\b|\bprint (?:me|it|this|out|the)\b", 3),
        # "send it by email", "mail the results to my inbox"
        (r"\b(?:send|mail) (?:me |us )?(?:it|this|that|them|these|those|the \w+)\b (?:\w+ ){0,3}(?:by|via|over|through|to|in)"
         r" (?:my |our |the |an? )?(?:email|mail|inbox|e mail)\b", 4),
        (r"\bwrite ?up\b|\bmemo\b|\bone pager\b|\bone page\w*|\bdocument\b|\bpack\b|\bhand ?out\b", 3), (r"\bfor the board\b|\bto the board\b", 3),
        (r"\bgenerate (?:a |the )?(?:report|file|deck|pdf)\b|\bput together\b", 2),
        # "make a presentation deck of the findings": a file to be made, not a summary to read here
        (r"\b(?:make|making|build|building|create|creating|prepare|preparing|produce|producing|draft|drafting|do|put together)"
         r" (?:me |us )?(?:an? |the |some |my |our )?(?:\w+ )?(?:deck|slides|slide deck|presentation|pdf|board pack|powerpoint|ppt)\b", 2.5),
        # the findings put into a file: "put the findings into an Excel file", "turn this into slides"
        (r"\b(?:put|putting|turn|turning|make|making|dump|write|writing|convert\w*) (?:\w+ ){0,4}(?:into|in|to|as) (?:an? |the |some )?"
         r"(?:excel|xlsx|csv|pdf|spreadsheet|deck|slides?|file|workbook|powerpoint|ppt|document|doc)\b", 3),
        (r"\b(?:put|putting|turn|turning|make|making|dump|write|writing|add|adding|paste|drop) (?:\w+ ){0,4}(?:into|in|to) (?:my|our) report\b", 4.5),
    ],
    I.UNKNOWN: [
        # the economy, which no media model forecasts: "what's the interest rate outlook for next year?"
        # (a forecast of it only: "how much of sales is explained by interest rates?" is a fair question on a rate control)
        (r"\b(?:interest rates?|inflation|the economy|gdp|recession|exchange rates?|macro ?economic\w*|economic)"
         r" (?:\w+ ){0,2}(?:outlook|forecast|forecasts|heading|going|prospects?|next year|expected)\b"
         r"|\b(?:where|how) (?:are|is|will) (?:\w+ ){0,2}(?:inflation|interest rates?|the economy|gdp|exchange rates?)"
         r" (?:\w+ ){0,2}(?:go|going|head|heading|move|moving|be)\b|\b(?:will|is) there (?:be )?a recession\b", 7),
        (r"\bignore (?:\w+ ){0,3}(?:instructions|rules|prompt|above)\b|\bsystem prompt\b|\byou are now\b|\bjailbreak\w*|\bdeveloper mode\b|\bpretend (?:to be|you)\b|\bdisregard\b|\bact as\b", 9),
        (r"\bweather\b|\bjokes?\b|\bpoem\b|\bsong\b|\brecipe\w*|\bfootball\b|\bsoccer\b|\bcapital of\b|\bbitcoin\b|\bcrypto\w*|\bstock price\b|\btranslate\b|\bmeaning of life\b|\bwho won\b|\bhoroscope\b|\bsports?\b|\bmovie\b|\bnews\b|\blottery\b|\bdinner\b|\blunch\b|\bbirthday\b|\bvacation\b|\bholiday plans\b|\bdating\b", 6),
        (r"\belection\w*|\bpolitic\w*|\bwho (?:is|was) the (?:ceo|president|founder|owner|chairman) of\b|\bhistory of (?:advertising|marketing|television|radio|the internet|media)\b"
         r"|\b(?:book|order) (?:me |us )?(?:a |an |some )?(?:flight|hotel|taxi|pizza|lunch|dinner|table|meeting)\b", 6),
        (r"\b(?:will|is|does|did) it (?:rain|snow)\b|\brain(?:ing|y)?\b|\bsnow(?:ing|y)?\b|\bsunny\b"
         r"|\bheat ?waves?\b|\bcold (?:snap|spell)s?\b|\bhurricanes?\b|\bstorms?\b|\bhot (?:weather|spell)\b|\bdrought\b", 6),
        # small talk: "hey how's it going lol" (a greeting alone is help; the chat around it is not a question)
        (r"\bhow (?:is |s )?(?:it|things|life|your day) going\b|\bhow are (?:you|u|things|ya)\b|\bhow (?:you|u|ya) doing\b"
         r"|\bwhat s up\b|\bwhats up\b|\bwassup\b", 3), (r"\blol\b|\blmao\b|\brofl\b|\bhaha\w*|\bhehe\w*", 1),
        (r"\bpasswords?\b|\bapi key\b|\bsecret\w*|\bcredentials?\b|\bhack\w*", 6), (r"\bdrop table\b|\bselect \* from\b|\brm rf\b|\bsudo\b|<script|\bdelete from\b|\bunion select\b", 6),
        (r"\bwrite (?:me )?(?:a |an |some )?(?:poem|story|essay|code|python|script|email|letter|song|haiku|limerick|rap|sonnet|joke)\b", 6),
        # advice on a channel the data does not have: "should we start testing TikTok?"
        (r"\b(?:should|could|shall|can) (?:we|i) (?:\w+ )?(?:start |begin )?(?:try|trying|test|testing|launch|launching|pilot\w*|experiment\w*|add|adding|enter|go into|get into|open"
         r"|advertis\w*|sponsor\w*|invest\w*|spend\w*|buy\w*|run|running|use|using|do|doing|work with|working with)"
         r" (?:with |on |out |into )?(?:\w+ ){0,2}XCH\b"
         r"|\bXCH (?:\w+ ){0,2}worth (?:a |an )?(?:test|try|trial|pilot|shot|experiment|punt)\b"
         r"|\bXCH (?:\w+ ){0,3}next big thing\b|\b(?:jump|get|move) (?:on|onto|into) (?:the )?XCH\b"
         # "if we add podcasts to the mix", "how much should we pay influencers", "if we start doing affiliate marketing"
         r"|\b(?:add|adding|added|include|including|included|bring|bringing|brought) (?:\w+ )?XCH (?:to|into|in) (?:the |our )?(?:\w+ )?(?:mix|plan|budget|portfolio)\b"
         r"|\b(?:pay|paying|spend|spending|invest|investing) (?:on |in )?XCH\b|\b(?:start|begin)\w* (?:\w+ ){0,2}XCH\b", 6),
    ],
}

# The standard library's own reader of pattern syntax, so each phrase's required words can be found exactly.
try:
    _SRE: Any = importlib.import_module("re._parser")
except ImportError:   # a private module: without it every phrase is run as a regex (anchors() gives None)
    _SRE = None


def anchors(pattern: str) -> tuple[str, ...] | None:
    """Literal strings at least one of which every match of `pattern` contains (None: no such set found).

    Scoring checks them with a plain substring test first, so a phrase whose words are absent is never
    run as a regex: a long pasted question costs a fraction of the time, and no result changes."""
    if _SRE is None:
        return None
    try:
        return _required(list(_SRE.parse(pattern)))
    except Exception:   # an unusual construct: run the pattern every time, as before
        return None


def _required(seq: list[Any]) -> tuple[str, ...] | None:
    """The most selective required literal set of a parsed sequence: a run of literal characters, a
    mandatory group's, or every alternative's of a branch. Optional parts (repeats from 0) are skipped."""
    best: tuple[str, ...] | None = None

    def consider(cands: tuple[str, ...] | None) -> None:
        nonlocal best
        if cands and min(map(len, cands)) >= 2 and (best is None or min(map(len, cands)) > min(map(len, best))):
            best = cands

    run = ""
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            continue
        consider((run,) if run else None)
        run = ""
        if name == "BRANCH":
            alts = [_required(list(b)) for b in av[1]]
            if all(alts):
                consider(tuple(x for a in alts if a for x in a))
        elif name == "SUBPATTERN":
            consider(_required(list(av[-1])))
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
            consider(_required(list(av[2])))
    consider((run,) if run else None)
    return best


_COMPILED: dict[Intent, list[tuple[re.Pattern[str], float]]] = {
    intent: [(re.compile(p), w) for p, w in rows] for intent, rows in _TABLE.items()
}
_ANCHORS: dict[Intent, list[tuple[str, ...] | None]] = {
    intent: [anchors(p) for p, _ in rows] for intent, rows in _TABLE.items()
}


def _by_start(anchor_sets: dict[Intent, list[tuple[str, ...] | None]]) -> dict[str, tuple[str, ...]]:
    """Every anchor by its first two characters (anchors are never shorter), so one pass over a question finds
    which anchors it holds instead of testing each phrase's anchors in turn."""
    out: dict[str, tuple[str, ...]] = {}
    for a in sorted({a for rows in anchor_sets.values() for need in rows if need for a in need}):
        out[a[:2]] = (*out.get(a[:2], ()), a)
    return out


_BY_START = _by_start(_ANCHORS)


@lru_cache(maxsize=64)
def _anchors_in(surface: str) -> frozenset[str]:
    """The anchors that occur in `surface` (as `a in surface` would find each); kept for the few surfaces just
    read, since `score` and `spans` ask about the same one."""
    return frozenset(a for i in range(len(surface) - 1) for a in _BY_START.get(surface[i:i + 2], ())
                     if surface.startswith(a, i))


# Whole forms of stemmed keywords, so that "sumary" can be corrected to "summary".
FULL_FORMS = set("""summary summarise summarize saturation saturated saturating contribution contributions
contribute contributes decomposition decompose attribution attributed allocation allocate reallocate
reallocation optimise optimize optimal optimisation optimization maximise maximize efficiency efficient
profitable profitability seasonality seasonal accuracy accurate reliable reliability confidence
confident diagnostics diagnostic validation validated overfitting uncertainty uncertain report export
download spreadsheet executive briefing takeaways highlights dataset trend trends trending diminishing
headroom overspending overspend underspending underinvested carryover adstock decay payback
effectiveness effective prioritise prioritize distribute distribution rebalance significance
significant statistically multicollinearity correlated residuals precision simulate simulation
hypothetical scenario forecast predict projection performance perform performing drivers driving
incremental incrementality efficiency breakdown baseline recommendation recommendations drive drives
drove driven""".split())


def keyword_words() -> tuple[set[str], set[str]]:
    """(whole words, stems) the tables use, offered to the typo corrector."""
    words: set[str] = set(FULL_FORMS)
    stems: set[str] = set()
    for rows in _TABLE.values():
        for p, _ in rows:
            p = p.replace("\\b", " ")
            stems.update(re.findall(r"([a-z]{4,})(?:\\w\*|\[sz\]\\w\*)", p))
            plain = re.sub(r"[a-z]+(?:\\w\*|\[sz\]\\w\*)", " ", p)
            plain = re.sub(r"\\[bwsdBWSD]|\?:|\?!", " ", plain)
            words.update(w for w in re.findall(r"[a-z]{3,}", plain))
    return words, stems


@dataclass(frozen=True)
class Features:
    """Structural evidence from the entity readers, scored alongside keywords."""

    n_channels: int = 0
    channel_change: bool = False      # a signed change or amount on a named channel
    all_change: bool = False          # "everything -10%"
    total_change: bool = False        # "cut the total by 10%"
    shift: bool = False
    goal: bool = False
    constraints: int = 0
    period: bool = False
    amount: bool = False
    set_verb: bool = False
    unknown_channels: int = 0
    verb_on_channel: bool = False
    budget_cue: bool = False          # "the next $1M", "$50k a week": a budget to split
    window: bool = False              # "for 2 weeks": the time a change lasts
    comparison: bool = False          # two or more what-ifs side by side


def score(surface: str, f: Features) -> dict[Intent, float]:
    """Evidence per intent; higher is more likely, zero means no evidence."""
    s: dict[Intent, float] = {i: 0.0 for i in Intent}
    present = _anchors_in(surface)
    for intent, rows in _COMPILED.items():
        total = 0.0
        for (pat, w), need in zip(rows, _ANCHORS[intent]):
            if (need is None or not present.isdisjoint(need)) and pat.search(surface):
                total += w
        s[intent] = total
    if f.shift:
        s[I.SCENARIO] += 6
    if f.channel_change:
        s[I.SCENARIO] += 4.5
    if f.verb_on_channel and not f.channel_change and not f.shift:
        s[I.SCENARIO] += 3
    if f.all_change:
        s[I.SCENARIO] += 5
    if f.total_change:
        s[I.OPTIMIZATION] += 4
    if f.goal:
        s[I.OPTIMIZATION] += 7
    if f.constraints:
        s[I.OPTIMIZATION] += 3
    if f.period:
        s[I.TREND] += 1.5
    if f.comparison:
        s[I.SCENARIO] += 6
    if f.budget_cue:
        s[I.OPTIMIZATION] += 4
    if f.window and (f.channel_change or f.verb_on_channel or f.all_change):
        s[I.SCENARIO] += 2
    if f.amount and not f.channel_change and not f.shift:
        s[I.OPTIMIZATION] += 1.5
    if f.n_channels >= 2 and not f.channel_change and not f.shift:
        s[I.ROI] += 1.0
    if (f.n_channels or f.unknown_channels) and max(s.values()) == 0:
        s[I.ROI] += 1.2   # a bare channel name: most often "how is TV doing?"
    return s


def decide(s: dict[Intent, float]) -> tuple[Intent, float]:
    """Best intent and a 0-1 confidence from its margin over the runner-up."""
    ranked = sorted(s.items(), key=lambda kv: kv[1], reverse=True)
    (best, s1), (_, s2) = ranked[0], ranked[1]
    if s1 < 1.0:
        return I.UNKNOWN, 0.25
    conf = (0.5 + 0.5 * (s1 - s2) / s1) * min(1.0, 0.55 + s1 / 8)
    return best, round(min(0.99, conf), 3)


def spans(surface: str, intent: Intent) -> list[tuple[int, int]]:
    """Character spans of the surface that the intent's own phrases matched (what the reading explains)."""
    present = _anchors_in(surface)
    rows = zip(_COMPILED.get(intent, []), _ANCHORS.get(intent, []))
    return [m.span() for (pat, _), need in rows if need is None or not present.isdisjoint(need)
            for m in pat.finditer(surface)]
