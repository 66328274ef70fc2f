"""The command-line surfaces: main.py, demo.py and the `mmm` command all enter through here.

One BLAS thread for every entry point, set before numpy is first imported: the fits are many small
solves, and on a shared 2-core machine BLAS threads fighting each other made a 40-market panel fit
6x slower (benchmarks/bench_panel.py --speed). An explicit OPENBLAS_NUM_THREADS still wins.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
