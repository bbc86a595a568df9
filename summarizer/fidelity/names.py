"""Capitalised names (people, places, organisations) in an Indonesian sentence that vanish from its output."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["NameMention", "extract_names", "missing_names"]

# A capitalised word: "Chou", "NCCT", "McDonald's", "e-KTP" is not (starts lowercase), "Jokowi".
_CAP_WORD = r"[A-Z][\w'’.-]*\w|[A-Z]"
_NAME_RE = re.compile(
    rf"(?:{_CAP_WORD})(?:\s+(?:(?:{_CAP_WORD})|(?:bin|binti|van|de|von|al|el|da)(?=\s+[A-Z])))*"
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Where a capital letter means "start of a sentence or quote", not "name".
_STARTISH_RE = re.compile(r"(?:^|[.!?:;“\"‘'(\[—–-])\s*$")

# Indonesian words that are capitalised as titles, institutions or geography but get translated,
# so their absence from the English says nothing.
_GENERIC = set(
    """
    presiden wakil menteri gubernur bupati wali walikota kepala ketua direktur sekretaris jenderal
    bapak ibu pak bu mas mbak bang kak saudara tuan nyonya nona haji hajjah dr prof ir drs sh
    kementerian departemen dinas badan komisi dewan majelis pengadilan mahkamah agung kepolisian
    polisi polda polres polsek kejaksaan negeri tinggi luar dalam umum nasional daerah republik
    kerajaan kota kabupaten provinsi kecamatan desa kelurahan jalan jl gunung pulau selat sungai
    danau laut teluk pantai tanjung bandara stasiun pelabuhan rumah sakit universitas sekolah
    institut fakultas partai perusahaan pt tbk persero bank grup kelompok tim klub liga piala utara
    selatan barat timur tengah raya besar baru lama tua muda pusat senin selasa rabu kamis jumat
    jum'at sabtu minggu ahad januari februari maret april mei juni juli agustus september oktober
    november desember namun tetapi tapi dan atau juga karena sehingga selain saat ketika setelah
    sebelum sejak dengan di ke dari pada untuk oleh bagi tentang ia dia mereka kami kita saya aku
    anda kamu ini itu yang adalah akan sudah telah masih bahkan meski meskipun walaupun jika kalau
    apabila bila agar menurut berdasarkan sementara kemudian lalu selanjutnya adapun sebab baca foto
    video tuhan allah nabi rp wib wita wit the of
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Indonesian proper nouns that opus-mt translates: any one English form counts as present.
_TRANSLATED = {
    "inggris": ("england", "english", "britain", "british", "uk"),
    "jepang": ("japan",),
    "tiongkok": ("china", "chinese"),
    "cina": ("china", "chinese"),
    "amerika": ("america", "american", "us", "usa"),
    "serikat": ("united", "states", "us", "usa"),
    "as": ("us", "usa", "america", "american", "united states"),
    "belanda": ("netherlands", "dutch", "holland"),
    "jerman": ("germany", "german"),
    "prancis": ("france", "french"),
    "perancis": ("france", "french"),
    "spanyol": ("spain", "spanish"),
    "italia": ("italy", "italian"),
    "rusia": ("russia", "russian"),
    "arab": ("arab", "arabia", "saudi"),
    "saudi": ("saudi",),
    "mesir": ("egypt", "egyptian"),
    "korea": ("korea", "korean"),
    "filipina": ("philippines", "philippine", "filipino"),
    "thailand": ("thailand", "thai"),
    "kamboja": ("cambodia", "cambodian"),
    "vietnam": ("vietnam", "vietnamese"),
    "singapura": ("singapore", "singaporean"),
    "selandia": ("zealand",),
    "yunani": ("greece", "greek"),
    "turki": ("turkey", "turkish"),
    "indonesia": ("indonesia", "indonesian"),
    "eropa": ("europe", "european"),
    "afrika": ("africa", "african"),
    "pbb": ("un", "united nations"),
    "ri": ("indonesia", "indonesian", "ri"),
    "dpr": ("dpr", "house", "parliament", "representatives"),
    "kpk": ("kpk", "corruption eradication commission", "anti-graft"),
    "polri": ("polri", "police"),
    "tni": ("tni", "military", "armed forces"),
    "islam": ("islam", "islamic", "muslim"),
    "kristen": ("christian", "christianity"),
    "katolik": ("catholic",),
    "lebaran": ("lebaran", "eid"),
    "natal": ("christmas",),
    "idul": ("eid",),
    "fitri": ("fitr", "fitri"),
}


@dataclass(frozen=True)
class NameMention:
    """A capitalised name in the source and the tokens that identify it."""

    span: str
    start: int
    end: int
    tokens: tuple[str, ...]


def _fold(text: str) -> str:
    # Accent- and case-insensitive: "Pokémon" and "Pokemon", "NCCT" and "Ncct" compare equal.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def extract_names(text: str) -> list[NameMention]:
    """Capitalised names in ``text`` whose tokens should survive translation.

    A single capitalised word at the start of a sentence or quote is skipped (it is capitalised for
    position, not because it is a name) unless it is an acronym; title and institution words are dropped.
    """
    out: list[NameMention] = []
    for m in _NAME_RE.finditer(text):
        words = m.group().split()
        startish = bool(_STARTISH_RE.search(text[: m.start()]))
        if startish and len(words) == 1 and not (words[0].isupper() and len(words[0]) > 1):
            continue
        start = m.start()
        if startish and _fold(words[0]) in _GENERIC and len(words) > 1:
            # "Menurut Chou Bun Eng": the capital of "Menurut" is positional, not part of the name.
            start = m.start() + m.group().index(words[1], len(words[0]))
            words = words[1:]
        tokens = tuple(
            t
            for w in words
            for t in _WORD_RE.findall(w)
            if _fold(t) not in _GENERIC and not any(c.isdigit() for c in t) and (len(t) > 1 or t.isupper())
        )
        if tokens:
            out.append(NameMention(text[start : m.end()], start, m.end(), tokens))
    return out


def _present(token: str, folded_output: str, output_words: set[str]) -> bool:
    key = _fold(token)
    if key in output_words:
        return True
    for alt in _TRANSLATED.get(key, ()):
        if (" " in alt and alt in folded_output) or alt in output_words:
            return True
    # Possessive/inflected forms: "Jokowi's", "Widodo-nya"; and names glued by the translator.
    return len(key) >= 4 and key in folded_output


def missing_names(source: str, output: str) -> list[NameMention]:
    """Source names none of whose identifying tokens occur in ``output``.

    A multi-word name counts as kept when at least half its tokens are there: "Presiden Joko Widodo"
    -> "President Widodo" is fine, "Chou Bun Eng" -> "Chou" is not.
    """
    folded = _fold(output)
    words = set(_WORD_RE.findall(folded))
    missing = []
    for name in extract_names(source):
        kept = sum(_present(t, folded, words) for t in name.tokens)
        if kept * 2 < len(name.tokens) or kept == 0:
            missing.append(name)
    return missing
