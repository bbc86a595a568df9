"""Summary spacing: tokenised model output becomes text as a reader expects it, and normal text stays."""

from __future__ import annotations

import pytest
from fakes import FakeModel, tag_english
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.models.base import GenerationSettings
from summarizer.summarize import AbstractiveSummarizer
from summarizer.text import normalise_spacing


@pytest.mark.parametrize(
    ("tokenised", "expected"),
    [
        ("Gubernur Ridwan Kamil ( Emil ) , menurut dia .", "Gubernur Ridwan Kamil (Emil), menurut dia."),
        ('" Kami belum siap , " ujar René .', '"Kami belum siap," ujar René.'),
        ('" kata dia ."', '"kata dia."'),
        ("Rapat digelar Senin ( 12 / 3 / 2024 ) .", "Rapat digelar Senin (12/3/2024)."),
        ("Apa benar ? Tentu saja !", "Apa benar? Tentu saja!"),
        ("Syaratnya : KTP ; KK .", "Syaratnya: KTP; KK."),
        ("Inflasi naik 3,5 % tahun ini .", "Inflasi naik 3,5% tahun ini."),
        ("Nilai [ sementara ] dicatat .", "Nilai [sementara] dicatat."),
        ("“ Kami siap , ” kata Dubes .", "“Kami siap,” kata Dubes."),
        ("Istilah ‘ kuda hitam ’ kembali muncul .", "Istilah ‘kuda hitam’ kembali muncul."),
        ("Ia menunggu ... lalu pergi .", "Ia menunggu... lalu pergi."),
        # Straight quotes alternate: the first opens, the second closes, the third opens again.
        (
            'Ia berkata , " Tidak . " Lalu " Mungkin " katanya .',
            'Ia berkata, "Tidak." Lalu "Mungkin" katanya.',
        ),
        ('( " Jokowi " )', '("Jokowi")'),
        (
            "Ponsel itu dan desktop -nya dibeli tahun 1990 -an .",
            "Ponsel itu dan desktop-nya dibeli tahun 1990-an.",
        ),
        ("Koran - koran memuat foto anak - anak itu .", "Koran-koran memuat foto anak-anak itu."),
    ],
)
def test_tokenised_spacing_is_put_right(tokenised, expected):
    assert normalise_spacing(tokenised) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Inflasi 3,5 persen, harga Rp1.500.000 dan acara pukul 14.30 WIB.",
        "Laporan ada di https://www.contoh.co.id/berita?id=12&hal=2 dan redaksi@contoh.com.",
        "Ia menunggu... lalu pergi. Tunggu…",
        "Ia lahir di St. Petersburg pada hari Jum'at, tahun ’90-an.",
        "Desktop-nya rusak; e-KTP dan anak-anak aman. Skor 2 - 1 (babak pertama).",
        '“Kami siap,” kata Dubes. ‘Kuda hitam’ itu menang. "Ya," jawabnya.',
        "Paragraf satu.\n\nParagraf dua: isi (lengkap) [catatan] {kode} 50%!",
        "Bahasa 'gaul' dan rock 'n' roll, kata René.",
    ],
)
def test_normal_text_is_unchanged(text):
    assert normalise_spacing(text) == text


def test_only_horizontal_space_is_removed():
    text = 'Baris pertama ,\n" baris kedua . "\n\nBaris ketiga'
    out = normalise_spacing(text)
    assert out == 'Baris pertama,\n"baris kedua."\n\nBaris ketiga'


_TOKENS = st.sampled_from(
    [*"aZé1 .,;:!?%()[]{}\"'“”‘’-…", "\n", "\u00a0", "nya", " -an", " - ", "Rp1.500.000", "14.30", "Jum'at"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=30).map("".join))
def test_normalising_is_idempotent_and_only_drops_whitespace(text):
    once = normalise_spacing(text)
    assert normalise_spacing(once) == once
    assert "".join(once.split()) == "".join(text.split())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_idempotent_on_any_text(text):
    once = normalise_spacing(text)
    assert normalise_spacing(once) == once


def test_abstractive_summaries_come_out_with_reader_spacing():
    model = FakeModel(
        max_input_tokens=200, transform=lambda _: 'Wali Kota ( Budi ) menolak . " Tidak , " kata dia .'
    )
    settings_ = {k: GenerationSettings(max_new_tokens=40) for k in ("short", "medium", "long")}
    summary = AbstractiveSummarizer(model, settings_).summarize("Wali Kota Budi menolak usulan itu hari ini.")
    assert summary.text == 'Wali Kota (Budi) menolak. "Tidak," kata dia.'


def test_pipeline_translates_and_shows_the_normalised_summary(monkeypatch):
    from summarizer import Pipeline

    summary_model = FakeModel(max_input_tokens=400, transform=lambda _: "Harga beras naik 3,5 % ( BPS ) .")
    translator = FakeModel(max_input_tokens=400, transform=tag_english)
    monkeypatch.setattr(
        "summarizer.pipeline.load_model",
        lambda resolved, **_: summary_model if resolved.kind == "summary" else translator,
    )
    pipe = Pipeline(summary_model="default", translation_model="default", guard=False)
    result = pipe.run("Badan Pusat Statistik mencatat harga beras naik 3,5 persen pada bulan ini di Jakarta.")
    assert result.summary_id == "Harga beras naik 3,5% (BPS)."
    assert [t for batch in translator.batches for t in batch] == ["Harga beras naik 3,5% (BPS)."]
