"""CSV uploads: size-limited storage under the session's folder, the CLI's options, the CLI's errors.

The file is saved under a generated name (the user's name is only shown, never used as a path),
read by the same loader as `--csv`, and its error messages name the file as the user called it.
"""
from __future__ import annotations

import re
import secrets
from argparse import ArgumentTypeError
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import MMMError
from assistant.options import csv_list, margin
from assistant.session import DataOptions

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024
_NOT_CSV = ("not a CSV text file", "binary data", "does not look like a CSV text file")


class UploadError(Exception):
    """A refused upload: `status` is the HTTP code, the message the one line the CLI would print."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class UploadForm:
    """The column options of an upload, as the CLI's --date/--target/--spend/--controls/--dayfirst/--geo/--geo-col/
    --revenue-per-kpi/--margin."""

    date: str | None = None
    target: str | None = None
    spend: str | None = None
    controls: str | None = None
    dayfirst: str | None = None
    geo: str | None = None
    margin: str | None = None
    geo_col: str | None = None
    revenue_per_kpi: str | None = None

    def data_options(self, path: Path) -> DataOptions:
        return DataOptions(csv=str(path), date=_text(self.date), target=_text(self.target),
                           spend=_names(self.spend), controls=_names(self.controls),
                           dayfirst=_dayfirst(self.dayfirst), geo=_text(self.geo), geo_col=_text(self.geo_col),
                           revenue_per_kpi=_text(self.revenue_per_kpi))

    def margin_value(self) -> float | None:
        text = _text(self.margin)
        if text is None:
            return None
        try:
            return margin(text)
        except ArgumentTypeError as exc:     # the CLI's wording for --margin
            raise UploadError(400, str(exc)) from None


def display_name(filename: str | None) -> str:
    """The user's file name without any directory part, for messages only."""
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())[:120]
    return name or "upload.csv"


async def save_upload(upload, folder: Path, limit: int = MAX_UPLOAD_BYTES) -> tuple[Path, bytes]:
    """Copy the uploaded file to `folder/upload-<random>.csv`, refusing it (413) past `limit` bytes."""
    chunks, size = [], 0
    while True:
        chunk = await upload.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise UploadError(413, f"{display_name(upload.filename)}: is larger than the {size_limit(limit)} upload limit "
                                   f"— {TOO_BIG_FIX}")
        chunks.append(chunk)
    content = b"".join(chunks)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"upload-{secrets.token_hex(8)}.csv"
    path.write_bytes(content)
    return path, content


def refusal(exc: MMMError, stored: Path, shown: str) -> UploadError:
    """The loader's or the fit's one-line error as an HTTP error naming the user's file:
    415 when the file is not CSV text at all, 422 when it is a CSV that cannot be modelled."""
    message = web_words(" ".join(str(exc).replace(str(stored), shown).split()))
    status = 415 if any(part in message for part in _NOT_CSV) else 422
    return UploadError(status, message)


# The upload form's label for each CLI flag a loader message may name: a browser user has no command line.
FORM_LABELS = {"date": "Date column", "target": "Sales column", "spend": "Spend columns", "controls": "Control columns",
               "dayfirst": "Dates are", "no-dayfirst": "Dates are", "geo-col": "Market column", "geo": "Geography",
               "revenue-per-kpi": "Revenue per unit column", "margin": "Gross margin"}
_FLAG = re.compile(r"(?:(pass|use) )?--(no-dayfirst|dayfirst|date|target|spend|controls|geo-col|geo|revenue-per-kpi|margin)\b"
                   r"(?: (?:COL(?:,COL)*|NAME))?")


def web_words(text: str) -> str:
    """A loader message or notice as the web page says it: "pass --revenue-per-kpi COL" becomes "set the
    'Revenue per unit column' option" (the upload form's field), so the fix names something the user can do."""
    worded = _FLAG.sub(lambda m: f"{'set ' if m.group(1) else ''}the '{FORM_LABELS[m.group(2)]}' upload option", text)
    return re.sub(r"(the '[^']+' upload option)(?:(?:/| or )\1)+", r"\1", worded)   # --dayfirst/--no-dayfirst


TOO_BIG_FIX = "upload weekly totals only, or run `python main.py --csv FILE` locally"


def size_limit(limit: int) -> str:
    """ "200 MB", "1.5 MB" or "200,000 bytes": a limit as people read it (not "0.190735 MB")."""
    return f"{limit / 1024 / 1024:.3g} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _names(value: str | None) -> tuple[str, ...] | None:
    names = csv_list(value or "")
    return names or None


def _dayfirst(value: str | None) -> bool | None:
    text = (_text(value) or "").lower()
    if text in ("", "auto", "detect"):
        return None
    if text in ("true", "yes", "1", "on", "dayfirst", "day/month"):
        return True
    if text in ("false", "no", "0", "off", "monthfirst", "month/day"):
        return False
    raise UploadError(400, f"dayfirst must be auto, true (day/month) or false (month/day), got {value!r}")
