"""Settings from the environment and an optional `.env` file, read at the program's edges.

Values already in the environment win over `.env`; `.env` is read, never written back
into `os.environ`, and the API key is never shown (it is excluded from repr).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CLAUDE_MODEL = "claude-haiku-4-5"   # a current fast model; override with MMM_CLAUDE_MODEL
DEFAULT_HISTORY = "~/.mmm_assistant_history"


@dataclass(frozen=True)
class Settings:
    """What the assistant may take from its environment."""

    api_key: str | None = field(default=None, repr=False)
    claude_model: str = DEFAULT_CLAUDE_MODEL
    history_file: Path = field(default_factory=lambda: Path(DEFAULT_HISTORY).expanduser())


def _dotenv(path: str | os.PathLike | None) -> dict[str, str]:
    try:
        from dotenv import dotenv_values, find_dotenv

        found = path or find_dotenv(usecwd=True)
        return {k: v for k, v in dotenv_values(found).items() if v is not None} if found else {}
    except Exception:  # noqa: BLE001 - a broken .env must not stop the assistant
        return {}


def load_settings(dotenv_path: str | os.PathLike | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Settings from `.env` (the nearest one above the working directory, or `dotenv_path`)
    overlaid by the process environment."""
    env = {**_dotenv(dotenv_path), **(os.environ if environ is None else environ)}
    return Settings(
        api_key=(env.get("ANTHROPIC_API_KEY") or "").strip() or None,
        claude_model=(env.get("MMM_CLAUDE_MODEL") or "").strip() or DEFAULT_CLAUDE_MODEL,
        history_file=Path(os.path.expanduser(env.get("MMM_HISTORY_FILE") or DEFAULT_HISTORY)),
    )
