"""House terms: an Indonesian term and the English the translation must use for it.

A glossary is a two-column TSV or CSV file (Indonesian term, English rendering; a term mapped to itself
is kept verbatim). Before translation each occurrence of a term is replaced by a numeric placeholder
(opus-mt copies bare digit strings, the same trick the number guard uses), and after translation the
placeholder becomes the English rendering. Matching ignores case (acronyms such as ``KPK`` excepted) and
takes Indonesian clitics and hyphenated prefixes with the term (``Kemenkeu-nya``, ``Kemenkeunya``,
``se-Jawa``), but never matches inside another word.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

__all__ = [
    "MAX_GLOSSARY_CHARS",
    "MAX_TERMS",
    "Glossary",
    "GlossaryError",
    "GlossaryMatch",
    "Protected",
    "Slot",
    "load_glossary",
]

#: Largest glossary accepted (characters of the file or text box), and most terms.
MAX_GLOSSARY_CHARS = 200_000
MAX_TERMS = 5_000
_MAX_TERM_CHARS = 200
_HEADERS = {
    ("id", "en"),
    ("term", "english"),
    ("term", "en"),
    ("indonesian", "english"),
    ("source", "target"),
    ("id", "english"),
}
# Clitics and particles glued to a word, with or without a hyphen; hyphenated prefixes ("se-Jawa").
_SUFFIX = r"(?:-?(?:nya|lah|kah|pun|ku|mu)|-an)"
_PREFIX = r"(?:(?:di|ke|se|ber|ter|me|mem|men|meng|pe|pen|peng|per)-)"
# Placeholders are bare numbers; start high so they do not read as years or small counts.
_PLACEHOLDER_BASE = 90001
_NUMBER_TOKEN = re.compile(r"(?<![\w.,])\d(?:[\d.,]*\d)?(?![\w])")


class GlossaryError(InputError, code="glossary"):
    """A glossary file or text that cannot be used (bad row, duplicate term, too large)."""


@dataclass(frozen=True)
class GlossaryMatch:
    """One occurrence of a glossary term in a text; ``span`` includes any affix taken with it."""

    start: int
    end: int
    span: str
    term: str
    english: str


@dataclass(frozen=True)
class Slot:
    """A protected occurrence: the placeholder written into the text and what it stands for."""

    placeholder: str
    span: str
    term: str
    english: str


@dataclass(frozen=True)
class Protected:
    """A sentence with its glossary terms replaced by placeholders."""

    text: str
    slots: tuple[Slot, ...] = ()


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _key(term: str) -> str:
    return " ".join(term.split()).casefold()


class Glossary:
    """An immutable set of (term, English) pairs with matching, protection and restoration."""

    def __init__(self, entries: Mapping[str, str] | None = None) -> None:
        cleaned: dict[str, tuple[str, str]] = {}
        for term, english in (entries or {}).items():
            term, english = " ".join(str(term).split()), " ".join(str(english).split())
            if not term or not english:
                raise GlossaryError(
                    f"glossary entry {term or english!r} has an empty side",
                    hint="each row needs an Indonesian term and its English rendering",
                )
            if len(term) > _MAX_TERM_CHARS or len(english) > _MAX_TERM_CHARS:
                raise GlossaryError(f"glossary term {term[:40]!r}… is over {_MAX_TERM_CHARS} characters")
            key = term if _is_acronym(term) else _key(term)
            if key in cleaned and cleaned[key][1] != english:
                raise GlossaryError(
                    f"glossary term {term!r} is listed twice with different renderings",
                    hint="keep one row per term",
                )
            cleaned[key] = (term, english)
        if len(cleaned) > MAX_TERMS:
            raise GlossaryError(f"the glossary has {len(cleaned):,} terms, above the limit of {MAX_TERMS:,}")
        self._entries = tuple(sorted(cleaned.values(), key=lambda e: (-len(e[0]), e[0])))
        self._exact = {t: (t, e) for t, e in self._entries if _is_acronym(t)}
        self._folded = {_key(t): (t, e) for t, e in self._entries if not _is_acronym(t)}
        self._pattern = self._compile() if self._entries else None

    def _compile(self) -> re.Pattern[str]:
        # Longest terms first, so "Bank Indonesia" wins over "Indonesia" at the same position.
        alternatives = []
        for term, _ in self._entries:
            body = r"\s+".join(re.escape(w) for w in term.split())
            alternatives.append(body if _is_acronym(term) else f"(?i:{body})")
        core = "|".join(alternatives)
        return re.compile(
            rf"(?<![\w])(?P<pre>(?i:{_PREFIX}))?(?P<core>{core})(?P<suf>(?i:{_SUFFIX}))?(?![\w])"
        )

    # -- construction ----------------------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str, name: str = "glossary") -> Glossary:
        """Parse TSV or CSV text (a line with a tab is TSV); ``#`` lines and a header row are skipped."""
        if len(text) > MAX_GLOSSARY_CHARS:
            raise GlossaryError(
                f"{name} has {len(text):,} characters, above the limit of {MAX_GLOSSARY_CHARS:,}",
                hint="keep the glossary to house terms",
            )
        entries: dict[str, str] = {}
        seen: dict[str, tuple[int, str]] = {}
        first = True
        for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            # Per line: a tab makes it TSV, else CSV (people mix both when typing into the page).
            delimiter = "\t" if "\t" in line else ","
            row = [c.strip() for c in next(csv.reader([line], delimiter=delimiter), [])]
            while row and not row[-1]:
                row.pop()
            if first and tuple(c.casefold() for c in row) in _HEADERS:
                first = False
                continue
            first = False
            if len(row) != 2:
                sep = "tab" if delimiter == "\t" else "comma"
                raise GlossaryError(
                    f"{name} line {number} has {len(row)} column(s), expected 2: "
                    f"{delimiter.join(row)[:60]!r}",
                    hint=f"write 'Indonesian term<{sep}>English rendering' per line "
                    "(quote cells that hold commas)",
                )
            term, english = row
            key = term if _is_acronym(term) else _key(term)
            if key in seen and seen[key][1] != " ".join(english.split()):
                raise GlossaryError(
                    f"{name} lists {term!r} twice (lines {seen[key][0]} and {number}) "
                    "with different renderings",
                    hint="keep one line per term",
                )
            seen.setdefault(key, (number, " ".join(english.split())))
            entries[term] = english
        return cls(entries)

    @classmethod
    def from_file(cls, path: str | Path) -> Glossary:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise GlossaryError(
                f"cannot read the glossary {path}: {exc.strerror or exc}", hint="check the path"
            ) from exc
        if len(data) > 4 * MAX_GLOSSARY_CHARS:
            raise GlossaryError(f"the glossary {path} is too large ({len(data):,} bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"the glossary {path} is not UTF-8 text", hint="save it as UTF-8") from exc
        return cls.from_text(text, name=str(path))

    # -- queries ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._entries)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and set(self._entries) == set(other._entries)

    def __hash__(self) -> int:
        return hash(frozenset(self._entries))

    def __repr__(self) -> str:
        return f"Glossary({len(self)} terms)"

    def to_dict(self) -> dict[str, str]:
        return dict(self._entries)

    def fingerprint(self) -> str:
        """A short hash of the entries, order-independent (part of the batch resume key)."""
        body = "\n".join(f"{t}\t{e}" for t, e in sorted(self._entries))
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]

    def _entry(self, core: str) -> tuple[str, str] | None:
        flat = " ".join(core.split())
        return self._exact.get(flat) or self._folded.get(_key(flat))

    def find(self, text: str) -> list[GlossaryMatch]:
        """Every occurrence of a term in ``text``, left to right, never overlapping."""
        if self._pattern is None:
            return []
        found = []
        for m in self._pattern.finditer(text):
            entry = self._entry(m.group("core"))
            if entry is not None:
                found.append(GlossaryMatch(m.start(), m.end(), m.group(), entry[0], entry[1]))
        return found

    def protect(self, text: str) -> Protected:
        """``text`` with each term occurrence replaced by a numeric placeholder absent from the text."""
        matches = self.find(text)
        if not matches:
            return Protected(text)
        taken = {re.sub(r"\D", "", m.group()) for m in _NUMBER_TOKEN.finditer(text)}
        number = _PLACEHOLDER_BASE
        pieces, slots, last = [], [], 0
        for m in matches:
            while str(number) in taken:
                number += 1
            placeholder = str(number)
            number += 1
            pieces.append(text[last : m.start] + placeholder)
            last = m.end
            slots.append(Slot(placeholder, m.span, m.term, m.english))
        pieces.append(text[last:])
        return Protected("".join(pieces), tuple(slots))

    @staticmethod
    def restore(output: str, slots: tuple[Slot, ...]) -> tuple[str, list[Slot]]:
        """Replace each slot's placeholder in ``output`` by its English; returns (text, missing slots).

        A placeholder the model regrouped ("90,001") still counts. A lost placeholder whose English
        already stands in the output (the model rendered the term itself) is not reported.
        """
        wanted = {s.placeholder: s for s in slots}
        found: set[str] = set()

        def swap(m: re.Match[str]) -> str:
            digits = re.sub(r"\D", "", m.group())
            slot = wanted.get(digits)
            if slot is None:
                return m.group()
            found.add(digits)
            return slot.english

        restored = _NUMBER_TOKEN.sub(swap, output)
        missing = [s for s in slots if s.placeholder not in found and not _contains(output, s.english)]
        return restored, missing

    @staticmethod
    def has_placeholder(output: str, slot: Slot) -> bool:
        return any(re.sub(r"\D", "", m.group()) == slot.placeholder for m in _NUMBER_TOKEN.finditer(output))


def _contains(text: str, phrase: str) -> bool:
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.search(rf"(?<![\w]){body}(?![\w])", text, re.IGNORECASE) is not None


GlossaryLike = Glossary | Mapping[str, str] | str | Path | None


def load_glossary(value: GlossaryLike) -> Glossary | None:
    """A :class:`Glossary` from a Glossary, a {term: English} mapping or a TSV/CSV path (None stays None)."""
    if value is None or isinstance(value, Glossary):
        return value
    if isinstance(value, Mapping):
        return Glossary(value)
    if isinstance(value, (str, Path)):
        return Glossary.from_file(value)
    raise TypeError(f"glossary must be a path, a mapping or a Glossary, not {type(value).__name__}")
