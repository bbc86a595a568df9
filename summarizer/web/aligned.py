"""The web page's "Side by side" view: one table row per sentence, flagged rows marked (HTML only).

Rows are :meth:`summarizer.aligned.AlignedRow.to_dict` values so the page can keep them in its state and
re-order or filter them without running the models again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .render import esc as _esc

__all__ = ["ORDERS", "render_aligned"]

#: Row orders the page offers: the article's own, or rows to check first (lowest confidence first).
ORDERS = ("document", "worst first")

CSS = """
.sm-aligned { width: 100%; border-collapse: collapse; font-size: 0.92em; }
.sm-aligned td, .sm-aligned th { padding: 0.25em 0.5em; vertical-align: top; text-align: left;
  border-bottom: 1px solid #e5e5e5; }
.sm-aligned .sm-para td { background: #f4f4f4; font-size: 0.8em; color: #555; padding: 0.1em 0.5em; }
.sm-aligned tr.sm-flagged { background: #fff4e5; }
.sm-aligned tr.sm-low td.sm-conf { color: #a11; font-weight: bold; }
.sm-aligned .sm-codes code { background: #ffe08a; margin-right: 0.3em; }
"""


def _worst_first(row: dict[str, Any]) -> tuple:
    confidence = row.get("confidence")
    return (not row.get("warnings"), 2.0 if confidence is None else confidence, row["index"])


def render_aligned(
    rows: Sequence[dict[str, Any]], order: str = "document", flagged_only: bool = False
) -> str:
    """An HTML table of ``rows``; flagged rows carry ``sm-flagged`` (and ``sm-low`` for low confidence)."""
    if not rows:
        return "<p>No full translation yet: tick “Translate the whole article” and run.</p>"
    flagged = sum(1 for r in rows if r.get("warnings"))
    shown = [r for r in rows if r.get("warnings")] if flagged_only else list(rows)
    if order == "worst first":
        shown.sort(key=_worst_first)
    head = (
        "<thead><tr><th>#</th><th>Indonesian</th><th>English</th><th>Confidence</th><th>Check</th>"
        "</tr></thead>"
    )
    body, paragraph = [], None
    for r in shown:
        if order == "document" and r.get("paragraph") != paragraph:
            paragraph = r.get("paragraph")
            label = "" if paragraph is None else f"¶ {paragraph + 1}"
            body.append(f'<tr class="sm-para"><td colspan="5">{label}</td></tr>')
        codes = [w["code"] for w in r.get("warnings", [])]
        classes = (
            ["sm-row"] + (["sm-flagged"] if codes else []) + (["sm-low"] if "low_confidence" in codes else [])
        )
        confidence = r.get("confidence")
        tips = _esc("; ".join(f"{w['code']}: {w['message']}" for w in r.get("warnings", [])))
        tags = "".join(f"<code>{_esc(c)}</code>" for c in dict.fromkeys(codes))
        shown_conf = "–" if confidence is None else f"{confidence:.2f}"
        attrs = f'class="{" ".join(classes)}" data-index="{r["index"]}" data-paragraph="{r.get("paragraph")}"'
        body.append(
            f"<tr {attrs}><td>{r['index'] + 1}</td><td>{_esc(r['source'])}</td>"
            f'<td>{_esc(r["english"])}</td><td class="sm-conf">{shown_conf}</td>'
            f'<td class="sm-codes" title="{tips}">{tags}</td></tr>'
        )
    summary = f"{len(rows)} sentences, {flagged} to check" + (" (only those shown)" if flagged_only else "")
    return (
        f'<div class="sm-aligned-summary">{summary}</div>'
        f'<table class="sm-aligned">{head}<tbody>{"".join(body)}</tbody></table>'
    )
