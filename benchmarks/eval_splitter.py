"""Sentence-boundary precision/recall/F1 inside paragraphs on IndoSum gold splits.

Usage: python benchmarks/eval_splitter.py [--data ../shared/data/indosum-dev.jsonl] [--errors N]

Each gold paragraph is joined with one space (as the file's ``text`` field does); a boundary is the
character offset where a sentence starts, other than the first. Compares the project's splitter with a
naive regex baseline.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from summarizer.text.sentences import split_sentences  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "indosum-dev.jsonl"
_BASELINE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def baseline_split(text: str) -> list[str]:
    """The naive splitter the issue compares against."""
    return [s for s in _BASELINE.split(text) if s.strip()]


def _starts(text: str, sentences: list[str]) -> set[int]:
    """Offsets of sentence starts (excluding the first), found by walking ``text`` in order."""
    starts: set[int] = set()
    pos = 0
    for i, sent in enumerate(sentences):
        at = text.find(sent, pos)
        if at < 0:
            raise ValueError(f"splitter changed the text: {sent[:60]!r}")
        if i:
            starts.add(at)
        pos = at + len(sent)
    return starts


def evaluate(paragraphs: list[list[str]], splitter: Callable[[str], list[str]], errors: int = 0) -> dict:
    tp = fp = fn = 0
    shown = 0
    for gold in paragraphs:
        text = " ".join(gold)
        gold_starts = _starts(text, gold)
        pred_starts = _starts(text, splitter(text))
        tp += len(gold_starts & pred_starts)
        fp += len(pred_starts - gold_starts)
        fn += len(gold_starts - pred_starts)
        if shown < errors and gold_starts != pred_starts:
            shown += 1
            for pos in sorted(gold_starts ^ pred_starts):
                kind = "FP" if pos in pred_starts else "FN"
                print(f"  {kind}: ...{text[max(0, pos - 60) : pos]}|{text[pos : pos + 40]}...")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def load_paragraphs(path: Path) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                paragraphs.extend(p for p in json.loads(line)["paragraphs"] if p)
    return paragraphs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="IndoSum-format JSONL file")
    parser.add_argument("--errors", type=int, default=0, help="print boundary errors of N paragraphs")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data file at {args.data}", file=sys.stderr)
        return 2
    paragraphs = load_paragraphs(args.data)
    boundaries = sum(len(p) - 1 for p in paragraphs)
    print(f"{len(paragraphs)} paragraphs, {boundaries} gold boundaries inside paragraphs")
    print(f"{'splitter':<12} {'P':>7} {'R':>7} {'F1':>7} {'FP':>5} {'FN':>5}")
    for name, splitter in (("baseline", baseline_split), ("summarizer", split_sentences)):
        if name == "summarizer" and args.errors:
            print("errors of summarizer:")
        r = evaluate(paragraphs, splitter, args.errors if name == "summarizer" else 0)
        print(f"{name:<12} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} {r['fp']:5d} {r['fn']:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
