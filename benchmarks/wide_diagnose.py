"""Where the wide exports' ROI error comes from (issue 15 diagnostic; prints, asserts nothing).

    PYTHONPATH=. python benchmarks/wide_diagnose.py --seeds 200 201 --module data.wide_exports_blind
    PYTHONPATH=. python benchmarks/wide_diagnose.py --seeds 5000 5001 --short 5000 --channels

Per export, the engine's spend-weighted ROI error split into a LEVEL part (every channel off by one
shared factor: the media total against the baseline) and a SPLIT part (the error left once the fitted
contributions are scaled to the true total), then a 2 x 2 of least-squares refits that swap one
ingredient for the truth at a time: the engine's blended curves or the TRUE curves, with the controls
the loader kept or only those that truly move sales (each: ROI error and media-share gap in points);
then the whole engine again without the controls' ridge, and told which controls matter (the others
removed from the file).
A gap that closes with the true curves is a curve error; one that closes with the relevant controls is
the baseline absorbing or donating media credit; one that closes with neither is the data's own limit.
`--channels` adds per channel: spend share, on-air share, true and fitted ROI, fitted / true
contribution, decay (fitted - true), half-saturation (fitted / true, at the channel's own adstock),
and the ratio least squares gives with the TRUE curves (kept controls). `--controls` lists the
relevant controls' fitted / true effects and the irrelevant controls the fit leans on most.
"""
from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from bench_wide import _media_fit, level_split  # noqa: E402

from analysis.design import baseline_design, drop_dependent_controls  # noqa: E402
from analysis.fit import FitConfig, fit_mmm  # noqa: E402
from analysis.loading import load_csv  # noqa: E402
from analysis.transforms import geometric_adstock  # noqa: E402

HARMONICS = 2


COUNTERFACTUALS = ("fc_kept", "fc_rel", "tc_kept", "tc_rel", "no_ridge", "rel_only")


def _only(dataset, names: set[str]):
    """The dataset with only the named controls (the engine told which controls matter)."""
    keep = [i for i, c in enumerate(dataset.control_names) if c in names]
    return replace(dataset, controls=dataset.controls[:, keep], control_names=tuple(dataset.control_names[i] for i in keep))


def _error(contrib: np.ndarray, true: np.ndarray) -> float:
    return float(np.abs(contrib - true).sum() / true.sum())


def _design(dataset, names: set[str] | None):
    keep = [i for i, c in enumerate(dataset.control_names) if names is None or c in names]
    design, _ = drop_dependent_controls(baseline_design(dataset.dates, dataset.controls[:, keep],
                                                        tuple(dataset.control_names[i] for i in keep), HARMONICS))
    return design


def diagnose(seed: int, weeks: int, make, folder: Path, show_channels: bool, show_controls: bool) -> dict:
    frame, truth = make(seed, weeks)
    csv = folder / f"wide_{seed}_{weeks}.csv"
    frame.to_csv(csv, index=False)
    dataset = load_csv(csv)
    fit = fit_mmm(dataset)
    y = np.asarray(dataset.sales, dtype=float)
    by_column = dict(zip(dataset.spend_columns, fit.channels))
    fitted = [by_column.get(col) for col in truth.spend_columns]
    spend = truth.media.spend
    true = np.array([truth.contribution[n] for n in truth.media.names])
    engine = np.array([c.contribution if c is not None else 0.0 for c in fitted])
    scale = engine.sum() / true.sum()
    level, split = level_split(engine, true)

    true_curves = np.column_stack([c.response(spend[:, j]) / c.coef for j, c in enumerate(truth.media.channels)])
    fit_curves = np.column_stack([c.response(spend[:, j]) / c.coef if c is not None and c.coef > 0 else
                                  np.zeros(len(y)) for j, c in enumerate(fitted)])
    kept, relevant = _design(dataset, None), _design(dataset, set(truth.relevant_controls))
    total = float(y.sum())
    row = {"scenario": f"#{seed} {weeks}w", "err": _error(engine, true), "level": level, "split": split,
           "gap": 100 * (engine.sum() / total - truth.media_share), "scale": scale}
    oracle_beta = None
    for key, curves in (("fc", fit_curves), ("tc", true_curves)):
        for ckey, design in (("kept", kept), ("rel", relevant)):
            usable = curves.sum(axis=0) > 0
            beta = np.zeros(curves.shape[1])
            beta[usable] = _media_fit(y, design.matrix, curves[:, usable], truth.noise_sd)[0]
            contrib = beta * curves.sum(axis=0)
            row[f"{key}_{ckey}"] = _error(contrib, true)
            row[f"{key}_{ckey}_gap"] = 100 * (contrib.sum() / total - truth.media_share)
            if key == "tc" and ckey == "kept":
                oracle_beta = beta
    for key, variant in (("no_ridge", (dataset, FitConfig(shrink_controls=False))),
                         ("rel_only", (_only(dataset, set(truth.relevant_controls)), FitConfig()))):
        other = fit_mmm(*variant)
        contrib = np.array([dict(zip(dataset.spend_columns, other.channels))[col].contribution
                            for col in truth.spend_columns])
        row[key], row[key + "_gap"] = _error(contrib, true), 100 * (contrib.sum() / total - truth.media_share)
    print(f"{row['scenario']:<12}{row['err']:>7.3f}{level:>7.3f}{split:>7.3f}{row['gap']:>+7.1f}"
          + "".join(f"{row[k]:>8.3f}{row[k + '_gap']:>+6.1f}" for k in COUNTERFACTUALS))
    if show_channels:
        on_air = (spend > 0).mean(axis=0)
        shares = spend.sum(axis=0) / spend.sum()
        for j, c in enumerate(truth.media.channels):
            f = fitted[j]
            active = geometric_adstock(spend[:, j], c.decay)
            k_true = c.half_saturation / active[active > 0].mean()
            if f is None or f.coef <= 0:
                print(f"    {c.name:<10} share {shares[j]:5.1%} on {on_air[j]:4.0%}  (dropped)")
                continue
            f_active = geometric_adstock(spend[:, j], f.decay)
            k_fit = f.half_saturation / f_active[f_active > 0].mean()
            oracle = oracle_beta[j] / c.coef if oracle_beta is not None else float("nan")
            print(f"    {c.name:<10} share {shares[j]:5.1%} on {on_air[j]:4.0%}  ROI {truth.roi[c.name]:5.2f} -> "
                  f"{f.contribution / spend[:, j].sum():5.2f}  x{f.contribution / true[j]:5.2f}  decay "
                  f"{c.decay:4.2f}{f.decay - c.decay:+6.2f}  k/k {k_fit / k_true:5.2f}  shape {c.shape:4.2f}->"
                  f"{f.shape:4.2f}  true-curve OLS x{oracle:5.2f}  {'M' if f.measurable else ' '}"
                  f"{'in' if f.contribution_low <= true[j] <= f.contribution_high else 'OUT'}")
    if show_controls:
        parts = fit.decomposition.controls
        for i, name in enumerate(dataset.control_names):
            sd = float(parts[:, i].std())
            if name in truth.control_effects:
                true_sd = float((truth.control_effects[name] * dataset.controls[:, i]).std())
                print(f"    control {name:<22} fitted sd {sd:10.0f}  true sd {true_sd:10.0f}")
        idle = sorted(((float(parts[:, i].std()), n) for i, n in enumerate(dataset.control_names)
                       if n not in truth.control_effects), reverse=True)[:4]
        print("    irrelevant controls the fit leans on most (sd of their part): "
              + ", ".join(f"{n} {s:.0f}" for s, n in idle) + f"; noise sd {truth.noise_sd:.0f}")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=[11, 22, 33])
    parser.add_argument("--short", type=int, nargs="*", default=[])
    parser.add_argument("--module", default="data.wide_exports")
    parser.add_argument("--channels", action="store_true")
    parser.add_argument("--controls", action="store_true")
    args = parser.parse_args()
    make = importlib.import_module(args.module).make_wide_export
    print(f"{'export':<12}{'err':>7}{'level':>7}{'split':>7}{'gap':>7}"
          + "".join(f"{title:>14}" for title in ("fit curves", "fc rel ctrl", "true curves", "tc rel ctrl", "engine noridge",
                                                  "engine relctrl")))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed, weeks in [(s, 208) for s in args.seeds] + [(s, 104) for s in args.short]:
            rows.append(diagnose(seed, weeks, make, Path(tmp), args.channels, args.controls))
    keys = ("err", "level", "split", "gap")
    print(f"{'median':<12}" + "".join(f"{statistics.median(r[k] for r in rows):>7.3f}" for k in keys)
          + "".join(f"{statistics.median(r[k] for r in rows):>8.3f}{statistics.median(abs(r[k + '_gap']) for r in rows):>6.1f}"
                    for k in COUNTERFACTUALS))
    print(f"(gap medians are of |gap|; engine |gap| median {statistics.median(abs(r['gap']) for r in rows):.1f}, "
          f"scale fitted/true media median {statistics.median(r['scale'] for r in rows):.3f})")


if __name__ == "__main__":
    main()
