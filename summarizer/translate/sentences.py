"""Sentence-level helpers shared by the translator and result assembly: what the model sees, where
each sentence's English and warnings go."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..results import ResultWarning, Segment

__all__ = ["assemble", "normalise_for_mt", "sentence_paragraphs", "sentences_of", "target_warnings"]

# Marian's sentencepiece vocabulary has no curly quotes: they become <unk> and vanish from the output.
_MT_NORMALISE = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})
_SPACES = re.compile(r"\s+")


def sentence_paragraphs(paragraphs: Sequence[str]) -> list[list[str]]:
    """Each paragraph as its list of (non-blank) sentences: the units the translator works on."""
    from ..text import split_sentences

    return [[s for s in split_sentences(p) if s.strip()] for p in paragraphs]


def assemble(
    paragraphs: Sequence[Sequence[str]],
    english: Sequence[str],
    scores: Sequence[float | None] | None = None,
) -> tuple[tuple[Segment, ...], str]:
    """Pair every source sentence with its English (in order) and rebuild the paragraphs in English."""
    segments: list[Segment] = []
    out_paragraphs: list[str] = []
    rest = iter(english)
    rest_scores = iter(scores) if scores is not None else None
    for number, para in enumerate(paragraphs):
        eng = [next(rest) for _ in para]
        score = [next(rest_scores) if rest_scores is not None else None for _ in para]
        segments.extend(Segment(s, e, sc, number) for s, e, sc in zip(para, eng, score))
        out_paragraphs.append(" ".join(e for e in eng if e))
    return tuple(segments), "\n\n".join(out_paragraphs)


def target_warnings(
    warnings: Sequence[ResultWarning], places: Sequence[tuple[str, str, int]]
) -> list[ResultWarning]:
    """Give each sentence warning its ``target``/``index``: one copy per place its source sentence fills.

    ``places`` lists (source sentence, target, index) for every translated sentence of one result;
    a warning whose source is not among them (or has none) is kept as it is.
    """
    where: dict[str, list[tuple[str, int]]] = {}
    for source, target, i in places:
        where.setdefault(normalise_for_mt(source), []).append((target, i))
    out: list[ResultWarning] = []
    for w in warnings:
        spots = where.get(getattr(w, "source", None) or "")
        if not spots or w.target is not None:
            out.append(w)
            continue
        out.extend(replace(w, target=target, index=i) for target, i in spots)
    return list(dict.fromkeys(out))


def sentences_of(warnings: Sequence[ResultWarning], seen: Sequence[str]) -> list[tuple[int, ...]]:
    """For each warning, the indices of the sentences (as the model saw them) it was raised on.

    The translator calls this on its own warnings, so callers route them by index, not by text.
    """
    where: dict[str, list[int]] = {}
    for i, sentence in enumerate(seen):
        where.setdefault(sentence, []).append(i)
    return [tuple(where.get(getattr(w, "source", None) or "", ())) for w in warnings]


def normalise_for_mt(sentence: str) -> str:
    """What the translator actually sees: straight quotes, single spaces."""
    return _SPACES.sub(" ", sentence.translate(_MT_NORMALISE)).strip()
