"""Atomic writes, DST confinement, and the resume rules (a fake translator keeps these model-free)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from batch_support import fake_batch_options

from summarizer.batch import BatchOptions, run_batch_job
from summarizer.batch.records import OutputRecord, RunContext
from summarizer.batch.sources import SourceItem
from summarizer.batch.store import WORK_DIR, OutputStore, atomic_open, atomic_write, job_key

ART = "Pemerintah Kota Bandung menyiapkan anggaran untuk setiap kelurahan. Harga beras naik bulan lalu."


# -- atomic writes ---------------------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "a.json"
    atomic_write(target, b"1")
    atomic_write(target, b"2")
    assert target.read_bytes() == b"2"
    assert os.listdir(target.parent) == ["a.json"]
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # readable by others, not mkstemp's 0600


def test_failed_atomic_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write(b"half")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.json"]


def test_begin_sweeps_temp_files_of_a_killed_run(tmp_path):
    store = OutputStore(tmp_path)
    (tmp_path / "sub").mkdir()
    stale = tmp_path / "sub" / ".summarizer-tmp-abc.tmp"
    stale.write_bytes(b"{half")
    keep = tmp_path / "sub" / "user.tmp"
    keep.write_bytes(b"x")
    store.begin()
    store.abort()
    assert not stale.exists() and keep.exists()


# -- confinement -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../../escape.json", "/etc/passwd", "a/../../b.json", "", "..", f"{WORK_DIR}/x.json", "a\x00b"]
)
def test_output_names_cannot_leave_dst(tmp_path, name):
    store = OutputStore(tmp_path / "dst")
    with pytest.raises(ValueError):
        store.output_path(name)


def test_symlink_inside_dst_cannot_redirect_outputs(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    dst = tmp_path / "dst"
    dst.mkdir()
    os.symlink(outside, dst / "news")
    store = OutputStore(dst)
    with pytest.raises(ValueError):
        store.json_path("news/a.txt")
    assert store.json_path("other/a.txt") == dst.resolve() / "other" / "a.txt.json"


# -- parts, merge, resume (store level) --------------------------------------------------------


def _entry(article_id, key, status="ok", result=None):
    outcome = (
        {"result": result or {"summary_en": article_id}} if status == "ok" else {"error": {"message": "bad"}}
    )
    item = SourceItem(article_id, "f.jsonl", None)
    return OutputRecord(item, status, key=key, context=RunContext({}, {}), **outcome)


def test_parts_merge_in_source_order_then_disappear(tmp_path):
    store = OutputStore(tmp_path)
    store.begin()
    state = store.open_file("f.jsonl")
    for i in (0, 1, 2):
        state.expect(f"f.jsonl#{i}", f"k{i}")
    for i in (2, 0, 1):  # results may come back in any order (Ray)
        store.write_part(state, _entry(f"f.jsonl#{i}", f"k{i}"))
    store.finish_file(state)
    data = json.loads((tmp_path / "f.jsonl.json").read_text())
    assert [e["id"] for e in data["articles"]] == ["f.jsonl#0", "f.jsonl#1", "f.jsonl#2"]
    assert data["source"] == "f.jsonl"
    assert not any((tmp_path / WORK_DIR / "parts").iterdir())
    store.abort()


def test_resume_keys_come_from_outputs_and_from_parts_of_a_killed_run(tmp_path):
    store = OutputStore(tmp_path)
    state = store.open_file("f.jsonl")
    state.expect("f.jsonl#0", "k0")
    state.expect("f.jsonl#1", "k1")
    store.write_part(state, _entry("f.jsonl#0", "k0"))
    store.write_part(state, _entry("f.jsonl#1", "k1", status="failed"))
    store.finish_file(state)
    # A killed run: #1 redone into a part, the merge never happened.
    state = store.open_file("f.jsonl")
    store.write_part(state, _entry("f.jsonl#1", "k1"))

    again = store.open_file("f.jsonl")
    assert again.old_keys == {"f.jsonl#0": "k0"}  # failures are never "done"
    assert again.part_keys == {"f.jsonl#1": "k1"}
    assert store.is_done(again, "f.jsonl#0", "k0")
    assert not store.is_done(again, "f.jsonl#0", "changed")
    assert store.is_done(again, "f.jsonl#1", "k1") and again.dirty
    again.expect("f.jsonl#0", "k0")
    again.expect("f.jsonl#1", "k1")
    store.finish_file(again)
    data = json.loads((tmp_path / "f.jsonl.json").read_text())
    assert [e["status"] for e in data["articles"]] == ["ok", "ok"]
    assert OutputStore(tmp_path, force=True).is_done(store.open_file("f.jsonl"), "f.jsonl#0", "k0") is False


def test_stale_part_loses_to_the_current_output(tmp_path):
    store = OutputStore(tmp_path)
    state = store.open_file("a.txt")
    state.expect("a.txt", "new")
    store.write_part(state, _entry("a.txt", "new"))
    store.finish_file(state)
    # A part left by an older killed run with other settings must not win the merge.
    state = store.open_file("a.txt")
    store.write_part(state, _entry("a.txt", "old", result={"summary_en": "STALE"}))
    state = store.open_file("a.txt")
    assert store.is_done(state, "a.txt", "new")
    state.expect("a.txt", "new")
    state.dirty = True
    store.finish_file(state)
    data = json.loads((tmp_path / "a.txt.json").read_text())
    assert data["articles"][0]["result"]["summary_en"] == "a.txt"


def test_job_key_changes_with_content_models_and_settings():
    base = job_key("sha256:1", {"summary": "a"}, {"full": False})
    assert base == job_key("sha256:1", {"summary": "a"}, {"full": False})
    assert base != job_key("sha256:2", {"summary": "a"}, {"full": False})
    assert base != job_key("sha256:1", {"summary": "b"}, {"full": False})
    assert base != job_key("sha256:1", {"summary": "a"}, {"full": True})


# -- resume rules end to end (fake model) ------------------------------------------------------


def _write_src(src: Path, n: int = 3) -> None:
    src.mkdir(exist_ok=True)
    for i in range(n):
        (src / f"a{i}.txt").write_text(
            f"Berita nomor {i} dari Bandung hari ini. Harga beras naik {i} persen."
        )
    records = [{"text": f"Rekaman {i} dari Jakarta tiba. Banjir merendam {i} rumah."} for i in range(4)]
    (src / "many.jsonl").write_text("\n".join(json.dumps(r) for r in records))


def test_rerun_skips_redoes_changes_and_force_redoes_all(tmp_path, fake_mt):
    src, dst = tmp_path / "src", tmp_path / "dst"
    _write_src(src)
    first = run_batch_job(fake_batch_options(src, dst, batch_size=4))
    assert (first.processed, first.skipped, first.failed) == (7, 0, 0)
    # Sentences of several articles shared model calls: fewer calls than articles.
    assert sum(fake_mt.calls) >= 7 and len(fake_mt.calls) < 7 and max(fake_mt.calls) >= 4

    second = run_batch_job(fake_batch_options(src, dst))
    assert (second.processed, second.skipped, second.failed) == (0, 7, 0)

    (src / "a1.txt").write_text(ART + " Berubah.")
    lines = (src / "many.jsonl").read_text().splitlines()
    lines[2] = json.dumps({"text": ART + " Diubah."})
    (src / "many.jsonl").write_text("\n".join(lines))
    third = run_batch_job(fake_batch_options(src, dst))
    assert (third.processed, third.skipped) == (2, 5)
    data = json.loads((dst / "many.jsonl.json").read_text())
    assert data["articles"][2]["result"]["clean_text"].endswith("Diubah.")
    assert len(data["articles"]) == 4

    forced = run_batch_job(fake_batch_options(src, dst, force=True))
    assert (forced.processed, forced.skipped) == (7, 0)
    with_full = run_batch_job(fake_batch_options(src, dst, full=True))
    assert (with_full.processed, with_full.skipped) == (7, 0)  # settings are part of the key
    assert "EN[" in (dst / "a0.txt.en.txt").read_text()


def test_entries_carry_source_id_hash_models_and_settings(tmp_path, fake_mt):
    src, dst = tmp_path / "src", tmp_path / "dst"
    _write_src(src, n=1)
    run_batch_job(fake_batch_options(src, dst))
    entry = json.loads((dst / "a0.txt.json").read_text())["articles"][0]
    assert entry["id"] == "a0.txt" and entry["status"] == "ok"
    assert entry["content_hash"].startswith("sha256:")
    assert entry["models"] == {"summary": "extractive", "translation": "fake/mt", "backend": "transformers"}
    assert entry["settings"]["full"] is False and entry["settings"]["length"] == "medium"
    assert entry["result"]["summary_en"].startswith("EN[")
    assert set(entry["result"]) >= {"summary_id", "clean_text", "segments", "warnings", "timings", "models"}


def test_errors_jsonl_lists_this_runs_failures(tmp_path, fake_mt):
    src, dst = tmp_path / "src", tmp_path / "dst"
    _write_src(src, n=1)
    (src / "empty.txt").write_text("   ")
    summary = run_batch_job(fake_batch_options(src, dst))
    assert summary.failed == 1 and summary.exit_code == 1
    lines = [json.loads(line) for line in (dst / "errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["code"]) for e in lines] == [("empty.txt", "empty_input")]
    (src / "empty.txt").write_text(ART)
    fixed = run_batch_job(fake_batch_options(src, dst))
    assert (fixed.processed, fixed.failed, fixed.exit_code) == (1, 0, 0)
    assert (dst / "errors.jsonl").read_text() == ""
    record = json.loads((dst / WORK_DIR / "last-run.json").read_text())
    assert record["summary"]["processed"] == 1 and record["summary"]["skipped"] == 5


def test_options_reject_dst_equal_to_src_and_src_inside_dst(tmp_path):
    (tmp_path / "src").mkdir()
    with pytest.raises(ValueError, match="differ"):
        BatchOptions(src=tmp_path / "src", dst=tmp_path / "src")
    with pytest.raises(ValueError, match="inside DST"):
        BatchOptions(src=tmp_path / "src", dst=tmp_path)
    with pytest.raises(ValueError, match="engine"):
        BatchOptions(src=tmp_path / "src", dst=tmp_path / "out", engine="spark")
