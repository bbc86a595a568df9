"""Boilerplate rules for Indonesian news scrapes, matched by shape (position, punctuation, length).

Each function takes one normalised line (a paragraph) and returns what is left plus the cuts it made.
The rules follow the page furniture of Indonesian outlets (Kompas, Detik, Tempo, ANTARA, CNN
Indonesia, Tribun, Liputan6, Okezone, Suara, Kumparan...), never the words of a particular article.
"""

from __future__ import annotations

import logging
import re

from ..results import Removal

__all__ = ["LineCleaner", "strip_dateline"]

logger = logging.getLogger(__name__)

_I = re.IGNORECASE
_END_PUNCT = '.!?"”’)…'

# --- "Baca juga:" and friends -------------------------------------------------------------------
_READ_ALSO = re.compile(
    r"\b(?:Baca|BACA|Lihat|LIHAT|Simak|SIMAK)\s+(?:[Jj]uga|JUGA|[Pp]ula)\b\s*(?P<sep>[:：\-–—]?)"
)
_RELATED_LABEL = re.compile(
    r"^(?:baca|lihat|simak)\s+(?:juga|pula)|^(?:berita|artikel|baca berita"
    r"|konten)\s+(?:terkait|lainnya|menarik)"
    r"|^(?:artikel|berita|video)\s+pilihan|^rekomendasi(?:\s+untuk\s+anda)?|^terpopuler|^pilihan\s+editor",
    _I,
)
_EDITOR_PICK = re.compile(r"^(?:Pilihan|PILIHAN)\s+(?:Editor|EDITOR|Redaksi|REDAKSI)\s*:")
_TOKEN = re.compile(r"\S+")
_HEADLINE_WINDOW = 320
_FUNCTION_WORDS = frozenset(
    [
        "di",
        "ke",
        "dari",
        "dan",
        "yang",
        "untuk",
        "dengan",
        "atau",
        "pada",
        "vs",
        "hingga",
        "jadi",
        "oleh",
        "ini",
        "itu",
        "karena",
        "bagi",
        "soal",
        "usai",
        "jelang",
        "saat",
        "dalam",
        "akan",
        "tak",
        "tidak",
        "bisa",
        "sudah",
        "masih",
        "demi",
        "agar",
        "lewat",
        "antara",
        "se",
        "per",
        "&",
        "the",
        "of",
    ]
)
# Capitalised words that usually open a sentence; used to find where a glued headline ends.
_STARTERS = frozenset(
    [
        "Ia",
        "Dia",
        "Mereka",
        "Kami",
        "Kita",
        "Saya",
        "Hal",
        "Namun",
        "Tetapi",
        "Sementara",
        "Selain",
        "Sebelumnya",
        "Kemudian",
        "Adapun",
        "Menurut",
        "Dalam",
        "Pada",
        "Saat",
        "Ketika",
        "Untuk",
        "Dengan",
        "Oleh",
        "Meski",
        "Meskipun",
        "Sedangkan",
        "Bahkan",
        "Selanjutnya",
        "Sejak",
        "Kini",
        "Karena",
        "Jika",
        "Apabila",
        "Setelah",
        "Sebelum",
        "Presiden",
        "Menteri",
        "Gubernur",
        "Bupati",
        "Wali",
        "Wakil",
        "Ketua",
        "Kepala",
        "Direktur",
        "Polisi",
        "Pemerintah",
        "Warga",
        "Petugas",
        "Pihak",
        "Kapolres",
        "Kapolda",
        "Kapolri",
        "Sekretaris",
        "Juru",
        "Anggota",
        "Pengamat",
        "Berdasarkan",
        "Diketahui",
        "Sebanyak",
        "Sejumlah",
        "Para",
        "Seorang",
        "Korban",
        "Pelaku",
        "Tim",
        "Kementerian",
        "Dinas",
        "Perusahaan",
        "Lebih",
        "Akibatnya",
        "Selama",
        "Sampai",
        "Itu",
        "Ini",
        "Di",
        "Dari",
        "Sebagai",
    ]
)

# --- agency footers and credits -----------------------------------------------------------------
_AGENCY_FOOTER = re.compile(
    r"(?:Pewarta|PEWARTA|Penulis|PENULIS|Reporter|REPORTER|Kontributor|Wartawan)\s*:\s*[^\n:]{1,80}?\s*"
    r"(?:Editor|EDITOR|Redaktur|Penyunting|Uploader)\s*:\s*[^\n]{0,400}$"
)
_GLUED_CREDIT = re.compile(
    r"(?<=[.!?\"”])\s*(?:Pewarta|Penulis|Reporter|Editor|Redaktur|Penyunting|Kontributor|Sumber)\s*:\s*"
    r"[A-Z][^\n.!?]{0,60}$"
)
# A copyright footer starts a line or follows a sentence end ("...Indonesia.COPYRIGHT © ANTARA 2023") and
# is short; "Hak cipta © 2024 bukan soal utama, kata Rudi" is prose and stays.
_COPYRIGHT = re.compile(
    r"(?:^|(?<=[.!?\"”)\]]))\s*"
    r"(?:COPYRIGHT\s*©?|Copyright\s*©|\(c\)\s*Copyright|©\s*(?:19|20)\d\d|©\s*[A-Z])[^\n]{0,120}$"
)
_NO_COPYING = re.compile(
    r"(?:^|(?<=[.!?\"”\d\s]))Dilarang\s+(?:keras\s+)?(?:mengambil|mengutip|menyalin|memperbanyak|"
    r"menggunakan|mereproduksi|menyebarluaskan)\b[^\n]{0,400}?\bizin\b[^\n]{0,200}$",
    _I,
)
_CREDIT_LINE = re.compile(
    r"^(?:pewarta|editor|penulis|reporter|redaktur|penyunting|kontributor|wartawan|fotografer|penerjemah|"
    r"sumber|videografer|produser|uploader|copy ?editor|grafis|infografis|penanggung jawab)\s*:\s*\S",
    _I,
)
_REPORTER_LINE = re.compile(
    r"^(?:Laporan|LAPORAN|Dilaporkan oleh)\s+(?:[Rr]eporter|[Ww]artawan|[Kk]oresponden"
    r"|[Jj]urnalis|[Kk]ontributor)\b"
)
_REPORTER_BEFORE_DATELINE = re.compile(
    r"^(?:Laporan|LAPORAN)\s+(?:[Rr]eporter|[Ww]artawan|[Kk]oresponden|[Jj]urnalis|[Kk]ontributor)\b"
    r"[^\n]{0,100}?\s(?=[A-Z][A-Za-z0-9]*\.(?:COM|com|CO\.ID|co\.id|ID|id)\b[^\n]{0,40}?\s[-–—]{1,2}\s)"
)
_PUBLISHED_AT = re.compile(
    r"(?:^|(?<=[.!?\"”)])\s*)(?:Sebagian\s+)?(?:Artikel|Berita|Tulisan|Konten)\s+ini\s+(?:telah|sudah|pernah)\s+"
    r"(?:tayang|terbit|dimuat|diterbitkan|dipublikasikan|ditayangkan)\b[^\n]*$",
    _I,
)
_END_MARK = re.compile(
    r"(?:^|(?<=[.!?\"”’])\s*|\s+(?=[(\[]\*))"
    r"[(\[](?:\*{1,3}|[a-z]{2,6}(?:\s?/\s?[a-z]{2,6}){0,3}|[Aa]nt(?:ara)?|ANT(?:ARA)?|[A-Z][a-z]{1,5}/[a-z]{2,6})[)\]]$"
)
_OUTLET_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\"”’])\s*)\((?:[A-Za-z][A-Za-z0-9]*\.(?:com|co\.id|id|net)|ANTARA|Antara|Tribun\w*)"
    r"\s*/[^()\n]{1,80}\)$"
)
_PHOTO_CREDIT = re.compile(
    r"\s*\((?:ANTARA FOTO|ANTARA|Foto|FOTO|Dok\.|DOK\.|Dokumentasi|Sumber foto"
    r"|Ilustrasi)\s*[:/][^()\n]{1,100}\)"
)
_CAPTION_LINE = re.compile(
    r"^(?:foto|gambar|ilustrasi|dok|dokumentasi|sumber foto|photo|image|credit|kredit foto)\s*[:./]\s*\S"
    r"|^(?:[A-Z][A-Za-z0-9]*\.(?:com|COM|id|ID|co\.id|CO\.ID)|ANTARA FOTO|KOMPAS|TRIBUN[A-Z]*"
    r"|DOK)\s*/\s*[A-Z]",
    _I,
)
# Titles of embedded media blocks ("Infografis Harga BBM Naik", "VIDEO: ...", "Galeri Foto ..."): they
# label a picture or player that the scrape lost, so the line says nothing on its own.
_MEDIA_LABEL = re.compile(
    r"^(?:infografis|infografik|video|galeri(?:\s+foto)?|foto\s+terkait|podcast)\b\s*:?\s*\S", _I
)
_CAPTION_TAIL = re.compile(
    r"\((?:foto|dok\.?|dokumentasi|sumber(?: foto)?|ilustrasi|antara foto|antara|istimewa"
    r"|shutterstock|getty images?|"
    r"istock(?:photo)?|reuters|afp|ap photo|unsplash|freepik|pexels)\b[^()\n]{0,100}\)$",
    _I,
)

# --- ads, embeds, promos, share rails -----------------------------------------------------------
_AD_SCRIPT = re.compile(
    r"\(\s*adsbygoogle\s*=\s*window\.adsbygoogle\s*\|\|\s*\[\]\s*\)\s*\.push\(\s*\{\s*\}\s*\)\s*;?"
    r"|googletag\.cmd\.push\([^\n]{0,300}?\}\s*\)\s*;?"
    r"|window\.\w+\s*=\s*window\.\w+\s*\|\|\s*\[\][^\n]{0,200}?;"
)
_SCRIPT_LINE = re.compile(
    r"^(?:var |let |const |function\s*\(|!function|document\.write|window\.|googletag\.|\(function)"
)
_GAMBAS = re.compile(r"\s*\[Gambas:[^\]\n]{0,200}\]", _I)
_AD_INLINE = re.compile(r"\s*\b(?:ADVERTISEMENT|SCROLL TO CONTINUE WITH CONTENT|SCROLL TO RESUME CONTENT)\b")
_AD_LINE = re.compile(
    r"^(?:advertisement|iklan|adv|ads|sponsored|konten sponsor"
    r"|scroll(?: ke bawah)? untuk (?:melanjutkan|lanjut)"
    r"(?: membaca)?(?: artikel)?|scroll to continue(?: with content)?"
    r"|lanjutkan membaca(?: artikel)?(?: di bawah)?"
    r"|konten berikut adalah iklan[^\n]*|tutup iklan|loading\W*|memuat\W*|halaman selanjutnya|selanjutnya\W*"
    r"|halaman\s*:?[\d\s]*|next page|baca selengkapnya\W*|baca artikel selengkapnya\W*)\W*$",
    _I,
)
_VIDEO_PROMO = re.compile(r"^(?:simak|tonton|saksikan|lihat)\s+(?:juga\s+)?(?:video|live|siaran)\b", _I)
_PROMO = re.compile(
    r"^(?:dapatkan|simak|ikuti|follow|gabung|bergabung|download|unduh|klik|yuk|jangan lewatkan|kunjungi|"
    r"subscribe|pantau|cek|update|baca berita|nikmati|install|instal)\b",
    _I,
)
_PROMO_TARGET = re.compile(
    r"google news|whatsapp|telegram|instagram|youtube|tiktok|twitter|facebook|aplikasi|app store|play store|"
    r"google play|berita pilihan|breaking news|klik di sini|klik link|saluran|channel|newsletter|notifikasi|"
    r"sedikit iklan|tanpa iklan|akun resmi",
    _I,
)
_TAGS_LINE = re.compile(
    r"^(?:tags?|tagar|topik(?: terkait| menarik| pilihan)?|kata kunci|keywords?"
    r"|bagikan(?: artikel ini| berita ini)?|"
    r"share(?: this(?: article)?)?|berita terkait|artikel terkait|ikuti kami(?: di)?|follow us"
    r"|kategori)\s*[:：]",
    _I,
)
_SOCIAL_ONLY = re.compile(
    r"^(?:\b(?:facebook|twitter|x|whatsapp|wa|telegram|line|linkedin|e-?mail|copy link"
    r"|salin link|salin tautan|"
    r"pinterest|instagram|threads|share|bagikan|tweet|komentar|kirim|tags?|topik|print|cetak|link)\b\W*)+$",
    _I,
)
_HASHTAGS_ONLY = re.compile(r"^(?:#\w+\W*)+$")
# A line that is only a publication date/time ("Sabtu, 21 Desember 2024 20:15 WIB", "21/12/2024, 08:00 WITA",
# "Diperbarui 21 Des 2024, 10:05"): page chrome, never prose, since it has no verb at all.
_MONTHS = (
    r"(?:Jan(?:uari)?|Feb(?:ruari)?|Mar(?:et)?|Apr(?:il)?|Mei|Jun(?:i)?|Jul(?:i)?|Agu(?:stus)?|Agt|Ags|"
    r"Sep(?:tember)?|Okt(?:ober)?|Nov(?:ember)?|Des(?:ember)?)"
)
_TIMESTAMP_LINE = re.compile(
    r"^(?:(?:Diperbarui|Dipublikasikan|Diterbitkan|Dibuat|Update|Updated|Published)\s*:?\s*)?"
    r"(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)\s*,?\s*)?"
    rf"(?:\d{{1,2}}\s+{_MONTHS}\.?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    r"(?:\s*[,|-]?\s*(?:pukul\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?"
    r"(?:\s*(?:WIB|WITA|WIT|GMT\+?\d*|UTC\+?\d*))?\s*$",
    _I,
)


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in _END_PUNCT if text.strip() else False


def _is_cap(token: str) -> bool:
    word = token.lstrip("\"'“‘([")
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _is_lower(token: str) -> bool:
    word = token.lstrip("\"'“‘([")
    return bool(word) and word[0].islower()


def headline_end(rest: str, *, complete: bool = True) -> int:
    """Offset in ``rest`` where a glued "Baca juga:" headline ends and the article text resumes.

    Returns ``len(rest)`` when the whole rest is headline. Kompas glues headlines into prose without
    punctuation; headlines are Title Case, so the prose resumes one capitalised word before the first
    lower-case run (or at a known sentence opener in that capitalised run).
    """
    tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(rest)]
    n = len(tokens)
    words = [t for _, t in tokens]
    if n == 0 or (complete and not _ends_sentence(rest) and not any(w[-1] in ".!?" for w in words[:-1])):
        # A headline alone has no full stop; prose after it would.
        return len(rest)
    punct = n
    for i, word in enumerate(words[:30]):
        if i and word[:1] in '"“':
            punct = i
            break
        if word[-1:] in ".!?" and i < n - 1 and _is_cap(words[i + 1]) and len(word.rstrip(".!?")) > 1:
            punct = i + 1
            break
    cut = min(punct, _case_boundary(words))
    return tokens[cut][0] if cut < n else len(rest)


def _case_boundary(words: list[str]) -> int:
    """Index of the first word after the headline, judged by capitalisation; ``len(words)`` if none."""
    n = len(words)
    title_case = _is_cap(words[0]) and (n < 2 or _is_cap(words[1]) or words[1].lower() in _FUNCTION_WORDS)
    if title_case:
        for i in range(1, min(n, 40)):
            if not _is_lower(words[i]):
                continue
            if words[i].lower() in _FUNCTION_WORDS and i + 1 < n and _is_cap(words[i + 1]):
                continue
            for j in range(i - 1, max(1, i - 5), -1):
                if words[j].strip("\"'“‘(,") in _STARTERS and _is_cap(words[j]):
                    return j
            return i - 1 if i - 1 >= 1 else n
        return n
    seen_lower = False
    for i in range(1, min(n - 1, 40)):
        if _is_lower(words[i]):
            seen_lower = True
        elif seen_lower and i >= 2 and _is_cap(words[i]) and _is_lower(words[i + 1]):
            return i
    return n


class LineCleaner:
    """Applies the per-line rules in order; keeps a little state for multi-line blocks."""

    def __init__(self) -> None:
        self.removed: list[Removal] = []
        self._related_lines = 0  # headline lines still expected after a bare "Baca juga" label

    def _cut(self, rule: str, text: str) -> None:
        text = text.strip()
        if text:
            self.removed.append(Removal(rule, text))

    def _sub(self, pattern: re.Pattern[str], rule: str, line: str) -> str:
        if not pattern.search(line):
            return line
        parts: list[str] = []
        last = 0
        for match in pattern.finditer(line):
            self._cut(rule, match.group(0))
            parts.append(line[last : match.start()])
            last = match.end()
        parts.append(line[last:])
        return " ".join("".join(parts).split())

    def clean(self, line: str) -> str:
        """Return the line without boilerplate ('' when the whole line was boilerplate)."""
        if self._related_lines:
            if not _ends_sentence(line) and _words(line) <= 20 and not _READ_ALSO.match(line):
                self._related_lines -= 1
                self._cut("read_also", line)
                return ""
            self._related_lines = 0
        line = self._sub(_AD_SCRIPT, "ad_script", line)
        line = self._sub(_GAMBAS, "embed", line)
        line = self._sub(_AD_INLINE, "ad", line)
        line = self._read_also(line)
        line = self._sub(_NO_COPYING, "footer", line)
        line = self._sub(_AGENCY_FOOTER, "footer", line)
        line = self._sub(_COPYRIGHT, "footer", line)
        line = self._sub(_PUBLISHED_AT, "credit", line)
        line = self._sub(_GLUED_CREDIT, "credit", line)
        line = self._sub(_REPORTER_BEFORE_DATELINE, "credit", line)
        line = self._sub(_OUTLET_CREDIT, "credit", line)
        line = self._sub(_END_MARK, "end_mark", line)
        if not line:
            return ""
        rule = self._whole_line_rule(line)
        if rule:
            self._cut(rule, line)
            return ""
        return self._sub(_PHOTO_CREDIT, "caption", line)

    def _whole_line_rule(self, line: str) -> str | None:
        words = _words(line)
        if _AD_LINE.match(line):
            return "ad"
        if _SCRIPT_LINE.match(line) and (";" in line or "{" in line):
            return "ad_script"
        if _EDITOR_PICK.match(line) and words <= 30:
            return "read_also"
        if words <= 4 and _RELATED_LABEL.match(line) and not _ends_sentence(line.rstrip(":")):
            self._related_lines = 6
            return "read_also"
        if _CREDIT_LINE.match(line) and words <= 14 and not line.rstrip().endswith(("?", "!")):
            return "credit"
        if _REPORTER_LINE.match(line) and words <= 16:
            return "credit"
        if _TAGS_LINE.match(line) and words <= 40:
            return "tags"
        if _SOCIAL_ONLY.match(line) or _HASHTAGS_ONLY.match(line):
            return "share"
        if _VIDEO_PROMO.match(line) and words <= 25:
            return "video_promo"
        if _PROMO.match(line) and words <= 50 and _PROMO_TARGET.search(line):
            return "promo"
        if words <= 40 and (_CAPTION_LINE.match(line) or _CAPTION_TAIL.search(line)):
            return "caption"
        if words <= 10 and _TIMESTAMP_LINE.match(line):
            return "timestamp"
        if words <= 14 and _MEDIA_LABEL.match(line) and not _ends_sentence(line):
            return "caption"
        return None

    def _read_also(self, line: str) -> str:
        """Cut "Baca juga: <headline>" wherever it starts a line or follows a sentence end."""
        if not _READ_ALSO.search(line):
            return line
        out: list[str] = []
        last = pos = 0
        emitted = False  # whether prose was kept before the current position
        while match := _READ_ALSO.search(line, pos):
            k = match.start()
            while k > last and line[k - 1].isspace():
                k -= 1
            at_start = k == 0 or (k == last and not emitted)
            # After an earlier cut (k == last) the previous headline ended the sentence.
            if not (at_start or k == last or line[k - 1] in _END_PUNCT):
                pos = match.end()
                continue
            # Only a window after the label is examined, so a 50 MB line stays linear.
            window = line[match.end() : match.end() + _HEADLINE_WINDOW]
            whole = match.end() + _HEADLINE_WINDOW >= len(line)
            if not match.group("sep") and (
                # Without a colon only a whole short line with no full stop is a link ("Baca Juga Harga");
                # "Baca juga laporan kami ..." in prose ends like a sentence and stays.
                not at_start or not whole or _ends_sentence(window) or _words(window) > 20
            ):
                pos = match.end()
                continue
            if whole and not window.strip():
                self._related_lines = 6 if at_start else 0
                cut_end = len(line)
            else:
                cut_end = match.end() + headline_end(window, complete=whole)
            self._cut("read_also", line[match.start() : cut_end])
            out.append(line[last : match.start()])
            emitted = emitted or bool(out[-1].strip())
            last = pos = cut_end
        out.append(line[last:])
        return " ".join(" ".join(out).split())


# --- datelines ----------------------------------------------------------------------------------
_DL_TOKEN = (
    r"(?:[A-Z][\w.&'’]*|\([^()\n]{1,40}\)|[a-z]+[A-Z][\w.]*|[a-z][\w]*\.(?:com|id|co\.id|net)"
    r"|\d{1,2}/\d{1,2})"
)
_DATELINE = re.compile(rf"^{_DL_TOKEN}(?:,?\s+{_DL_TOKEN}){{0,6}},?\s*(?:--?|–|—)\s+(?=[\"“'‘A-Z0-9])")
_OUTLET_HINT = re.compile(r"[A-Z]{2}|\.\w|\(|\d|CNN|Indonesia")


def strip_dateline(line: str) -> tuple[str, str | None]:
    """Drop a leading dateline ("JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -"); return (line, cut)."""
    match = _DATELINE.match(line)
    if not match or len(match.group(0)) > 70:
        return line, None
    prefix = match.group(0)
    place = re.split(r"\s*(?:--?|–|—)\s*$", prefix)[0]
    # A bare place name ("Jakarta -") is at most three words; longer runs need an outlet marker.
    if _words(place) > 3 and not _OUTLET_HINT.search(place):
        return line, None
    return line[match.end() :], prefix.strip()
