"""Language identification: Indonesian, Malay or English, via lingua (models ship with the package)."""

from __future__ import annotations

import functools
import logging
import re

__all__ = ["detect_language"]

logger = logging.getLogger(__name__)

#: Fewer letters than this is too little evidence for any detector.
MIN_LETTERS = 20
#: Detection looks at a prefix only: lingua is slow on megabytes and a few paragraphs suffice.
SAMPLE_CHARS = 4000
# Malay and Indonesian share most vocabulary; Malay must win clearly before we call it Malay.
_MALAY_MARGIN = 0.15

_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ɏ]")


@functools.lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    # Imported and built on first use only: loading models costs time and memory.
    from lingua import Language, LanguageDetectorBuilder

    logger.debug("building lingua detector (id, ms, en)")
    return LanguageDetectorBuilder.from_languages(
        Language.INDONESIAN, Language.MALAY, Language.ENGLISH
    ).build()


def detect_language(text: str) -> str:
    """Return ``"id"``, ``"ms"``, ``"en"``, or ``"und"`` for text that is too short or not in Latin script."""
    sample = (text or "")[:SAMPLE_CHARS]
    letters = _LETTER.findall(sample)
    if len(letters) < MIN_LETTERS:
        return "und"
    latin = sum(1 for ch in letters if _LATIN_LETTER.match(ch))
    if latin / len(letters) < 0.8:
        # The detector only knows three Latin-script languages; anything else is "unknown", not a guess.
        return "und"
    values = _detector().compute_language_confidence_values(sample)
    scores = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    best = max(scores, key=scores.__getitem__)
    if best == "ms" and scores["ms"] - scores.get("id", 0.0) < _MALAY_MARGIN:
        best = "id"
    if scores[best] < 0.3:
        return "und"
    return best
