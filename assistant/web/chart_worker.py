"""Charts drawn in a separate process, so matplotlib's 50–300 ms of CPU per picture never holds the
serving process's GIL while it answers questions: on two cores, drawing and answering run side by side.

`ProcessDrawer` keeps one spawned worker (it shares no threads or locks with the server), warmed
when the server starts: matplotlib imported, Agg selected, fonts loaded. A model's chart inputs
(dataset, fit, ROI, contribution, saturation: ~300 KB pickled) cross to the worker once and stay
there; each chart then costs one small message (key, typed result, target path). The worker
ignores Ctrl-C: the server shuts it down (`close`) when it stops. `ThreadDrawer` draws in one thread
of the serving process instead (`WebConfig.chart_processes = 0`). Both draw with the same function,
`assistant.charts.requests.draw_chart`, so a chart is the same picture whichever drew it.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

KEEP_MODELS = 8     # chart inputs kept in the worker (the server's ModelCache keeps 8 fitted models)
PARENT_CHECK_SECONDS = 1.0   # how often a worker checks that its server is still alive


@dataclass(frozen=True)
class ChartInputs:
    """What every chart of one fitted model reads (a `ChartSource`); shared, read-only, picklable."""

    dataset: Any
    fit: Any
    roi: Any
    contribution: Any
    saturation: Any

    @classmethod
    def of(cls, session: Any) -> ChartInputs:
        return cls(session.dataset, session.fit, session.roi, session.contribution, session.saturation)

    @property
    def token(self) -> str:
        """Names these inputs in the worker; stable while the drawer holds them (so the ids are not reused)."""
        return f"{id(self.dataset):x}-{id(self.fit):x}"


class Drawer(Protocol):
    def submit(self, inputs: ChartInputs, key: str, result: Any, target: Path) -> Future[Path]: ...

    def close(self) -> None: ...


class ThreadDrawer:
    """Draws in one thread of the serving process (no worker process)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mmm-chart")

    def submit(self, inputs: ChartInputs, key: str, result: Any, target: Path) -> Future[Path]:
        return self._pool.submit(_draw_chart, inputs, key, result, target)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class ProcessDrawer:
    """Draws in one worker process; thread-safe. A worker that died is replaced on the next chart."""

    def __init__(self, keep: int = KEEP_MODELS) -> None:
        self.keep = keep
        self._lock = threading.RLock()       # re-entrant: a chart that fails at once settles inside submit
        self._pool: ProcessPoolExecutor | None = None
        self._sent: OrderedDict[str, ChartInputs] = OrderedDict()   # mirrors the worker's store, same LRU order
        self._closed = False

    def start(self) -> None:
        """Spawn and warm the worker now (it imports matplotlib while the server fits its model)."""
        with self._lock, _main_hidden():
            self._ensure().submit(_ping)

    def submit(self, inputs: ChartInputs, key: str, result: Any, target: Path) -> Future[Path]:
        with self._lock, _main_hidden():
            if self._closed:
                raise RuntimeError("the chart worker is closed")
            try:
                return self._send(self._ensure(), inputs, key, result, target)
            except BrokenProcessPool:                 # the worker died since the last chart: a new one
                self._reset()
                return self._send(self._ensure(), inputs, key, result, target)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
            self._sent.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _ensure(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(self.keep,))
        return self._pool

    def _reset(self) -> None:
        pool, self._pool = self._pool, None
        self._sent.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _send(self, pool: ProcessPoolExecutor, inputs: ChartInputs, key: str, result: Any,
              target: Path) -> Future[Path]:
        token = inputs.token
        payload = None if token in self._sent else inputs
        inner = pool.submit(_draw_in_worker, token, payload, key, result, str(target))
        self._sent[token] = inputs
        self._sent.move_to_end(token)
        while len(self._sent) > self.keep:
            self._sent.popitem(last=False)
        outer: Future[Path] = Future()

        def settle(done: Future[str]) -> None:
            exc = done.exception() if not done.cancelled() else RuntimeError("chart cancelled")
            if exc is None:
                outer.set_result(Path(done.result()))
                return
            if isinstance(exc, (LookupError, BrokenProcessPool)):   # the worker lost the inputs: resend next time
                with self._lock:
                    self._sent.pop(token, None)
            outer.set_exception(exc)

        inner.add_done_callback(settle)
        return outer


@contextmanager
def _main_hidden() -> Iterator[None]:
    """Start worker processes without re-running the parent's `__main__` (spawn does by default): the
    worker needs nothing from it, and a script without an `if __name__ == "__main__"` guard, or
    `python -c`, would otherwise serve again (or fail) inside the worker."""
    main = sys.modules.get("__main__")
    saved: dict[str, Any] = {name: main.__dict__[name] for name in ("__spec__", "__file__")
                             if main is not None and name in main.__dict__}
    try:
        if main is not None:
            main.__dict__.pop("__file__", None)
            main.__dict__["__spec__"] = None
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)


def _draw_chart(inputs: ChartInputs, key: str, result: Any, target: Path) -> Path:
    from assistant.charts.requests import draw_chart

    return Path(draw_chart(inputs, key, Path(target).parent, result, name=Path(target).name))


# ---- in the worker process -----------------------------------------------------------------------

_STORE: OrderedDict[str, ChartInputs] = OrderedDict()
_KEEP = [KEEP_MODELS]


def _init_worker(keep: int) -> None:
    """Ignore Ctrl-C (the server stops the worker), exit if the server dies without stopping it (a kill -9
    or a crash), load matplotlib and its fonts once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True, name="parent-watch").start()
    _KEEP[0] = keep
    import io

    import assistant.charts.draw  # noqa: F401 - the chart functions and their imports
    from assistant.charts.style import new_figure

    fig, ax = new_figure(size=(2.0, 1.0))
    ax.plot([0, 1], [0, 1])
    ax.set_title("warm-up")
    fig.savefig(io.BytesIO(), format="png")


def _exit_with_parent(parent: int, every: float = PARENT_CHECK_SECONDS) -> None:
    """A worker whose server is gone is re-parented: it has nobody left to draw for."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)


def _ping() -> bool:
    return True


def _draw_in_worker(token: str, inputs: ChartInputs | None, key: str, result: Any, target: str) -> str:
    if inputs is not None:
        _STORE[token] = inputs
    source = _STORE.get(token)
    if source is None:
        raise LookupError("chart inputs are not in the worker")
    _STORE.move_to_end(token)
    while len(_STORE) > _KEEP[0]:
        _STORE.popitem(last=False)
    return str(_draw_chart(source, key, result, Path(target)))
