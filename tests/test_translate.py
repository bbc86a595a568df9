import json

import pytest
from conftest import DEV_FILE, needs_shared
from fakes import FakeModel, tag_english

from summarizer.models import load_model, resolve_model
from summarizer.models.base import GenerationSettings
from summarizer.translate import Translator, normalise_for_mt


def test_every_sentence_translated_in_order_with_sorted_batches():
    model = FakeModel(max_input_tokens=16)
    translator = Translator(model, max_batch_tokens=40, max_batch_size=4, guard=False)
    sentences = [f"kalimat nomor {i} " + "kata " * (i % 7) for i in range(23)]
    out, _ = translator.translate_sentences(sentences)
    assert out == [tag_english(normalise_for_mt(s)) for s in sentences]
    # Batched by length: within a batch the inputs are sorted longest first.
    for batch in model.batches:
        lengths = model.count_tokens(batch)
        assert lengths == sorted(lengths, reverse=True)
        assert len(batch) <= 4


def test_oversized_sentence_is_split_not_truncated():
    model = FakeModel(max_input_tokens=10)
    translator = Translator(model, guard=False)
    long = " ".join(f"kata{i}" for i in range(50)) + "."
    out, _ = translator.translate_sentences(["pendek.", long])
    assert out[0] == tag_english("pendek.")
    # Every word of the long sentence made it through, in order.
    words = [w for piece in model.batches for t in piece for w in t.split()]
    assert [w for w in words if w.startswith("kata")] == [f"kata{i}" for i in range(49)] + ["kata49."]
    assert out[1].count("<en>") > 1


def test_max_new_tokens_scales_with_input():
    model = FakeModel(max_input_tokens=64)
    translator = Translator(model, max_batch_size=1, guard=False)
    translator.translate_sentences(["a b", " ".join(["kata"] * 30)])
    caps = sorted(s.max_new_tokens for s in model.settings)
    assert caps[0] < caps[-1] <= 64


def test_curly_quotes_normalised_for_the_translator_only():
    model = FakeModel()
    translator = Translator(model, guard=False)
    result = translator.translate_text("“Kami siap,” kata René.\n\nHarga Rp1.500.000 per ton.")
    assert model.batches and all("“" not in t for b in model.batches for t in b)
    assert [s.source for s in result.segments] == ["“Kami siap,” kata René.", "Harga Rp1.500.000 per ton."]
    assert result.text.count("\n\n") == 1


def test_identical_sentences_are_translated_once():
    model = FakeModel()
    translator = Translator(model, guard=False)
    out, _ = translator.translate_sentences(["Sama saja.", "Beda.", "Sama saja."])
    assert out[0] == out[2]
    assert sum(len(b) for b in model.batches) == 2


def test_settings_merge_model_defaults():
    model = FakeModel()
    translator = Translator(model, GenerationSettings(no_repeat_ngram_size=3), guard=False)
    assert translator.settings.num_beams == 2 and translator.settings.no_repeat_ngram_size == 3


@needs_shared
@pytest.mark.slow
def test_real_opus_tokenizer_limit_respected_on_long_input(opus_shape_marian):
    """20 dev articles (~5,000 words) plus one monster sentence: every batch within 512 tokens."""
    rows = [json.loads(line) for line in DEV_FILE.read_text("utf-8").splitlines()[:20]]
    model = load_model(resolve_model(str(opus_shape_marian), "translation"), device="cpu")
    assert model.max_input_tokens == 512
    seen: list[int] = []
    real_generate = model.generate

    def spy(texts, settings):
        seen.extend(model.count_tokens(texts))
        return ["x"] * len(texts)  # the content is irrelevant here; keeps the test fast

    model.generate = spy
    try:
        translator = Translator(model, guard=False)
        sentences = [s for r in rows for para in r["paragraphs"] for s in para]
        monster = " ".join(sentences[:60])  # one 'sentence' far above 512 tokens
        assert model.count_tokens([monster])[0] > 1500
        out, _ = translator.translate_sentences([*sentences, monster])
    finally:
        model.generate = real_generate
    assert len(out) == len(sentences) + 1 and all(out)
    assert seen and max(seen) <= 512
    assert len(seen) > len(sentences)  # the monster was split into several pieces


def test_guard_off_still_checks_but_never_retranslates():
    looping = FakeModel(transform=lambda t: "the the the the the the the the the the the the")
    translator = Translator(looping, guard=False)
    _, warnings = translator.translate_sentences(["Harga naik."])
    assert "repetition" in {w.code for w in warnings}
    assert len(looping.batches) == 1

    retrying = FakeModel(transform=lambda t: "the the the the the the the the the the the the")
    Translator(retrying, guard=True).translate_sentences(["Harga naik."])
    assert len(retrying.batches) > 1  # the guard re-translated with stronger settings
