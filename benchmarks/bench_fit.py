"""Fit time and recovery error of the MMM engine, and why the method is what it is.

    python benchmarks/bench_fit.py            # full table (about a minute on 2 cores)
    python benchmarks/bench_fit.py --quick    # timing + default method only

Recovery error is the spend-weighted ROI error
    sum spend*|ROI_est - ROI_true| / sum spend*ROI_true
on data simulated from known transforms (data/scenarios.py, data/sample_data.py).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from analysis.design import baseline_design  # noqa: E402
from analysis.fit import FitConfig, fit_mmm  # noqa: E402
from analysis.transforms import geometric_adstock, hill  # noqa: E402
from data.sample_data import ground_truth, sample_dataset  # noqa: E402
from data.scenarios import RECOVERY_SCENARIOS, ten_channels, weighted_roi_error  # noqa: E402

SEEDS = (11, 22, 33)

METHODS = {
    "default: blended grid posterior + pooled ROIs": FitConfig(),
    "pooling through the curves only (the default before session 6)": FitConfig(narrow_pool_mode="shape",
                                                                                 narrow_pool_spread=0.4),
    "pooling by shrinking coefficients instead of curves": FitConfig(pool_mode="coef"),
    "blend, no ROI pooling": FitConfig(pool_rois=False),
    "blend scored by 8-fold time-series CV": FitConfig(pool_rois=False, cv_folds=8),
    "single best transform, no priors": FitConfig(max_components=1, pool_rois=False, decay_prior_beta=None,
                                                  saturation_prior_sd=None, shape_prior_sd=None),
    "fixed configured transforms (decay .5, k=mean, s=1)": FitConfig(decays=(0.5,), saturation_ratios=(1.0,),
                                                                     shapes=(1.0,), pool_rois=False),
}


def oracle_contribution(dataset, truth) -> dict[str, float]:
    """OLS with the TRUE transforms: the reference the issue quotes (~0.18)."""
    base = baseline_design(dataset.dates, dataset.controls, dataset.control_names).matrix
    features = np.column_stack([hill(geometric_adstock(dataset.spend[:, j], c.decay), c.half_saturation, c.shape)
                                for j, c in enumerate(truth.channels)])
    beta = np.linalg.lstsq(np.column_stack([base, features]), dataset.sales, rcond=None)[0]
    return dict(zip(truth.names, beta[base.shape[1]:] * features.sum(axis=0)))


def timed_fit(dataset, config=None, repeats=3):
    config = config or FitConfig()
    fit_mmm(dataset, config)  # warm-up: imports statsmodels
    best, fit = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        fit = fit_mmm(dataset, config)
        best = min(best, time.perf_counter() - start)
    return fit, best


def error_of(fit, truth) -> float:
    return weighted_roi_error({c.name: c.contribution for c in fit.channels}, truth)


def coverage_of(fit, truth) -> float:
    true = truth.contribution
    return float(np.mean([c.contribution_low <= true[c.name] <= c.contribution_high for c in fit.channels]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="timing and the default method only")
    args = parser.parse_args()

    sample = sample_dataset()
    fit, seconds = timed_fit(sample)
    print(f"sample (5 channels x {sample.n_weeks} weeks): fit {seconds:.3f} s (target < 1 s), "
          f"ROI error {error_of(fit, ground_truth()):.3f} (target <= 0.20), "
          f"true ROI inside 90% interval for {sum(c.contribution_low <= ground_truth().contribution[c.name] <= c.contribution_high for c in fit.channels)}/5")
    ten = ten_channels()
    fit10, seconds10 = timed_fit(ten.dataset)
    print(f"ten_channels (10 channels x {ten.dataset.n_weeks} weeks): fit {seconds10:.3f} s (target < 5 s), "
          f"ROI error {error_of(fit10, ten.truth):.3f}")

    cases = [(f"{name}#{seed}", name, make(seed=seed)) for name, make in RECOVERY_SCENARIOS.items() for seed in SEEDS]
    methods = {"default: blended grid posterior + pooled ROIs": METHODS["default: blended grid posterior + pooled ROIs"]} \
        if args.quick else METHODS
    print(f"\nspend-weighted ROI error per scenario (seeds {SEEDS}); 'oracle' = OLS with the true transforms")
    header = f"{'scenario':18s} {'oracle':>7s} " + " ".join(f"{i + 1:>7d}" for i in range(len(methods)))
    print(header)
    table = {m: [] for m in methods}
    oracle, coverage = [], []
    per_type = {name: {m: [] for m in methods} | {"oracle": []} for name in RECOVERY_SCENARIOS}
    for label, name, scenario in cases:
        row = [weighted_roi_error(oracle_contribution(scenario.dataset, scenario.truth), scenario.truth)]
        oracle.append(row[0])
        per_type[name]["oracle"].append(row[0])
        for m, config in methods.items():
            fit_m = fit_mmm(scenario.dataset, config)
            e = error_of(fit_m, scenario.truth)
            table[m].append(e)
            per_type[name][m].append(e)
            if config == FitConfig():
                coverage.append(coverage_of(fit_m, scenario.truth))
            row.append(e)
        print(f"{label:18s} " + " ".join(f"{v:7.3f}" for v in row))
    print(f"{'median':18s} {np.median(oracle):7.3f} " + " ".join(f"{np.median(v):7.3f}" for v in table.values()))
    print(f"{'mean':18s} {np.mean(oracle):7.3f} " + " ".join(f"{np.mean(v):7.3f}" for v in table.values()))
    print("\nper scenario type (median over seeds), default method vs oracle:")
    default = next(iter(methods))
    for name, values in per_type.items():
        print(f"  {name:16s} {np.median(values[default]):.3f}   (oracle {np.median(values['oracle']):.3f})")
    print(f"  median of the five: {np.median([np.median(v[default]) for v in per_type.values()]):.3f} "
          f"(release bar 0.25, aim 0.20)")
    print(f"\n90% interval coverage of the true contribution (default method): {np.mean(coverage):.0%}")
    print("\nmethods:")
    for i, m in enumerate(methods, 1):
        print(f"  {i}. {m}")


if __name__ == "__main__":
    main()
