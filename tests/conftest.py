"""Shared test setup: no network, no writes to the real home directory."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Never reach Claude (no key) and keep chat history out of ~ (MMM_HISTORY_FILE in a tmp dir)."""
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("MMM_HISTORY_FILE", str(tmp_path_factory.mktemp("home") / "history"))


@pytest.fixture(scope="session")
def sample_fit():
    """The built-in sample, fitted once for the whole test run."""
    from analysis.fit import fit_mmm
    from data.sample_data import sample_dataset

    return fit_mmm(sample_dataset())
