"""How much do the data, and how much does the prior, decide one channel's curve? (issue 10 diagnostic)

    PYTHONPATH=. python benchmarks/fit_profile.py deep_saturation 301 Search
    PYTHONPATH=. python benchmarks/fit_profile.py long_carryover 2901 TV
    PYTHONPATH=. python benchmarks/fit_profile.py deep_saturation 401 "Online Video" --module data.hard_scenarios_blind

Fits a data.hard_scenarios dataset, holds every other channel at its fitted curve, and prints the
channel's profile log-likelihood (best over the other two transform parameters) along the
half-saturation ratio and along the decay, next to the fit's log prior at those points, both in
nats relative to their maximum. A profile flatter than the prior's slope means the prior, not the
data, chose the value: no finer grid can help there. The baseline is rebuilt without one-off weeks
or control shrinkage, so the profile is close to, not identical with, the fit's own.

Then the oracle check, which tells a fit error from a data limit: every channel's coefficient when
the regression is given the TRUE curves (as a multiple of the true coefficient, with its standard
error), and how many nats worse the data find the true curve than the fitted one, channel by channel
and all together. A coefficient far from 1 under the true curves is noise no curve search can remove
(session 8: deep_saturation 4601's Display 4.4 +- 1.8x, 4501's Search 2.2 +- 0.7x); a true curve
within a nat or two of the fitted one is one the data cannot rule out (data.hard_scenarios_blind's
deep_saturation 401: 0.7 nats in all), so only the plan's uncertainty can cover it.

    PYTHONPATH=. python benchmarks/fit_profile.py --whatif-floor [--module M] [--seed-offset N] [--seeds 5]

The what-if floor (session 9): the decision benchmark's single-channel what-if error (every channel at
+-10/20/30/50%, weighted) when least squares is handed the TRUE curves, with unusual weeks given their own
indicator as the fit does: what the coefficients' noise alone costs, per class. A class whose engine error
is near or below its floor cannot be mended by a better curve search, only by shrinking the noise (the
fit's pooling already does). Session 9, offsets 0 and 65 and both blind sets at offset 5, floor against the
engine (class medians): short_promos 0.26-0.39 against 0.27-0.39, noisy 0.24-0.83 against 0.32-0.36, but
deep_saturation 0.16-0.30 against 0.28-0.44 (its saturated channel's curve top, see analysis/fit.py).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from analysis.design import baseline_design, drop_dependent_controls  # noqa: E402
from analysis.fit import FitConfig, _Bank, _bank, _posterior, fit_mmm, grid_log_prior  # noqa: E402
from analysis.transforms import geometric_adstock  # noqa: E402

# The fit's grid, extended below and above, so a profile can show where the data would go.
RATIOS = (0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)


def _row(label: str, keys, values: np.ndarray) -> str:
    return f"{label:<22}" + " ".join(f"{k:>5g}:{v:5.1f}" for k, v in zip(keys, values - values.max()))


def oracle(dataset, truth, fit, base: np.ndarray) -> list[tuple[str, float, float, float]]:
    """(name, coefficient / true coefficient under the true curves, its standard error, log-likelihood
    of the true curve minus the fitted one with the other channels at their fitted curves), per channel.
    The last row, named "all", is the gap with every channel at its true curve."""
    y = np.asarray(dataset.sales, float)
    spend = [np.asarray(dataset.spend[:, j], float) for j in range(len(truth.channels))]
    true = [t.response(x) / t.coef for t, x in zip(truth.channels, spend)]
    fitted = [sum(t.weight * t.apply(x) for t in c.transforms) if c.transforms else np.zeros_like(x)
              for c, x in zip(fit.channels, spend)]

    def solve(features):
        design = np.column_stack([base, *features])
        beta, *_ = np.linalg.lstsq(design, y, rcond=None)
        resid = y - design @ beta
        return beta, float(resid @ resid), design

    beta, rss_true, design = solve(true)
    cov = rss_true / (len(y) - design.shape[1]) * np.linalg.pinv(design.T @ design)
    rss_fit = solve(fitted)[1]

    def gap(rss: float) -> float:
        return -0.5 * len(y) * float(np.log(rss / rss_fit))

    p = base.shape[1]
    rows = [(t.name, beta[p + j] / t.coef, float(np.sqrt(cov[p + j, p + j])) / t.coef,
             gap(solve(fitted[:j] + [true[j]] + fitted[j + 1:])[1])) for j, t in enumerate(truth.channels)]
    return rows + [("all", float("nan"), float("nan"), gap(rss_true))]


PCTS = (-50.0, -30.0, -20.0, -10.0, 10.0, 20.0, 30.0, 50.0)   # as benchmarks/bench_decisions.py


def whatif_floor(dataset, truth) -> float:
    """Weighted single-channel what-if error, sum |est - true| / sum |true|, of least squares on the TRUE
    curves (coefficients clamped at zero as the fit's), with the weeks the fit would call one-offs removed."""
    from analysis.fit import FitConfig, _one_off_weeks

    y = np.asarray(dataset.sales, float)
    spend = np.asarray(dataset.spend, float)
    base = drop_dependent_controls(baseline_design(dataset.dates, dataset.controls, dataset.control_names,
                                                   FitConfig().harmonics))[0].matrix
    units = [t.response(spend[:, j]) / t.coef for j, t in enumerate(truth.channels)]
    design = np.column_stack([base, *units])
    beta = np.linalg.lstsq(design, y, rcond=None)[0]
    weeks = _one_off_weeks(y, design @ beta, design.shape[1], FitConfig())
    if weeks:
        design = np.column_stack([design, np.eye(len(y))[:, list(weeks)]])
        beta = np.linalg.lstsq(design, y, rcond=None)[0]
    coefs = np.clip(beta[base.shape[1]:base.shape[1] + len(units)], 0.0, None)
    today = float(truth.expected_sales(spend).sum())
    error = total = 0.0
    for j, t in enumerate(truth.channels):
        for pct in PCTS:
            after = spend.copy()
            after[:, j] *= 1 + pct / 100
            true = float(truth.expected_sales(after).sum()) - today
            error += abs(coefs[j] * float((t.response(after[:, j]) - t.response(spend[:, j])).sum()) / t.coef - true)
            total += abs(true)
    return error / total if total else float("nan")


def _floor_table(module: str, offset: int, seeds: int) -> None:
    import statistics

    classes = importlib.import_module(module).HARD_CLASSES
    medians = {}
    for name, make in classes.items():
        errors = []
        for i in range(seeds):
            scenario = make(1 + 100 * (offset + i))
            errors.append(whatif_floor(scenario.dataset, scenario.truth))
        medians[name] = statistics.median(errors)
        print(f"{name:<18}" + " ".join(f"{e:6.3f}" for e in errors) + f"   median {medians[name]:.3f}")
    print(f"what-if floor (least squares on the true curves), median across classes: "
          f"{statistics.median(medians.values()):.3f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?")
    parser.add_argument("seed", type=int, nargs="?")
    parser.add_argument("channel", nargs="?")
    parser.add_argument("--module", default="data.hard_scenarios", help="module holding HARD_CLASSES")
    parser.add_argument("--whatif-floor", action="store_true",
                        help="print each class's what-if error under least squares on the true curves")
    parser.add_argument("--seed-offset", type=int, default=0, help="with --whatif-floor: seeds 1 + 100 * (offset + i)")
    parser.add_argument("--seeds", type=int, default=5, help="with --whatif-floor: seeds per class")
    args = parser.parse_args(argv)
    if args.whatif_floor:
        _floor_table(args.module, args.seed_offset, args.seeds)
        return 0
    if args.channel is None:
        parser.error("give SCENARIO SEED CHANNEL, or --whatif-floor")
    classes = importlib.import_module(args.module).HARD_CLASSES
    if args.scenario not in classes:
        parser.error(f"unknown class {args.scenario!r}; choose from {', '.join(sorted(classes))}")
    scenario = classes[args.scenario](args.seed)
    dataset, truth = scenario.dataset, scenario.truth
    fit = fit_mmm(dataset)
    j = list(fit.channel_names).index(args.channel)
    design, _ = drop_dependent_controls(baseline_design(dataset.dates, dataset.controls, dataset.control_names,
                                                        fit.harmonics))
    others = [sum(t.weight * t.apply(np.asarray(dataset.spend[:, i], float)) for t in c.transforms)
              for i, c in enumerate(fit.channels) if i != j and c.transforms]
    config = FitConfig(saturation_ratios=RATIOS)
    spend = np.asarray(dataset.spend[:, j], float)
    bank = _bank(spend, config)
    flat = _Bank(bank.features, bank.params, np.zeros_like(bank.log_prior))
    shape = (len(config.decays), len(RATIOS), len(config.shapes))
    loglik = np.log(_posterior(np.asarray(dataset.sales, float), np.column_stack([design.matrix, *others]),
                               flat).weights + 1e-300).reshape(shape)
    prior = grid_log_prior(config).reshape(shape)
    true = truth.channels[j]
    adstocked = geometric_adstock(spend, true.decay)
    fitted = fit.channels[j]
    fitted_ad = geometric_adstock(spend, fitted.decay)
    print(f"{args.scenario} {args.seed} {args.channel}: true decay {true.decay:.2f}, half-saturation ratio "
          f"{true.half_saturation / adstocked[adstocked > 0].mean():.2f}, shape {true.shape:.2f}; fitted "
          f"{fitted.decay:.2f}, {fitted.half_saturation / fitted_ad[fitted_ad > 0].mean():.2f}, {fitted.shape:.2f}")
    print(_row("ratio: data", RATIOS, loglik.max(axis=(0, 2))))
    print(_row("ratio: prior (shape 1)", RATIOS, prior[0, :, list(config.shapes).index(1.0)]))
    print(_row("decay: data", config.decays, loglik.max(axis=(1, 2))))
    print(_row("decay: prior", config.decays, prior[:, list(RATIOS).index(1.0), list(config.shapes).index(1.0)]))
    print("oracle (the regression given the true curves): coefficient / true, and logL(true curve) - logL(fitted)")
    for name, ratio, se, nats in oracle(dataset, truth, fit, design.matrix):
        coef = "" if name == "all" else f"coef {ratio:5.2f} +- {se:4.2f}   "
        print(f"  {name:<14}{coef}{nats:+6.2f} nats")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
