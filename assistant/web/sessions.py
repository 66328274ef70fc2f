"""Browser and API sessions: unguessable ids, one conversation and one output folder each, expiry.

A session's folder (`<root>/<random name>/`) holds its charts, its uploaded CSV and its board
packs; it is deleted when the session expires, is evicted or the server stops. Every method is
thread-safe; a session's own lock serialises its questions (follow-ups depend on order).
"""
from __future__ import annotations

import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.session import Session
from assistant.web.models import SharedModel

TRANSCRIPT = 40       # answers re-shown when the page is reloaded


@dataclass
class WebSession:
    """One browser's (or API client's) conversation over one shared model."""

    id: str
    folder: Path
    model: SharedModel
    session: Session
    lock: threading.RLock = field(default_factory=threading.RLock)
    last_used: float = field(default_factory=time.monotonic)
    answers: int = 0
    transcript: list = field(default_factory=list)
    upload: Path | None = None
    upload_name: str | None = None

    def next_serial(self) -> int:
        self.answers += 1
        return self.answers

    def remember(self, reply) -> None:
        self.transcript.append(reply)
        del self.transcript[:-TRANSCRIPT]


class SessionStore:
    """All live sessions of one server; ids are 256-bit random tokens, never counters."""

    def __init__(self, root: Path, ttl_seconds: float = 3600.0, limit: int = 500):
        self.root = Path(root)
        self.ttl = ttl_seconds
        self.limit = limit
        self._sessions: dict[str, WebSession] = {}
        self._lock = threading.Lock()

    def create(self, model: SharedModel, **settings) -> WebSession:
        self.expire()
        sid = secrets.token_urlsafe(32)
        folder = self.root / secrets.token_hex(16)
        folder.mkdir(parents=True)
        web = WebSession(sid, folder, model, model.session(folder, **settings))
        with self._lock:
            self._sessions[sid] = web
            evicted = self._over_limit()
        for old in evicted:
            _remove(old)
        return web

    def get(self, sid: str | None) -> WebSession | None:
        """The live session with this id, touched; None for a missing, unknown or expired id."""
        if not sid or not isinstance(sid, str) or len(sid) > 100:
            return None
        self.expire()
        with self._lock:
            web = self._sessions.get(sid)
            if web is not None:
                web.last_used = time.monotonic()
            return web

    def by_folder(self, name: str) -> WebSession | None:
        with self._lock:
            return next((w for w in self._sessions.values() if w.folder.name == name), None)

    def replace_model(self, web: WebSession, model: SharedModel, **settings) -> None:
        """Point the session at new data: a fresh conversation, same id and folder."""
        with web.lock:
            web.model = model
            web.session = model.session(web.folder, **settings)
            web.transcript.clear()

    def expire(self, now: float | None = None) -> int:
        """Drop sessions idle for longer than the ttl, with their folders; returns how many."""
        now = time.monotonic() if now is None else now
        with self._lock:
            stale = [w for w in self._sessions.values() if now - w.last_used > self.ttl]
            for w in stale:
                del self._sessions[w.id]
        for w in stale:
            _remove(w)
        return len(stale)

    def close(self) -> None:
        """Drop every session and its folder (server shutdown)."""
        with self._lock:
            gone = list(self._sessions.values())
            self._sessions.clear()
        for w in gone:
            _remove(w)

    def __len__(self) -> int:
        with self._lock:
            return len(self._sessions)

    def _over_limit(self) -> list[WebSession]:
        if len(self._sessions) <= self.limit:
            return []
        oldest = sorted(self._sessions.values(), key=lambda w: w.last_used)[: len(self._sessions) - self.limit]
        for w in oldest:
            del self._sessions[w.id]
        return oldest


def _remove(web: WebSession) -> None:
    shutil.rmtree(web.folder, ignore_errors=True)
