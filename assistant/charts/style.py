"""The charts' shared look: channel palette, money units, figure set-up and the atomic PNG save.

Nothing here imports matplotlib at module level, so importing the assistant stays cheap.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from assistant.atomic import atomic_path

# Okabe-Ito (colour-blind safe) first, then Paul Tol's muted set for datasets with more channels.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
    "#332288", "#44AA99", "#999933", "#882255", "#117733", "#AA4499",
)
BASELINE_COLOR = "#C9CED6"
MUTED = "#9AA1AB"          # not measurable, reference lines
INK = "#1F2430"
SUBTLE = "#5B6472"
DPI = 100
WIDE = (11.0, 6.2)         # inches: 1100 x 620 px at 100 dpi

_CURRENCY_UNITS = re.compile(r"^\s*([$€£¥])\s*(000s|k|m|mm|bn|b)?\s*$", re.IGNORECASE)
_SCALES = {None: 1.0, "000s": 1e3, "k": 1e3, "m": 1e6, "mm": 1e6, "bn": 1e9, "b": 1e9}


def channel_colors(channel_names: Iterable[str]) -> dict[str, str]:
    """One colour per channel, by its position in the dataset's channel list (same in every chart)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(channel_names)}


def money_units(dataset: Any) -> str:
    """The label for money axes: '$000s' for the sample (money_scale 1000), 'data units' for a raw CSV."""
    scale = float(getattr(dataset, "money_scale", 1.0) or 1.0)
    return {1e3: "$000s", 1e6: "$M", 1e9: "$bn"}.get(scale, "data units")


def money_scale(units: str) -> float:
    """Dollars per data unit implied by a units label: '$000s' -> 1000; unknown units -> 1."""
    match = _CURRENCY_UNITS.match(units)
    return _SCALES[match.group(2).lower() if match and match.group(2) else None] if match else 1.0


def scaled(units: str) -> SimpleNamespace:
    """A stand-in dataset for assistant.format.money(x, dataset), from a units label."""
    return SimpleNamespace(money_scale=money_scale(units))


RC: dict[str, Any] = {
    "text.parse_math": False,     # "$1.20" is money, not mathtext
    "font.family": "DejaVu Sans",
    "axes.titlesize": 11.5,
    "legend.fontsize": 10,
    "svg.fonttype": "none",
}


def chart(func: Callable[..., Path]) -> Callable[..., Path]:
    """Run a chart function with the Agg backend and the house rcParams (imported on first use)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Path:
        import matplotlib

        matplotlib.use("Agg")
        with matplotlib.rc_context(RC):  # type: ignore[arg-type]  # the stubs type rc keys as literals
            return func(*args, **kwargs)

    return wrapper


def new_figure(size: tuple[float, float] = WIDE, **subplots: Any):
    """A pyplot-free Figure (Agg) with the house style and the requested subplots."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=DPI)
    axes = fig.subplots(**subplots) if subplots else fig.add_subplot()
    return fig, axes


def style_axes(ax) -> None:
    """Light grid behind the data, no top/right spines, legible tick labels."""
    ax.set_axisbelow(True)
    ax.grid(True, color="#E6E9EE", linewidth=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#B8BEC7")
    ax.tick_params(colors=SUBTLE, labelsize=10, length=3)
    ax.xaxis.label.set_color(INK)
    ax.yaxis.label.set_color(INK)
    ax.xaxis.label.set_size(10.5)
    ax.yaxis.label.set_size(10.5)


def headline(fig, title: str, subtitle: str | None = None, *, extra: float = 0.0) -> None:
    """The finding as a bold left-aligned title (wrapped to the width), a grey line under it.

    Sets the figure's top margin so the axes start below the text; `extra` inches more
    leave room for panel titles.
    """
    import textwrap

    width_in, height_in = fig.get_size_inches()
    title_lines = textwrap.wrap(title, width=int(width_in * 7.3)) or [""]
    sub_lines = textwrap.wrap(subtitle, width=int(width_in * 12.5)) if subtitle else []
    y = 0.16  # inches from the top edge
    fig.text(0.14 / width_in, 1 - y / height_in, "\n".join(title_lines), ha="left", va="top",
             fontsize=15, fontweight="bold", color=INK, linespacing=1.25)
    y += 0.29 * len(title_lines) + 0.06
    if sub_lines:
        fig.text(0.14 / width_in, 1 - y / height_in, "\n".join(sub_lines), ha="left", va="top",
                 fontsize=10.5, color=SUBTLE, linespacing=1.3)
        y += 0.2 * len(sub_lines)
    fig.subplots_adjust(top=1 - (y + 0.3 + extra) / height_in)


def thousands(units: str):
    """A tick formatter for money axes: 12,000 rather than 1.2e4 (the unit is in the axis label)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: f"{v:,.0f}" if abs(v) >= 10 or v == 0 else f"{v:,.1f}")


def save_png(fig, path: str | Path) -> Path:
    """Render `fig` to `path` as PNG via a temporary file and a rename."""
    target = Path(path)
    with atomic_path(target) as tmp:
        fig.savefig(tmp, format="png", dpi=DPI, facecolor="white")
    return target
