"""Parsers for the data options the command line and the web upload form share, so both word errors alike."""
from __future__ import annotations

import argparse


def csv_list(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def margin(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--margin must be a number such as 0.4, got {text!r}") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"--margin must be between 0 and 1 (0.4 means 40%), got {text}")
    return value
