"""The one-shot executive demo: fit, print the briefing, save the charts. `python demo.py --help`."""
import sys

from assistant.app.demo import main

if __name__ == "__main__":
    sys.exit(main())
