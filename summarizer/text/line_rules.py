"""Whole-line rows of the cleaning rule table: page furniture that fills a line on its own."""

from __future__ import annotations

import re

from .rule_types import DOMAIN, MONTHS, URL, Rule, Scope
from .rule_types import compile_rule as _r

__all__ = ["LINE_RULES"]

_I = re.IGNORECASE

LINE_RULES: tuple[Rule, ...] = (
    # --- whole-line furniture -------------------------------------------------------------------
    Rule(
        "ad_script",
        _r(
            r"^(?:var |let |const |function\s*\(|!function|document\.write|window\."
            r"|googletag\.|\(function)[^\n]*[;{]"
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
        "navigation",
        _r(r"^[a-z]{3,}[A-Z][A-Za-z]{1,20}$"),
        Scope.LINE,
        note="a channel label on its own line: one camel-cased word ('outletBISNIS', 'siteNews')",
    ),
    Rule(
        "social_embed",
        _r(
            r"^(?:View this post on Instagram|Lihat postingan ini di Instagram|A post shared by\b[^\n]{0,80}"
            r"|Sebuah kiriman dibagikan oleh\b[^\n]{0,80}|Watch on TikTok|Tonton di TikTok"
            r"|View (?:more )?on (?:Instagram|TikTok|Twitter|X|YouTube))\s*$",
            _I,
        ),
        Scope.LINE,
        max_words=20,
        note="Instagram/TikTok embed residue",
    ),
    Rule(
        "separator",
        _r(r"^[*#~=_•·.\s-]{3,}$"),
        Scope.LINE,
        note="a rule of asterisks, dashes or dots between the body and the footer",
    ),
    Rule(
        "read_also",
        _r(
            r"^(?:(?:Berita|Artikel|Baca)\s+)?(?:Selanjutnya|SELANJUTNYA|Berikutnya|Sebelumnya)\s*:"
            r"\s*[^\n]*[^.\n]$"
        ),
        Scope.LINE,
        max_words=25,
        note="'Selanjutnya: headline' link to the next article (a headline has no full stop)",
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
            r"^(?:(?:baca|lihat|simak)\s+(?:juga|pula|lainnya)|(?:berita|artikel|baca berita|konten)\s+"
            r"(?:terkait|lainnya|menarik|selanjutnya|sebelumnya)|(?:artikel|berita|video)\s+pilihan"
            r"|rekomendasi(?:\s+untuk\s+anda)?"
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
            r"^(?:pewarta|editor|penulis|reporter|redaktur|penyunting|kontributor|wartawan"
            r"|fotografer|penerjemah|"
            r"sumber|videografer|produser|uploader|copy ?editor|grafis|infografis|penanggung jawab|"
            r"rep|red|ed|oleh)\s*:\s*\S[^?!]*$",
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
            r"^(?:Laporan|LAPORAN|Dilaporkan oleh)\s+(?:[Rr]eporter|[Ww]artawan"
            r"|[Kk]oresponden|[Jj]urnalis|[Kk]ontributor)"
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
            r"^(?:tags?|tagar|topik(?: terkait| menarik| pilihan)?|kata kunci|keywords?"
            r"|bagikan(?:\s+(?:artikel|berita)(?:\s+ini)?)?|"
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
            r"salin link|salin tautan|pinterest|instagram|threads|youtube|tiktok|share|bagikan|tweet|"
            r"komentar|kirim|tags?|topik|print|cetak|link)\b\W*)+$"
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
            r"^(?:dapatkan|simak|ikuti|follow|gabung|bergabung|download|unduh|klik|yuk"
            r"|jangan lewatkan|kunjungi|"
            r"subscribe|pantau|cek|update|baca berita|nikmati|install|instal)\b[^\n]*"
            r"(?:google news|whatsapp|telegram|instagram|youtube|tiktok|twitter|facebook"
            r"|aplikasi|app store|play store|"
            r"google play|berita pilihan|breaking news|klik di sini|klik link|saluran"
            r"|channel|newsletter|notifikasi|"
            r"sedikit iklan|tanpa iklan|akun resmi|https?://)",
            _I,
        ),
        Scope.LINE,
        max_words=50,
        note="follow-us / app / channel promo line",
    ),
    Rule(
        "promo",
        _r(rf"^[^.!?\n]{{1,60}}:\s*{URL}\s*$"),
        Scope.LINE,
        max_words=10,
        note="'Label: URL' link lines (app, subscription, source)",
    ),
    Rule("link", _r(rf"^\W*{URL}\W*$"), Scope.LINE, note="a bare URL on its own line"),
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
            r"^(?:foto|gambar|ilustrasi|dok|dokumentasi|sumber foto|photo|image|credit"
            r"|kredit foto)\s*[:./]\s*\S"
            r"|^(?:[A-Z][A-Za-z0-9]*\.(?:com|COM|id|ID|co\.id|CO\.ID)|ANTARA FOTO|ANTARA|KOMPAS"
            r"|TRIBUN[A-Z]*|DOK)\s*/\s*[A-Z]"
            r"|\((?:foto|dok\.?|dokumentasi|sumber(?: foto)?|ilustrasi|antara foto|antara"
            r"|istimewa|shutterstock|"
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
            rf"(?:\d{{1,2}}\s+{MONTHS}\.?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
            r"(?:\s*[,|-]?\s*(?:pukul\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?"
            r"(?:\s*(?:WIB|WITA|WIT|GMT\+?\d*|UTC\+?\d*))?\s*$",
            _I,
        ),
        Scope.LINE,
        max_words=10,
        note="publication date/time line",
    ),
)
