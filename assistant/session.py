"""One conversation's state: the dataset, its model (fitted once), cached results and settings.

A Session holds state and nothing else: answering a question is assistant.answers.dispatch.ask(session,
question), so the answers can type against Session without an import cycle.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import numpy as np

from analysis.dataset import Dataset

if TYPE_CHECKING:
    from analysis.decisions.optimize import BudgetConstraint, OptimizationResult
    from analysis.decisions.scenario import ScenarioResult, Shift
    from analysis.model import MMMFit
    from analysis.quality import QualityReport
    from analysis.results import ContributionResult, RoiResult, SaturationResult
    from assistant.audit import AuditLog
    from router import Conversation
    from router.claude import ClaudeRouter

T = TypeVar("T")
V = TypeVar("V")


@dataclass(frozen=True)
class DataOptions:
    """Where the data comes from: the built-in sample when `csv` is None."""

    csv: str | None = None
    date: str | None = None
    target: str | None = None
    spend: tuple[str, ...] | None = None
    controls: tuple[str, ...] | None = None
    dayfirst: bool | None = None
    geo: str | None = None
    geo_col: str | None = None
    revenue_per_kpi: str | None = None


def load_dataset(options: DataOptions = DataOptions()) -> Dataset:
    """The sample, or the user's CSV through analysis.loading (raises DataError with a fix)."""
    if options.csv is None:
        from data.sample_data import sample_dataset

        return sample_dataset()
    from analysis.loading import LoadOptions, load_csv

    return load_csv(options.csv, LoadOptions(date=options.date, target=options.target, spend=options.spend,
                                             controls=options.controls, dayfirst=options.dayfirst,
                                             geo=options.geo, geo_col=options.geo_col,
                                             revenue_per_kpi=options.revenue_per_kpi))


class computed(Generic[T]):
    """A cached property computed once per session even when two threads ask for it at the same time
    (the warm-up thread and an answer): functools.cached_property lost its lock in Python 3.12."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> computed[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> T | computed[T]:
        if obj is None:
            return self
        cache = obj.__dict__
        if self.name not in cache:
            with _lock_for(obj, self.name):
                if self.name not in cache:
                    cache[self.name] = self.func(obj)
        value: T = cache[self.name]
        return value


_LOCKS_GUARD = threading.Lock()


def _lock_for(obj: object, name: str, table: str = "_locks") -> threading.Lock:
    """One lock per (session, result); created under a guard so two threads never get different locks.
    The memos' locks live in their own `_memo_locks` table, which the web server shares between the
    sessions that share the memos (assistant.web.models), so each question is computed once across them."""
    with _LOCKS_GUARD:
        locks: dict[str, threading.Lock] = obj.__dict__.setdefault(table, {})
        return locks.setdefault(name, threading.Lock())


MEMO_LIMIT = 512   # distinct plans or what-ifs remembered per model (~10 KB each); the oldest go first


def _memoised(obj: object, table: str, key: Any, compute: Callable[[], V]) -> V:
    """`compute()` once per distinct `key` in memo `table`, under one lock per (table, key) so concurrent
    askers wait for the one computation. Past MEMO_LIMIT entries the oldest (and its lock) is dropped:
    a server shares these memos across every session of a model for as long as the model lives."""
    cache: dict[Any, V] = obj.__dict__.setdefault(table, {})
    value = cache.get(key)
    if value is None:
        lock_name = f"{table}{key!r}"
        with _lock_for(obj, lock_name, "_memo_locks"):
            value = cache.get(key)
            if value is None:
                value = compute()
                with _LOCKS_GUARD:
                    cache[key] = value
                    while len(cache) > MEMO_LIMIT:
                        old = next(iter(cache))
                        del cache[old]
                        obj.__dict__.get("_memo_locks", {}).pop(f"{table}{old!r}", None)
    return value


@dataclass
class Session:
    """Everything an answer needs; results are computed on first use and cached for the session."""

    dataset: Dataset
    outputs: Path = Path("outputs")
    charts: bool = True
    margin: float | None = None
    horizon: int | str | None = None      # planning horizon for decisions: weeks or "all" (default 52, see horizon.py)
    offline: bool = False
    claude: ClaudeRouter | None = None
    _conversation: Conversation | None = field(default=None, repr=False)
    scenarios: list[Any] = field(default_factory=list)   # every what-if answered, oldest first (the board pack shows them)
    plans: list[Any] = field(default_factory=list)       # every budget plan answered in THIS conversation, oldest first
    data_file: str | None = None          # the CSV the dataset came from (its SHA-256 goes in the audit trail)
    audit: AuditLog | None = None         # where each answered question is appended; None: not recorded on disk
    answered: list[dict[str, Any]] = field(default_factory=list)   # this session's audit entries, oldest first
    chart_files: set[str] = field(default_factory=set)   # chart files its answers wrote (kept by reset: each stays its answer's)

    @classmethod
    def from_fit(cls, fit: MMMFit, **settings: Any) -> Session:
        """A session over an already fitted model (tests, benchmarks, the board pack)."""
        session = cls(fit.dataset, **settings)
        session.__dict__["fit"] = fit
        return session

    @computed
    def fit(self) -> MMMFit:
        from analysis.estimate import fit_model

        return fit_model(self.dataset)   # a market panel when the data has one

    @computed
    def fingerprints(self) -> dict[str, dict[str, Any]]:
        """What answered: the dataset's and the model's fingerprints (assistant.audit)."""
        from assistant.audit import dataset_fingerprint, model_fingerprint

        return {"dataset": dataset_fingerprint(self.dataset, self.data_file), "model": model_fingerprint(self.fit)}

    @property
    def notices(self) -> tuple[str, ...]:
        """What loading changed or noticed and what the fit could not measure, each said once
        (a fit warning that repeats a loader one, e.g. "Email: constant spend — …", is dropped)."""
        said = {w.split("—")[0].strip() for w in self.dataset.warnings}
        # a channel the loader already called unmeasurable ("Radio: no spend in any week — …") is not said twice
        unmeasurable = set(self.dataset.unmeasurable)
        fresh = tuple(w for w in self.fit.warnings
                      if w.split("—")[0].strip() not in said and w.split(":")[0] not in unmeasurable)
        return tuple(dict.fromkeys(self.dataset.warnings + fresh))

    @computed
    def predicted(self) -> np.ndarray:
        """Weekly sales the fitted model expects on the actual spend (read-only): every what-if restated
        for its weeks compares against it, so it is computed once, not once per answer."""
        predicted = self.fit.predict()
        predicted.flags.writeable = False
        return predicted

    @computed
    def roi(self) -> RoiResult:
        from analysis.roi import roi

        return roi(self.fit)

    @computed
    def contribution(self) -> ContributionResult:
        from analysis.roi import contribution

        return contribution(self.fit)

    @computed
    def saturation(self) -> SaturationResult:
        from analysis.roi import saturation

        return saturation(self.fit)

    @computed
    def quality(self) -> QualityReport:
        """The full grade, including the rolling backtest (refits: about a second)."""
        from analysis.quality import model_quality

        return model_quality(self.fit)

    @computed
    def quick_quality(self) -> QualityReport:
        """The grade without the backtest: for the welcome line and per-answer caveats."""
        if "quality" in self.__dict__:
            return self.quality
        from analysis.quality import model_quality

        return model_quality(self.fit, backtest=False)

    def optimization(self, budget: float | None = None, constraints: tuple[BudgetConstraint, ...] = (),
                     margin: float | None = None, weeks: np.ndarray | None = None) -> OptimizationResult:
        """The optimal split of `budget` (data units over the `weeks` mask, None = every week; budget None =
        today's spend there); each question is solved once per session."""
        from analysis.decisions.optimize import optimize_budget

        key = (budget, constraints, margin, None if weeks is None else np.flatnonzero(weeks).tobytes())
        return _memoised(self, "_optimizations", key,
                         lambda: optimize_budget(self.fit, total_budget=budget, constraints=list(constraints),
                                                 margin=margin, weeks=weeks))

    def scenario(self, changes: Mapping[str, float] | None = None, *, amounts: Mapping[str, float] | None = None,
                 shift: Shift | None = None, margin: float | None = None,
                 weeks: np.ndarray | None = None) -> ScenarioResult:
        """A what-if on this model, computed once per distinct question (results are immutable and their
        draws seeded, so a repeat — or another browser session sharing the model — only reads it)."""
        from analysis.decisions.scenario import run_scenario

        key = (tuple(sorted((changes or {}).items())), tuple(sorted((amounts or {}).items())), shift, margin,
               None if weeks is None else np.flatnonzero(weeks).tobytes())
        return _memoised(self, "_scenarios", key,
                         lambda: run_scenario(self.fit, changes=changes, amounts=amounts, shift=shift, margin=margin,
                                              weeks=weeks))

    def warm_up(self) -> threading.Thread:
        """Compute the slower results (backtest, saturation curves, default optimisation) in a
        background thread while the user reads the welcome panel; answers then only read caches.

        Safe to race: each result has its own lock (see `computed`), so an answer that needs a
        result still being computed waits for it instead of computing it twice.
        """

        def work() -> None:
            try:
                _ = self.saturation, self.contribution, self.quality
                from assistant.horizon import default_weeks

                self.optimization(None, (), self.margin, default_weeks(self))
            except Exception:  # noqa: BLE001 - a failure here resurfaces, worded, when the question is asked
                pass

        thread = threading.Thread(target=work, name="mmm-warm-up", daemon=True)
        thread.start()
        return thread

    @property
    def conversation(self) -> Conversation:
        if self._conversation is None:
            from router import Conversation

            panel = getattr(self.dataset, "panel", None)
            self._conversation = Conversation(channels=self.dataset.channels,
                                              geos=panel.markets if panel is not None else (),
                                              controls=tuple(self.dataset.control_names))
        return self._conversation

    def reset(self) -> None:
        """Forget the conversation (follow-ups start afresh); the fitted model is kept."""
        self.conversation.reset()
        self.scenarios.clear()
        self.plans.clear()
