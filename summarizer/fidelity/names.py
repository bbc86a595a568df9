"""Names in an Indonesian sentence and its English translation: lost, replaced or invented ones.

A source name is split into units: titles and institution heads (ignored), terms of the lexicon
(:mod:`.lexicon`: exonyms, directions, institution words, acronyms; kept when the English has the term or
one of its translations), and proper words (kept when the English has them, allowing "Jokowi's",
accents and one-letter spelling variants). The English side is checked the other way: a capitalised
word that is neither supported by the source nor ordinary English is a name the source does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ID_COMMON, ID_GENERIC, ID_HEADS, ID_REGION_HEADS, terms
from .name_english import _english_names, _english_score, _supported_en
from .name_match import _NAME_RE, _WORD_RE, _fold, _has_term, _kept, _startish

__all__ = ["NameMention", "NameReport", "compare_names", "extract_names", "missing_names"]

# Indonesian affixed words (verbs, abstract nouns): never a name when capitalised at a sentence start.
_ID_AFFIXED_RE = re.compile(r"^(?:me|ber|ter|di|se|ke|pe|per)\w{3,}|\w{3,}(?:kan|nya|an)$")
# A name after these is a place ("di Canberra") or a speaker ("kata Andi"), never a translated word.
_PLACE_OR_SPEAKER_RE = re.compile(
    r"\b(?:di|ke|dari|menuju|asal|kata|ujar|ucap|tutur|jelas|sebut)\s+$", re.IGNORECASE
)
# Academic degrees and dotted titles after or before a name ("S.H.", "S.St.Mk.", "M.Si", "Ph.D", "Sp.PD"):
# a translation often leaves them out.
_DEGREE_RE = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+[A-Z]{0,2}[a-z]{0,3}\.?")
# A lone capital letter glued to a number is a unit or a code, not a name: "36,8°C", "gempa M 5,2",
# "pelat B 1234 KZH". The number check compares the digits.
_UNIT_LETTER_BEFORE_RE = re.compile(r"(?:°|\d\s?)$")
_UNIT_LETTER_AFTER_RE = re.compile(r"\s?\d")
# Compass directions are facts even in lower case ("25 km barat laut" -> "25 km northwest").
_EN_DIRECTION_RE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|wards?)?\b")
# Days of the week: a day in the English that the source does not name is a changed date.
_ID_DAYS = {
    "senin": "monday", "selasa": "tuesday", "rabu": "wednesday", "kamis": "thursday", "jumat": "friday",
    "jum'at": "friday", "sabtu": "saturday", "minggu": "sunday", "ahad": "sunday",
}  # fmt: skip
_EN_DAY_RE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
# Below this English confidence a word is a name even inside a name written out in English.
_EN_EXCUSE = 0.3
# Below this, a word at a sentence start is no English word at all ("Prabowo", "Tokopedia").
_EN_NOT_AT_ALL = 0.15


@dataclass(frozen=True)
class NameMention:
    """A capitalised name and the tokens that identify it."""

    span: str
    start: int
    end: int
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class NameReport:
    """Name problems of one translation: source names lost, English names invented, and swaps."""

    missing: tuple[NameMention, ...]
    unsupported: tuple[NameMention, ...]
    changed: tuple[tuple[NameMention, NameMention], ...]


def extract_names(text: str) -> list[NameMention]:
    """Capitalised Indonesian names in ``text`` whose tokens should survive translation.

    A single capitalised word at the start of a sentence or quote is skipped (it is capitalised for
    position, not because it is a name) unless it is an acronym; title and institution words are dropped.
    """
    out: list[NameMention] = []
    for m in _NAME_RE.finditer(text):
        words = m.group().split()
        startish = _startish(text, m.start())
        if startish and len(words) == 1 and not (words[0].isupper() and len(words[0]) > 1):
            continue
        start = m.start()
        if startish and _fold(words[0]) in ID_GENERIC | ID_COMMON and len(words) > 1:
            # "Menurut Chou Bun Eng": the capital of "Menurut" is positional, not part of the name.
            start = m.start() + m.group().index(words[1], len(words[0]))
            words = words[1:]
        tokens = tuple(
            t
            for w in words
            for t in _WORD_RE.findall(w)
            if _fold(t) not in ID_GENERIC and not any(c.isdigit() for c in t) and (len(t) > 1 or t.isupper())
        )
        if tokens:
            out.append(NameMention(text[start : m.end()], start, m.end(), tokens))
    return out


@dataclass(frozen=True)
class _Unit:
    kind: str  # "term" (a place of the lexicon) | "known" (another lexicon term) | "proper" | "soft"
    text: str
    alts: tuple[str, ...] = ()


def _units(words: list[str], in_institution: bool = False) -> tuple[list[_Unit], bool]:
    """The units of a name, and whether it ends inside an institution name ("Badan Pengawas Obat")."""
    folded = [_fold(w) for w in words]
    table = terms()
    units, i = [], 0
    while i < len(words):
        for n in range(min(table.longest, len(words) - i), 0, -1):
            key = " ".join(folded[i : i + n])
            if key in table.alternatives and table.kinds[key] == "zone":
                i += n  # a time zone belongs to its time, which the number check compares
                break
            if key in table.alternatives:
                # Places are facts; institution words and acronyms are checked through the English.
                kind = "term" if table.kinds[key] == "place" else "known"
                units.append(_Unit(kind, key, table.alternatives[key]))
                in_institution = in_institution or key in ID_HEADS  # "Pusat Vulkanologi"
                i += n
                break
        else:
            w, f = words[i], folded[i]
            i += 1
            if f in ID_REGION_HEADS:
                in_institution = False
            elif f in ID_HEADS:
                in_institution = True
            if (
                f in ID_GENERIC
                or f in ID_HEADS
                or any(c.isdigit() for c in w)
                or (len(w) == 1 and not w.isupper())
                or ("." in w and _DEGREE_RE.fullmatch(w))
            ):
                continue
            if w.isupper() and len(w) > 1:
                # An unknown acronym is often written out ("CPNS" -> "civil servant candidates").
                units.append(_Unit("soft", f))
            elif in_institution or re.fullmatch(r"(?:pe|per|pen|pem|peng|peny|ke)\w{3,}an", f):
                units.append(_Unit("soft", f))  # "Otoritas Jasa Keuangan": what an institution does
            else:
                units.append(_Unit("proper", f))
    return units, in_institution


def _unit_kept(unit: _Unit, folded_out: str, out_words: frozenset[str]) -> bool:
    if unit.alts:
        return _has_term(unit.text, folded_out) or any(_has_term(a, folded_out) for a in unit.alts)
    return _kept(unit.text, folded_out, out_words)


def _source_names(source: str, folded_out: str, out_words: frozenset[str], expansion: bool, translated: int):
    """Lost Indonesian names as (mention, strength) and whether the source has an abbreviation or
    institution word the English does not keep.

    strength: "strong" (report), "weak" (a lone word at a sentence start: report only in a swap) or
    "acronym" (an abbreviation or institution: report only beside a strong loss, or in a swap).
    """
    found, prev_end, in_institution, unexplained = [], -1, False, False
    for m in _NAME_RE.finditer(source):
        words = [w for w in re.split(r"[\s/]+|(?<=\w)-(?=[A-Z])", m.group()) if w]
        # "Badan Pengawas Obat dan Makanan": an institution name runs on across "dan".
        carry = in_institution and bool(re.fullmatch(r"\s+(?:dan|&)\s+", source[prev_end : m.start()]))
        prev_end, in_institution = m.end(), False
        start = m.start()
        startish = _startish(source, start)
        first = _fold(words[0])
        if (
            startish
            and len(words) > 1
            and first not in ID_HEADS
            and not _kept(words[0], folded_out, out_words)
        ):
            # A positional capital ("Harga BBM", "Seorang PNS"): the first word is not part of the name.
            start += m.group().index(words[1], len(words[0]))
            words = words[1:]
        if len(source[start : m.end()]) == 1 and (
            _UNIT_LETTER_BEFORE_RE.search(source[:start]) or _UNIT_LETTER_AFTER_RE.match(source, m.end())
        ):
            continue
        weak = startish and len(words) == 1 and not words[0].isupper()
        if weak and (
            _fold(words[0]) in ID_COMMON or _ID_AFFIXED_RE.match(_fold(words[0])) or len(words[0]) < 3
        ):
            continue
        units, in_institution = _units(words, carry)
        unexplained = unexplained or any(
            u.kind == "soft" and not _kept(u.text, folded_out, out_words) for u in units
        )
        if weak and not _kept(words[0], folded_out, out_words):
            unexplained = True  # "Bakamla mencegat ...": perhaps a name, perhaps an abbreviation
        facts = [u for u in units if u.kind in ("proper", "term")]
        if not facts:
            # An institution or acronym: lost only when nothing was written out in its place. A term of
            # the lexicon rendered in words the lexicon lacks ("TNI" -> "soldiers") only counts in a swap.
            if units and not expansion and not any(_unit_kept(u, folded_out, out_words) for u in units):
                tokens = tuple(u.text for u in units)
                # Reported with a lost proper name only ("NCCT" in "According to him, ..."): alone, an
                # abbreviation is more likely written out in lowercase words ("IPA" -> "science").
                found.append((NameMention(source[start : m.end()], start, m.end(), tokens), "acronym"))
            continue
        lost = [u for u in facts if not _unit_kept(u, folded_out, out_words)]
        # Half of a name's words identify it ("Presiden Joko Widodo" -> "President Widodo"); a place or
        # direction is a fact of its own ("Presiden Prancis" -> "German President").
        if len(lost) * 2 > len(facts) or len(lost) == len(facts) or any(u.kind == "term" for u in lost):
            tokens = tuple(u.text for u in lost)
            # A lost word beside an English name that is no source word ("Kurikulum Merdeka" ->
            # "Independent Curriculum", "Pasal" -> "Article") was most likely translated: it only
            # counts in a swap. A lost place always counts.
            place_lost = any(u.kind == "term" for u in lost) or bool(
                _PLACE_OR_SPEAKER_RE.search(source[:start])
            )
            # Each English word stands for one lost word at most: "Greysia Polii dan Apriyani Rahayu"
            # -> "Greysia Polii ... Olympics" lost two names' worth to a single translated word.
            strength = "weak" if weak or (translated >= len(lost) and not place_lost) else "strong"
            found.append((NameMention(source[start : m.end()], start, m.end(), tokens), strength))
    return found, unexplained


def _english_days(source: str, output: str) -> list[NameMention]:
    """Weekdays of the English that the Indonesian source does not name ("Rabu" -> "Thursday")."""
    named = {_ID_DAYS[w] for w in re.findall(r"[\w']+", _fold(source)) if w in _ID_DAYS}
    return [
        NameMention(m.group(), m.start(), m.end(), (m.group(),))
        for m in _EN_DAY_RE.finditer(output)
        if m.group().lower() not in named
    ]


def _english_directions(source: str, output: str) -> list[NameMention]:
    """Lower-case compass directions of the English that no source direction or region supports."""
    _, _, allowed = _supported_en(source)
    out = []
    for m in _EN_DIRECTION_RE.finditer(output):
        word = m.group()
        base = re.sub(r"(?:ern|wards?)$", "", word).replace("-", "")
        if word in allowed or base in allowed or word.replace("-", "") in allowed:
            continue
        out.append(NameMention(word, m.start(), m.end(), (word,)))
    return out


def compare_names(source: str, output: str) -> NameReport:
    """Names lost from, invented in, or swapped between an Indonesian ``source`` and its English ``output``.

    A lone word at a sentence start ("Jokowi meninjau", "Prabowo inspected") may be an ordinary word,
    so it is only reported when it pairs with a problem on the other side (a swap). When the source has
    an abbreviation or institution word the English does not keep ("Bakamla", "Lembaga Penjamin
    Simpanan"), the English words of a name written out in its place are not held against it; places
    always are.
    """
    folded_out = _fold(output)
    out_words = frozenset(_WORD_RE.findall(folded_out))
    english_raw, expansion, translated = _english_names(source, output)
    lost, unexplained = _source_names(source, folded_out, out_words, expansion, translated)
    english, dates, table = [], [], terms()
    for m, bad, has_vocabulary in english_raw:
        if unexplained:
            # Only words that could be English ("Deposit Insurance") are excused, never an
            # Indonesian-looking name ("Airlangga University" for "Universitas Gadjah Mada").
            bad = [
                b
                for b in bad
                if b[2] == "place"
                or (b[2] == "proper" and (not has_vocabulary or _english_score(b[1]) < _EN_EXCUSE))
            ]
        if bad:
            # Only the first word of a sentence is in doubt ("Tickets for Raisa's"): capitalised for
            # position, so reported only when it pairs with a lost source name, unless it is a place,
            # clearly no English word ("Tokopedia founder ...") or the field of a title or institution
            # that goes on capitalised ("Trade Minister Yassierli" for "Menaker Yassierli").
            titled = " " in m.group()
            weak = (
                _startish(output, m.start())
                and all(k == 0 for k, _, _ in bad)
                # An acronym's capitals are never positional ("NATO Secretary-General ...").
                and all(
                    c != "place"
                    and not (c == "content" and titled)
                    and not (w.isupper() and len(w) > 1)
                    and _english_score(w) >= _EN_NOT_AT_ALL
                    for _, w, c in bad
                )
            )
            tokens = tuple(w for _, w, _ in bad)
            mention = NameMention(m.group(), m.start(), m.end(), tokens)
            if all(table.kinds.get(_fold(w)) == "zone" for w in tokens):
                dates.append(mention)  # a changed time zone: no source name became it
            else:
                english.append((mention, weak))
    # Directions, weekdays and time zones are facts of their own: never paired with a lost name.
    dates += _english_directions(source, output) + _english_days(source, output)
    strong = any(strength == "strong" for _, strength in lost)
    lost = [(m, strength == "weak" or (strength == "acronym" and not strong)) for m, strength in lost]
    changed = []
    while lost and english:
        changed.append((lost.pop(0)[0], english.pop(0)[0]))
    return NameReport(
        missing=tuple(m for m, weak in lost if not weak),
        unsupported=tuple(m for m, weak in english if not weak) + tuple(dates),
        changed=tuple(changed),
    )


def missing_names(source: str, output: str) -> list[NameMention]:
    """Source names whose identifying words the English ``output`` neither keeps nor translates.

    A multi-word name counts as kept when at least half its units are there: "Presiden Joko Widodo"
    -> "President Widodo" is fine, "Chou Bun Eng" -> "Chou" is not.
    """
    report = compare_names(source, output)
    return [*report.missing, *(pair[0] for pair in report.changed)]
