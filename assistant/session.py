"""One conversation's state: the dataset, its model (fitted once), cached results and settings."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from analysis.dataset import Dataset


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


@dataclass
class Session:
    """Everything an answer needs; results are computed on first use and cached for the session."""

    dataset: Dataset
    outputs: Path = Path("outputs")
    charts: bool = True
    margin: float | None = None
    offline: bool = False
    claude: object | None = None          # router.claude.ClaudeRouter, or None
    _conversation: object | None = field(default=None, repr=False)
    scenarios: list = field(default_factory=list)   # every what-if answered, oldest first (the board pack shows them)

    @classmethod
    def from_fit(cls, fit, **settings) -> "Session":
        """A session over an already fitted model (tests, benchmarks, the board pack)."""
        session = cls(fit.dataset, **settings)
        session.__dict__["fit"] = fit
        return session

    @cached_property
    def fit(self):
        from analysis.estimate import fit_model

        return fit_model(self.dataset)   # a market panel when the data has one

    @property
    def notices(self) -> tuple[str, ...]:
        """What loading changed or noticed and what the fit could not measure, each said once
        (a fit warning that repeats a loader one, e.g. "Email: constant spend — …", is dropped)."""
        said = {w.split("—")[0].strip() for w in self.dataset.warnings}
        fresh = tuple(w for w in self.fit.warnings if w.split("—")[0].strip() not in said)
        return tuple(dict.fromkeys(self.dataset.warnings + fresh))

    @cached_property
    def roi(self):
        from analysis.roi import roi

        return roi(self.fit)

    @cached_property
    def contribution(self):
        from analysis.roi import contribution

        return contribution(self.fit)

    @cached_property
    def saturation(self):
        from analysis.roi import saturation

        return saturation(self.fit)

    @cached_property
    def quality(self):
        """The full grade, including the rolling backtest (refits: about a second)."""
        from assistant.engines import model_quality

        return model_quality(self.fit)

    @cached_property
    def quick_quality(self):
        """The grade without the backtest: for the welcome line and per-answer caveats."""
        if "quality" in self.__dict__:
            return self.quality
        from assistant.engines import model_quality

        return model_quality(self.fit, backtest=False)

    def warm_up(self):
        """Compute the slower results (backtest, saturation curves, default optimisation) in a
        background thread while the user reads the welcome panel; answers then only read caches.

        Safe to race: cached_property in Python 3.11 takes a lock, so an answer that needs a
        result still being computed waits for it instead of computing it twice.
        """
        import threading

        def work():
            try:
                self.saturation
                self.contribution
                self.quality
                from assistant.answer_plan import optimization

                optimization(self, None, (), self.margin)
            except Exception:  # noqa: BLE001 - a failure here resurfaces, worded, when the question is asked
                pass

        thread = threading.Thread(target=work, name="mmm-warm-up", daemon=True)
        thread.start()
        return thread

    @property
    def conversation(self):
        if self._conversation is None:
            from assistant.routing import Conversation

            panel = getattr(self.dataset, "panel", None)
            self._conversation = Conversation(channels=self.dataset.channels,
                                              geos=panel.markets if panel is not None else ())
        return self._conversation

    def reset(self) -> None:
        """Forget the conversation (follow-ups start afresh); the fitted model is kept."""
        self.conversation.reset()
        self.scenarios.clear()

    def ask(self, question: str):
        """Route and answer one question; never raises for a bad question (see answers.safe_answer)."""
        from assistant.answers import answer_question

        return answer_question(self, question)
