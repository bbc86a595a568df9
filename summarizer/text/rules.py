"""The cleaning rules as data: one row per boilerplate shape of Indonesian news pages.

Each :class:`Rule` is a named, compiled pattern with a *scope* (where on a line it may match) and its
limits. :mod:`summarizer.text.boilerplate` applies :data:`RULES` in order; every cut becomes a
``Removal(rule.name, text)``. Supporting a new outlet's furniture means adding one row here (and a
test), never new control flow. Whole-line rows live in :mod:`summarizer.text.line_rules`, the row type
in :mod:`summarizer.text.rule_types`. The rows describe shapes (position, punctuation, length, a label word),
not the words of any particular article.
"""

from __future__ import annotations

import re

from .line_rules import LINE_RULES
from .rule_types import DOMAIN, MONTHS, URL, Rule, Scope
from .rule_types import compile_rule as _r

__all__ = ["DATELINE_FORMS", "RULES", "Rule", "Scope"]


_I = re.IGNORECASE

# --- shared vocabulary --------------------------------------------------------------------------
_DASH = r"\s*(?:--?|–|—)"
_CAPS = r"[A-Z][A-Z0-9&'-]+(?:\s[A-Z][A-Z0-9&'-]+){0,2}"
# Outlet names: a domain, "CNN Indonesia", "IDN Times", "Jakarta Post", ANTARA, or capitals ("SINAR POS").
_OUTLET = (
    rf"(?:{DOMAIN}|[A-Z][A-Za-z]+\s(?:Indonesia|Times|News|Post|Pos|Online|TV|Today|Network)"
    # one camel-cased brand word: "InsertLive", "JawaPos", "InfoPublik"
    r"|[A-Z][a-z]{2,}[A-Z][a-z]{2,}"
    rf"|ANTARA(?:\s?News)?|Antara(?:\s?News)?|{_CAPS})"
)
_CITY = r"[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,3}"
_NEXT = r"(?=\s*[\"“'‘(\[]?[A-Z0-9]|\s*$)"
_CITY_CAPS = r"[A-Z][A-Z'’.]+(?:\s[A-Z][A-Z'’.]+){0,3}"
# The rest of a sentence that reports a match between the names on both sides of the dash: a score
# ("1-1", "2 - 0", not "2-3 persen") or a result verb.
_FIXTURE = (
    r"[^.!?\n]{0,160}?(?:\b\d{1,2}\s?[-–:]\s?\d{1,2}\b(?!\s*(?:persen|%|juta|ribu|miliar|tahun|[a-z]))"
    r"|\b(?:imbang|bermain|berakhir|menang|kalah|takluk|tumbang|ditahan|menjamu|bertanding|berhadapan"
    r"|vs|kontra|laga|duel|pertandingan|berbagi poin)\b)"
)
# After a colon dateline: a capitalised sentence of some length on the same line.
_COLON_NEXT = r"(?=\s*[\"“]?[A-Z][^\n:]{60,})"
# Words that head a labelled line rather than name a place.
_LABEL_WORDS = (
    r"(?i:catatan|tanya|jawab|pertanyaan|update|info|informasi|keterangan|perhatian|pengumuman|peringatan|"
    r"ringkasan|kesimpulan|intinya|berikut|breaking|disclaimer|sumber|foto|video|baca|lihat|simak|"
    r"editor|penulis|reporter|pewarta|oleh|tags?|topik|kategori|[qa]|t|j|p)"
)


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
    # CITY -           "Jakarta -", "BANDA ACEH –": only where the body starts. A capitalised name that is
    # not in capitals may instead open a fixture ("Persija - Persib bermain imbang 1-1"): not a dateline.
    ("city", _r(rf"{_CITY_CAPS}{_DASH}(?=\s*[\"“'‘(]?[A-Z]|\s*$)"), False),
    ("city", _r(rf"{_CITY}{_DASH}(?=\s*[\"“'‘(]?[A-Z]|\s*$)(?!{_FIXTURE})"), False),
    # NAME, CITY -     "Warta Ekonomi, Jakarta -", "Ambon, Maluku -": only where the body starts
    ("name_city", _r(rf"{_CITY},\s*{_CITY}{_DASH}(?=\s*[\"“'‘(]?[A-Z])"), False),
    # OUTLET, CITY:    "KBRN, Semarang:"  and  CITY:  "Jakarta: Direktorat ..." (a colon dateline), only
    # where the body starts, never a label word ("Catatan:", "Tanya:") and only before a long sentence.
    ("outlet_city_colon", _r(rf"(?:{DOMAIN}|{_CAPS}),\s*{_CITY}\s*:{_COLON_NEXT}"), False),
    ("city_colon", _r(rf"(?!{_LABEL_WORDS}\b){_CITY}\s*:{_COLON_NEXT}"), False),
)
#: A second source stacked onto the first, glued to the sentence opener: "Kemenkeu-Menteri Keuangan ...".
STACKED_GLUED = _r(r"[A-Z][A-Za-z]{2,14}-(?=[A-Z][a-z])")

_EN_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

_READ_ALSO = (
    r"\b(?:[Bb]aca|BACA|[Ll]ihat|LIHAT|[Ss]imak|SIMAK)\s+"
    r"(?:[Jj]uga|JUGA|[Pp]ula|PULA)\b\s*(?P<sep>[:：\-–—]?)"
)

_TEXT_RULES: tuple[Rule, ...] = (
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
        _r(
            r"\((?:Baca|BACA|Lihat|LIHAT|Simak|SIMAK)(?:\s+(?:[Jj]uga|JUGA))?\s*:\s*[A-Z0-9\"“][^()\n]{2,200}\)"
        ),
        Scope.INLINE,
        boundary=True,
        hint=("(Baca", "(BACA", "(Lihat", "(LIHAT", "(Simak", "(SIMAK"),
        note="'(Baca juga: headline)' in parentheses between sentences",
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
            rf"(?:\s*{URL})?"
        ),
        Scope.INLINE,
        boundary=True,
        hint=("Baca artikel",),
        note='copy-to-clipboard footer: Baca artikel detiknews, "..." selengkapnya URL',
    ),
    Rule(
        "footer",
        _r(rf"(?:Download|Unduh)\s+(?:[Aa]pps?|[Aa]plikasi)\b[^\n:.!?]{{0,60}}?(?::\s*)?{URL}"),
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
            r"(?:telah|sudah|pernah|TELAH)\s+(?:tayang|terbit|dimuat|diterbitkan"
            r"|dipublikasikan|ditayangkan|TAYANG)\b"
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
        _r(r"(?:Klik|KLIK|klik) untuk baca\s*:?\s*" + URL),
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
            r"|(?:Pastikan\s+)?(?:Anda|[Kk]amu)\s+(?:harus|perlu"
            r"|sudah)\s+(?:meng)?(?:install|instal|unduh|download)\s+"
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
            r"(?:Tulis|Berikan|Kirim)\s+[Kk]omentar(?:mu|\s+Anda)?\b[^\n]{0,200}?(?:[.!?](?=\s|$|[A-Z])|$)"
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
    # --- one-line pages: furniture glued into the body line ---------------------------------------
    Rule(
        "tags",
        _r(r"(?<=[.!?\"”)\]])\s*(?:Tags?|TAGS?|Tagar|Topik|TOPIK|Kata [Kk]unci)\s*:\s*[^\n.!?:]{1,200}$"),
        Scope.END,
        max_words=30,
        note="tag list glued after the last sentence of a flattened page",
    ),
    Rule(
        "navigation",
        _r(r"^(?:Home|HOME|Beranda|BERANDA|Index)\s*[>»›]\s*(?:[^>»›\n.!?]{1,25}?\s*[>»›]\s*){0,4}\S+"),
        Scope.START,
        max_words=12,
        note="breadcrumb glued before the headline of a flattened page",
    ),
    Rule(
        "timestamp",
        _r(
            r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu),\s*\d{1,2}\s+"
            rf"{MONTHS}\s+\d{{4}}\s*[-–|]\s*\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:WIB|WITA|WIT)\b"
        ),
        Scope.INLINE,
        hint=("WIB", "WITA", "WIT"),
        note="publication stamp 'Senin, 07 Desember 2026 - 13:05 WIB' inside a flattened page",
    ),
    Rule(
        "share",
        _r(
            r"(?<=[.!?\"”)\]])(?:\s*(?:Baca Lainnya|Baca Selengkapnya|Tulis Komentar|Lihat Komentar"
            r"|Bagikan|Share|Komentar|BACA LAINNYA|TULIS KOMENTAR))+$"
        ),
        Scope.END,
        hint=("Baca", "Komentar", "Bagikan", "Share", "BACA", "KOMENTAR"),
        note="page buttons glued after the last sentence of a flattened page",
    ),
    # --- social-media embeds serialised as text --------------------------------------------------
    Rule(
        "social_embed",
        _r(
            r"\s*(?:pic\.twitter\.com/\w+|[—–-]\s*[^\n()]{1,60}\(@\w{1,30}\)\s*"
            rf"(?:{_EN_MONTHS}\s+\d{{1,2}},\s*\d{{4}}|\d{{1,2}}\s+{MONTHS}\w*\s+\d{{4}}))"
        ),
        Scope.INLINE,
        hint=("pic.twitter", "(@"),
        note="tweet residue: 'pic.twitter.com/...' and the '— Name (@handle) December 9, 2026' line",
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
            r"(?<=[.!?\"”])\s*(?:Pewarta|Penulis|Reporter|Editor|Redaktur|Penyunting"
            r"|Kontributor|Sumber)\s*:\s*"
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
            r"|[Aa]nt(?:ara)?|ANT(?:ARA)?|[A-Z][a-z]{1,5}/[a-z]{2,6}"
            # desk codes in capitals: (ABD), (Z-7), (Ant/H-2)
            r"|[A-Z]{2,4}|(?:[A-Z][a-z]{1,5}/)?[A-Z]{1,3}-\d{1,3}"
            # network credit: (outlet.co.id/name)
            rf"|{DOMAIN}\s?/\s?[A-Za-z][\w .'-]{{1,40}})[)\]]$"
        ),
        Scope.END,
        note="reporter/editor initials: (azr/haf), [has], (*), (ant), (ABD), (Z-7), (outlet.co.id/name)",
    ),
    Rule(
        "end_mark",
        _r(r"(?:^|(?<=[.!?\"”’]))\s*(?:\*\s?){3}$"),
        Scope.END,
        note="'***' end-of-article mark after the last sentence",
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
)

_PHOTO_CREDIT = (
    Rule(
        "caption",
        _r(
            r"\s*\((?:ANTARA FOTO|ANTARA|Foto|FOTO|Dok\.|DOK\.|Dokumentasi|Sumber foto"
            r"|Ilustrasi)\s*[:/][^()\n]{1,100}\)"
        ),
        Scope.INLINE,
        hint=("(",),
        note="photo credit in parentheses inside a line",
    ),
)

#: Every rule, in the order the engine applies them.
RULES: tuple[Rule, ...] = (*_TEXT_RULES, *LINE_RULES, *_PHOTO_CREDIT)
