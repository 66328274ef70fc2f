"""Fitted models shared read-only by every session over the same data, keyed by a fingerprint.

Fitting takes seconds; answering from a fitted model takes milliseconds. So the server fits each
distinct (file bytes, loader options) once, warms the slow results (backtest, curves, default
plan) once, and hands each session a Session that starts with those cached results. The typed
results are immutable, so sharing them between threads is safe.
"""
from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, fields, replace
from pathlib import Path

from analysis.dataset import Dataset
from assistant.horizon import default_weeks
from assistant.session import DataOptions, Session, load_dataset

SHARED_RESULTS = ("fit", "roi", "contribution", "saturation", "quality", "quick_quality", "predicted")
# Session.optimization's and Session.scenario's memos (keyed by the question's numbers) and their locks:
# one dict each for every session of a model, so a plan solved for one browser is read by the next, and
# fifty browsers asking the same new what-if at once wait for one computation of it (results are immutable)
SHARED_MEMOS = ("_optimizations", "_scenarios", "_memo_locks")


@dataclass(frozen=True)
class SharedModel:
    """One fitted, warmed model and the key it is cached under."""

    key: str
    template: Session       # never answers a question: only lends its cached results

    @property
    def dataset(self) -> Dataset:
        return self.template.dataset

    def session(self, outputs: Path, **settings) -> Session:
        """A fresh conversation over this model: own follow-up context and outputs, shared results."""
        session = Session(self.dataset, outputs=outputs, **settings)
        shared = {k: self.template.__dict__[k] for k in SHARED_RESULTS if k in self.template.__dict__}
        shared.update({k: self.template.__dict__.setdefault(k, {}) for k in SHARED_MEMOS})
        session.__dict__.update(shared)
        return session


def fingerprint(options: DataOptions, content: bytes | None) -> str:
    """The cache key: the file's bytes (not its name) plus every loader option."""
    h = hashlib.sha256()
    h.update(repr(tuple(getattr(options, f.name) for f in fields(options) if f.name != "csv")).encode())
    h.update(b"sample" if content is None else content)
    return h.hexdigest()


class ModelCache:
    """Thread-safe: each key is loaded and fitted once even when many sessions ask at the same moment."""

    def __init__(self, limit: int = 8):
        self.limit = limit
        self._models: OrderedDict[str, SharedModel] = OrderedDict()
        self._fitting: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, options: DataOptions, content: bytes | None = None, display_name: str | None = None) -> SharedModel:
        """The shared model for this data, loading and fitting it first when new (blocking: call
        it off the event loop). Raises the loader's or the fit's MMMError unchanged."""
        key = fingerprint(options, content)
        with self._lock:
            if key in self._models:
                self._models.move_to_end(key)
                return self._models[key]
            gate = self._fitting.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._models:
                    return self._models[key]
            try:
                model = SharedModel(key, _warm(_load(options, display_name)))
            finally:
                with self._lock:
                    self._fitting.pop(key, None)
            with self._lock:
                self._models[key] = model
                while len(self._models) > self.limit:   # sessions still using an old model keep it alive
                    self._models.popitem(last=False)
            return model

    def __len__(self) -> int:
        with self._lock:
            return len(self._models)


def _load(options: DataOptions, display_name: str | None) -> Dataset:
    dataset = load_dataset(options)
    return replace(dataset, source=display_name) if display_name else dataset


def _warm(dataset: Dataset) -> Session:
    """Fit and compute the results every session reads, so no session computes them again."""
    template = Session(dataset, charts=False, offline=True)
    for name in SHARED_RESULTS:
        getattr(template, name)
    with contextlib.suppress(Exception):           # a failure resurfaces, worded, when a plan is asked for
        template.optimization(None, (), None, default_weeks(template))   # the default plan; tabulates the curves
    return template
