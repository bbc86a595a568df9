"""Boilerplate removal, de-duplication and HTML handling on Indonesian-news-shaped samples."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from clean_support import clean, cuts

from summarizer.errors import InputError
from summarizer.text import clean_article

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "assets" / "seed-article-antara.txt"


# --- "Baca juga" --------------------------------------------------------------------------------
def test_read_also_lines_removed():
    r = clean(
        "Harga cabai naik tajam di Pasar Minggu.\n"
        "Baca juga: Pemprov DKI gelar operasi pasar murah\n"
        "BACA JUGA : Stok Beras Aman Hingga Lebaran\n"
        "Lihat Juga : Harga Bawang Ikut Naik\n"
        "Simak juga: Petani cabai panen raya\n"
        "Pedagang mengeluhkan sepinya pembeli."
    )
    assert r.paragraphs == (
        "Harga cabai naik tajam di Pasar Minggu.",
        "Pedagang mengeluhkan sepinya pembeli.",
    )
    assert len(cuts(r)["read_also"]) == 4
    assert cuts(r)["read_also"][0] == "Baca juga: Pemprov DKI gelar operasi pasar murah"


@pytest.mark.parametrize(
    ("headline", "sentence"),
    [
        ("Harga Beras Naik Lagi", "Pemerintah akan menambah stok beras di pasar."),
        ("Harga Beras Naik di Pasar Induk", "Pemerintah akan menambah stok."),
        ("5 Fakta Banjir Bekasi, Ini Kata BMKG", "Ia mengatakan hujan masih akan turun."),
        ("Harga Beras Naik Lagi", "Menteri Perdagangan Zulkifli Hasan mengatakan stok aman."),
        ("Jokowi Minta Menteri Tak Asal Bicara", '"Kami akan evaluasi," kata dia.'),
    ],
)
def test_read_also_glued_inline_keeps_real_sentence(headline, sentence):
    text = f'"Stok aman," kata dia. Baca juga: {headline} {sentence} Warga diminta tenang.'
    r = clean(text)
    assert r.text == f'"Stok aman," kata dia. {sentence} Warga diminta tenang.'
    assert cuts(r)["read_also"] == [f"Baca juga: {headline}"]


def test_read_also_label_followed_by_headline_list():
    r = clean(
        "Harga emas turun.\nBaca Juga\nHarga Emas Antam Hari Ini\nEmas Jadi Pilihan"
        " Investasi\nInvestor tetap membeli."
    )
    assert r.paragraphs == ("Harga emas turun.", "Investor tetap membeli.")


@pytest.mark.parametrize(
    "prose",
    [
        "Baca juga laporan kami tentang banjir di Jakarta pekan lalu.",
        "Simak juga penjelasan lengkapnya di bawah ini.",
        "Editor majalah itu, Budi Santoso, mengatakan kenaikan itu wajar.",
        "Ia meminta warga membaca juga: aturan baru itu penting.",
        "Penulis buku itu hadir dalam acara peluncuran di Jakarta, Sabtu (21/12).",
        "Kementerian dan lembaga (K/L) di Provinsi Nusa Tenggara Barat (NTB) wajib melapor pada 12/3/2024.",
        "Sumber kebakaran diduga dari korsleting listrik, kata polisi.",
        "Harga emas naik menjadi Rp1.500.000 per gram, naik 3,5 persen dibanding pekan lalu.",
        "“Kami siap,” kata Désiré di Jl. Sudirman No. 5, Jakarta.",
    ],
)
def test_must_not_remove_prose(prose):
    r = clean(f"Pemerintah menggelar rapat di Jakarta.\n{prose}")
    assert r.paragraphs == ("Pemerintah menggelar rapat di Jakarta.", prose)
    assert r.removed == ()


# --- footers, credits, end marks ----------------------------------------------------------------
@pytest.mark.parametrize(
    "footer",
    [
        "Pewarta: Ahmad Savitri\nEditor: Budi Santoso\nCOPYRIGHT © ANTARA 2023",
        "Pewarta: Ahmad SavitriEditor: Budi Santoso COPYRIGHT © ANTARA 2023",
        "Pewarta : Ahmad Savitri Editor : Budi Santoso",
        "COPYRIGHT © ANTARA News Jawa Timur 2024",
        "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk"
        " AI di situs web "
        "ini tanpa izin tertulis dari Kantor Berita ANTARA.",
        "(adsbygoogle = window.adsbygoogle || []).push({});",
        'Artikel ini telah tayang di Kompas.com dengan judul "Harga Cabai Naik", Klik untuk baca: https://x.co',
        "Penulis: Budi Santoso | Editor: Siti Aminah",
        "Laporan Wartawan Tribunnews.com, Reynas Abdila",
        "Scroll ke bawah untuk melanjutkan membaca",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "[Gambas:Video 20detik]",
        'Simak Video "Tim SAR Temukan Korban Longsor"',
        "Tags: harga cabai, inflasi",
        "Bagikan: Facebook Twitter WhatsApp",
        "Facebook Twitter WhatsApp Copy Link",
        "Foto: Dok. Humas Pemkot Bogor",
        "Warga memadati pasar murah di Bogor, Jawa Barat. (ANTARA FOTO/Arif Firmansyah/wpa)",
        "Presiden meninjau pasar di Bogor. (Foto: Kompas.com/Ihsanuddin)",
        "Pilihan Editor: Jokowi Minta Menteri Tak Asal Bicara",
        "Follow Berita Okezone di Google News",
        "(*)",
        "(azr/haf)",
    ],
)
def test_boilerplate_lines_removed(footer):
    body = "Pemerintah menggelar rapat di Jakarta.\nRapat membahas harga pangan."
    r = clean(f"{body}\n{footer}")
    assert r.paragraphs == tuple(body.split("\n"))
    assert "".join(c.text for c in r.removed).replace(" ", "") == footer.replace("\n", "").replace(" ", "")


def test_footer_glued_to_last_paragraph():
    r = clean("Rapat membahas harga pangan.Pewarta: Ahmad SavitriEditor: Budi COPYRIGHT © ANTARA 2023")
    assert r.text == "Rapat membahas harga pangan."
    assert cuts(r)["footer"] == ["Pewarta: Ahmad SavitriEditor: Budi COPYRIGHT © ANTARA 2023"]


@pytest.mark.parametrize("mark", ["(rsa)", "(azr/haf)", "(rea/ugo)", "(*)", "[idc]"])
def test_end_marks_after_last_sentence(mark):
    r = clean(f"Korban dibawa ke rumah sakit. {mark}")
    assert r.text == "Korban dibawa ke rumah sakit."
    assert cuts(r)["end_mark"] == [mark]


# --- datelines -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "dateline",
    [
        "JAKARTA, KOMPAS.com -",
        "Jakarta (ANTARA) -",
        "TEMPO.CO, Jakarta -",
        "MATARAM –",
        "Jakarta -",
        "Jakarta, CNN Indonesia --",
        "Liputan6.com, Jakarta -",
        "Bisnis.com, JAKARTA —",
        "SURYA.co.id -",
        "TRIBUNNEWS.COM, JAKARTA -",
        "Phnom Penh (ANTARA) -",
    ],
)
def test_dateline_prefix_dropped(dateline):
    r = clean(f"{dateline} Menteri Keuangan menyampaikan hal itu, Senin (21/12).\nIa menambahkan.")
    assert r.paragraphs[0] == "Menteri Keuangan menyampaikan hal itu, Senin (21/12)."
    assert cuts(r)["dateline"] == [dateline]


def test_dash_in_prose_is_not_a_dateline():
    text = "Presiden Joko Widodo - yang akrab disapa Jokowi - meresmikan tol."
    assert clean(text).text == text


# --- duplication ---------------------------------------------------------------------------------
PARAS = [
    "Pemerintah menaikkan harga eceran tertinggi beras mulai pekan depan.",
    '"Kenaikan ini untuk melindungi petani," kata Menteri Pertanian di Jakarta, Senin.',
    "Harga beras medium naik menjadi Rp12.500 per kilogram di Jawa.",
    "Pedagang di Pasar Induk Cipinang menyambut baik keputusan itu.",
]


def test_repeated_body_without_first_paragraph_kept_once():
    text = "\n".join(PARAS) + "\n" + "\n".join(PARAS[1:])
    r = clean(text)
    assert r.paragraphs == tuple(PARAS)
    assert [c.rule for c in r.removed] == ["duplicate_body"] * 3


def test_repeated_paragraph_and_whitespace_near_duplicate():
    text = f"{PARAS[0]}\n\n{PARAS[1]}\n\n{PARAS[2]}\n\n{PARAS[0].replace(' ', '  ')}\u00a0\n{PARAS[3]}"
    r = clean(text)
    assert r.paragraphs == tuple(PARAS)
    assert cuts(r)["duplicate_paragraph"] == [PARAS[0]]


def test_short_repeated_lines_outside_a_run_are_kept():
    r = clean("Tanya: Apa kabar?\nJawab: Baik.\nTanya: Apa kabar?\nJawab: Sehat.")
    assert len(r.paragraphs) == 4


# --- normalisation, HTML -------------------------------------------------------------------------
def test_normalisation_keeps_quotes_and_numbers():
    r = clean("  Harga\u00a0naik\u200b  jadi   Rp1.500.000 &amp; “murah” kata Désiré.  \n\n\n Dua. ")
    assert r.paragraphs == ("Harga naik jadi Rp1.500.000 & “murah” kata Désiré.", "Dua.")
    assert r.text == "\n".join(["Harga naik jadi Rp1.500.000 & “murah” kata Désiré.", "", "Dua."])


def test_html_fragment():
    html = (
        "<div><p>Harga cabai naik&nbsp;tajam di pasar.</p><p>Pedagang mengeluh.<br>Pembeli berkurang.</p>"
        "<figure><img src='a.jpg' alt='cabai'><figcaption>Cabai di Pasar Minggu</figcaption></figure>"
        "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>"
        "<iframe src='https://www.youtube.com/embed/x'></iframe><p>Baca juga: Stok Cabai Aman</p></div>"
    )
    r = clean_article(html, language=False)
    assert r.paragraphs == ("Harga cabai naik tajam di pasar.", "Pedagang mengeluh.", "Pembeli berkurang.")
    assert {"caption", "ad_script", "read_also"} <= set(cuts(r))


def test_full_html_page():
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    page = (
        "<!DOCTYPE html><html><head><title>Harga Beras</title></head><body><nav><a href='/'>Beranda</a></nav>"
        f"<article><h1>Harga Beras Naik</h1>{body}</article><footer>Copyright © 2024"
        f" Contoh</footer></body></html>"
    )
    r = clean_article(page, format="html", language=False)
    for p in PARAS:
        assert p in r.paragraphs
    assert "Beranda" not in r.text


def test_html_without_text_gives_warning():
    r = clean_article("<html><body><script>var x = 1;</script><img src='a.jpg'></body></html>")
    assert r.text == "" and r.paragraphs == ()
    assert [w.code for w in r.warnings] == ["no_text"]


def test_text_format_keeps_angle_brackets():
    assert clean("Nilai a <b dan b> c, kata dia.").text == "Nilai a <b dan b> c, kata dia."


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x01\x02binary\x00" * 10])
def test_empty_and_binary_input(text):
    r = clean_article(text)
    assert r.text == "" and r.warnings


def test_bad_format_value():
    with pytest.raises(InputError):
        clean_article("teks", format="pdf")
    with pytest.raises(ValueError):
        clean_article("teks", format="markdown")


def test_language_is_reported():
    r = clean_article(" ".join(PARAS))
    assert r.language == "id"


def test_large_input_is_fast():
    # Every sentence is distinct: the cleaner keeps each sentence once, so repeats would be dropped.
    lines = [
        " ".join(
            f"Pemerintah menaikkan harga BBM Rp1.500 per liter di kota {i}-{k}, kata Menteri. "
            f"Baca juga: Harga Beras Naik Lagi Pemerintah akan menambah stok {i}-{k}."
            for k in range(2)
        )
        for i in range(20_000)
    ]  # ~5 MB
    start = time.perf_counter()
    r = clean_article("\n".join(lines), language=False)
    assert time.perf_counter() - start < 30
    assert len(r.paragraphs) == 20_000
    assert "Baca juga" not in r.text


@pytest.mark.skipif(not SEED.exists(), reason="../shared/assets not available")
def test_seed_article():
    raw = SEED.read_text(encoding="utf-8")
    r = clean_article(raw)
    assert "Baca juga" not in r.text
    assert "COPYRIGHT" not in r.text and "©" not in r.text
    assert r.language == "id"
    real = [
        line.strip()
        for line in raw.splitlines()
        if line.strip() and not line.startswith(("Baca juga", "COPYRIGHT"))
    ]
    unique = list(dict.fromkeys(real))
    assert len(unique) < len(real)  # the seed really holds a repeated body
    assert list(r.paragraphs) == unique
    for p in unique:
        assert r.paragraphs.count(p) == 1
    assert {c.rule for c in r.removed} >= {"read_also", "footer", "duplicate_body"}


@pytest.mark.parametrize(
    "line",
    ["Sabtu, 21 Desember 2024 20:15 WIB", "21/12/2024, 08:00 WITA", "Diperbarui 21 Des 2024, 10:05"],
)
def test_timestamp_lines_are_page_chrome(line):
    body = "Paragraf pertama berita ini cukup panjang untuk dibaca.\n\nParagraf kedua berisi kalimat lengkap."
    result = clean_article(body.replace("\n\n", f"\n\n{line}\n\n"))
    assert ("timestamp", line) in [(r.rule, r.text) for r in result.removed]
    assert line not in result.text


def test_dates_in_prose_stay():
    text = "Pada 21 Desember 2024 pukul 20.00 WIB, warga berkumpul di alun-alun kota."
    assert clean_article(text).text == text


@pytest.mark.parametrize(
    "label", ["Infografis Harga BBM Naik", "VIDEO: Banjir Rendam Jalan Tol", "Galeri Foto Pelantikan Menteri"]
)
def test_media_block_titles_are_captions(label):
    body = f"Pemerintah menaikkan harga BBM mulai Sabtu.\n\n{label}\n\nMenteri menyebut kenaikan tidak terhindarkan."
    result = clean_article(body)
    assert ("caption", label) in [(r.rule, r.text) for r in result.removed]


def test_prose_starting_with_video_stays():
    text = "Video itu beredar luas di media sosial sejak Senin pagi."
    assert clean_article(text).text == text


def test_copyright_sign_in_prose_is_not_a_footer():
    text = "Hak cipta © 2024 bukan soal utama, kata Rudi, yang penting karya itu bisa dinikmati warga."
    assert clean_article(text).text == text
    long_tail = (
        "Kantor berita itu menulis. " + "© Reuters dan mitra lokal meliput " + "banjir besar di kota itu " * 8
    )
    assert "banjir besar" in clean_article(long_tail).text


def test_glued_agency_footer_still_goes():
    result = clean_article("Kerja sama itu diteken di Labuan Bajo, Indonesia.COPYRIGHT © ANTARA News 2023")
    assert result.text == "Kerja sama itu diteken di Labuan Bajo, Indonesia."
    assert [r.rule for r in result.removed] == ["footer"]
