"""CTranslate2 backend: conversion parity with transformers per family, no truncation, cache, CLI."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from summarizer.errors import BackendUnavailableError, GenerationError
from summarizer.models import clear_model_cache, load_model, resolve_model
from summarizer.models.base import GenerationSettings

HAVE_CT2 = importlib.util.find_spec("ctranslate2") is not None
needs_ct2 = pytest.mark.skipif(
    not HAVE_CT2, reason="ctranslate2 is not installed (pip install 'summarizer[ct2]')"
)
pytestmark = pytest.mark.slow

SENTENCES = [
    "Pemerintah Kota Bandung menyiapkan anggaran Rp1.500.000 untuk setiap kelurahan pada tahun 2024.",
    "Harga beras di pasar tradisional naik 3,5 persen dibandingkan bulan lalu.",
    "Kepolisian Daerah Jawa Barat menangkap 12 tersangka kasus penipuan daring.",
    "Bank Indonesia mempertahankan suku bunga acuan di level 6 persen.",
]


@pytest.fixture(scope="session")
def t5_vocab(tmp_path_factory) -> Path:
    """Original (tied, scaled) T5 with a real vocabulary (the shared tiny_t5 only knows <unk>)."""
    from model_factory import build_tiny_t5

    return build_tiny_t5(tmp_path_factory.mktemp("tiny-t5-vocab"), full_vocab=True)


@pytest.fixture(scope="session")
def tiny_t5_v11(tmp_path_factory) -> Path:
    from model_factory import build_tiny_t5

    return build_tiny_t5(tmp_path_factory.mktemp("tiny-t5-v11"), v1_1=True, full_vocab=True)


@pytest.fixture(autouse=True)
def _fresh_models():
    clear_model_cache()
    yield
    clear_model_cache()


def _pair(path: Path, kind: str):
    from summarizer.models.ct2 import CTranslate2Model
    from summarizer.models.hf import TransformersModel

    resolved = resolve_model(str(path), kind)
    return TransformersModel(resolved), CTranslate2Model(resolved, compute_type="float32")


def _hf_logprobs(hf, source: str, target_tokens: list[str]) -> list[float]:
    """Teacher-forced log-probs of ``target_tokens`` (+ </s>) under the HF model."""
    import torch

    ids = hf.tokenizer.convert_tokens_to_ids([*target_tokens, hf.tokenizer.eos_token])
    enc = hf.tokenizer([source], return_tensors="pt")
    start = hf.model.config.decoder_start_token_id
    with torch.no_grad():
        logits = hf.model(**enc, decoder_input_ids=torch.tensor([[start, *ids[:-1]]])).logits[0].clone()
    if hf.model.config.model_type == "marian":
        # CTranslate2 drops Marian's <pad> (never generated: bad_words_ids); compare over the same vocabulary.
        logits[:, hf.tokenizer.pad_token_id] = float("-inf")
    return torch.log_softmax(logits, -1)[range(len(ids)), ids].tolist()


def _assert_same_as_hf(hf, ct) -> None:
    sources = SENTENCES[:3]
    targets = [ct._tok.pieces(s)[:12] for s in reversed(SENTENCES[1:])]  # real text as forced targets
    scored = ct.translator.score_batch(ct._tok.encode(sources), targets, max_input_length=0)
    for source, target, result in zip(sources, targets, scored, strict=True):
        assert result.tokens == [*target, hf.tokenizer.eos_token]
        assert result.log_probs == pytest.approx(_hf_logprobs(hf, source, target), abs=2e-3)
    import torch

    for beams in (1, 3):
        settings = GenerationSettings(num_beams=beams, max_new_tokens=10, min_new_tokens=10)
        enc = hf.tokenizer(sources, return_tensors="pt", padding=True)
        with torch.inference_mode():
            out = hf.model.generate(**enc, **settings.to_kwargs())
        specials = set(hf.tokenizer.all_special_tokens) - {"<unk>"}
        expected = [[t for t in hf.tokenizer.convert_ids_to_tokens(o[1:]) if t not in specials] for o in out]
        got = ct.translator.translate_batch(
            ct._tok.encode(sources), max_input_length=0, **ct.decoding_options(settings)
        )
        assert [[t for t in r.hypotheses[0] if t not in specials] for r in got] == expected
        assert ct.generate(sources, settings) == hf.generate(sources, settings)


@needs_ct2
def test_marian_conversion_matches_transformers(tiny_marian) -> None:
    _assert_same_as_hf(*_pair(tiny_marian, "translation"))


@needs_ct2
def test_t5_conversion_matches_transformers(t5_vocab) -> None:
    _assert_same_as_hf(*_pair(t5_vocab, "summary"))


@needs_ct2
def test_t5_v1_1_conversion_matches_transformers(tiny_t5_v11) -> None:
    hf, ct = _pair(tiny_t5_v11, "summary")
    assert not hf.model.config.scale_decoder_outputs  # the model really is v1.1 style (unscaled, untied)
    assert hf.model.lm_head.weight.data_ptr() != hf.model.shared.weight.data_ptr()
    _assert_same_as_hf(hf, ct)


@needs_ct2
def test_parity_check_catches_the_unfixed_v1_1_conversion(tiny_t5_v11, tmp_path, monkeypatch) -> None:
    """Without the tie-flag fix the converter mis-scales v1.1 outputs, and the parity check sees it."""
    from summarizer.models.ct2 import convert as ct2_module

    monkeypatch.setenv(ct2_module.ENV_CT2_DIR, str(tmp_path / "unfixed"))
    monkeypatch.setattr(ct2_module, "fix_tie_flag", lambda config: None)
    with pytest.raises(AssertionError, match="approx"):
        _assert_same_as_hf(*_pair(tiny_t5_v11, "summary"))


@needs_ct2
def test_tokenizers_match_transformers_on_the_real_opus_vocabulary(opus_shape_marian) -> None:
    from conftest import SEED_ARTICLE

    hf, ct = _pair(opus_shape_marian, "translation")
    text = SEED_ARTICLE.read_text("utf-8") if SEED_ARTICLE.exists() else " ".join(SENTENCES)
    lines = [line.strip() for line in text.splitlines() if line.strip()] + [
        "",
        ">>ind<< Apa kabar?",
        "“Ya,” katanya.",
    ]
    assert ct.count_tokens(lines) == hf.count_tokens(lines)
    for line in lines:
        ids = hf.tokenizer(line, add_special_tokens=False)["input_ids"]
        tokens = hf.tokenizer.convert_ids_to_tokens(ids)
        assert ct._tok.decode(tokens) == hf.tokenizer.decode(ids, skip_special_tokens=True).strip()
    assert ct.max_input_tokens == hf.max_input_tokens == 512
    assert "torch" not in type(ct._tok).__module__


@needs_ct2
@pytest.mark.parametrize("family", ["marian", "t5"])
def test_both_backends_split_an_oversized_input_into_the_same_whole_word_parts(
    family, opus_shape_marian, t5_vocab
) -> None:
    """Same input, same parts: whole words on both backends, nothing the vocabulary lacks dropped."""
    folder, kind = (opus_shape_marian, "translation") if family == "marian" else (t5_vocab, "summary")
    hf, ct = _pair(folder, kind)
    # Curly quotes, é, an emoji and a figure: pieces a small vocabulary lacks (<unk>), which a split
    # that decodes windows of pieces would drop or glue to their neighbours.
    sentence = "“Café” di Bandung menjual kopi 🙂 seharga Rp1.500.000 per karung, kata pengelola."
    text = " ".join([sentence, *SENTENCES] * 6)
    limit = 40
    assert hf.count_tokens([text])[0] > 3 * limit
    parts = ct.split_tokens(text, limit)
    assert parts == hf.split_tokens(text, limit)
    assert " ".join(parts) == " ".join(text.split())  # every character kept, words never cut
    assert max(ct.count_tokens(parts)) <= limit and max(hf.count_tokens(parts)) <= limit


@needs_ct2
def test_both_backends_read_the_same_facts_from_a_model_folder(t5_vocab, tmp_path) -> None:
    """Prefix, input limit and generation defaults: one reading of the folder, whichever backend."""
    from summarizer.models import Seq2SeqModel

    folder = tmp_path / "t5-prefixed"
    shutil.copytree(t5_vocab, folder)
    config = json.loads((folder / "config.json").read_text("utf-8"))
    config["task_specific_params"] = {"summarization": {"prefix": "summarize: ", "num_beams": 4}}
    (folder / "config.json").write_text(json.dumps(config), "utf-8")
    gen = json.loads((folder / "generation_config.json").read_text("utf-8"))
    gen.update(num_beams=3, no_repeat_ngram_size=2, length_penalty=1.0)  # 1.0 is "off": not a default
    (folder / "generation_config.json").write_text(json.dumps(gen), "utf-8")
    hf, ct = _pair(folder, "summary")
    assert hf.summary_prefix == ct.summary_prefix == "summarize: "
    assert hf.generation_defaults == ct.generation_defaults
    assert ct.generation_defaults == GenerationSettings(num_beams=3, no_repeat_ngram_size=2)
    assert hf.max_input_tokens == ct.max_input_tokens
    assert "summary_prefix" in Seq2SeqModel.__annotations__
    plain_hf, plain_ct = _pair(t5_vocab, "summary")
    assert plain_hf.summary_prefix == plain_ct.summary_prefix == ""


@needs_ct2
def test_pipeline_on_ctranslate2_covers_every_sentence_of_a_long_article(tiny_marian, monkeypatch) -> None:
    from summarizer import Pipeline
    from summarizer.text import split_sentences

    long_sentence = " ".join(["harga beras naik lagi di pasar tradisional Bandung"] * 12)  # > 64 tokens
    paragraphs = [" ".join(SENTENCES), long_sentence + ".", " ".join(reversed(SENTENCES))] * 3
    pipe = Pipeline(summary_model="extractive", translation_model=str(tiny_marian), backend="ctranslate2")
    model = pipe.translator.model
    assert model.backend == "ctranslate2"
    seen: list[int] = []
    original = model.translator.translate_batch

    def spy(tokens, **kwargs):
        assert kwargs["max_input_length"] == 0  # CTranslate2 may never truncate
        seen.extend(len(t) for t in tokens)
        return original(tokens, **kwargs)

    monkeypatch.setattr(model, "translator", type("T", (), {"translate_batch": staticmethod(spy)})())
    result = pipe.run("\n\n".join(paragraphs), full=True)
    expected = [s for p in result.clean_text.split("\n\n") for s in split_sentences(p) if s.strip()]
    assert [seg.source for seg in result.segments] == expected
    assert result.models["backend"] == "ctranslate2"
    assert seen and max(seen) <= model.max_input_tokens
    assert model.count_tokens([long_sentence])[0] > model.max_input_tokens  # it really had to be split


@needs_ct2
def test_inputs_over_1024_tokens_are_never_truncated(tiny_t5_v11, tmp_path, monkeypatch) -> None:
    """CTranslate2 cuts inputs at 1024 tokens by default; ours reach it whole, or raise, never cut."""
    folder = tmp_path / "long-t5"
    shutil.copytree(tiny_t5_v11, folder)
    cfg_path = folder / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text("utf-8"))
    cfg["model_max_length"] = 4096
    cfg_path.write_text(json.dumps(cfg), "utf-8")
    hf, ct = _pair(folder, "summary")
    assert ct.max_input_tokens == 4096
    long_text = " ".join(SENTENCES * 30)
    n_tokens = ct.count_tokens([long_text])[0]
    assert 1024 < n_tokens <= 4096
    settings = GenerationSettings(num_beams=1, max_new_tokens=6, min_new_tokens=6)
    real = ct.translator
    calls: list[tuple[list[int], int]] = []

    def spy(tokens, **kwargs):
        calls.append(([len(t) for t in tokens], kwargs["max_input_length"]))
        return real.translate_batch(tokens, **kwargs)

    monkeypatch.setattr(ct, "translator", type("T", (), {"translate_batch": staticmethod(spy)})())
    ct.generate([long_text], settings)
    assert calls == [([n_tokens], 0)]  # the whole input, with truncation switched off
    # The switch matters: CTranslate2's default would cut at 1024 and change the model's output, while
    # with 0 its log-probs are transformers' on the whole input.
    source = ct._tok.encode([long_text])
    target = ct._tok.pieces(SENTENCES[0])[:8]
    whole = real.score_batch(source, [target], max_input_length=0)[0].log_probs
    assert whole == pytest.approx(_hf_logprobs(hf, long_text, target), abs=2e-3)
    assert real.score_batch(source, [target])[0].log_probs != pytest.approx(whole, abs=1e-4)
    # Over the model's own limit: a typed error, not a silent cut.
    with pytest.raises(GenerationError):
        ct.generate([" ".join(SENTENCES * 120)], settings)


@needs_ct2
def test_translator_splits_a_3000_token_article_so_ctranslate2_never_sees_more_than_the_limit(
    opus_shape_marian, monkeypatch
) -> None:
    from summarizer.translate import Translator

    model = load_model(resolve_model(str(opus_shape_marian), "translation"), backend="ctranslate2")
    seen: list[int] = []
    original = model.generate

    def spy(texts, settings):
        seen.extend(model.count_tokens(texts))
        return original(texts, settings)

    monkeypatch.setattr(model, "generate", spy)
    one_run_on = ", ".join(SENTENCES * 50)  # a single ~3000-token "sentence" with only commas
    assert model.count_tokens([one_run_on])[0] > 2000
    translator = Translator(model, GenerationSettings(num_beams=1, max_new_tokens=4), guard=False)
    english, _ = translator.translate_sentences([one_run_on])
    assert len(english) == 1
    assert seen and max(seen) <= model.max_input_tokens < 1024
    assert sum(seen) >= model.count_tokens([one_run_on])[0] - len(seen)  # nothing dropped


@needs_ct2
def test_conversion_is_cached_atomic_and_keyed_by_content(tiny_marian, tmp_path, monkeypatch) -> None:
    from summarizer.models.ct2 import convert as ct2_module

    monkeypatch.setenv(ct2_module.ENV_CT2_DIR, str(tmp_path / "cache"))
    folder = tmp_path / "marian"
    shutil.copytree(tiny_marian, folder)
    calls: list[Path] = []
    real = ct2_module.convert_into

    def counting(source, out, quantization):
        calls.append(out)
        real(source, out, quantization)

    monkeypatch.setattr(ct2_module, "convert_into", counting)
    threads = [
        threading.Thread(target=ct2_module.convert_model, args=(str(folder), "translation")) for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1  # concurrent callers wait for the one conversion
    first = ct2_module.convert_model(str(folder), "translation")
    assert len(calls) == 1 and (first / "model.bin").is_file() and first.name.endswith("--int8")
    meta = json.loads((first / "summarizer-ct2.json").read_text("utf-8"))
    assert meta["compute_type"] == "int8"
    assert not [p for p in first.parent.iterdir() if p.name.startswith(".tmp-")]
    assert ct2_module.convert_model(str(folder), "translation", "float32") != first
    config = json.loads((folder / "config.json").read_text("utf-8"))
    config["max_length"] = 32
    (folder / "config.json").write_text(json.dumps(config), "utf-8")
    assert ct2_module.convert_model(str(folder), "translation") != first  # changed files: new conversion
    assert len(calls) == 3


@needs_ct2
def test_compute_types_devices_and_threads() -> None:
    from summarizer.models.ct2 import resolve_compute_type, thread_layout

    assert resolve_compute_type("default", "cpu") == "int8"
    assert resolve_compute_type("FLOAT32", "cpu") == "float32"
    with pytest.raises(BackendUnavailableError, match="compute type"):
        resolve_compute_type("int3", "cpu")
    with pytest.raises(BackendUnavailableError, match="mps"):
        resolve_compute_type("default", "mps")
    assert thread_layout(1) == (1, 1)
    assert thread_layout(2) == (2, 1)  # speed notes: 2 batches x 1 thread wins on 2 vCPUs
    assert thread_layout(4) == (2, 2)
    assert thread_layout(16) == (4, 4)


def test_missing_ctranslate2_gives_the_install_hint(tiny_marian, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import fails as if not installed
    with pytest.raises(BackendUnavailableError) as info:
        load_model(resolve_model(str(tiny_marian), "translation"), backend="ctranslate2")
    assert "ct2" in (info.value.hint or "")


@needs_ct2
def test_serving_process_does_not_import_torch(tiny_marian, tmp_path) -> None:
    import os

    from summarizer.models.ct2 import convert_model

    env = {**os.environ, "SUMMARIZER_CT2_DIR": str(tmp_path / "c")}
    os.environ["SUMMARIZER_CT2_DIR"] = env["SUMMARIZER_CT2_DIR"]
    try:
        convert_model(str(tiny_marian), "translation")  # conversion (needs torch) happens here, once
    finally:
        del os.environ["SUMMARIZER_CT2_DIR"]
    code = (
        "import sys; from summarizer.models import load_model, resolve_model;"
        # device='cpu': resolving 'auto' asks torch about CUDA (models/base.py); change requested.
        f"m = load_model(resolve_model({str(tiny_marian)!r}, 'translation'), backend='ctranslate2',"
        " device='cpu');"
        "from summarizer.models.base import GenerationSettings as G;"
        "m.generate(['Harga beras naik.'], G(max_new_tokens=4)); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


@needs_ct2
def test_models_convert_command(tiny_t5, tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from summarizer.cli import main

    monkeypatch.setenv("SUMMARIZER_CT2_DIR", str(tmp_path / "cli"))
    result = CliRunner().invoke(main, ["models", "convert", str(tiny_t5), "--compute-type", "float32"])
    assert result.exit_code == 0, result.output
    out_dir = Path(result.stdout.strip().splitlines()[-1])
    assert (out_dir / "model.bin").is_file() and out_dir.name.endswith("--float32")
    bad = CliRunner().invoke(main, ["models", "convert", str(tiny_t5), "--compute-type", "int3"])
    # Issue 11: a bad --compute-type is a usage error (exit 2), no longer a failure (exit 1).
    assert bad.exit_code == 2 and "'int3' is not one of" in bad.stderr and "Traceback" not in bad.output


@needs_ct2
def test_models_convert_output_folder_and_unambiguous_names(tiny_marian, tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from summarizer.cli import main

    monkeypatch.setenv("SUMMARIZER_CT2_DIR", str(tmp_path / "cache"))
    out = tmp_path / "my-models"
    args = ["models", "convert", str(tiny_marian), "--output", str(out), "--compute-type", "float32"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    converted = Path(result.stdout.strip().splitlines()[-1])
    assert converted.parent == out and (converted / "model.bin").is_file()
    assert not (tmp_path / "cache").exists()  # written where asked, not into the cache
    # The backend finds it there: no second conversion.
    monkeypatch.setenv("SUMMARIZER_CT2_DIR", str(out))
    clear_model_cache()
    model = load_model(resolve_model(str(tiny_marian), "translation"), device="cpu", backend="ctranslate2",
                       compute_type="float32")  # fmt: skip
    assert model.path == converted
    # "convert NAME ./folder" reads like an output folder: a usage error that names --output.
    ambiguous = CliRunner().invoke(main, ["models", "convert", str(tiny_marian), "./my-model"])
    assert ambiguous.exit_code == 2 and "--output ./my-model" in ambiguous.stderr
