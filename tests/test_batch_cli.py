"""``summarizer batch`` end to end with the tiny real Marian: outputs, errors, confinement, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from batch_support import ARTICLE, article, batch_cli, quick_marian, write_jsonl
from click.testing import CliRunner

from summarizer.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def marian(tiny_marian, tmp_path_factory) -> Path:
    return quick_marian(tiny_marian, tmp_path_factory.mktemp("quick-marian"))


def _run(*args: str, marian: Path):
    return batch_cli(*args, translation_model=marian)


def _all_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def archive(tmp_path) -> Path:
    """The mixed archive of the issue: formats, nesting, bad files, a hostile record id."""
    src = tmp_path / "arsip"
    (src / "kompas" / "2024").mkdir(parents=True)
    (src / "tempo").mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    (src / "catatan.md").write_text(article(1), "utf-8")
    (src / "kompas" / "2024" / "b.html").write_text(
        f"<html><body><article><p>{article(2)}</p><p>{article(3)}</p></article></body></html>", "utf-8"
    )
    write_jsonl(src / "kompas" / "2024" / "c.jsonl", [{"id": i, "text": article(10 + i)} for i in range(3)])
    (src / "tempo" / "d.json").write_text(
        json.dumps(
            [{"id": "../../escape", "isi": article(20)}, {"id": "/etc/passwd", "judul": "tanpa teks"}]
        ),
        "utf-8",
    )
    (src / "tempo" / "e.csv").write_text(f'judul,content\nSatu,"{article(30)}"\n', "utf-8")
    latin = "Kafe milik René di Ubud ramai dikunjungi wisatawan asing setiap akhir pekan. " + article(40)
    (src / "tempo" / "latin.txt").write_bytes(latin.encode("latin-1"))
    (src / "kosong.txt").write_bytes(b"")
    (src / "kosong.jsonl").write_bytes(b"")
    (src / "rusak.txt").write_bytes(bytes(range(256)) * 4)
    (src / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return src


def test_mixed_archive_outputs_errors_and_confinement(archive, marian):
    root = archive.parent
    dst = root / "hasil"
    before = _all_files(root)
    result = _run(str(archive), str(dst), marian=marian)

    assert result.exit_code == 1, result.output  # some failed, the rest written
    assert result.stdout.startswith("processed 9, skipped 0, failed 4 ")
    # Nothing outside DST changed; no "escape" file anywhere.
    after = _all_files(root)
    assert {f for f in after - before if not f.startswith("hasil/")} == set()
    assert not any("escape" in f or "passwd" in f for f in after)

    outputs = {str(p.relative_to(dst)) for p in dst.rglob("*.json") if ".summarizer-batch" not in p.parts}
    assert outputs == {
        "a.txt.json", "catatan.md.json", "kosong.txt.json", "kosong.jsonl.json", "rusak.txt.json",
        "kompas/2024/b.html.json", "kompas/2024/c.jsonl.json",
        "tempo/d.json.json", "tempo/e.csv.json", "tempo/latin.txt.json",
    }  # fmt: skip
    for name in outputs:
        json.loads((dst / name).read_text("utf-8"))  # every output is complete JSON

    errors = [json.loads(line) for line in (dst / "errors.jsonl").read_text("utf-8").splitlines()]
    assert sorted((e["id"], e["code"]) for e in errors) == [
        ("kosong.jsonl", "empty_input"),
        ("kosong.txt", "empty_input"),
        ("rusak.txt", "binary_input"),
        ("tempo/d.json#1", "no_text_field"),
    ]

    records = json.loads((dst / "kompas/2024/c.jsonl.json").read_text("utf-8"))["articles"]
    assert [r["id"] for r in records] == [
        "kompas/2024/c.jsonl#0",
        "kompas/2024/c.jsonl#1",
        "kompas/2024/c.jsonl#2",
    ]
    assert all(r["status"] == "ok" and r["result"]["summary_en"] for r in records)
    escape = json.loads((dst / "tempo/d.json.json").read_text("utf-8"))["articles"]
    assert escape[0]["record_id"] == "../../escape" and escape[0]["status"] == "ok"
    assert escape[1]["status"] == "failed"

    latin = json.loads((dst / "tempo/latin.txt.json").read_text("utf-8"))["articles"][0]["result"]
    assert "René" in latin["clean_text"]
    assert "legacy_encoding" in [w["code"] for w in latin["warnings"]]

    html = json.loads((dst / "kompas/2024/b.html.json").read_text("utf-8"))["articles"][0]["result"]
    assert "<p>" not in html["clean_text"] and "demam berdarah" in html["clean_text"]

    rerun = _run(str(archive), str(dst), "--quiet", marian=marian)
    assert rerun.exit_code == 1
    assert rerun.stdout.startswith("processed 0, skipped 9, failed 4 ")


def test_full_writes_readable_english_and_exit_0(tmp_path, marian):
    src, dst = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    (src / "b.md").write_text(article(5), "utf-8")
    write_jsonl(src / "c.jsonl", [{"content": article(6)}, {"content": article(7)}])
    result = _run(str(src), str(dst), "--full", marian=marian)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("processed 4, skipped 0, failed 0 ")
    assert sorted(p.name for p in dst.glob("*.en.*")) == ["a.txt.en.txt", "b.md.en.md", "c.jsonl.en.txt"]
    multi = (dst / "c.jsonl.en.txt").read_text("utf-8")
    assert multi.count("# c.jsonl#") == 2 and multi.count("Summary: ") == 2
    entry = json.loads((dst / "a.txt.json").read_text("utf-8"))["articles"][0]
    assert entry["settings"]["full"] is True
    assert entry["result"]["translation_en"] and entry["result"]["segments"]


def test_progress_on_stderr_and_quiet_silences_it(tmp_path, marian):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    loud = _run(str(src), str(tmp_path / "o1"), marian=marian)
    assert "1/1" in loud.stderr and "article" in loud.stderr
    assert "1/1" not in loud.stdout
    quiet = _run(str(src), str(tmp_path / "o2"), "--quiet", marian=marian)
    assert quiet.exit_code == 0
    assert quiet.stderr == "" and quiet.stdout.startswith("processed 1,")


def test_glob_and_text_field(tmp_path, marian):
    src, dst = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    write_jsonl(src / "a.jsonl", [{"naskah": article(1)}])
    (src / "b.txt").write_text(article(2), "utf-8")
    result = _run(str(src), str(dst), "--glob", "*.jsonl", "--text-field", "naskah", marian=marian)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in dst.glob("*.json")) == ["a.jsonl.json"]


def test_dst_inside_src_is_not_read_back(tmp_path, marian):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    first = _run(str(src), str(src / "out"), marian=marian)
    second = _run(str(src), str(src / "out"), marian=marian)
    assert first.stdout.startswith("processed 1,") and second.stdout.startswith("processed 0, skipped 1,")


@pytest.mark.parametrize(
    "args",
    [
        ["missing-folder", "out"],
        [".", "."],
        ["SRC", "out", "--ray-address", "ray://x:1"],
        ["SRC", "out", "--engine", "spark"],
        ["SRC", "out", "--batch-size", "0"],
    ],
)
def test_usage_errors_exit_2(tmp_path, marian, args, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SRC").mkdir()
    result = _run(*args, marian=marian)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out").exists()


def test_unknown_model_is_a_friendly_error(tmp_path):
    (tmp_path / "src").mkdir()
    result = CliRunner().invoke(
        main, ["batch", str(tmp_path / "src"), str(tmp_path / "o"), "--summary-model", "nope"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.output


def test_only_outputs_under_dst_even_with_odd_names(tmp_path, marian):
    src, dst = tmp_path / "src", tmp_path / "out"
    (src / "..weird").mkdir(parents=True)
    (src / "..weird" / "..a.txt").write_text(ARTICLE, "utf-8")
    (src / "spasi dan ünicode.txt").write_text(article(3), "utf-8")
    result = _run(str(src), str(dst), marian=marian)
    assert result.exit_code == 0, result.output
    assert (dst / "..weird" / "..a.txt.json").is_file()
    assert (dst / "spasi dan ünicode.txt.json").is_file()
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]


def test_ray_engine_without_ray_gives_the_install_hint(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError, as when not installed
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(ARTICLE, "utf-8")
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(tmp_path / "src"),
            str(tmp_path / "o"),
            "--engine",
            "ray",
            "--summary-model",
            "extractive",
        ],
    )
    assert result.exit_code == 1
    assert "pip install 'summarizer[ray]'" in result.stderr and "Traceback" not in result.output


def test_every_batch_option_reaches_batch_options_in_its_unit(tmp_path, monkeypatch):
    import summarizer.batch as batch

    seen = []

    class Done:
        error, exit_code = None, 0

        def line(self) -> str:
            return "done"

    monkeypatch.setattr(batch, "run_batch_job", lambda options, progress: seen.append(options) or Done())
    (tmp_path / "src").mkdir()
    args = ["batch", str(tmp_path / "src"), str(tmp_path / "dst"), "--summary-model", "extractive"]
    args += ["--glob", "*.jsonl", "--aligned", "--text-field", "isi", "--length", "short", "--force"]
    args += ["--batch-size", "3", "--max-file-mb", "0.5", "--max-archive-gb", "2", "--max-ratio", "50"]
    args += ["--language", "ID", "--language", "ms", "--ray-actors", "2", "--no-guard"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (options,) = seen
    assert (options.globs, options.full, options.aligned, options.text_field) == (
        ("*.jsonl",),
        True,
        True,
        "isi",
    )
    assert (options.length, options.force, options.batch_size, options.ray_actors) == ("short", True, 3, 2)
    assert (options.max_file_bytes, options.max_archive_bytes) == (512 * 1024, 2 * 1024**3)
    assert (options.max_archive_ratio, options.languages, options.engine) == (50.0, ("id", "ms"), "local")
    assert options.pipeline.summary_model == "extractive" and options.pipeline.guard is False
    for limit, value in [("--max-file-mb", "0"), ("--max-file-mb", "nan"), ("--max-ratio", "inf")]:
        refused = CliRunner().invoke(main, [*args[:5], limit, value])
        assert refused.exit_code == 2 and "Traceback" not in refused.output, refused.output
    assert CliRunner().invoke(main, args[:5], catch_exceptions=False).exit_code == 0
    defaults = seen[-1]
    assert (defaults.max_file_bytes, defaults.max_archive_bytes) == (256 * 1024**2, 32 * 1024**3)
    assert (defaults.max_archive_ratio, defaults.full, defaults.batch_size) == (200.0, False, 16)
