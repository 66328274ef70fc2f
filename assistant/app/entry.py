"""The installed `mmm` command: `mmm` chats, `mmm --ask Q` answers, `mmm demo` runs the demo and
`mmm report` writes the board pack; each takes the flags of main.py or demo.py."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from assistant.app import cli

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["demo"]:
        from assistant.app.demo import main as demo_main

        return demo_main(args[1:], prog="mmm demo")
    if args[:1] == ["report"]:
        return cli.main(["--report", *args[1:]], prog="mmm report")
    if args[:1] in (["chat"], ["ask"]):
        args = args[1:]
    return cli.main(args, prog="mmm")
