"""Data tables for the name check: how Indonesian names, institution words and acronyms come out in English.

Every table is plain data; adding a term is one row. Keys and alternatives are lower case and accent-free.
The term table lives in ``lexicon.tsv`` next to this module (kind, Indonesian term, English alternatives);
the word lists are below.

- ``ID_GENERIC``: Indonesian titles, institution heads, calendar and function words. Capitalised, but
  their absence from an English translation says nothing ("Kepala Dinas" -> "agency head").
- ``terms()``, kind ``place``: exonyms, countries, regions and their abbreviations, and directions. A
  place is a fact: an English place or direction the source does not support is reported.
- kind ``institution``: content words of institution names ("Kesehatan" -> "health"). A wrong one
  ("Health Agency" for "Dinas Pendidikan") is reported.
- kind ``acronym``: common-noun and institution acronyms that a good translation writes out ("PHK" ->
  "laid off"). One alternative per way of saying it is enough.
- kind ``word``: ordinary words Indonesian capitalises that English does not ("Bahasa" -> "language").
- ``EN_FREE``: English words that may appear capitalised in a translation without support of their own
  (function words, titles, institution heads, calendar words, common sentence openers).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

__all__ = ["EN_FREE", "ID_COMMON", "ID_GENERIC", "ID_HEADS", "ID_REGION_HEADS", "Terms", "terms"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ID_GENERIC = _words(
    """
    presiden wakil menteri gubernur bupati wali walikota kepala ketua direktur sekretaris jenderal
    bapak ibu pak bu mas mbak bang kak saudara tuan nyonya nona haji hajjah dr prof ir drs sh
    kementerian kemen departemen dinas badan komisi dewan majelis pengadilan mahkamah kepolisian
    polisi polda polres polresta polrestabes polsek kapolda kapolres kapolsek kapolri kejaksaan
    kejari kejati lembaga direktorat ditjen balai biro kantor satuan unit pusat pemerintah pemkot
    pemkab pemprov pemda provinsi kota kabupaten kecamatan desa kelurahan dusun kampung jalan jl
    gunung pulau sungai danau teluk pantai tanjung bandara stasiun pelabuhan rumah sakit rs rsud
    universitas sekolah institut fakultas partai perusahaan pt cv tbk persero bank grup kelompok
    tim timnas klub liga piala raya besar baru lama tua muda negeri umum daerah republik kerajaan
    nasional senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari maret april
    mei juni juli agustus september oktober november desember namun tetapi tapi dan atau juga
    karena sehingga selain saat ketika setelah sebelum sejak dengan di ke dari pada untuk oleh bagi
    tentang ia dia mereka kami kita saya aku anda kamu ini itu yang adalah akan sudah telah masih
    bahkan meski meskipun walaupun jika kalau apabila bila agar menurut berdasarkan sementara
    kemudian lalu selanjutnya adapun sebab baca foto video tuhan allah nabi rp wib wita wit the of
    anggota warga siswa pelajar mahasiswa pekerja petugas pejabat aparat pegawai karyawan
    pelatih pemain kapten kepala kadis kadin kasat kabid sekda sekjen dirut plt plh pj
    gereja masjid pura vihara klenteng pasar stadion gedung taman monumen museum candi istana hotel
    terminal jembatan bendungan waduk lapangan menara kampus pondok pesantren kedutaan besar
    resor sektor paus kardinal uskup pastor romo pendeta kiai kyai ustaz ustadz habib syekh raja ratu
    pangeran sultan negara
    """
)

# Heads of institution names: the capitalised words after one ("Otoritas Jasa Keuangan") name what the
# institution does and are translated, up to a region head ("Kota", "Kabupaten"), after which a place
# name follows and must be kept.
# Only heads of what an institution does: after "Universitas", "Partai" or "Bank" comes a proper name.
ID_HEADS = _words(
    """
    kementerian kemen departemen dinas badan komisi dewan majelis mahkamah pengadilan kejaksaan
    lembaga otoritas direktorat ditjen balai biro kantor satuan unit pusat kepolisian pemerintah
    inspektorat sekretariat
    """
)
ID_REGION_HEADS = _words("kota kabupaten provinsi kecamatan desa kelurahan dusun kampung pulau gunung")

# Frequent Indonesian sentence openers and common nouns: a capital at the start of a sentence on one of
# these is positional, so it never counts as a name.
ID_COMMON = _words(
    """
    sebanyak ribuan ratusan puluhan jutaan harga gaji kenaikan penurunan seorang dua tiga empat lima
    enam tujuh delapan sembilan sepuluh para sejumlah beberapa banyak semua seluruh setiap tiap
    kebakaran gempa banjir longsor kecelakaan ledakan peristiwa kejadian kasus insiden rapat
    pertemuan acara sidang konser laga pertandingan pendaftaran pengumuman pemadaman antrean ekspor
    impor produksi inflasi kerugian nilai jumlah total data hasil kapal pesawat kereta bus mobil
    motor pasar toko kafe restoran hotel jalan tol proyek program kebijakan aturan delegasi
    pria wanita perempuan laki anak bayi remaja korban pelaku tersangka terdakwa saksi penonton
    penumpang wisatawan pengunjung pedagang petani nelayan buruh guru dokter perawat hakim jaksa
    salat sholat shalat pelaksanaan pembangunan penanganan pemeriksaan penyidik tersebut sementara
    hujan angin cuaca suhu musim tahun bulan pekan hari jam pukul sekitar hampir lebih kurang
    """
)

EN_FREE = _words(
    """
    the a an and or of for in on at to by from with as but not no nor so yet if then than that this these
    those there here it its he she his her him they them their we our us you your i me my mr mrs ms
    according after before during since until while when where which who whom whose what why how
    all any both each every many most much more some such several few other another one's own
    president vice minister governor regent mayor head chief chairman chairwoman chair director
    secretary general deputy officer official officials spokesman spokeswoman spokesperson
    commissioner inspector brigadier colonel major lieutenant sergeant police chief judge prosecutor
    ministry department agency office service board council commission committee authority bureau
    unit division directorate center centre institute institution foundation association
    government administration city regency province provincial district sub-district village
    regional region national state municipal court district-level house assembly party front
    university school college hospital airport station port harbour harbor street road avenue
    mount mountain island islands lake river bay beach cape strait sea ocean
    republic kingdom federation union united people's people public
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs dr prof rp idr usd am pm a.m p.m
    thousands hundreds dozens millions residents citizens people workers police officers members
    as many total some about around nearly almost over more than less
    he she it they we i you there this that these those
    metro team national club league cup coach player captain indonesia indonesian indonesians
    affairs works resources rights attorney attorney's office's stadium arena hall square park
    market mosque church temple palace building tower bridge dam field plaza complex terminal
    one two three four five six seven eight nine ten first second third
    mr. mrs. jr sr lt gen col maj capt insp brig adj comr supt pope king queen prince princess sultan cardinal
    bishop day week year holiday eve festival award awards prize cup time
    ceo cfo coo gdp ngo ipo vip covid hiv aids sms atm tv dna vat ok un us uk eu
    """
)


# Institution words too common in English to mark a changed name when capitalised ("Public", "Social").
_EN_BROAD = _words(
    """
    public human home domestic legal development information workers children child women land
    search law crime criminal security social marine state fire communication planning
    """
)

# Ordinary English all the same: accepted as vocabulary ("Legal and Security Affairs").
EN_FREE = EN_FREE | _EN_BROAD


@dataclass(frozen=True)
class Terms:
    """The term table: Indonesian term -> English alternatives, and the English words that carry facts."""

    alternatives: MappingProxyType  # str -> tuple[str, ...]
    kinds: MappingProxyType  # str -> "place" | "institution" | "acronym" (the first kind listed)
    place_words: frozenset[str]  # English words of places and directions ("geneva", "central")
    content_words: frozenset[str]  # first English word of each institution field ("health")
    longest: int  # words in the longest Indonesian term


_MINISTRY_RE = re.compile(r"kemen(?P<a>\w+)|kem(?P<b>[^aeiou\W]\w*)")
_OFFICE_RE = re.compile(r"di[ns]\w{2,}")


def _add_heads(alternatives: dict[str, tuple[str, ...]], kinds: dict[str, str]) -> None:
    """Derive the heads from institution rows, unless a row says otherwise: "Kemenkes" (health ministry)
    gives "Menkes" (health minister) and "Wamenkes" (deputy health minister); "Dinkes" (health office)
    gives "Kadinkes" (its head)."""
    for term, alts in list(alternatives.items()):
        if kinds[term] != "acronym":
            continue
        heads: tuple[str, ...] = ()
        if m := _MINISTRY_RE.fullmatch(term):
            rest = m["a"] or m["b"]
            minister = ("me" if rest.startswith("n") else "men") + rest  # "Kemnaker" -> "Menaker"
            heads, alts = (minister, "wa" + minister), tuple(a.replace("ministry", "minister") for a in alts)
        elif _OFFICE_RE.fullmatch(term):
            heads = ("ka" + term,)
        for key in heads:
            if key not in alternatives:
                alternatives[key] = alts
                kinds[key] = "acronym"


@functools.lru_cache(maxsize=1)
def terms() -> Terms:
    """Load ``lexicon.tsv`` once (on first use, not on import)."""
    text = resources.files(__package__).joinpath("lexicon.tsv").read_text(encoding="utf-8")
    alternatives: dict[str, tuple[str, ...]] = {}
    kinds: dict[str, str] = {}
    place, content = set(), set()
    for line in text.splitlines()[1:]:
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, term, english = line.split("\t")
        alts = tuple(a.strip() for a in english.split("|") if a.strip())
        alternatives[term] = tuple(dict.fromkeys(alternatives.get(term, ()) + alts))
        kinds.setdefault(term, kind)
        if kind == "place":
            place.update(w for a in alts for w in a.split())
        elif kind == "institution":
            content.update(a.split()[0] for a in alts)
    _add_heads(alternatives, kinds)
    return Terms(
        MappingProxyType(alternatives),
        MappingProxyType(kinds),
        frozenset(place) - EN_FREE,
        frozenset(content) - EN_FREE - _EN_BROAD,
        max(len(t.split()) for t in alternatives),
    )
