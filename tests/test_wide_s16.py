"""Issue 15, sixteenth session (s16-wide): a season that grows with the trend on wide data, measured on the wide
exports and left off (`analysis.fit.WIDE_SEASON_GROWS`; figures in docs/fit_history.md). The switch must do what the
docstring says it measured, so a later session can re-measure it."""
from __future__ import annotations

from analysis.fit import fit_mmm
from tests.helpers import blind_wide_dataset


def test_the_switch_adds_the_trend_times_season_columns_to_a_wide_fit_only_when_on(tmp_path, monkeypatch):
    """One 104-week blind export fitted twice (~3 s): off (the default) the baseline holds no trend x Fourier term;
    "on" holds one per Fourier column, and the fit still decomposes every week."""
    import analysis.fit as fit_module

    dataset, _ = blind_wide_dataset(tmp_path, 391, 104)
    assert fit_module.is_wide(dataset)
    plain = fit_mmm(dataset)
    assert not any(name.startswith("trend x ") for name in plain.baseline_names)
    monkeypatch.setattr(fit_module, "WIDE_SEASON_GROWS", "on")
    grown = fit_mmm(dataset)
    seasons = [name for name in plain.baseline_names if name.startswith(("sin", "cos"))]
    assert sorted(name for name in grown.baseline_names if name.startswith("trend x ")) == sorted(
        f"trend x {name}" for name in seasons)
    assert len(grown.decomposition.actual) == len(plain.decomposition.actual) == 104
