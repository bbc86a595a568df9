"""Token-budgeted chunking and batching. Nothing here ever drops text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["length_sorted_batches", "pack_consecutive", "split_oversized"]

# Clause boundaries to try before a blind token window: semicolons, colons, commas, dashes.
_CLAUSE_BREAKS = (re.compile(r"(?<=[;:])\s+"), re.compile(r"(?<=,)\s+"), re.compile(r"(?<=\s[–—-])\s+"))


def length_sorted_batches(
    lengths: Sequence[int], *, max_batch_tokens: int, max_batch_size: int
) -> list[list[int]]:
    """Group item indices into batches, longest first, so each padded batch stays within budget.

    A batch's cost is ``len(batch) * longest item`` (padding counts). Every index appears once.
    """
    if max_batch_tokens < 1 or max_batch_size < 1:
        raise ValueError("batch budgets must be positive")
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        n = max(1, lengths[i])
        width = max(longest, n)
        if current and (len(current) >= max_batch_size or width * (len(current) + 1) > max_batch_tokens):
            batches.append(current)
            current, width = [], n
        current.append(i)
        longest = width
    if current:
        batches.append(current)
    return batches


def pack_consecutive(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Pack consecutive items (kept in order) into groups whose summed length fits ``budget``.

    An item larger than the budget gets a group of its own; callers split it first.
    """
    groups: list[list[int]] = []
    current: list[int] = []
    total = 0
    for i, n in enumerate(lengths):
        if current and total + n > budget:
            groups.append(current)
            current, total = [], 0
        current.append(i)
        total += n
    if current:
        groups.append(current)
    return groups


def split_oversized(
    text: str,
    limit: int,
    count: Callable[[Sequence[str]], list[int]],
    window: Callable[[str, int], list[str]],
) -> list[str]:
    """Split ``text`` into pieces that each count at most ``limit`` tokens.

    Tries clause boundaries first (so each piece is still readable), then a token window.
    """
    if count([text])[0] <= limit:
        return [text]
    for pattern in _CLAUSE_BREAKS:
        parts = [p for p in pattern.split(text) if p.strip()]
        if len(parts) < 2:
            continue
        merged = _merge(parts, limit, count)
        if merged is not None:
            return [piece for part in merged for piece in split_oversized(part, limit, count, window)]
    return [p for p in window(text, limit) if p.strip()]


def _merge(parts: list[str], limit: int, count: Callable[[Sequence[str]], list[int]]) -> list[str] | None:
    """Greedily re-join clause parts up to the limit; None when that makes no progress."""
    out: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}".strip() if current else part
        if current and count([candidate])[0] > limit:
            out.append(current)
            current = part
        else:
            current = candidate
    if current:
        out.append(current)
    return out if len(out) > 1 else None
