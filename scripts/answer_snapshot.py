"""Snapshot the `--json` answers to a fixed list of questions, so a refactor can prove it changed nothing.

    python scripts/answer_snapshot.py outputs/snapshot-before.jsonl          # record
    python scripts/answer_snapshot.py outputs/snapshot-after.jsonl --compare outputs/snapshot-before.jsonl

Each group of questions runs as one `main.py --json --no-charts --offline` process (one conversation, so
follow-ups resolve as they would for a user). The questions: the README's examples, data/example_questions.txt,
one question per intent with follow-ups, and a margin run. `--compare` prints every differing key and exits 1.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PER_INTENT = [
    "What is the ROI of TV?", "And radio?", "Compare TV vs Digital ROI",
    "How much did TV contribute?", "What share of sales came from media?",
    "Which channels are saturated?", "Are we overspending on TV?", "Are we overspending anywhere?",
    "What if we cut TV by 20%?", "And radio?", "What would sales be without Print?", "Should we cut print?",
    "What if we spend more on Social?", "Move 10% of TV budget to Digital", "Add $500k to Digital",
    "How should we allocate the budget?", "Give me conservative and aggressive options",
    "How should we split a budget 10% bigger?", "Optimise the budget but keep TV at least $5M",
    "How much more do we need to spend to add $1M of sales?", "How much can we cut and keep sales within 2%?",
    "Why did sales go up in Q4 2023?", "What drove Q4?", "Is there seasonality in sales?",
    "What is the trend in sales?", "How reliable is the model?", "How confident are you in Radio?",
    "Give me an executive summary", "What data do you have?", "help", "blah blah",
    "What is the ROI of cinema?",
]   # (an empty question is refused before any answer, exit 2: it took the whole group down with it)
GROUPS = {
    "readme": ["What if we cut TV by 20%?", "And radio?"],
    "example_questions": None,   # read from data/example_questions.txt
    "per_intent": PER_INTENT,
    "sensitivity": ["What would sales be without Print?", "What if we change Radio spend?",
                    "What if we boost Social?", "What if we trim Digital?", "When is our busiest time of year?"],
    "margin": ["What is the ROI of each channel?", "Which channels pay back?", "Are we overspending on TV?",
               "What if we cut TV by 20%?", "What budget gives a ROAS of 2?"],
}
EXTRA_ARGS = {"margin": ["--margin", "0.4"]}


def _questions(name: str) -> list[str]:
    if GROUPS[name] is not None:
        return list(GROUPS[name])
    text = (ROOT / "data" / "example_questions.txt").read_text(encoding="utf-8")
    return [q.strip() for q in text.splitlines() if q.strip() and not q.strip().startswith("#")]


def _run(name: str, out_dir: str) -> list[dict]:
    questions = _questions(name)
    args = [sys.executable, str(ROOT / "main.py"), "--json", "--no-charts", "--offline", "--outputs", out_dir,
            *EXTRA_ARGS.get(name, [])]
    help_text = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, text=True,
                               cwd=ROOT).stdout
    if "--no-audit" in help_text:
        args.append("--no-audit")
    for q in questions:
        args += ["--ask", q]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ANTHROPIC_API_KEY", None)
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
    lines = proc.stdout.splitlines()
    if len(lines) != len(questions):
        raise SystemExit(f"{name}: {len(lines)} JSON lines for {len(questions)} questions\n{proc.stderr}")
    return [{"group": name, **json.loads(line)} for line in lines]


def record(path: Path) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as out_dir:
        for name in GROUPS:
            rows += _run(name, out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    return rows


def _diff(a, b, where: str, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"{where}.{k}: added {json.dumps(b[k], ensure_ascii=False)[:120]}")
            elif k not in b:
                out.append(f"{where}.{k}: removed")
            else:
                _diff(a[k], b[k], f"{where}.{k}", out)
    elif a != b:
        out.append(f"{where}: {json.dumps(a, ensure_ascii=False)[:160]} -> {json.dumps(b, ensure_ascii=False)[:160]}")


def compare(before: list[dict], after: list[dict]) -> list[str]:
    out: list[str] = []
    if len(before) != len(after):
        out.append(f"{len(before)} answers before, {len(after)} after")
    for i, (a, b) in enumerate(zip(before, after)):
        _diff(a, b, f"[{i} {a.get('group')}: {a.get('question')!r}]", out)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="where to write the snapshot (JSON lines)")
    p.add_argument("--compare", type=Path, metavar="BEFORE", help="a snapshot to compare against")
    args = p.parse_args()
    rows = record(args.out)
    print(f"{len(rows)} answers written to {args.out}")
    if args.compare is None:
        return 0
    before = [json.loads(line) for line in args.compare.read_text(encoding="utf-8").splitlines()]
    diffs = compare(before, rows)
    for d in diffs:
        print(d)
    print("identical" if not diffs else f"{len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
