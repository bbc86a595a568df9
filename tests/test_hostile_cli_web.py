"""Hostile inputs to `summarizer run`, the model loader, the decoder, the translator and the web app.

Each case ends in a one-line error with the right exit code (or a clean result), never a hang,
a traceback, unbounded memory or a locked-out server.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import resource
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import FakeModel

import summarizer
from summarizer.cli import main
from summarizer.errors import ComputeTypeError, InputTooLargeError, ModelUnavailableError
from summarizer.models.base import GenerationSettings
from summarizer.text.chunking import split_oversized
from summarizer.text.decode import decode_bytes
from summarizer.translate import Translator, normalise_for_mt

ARTICLE = (
    "JAKARTA - Harga cabai rawit mencapai Rp1.500.000 per kuintal di pasar milik André Wijaya.\n"
    "“Pasokan dari Jawa Tengah berkurang karena hujan,” kata Kepala Pasar, Budi Santoso, Senin.\n"
    "Pemerintah kota berjanji menambah pasokan cabai dan beras sebelum akhir bulan Desember.\n"
)
# Address space for a CLI child: plenty for Python, click and an article, far below 2 GB of input.
_CHILD_MEMORY = 768 * 1024**2


def _cli(args: list[str], *, stdin=None, close_stdin: bool = False, timeout: float = 60):
    """Run the real CLI in a child with capped memory; a hang or a memory blow-up fails the test."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (_CHILD_MEMORY, _CHILD_MEMORY))
        if close_stdin:
            os.close(0)

    code_root = Path(summarizer.__file__).resolve().parents[1]  # the code under test, in the child too
    env = {**os.environ, "PYTHONPATH": str(code_root), "HF_HUB_OFFLINE": "1"}
    try:
        return subprocess.run(
            [sys.executable, "-m", "summarizer", *args],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            preexec_fn=limits,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"'summarizer {' '.join(args)}' did not end within {timeout} s")


def _one_line_error(proc, code: int, needle: str) -> None:
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr and needle in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, proc.stderr


# -- item 5: what `run` reads ------------------------------------------------------------------


def test_run_refuses_a_fifo_instead_of_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    proc = _cli(["run", "--summary-model", "extractive", str(fifo)], timeout=30)
    _one_line_error(proc, 2, "not a regular file")


def test_run_refuses_dev_zero_without_reading_it():
    proc = _cli(["run", "--summary-model", "extractive", "/dev/zero"], timeout=30)
    _one_line_error(proc, 2, "not a regular file")


def test_run_reads_a_2gb_file_only_up_to_the_limit(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: 2 GB long, no disk used
        fh.truncate(2 * 1024**3)
    proc = _cli(["run", "--summary-model", "extractive", "--max-chars", "1000", str(big)])
    _one_line_error(proc, 2, "above the raw input limit of 4,000 bytes")


def test_run_reads_an_endless_stdin_only_up_to_the_limit():
    with open("/dev/zero", "rb") as endless:  # stands for a 2 GB pipe: never ends
        proc = _cli(["run", "--summary-model", "extractive", "-"], stdin=endless)
    _one_line_error(proc, 2, "stdin is above the raw input limit of 1,200,000 bytes")


def test_run_with_a_closed_stdin_is_a_usage_error():
    proc = _cli(["run", "--summary-model", "extractive", "-"], close_stdin=True, timeout=30)
    _one_line_error(proc, 2, "stdin is closed")


def test_clean_is_bounded_too():
    proc = _cli(["clean", "/dev/zero"], timeout=30)
    _one_line_error(proc, 2, "not a regular file")


# -- item 6: broken model folders, busy port ----------------------------------------------------


class _Payload:
    """Unpickling this would create a file: proof that the weights file was executed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _broken_copy(src: Path, dst: Path, weights: bytes, name: str = "pytorch_model.bin") -> Path:
    shutil.copytree(src, dst)
    for old in dst.glob("*.safetensors"):
        old.unlink()
    (dst / name).write_bytes(weights)
    return dst


@pytest.fixture
def broken_models(tiny_marian, tmp_path):
    marker = tmp_path / "payload-ran"
    return marker, {
        "unsafe": _broken_copy(tiny_marian, tmp_path / "unsafe", pickle.dumps(_Payload(marker))),
        "garbage": _broken_copy(tiny_marian, tmp_path / "garbage", b"not a checkpoint" * 64),
        "bad-safetensors": _broken_copy(
            tiny_marian, tmp_path / "bad-st", b"\x10" + bytes(7) + b"{oops", "model.safetensors"
        ),
    }


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["unsafe", "garbage", "bad-safetensors"])
def test_corrupt_or_unsafe_weights_are_model_unavailable(broken_models, kind):
    from summarizer.models import load_model, resolve_model

    marker, folders = broken_models
    with pytest.raises(ModelUnavailableError) as info:
        load_model(resolve_model(str(folders[kind]), "translation"), device="cpu")
    assert "weights file" in info.value.message and info.value.hint
    assert "weights_only" not in str(info.value)  # torch's advice to load it unsafely is not passed on
    assert not marker.exists()


@pytest.mark.slow
def test_run_with_unsafe_weights_is_one_line_not_a_traceback(broken_models):
    marker, folders = broken_models
    args = ["run", "--summary-model", "extractive", "--translation-model", str(folders["unsafe"]), "-"]
    result = CliRunner().invoke(main, args, input=ARTICLE)
    assert result.exit_code == 1, result.output
    assert "weights file" in result.stderr and "Hint:" in result.stderr
    assert "Traceback" not in result.output and not marker.exists()


@pytest.mark.slow
def test_serve_on_a_busy_port_is_one_line_and_exit_2(tiny_marian, monkeypatch):
    pytest.importorskip("gradio")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = ["serve", "--port", str(port), "--summary-model", "extractive"]
        result = CliRunner().invoke(main, [*args, "--translation-model", str(tiny_marian)])
    assert result.exit_code == 2, result.output
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.output


# -- item 7: decoding ------------------------------------------------------------------------------


def test_a_few_stray_bytes_do_not_turn_utf8_into_a_code_page():
    lines = ARTICLE.encode("utf-8").splitlines(keepends=True)
    # Five stray bytes (a cp1252 apostrophe and e-acute pasted in) on the second and third lines.
    lines[1] = lines[1].replace(b"kata", b"kata\x92\x92") + b"\xe9"
    lines[2] = lines[2].replace(b"bulan", b"bulan\xe9\xe9")
    text, warnings = decode_bytes(b"".join(lines), name="a.txt")
    assert "André Wijaya" in text and "“Pasokan" in text and "Rp1.500.000" in text
    assert text.count("\ufffd") == 5
    (warning,) = warnings
    assert warning.code == "invalid_utf8"
    offset = len(lines[0]) + lines[1].index(b"\x92")
    assert f"line 2 (bytes {offset:,}-{offset + 1:,})" in warning.message and "line 3" in warning.message


@pytest.mark.parametrize(
    ("encoding", "name"), [("cp1252", "René"), ("cp1250", "Dvořák"), ("latin-1", "Müller")]
)
def test_a_real_legacy_text_still_decodes_as_its_code_page(encoding, name):
    article = f"Kafe milik André dan {name} di Ubud ramai. “Kami siap,” katanya. Harga Rp1.500.000.\n"
    if encoding == "latin-1":
        article = article.replace("“", '"').replace("”", '"')
    text, warnings = decode_bytes((article * 4).encode(encoding))
    assert text == article * 4
    assert [w.code for w in warnings] == ["legacy_encoding"]


# -- item 8: one huge sentence ---------------------------------------------------------------------


def _unpunctuated(chars: int) -> str:
    words = ["harga", "beras", "naik", "André", "Rp1.500.000", "pasar", "“kota”", "warga", "mengeluh"]
    out = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append(f"{words[len(out) % len(words)]}{len(out)}")  # unique: order is checkable
    return " ".join(out)


class _DroppingTokens:
    """A sentencepiece-like tokenizer whose decode loses pieces the vocabulary lacks, as real ones do."""

    def pieces(self, text: str) -> list[str]:
        return [p for w in text.split() for p in ("▁" + w[:3], w[3:]) if p]

    def encode(self, texts):
        return [[*self.pieces(t), "</s>"] for t in texts]

    def decode(self, tokens) -> str:
        return "".join(t for t in tokens if t.isascii()).replace("▁", " ").strip()


def test_ctranslate2_splits_on_whole_words_and_drops_nothing():
    from summarizer.models.ct2 import CTranslate2Model

    model = object.__new__(CTranslate2Model)  # no conversion needed to test the splitting
    model._tok = _DroppingTokens()
    text = _unpunctuated(3000)
    for pieces in (
        model.split_tokens(text, 20),
        split_oversized(text, 20, model.count_tokens, model.split_tokens),
    ):
        assert " ".join(pieces).split() == text.split()  # "André" kept, no word cut in two
        assert all(n <= 20 for n in model.count_tokens(pieces))


def test_a_100k_character_sentence_is_translated_whole_by_the_fake_backend():
    text = normalise_for_mt(_unpunctuated(100_000))  # what the model sees: straight quotes
    model = FakeModel(max_input_tokens=64)
    english, _ = Translator(model, guard=False).translate_sentences([text])
    units = [t for batch in model.batches for t in batch]
    assert sorted(" ".join(units).split()) == sorted(text.split())
    assert english[0] == " ".join(f"<en>{u}</en>" for u in _in_order(units, text))


def _in_order(units: list[str], text: str) -> list[str]:
    return sorted(units, key=lambda u: text.index(u))


@pytest.mark.slow
def test_a_long_unpunctuated_sentence_completes_with_a_tiny_model(tiny_marian, monkeypatch):
    from summarizer.models import load_model, resolve_model

    model = load_model(resolve_model(str(tiny_marian), "translation"), device="cpu")
    seen: list[str] = []
    real_generate = model.generate

    def spy(texts, settings):
        seen.extend(texts)
        return real_generate(texts, settings)

    monkeypatch.setattr(model, "generate", spy)
    text = normalise_for_mt(_unpunctuated(20_000))
    # Few new tokens: this is about splitting and coverage; benchmarks/ times real generation.
    translator = Translator(model, GenerationSettings(num_beams=1, max_new_tokens=4), guard=False)
    english, _ = translator.translate_sentences([text])
    assert english[0]
    assert " ".join(_in_order(seen, text)).split() == text.split()  # every word went to the model once
    assert max(model.count_tokens(seen)) <= model.max_input_tokens


# -- item 9: compute type -----------------------------------------------------------------------------


def test_unknown_compute_type_is_a_usage_error(tiny_marian):
    base = ["run", "--summary-model", "extractive", "--translation-model", str(tiny_marian)]
    args = [*base, "--backend", "ctranslate2", "--compute-type", "int3", "-"]
    result = CliRunner().invoke(main, args, input=ARTICLE)
    assert result.exit_code == 2 and "int3" in result.output


def test_compute_type_errors_are_value_errors_in_the_api():
    pytest.importorskip("ctranslate2")
    from summarizer.models.ct2 import resolve_compute_type

    with pytest.raises(ComputeTypeError) as info:
        resolve_compute_type("bfloat16-ish")
    assert isinstance(info.value, ValueError) and info.value.hint


# -- items 10 and 11: the web app ------------------------------------------------------------------


@pytest.fixture
def web(monkeypatch):
    pytest.importorskip("gradio")
    from summarizer import web as module

    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    module.clear_pipelines()
    yield module
    module.clear_pipelines()


def _fn(app, name):
    (fn,) = [f.fn for f in app.fns.values() if f.name == name]
    return fn


def _page(app, text, model):
    return _fn(app, "run_page")(text, model, "short", False, progress=lambda *a, **k: None)


@pytest.mark.slow
def test_failing_folders_cannot_lock_out_other_visitors(web, broken_models, tiny_marian, tmp_path):
    _, folders = broken_models
    app = web.build_app(summary_model="extractive", translation_model=str(tiny_marian), guard=False)
    hostile = [*map(str, folders.values()), str(tmp_path / "missing"), "/etc", str(tmp_path / "garbage")]
    for spec in hostile * 2:
        out = _page(app, ARTICLE, spec)
        assert "not available on this server" in out[0]
    assert len(web._pipelines) <= web.MAX_PIPELINES
    for preset in ("extractive", "auto"):
        out = _page(app, ARTICLE, preset)
        assert out[1] and "already holds" not in out[0], out[0]


@pytest.mark.slow
def test_web_errors_do_not_reveal_which_server_paths_exist(web, broken_models, tiny_marian, tmp_path):
    _, folders = broken_models
    app = web.build_app(summary_model="extractive", translation_model=str(tiny_marian), guard=False)
    specs = [str(tmp_path / "missing"), str(tmp_path), "/etc", str(folders["unsafe"])]
    shown = {_page(app, ARTICLE, spec)[0] for spec in specs}
    assert len(shown) == 1, shown
    assert all(spec not in text for spec in specs for text in shown)


def test_summary_models_are_evicted_lru_and_the_configured_one_is_kept(web, monkeypatch, tiny_marian):
    from summarizer import models
    from summarizer.pipeline import PipelineOptions

    released = []
    monkeypatch.setattr(models, "release_model", lambda resolved: released.append(resolved) or 1)
    config = web.WebConfig(PipelineOptions(summary_model="extractive", translation_model=str(tiny_marian)))
    pinned = web.get_pipeline(config)
    specs = [f"owner/model-{i}" for i in range(web.MAX_PIPELINES + 3)]
    for spec in specs:
        web.get_pipeline(config, spec)
        web.get_pipeline(config)  # the configured model stays in use
    assert len(web._pipelines) == web.MAX_PIPELINES
    assert web.get_pipeline(config) is pinned
    kept = {k.summary_model for k in web._pipelines}
    assert kept == {"extractive", *specs[-(web.MAX_PIPELINES - 1) :]}
    assert [r.location for r in released] == specs[:4]  # evicted models leave the model cache


@pytest.mark.slow
def test_translate_endpoint_applies_max_chars(web, tiny_marian):
    gr = pytest.importorskip("gradio")
    app = web.build_app(
        summary_model="extractive", translation_model=str(tiny_marian), max_chars=200, guard=False
    )
    with pytest.raises(gr.Error, match="above the limit of 200"):
        _fn(app, "translate")("Harga beras naik. " * 20)  # 360 characters: under 4x, over 1x


@pytest.mark.slow
def test_api_non_string_input_gets_a_message(web, tiny_marian):
    gr = pytest.importorskip("gradio")
    app = web.build_app(summary_model="extractive", translation_model=str(tiny_marian), guard=False)
    for bad in (123, None, ["Harga naik."], {"text": "x"}):
        for name in ("translate", "summarize"):
            with pytest.raises(gr.Error, match="text must be a string"):
                _fn(app, name)(bad)


def test_pipeline_translate_applies_max_chars(tiny_marian):
    from summarizer.pipeline import Pipeline

    pipe = Pipeline(summary_model="extractive", translation_model=str(tiny_marian), max_chars=100)
    with pytest.raises(InputTooLargeError, match="above the limit of 100"):
        pipe.translate("Harga beras naik. " * 10)


# -- item 12: many visitors at once --------------------------------------------------------------

_CLIENTS = 12
_QUEUE = 3


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS")) / 1024


def _article(i: int) -> str:
    # A marker in every sentence, so whichever sentences the summary keeps, it names its request.
    return "\n\n".join(
        f"Pedagang kode{i}x di pasar kota menjual {what} seharga Rp1.500.000 per kuintal pada hari Senin."
        for what in ("cabai rawit", "beras premium", "bawang merah")
    )


def _ask(url: str, body: list, results: dict, i: int, start) -> None:
    import httpx

    start.wait(timeout=30)
    with httpx.Client(base_url=url, timeout=120) as http:
        posted = http.post("gradio_api/call/summarize", json={"data": body})
        if posted.status_code != 200:
            results[i] = (posted.status_code, posted.json())
            return
        stream = http.get(f"gradio_api/call/summarize/{posted.json()['event_id']}").text
    last = stream.strip().split("\n\n")[-1].splitlines()
    results[i] = (last[0].removeprefix("event: "), json.loads(last[1].removeprefix("data: ")))


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_concurrent_summarize_clients_get_their_own_answers_or_a_clean_503(tiny_marian):
    pytest.importorskip("gradio")
    import threading

    from web_support import live_server

    with live_server(tiny_marian, queue_size=_QUEUE, max_chars=5000, guard=False) as (_, url):
        warm: dict = {}
        _ask(url, [_article(0), False], warm, 0, threading.Barrier(1))  # loads the models
        assert warm[0][0] == "complete", warm
        rss = [_rss_mb()]
        outcomes: dict[int, tuple] = {}
        for round_ in range(2):
            results: dict[int, tuple] = {}
            start = threading.Barrier(_CLIENTS)
            threads = [
                threading.Thread(
                    target=_ask, args=(url, [_article(i), False], results, i, start), daemon=True
                )
                for i in range(_CLIENTS)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=300)
            assert not any(t.is_alive() for t in threads), "a client never got an answer"
            rss.append(_rss_mb())
            outcomes.update({(round_, i): r for i, r in results.items()})
        # The server never answered with anything but a result or a clean refusal.
        done = {k: v for k, v in outcomes.items() if v[0] == "complete"}
        refused = {k: v for k, v in outcomes.items() if v[0] == 503}
        assert len(done) + len(refused) == 2 * _CLIENTS, outcomes
        assert refused and all("Queue is full" in v[1]["detail"] for v in refused.values())
        assert len(done) >= 2 * _QUEUE
        for (_, i), (_, data) in done.items():
            result = data[0]
            markers = {m for m in re.findall(r"kode(\d+)x", result["clean_text"] + result["summary_id"])}
            assert markers == {str(i)}, (i, markers)  # every answer belongs to its own request
            assert result["summary_en"]
        # Memory: the load adds little to the loaded server, and a second round adds nothing more.
        assert rss[1] - rss[0] < 200 and rss[2] - rss[1] < 50, rss
        # Non-string input over plain HTTP: a message, not {"error": null}.
        bad: dict = {}
        _ask(url, [12345, False], bad, 0, threading.Barrier(1))
        assert bad[0][0] == "error" and "text must be a string" in (bad[0][1] or {}).get("error", "")
