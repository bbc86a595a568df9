"""The web app's API (`/summarize`, `/translate`) through gradio_client against a live server."""

from __future__ import annotations

import json
from dataclasses import fields, replace

import pytest
from web_support import live_server

from summarizer.errors import BinaryInputError, InputTooLargeError, SummarizerError
from summarizer.results import ArticleResult, FidelityWarning, ResultWarning

gr = pytest.importorskip("gradio")
gradio_client = pytest.importorskip("gradio_client")

from summarizer import web  # noqa: E402
from summarizer.pipeline import PipelineOptions  # noqa: E402

pytestmark = pytest.mark.slow

SAMPLE = web.sample_articles()[0].read_text("utf-8")
MAX_CHARS = 20_000
# Most tests need a real article, not a long one: tiny random models are slow on a busy 2-CPU box.
SHORT = "Harga beras di Semarang naik 3,5 persen.\n\nWali Kota meminta warga tetap tenang."


@pytest.fixture(scope="module")
def server(tiny_marian):
    with live_server(tiny_marian, max_chars=MAX_CHARS) as (app, url):
        yield app, url


@pytest.fixture(scope="module")
def client(server):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        yield gradio_client.Client(server[1], verbose=False, analytics_enabled=False)


def test_only_the_two_named_endpoints_are_public(client):
    named = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(named) == {"/summarize", "/translate"}
    assert [p["parameter_name"] for p in named["/summarize"]["parameters"]] == ["text", "full"]


def test_summarize_returns_the_article_result_dict(client, tiny_marian):
    out = client.predict(SAMPLE, True, api_name="/summarize")
    assert set(out) == {f.name for f in fields(ArticleResult)}
    json.dumps(out)  # JSON-ready all the way down
    # Boilerplate is gone from the text and listed as removed.
    assert "Baca juga" not in out["clean_text"] and "COPYRIGHT" not in out["clean_text"]
    rules = {r["rule"] for r in out["removed"]}
    assert {"read_also", "duplicate_paragraph"} <= rules
    # The extractive summary is made of the article's own sentences.
    assert out["summary_id"] and set(out["summary_id"].split()) <= set(out["clean_text"].split())
    assert out["summary_en"]
    # Full translation: one English paragraph per cleaned paragraph.
    assert out["translation_en"].count("\n\n") == out["clean_text"].count("\n\n")
    assert out["models"]["summary"] == "extractive"
    assert out["models"]["translation"] == str(tiny_marian.resolve())
    assert out["timings"]["total"] >= out["timings"]["translation"] >= 0


def test_summarize_without_full_has_no_translation(client):
    out = client.predict(SHORT, api_name="/summarize")
    assert out["translation_en"] is None and out["segments"] == []
    assert out["summary_en"]


def test_translate_keeps_paragraphs(client):
    out = client.predict("Harga beras naik 3,5 persen.\n\nWarga mengeluh di pasar.", api_name="/translate")
    assert isinstance(out, str)
    assert len([p for p in out.split("\n\n") if p.strip()]) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("   ", "the input is empty"), ("x" * (MAX_CHARS + 1), "above the limit"), ("a\x00b" * 10, "binary")],
)
def test_bad_input_is_a_one_line_app_error(client, text, expected):
    with pytest.raises(gradio_client.exceptions.AppError) as info:
        client.predict(text, api_name="/summarize")
    message = str(info.value)
    assert expected in message and "Traceback" not in message


def _call_over_http(url: str, endpoint: str, data: list) -> tuple[str, object]:
    """The plain-HTTP route (curl, other languages): POST the inputs, then read the event stream."""
    import httpx

    with httpx.Client(base_url=url, timeout=120) as http:
        posted = http.post(f"gradio_api/call/{endpoint}", json={"data": data})
        posted.raise_for_status()
        stream = http.get(f"gradio_api/call/{endpoint}/{posted.json()['event_id']}").text
    events = [block.splitlines() for block in stream.strip().split("\n\n")]
    last = events[-1]
    return last[0].removeprefix("event: "), json.loads(last[1].removeprefix("data: "))


def test_plain_http_callers_pass_text_and_full(server):
    event, data = _call_over_http(server[1], "summarize", [SHORT, False])
    assert event == "complete" and data[0]["summary_id"] and data[0]["translation_en"] is None
    event, data = _call_over_http(server[1], "summarize", ["", False])
    assert event == "error" and "the input is empty" in data["error"]


def test_sessions_share_one_pipeline(server, client):
    before = dict(web._pipelines)
    other = gradio_client.Client(server[1], verbose=False, analytics_enabled=False)
    client.predict("Harga beras naik.", api_name="/translate")
    other.predict("Harga cabai turun.", api_name="/translate")
    assert web._pipelines == before and len(before) == 1
    (pipe,) = before.values()
    assert pipe._translator is not None  # the one shared pipeline did the work


def test_model_endpoints_share_one_concurrency_slot(server):
    app, _ = server
    deps = [fn for fn in app.fns.values() if fn.name in ("summarize", "translate", "run_page")]
    assert len(deps) == 3
    assert {(fn.concurrency_id, fn.concurrency_limit) for fn in deps} == {("models", 1)}


def _page_fn(app):
    (fn,) = [f.fn for f in app.fns.values() if f.name == "run_page"]
    return fn


def test_page_reports_translation_progress(server):
    calls = []
    fn = _page_fn(server[0])
    out = fn(SHORT, "extractive", "short", True, progress=lambda p, desc=None, **kw: calls.append((p, desc)))
    assert out[0] == "" and out[1]  # no banner, an Indonesian summary
    batches = [p for p, desc in calls if desc == "Translating"]
    assert batches and batches[-1][0] == batches[-1][1]  # ends at done == total


def test_page_shows_errors_with_the_fix_and_clears_outputs(server):
    out = _page_fn(server[0])("", "extractive", "medium", True, progress=lambda *a, **k: None)
    assert "the input is empty" in out[0] and "How to fix" in out[0]
    assert out[1] == "" and out[3] == ""


def test_unavailable_model_shows_the_fix_and_auto_falls_back_with_a_banner(server):
    # Offline with an empty HF cache (conftest): the default summary model cannot load here.
    fn = _page_fn(server[0])
    held = len(web._pipelines)
    out = fn(SHORT, "default", "medium", False, progress=lambda *a, **k: None)
    assert "Error:" in out[0] and "How to fix" in out[0] and "models download" in out[0]
    assert len(web._pipelines) == held  # the failed model holds no slot
    out = fn(SHORT, "auto", "medium", False, progress=lambda *a, **k: None)
    assert "Fallback used" in out[0] and "extractive" in out[0]
    assert out[1]  # the extractive summary is still there


def test_unexpected_failure_shows_no_stack_trace(server, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("CUDA exploded at 0xdeadbeef")

    monkeypatch.setattr(web.Pipeline, "run", broken)
    out = _page_fn(server[0])(SHORT, "extractive", "medium", False, progress=lambda *a, **k: None)
    assert "internal error" in out[0] and "server log" in out[0]
    assert "deadbeef" not in out[0] and "Traceback" not in out[0]
    assert "CUDA exploded" in caplog.text  # the details go to the server log instead


def test_presets_only_refuses_a_custom_model(tiny_marian):
    app = web.build_app(
        summary_model="extractive", translation_model=str(tiny_marian), allow_custom_models=False
    )
    out = _page_fn(app)(SHORT, "/etc", "medium", False, progress=lambda *a, **k: None)
    assert "unknown summary model" in out[0]


def test_serve_command_starts_the_app_with_the_given_options(monkeypatch, tiny_marian):
    from click.testing import CliRunner

    from summarizer.cli import main

    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setattr(web.pool, "_pipelines", {})
    seen = {}
    monkeypatch.setattr(web, "launch", lambda app, **kw: seen.update(kw))
    args = [
        "serve",
        "--port",
        "7999",
        "--summary-model",
        "extractive",
        "--translation-model",
        str(tiny_marian),
    ]
    result = CliRunner().invoke(main, [*args, "--presets-only", "--max-chars", "5000"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 7999
    config = seen["config"]
    assert (config.summary_model, config.max_chars, config.allow_custom_models) == ("extractive", 5000, False)


def test_serve_command_gives_a_one_line_error_for_an_unknown_model():
    from click.testing import CliRunner

    from summarizer.cli import main

    result = CliRunner().invoke(main, ["serve", "--summary-model", "no-such-model"])
    assert result.exit_code == 2
    assert "unknown summary model 'no-such-model'" in result.output and "Traceback" not in result.output


# -- pieces that need no server --------------------------------------------------------------------


def _result(**kw) -> ArticleResult:
    base = dict(summary_id="Harga naik 3,5 persen.", summary_en="Prices rose 3.5 percent.", clean_text="x")
    return ArticleResult(**{**base, **kw})


def test_warnings_are_grouped_next_to_the_output_they_concern():
    # Issue 12 changed this: the page routes by the warning's ``target`` (set by the pipeline), not
    # by looking its source sentence up in the summary.
    w_sum = FidelityWarning("number_missing", "number changed", span="3,5", stage="summary")
    w_id = FidelityWarning("name_missing", "n", stage="summary", target="summary_id")
    w_en = FidelityWarning("number_mismatch", "n", stage="translation", target="summary_en", index=0)
    # The source is the summary's own sentence, but the target says the full translation: target wins.
    w_full = FidelityWarning(
        "repetition",
        "r",
        stage="translation",
        source="Harga naik 3,5 persen.",
        target="translation_en",
        index=1,
    )
    w_loose = FidelityWarning("glossary_missing", "g", stage="translation", source="Harga naik 3,5 persen.")
    fallback = ResultWarning("summary_fallback", "used extractive", stage="summary")
    banner = ResultWarning("legacy_encoding", "decoded as cp1252", stage="input")
    result = _result(
        translation_en="Other sentence here.", warnings=(w_sum, w_id, w_en, w_full, w_loose, fallback, banner)
    )
    groups = web.split_warnings(result)
    assert groups == {"summary_id": [w_sum, w_id], "summary_en": [w_en], "translation": [w_full, w_loose]}
    # Without a full translation an untargeted translation warning concerns the English summary.
    assert web.split_warnings(_result(warnings=(w_loose,)))["summary_en"] == [w_loose]
    assert "Fallback used" in web.render_status(result) and "used extractive" in web.render_status(result)
    assert web.render_status(_result()) == ""
    assert '<mark class="sm-span">3,5</mark>' in web.render_warnings([w_sum])


def test_rendering_escapes_article_text():
    exc = SummarizerError("bad <script>alert(1)</script>", hint="a & b")
    shown = web.render_error(exc)
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "a &amp; b" in shown


def test_read_upload_decodes_and_rejects(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Kafe milik René di Ubud.", encoding="cp1252")
    assert web.read_upload(str(good), 1000) == "Kafe milik René di Ubud."
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01binary")
    with pytest.raises(BinaryInputError):
        web.read_upload(str(binary), 1000)
    with pytest.raises(InputTooLargeError):
        web.read_upload(str(good), 5)


def test_json_download_holds_to_dict(tmp_path):
    result = _result(warnings=(ResultWarning("x", "y"),))
    path = web.write_json(result)
    assert path.endswith("summary.json")
    with open(path, encoding="utf-8") as fh:
        assert json.load(fh) == result.to_dict()


def test_pipeline_cache_is_bounded(monkeypatch, tiny_marian):
    # Issue 11 changed this: a full cache evicts the least recently used model instead of refusing.
    pipelines = {}
    monkeypatch.setattr(web.pool, "_pipelines", pipelines)
    options = PipelineOptions(summary_model="extractive", translation_model=str(tiny_marian))
    config = web.WebConfig(pipeline=options)
    first = web.get_pipeline(config)
    assert web.get_pipeline(config) is first
    for i in range(web.MAX_PIPELINES - 1):
        pipelines[replace(options, summary_model=f"fake-{i}")] = first
    web.get_pipeline(config, "fast")
    assert len(pipelines) == web.MAX_PIPELINES
    assert replace(options, summary_model="fake-0") not in pipelines
    assert web.get_pipeline(config) is first


def test_web_config_validates():
    with pytest.raises(ValueError, match="summary_length"):
        web.WebConfig(pipeline=PipelineOptions(summary_length="huge"))
    with pytest.raises(ValueError, match="positive"):
        web.WebConfig(concurrency_limit=0)


def test_launch_without_config_serves_with_the_config_the_app_was_built_with(monkeypatch, tiny_marian):
    app = web.build_app(summary_model="extractive", translation_model=str(tiny_marian), max_chars=1234)
    seen = {}
    monkeypatch.setattr(app, "launch", lambda **kw: seen.update(kw))
    web.launch(app, block=False, quiet=True)
    assert seen["max_file_size"] == 4 * 1234
