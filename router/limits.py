"""Requests the product cannot do, recognised so they are never answered as an intent that shares a word.

"Can you clean up this CSV?" is not a board pack; "Meta says 4.2x, you say 1.5x" is not a budget;
"are we on pace with this month's budget?" is not a trend. Each is read as `unknown` with a
`Limit` naming the request, so the assistant can say what it can do instead (for a platform's
ROAS claim: our ROI for that channel with its interval, and why platform attribution differs).
"""

from __future__ import annotations

import re

from router.lexer import Lexed
from router.types import Limit

# "if we change nothing", "if we keep everything as is": no change asked, so still a plain forecast
_NO_CHANGE = (r" (?:we )?(?:change nothing|nothing changes|do nothing|keep (?:everything|things|spend|spending|it|the mix|the budget)"
              r" (?:the same|as is|as it is|unchanged|flat|where it is))")
_PLATFORM = (r"(?:google|google ads|meta|facebook|instagram|tiktok|linkedin|youtube|snapchat|pinterest|bing|amazon|"
             r"ga4|google analytics|ads manager|the platforms?|platform)")
_FILE = r"(?:file|files|csv|csvs|excel|spreadsheet|sheet|export|exports|dataset|data set|workbook|xlsx|extract|dump|upload|uploads|rows)"
# Cleaning steps that name the job on their own, with or without the file: "dedupe and impute the missing rows".
_CLEAN = (r"\b(?:dedupe|deduped|deduplicate\w*|de duplicate|impute|imputing|imputation|remove (?:the |all )?duplicates?"
          r"|drop (?:the |all )?duplicates?|(?:remove|drop|delete|exclude|strip) (?:the |all |any )?(?:bad|odd|strange|weird|wrong|broken|"
          r"faulty|outlier|duplicate) (?:weeks|rows|data|values|records|entries)|(?:remove|drop|strip|exclude|clean) (?:the |all |any )?outliers?|fill (?:in )?(?:the )?(?:missing|gaps|blanks|holes)|fill (?:the )?(?:\w+ )?gaps)\b")
_PREP_V = (r"(?:clean|cleaning|cleanup|tidy|tidying|fix|fixing|prep|prepping|prepare|preparing|impute|imputing|merge|"
           r"merging|dedupe|deduplicate|de duplicate|reformat|reformatting|formatting|sort out|sorting out|reshape|wrangle|transform|join|joining|"
           r"pivot|restructure|massage|format)")
_WHEN = (r"(?:q[1-4]|h[12]|january|february|march|april|may|june|july|august|september|october|november|december|"
         r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|summer|winter|spring|autumn|fall|christmas|xmas|"
         r"(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th|last) (?:quarter|half)|(?:the )?holidays?|next (?:quarter|month|year))")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "Here's my Google Ads export, can you merge it with the sales data?": a comma may stand between the file and the job
    ("file_preparation", re.compile(rf"{_CLEAN}|\b{_PREP_V} (?:\w+ ){{0,6}}{_FILE}\b|\b{_FILE}\b (?:\w+ ){{0,6}}{_PREP_V} (?:it|this|them|that|up)?\b"
                                    rf"|\b(?:my|our|this|your|an?) (?:\S+ ){{0,2}}{_FILE}\b (?:(?:\w+|,) ){{0,6}}{_PREP_V}\b"
                                    rf"|\bprep (?:\w+ ){{0,3}}for (?:the )?(?:mmm|model|modelling|modeling)\b")),
    ("platform_attribution", re.compile(
        r"\b(?:says|said|saying|reports?|reported|reporting|claims?|claiming|shows|showing|tells|telling)\b (?:\w+ ){0,5}"
        r"(?:roas|roi|NUM ?x|NUM times|conversions|return)\b(?=.*\b(?:you|u|your|model|mmm)\b)"
        r"|\b(?:says|said|saying|reports?|reported|claims?|shows)\b (?:\w+ ){0,4}NUM\b.*\b(?:you|u|your model|the model|model|mmm)\b "
        r"(?:say|says|said|saying|show|shows|get|got|have|has|estimate\w*|give|gives)\b"
        r"|\breconcil\w* (?:\w+ ){0,6}(?:reports?|numbers|platform|attribution|conversions|roas|dashboard)"
        r"|\b(?:ads manager|platform|dashboard|ga4|google analytics)\b (?:\w+ ){0,4}(?:says|reports?|claims?|shows)\b"
        rf"|\b{_PLATFORM}\b (?:\w+ ){{0,2}}(?:says|said|saying|reports?|reported|reporting|claims?|claiming|shows|is saying|tells us)\b"
        # "why does Meta say our Social ROAS is 6x?", "does TikTok show a higher ROI than yours?"
        rf"|\b(?:does|do|did|would|will) {_PLATFORM} (?:say|report|claim|show|tell us|put|give)\b (?:\w+ ){{0,6}}(?:roas|roi|NUM ?x|NUM times|return)\b"
        # "why does Google Ads credit Digital with twice the conversions your model gives it?"
        rf"|\b{_PLATFORM}\b (?:\w+ ){{0,2}}(?:credit|credits|credited|crediting|attribut\w*|assigns?|gives?)\b (?:\w+ ){{0,6}}"
        r"(?:conversions|sales|revenue|roas|roi|credit)\b(?=.*\b(?:you|u|your|model|mmm)\b)"
        rf"|\b{_PLATFORM}\b (?:\w+ ){{0,6}}(?:disagree\w*|differ\w*|discrepan\w*|mismatch\w*|contradict\w*|do not match|does not match)\b"
        rf"|\b(?:disagree\w*|differ\w*|discrepan\w*|mismatch\w*) (?:\w+ ){{0,4}}(?:with |from )?(?:the )?{_PLATFORM}\b"
        # "why are Facebook's numbers higher than yours?"
        rf"|\b{_PLATFORM}\b (?:\w+ ){{0,3}}(?:numbers|figures|roas|results|conversions|reports?|data) (?:\w+ ){{0,2}}"
        r"(?:higher|lower|bigger|smaller|different|better|worse) than (?:yours|you|ours|the model|your model|the mmm)\b")),
    # "predicted sales" as the model's own output is not a forecast request: "which reallocation maximises
    # predicted sales?", "report the change in predicted sales", "predictions against actual sales in the holdout"
    ("forecasting", re.compile(
        r"^(?!.*\b(?:maximi[sz]\w*|minimi[sz]\w*|optimi[sz]\w*|realloc\w*|shift\w*|simulat\w*|what if|if we(?!" + _NO_CHANGE + r")|change in"
        r"|actuals?|holdout|hold out|hold-out|back ?test\w*|accura\w*|fitted|residuals?|in sample|out of sample"
        # "cut spend while holding predicted sales flat": the level a plan keeps, not a forecast asked for
        r"|(?:hold|holds|holding|keep|keeps|keeping|maintain\w*) (?:\w+ ){0,2}(?:predicted|forecast\w*|projected) (?:sales|revenue)"
        r"|(?:predicted|forecast\w*|projected) (?:sales|revenue) (?:flat|steady|unchanged|the same))\b).*?(?:"
        r"\b(?:forecast\w*|predict\w*|project\w*) (?:\w+ ){0,3}(?:sales|revenue|demand)\b(?! (?:\w+ )?(?:if|when|would|will|under|with|without|after|assuming|given|at|for a|in a)\b"
        r"| (?:impacts?|effects?|lift|uplift|change|difference|gain|loss) (?:of|from)\b)"
        r"|\b(?:next|coming) (?:year|quarter|month)s? (?:sales|revenue) (?:forecast|projection|prediction)\b"
        # "the market will go up or down next year?": where the market heads, which no media model can say
        r"|\b(?:market|markets|economy|industry|category|stock market|share price|stock price) (?:will|is going to|going to|gonna|would) (?:\w+ ){0,2}"
        r"(?:go|move|head|grow|shrink|rise|fall|recover|crash)\b"
        # "what will revenue be in Q1 next year?" — unless a change is asked ("… if we cut TV?")
        r"|\bwhat will (?:our |the )?(?:\w+ ){0,3}(?:sales|revenue|demand) (?:be|look like)\b"
        r"(?!.*\b(?:if|when|with|without|after|under|should)\b(?!" + _NO_CHANGE + r")))")),
    ("budget_pacing", re.compile(
        r"\bpacing\b|\bon pace\b|\bon track (?:\w+ ){0,5}(?:spend|spending|budget)|\btracking (?:to|against) (?:the |our )?budget\b"
        r"|\b(?:over|under) ?spending (?:this|the) (?:month|quarter|week)\b"
        r"|\b(?:vs|versus|against|compared to|relative to) (?:our |the )?(?:plan|planned budget|media plan|target) (?:for )?(?:this|the) (?:month|quarter|week)\b")),
    ("model_versions", re.compile(
        r"\b(?:model|models|mmm|version|run)\b (?:\w+ ){0,4}(?:with|against|vs|versus|to|and) (?:the )?(?:\w+ ){0,3}"
        r"(?:old|older|previous|prior|earlier|last|other) (?:\w+ ){0,2}(?:one|model|version|run)\b"
        r"|\bcompare (?:this|the|our|my) (?:new |current )?model (?:with|to|against|and) (?:the )?(?:one|old|previous|prior|last|earlier)\b"
        # "compare this model against the version we ran last quarter"
        r"|\b(?:model|mmm|results?|run|version|analysis) (?:\w+ ){0,3}(?:with|against|vs|versus|to) (?:the |a |an )?(?:\w+ )?(?:version|run|model|iteration|refresh|one)"
        r" (?:we|you|they|i) (?:ran|run|built|fit|fitted|made|did|had|used|delivered|got)\b"
        # "how do this model's results differ from the version we ran in October?"
        r"|\b(?:differ|differs|different|difference|differences|changed|change|changes)\b (?:\w+ ){0,3}(?:from|to|vs|versus|since)"
        r" (?:the |a |an |our |last )?(?:\w+ )?(?:version|run|model|iteration|refresh)\b (?:\w+ )?(?:we|you|they|i)?"
        r" ?(?:ran|run|built|fit|fitted|made|did|had|used|delivered|got|last|before|earlier|previously)\b"
        r"|\bv ?\d+\b (?:\w+ ){0,2}(?:against|vs|versus|and|with|to) (?:\w+ )?v ?\d+\b"
        # "diff the coefficients between last month's model run and this one", "… between the two model versions"
        r"|\bbetween (?:\w+ ){0,4}(?:model|mmm) (?:runs?|versions?|fits?|refresh\w*|iterations?)\b"
        r"|\b(?:diff|diffs|differences?|compare|comparing|changes?|changed)\b (?:\w+ ){0,4}(?:between|across) (?:the |our )?"
        r"(?:two|2|both|last|previous|old|successive|consecutive) (?:\w+ ){0,2}(?:models|runs|versions|fits|refreshes)\b"
        r"|\b(?:robyn|meridian|lightweight ?mmm|pymc|agency s model|vendor s model|their model|another model|other model)\b"
        r"|\b(?:last year s|previous|old|the agency s|agency) (?:mmm|model|mix model)\b|\b(?:mmm|model) from (?:the |our )?(?:agency|vendor|consultants?)\b")),
    ("data_connection", re.compile(
        r"\bapis?\b|\b(?:connect|link|integrate|sync|hook|plug)\w* (?:up )?(?:\w+ ){0,3}(?:to|with|into|in)\b"
        r"|\bpull (?:\w+ ){0,4}from (?:the |our |my )?(?:\w+ ){0,2}(?:account|dashboard|platform|system)\b"
        rf"|\b(?:pull|fetch|import|grab|get)\w* (?:\w+ ){{0,3}}(?:from|out of) (?:the |our |my )?{_PLATFORM}\b"
        # "pull the Google Trends index for our category and refit with it": outside data fetched, then modelled
        r"|\bgoogle trends\b|\b(?:pull|fetch|download|grab|get)\w* (?:the |an? |some )?(?:\w+ ){0,3}(?:index|indices|series)\b"
        r"(?= (?:\w+ ){0,6}(?:re ?fit|add|include|control))")),
    ("media_buying", re.compile(
        r"\bbook (?:\w+ ){0,3}(?:upfront|upfronts|spots?|slots?|inventory|media|campaign|airtime|placements?)\b"
        r"|\bnegotiat\w* (?:\w+ ){0,3}(?:rates?|agency|media|deal)"
        r"|\b(?:bid|bids|bidding) (?:on|for|strategy|strategies|price|prices)\b|\bkeywords?\b"
        # "the going rate for one Instagram influencer post", "what does a 30-second TV spot cost these days?": a
        # market price of media, which the data (our own spend) does not hold
        r"|\b(?:rate|rates|price|prices|cost|fee|fees|cpm) (?:\w+ ){0,3}(?:for|of) (?:an? |one |a single )(?:\w+ ){0,3}"
        r"(?:post|posts|spot|spots|insertion|placement|slot|grp|story|reel|video)\b"
        r"|\bwhich (?:\w+ )?(?:shows|programmes|programs|stations|publications|titles|websites|sites|placements|slots|dayparts|creators)"
        r" (?:should|to|would|do|can) (?:we |i )?(?:advertise|buy|run|book|place|sponsor|use)\b"
        # "suggest which influencer we should hire": picking the partner, not the money
        r"|\bwhich (?:\w+ )?(?:influencers?|creators?|celebrit\w*|agenc(?:y|ies)|vendors?|publishers?)"
        r" (?:we |i )?(?:should|to|would|do|can|could) (?:we |i )?(?:hire|use|sign|work with|pick|choose|book|partner with|go with)\b|\b(?:place|send) (?:the |an )?(?:order|insertion order|io)\b"
        # "can you schedule the TV ads for me?": running the campaign itself
        r"|\b(?:can|could|would|will) you (?:please )?(?:schedule|traffic|launch|upload|set up|run|book|buy|place|publish|post)"
        r" (?:the |our |my |some )?(?:\w+ ){0,2}(?:ads|adverts|spots|campaigns?|flights?|creatives?|posts|media|inventory)\b")),
    ("campaign_work", re.compile(
        r"\b(?:build|write|create|design|draft|make|plan|produce)\w* (?:me |us )?(?:an? |the |our )?(?:\w+ ){0,2}"
        r"(?:campaign|creative|creatives|ad copy|copy|brief|briefs|storyboard|tagline|slogan|script|scripts|jingle|jingles)s?\b"
        # "prepare the ad script for our new radio campaign", "draft a 30-second TV ad script": the words that can only
        # be the ad itself, a few words after the verb
        r"|\b(?:write|writing|rewrite|draft|drafting|prepare|preparing|compose|composing|design|designing|create|creating|come up with)"
        r" (?:me |us )?(?:an? |the |our |some )?(?:\S+ ){0,5}(?:script|scripts|jingle|jingles|tagline|taglines|slogan|slogans"
        r"|storyboard|storyboards|ad copy|logo|logos|posts?|tweets?|captions?|reels?|stories)\b"
        # "write a punchier script for our next TV spot": the ad itself written, not its spend
        r"|\b(?:write|writing|rewrite|rewriting|draft|drafting|design|designing|storyboard\w*) (?:me |us )?(?:an? |the |our |some )?(?:\w+ ){0,2}"
        r"(?:spot|spots|commercial|commercials|ad|ads|headline|headlines|banner|banners|video|videos)\b"
        # "what should our next TV ad creative look like?", "which message should the ads use?"
        r"|\b(?:creative|creatives|ad copy|messaging|message|tagline|slogan|storyboard|visuals?|artwork|headlines?)\b (?:\w+ ){0,4}"
        r"(?:look like|say|be about|feature|focus on|show|use)\b"
        r"|\bwhat (?:\w+ ){0,2}(?:creative|creatives|messaging|message|tagline|slogan|visuals?) (?:should|would|will|to)\b"
        # "what should our next TV ad look like creatively?", "how should the radio spots sound?": the ad itself
        r"|\bcreatively\b|\b(?:should|would|could|must) (?:\w+ ){0,4}(?:ad|ads|advert|adverts|spot|spots|commercial|commercials|video|videos"
        r"|banner|banners) (?:\w+ ){0,2}(?:look like|sound like|sound|look|say|feature|be about|show)\b")),
    # "reconcile the spend figures with our finance ledger", "do the spends match the invoices?"
    ("finance_reconciliation", re.compile(
        r"\b(?:reconcil\w*|match\w*|tie out|tie up|tally|audit\w*) (?:\w+ ){0,10}(?:ledger|ledgers|invoices?|general ledger|accounts|books|finance (?:data|figures|numbers|system)|erp|sap)\b"
        r"|\b(?:ledger|invoices?|the books|finance (?:data|figures|numbers)) (?:\w+ ){0,6}(?:reconcil\w*|match\w*|tie out|tally|differ\w*|disagree\w*)\b")),
    ("experiments", re.compile(
        r"\b(?:run|design|set up|plan|launch|do)\w* (?:me |us )?(?:an? |the )?(?:\w+ ){0,2}(?:geo ?lift|lift|a ?b|holdout|incrementality|matched market|conversion lift)"
        r" (?:test|tests|study|studies|experiment|experiments)\b")),
    # "is our brand awareness growing?": outcomes the data does not hold (it has sales and spend)
    ("other_outcomes", re.compile(
        r"\b(?:brand )?awareness\b|\bbrand (?:health|equity|lift|perception|consideration)\b|\bconsideration\b|\bnps\b"
        r"|\bnet promoter\b|\bsentiment\b|\bshare of voice\b|\bfootfall\b|\bstore visits\b|\b(?:web|website|site) traffic\b"
        r"|\bapp (?:installs|downloads)\b|\bbrand search(?:es)?\b")),
    ("monitoring", re.compile(
        r"\b(?:set up|set|create|send me|schedule)\w* (?:an? |the )?(?:\w+ ){0,2}(?:alert|alerts|notification|notifications|monitor\w*)\b"
        r"|\balert me\b|\bnotify me\b|\bping me when\b")),
    # "which of our ad creatives performs best?": the data has spend per channel, not per creative or ad
    ("creative_performance", re.compile(
        r"^(?=.*\b(?:perform\w*|best|worst|better|worse|stronger|weaker|work\w*|driv\w*|win\w*|effective|convert\w*|roi|roas|return)\b)"
        r".*\b(?:which|what|best|top|worst|compare)\b (?:\w+ ){0,4}(?:creatives?|ads? copy|ad variants?|ad versions?|"
        r"ad formats?|ad executions?|executions|headlines|banners|videos|assets|(?<!sweet )spots?|commercials?)\b(?! (?:should|would|will|to)\b)"
        # a choice between two executions: "the funny one or the serious one", "the long version vs the short version"
        r"|\bthe \w+ (?:one|version|ad|spot|cut|execution|creative) (?:or|vs|versus) (?:the )?\w+ (?:one|version|ad|spot|cut|execution|creative)\b"
        r"(?=.*\b(?:creatives?|ads?|spots?|commercials?|versions?|executions?)\b)")),
    # "what will our EBITDA margin be next year?", "net profit after tax": the company's profit and loss, which needs
    # costs the data does not hold (a channel's break-even at a stated margin is answered: a stated % is let through)
    ("profit_and_loss", re.compile(
        r"\b(?:ebitda|ebit|net profit|net income|operating (?:profit|income|margin)|gross (?:profit|margin)s?"
        r"|profit after tax|after tax|p l statement|earnings per share|free cash flow|cash flow"
        # "forecast our quarterly earnings for FY25": the company's profit, not the sales the model explains
        r"|(?:quarterly|annual|yearly|company|our|the company s) earnings)\b")),
    # "which customers will churn?", "fit a multi-touch attribution model on our clickstream", "the NPV of the new
    # warehouse": analyses of other data (customers, users) or of projects outside marketing
    ("other_analyses", re.compile(
        r"\bchurn\w*|\b(?:customer )?lifetime value\b|\bclv\b|\bltv\b|\bcustomer (?:segment\w*|level|scor\w*|propensit\w*)\b"
        r"|\bmulti ?touch\b|\bmta\b|\buser ?level\b|\bclick ?stream\b"
        r"|\bnpv\b|\bnet present value\b|\birr\b|\binternal rate of return\b|\bdiscount rate\b"
        # "the ROI on the new office lease": a return on a project outside media
        r"|\b(?:roi|roas|return|returns|payback) (?:\w+ ){0,4}?(?:on|of|from) (?:the |our |a |this |that )?(?:new |planned |proposed )?"
        r"(?:office|offices|lease|leases|warehouse|factory|store opening|new store|building|hire|hires|hiring|headcount"
        r"|software|crm|erp|machine|machinery|equipment|plant|fleet|truck|trucks|refurb\w*|renovation)\b")),
    # "how will our share price react if we cut advertising?": the data has sales, not the market's view of them
    ("financial_markets", re.compile(
        r"\b(?:share|stock) prices?\b|\bshareholders?\b|\bshare holders?\b|\bstock market\b|\bmarket (?:cap|capitali[sz]ation|valuation)\b"
        r"|\bprice of (?:our |the )?(?:company s |company |firm s )?(?:shares?|stock)\b"
        r"|\b(?:our|the company s|company) (?:stock|shares|valuation)\b|\binvestors? (?:react|reaction|respond)\w*")),
    # "delay TV by a month", "move the Q4 TV budget into Q3", "front-load Digital": the same money at other
    # weeks; the model changes spend inside weeks of the data, it cannot move a flight in time
    ("timing", re.compile(
        r"^(?!.*\bpush\w* back (?:on|against)\b)(?:.*?)(?:"
        r"\b(?:delay\w*|postpon\w*|defer\w*|push\w* back|pushing back|push\w* (?:\w+ ){1,4}(?:back|out|later)|"
        rf"push\w* (?:\w+ ){{0,4}}(?:into|to|until|till) (?:the |early |late |next )?{_WHEN}|"
        r"bring\w* (?:\w+ ){0,4}forward|brought (?:\w+ ){0,4}forward|pull\w* (?:\w+ ){0,4}forward|"
        r"front ?load\w*|back ?load\w*|re ?tim\w*|re ?phas\w*)\b"
        rf"(?!.*\b(?:launch|decision|report|analysis|meeting)\b)"
        rf"|\b(?:move|moving|moved|shift|shifting|shifted|reallocat\w*|bring|bringing|take|taking|put|putting)\b (?:\w+ ){{0,5}}{_WHEN}"
        rf" (?:\w+ ){{0,3}}(?:into|to|over to|toward|towards|until) (?:the |early |late |next )?(?:\w+ )?{_WHEN}\b"
        r"|\b(?:earlier|later) in the (?:year|quarter|month)\b|\b(?:a|one|two|three|\w+) (?:weeks?|months?) (?:earlier|later)\b"
        # "shift 10% of TV spend into Q2": money moved to a period, not to a channel
        rf"|\b(?:move|moving|moved|shift|shifting|shifted|reallocat\w*|put|putting)\b (?:\S+ ){{0,6}}(?:into|to) (?:the )?{_WHEN}\b)")),
    # "how do we stack up against Nike on ad spend?", "our main rival's media spend": another company's spend
    ("competitors", re.compile(r"\bcompetitor\w*|\bcompetition s\b|\bour rivals?\b|\b(?:main|biggest|closest|key|nearest) rivals?\b"
                               r"|\bstack\w* up against (?!(?:the |our )?(?:CH|XCH|today|current|last|previous|other|others|rest|year)\b)"
                               r"(?:\w+ ){1,2}(?:on|in|for|with|when it comes to) (?:our |their |the )?(?:ad |media |marketing |advertising )?"
                               r"(?:spend|spending|budgets?|investment|advertising)\b")),
    ("pricing", re.compile(
        r"\bwhat should (?:our |the )?(?:price|prices|pricing) be\b|\bprice elasticit\w*|\b(?:set|change|raise|lower|cut) (?:our |the )?prices\b"
        r"|\bpricing strategy\b"
        # "does price matter?", "the impact of price on sales": a control's own effect, which is not reported
        r"|\b(?:does|do|did) (?:the |our )?(?:price|prices|pricing) (?:really )?(?:matter|affect|impact|drive|hurt|help)\w*"
        r"|\b(?:effect|impact|influence) of (?:the |our )?(?:price|prices|pricing)\b"
        # "what did the price change do to sales?", "what did our price increase do?"
        r"|\bwhat (?:did|does|will|would) (?:the |our |a |that )?(?:price|prices|pricing)(?: \w+)? do\b")),
]


_SPEND_TALK = re.compile(r"\b(?:spend\w*|budget\w*|money|media|campaign\w*|flight\w*|bursts?|ads?|advertising|activity)\b")


# "the projected sales delta from tripling Social", "predict sales if Digital +50%": a forecast of a change to a
# channel is a what-if (the model's job), not a forecast of sales as they will be
_CHANGE_WORD = re.compile(r"^(?:tripl|doubl|quadrupl|halv|cut|increas|rais|boost|reduc|slash|paus|stop|scal|grow|lower|"
                          r"drop|decreas|trim|lift|add|remov|kill|ramp)\w*$")
CHANGE_REACH = 3   # words between the change and its channel ("tripling our Social spend")


_BREAK_EVEN = re.compile(r"\bbreak\w* even\b|\bbreakeven\b|\bprofitab\w*|\bpay\w* (?:back|off|for (?:itself|themselves))\b")


def _changes_a_channel(lx: Lexed) -> bool:
    at = [k for k, t in enumerate(lx.toks) if t.kind == "ch"]
    near = {j for k in at for j in range(k - CHANGE_REACH - 1, k + CHANGE_REACH + 2) if 0 <= j < len(lx.toks)}
    return any(lx.toks[j].kind == "pct" or (lx.toks[j].kind == "w" and _CHANGE_WORD.match(lx.toks[j].text))
               for j in near)


def extract_limit(lx: Lexed) -> Limit | None:
    """The first out-of-scope request the question makes, with the channels it names (for the nearest answer)."""
    surface = " ".join(t.text if t.kind == "w" else ("NUM" if t.kind == "num" else t.text) for t in lx.toks)
    for kind, pat in _PATTERNS:
        if kind == "timing" and not (any(t.kind == "ch" for t in lx.toks) or _SPEND_TALK.search(surface)):
            continue   # about spend: "delay the board pack until Friday" is not a flight moved in time
        if kind == "forecasting" and _changes_a_channel(lx):
            continue
        if kind == "profit_and_loss" and (any(t.kind == "pct" for t in lx.toks) or _BREAK_EVEN.search(surface)):
            continue   # "which channels pay off at a 40% gross margin?", "is TV profitable at our gross margin?": a
                       # channel's break-even (answered, asking for the margin when none is stated)
        if pat.search(surface):
            return Limit(kind, tuple(dict.fromkeys(str(t.value) for t in lx.toks if t.kind == "ch")))
    return None


def limit_patterns() -> list[str]:
    """Pattern sources, so their words become typo-correction targets ("pacing" is not "paying")."""
    return [p.pattern for _, p in _PATTERNS]
