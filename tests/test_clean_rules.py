"""The rule table family by family, on hand-written Indonesian news shapes (cuts and must-not-remove)."""

from __future__ import annotations

import re

import pytest
from clean_support import clean, cuts

from summarizer.text import html as html_module
from summarizer.text.boilerplate import LineCleaner
from summarizer.text.rules import RULES, Rule, Scope

BODY = "Pemerintah kota menambah armada bus listrik tahun ini.\n\nWarga menyambut baik rencana itu."
FIRST, LAST = BODY.split("\n\n")


def assert_kept(*paragraphs: str, sep: str = "\n\n", nothing_cut: bool = False) -> None:
    """Real paragraphs joined by ``sep`` come out as they went in (and, with ``nothing_cut``, no cut)."""
    result = clean(sep.join(paragraphs))
    assert result.paragraphs == paragraphs
    if nothing_cut:
        assert result.removed == ()


# --- the table itself ---------------------------------------------------------------------------
def test_every_rule_is_named_scoped_and_compiled():
    assert len(RULES) >= 40
    for rule in RULES:
        assert rule.name and re.fullmatch(r"[a-z_]+", rule.name)
        assert isinstance(rule.scope, Scope)
        assert isinstance(rule.pattern, re.Pattern)


def test_a_new_outlet_shape_is_one_row():
    row = Rule("promo", re.compile(r"^Langganan koran digital kami\b[^\n]*$"), Scope.LINE, max_words=20)
    cleaner = LineCleaner((*RULES, row))
    assert cleaner.clean("Langganan koran digital kami mulai Rp 20.000 per bulan") == ""
    assert cleaner.removed[-1].rule == "promo"
    assert LineCleaner().clean("Langganan koran digital kami mulai Rp 20.000 per bulan") != ""


# --- datelines ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "dateline",
    [
        "MEDAN, WARTAKOTA.co.id -",
        "Makassar (ANTARA) –",
        "Ambon, Maluku (ANTARA) -",
        "Palu (Kabarsulteng.com)-",
        "KABARBANTEN.COM, SERANG —",
        "Radarmalang.id -",
        "Kendari, Sultra Indonesia --",
        "BONTANG, KALTIM POST -",
        "KONTAN.CO.ID - JAKARTA.",
        "SEMARANG (Suara Pantura) –",
        "Bandar Lampung (Warta Sumbagsel) -",
    ],
)
def test_dateline_forms(dateline):
    r = clean(f"{dateline} {FIRST}\n\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)
    assert cuts(r)["dateline"] == [dateline.rstrip()]


def test_stacked_datelines():
    r = clean(f"beritadaerah.com - PONTIANAK - {FIRST}")
    assert r.text == FIRST
    r = clean("Bandung, portalwarga.or.id - Kemenkes-Menteri Kesehatan meninjau puskesmas itu.")
    assert r.text == "Menteri Kesehatan meninjau puskesmas itu."


def test_header_above_the_dateline_goes():
    caption = "Bus listrik terparkir di depo, Senin (3/2/2025). (Koranlokal.com/Dewi Lestari)"
    r = clean(f"Armada Baru Kota\nPerbesar\n{caption}\nSURAKARTA, KORANLOKAL.com - {FIRST}\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)
    assert "header" in cuts(r)


def test_dateline_glued_after_a_headline_or_byline():
    r = clean(f"Bus Listrik Mulai Beroperasi di KotaSOLO – {FIRST} {LAST}")
    assert r.text == f"{FIRST} {LAST}"
    r = clean(f"Laporan Budi Hartono | Sleman SUARAJOGJA.ID, SLEMAN - {FIRST}")
    assert r.text == FIRST


def test_second_dateline_mid_line_in_a_one_line_paste():
    text = f"Koranlokal.com - {FIRST} {LAST} Bus Listrik Datang! Koranlokal.com - {FIRST} {LAST}"
    r = clean(text)
    assert r.text == f"{FIRST} {LAST}"
    assert cuts(r)["dateline"] == ["Koranlokal.com -", "Koranlokal.com -"]


@pytest.mark.parametrize(
    "prose",
    [
        "Kompas.com berhasil menghubungi kepala dinas itu pada Selasa malam.",
        "Hal itu disampaikan kepada Tribunnews.com, Rabu (5/2/2025), di kantornya.",
        "Presiden Joko Widodo - yang hadir sejak pagi - meresmikan jalan tol itu.",
        "Presiden Joko Widodo (Jokowi) - yang hadir sejak pagi - meresmikan jalan tol itu.",
        "Arema (Malang) - Persebaya (Surabaya) berakhir imbang 2-2 di Stadion Kanjuruhan, Minggu.",
        "Pangsa pasar: Jepang - 7.9% Korea - 3.6% Thailand - 2.1% menurut data itu.",
        "Ia tiba di St. Petersburg pada pukul 08.30 waktu setempat dengan suhu 3,5 derajat.",
    ],
)
def test_datelines_must_not_remove(prose):
    assert_kept(prose, LAST, nothing_cut=True)


# --- copy, app and syndication footers ------------------------------------------------------------
@pytest.mark.parametrize(
    "footer",
    [
        'Baca artikel detikfinance, "Harga Cabai (Rawit) Turun" selengkapnya https://finance.detik.com/d-1/harga',
        'Baca artikel CNN Indonesia "Bus Listrik Tiba" selengkapnya di sini: https://cnnindonesia.com/x/1.',
        "Download Apps Detikcom Sekarang https://apps.detik.com/detik/",
        'Berita ini telah tayang di Koranlokal.com dengan judul: "Bus Listrik Tiba", https://koranlokal.com/a/1',
    ],
)
def test_copy_footer_glued_to_the_last_sentence(footer):
    r = clean(f"{FIRST}  {LAST}  {footer}")
    assert r.text == f"{FIRST} {LAST}"


def test_syndication_footer_broken_over_lines_is_one_block():
    footer = 'Artikel ini telah tayang di\nKoranlokal.com\ndengan judul\n"Bus Listrik Tiba",\nhttps://koranlokal.com/a/1'
    r = clean(f"{FIRST}\n{footer}\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)
    assert len(cuts(r)["syndication"]) == 5


def test_link_lines_under_a_copy_footer():
    r = clean(
        f"{FIRST}\nLangganan tanpa iklan: https://kl.id/plus\nDownload aplikasi: https://kl.id/app\n{LAST}"
    )
    assert r.paragraphs == (FIRST, LAST)


# --- related-article links ----------------------------------------------------------------------
@pytest.mark.parametrize("label", ["Baca juga:", "BACA JUGA :", "Lihat juga:", "Simak Juga -", "baca juga:"])
def test_read_also_glued_before_the_next_sentence_keeps_it_whole(label):
    text = f"{FIRST} {label} Jalur Sepeda Baru Dibuka di Pusat Kota Warga diminta memakai jalur itu."
    r = clean(text)
    assert r.text == f"{FIRST} Warga diminta memakai jalur itu."


def test_read_also_headline_ending_in_a_date_keeps_a_two_word_subject():
    text = f"{FIRST} BACA JUGA: Jadwal Bus Malam Lebaran, Sabtu 1 Maret 2025 Dinas Perhubungan akan menambah armada."
    assert clean(text).text == f"{FIRST} Dinas Perhubungan akan menambah armada."


def test_read_also_glued_without_a_space_after_a_scrape():
    text = f"{FIRST} Baca juga: Tarif Bus Listrik Tetap MurahWarga diminta memakai jalur itu."
    assert clean(text).text == f"{FIRST} Warga diminta memakai jalur itu."


def test_read_also_label_then_headline_paragraphs():
    r = clean(f"{FIRST}\nbaca juga:\nTarif Bus Listrik, Berapa Harganya?\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)


def test_bulleted_related_headlines_glued_to_prose():
    text = f"{FIRST} • Tarif Bus Naik Lagi • Halte Baru Dibuka di Terminal Kota Wali Kota meninjau halte itu."
    assert clean(text).text == f"{FIRST} Wali Kota meninjau halte itu."


@pytest.mark.parametrize(
    "prose",
    ["Baca juga aturan lengkapnya di laman resmi dinas.", "Warga bisa melihat juga jadwal bus di halte."],
)
def test_read_also_must_not_remove(prose):
    assert clean(f"{FIRST}\n{prose}").paragraphs == (FIRST, prose)


# --- credits and codes --------------------------------------------------------------------------
@pytest.mark.parametrize("code", ["(abc/def)", "[xyz]", "(*)", "(ant)", "(mdk/rnd)", "(tmy/koranlokal.com)"])
def test_editor_codes(code):
    assert clean(f"{FIRST} {code}").text == FIRST


@pytest.mark.parametrize(
    "line",
    [
        "Penulis Kontributor Solo, Dewi Lestari | Editor Agus Salim",
        "Laporan Wartawan Koranlokal.com, Dewi Lestari",
        "Laporan Dewi Lestari | Sleman",
        "Rep: Dewi Lestari Red: Agus Salim",
        "Pewarta : Dewi Lestari",
        "SUMBER : dishub.go.id",
    ],
)
def test_credit_lines(line):
    assert clean(f"{FIRST}\n{line}\n{LAST}").paragraphs == (FIRST, LAST)


def test_source_credit_glued_after_the_last_sentence():
    assert clean(f"{LAST} (sumber : Koranlokal)").text == LAST


@pytest.mark.parametrize(
    "prose",
    [
        "Kepada Koranlokal (Jaringan Koranlokal.com), Wali Kota mengaku puas dengan hasilnya.",
        "Proyek itu dikerjakan bersama Kementerian Perhubungan (Kemenhub).",
        "Editor film itu, Agus Salim, hadir di lokasi syuting.",
    ],
)
def test_credits_must_not_remove(prose):
    assert clean(f"{FIRST}\n{prose}").paragraphs == (FIRST, prose)


def test_reporter_credit_after_a_quote_keeps_the_quote():
    line = '"Kami puas, semua berjalan lancar," ujarnya. (Koranlokal/Dewi Lestari)'
    r = clean(f"{FIRST}\n{line}")
    assert r.paragraphs == (FIRST, '"Kami puas, semua berjalan lancar," ujarnya.')


# --- captions and photo credits -----------------------------------------------------------------
def test_inline_lihat_foto_caption_and_its_credit_on_the_next_paragraph():
    text = f"{FIRST} Lihat Foto Bus listrik di depo kota.\n\n(Dishub) {LAST}"
    r = clean(text)
    assert r.paragraphs == (FIRST, LAST)
    assert cuts(r)["caption"] == ["Lihat Foto Bus listrik di depo kota.", "(Dishub)"]


def test_inline_copyright_credit_takes_its_caption():
    text = f"{FIRST} Bus listrik di depo kota, Senin (3/2/2025). (c) DISHUB {LAST}"
    assert clean(text).text == f"{FIRST} {LAST}"


@pytest.mark.parametrize(
    "caption",
    [
        "Bus listrik di depo kota. Sopir bersiap berangkat. Foto Koranlokal.id/dls",
        "Bus listrik di depo kota, Senin (3/2/2025) HO-Dishub/dls.",
        "Wali Kota meninjau depo bus (Koranlokal/Dewi Lestari)",
        "Ilustrasi bus listrik (pexels.com/Budi)",
        "Perbesar",
    ],
)
def test_caption_paragraphs(caption):
    assert clean(f"{FIRST}\n{caption}\n{LAST}").paragraphs == (FIRST, LAST)


def test_enumeration_c_is_not_a_photo_credit():
    text = "Syaratnya: (a) warga kota, (b) berusia 17 tahun, (c) memiliki KTP. Pendaftaran dibuka besok."
    assert clean(text).text == text


# --- ads and player residue ---------------------------------------------------------------------
def test_player_and_voucher_residue_between_paragraphs():
    junk = "Pause\nUnmute\nLoaded: 12.5%\nRemaining Time -3:05\nClose Player\nVoucher Belanja Hemat\n9.9 SERBA MURAH\nS & K"
    r = clean(f"{FIRST}\n{junk}\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)


def test_ads_label_glued_after_a_sentence():
    assert clean(f"{FIRST} Ads by  {LAST}").text == f"{FIRST} {LAST}"


def test_short_real_line_starting_with_diskon_stays():
    line = "Diskon tarif berlaku bagi pelajar dan lansia."
    assert clean(f"{FIRST}\n{line}").paragraphs == (FIRST, line)


# --- social wrappers, promos, comment prompts ---------------------------------------------------------
def test_follow_block():
    block = (
        "Mau berita menarik lainnya?\nFollow Instagram: https://instagram.com/koranlokal\n"
        "Subscribe YouTube: https://youtube.com/koranlokal"
    )
    assert clean(f"{FIRST}\n{block}").paragraphs == (FIRST,)


def test_channel_promo_and_comment_prompts_glued_after_the_body():
    tail = (
        " Dapatkan update berita pilihan setiap hari dari Koranlokal.com. Mari bergabung di kanal Telegram"
        " kami, caranya klik link https://t.me/koranlokal, kemudian join. Tulis komentarmu dan menangkan"
        " hadiah! Segera lengkapi data dirimu untuk ikut program ini."
    )
    assert clean(LAST + tail).text == LAST


# --- paging, tags, navigation -------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Halaman 2",
        "Selanjutnya",
        "1 2 3 Selanjutnya",
        "Tags: bus listrik, transportasi",
        "Home > Berita > Kota",
    ],
)
def test_page_furniture_lines(line):
    assert clean(f"{FIRST}\n{line}\n{LAST}").paragraphs == (FIRST, LAST)


# --- duplicated bodies --------------------------------------------------------------------------
S = [
    "Dinas Perhubungan menambah dua puluh bus listrik untuk rute pusat kota.",
    "Bus baru itu mulai melayani penumpang pada awal bulan depan.",
    "Tarif bus listrik tetap Rp3.500 untuk semua penumpang umum.",
    "Kepala dinas berharap warga beralih dari kendaraan pribadi.",
]


def test_flattened_second_copy_after_a_headline():
    text = "\n".join(S) + "\n" + "Bus Listrik Siap Melaju! " + " ".join(S)
    r = clean(text)
    assert r.paragraphs == tuple(S)
    assert cuts(r)["headline"] == ["Bus Listrik Siap Melaju!"]


def test_meta_description_before_the_body_is_kept_once():
    text = f"{S[1]} Koranlokal.com - " + " ".join(S)
    r = clean(text)
    for sentence in S:
        assert r.text.count(sentence) == 1


def test_near_duplicate_copy_with_entities_and_spacing():
    copy = [s.replace(" ", "  ").replace("Rp3.500", "Rp3.500\u00a0") for s in S[1:]]
    r = clean("\n\n".join(S) + "\n\n" + "\n".join(copy))
    assert r.paragraphs == tuple(S)


def test_distinct_short_repeats_stay():
    r = clean("Tanya: Berapa tarifnya?\nJawab: Murah.\nTanya: Berapa tarifnya?\nJawab: Gratis.")
    assert len(r.paragraphs) == 4


# --- HTML ---------------------------------------------------------------------------------------
def test_paragraphs_in_any_block_element():
    html = (
        f"<h4>  {S[0]} </h4><div>{S[1]}</div><table><tr><td>{S[2]}</td></tr></table>"
        f"<p>{S[3]}<br><br>{FIRST}</p>"
    )
    assert clean(html, "html").paragraphs == (*S, FIRST)


def test_single_br_hard_wrap_is_joined():
    html = "<p>Dinas Perhubungan menambah dua puluh <br> bus listrik untuk rute pusat kota.</p>"
    assert clean(html, "html").paragraphs == (S[0],)


PAGE = (
    "<!DOCTYPE html><html><head><title>Kota</title></head><body><nav><a href='/'>Beranda</a></nav>"
    + "<main><h1>Bus Listrik</h1>"
    + "".join(f"<h4>{s}</h4>" for s in S)
    + "<div>Terpopuler hari ini di kota</div></main><footer><p>&copy; 2025 Koran Lokal</p></footer></body></html>"
)


def test_full_page_extractor_stub_falls_back_with_a_warning(monkeypatch):
    monkeypatch.setattr(html_module, "_page_to_text", lambda markup: "Bus Listrik")
    r = clean(PAGE, "html")
    for sentence in S:
        assert sentence in r.paragraphs
    assert "Beranda" not in r.text and "2025 Koran Lokal" not in r.text
    assert [w.code for w in r.warnings] == ["extractor_fallback"]


def test_full_page_extractor_cuts_are_itemised(monkeypatch):
    monkeypatch.setattr(html_module, "_page_to_text", lambda markup: "\n".join(S))
    r = clean(PAGE, "html")
    assert r.paragraphs == tuple(S)
    assert cuts(r)["extractor"] == ["Bus Listrik", "Terpopuler hari ini di kota"]
    assert r.warnings == ()


# --- more outlet shapes (datelines, related links, promos, credits) -----------------------------
def test_list_line_below_the_lead_is_not_a_dateline():
    lead = (
        "Kontribusi anggaran tiap negara tahun ini tercatat dalam laporan resmi organisasi itu, kata pejabat."
    )
    lines = f"{lead}\nAmerika Serikat - 18.3%\nJerman - Negara kedua terbesar"
    assert clean(lines).paragraphs == tuple(lines.split("\n"))


@pytest.mark.parametrize("label", ["BACA JUGA", "Baca Juga"])
def test_capitalised_read_also_label_without_colon_glued_inline(label):
    text = f"{FIRST} {label} Tarif Bus Listrik Tetap Murah Warga diminta memakai jalur itu."
    assert clean(text).text == f"{FIRST} Warga diminta memakai jalur itu."


def test_follow_us_promo_glued_after_the_last_sentence():
    assert clean(f"{LAST} Ikuti kami di Google News untuk kabar terbaru.").text == LAST


def test_agency_photo_credit_line():
    assert clean(f"{FIRST}\nANTARA/Budi Santoso\n{LAST}").paragraphs == (FIRST, LAST)


def test_next_article_label_and_its_headline():
    r = clean(f"{FIRST}\n{LAST}\nArtikel Selanjutnya\nTarif Bus Listrik Naik, Ini Kata Dinas")
    assert r.paragraphs == (FIRST, LAST)


def test_two_word_outlet_dateline():
    assert clean(f"Surabaya, IDN Times - {FIRST}").text == FIRST


def test_opinion_byline_with_colon():
    assert clean(f"Oleh: Dewi Lestari\n{FIRST}").text == FIRST


# --- shapes found by the blind set (tests/data/cleaning-blind.jsonl) ------------------------------
def test_read_also_headline_with_a_sentence_opener_after_a_comma():
    text = f'{FIRST} Baca juga: Tiket Kereta Diskon 20%, Ini Daftar Rutenya "Permintaan naik," kata dia.'
    assert clean(text).text == f'{FIRST} "Permintaan naik," kata dia.'


def test_read_also_headline_before_a_long_title_case_subject():
    text = (
        f"{FIRST} Baca Juga : Saham Bank Kompak Merah, Asing Lepas Rp 1 Triliun Head of Research PT Sekuritas "
        "Maju Jaya, Rina Hapsari, menilai pasar masih tertekan."
    )
    expected = f"{FIRST} Head of Research PT Sekuritas Maju Jaya, Rina Hapsari, menilai pasar masih tertekan."
    assert clean(text).text == expected


@pytest.mark.parametrize("line", ["Bagikan Artikel:", "BAGIKAN BERITA :", "wartaBISNIS", "***", "- - -"])
def test_share_label_channel_label_and_separator_lines(line):
    assert clean(f"{FIRST}\n{line}\n{LAST}").paragraphs == (FIRST, LAST)


@pytest.mark.parametrize(
    "prose", ["Bandung", "Hotel itu kini berbintang ***", "Selanjutnya: peserta mendaftar ulang di loket."]
)
def test_short_lines_like_labels_must_not_remove(prose):
    assert_kept(FIRST, prose, LAST, sep="\n")


def test_next_article_link_with_colon():
    r = clean(f"{FIRST}\n{LAST}\nSelanjutnya: Rupiah Menguat 0,3% ke Rp 15.480 per Dolar AS")
    assert r.paragraphs == (FIRST, LAST)
    assert cuts(r)["read_also"]


@pytest.mark.parametrize("code", ["(ABD)", "(Z-7)", "(Ant/H-2)", "(koranlokal.co.id/dewi)", "***"])
def test_desk_codes_and_end_marks_after_the_last_sentence(code):
    assert clean(f"{FIRST}\n\n{LAST}{code}").paragraphs == (FIRST, LAST)
    assert clean(f"{FIRST}\n\n{LAST} {code}").paragraphs == (FIRST, LAST)


def test_acronym_in_parentheses_inside_a_sentence_stays():
    prose = "Kasus itu kini ditangani Komisi Pemberantasan Korupsi (KPK)"
    assert_kept(FIRST, prose)


def test_one_line_page_breadcrumb_stamp_dateline_and_tags():
    text = (
        "Home > Ekonomi > Bisnis Bus Listrik Tambah Rute ke Bandara Senin, 07 Desember 2026 - 13:05 WIB "
        f"SURAKARTA - {FIRST} {LAST} (abc) Tags: bus listrik transportasi kota"
    )
    r = clean(text)
    assert r.text == f"{FIRST} {LAST}"
    assert {"navigation", "timestamp", "dateline", "end_mark", "tags"} <= set(cuts(r))


@pytest.mark.parametrize(
    "prose",
    [
        "Home Credit Indonesia mencatat kenaikan pembiayaan 12 persen tahun ini.",
        "Rapat digelar pada Senin, 7 Desember 2026 pukul 13.05 WIB di balai kota.",
        "Pertandingan antara PSIS - Persis Solo berakhir imbang 1-1 di Semarang.",
        "Warga yang hadir membahas satu hal. Topik: pendidikan dan kesehatan menjadi bahasan utama.",
    ],
)
def test_one_line_page_shapes_must_not_remove(prose):
    assert_kept(prose, LAST, nothing_cut=True)


@pytest.mark.parametrize("dateline", ["Jakarta:", "KBRN, Semarang:", "Banda Aceh :"])
def test_colon_datelines_where_the_body_starts(dateline):
    r = clean(f"{dateline} {FIRST} {LAST}")
    assert r.text == f"{FIRST} {LAST}"
    assert cuts(r)["dateline"] == [dateline]


@pytest.mark.parametrize(
    "prose",
    [
        "Catatan: Angka ini belum termasuk penerbitan obligasi pemerintah senilai US$2 miliar pada akhir bulan.",
        "Tanya: Bagaimana cara mendaftar beasiswa ini bagi siswa yang tinggal jauh dari kota kabupaten?",
        "Jakarta: Kota yang tidak pernah tidur.",
    ],
)
def test_colon_labels_are_not_datelines(prose):
    assert_kept(prose, LAST)


def test_links_under_a_cut_label_ending_in_a_colon():
    r = clean(
        f"{FIRST}\nSimak berita lainnya seputar topik artikel ini, di sini:\nHarga Emas Hari Ini\n{LAST}"
    )
    assert r.paragraphs == (FIRST, LAST)
    r = clean(f"{FIRST}\nSimak berita lainnya seputar topik artikel ini, di sini:\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)


def test_related_block_stops_at_a_paragraph_with_a_glued_credit():
    prose = (
        "Pendaftaran dibuka hingga akhir bulan. Selanjutnya, peserta mengikuti tes tulis.Sumber: Koranlokal"
    )
    r = clean(f"{FIRST}\nBaca Juga\nTarif Bus Listrik Tetap Murah\n{prose}")
    assert r.paragraphs == (
        FIRST,
        "Pendaftaran dibuka hingga akhir bulan. Selanjutnya, peserta mengikuti tes tulis.",
    )


def test_camel_cased_brand_dateline():
    assert clean(f"Jakarta, InfoWarga - {FIRST}").text == FIRST


def test_page_buttons_glued_after_the_last_sentence():
    assert clean(f"{FIRST} {LAST} Baca Lainnya Tulis Komentar").text == f"{FIRST} {LAST}"


def test_tweet_and_instagram_residue():
    tweet = (
        "Peringatan dini berlaku tiga hari. pic.twitter.com/AbC123 — Dinas Kota (@dinaskota) December 9, 2026"
    )
    r = clean(f"{FIRST}\n{tweet}\n{LAST}")
    assert r.paragraphs == (FIRST, "Peringatan dini berlaku tiga hari.", LAST)
    assert len(cuts(r)["social_embed"]) == 2
    r = clean(f"{FIRST}\nView this post on Instagram\nA post shared by Dinas Kota (@dinaskota)\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)


def test_embedded_post_in_html_is_cut_whole():
    markup = (
        f"<p>{FIRST}</p><blockquote class='twitter-tweet'><p>Peringatan dini berlaku tiga hari.</p>"
        f"— Dinas Kota (@dinaskota)</blockquote><p>{LAST}</p>"
    )
    r = clean(markup, "html")
    assert r.paragraphs == (FIRST, LAST)
    assert cuts(r)["social_embed"]


def test_one_line_page_headline_and_stamp_before_the_body():
    r = clean(f"siteNEWS Bus Listrik Tambah Rute ke Bandara 2 Desember 2026 8:15 WIB {FIRST} {LAST}")
    assert r.text == f"{FIRST} {LAST}"
    assert cuts(r)["timestamp"] == ["2 Desember 2026 8:15 WIB"]


@pytest.mark.parametrize(
    "prose",
    [
        "Ia menolak memberi komentar. Warga diminta membagikan informasi itu.",
        "Akun @dinaskota mengunggah peringatan itu pada Senin pagi, kata petugas.",
        "Unggahan di Instagram itu disukai 20.000 orang dalam sehari.",
        "Rapat digelar pada 2 Desember 2026 8:15 WIB di balai kota dan dihadiri 40 warga.",
        "Bus Listrik Kota Bandung mulai beroperasi 2 Desember 2026 8:15 WIB dari Terminal Leuwipanjang ke bandara.",
    ],
)
def test_social_and_stamp_shapes_must_not_remove(prose):
    assert_kept(prose, LAST)


def test_title_case_name_and_city_dateline_where_the_body_starts():
    r = clean(f"Warta Kota, Jakarta - {FIRST}\n\n{LAST}")
    assert r.paragraphs == (FIRST, LAST)
    assert cuts(r)["dateline"] == ["Warta Kota, Jakarta -"]


def test_name_and_city_dash_below_the_lead_stays():
    lead = "Dua tim bertemu di final turnamen antarkampung yang digelar di lapangan desa, kata panitia."
    line = "Persatuan Muda, Sukamaju - Tunas Harapan, Sukajadi berakhir 2-1."
    assert clean(f"{lead}\n{line}").paragraphs == (lead, line)


@pytest.mark.parametrize("link", ["(Baca juga: Tarif Bus Listrik Tetap Murah)", "(BACA: Rute Baru Dibuka)"])
def test_parenthesised_related_link_between_sentences(link):
    assert clean(f"{FIRST} {link} {LAST}").text == f"{FIRST} {LAST}"


def test_parenthesised_reading_aid_in_prose_stays():
    prose = "Tarifnya Rp10 ribu (baca: sepuluh ribu rupiah) per orang, kata petugas."
    assert_kept(prose, LAST)


def test_follow_label_with_one_platform_per_line():
    r = clean(f"{FIRST}\n{LAST}\nIkuti kami di:\nInstagram\nTikTok\nYouTube")
    assert r.paragraphs == (FIRST, LAST)


def test_speaker_label_after_a_dateline_is_not_a_second_dateline():
    said = (
        "Wakil Ketua Panitia: Semua peserta wajib membawa kartu identitas asli saat ujian tulis berlangsung."
    )
    assert clean(f"JAKARTA, KORANLOKAL.com - {said}").text == said


# -- a fixture opener is not a dateline -------------------------------------------------------------


@pytest.mark.parametrize(
    "opener",
    [
        "Persija - Persib bermain imbang 1-1 di Stadion Gelora Bung Karno, Minggu (12/3).",
        "Timnas Indonesia - Vietnam berakhir 2-1 untuk tuan rumah di Hanoi.",
        "Arema FC - Bali United akan bertanding di Stadion Kanjuruhan pekan depan.",
    ],
)
def test_a_match_between_two_names_keeps_its_first_name(opener):
    body = f"{opener} Kedua tim saling serang sejak awal laga.\n\nPelatih mengaku puas dengan hasil itu."
    result = clean(body)
    assert result.text.startswith(opener.split(" - ")[0]) and not result.removed


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("BANDUNG - Persib menang 2-1 atas Persija di kandang sendiri.", "BANDUNG -"),
        ("Jakarta - Harga beras naik 2-3 persen di pasar tradisional pekan ini.", "Jakarta -"),
    ],
)
def test_datelines_before_scores_and_ranges_still_go(text, dateline):
    result = clean(text + " Pedagang mengeluhkan sepinya pembeli.\n\nMenurut data BPS, inflasi naik.")
    assert [(r.rule, r.text) for r in result.removed] == [("dateline", dateline)]


# -- blind round 4 shapes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prose",
    [
        "Air naik hingga 60 sentimeter pada Senin, 7 Desember 2026 - 13:05 WIB, lebih tinggi dari perkiraan.",
        "Rapat dimulai sejak Rabu, 9 Desember 2026 | 08.30 WIB dan baru selesai menjelang sore.",
        "Gudang itu terbakar Selasa, 8 Desember 2026 - 21:40 WITA, kata petugas pemadam.",
    ],
)
def test_a_date_and_time_written_inside_prose_stays(prose):
    result = clean(f"{FIRST}\n\n{prose}")
    assert result.paragraphs == (FIRST, prose) and not result.removed


def test_a_stamp_between_headline_and_body_of_a_flattened_page_still_goes():
    line = f"Bus Listrik Tambah Armada Kamis, 10 Desember 2026 - 07:15 WIB {FIRST} {LAST}"
    result = clean(line)
    assert "07:15" not in result.text and FIRST in result.text


@pytest.mark.parametrize(
    "answer",
    [
        "Rina Hapsari: Kami sudah menyiapkan 900 tenda dan dapur umum di tiga kecamatan terdampak banjir rob.",
        "Yoga Pratama: “Saya minta semua posko buka 24 jam sampai air benar-benar surut dari permukiman.”",
    ],
)
def test_a_speaker_label_opening_the_body_is_not_a_colon_dateline(answer):
    result = clean(f"{answer}\n\n{LAST}")
    assert result.paragraphs == (answer, LAST) and not result.removed


def test_a_label_repeated_down_the_interview_is_a_speaker_not_a_place():
    lines = [
        "Dwi Lestari: Sampai hari ini sudah 8.450 ekor sapi dan kambing divaksin di seluruh kecamatan.",
        "Tanya: Kapan target itu tercapai?",
        "Dwi Lestari: Pertengahan Januari, asalkan stok vaksin dari provinsi tidak terlambat datang.",
    ]
    assert clean("\n".join(lines)).paragraphs == tuple(lines)


def test_second_copy_with_the_weak_dateline_is_a_duplicate():
    first = "Harga cabai merah di Pasar Sambu turun menjadi Rp32.000 per kilogram pekan ini."
    text = f"Medan - {first}\n\n{LAST}\n\nMedan - {first}"
    result = clean(text)
    assert result.paragraphs == (first, LAST)
    assert cuts(result)["duplicate_paragraph"] == [f"Medan - {first}"]


def test_a_label_inside_a_label_block_opens_its_own_block():
    text = f"{FIRST}\n{LAST}\nTonton juga video berikut ini:\nSumber : Kanal TV\nBERITA LAINNYA\nGanjil Genap Berlaku Lagi Besok"
    result = clean(text)
    assert result.paragraphs == (FIRST, LAST)
    assert "Ganjil Genap Berlaku Lagi Besok" in cuts(result)["read_also"]


def test_read_also_label_with_its_headline_heads_a_list():
    text = f"{FIRST}\nBaca Juga: Dua Pencuri Motor Dibekuk di Cibubur\nKejari Terima Berkas Kasus Dana Hibah\n{LAST}"
    result = clean(text)
    assert result.paragraphs == (FIRST, LAST)
    assert len(cuts(result)["read_also"]) == 2


def test_read_also_headline_line_does_not_take_a_sentence_under_it():
    prose = "Polisi masih memburu dua pelaku lain."
    assert clean(f"{FIRST}\nBaca juga: Dua Pencuri Motor Dibekuk\n{prose}").paragraphs == (FIRST, prose)


@pytest.mark.parametrize(
    "line",
    [
        "Baca: Harga Emas Turun Rp3.000 per Gram",
        "READ: Rupiah Weakens Past 16,000 per Dollar",
        "Editor's Choice: Government Targets 5.2 Percent Growth",
        "Click here to get the latest news updates from Koran Kita on Google News",
        "Laporan: Farid Hasan",
        "Diposting oleh: Admin Dinas | 7 Desember 2026 | Dilihat: 1.245 kali",
        "Wartawan Kabar Nusantara",
        "Foto utama: Hutan bakau di pesisir Demak. Foto: Rahmat Hidayat/Kabar Hijau",
        "Sumber gambar, Getty Images",
        "Keterangan gambar, Petugas memeriksa warga di sebuah klinik.",
        "Warga menyusuri jalan papan di desa itu. Foto: Rahmat Hidayat/Kabar Hijau Indonesia",
        "Lewati Twitter pesan, 1",
        "Akhir dari YouTube postingan, 2",
        "Izinkan konten Twitter?",
        "Artikel ini diterbitkan ulang dari Kanal Opini di bawah lisensi Creative Commons. Baca artikel sumber.",
        "Anda bisa berlangganan newsletter mingguan kami. Kami mengirimkannya setiap hari Rabu.",
        "Jangan Lewatkan Video Terbaru:",
        "Dimas Prasetyo (081234567890)",
        "Sari Lestari tidak bekerja, menjadi konsultan, memiliki saham, atau menerima dana dari perusahaan mana pun.",
        # round 5
        "Dicetak pada: 9 Desember 2026, 11:20",
        "Teks Foto: Antrean kendaraan di Jalan Raya Waru, Selasa (8/12/2026) sore.",
        "Oleh Marsya Nabila",
        "Rina Kusumawati, Dosen Ilmu Gizi, Universitas Nusantara",
        "Disclosure: Kabar Kita adalah media partner acara Startup Day 2026.",
        "Kami menggunakan cookie untuk meningkatkan pengalamanmu di situs ini. Setuju",
        "Masuk / Daftar",
        "Login untuk memberikan komentar",
        "Suka artikel ini? Yuk, baca tulisan lainnya di aplikasi.",
        "Sign up for our newsletter",
        "#Unlocking the Limitless",
        "Forum",
        "Cetak | Tutup",
        "Kabarkita.com",
        "Application Information Will Show Up Here",
        "(Dev)",
        "Editors' Pick",
    ],
)
def test_round_four_and_five_furniture_lines(line):
    result = clean(f"{FIRST}\n{line}\n{LAST}")
    assert result.paragraphs == (FIRST, LAST), line


@pytest.mark.parametrize(
    "prose",
    [
        "Baca: itu perintah pertama dalam wahyu yang diterima di Gua Hira.",
        "Wartawan senior itu meninggal dunia pada usia 78 tahun.",
        "Laporan itu dikirim ke Inspektorat pada 3 Desember.",
        "Warga dapat menghubungi posko banjir di nomor 081234567890.",
        "Sumber gambar itu belum diketahui, kata polisi.",
        # round 5
        "Oleh karena itu, warga diminta tetap waspada.",
        "Budi Santoso, Dosen Universitas Nusantara, mengatakan banjir itu akibat sedimentasi.",
        "Kami menggunakan cookie buatan ibu untuk acara arisan itu.",
        "Masuk ke rumah, ia langsung tidur.",
        "Forum warga menolak rencana itu.",
        "Polling terbaru menunjukkan 45 persen warga puas.",
        "Harga: Rp3.499.000 (8/256 GB)",
        "Sepi.",
        "Pelatih itu menulis “#1” di papan tulis sebelum laga.",
        "Tentang hal itu, Wali Kota belum berkomentar.",
    ],
)
def test_round_four_and_five_shapes_must_not_remove(prose):
    assert_kept(FIRST, prose)


def test_press_release_heading_takes_its_number_date_and_title():
    text = (
        "SIARAN PERS\nNo. 412/HM/DINAS/12/2026\nSenin, 7 Desember 2026\nTentang\n"
        f"Pemerintah Perluas Akses Internet di 1.200 Desa\n{FIRST}\n{LAST}"
    )
    assert clean(text).paragraphs == (FIRST, LAST)


def test_reporter_code_with_digits_after_the_last_sentence():
    result = clean(f"{FIRST}\n\n{LAST} (mcr5/jpnn)")
    assert result.paragraphs == (FIRST, LAST) and cuts(result)["end_mark"] == ["(mcr5/jpnn)"]


@pytest.mark.parametrize("crosshead", ["2. Rutin Berolahraga", "Kronologi Kejadian"])
def test_a_crosshead_after_a_read_also_line_stays(crosshead):
    text = f"{FIRST}\nBaca Juga: Lima Cara Tidur Nyenyak bagi Pekerja\n{crosshead}\n{LAST}"
    assert clean(text).paragraphs == (FIRST, crosshead, LAST)


# --- round 5 shapes -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "dateline",
    ["suarakota.net|", "Jakarta, 9 Desember 2026 –", "Kabarkita.com, Jakarta"],
)
def test_round_five_datelines(dateline):
    result = clean(f"{dateline} {FIRST}\n\n{LAST}")
    assert result.paragraphs == (FIRST, LAST) and cuts(result)["dateline"] == [dateline]


def test_an_outlet_and_two_names_without_a_dash_is_prose():
    prose = "Kabarkita.com, Jakarta Post dan Tempo menerbitkan laporan bersama soal banjir."
    assert_kept(prose, LAST)


def test_about_section_and_contact_close_a_press_release():
    about = "Lembaga Contoh adalah lembaga pemerintah yang mengurus cuaca dan iklim."
    text = f"{FIRST}\n{LAST}\nNarahubung:\nKepala Biro Humas Lembaga Contoh\nTentang Lembaga Contoh\n{about}"
    result = clean(text)
    assert result.paragraphs == (FIRST, LAST)
    assert cuts(result)["footer"][-1] == about


def test_an_about_heading_with_more_than_its_section_after_it_is_a_crosshead():
    text = f"Tentang Lembaga Contoh\n{FIRST}\n{LAST}\nIa menambahkan satu hal.\nItu saja."
    assert "Tentang Lembaga Contoh" in clean(text).paragraphs
    # The engine used line by line (no article around it) never cuts an end section.
    assert LineCleaner().clean("Tentang Lembaga Contoh") == "Tentang Lembaga Contoh"


def test_a_closing_about_crosshead_that_names_no_institution_keeps_its_paragraphs():
    tail = ("Tentang Pelaku", "Kedua pelaku sudah tiga kali mencuri di wilayah itu.", "Mereka kini ditahan.")
    assert clean("\n".join((FIRST, LAST, *tail))).paragraphs == (FIRST, LAST, *tail)


def test_signature_with_degrees_and_title_closes_a_release():
    text = f"{FIRST}\n{LAST}\nAbdul Rahman, Ph.D.\nKepala Pusat Data dan Informasi Lembaga Contoh"
    assert clean(text).paragraphs == (FIRST, LAST)
    inside = f"{FIRST}\nAbdul Rahman, S.H., M.Si.\n{LAST}\nIa menambahkan satu hal.\nItu saja."
    assert "Abdul Rahman, S.H., M.Si." in clean(inside).paragraphs


def test_related_question_headlines_under_a_label_go():
    text = (
        f"{FIRST}\nBerita terkait\nKenapa ombak di pantai selatan lebih berbahaya saat musim hujan?\n{LAST}"
    )
    assert clean(text).paragraphs == (FIRST, LAST)
    question = "Kenapa ombak di pantai selatan lebih berbahaya saat musim hujan?"
    assert_kept(FIRST, question, LAST, sep="\n")


def test_a_question_crosshead_after_related_headlines_stays():
    question = "Apa itu kulit kering?"
    text = f"{FIRST}\nBaca Juga\nLima Cara Merawat Rambut agar Tidak Kusam\n{question}\n{LAST}"
    assert clean(text).paragraphs == (FIRST, question, LAST)


def test_rank_numbers_of_a_popular_list_do_not_use_up_its_block():
    text = f"{FIRST}\n{LAST}\nTerpopuler\n1\nHukum Puasa Qadha dan Sunnah\n2\nDoa Ketika Turun Hujan Lebat"
    assert clean(text).paragraphs == (FIRST, LAST)


def test_a_numbered_crosshead_after_unnumbered_related_links_stays():
    crosshead = "1. Mandi dengan air hangat, bukan panas"
    text = f"{FIRST}\nBaca Juga\nLima Cara Merawat Rambut agar Tidak Kusam\nSunscreen Murah untuk Kulit Berminyak\n{crosshead}\n{LAST}"
    assert clean(text).paragraphs == (FIRST, crosshead, LAST)
    numbered = (
        f"{FIRST}\nTerpopuler\n1. Jembatan Kapuas Ditutup Sementara\n2. Harga Sembako di Sambas Naik\n{LAST}"
    )
    assert clean(numbered).paragraphs == (FIRST, LAST)


def test_quiz_and_poll_residue_goes_with_its_question_and_answers():
    text = f"{FIRST}\nKuis: Kamu tipe pekerja yang mana?\nIkuti kuisnya\nPolling\nWarna favoritmu?\nMerah\nBiru\nLihat hasil\n{LAST}"
    assert clean(text).paragraphs == (FIRST, LAST)


def test_header_lines_above_a_cut_byline_go_when_there_is_no_dateline():
    text = f"Mahasiswa Rancang Alat Deteksi Longsor\nNadia Putri\nDosen Fakultas Teknik Universitas Nusantara\nPenulis: Gusti Rahman\n{FIRST}\n{LAST}"
    result = clean(text)
    assert result.paragraphs == (FIRST, LAST)
    assert len(cuts(result)["header"]) == 3


@pytest.mark.parametrize(
    "top",
    [
        "Mahasiswa Rancang Alat Deteksi Longsor\nNadia Putri",  # nothing cut above the body: stays
        "Penulis: Gusti Rahman\nDaftar bantuan yang disalurkan:\nBeras 10 kg",  # a list under a label
    ],
)
def test_short_lines_above_the_body_stay_without_cut_furniture_or_under_a_label(top):
    kept = clean(f"{top}\n{FIRST}\n{LAST}").paragraphs
    assert kept[-2:] == (FIRST, LAST) and len(kept) >= 3


# --- round 6: prose that looks like furniture (over-removal) -------------------------------------
@pytest.mark.parametrize(
    "prose",
    [
        # a how-to step that names an app is no follow-us promo
        "Cek kembali pengaturan privasi di aplikasi WhatsApp setelah fitur aktif, karena pesan yang dikunci"
        " tidak muncul di notifikasi.",
        "Klik ikon titik tiga di pojok kanan atas aplikasi Instagram, lalu pilih Arsip.",
        "Unduh versi terbaru aplikasi Gojek di Play Store agar fitur itu muncul.",
        # a sentence about cookies that ends in a button word
        "Situs belanja daring juga menggunakan cookie untuk melacak pengguna, tetapi banyak orang tidak mengerti.",
        "Aplikasi itu memakai cookie pihak ketiga, dan sebagian besar pengguna langsung setuju.",
        # a label followed by a whole sentence
        "Sumber: Siaran pers KCI menyebut ada 1,1 juta pengguna per hari pada November.",
        # lookalikes of the new furniture rows
        "Dukung kami, kata relawan itu, dengan berdonasi lewat posko di balai desa.",
        "Komentar (singkat) itu ia tulis di bawah unggahan wali kota.",
        # a quoted sentence that opens like a teaser, a notice or a disclosure
        "Tonton video itu sampai habis, pesan sang ibu kepada anaknya.",
        "Dilarang keras menyalin jawaban teman tanpa izin guru, kata kepala sekolah.",
        "Disclaimer: saya bukan ahli hukum, kata dia.",
        "Berita terkait: polisi sudah menangkap dua tersangka pada Senin malam.",
        # round 7: lookalikes of aggregator notes, buttons, credit labels, sign-offs and promos
        "Baca selengkapnya di laman resmi dinas sebelum mengisi formulir, kata petugas.",
        "Artikel ilmiah itu pertama kali terbit di jurnal Nature pada 2019.",
        "Artikel berlanjut di bawah ini dengan wawancara lengkap bersama kepala desa.",
        "Laporkan.",
        "Laporkan segera jika melihat pipa bocor, imbau PDAM.",
        "Autentikasi: dua langkah wajib diaktifkan untuk semua akun pegawai mulai Januari.",
        "Penulis adalah profesi yang sepi.",
        "Penulis adalah dosen, kata dia, jadi wajar ia teliti soal data.",
        "Dibaca 1.204 kali dalam sehari, unggahan itu langsung dihapus.",
        "Oleh karena itu, rapat ditunda hingga Januari 2027.",
        "Klik tombol Daftar di sini.",
        "Baca selengkapnya di buku ini.",
        "Baca selengkapnya di bawah.",
        "- Program KUR (kredit usaha rakyat)",
        "Kepala Biro Humas menyebut jadwal itu bisa berubah.",
    ],
)
def test_round_six_and_seven_prose_must_not_remove(prose):
    assert_kept(FIRST, prose)


@pytest.mark.parametrize(
    "line",
    [
        "Ikuti saluran WhatsApp Kabar Kita untuk berita terbaru",
        "Kompasiana menggunakan cookie untuk pengalaman yang lebih baik. Setuju",
        "Situs ini memakai cookie Pelajari lebih lanjut Oke",
        "Sumber: Kementerian Keuangan",
        "Dukung jurnalisme publik dengan berdonasi di kabarkita.org/dukung",
        "Refresh halaman ini untuk pembaruan",
        "Beri Komentar",
        "Komentar (0)",
        "Laporkan Konten",
        # a related-recipes label takes the headlines under it
        "Resep Lainnya\nGulai Kambing Kuah Kental\nSambal Lado Mudo",
        # round 7: aggregator notes, ad breaks, WordPress rails, credits, counters, breadcrumbs, bylines
        "Baca selengkapnya di Kabarkita.com",
        "Baca artikel selengkapnya di sini",
        "Artikel ini pertama kali terbit di Kabarkita.com",
        "Artikel dilanjutkan di bawah ini",
        "Konten Bersponsor",
        "Laporkan",
        "Bagikan artikel ini",
        "Like this:\nLike Loading...\nRelated",
        "Autentikasi: Kapuspen TNI Mayjen TNI Budi Santoso",
        "Publisher: Rina Ananda",
        "(credit: instagram.com/kabarkita)",
        "Dibaca 1.204 kali",
        "Beranda / Berita / Pemerintahan",
        "Diposting oleh Admin | 8 Desember 2026 | Dilihat: 2.315 kali",
        "Oleh Reza Aditya | 8 Des 2026, 14:00 WIB",
        "Halaman selanjutnya arrow_forward",
        "Klik dan dapatkan info kos di dekatmu di sini!",
        "Lihat Artikel Lainnya",
    ],
)
def test_round_six_and_seven_furniture_lines(line):
    assert clean(f"{FIRST}\n{line}\n{LAST}").paragraphs == (FIRST, LAST), line


def test_one_br_breaks_before_a_label_line_of_a_cms_footer():
    # joined into one line these would be too long for any single credit row
    footer = "Sumber: BMKG<br>Editor: Rina Ananda<br>Baca Juga: Jalur Evakuasi Tsunami di Kota Padang Ditambah 12 Titik"
    text = f"<p>{FIRST}<br><br>{footer}</p>"
    assert clean(text, "html").paragraphs == (FIRST,)
    # a hard wrap inside a sentence still joins
    wrapped = "<p>Warga menyambut baik<br>rencana itu.</p>"
    assert clean(wrapped, "html").paragraphs == ("Warga menyambut baik rencana itu.",)


@pytest.mark.parametrize("heading", ["Tentang Bank Indonesia", "Budi Santoso, S.H., M.H."])
def test_an_end_section_heading_at_the_top_does_not_swallow_the_article(heading):
    assert clean(f"{heading}\n\n{FIRST}\n\n{LAST}").paragraphs == (heading, FIRST, LAST)
    # under a one-sentence body it is a crosshead too; under a body of two sentences it closes it
    assert clean(f"{FIRST}\n\n{heading}\n\n{LAST}").paragraphs == (FIRST, heading, LAST)
    text = f"{FIRST}\n\n{LAST}\n\n{heading}\n\nBank sentral negara."
    assert clean(text).paragraphs == (FIRST, LAST)


# --- round 7: aggregator copies, wire/portal furniture, and prose that looks like it ----------------
def test_two_sentences_after_a_flattened_byline_are_the_body_not_its_footer():
    line = f"Reporter : Fajar Prasetyo Editor : Nur Hidayat kabarkita.com - {FIRST} {LAST}"
    assert clean(line).text == f"{FIRST} {LAST}"
    # the agency footer after the last sentence still goes, glued or not
    assert clean(f"{FIRST} {LAST} Pewarta: Ade Rina Editor: Budi Santoso").text == f"{FIRST} {LAST}"
    assert clean(f"{BODY}\nPewarta: Ade Rina Editor: Budi Santoso COPYRIGHT © KABARKITA 2026").paragraphs == (
        FIRST,
        LAST,
    )


def test_a_press_office_sign_off_closes_a_release_but_a_sentence_about_it_stays():
    signoff = "Kepala Biro Komunikasi Publik\nEndra Santoso\nwww.kabarkita.go.id"
    assert clean(f"{FIRST}\n{LAST}\n{signoff}").paragraphs == (FIRST, LAST)
    # at the top of a short text it is no sign-off
    assert clean(f"Kepala Biro Humas Baru\n\n{FIRST}").paragraphs == ("Kepala Biro Humas Baru", FIRST)


def test_an_exclaimed_headline_above_a_cut_byline_goes_but_an_exclamation_in_prose_stays():
    top = "Cara Cek Nomor Sendiri, Cuma 10 Detik!\nOleh Reza Aditya | 8 Des 2026, 14:00 WIB"
    assert clean(f"{top}\n{FIRST}\n{LAST}").paragraphs == (FIRST, LAST)
    prose = "Awas, jalan licin!"
    assert clean(f"{prose}\nBaca juga: Jalan Tol Ditutup Sementara\n{FIRST}").paragraphs == (prose, FIRST)


_AUTHOR_NOTES = (
    "Penulis adalah peneliti kebijakan transportasi.",
    "*) Penulis adalah dosen Fakultas Hukum Universitas X",
)


@pytest.mark.parametrize("note", _AUTHOR_NOTES)
def test_an_author_note_closes_an_opinion_piece_but_stays_inside_a_story(note):
    assert clean(f"{BODY}\n{note}\nBagikan artikel ini").paragraphs == (FIRST, LAST)
    # higher up, with the story going on under it, it is a sentence about the author
    story = "\n".join(
        [FIRST, note, LAST, *(f"Peserta ke-{i} membacakan karyanya di panggung." for i in range(6))]
    )
    assert note in clean(story).paragraphs
