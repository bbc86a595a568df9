"""Never lose work: SIGKILL or Ctrl-C a real batch subprocess mid-run, then resume it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import article, quick_marian, write_jsonl

pytestmark = pytest.mark.slow

RECORDS = 8
FILES = 6
TOTAL = RECORDS + FILES


@pytest.fixture(scope="module")
def paced_marian(tiny_marian, tmp_path_factory) -> Path:
    # ~12 output tokens per sentence: a batch of 2 articles takes most of a second here, so a
    # 7-batch run leaves a wide window to kill it in the middle.
    return quick_marian(tiny_marian, tmp_path_factory.mktemp("paced-marian"), min_new_tokens=12)


@pytest.fixture
def archive(tmp_path) -> Path:
    src = tmp_path / "src"
    (src / "nested").mkdir(parents=True)
    # The multi-record file comes first (top-level files sort first), so the kill lands inside it.
    write_jsonl(src / "000-many.jsonl", [{"text": article(i)} for i in range(RECORDS)])
    for i in range(FILES):
        (src / "nested" / f"a{i:02d}.txt").write_text(article(100 + i), "utf-8")
    return src


def _command(src: Path, dst: Path, model: Path) -> list[str]:
    return [
        sys.executable, "-m", "summarizer", "batch", str(src), str(dst), "--quiet", "--batch-size", "2",
        "--summary-model", "extractive", "--translation-model", str(model),
    ]  # fmt: skip


def _start_and_wait_for_parts(cmd: list[str], dst: Path, parts: int) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        found = list((dst / ".summarizer-batch" / "parts").glob("*/*.json"))
        if len(found) >= parts:
            return proc
        if proc.poll() is not None:
            pytest.fail(f"the batch ended before it could be interrupted: {proc.communicate()}")
        time.sleep(0.02)
    proc.kill()
    pytest.fail("no part file appeared in time")


def _snapshot(dst: Path) -> dict[str, dict]:
    """Every successful entry on disk (final outputs and parts); every JSON must parse."""
    done: dict[str, dict] = {}
    for path in dst.rglob("*.json"):
        data = json.loads(path.read_text("utf-8"))  # raises on a partial/invalid file
        entries = data.get("articles", [data] if "id" in data else [])
        for entry in entries:
            if entry.get("status") == "ok":
                done[entry["id"]] = entry
    return done


def _final_entries(dst: Path) -> list[dict]:
    entries = []
    for path in sorted(dst.rglob("*.json")):
        if ".summarizer-batch" not in path.parts:
            entries.extend(json.loads(path.read_text("utf-8"))["articles"])
    return entries


def _last_run(dst: Path) -> dict:
    return json.loads((dst / ".summarizer-batch" / "last-run.json").read_text("utf-8"))["summary"]


def test_sigkill_mid_run_then_resume(archive, paced_marian, tmp_path):
    dst = tmp_path / "out"
    cmd = _command(archive, dst, paced_marian)
    proc = _start_and_wait_for_parts(cmd, dst, parts=3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    before = _snapshot(dst)  # all JSON valid after the kill
    assert 3 <= len(before) < TOTAL
    assert not (dst / "000-many.jsonl.json").exists()  # an unfinished file is never half-written

    second = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    summary = _last_run(dst)
    assert (summary["skipped"], summary["processed"], summary["failed"]) == (
        len(before),
        TOTAL - len(before),
        0,
    )

    entries = _final_entries(dst)
    ids = [e["id"] for e in entries]
    assert len(ids) == TOTAL and len(set(ids)) == TOTAL  # none missing, none duplicated
    assert all(e["status"] == "ok" for e in entries)
    by_id = {e["id"]: e for e in entries}
    for article_id, entry in before.items():
        assert by_id[article_id] == entry  # finished work was kept as it was, not redone
    assert not list((dst / ".summarizer-batch" / "parts").glob("*/*"))
    assert not [p for p in dst.rglob("*.tmp")]

    third = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert third.returncode == 0
    assert third.stdout.startswith(f"processed 0, skipped {TOTAL}, failed 0")


def test_ctrl_c_finishes_the_batch_and_exits_cleanly(archive, paced_marian, tmp_path):
    dst = tmp_path / "out"
    cmd = _command(archive, dst, paced_marian)
    proc = _start_and_wait_for_parts(cmd, dst, parts=1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in out and "Traceback" not in err
    summary = _last_run(dst)
    assert summary["interrupted"] is True
    done = _snapshot(dst)
    # Whole batches (of 2) finished: nothing in flight was abandoned half-way.
    assert len(done) == summary["processed"] and len(done) % 2 == 0 and 0 < len(done) < TOTAL
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0
    assert rerun.stdout.startswith(f"processed {TOTAL - len(done)}, skipped {len(done)}, failed 0")
