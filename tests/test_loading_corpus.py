"""Every file of the bad-file corpus is refused with a one-line fix or loaded with the expected warning."""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest

from analysis.errors import DataError, ModelError
from analysis.loading import LoadOptions, load_csv

try:
    from tests.make_bad_files import CaseSpec, make_corpus
except ModuleNotFoundError:  # plain `pytest` puts tests/, not the repo root, on sys.path
    from make_bad_files import CaseSpec, make_corpus

with tempfile.TemporaryDirectory() as _scratch:
    SPECS: dict[str, CaseSpec] = make_corpus(Path(_scratch))
NAMES = list(SPECS)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    make_corpus(directory)
    return directory


def _snapshot(path: Path):
    """What must not change when the loader reads `path`: its bytes and modification time."""
    if not path.exists():
        return None
    if path.is_dir():
        return ("dir", path.stat().st_mtime_ns)
    return (path.read_bytes(), path.stat().st_mtime_ns)


def test_corpus_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    make_corpus(first)
    make_corpus(second)
    for spec in SPECS.values():
        if (first / spec.filename).is_file():
            assert (first / spec.filename).read_bytes() == (second / spec.filename).read_bytes(), spec.name


def test_corpus_covers_both_kinds():
    kinds = [spec.kind for spec in SPECS.values()]
    assert kinds.count("refuse") >= 20 and kinds.count("load") >= 30


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_corpus_case(corpus_dir, name):
    spec = SPECS[name]
    path = corpus_dir / spec.filename
    before = _snapshot(path)
    options = LoadOptions(**spec.options)
    if spec.kind == "refuse":
        with pytest.raises((DataError, ModelError)) as info:
            load_csv(path, options)
        message = str(info.value)
        assert type(info.value).__name__ == spec.error
        assert "\n" not in message and "\r" not in message
        assert message.startswith(f"{path}: ")
        missing = [part for part in spec.expect_message_parts if part not in message]
        assert not missing, f"{missing} not in: {message}"
    else:
        ds = load_csv(path, options)
        assert ds.source == str(path) and ds.money_scale == 1.0
        if spec.expect_warning is not None:
            assert any(spec.expect_warning in w for w in ds.warnings), ds.warnings
        assert all("\n" not in w for w in ds.warnings)
        if spec.n_weeks is not None:
            assert ds.n_weeks == spec.n_weeks
        if spec.channels is not None:
            assert ds.channels == spec.channels
        if spec.sales_total is not None:
            assert ds.sales.sum() == pytest.approx(spec.sales_total, rel=1e-6)
        assert ds.spend.shape == (ds.n_weeks, len(ds.channels))
        assert len(set(ds.channels)) == len(ds.channels)
        assert np.isfinite(ds.sales).all() and np.isfinite(ds.spend).all() and np.isfinite(ds.controls).all()
        assert (ds.spend >= 0).all()
        steps = np.diff(ds.dates.values).astype("timedelta64[D]").astype(int)
        assert (steps > 0).all() and (steps % 7 == 0).all()
    assert _snapshot(path) == before


@pytest.mark.parametrize("name", ["clean", "crlf_line_endings", "title_case_headers", "spend_override"])
def test_tidy_files_load_without_warnings(corpus_dir, name):
    spec = SPECS[name]
    ds = load_csv(corpus_dir / spec.filename, LoadOptions(**spec.options))
    assert ds.warnings == ()


def test_awkward_formats_read_the_same_numbers(corpus_dir):
    clean = load_csv(corpus_dir / "clean.csv")
    for name in ("utf8_bom", "semicolon_decimal_comma", "tab_separated", "utf16_excel_text", "quoted_thousands",
                 "latin1_encoding", "title_case_headers", "dayfirst_dates", "us_dates", "dayfirst_option",
                 "unsorted_rows", "irregular_dates"):
        spec = SPECS[name]
        ds = load_csv(corpus_dir / spec.filename, LoadOptions(**spec.options))
        np.testing.assert_allclose(ds.spend, clean.spend, rtol=1e-12, err_msg=name)
        np.testing.assert_allclose(ds.sales, clean.sales, rtol=1e-12, err_msg=name)
        assert ds.dates.equals(clean.dates), name


def test_cli_args_mirror_options():
    assert SPECS["geo_filter_option"].cli_args() == ["--geo", "north"]
    assert SPECS["spend_override"].cli_args() == ["--spend", "x1,x2,x3,x5"]
    assert SPECS["dayfirst_option"].cli_args() == ["--dayfirst"]


def test_script_writes_the_corpus(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, str(root / "tests" / "make_bad_files.py"), str(tmp_path)],
                            capture_output=True, text=True, check=True)
    assert "clean.csv" in result.stdout
    assert (tmp_path / "clean.csv").is_file()
