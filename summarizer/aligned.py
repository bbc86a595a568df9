"""Sentence-aligned views of a full translation: rows for review, TSV/CSV and JSON Lines exports.

One row per segment of ``ArticleResult.segments``: paragraph, index, Indonesian source, English,
confidence and the codes of the warnings that concern that segment (``target == "translation_en"``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from .results import ArticleResult, ResultWarning, Segment

__all__ = ["COLUMNS", "AlignedRow", "aligned_rows", "entries_tsv", "to_csv", "to_jsonl", "to_tsv"]

#: Columns of the TSV/CSV export, in order.
COLUMNS = ("paragraph", "index", "source", "english", "confidence", "warnings")


@dataclass(frozen=True)
class AlignedRow:
    """One segment with what a reviewer needs next to it."""

    paragraph: int | None
    index: int
    source: str
    english: str
    score: float | None
    confidence: float | None
    warnings: tuple[ResultWarning, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w.code for w in self.warnings))

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(score=_rounded(self.score), confidence=_rounded(self.confidence))
        data["warnings"] = [{"code": w.code, "message": w.message, "span": w.span} for w in self.warnings]
        return data


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def aligned_rows(
    segments: Sequence[Segment] | ArticleResult, warnings: Sequence[ResultWarning] = ()
) -> list[AlignedRow]:
    """Rows for ``segments`` (or a result's), each with the warnings targeted at it."""
    if isinstance(segments, ArticleResult):
        segments, warnings = segments.segments, segments.warnings
    per_row: dict[int, list[ResultWarning]] = {}
    for w in warnings:
        if w.target == "translation_en" and w.index is not None:
            per_row.setdefault(w.index, []).append(w)
    return [
        AlignedRow(
            paragraph=getattr(seg, "paragraph", None),
            index=i,
            source=seg.source,
            english=seg.english,
            score=getattr(seg, "score", None),
            confidence=getattr(seg, "confidence", None),
            warnings=tuple(per_row.get(i, ())),
        )
        for i, seg in enumerate(segments)
    ]


def _table(rows: Sequence[AlignedRow], delimiter: str) -> str:
    buffer = io.StringIO()
    # The csv module quotes cells holding the delimiter, quotes or line breaks: every row stays one row.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        confidence = "" if r.confidence is None else f"{r.confidence:.3f}"
        paragraph = "" if r.paragraph is None else r.paragraph + 1
        writer.writerow((paragraph, r.index + 1, r.source, r.english, confidence, ",".join(r.codes)))
    return buffer.getvalue()


def to_tsv(result: ArticleResult | Sequence[AlignedRow]) -> str:
    """Tab-separated table with a header row; paragraph and index count from 1."""
    rows = aligned_rows(result) if isinstance(result, ArticleResult) else result
    return _table(rows, "\t")


def to_csv(result: ArticleResult | Sequence[AlignedRow]) -> str:
    """Comma-separated version of :func:`to_tsv`."""
    rows = aligned_rows(result) if isinstance(result, ArticleResult) else result
    return _table(rows, ",")


def to_jsonl(result: ArticleResult | Sequence[AlignedRow]) -> str:
    """One JSON object per segment and line (0-based paragraph and index, as in ``to_dict``)."""
    rows = aligned_rows(result) if isinstance(result, ArticleResult) else result
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)


def entries_tsv(entries: Sequence[Mapping[str, Any]]) -> str:
    """The batch ``<rel>.aligned.tsv``: every segment of a file's articles, with an ``article`` column.

    ``entries`` are the batch output entries (``{"id", "status", "result": ArticleResult.to_dict()}``);
    failed articles get no rows (their errors are in errors.jsonl).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(("article", *COLUMNS))
    for entry in entries:
        result = entry.get("result")
        if entry.get("status") != "ok" or not isinstance(result, Mapping):
            continue
        codes: dict[int, list[str]] = {}
        for w in result.get("warnings") or []:
            if isinstance(w, Mapping) and w.get("target") == "translation_en" and w.get("index") is not None:
                codes.setdefault(int(w["index"]), []).append(str(w.get("code")))
        for i, seg in enumerate(result.get("segments") or []):
            confidence = seg.get("confidence")
            paragraph = seg.get("paragraph")
            writer.writerow(
                (
                    entry.get("id"),
                    "" if paragraph is None else paragraph + 1,
                    i + 1,
                    seg.get("source", ""),
                    seg.get("english", ""),
                    "" if confidence is None else f"{confidence:.3f}",
                    ",".join(dict.fromkeys(codes.get(i, []))),
                )
            )
    return buffer.getvalue()
