"""The English side of the name check: capitalised English words the Indonesian source does not support.

A capitalised word is accepted when the source has it (by the rules of :mod:`.name_match`), when a source
term of the lexicon translates to it, or when it is ordinary English vocabulary by the language detector.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import EN_FREE, terms
from .name_match import _CAP_WORD, _NAME_RE, _WORD_RE, _fold, _has_term, _kept, _startish

# An English name may run on across "of"/"and" ("Ministry of Finance", "Bank of Indonesia").
_EN_NAME_RE = re.compile(
    rf"(?:{_CAP_WORD})(?:\s+(?:(?:{_CAP_WORD})|(?:of|and|de|van|von|al|bin|binti)(?=\s+[A-Z])))*"
)
# Derived English words ("Environment", "Transportation", "Religious"): ordinary vocabulary. Endings
# that names share ("Beijing", "Ahmed", "Kelly") are left to the language detector.
_EN_DERIVED_RE = re.compile(
    r"(?:tion|sion|ment|ness|ity|ance|ship|ism|ous|ful|less|able|ible|ical|logy|ics|ture)s?$"
)
# An acronym in brackets right after an English name: the name is that acronym written out.
_GLOSS_RE = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
# A capitalised English word the detector gives at least this English confidence is vocabulary.
_EN_WORD_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    # lingua shares its language models between detectors, so this costs no second copy.
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.INDONESIAN, Language.MALAY, Language.ENGLISH
    ).build()


@lru_cache(maxsize=8192)
def _english_score(word: str) -> float:
    """How English the detector finds a word: "Traffic" 0.9, "Deposit" 0.5, "Prabowo" 0.03."""
    try:
        values = _detector().compute_language_confidence_values(word.lower())
    except (ImportError, RuntimeError, ValueError):  # no detector: treat unknown words as names
        return 0.0
    return max((v.value for v in values if v.language.name == "ENGLISH"), default=0.0)


def _english_word(word: str) -> bool:
    """An ordinary English word ("Traffic", "Senior"), not a name ("Prabowo", "Semarang")."""
    return _english_score(word) >= _EN_WORD_CONFIDENCE


def _supported_en(source: str) -> tuple[str, frozenset[str], frozenset[str]]:
    folded = _fold(source)
    words = frozenset(_WORD_RE.findall(folded))
    allowed = set()
    for key, alts in terms().alternatives.items():
        if _has_term(key, folded):
            allowed.update(w for a in alts for w in _WORD_RE.findall(a))
    # An acronym the translator adds for a spelled-out source name: "Komisi Pemilihan Umum" -> "KPU".
    for m in _NAME_RE.finditer(source):
        initials = "".join(w[0] for w in m.group().split()).casefold()
        allowed.update(initials[i:j] for i in range(len(initials)) for j in range(i + 2, len(initials) + 1))
    return folded, words, frozenset(allowed)


def _spelled_acronyms(words: list[str], acronyms: set[str]) -> set[int]:
    """Indices of English words whose initials spell a source acronym ("GBK" -> "Gelora Bung Karno")."""
    caps = [(k, w) for k, w in enumerate(words) if w[0].isupper()]
    initials = "".join(_fold(w[0]) for _, w in caps)
    out: set[int] = set()
    for acr in acronyms:
        at = initials.find(acr)
        if at >= 0 and len(acr) >= 2:
            out.update(k for k, _ in caps[at : at + len(acr)])
    return out


def _english_names(source: str, output: str) -> tuple[list[tuple[re.Match, list, bool]], bool, int]:
    """Capitalised English names with words the source does not support; whether any capitalised
    English vocabulary past a sentence start was written (a name spelled out in English); and whether
    some of it is more than an institution head ("Independent Curriculum", not just "Agency").

    Each name comes as (match, [(index, word, category)], has_vocabulary); category is "place",
    "content" (an institution field such as "Health") or "proper".
    """
    folded_src, src_words, allowed = _supported_en(source)
    table = terms()
    found, expansion, translated = [], False, 0
    acronyms = {_fold(a) for a in re.findall(r"\b[A-Z]{2,8}\b", source)}
    for m in _EN_NAME_RE.finditer(output):
        gloss = _GLOSS_RE.match(output, m.end())
        if gloss and _fold(gloss["acr"]) in src_words:
            continue  # "... Geophysics Agency (BMKG)": the translator wrote out the source's acronym
        startish = _startish(output, m.start())
        bad, free_vocab = [], 0
        name_words = _WORD_RE.findall(m.group())
        spelled = _spelled_acronyms(name_words, acronyms)
        for k, w in enumerate(name_words):
            f = _fold(w)
            if len(f) < 2 or any(c.isdigit() for c in f) or not w[0].isupper() or k in spelled:
                continue  # "Rp150" is a number, checked as one; "-subsidised", "of" are not capitalised
            stem = f[:-1] if f.endswith("s") and len(f) > 3 else f
            if (
                _kept(w, folded_src, src_words)
                or f in allowed
                or stem in allowed
                or any(len(a) >= 4 and f.startswith(a) for a in allowed)
            ):
                continue
            if f in table.place_words:
                bad.append((k, w, "place"))
            elif f in table.content_words:
                bad.append((k, w, "content"))
            elif f in EN_FREE or _EN_DERIVED_RE.search(f) or (not w.isupper() and _english_word(w)):
                # A capitalised English word past the sentence's first: a name written out in English.
                free_vocab += k > 0 or not startish
                translated += (k > 0 or not startish) and f not in EN_FREE
            else:
                bad.append((k, w, "proper"))
        expansion = expansion or free_vocab > 0
        if bad:
            found.append((m, bad, free_vocab > 0))
    return found, expansion, translated
