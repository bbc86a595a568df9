"""The cleaner on the hand-written blind set (tests/data/cleaning-blind.jsonl), scored like the review tool.

The cases imitate outlets and page shapes outside the dev file (see docs/cleaning.md). Scoring follows
``score_cleaning.py``: curly quotes folded, whitespace collapsed, case-sensitive substring tests; micro
averages over all strings. When ``../shared/tools/score_cleaning.py`` is present its own numbers must agree.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from summarizer.text import clean_article

BLIND = Path(__file__).parent / "data" / "cleaning-blind.jsonl"
SHARED_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score_cleaning.py"
MIN_KEEP_RECALL = 0.995
MIN_REMOVE_RATE = 0.95

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"})
_TAG = re.compile(r"<[^>]+>")


def norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).replace("''", '"').split())


def load_cases() -> list[dict]:
    with BLIND.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(cases: list[dict]) -> tuple[float, float, int, list[str]]:
    """(keep_recall, remove_rate, exact-once violations, misses for the failure message)."""
    kept = removed = violations = n_keep = n_remove = 0
    misses: list[str] = []
    for case in cases:
        out = norm(clean_article(case["input"], case["format"]).text)
        for item in case["must_keep"]:
            n_keep += 1
            count = out.count(norm(item))
            kept += bool(count)
            if not count:
                misses.append(f"{case['id']} missing: {item[:80]}")
            if case.get("expect_unique") and count > 1:
                violations += 1
                misses.append(f"{case['id']} duplicate: {item[:80]}")
        for item in case["must_remove"]:
            n_remove += 1
            if norm(item) in out:
                misses.append(f"{case['id']} surviving: {item[:80]}")
            else:
                removed += 1
    return kept / n_keep, removed / n_remove, violations, misses


def test_blind_cases_are_well_formed():
    cases = load_cases()
    assert len(cases) >= 25
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        visible = norm(
            html.unescape(_TAG.sub(" ", case["input"])) if case["format"] == "html" else case["input"]
        )
        ideal = norm(" ".join(case["must_keep"]))
        assert case["must_keep"], case["id"]
        for item in case["must_keep"] + case["must_remove"]:
            assert norm(item) in visible, (case["id"], item)
        for item in case["must_remove"]:
            assert norm(item) not in ideal, (case["id"], item)


def test_blind_set_scores():
    keep_recall, remove_rate, violations, misses = score(load_cases())
    detail = "\n".join(misses)
    assert keep_recall >= MIN_KEEP_RECALL, detail
    assert remove_rate >= MIN_REMOVE_RATE, detail
    assert violations == 0, detail


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="the shared score tool is not checked out")
def test_shared_scorer_agrees(capsys, monkeypatch):
    spec = importlib.util.spec_from_file_location("score_cleaning", SHARED_SCORER)
    tool = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "score_cleaning", tool)  # its dataclasses look themselves up here
    spec.loader.exec_module(tool)
    tool.main([str(BLIND), "--python", "summarizer:clean_article"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    figures = dict(part.split("=") for part in last.split())
    keep_recall, remove_rate, _violations, _misses = score(load_cases())
    assert float(figures["keep_recall"]) == pytest.approx(keep_recall, abs=0.0005)
    assert float(figures["remove_rate"]) == pytest.approx(remove_rate, abs=0.0005)
