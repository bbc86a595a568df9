"""The cleaning rules as data: one row per boilerplate shape of Indonesian news pages.

Each :class:`Rule` is a named, compiled pattern with a *scope* (where on a line it may match) and its
limits. :mod:`summarizer.text.boilerplate` applies :data:`RULES` in order; every cut becomes a
``Removal(rule.name, text)``. Supporting a new outlet's furniture means adding one row here (and a
test), never new control flow. The rows describe shapes (position, punctuation, length, a label word),
not the words of any particular article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = ["DATELINE_FORMS", "RULES", "Rule", "Scope"]

_I = re.IGNORECASE


class Scope(Enum):
    """Where a rule's pattern may match."""

    LINE = "line"  # the whole line (paragraph) is boilerplate
    START = "start"  # a prefix of the line
    INLINE = "inline"  # anywhere, usually at a sentence boundary, glued to real text
    END = "end"  # a suffix of the line


@dataclass(frozen=True)
class Rule:
    """One boilerplate shape.

    ``span`` widens a match: ``"headline"`` runs on through a glued related-article headline,
    ``"sentence"`` to the end of the sentence, ``"url"`` through the first URL (else the line end),
    ``"line"`` to the line end; ``back="sentence"`` also takes the caption sentence before a credit.
    ``boundary`` requires an inline match to start a line or follow a sentence end or an earlier cut.
    ``block`` also removes up to that many following non-prose lines (a label above its items);
    ``after`` limits the rule to the line right after a cut of one of those rules. ``hint`` lists
    literal strings of which one must occur in the line for the rule to be tried (a speed filter).
    """

    name: str
    pattern: re.Pattern[str]
    scope: Scope
    max_words: int = 400
    span: str | None = None
    back: str | None = None
    boundary: bool = False
    block: int = 0
    after: tuple[str, ...] = ()
    hint: tuple[str, ...] = ()
    note: str = ""


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# --- shared vocabulary --------------------------------------------------------------------------
_DASH = r"\s*(?:--?|–|—)"
_TLD = r"(?i:co\.id|or\.id|go\.id|ac\.id|com|id|net|org|co|tv|news)"
DOMAIN = rf"[A-Za-z0-9][\w-]*(?:\.[A-Za-z][\w-]*)*\.{_TLD}(?![\w.])"
_CAPS = r"[A-Z][A-Z0-9&'-]+(?:\s[A-Z][A-Z0-9&'-]+){0,2}"
_OUTLET = rf"(?:{DOMAIN}|[A-Z][A-Za-z]+\sIndonesia|ANTARA(?:\s?News)?|Antara(?:\s?News)?|{_CAPS})"
_CITY = r"[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,3}"
_NEXT = r"(?=\s*[\"“'‘(\[]?[A-Z0-9]|\s*$)"
_MONTHS = (
    r"(?:Jan(?:uari)?|Feb(?:ruari)?|Mar(?:et)?|Apr(?:il)?|Mei|May|Jun(?:i)?|Jul(?:i)?|Agu(?:stus)?|Agt|Ags|"
    r"Aug|Sep(?:tember)?|Okt(?:ober)?|Oct|Nov(?:ember)?|Des(?:ember)?|Dec)"
)
_URL = r"(?:https?://|www\.)\S+"

#: Dateline forms, tried at the start of the article body (and, the strong ones, after a sentence end).
#: ``(name, pattern, strong)``: a strong form names an outlet and may also sit mid-line.
DATELINE_FORMS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    # CITY, OUTLET -   "JAKARTA, KOMPAS.com -", "Jakarta, CNN Indonesia --", "SURABAYA, SINAR POS –"
    ("city_outlet", _r(rf"{_CITY}(?:,\s*{_CITY})?,\s*{_OUTLET}{_DASH}{_NEXT}"), True),
    # CITY (OUTLET) -  "Padangsidimpuan (ANTARA) -", "Kupang (Antaranews.com)-Warga"
    ("city_paren", _r(rf"{_CITY}(?:,\s*{_CITY})?\s*\(\s*{_OUTLET}\s*\){_DASH}{_NEXT}"), True),
    # OUTLET, CITY -   "TEMPO.CO, Jakarta -", "TRIBUN-MEDAN.com, SIANTAR -"
    ("outlet_city", _r(rf"(?:{DOMAIN}|{_CAPS}),\s*{_CITY}{_DASH}{_NEXT}"), True),
    # OUTLET - CITY.   "KONTAN.CO.ID - JAKARTA. Harga ..."
    ("outlet_city_stop", _r(rf"{DOMAIN}{_DASH}\s*[A-Z]{{3,}}(?:\s[A-Z]{{3,}})?\.(?=\s+[A-Z])"), True),
    # OUTLET -         "Merdeka.com -", "KOMPAS.com- Satu", "jpnn.com - JAKARTA -" (the city is stacked)
    ("outlet", _r(rf"{DOMAIN}{_DASH}{_NEXT}"), True),
    # CITY -           "Jakarta -", "BANDA ACEH –": only where the body starts
    ("city", _r(rf"{_CITY}{_DASH}(?=\s*[\"“'‘(]?[A-Z]|\s*$)"), False),
)
#: A second source stacked onto the first, glued to the sentence opener: "Kemenkeu-Menteri Keuangan ...".
STACKED_GLUED = _r(r"[A-Z][A-Za-z]{2,14}-(?=[A-Z][a-z])")

_READ_ALSO = (
    r"\b(?:[Bb]aca|BACA|[Ll]ihat|LIHAT|[Ss]imak|SIMAK)\s+"
    r"(?:[Jj]uga|JUGA|[Pp]ula|PULA)\b\s*(?P<sep>[:：\-–—]?)"
)

RULES: tuple[Rule, ...] = (
    # --- ads, scripts, embeds, player residue ---------------------------------------------------
    Rule(
        "ad_script",
        _r(
            r"\(\s*adsbygoogle\s*=\s*window\.adsbygoogle\s*\|\|\s*\[\]\s*\)\s*\.push\(\s*\{\s*\}\s*\)\s*;?"
            r"|googletag\.cmd\.push\([^\n]{0,300}?\}\s*\)\s*;?|window\.\w+\s*=\s*window\.\w+"
            r"\s*\|\|\s*\[\][^\n]{0,200}?;"
        ),
        Scope.INLINE,
        hint=("adsbygoogle", "googletag", "window."),
        note="ad-network script calls left as text",
    ),
    Rule("embed", _r(r"\[Gambas:[^\]\n]{0,200}\]", _I), Scope.INLINE, note="detik/CNN embed placeholder"),
    Rule(
        "ad",
        _r(r"\b(?:ADVERTISEMENT|SCROLL TO CONTINUE WITH CONTENT|SCROLL TO RESUME CONTENT)\b"),
        Scope.INLINE,
        hint=("ADVERTISEMENT", "SCROLL"),
        note="ad-slot labels glued into text",
    ),
    Rule(
        "ad",
        _r(r"\bAds by(?:\s+Google)?(?=\s*$|\s+[A-Z])"),
        Scope.INLINE,
        boundary=True,
        hint=("Ads by",),
        note="ad-slot label after a sentence",
    ),
    # --- related articles ---------------------------------------------------------------------
    Rule(
        "read_also",
        _r(_READ_ALSO),
        Scope.INLINE,
        span="headline",
        block=3,
        hint=("juga", "JUGA", "Juga", "pula", "Pula", "PULA"),
        note="Baca juga / Lihat juga / Simak juga with the linked headline, also glued before prose",
    ),
    Rule(
        "read_also",
        _r(r"•\s*(?=[A-Z0-9\"“])"),
        Scope.INLINE,
        span="bullet",
        max_words=40,
        hint=("•",),
        note="bulleted related-headline lists glued into the body",
    ),
    # --- copy footers, syndication, app and social promos -----------------------------------------
    Rule(
        "footer",
        _r(
            r"Baca artikel\s+[^\n\"“]{1,60}?,?\s*[\"“][^\n]{1,300}?[\"”]\s*selengkapnya(?:\s+di\s*sini)?\s*:?"
            rf"(?:\s*{_URL})?"
        ),
        Scope.INLINE,
        boundary=True,
        hint=("Baca artikel",),
        note='copy-to-clipboard footer: Baca artikel detiknews, "..." selengkapnya URL',
    ),
    Rule(
        "footer",
        _r(rf"(?:Download|Unduh)\s+(?:[Aa]pps?|[Aa]plikasi)\b[^\n:.!?]{{0,60}}?(?::\s*)?{_URL}"),
        Scope.INLINE,
        boundary=True,
        hint=("Download", "Unduh"),
        note="app download footer with its link",
    ),
    Rule(
        "syndication",
        _r(
            r"(?:[Ss]ebagian\s+)?(?:[Aa]rtikel|ARTIKEL|[Bb]erita|BERITA|[Tt]ulisan|[Kk]onten"
            r")\s+(?:ini|INI)\s+"
            r"(?:telah|sudah|pernah|TELAH)\s+(?:tayang|terbit|dimuat|diterbitkan|dipublikasi"
            r"kan|ditayangkan|TAYANG)\b"
        ),
        Scope.INLINE,
        span="url",
        boundary=True,
        block=6,
        hint=(" ini ", " INI "),
        note='"Artikel ini telah tayang di ... dengan judul ..., Klik untuk baca: URL"',
    ),
    Rule(
        "promo",
        _r(r"(?:Klik|KLIK|klik) untuk baca\s*:?\s*" + _URL),
        Scope.INLINE,
        hint=("untuk baca",),
        note="link half of a syndication footer",
    ),
    Rule(
        "promo",
        _r(
            r"(?:Dapatkan|Ikuti|Simak|Pilih)\s+(?:update|informasi|berita|info|insight|"
            r"notifikasi|kabar|breaking news|saluran|kami di)\b"
            r"[^\n]{0,160}?(?:[.!?](?=\s|$|[A-Z])|$)"
        ),
        Scope.INLINE,
        boundary=True,
        hint=("Dapatkan", "Ikuti", "Simak", "Pilih"),
        note='"Dapatkan update berita pilihan ... dari Kompas.com."',
    ),
    Rule(
        "promo",
        _r(
            r"(?:Mari|Ayo|Yuk)\s+(?:bergabung|gabung|join|ikuti|follow)\b[^\n]{0,250}?[.!?](?=\s|$)"
            r"|(?:Pastikan\s+)?(?:Anda|[Kk]amu)\s+(?:harus|perlu|sudah)\s+(?:meng)?(?:instal"
            r"l|instal|unduh|download)\s+"
            r"aplikasi\b[^\n]{0,120}?[.!?](?=\s|$)"
        ),
        Scope.INLINE,
        boundary=True,
        hint=("Mari", "Ayo", "Yuk", "Anda", "amu"),
        note="join-our-channel promos glued after the body",
    ),
    Rule(
        "comment_prompt",
        _r(
            r"(?:Tulis|Berikan|Kirim)\s+komentar(?:mu|\s+Anda)?\b[^\n]{0,200}?(?:[.!?](?=\s|$|[A-Z])|$)"
            r"|(?:Periksa kembali dan |Segera |Silakan )?[Ll]engkapi data diri(?:mu|\s+Anda)"
            r"?\b[^\n]{0,120}?(?:[.!?]|$)"
            r"|Data diri(?:mu|\s+Anda)? akan digunakan\b[^\n]{0,200}?(?:[.!?](?=\s|$|[A-Z])|$)"
            r"|(?:Login|Masuk|Daftar) untuk (?:ber)?komentar\b[^\n]{0,80}?(?:[.!?]|$)"
        ),
        Scope.INLINE,
        boundary=True,
        hint=("komentar", "data diri", "Komentar"),
        note="comment-section and account prompts",
    ),
    # --- captions and photo credits ------------------------------------------------------------
    Rule(
        "caption",
        _r(r"\b(?:Lihat Foto|LIHAT FOTO)\b"),
        Scope.INLINE,
        span="sentence",
        max_words=45,
        hint=("Lihat Foto", "LIHAT FOTO"),
        note='"Lihat Foto" zoom link with the caption sentence after it',
    ),
    Rule(
        "caption",
        _r(
            r"\((?:c|C)\)\s*(?:[A-Z0-9]{2,}[\w.&-]*|[\w-]+\.[a-z]{2,}[\w.-]*)(?:/[A-Z][\w.-]"
            r"*(?:\s[A-Z][\w.-]*)?)*"
            r"(?=\s+[A-Z\"“]|\s*$)"
        ),
        Scope.INLINE,
        back="sentence",
        max_words=60,
        hint=("(c)", "(C)"),
        note="inline '(c) AFC' photo credit and the caption sentence before it",
    ),
    Rule(
        "video_promo",
        _r(r"(?<=[.!?\"”])\s*(?:Simak|Tonton|Saksikan)\s+(?:[Jj]uga\s+)?(?:[Vv]ideo|VIDEO)\b[^\n]{0,200}$"),
        Scope.END,
        max_words=40,
        hint=("Simak", "Tonton", "Saksikan"),
        note='"Simak Video ..." glued after the last sentence',
    ),
    # --- agency footers, credits, codes --------------------------------------------------------
    Rule(
        "footer",
        _r(
            r"(?:^|(?<=[.!?\"”]))\s*Dilarang\s+(?:keras\s+)?(?:mengambil|mengutip|menyalin|memperbanyak|"
            r"menggunakan|mereproduksi|menyebarluaskan)\b[^\n]{0,400}?\bizin\b[^\n]{0,200}$",
            _I,
        ),
        Scope.END,
        note="no-copying notice",
    ),
    Rule(
        "footer",
        _r(
            r"(?:Pewarta|PEWARTA|Penulis|PENULIS|Reporter|REPORTER|Kontributor|Wartawan)\s*:"
            r"\s*[^\n:]{1,80}?\s*"
            r"(?:Editor|EDITOR|Redaktur|Penyunting|Uploader)\s*:\s*[^\n]{0,400}$"
        ),
        Scope.END,
        note="ANTARA-style Pewarta ... Editor ... block, glued or not",
    ),
    Rule(
        "footer",
        _r(
            r"(?:^|(?<=[.!?\"”)\]]))\s*(?:COPYRIGHT\s*©?|Copyright\s*©|\(c\)\s*Copyright|©\s"
            r"*(?:19|20)\d\d|©\s*[A-Z])"
            r"[^\n]{0,120}$"
        ),
        Scope.END,
        note="copyright line, alone or after the last sentence",
    ),
    Rule(
        "credit",
        _r(
            r"(?<=[.!?\"”])\s*(?:Pewarta|Penulis|Reporter|Editor|Redaktur|Penyunting|Kontrib"
            r"utor|Sumber)\s*:\s*"
            r"[A-Z][^\n.!?]{0,60}$"
        ),
        Scope.END,
        note="credit glued after the last sentence",
    ),
    Rule(
        "credit",
        _r(r"(?:^|(?<=[.!?\"”]))\s*\(\s*(?:sumber|source)\s*:[^()\n]{1,80}\)$", _I),
        Scope.END,
        note="'(sumber : Outlet)' after the last sentence",
    ),
    Rule(
        "end_mark",
        _r(
            r"(?:^|(?<=[.!?\"”’])\s*|\s+(?=[(\[]\*))[(\[](?:\*{1,3}|[a-z]{2,6}(?:\s?/\s?[a-z"
            r"][\w.-]{1,25}){0,3}"
            r"|[Aa]nt(?:ara)?|ANT(?:ARA)?|[A-Z][a-z]{1,5}/[a-z]{2,6})[)\]]$"
        ),
        Scope.END,
        note="reporter/editor initials: (azr/haf), [has], (*), (ant), (tmy/tribun-medan.com)",
    ),
    Rule(
        "credit",
        _r(
            r"(?:^|(?<=[.!?\"”’])\s*)\((?!ANTARA FOTO|FOTO|Foto|Dok|DOK|REUTERS|AFP)(?:[A-Z]"
            r"[\w.-]*)(?:\s[A-Z][\w.-]*){0,2}\s*/\s*[A-Z][^()\n]{1,80}\)$"
        ),
        Scope.END,
        note="outlet/reporter credit after the last sentence: (Surya/Galih Lintartika)",
    ),
    Rule(
        "caption",
        _r(r"^\((?:[A-Z][\w.-]*)(?:\s[A-Z][\w.-]*){0,2}\)\s*(?=[A-Z])"),
        Scope.START,
        after=("caption",),
        note="'(AMD)' credit opening the paragraph after a cut caption",
    ),
    # --- whole-line furniture -------------------------------------------------------------------
    Rule(
        "ad_script",
        _r(
            r"^(?:var |let |const |function\s*\(|!function|document\.write|window\.|googleta"
            r"g\.|\(function)[^\n]*[;{]"
        ),
        Scope.LINE,
        note="inline script source left as a line",
    ),
    Rule(
        "ad",
        _r(
            r"^(?:advertisement|iklan|adv|ads|ads by|sponsored|konten sponsor"
            r"|scroll(?: ke bawah)? untuk (?:melanjutkan|lanjut)(?: membaca)?(?: artikel)?"
            r"|scroll to continue(?: with content)?|lanjutkan membaca(?: artikel)?(?: di bawah)?"
            r"|konten berikut adalah iklan[^\n]*|tutup iklan|loading\W*|memuat\W*)\W*$",
            _I,
        ),
        Scope.LINE,
        note="ad-slot label or scroll prompt on its own line",
    ),
    Rule(
        "player",
        _r(
            r"^(?:play|pause|mute|unmute|replay|fullscreen|exit fullscreen|close player|skip ad|"
            r"(?:loaded|progress)\s*:\s*[\d.,]+\s*%|(?:remaining|current) time\b[^\n]{0,20}|"
            r"duration\b[^\n]{0,20}|"
            r"\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?)\s*$",
            _I,
        ),
        Scope.LINE,
        note="video player controls serialised as text",
    ),
    Rule(
        "ad",
        _r(r"^(?:voucher|kupon|promo|flash sale|diskon)\b[^\n]{0,60}(?<![.!?])$", _I),
        Scope.LINE,
        max_words=12,
        block=6,
        note="affiliate voucher box: its label and the short lines under it",
    ),
    Rule(
        "paging",
        _r(
            r"^(?:halaman\s*(?:selanjutnya|berikutnya|sebelumnya)?\s*:?[\d\s/]*|selanjutnya|"
            r"sebelumnya|next page|"
            r"baca selengkapnya|baca artikel selengkapnya|tampilkan semua|load more|muat lebih banyak|"
            r"(?:\d+\s*){2,}(?:selanjutnya|next)?|lanjut(?:kan)?\s*ke halaman[\w\s]*)\W*$",
            _I,
        ),
        Scope.LINE,
        note="page navigation",
    ),
    Rule(
        "read_also",
        _r(r"^(?:Pilihan|PILIHAN)\s+(?:Editor|EDITOR|Redaksi|REDAKSI)\s*:"),
        Scope.LINE,
        max_words=30,
        note="'Pilihan Editor: headline' link",
    ),
    Rule(
        "read_also",
        _r(
            r"^(?:(?:baca|lihat|simak)\s+(?:juga|pula)|(?:berita|artikel|baca berita|konten)\s+"
            r"(?:terkait|lainnya|menarik)|(?:artikel|berita|video)\s+pilihan|rekomendasi(?:\s+untuk\s+anda)?"
            r"|terpopuler|pilihan\s+editor)\s*[:：]?\s*$",
            _I,
        ),
        Scope.LINE,
        block=3,
        note="a bare related-articles label; the headlines under it go too",
    ),
    Rule(
        "credit",
        _r(
            r"^(?:pewarta|editor|penulis|reporter|redaktur|penyunting|kontributor|wartawan|f"
            r"otografer|penerjemah|"
            r"sumber|videografer|produser|uploader|copy ?editor|grafis|infografis|penanggung"
            r" jawab|rep|red|ed)\s*:\s*"
            r"\S[^?!]*$",
            _I,
        ),
        Scope.LINE,
        max_words=14,
        note="'Pewarta: Name', 'Editor: Name', 'Sumber: ...' credit line",
    ),
    Rule(
        "credit",
        _r(
            r"^(?:Penulis|Reporter|Pewarta|Kontributor|Editor)\b[^.!?\n]{0,100}?\|\s*"
            r"(?:Editor|Penyunting|Redaktur|Fotografer)\b[^.!?\n]{0,80}$"
        ),
        Scope.LINE,
        note="byline without colons: Penulis X | Editor Y",
    ),
    Rule(
        "credit",
        _r(
            r"^(?:Laporan|LAPORAN|Dilaporkan oleh)\s+(?:[Rr]eporter|[Ww]artawan|[Kk]orespond"
            r"en|[Jj]urnalis|[Kk]ontributor)"
            r"\b[^!?\n]*$"
        ),
        Scope.LINE,
        max_words=16,
        note="'Laporan Wartawan Outlet, Name' reporter line",
    ),
    Rule(
        "credit",
        _r(
            r"^(?:Laporan|LAPORAN)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*[|/I]\s*[A-Z]["
            r"\w'-]*(?:\s+[A-Z][\w'-]*){0,3}$"
        ),
        Scope.LINE,
        note="reporter line: Laporan Name | Place",
    ),
    Rule(
        "tags",
        _r(
            r"^(?:tags?|tagar|topik(?: terkait| menarik| pilihan)?|kata kunci|keywords?|bagi"
            r"kan(?: artikel ini| berita ini)?|"
            r"share(?: this(?: article)?)?|berita terkait|artikel terkait|ikuti kami(?: di)?"
            r"|follow us|kategori)\s*[:：]",
            _I,
        ),
        Scope.LINE,
        max_words=40,
        note="tag, topic, share and category lists",
    ),
    Rule(
        "share",
        _r(
            r"^(?:\b(?:facebook|twitter|x|whatsapp|wa|telegram|line|linkedin|e-?mail|copy link|"
            r"salin link|salin tautan|pinterest|instagram|threads|share|bagikan|tweet|komentar|"
            r"kirim|tags?|topik|print|cetak|link)\b\W*)+$"
            r"|^(?:#\w+\W*)+$",
            _I,
        ),
        Scope.LINE,
        note="share-button rail or hashtag-only line",
    ),
    Rule(
        "share",
        _r(
            r"^(?:Mau|Ingin|Cari)\s+(?:konten|berita|artikel|info(?:rmasi)?)\s+(?:menarik\s+"
            r")?lain(?:nya)?\s*\?$",
            _I,
        ),
        Scope.LINE,
        block=6,
        note="'Mau konten menarik lainnya?' heading a follow-us block",
    ),
    Rule(
        "video_promo",
        _r(r"^(?:simak|tonton|saksikan|lihat)\s+(?:juga\s+)?(?:video|live|siaran)\b", _I),
        Scope.LINE,
        max_words=25,
        note="'Simak video ...' teaser line",
    ),
    Rule(
        "video_promo",
        _r(r"^[^\n]{0,30}?\d{1,2}:\d{2}\s*VIDEO\b", _I),
        Scope.LINE,
        max_words=30,
        note="video teaser glued to its duration counter",
    ),
    Rule(
        "promo",
        _r(
            r"^(?:dapatkan|simak|ikuti|follow|gabung|bergabung|download|unduh|klik|yuk|janga"
            r"n lewatkan|kunjungi|"
            r"subscribe|pantau|cek|update|baca berita|nikmati|install|instal)\b[^\n]*"
            r"(?:google news|whatsapp|telegram|instagram|youtube|tiktok|twitter|facebook|apl"
            r"ikasi|app store|play store|"
            r"google play|berita pilihan|breaking news|klik di sini|klik link|saluran|channe"
            r"l|newsletter|notifikasi|"
            r"sedikit iklan|tanpa iklan|akun resmi|https?://)",
            _I,
        ),
        Scope.LINE,
        max_words=50,
        note="follow-us / app / channel promo line",
    ),
    Rule(
        "promo",
        _r(rf"^[^.!?\n]{{1,60}}:\s*{_URL}\s*$"),
        Scope.LINE,
        max_words=10,
        note="'Label: URL' link lines (app, subscription, source)",
    ),
    Rule("link", _r(rf"^\W*{_URL}\W*$"), Scope.LINE, note="a bare URL on its own line"),
    Rule(
        "navigation",
        _r(r"^\s*(?:[>»›]\s*)?(?:[^\n>»›.!?]{1,30}[>»›]\s*){2,}[^\n>»›]*[^.!?\s]\s*$"),
        Scope.LINE,
        max_words=40,
        note="breadcrumb trail",
    ),
    Rule(
        "caption",
        _r(
            r"^(?:foto|gambar|ilustrasi|dok|dokumentasi|sumber foto|photo|image|credit|kredi"
            r"t foto)\s*[:./]\s*\S"
            r"|^(?:[A-Z][A-Za-z0-9]*\.(?:com|COM|id|ID|co\.id|CO\.ID)|ANTARA FOTO|ANTARA|KOMPAS|TRI"
            r"BUN[A-Z]*|DOK)\s*/\s*[A-Z]"
            r"|\((?:foto|dok\.?|dokumentasi|sumber(?: foto)?|ilustrasi|antara foto|antara|is"
            r"timewa|shutterstock|"
            r"getty images?|istock(?:photo)?|reuters|afp|ap photo|unsplash|freepik|pexels)\b"
            r"[^()\n]{0,100}\)$",
            _I,
        ),
        Scope.LINE,
        max_words=40,
        note="caption line: 'Foto: ...', 'ANTARA FOTO/...', '... (Istimewa)'",
    ),
    Rule(
        "caption",
        _r(
            rf"(?:\b(?:Foto|FOTO|Photo)\s*:?\s*(?:{DOMAIN}|[A-Z][\w.-]*)\s*/\s*[\w.-]{{2,30}}"
            rf"\.?|\b[A-Z]{{2,}}-[A-Z][\w.-]*/[a-z]{{2,6}}\.?)$"
        ),
        Scope.LINE,
        max_words=60,
        note="caption block ending in a bare photo credit: 'Foto Outlet.id/abc', 'HO-Agency/abc.'",
    ),
    Rule(
        "caption",
        _r(r"^(?:Perbesar|Zoom|Lihat Foto|Klik untuk memperbesar)$", _I),
        Scope.LINE,
        note="zoom-button label of a photo",
    ),
    Rule(
        "caption",
        _r(r"^[^.!?\"“”\n]{3,200}\s\((?:[A-Z][\w.-]*)(?:\s[A-Z][\w.-]*){0,2}\s*/\s*[^()\n]{1,60}\)$"),
        Scope.LINE,
        max_words=30,
        note="caption without a full stop ending in an (Outlet/Photographer) credit",
    ),
    Rule(
        "promo",
        _r(r"^\W{0,3}Fakta atau Hoaks\?", _I),
        Scope.LINE,
        max_words=60,
        note="fact-check hotline promo",
    ),
    Rule(
        "caption",
        _r(
            r"^(?:infografis|infografik|video|galeri(?:\s+foto)?|foto\s+terkait|podcast)\b\s"
            r"*:?\s*\S[^\n]*[^.!?\"”’)…]$",
            _I,
        ),
        Scope.LINE,
        max_words=14,
        note="title of an embedded media block",
    ),
    Rule(
        "timestamp",
        _r(
            rf"^(?:{DOMAIN}\s*[-–—|,]\s*)?(?:(?:Diperbarui|Dipublikasikan|Diterbitkan|Dibuat|"
            rf"Update|Updated|Published)\s*:?\s*)?"
            r"(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)\s*,?\s*)?"
            rf"(?:\d{{1,2}}\s+{_MONTHS}\.?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
            r"(?:\s*[,|-]?\s*(?:pukul\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?"
            r"(?:\s*(?:WIB|WITA|WIT|GMT\+?\d*|UTC\+?\d*))?\s*$",
            _I,
        ),
        Scope.LINE,
        max_words=10,
        note="publication date/time line",
    ),
    Rule(
        "caption",
        _r(
            r"\s*\((?:ANTARA FOTO|ANTARA|Foto|FOTO|Dok\.|DOK\.|Dokumentasi|Sumber foto|Ilust"
            r"rasi)\s*[:/][^()\n]{1,100}\)"
        ),
        Scope.INLINE,
        hint=("(",),
        note="photo credit in parentheses inside a line",
    ),
)
