"""Geo panels: the panel model vs summing markets to a national series, against a known truth.

    PYTHONPATH=. python benchmarks/bench_panel.py [--seeds 4] [--speed] [--meridian] [--national-only]

For each setting (markets x weeks) and seed, data.panels.make_panel writes a Meridian-style long
file (conversions + revenue_per_conversion); it is loaded as a user's file would be, then fitted
as a panel and, for comparison, summed to national weekly totals. Printed per setting (means over
seeds): spend-weighted ROI error (Σ|contribution est − true| / Σ true, in money), what-if error
(every channel at ±20/50% in every market: Σ|Δest − Δtrue| / Σ|Δtrue|), coverage of the true ROI
by the 90% intervals, and the share of channels measurable. Targets 24 x 156: ROI error <= 0.15,
what-if error <= 0.20, every channel measurable, coverage >= 85%; 12 x 104: ROI error <= 0.25.
--speed times load + fit + the first answer (ROI) at 40 and 200 markets x 156 weeks (targets 5 s and
30 s); --meridian prints Google Meridian's demo geo file's figures.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # as main.py does; must precede numpy's first import

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.decisions.scenario import run_scenario
from analysis.estimate import fit_model
from analysis.fit import FitConfig, fit_mmm
from analysis.loading import load_csv
from analysis.panel.fit import PanelConfig, fit_panel
from analysis.roi import roi
from data.panels import make_panel

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ((24, 156), (12, 104))
PCTS = (-50.0, -20.0, 20.0, 50.0)
MERIDIAN = ROOT.parent / "shared" / "datasets" / "meridian_geo_media.csv"   # ../shared beside the clone


def _load(frame, folder: Path, name: str):
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    return load_csv(path)


def score(fit, truth) -> dict:
    """ROI error, what-if error, coverage and measurable share of one fit against the truth."""
    true = truth.contribution
    order = list(fit.dataset.spend_columns)
    names = {c.column: c.name for c in truth.channels}
    est = {names[col]: fit.channels[j] for j, col in enumerate(order)}
    roi_error = sum(abs(est[n].contribution - true[n]) for n in true) / sum(true.values())
    covered = [est[n].contribution_low <= true[n] <= est[n].contribution_high for n in true]
    measurable = [est[n].measurable for n in true]
    base_true = float(truth.expected_revenue().sum())
    num = den = 0.0
    for j, col in enumerate(order):
        for pct in PCTS:
            result = run_scenario(fit, {fit.channels[j].name: pct}, draws=100)
            factor = 1 + pct / 100
            geo_plan = {g: truth.spend[i] * np.where(np.array(truth.spend_columns) == col, factor, 1.0)[None, :]
                        for i, g in enumerate(truth.geos)}
            true_delta = float(truth.expected_revenue(geo_plan).sum()) - base_true
            num += abs(result.delta_sales - true_delta)
            den += abs(true_delta)
    return {"roi": roi_error, "whatif": num / den, "coverage": float(np.mean(covered)),
            "measurable": float(np.mean(measurable)), "channels": len(true)}


def run_setting(markets: int, weeks: int, seeds: int, folder: Path, national_only: bool,
                config: PanelConfig, fit_config: FitConfig) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"panel": [], "national": []}
    for seed in range(seeds):
        frame, truth = make_panel(seed, n_geos=markets, weeks=weeks, kpi=True)
        dataset = _load(frame, folder, f"panel_{markets}_{weeks}_{seed}")
        assert dataset.panel is not None, "the generated file was not read as a panel"
        start = time.perf_counter()
        national = score(fit_mmm(replace(dataset, panel=None)), truth)
        national["seconds"] = time.perf_counter() - start
        out["national"].append(national)
        if not national_only:
            start = time.perf_counter()
            fit = fit_panel(dataset, fit_config, config)
            panel = score(fit, truth)
            panel["seconds"] = time.perf_counter() - start
            out["panel"].append(panel)
        row = f"  seed {seed}: {truth.names}  national ROI err {national['roi']:.3f}"
        if not national_only:
            row += f" | panel ROI err {out['panel'][-1]['roi']:.3f} what-if {out['panel'][-1]['whatif']:.3f} " \
                   f"cover {out['panel'][-1]['coverage']:.0%} measurable {out['panel'][-1]['measurable']:.0%}"
        print(row, flush=True)
    return out


def table(markets: int, weeks: int, results: dict[str, list[dict]]) -> None:
    print(f"\n{markets} markets x {weeks} weeks ({len(results['national'])} seeds)")
    print(f"{'model':<22}{'ROI err':>9}{'what-if err':>13}{'coverage':>10}{'measurable':>12}{'fit+score s':>13}")
    for label, key in (("panel (this model)", "panel"), ("sum to national", "national")):
        rows = results[key]
        if not rows:
            continue
        mean = {m: float(np.mean([r[m] for r in rows])) for m in ("roi", "whatif", "coverage", "measurable", "seconds")}
        print(f"{label:<22}{mean['roi']:>9.3f}{mean['whatif']:>13.3f}{mean['coverage']:>9.0%}{mean['measurable']:>11.0%}"
              f"{mean['seconds']:>13.1f}")


def speed(folder: Path) -> None:
    print("\nspeed (load + fit + ROI answer; measured under load on a shared 2-core machine)")
    for markets, target in ((40, 5.0), (200, 30.0)):
        frame, truth = make_panel(1, n_geos=markets, weeks=156, kpi=True)
        path = folder / f"speed_{markets}.csv"
        frame.to_csv(path, index=False)
        start = time.perf_counter()
        dataset = load_csv(path)
        loaded = time.perf_counter() - start
        roi(fit_model(dataset))
        total = time.perf_counter() - start
        print(f"  {markets} markets x 156 weeks x {len(truth.channels)} channels: load {loaded:.1f} s, "
              f"first answer {total:.1f} s (target <= {target:.0f} s)")


def meridian() -> None:
    if not MERIDIAN.exists():
        print(f"\n{MERIDIAN} not found; Meridian figures skipped")
        return
    start = time.perf_counter()
    dataset = load_csv(MERIDIAN)
    fit = fit_model(dataset)
    seconds = time.perf_counter() - start
    result = roi(fit)
    unit = "money" if dataset.in_money else dataset.kpi_unit
    print(f"\nMeridian geo demo ({dataset.panel.n_markets if dataset.panel else 0} markets x {dataset.n_weeks} weeks, "
          f"no options): answers in {unit} ({dataset.revenue_note}); fit {seconds:.1f} s")
    for row in result.channels:
        print(f"  {row.channel:<10} ROI {row.roi:6.2f}  90% {row.roi_low:5.2f}–{row.roi_high:5.2f}  "
              f"{'measurable' if row.measurable else 'NOT measurable'}")
    print(f"  measurable: {sum(r.measurable for r in result.channels)} of {len(result.channels)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--speed", action="store_true", help="also time 40 and 200 markets")
    parser.add_argument("--meridian", action="store_true", help="also fit Meridian's demo geo file")
    parser.add_argument("--national-only", action="store_true", help="only the sum-to-national baseline")
    parser.add_argument("--settings", default="24x156,12x104", help="e.g. 24x156,12x104")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                        help="a PanelConfig or FitConfig field for the panel model, e.g. market_trend=False or "
                             "shapes=0.7/1/1.5/2 (to compare choices)")
    args = parser.parse_args(argv)
    overrides, fit_overrides = {}, {}
    for item in args.option:
        name, value = item.split("=", 1)
        if hasattr(PanelConfig(), name):
            kind = type(getattr(PanelConfig(), name))
            overrides[name] = (value == "True") if kind is bool else kind(value)
        else:   # a FitConfig field; tuples as "0.5/1/2"
            default = getattr(FitConfig(), name)
            fit_overrides[name] = tuple(float(v) for v in value.split("/")) if isinstance(default, tuple) \
                else (value == "True") if isinstance(default, bool) else type(default)(value)
    config = replace(PanelConfig(), **overrides)
    fit_config = replace(FitConfig(), **fit_overrides)
    if overrides or fit_overrides:
        print(f"panel model with {overrides} {fit_overrides}")
    settings = [tuple(int(v) for v in s.split("x")) for s in args.settings.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for markets, weeks in settings:
            print(f"{markets} x {weeks}:", flush=True)
            table(markets, weeks, run_setting(markets, weeks, args.seeds, folder, args.national_only, config,
                                              fit_config))
        if args.speed:
            speed(folder)
    if args.meridian:
        meridian()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
