"""Indonesian sentence splitting: abbreviations, numbers, quotes, lists, and the gold IndoSum splits."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.text import split_paragraphs, split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "indosum-dev.jsonl"


@pytest.mark.parametrize(
    "sentence",
    [
        "Dr. Budi Santoso, M.Si. mengatakan hal itu kepada Prof. Andi di Jakarta.",
        "Rombongan dipimpin H. Ahmad dan Hj. Siti serta Ir. Joko dari Kec. Cibinong, Kab. Bogor.",
        "Kantornya berada di Jl. Sudirman No. 12, Kel. Karet, Prov. DKI Jakarta.",
        "Harga gabah Rp 1.250 per kg, sedangkan emas Rp1.500.000 per gram dan jumlah pemilih"
        " 2.200.112 orang.",
        "Inflasi naik 3,5 persen dan acara dimulai pukul 20.00 WIB pada 12/3/2024.",
        "Bantuan diserahkan a.n. Bupati kepada Sdr. Rudi dan Y.M. Chou Bun Eng pada Kamis (21/12).",
        "Pesawat itu dirancang B.J. Habibie dan dibuat PT. Dirgantara Indonesia.",
        "Laporan dapat dikirim ke redaksi@kompas.com atau lewat www.contoh.co.id kapan saja.",
        "Ia dirawat drg. Ani dan dr. Budi, didampingi Bpk. Slamet, Tn. Lee, dan Ny. Rina.",
        "Saham PT Bank Rakyat Indonesia Tbk. (BBRI) naik, begitu pula saham a.l. bank lainnya.",
        '"Kami sadari ini sulit," kata Dubes Santo di Jakarta.',
        '"Apakah itu benar?" tanya wartawan kepada menteri.',
        "Hmm.. seperti apa ya rasanya?",
    ],
)
def test_does_not_split_inside_a_sentence(sentence):
    assert split_sentences(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harga naik. Warga mengeluh.", ["Harga naik.", "Warga mengeluh."]),
        ('"Ini penting." Dia menambahkan hal itu.', ['"Ini penting."', "Dia menambahkan hal itu."]),
        ('Ia berkata. "Kami siap," ujarnya.', ["Ia berkata.", '"Kami siap," ujarnya.']),
        ("Benarkah? Tentu saja! Semua setuju.", ["Benarkah?", "Tentu saja!", "Semua setuju."]),
        (
            "Bahan pokok seperti beras, gula, dll. Semua naik.",
            ["Bahan pokok seperti beras, gula, dll.", "Semua naik."],
        ),
        ("Ia menunggu... Lalu pergi.", ["Ia menunggu...", "Lalu pergi."]),
        ("Harga naik pada 2023. Tahun ini turun.", ["Harga naik pada 2023.", "Tahun ini turun."]),
        ("Korban dibawa ke rumah sakit. (rsa)", ["Korban dibawa ke rumah sakit.", "(rsa)"]),
        (
            "Kunjungi kompas.com. Berita lain ada di sana.",
            ["Kunjungi kompas.com.", "Berita lain ada di sana."],
        ),
    ],
)
def test_splits_real_boundaries(text, expected):
    assert split_sentences(text) == expected


def test_paragraphs_and_lists_are_hard_breaks():
    text = "Syaratnya sebagai berikut:\n\n1. Fotokopi KTP\n2. Surat lamaran\n\nBerkas dikirim hari ini."
    assert split_sentences(text) == [
        "Syaratnya sebagai berikut:",
        "1.",
        "Fotokopi KTP",
        "2.",
        "Surat lamaran",
        "Berkas dikirim hari ini.",
    ]


def test_wrapped_line_is_not_a_boundary():
    assert split_sentences("Pemerintah akan menambah\nstok beras bulan depan.") == [
        "Pemerintah akan menambah\nstok beras bulan depan."
    ]


def test_never_loses_or_reorders_characters():
    text = 'Dr. Ani tiba. "Kami siap," katanya!  Harga Rp1.500.000?\n\nParagraf dua... Selesai (ama)'
    sentences = split_sentences(text)
    # Every sentence is an exact slice of the input, in order; only whitespace between them is dropped.
    assert "".join("".join(sentences).split()) == "".join(text.split())
    pos = 0
    for s in sentences:
        pos = text.index(s, pos) + len(s)  # raises if a sentence was altered or reordered


def test_empty_input():
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


def test_split_paragraphs():
    assert split_paragraphs("  Satu.\n\n\n Dua dua. \nTiga.\n") == ["Satu.", "Dua dua.", "Tiga."]
    assert split_paragraphs("") == []


def test_long_text_without_boundaries_is_linear():
    text = "kata " * 200_000 + "a. " * 50_000
    assert len(split_sentences(text)) >= 1


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/indosum-dev.jsonl not available")
def test_gold_boundary_f1_beats_baseline():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_splitter.py"
    spec = importlib.util.spec_from_file_location("eval_splitter", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paragraphs = module.load_paragraphs(DEV)
    ours = module.evaluate(paragraphs, split_sentences)
    base = module.evaluate(paragraphs, module.baseline_split)
    assert ours["f1"] >= 0.99
    assert ours["f1"] > base["f1"] + 0.01
