"""Caught and false-alarm rates of ``check_fidelity`` on labelled Indonesian/English sentence pairs.

    python benchmarks/eval_fidelity.py [PAIRS.jsonl] [-v]

Each JSON line has ``source``, ``output``, ``label`` ("correct" or "corrupted") and ``shape``. A
corrupted pair is caught when at least one warning is raised; a correct pair with any warning is a
false alarm. ``-v`` lists every miss and false alarm with its warnings.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from summarizer.fidelity import check_fidelity  # noqa: E402

DEFAULT = REPO / "tests" / "data" / "fidelity_pairs.jsonl"


def evaluate(path: Path) -> dict:
    """Score every pair in ``path``; returns counts, rates and the failing pairs."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    caught = alarms = 0
    failures = []
    by_shape: Counter = Counter()
    for row in rows:
        warnings = check_fidelity(row["source"], row["output"], "translation")
        flagged = bool(warnings)
        if row["label"] == "corrupted":
            caught += flagged
        else:
            alarms += flagged
        if flagged != (row["label"] == "corrupted"):
            by_shape[row["shape"]] += 1
            failures.append((row, warnings))
    bad = sum(r["label"] == "corrupted" for r in rows)
    good = len(rows) - bad
    return {
        "correct": good,
        "corrupted": bad,
        "caught": caught,
        "false_alarms": alarms,
        "caught_rate": caught / bad if bad else 1.0,
        "false_alarm_rate": alarms / good if good else 0.0,
        "failures": failures,
        "failures_by_shape": dict(by_shape),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    r = evaluate(args.pairs)
    if args.verbose:
        for row, warnings in r["failures"]:
            kind = "MISSED" if row["label"] == "corrupted" else "FALSE ALARM"
            print(f"{kind} [{row['shape']}] {row['source']}\n    -> {row['output']}", file=sys.stderr)
            for w in warnings:
                print(f"    {w.code}: {w.message}", file=sys.stderr)
    print(
        f"corruptions caught: {r['caught']}/{r['corrupted']} ({r['caught_rate']:.1%})\n"
        f"false alarms: {r['false_alarms']}/{r['correct']} ({r['false_alarm_rate']:.1%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
