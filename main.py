"""Chat with your marketing-mix model, or answer scripted questions: `python main.py --help`."""
import os
import sys

# One BLAS thread: the fits are many small solves, and on a shared 2-core machine BLAS threads
# fighting each other made a 40-market panel 6x slower (bench_panel.py --speed).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from assistant.app.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
