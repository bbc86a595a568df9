"""``--engine ray`` gives the same outputs as the local engine (local Ray, 2 CPUs, one small run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_support import ARTICLE, article, quick_marian, write_jsonl

from summarizer.batch import BatchOptions, run_batch_job

ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'summarizer[ray]')")
pytest.importorskip("ray.data", reason="Ray Data is not installed")

pytestmark = [
    pytest.mark.slow,
    # Ray Data's own context warns about its deprecated fields when it is copied to the actors.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _without_timings(value):
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if k != "timings"}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def _outputs(dst: Path) -> dict[str, object]:
    found = {}
    for path in sorted(dst.rglob("*")):
        if path.is_file() and ".summarizer-batch" not in path.parts:
            text = path.read_text("utf-8")
            found[str(path.relative_to(dst))] = (
                _without_timings(json.loads(text)) if path.suffix == ".json" else text
            )
    return found


def test_ray_outputs_equal_local_outputs(tiny_marian, tmp_path, local_ray):
    marian = quick_marian(tiny_marian, tmp_path / "marian")
    src = tmp_path / "src"
    (src / "nested").mkdir(parents=True)
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    (src / "nested" / "b.html").write_text(f"<p>{article(1)}</p><p>{article(2)}</p>", "utf-8")
    write_jsonl(src / "nested" / "c.jsonl", [{"text": article(10 + i)} for i in range(5)] + [{"text": " "}])
    (src / "empty.txt").write_bytes(b"")
    pipeline = {"summary_model": "extractive", "translation_model": str(marian)}

    def run(engine: str, dst: Path, **kw):
        options = BatchOptions(
            src=src, dst=dst, engine=engine, full=True, batch_size=3, pipeline=pipeline, **kw
        )
        return run_batch_job(options, handle_interrupt=False)

    local = run("local", tmp_path / "local")
    remote = run("ray", tmp_path / "ray")
    assert (remote.processed, remote.skipped, remote.failed) == (local.processed, local.skipped, local.failed)
    assert (local.processed, local.failed) == (7, 2)
    local_out, ray_out = _outputs(tmp_path / "local"), _outputs(tmp_path / "ray")
    assert sorted(ray_out) == sorted(local_out)
    assert "nested/c.jsonl.en.txt" in ray_out and "errors.jsonl" in ray_out
    for name in local_out:
        assert ray_out[name] == local_out[name], name

    # Same resume rules: a second Ray run has nothing left but the failures.
    again = run("ray", tmp_path / "ray")
    assert (again.processed, again.skipped, again.failed) == (0, 7, 2)


def _ray_processes(marker: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline:
            found.append(cmdline[:120])
    return found


def test_ray_cli_run_is_quiet_and_leaves_no_ray_behind(tiny_marian, tmp_path):
    """A good run prints only our lines (no token-auth notice, no core_worker errors) and stops its Ray."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    import time

    marian = quick_marian(tiny_marian, tmp_path / "marian")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    ray_tmp = tempfile.mkdtemp(prefix="rq", dir="/tmp")  # short: Ray's socket paths have a length limit
    env = {**os.environ, "RAY_TMPDIR": ray_tmp, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("RAY_ADDRESS", None)
    try:
        cmd = [sys.executable, "-m", "summarizer", "batch", str(src), str(tmp_path / "dst"), "--engine", "ray",
               "--summary-model", "extractive", "--translation-model", str(marian), "--no-guard", "--quiet"]  # fmt: skip
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("processed 1, skipped 0, failed 0")
        assert done.stderr.strip() == ""
        deadline = time.monotonic() + 20
        while _ray_processes(ray_tmp) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _ray_processes(ray_tmp) == []
    finally:
        shutil.rmtree(ray_tmp, ignore_errors=True)
