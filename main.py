"""Chat with your marketing-mix model, or answer scripted questions: `python main.py --help`."""
import sys

from assistant.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
