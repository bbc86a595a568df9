"""Names in an Indonesian sentence and its English translation: lost, replaced or invented ones.

A source name is split into units: titles and institution heads (ignored), terms of the lexicon
(:mod:`.lexicon`: exonyms, directions, institution words, acronyms; kept when the English has the term or
one of its translations), and proper words (kept when the English has them, allowing "Jokowi's",
accents and one-letter spelling variants). The English side is checked the other way: a capitalised
word that is neither supported by the source nor ordinary English is a name the source does not have.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import EN_FREE, ID_COMMON, ID_GENERIC, ID_HEADS, ID_REGION_HEADS, terms

__all__ = ["NameMention", "NameReport", "compare_names", "extract_names", "missing_names"]

# A capitalised word: "Chou", "NCCT", "McDonald's", "Tae-yong"; "e-KTP" is not (starts lowercase).
_CAP_WORD = r"[A-Z][\w'’.-]*\w|[A-Z]"
_NAME_RE = re.compile(
    rf"(?:{_CAP_WORD})(?:\s+(?:(?:{_CAP_WORD})|(?:bin|binti|van|de|von|al|el|da)(?=\s+[A-Z])))*"
)
_EN_NAME_RE = re.compile(
    rf"(?:{_CAP_WORD})(?:\s+(?:(?:{_CAP_WORD})|(?:of|and|de|van|von|al|bin|binti)(?=\s+[A-Z])))*"
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Where a capital letter means "start of a sentence or quote", not "name".
_STARTISH_RE = re.compile(r"(?:^|[.!?:;“\"‘'(\[—–-])\s*$")
_TITLE_DOT_RE = re.compile(
    r"(?<![\w.])(?:[A-Z]|Hj|Dr|dr|Ir|Drs|Dra|Prof|KH|K\.H|Jl|St|Sdr|Sdri|Bpk|Ny|Tn|Mr|Mrs|Ms|Gen|Lt|Col|Capt)"
    r"\.\s*$"
)
# Indonesian affixed words (verbs, abstract nouns): never a name when capitalised at a sentence start.
_ID_AFFIXED_RE = re.compile(r"^(?:me|ber|ter|di|se|ke|pe|per)\w{3,}|\w{3,}(?:kan|nya|an)$")
# Derived English words ("Environment", "Transportation", "Religious"): ordinary vocabulary. Endings
# that names share ("Beijing", "Ahmed", "Kelly") are left to the language detector.
_EN_DERIVED_RE = re.compile(
    r"(?:tion|sion|ment|ness|ity|ance|ship|ism|ous|ful|less|able|ible|ical|logy|ics|ture)s?$"
)
# A name after these is a place ("di Canberra") or a speaker ("kata Andi"), never a translated word.
_PLACE_OR_SPEAKER_RE = re.compile(
    r"\b(?:di|ke|dari|menuju|asal|kata|ujar|ucap|tutur|jelas|sebut)\s+$", re.IGNORECASE
)
_INITIALS_RE = re.compile(r"(?<![\w.])[^\W\d](?:\.[^\W\d])+\.?(?!\w)")
# Academic degrees and dotted titles after or before a name ("S.H.", "S.St.Mk.", "M.Si", "Ph.D"):
# a translation often leaves them out.
_DEGREE_RE = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+[A-Z]?[a-z]{0,3}\.?")
# An acronym in brackets right after an English name: the name is that acronym written out.
_GLOSS_RE = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
# Compass directions are facts even in lower case ("25 km barat laut" -> "25 km northwest").
_EN_DIRECTION_RE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|wards?)?\b")
# Days of the week: a day in the English that the source does not name is a changed date.
_ID_DAYS = {
    "senin": "monday", "selasa": "tuesday", "rabu": "wednesday", "kamis": "thursday", "jumat": "friday",
    "jum'at": "friday", "sabtu": "saturday", "minggu": "sunday", "ahad": "sunday",
}  # fmt: skip
_EN_DAY_RE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
# A capitalised English word the detector gives at least this English confidence is vocabulary.
_EN_WORD_CONFIDENCE = 0.6
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


def _fold(text: str) -> str:
    # Accent- and case-insensitive: "Pokémon" and "Pokemon", "NCCT" and "Ncct" compare equal.
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    # Dotted initials read as one word: "U.S." = "US", "K.H." = "KH".
    return _INITIALS_RE.sub(lambda m: m.group().replace(".", ""), plain)


def _startish(text: str, start: int) -> bool:
    before = text[:start]
    # The period of a title or an initial ("Hj. Nurhayati", "Dr. Terawan", "R. Kartini") ends no sentence.
    return bool(_STARTISH_RE.search(before)) and not _TITLE_DOT_RE.search(before)


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


@lru_cache(maxsize=4096)
def _alt_re(alt: str) -> re.Pattern:
    # Short alternatives ("us", "id", "oil") must be whole words; longer ones may take an ending.
    tail = r"s?\b" if len(alt) <= 3 else ""
    return re.compile(rf"(?<!\w){re.escape(alt)}{tail}")


def _has_term(term: str, folded: str) -> bool:
    return bool(_alt_re(term).search(folded))


# Letters that name spellings trade ("Mohammad"/"Muhammad", "Setiawan"/"Setyawan", "Arif"/"Arip"), and
# letters they add or drop ("Achmad"/"Ahmad"). Any other change ("Suwarni"/"Sumarni",
# "Suwarno"/"Suwarni") is another name.
_VARIANT_SWAPS = {frozenset(p) for p in ("ou", "iy", "ae", "ei", "fp", "sz", "kq", "ck", "fv", "jy")}
_VARIANT_GAPS = set("hcey'")


def _near(a: str, b: str) -> bool:
    """One spelling-variant edit apart, for words of six letters or more ("Mohammad"/"Muhammad")."""
    if a[0] != b[0] or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    if len(a) == len(b):
        diffs = [frozenset((x, y)) for x, y in zip(a, b) if x != y]
        return len(diffs) <= 1 and all(d in _VARIANT_SWAPS for d in diffs)
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short and long_[i] in _VARIANT_GAPS for i in range(len(long_)))


def _canon(word: str) -> str:
    # Old Indonesian spelling still used in names ("Soeharto" = "Suharto", "Djoko" = "Joko") and Arabic
    # transliterations ("Syawal" = "Shawwal", "Ramadhan" = "Ramadan").
    word = (
        word.replace("oe", "u").replace("dj", "j").replace("tj", "c").replace("sy", "sh").replace("dh", "d")
    )
    return re.sub(r"(\w)\1", r"\1", word)


def _loan(word: str) -> str:
    # Loanwords spelled the Indonesian way: "katedral" = "cathedral", "kurikulum" = "curriculum".
    word = re.sub(r"(?<=[^aeiou])h", "", word.replace("c", "k").replace("ph", "f").replace("q", "k"))
    return re.sub(r"(\w)\1", r"\1", word)


# What English or an Indonesian loanword adds to a stem ("Buddh-ists", "Javan-ese", "Universit-as");
# "Persija"/"Persib" differ by no such ending.
_STEM_TAILS = "s es ist ists ism ic ics ian ians an ans n ese ish ite ites a as is isme ik ika i"
_EN_STEM_TAILS = frozenset(_STEM_TAILS.split())


def _same_stem(a: str, b: str) -> bool:
    """ "Buddha" and "Buddhists": they share all but the last letter of the shorter word (5+ letters),
    and the longer word goes on with an English ending."""
    short, long_ = sorted((a, b), key=len)
    common = next((i for i, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return (
        common >= 5
        and common >= len(short) - 1
        and (long_[common:] in _EN_STEM_TAILS or common == len(long_))
    )


def _kept(token: str, folded: str, words: frozenset[str]) -> bool:
    key = _fold(token)
    if key in words or _canon(key) in {_canon(w) for w in words}:
        return True
    if len(key) >= 5 and _loan(key) in {_loan(w) for w in words if len(w) >= 5}:
        return True
    if any(_same_stem(key, w) for w in words):
        return True
    # Possessive/inflected or glued forms: "Jokowi's", "Indonesian", "Iduladha" -> "Eid al-Adha".
    if len(key) >= 4 and (
        key in folded or any(w.startswith(key) or key.startswith(w) for w in words if len(w) >= 4)
    ):
        return True
    return any(_near(key, w) for w in words)


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
            # position, so reported only when it pairs with a lost source name, unless it is a place or
            # clearly no English word ("Tokopedia founder ...").
            weak = (
                _startish(output, m.start())
                and all(k == 0 for k, _, _ in bad)
                # An acronym's capitals are never positional ("NATO Secretary-General ...").
                and all(
                    c != "place" and not (w.isupper() and len(w) > 1) and _english_score(w) >= _EN_NOT_AT_ALL
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
