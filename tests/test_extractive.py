"""The offline extractive summariser: contract, order, boilerplate, and the dev-file quality bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.summarize.extractive import extractive_summary

DEV_FILE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "indosum-dev.jsonl"

ARTICLE = "\n\n".join(
    [
        "Jakarta, CNN Indonesia -- Pemerintah menaikkan harga tiket kereta menjadi Rp1.500.000 bulan depan.",
        "Kenaikan itu disebut “perlu” oleh Menteri Perhubungan karena biaya perawatan kereta terus naik.",
        "Baca juga: Lima tips hemat liburan keluarga ke café di Bandung",
        "Penumpang mengeluhkan kenaikan harga tiket kereta yang dinilai terlalu tinggi.",
        "Sejumlah penumpang berharap pemerintah memberi subsidi untuk tiket kereta kelas ekonomi.",
        "Operator kereta menyatakan layanan tambahan akan diberikan kepada penumpang setia.",
        "Cuaca di Jakarta hari ini cerah berawan sepanjang hari menurut prakiraan.",
        "(bir)",
    ]
)


def test_returns_sentences_in_original_order_without_dateline_or_boilerplate() -> None:
    out = extractive_summary(ARTICLE)
    assert out[0].startswith("Pemerintah menaikkan harga tiket kereta menjadi Rp1.500.000")
    assert not any("Baca juga" in s or s == "(bir)" for s in out)
    positions = [ARTICLE.index(s) for s in out]
    assert positions == sorted(positions)
    assert "“perlu”" in out[1]


@pytest.mark.parametrize("length", ["short", "medium", "long"])
def test_lengths_are_monotonic(length: str) -> None:
    short, medium, long = (len(extractive_summary(ARTICLE, length=x)) for x in ("short", "medium", "long"))
    assert 1 <= short <= medium <= long
    assert extractive_summary(ARTICLE, length=length)


def test_bad_length_and_tiny_input() -> None:
    with pytest.raises(ValueError):
        extractive_summary(ARTICLE, length="huge")
    assert extractive_summary("") == []
    assert extractive_summary("Satu kalimat saja.") == ["Satu kalimat saja."]


@pytest.mark.skipif(not DEV_FILE.exists(), reason="../shared/data/indosum-dev.jsonl is not available")
def test_beats_lead3_on_dev() -> None:
    from summarizer.eval import evaluate, load_indosum

    report = evaluate(load_indosum(DEV_FILE), extractive_summary, system="extractive")
    assert report.scores["rouge1"] >= report.lead3["rouge1"] + 2.0
    assert report.scores["rouge2"] >= report.lead3["rouge2"]
    assert report.scores["rougeL"] >= report.lead3["rougeL"]
    assert report.seconds_per_article < 0.5


def test_headline_line_is_not_summary_material():
    text = (
        "Pemkot salurkan bantuan pangan untuk ribuan keluarga miskin\n\n"
        "Pemerintah kota mulai menyalurkan bantuan pangan kepada 12.000 keluarga pada Sabtu (21/12). "
        "Bantuan itu diberikan untuk menjaga daya beli warga menjelang akhir tahun.\n\n"
        "Wali kota mengatakan penyaluran dijadwalkan selesai dalam tiga hari di semua kelurahan."
    )
    chosen = extractive_summary(text, length="long")
    assert chosen and not any(s.startswith("Pemkot salurkan") for s in chosen)
