import dataclasses
import json

import pytest
from conftest import DEV_FILE, SEED_ARTICLE, needs_shared
from fakes import FakeModel

from summarizer import ArticleResult, Pipeline, split_sentences
from summarizer.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    ModelUnavailableError,
    SummarizerError,
    UnknownPresetError,
)

ARTICLE = """BANDUNG, KOMPAS.com - Pemerintah Kota Bandung menyiapkan anggaran Rp1.500.000 untuk setiap kelurahan pada tahun 2024. Program itu dimulai pada Senin (12/3/2024) pukul 09.00 WIB.

“Kami ingin warga merasakan manfaatnya secara langsung,” kata Wali Kota di Balai Kota. Dia menambahkan bahwa anggaran naik 3,5 persen dibandingkan tahun lalu.

Baca juga: Harga Beras Naik Lagi di Pasar Tradisional

Menurut Dinas Kesehatan, tercatat 1.250 kasus demam berdarah sepanjang Januari. Kafe milik René di Ubud juga ikut dalam program kebersihan lingkungan.

Pemerintah Kota Bandung menyiapkan anggaran Rp1.500.000 untuk setiap kelurahan pada tahun 2024. Program itu dimulai pada Senin (12/3/2024) pukul 09.00 WIB."""

ENGLISH = (
    "The city government of Bandung is preparing a budget for every district this year. The mayor said "
    "the programme would start on Monday morning. Residents welcomed the plan and asked for more details."
)


def sentences_of(result: ArticleResult) -> list[str]:
    return [s for p in result.clean_text.split("\n\n") for s in split_sentences(p)]


@pytest.fixture
def pipe(tiny_marian):
    # The guard retries every garbage sentence a random-weight model makes; one test below keeps it on.
    return Pipeline(summary_model="extractive", translation_model=str(tiny_marian), device="cpu", guard=False)


def test_guard_warnings_reach_the_result(tiny_marian):
    pipe = Pipeline(summary_model="extractive", translation_model=str(tiny_marian), device="cpu")
    result = pipe.run("Kafe milik René di Ubud menjual kopi seharga Rp25.000 per cangkir sejak 2019.")
    warnings = [w for w in result.warnings if w.stage == "translation"]
    assert warnings, "a random-weight translator must trip the fidelity guard"
    assert all(w.to_dict()["code"] for w in warnings)
    assert result.to_dict()["warnings"][0]["message"]


def test_run_returns_documented_result(pipe):
    result = pipe.run(ARTICLE)
    assert result.summary_id and result.summary_en
    assert result.translation_en is None and result.segments == ()
    assert "Baca juga" not in result.clean_text
    assert result.clean_text.count("Rp1.500.000") == 1  # duplicate paragraph dropped
    data = result.to_dict()
    assert list(data) == [f.name for f in dataclasses.fields(ArticleResult)]
    for key in (
        "summary_id",
        "summary_en",
        "translation_en",
        "segments",
        "clean_text",
        "warnings",
        "models",
        "timings",
    ):
        assert key in data
    json.dumps(data)
    assert data["models"]["translation"] == str(pipe._translation_resolved.location)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.summary_id = "x"  # type: ignore[misc]


def test_full_translation_covers_every_sentence_in_order(pipe):
    result = pipe.run(ARTICLE, full=True)
    assert [s.source for s in result.segments] == sentences_of(result)
    assert all(s.english for s in result.segments)
    assert result.translation_en is not None
    assert result.translation_en.count("\n\n") == result.clean_text.count("\n\n")


@needs_shared
def test_seed_article_full_coverage(pipe):
    result = pipe.run(SEED_ARTICLE.read_bytes(), full=True)
    sources = [s.source for s in result.segments]
    assert sources == sentences_of(result)
    assert len(sources) == len(set(sources))  # the duplicated body is gone
    assert "COPYRIGHT" not in result.clean_text and "Baca juga" not in result.clean_text


@needs_shared
@pytest.mark.slow
def test_long_input_is_chunked_and_fully_covered(tiny_t5, tiny_marian):
    rows = [json.loads(line) for line in DEV_FILE.read_text("utf-8").splitlines()[:20]]
    text = "\n\n".join(r["text"] for r in rows)
    assert len(text.split()) > 4000
    pipe = Pipeline(summary_model=str(tiny_t5), translation_model=str(tiny_marian), guard=False)
    result = pipe.run(text, full=True)
    assert result.summary_chunks > 1
    assert any(w.code == "summary_chunked" for w in result.warnings)
    assert [s.source for s in result.segments] == sentences_of(result)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", EmptyInputError),
        ("   \n\t  ", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 100, BinaryInputError),
        ("teks\x00\x01\x02\x03\x04" * 50, BinaryInputError),
        ("<html><body><script>var x = 1;</script></body></html>", EmptyInputError),
    ],
)
def test_bad_input_raises_typed_errors(pipe, text, error):
    with pytest.raises(error) as err:
        pipe.run(text)
    assert isinstance(err.value, SummarizerError)


def test_size_limit(tiny_marian):
    pipe = Pipeline(
        summary_model="extractive", translation_model=str(tiny_marian), max_chars=100, guard=False
    )
    with pytest.raises(InputTooLargeError) as err:
        pipe.run(ARTICLE)
    assert "max_chars" in err.value.hint


def test_invalid_utf8_is_decoded_with_warning(pipe):
    result = pipe.run(ARTICLE.replace("“", '"').replace("”", '"').encode("cp1252"))
    assert "René" in result.clean_text
    assert "legacy_encoding" in [w.code for w in result.warnings]


def test_bad_model_specs_fail_at_construction(tmp_path):
    with pytest.raises(UnknownPresetError):
        Pipeline(summary_model="nope")
    with pytest.raises(UnknownPresetError):
        Pipeline(translation_model="nope")
    with pytest.raises(ModelUnavailableError):
        Pipeline(translation_model=str(tmp_path))
    with pytest.raises(ValueError):
        Pipeline(device="tpu")
    with pytest.raises(ValueError):
        Pipeline(summary_length="huge")


def test_translator_unavailable_offline_says_how_to_fix():
    pipe = Pipeline(summary_model="extractive")
    with pytest.raises(ModelUnavailableError) as err:
        pipe.run(ARTICLE)
    assert "summarizer models download" in err.value.hint


def test_auto_falls_back_to_extractive_with_warning(tiny_marian):
    pipe = Pipeline(summary_model="auto", translation_model=str(tiny_marian), guard=False)
    result = pipe.run(ARTICLE)
    codes = [w.code for w in result.warnings]
    assert "summary_fallback" in codes
    assert result.models["summary"] == "LazarusNLP/IndoNanoT5-base-IndoSum" or result.summary_id
    assert pipe.summarizer.model_id == "extractive"


def test_explicit_summary_model_does_not_fall_back(tiny_marian):
    pipe = Pipeline(summary_model="default", translation_model=str(tiny_marian))
    with pytest.raises(ModelUnavailableError):
        pipe.summarize(ARTICLE)


def test_env_vars_set_defaults(monkeypatch, tiny_marian):
    monkeypatch.setenv("SUMMARIZER_SUMMARY_MODEL", "extractive")
    monkeypatch.setenv("SUMMARIZER_TRANSLATION_MODEL", str(tiny_marian))
    monkeypatch.setenv("SUMMARIZER_DEVICE", "cpu")
    pipe = Pipeline()
    assert pipe.options.summary_model == "extractive" and pipe.options.device == "cpu"
    assert pipe.model_ids["translation"] == str(tiny_marian.resolve())


def test_english_input_is_summarised_not_translated(pipe):
    result = pipe.run(ENGLISH, full=True)
    assert result.language == "en"
    assert result.summary_en == result.summary_id
    assert "not_indonesian" in [w.code for w in result.warnings]
    assert [s.source for s in result.segments] == [s.english for s in result.segments]


def test_run_many_keeps_order_and_shares_model_calls(monkeypatch):
    fake = FakeModel(max_input_tokens=64)
    monkeypatch.setattr("summarizer.pipeline.load_model", lambda *a, **k: fake)
    pipe = Pipeline(summary_model="extractive", translation_model="default", guard=False)
    texts = [f"Berita nomor {i}. Pemerintah mengumumkan program ke-{i} pada hari ini." for i in range(6)]
    results = list(pipe.run_many(texts, full=True, batch_size=6))
    assert [r.segments[0].source for r in results] == [f"Berita nomor {i}." for i in range(6)]
    assert len(fake.batches) == 1  # all sentences of all articles in one model call


def test_run_batch_reports_errors_in_place(pipe):
    results = pipe.run_batch([ARTICLE, "", ARTICLE])
    assert isinstance(results[0], ArticleResult) and isinstance(results[2], ArticleResult)
    assert isinstance(results[1], EmptyInputError)
    with pytest.raises(EmptyInputError):
        list(pipe.run_many([ARTICLE, ""]))


def test_summarize_and_translate_shortcuts(pipe):
    assert pipe.summarize(ARTICLE) == pipe.run(ARTICLE).summary_id
    english = pipe.translate("Satu kalimat.\n\nDua kalimat.")
    assert english.count("\n\n") == 1


def test_auto_uses_the_default_model_when_it_is_available(tiny_t5, tiny_marian, tmp_path, monkeypatch):
    import shutil

    shutil.copytree(tiny_t5, tmp_path / "LazarusNLP--IndoNanoT5-base-IndoSum")
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tmp_path))
    pipe = Pipeline(translation_model=str(tiny_marian), guard=False)
    result = pipe.run(ARTICLE)
    assert "summary_fallback" not in [w.code for w in result.warnings]
    assert result.models["summary"] == "LazarusNLP/IndoNanoT5-base-IndoSum"
    assert pipe.summarizer.model_id == "LazarusNLP/IndoNanoT5-base-IndoSum"


def test_summary_warnings_do_not_copy_the_article(pipe, monkeypatch):
    monkeypatch.setattr(
        "summarizer.summarize.extractive.extractive_summary",
        lambda text, length="medium": ["Harga naik 99 persen."],
    )
    result = pipe.run(ARTICLE)
    flagged = [w for w in result.warnings if w.stage == "summary" and w.code == "number_unsupported"]
    assert flagged and all(w.source is None and w.output is None for w in flagged)


def test_unavailable_device_fails_early_with_a_hint(tiny_marian):
    import torch

    from summarizer.errors import DeviceError

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    with pytest.raises(DeviceError):
        Pipeline(translation_model=str(tiny_marian), device="cuda")


@pytest.mark.parametrize(
    "text", ["<body><nav>Menu</nav><script>x()</script></body>", "<p>Menu</p><p>Login</p>"]
)
def test_a_page_with_only_scraps_is_not_an_article(pipe, text):
    with pytest.raises(EmptyInputError, match="article text"):
        pipe.run(text)
