"""Score ROI and what-if answers on the always-on generators against their truth (issue 10 item 4, always-on over-credit).

    PYTHONPATH=. python benchmarks/bench_always_on.py [--generator always_on_search|demand_search|demand_search_wide]
        [--seeds 1-12] [--weeks 156] [--noise 0.04] [--set analysis.fit.FLAG=VALUE]

Per dataset: Paid Search's fitted / true contribution and fitted decay; every channel's ROI truth inside its
90% interval; every channel at +-10/20/30/50%: weighted what-if error (sum |est - true| / sum |true|) and the
truth inside the stated interval; and "move 10% of TV into Paid Search" (the session-12 reviewer's question):
stated change, true change, inside or not. Totals at the end. Not one of the decision benchmark's classes.

Session 13, seeds 1-12 (156 weeks, 4% noise): always_on_search ROI truth inside 57/60, what-if error median 0.270,
what-if truth inside 458/480, the shift inside 12/12; demand_search 55/60, 0.304, 444/480, 12/12. Neither reproduces
the reviewer's over-credit: Paid Search is fitted at 0.5-1.3x its contribution, as often under as over, with decay
0.0-0.75 against a true 0.0-0.1, and "move 10% of TV into Paid Search" is off by a mean 219 and 250 (true changes -440
to +360), inside its interval every time. The over-credit the benchmark's own data show is in `docs/fit_history.md`
(session 13: an always-on CTV with a long fitted carry-over, where the season grows with sales).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.decisions.scenario import Shift, run_scenario  # noqa: E402
from analysis.fit import fit_mmm  # noqa: E402
from benchmarks.switches import apply_switches  # noqa: E402
from data.always_on import always_on_search, demand_search  # noqa: E402

PCTS = (-50.0, -30.0, -20.0, -10.0, 10.0, 20.0, 30.0, 50.0)
GENERATORS = {"always_on_search": always_on_search, "demand_search": demand_search,
              "demand_search_wide": lambda seed, **kw: demand_search(seed, wide=True, **kw)}


def _seeds(text: str) -> list[int]:
    if "-" in text:
        lo, hi = (int(v) for v in text.split("-"))
        return list(range(lo, hi + 1))
    return [int(v) for v in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", choices=sorted(GENERATORS), default="demand_search")
    parser.add_argument("--seeds", default="1-12")
    parser.add_argument("--weeks", type=int, default=156)
    parser.add_argument("--noise", type=float, default=0.04)
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.FLAG=VALUE",
                        help="experiment: override a module-level number, e.g. analysis.fit.ALWAYS_ON_DECAY_BETA=6")
    args = parser.parse_args(argv)
    apply_switches(parser, args.set)
    make = GENERATORS[args.generator]
    roi_in = roi_n = wi_in = wi_n = shift_in = shift_n = 0
    errors, shift_errors = [], []
    print(f"{'seed':>5}{'PS fit/true':>12}{'PS decay':>9}{'ROI in':>8}{'WI err':>8}{'WI in':>7}{'PS err':>8}"
          f"{'shift stated [90%]':>30}{'true':>9}")
    for seed in _seeds(args.seeds):
        scenario = make(seed, n=args.weeks, noise_share=args.noise)
        fit, truth = fit_mmm(scenario.dataset), scenario.truth
        spend = np.asarray(scenario.dataset.spend, dtype=float)
        base = float(truth.expected_sales(spend).sum())
        true_contribution = truth.contributions(spend).sum(axis=0)
        inside = [c.contribution_low - 1e-9 <= true_contribution[j] <= c.contribution_high + 1e-9
                  for j, c in enumerate(fit.channels)]
        roi_in, roi_n = roi_in + sum(inside), roi_n + len(inside)
        num = den = ps_num = ps_den = 0.0
        covered = total = 0
        for name in fit.channel_names:
            for pct in PCTS:
                result = run_scenario(fit, {name: pct}, draws=400)
                real = float(truth.expected_sales(result.new_plan).sum()) - base
                num, den = num + abs(result.delta_sales - real), den + abs(real)
                if name == "Paid Search":
                    ps_num, ps_den = ps_num + abs(result.delta_sales - real), ps_den + abs(real)
                covered += result.delta_sales_low - 1e-9 <= real <= result.delta_sales_high + 1e-9
                total += 1
        wi_in, wi_n = wi_in + covered, wi_n + total
        errors.append(num / den)
        shift = run_scenario(fit, shift=Shift("TV", "Paid Search", percentage=10.0), draws=400)
        real = float(truth.expected_sales(shift.new_plan).sum()) - base
        ok = shift.delta_sales_low - 1e-9 <= real <= shift.delta_sales_high + 1e-9
        shift_in, shift_n = shift_in + ok, shift_n + 1
        shift_errors.append(abs(shift.delta_sales - real))
        ps = fit.channels[fit.channel_names.index("Paid Search")]
        stated = f"{shift.delta_sales:.1f} [{shift.delta_sales_low:.1f}, {shift.delta_sales_high:.1f}]"
        print(f"{seed:>5}{ps.contribution / true_contribution[0]:>12.2f}{ps.decay:>9.2f}"
              f"{f'{sum(inside)}/{len(inside)}':>8}{num / den:>8.3f}{covered / total:>7.0%}{ps_num / ps_den:>8.3f}"
              f"{stated:>30}{real:>9.1f}{'' if ok else '  outside'}", flush=True)
    print(f"\n{args.generator}, {len(errors)} datasets: ROI truth inside {roi_in}/{roi_n}; what-if error median "
          f"{float(np.median(errors)):.3f}; what-if truth inside {wi_in}/{wi_n}; TV -> Paid Search 10% inside "
          f"{shift_in}/{shift_n}, mean |error| {float(np.mean(shift_errors)):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
