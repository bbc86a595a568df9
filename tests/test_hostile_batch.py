"""Issue 11, batch part: hostile files, a full or read-only DST, two runs on one DST, batch neighbours.

Each test reproduces one way the batch broke its promises (a traceback, a folder that can never
finish, work done twice, output that depends on what shares a batch) and fails on the code before
the fix.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import json
import os
import random
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from batch_support import ARTICLE, article, quick_marian, write_jsonl
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.batch.sources import SourceError, iter_files, read_articles
from summarizer.cli import main
from summarizer.text.html import html_to_text

ROOT = Path(__file__).resolve().parents[1]
DEEP = 100_000


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``."""

    def boom(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _items(tmp_path: Path, name: str, data: bytes | str) -> list:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    path = src / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    (file,) = [f for f in iter_files(src) if f.rel == name]
    with deadline(30):
        return list(read_articles(file))


# -- 1. parsers: one bad file or record is that file's/record's error ------------------------------

HOSTILE_FILES = {
    "nested-lists.json": "[" * DEEP + "]" * DEEP,
    "nested-objects.json": '{"a":' * DEEP + "1" + "}" * DEEP,
    "deep-field.json": '{"text": "Harga naik.", "meta": ' + "[" * DEEP + "]" * DEEP + "}",
    "huge-int.json": '{"text": "Harga naik.", "n": ' + "7" * 5000 + "}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_json_file_is_its_own_invalid_json_error(tmp_path, name):
    (item,) = _items(tmp_path, name, HOSTILE_FILES[name])
    assert isinstance(item, SourceError) and item.code == "invalid_json", item
    assert item.message.startswith(name)


def test_hostile_jsonl_lines_fail_alone_and_the_other_records_come_through(tmp_path):
    lines = [
        json.dumps({"text": "Baris pertama tentang harga beras."}),
        "[" * DEEP + "]" * DEEP,
        '{"n": ' + "9" * 5000 + "}",
        json.dumps({"text": "Baris keempat tentang “banjir” di Dayeuhkolot, kata René."}),
    ]
    items = _items(tmp_path, "mixed.jsonl", "\n".join(lines) + "\n")
    assert [type(i).__name__ for i in items] == ["Article", "SourceError", "SourceError", "Article"]
    assert [i.id for i in items] == [f"mixed.jsonl#{n}" for n in range(4)]
    assert {items[1].code, items[2].code} == {"invalid_json"}
    assert "René" in items[3].text


def test_hostile_members_of_a_zip_fail_alone(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("deep.json", HOSTILE_FILES["nested-lists.json"])
        archive.writestr("ok.txt", "Harga beras naik 3,5 persen menjadi Rp1.500.000.")
    items = _items(tmp_path, "a.zip", buffer.getvalue())
    assert [(type(i).__name__, i.id) for i in items] == [
        ("SourceError", "a.zip!deep.json"),
        ("Article", "a.zip!ok.txt"),
    ]
    assert items[0].code == "invalid_json"


def test_lone_surrogate_escapes_are_replaced_with_a_warning(tmp_path):
    (item,) = _items(tmp_path, "s.json", '{"id": "x\\udfff", "text": "Harga \\ud800 naik Rp1.500.000."}')
    assert item.text == "Harga \ufffd naik Rp1.500.000." and item.record_id == "x\ufffd"
    assert [w.code for w in item.warnings] == ["invalid_unicode"]
    item.text.encode("utf-8")  # what every output writer does


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    depth=st.integers(min_value=1, max_value=20_000),
    opener=st.sampled_from(["[", '{"k":']),
    digits=st.integers(min_value=1, max_value=6000),
    junk=st.binary(max_size=64),
    kind=st.sampled_from(["json", "jsonl", "csv"]),
)
def test_fuzzed_structured_files_never_raise(tmp_path, depth, opener, digits, junk, kind):
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "1" * digits + closer * depth
    body = {
        "json": nested,
        "jsonl": json.dumps({"text": "Satu."}) + "\n" + nested + "\n",
        "csv": f'text\n"{nested}"\n',
    }[kind].encode() + junk
    items = _items(tmp_path, f"f.{kind}", body)
    assert items, "every file yields at least one article or error"


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Teks berita.</p>" + "<a" * 300_000,
        "<p>Teks berita.</p>" + "</" * 300_000,
    ],
    ids=["unclosed-tags", "unclosed-end-tags"],
)
def test_stray_angle_brackets_parse_in_linear_time(markup):
    # html.parser rescans the rest of the input for every unclosed "<": about an hour for this.
    with deadline(30):
        text, _ = html_to_text(markup)
    assert "Teks berita." in text


def test_a_run_of_dots_splits_in_linear_time():
    # A run not followed by a space was retried from every dot inside it: minutes for 200,000 dots.
    from summarizer.text.sentences import split_sentences

    text = "Harga naik" + "." * 200_000 + "Banjir melanda Bandung. Warga mengungsi."
    with deadline(20):
        sentences = split_sentences(text)
    assert sentences == [text[: -len(" Warga mengungsi.")], "Warga mengungsi."]


def test_markup_meaning_is_unchanged_by_the_stray_bracket_guard():
    # Not a hostile case: proves the guard above leaves ordinary markup (comments, long tags) alone.
    text, removed = html_to_text(
        '<p>a < b dan harga &lt; Rp1.500.000</p><!-- <p> x < y --><img src="data:;base64,' + "A" * 5000 + '">'
    )
    assert text.strip() == "a < b dan harga < Rp1.500.000" and removed == []


# -- end to end with the tiny real Marian --------------------------------------------------------


@pytest.fixture(scope="module")
def marian(tiny_marian, tmp_path_factory) -> Path:
    return quick_marian(tiny_marian, tmp_path_factory.mktemp("quick-marian"))


def _run(*args: str, marian: Path):
    return CliRunner().invoke(
        main,
        ["batch", *args, "--summary-model", "extractive", "--translation-model", str(marian), "-q"],
        catch_exceptions=False,
    )


def _outputs(dst: Path) -> dict[str, dict]:
    """Every per-file output, parsed (raises if one is not valid JSON)."""
    return {
        str(p.relative_to(dst)): json.loads(p.read_bytes())
        for p in sorted(dst.rglob("*.json"))
        if ".summarizer-batch" not in p.parts
    }


def _good_archive(src: Path, n: int = 6) -> None:
    src.mkdir(parents=True, exist_ok=True)
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    for i in range(n):
        (src / f"berita-{i}.txt").write_text(article(i), "utf-8")


@pytest.mark.slow
def test_a_deeply_nested_json_no_longer_sinks_the_batch_and_a_rerun_finishes(tmp_path, marian):
    src, dst = tmp_path / "arsip", tmp_path / "hasil"
    _good_archive(src, 2)
    (src / "bom.json").write_text("[" * DEEP + "]" * DEEP, "utf-8")
    write_jsonl(src / "rekaman.jsonl", [{"text": article(7)}])
    with (src / "rekaman.jsonl").open("a") as handle:
        handle.write("[" * DEEP + "]" * DEEP + "\n")
    (src / "sur.json").write_text('{"text": "Harga \\ud800 beras naik 3,5 persen pekan ini."}', "utf-8")
    # A name that is not UTF-8 (an old archive copied from a Windows share).
    (src / os.fsdecode(b"caf\xe9.txt")).write_text("Kafe milik René di Ubud ramai dikunjungi.", "utf-8")

    first = _run(str(src), str(dst), marian=marian)
    assert first.exit_code == 1, first.output
    assert first.stdout.startswith("processed 6, skipped 0, failed 2 ")
    errors = [json.loads(line) for line in (dst / "errors.jsonl").read_text("utf-8").splitlines()]
    assert {(e["id"], e["code"]) for e in errors} == {
        ("bom.json", "invalid_json"),
        ("rekaman.jsonl#1", "invalid_json"),
    }
    outputs = _outputs(dst)
    assert outputs["sur.json.json"]["articles"][0]["status"] == "ok"
    assert outputs[os.fsdecode(b"caf\xe9.txt.json")]["source"] == os.fsdecode(b"caf\xe9.txt")

    again = _run(str(src), str(dst), marian=marian)
    assert again.exit_code == 1 and again.stdout.startswith("processed 0, skipped 6, failed 2 ")


# -- 2. infrastructure faults: a full or read-only DST -------------------------------------------


@pytest.mark.slow
def test_disk_full_midway_is_one_line_exit_1_keeps_valid_outputs_and_resumes(tmp_path, marian, monkeypatch):
    src, dst = tmp_path / "arsip", tmp_path / "hasil"
    _good_archive(src, 7)
    real_replace = os.replace
    calls = {"n": 0}

    def full_disk(a, b, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(b))
        return real_replace(a, b, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full_disk)
    result = _run(str(src), str(dst), "--batch-size", "2", marian=marian)
    monkeypatch.setattr(os, "replace", real_replace)

    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: cannot write the outputs in ") and "No space left" in lines[0]
    assert lines[1].startswith("Hint: free space") and len(lines) == 2
    done = _outputs(dst)  # all valid JSON
    assert 0 < len(done) < 8
    assert not list(dst.rglob(".summarizer-tmp-*"))
    assert not (dst / ".summarizer-batch" / "lock").exists()

    resumed = _run(str(src), str(dst), marian=marian)
    assert resumed.exit_code == 0, resumed.output
    skipped = int(resumed.stdout.split("skipped ")[1].split(",")[0])
    assert skipped >= len(done) and len(_outputs(dst)) == 8
    assert all(_outputs(dst)[name] == out for name, out in done.items())  # finished work unchanged


@pytest.mark.slow
def test_read_only_dst_is_one_line_exit_1(tmp_path, marian, monkeypatch):
    # Tests run as root, where chmod does not stop writes: refuse every open for writing under DST.
    src, dst = tmp_path / "arsip", tmp_path / "hasil"
    _good_archive(src, 1)
    first = _run(str(src), str(dst), marian=marian)
    assert first.exit_code == 0
    before = _outputs(dst)
    real_open = os.open
    read_only = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def erofs(path, flags, *args, **kwargs):
        if flags & read_only and os.fspath(path).startswith(str(dst)):
            raise OSError(errno.EROFS, "Read-only file system", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", erofs)
    result = _run(str(src), str(dst), "--force", marian=marian)
    monkeypatch.setattr(os, "open", real_open)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: cannot write the outputs in ") and "Read-only" in result.stderr
    assert "Hint: make DST writable" in result.stderr
    assert _outputs(dst) == before


# -- 3. one run per DST ----------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from summarizer.batch.lock import DstLock
    lock = DstLock(Path(sys.argv[1]) / ".summarizer-batch")
    lock.acquire()
    print("holding", flush=True)
    time.sleep(600)
    """
)


def _holder(dst: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(dst)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    line = proc.stdout.readline().decode()
    assert line.strip() == "holding", proc.stderr.read().decode() if proc.poll() is not None else line
    return proc


@pytest.mark.slow
def test_second_run_on_a_busy_dst_names_the_holder_and_exits_2_then_a_killed_holder_is_stale(
    tmp_path, marian
):
    src, dst = tmp_path / "arsip", tmp_path / "hasil"
    _good_archive(src, 1)
    holder = _holder(dst)
    try:
        busy = _run(str(src), str(dst), marian=marian)
        assert busy.exit_code == 2, busy.output
        assert f"pid {holder.pid} on {socket.gethostname()}" in busy.stderr
        assert busy.stderr.startswith("Error: ") and "Hint: " in busy.stderr
        assert "Traceback" not in busy.output and _outputs(dst) == {}
    finally:
        holder.kill()  # SIGKILL: no clean-up, the lock file stays behind
        holder.wait()
    assert json.loads((dst / ".summarizer-batch" / "lock").read_text())["pid"] == holder.pid
    after = _run(str(src), str(dst), marian=marian)
    assert after.exit_code == 0, after.output
    assert len(_outputs(dst)) == 2 and not (dst / ".summarizer-batch" / "lock").exists()


# A real batch run that pauses in its first model batch until the test creates GO (deterministic overlap).
PAUSED_BATCH = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from summarizer.batch import local
    from summarizer.cli import main

    go, args = Path(sys.argv[1]), sys.argv[2:]
    real_call = local.BatchProcessor.__call__

    def paused(self, batch):
        print("working", flush=True)
        while not go.exists():
            time.sleep(0.05)
        return real_call(self, batch)

    local.BatchProcessor.__call__ = paused
    main(args)
    """
)


@pytest.mark.slow
def test_two_real_batch_processes_on_one_dst_the_second_exits_2_and_the_first_finishes(tmp_path, marian):
    src, dst, go = tmp_path / "arsip", tmp_path / "hasil", tmp_path / "go"
    _good_archive(src, 3)
    args = ["batch", str(src), str(dst), "--summary-model", "extractive", "--translation-model", str(marian)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(
        [sys.executable, "-c", PAUSED_BATCH, str(go), *args, "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert first.stdout.readline().decode().strip() == "working", first.stderr.read().decode()
        second = subprocess.run(
            [sys.executable, "-m", "summarizer", *args, "-q"], capture_output=True, env=env, timeout=300
        )
        assert second.returncode == 2, second.stderr.decode()
        err = second.stderr.decode()
        assert err.startswith("Error: ") and f"pid {first.pid} on " in err and "Traceback" not in err
    finally:
        go.touch()
        out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err.decode()
    assert out.decode().startswith("processed 4, skipped 0, failed 0")
    assert len(_outputs(dst)) == 4 and not (dst / ".summarizer-batch" / "lock").exists()


def test_pid_lock_fallback_without_flock(tmp_path, monkeypatch):
    import fcntl

    from summarizer.batch.lock import DstLock
    from summarizer.errors import BatchLockedError

    def no_flock(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    work = tmp_path / ".summarizer-batch"
    work.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = {"pid": dead.pid, "host": socket.gethostname(), "started": "2026-01-01T00:00:00+00:00"}
    (work / "lock").write_text(json.dumps(stale))
    with DstLock(work):  # the dead pid's lock is taken over
        assert json.loads((work / "lock").read_text())["pid"] == os.getpid()
        with pytest.raises(BatchLockedError, match=f"pid {os.getpid()} on "):
            DstLock(work).acquire()
    assert not (work / "lock").exists()
    live = {**stale, "pid": os.getppid()}
    (work / "lock").write_text(json.dumps(live))
    with pytest.raises(BatchLockedError, match=f"pid {os.getppid()} on "):
        DstLock(work).acquire()


# -- 4. output independent of batch neighbours -----------------------------------------------------

SENTENCES = [
    "Pemerintah Kota Bandung menyiapkan anggaran Rp1.500.000 untuk setiap kelurahan.",
    "Harga naik.",
    "“Kami ingin warga merasakan manfaatnya,” kata René di Balai Kota.",
    "Banjir.",
    "Presiden meresmikan jalan tol sepanjang 2.200 kilometer di Sumatra pada Senin bersama menteri.",
    "Harga beras di pasar tradisional naik 3,5 persen dibandingkan bulan lalu.",
    "Tim nasional menang 2-1 atas Vietnam.",
    "Bank Indonesia mempertahankan suku bunga acuan di level 6 persen sepanjang tahun ini.",
]
BACKENDS = ["transformers"] + (["ctranslate2"] if importlib.util.find_spec("ctranslate2") else [])


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("beams", [1, 4])
def test_a_sentence_translates_the_same_alone_and_in_any_batch(tiny_marian, backend, beams):
    # The raw random model never emits </s>: every output runs to its cap, so any cap that depends on
    # the batch's longest neighbour shows up as a different translation.
    from summarizer.models import clear_model_cache, load_model, resolve_model
    from summarizer.models.base import GenerationSettings
    from summarizer.translate import Translator

    clear_model_cache()
    model = load_model(resolve_model(str(tiny_marian), "translation"), backend=backend)
    translator = Translator(model, GenerationSettings(num_beams=beams), guard=False)
    alone = [translator.translate_sentences([s])[0][0] for s in SENTENCES]
    together, _ = translator.translate_sentences(SENTENCES)
    assert together == alone
    shuffled = list(SENTENCES)
    random.Random(7).shuffle(shuffled)
    small = Translator(model, GenerationSettings(num_beams=beams), max_batch_size=3, guard=False)
    mixed = dict(zip(shuffled, small.translate_sentences(shuffled)[0]))
    assert [mixed[s] for s in SENTENCES] == alone
    clear_model_cache()


@pytest.mark.slow
def test_batch_outputs_do_not_depend_on_batch_size_and_a_resume_keeps_them(tmp_path, tiny_marian):
    src = tmp_path / "arsip"
    _good_archive(src, 5)
    results = {}
    for size in ("1", "6"):
        dst = tmp_path / f"hasil-{size}"
        out = _run(str(src), str(dst), "--full", "--no-guard", "--batch-size", size, marian=tiny_marian)
        assert out.exit_code == 0, out.output
        results[size] = {
            name: [a["result"]["translation_en"] for a in data["articles"]]
            for name, data in _outputs(dst).items()
        }
    assert results["1"] == results["6"]
    dst = tmp_path / "hasil-6"
    before = {p: p.read_bytes() for p in dst.rglob("*.json") if ".summarizer-batch" not in p.parts}
    again = _run(str(src), str(dst), "--full", "--no-guard", "--batch-size", "2", marian=tiny_marian)
    assert again.stdout.startswith("processed 0, skipped 6, failed 0")
    assert {p: p.read_bytes() for p in before} == before
