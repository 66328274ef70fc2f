"""The audit trail: one JSON line per answered question, so "where did this number come from?" has an answer.

Each line holds the UTC time, the question, how it was read (Read-as and the routed query), the
router that read it, the intent, the answer's `data` and warnings, how long it took, and the
fingerprints of the dataset (file SHA-256, rows, date range, columns used) and of the model (fit
settings, package version, fit statistics). The file is append-only and crash-safe: a line is
written with one `write` call on an O_APPEND descriptor, and a torn last line left by a crash
inside the kernel is cut back before the next append, so readers only ever see whole lines.
The Anthropic API key never reaches the file (it is redacted should a user paste it).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analysis.dataset import Dataset
    from analysis.model import MMMFit
    from assistant.reply import Reply

AUDIT_ENV = "MMM_AUDIT_FILE"
DEFAULT_NAME = Path("audit") / "answers.jsonl"   # under the --outputs directory


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mmm-assistant")
    except PackageNotFoundError:
        return "unknown"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dataset_fingerprint(dataset: Dataset, path: str | Path | None = None) -> dict[str, Any]:
    """Which data answered: the file's SHA-256 (None for the built-in sample), a SHA-256 of the values
    the model saw, rows, date range and the columns used."""
    values = hashlib.sha256()
    for array in (dataset.dates.asi8, dataset.sales, dataset.spend, dataset.controls):
        values.update(array.tobytes())
    file_sha = None
    if path is not None:
        with contextlib.suppress(OSError):
            file_sha = _sha256_file(Path(path))
    return {
        "source": dataset.source,
        "file_sha256": file_sha,
        "values_sha256": values.hexdigest(),
        "rows": dataset.n_weeks,
        "start": str(dataset.dates[0].date()),
        "end": str(dataset.dates[-1].date()),
        "columns": {"target": dataset.target, "spend": list(dataset.spend_columns),
                    "controls": list(dataset.control_names)},
    }


def model_fingerprint(fit: MMMFit) -> dict[str, Any]:
    """Which model answered: its fit settings (hashed), the package version and the fit statistics."""
    from analysis.fit import FitConfig

    settings = json.dumps(asdict(FitConfig()), sort_keys=True, default=str)
    stats = asdict(fit.stats)
    return {
        "settings_sha256": hashlib.sha256(settings.encode()).hexdigest(),
        "package_version": package_version(),
        "stats": {k: (round(v, 6) if isinstance(v, float) else v) for k, v in stats.items()},
        "channels": list(fit.channel_names),
    }


def record(reply: Reply, duration_s: float, dataset: dict[str, Any] | None, model: dict[str, Any] | None) -> dict[str, Any]:
    """The audit line of one answered question."""
    routed = reply.routed
    return {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "question": reply.question,
        "read_as": reply.read_as,
        "routed": routed.to_json_fields() if routed is not None else None,
        "router": routed.source if routed is not None else None,
        "intent": reply.intent,
        "data": reply.data,
        "warnings": list(reply.warnings),
        "error": reply.error,
        "duration_ms": round(duration_s * 1000, 1),
        "dataset": dataset,
        "model": model,
    }


class AuditLog:
    """An append-only JSON-lines file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def append(self, entry: dict[str, Any]) -> None:
        """Add one whole line, on disk (fsync) when this returns; raises OSError for an unwritable file."""
        self.write(self.line(entry))

    @staticmethod
    def line(entry: dict[str, Any]) -> bytes:
        """`entry` as one JSON line, with the API key (if it ever appears) redacted."""
        line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
        key = os.environ.get("ANTHROPIC_API_KEY", "").strip()
        if key and key in line:
            line = line.replace(key, "[redacted]")
        return line.encode("utf-8")

    def write(self, data: bytes) -> None:
        """Append whole lines under the file lock, then fsync (several lines: one lock, one fsync)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            with _locked(fd):
                _cut_torn_tail(fd)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
        finally:
            os.close(fd)

    def tail(self, n: int) -> list[dict[str, Any]]:
        """The last `n` entries, oldest first (a torn last line is skipped)."""
        if n <= 0 or not self.path.exists():
            return []
        out: list[dict[str, Any]] = []
        for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines()[-n - 1:]:
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
        return out[-n:]


@contextlib.contextmanager
def _locked(fd: int) -> Iterator[None]:
    """An advisory lock, so two processes appending at once never interleave a repair and a write."""
    try:
        import fcntl
    except ImportError:  # Windows: O_APPEND alone
        yield
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _cut_torn_tail(fd: int) -> None:
    """If the file does not end in a newline (a process died inside a write), drop the partial line."""
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return
    start = max(0, size - (1 << 20))
    chunk = os.pread(fd, size - start, start)
    cut = chunk.rfind(b"\n")
    os.ftruncate(fd, start + cut + 1 if cut >= 0 else (0 if start == 0 else size))


def audit_path(flag: str | None, disabled: bool, outputs: str | Path, environ: dict[str, str] | None = None) -> Path | None:
    """Where the trail goes: None with --no-audit, else --audit PATH, else $MMM_AUDIT_FILE, else
    <outputs>/audit/answers.jsonl."""
    if disabled:
        return None
    env = os.environ if environ is None else environ
    chosen = flag or env.get(AUDIT_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else Path(outputs) / DEFAULT_NAME
