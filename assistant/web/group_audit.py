"""The audit trail for a server answering many sessions at once: the same file, lines and promise
(`append` returns once its line is on disk), with one lock and one fsync per group of answers.

An fsync takes ~5 ms and holds the file lock; fifty answers finishing together would otherwise
queue for it one by one (a quarter of a second for the last). Here the first writer takes every
line queued so far and writes them together; those that arrive meanwhile wait and form the next
group (group commit, as databases do).
"""
from __future__ import annotations

import threading
from typing import Any

from assistant.audit import AuditLog

KEEP_FAILURES = 64


class GroupAudit(AuditLog):
    """Thread-safe AuditLog whose concurrent appends share writes; an OSError reaches each of its lines."""

    def __init__(self, path: Any) -> None:
        super().__init__(path)
        self._cond = threading.Condition()
        self._queue: list[bytes] = []
        self._queued = 0          # lines ever queued (a line's ticket is its number)
        self._written = 0         # lines ever settled (written or failed)
        self._writing = False
        self._failed: list[tuple[int, int, OSError]] = []   # (first, last ticket, error) of recent failed groups
        self.groups = 0

    def append(self, entry: dict[str, Any]) -> None:
        data = self.line(entry)
        with self._cond:
            self._queue.append(data)
            self._queued += 1
            ticket = self._queued
            while self._written < ticket:
                if self._writing:
                    self._cond.wait()
                    continue
                group, self._queue = self._queue, []
                first, last = self._written + 1, self._queued
                self._writing = True
                self._cond.release()
                error: OSError | None = None
                try:
                    self.write(b"".join(group))
                except OSError as exc:
                    error = exc
                finally:
                    self._cond.acquire()
                    self._writing = False
                    self._written = last
                    self.groups += 1
                    if error is not None:
                        self._failed = [*self._failed[-KEEP_FAILURES + 1:], (first, last, error)]
                    self._cond.notify_all()
            failure = next((e for a, b, e in self._failed if a <= ticket <= b), None)
        if failure is not None:
            raise failure
