"""`--set MODULE.FLAG=VALUE`: the benchmarks' one way to override a module-level switch for an experiment."""
from __future__ import annotations

import argparse
import importlib


def apply_switches(parser: argparse.ArgumentParser, items: list[str]) -> None:
    """Set each named module-level switch to its value, cast to the switch's own type ("0"/"1" for a bool, since
    bool("False") is True), and print it; an unknown switch is a one-line parser error (e.g. a rejected experiment's
    switch, since removed)."""
    for item in items:
        target, value = item.split("=", 1)
        module_name, flag = target.rsplit(".", 1)
        module = importlib.import_module(module_name)
        if not hasattr(module, flag):
            parser.error(f"--set {target}: {module_name} has no switch {flag}")
        old = getattr(module, flag)
        setattr(module, flag, type(old)(int(value)) if isinstance(old, bool) else type(old)(value))
        print(f"set {target} = {getattr(module, flag)!r}")
