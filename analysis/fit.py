"""Estimate the marketing-mix model: learn each channel's carry-over and saturation, then OLS.

Method (chosen by measurement on ground-truth scenarios; `python benchmarks/bench_fit.py`):
every channel has a grid of candidate transforms (adstock decay x Hill half-saturation x Hill
shape). Scoring a candidate is one least-squares projection (Frisch-Waugh: residualise sales
and the candidate on every other regressor, then one dot product), so all candidates of a
channel are scored at once. Rather than keep the single best candidate, which is unstable when
many transforms fit almost equally well, each channel's curve is the likelihood-weighted blend
of its candidates (a posterior over the grid, with weakly informative priors that favour a
half-saturation near typical spend and a shape near 1), updated channel by channel until it
settles. Media coefficients are non-negative: a channel whose effect comes out negative is
reported as not measurable and dropped from the fit. The final fit is statsmodels OLS on the
blended curves, so coefficients carry standard errors. Each channel's 90% contribution
interval comes from the same posterior: a mixture over candidate transforms of the
coefficient's sampling distribution, so it covers transform uncertainty too.

Narrow data pools coefficients too (session 6, `FitConfig.narrow_pool_mode="both"`, spread floor
`narrow_pool_spread=0.6` x pooled ROI): before, the pooled-ROI prior only re-weighted the candidate
curves, so an always-on channel whose level trades with the intercept kept its raw coefficient
(short_promos seed 1: Display fitted at 7.4x its true contribution, interval 1,002-16,693). Single-
channel what-if error, median across the six classes (`benchmarks/bench_decisions.py --seeds 5
--no-timing --seed-offset N`), curves only -> both, offsets 0/10/20/25/30/35/40: 0.232 -> 0.252,
0.294 -> 0.229, 0.238 -> 0.198, 0.283 -> 0.221, 0.362 -> 0.301, 0.244 -> 0.207, 0.348 -> 0.272 (noisy
class 0.39-1.00 -> 0.29-0.44); what-if coverage 88-95% -> 90-97%, ROI coverage 88-95% -> 89-93%;
plans' real gain inside their interval 87-97% -> 93-100%, losing plans 5 -> 3 over the seven sets, but
plans move less (summed real gain / best gain 0.36-0.55 -> 0.32-0.49 on six sets, 0.22 -> 0.23 on
offset 40). `bench_fit.py`: median 0.219 -> 0.207, mean 0.242 -> 0.222, coverage 90% -> 95%, sample
0.119 -> 0.126 (5/5 inside). The floor 0.6 rather than wide data's 0.4: with 0.4 `bench_fit.py`
gives median 0.228 and the sample 0.141 (4/5 inside); what-ifs hardly depend on the floor (0.4 / 0.5 /
0.6 / 0.8: offset 0 0.254 / 0.253 / 0.252 / 0.250, offset 25 0.207 / 0.221 / 0.221 / 0.222), while
`bench_fit.py` median / mean / sample go 0.228 / 0.229 / 0.141, 0.217 / 0.222 / 0.132, 0.207 / 0.222 /
0.126, 0.197 / 0.232 / 0.118. `narrow_pool_mode="shape", narrow_pool_spread=0.4` restores the old rule. Measured in session 7 and not
adopted: weighing an always-on channel's pooled prior against its coefficient's own error instead of
its (much wider, level-driven) contribution interval, so the slope the data pin is shrunk less: what-if
error at offset 10 0.229 -> 0.231 (noisy 0.365 -> 0.411, entangled 0.151 -> 0.191, clean 0.118 -> 0.109).

Rejected (session 6, code removed in session 7): empirical-Bayes priors on decay and half-saturation learned
from the dataset's own channels (type-II maximum likelihood) took the single-channel what-if error from 0.232 to
0.231-0.261 at offset 0 and from 0.283 to 0.319-0.325 at offset 25 (three variants), because with 5-6 channels
the learner always picks the narrowest prior and one slow channel is outvoted by its fast neighbours.

Intervals where the model feels sure (session 8, `MIN_EFFECTIVE_CURVES`, see _resolved): on long, clean data
the likelihood is sharper than the curve grid, so a channel's posterior sat on 1-5 grid points and its
interval held only their coefficient error. The contribution interval and the what-if ranges' data-only
curves now spread it over at least 8 grid points; estimates, plans and the posterior the plans' draws read
do not change. Clean class (`bench_decisions.py --seeds 5 --ceiling --no-timing [--seed-offset N | --module
M] --classes clean`), ROI / what-if coverage first -> final: offset 0 92/84% -> 96/86%, 10 92/96 -> 92/100,
25 100/92 -> 100/96, 45 80/92 -> 84/94, 55 96/93 -> 100/93, 60 84/94 -> 88/99, blind set 80/87 -> 83/93,
second blind set 79/81 -> 79/81 (its misses are pooled channels and fits that are off, not a collapsed
posterior). Whole sets (offsets 0 / 55 / 60, both blind sets): every plan and every what-if estimate
unchanged; the only other class that moved is the blind set's entangled (ROI 90 -> 93%). Measured and not
adopted: spreading the plans' posterior too (offset 55 clean: one plan's real gain, 1,854, fell below its
new interval 1,986-3,995; predicted/real 1.41 -> 1.56; offset 25 clean capture 0.35 -> 0.21); 4 grid points
instead of 8 (with the plans' posterior spread too; what-if coverage blind set 89% against 93%, offset 0 85%
against 87%); a pooled channel's interval as the hull of its own range and the range moved with the pooled
estimate (blind set ROI coverage 89% -> 95%, but channels whose own range reaches zero turn unmeasurable and
plans move less: net real gain 13.24 -> 10.45 best gains, capture median 0.50 -> 0.00).

Rejected (session 8): a half-saturation grid reaching below 0.15x spend. The three plans that still lost
(deep_saturation 4501 and 4601, and 401 of data.hard_scenarios_blind) are not curve-grid errors
(`benchmarks/fit_profile.py`'s oracle check): given the TRUE curves, the regression itself puts 4601's
Display at 4.4 +- 1.8x its true coefficient and 4501's Search at 2.2 +- 0.7x (noise), and 401's true curves
fit only 0.7 nats worse than the fitted ones (the data cannot rule either out); 4601's Search, fitted at
0.9x spend against a true 0.14x, has the right next dollar (0.36 vs 0.35), only its level goes to the
intercept, which no plan uses. Ratios (0.07, 0.1, 0.15 ... 4.0, 6.0): offset 45 net real gain 10.25 ->
10.09 best gains (4501 -0.05 -> +0.03, 4601 -0.25 -> -0.24), hard_scenarios_blind 13.24 -> 13.02 (401 -0.43
-> -0.42); bench_fit.py median 0.207 -> 0.209, coverage 95% -> 94%. Adding only 0.07 and 0.1: offset 45 10.25
-> 10.18 (same two losses), hard_scenarios_blind capture median 0.50 -> 0.39, net 13.24 -> 12.65,
hard_scenarios_blind2 11.85 -> 11.64; bench_fit.py median 0.207, mean 0.222 -> 0.217. The Hill shape grid already reaches 3.0
(401's S-shaped Online Video is truly 1.9); a shape prior twice as wide moved its fitted next dollar 0.40 ->
0.41 (true 0.91).

Measured in session 9 and not adopted (what-if error on hard data, issue 10 item 4). Diagnosis first: on
short_promos and noisy the error is the channels' LEVELS, not their curves (offsets 0-75, 80 datasets per
class): scaling each fitted contribution to the true one takes the error from 0.258 to 0.213 and from 0.360
to 0.226, the fitted elasticities are within 1-8% of the truth, and total media is right (fitted / true 0.94,
1.05); pooling moves level from high-ROI Search (0.69x / 0.62x its true contribution) to low-ROI Print and
Display (1.55-1.75x). Given the TRUE curves, least squares misses by about as much or more
(`benchmarks/fit_profile.py --whatif-floor`; offset 65: short_promos 0.387, noisy 0.489, deep_saturation
0.301 against the engine's 0.391 / 0.357 / 0.278), so these classes sit at the coefficients' noise floor and
only shrinkage helps. The exception is deep_saturation's Search: 0.43x its true contribution and 3.1x its true
elasticity for a 10% move (its curve's top is the priors': on 6501 the data favour a half-saturation below
0.15x spend by ~2 nats, the half-saturation prior favours 1x by 1.8, and the fit lands at 1.1x): there the
engine is above the floor (0.28-0.44 against 0.16-0.30), the one class a curve change could still mend. Single-
channel what-if error per class (short_promos / entangled / noisy / deep_saturation, median of 5 seeds),
offset 0 and data.hard_scenarios_blind2 offset 0, current 0.299/0.187/0.332/0.385 and 0.339/0.306/0.441/0.227:
  * Huber weights on the weeks in the final fit (IRLS, c = 1.345, prior rows unweighted): median across the
    six classes offset 0 0.252 -> 0.243 (deep_saturation 0.385 -> 0.344), blind2 offset 0 0.267 -> 0.276
    (clean 0.174 -> 0.191, entangled 0.306 -> 0.319), offset 65 0.252 -> 0.255; c = 2.0: 0.250 / 0.272 / 0.255.
  * coefficients pooled, curves not (`narrow_pool_mode="coef"`): 0.364/0.222/0.282/0.348 and 0.500/0.399/
    0.478/0.345 -- deep_saturation better on one set only, short_promos and entangled worse on both.
  * no pooling: 0.291/0.127/0.524/0.374 and 0.649/0.438/0.643/0.426.
  * a half-saturation prior 1.5x as wide (`saturation_prior_sd=1.5`): 0.292/0.189/0.341/0.382 and
    0.367/0.324/0.453/0.233.
  * the pooled-ROI prior kept off an always-on channel's curves (its coefficient still pooled), so the prior
    on a level the data cannot pin does not choose the slope they do: short_promos 0.366 and 0.504, noisy
    0.289 and 0.479, deep_saturation 0.331 and 0.337.

Entangled channels (session 10, narrow data; ENTANGLED_SPEND, POOL_JOINT, see _pair_posterior): two channels whose
weekly spend correlates at 0.9 or more (the readiness check's "move together") have their curves and coefficients
searched jointly for their intervals, and the pooled-ROI prior weighs them against that joint interval. Before, a
channel's interval held every other channel at its fitted curve, so the partner's curve fixed the split the data
cannot make and the interval was narrow around whatever split the search settled on (entangled 9101, TV and Video
at correlation 1.00: TV 1.51x and Video 0.09x their true contributions, both truths outside their intervals; the
plan then lost 0.27 of the best gain at a stated 1% chance). Only datasets with such a pair change (none of the
other five classes of the three scenario sets at offsets 0-90 / 0-15 has one). Entangled class, `bench_decisions.py
--seeds 5 --no-timing --classes entangled`, before -> after: offsets 85, 90 (last session's fresh sets) ROI
coverage 78% -> 94%, what-if error 0.269 -> 0.257 (9101 0.82 -> 0.56), what-if coverage 90% -> 92%, plans' summed
real gain 3.97 -> 4.35 best gains (9101 -0.27 -> -0.02); offsets 0-80 (85 datasets) 89.2% -> 92.7%, 0.218 -> 0.205
(11 of 17 offsets better), 96.0% -> 96.4%, 28.56 -> 29.40 (entangled 1001's loss -0.01 -> -0.05; plans' real gain
inside their interval 99% -> 95%); data.hard_scenarios_blind offsets 0-15 (20) 87.7% -> 92.6%, 0.339 -> 0.331
(7 datasets better, 6 worse; offset 15 alone 0.304 -> 0.330), 95.0% -> 95.0%, 6.45 -> 5.95 (plans move less, none
loses); data.hard_scenarios_blind2 offsets 0-15 (20) 94.2% -> 94.3%, 0.316 -> 0.315 (7 better, 4 worse), 97.3% ->
97.5%, 3.82 -> 3.57. `bench_fit.py`: median 0.207, coverage 95% unchanged, mean 0.222 -> 0.219 (collinear#33 0.179
-> 0.136). The pair search costs about 10 ms. Measured and not adopted: the pair's CURVES from the joint posterior
too (each member's blend summed over its partner's curves): offsets 85, 90 what-if error 0.269 -> 0.183, but against
the intervals-only rule it was better on 30 and worse on 28 of 58 datasets at offsets 0-55 (median 0.198 -> 0.195),
moved fewer plans (capture median at 85, 90 0.36 -> 0.15) and undid the flighted shared shape's gain on entangled
201 (`tests/test_flighted_whatif.py`). Known cost: `MMMFit.media_interval` takes each channel's curve uncertainty as
independent, so a pair's two wide intervals widen the media total's (9101: 18.5k-25.6k -> 11.5k-29.4k, truth 22.8k).

deep_saturation above its floor (session 10, diagnosis; no change). Per dataset, engine against the what-if floor
(`fit_profile.py --whatif-floor`), medians: data.hard_scenarios offsets 0, 30, 60, 85, 90 0.199 against 0.293 (above
it by more than 0.05 on 4 of 25), blind2 offsets 0, 15 0.239 against 0.434 (2 of 10), but the first blind set's
offsets 0, 15 0.276 against 0.116 (8 of 10). Where it is above, the saturated channel's half-saturation is fitted
2.5-8x too high and its what-ifs overstated (deep_saturation 301 Search: error 0.27 of a true share of 0.22; blind 401
Search 0.27 of 0.36), yet the data do not prefer the true curve: Search's profile over the half-saturation ratio is
flat within 0.4 nats from 0.05x to 4x spend on 401, 9201 and 9301 (1.5 nats on 201; the prior's own slope is 1-4
nats there), and the true curves fit 0.0-0.6 nats worse than the fitted ones (blind 401: 0.12; blind 1601's Radio
4.3 nats worse). The curve's top is the half-saturation prior's, so only a prior that expects saturation would move
it; the wider prior was rejected in session 9 and a prior tuned to this class would be tuned to its generator.

Session 11 (narrow data; SATURATION_HULL, see _saturation_reach; pair sums, see _PairGrid and MMMFit.media_interval).
A channel's contribution interval now reaches up to the 95th percentile, under the pooled-ROI prior, of every
half-saturation ratio its data cannot tell from the best (profile log likelihood within 1.35 nats, the one-parameter
90% likelihood-ratio set); its lower end and every estimate, plan and what-if stay as they were. ROI coverage
(true contribution inside the interval; mean width / truth; channels measurable), per-channel over the five seeds
of each offset, before -> after: deep_saturation offsets 95, 100, 105 83% -> 89% (1.96 -> 2.06; 65 -> 65), offset
80 88% -> 92% (1.89 -> 1.98; 22 -> 22); the other five classes at offset 85 89% -> 94% (2.45 -> 2.64; 103 -> 103).
`bench_decisions.py --seeds 5 --ceiling --no-timing --offsets 80,85,90`: ROI coverage 92% -> 94% (deep_saturation
88 -> 92, entangled 95 -> 99, clean 91 -> 96, long_carryover 89 -> 92), every plan and what-if figure identical;
`bench_fit.py --quick`: median 0.207, mean 0.219 unchanged, coverage 95% -> 96%. Measured and not adopted, same
figures: the hull of each allowed ratio's own 90% interval on its data alone, 88% -> 100% (1.89 -> 5.13) and 89% ->
95% (2.45 -> 7.21; measurable 103 -> 101): the flattest curves leave the level to the intercept, so their own ranges
run to many times the truth; the same only on the side the data lean to, 96% (4.06) and 95% (5.96); the posterior
without the half-saturation prior, 88% (2.06): the grid's ratios are mostly the bending ones, so the mixture hardly
moves; the likelihood-ratio set over every curve and coefficient, 100% (23.87); the pooled reach at both ends,
92% (2.06) and 97% (2.79) but measurable 22 -> 17 and 103 -> 76 (offsets 95-105: 92%, 65 -> 55): the prior's
spread alone would call channels unmeasurable. An entangled pair's summed contribution has its own 90% interval
from the pair's joint search (both coefficients' covariance within each pair of curves), and the media total counts
it instead of the two members' split ranges when narrower: entangled offsets 0-70 (40 datasets) truth inside 40 ->
39, mean width / truth 0.876 -> 0.649; data.hard_scenarios_blind offsets 0-15 (20) 20 -> 19, 0.921 -> 0.753;
data.hard_scenarios_blind2 offsets 0-15 (20) 19 -> 18, 1.048 -> 0.932. Measured and not adopted (issue 10 item 2):
a week next to a one-off week flagged too past 2.5 robust SDs (a two-week promotion): data.hard_scenarios_blind2
short_promos offsets 0, 5, 10 what-if error median 0.339 -> 0.339, seed 301 0.540 -> 0.573. Most of that class's
promotions sit 2.5-3.2 robust SDs out in the first fit, as far as ordinary weeks reach (largest other week per
dataset 2.3-3.4), so no threshold separates them.

Session 12 (narrow data; REACH_PRIOR, see _saturation_reach and _lognormal_reach). Deep saturation's misses are the
heavy always-on channel's truth ABOVE its range (Search fitted at a half-saturation 8-10x the true one, truth 1.01-
1.49x the top): the flat curves the data allow leave its level to the pooled prior, and a normal prior with sd 0.6x
its centre says a channel never earns more than about twice the pool's ROI. ROIs are positive and skewed, so the
reach of the largest always-on channel now uses a log-normal prior with the same mean and sd (each curve weighed by
that prior's evidence). Only that channel's upper end moves; estimates, lower ends, "measurable", plans and what-ifs
stay. Per channel, truth inside / mean and median width over truth, normal -> "largest_on" -> "always_on" (every
always-on channel): deep_saturation, data.hard_scenarios offsets 110-120 66/75 (2.17, 1.39) -> 67/75 (2.17, 1.39) ->
68/75 (2.22, 1.41); data.hard_scenarios_blind offset 25 20/24 -> 22/24 -> 22/24; data.hard_scenarios_blind2 offset 25
24/27 -> 24/27 -> 24/27. The other five classes at offsets 110-120, median width: short_promos 2.28 -> 2.55 -> 2.85,
entangled 2.20 -> 2.40 -> 2.67, clean 1.52 -> 1.59 -> 1.97, long_carryover 1.80 -> 1.88 -> 2.28 (coverage 93/96/91/95/91%
-> 93/96/91/95/92% -> 94/97/91/95/92%): "always_on" widens them for one channel's coverage each. Compare with
`bench_decisions.py --set analysis.fit.REACH_PRIOR=normal` WITHOUT --fit-cache (the cache is keyed by the sources,
not by --set).
Measured and not adopted (s12, what-if error on data.hard_scenarios_blind2 offset 25, median across classes 0.380;
per class short_promos / entangled / noisy / clean / long_carryover / deep_saturation 0.380 / 0.433 / 0.430 / 0.178 /
0.314 / 0.380): the spread floor 1.0 instead of 0.6 (`narrow_pool_spread`), 0.375 (0.404 / 0.448 / 0.398 / 0.185 /
0.343 / 0.352); a decay prior Beta(1, 5) for every channel, 0.364 (0.361 / 0.400 / 0.404 / 0.173 / 0.366 / 0.354;
ROI coverage long_carryover 86 -> 82%, deep_saturation 89 -> 85%); Beta(1, 6) only for always-on channels (their
fitted decay 0.5-0.9 against a true 0.1-0.35 on 9 of the set's worst channels), 0.366 (0.373 / 0.418 / 0.442 / 0.176
/ 0.306 / 0.359; deep_saturation ROI coverage 89 -> 85%). None is clear of the seed-to-seed noise. Where the error
sits (30 datasets): the always-on channels' LEVELS (high-ROI Search and Affiliate fitted at 0.4-0.6x their true
contribution, low-ROI Display, Radio, Print at 2-3.5x), as session 9 found on the first set.

Session 13 (narrow data; what-if error on the third blind set, issue 10 item 4). Diagnosis of
data.hard_scenarios_blind2 deep_saturation offset 30 (what-if error 0.641; seeds 3001, 3201, 3301, 3401 at 0.64,
0.79, 0.37, 0.77): the error is the ALWAYS-ON channels' slopes, not increases past saturation or cuts below seen spend
(each channel's error is about the same share at every percentage, cuts and rises alike). The heavy saturated channel
(Social 3001 and 3401, Search 3201; true half-saturation 0.09-0.14x mean spend, below the grid) is fitted at 1.3-1.5x
spend and its what-ifs 2.2-5x the truth (54%, 43%, 44% of those datasets' error), and the other always-on channels trade
with it (3201 Social 0.26x, 3301 Social 0.3x, 3001 Display 3.5-4x). The data do not pin those slopes: the profile over
the half-saturation ratio (0.03-4x, `_posterior` given the other fitted curves) is flat within 0.7-1.2 nats, and the
data's own slope for +10% is 2-4x the truth at EVERY ratio on 3201 and at most ratios on 3001 and 3401 (3301's Social:
not positive at all), so neither the ratio prior nor the grid moves it; the what-if intervals hold the truth 98% of
the time there (the misses: 3201 Search at 7 of its 8 percentages). A more flexible baseline (a kink in the trend every 26 weeks) took the long
decay's (0.9) slope off 3201's Search (1.7e6 -> 8.1e5 for +10%, true 4.4e5) but made 3001 and 3401 worse. Measured
and not adopted (`bench_decisions.py --seeds 5 --ceiling --no-timing --module data.hard_scenarios_blind2 --classes
deep_saturation --seed-offset 30`): no half-saturation prior for always-on channels 0.627, its sd 2.0 0.630; a decay
prior Beta(1, 6) for always-on channels 0.589, but on the other five classes at offset 30 median 0.300 -> 0.298
(noisy 0.427 -> 0.504, long_carryover ROI coverage 87 -> 84%) and on deep_saturation offsets 0-25 0.324 -> 0.324.
An always-on channel over-credited with a long carry-over (issue 10 item 2) is in the same set: clean 3401's CTV,
fitted decay 0.73 against a true 0.49, every what-if about 2x the truth and outside its interval, while the flighted
OOH, Radio and Podcast are fitted at 0.45-0.6x. Its likelihood prefers decay 0.8 by 8 nats over the true 0.49 given the
other curves: the generators' baseline is trend x (1 + season), a season whose swing grows with sales, which the
additive trend + Fourier baseline misses and a slow, smoothed always-on channel absorbs. SEASON_GROWS adds each
Fourier term times the trend; "on" (`--set analysis.fit.SEASON_GROWS=on`), what-if error median across classes / ROI
coverage / what-if coverage / capture median / net real gain, before -> after: blind2 offset 30 0.318 / 91% / 93% /
0.07 / 10.97 -> 0.263 / 93% / 96% / 0.05 / 10.22 (short_promos 0.249 -> 0.242, entangled 0.336 -> 0.249, noisy 0.427
-> 0.370, clean 0.220 -> 0.147 and what-if coverage 78 -> 86%, long_carryover 0.300 -> 0.278, deep_saturation 0.641 ->
0.662); data.hard_scenarios offset 130 0.220 / 91% / 94% / 0.36 / 11.60 -> 0.197 / 95% / 96% / 0.07 / 8.95; the first
blind set offset 30 0.229 / 88% / 94% / 0.58 / 15.67 -> 0.216 / 91% / 94% / 0.47 / 14.58 (short_promos ROI coverage
83 -> 80%, one plan's real gain outside its interval). No plan lost either way, but plans move less, and
`bench_fit.py --quick` (whose baselines have a fixed swing) goes 0.209 -> 0.221 (collinear 0.136 -> 0.216), so it is
off. "bic" adds the columns only when the first fit's BIC favours them (`--set analysis.fit.SEASON_GROWS=bic`, without
--fit-cache): `bench_fit.py --quick` unchanged (0.209, 96%, sample 0.126: never added); data.hard_scenarios offset 130
every figure identical; blind2 offset 30 median 0.318 -> 0.318 (clean 0.220 -> 0.147, what-if coverage 78 -> 84%, ROI
coverage 91 -> 88%; net 10.97 -> 11.03); first blind set offset 30 0.229 -> 0.217 (long_carryover 0.231 -> 0.206; net
15.67 -> 15.33). A small gain where it acts, nothing lost elsewhere; left "off" only because the whole test suite has
not been run with it (the sample never adds the columns, so its figures would not move).

Session 14: SEASON_GROWS "bic" was turned on by the session's what-if helper, then back off by the integrator on the
session's unseen sets (decisions offsets 155-165 and both blind sets at 40, merged tree against 388bd74; "on", the
unconditional variant, is gone and reads as "off"). It fired on seven of the 150 unseen datasets: what-if error per
dataset offsets 16401 (deep_saturation) 0.222 -> 0.448, 16001 (clean) 0.088 -> 0.115; first blind set clean 4201 0.130
-> 0.075, 4301 0.101 -> 0.097; third blind set clean 4201 0.227 -> 0.221, 4401 0.116 -> 0.108: summed +0.18 worse;
what-if coverage summed -0.27 (16401 100 -> 80%, blind2 4201 91 -> 79%, 4401 86 -> 73%, blind 4301 80 -> 100%); the
offsets set's median across classes 0.245 -> 0.251 (over its 0.25 target). Capture moved up a little where it fired
(blind clean 4301 0.76 -> 0.99). The figures below are the helper's, on allowed sets. Where it acts: on 150 allowed datasets
(data.hard_scenarios offsets 140-150, both blind sets at 35) and 120 more (blind sets 20 and 25, offset 100) its BIC
added the columns only in the blind sets' clean class (the generators whose season grows with sales: 9 datasets;
elsewhere seen once in another class, blind long_carryover 3401), so every other figure is identical; `bench_fit.py --quick`, the sample and the wide exports never add them.
`bench_decisions.py --seeds 5 --ceiling --no-timing --classes clean --module data.hard_scenarios_blind(2)
--seed-offset N`, what-if error / what-if coverage / capture per firing dataset, off -> bic: blind 35: 3501 0.163 /
90% / 0.58 -> 0.150 / 75% / 0.86, 3801 0.052 / 100% / 0.98 -> 0.059 / 100% / 0.94, 3901 0.108 -> 0.091; blind2 35:
3701 0.201 / 67% / 0.60 -> 0.092 / 100% / 0.98, 3801 0.125 / 100% -> 0.092 / 83%; blind2 20 and 25 (never tuned on):
2201 0.148 / 0.95 -> 0.153 / 0.82, 2401 0.070 / 0.85 -> 0.074 / 0.63 (ROI coverage 5/5 -> 4/5), 2501 0.185 / 100% ->
0.196 / 88%, 2701 0.214 / 60% -> 0.187 / 100%. Summed over the nine: what-if error 1.266 -> 1.094, what-if coverage
8.17 -> 8.46, capture 7.85 -> 8.15; the two worst coverages (60%, 67%) are fixed, three others drop to 75-88%; no plan
loses either way. On the never-tuned sets alone it is about even (error 0.617 -> 0.610, coverage 3.60 -> 3.88,
capture 3.70 -> 3.38): the growing season is a real part of those generators' baselines, so the model now has it,
but the gain in what-if error is small where the always-on channel had not absorbed the swing.

Session 14, diagnosis (no change). Deep saturation's ROI coverage (first blind set at offset 35: 23/29, 79%) is a
small sample of a steady ~90%: fits only, deep_saturation, blind offsets 20-35 94/105 (90%), blind2 20-35 112/122
(92%), data.hard_scenarios 120-150 90/100 (90%). Of the 31 misses, 21 have the truth above the top (17 of them the
saturated Search, true ROI 1.95-3.99, by 1.01-1.53x, once 2.59x), 10 below the bottom (true ROIs 0.30-0.80, by
0.39-0.99x): both the pooled-ROI prior's pull, on levels the data leave free. Measured on those 60 datasets
and not adopted (coverage blind / blind2 / hard; mean width / truth; measurable channels), base 90/92/90%; 1.76/2.78/
1.87; 92/84/89: a half-saturation ratio 0.1 added to the grid 90/92/90% (the true ratios 0.09-0.25 lie where the
profile is flat, so the top stays the prior's); REACH_PRIOR "always_on" 90/92/94%, 1.84/2.92/1.96; the upper end also
at the own-data interval's top (not only the pooled, shifted one) 91/92/90%, 1.81/3.02/1.96; both ends the hull of the
own-data and shifted intervals 93/96/91% but measurable 67/43/65. The what-if error of the noisy and short_promos
classes (data.hard_scenarios offsets 140-150, 15 datasets each, median per dataset 0.366 and 0.265): noisy's comes from the flighted TV (37% of it, own error 0.33, truth inside 100/120: its decay fitted
0.16-0.43 against a true 0.48-0.63 on the misses, with 12% noise the decay prior wins) and the always-on Search (29%);
short_promos' from the always-on channels (67%; Search 40%), every always-on what-if's truth inside its interval
(304/304). Each channel's error is a level error (est / truth about constant across -50..+50%), not a shape error.

Session 15 (narrow data; SEASON_RANGE, see season_alternative). What-if ranges also hold the draws (its own posterior's
and its data-only curves') of the fit whose season grows with the trend, where its BIC is at most 2 ln 19 above the
plain fit's (the data cannot rule it out at odds of 1 in 19); estimates, plans, ROIs and contribution intervals do not
move. Per class what-if coverage (mean over datasets), per-channel single what-ifs at +-10/20/30/50% as
bench_decisions.py scores them, before -> after: data.hard_scenarios_blind2 clean offsets 30 / 35 / 40 78 / 87 / 93% ->
84 / 93 / 94% (ranges x1.10 / 1.06 / 1.05 on the datasets it fires on, 7 of 15), every other class unchanged (it fires
on 5 of 75 there, ranges x1.00-1.14); first blind set clean offsets 35 / 40 93 / 89% -> 95 / 94%, no class lower.
What-if error identical. Offsets 155-165 (it fires on 4 of 90) and blind2 offset 20 (not looked at while choosing the
rule; 3 of 30): every class's coverage as before (offsets 92-100%, blind2 94-100%). Measured and not adopted: the
alternative always held (blind2 offsets 30-40: clean 78 / 87 / 93% -> 86 / 96 / 96%, long_carryover 85 -> 96% at 30,
but every class's ranges x1.06-1.39 where coverage was already 93-100%); spreading the data-only curves over 16 or 32
grid points instead of 8 (clean 78 -> 78% / 83% at 30: the data favour the wrong curves by several nats, so a wider
grid posterior does not reach them); residual autocorrelation as the signal (Durbin-Watson 1.5-2.2 on the clean misses:
the curves absorb the misfit, the residuals stay white). Priors are not the cause of the clean misses: without the
decay, shape and half-saturation priors (or without pooling) 3601's TV -20% stays at 0.72x the truth and 3401's OOH at
0.43-0.61x. Where the what-if error of blind2 offsets 30-40 sits (90 datasets): always-on channels carry 58-74% of it
in every class; cuts and rises alike (49-56% from cuts); mostly UNDER-statement (over-statement 24-48% of it), except
the deep_saturation class's saturated channel, fitted at a half-saturation of 1.3-1.5x spend and its what-ifs 1.9-8x
the truth (Social 3001, 3401, 3801; Search 3201, 3501).

Session 16 (narrow data; diagnosis and four measured "no"s, no estimate changed). Per kind of channel
(`benchmarks/fit_vs_truth.py`: fitted against true decay, half-saturation ratio and shape, and each channel's share
of the single-channel what-if error), data.hard_scenarios_blind2 offset 0 (30 datasets): channels on air every week
carry 52-87% of the error in five classes (entangled 29%, where the half-on pair carries 64%); channels on air in
50-99% of weeks are fitted with too short a carry-over (median fitted - true decay -0.05 to -0.30) and too flat a
shape (0.83-0.97x), always-on ones with a half-saturation 1.18-1.58x the truth. The worst always-on misses are a long
decay fitted where the truth is short (noisy 1 Search 0.84 against 0.08, est/true 0.18; short_promos 401 Display 0.87
against 0.27, 6.5x; entangled 201 Display 0.87 against 0.35, 3.7x): under every short curve the channel's coefficient
comes out at zero, and the blend (posterior weight x coefficient) is made of the few long-decay curves with a
positive one, which soak up smooth baseline misfit. Handing that channel its posterior's own curves (when 90% or more
of its posterior has a zero coefficient, that share of the blend's shape following the posterior weights) mends it
(noisy 1 Search est/true 0.18 -> 1.03) but the smooth part then goes to the other always-on channels (Display, CTV,
Radio contributions 5-11x the truth; the dataset's error 0.609 -> 1.684, 2.449 if every channel's zero share is
mixed): not pursued. Last session's named losing plans (still -0.30 and -0.04 best gains at a2be46b; 16001 now gains
0.74) are the data's own choice, not the priors': data.hard_scenarios 15001's Radio (decay 0.14 against 0.33; the
data prefer decay 0 over 0.33 by 0.7 nats, the true curves fit 0.85 nats worse) and blind2 entangled 3801's TV (shape
1.04 against 1.91; true curves 1.01 nats worse), and neither moves under any prior below (Radio decay 0.13-0.24, TV
shape 1.06-1.08). Measured and not adopted, each a grid prior for one kind of channel, what-if error per dataset
paired against the default (mean change +- its standard error; `bench_decisions.py --seeds 5 --ceiling --no-timing
--module data.hard_scenarios_blind2 --seed-offset 0`, held out `--seed-offset 20`):
  * decay prior Beta(1, 2) for channels off air in some weeks: +0.0015 +- 0.0093 over both sets (60; tuning median
    across classes 0.245 -> 0.284, held out 0.336 -> 0.295: the two sets disagree, so it is seed noise); net real gain
    12.45 -> 12.55 and 13.85 -> 13.69 best gains; deep_saturation ROI coverage 86 -> 82% on the tuning set.
  * the Hill-shape prior's sd 1.0 instead of 0.5 for those channels: +0.0052 +- 0.0037 (30), median 0.262, net 12.51.
  * both (Beta(1, 1.5) and sd 1.0): +0.0210 +- 0.0124 (short_promos +0.063), median 0.286, in-90 100 -> 97%.
  * the half-saturation prior centred on 0.7x typical spend for always-on channels: +0.0005 +- 0.0037, median 0.262
    (deep_saturation 0.227 -> 0.255), net 12.22.

Wide data (issue 15): controls are ridge-shrunk with the penalty chosen by blocked CV
(analysis.controls); on 8+ channels or 10+ controls the pooled-ROI prior shrinks the coefficients
always (whatever `narrow_pool_mode`) with the spread floor `min_pool_spread`; under coefficient pooling
a channel dropped for a negative raw effect is put back under that prior (never called measurable;
see _readmit); and when the baseline goes negative or media exceeds sales, the linear
coefficients are re-fitted within those limits (analysis.limits) and a warning says so. Session 7:
on wide data each candidate curve is scored by the likelihood over the weeks left after the other
regressors' parameters (n - p, REML-style; `FitConfig.residual_evidence`, see _residual_rows), not
over every week. `bench_wide.py`, 18 tuning exports (seeds 11..132, six 104-week): ROI error median /
mean 0.352 / 0.360 -> 0.340 / 0.351, mean |media-share gap| 5.02 -> 4.72 points (over 5 points: 8 -> 7);
16 exports 1212..2323: 0.291 / 0.342 -> 0.293 / 0.311, 4.36 -> 4.37 (6 -> 7), worst gap 16.2 -> 11.6.

Session 9 (wide data only, WIDE_POOLED_INTERVAL = "low"; see _pooled_interval): a pooled channel's lower
bound stays at or below its own data's, so the pooled prior alone never makes a channel measurable. Estimates
do not move. `bench_wide.py --no-timing --no-sibylhe`, "shift" -> "low": true contribution inside the 90%
interval / channels measurable / measurable with the truth outside their interval - seeds 11..132 (+6 at 104
weeks) 195 -> 201 of 207 / 94 -> 52 / 12 -> 6; 1212..3232 step 101 (+7 at 104 weeks) 305 -> 320 of 328 / 132 ->
62 / 22 -> 7; blind 1-9 (+7 at 104 weeks) 105 -> 112 of 113 / 61 -> 32 / 8 -> 1. Media 90% interval width
+0.1 to +0.6 points. The hull of the data-only and moved ranges (raising the upper bound too) gave 323 of 328 /
62 / 5 on 1212..3232 but widened the media interval by 4.6 points: not adopted. What the exports can tell
(bench_wide's second table): with the TRUE curves, the kept controls and the pool's centre and spread learned
from the data, the ROI error is 0.407 median on 3030/3131/3232 (+3131 at 104 weeks), against this estimator's
0.396; only a prior centred on the true pooled ROI gets 0.348 (expected 0.327) - the target 0.30 is out of
reach on those exports for an estimator that does not know the answer. Measured and not adopted: a decay prior
Beta(1, 2) or Beta(1, 4) instead of Beta(1, 3) (median / mean ROI error, mean |media-share gap|, seeds 11..132,
1212..3232, blind 1-9 as above): 0.329 / 0.343, 4.09; 0.309 / 0.357, 5.50; 0.350 / 0.351, 3.84 became 0.341 /
0.373, 4.93; 0.325 / 0.350, 5.00; 0.375 / 0.380, 4.69 with Beta(1, 2), and 0.309 / 0.350, 4.82; 0.320 / 0.361,
6.02; 0.303 / 0.336, 3.27 with Beta(1, 4) (better on the blind generator, worse on the first's media share).

Session 10 (wide data only, WIDE_POOL_CENTRE = "huber"; see _pool_centre): the pool's centre is a Huber
M-estimate over the channels with the prior's spread floor in its weights, not DerSimonian-Laird's weighted
mean (whose between-channel spread often comes out 0 on wide data, so the most precise channels set it).
`bench_wide.py --no-timing --no-sibylhe`, 22 exports a set (20 at 208 weeks + 2 at 104), "dl" -> "huber":
median / mean ROI error, mean |media-share gap| (over 5 points), media truth inside its 90% interval -
seeds 11..30 (+11, 12) 0.317 / 0.342, 5.26 (10), 19 -> 0.316 / 0.335, 4.75 (11), 21; blind 1..20 (+1, 2)
0.351 / 0.383, 4.44 (7), 20 -> 0.351 / 0.383, 4.16 (6), 20; 4000..4019 (+4000, 4001) 0.373 / 0.401, 5.81
(12), 18 -> 0.371 / 0.393, 5.18 (11), 20; blind 100..119 (+100, 101) 0.466 / 0.468, 6.51 (15), 18 -> 0.477 /
0.462, 5.94 (13), 17. It helps where one precise channel fitted low holds media down (wide 17: -9.5 -> -7.1
points) and costs where the noisy channels' high raw ROIs now pull harder (blind 17: +3.0 -> +4.8); it
cannot mend wide 3030 (+9.0 points), where every precise channel is high (TV, Radio, Search). Measured and not
adopted, same sets (first two): the weighted mean with the floor alone ("floor"): 0.316 / 0.335, 4.70 and
0.355 / 0.386, 4.22; the weighted median over channels: 0.338 / 0.374, 6.24 and 0.387 / 0.410, 5.37 (the
channels' ROIs are skewed, so the median sits below the pooled ROI); a decay prior learned across channels
by maximum marginal likelihood (type-II ML over the channels' curve likelihoods), Beta(1, b) for b in 0.75-8:
0.317 / 0.350, 5.40 and 0.373 / 0.400, 5.24, and Beta(a, b) cell masses for a in 1-3, b in 1.5-8: 0.317 /
0.346, 5.06 and 0.365 / 0.414, 5.19 - the bursty channels' decay shortfall goes (-0.09 -> -0.03 / -0.02) but
the ROI error does not follow (the learned prior picks Beta(1, 4)-Beta(3, 8): most channels are short and
the long one is outvoted, as on narrow data in session 6); the pooled prior on coefficients only, not on the
curves (pool_mode "coef"): 0.338 / 0.364, 6.10 and 0.443 / 0.439, 4.98, media interval 19 -> 30 points wide.

Session 11 (wide data; diagnosis `benchmarks/wide_diagnose.py`, blind exports 200-219 + 200, 201 at 104 weeks).
Split each export's spend-weighted ROI error into a LEVEL part (every channel off by one factor: media against the
baseline) and a SPLIT part (the error left once the fitted contributions are scaled to the true media total): medians
0.217 and 0.372 against the total 0.424, so the split between channels is the larger source. Across the 256
channels the fitted/true contribution ratio falls with the true ROI (correlation of log ratio with true ROI -0.73:
Paid Search true 2.95 fitted 1.97, Shopping Ads 2.44 -> 1.49, Display 0.53 -> 1.61, Print 0.57 -> 1.47), while the
decay and half-saturation errors do not predict it (correlations 0.00 and 0.07): it is the pooled prior pulling
every ROI to one centre, not the curves. The pool's spread sits at its floor (0.4 x centre) on every export
checked, against a true between-channel sd of 0.53-0.77 x the mean, and the centre itself is far off where media
is (0.87 against a true pooled 1.65 on 202, media -13.3 points; 2.62 against 1.50 on 207, +17.8). Controls
matter less: told which controls truly move sales, the engine's median is 0.415 (better on 207 1.04 -> 0.76, 218
0.82 -> 0.59, 208 0.47 -> 0.27, worse on 203, 210, 211, 216); without the controls' ridge 0.442.
Adopted (WIDE_CENTRE_UNCERTAINTY, see _pool_shift): the media total's interval also holds the pool centre's own
standard error, which every pooled channel shares. Estimates do not move; `bench_wide.py --no-timing --no-sibylhe`,
media truth inside its 90% interval / mean width: 5000-5019 (+5000, 5001 at 104 weeks) 22/22, 23.4 -> 22/22, 27.0
points; blind 200-219 (+200, 201) 19/22, 23.6 -> 21/22, 28.2 points.
Measured and not adopted, same two sets (median / mean ROI error, exports with media over 5 points off, channels
measurable with the truth outside their interval), now 0.302 / 0.353, 11, 7 and 0.424 / 0.475, 12, 3:
  * controls chosen by automatic relevance determination (each control's prior precision learned by type-II
    maximum likelihood beside the first fit's curves, the columns whose precision ran off dropped before the
    curves were searched again; kept 13-16 of 36-43 controls, lost 1-3 small true ones, kept 8-11 noise columns):
    0.319 / 0.347, 11, 8 and 0.423 / 0.462, 13, 8 - the worst blind export 1.041 -> 0.938, but the intervals
    narrow without the choice's own uncertainty (channels inside 244 -> 242 and 253 -> 248). Code removed.
  * the spread floor 0.6 x centre, narrow data's (min_pool_spread): 0.323 / 0.353, 10, 9 and 0.405 / 0.450, 8, 1;
    media truth inside its 90% interval (with the adopted term) 22/22 and 21/22. On two more allowed sets, against
    session 10's final figures (median / mean, mean |media gap|, exports over 5 points, media truth inside): 4000-
    4019 (+4000, 4001) 0.371 / 0.393, 5.18, 11, 20 -> 0.362 / 0.385, 4.84, 11, 21; blind 100-119 (+100, 101)
    0.477 / 0.462, 5.94, 13, 17 -> 0.456 / 0.456, 5.40, 10, 20. Better on three sets of four and the mean never
    worse, but 5000-5019's median goes from 0.302 to 0.323, and four tests pinned to one export's behaviour
    change (seed 11's Facebook bound, the 104-week REML export's error 0.192 -> 0.271, seed 11's media interval
    width over 25 points, blind 202's centre): left for the next session with those tests, not rushed in.
  * ARD and the 0.6 floor together: 0.348 / 0.351, 10, 11 and 0.390 / 0.442, 9, 4.
  * the spread estimated from the data, not floored (WIDE_SPREAD_SE = "coef", off): DerSimonian-Laird's test of
    how far the channels' ROIs scatter weighs each by its coefficient's standard error, not by its whole interval.
    Why: the whole (curve-inclusive) intervals over-cover (253/256 and 244/252 channels inside a 90% interval),
    so against them the scatter looked like noise, tau came out 0 and the floor set the spread. The pooling
    weights still use the whole interval. 0.303 / 0.348, 10, 6 and 0.397 / 0.464, 10, 1 (mean |media gap| 4.92
    -> 4.70 and 6.37 -> 5.35; channels inside 244 -> 245 and 253 -> 255), but on the two check sets no better:
    4000-4019 (+2) 0.371 / 0.393, 5.18 -> 0.372 / 0.399, 5.30; blind 100-119 (+2) 0.477 / 0.462, 5.94 -> 0.466
    / 0.464, 5.88. Two tests pinned to single exports would change too (wide 33 at 104 weeks, media gap -2.6 ->
    +8.0 points; wide 17, where DerSimonian-Laird's centre with this tau is no longer the failure the Huber
    centre's test shows: 2.15 against a true 2.17). Re-measure with
    `bench_wide.py --set analysis.fit.WIDE_SPREAD_SE=coef`.

Session 12 (wide data; WIDE_CONTROL_GROUPS, see analysis.controls). Diagnosis of the blind generator's error on exports
300-319 (`benchmarks/wide_diagnose.py --module data.wide_exports_blind --seeds 312 313 319 315 --channels --controls`):
the worst (312, ROI error 1.61, media +29.1 points) is a LEVEL error (level part 1.61, split 0.28): every channel is
fitted 1.3-7x its truth, the pool centre at 4.32 (its own sd 1.13) against a true pooled ROI of 1.60. Least squares
with the engine's curves and no pooling puts media at +32.9 points, with the TRUE curves +7.4: the always-on channels'
carry-over is fitted long (Paid Search 0.12 -> 0.36, Shopping Ads 0.05 -> 0.32, Display 0.21 -> 0.71), their smoothed
spend trades with the baseline's level, and the fitted curves fit the noise 8 nats better than the true ones (residual
sd 102k against the true noise's 100k). 313, 315 and 319 (media +9 to +11 points) are noisy exports where even the true
curves' least squares misses (0.89-1.83). Across 300-319 the relevant controls are shrunk toward zero: fitted / true
coefficient, median, price 0.33, distribution 0.43, holidays 0.63, promotion 0.74, competitor 0.84 (first generator
6000-6019: 0.89, 0.32, 0.89, 1.00, 0.91). Adopted: a ridge penalty per kind of control by the same blocked CV.
`bench_wide.py --no-timing --no-sibylhe`, median / mean / worst ROI error, mean |media gap| (exports over 5 points),
contributions inside 90%, media truth inside 90%, before -> after: blind 300-319 (+300, 301 at 104 weeks) 0.388 / 0.448
/ 1.611, 4.59 (8), 244/249, 21/22 -> 0.381 / 0.438 / 1.590, 4.27 (8), 244/249, 21/22; 6000-6019 (+2) 0.300 / 0.326 /
0.552, 4.66 (11), 233/239, 21/22 -> 0.302 / 0.325 / 0.534, 4.66 (11), 234/239, 21/22; 5000-5019 (+2) 0.302 / 0.353 /
0.675, 4.92 (11), 244/252, 22/22 -> 0.305 / 0.352 / 0.637, 4.70 (10), 243/252, 22/22. Narrow data does not use it.
Measured and not adopted, same sets and figures: the pool's centre by GLS with the channels' ROI errors correlated as
their coefficients are (they all trade with the intercept together): 0.387 / 0.436 / 1.380, 4.41 (6); 0.298 / 0.320 /
0.551, 4.18 (9); 0.318 / 0.355 / 0.646, 5.04 (10) - better on two sets, the third's median worse; its standard error
from the same covariance never exceeded the sandwich one (media intervals unchanged). The narrow data's spread floor
0.6 (last session's candidate): blind 300-319 0.369 / 0.478 / 1.653, 4.77 (5) - the median better, the worst exports
worse (313 0.74 -> 0.89, 315 0.45 -> 0.68, 319 0.73 -> 0.98: a wider spread lets their inflated ROIs through). Trend x
Fourier columns (a season that grows with the level, as both generators draw it): 312 / 313 / 319 / 315 1.611 / 0.740 /
0.730 / 0.453 -> 1.602 / 0.787 / 0.619 / 0.324, media interval 29 -> 40 points wide: not pursued.

Session 13 (wide data; WIDE_PRIOR_SPREAD, see _pooling_prior). Sample: 64 exports, first generator 6990-7019
plus 7000, 7001 at 104 weeks, blind generator 390-419 plus 400, 401 at 104 weeks; each change is scored PAIRED on the
same exports (mean per-export difference in ROI error +- its standard error, exports better / worse), since a median
over 20 exports moves with the seeds alone: on 6990-7019 (error sd 0.105) a median of 20 lands anywhere in 0.309-0.373
(90% bootstrap; `bench_wide.median_range`), so last session's 0.300 -> 0.372 between two fresh sets was seed noise.
Before: median / mean ROI error 0.333 / 0.365 and 0.399 / 0.410; of it the LEVEL part (`bench_wide.level_split`) 0.160
and 0.151, the SPLIT part 0.330 and 0.372, so the split stays the larger; media more than 5 points off on 13 (9 under,
4 over; signed mean -1.72 points) and 7 (4 under, 3 over; -0.32) of 32, the truth inside the media interval 31 and 32.
Where the first generator's media goes (`wide_diagnose.py --seeds 7005 7012 7013 --channels --controls`, media -10.7,
-12.3, -10.6 points): not to the controls - told which controls matter, the engine is still -11.5, -11.2, -9.2 - but
to the pool's centre (0.99 against a true pooled ROI of 1.71 on 7005, 0.87 against 1.59 on 7012). The centre is a
precision-weighted mean, and the precisely measured channels are the flighted ones (TV, YouTube, OOH: ROI standard
errors 0.16-0.46 per $1 against 1.7-15 for the always-on ones, whose level trades with the intercept); on this
generator those have the lower true ROIs (Search 1.5-4, Email 2-6, Affiliate 1-2.5 are always or mostly on), so
every always-on channel is pulled down to them (7005: Search 3.92 -> 1.17, Affiliate 2.39 -> 1.04, Email 2.63 ->
1.06). Least squares with the engine's own curves and no pooling puts media at +5.2, +3.4, -6.7 points there.
Measured and not adopted (paired difference, first generator; blind generator; with exports over 5 points off, the
signed mean gap and the media truth inside its interval):
  * a log-normal pooled prior on ROI with the pool's mean and sd (Meridian's family; each channel's normal prior mean
    set so its one-channel posterior sits at the log-normal posterior's median): -0.001 +- 0.005 (14 / 18), 12,
    -2.90, 30; -0.011 +- 0.004 (23 / 9), 8, -1.40, 32 - media lower still on the first generator. With the posterior
    mean instead: +0.001 +- 0.002, 12, -2.08, 31; -0.004 +- 0.002, 7, -0.59, 32.
  * each channel's interval-implied ROI sd x 0.6 in the pooling (its 90% intervals hold the truth for 729 of 739
    channels, so they are about 1.5x too wide): +0.006 +- 0.015 (16 / 16), 10, +0.50, 32; -0.014 +- 0.007 (20 / 12),
    8, +1.46, 32.
  * the centre's weights with a spread floor of 1.0 x centre (the prior's stays 0.4), so the flighted channels do
    not set it: 7005 0.384 -> 0.311 and 7012 0.536 -> 0.394 (centre 1.39, 1.31), but over the set +0.033 +- 0.020
    (14 / 18), 12, +0.86, 31; blind 390-409 +0.046 +- 0.022 (7 / 13), +3.38: the exports whose media was already high
    (inflated noisy channels) get worse.
  * the spread floor 0.6 for both the prior and the centre's weights (`min_pool_spread`; sessions 11-12's candidate),
    on the larger paired sample: +0.010 +- 0.013 (14 / 17), 11, -0.61, 31; -0.022 +- 0.007 (23 / 9), 8, +1.06, 32;
    mean |media gap| 4.31 -> 4.53 and 3.36 -> 3.72 points.
Adopted: the floor 0.6 for the PRIOR's spread only (WIDE_PRIOR_SPREAD); the centre's weights keep 0.4, since raising
that floor is what let the noisiest channels lift the centre (the bullet above it). The channels' true ROIs scatter
by 0.5-0.8 x their mean, so 0.4 held each channel closer to the centre than the exports' own spread: -0.005 +- 0.007
(19 / 12), 11 (signed -1.49), 31; -0.025 +- 0.004 (30 / 2), 6 (-0.04), 32; median / mean 0.336 / 0.360 and 0.371 /
0.385; mean |media gap| 4.31 -> 4.31 and 3.36 -> 3.38; contributions inside their 90% interval 729 -> 729 of 739.
Last session's fresh sets (`bench_wide.py --no-timing --no-sibylhe --seeds 7000..7019 --short 7000 7001`, and
`--module data.wide_exports_blind --seeds 400..419 --short 400 401`), before -> after: median / mean / worst 0.372 /
0.391 / 0.610 -> 0.352 / 0.387 / 0.705 (14 exports better, 7 worse; 7001 at 104 weeks 0.610 -> 0.705), media over 5
points off 11 -> 10 of 22, truth inside the media interval 21 -> 21; blind 0.387 / 0.388 / 0.546 -> 0.360 / 0.366 /
0.543, 4 -> 3, 22 -> 22. `bench_fit.py --quick`: median of the five 0.209, mean 0.219, coverage 96% and the sample
0.126 unchanged (narrow data does not use it); its wide ten_channels 0.307 -> 0.308. Sibylhe (nothing measurable):
baseline 51.4% -> 52.3%, the media interval 2.5-94.7% -> 0-100% of sales (the channels' own data weigh more, and they
cannot pin it). `bench_wide.py --set analysis.fit.WIDE_PRIOR_SPREAD=0.4` restores the old rule.
Every other change that helps the blind generator (narrower channel errors, a log-normal prior: each lets the
channels' own estimates through) is neutral or worse on the first; the reference with the TRUE curves and an ideal
prior (`bench_wide.references`, "bayes") sits at 0.29 median on 7000-7019, so the target 0.30 is near what an
estimator that does not know the answer can reach on these exports.

Session 14 (wide data; diagnosis, no estimate changed; `FitConfig.wide_prior_spread`, see _prior_floor). Sets: 8000-8019
plus 8000, 8001 at 104 weeks and blind 500-519 plus 500, 501 (last session's unseen sets), 22 exports each; every change
scored paired (`bench_wide.py ... --dump F`, `benchmarks/wide_paired.py BEFORE AFTER`). Before: median 0.348 / 0.457,
level part 0.188 / 0.211, split part 0.297 / 0.441. WHERE THE SPLIT SITS (`wide_paired.py F --channels`): channels on
air in 95%+ of weeks carry 0.190 of the first generator's split and 0.234 of the blind one's (flighted 0.072 / 0.109,
mostly on 0.039 / 0.067); Search / Paid Search alone 0.097 / 0.119, fitted at 0.6-0.7x its share. The pull is to
one ROI: log(fitted / true contribution) falls with log(true ROI / the export's pooled ROI) at slope -0.84 / -0.80,
so a fitted relative ROI is about the true one to the power 0.2. WHAT THE DATA CAN TELL (least squares with the noise
known, blind 500-519 at 208 weeks): the engine 0.470; its own curves under an IDEAL prior (true centre and spread)
0.415, the true curves under it 0.360, the true curves for the channels on air every week only 0.360, for the others
only 0.399 - so the curve error that matters is the always-on channels'. Their fitted curves (500-511, 37 channels)
are steeper at today's spend than the truth (shape 1.24 -> 1.46, half-saturation 1.45 -> 1.68x mean adstock: an
elasticity at mean spend near 1.0 against a true 0.76), and an always-on channel's level is its slope over that
elasticity (its weeks never go dark to pin it), so it comes out about 0.76x. The prior cannot be learned better from
the data: told the true curves, marginal-likelihood pooling (full covariance) scores 0.399 against the ideal 0.360,
its spread collapses to 0.005x the centre (true 0.51x); a prior whose centre depends on how a channel is bought (meta-
regression on "on air 95%+ of weeks", learned from the data) 0.427, on the on-air share 0.398, against one centre's
0.392, although an IDEAL two-group prior would reach 0.239: the always-on channels' own estimates are too noisy to
learn their group's centre. Measured and not adopted (paired change in ROI error +- se, exports better / worse; first
generator, blind):
  * WIDE_PRIOR_SPREAD 0.8: -0.009 +- 0.004 (15 / 7); +0.007 +- 0.010 (11 / 11). 1.0: -0.010 +- 0.007 (13 / 8), media
    over 5 points off 6 -> 9; +0.016 +- 0.019 (11 / 11), 6 -> 8. The floor is not the lever past 0.6.
  * the spread from the data (WIDE_SPREAD_SE = "coef"): +0.000 +- 0.000 (6 / 4); +0.007 +- 0.004 (4 / 8).
  * an always-on channel's curves searched without the pooled-ROI prior (its coefficient still pooled): +0.026 +-
    0.026 (14 / 8; worst 0.461 -> 0.801, media truth inside 22 -> 19 of 22); +0.065 +- 0.036 (7 / 13; 501 at 104 weeks
    0.448 -> 1.036, media +6.7 -> +19.5 points): the data alone put those levels far too high. Halfway, the prior's
    spread twice as wide in those channels' curve search only: -0.003 +- 0.007 (18 / 4), media over 5 points off 6
    -> 8; -0.004 +- 0.005 (10 / 9), 6 -> 7.
  * a tighter Hill-shape prior (sd 0.2 instead of 0.5) for channels on air every week: -0.004 +- 0.008 (15 / 7); +0.010
    +- 0.011 (10 / 11).
  * Robyn's DECOMP.RSSD in place of the random-effects weights (every channel the same precision in effect-share units,
    at the geometric mean of the random-effects rows'): +0.030 +- 0.010 (5 / 17); +0.060 +- 0.024 (3 / 19). It
    shrinks the precisely measured channels as hard as the rest, the wrong way for a split already pulled too far.
MEDIA SHARE over 5 points off (`wide_diagnose.py`, least squares with the engine's / the true curves, and the engine
told the relevant controls): first generator 8001 -6.2, 8004 -5.9 and 8001 at 104 weeks -8.9 are the pool's centre
(least squares with the engine's own curves +0.3, +0.7, -0.8); 8013 -6.4 the curves (engine curves -6.6, true 0.0);
8009 +6.4 the irrelevant controls (told the relevant ones +2.6); 8000 at 104 weeks +12.1 the short data's own limit
(the true curves' least squares +7.5). Blind: 504 -6.7 the pool (least squares +6.7 with the engine's curves, +3.6
with the true ones); 507 -6.0, 509 -9.0 and 516 +9.6 the
data's own limit (the TRUE curves' least squares -15.8, -4.9, +18.4); 513 +9.5 and 501 at 104 weeks +6.7 the
irrelevant controls (told the relevant ones +3.9, -5.8). The media interval holds the truth on 22 and 21 of 22.

Session 15 (wide data; WIDE_ALWAYS_ON_CURVE, see meridian_log_prior; measured, left "ours"). Sets: 9000-9019 plus
9000, 9001 at 104 weeks and blind 600-619 plus 600, 601 (session 14's unseen sets), 22 exports each, scored paired
(`bench_wide.py --no-timing --no-sibylhe --dump F [--set analysis.fit.WIDE_ALWAYS_ON_CURVE=V]`, `wide_paired.py`).
Before: median 0.332 / 0.488, level part 0.121 / 0.254, split part 0.339 / 0.434, media over 5 points off 7 / 11 of
22, media truth inside its interval 21 / 22; the always-on channels' share of the split 0.185 / 0.265. The curve is
already marginalised (each channel's feature is the grid blended by likelihood x prior x the pooled-ROI prior, see
_blend), so the lever left is the prior that sets an always-on channel's elasticity. A published anchor in place of
ours, for channels on air every week: Google Meridian's defaults (`PriorDistribution`: slope_m Deterministic(1.0),
ec_m TruncatedNormal(0.8, 0.8, 0.1, 10) on the half-saturation relative to typical media; here relative to the mean
adstocked spend in weeks on air, which for an always-on channel is near Meridian's median). Paired change in ROI
error +- se (exports better / worse), split and level parts, media over 5 points off, media truth inside:
  * "meridian": +0.050 +- 0.026 (14 / 8), split 0.307, level 0.279, 13/22, 19/22; blind -0.011 +- 0.015 (14 / 8),
    0.392, 0.245, 9/22, 22/22. The split mends on both (always-on share 0.171 / 0.244; Search 0.096 -> 0.078, Paid
    Search 0.143 -> 0.123), but with the elasticity at mean spend held at or below 0.8 (the prior's mass mostly
    0.4-0.7), an always-on level follows its slope's noise: 9004's Search 2.93 -> 5.83 (true 3.33), 9007's 2.33 ->
    3.59 (2.10), media +11 and +9 points.
  * "slope1" (the slope fixed, our half-saturation prior): +0.031 +- 0.020 (13 / 9), 0.313, 0.226, 12/22, 20/22;
    blind -0.008 +- 0.014 (13 / 9), 0.400, 0.267, 10/22, 22/22. The same trade, smaller.
  * "ec" (Meridian's half-saturation prior, our shape prior): -0.002 +- 0.002 (16 / 6), 0.337, 0.125, 7/22; blind
    +0.004 +- 0.004 (12 / 10), 0.429, 0.270, 10/22: the shape, not the half-saturation, sets the elasticity.
  * "slope1" with each channel's interval and the pool's weights still scored under the grid's own prior (so the
    fixed curve does not also narrow them; tried and removed): +0.029 +- 0.021 (14 / 8), 0.313, 0.249, 12/22, 21/22;
    blind -0.015 +- 0.017 (13 / 9), 0.377, 0.260, 8/22, 22/22 - the first generator's level stays worse.
  * "meridian_all" (every channel, as Meridian does): +0.077 +- 0.034 (9 / 13), 12/22, 19/22; blind +0.046 +- 0.027
    (8 / 14), 11/22, 20/22: flighted channels' S-shapes are real and the data pin them.
So a fixed concave curve moves always-on credit the right way on average but turns the level's prior bias into
variance; none holds on both generators. MEDIA SHARE over 5 points off (`wide_diagnose.py`; least squares with the
engine's / the true curves, then the engine told the relevant controls): first generator 9012 -9.2, 9016 -11.0, 9017
-7.0, 9010 -5.9 the pool's centre (engine curves +9.1, -2.9, +3.8, -1.9; told the controls still -9.1, -8.1, -7.0,
-5.6); 9018 +13.1 the curves and the data (engine curves +20.3, true +8.7, true with the relevant controls +6.5);
9000 and 9001 at 104 weeks -11.7, -15.6 the short data's own limit (true curves -44.7, -18.5). Blind: 606 -10.5,
608 -6.8, 616 -7.1 the pool (engine curves +1.2, -0.4, +3.7) with the controls (told them -5.1, -5.9, -4.0); 609
-7.0 and 614 +5.7 the irrelevant controls (told the relevant ones -0.6, -1.9); 615 +11.3 the curves and controls
(engine curves +20.0, true +9.2, told the controls +7.1); 600 -5.1, 611 -10.1, 619 +5.7, 600 at 104 weeks +6.5 and
610 +6.3 mostly the data's own limit (true curves -7.4, -7.1, +9.1, +6.7, +3.8).

Session 16 (wide data; WIDE_SEASON_GROWS, measured, left "off"). Tuning sets 9000-9019 plus 9000, 9001 at 104 weeks and
blind 600-619 plus 600, 601; held out, chosen before tuning, 9500-9519 plus 9500, 9501 and blind 650-669 plus 650, 651
(`bench_wide.py --no-timing --no-sibylhe --dump F [--set ...]`, `wide_paired.py`). Before: median / mean ROI error,
media over 5 points off: 0.332 / 0.358, 7; 0.488 / 0.531, 11; held out 0.297 / 0.331, 5; 0.477 / 0.621, 11 (of 22).
Paired change in ROI error +- se (exports better / worse):
  * the season's swing growing with the trend (each Fourier term also times the trend; both generators draw sales as
    trend x (1 + season)), always ("on"): tuning +0.009 +- 0.012 (12 / 10), median 0.319, media off 9; blind -0.029
    +- 0.016 (13 / 8), 0.456, 8; held out -0.009 +- 0.006 (12 / 10), median 0.307, 6; blind -0.014 +- 0.027 (11 / 11),
    0.515, 14. The media interval 1.2-1.6 points wider; 9007 0.205 -> 0.365 (media +1.5 -> +7.9), 9001 at 104 weeks
    0.605 -> 0.735. Media over 5 points off 34 -> 37 of 88 over the four sets: not adopted. Chosen by the first fit's
    BIC ("bic") it never fires on these 44 exports; by AIC (2 per column) on 7: +0.007 +- 0.007, -0.006 +- 0.007.
    The first harmonic's two columns alone, always: +0.011 +- 0.008 (8 / 14), media off 8; blind -0.026 +- 0.016
    (13 / 9), 8 - the same trade (tuning sets only; code removed).
  * the pool's centre mixed with the unpooled media total over spend (inverse-variance; the total's variance from the
    coefficients' covariance scaled to each channel's interval): +0.003 +- 0.007 (10 / 12), media off 7, signed gap
    -2.45 -> -0.57, level part 0.121 -> 0.159; blind +0.025 +- 0.016 (9 / 13), 11, -0.19 -> +1.74, media truth inside
    22 -> 20: it lifts media on every export, mending the under-stated ones and worsening the over-stated. Code removed.
  * controls: ridge penalties up to 10,000 weeks' information (analysis.controls.LAMBDAS plus 1000, 3000, 10000):
    +0.001 +- 0.001 (6 / 12); blind +0.024 +- 0.020 (10 / 9), worst 1.453 -> 1.885. Each column its own penalty by the
    same blocked CV after the groups' (one pass): +0.004 +- 0.002 (6 / 16); blind -0.004 +- 0.006 (12 / 10), media off
    7 -> 7 and 11 -> 10. Code removed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from scipy.special import ndtr

from analysis.controls import ridge_rows
from analysis.dataset import Dataset, always_on
from analysis.design import BaselineDesign, baseline_design, drop_dependent_controls
from analysis.errors import ModelError
from analysis.least_squares import pinv_ols
from analysis.limits import Limited, refit_within_limits
from analysis.loading.columns import control_kind
from analysis.model import (
    Candidate,
    ChannelFit,
    Decomposition,
    FitStats,
    MMMFit,
    Transform,
)
from analysis.readiness import TOGETHER
from analysis.results import HalfLifeRange
from analysis.transforms import geometric_adstock, half_life

if TYPE_CHECKING:
    import pandas as pd

_Blend = tuple[np.ndarray, np.ndarray]          # one channel's curve: (candidate indices, weights)
_RoiPrior = tuple[float, float, float]          # (pooled ROI, between-channel spread, channel spend)

MIN_ACTIVE_WEEKS = 4
# Wide data (this many channels, or controls): channel coefficients are always shrunk toward the pooled
# ROI, not only their curves. Measured on data/wide_exports.py (benchmarks/bench_wide.py): spend-weighted
# ROI error 0.42 -> 0.31 on four exports. Narrow data: see the module docstring (narrow_pool_mode).
WIDE_CHANNELS = 8
WIDE_CONTROLS = 10
INTERVAL = 0.90
NOT_POSITIVE = "no measurable effect in this data (its estimated effect was not positive)"
READMITTED = ("effect too uncertain to tell from zero in this data (its own estimate was not positive; the figure "
              "shown is what the channels' pooled ROI suggests, and the interval reaches zero)")
TAIL = (1 - INTERVAL) / 2
MIN_EFFECTIVE_CURVES = 8.0   # contribution intervals and data-only what-if draws: at least this many grid points
# Wide data: a pooled channel's interval moves with the pooled estimate, but its lower bound stays at or below
# its own data's, so the prior alone never makes a channel "measurable" (session 9; see _pooled_interval).
# "shift": the moved range only (the rule before session 9, and still narrow data's).
WIDE_POOLED_INTERVAL = "low"
# Narrow data: channels whose weekly spend is this correlated (the readiness check's "move together") get their
# interval from the joint posterior with their partner (see _pair_posterior); above 1 switches it off.
ENTANGLED_SPEND = TOGETHER
PAIR_CANDIDATES = 120   # leading curves of each channel whose pairs are scored together
POOL_JOINT = True       # the pooled-ROI prior weighs an entangled channel against its joint interval
# A lower bound this small next to the estimate, or under half a cent per $1 (ROIs are shown in cents), is zero
# as shown: the channel is not called measurable (session 10; see clears_zero).
MIN_LOW_SHARE = 0.01
SHOWN_ROI_STEP = 0.01
# Narrow data: a channel's contribution interval reaches up to what every half-saturation its data cannot tell from
# the best (profile likelihood within PROFILE_NATS) allows under the pooled-ROI prior (session 11; see
# _saturation_reach). "off": the posterior's interval alone (before).
SATURATION_HULL = "upper"
REACH_PRIOR = "largest_on"   # the pooled-ROI prior's tail in `_saturation_reach`: "normal" (session 11), log-normal
                             # for the largest channel on air every week ("largest_on", s12), for every such channel
                             # ("always_on") or for every channel ("lognormal"); figures in the module docstring
PROFILE_NATS = 1.3528   # half the chi-square(1) 90% point: a likelihood-ratio 90% set for one parameter
# Wide data: the pool's centre is a Huber M-estimate over the channels, each weighed by 1 / (se^2 + spread^2) with
# the prior's own spread floor (session 10; see _pool_centre). "dl": DerSimonian-Laird's weighted mean (before).
WIDE_POOL_CENTRE = "huber"
# Wide data: the season's swing may grow with the level of sales (each Fourier term also times the trend, as both wide
# generators draw it): "on" always, "bic" when the first fit's BIC favours it (it never did on 44 exports), "off"
# (never). Measured in session 16 and left "off": better on the tuning blind exports, not on the held-out ones, and
# media over 5 points off 34 -> 37 of 88 (module docstring).
WIDE_SEASON_GROWS = "off"
# Wide data: the between-channel spread (DerSimonian-Laird's tau) is estimated against each channel's whole interval
# ("interval") or its coefficient's standard error alone ("coef": measured in session 11, not yet adopted; see the
# module docstring). The pooling weights use the whole interval either way.
WIDE_SPREAD_SE = "interval"
# Wide data: the media total's interval also holds the pool centre's own uncertainty (session 11; see _pool_shift).
WIDE_CENTRE_UNCERTAINTY = True
# Wide data: each kind of control (price, promotion, distribution, competitor, holiday/event, season, economy, other;
# analysis.loading.columns.control_kind) gets its own ridge penalty by the same blocked CV (session 12; see
# analysis.controls._group_lambdas). False: one penalty for every control (before).
WIDE_CONTROL_GROUPS = True
# Wide data: the pooled prior's spread is at least this share of its centre, while the centre's own weights keep
# `min_pool_spread` (session 13; see the module docstring). 0.4: one floor for both (before). A FitConfig's
# `wide_prior_spread` overrides it, lower or higher (session 14; see _prior_floor).
WIDE_PRIOR_SPREAD = 0.6
# Narrow data: the season's swing may grow with the level of sales (each Fourier term also times the trend), added
# when the first fit's BIC favours it ("bic", sessions 13-14, see the module docstring) or never ("off"). Off: on the
# fourteenth session's unseen sets it was worse where it fired than where it helped (module docstring).
SEASON_GROWS = "off"
# Wide data: the grid prior on the curve of a channel on air every week (whose elasticity at today's spend the data
# barely pin, and whose level is its slope over that elasticity). "ours": the grid's own log-normal priors; "meridian":
# Google Meridian's default Hill priors (slope_m Deterministic(1.0), ec_m TruncatedNormal(0.8, 0.8, 0.1, 10) on the
# half-saturation as a multiple of typical spend). Measured in session 15 and left "ours" (module docstring, which also
# keeps the verdicts of "slope1", "ec" and "meridian_all", switches removed in session 16); for benchmarks' --set only:
# the quarter refits (analysis.decisions.refits) keep the grid's own prior whatever it says.
WIDE_ALWAYS_ON_CURVE = "ours"
# Narrow data: what-if ranges also hold the what-if under that growing season (`season_alternative`) when the data
# cannot rule it out: its BIC at most this much above the plain season's (2 ln 19: posterior odds of 1 in 19 or more);
# the estimate keeps the plain season (session 15, module docstring). None: never (before); math.inf: always.
SEASON_RANGE: float | None = 2.0 * math.log(19.0)


@dataclass(frozen=True)
class FitConfig:
    """The transform grid, priors and search limits.

    Half-saturation is a multiple of the channel's mean adstocked spend in weeks it was on
    air, so one grid serves every currency and scale. Priors are log-normal on that multiple
    (centred on 1) and on the shape (centred on 1); `None` switches a prior off.
    """

    decays: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
    saturation_ratios: tuple[float, ...] = (0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
    shapes: tuple[float, ...] = (0.7, 1.0, 1.25, 1.5, 1.8, 2.2, 3.0)
    saturation_prior_sd: float | None = 1.0
    shape_prior_sd: float | None = 0.5
    decay_prior_beta: float | None = 3.0   # Beta(1, b) prior on decay: short carry-over unless the data insist
    cv_folds: int = 0                      # >0: weight candidates by blocked time-series CV error instead of in-sample RSS
    pool_rois: bool = True                 # shrink channel ROIs toward the pooled media ROI (random effects)
    pool_mode: str = "auto"                # "shape": pooled ROI prior weighs candidate curves; "coef": shrinks coefficients;
                                           # "both"; "auto": "both" on wide data (see WIDE_*), else "shape"
    narrow_pool_mode: str = "both"         # what "auto" does on narrow data ("shape" before session 6; see below)
    narrow_pool_spread: float = 0.6        # ... and its floor on the spread (min_pool_spread is the wide data's)
    pool_rounds: int = 2                   # re-estimate the pool from the pooled fit once more
    min_pool_spread: float = 0.4           # floor on the between-channel ROI spread, as a share of the pooled ROI
    wide_prior_spread: float | None = None  # wide data: the pooled prior's own spread floor (the centre's weights keep
                                           # min_pool_spread); None: WIDE_PRIOR_SPREAD, never below min_pool_spread
    max_pool_spread: float | None = None   # ceiling on that spread (None: as the data say)
    shrink_controls: bool = True           # ridge on controls, penalty chosen by blocked time-series CV
    readmit: bool = True                   # "both" pooling: a channel dropped for a negative raw effect is put back
                                           # under the pooled-ROI prior (see _readmit)
    residual_evidence: bool | None = None  # curve likelihood over the residual weeks (n - p): None = on wide data
                                           # only (see WIDE_*), True/False force it
    harmonics: int = 2
    one_off_sigmas: float | None = 4.0     # weeks whose residual exceeds this many robust SDs get their own indicator
    one_off_share: float = 0.05            # ... at most this share of the weeks (the largest first)
    max_sweeps: int = 8
    tolerance: float = 1e-4
    max_components: int = 400


@dataclass(frozen=True)
class _Bank:
    """Every candidate transform of one channel: features (n, G), params (G, 3), log prior (G,)."""

    features: np.ndarray
    params: np.ndarray
    log_prior: np.ndarray
    totals: np.ndarray | None = None   # (G,) each candidate's total response when `features` are not its levels
                                       # (a panel's features are demeaned within market; see analysis.panel.fit)
    evidence_rows: float | None = None  # rows the grid likelihood counts (a panel tempers it); None: every row
    square_norms: np.ndarray | None = None  # (G,) column sums of squares of `features`, when precomputed
    residual_evidence: bool = False     # the grid likelihood counts the weeks left after the other regressors'
                                        # parameters (n - p), not every week (wide data; see _posterior)

    def candidate_totals(self) -> np.ndarray:
        return self._level_totals if self.totals is None else self.totals

    @cached_property
    def _level_totals(self) -> np.ndarray:
        """features.sum(axis=0), summed once per bank (every posterior of the search read it afresh); read-only."""
        totals: np.ndarray = self.features.sum(axis=0)
        totals.setflags(write=False)
        return totals


def _bank(spend: np.ndarray, config: FitConfig) -> _Bank:
    ratios = np.asarray(config.saturation_ratios, dtype=float)
    shapes = np.asarray(config.shapes, dtype=float)
    blocks, params = [], []
    for decay in config.decays:
        adstocked = geometric_adstock(spend, decay)
        ks = ratios * adstocked[adstocked > 0].mean()
        ratio = np.power(adstocked[:, None, None] / ks[None, :, None], shapes[None, None, :])
        blocks.append((ratio / (1.0 + ratio)).reshape(len(spend), -1))
        grid_k, grid_s = np.meshgrid(ks, shapes, indexing="ij")
        params.append(np.column_stack([np.full(grid_k.size, decay), grid_k.ravel(), grid_s.ravel()]))
    return _Bank(np.hstack(blocks), np.vstack(params), grid_log_prior(config))


def grid_log_prior(config: FitConfig) -> np.ndarray:
    """Log prior of every (decay, half-saturation ratio, shape) grid point, in the bank's order."""
    ratios = np.asarray(config.saturation_ratios, dtype=float)
    shapes = np.asarray(config.shapes, dtype=float)
    grid_r, grid_s = np.meshgrid(ratios, shapes, indexing="ij")
    log_prior = np.zeros(grid_r.size)
    if config.saturation_prior_sd:
        log_prior -= np.log(grid_r.ravel()) ** 2 / (2 * config.saturation_prior_sd ** 2)
    if config.shape_prior_sd:
        log_prior -= np.log(grid_s.ravel()) ** 2 / (2 * config.shape_prior_sd ** 2)
    log_prior = np.tile(log_prior, len(config.decays))
    if config.decay_prior_beta:
        decays = np.repeat(np.asarray(config.decays, dtype=float), grid_r.size)
        log_prior += (config.decay_prior_beta - 1.0) * np.log1p(-decays)
    return log_prior


def meridian_log_prior(config: FitConfig) -> np.ndarray:
    """Meridian's default Hill priors on the grid, in the bank's order: the slope (our shape) fixed at 1 and the
    half-saturation ratio TruncatedNormal(0.8, 0.8) on [0.1, 10], as mass per grid cell (density x ratio: the
    ratios are spaced in logs); the decay prior stays ours (Meridian's Uniform(0, 1) is flatter)."""
    ratios = np.asarray(config.saturation_ratios, dtype=float)
    shapes = np.asarray(config.shapes, dtype=float)
    grid_r, grid_s = np.meshgrid(ratios, shapes, indexing="ij")
    r, sh = grid_r.ravel(), grid_s.ravel()
    log_prior = np.where(np.isclose(sh, 1.0), -(r - 0.8) ** 2 / (2 * 0.8 ** 2) + np.log(r), -1e6)
    log_prior = np.tile(log_prior, len(config.decays))
    if config.decay_prior_beta:
        decays = np.repeat(np.asarray(config.decays, dtype=float), grid_r.size)
        log_prior += (config.decay_prior_beta - 1.0) * np.log1p(-decays)
    return log_prior


@dataclass(frozen=True)
class _Posterior:
    """One channel's candidates given the other regressors: weights and coefficient estimates."""

    weights: np.ndarray     # (G,) posterior weight of each candidate
    beta: np.ndarray        # (G,) least-squares coefficient, clamped at 0
    se: np.ndarray          # (G,) its standard error
    totals: np.ndarray      # (G,) sum over weeks of each candidate feature
    log_lik: np.ndarray | None = None   # (G,) log likelihood of each candidate, before any prior (what-if ranges)
    log_prior: np.ndarray | None = None  # (G,) the rest of its log weight: the grid's and the pooled ROI's priors


def _cv_sse(y: np.ndarray, others: np.ndarray, features: np.ndarray, beta_full: np.ndarray, folds: int) -> np.ndarray:
    """Held-out squared error of every candidate over contiguous blocks (vectorised with Frisch-Waugh)."""
    n = len(y)
    sse = np.zeros(features.shape[1])
    for block in np.array_split(np.arange(n), folds):
        train = np.ones(n, dtype=bool)
        train[block] = False
        pinv = np.linalg.pinv(others[train])
        gy, gf = pinv @ y[train], pinv @ features[train]
        ry, rf = y[train] - others[train] @ gy, features[train] - others[train] @ gf
        den = np.einsum("ij,ij->j", rf, rf)
        beta = np.clip(np.where(den > 0, rf.T @ ry / np.where(den > 0, den, 1.0), 0.0), 0.0, None)
        ey = y[block] - others[block] @ gy
        ef = features[block] - others[block] @ gf
        sse += ((ey[:, None] - ef * beta[None, :]) ** 2).sum(axis=0)
    return sse


def _posterior(y: np.ndarray, others: np.ndarray, bank: _Bank, cv_folds: int = 0,
               roi_prior: tuple[float, float, float] | None = None) -> _Posterior:
    """roi_prior = (pooled ROI, between-channel spread, channel spend): candidates whose implied
    ROI is far from the pool lose weight, in proportion to how precisely they pin their ROI."""
    n = len(y)
    if bank.totals is None:   # one factorisation of the other regressors for both (the same figures as two)
        q, _ = np.linalg.qr(others)
        r = y - q @ (q.T @ y)
        tilde = q @ (q.T @ bank.features)
        np.subtract(bank.features, tilde, out=tilde)   # features minus their projection, in the projection's memory
        num = tilde.T @ r
        den = np.einsum("ij,ij->j", tilde, tilde)
    else:   # tall panel banks: the same numbers in one pass over the features, no residualised copy
        q, _ = np.linalg.qr(others)
        r = y - q @ (q.T @ y)
        cross = bank.features.T @ np.column_stack([r, q])     # r is orthogonal to q: tilde.T r = features.T r
        num, qf = cross[:, 0], cross[:, 1:]
        squares = bank.square_norms if bank.square_norms is not None else np.einsum("ij,ij->j", bank.features,
                                                                                    bank.features)
        den = squares - np.einsum("ij,ij->i", qf, qf)
    ok = den > 1e-12 * max(float(den.max()), 1e-300)
    beta = np.where(ok, num / np.where(ok, den, 1.0), 0.0)
    gain = np.where(ok & (beta > 0), num * beta, 0.0)     # RSS reduction with a non-negative coef
    rss = np.maximum(float(r @ r) - gain, 1e-300)
    score = _cv_sse(y, others, bank.features, beta, cv_folds) if cv_folds else rss
    dof = _residual_rows(n, others)
    log_lik = -0.5 * (bank.evidence_rows or (dof if bank.residual_evidence else n)) * np.log(score)
    log_weight = log_lik + bank.log_prior
    se = np.sqrt(rss / dof / np.where(ok, den, np.inf))
    if roi_prior is not None:
        pooled, spread, spend = roi_prior
        totals = bank.candidate_totals()
        roi, roi_se = np.clip(beta, 0.0, None) * totals / spend, se * totals / spend
        var = roi_se ** 2 + spread ** 2
        log_weight = log_weight - 0.5 * (roi - pooled) ** 2 / var - 0.5 * np.log(var)
    weights = np.exp(log_weight - log_weight.max())
    weights /= weights.sum()
    return _Posterior(weights, np.clip(beta, 0.0, None), se, bank.candidate_totals(), log_lik, log_weight - log_lik)


def is_wide(dataset: Dataset) -> bool:
    """Wide data (WIDE_CHANNELS channels or WIDE_CONTROLS controls): coefficients always pooled, REML curve score."""
    return dataset.spend.shape[1] >= WIDE_CHANNELS or len(dataset.control_names) >= WIDE_CONTROLS


def uses_residual_evidence(dataset: Dataset, config: FitConfig) -> bool:
    """Whether candidate curves are scored over the residual weeks (n - p; see _residual_rows) on this data;
    the quarter refits (analysis.decisions.refits) re-run the curve search with the same score."""
    return is_wide(dataset) if config.residual_evidence is None else config.residual_evidence


def _residual_rows(n: int, others: np.ndarray) -> int:
    """Weeks of evidence left once the other regressors and the candidate's coefficient are fitted.

    Why: a candidate's profile likelihood -n/2 log RSS treats every week as evidence about its curve,
    but on wide data the baseline's 40-60 parameters use up a large part of them; integrating those
    linear terms and the noise scale out (the REML / marginal likelihood of a linear model) leaves
    -(n - p)/2 log RSS. With p near n/2 (104 weeks, 50 controls) the profile version is about twice
    as sure of the curve as the data allow, and the curve it picks chases the noise."""
    return max(n - int(others.shape[1]) - 1, 1)


def _blend(post: _Posterior, max_components: int) -> tuple[np.ndarray, np.ndarray]:
    """The channel's curve: candidate indices and weights (posterior weight x coefficient, top few)."""
    mass = post.weights * post.beta
    if mass.sum() <= 0:
        return np.array([], dtype=int), np.array([])
    keep = np.argsort(mass)[::-1][:max_components]
    keep = keep[mass[keep] > 1e-6 * mass[keep[0]]]
    return keep, mass[keep] / mass[keep].sum()


def _feature(bank: _Bank, blend: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    index, weight = blend
    result: np.ndarray = bank.features[:, index] @ weight
    return result


def _transforms(bank: _Bank, blend: tuple[np.ndarray, np.ndarray]) -> tuple[Transform, ...]:
    return tuple(Transform(float(w), *map(float, bank.params[j])) for j, w in zip(*blend))


def _default_blend(bank: _Bank) -> tuple[np.ndarray, np.ndarray]:
    """Start from a middling transform: decay 0.3, half-saturation at typical spend, shape 1."""
    p = bank.params
    k_ratio = p[:, 1] / np.median(p[:, 1])
    j = int(np.argmin(np.abs(p[:, 0] - 0.3) + np.abs(p[:, 2] - 1.0) + np.abs(np.log(k_ratio))))
    return np.array([j]), np.array([1.0])


def _search(y: np.ndarray, base: np.ndarray, banks: dict[int, _Bank], active: list[int], curves: dict[int, _Blend],
            config: FitConfig, roi_priors: dict[int, _RoiPrior] | None = None
            ) -> tuple[dict[int, _Blend], dict[int, np.ndarray]]:
    """Update each channel's blended curve given the others until the curves stop moving."""
    features = {j: _feature(banks[j], curves[j]) for j in active}
    for _ in range(config.max_sweeps):
        moved = 0.0
        for c in active:
            others = np.column_stack([base] + [features[o] for o in active if o != c])
            prior = roi_priors[c] if roi_priors else None
            blend = _blend(_posterior(y, others, banks[c], config.cv_folds, prior), config.max_components)
            if blend[0].size == 0:
                continue
            new = _feature(banks[c], blend)
            scale = max(float(np.abs(new).max()), 1e-12)
            moved = max(moved, float(np.abs(new - features[c]).max()) / scale)
            curves[c], features[c] = blend, new
        if moved < config.tolerance:
            break
    return curves, features


def _ols(y: np.ndarray, design: np.ndarray) -> Any:   # a statsmodels results object (untyped)
    # statsmodels is imported here, not at module import, to keep start-up fast for other paths.
    import warnings

    from statsmodels.regression.linear_model import OLS

    with warnings.catch_warnings():  # near-collinear media columns: reported through intervals instead
        warnings.simplefilter("ignore")
        return OLS(y, design).fit()


def fit_mmm(dataset: Dataset, config: FitConfig = FitConfig(), *, season_grows: bool = False) -> MMMFit:
    """Fit sales on trend, seasonality, controls and one learned media response per channel; `season_grows`: with a
    season whose swing grows with the trend on narrow data, whatever the BIC says (`season_alternative`)."""
    y = np.asarray(dataset.sales, dtype=float)
    n, k = dataset.spend.shape
    if np.nanstd(y) <= 1e-12 * max(1.0, abs(float(np.nanmean(y)))):
        raise ModelError(f"{dataset.source}: sales are constant over all {n} weeks — there is nothing "
                         "for the model to explain; check the target column (use --target COL).")
    design, redundant = drop_dependent_controls(
        baseline_design(dataset.dates, dataset.controls, dataset.control_names, config.harmonics))
    base = design.matrix
    if n <= base.shape[1] + 3:
        raise ModelError(f"{dataset.source}: {n} weeks are too few for {base.shape[1]} baseline terms "
                         "and the media channels; supply more weeks or fewer control columns.")

    notes: dict[int, str] = {}
    banks: dict[int, _Bank] = {}
    wide = is_wide(dataset)
    residual = uses_residual_evidence(dataset, config)
    for j in range(k):
        x = dataset.spend[:, j]
        if np.count_nonzero(x) < MIN_ACTIVE_WEEKS:
            notes[j] = f"spend in only {np.count_nonzero(x)} weeks — too few to measure an effect"
        elif np.ptp(x) <= 1e-9 * max(1.0, float(np.abs(x).max())):
            notes[j] = "constant spend — its effect cannot be separated from the baseline"
        else:
            banks[j] = replace(_bank(x, config), residual_evidence=residual)
            if wide and WIDE_ALWAYS_ON_CURVE == "meridian" and bool(np.all(x > 0)):
                banks[j] = replace(banks[j], log_prior=meridian_log_prior(config))

    active = [j for j in range(k) if j in banks]
    curves = {j: _default_blend(banks[j]) for j in active}
    start_active, start_notes = list(active), dict(notes)
    curves, features, fit = _fit_curves(y, base, banks, active, curves, config, notes)
    grows = WIDE_SEASON_GROWS if wide else "on" if season_grows else SEASON_GROWS
    if grows in ("bic", "on"):
        grown = _growing_season(dataset, config, y, base, [features[j] for j in active], force=grows == "on")
        if grown is not None:
            design, redundant = grown
            base = design.matrix
            active, notes = list(start_active), dict(start_notes)
            curves, features, fit = _fit_curves(y, base, banks, active, curves, config, notes)
    one_offs = _one_off_weeks(y, np.asarray(fit.fittedvalues), base.shape[1] + len(active), config)
    if one_offs:
        design = _with_one_offs(design, dataset.dates, one_offs)
        base = design.matrix
        active, notes = list(start_active), dict(start_notes)
        curves, features, fit = _fit_curves(y, base, banks, active, curves, config, notes)
    intervals, posteriors = _intervals(y, base, banks, active, features)
    shrink = None
    readmitted: tuple[int, ...] = ()
    curve_priors: dict[int, _RoiPrior] | None = None   # the pooled-ROI prior the final curves were searched under
    joint: dict[int, tuple[float, float]] | None = None   # entangled channels' intervals over their pair's curves
    pair_sums: _PairSums = {}   # entangled pairs' summed-contribution intervals (the media total's, MMMFit.pair_sums)
    if config.pool_mode == "auto":
        config = (replace(config, pool_mode="both") if wide else
                  replace(config, pool_mode=config.narrow_pool_mode, min_pool_spread=config.narrow_pool_spread))
    if config.pool_rois and len(active) >= 2:
        shrink = _pooling_prior(dataset, base, active, features, fit, intervals, config)
        if config.pool_mode in ("shape", "both"):
            for round_ in range(config.pool_rounds):
                if round_:
                    shrink = _pooling_prior(dataset, base, active, features, fit, intervals, config)
                priors = {j: (shrink.pooled_roi, shrink.spread, float(dataset.spend[:, j].sum())) for j in active}
                curves, features, fit = _fit_curves(y, base, banks, active, curves, config, notes, priors)
                intervals, posteriors = _intervals(y, base, banks, active, features, priors)
                curve_priors = priors
            shrink = None
        if config.pool_mode == "both" and len(active) >= 2:
            if config.readmit:
                fit, intervals, posteriors, readmitted = _readmit(dataset, y, design, banks, active, curves, features,
                                                                  notes, fit, intervals, posteriors, config)
            pairs = {} if wide else _entangled_posteriors(dataset, y, base, banks, active, features, curve_priors,
                                                          pair_sums)
            joint = _joint_intervals(pairs)
            shrink = _pooling_prior(dataset, base, active, features, fit,
                                    _widened(intervals, joint) if POOL_JOINT else intervals, config, readmitted)
    prior_x, prior_y = _control_prior(y, base, design, active, features, config, wide)
    if shrink is not None:
        prior_x, prior_y = np.vstack([shrink.pseudo_x, prior_x]), np.concatenate([shrink.pseudo_y, prior_y])
    media_design = np.column_stack([base] + [features[j] for j in active])
    # the final fit is statsmodels' (the search's were pinv_ols: the same figures, without waiting for its import)
    fit = (_ols(np.concatenate([y, prior_y]), np.vstack([media_design, prior_x])) if len(prior_y) else
           _ols(y, media_design))
    shift = (_pool_shift(base, active, features, shrink, prior_x[len(shrink.pseudo_y):], k)
             if shrink is not None and wide and WIDE_CENTRE_UNCERTAINTY else ())
    fit, limited = _within_limits(y, base, active, features, fit, prior_x, prior_y)
    if joint is None:
        joint = {} if wide else _joint_intervals(_entangled_posteriors(dataset, y, base, banks, active, features,
                                                                        curve_priors, pair_sums))
    result = _assemble(dataset, design, banks, active, curves, features, fit, notes, y, config, intervals, shrink,
                       posteriors, limited, readmitted, joint)
    if pair_sums:
        result = replace(result, pair_sums=tuple((a, b, lo, hi) for (a, b), (lo, hi) in sorted(pair_sums.items())))
    if limited is not None:
        note = (f"the unconstrained fit gave a negative baseline in {limited.negative_weeks} of {n} weeks (media "
                f"{limited.media_share_before:.0%} of sales); re-fitted with the baseline kept at or above zero and "
                f"media at or below sales every week (media now {limited.media_share_after:.0%} of sales)"
                if limited.negative_weeks else
                f"the unconstrained fit had media above sales in some weeks (media {limited.media_share_before:.0%} "
                f"of sales); re-fitted with media at or below sales every week (now {limited.media_share_after:.0%})")
        result = replace(result, warnings=(note,) + result.warnings)
    if shift:
        result = replace(result, pool_shift=shift)
    if one_offs:
        days = ", ".join(f"{dataset.dates[i]:%Y-%m-%d}" for i in one_offs[:6]) + (" …" if len(one_offs) > 6 else "")
        note = (f"{len(one_offs)} unusual week(s) treated as one-offs ({days}): sales there are far from anything "
                "the spend, trend or season explain (an unrecorded promotion or event?), so each gets its own "
                "adjustment and does not shape the channel estimates")
        result = replace(result, warnings=result.warnings + (note,))
    if redundant:
        note = (f"left out {len(redundant)} control column(s) that duplicate the trend, seasonality or other "
                f"controls: {', '.join(redundant[:6])}{' …' if len(redundant) > 6 else ''}")
        result = replace(result, warnings=result.warnings + (note,))
    return result


def _growing_season(dataset: Dataset, config: FitConfig, y: np.ndarray, base: np.ndarray,
                    media: list[np.ndarray], force: bool = False) -> tuple[BaselineDesign, tuple[str, ...]] | None:
    """The baseline design with a season that grows with the trend (`SEASON_GROWS` "bic"), when the first fit's
    media curves held fixed, its extra columns lower the BIC (or always, `force`, when the data have room for
    them); None otherwise."""
    grown, redundant = drop_dependent_controls(baseline_design(dataset.dates, dataset.controls, dataset.control_names,
                                                               config.harmonics, season_grows=True))
    extra = grown.matrix.shape[1] - base.shape[1]
    if extra <= 0 or len(y) <= grown.matrix.shape[1] + len(media) + 3:
        return None

    def rss(matrix: np.ndarray) -> float:
        x = np.column_stack([matrix, *media])
        resid = y - x @ np.linalg.lstsq(x, y, rcond=None)[0]
        return float(resid @ resid)

    n = len(y)
    if force:
        return grown, redundant
    return (grown, redundant) if n * np.log(rss(grown.matrix) / rss(base)) + extra * np.log(n) < 0 else None




def _bic_gap(fit: MMMFit, other: MMMFit, extra: int) -> float:
    """How much higher `other`'s BIC is than `fit`'s, on the same weeks, with `extra` more baseline columns."""
    def rss(model: MMMFit) -> float:
        resid = model.decomposition.actual - model.decomposition.fitted
        return max(float(resid @ resid), 1e-300)

    n = len(fit.decomposition.actual)
    return float(n * np.log(rss(other) / rss(fit)) + extra * np.log(n))


def season_alternative(fit: MMMFit) -> MMMFit | None:
    """The same narrow data fitted with a season whose swing grows with the trend, for what-if ranges only
    (`SEASON_RANGE`); None when off, on wide data or panels, when the estimate already has that season, when the
    data have no room for its columns, or when its BIC is more than SEASON_RANGE above the plain fit's. One more fit:
    callers keep it with the fit (`scenario.season_change`, through `fit_memo`).

    Why: a generator whose baseline is trend x (1 + season) leaves the plain additive season a misfit that a
    slow or smooth channel absorbs, and the data then favour the wrong curves by several nats, so no draw of
    the plain model reaches the truth (blind2 clean 3401: Podcast's what-ifs 0.6x the truth, outside their ranges).
    Choosing the baseline by BIC was worse on unseen data where it fired (session 14); holding both forms in
    the range moves no estimate, plan or ROI."""
    if SEASON_RANGE is None or SEASON_GROWS == "bic" or type(fit) is not MMMFit or is_wide(fit.dataset):
        return None
    grown = fit_mmm(fit.dataset, FitConfig(harmonics=fit.harmonics), season_grows=True)   # the fit's own season
    extra = len(grown.baseline_names) - len(fit.baseline_names)
    return grown if extra > 0 and _bic_gap(fit, grown, extra) <= SEASON_RANGE else None


def _pool_shift(base: np.ndarray, active: list[int], features: dict[int, np.ndarray], shrink: _Pooling,
                control_x: np.ndarray, k: int) -> tuple[float, ...]:
    """How far each channel's pooled coefficient moves when the pool's centre moves by its own standard error:
    the final least-squares fit (data, pooling and control rows) solved again for a shift of the pooling rows'
    targets alone (the fit is linear in them). Every channel moves the same way, so for the media total these
    shifts add up rather than average out (see MMMFit.media_interval)."""
    n = base.shape[0]
    x = np.vstack([np.column_stack([base] + [features[j] for j in active]), shrink.pseudo_x, control_x])
    target = np.zeros(len(x))
    target[n:n + len(shrink.pseudo_y)] = shrink.pseudo_y * (shrink.centre_sd / shrink.pooled_roi if shrink.pooled_roi
                                                            else 0.0)
    scale = np.maximum(np.abs(x).max(axis=0), 1e-300)
    delta = np.linalg.lstsq(x / scale, target, rcond=None)[0] / scale
    out = np.zeros(k)
    out[active] = delta[base.shape[1]:]
    return tuple(float(v) for v in out)


def _readmit(dataset: Dataset, y: np.ndarray, design: BaselineDesign, banks: dict[int, _Bank], active: list[int],
             curves: dict[int, _Blend], features: dict[int, np.ndarray], notes: dict[int, str], fit: Any,
             intervals: dict[int, tuple[float, float]], posteriors: dict[int, _Posterior], config: FitConfig
             ) -> tuple[Any, dict[int, tuple[float, float]], dict[int, _Posterior], tuple[int, ...]]:
    """Put back, under the pooled-ROI prior, the channels dropped because their raw effect came out
    negative. Under the random-effects model every channel's ROI is a draw from the pool, and a raw
    estimate below zero on wide, collinear data is evidence of a LOW ROI, not of exactly zero: the
    channel gets the curve its posterior favours and its coefficient is pooled like the others'.
    One whose pooled coefficient is still not positive stays out. Returns the raw fit, intervals and
    posteriors over the new active set, and the channels put back (never called measurable)."""
    base = design.matrix
    dropped = [j for j in sorted(banks) if j not in active and notes.get(j) == NOT_POSITIVE]
    if not dropped:
        return fit, intervals, posteriors, ()
    pool = _pooling_prior(dataset, base, active, features, fit, intervals, config)
    others = np.column_stack([base] + [features[o] for o in active])
    for j in dropped:   # the curves the pooled prior favours (their raw coefficients are mostly clamped at 0)
        post = _posterior(y, others, banks[j], 0, (pool.pooled_roi, pool.spread, float(dataset.spend[:, j].sum())))
        order = np.argsort(post.weights)[::-1][:config.max_components]
        keep = order[post.weights[order] > 1e-6 * post.weights[order[0]]]
        curves[j] = (keep, post.weights[keep] / post.weights[keep].sum())
        features[j] = _feature(banks[j], curves[j])
    while dropped:
        trial = sorted(active + dropped)
        x = np.column_stack([base] + [features[j] for j in trial])
        raw = pinv_ols(y, x)
        priors = {j: (pool.pooled_roi, pool.spread, float(dataset.spend[:, j].sum())) for j in trial}
        trial_intervals, trial_posteriors = _intervals(y, base, banks, trial, features, priors)
        shrink = _pooling_prior(dataset, base, trial, features, raw, trial_intervals, config, tuple(dropped))
        control_x, control_y = _control_prior(y, base, design, trial, features, config, is_wide(dataset))
        pooled = pinv_ols(np.concatenate([y, shrink.pseudo_y, control_y]), np.vstack([x, shrink.pseudo_x, control_x]))
        coefs = dict(zip(trial, np.asarray(pooled.params)[base.shape[1]:]))
        still = [j for j in dropped if coefs[j] <= 0]
        if not still:
            active[:] = trial
            for j in dropped:
                notes.pop(j)
            return raw, trial_intervals, trial_posteriors, tuple(dropped)
        dropped = [j for j in dropped if j not in still]
    return fit, intervals, posteriors, ()


def _one_off_weeks(y: np.ndarray, fitted: np.ndarray, n_params: int, config: FitConfig) -> tuple[int, ...]:
    """Weeks the first fit misses by more than `one_off_sigmas` robust SDs (median absolute
    deviation), largest first, at most `one_off_share` of the weeks. An unrecorded promotion
    week is a huge residual that OLS spreads over every coefficient and that inflates every
    interval; an indicator of its own removes it from both. Measured on the decision benchmark
    (benchmarks/bench_decisions.py, class short_promos: 3 unrecorded spikes in 104 weeks).

    Measured in session 8 and not adopted: looking again (up to 3 rounds) on the residuals of the fit
    with the first one-offs out. It found a half-absorbed third promotion on short_promos 201 (what-if
    error 0.269 -> 0.202) but flagged ordinary weeks elsewhere; short_promos what-if error per dataset
    got better on 3 and worse on 5 of 25 (blind set 101: 0.491 -> 0.679), class medians 0.299 -> 0.242
    at offset 0 and unchanged at offsets 55 / 60 and on both blind sets; blind set net plan gain
    2.05 -> 1.42 best gains."""
    if not config.one_off_sigmas:
        return ()
    resid = y - fitted[: len(y)]
    centre = float(np.median(resid))
    scale = 1.4826 * float(np.median(np.abs(resid - centre)))
    if not scale > 0:
        return ()
    z = np.abs(resid - centre) / scale
    room = min(int(config.one_off_share * len(y)), len(y) - n_params - 8)
    flagged = [int(i) for i in np.argsort(z)[::-1][:max(room, 0)] if z[i] > config.one_off_sigmas]
    return tuple(sorted(flagged))


def _with_one_offs(design: BaselineDesign, dates: pd.DatetimeIndex, weeks: tuple[int, ...]) -> BaselineDesign:
    """The baseline design plus one indicator column per one-off week (role "one-off")."""
    columns = np.zeros((design.matrix.shape[0], len(weeks)))
    columns[list(weeks), np.arange(len(weeks))] = 1.0
    names = tuple(f"one-off {dates[i]:%Y-%m-%d}" for i in weeks)
    return BaselineDesign(np.column_stack([design.matrix, columns]), design.names + names,
                          design.roles + ("one-off",) * len(weeks))


@dataclass(frozen=True)
class _Refitted:
    """An OLS result with its coefficients replaced by the within-limits solution (same covariance)."""

    params: np.ndarray
    bse: np.ndarray
    covariance: np.ndarray
    fittedvalues: np.ndarray

    def cov_params(self) -> np.ndarray:
        return self.covariance


def _control_prior(y: np.ndarray, base: np.ndarray, design: BaselineDesign, active: list[int],
                   features: dict[int, np.ndarray], config: FitConfig, wide: bool = False
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Ridge pseudo-rows shrinking the controls (penalty by blocked CV); none without controls."""
    width = base.shape[1] + len(active)
    controls = [i for i, role in enumerate(design.roles) if role == "control"]
    if not config.shrink_controls or not controls:
        return np.zeros((0, width)), np.zeros(0)
    x = np.column_stack([base] + [features[j] for j in active])
    groups = [control_kind(design.names[i]) for i in controls] if WIDE_CONTROL_GROUPS and wide else None
    rows, _ = ridge_rows(y, x, controls, groups=groups)
    return rows, np.zeros(len(rows))


def _within_limits(y: np.ndarray, base: np.ndarray, active: list[int], features: dict[int, np.ndarray], fit: Any,
                   prior_x: np.ndarray, prior_y: np.ndarray) -> tuple[Any, Limited | None]:
    """The final fit, re-solved under baseline >= 0 and media <= sales when it broke either."""
    n = len(y)
    media = np.column_stack([features[j] for j in active]) if active else np.zeros((n, 0))
    limited = refit_within_limits(y, base, media, np.asarray(fit.params), prior_x, prior_y)
    if limited is None:
        return fit, None
    design = np.column_stack([base, media])
    fitted = np.asarray(fit.fittedvalues).copy()
    fitted[:n] = design @ limited.params
    return _Refitted(limited.params, np.asarray(fit.bse), np.asarray(fit.cov_params()), fitted), limited


def _fit_curves(y: np.ndarray, base: np.ndarray, banks: dict[int, _Bank], active: list[int], curves: dict[int, _Blend],
                config: FitConfig, notes: dict[int, str], priors: dict[int, _RoiPrior] | None = None
                ) -> tuple[dict[int, _Blend], dict[int, np.ndarray], Any]:
    """Search the curves, then OLS; drop (as not measurable) any channel whose effect is not positive."""
    while True:
        curves, features = _search(y, base, banks, active, curves, config, priors)
        fit = pinv_ols(y, np.column_stack([base] + [features[j] for j in active]))
        media = np.asarray(fit.params[base.shape[1]:])
        if media.size == 0 or media.min() > 0:
            return curves, features, fit
        worst = active[int(np.argmin(media))]
        notes[worst] = NOT_POSITIVE
        active.remove(worst)


def _intervals(y: np.ndarray, base: np.ndarray, banks: dict[int, _Bank], active: list[int],
               features: dict[int, np.ndarray], priors: dict[int, _RoiPrior] | None = None
               ) -> tuple[dict[int, tuple[float, float]], dict[int, _Posterior]]:
    """Each channel's 90% contribution interval and its posterior over candidate curves."""
    out: dict[int, tuple[float, float]] = {}
    posteriors: dict[int, _Posterior] = {}
    for j in active:
        others = np.column_stack([base] + [features[o] for o in active if o != j])
        posteriors[j] = _posterior(y, others, banks[j], 0, priors[j] if priors else None)
        out[j] = _mixture_quantiles(posteriors[j], (TAIL, 1 - TAIL))
    return out, posteriors


@dataclass(frozen=True)
class _PairGrid:
    """Two entangled channels' joint search (_pair_grid): weights over pairs of curves, each member's posterior
    over them, and the covariance of the two coefficients within each pair (curves x totals: in sales)."""

    a: _Posterior
    b: _Posterior
    covariance: np.ndarray   # (cells,) Cov(beta_a * total_a, beta_b * total_b) given the pair of curves

    def sum_interval(self) -> tuple[float, float]:
        """90% interval of the pair's summed contribution: the mixture over the pairs of curves of each pair's
        normal (both coefficients' joint error, so the split the data cannot make does not widen the sum)."""
        means = self.a.beta * self.a.totals + self.b.beta * self.b.totals
        var = (self.a.se * self.a.totals) ** 2 + (self.b.se * self.b.totals) ** 2 + 2 * self.covariance
        return mixture_quantiles(means, np.sqrt(np.clip(var, 0.0, None)), self.a.weights, (TAIL, 1 - TAIL))


def _pair_posterior(y: np.ndarray, others: np.ndarray, bank_a: _Bank, bank_b: _Bank,
                    prior_a: _RoiPrior | None = None, prior_b: _RoiPrior | None = None,
                    most: int = PAIR_CANDIDATES) -> tuple[_Posterior, _Posterior]:
    """Each channel's posterior over the pairs of curves of their joint search (_pair_grid)."""
    grid = _pair_grid(y, others, bank_a, bank_b, prior_a, prior_b, most)
    return grid.a, grid.b


def _pair_grid(y: np.ndarray, others: np.ndarray, bank_a: _Bank, bank_b: _Bank,
               prior_a: _RoiPrior | None = None, prior_b: _RoiPrior | None = None,
               most: int = PAIR_CANDIDATES) -> _PairGrid:
    """Two channels' curves and coefficients searched JOINTLY (every pair of their leading candidates,
    both coefficients in one least-squares fit), read as each channel's posterior over the pairs.

    Why: a channel's interval is otherwise its posterior given every other channel held at its fitted
    curve. For two channels bought in the same flights the data pin their sum, not the split, and the
    split hangs on the partner's curve: held fixed, the partner's curve decides it, and the interval
    is narrow around whatever split the curve search settled on (entangled 9101: TV 1.5x and Video
    0.09x their true contributions, both true values outside their intervals). Over the pairs, every
    split the data allow carries its weight and its coefficients' joint error."""
    q, _ = np.linalg.qr(others)
    r = y - q @ (q.T @ y)
    picks = []
    for bank, prior in ((bank_a, prior_a), (bank_b, prior_b)):   # each channel's leading curves without the other
        lead = _posterior(y, others, bank, 0, prior).weights
        picks.append(np.argsort(lead)[::-1][:most])
    fa = bank_a.features[:, picks[0]] - q @ (q.T @ bank_a.features[:, picks[0]])
    fb = bank_b.features[:, picks[1]] - q @ (q.T @ bank_b.features[:, picks[1]])
    a, b = np.einsum("ij,ij->j", fa, fa)[:, None], np.einsum("ij,ij->j", fb, fb)[None, :]
    c = fa.T @ fb
    u, v = (fa.T @ r)[:, None], (fb.T @ r)[None, :]
    det = a * b - c * c
    ok = det > 1e-9 * a * b                     # proportional features: no split to read
    safe = np.where(ok, det, 1.0)
    beta_a, beta_b = (b * u - c * v) / safe, (a * v - c * u) / safe
    gain = beta_a * u + beta_b * v
    only_a, only_b = np.where(u > 0, u * u / a, 0.0), np.where(v > 0, v * v / b, 0.0)   # one coefficient at zero
    clamp = (beta_a < 0) | (beta_b < 0)
    beta_a = np.where(clamp, np.where(only_a >= only_b, np.clip(u / a, 0.0, None), 0.0), beta_a)
    beta_b = np.where(clamp, np.where(only_a >= only_b, 0.0, np.clip(v / b, 0.0, None)), beta_b)
    gain = np.where(clamp, np.maximum(only_a, only_b), gain)
    n = len(y)
    dof = max(n - int(others.shape[1]) - 2, 1)
    rss = np.maximum(float(r @ r) - gain, 1e-300)
    sigma2 = rss / dof
    se_a, se_b = np.sqrt(sigma2 * b / safe), np.sqrt(sigma2 * a / safe)
    log_w = -0.5 * n * np.log(rss) + bank_a.log_prior[picks[0]][:, None] + bank_b.log_prior[picks[1]][None, :]
    tot_a = np.broadcast_to(bank_a.candidate_totals()[picks[0]][:, None], det.shape)
    tot_b = np.broadcast_to(bank_b.candidate_totals()[picks[1]][None, :], det.shape)
    for prior, beta, se, tot in ((prior_a, beta_a, se_a, tot_a), (prior_b, beta_b, se_b, tot_b)):
        if prior is not None:
            pooled, spread, spend = prior
            var = (se * tot / spend) ** 2 + spread ** 2
            log_w = log_w - 0.5 * (beta * tot / spend - pooled) ** 2 / var - 0.5 * np.log(var)
    log_w = np.where(ok, log_w, -np.inf)
    weights = np.exp(log_w - log_w.max())
    weights = (weights / weights.sum()).ravel()
    # within a pair of curves: Cov(beta_a, beta_b) = -sigma^2 c / det (zero where one coefficient is clamped)
    covariance = np.where(clamp, 0.0, -sigma2 * c / safe) * tot_a * tot_b
    return _PairGrid(_Posterior(weights, beta_a.ravel(), se_a.ravel(), tot_a.ravel()),
                     _Posterior(weights, beta_b.ravel(), se_b.ravel(), tot_b.ravel()), covariance.ravel())


_PairSums = dict[tuple[int, int], tuple[float, float]]   # (a, b) -> 90% interval of the pair's summed contribution


def _entangled_posteriors(dataset: Dataset, y: np.ndarray, base: np.ndarray, banks: dict[int, _Bank],
                          active: list[int], features: dict[int, np.ndarray], priors: dict[int, _RoiPrior] | None,
                          sums: _PairSums | None = None) -> dict[int, list[_Posterior]]:
    """Each entangled channel's posteriors over the pairs it forms (see _pair_grid), the other channels at
    their fitted curves, and into `sums` each pair's summed-contribution interval. Entangled: weekly spend
    correlated at ENTANGLED_SPEND or more."""
    out: dict[int, list[_Posterior]] = {}
    if len(active) < 2:
        return out
    corr = np.corrcoef(dataset.spend[:, active], rowvar=False)
    for ia, a in enumerate(active):
        for ib in range(ia + 1, len(active)):
            b = active[ib]
            if corr[ia, ib] >= ENTANGLED_SPEND:
                others = np.column_stack([base] + [features[o] for o in active if o not in (a, b)])
                grid = _pair_grid(y, others, banks[a], banks[b], (priors or {}).get(a), (priors or {}).get(b))
                out.setdefault(a, []).append(grid.a)
                out.setdefault(b, []).append(grid.b)
                if sums is not None:
                    sums[(a, b)] = grid.sum_interval()
    return out


def _joint_intervals(pairs: dict[int, list[_Posterior]]) -> dict[int, tuple[float, float]]:
    """An entangled channel's 90% interval: the hull over the pairs it forms."""
    out = {}
    for j, posts in pairs.items():
        bounds = [_mixture_quantiles(post, (TAIL, 1 - TAIL)) for post in posts]
        out[j] = (min(lo for lo, _ in bounds), max(hi for _, hi in bounds))
    return out


def _widened(intervals: dict[int, tuple[float, float]], joint: dict[int, tuple[float, float]]
             ) -> dict[int, tuple[float, float]]:
    """Each interval, as the hull with its channel's joint (entangled-pair) interval where there is one."""
    return {j: (min(lo, joint[j][0]), max(hi, joint[j][1])) if j in joint else (lo, hi)
            for j, (lo, hi) in intervals.items()}


def _candidates(bank: _Bank, post: _Posterior, mass: float = 0.999, most: int = 400) -> tuple[Candidate, ...]:
    """The candidates holding `mass` of the posterior weight (at most `most`), re-weighted to sum to 1."""
    order = np.argsort(post.weights)[::-1][:most]
    keep = order[: int(np.searchsorted(np.cumsum(post.weights[order]), mass)) + 1]
    w = post.weights[keep] / post.weights[keep].sum()
    return tuple(Candidate(float(wi), float(bank.params[j, 0]), float(bank.params[j, 1]), float(bank.params[j, 2]),
                           float(post.beta[j]), float(post.se[j]))
                 for wi, j in zip(w, keep))


def _likelihood_only(post: _Posterior) -> _Posterior:
    """The same candidates weighted by their likelihood alone, without the grid's priors."""
    if post.log_lik is None:
        return post
    weights = np.exp(post.log_lik - post.log_lik.max())
    return replace(post, weights=weights / weights.sum(), log_prior=np.zeros_like(post.log_lik))


def _effective_count(weights: np.ndarray) -> float:
    """How many candidates carry a weighting: 1 / sum(w^2) (1 when one holds it all)."""
    w = weights / weights.sum()
    return float(1.0 / np.sum(w * w))


def _resolved(post: _Posterior, least: float | None = None) -> _Posterior:
    """The posterior over curves for contribution intervals and what-if draws: its likelihood tempered so that
    at least `least` (MIN_EFFECTIVE_CURVES) candidates carry it; unchanged when it is already that wide.

    Why: the curves are a grid (decay steps of 0.1, half-saturation steps of 25-50%), while on long,
    clean data the likelihood is sharper than the grid: the posterior collapses onto the one or two
    grid points nearest the true curve, and the interval holds only that curve's coefficient error.
    The grid's own step then becomes a bias the interval cannot show (clean 208-week data: TV's curve
    held by 1-5 candidates, true contribution outside the interval, its what-ifs off the same way).
    A posterior the grid cannot resolve is spread over the neighbouring grid points; the estimate
    (the blended curve) does not move."""
    least = MIN_EFFECTIVE_CURVES if least is None else least
    if post.log_lik is None or post.log_prior is None or not least or _effective_count(post.weights) >= least:
        return post

    def weights(t: float) -> np.ndarray:
        assert post.log_lik is not None and post.log_prior is not None
        log_w = t * post.log_lik + post.log_prior
        w = np.exp(log_w - log_w.max())
        result: np.ndarray = w / w.sum()
        return result

    lo, hi = 0.0, 1.0      # the largest power t of the likelihood that leaves `least` candidates
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if _effective_count(weights(mid)) >= least else (lo, mid)
    return replace(post, weights=weights(lo))


def _saturation_reach(post: _Posterior, ratios: int, shapes: int, pooled: float, spread: float,
                      nats: float | None = None, always_on: bool = False) -> float:
    """The highest contribution the channel can plausibly have over the half-saturation ratios its data cannot tell
    from the best one: for each ratio whose profile log likelihood (the best over decays and shapes) is within
    `nats` of the top, the 95th percentile of the posterior given that ratio, each curve's coefficient under the
    pooled-ROI prior (`pooled` and `spread`, in sales over the period) as well as its own data.

    Why: a channel bought far past its half-saturation point has an almost flat response, and a flat response
    trades its level with the intercept: the data leave the ratio free over a wide range (deep_saturation's
    Search: the profile moves under 1.5 nats from 0.15x to 4x spend) and the grid's prior, centred on typical
    spend, picks a curve that still bends, with a lower level (deep_saturation 10301: Search fitted at 6.3k against
    a true 14.0k, interval 2.3k-12.0k; now up to 17.0k). The flatter curves the data allow say nothing about the
    level; the pooled prior is all that bounds it, so it bounds their reach. Only the upper end moves: the lower
    end is what the curves the data do pin say, and a prior's spread alone never makes a channel unmeasurable.
    The bank orders candidates decay-major, then ratio, then shape (see _bank)."""
    if post.log_lik is None or post.log_prior is None:
        return 0.0
    nats = PROFILE_NATS if nats is None else nats
    ratio = (np.arange(len(post.log_lik)) // shapes) % ratios
    profile = np.full(ratios, -np.inf)
    np.maximum.at(profile, ratio, post.log_lik)
    own, prior = np.maximum(post.se * post.totals, 1e-300) ** -2, max(spread, 1e-300) ** -2
    means = (post.beta * post.totals * own + pooled * prior) / (own + prior)   # normal-normal, per curve
    sds = 1.0 / np.sqrt(own + prior)
    reach = 0.0
    for r in np.flatnonzero(profile >= profile.max() - nats):
        log_w = np.where(ratio == r, post.log_lik + post.log_prior, -np.inf)
        weights = np.exp(log_w - log_w.max())
        if pooled > 0 and (REACH_PRIOR == "lognormal" or always_on):
            top = _lognormal_reach(post.beta * post.totals, post.se * post.totals, weights / weights.sum(), pooled,
                                   spread)
        else:
            top = mixture_quantiles(means, sds, weights / weights.sum(), (1 - TAIL, 1 - TAIL))[0]
        reach = max(reach, top)
    return reach


def _lognormal_reach_applies(dataset: Dataset, j: int) -> bool:
    """Whether channel j's reach uses the log-normal pooled prior (REACH_PRIOR): a channel on air every week
    (its level trades with the intercept: no week without it pins the level) and, under "largest_on", the
    one with the most spend, whose level the intercept can trade the most of."""
    spend = np.asarray(dataset.spend, dtype=float)
    if REACH_PRIOR not in ("always_on", "largest_on") or not bool(always_on(spend)[j]):
        return False
    return REACH_PRIOR == "always_on" or float(spend[:, j].sum()) >= float(spend.sum(axis=0).max())


def _lognormal_reach(own_mean: np.ndarray, own_sd: np.ndarray, weights: np.ndarray, pooled: float,
                     spread: float, points: int = 800) -> float:
    """The 95th percentile of a mixture over curves of each curve's contribution given its own data (normal) and
    a log-normal pooled prior with the same mean and sd as the normal one (`_saturation_reach`), on a grid.

    `weights` carry the normal prior's evidence for each curve (`_posterior`'s roi_prior term); it is swapped for
    the log-normal's, so a flat curve whose own level sits far above the pool keeps only the weight that prior
    gives it (its tail is heavier than the normal's, not unbounded)."""
    live = weights > 1e-12 * weights.max()
    m, sd, w = own_mean[live], np.maximum(own_sd[live], 1e-12), weights[live] / weights[live].sum()
    sigma2 = float(np.log1p((spread / pooled) ** 2))
    mu = float(np.log(pooled)) - sigma2 / 2
    top = max(float(np.max(m + 8 * sd)), float(np.exp(mu + 6 * np.sqrt(sigma2))))
    c = np.linspace(top / points, top, points)
    log_density = (-0.5 * ((c[None, :] - m[:, None]) / sd[:, None]) ** 2 - np.log(sd)[:, None]
                   - (np.log(c)[None, :] - mu) ** 2 / (2 * sigma2) - np.log(c)[None, :])
    peak = log_density.max(axis=1, keepdims=True)
    density = np.exp(log_density - peak)
    log_evidence = peak[:, 0] + np.log(density.sum(axis=1))          # log-normal prior's evidence, up to a constant
    normal_var = sd ** 2 + spread ** 2
    log_normal = -0.5 * (m - pooled) ** 2 / normal_var - 0.5 * np.log(normal_var)   # the normal prior's, same constant
    log_w = np.log(np.maximum(w, 1e-300)) + log_evidence - log_normal
    w = np.exp(log_w - log_w.max())
    w /= w.sum()
    density /= density.sum(axis=1, keepdims=True)
    cdf = np.cumsum(w @ density)
    return float(c[min(int(np.searchsorted(cdf, 1 - TAIL)), points - 1)])


@dataclass(frozen=True)
class _Pooling:
    """Random-effects prior on channel ROIs, as pseudo-observations for the final OLS."""

    pooled_roi: float
    spread: float            # between-channel standard deviation of ROI
    pseudo_x: np.ndarray     # (k_active, p) one row per channel
    pseudo_y: np.ndarray     # (k_active,)
    raw_coef: dict[int, float]   # channel index -> coefficient before pooling
    centre_sd: float = 0.0       # standard error of pooled_roi (the channels it is estimated from)


def _pooling_prior(dataset: Dataset, base: np.ndarray, active: list[int], features: dict[int, np.ndarray], fit: Any,
                   intervals: dict[int, tuple[float, float]], config: FitConfig, exclude: tuple[int, ...] = ()
                   ) -> _Pooling:
    """Channels' ROIs are treated as draws from one distribution whose centre and spread are
    estimated from the data (DerSimonian-Laird), so a noisy channel is pulled toward the pooled
    ROI in proportion to its own uncertainty, while a precisely measured one barely moves.
    Each channel's uncertainty is the width of its transform-aware interval, not only the OLS
    standard error, so a channel whose curve is poorly pinned down is pooled more. Channels in
    `exclude` (put back by _readmit: their own estimate was not positive) get the prior but do
    not move its centre or spread."""
    z = 1.6448536269514722
    p_base = base.shape[1]
    params = np.asarray(fit.params)
    bse = np.asarray(fit.bse)
    sigma2 = float(fit.scale)
    spend = np.array([dataset.spend[:, j].sum() for j in active])
    totals = np.array([features[j].sum() for j in active])
    beta = params[p_base:p_base + len(active)]
    roi = beta * totals / spend
    se = np.array([(intervals[j][1] - intervals[j][0]) / (2 * z) for j in active]) / spend
    se = np.maximum(se, bse[p_base:p_base + len(active)] * totals / spend)
    own = np.array([j not in exclude for j in active])   # channels put back under this prior do not move it
    spread_se = se
    if is_wide(dataset) and WIDE_SPREAD_SE == "coef":   # off by default (session 11, see the module docstring)
        spread_se = np.maximum(bse[p_base:p_base + len(active)] * totals / spend, 1e-300)
    w = 1.0 / spread_se[own] ** 2
    fixed = float((w * roi[own]).sum() / w.sum())
    q = float((w * (roi[own] - fixed) ** 2).sum())
    tau2 = max(0.0, q - (int(own.sum()) - 1)) / max(float(w.sum() - (w ** 2).sum() / w.sum()), 1e-300)
    w_re = 1.0 / (se[own] ** 2 + tau2)
    pooled = float((w_re * roi[own]).sum() / w_re.sum())
    if is_wide(dataset) and WIDE_POOL_CENTRE == "huber":
        pooled = _pool_centre(roi[own], se[own], tau2, config.min_pool_spread, pooled)
    floor = _prior_floor(config) if is_wide(dataset) else config.min_pool_spread
    spread = max(np.sqrt(tau2), floor * abs(pooled))
    if config.max_pool_spread is not None:
        spread = min(spread, config.max_pool_spread * abs(pooled))
    # Prior on each coef: N(pooled * spend / total, (spread * spend / total)^2). Its pseudo-row
    # weight is scaled by (OLS variance / interval variance) so the OLS, which only sees its own
    # sampling error, weighs the prior against the channel's full (transform-aware) uncertainty.
    prior_mean = pooled * spend / totals
    prior_sd = spread * spend / totals
    ols_se = np.maximum(bse[p_base:p_base + len(active)], 1e-300)
    full_se = se * spend / totals
    weight = np.sqrt(sigma2) / prior_sd * (full_se / ols_se)
    pseudo_x = np.zeros((len(active), p_base + len(active)))
    pseudo_x[np.arange(len(active)), p_base + np.arange(len(active))] = weight
    raw = {j: float(beta[i]) for i, j in enumerate(active)}
    centre_sd = _centre_sd(roi[own], se[own], spread, pooled)
    return _Pooling(pooled, float(spread), pseudo_x, weight * prior_mean, raw, centre_sd)


def _prior_floor(config: FitConfig) -> float:
    """Wide data: the pooled prior's spread floor, as a share of its centre. A FitConfig's own value is used as it
    stands (so an experiment can lower it below the centre's floor); by default WIDE_PRIOR_SPREAD, and never
    below the centre's `min_pool_spread`, so raising that floor raises the prior's with it."""
    if config.wide_prior_spread is not None:
        return config.wide_prior_spread
    return max(config.min_pool_spread, WIDE_PRIOR_SPREAD)


def _centre_sd(roi: np.ndarray, se: np.ndarray, spread: float, centre: float) -> float:
    """Standard error of the pool's centre: the larger of the model's (each channel's ROI a draw with variance
    se^2 + spread^2) and the sandwich estimate from how far the channels really sit from the centre, which
    does not lean on the spread being right (its floor is a guess; the channels' scatter is measured)."""
    w = 1.0 / (se ** 2 + spread ** 2)
    model = 1.0 / float(w.sum())
    sandwich = float((w ** 2 * (roi - centre) ** 2).sum()) / float(w.sum()) ** 2 * len(roi) / max(len(roi) - 1, 1)
    return float(np.sqrt(max(model, sandwich)))


def _pool_centre(roi: np.ndarray, se: np.ndarray, tau2: float, floor: float, start: float) -> float:
    """The pool's centre on wide data: a Huber M-estimate (k = 1.345) over the channels' ROIs, each weighed by
    1 / (se^2 + spread^2) with the spread at least `floor` x the centre - the floor the prior itself uses.

    Why: DerSimonian-Laird weighs by 1 / (se^2 + tau^2), and on wide data its tau^2 often comes out 0, so the
    centre is the precision-weighted mean and the one or two most precise channels set it (wide export 17:
    TV, a third of spend, fitted at ROI 0.75 against a true 1.58, held the centre at 1.02; the true pooled
    ROI is 2.17). A precise channel is precise about its own coefficient, not about the shared bias of every
    channel on this export; with the prior's spread floor in the weights, and a channel far from the
    others in its own standard units counting less, no one channel sets the centre."""
    centre = start
    for _ in range(50):
        var = se ** 2 + max(tau2, (floor * centre) ** 2)
        z = np.abs(roi - centre) / np.sqrt(var)
        w = np.minimum(1.0, 1.345 / np.maximum(z, 1e-12)) / var
        new = float((w * roi).sum() / w.sum())
        if abs(new - centre) <= 1e-9 * max(abs(centre), 1e-12):
            return new
        centre = new
    return centre


def _mixture_quantiles(post: _Posterior, probs: tuple[float, float]) -> tuple[float, float]:
    """Quantiles of total contribution under the posterior: a mixture over candidates of a
    normal (coefficient x feature total) truncated at zero."""
    return mixture_quantiles(post.beta * post.totals, post.se * post.totals, post.weights, probs)


def mixture_quantiles(means: np.ndarray, sds: np.ndarray | None, weights: np.ndarray,
                      probs: tuple[float, float]) -> tuple[float, float]:
    """Quantiles of a weighted mixture of normals truncated at zero, found by bisection on the CDF.
    With `sds` None the components are point masses: the weighted percentiles of `means`, exactly."""
    live = weights > 1e-8 * weights.max()     # negligible candidates do not move a quantile
    mean = np.asarray(means, dtype=float)[live]
    sd = None if sds is None else np.maximum(sds, 1e-12)[live]
    w = weights[live] / weights[live].sum()

    def cdf(c: np.ndarray) -> np.ndarray:   # P(C <= c); the mass below zero sits at zero
        below = c[:, None] >= mean[None, :] if sd is None else ndtr((c[:, None] - mean[None, :]) / sd[None, :])
        result: np.ndarray = (w[None, :] * below).sum(axis=1)
        return result

    targets = np.asarray(probs, dtype=float)
    lo = np.zeros_like(targets)
    hi = np.full_like(targets, float(np.max(mean if sd is None else mean + 8 * sd)))
    at_zero = cdf(lo) >= targets
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        below = cdf(mid) < targets
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return cast("tuple[float, float]", tuple(0.0 if z else float(h) for z, h in zip(at_zero, hi)))   # one per prob


def half_life_range(channel: ChannelFit) -> HalfLifeRange | None:
    """90% range of a channel's half-life over the curves its fit weighs (5th and 95th weighted percentiles
    of the posterior's decays: a mixture of point masses), or None when the fit kept no curves for it.

    The range always holds the channel's own fitted half-life: the search can settle on a curve the final posterior
    gives little weight (an always-on channel of the review's subscription export: decay 0.9, 6.6 weeks, against a
    posterior range of under a week to 1.0 weeks), and an estimate outside its own range reads as a contradiction."""
    if not channel.posterior:
        return None
    decays = np.array([c.decay for c in channel.posterior])
    low, high = mixture_quantiles(decays, None, np.array([c.weight for c in channel.posterior]), (0.05, 0.95))
    low, high = min(low, channel.decay), max(high, channel.decay)
    return HalfLifeRange(half_life(low), half_life(high))


def _representative(transforms: tuple[Transform, ...]) -> tuple[float, float, float]:
    w = np.array([t.weight for t in transforms])
    decay = float(w @ [t.decay for t in transforms])
    k = float(np.exp(w @ np.log([t.half_saturation for t in transforms])))
    shape = float(w @ [t.shape for t in transforms])
    return decay, k, shape


def _assemble(dataset: Dataset, design: BaselineDesign, banks: dict[int, _Bank], active: list[int],
              curves: dict[int, _Blend], features: dict[int, np.ndarray], fit: Any, notes: dict[int, str], y: np.ndarray,
              config: FitConfig, intervals: dict[int, tuple[float, float]], shrink: _Pooling | None,
              posteriors: dict[int, _Posterior], limited: Limited | None = None,
              readmitted: tuple[int, ...] = (), joint: dict[int, tuple[float, float]] | None = None) -> MMMFit:
    n, k = dataset.spend.shape
    base = design.matrix
    p_base = base.shape[1]
    params = np.asarray(fit.params)
    bse = np.asarray(fit.bse)
    cov = np.asarray(fit.cov_params())
    wide = is_wide(dataset)

    media_cov = np.zeros((k, k))
    channel_parts = np.zeros((n, k))
    channels: list[ChannelFit] = []
    warnings: list[str] = []
    position = {j: p_base + i for i, j in enumerate(active)}
    for j, name in enumerate(dataset.channels):
        spend_total = float(dataset.spend[:, j].sum())
        if j in position:
            i = position[j]
            coef = float(params[i])
            channel_parts[:, j] = coef * features[j]
            contribution = float(channel_parts[:, j].sum())
            resolved = _resolved(posteriors[j])   # the curve posterior as wide as the grid resolves
            low, high = intervals[j] if resolved is posteriors[j] else _mixture_quantiles(resolved, (TAIL, 1 - TAIL))
            low, high = _widened({j: (low, high)}, joint or {})[j]   # bought with another: the split as data leave it
            if shrink is not None:
                low, high = _pooled_interval(low, high, float(np.sum(features[j]) * shrink.raw_coef[j]), contribution,
                                             WIDE_POOLED_INTERVAL if wide else "shift")
            elif limited is not None:  # the limits move the estimate; the interval moves with it, same width
                unconstrained = float(np.sum(features[j]) * limited.unconstrained[position[j]])
                centre = float(np.clip(unconstrained, low, high))
                low, high = max(0.0, contribution - (centre - low)), max(contribution + (high - centre), 0.0)
            if not wide and SATURATION_HULL == "upper" and shrink is not None:   # a ratio the data cannot pin
                high = max(high, _saturation_reach(resolved, len(config.saturation_ratios), len(config.shapes),
                                                   shrink.pooled_roi * spend_total, shrink.spread * spend_total,
                                                   always_on=_lognormal_reach_applies(dataset, j)))
            low, high = min(low, contribution), max(high, contribution)
            if j in readmitted:   # its raw effect was not positive: only the pooled prior puts it above zero
                low = 0.0
            measurable = clears_zero(low, contribution, spend_total, dataset.in_money)
            note = (READMITTED if j in readmitted else
                    None if measurable else "effect too uncertain to tell from zero in this data")
            transforms = _transforms(banks[j], curves[j])
            decay, half_sat, shape = _representative(transforms)
            channels.append(ChannelFit(name, decay, half_sat, shape, coef, float(bse[i]), spend_total,
                                       contribution, low, high, measurable, note, transforms,
                                       _candidates(banks[j], posteriors[j]),
                                       _candidates(banks[j], _resolved(_likelihood_only(posteriors[j])))))
            for j2, i2 in position.items():
                media_cov[j, j2] = cov[i, i2]
        else:
            note = notes.get(j, "not estimated")
            high = 0.0
            if j in banks:
                others = np.column_stack([base] + [features[o] for o in active])
                high = _mixture_quantiles(_posterior(y, others, banks[j]), (TAIL, 1 - TAIL))[1]  # noqa: E501
            channels.append(ChannelFit(name, 0.0, 1.0, 1.0, 0.0, 0.0, spend_total, 0.0, 0.0, high, False, note))
            warnings.append(f"{name}: {note}.")

    fitted = np.asarray(fit.fittedvalues)[:n]   # without the pooling pseudo-observations
    parts = {role: np.zeros(n) for role in ("intercept", "trend", "seasonality")}
    control_parts = np.zeros((n, len(dataset.control_names)))
    for col, (name, role) in enumerate(zip(design.names, design.roles)):
        piece = params[col] * base[:, col]
        if role == "control":
            control_parts[:, dataset.control_names.index(name)] = piece
        else:   # a one-off week's adjustment is part of that week's base level
            parts["intercept" if role == "one-off" else role] += piece
    regular = [i for i, role in enumerate(design.roles) if role != "one-off"]
    decomposition = Decomposition(dataset.dates, y.copy(), parts["intercept"], parts["trend"],
                                  parts["seasonality"], control_parts, channel_parts, fitted)
    stats = _stats(y, fitted, n_linear=len(params), n_transform=3 * len(active))
    return MMMFit(
        dataset=dataset,
        channels=tuple(channels),
        stats=stats,
        decomposition=decomposition,
        media_covariance=media_cov,
        baseline_names=tuple(design.names[i] for i in regular),
        baseline_coefs=params[regular].copy(),
        one_off_weeks=tuple(int(np.argmax(base[:, i])) for i, role in enumerate(design.roles) if role == "one-off"),
        one_off_effects=tuple(float(params[i]) for i, role in enumerate(design.roles) if role == "one-off"),
        method="adstock + Hill curves learned as a likelihood-weighted blend over a transform grid; non-negative OLS",
        harmonics=config.harmonics,
        warnings=tuple(warnings),
    )


def clears_zero(low: float, estimate: float, spend: float, in_money: bool) -> bool:
    """Whether a channel's 90% lower bound clears zero by enough to call its effect measured.

    Why: a bound of 0.0003 per $1 (wide export 11's Facebook, shown "$0.00-$5.47") is above zero only in
    digits nobody is shown, so "measurable" would contradict the interval on the page. The bound must be at
    least MIN_LOW_SHARE of the channel's own estimate and, for sales in money, at least half a cent per $1
    (the ROI is shown in cents: SHOWN_ROI_STEP)."""
    if not low > 0.0 or low < MIN_LOW_SHARE * estimate:
        return False
    return not (in_money and spend > 0 and low / spend < SHOWN_ROI_STEP / 2)


def _pooled_interval(low: float, high: float, raw: float, pooled: float, rule: str) -> tuple[float, float]:
    """A pooled channel's 90% interval from its data-only interval (low, high) around its raw estimate.

    "shift" (narrow data): the range moves with the pooled estimate, same width. Narrowing it by the pooling
    factor too was measured at 63% coverage of the truth on the ground-truth scenarios (nominal 90%);
    shifting alone gives ~93%. "low" (wide data, WIDE_POOLED_INTERVAL): the same, but its lower bound never
    rises above the data-only one, so a channel is "measurable" only when its own data and the pooled view
    both exclude zero. Why: on wide data the pool pulls a channel whose own range reaches zero up toward
    the pooled ROI, and the moved range then excluded zero - "measurable" on the prior's word alone, often
    with the truth below it (wide export 3030: Display true ROI 0.38, own range 0-5.31, shown 1.87 in
    1.30-6.61; OOH 0.44, own range 0-1.09, shown 1.85 in 1.47-2.55)."""
    centre = raw if low < raw < high else 0.5 * (low + high)   # a raw estimate outside its own interval: shift
    moved_low, moved_high = max(0.0, pooled - (centre - low)), pooled + (high - centre)   # from its middle, not an end
    return (min(low, moved_low) if rule == "low" else moved_low), moved_high


def _stats(y: np.ndarray, fitted: np.ndarray, n_linear: int, n_transform: int) -> FitStats:
    from statsmodels.stats.stattools import durbin_watson

    resid = y - fitted
    n = len(y)
    ss_res = float(resid @ resid)
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot
    adj = 1.0 - (1.0 - r2) * (n - 1) / max(n - n_linear - 1, 1)
    nonzero = np.abs(y) > 1e-12
    mape = float(np.mean(np.abs(resid[nonzero] / y[nonzero])) * 100) if nonzero.any() else float("nan")
    sigma = float(np.sqrt(ss_res / max(n - n_linear - n_transform, 1)))
    return FitStats(r2, adj, mape, float(durbin_watson(resid)), n, n_linear + n_transform, sigma)
