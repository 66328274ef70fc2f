"""Pause Python's cyclic garbage collector while a scripted run starts: imports, loading and the first fit.

Why: importing pandas, scipy and statsmodels creates hundreds of thousands of objects and almost no garbage cycles, and
the collector scanned them again and again as they were made (about a sixth of the imports' CPU time, measured with
`python -c "import pandas, statsmodels.regression.linear_model"` with and without `gc.disable()`). The fit's numpy
arrays are freed by reference counting either way. The collector is back on before any answer, so a long script or
chat never runs without it. Only when objects are freed changes: no number does.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; it is on again afterwards if it was on before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
