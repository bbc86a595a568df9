"""Token-budgeted chunking and batching. Nothing here ever drops text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["length_sorted_batches", "pack_consecutive", "split_by_words", "split_oversized"]

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
    # Whole words next: a token window can cut inside a word and drop pieces the vocabulary lacks.
    pieces = split_by_words(text, limit, count)
    if len(pieces) > 1:
        return [q for p in pieces for q in split_oversized(p, limit, count, window)]
    return [p for p in window(text, limit) if p.strip()]


def split_by_words(text: str, limit: int, count: Callable[[Sequence[str]], list[int]]) -> list[str]:
    """Greedy runs of whole words that each count at most ``limit`` tokens; no character is lost.

    A single word longer than the limit (a URL, a run of symbols) is cut by characters.
    """
    words = text.split()
    if not words:
        return []
    # Per-word counts include the special tokens once each; subtract the cost of an empty text.
    overhead = count([""])[0]
    sizes = [max(1, n - overhead) for n in count(words)]
    if max(sizes) + overhead > limit:
        words, sizes = _cut_long_words(words, sizes, limit - overhead, count, overhead)
    pieces: list[str] = []
    start, total = 0, overhead
    for i, n in enumerate(sizes):
        if i > start and total + n > limit:
            pieces.append(" ".join(words[start:i]))
            start, total = i, overhead
        total += n
    pieces.append(" ".join(words[start:]))
    # Summed word counts only approximate the joint count: check each piece and halve what overflows.
    real = count(pieces)
    out: list[str] = []
    for piece, n in zip(pieces, real):
        parts = piece.split()
        if n <= limit or len(parts) < 2:
            out.append(piece)
            continue
        half = len(parts) // 2
        out.extend(split_by_words(" ".join(parts[:half]), limit, count))
        out.extend(split_by_words(" ".join(parts[half:]), limit, count))
    return out


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


def _cut_long_words(
    words: list[str], sizes: list[int], room: int, count: Callable[[Sequence[str]], list[int]], overhead: int
) -> tuple[list[str], list[int]]:
    out_words: list[str] = []
    out_sizes: list[int] = []
    for word, n in zip(words, sizes):
        if n <= room:
            out_words.append(word)
            out_sizes.append(n)
            continue
        # Characters per piece from the word's own token density, with a margin for the cut.
        step = max(1, int(len(word) * room / n * 0.8))
        parts = [word[i : i + step] for i in range(0, len(word), step)]
        out_words.extend(parts)
        out_sizes.extend(max(1, c - overhead) for c in count(parts))
    return out_words, out_sizes
