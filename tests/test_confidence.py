"""Per-sentence scores and confidence: Segment, both backends, low_confidence warnings, targets."""

from __future__ import annotations

import importlib.util
import math
import pickle

import pytest
from fakes import FakeModel

from summarizer import Pipeline
from summarizer.errors import SummarizerError
from summarizer.results import ArticleResult, ResultWarning, Segment
from summarizer.translate import DEFAULT_MIN_CONFIDENCE, Translator


class ScoredFake(FakeModel):
    """A fake backend that also reports a score per output (log of a given confidence)."""

    def __init__(self, confidence: dict[str, float], **kwargs) -> None:
        super().__init__(max_input_tokens=64, **kwargs)
        self.confidence = confidence

    def generate_scored(self, texts, settings):
        return [
            (out, math.log(self.confidence.get(t, 0.9)))
            for t, out in zip(texts, self.generate(texts, settings))
        ]


def test_segment_still_unpacks_as_a_pair_and_keeps_its_extras_through_pickle():
    seg = Segment("Harga naik “3,5” persen.", "Prices rose.", -0.5, 2)
    source, english = seg
    assert (source, english) == ("Harga naik “3,5” persen.", "Prices rose.") and len(seg) == 2
    assert seg.confidence == pytest.approx(math.exp(-0.5)) and seg.paragraph == 2
    assert Segment("a", "b").score is Segment("a", "b").confidence is None
    copy = pickle.loads(pickle.dumps(seg))
    assert (copy.score, copy.paragraph) == (-0.5, 2)
    assert seg._replace(english="x").score == -0.5
    with pytest.raises(AttributeError):
        seg.score = 0.0
    data = seg.to_dict()
    assert data["confidence"] == pytest.approx(0.6065, abs=1e-4) and data["paragraph"] == 2
    # ArticleResult keeps Segment objects as they are (and still accepts plain pairs).
    result = ArticleResult("s", "e", "c", segments=(seg, ("x", "y")))
    assert result.segments[0].score == -0.5 and result.segments[1] == Segment("x", "y")


def test_low_confidence_warnings_follow_the_threshold():
    model = ScoredFake({"Kalimat ragu.": 0.1, "Kalimat yakin.": 0.8})
    translator = Translator(model, guard=False)
    out = translator.translate_scored(["Kalimat yakin.", "Kalimat ragu.", "Kalimat yakin."])
    assert [round(math.exp(s), 3) for s in out.scores] == [0.8, 0.1, 0.8]
    low = [w for w in out.warnings if w.code == "low_confidence"]
    assert [w.source for w in low] == ["Kalimat ragu."] and "0.10" in low[0].message
    assert DEFAULT_MIN_CONFIDENCE == 0.3
    strict = Translator(ScoredFake({"Kalimat yakin.": 0.8}), guard=False, min_confidence=0.85)
    assert [w.code for w in strict.translate_scored(["Kalimat yakin."]).warnings] == ["low_confidence"]
    off = Translator(ScoredFake({"Kalimat ragu.": 0.01}), guard=False, min_confidence=0.0)
    assert off.translate_scored(["Kalimat ragu."]).warnings == []
    # Backends without scores: None, and no warning.
    plain = Translator(FakeModel(), guard=False).translate_scored(["Kalimat ragu."])
    assert plain.scores == [None] and plain.warnings == []
    with pytest.raises(ValueError, match="min_confidence"):
        Translator(FakeModel(), min_confidence=1.5)


def test_pipeline_segments_carry_scores_and_warnings_their_targets(monkeypatch):
    text = "Kalimat yakin satu. Kalimat ragu dua.\n\nParagraf kedua yakin sekali."
    fake = ScoredFake({"Kalimat ragu dua.": 0.2})
    monkeypatch.setattr("summarizer.pipeline.load_model", lambda *a, **k: fake)
    pipe = Pipeline(summary_model="extractive", translation_model="default", guard=False, min_confidence=0.5)
    result = pipe.run(text, full=True)
    assert [s.paragraph for s in result.segments] == [0, 0, 1]
    assert [round(s.confidence, 2) for s in result.segments] == [0.9, 0.2, 0.9]
    low = [w for w in result.warnings if w.code == "low_confidence"]
    targets = {(w.target, w.index) for w in low}
    assert ("translation_en", 1) in targets
    # The extractive summary repeats the sentence: its English summary sentence is flagged as well.
    summary_sents = [s for s in result.summary_id.split(". ") if s]
    if any("ragu" in s for s in summary_sents):
        assert any(t == "summary_en" for t, _ in targets)
    assert all(w.to_dict()["target"] in ("summary_en", "translation_en") for w in low)
    # translate_detailed: every warning points at its segment.
    detailed = pipe.translate_detailed("Kalimat ragu dua. Kalimat yakin satu.")
    assert [(w.code, w.target, w.index) for w in detailed.warnings] == [
        ("low_confidence", "translation_en", 0)
    ]


def test_options_validate_min_confidence():
    with pytest.raises(ValueError, match="min_confidence"):
        Pipeline(summary_model="extractive", translation_model="default", min_confidence=-0.1)


def test_result_warning_target_defaults_and_dict():
    w = ResultWarning("x", "y")
    assert (w.target, w.index) == (None, None)
    assert w.to_dict() == {
        "code": "x",
        "message": "y",
        "span": None,
        "stage": None,
        "target": None,
        "index": None,
    }


def test_error_classes_carry_their_code():
    from summarizer import errors
    from summarizer.batch.sources import error_code

    expected = {
        "SummarizerError": "summarizer",
        "InputError": "input",
        "EmptyInputError": "empty_input",
        "BinaryInputError": "binary_input",
        "InputTooLargeError": "input_too_large",
        "ModelError": "model",
        "UnknownPresetError": "unknown_preset",
        "ModelUnavailableError": "model_unavailable",
        "BackendUnavailableError": "backend_unavailable",
        "GenerationError": "generation",
        "DeviceError": "device",
    }
    for name, code in expected.items():
        cls = getattr(errors, name)
        assert cls.code == code and error_code(cls("m")) == code
    assert issubclass(errors.EmptyInputError, SummarizerError)
    assert error_code(OSError("disk")) == "o_s"  # not ours: named after the class, as before


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("ctranslate2") is None, reason="ctranslate2 is not installed")
def test_transformers_and_ctranslate2_report_the_same_score(tiny_marian, tmp_path, monkeypatch):
    from summarizer.models import clear_model_cache, resolve_model
    from summarizer.models.base import GenerationSettings
    from summarizer.models.ct2 import ENV_CT2_DIR, CTranslate2Model
    from summarizer.models.hf import TransformersModel

    monkeypatch.setenv(ENV_CT2_DIR, str(tmp_path / "ct2"))
    clear_model_cache()
    resolved = resolve_model(str(tiny_marian), "translation")
    hf, ct = TransformersModel(resolved), CTranslate2Model(resolved, compute_type="float32")
    sources = ["Harga beras naik 3,5 persen.", "Polisi menangkap 12 tersangka penipuan di Bandung.", "Ya."]
    for settings in (
        GenerationSettings(num_beams=1, max_new_tokens=8),
        GenerationSettings(num_beams=3, max_new_tokens=12),
        GenerationSettings(num_beams=3, max_new_tokens=12, length_penalty=0.6),
    ):
        a, b = hf.generate_scored(sources, settings), ct.generate_scored(sources, settings)
        assert [t for t, _ in a] == [t for t, _ in b] == hf.generate(sources, settings)
        for (_, sa), (_, sb) in zip(a, b, strict=True):
            assert sa is not None and sb is not None and sa < 0
            assert sa == pytest.approx(sb, abs=0.02)
    # The score is the mean log-prob per generated token: recompute it by teacher forcing.
    import torch

    settings = GenerationSettings(num_beams=1, max_new_tokens=8)
    ((_text, score),) = hf.generate_scored(sources[:1], settings)
    enc = hf.tokenizer(sources[:1], return_tensors="pt")
    out = hf.model.generate(**enc, **settings.to_kwargs())
    with torch.no_grad():
        logits = hf.model(**enc, decoder_input_ids=out[:, :-1]).logits[0]
    logits[:, hf.tokenizer.pad_token_id] = float("-inf")  # never generated (bad_words_ids)
    target = out[0, 1:]
    steps = torch.log_softmax(logits, -1)[range(len(target)), target]
    forced = 1 if target[-1] == hf.tokenizer.eos_token_id and len(target) == 8 else 0
    expected = (steps[: len(target) - forced].sum() / len(target)).item()
    assert score == pytest.approx(expected, abs=0.02)


def test_batch_routes_each_warning_to_its_own_article_and_place_by_index(monkeypatch):
    shared = "Harga cabai naik “3,5” persen menjadi Rp1.500.000."
    texts = [
        f"Kalimat pembuka yang yakin sekali. {shared}\n\nParagraf penutup yang yakin juga.",
        "Berita lain tanpa kalimat itu sama sekali.\n\nParagraf kedua juga yakin, kata pejabat.",
        f"{shared}\n\nParagraf kedua yang yakin. Lalu kalimat lain yang yakin.",
    ]
    fake = ScoredFake({'Harga cabai naik "3,5" persen menjadi Rp1.500.000.': 0.1})
    monkeypatch.setattr("summarizer.pipeline.load_model", lambda *a, **k: fake)
    pipe = Pipeline(summary_model="extractive", translation_model="default", guard=False, min_confidence=0.5)
    results = pipe.run_batch(texts, full=True)

    def flagged(result):
        return {(w.target, w.index) for w in result.warnings if w.code == "low_confidence"}

    for result in results:
        segments = {("translation_en", i) for i, s in enumerate(result.segments) if s.source == shared}
        assert {t for t in flagged(result) if t[0] == "translation_en"} == segments
        summary = {("summary_en", i) for i, s in enumerate(result.summary_id.split(". ")) if "cabai" in s}
        assert {t for t in flagged(result) if t[0] == "summary_en"} == summary
    assert flagged(results[1]) == set() and ("translation_en", 1) in flagged(results[0])
    assert ("translation_en", 0) in flagged(results[2])
