"""Draw each distinct chart once per server: sessions over the same fitted model ask for the same pictures.

A chart is a pure function of its inputs: the shared, read-only objects of one fitted model
(dataset, ROI, saturation … — compared by identity and kept alive by the memo, so an id is never
reused) and, for what-if, reallocation and period charts, the typed result (compared by content).
Drawing takes ~50–200 ms of CPU; linking a drawn PNG takes well under one.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

PENDING_PRUNE_AT = 1000   # promised charts kept before those of ended sessions are dropped


class ChartMemo:
    """Thread-safe memo of drawn PNGs under `directory`, at most `limit` of them (oldest dropped)."""

    def __init__(self, directory: Path, limit: int = 400):
        self.directory = Path(directory)
        self.limit = limit
        self._drawn: OrderedDict[tuple, tuple[Path, tuple]] = OrderedDict()
        self._lock = threading.Lock()          # guards _drawn
        self._drawing = threading.Lock()       # one chart drawn at a time: CPU-bound anyway
        self._pending: dict[Path, Callable[[], Path]] = {}   # charts promised by an answer, drawn when fetched
        self.hits = 0
        self.misses = 0

    def draw(self, key: str, shared: tuple, value, path: Path, draw) -> Path:
        """The chart `key` for these inputs at `path`: linked from the memo, or drawn by `draw(target)` first."""
        fingerprint = (key, tuple(id(o) for o in shared), _digest(value))
        source = self._get(fingerprint)
        if source is None:
            with self._drawing:
                source = self._get(fingerprint)
                if source is None:
                    self.directory.mkdir(parents=True, exist_ok=True)
                    name = hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:24]
                    source = Path(draw(self.directory / f"{name}-{Path(path).name}"))
                    with self._lock:
                        self.misses += 1
                        self._drawn[fingerprint] = (source, shared)
                        while len(self._drawn) > self.limit:
                            old, _ = self._drawn.popitem(last=False)[1]
                            old.unlink(missing_ok=True)
                    return _place(source, Path(path))
        with self._lock:
            self.hits += 1
        return _place(source, Path(path))

    def defer(self, path: Path, draw: Callable[[], Path]) -> Path:
        """Promise the chart at `path`: `draw()` runs when the picture is first fetched (`realise`), so an
        answer returns as soon as its numbers are ready and a chart nobody opens costs nothing."""
        with self._lock:
            if len(self._pending) >= PENDING_PRUNE_AT:     # promises of sessions that ended (folder removed)
                for gone in [p for p in self._pending if not p.parent.exists()]:
                    del self._pending[gone]
            self._pending[Path(path).resolve()] = draw
        return Path(path)

    def realise(self, path: Path) -> bool:
        """Draw the promised chart at `path` now (once); False when none was promised or drawing failed."""
        with self._lock:
            draw = self._pending.pop(Path(path).resolve(), None)
        if draw is None:
            return False
        try:
            draw()
        except Exception:  # noqa: BLE001 - a chart that cannot be drawn is a missing picture, never a crash
            return False
        return True

    def _get(self, fingerprint: tuple) -> Path | None:
        with self._lock:
            entry = self._drawn.get(fingerprint)
            if entry is None or not entry[0].exists():
                return None
            self._drawn.move_to_end(fingerprint)
            return entry[0]

    def clear(self) -> None:
        with self._lock:
            self._drawn.clear()
        shutil.rmtree(self.directory, ignore_errors=True)


def _digest(value) -> str | None:
    """Content fingerprint of a typed result (None for charts drawn from the shared objects only)."""
    if value is None:
        return None
    try:
        return hashlib.sha256(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    except Exception:  # noqa: BLE001 - an unpicklable result is simply never shared
        return f"id:{id(value)}:{os.urandom(8).hex()}"


def _place(source: Path, path: Path) -> Path:
    """Put the memo's PNG at `path` (a hard link when the file system allows, else a copy)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    try:
        os.link(source, path)
    except OSError:
        shutil.copyfile(source, path)
    return path
