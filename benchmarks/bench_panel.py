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

--decisions scores what rests on the joint draws (issue 10, panel plans), on panels of --settings
(default 10x104) and seeds --decision-seeds: multi-channel what-ifs (every channel +-20%, each neighbouring
pair swapped +-30%) and three plans (the same budget's recommended split and its full optimum, +-30% per
channel; 1.2x the budget over the last 13 weeks). Each is scored against the truth of the same market
plan: coverage of the true change by the stated 90% interval, interval width / |truth| (median),
point error |model - truth| / |truth| and expected error |draws' mean - truth| / |truth| (medians), and
for plans the stated chance of a loss. `--draws national` scores the national refit draws the panel
used before (analysis.panel.draws.PANEL_DRAWS). Rows "mkt single" and "mkt multi" are what-ifs in some
markets only (the largest, the three smallest, the first half, all; one channel or several), scored against
the truth of the same market plan, also per set of markets. `--fit-cache DIR` keeps each panel fit as a
pickle and re-uses it (variants that do not change the fit, e.g. `--set analysis.panel.results.MARKET_DRAWS=joint`).
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
from benchmarks.switches import apply_switches
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


def _truth_of_plan(fit, truth, plan: np.ndarray) -> float:
    """True change in national revenue when the national weekly `plan` (n, k) is split over markets as
    the model splits it (each channel's weekly market shares)."""
    geo = truth.spend.copy()                                    # (G, T, C)
    column = {c: i for i, c in enumerate(truth.spend_columns)}
    for j, col in enumerate(fit.dataset.spend_columns):
        shares = getattr(fit.channels[j], "shares", None)
        if shares is None or np.shape(shares) != (plan.shape[0], len(truth.geos)):
            from analysis.panel.fit import _shares
            shares = _shares(fit.dataset.panel.spend[:, :, j])
        geo[:, :, column[col]] = (plan[:, j][:, None] * shares).T
    after = truth.expected_revenue({g: geo[i] for i, g in enumerate(truth.geos)}).sum()
    return float(after - truth.expected_revenue().sum())


def _row(kind: str, point: float, expected: float, low: float, high: float, real: float, prob_loss: float) -> dict:
    scale = max(abs(real), 1e-9)
    return {"kind": kind, "point": point, "expected": expected, "low": low, "high": high, "real": real,
            "prob_loss": prob_loss, "covered": low - 1e-9 * scale <= real <= high + 1e-9 * scale,
            "width": (high - low) / scale, "point_err": abs(point - real) / scale,
            "expected_err": abs(expected - real) / scale}


def decision_rows(fit, truth) -> list[dict]:
    """Multi-channel what-ifs and plans of one panel fit, each against the truth."""
    from analysis.decisions.marginals import joint_change
    from analysis.decisions.optimize import optimize_budget

    spend = np.asarray(fit.dataset.spend, dtype=float)
    names = list(fit.channel_names)
    moves = [{n: 20.0 for n in names}, {n: -20.0 for n in names}]
    for a in range(len(names) - 1):
        moves += [{names[a]: 30.0, names[a + 1]: -30.0}, {names[a]: -30.0, names[a + 1]: 30.0}]
    rows = []
    for move in moves:
        result = run_scenario(fit, move, draws=400)
        expected = float(joint_change(fit, spend, result.new_plan).sum(axis=1).mean())
        rows.append(_row("what-if", result.delta_sales, expected, result.delta_sales_low, result.delta_sales_high,
                         _truth_of_plan(fit, truth, result.new_plan), result.prob_loss))
    rows += market_rows(fit, truth)
    last = np.arange(len(spend)) >= len(spend) - 13
    for kind, plan in (("plan", lambda: optimize_budget(fit, bound_pct=30.0)),
                       ("optimum", lambda: optimize_budget(fit, bound_pct=30.0, confident=False)),
                       ("new budget", lambda: optimize_budget(fit, 1.2 * float(spend[last].sum()), weeks=last))):
        est = plan()
        point = est.model_delta_sales if est.model_delta_sales is not None else est.expected_delta_sales
        rows.append(_row(kind, point, est.expected_delta_sales, est.expected_delta_sales_low,
                         est.expected_delta_sales_high, _truth_of_plan(fit, truth, est.new_plan), est.prob_loss))
    return rows


def _market_sets(fit) -> list[tuple[str, tuple[str, ...]]]:
    """Markets a what-if names: the largest one, the three smallest, the first half ("the North") and all."""
    from analysis.panel.results import pick_markets

    markets = tuple(fit.markets)
    return [("largest", pick_markets(fit, "largest", 1)), ("3 smallest", pick_markets(fit, "smallest", 3)),
            ("half", markets[:max(1, len(markets) // 2)]), ("all", markets)]


def _market_moves(names: list[str]) -> list[dict[str, float]]:
    """Each channel cut 20%; neighbouring pairs cut 10% together and swapped +-30%; all channels +-20%."""
    moves: list[dict[str, float]] = [{n: -20.0} for n in names]
    for a in range(len(names) - 1):
        pair = names[a], names[a + 1]
        moves += [{pair[0]: -10.0, pair[1]: -10.0}, {pair[0]: 30.0, pair[1]: -30.0}, {pair[0]: -30.0, pair[1]: 30.0}]
    return moves + [{n: 20.0 for n in names}, {n: -20.0 for n in names}]


def _truth_of_market_move(fit, truth, move: dict[str, float], markets: tuple[str, ...]) -> float:
    """True change in national revenue when the channels in `move` change by their % in `markets` only."""
    factor = np.ones(len(truth.spend_columns))
    for name, pct in move.items():
        factor[list(truth.spend_columns).index(fit.dataset.spend_columns[fit.channel_names.index(name)])] = 1 + pct / 100
    plan = {g: truth.spend[i] * factor[None, :] for i, g in enumerate(truth.geos) if g in markets}
    return float(truth.expected_revenue(plan).sum() - truth.expected_revenue().sum())


def market_rows(fit, truth) -> list[dict]:
    """What-ifs in some markets ("cut TV 20% in Market05"), one channel or several, against the truth."""
    from analysis.panel.results import market_scenario

    rows = []
    for label, markets in _market_sets(fit):
        for move in _market_moves(list(fit.channel_names)):
            result = market_scenario(fit, move, markets)
            kind = "mkt single" if len(move) == 1 else "mkt multi"
            row = _row(kind, result.delta_sales, result.delta_sales, result.delta_low, result.delta_high,
                       _truth_of_market_move(fit, truth, move, markets), 0.0)
            row["markets"] = label
            rows.append(row)
    return rows


def _truth_of_plan_by_market(fit, truth, after: np.ndarray) -> float:
    """True change in national revenue when the (T, G, k) market plan in the fit's channel order becomes `after`."""
    cols = [list(truth.spend_columns).index(c) for c in fit.dataset.spend_columns]
    plan = {}
    for g, m in enumerate(fit.markets):
        spend = np.array(truth.spend[list(truth.geos).index(m)], dtype=float)
        spend[:, cols] = after[:, g, :]
        plan[m] = spend
    return float(truth.expected_revenue(plan).sum() - truth.expected_revenue().sum())


def _shifted(fit, names: tuple[str, ...], source: str, target: str, pct: float) -> np.ndarray:
    """The market plan `analysis.panel.results.market_shift` moves to (its allocation, read back for the truth)."""
    panel = fit.dataset.panel
    before = np.asarray(panel.spend, dtype=float)
    after = before.copy()
    a, b = panel.markets.index(source), panel.markets.index(target)
    for name in names:
        j = fit.channel_names.index(name)
        moved = pct / 100.0 * before[:, a, j].sum()
        after[:, a, j] = before[:, a, j] * (1.0 - pct / 100.0)
        pattern = before[:, b, j] if before[:, b, j].sum() > 0 else before[:, a, j]
        after[:, b, j] = before[:, b, j] + moved * pattern / pattern.sum()
    return after


def move_rows(fit, truth) -> list[dict]:
    """Money moved between two markets (each channel and all media, 20% of the source's, largest to smallest and
    back) and the same channels cut 20% in one market, against the truth: what a market move's interval holds."""
    from analysis.panel.results import market_scenario, market_shift, pick_markets

    big, small = pick_markets(fit, "largest", 1)[0], pick_markets(fit, "smallest", 1)[0]
    rows = []
    for names in [(n,) for n in fit.channel_names] + [tuple(fit.channel_names)]:
        for source, target in ((big, small), (small, big)):
            result = market_shift(fit, names, source, target, percentage=20.0)
            real = _truth_of_plan_by_market(fit, truth, _shifted(fit, names, source, target, 20.0))
            rows.append({**_row("mkt move", result.delta_sales, result.delta_sales, result.delta_low, result.delta_high,
                                real, result.prob_loss), "markets": f"{'+'.join(names) if len(names) < 3 else 'all'} {source}->{target}"})
        for market in (big, small):
            result = market_scenario(fit, {n: -20.0 for n in names}, (market,))
            rows.append({**_row("mkt one", result.delta_sales, result.delta_sales, result.delta_low, result.delta_high,
                                _truth_of_market_move(fit, truth, {n: -20.0 for n in names}, (market,)), 0.0),
                         "markets": f"{'+'.join(names) if len(names) < 3 else 'all'} {market}"})
    return rows


def moves(settings: list[tuple[int, int]], seeds: list[int], folder: Path, verbose: bool, cache: Path | None) -> None:
    rows: list[dict] = []
    for markets, weeks in settings:
        for seed in seeds:
            fit, truth = _fitted(markets, weeks, seed, folder, cache)
            for r in move_rows(fit, truth):
                rows.append(r)
                if verbose:
                    print(f"  {markets}x{weeks} seed {seed} {r['kind']:<9}{r['markets']:<28} point {r['point']:12.0f} "
                          f"[{r['low']:12.0f}, {r['high']:12.0f}] real {r['real']:12.0f} {'in' if r['covered'] else 'OUT'}")
    for kind in ("mkt move", "mkt one"):
        group = [r for r in rows if r["kind"] == kind]
        print(f"{kind:<10}{sum(r['covered'] for r in group):>4}/{len(group):<4} width/|truth| median "
              f"{np.median([r['width'] for r in group]):.2f}, point error median {np.median([r['point_err'] for r in group]):.3f}")


def _fitted(markets: int, weeks: int, seed: int, folder: Path, cache: Path | None):
    """The panel fit of one generated panel, and its truth; kept as a pickle under `cache` when given
    (plan-only variants re-use the fit, as bench_decisions' --fit-cache does)."""
    import pickle

    frame, truth = make_panel(seed, n_geos=markets, weeks=weeks, kpi=True)
    path = None if cache is None else cache / f"panel_{markets}x{weeks}_{seed}.pkl"
    if path is not None and path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle), truth
    fit = fit_panel(_load(frame, folder, f"decide_{markets}_{weeks}_{seed}"))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump(fit, handle)
    return fit, truth


def decisions(settings: list[tuple[int, int]], seeds: list[int], folder: Path, verbose: bool,
              cache: Path | None = None) -> None:
    from analysis.panel import draws as panel_draws

    print(f"\ndecisions on panels (joint draws: {panel_draws.PANEL_DRAWS}); money in millions")
    rows: list[dict] = []
    for markets, weeks in settings:
        for seed in seeds:
            fit, truth = _fitted(markets, weeks, seed, folder, cache)
            start = time.perf_counter()
            found = decision_rows(fit, truth)
            for r in found:
                r["panel"] = f"{markets}x{weeks} seed {seed}"
                if verbose or r["kind"] not in ("what-if", "mkt single", "mkt multi"):
                    print(f"  {r['panel']:<18}{r['kind']:<11} point {r['point'] / 1e6:8.2f} expected "
                          f"{r['expected'] / 1e6:8.2f} [{r['low'] / 1e6:8.2f}, {r['high'] / 1e6:8.2f}] real "
                          f"{r['real'] / 1e6:8.2f} P(loss) {r['prob_loss']:.2f} {'in' if r['covered'] else 'OUT'}")
            print(f"  {markets}x{weeks} seed {seed}: {len(found)} decisions in {time.perf_counter() - start:.1f} s",
                  flush=True)
            rows += found
    print(f"{'kind':<12}{'n':>4}{'covered':>9}{'width/|truth|':>15}{'point err':>11}{'expected err':>14}")
    for kind in ("what-if", "mkt single", "mkt multi", "plan", "optimum", "new budget", "all"):
        group = [r for r in rows if kind in ("all", r["kind"])]
        if group:
            print(f"{kind:<12}{len(group):>4}{sum(r['covered'] for r in group):>5}/{len(group):<3}"
                  f"{np.median([r['width'] for r in group]):>15.2f}{np.median([r['point_err'] for r in group]):>11.3f}"
                  f"{np.median([r['expected_err'] for r in group]):>14.3f}")
    markets = [r for r in rows if r["kind"].startswith("mkt")]
    if markets:
        print("market what-ifs by markets named (covered, width/|truth| median):")
        for label in dict.fromkeys(r["markets"] for r in markets):
            for kind in ("mkt single", "mkt multi"):
                group = [r for r in markets if r["markets"] == label and r["kind"] == kind]
                print(f"  {label:<12}{kind:<12}{sum(r['covered'] for r in group):>4}/{len(group):<4}"
                      f"{np.median([r['width'] for r in group]):>8.2f}")
    plans = [r for r in rows if r["kind"] == "plan"]
    if plans:
        print(f"recommended plans: {sum(abs(r['real']) > 1e-9 * max(abs(r['point']), 1.0) for r in plans)} of "
              f"{len(plans)} move, real gain summed {sum(r['real'] for r in plans) / 1e6:.2f}M, "
              f"{sum(r['real'] < 0 for r in plans)} lose sales")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--speed", action="store_true", help="also time 40 and 200 markets")
    parser.add_argument("--meridian", action="store_true", help="also fit Meridian's demo geo file")
    parser.add_argument("--national-only", action="store_true", help="only the sum-to-national baseline")
    parser.add_argument("--decisions", action="store_true",
                        help="score multi-channel what-ifs and plans instead (see the module docstring)")
    parser.add_argument("--decision-seeds", default="2,3,4,5,6,7", help="panel seeds for --decisions")
    parser.add_argument("--draws", choices=("refit", "national"), help="the panel's joint draws for --decisions")
    parser.add_argument("--verbose", action="store_true", help="--decisions: print every what-if too")
    parser.add_argument("--moves", action="store_true",
                        help="score money moved between two markets and one-market cuts against the truth "
                             "(--decision-seeds, --settings; default 10x104)")
    parser.add_argument("--fit-cache", type=Path, metavar="DIR",
                        help="--decisions: keep each panel fit as a pickle in DIR and re-use it (variants that do "
                             "not change the fit)")
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.FLAG=VALUE",
                        help="experiment: override a module-level switch, e.g. analysis.panel.draws.SWEEPS=8")
    parser.add_argument("--settings", default="24x156,12x104", help="e.g. 24x156,12x104")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                        help="a PanelConfig or FitConfig field for the panel model, e.g. market_trend=False or "
                             "shapes=0.7/1/1.5/2 (to compare choices)")
    args = parser.parse_args(argv)
    apply_switches(parser, args.set)
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
    if args.moves:
        if "--settings" not in " ".join(argv if argv is not None else sys.argv):
            settings = [(10, 104)]
        with tempfile.TemporaryDirectory() as tmp:
            moves(settings, [int(v) for v in args.decision_seeds.split(",")], Path(tmp), args.verbose, args.fit_cache)
        return 0
    if args.decisions:
        from analysis.panel import draws as panel_draws

        if args.draws:
            panel_draws.PANEL_DRAWS = args.draws
        if "--settings" not in " ".join(argv if argv is not None else sys.argv):
            settings = [(10, 104)]
        with tempfile.TemporaryDirectory() as tmp:
            decisions(settings, [int(v) for v in args.decision_seeds.split(",")], Path(tmp), args.verbose,
                      args.fit_cache)
        if args.meridian:
            meridian()
        return 0
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
