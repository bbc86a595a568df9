"""Glossary enforcement around the translator: verify placeholders, repair, restore, report.

The translator protects glossary terms with numeric placeholders before the model and the fidelity guard
see a sentence (a dropped placeholder reads as a dropped number, so the guard already re-translates it
with stronger settings). What is still missing afterwards is repaired here by translating the text
between the terms on its own and putting the English renderings in between, so with the guard on every
term is rendered; with the guard off a missing term is reported as ``glossary_missing``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeAlias

from .glossary import Glossary, Protected, Slot
from .results import FidelityWarning, ResultWarning

__all__ = ["TranslateFragments", "enforce_glossary", "split_around_terms"]

#: The translator's own model and settings on plain text fragments: ``(english, mean log-prob)`` each.
#: A function rather than the Translator, so this module stays below the translate package that uses it.
TranslateFragments: TypeAlias = Callable[[Sequence[str]], list[tuple[str, float | None]]]

_NUMBER_CODES = {"number_mismatch", "number_unsupported", "repaired_number"}
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)])")


def split_around_terms(
    translate: TranslateFragments, items: Sequence[Protected]
) -> list[tuple[str, float | None]]:
    """Translate the text between placeholders on its own and keep the placeholders in place.

    Returns, per item, the English with placeholders (restored later) and the mean fragment score.
    """
    plans: list[list[tuple[bool, str]]] = []
    todo: list[str] = []
    for item in items:
        pattern = "|".join(re.escape(s.placeholder) for s in item.slots)
        plan = []
        for piece in re.split(f"({pattern})", item.text):
            if any(s.placeholder == piece for s in item.slots):
                plan.append((False, piece))
            elif any(c.isalnum() for c in piece):
                plan.append((True, piece.strip()))
                todo.append(piece.strip())
            elif piece.strip():
                plan.append((False, piece.strip()))
        plans.append(plan)
    translated = iter(translate(todo) if todo else [])
    out: list[tuple[str, float | None]] = []
    for plan in plans:
        parts, scores = [], []
        for is_text, piece in plan:
            if is_text:
                english, score = next(translated)
                parts.append(
                    english.rstrip(".") if english.endswith(".") and not piece.endswith(".") else english
                )
                scores.append(score)
            else:
                parts.append(piece)
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(p for p in parts if p))
        known = [s for s in scores if s is not None]
        score = sum(known) / len(known) if known and len(known) == len(scores) else None
        out.append((text, score))
    return out


def _unprotect(text: str | None, slots: Sequence[Slot]) -> str | None:
    if not text:
        return text
    for s in slots:
        text = text.replace(s.placeholder, s.span)
    return text


def _rewrite(w: ResultWarning, item: Protected, original: str, output: str) -> ResultWarning | None:
    """A guard warning about the protected sentence, told in terms of the user's own text."""
    mentions = [s for s in item.slots if s.placeholder in (w.span or "") + w.message]
    if mentions and w.code in _NUMBER_CODES:
        return None  # a placeholder is not a number; the glossary check reports a lost term itself
    changes = {"span": _unprotect(w.span, item.slots), "message": _unprotect(w.message, item.slots)}
    if isinstance(w, FidelityWarning):
        changes.update(source=original, output=output)
    return replace(w, **changes)


def enforce_glossary(
    repair_with: TranslateFragments | None,
    protected: Sequence[Protected],
    originals: Sequence[str],
    unaided: Sequence[str],
    outputs: Sequence[str],
    scores: Sequence[float | None],
    warnings: Sequence[ResultWarning],
) -> tuple[list[str], list[float | None], list[ResultWarning], dict[str, int]]:
    """Repair lost placeholders, restore renderings, remap warnings, report missing terms.

    ``repair_with`` is given when the guard is on; without it lost terms are only reported.
    """
    from .fidelity import check_fidelity

    outputs, scores = list(outputs), list(scores)
    stats = dict.fromkeys(("protected", "kept_unaided", "kept_after_guard", "rendered", "missing"), 0)
    lost: list[int] = []
    for i, item in enumerate(protected):
        if not item.slots:
            continue
        stats["protected"] += len(item.slots)
        stats["kept_unaided"] += sum(Glossary.has_placeholder(unaided[i], s) for s in item.slots)
        kept = sum(Glossary.has_placeholder(outputs[i], s) for s in item.slots)
        stats["kept_after_guard"] += kept
        if kept < len(item.slots) and repair_with is not None:
            lost.append(i)
    rechecked: dict[int, list[FidelityWarning]] = {}
    repaired = split_around_terms(repair_with, [protected[i] for i in lost]) if repair_with else []
    for i, (text, score) in zip(lost, repaired):
        outputs[i], scores[i] = text, score
        rechecked[i] = check_fidelity(protected[i].text, text, "translation")

    restored: list[str] = list(outputs)
    missing_warnings: list[ResultWarning] = []
    for i, item in enumerate(protected):
        if not item.slots:
            continue
        restored[i], missing = Glossary.restore(outputs[i], item.slots)
        stats["rendered"] += len(item.slots) - len(missing)
        stats["missing"] += len(missing)
        for slot in missing:
            missing_warnings.append(
                FidelityWarning(
                    code="glossary_missing",
                    message=f"glossary term {slot.span!r} should read {slot.english!r}, "
                    "but the translation lacks it",
                    span=slot.span,
                    stage="translation",
                    source=originals[i],
                    output=restored[i],
                )
            )

    owners: dict[str, list[int]] = {}
    for i, item in enumerate(protected):
        owners.setdefault(item.text, []).append(i)
    out: list[ResultWarning] = []
    for w in warnings:
        mine = owners.get(getattr(w, "source", None) or "")
        if mine is None:
            out.append(w)
            continue
        # Two sentences differing only in a term's case protect to the same text: match by output.
        same = [i for i in mine if getattr(w, "output", None) in (None, outputs[i])] or mine
        for i in same:
            if i in rechecked:
                continue  # about an output the repair replaced
            new = _rewrite(w, protected[i], originals[i], restored[i])
            if new is not None:
                out.append(new)
    for i, ws in rechecked.items():
        out.extend(new for w in ws if (new := _rewrite(w, protected[i], originals[i], restored[i])))
    out.extend(missing_warnings)
    return restored, scores, out, stats
