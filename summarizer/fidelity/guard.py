"""Fidelity checks of a summary or translation against its source, and the translation repair loop.

Warning codes (``FidelityWarning.code``), all stable:

- ``number_unsupported``: a number in the output that nothing in the source supports (summary, translation).
- ``number_mismatch``: a number of the source sentence missing or changed in its translation.
- ``name_missing``: a source name the translation neither keeps nor translates.
- ``name_changed``: a source name replaced by another name in the translation (one warning, not two).
- ``name_unsupported``: a name in the output that the source never mentions (summary, translation).
- ``repetition``: a phrase looped 3+ times that the source does not repeat.
- ``too_long``: output far longer than its source.
- ``untranslated``: the English output is still Indonesian.

Every warning carries a ``span``: the source text of a lost number or name, the output text of an
invented one, the looped phrase, the excess text, or the start of an untranslated output.
- ``repaired_number``: informational; the guard fixed a number (by substitution or a number-protected
  re-translation) and the final sentence matches its source. It is kept so users can see that the text
  was post-edited. Loops or untranslated sentences fixed by a retry leave no warning: the retry output is
  an ordinary model output that passed every check.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from ..errors import SummarizerError
from ..results import FidelityWarning
from .names import compare_names, extract_names
from .numbers import NumberMention, extract_numbers, parse_number, render_english, values_match
from .repetition import find_repetition, is_too_long, looks_untranslated

__all__ = ["RETRY_OVERRIDES", "check_fidelity", "guard_translations"]

logger = logging.getLogger(__name__)

Retranslate = Callable[[list[str], dict], list[str]]

#: Decoding overrides for each retry round, strongest last. Round 1 keeps n-gram blocking at 3 because
#: a 2-gram block can stop the decoder from copying digit pieces such as "000 000".
RETRY_OVERRIDES: tuple[dict, ...] = (
    {"num_beams": 6, "no_repeat_ngram_size": 3, "repetition_penalty": 1.3},
    {"num_beams": 8, "no_repeat_ngram_size": 2, "repetition_penalty": 1.5},
)
# How bad each problem is when choosing between a first translation and a retry.
_SEVERITY = {
    "untranslated": 5,
    "repetition": 5,
    "too_long": 4,
    "number_mismatch": 3,
    "number_unsupported": 2,
    "name_missing": 1,
    "name_changed": 1,
    "name_unsupported": 1,
}
_DEGENERATE = {"untranslated", "repetition", "too_long"}
_NUMBER_CODES = {"number_mismatch", "number_unsupported"}
_RETRY_CODES = _DEGENERATE | _NUMBER_CODES
_SEP_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)+")
# Number words inside Indonesian idioms carry no number: "pedagang kaki lima" are street vendors.
_NUMBER_IDIOM_RE = re.compile(r"\b(?:kaki lima|empat mata|dua sejoli|tiga serangkai|lima waktu)\b", re.I)


def _support(mentions: Sequence[NumberMention]) -> frozenset:
    values = {v for m in mentions for v in m.values}
    # A dated source ("15/11/2017") also supports the day and month written without the year.
    values |= {v[:3] for v in values if v[0] == "date" and len(v) == 4}
    return frozenset(values)


def _warn(code: str, message: str, span: str | None, stage: str, source: str, output: str) -> FidelityWarning:
    return FidelityWarning(code, message, span=span, stage=stage, source=source, output=output)


def _clip(text: str, limit: int = 80) -> str:
    """The start of ``text`` as a span (a span points at the problem; it need not carry all of it)."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def _excess(source: str, output: str, ratio: float) -> str:
    """The part of ``output`` beyond the length its source allows."""
    cut = min(len(output) - 1, int(ratio * len(source)))
    return _clip(output[cut:]) or _clip(output)


def _summary_checks(source: str, output: str) -> list[FidelityWarning]:
    stage, out = "summary", []
    support = _support(extract_numbers(source, "id", words=True))
    for m in extract_numbers(output, "id"):
        if not values_match(m, support):
            out.append(
                _warn(
                    "number_unsupported", f"{m.span!r} is not in the article", m.span, stage, source, output
                )
            )
    folded_source = source.casefold()
    for name in extract_names(output):
        if not any(t.casefold() in folded_source for t in name.tokens):
            out.append(
                _warn(
                    "name_unsupported",
                    f"{name.span!r} is not in the article",
                    name.span,
                    stage,
                    source,
                    output,
                )
            )
    phrase = find_repetition(source, output, same_language=True)
    if phrase:
        out.append(_warn("repetition", f"{phrase!r} repeats 3+ times", phrase, stage, source, output))
    if is_too_long(source, output, ratio=1.2):
        msg = "the summary is longer than the article"
        out.append(_warn("too_long", msg, _excess(source, output, 1.2), stage, source, output))
    return out


def _pair_numbers(source: str, output: str) -> list[FidelityWarning]:
    """One warning per wrong number: a changed value pairs the source span with the output span."""
    stage = "translation"
    out_mentions = extract_numbers(output, "en", words=True)
    out_support = _support(out_mentions)
    # Spelled-out source numbers and ordinals from three up are facts too ("Lima orang" -> "Six people",
    # "peringkat ketiga" -> "second"); "satu", "dua", "pertama" and "kedua" double as idioms ("salah
    # satu", "kedua belah pihak") and stay support only.
    src_mentions = [
        m
        for m in extract_numbers(source, "id", words=True)
        if m.kind != "word"
        or (
            min(v[1] for v in m.values) >= 3
            and not _NUMBER_IDIOM_RE.search(source[max(0, m.start - 12) : m.end + 12])
        )
    ]
    src_support = _support(extract_numbers(source, "id", words=True))
    lost = [m for m in src_mentions if not values_match(m, out_support)]
    extra = [m for m in out_mentions if not values_match(m, src_support)]
    extra = [m for m in extra if m.kind != "word" or any(v[0] == "num" and v[1] >= 3 for v in m.values)]
    out = []
    for i, m in enumerate(lost):
        if i < len(extra):
            msg = f"{m.span!r} became {extra[i].span!r} in the translation"
        else:
            msg = f"{m.span!r} is missing from the translation"
        out.append(_warn("number_mismatch", msg, m.span, stage, source, output))
    for m in extra[len(lost) :]:
        msg = f"{m.span!r} in the translation is not in the source"
        out.append(_warn("number_unsupported", msg, m.span, stage, source, output))
    return out


def _translation_checks(source: str, output: str) -> list[FidelityWarning]:
    stage = "translation"
    out = _pair_numbers(source, output)
    names = compare_names(source, output)
    for name in names.missing:
        msg = f"{name.span!r} is missing from the translation"
        out.append(_warn("name_missing", msg, name.span, stage, source, output))
    for old, new in names.changed:
        msg = f"{old.span!r} became {new.span!r} in the translation"
        out.append(_warn("name_changed", msg, old.span, stage, source, output))
    for name in names.unsupported:
        msg = f"{name.span!r} in the translation is not in the source"
        out.append(_warn("name_unsupported", msg, name.span, stage, source, output))
    phrase = find_repetition(source, output)
    if phrase:
        out.append(_warn("repetition", f"{phrase!r} repeats 3+ times", phrase, stage, source, output))
    if is_too_long(source, output):
        msg = "the translation is far longer than its source"
        out.append(_warn("too_long", msg, _excess(source, output, 3.0), stage, source, output))
    if looks_untranslated(source, output):
        span = _clip(output)
        out.append(_warn("untranslated", "the output is still Indonesian", span, stage, source, output))
    return out


def check_fidelity(source: str, output: str, kind: str = "summary") -> list[FidelityWarning]:
    """Compare ``output`` with ``source`` and return one warning per problem found.

    ``kind="summary"``: ``output`` is an Indonesian summary of the article ``source``; every number,
    amount, percentage, date and time in it must be supported by the article.
    ``kind="translation"``: ``output`` is the English translation of the Indonesian ``source``; numbers
    are compared by value under both conventions, and vanished names, loops and untranslated output are
    reported. Usable on its own to audit translations made elsewhere.
    """
    if kind == "summary":
        return _summary_checks(source, output)
    if kind == "translation":
        return _translation_checks(source, output)
    raise ValueError(f"kind must be 'summary' or 'translation', not {kind!r}")


def _score(warnings: Sequence[FidelityWarning]) -> int:
    return sum(_SEVERITY.get(w.code, 1) for w in warnings)


def _substitute(source: str, output: str) -> str | None:
    """Swap the one wrong English number for the source value in English convention, or None.

    Only when exactly one source number is unmatched and exactly one output number is unsupported is
    the mapping unambiguous; anything else goes to a number-protected re-translation.
    """
    out_mentions = [m for m in extract_numbers(output, "en") if m.kind != "word"]
    src_mentions = extract_numbers(source, "id")
    src_bad = [m for m in src_mentions if not values_match(m, _support(out_mentions))]
    src_support = _support(extract_numbers(source, "id", words=True))
    out_bad = [m for m in out_mentions if not values_match(m, src_support)]
    if len(src_bad) != 1 or len(out_bad) != 1:
        return None
    rendered = render_english(src_bad[0])
    if rendered is None:
        return None
    bad = out_bad[0]
    span = bad.span
    # Keep the output's own currency/percent wording when the source mention has none to offer.
    return output[: bad.start] + rendered + output[bad.start + len(span) :]


def protect_numbers(source: str) -> tuple[str, dict[str, str]]:
    """Rewrite separator-bearing numbers as plain digits ("2.200.112" -> "2200112", "3,5" -> "3.5").

    opus-mt copies bare digit strings faithfully but garbles Indonesian grouping ("2,200,12"). Returns
    the rewritten sentence and {plain: English rendering} to restore grouping afterwards.
    """
    restore: dict[str, str] = {}
    pieces, last = [], 0
    for m in extract_numbers(source, "id"):
        if m.kind in ("date", "time", "word"):
            continue
        num = _SEP_NUMBER_RE.match(m.span)
        if not num:
            continue
        rendered = render_english(m)
        readings = parse_number(num.group(), "id")
        if rendered is None or len(readings) != 1:
            continue
        value = readings.pop()
        plain = str(int(value)) if value == int(value) else f"{value:.10g}"
        pieces.append(source[last : m.start] + plain)
        last = m.start + len(num.group())
        restore[plain] = rendered.split(" ")[0].rstrip("%")
    pieces.append(source[last:])
    return "".join(pieces), restore


def _restore(output: str, restore: dict[str, str]) -> str:
    for plain, rendered in restore.items():
        if plain != rendered:
            output = re.sub(rf"(?<![\d.,]){re.escape(plain)}(?![\d]|[.,]\d)", rendered, output)
    return output


def _repaired_span(before: str, after: str) -> str:
    """The numbers of the repaired output that the first output did not have."""
    old = {m.span for m in extract_numbers(before, "en")}
    new = [m.span for m in extract_numbers(after, "en") if m.span not in old]
    return ", ".join(new) or _clip(after)


def guard_translations(
    sources: list[str], outputs: list[str], retranslate: Retranslate | None = None
) -> tuple[list[str], list[FidelityWarning]]:
    """Check each (Indonesian sentence, English translation) pair, repair what can be repaired, warn the rest.

    Number mismatches are fixed by substitution when unambiguous, else by re-translating the sentence with
    protected (plain-digit) numbers; loops, runaway and untranslated outputs are re-translated with the
    stronger decoding settings of :data:`RETRY_OVERRIDES`. Each round makes one batched ``retranslate``
    call; a retry replaces the current output only when it scores better. Returns the final outputs (same
    order and length) and the warnings, ``repaired_number`` included.
    """
    if len(sources) != len(outputs):
        raise ValueError(f"{len(sources)} sources but {len(outputs)} outputs")
    final = list(outputs)
    issues = [check_fidelity(s, o, "translation") for s, o in zip(sources, final, strict=True)]
    repaired: set[int] = set()

    def try_substitution(i: int) -> None:
        if not any(w.code in _NUMBER_CODES for w in issues[i]):
            return
        fixed = _substitute(sources[i], final[i])
        if fixed is None:
            return
        new_issues = check_fidelity(sources[i], fixed, "translation")
        if _score(new_issues) < _score(issues[i]):
            final[i], issues[i] = fixed, new_issues
            repaired.add(i)

    for i in range(len(final)):
        try_substitution(i)
    for overrides in RETRY_OVERRIDES if retranslate is not None else ():
        # A missing name alone is not worth two more beam searches: opus-mt usually dropped it by
        # translating it ("Kementerian Luar Negeri" -> "Foreign Ministry"), which a retry repeats.
        todo = [i for i, ws in enumerate(issues) if any(w.code in _RETRY_CODES for w in ws)]
        if not todo:
            break
        batch, restores = [], []
        for i in todo:
            has_number = any(w.code in _NUMBER_CODES for w in issues[i])
            text, restore = protect_numbers(sources[i]) if has_number else (sources[i], {})
            batch.append(text)
            restores.append(restore)
        try:
            retried = retranslate(batch, dict(overrides))
        except (SummarizerError, RuntimeError, ValueError):  # never sink a translation that already exists
            logger.warning("re-translation failed; keeping the first outputs", exc_info=True)
            break
        if len(retried) != len(batch):
            logger.warning(
                "retranslate returned %d outputs for %d inputs; ignoring", len(retried), len(batch)
            )
            break
        for i, text, restore in zip(todo, retried, restores, strict=True):
            candidate = _restore(text, restore)
            new_issues = check_fidelity(sources[i], candidate, "translation")
            if _score(new_issues) < _score(issues[i]):
                if restore and not any(w.code in _NUMBER_CODES for w in new_issues):
                    repaired.add(i)
                final[i], issues[i] = candidate, new_issues
        for i in todo:
            try_substitution(i)
    warnings: list[FidelityWarning] = []
    for i, ws in enumerate(issues):
        if i in repaired and not any(w.code in _NUMBER_CODES for w in ws):
            msg = "a number was corrected to match the source"
            span = _repaired_span(outputs[i], final[i])
            warnings.append(_warn("repaired_number", msg, span, "translation", sources[i], final[i]))
        warnings.extend(ws)
    return final, warnings
