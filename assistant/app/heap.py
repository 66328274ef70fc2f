"""Keep the memory numpy frees in the process heap, instead of handing each large array back to the system.

Why: a fit allocates and frees thousands of arrays of 0.5-2 MB (the curve search projects 1,176 candidate curves
per channel, 260 times on the sibylhe export). With glibc's default settings most of them are fresh pages from the
kernel, and faulting those in cost about a third of the sibylhe first answer's time (about 0.9 s of its ~3.7 s
of CPU was system time). With the heap kept, they are reused. The numbers are unchanged: only where the memory
comes from changes. Linux only (glibc; musl's mallopt
refuses every setting); elsewhere this does nothing.
"""
from __future__ import annotations

import ctypes
import sys

# mallopt(3) parameters and the values set: blocks up to 32 MB come from the heap (not mmap), the heap is
# trimmed only past 256 MB of free space at its top, and each growth asks the kernel for 64 MB more at once.
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3
SETTINGS = ((_M_MMAP_THRESHOLD, 32 << 20), (_M_TRIM_THRESHOLD, 256 << 20), (_M_TOP_PAD, 64 << 20))


def keep_freed_memory() -> bool:
    """Apply SETTINGS through glibc's mallopt; True when it did (False on other platforms or C libraries)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt   # the C library the interpreter runs on
    except (OSError, AttributeError):   # a C library without mallopt
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return all(mallopt(param, value) == 1 for param, value in SETTINGS)
