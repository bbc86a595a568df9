"""CLI details a newcomer trips over: option names, shown defaults, honest batch summary lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_support import ARTICLE, article, batch_cli, quick_marian, write_jsonl
from click.testing import CliRunner

from summarizer.cli import main

HTML = "<html><body><p>Harga beras naik 3,5 persen di Semarang, kata Dinas Perdagangan.</p></body></html>"


@pytest.fixture(scope="module")
def marian(tiny_marian, tmp_path_factory) -> Path:
    return quick_marian(tiny_marian, tmp_path_factory.mktemp("quick-marian"))


def _batch(src: Path, dst: Path, *args: str, translation_model: str):
    return batch_cli(src, dst, *args, translation_model=translation_model)


def test_clean_takes_input_format_and_keeps_the_old_spelling(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, "utf-8")
    as_text = CliRunner().invoke(main, ["clean", str(page), "--input-format", "text"])
    as_html = CliRunner().invoke(main, ["clean", str(page), "--input-format", "html"])
    legacy = CliRunner().invoke(main, ["clean", str(page), "--format", "text"])
    assert as_text.exit_code == as_html.exit_code == legacy.exit_code == 0
    assert "<p>" in as_text.stdout and "<p>" not in as_html.stdout
    assert legacy.stdout == as_text.stdout
    help_text = CliRunner().invoke(main, ["clean", "--help"]).output
    assert "--input-format" in help_text and "--format" not in help_text.replace("--input-format", "")


@pytest.mark.parametrize("command", ["run", "batch", "serve", "clean", "models convert"])
def test_help_shows_defaults(command):
    result = CliRunner().invoke(main, [*command.split(), "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())  # click wraps long lines
    assert "[default: " in text
    if command in ("run", "batch", "serve"):
        assert "$SUMMARIZER_SUMMARY_MODEL, else auto" in text and "300000" in text


def test_resume_with_everything_skipped_shows_no_rate(tmp_path, marian):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    first = _batch(src, tmp_path / "out", translation_model=str(marian))
    assert first.exit_code == 0 and "articles/min" in first.stdout
    again = _batch(src, tmp_path / "out", translation_model=str(marian))
    assert again.exit_code == 0
    assert again.stdout.startswith("processed 0, skipped 1, failed 0 in ")
    assert "articles/min" not in again.stdout


def test_failed_inputs_get_no_english_file(tmp_path, marian):
    src, dst = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    (src / "kosong.txt").write_bytes(b"")
    (src / "rusak.txt").write_bytes(bytes(range(256)) * 4)
    write_jsonl(src / "campur.jsonl", [{"text": article(1)}, {"text": " "}])
    result = _batch(src, dst, "--full", translation_model=str(marian))
    assert result.exit_code == 1 and "failed 3" in result.stdout
    assert sorted(p.name for p in dst.glob("*.en.txt")) == ["a.txt.en.txt", "campur.jsonl.en.txt"]
    assert sorted(p.name for p in dst.glob("*.json")) == [
        "a.txt.json", "campur.jsonl.json", "kosong.txt.json", "rusak.txt.json",
    ]  # fmt: skip


def test_a_model_that_cannot_load_still_gives_the_summary_line_and_errors_jsonl(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "marian"}', "utf-8")  # no weights, no tokenizer
    result = _batch(src, dst, translation_model=str(broken))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("processed 0, skipped 0, failed 0 in ")
    assert "stopped: cannot load the model" in lines[0] and str(dst / "errors.jsonl") in lines[0]
    assert "Error: cannot load the model" in result.stderr and "Hint: " in result.stderr
    (error,) = [json.loads(line) for line in (dst / "errors.jsonl").read_text("utf-8").splitlines()]
    assert error["code"] == "model_unavailable" and error["id"] is None
    assert "Traceback" not in result.output
