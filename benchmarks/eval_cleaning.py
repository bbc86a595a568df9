"""Score ``clean_article`` on the hand-annotated real scrapes in ``../shared/data/cleaning-dev.jsonl``.

Usage: python benchmarks/eval_cleaning.py [--data PATH] [-v] [--case ID]

Runs the shared scorer (``../shared/tools/score_cleaning.py``) against the project's cleaner and prints
its report; the last line is ``keep_recall=... remove_rate=... cases=N``. Per-rule cut counts follow,
so a change in what the rules fire on is visible at a glance. Exits 0 with a note when ``../shared``
is not there (a fresh checkout has no data).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "data" / "cleaning-dev.jsonl"
SCORER = SHARED / "tools" / "score_cleaning.py"


def rule_counts(data: Path) -> Counter[str]:
    """How often each rule fired over the whole file."""
    sys.path.insert(0, str(REPO))
    from summarizer.text import clean_article

    counts: Counter[str] = Counter()
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                case = json.loads(line)
                result = clean_article(case["input"], case["format"], language=False)
                counts.update(cut.rule for cut in result.removed)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss per case")
    parser.add_argument("--case", help="score one case id")
    args = parser.parse_args(argv)
    if not args.data.exists() or not SCORER.exists():
        print(f"skipped: {args.data} or {SCORER} not found (the shared data is not checked out)")
        return 0
    cmd = [sys.executable, str(SCORER), str(args.data), "--python", "summarizer:clean_article"]
    cmd += ["-v"] if args.verbose else []
    cmd += ["--case", args.case] if args.case else []
    done = subprocess.run(cmd, cwd=REPO, check=False)
    if done.returncode:
        return done.returncode
    counts = rule_counts(args.data)
    print("cuts per rule: " + ", ".join(f"{rule}={n}" for rule, n in counts.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
