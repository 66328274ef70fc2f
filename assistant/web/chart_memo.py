"""Draw each distinct chart once per server: sessions over the same fitted model ask for the same pictures.

A chart is a pure function of its inputs: the shared, read-only objects of one fitted model
(dataset, fit … — compared by identity and kept alive by the memo, so an id is never reused) and,
for what-if, reallocation and period charts, the typed result (compared by content). Drawing takes
50–300 ms of CPU and is done by a `Drawer` (assistant.web.chart_worker: a worker process by
default); linking a drawn PNG takes well under a millisecond. Fifty browsers fetching the same new
chart at once wait for one drawing: the first fetch starts it, the others await the same future.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import pickle
import shutil
import threading
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.web.chart_worker import ChartInputs, Drawer

PENDING_PRUNE_AT = 1000   # promised charts kept before those of ended sessions are dropped
MAX_TRIES = 2             # drawings of one promised chart before a failure is final (a 404)


@dataclass(frozen=True)
class ChartJob:
    """One chart an answer promised: which chart, over which model, for which typed result."""

    key: str
    inputs: ChartInputs
    result: Any = None


class ChartMemo:
    """Thread-safe memo of drawn PNGs under `directory`, at most `limit` of them (oldest dropped)."""

    def __init__(self, directory: Path, drawer: Drawer, limit: int = 400):
        self.directory = Path(directory)
        self.drawer = drawer
        self.limit = limit
        self._drawn: OrderedDict[tuple, tuple[Path, ChartInputs]] = OrderedDict()
        self._inflight: dict[tuple, Future[Path]] = {}
        self._lock = threading.Lock()          # guards _drawn, _inflight, _pending and the counters
        self._pending: dict[Path, ChartJob] = {}   # charts promised by an answer, drawn when fetched
        self._tries: dict[Path, int] = {}          # failed drawings of a promised chart
        self.hits = 0
        self.misses = 0

    def draw_later(self, job: ChartJob) -> Future[Path]:
        """Start drawing `job` into the memo (when new); the future's result is the memo's PNG."""
        return self._source(job)

    def defer(self, path: Path, job: ChartJob) -> Path:
        """Promise the chart at `path`: it is drawn when the picture is first fetched (`realise`), so an
        answer returns as soon as its numbers are ready and a chart nobody opens costs nothing."""
        with self._lock:
            if len(self._pending) >= PENDING_PRUNE_AT:     # promises of sessions that ended (folder removed)
                for gone in [p for p in self._pending if not p.parent.exists()]:
                    del self._pending[gone]
                    self._tries.pop(gone, None)
            self._pending[_key(path)] = job
        return Path(path)

    async def realise(self, path: Path) -> bool:
        """Put the promised chart at `path` (drawing it once, without blocking the event loop); False
        when none was promised or drawing failed (a missing picture, never a crash)."""
        path = Path(path)
        with self._lock:
            job = self._pending.get(_key(path))
        if job is None:
            return False
        try:
            # shield: a browser that goes away must not cancel a drawing other browsers wait for
            source = await asyncio.shield(asyncio.wrap_future(self._source(job)))
            _place(source, path)
        except Exception:  # noqa: BLE001 - a chart that cannot be drawn is a missing picture
            with self._lock:   # kept for a retry (a worker that died is replaced), up to MAX_TRIES drawings
                tries = self._tries[_key(path)] = self._tries.get(_key(path), 0) + 1
                if tries >= MAX_TRIES:
                    self._pending.pop(_key(path), None)
                    self._tries.pop(_key(path), None)
            return False
        with self._lock:
            self._pending.pop(_key(path), None)
            self._tries.pop(_key(path), None)
        return True

    def _source(self, job: ChartJob) -> Future[Path]:
        """The memo's PNG for `job`: done at once when drawn before, else the one drawing of it."""
        fingerprint = (job.key, id(job.inputs.dataset), id(job.inputs.fit), _digest(job.result))
        with self._lock:
            entry = self._drawn.get(fingerprint)
            if entry is not None and entry[0].exists():
                self._drawn.move_to_end(fingerprint)
                self.hits += 1
                done: Future[Path] = Future()
                done.set_result(entry[0])
                return done
            running = self._inflight.get(fingerprint)
            if running is not None:
                self.hits += 1
                return running
            self.directory.mkdir(parents=True, exist_ok=True)
            name = hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:24]
            future = self.drawer.submit(job.inputs, job.key, job.result, self.directory / f"{name}-{job.key}.png")
            self._inflight[fingerprint] = future
            self.misses += 1
        future.add_done_callback(lambda f: self._finish(fingerprint, job.inputs, f))
        return future

    def _finish(self, fingerprint: tuple, inputs: ChartInputs, future: Future[Path]) -> None:
        with self._lock:
            self._inflight.pop(fingerprint, None)
            if future.cancelled() or future.exception() is not None:
                return
            self._drawn[fingerprint] = (future.result(), inputs)   # keeps the inputs (and their ids) alive
            while len(self._drawn) > self.limit:
                old, _ = self._drawn.popitem(last=False)[1]
                old.unlink(missing_ok=True)

    def clear(self) -> None:
        with self._lock:
            self._drawn.clear()
            self._pending.clear()
            self._tries.clear()
        shutil.rmtree(self.directory, ignore_errors=True)


def _digest(value: Any) -> str | None:
    """Content fingerprint of a typed result (None for charts drawn from the shared objects only)."""
    if value is None:
        return None
    try:
        return hashlib.sha256(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    except Exception:  # noqa: BLE001 - an unpicklable result is simply never shared
        return f"id:{id(value)}:{os.urandom(8).hex()}"


def _key(path: Path) -> Path:
    """A promised chart's key: its absolute path (no file-system calls, unlike Path.resolve)."""
    return Path(os.path.abspath(path))


def _place(source: Path, path: Path) -> Path:
    """Put the memo's PNG at `path` (a hard link when the file system allows, else a copy)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    try:
        os.link(source, path)
    except OSError:
        shutil.copyfile(source, path)
    return path
