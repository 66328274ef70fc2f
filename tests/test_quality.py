"""Model quality: the grade follows the evidence, VIFs see collinearity, channels get their own answer."""
import pytest

from analysis.fit import fit_mmm
from analysis.quality import model_quality, rolling_backtest
from data.scenarios import collinear, heavy_noise

RANK = {"Low": 0, "Medium": 1, "High": 2}


@pytest.fixture(scope="module")
def sample_report(sample_fit):
    return model_quality(sample_fit, backtest=False)


def test_report_carries_the_fit_statistics(sample_fit, sample_report):
    s = sample_fit.stats
    r = sample_report
    assert (r.r2, r.adj_r2, r.mape, r.durbin_watson) == (s.r2, s.adj_r2, s.mape, s.durbin_watson)
    assert r.grade in RANK and 1 <= len(r.reasons) <= 3 and r.improvements
    assert set(r.vif) == set(sample_fit.channel_names)
    assert all(v is None or v >= 1.0 for v in r.vif.values())


def test_grade_falls_when_noise_rises(sample_report):
    noisy = model_quality(fit_mmm(heavy_noise().dataset), backtest=False)
    assert RANK[noisy.grade] < RANK[sample_report.grade]
    assert noisy.r2 < sample_report.r2
    assert any("%" in reason for reason in noisy.reasons)


def test_collinear_channels_have_high_vif_and_say_so():
    report = model_quality(fit_mmm(collinear().dataset), backtest=False)
    worst = max(v for v in report.vif.values() if v is not None)
    assert worst > 5
    assert any("collinear" in step for step in report.improvements)


def test_channel_confidence_answers_for_one_channel(sample_fit, sample_report):
    tv = sample_report.channel("tv")
    c = sample_fit.channel("TV")
    assert tv.channel == "TV" and tv.relative_width == pytest.approx(
        (c.contribution_high - c.contribution_low) / c.contribution)
    assert tv.label in ("tight", "moderate", "wide") and tv.reasons


def test_rolling_backtest_refits_and_forecasts(sample_fit):
    oos, folds, note = rolling_backtest(sample_fit, folds=1)
    assert len(folds) == 1 and note is None
    assert 0 < oos < 20 and oos >= 0.5 * sample_fit.stats.mape   # held-out error is not smaller than in-sample
