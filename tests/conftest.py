"""Shared test setup: no network, no writes to the real home directory."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Never reach Claude (no key); keep chat history out of ~ and the audit trail out of the repo's
    outputs/ (MMM_HISTORY_FILE and MMM_AUDIT_FILE in a tmp dir; subprocesses inherit both)."""
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MMM_HISTORY_FILE", str(home / "history"))
    monkeypatch.setenv("MMM_AUDIT_FILE", str(home / "audit" / "answers.jsonl"))


@pytest.fixture(scope="session")
def sample_fit():
    """The built-in sample, fitted once for the whole test run."""
    from analysis.fit import fit_mmm
    from data.sample_data import sample_dataset

    return fit_mmm(sample_dataset())
