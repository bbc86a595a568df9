"""WARC and compressed archives in ``summarizer batch``: ids, metadata, safety limits, resume."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from archive_support import gzip_members, html_page, http_response, warc_record
from batch_support import fake_batch_options

from summarizer.batch import run_batch_job
from summarizer.batch.archives import ArchiveLimits, archive_kind
from summarizer.batch.sources import Article, SourceError, count_articles, iter_files, read_articles

BERITA = (
    "Pemerintah Kota Bandung menyiapkan anggaran Rp1.500.000 untuk setiap kelurahan pada tahun 2024. "
    "Wali Kota mengatakan program “Bandung Juara” itu akan dimulai pada Senin pekan depan. "
    "Harga beras di pasar tradisional naik 3,5 persen dibandingkan bulan lalu."
)
NEWS_EN = (
    "The city government of Bandung has prepared a budget for every district next year. "
    "The mayor said that the programme would start on Monday next week after a long debate."
)


def berita(i: int) -> str:
    return f"Dinas Kesehatan mencatat {1000 + i} kasus demam berdarah di wilayah {i}. " + BERITA


def _items(src: Path, **kwargs) -> dict[str, Article | SourceError]:
    return {item.id: item for f in iter_files(src) for item in read_articles(f, **kwargs)}


def _crawl_records() -> list[bytes]:
    """Record 0 warcinfo, 1 request, 2 HTML, 3 chunked+gzip HTML, 4 PNG, 5 a 404, 6 resource HTML."""
    return [
        warc_record("warcinfo", "", b"software: tes\r\n", content_type="application/warc-fields"),
        warc_record("request", "https://berita.id/a", b"GET /a HTTP/1.1\r\nHost: berita.id\r\n\r\n"),
        warc_record("response", "https://berita.id/a", http_response(html_page("Satu", berita(1)))),
        warc_record(
            "response",
            "https://berita.id/b?x=../../etc",
            http_response(html_page("Dua", berita(2)), chunked=True, gzipped=True),
            date="2024-03-02T08:30:00Z",
        ),
        warc_record(
            "response",
            "https://berita.id/logo.png",
            http_response(b"\x89PNG" + bytes(300), content_type="image/png"),
        ),
        warc_record(
            "response", "https://berita.id/hilang", http_response(html_page("404", berita(3)), status=404)
        ),
        warc_record(
            "resource", "file:///arsip/c.html", html_page("Tiga", berita(4)), content_type="text/html"
        ),
    ]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_records_become_articles_with_url_and_date(tmp_path, name):
    records = _crawl_records()
    data = gzip_members(records) if name.endswith(".gz") else b"".join(records)
    (tmp_path / name).write_bytes(data)
    items = _items(tmp_path)
    assert sorted(items) == [f"{name}#2", f"{name}#3", f"{name}#6"]  # index counts every record
    first, second, resource = items[f"{name}#2"], items[f"{name}#3"], items[f"{name}#6"]
    assert isinstance(second, Article) and second.format == "html"
    assert "Dua" in second.text and "“Bandung Juara”" in second.text  # de-chunked and gunzipped
    assert (second.url, second.date) == ("https://berita.id/b?x=../../etc", "2024-03-02T08:30:00Z")
    assert first.url == "https://berita.id/a" and first.source == name and first.index == 2
    assert first.record_id.startswith("<urn:uuid:")
    assert resource.url == "file:///arsip/c.html" and "Tiga" in resource.text
    assert count_articles(next(iter_files(tmp_path))) == 3


def test_truncated_and_mislabelled_warc_records(tmp_path):
    records = _crawl_records()[:4]
    # Record 4 claims 50 bytes less than it holds; reading must resynchronise on record 5.
    body = http_response(html_page("Empat", berita(5)))
    liar = warc_record("response", "https://berita.id/d", body, length=len(body) - 50)
    tail = warc_record("response", "https://berita.id/e", http_response(html_page("Lima", berita(6))))
    cut = warc_record("response", "https://berita.id/f", http_response(html_page("Enam", berita(7))))
    (tmp_path / "a.warc").write_bytes(b"".join([*records, liar, tail, cut[: len(cut) - 300]]))
    items = _items(tmp_path)
    assert isinstance(items["a.warc#5"], Article) and "Lima" in items["a.warc#5"].text
    assert isinstance(items["a.warc#6"], SourceError) and items["a.warc#6"].code == "truncated_record"
    assert "cut short" in items["a.warc#6"].message

    gz = gzip_members(records)
    (tmp_path / "a.warc").unlink()
    (tmp_path / "b.warc.gz").write_bytes(gz + gzip.compress(cut)[:-40])
    items = _items(tmp_path)
    assert isinstance(items["b.warc.gz#3"], Article)
    assert items["b.warc.gz#4"].code == "truncated_record"


def test_warc_gzipped_as_one_stream_is_read_whole(tmp_path):
    # `gzip crawl.warc` gives one gzip stream, not the standard one member per record.
    (tmp_path / "satu.warc.gz").write_bytes(gzip.compress(b"".join(_crawl_records())))
    items = _items(tmp_path)
    assert sorted(items) == ["satu.warc.gz#2", "satu.warc.gz#3", "satu.warc.gz#6"]
    assert all(isinstance(v, Article) for v in items.values())


def test_corrupt_warc_keeps_what_came_before_and_reports_the_rest(tmp_path):
    records = _crawl_records()[:4]
    (tmp_path / "c.warc.gz").write_bytes(gzip_members(records) + b"bukan gzip sama sekali" * 10)
    items = _items(tmp_path)
    assert isinstance(items["c.warc.gz#3"], Article)
    assert items["c.warc.gz"].code == "invalid_warc" and "after record 3" in items["c.warc.gz"].message
    (tmp_path / "c.warc.gz").unlink()
    (tmp_path / "catatan.warc").write_text("ini bukan arsip web\n" * 5, "utf-8")
    (tmp_path / "kosong.warc.gz").write_bytes(b"")
    items = _items(tmp_path)
    assert items["catatan.warc"].code == "invalid_warc" and "not a WARC" in items["catatan.warc"].message
    assert items["kosong.warc.gz"].code == "empty_input"


def test_oversized_warc_record_and_warc_bomb(tmp_path):
    big = html_page("Besar", berita(1) * 400).replace(b"<p>", b"<p>" + b" " * 10)
    (tmp_path / "a.warc.gz").write_bytes(
        gzip_members([warc_record("response", "https://b.id/x", http_response(big))])
    )
    items = _items(tmp_path, max_file_bytes=20_000)
    assert items["a.warc.gz#0"].code == "file_too_large"
    (tmp_path / "a.warc.gz").unlink()
    zeros = warc_record("response", "https://b.id/z", http_response(b"<html>" + bytes(8 << 20)))
    (tmp_path / "bom.warc.gz").write_bytes(gzip.compress(zeros, 9))
    items = _items(tmp_path)
    assert items["bom.warc.gz"].code == "compression_bomb" and "--max-ratio" in items["bom.warc.gz"].hint


def test_arc_files_are_read_too(tmp_path):
    # ARC v1 (Internet Archive's format before WARC): a filedesc record, then one line per record.
    head = b"1 0 tes\nURL IP-address Archive-date Content-type Archive-length\n"
    filedesc = b"filedesc://t.arc 0.0.0.0 20240301100000 text/plain %d\n" % len(head) + head + b"\n"
    page = http_response(html_page("Arsip", berita(1)))
    record = b"http://berita.id/lama 1.2.3.4 20240301100000 text/html %d\n" % len(page) + page + b"\n"
    (tmp_path / "t.arc.gz").write_bytes(gzip_members([filedesc, record]))
    items = _items(tmp_path)
    assert list(items) == ["t.arc.gz#1"]
    assert (items["t.arc.gz#1"].url, items["t.arc.gz#1"].date) == ("http://berita.id/lama", "20240301100000")


@pytest.mark.parametrize("coding", ["Chunked", "gzip, chunked", "gzip"])
def test_transfer_codings_warcio_leaves_alone(tmp_path, coding):
    body = html_page("Empat", berita(4))
    if "gzip" in coding:
        body = gzip.compress(body)
    if "hunked" in coding:
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in (body[:50], body[50:])) + b"0\r\n\r\n"
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: {coding}\r\n\r\n"
    (tmp_path / "t.warc").write_bytes(warc_record("response", "https://b.id/t", head.encode() + body))
    item = _items(tmp_path)["t.warc#0"]
    assert isinstance(item, Article) and "wilayah 4" in item.text and "\r\n" not in item.text


def test_latin1_page_declared_in_the_header(tmp_path):
    page = html_page("Kafe", "Kafe milik René di Ubud ramai. " + berita(1)).decode().encode("cp1252")
    record = warc_record(
        "response", "https://b.id/r", http_response(page, content_type="text/html; charset=ISO-8859-1")
    )
    (tmp_path / "l.warc").write_bytes(record)
    # Declared latin-1 is read as windows-1252 (as browsers do): the curly quotes survive too.
    text = _items(tmp_path)["l.warc#0"].text
    assert "René" in text and "“Bandung Juara”" in text
    # No charset in the header: the page's own <meta> says it.
    meta = page.replace(
        b"<head>", b'<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    )
    (tmp_path / "l.warc").write_bytes(
        warc_record("response", "https://b.id/m", http_response(meta, content_type="text/html"))
    )
    item = _items(tmp_path)["l.warc#0"]
    assert "René" in item.text and "“Bandung Juara”" in item.text
    assert item.warnings == ()  # declared, not guessed: no legacy_encoding warning


def _zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")


def test_zip_members_read_as_files_and_hostile_members_refused(tmp_path):
    jsonl = "\n".join(json.dumps({"id": i, "text": berita(i)}, ensure_ascii=False) for i in range(3))
    _zip(
        tmp_path / "ekspor.zip",
        {
            "2024/a.jsonl": jsonl.encode(),
            "b.txt": berita(9).encode(),
            "foto.png": b"\x89PNG",
            "../../keluar.txt": berita(10).encode(),
            "/etc/mutlak.txt": berita(11).encode(),
            "dalam.zip": b"PK\x05\x06" + bytes(18),
            "bom.txt": bytes(50 << 20),
        },
        symlink="tautan.txt",
    )
    items = _items(tmp_path)
    ok = sorted(k for k, v in items.items() if isinstance(v, Article))
    assert ok == [
        "ekspor.zip!2024/a.jsonl#0",
        "ekspor.zip!2024/a.jsonl#1",
        "ekspor.zip!2024/a.jsonl#2",
        "ekspor.zip!b.txt",
    ]
    assert (
        items["ekspor.zip!2024/a.jsonl#1"].record_id == "1"
        and items["ekspor.zip!b.txt"].source == "ekspor.zip"
    )
    errors = {k: v.code for k, v in items.items() if isinstance(v, SourceError)}
    assert errors == {
        "ekspor.zip!../../keluar.txt": "unsafe_member",
        "ekspor.zip!/etc/mutlak.txt": "unsafe_member",
        "ekspor.zip!dalam.zip": "nested_archive",
        "ekspor.zip!bom.txt": "compression_bomb",
        "ekspor.zip!tautan.txt": "unsafe_member",
    }
    assert not (tmp_path.parent / "keluar.txt").exists()
    counts = {}
    file = next(iter_files(tmp_path))
    list(read_articles(file, on_skipped=counts.update))
    assert counts == {"unsupported_member": 1}  # foto.png


def test_uncompressed_limits_per_member_and_per_archive(tmp_path):
    _zip(tmp_path / "a.zip", {f"{i}.txt": berita(i).encode() * 20 for i in range(5)})
    items = _items(tmp_path, archive_limits=ArchiveLimits(max_archive_bytes=9_000))
    assert [k for k, v in items.items() if isinstance(v, Article)] == ["a.zip!0.txt"]
    assert items["a.zip"].code == "archive_too_large"
    # --max-file-mb applies to the uncompressed size, whatever the compressed one.
    items = _items(tmp_path, max_file_bytes=5_000)
    assert {v.code for v in items.values()} == {"file_too_large"} and len(items) == 5
    assert "uncompressed" in items["a.zip!3.txt"].message
    (tmp_path / "a.zip").unlink()
    _tar(
        tmp_path / "b.tar",
        "w",
        [(tarfile.TarInfo(f"{i}.txt"), berita(i).encode() * (1 + 20 * i)) for i in range(2)],
    )
    items = _items(tmp_path, max_file_bytes=5_000)
    assert isinstance(items["b.tar!0.txt"], Article) and items["b.tar!1.txt"].code == "file_too_large"


def _tar(path: Path, mode: str, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> None:
    with tarfile.open(path, mode) as archive:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)


def test_tar_gz_jsonl_links_devices_and_traversal(tmp_path):
    jsonl = "\n".join(json.dumps({"isi": berita(i)}) for i in range(2)).encode()
    link = tarfile.TarInfo("tautan.txt")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    device = tarfile.TarInfo("dev.txt")
    device.type = tarfile.CHRTYPE
    _tar(
        tmp_path / "arsip.tar.gz",
        "w:gz",
        [
            (tarfile.TarInfo("x/a.jsonl"), jsonl),
            (link, None),
            (device, None),
            (tarfile.TarInfo("../b.txt"), b"x"),
            (tarfile.TarInfo("x/a.jsonl"), b"{}"),  # appended again: read once, ids stay unique
        ],
    )
    items = _items(tmp_path)
    assert sorted(items) == [
        "arsip.tar.gz!../b.txt", "arsip.tar.gz!dev.txt", "arsip.tar.gz!tautan.txt",
        "arsip.tar.gz!x/a.jsonl (copy 2)", "arsip.tar.gz!x/a.jsonl#0", "arsip.tar.gz!x/a.jsonl#1",
    ]  # fmt: skip
    assert items["arsip.tar.gz!x/a.jsonl (copy 2)"].code == "duplicate_member"
    assert {
        items[k].code for k in ("arsip.tar.gz!../b.txt", "arsip.tar.gz!dev.txt", "arsip.tar.gz!tautan.txt")
    } == {"unsafe_member"}
    assert "Dinas Kesehatan" in items["arsip.tar.gz!x/a.jsonl#1"].text


def test_tar_gz_bomb_stops_the_archive(tmp_path):
    _tar(tmp_path / "b.tgz", "w:gz", [(tarfile.TarInfo(f"{i}.txt"), b"a" * (4 << 20)) for i in range(3)])
    items = _items(tmp_path)
    assert items["b.tgz"].code == "compression_bomb"


def test_single_gz_file_is_transparent(tmp_path):
    jsonl = "\n".join(json.dumps({"text": berita(i)}) for i in range(2)).encode()
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(jsonl))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(berita(5).encode())[:-30])  # cut short
    (tmp_path / "c.png.gz").write_bytes(gzip.compress(b"\x89PNG"))
    items = _items(tmp_path)
    assert sorted(items) == ["a.jsonl.gz#0", "a.jsonl.gz#1", "b.txt.gz"]
    assert items["a.jsonl.gz#1"].source == "a.jsonl.gz" and "wilayah 1" in items["a.jsonl.gz#1"].text
    assert items["b.txt.gz"].code == "unreadable_archive"


def test_archive_kind_by_name():
    kinds = {
        n: archive_kind(n)
        for n in ("x.warc.gz", "x.ARC.GZ", "x.tgz", "x.tar.xz", "x.zip", "x.jsonl.gz", "x.png.gz", "x.txt")
    }
    assert kinds == {
        "x.warc.gz": "warc", "x.ARC.GZ": "warc", "x.tgz": "tar", "x.tar.xz": "tar", "x.zip": "zip",
        "x.jsonl.gz": "gz", "x.png.gz": None, "x.txt": None,
    }  # fmt: skip


def test_missing_warcio_is_a_file_error_with_an_install_hint(tmp_path, monkeypatch):
    import sys

    (tmp_path / "a.warc").write_bytes(b"".join(_crawl_records()))
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    monkeypatch.setitem(sys.modules, "warcio.exceptions", None)
    items = _items(tmp_path)
    assert list(items) == ["a.warc"] and items["a.warc"].code == "missing_dependency"
    assert "pip install warcio" in items["a.warc"].hint


# -- whole batch runs (a fake translator: no model) ---------------------------------------------------


def _crawl(src: Path) -> None:
    records = _crawl_records()
    records.append(
        warc_record("response", "https://news.example/en", http_response(html_page("News", NEWS_EN)))
    )
    src.mkdir()
    (src / "crawl.warc.gz").write_bytes(gzip_members(records))
    _zip(src / "ekspor.zip", {"a.jsonl": json.dumps({"text": berita(20)}).encode(), "../x.txt": b"x"})


def test_batch_writes_one_json_per_archive_with_urls(tmp_path, fake_mt):
    src, dst = tmp_path / "src", tmp_path / "out"
    _crawl(src)
    summary = run_batch_job(fake_batch_options(src, dst))
    assert (summary.processed, summary.failed) == (5, 1)
    assert sorted(p.name for p in dst.glob("*.json")) == ["crawl.warc.gz.json", "ekspor.zip.json"]
    crawl = json.loads((dst / "crawl.warc.gz.json").read_text("utf-8"))
    assert crawl["source"] == "crawl.warc.gz"
    # Records that are not articles are not silently dropped: counted by reason.
    assert crawl["not_articles"] == {
        "not_html": 1, "request_record": 1, "status_404": 1, "warcinfo_record": 1
    }  # fmt: skip
    entries = {e["id"]: e for e in crawl["articles"]}
    assert list(entries) == ["crawl.warc.gz#2", "crawl.warc.gz#3", "crawl.warc.gz#6", "crawl.warc.gz#7"]
    assert entries["crawl.warc.gz#3"]["url"] == "https://berita.id/b?x=../../etc"
    assert entries["crawl.warc.gz#3"]["date"] == "2024-03-02T08:30:00Z"
    assert (
        entries["crawl.warc.gz#3"]["status"] == "ok"
        and "Beranda" not in entries["crawl.warc.gz#3"]["result"]["clean_text"]
    )
    assert not list(dst.rglob("*etc*"))  # URLs are never paths
    errors = [json.loads(line) for line in (dst / "errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["code"]) for e in errors] == [("ekspor.zip!../x.txt", "unsafe_member")]
    again = run_batch_job(fake_batch_options(src, dst))
    assert (again.processed, again.skipped, again.failed) == (0, 5, 1)


def test_language_filter_skips_visibly_and_resumes(tmp_path, fake_mt):
    src, dst = tmp_path / "src", tmp_path / "out"
    _crawl(src)
    summary = run_batch_job(fake_batch_options(src, dst, languages=("id",)))
    assert (summary.processed, summary.skipped_language, summary.failed) == (4, 1, 1)
    assert ", skipped_language 1 (not id) in " in summary.line()
    entry = json.loads((dst / "crawl.warc.gz.json").read_text("utf-8"))["articles"][3]
    assert (entry["id"], entry["status"], entry["language"]) == ("crawl.warc.gz#7", "skipped_language", "en")
    assert "result" not in entry
    calls = fake_mt.calls
    again = run_batch_job(fake_batch_options(src, dst, languages=("id",)))
    assert (again.processed, again.skipped, again.skipped_language) == (0, 5, 0)
    assert fake_mt.calls == calls
    widened = run_batch_job(fake_batch_options(src, dst, languages=("id", "en")))
    assert (widened.processed, widened.skipped) == (1, 4)
    assert json.loads((dst / "crawl.warc.gz.json").read_text("utf-8"))["articles"][3]["status"] == "ok"


def test_language_option_is_validated(tmp_path):
    (tmp_path / "src").mkdir()
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        fake_batch_options(tmp_path / "src", tmp_path / "out", languages=("fr",))


@pytest.mark.parametrize("ratio", [float("nan"), float("inf"), 1.0])
def test_archive_ratio_must_be_a_finite_number_above_one(tmp_path, ratio):
    (tmp_path / "src").mkdir()
    with pytest.raises(ValueError, match="ratio above 1"):
        fake_batch_options(tmp_path / "src", tmp_path / "out", max_archive_ratio=ratio)


# -- kill -9 in the middle of an archive, then resume (real tiny Marian, real subprocess) ------------


@pytest.fixture(scope="module")
def paced_marian(tiny_marian, tmp_path_factory) -> Path:
    from batch_support import quick_marian

    return quick_marian(tiny_marian, tmp_path_factory.mktemp("paced-marian"), min_new_tokens=12)


@pytest.mark.slow
def test_sigkill_mid_warc_then_resume(tmp_path, paced_marian):
    import signal
    import subprocess
    import sys
    import time

    pages = 10
    src, dst = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    records = [_crawl_records()[1]]  # a request record first: indexes are not article counts
    records += [
        warc_record("response", f"https://berita.id/{i}", http_response(html_page(f"Berita {i}", berita(i))))
        for i in range(pages)
    ]
    (src / "crawl.warc.gz").write_bytes(gzip_members(records))
    cmd = [
        sys.executable, "-m", "summarizer", "batch", str(src), str(dst), "--quiet", "--batch-size", "2",
        "--summary-model", "extractive", "--translation-model", str(paced_marian), "--no-guard",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while len(list((dst / ".summarizer-batch" / "parts").glob("*/*.json"))) < 3:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no part file appeared in time"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    before = {}
    for part in (dst / ".summarizer-batch" / "parts").glob("*/*.json"):
        entry = json.loads(part.read_text("utf-8"))  # every part is complete JSON
        before[entry["id"]] = entry
    assert 3 <= len(before) < pages
    assert not (dst / "crawl.warc.gz.json").exists()  # merged only when every article is done

    second = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith(f"processed {pages - len(before)}, skipped {len(before)}, failed 0")
    entries = json.loads((dst / "crawl.warc.gz.json").read_text("utf-8"))["articles"]
    assert [e["id"] for e in entries] == [f"crawl.warc.gz#{i + 1}" for i in range(pages)]
    assert all(e["status"] == "ok" and e["url"] == f"https://berita.id/{i}" for i, e in enumerate(entries))
    by_id = {e["id"]: e for e in entries}
    assert all(by_id[k] == v for k, v in before.items())  # finished work kept, not redone
    assert not list((dst / ".summarizer-batch" / "parts").glob("*/*"))


def test_cli_language_option_and_summary_line(tmp_path, fake_mt):
    from click.testing import CliRunner

    from summarizer.cli import main

    src, dst = tmp_path / "src", tmp_path / "out"
    _crawl(src)
    args = [
        "batch",
        str(src),
        str(dst),
        "--quiet",
        "--summary-model",
        "extractive",
        "--translation-model",
        "fake/mt",
    ]
    result = CliRunner().invoke(main, [*args, "--language", "ID", "--no-guard"])
    assert result.exit_code == 1, result.output  # the unsafe zip member failed
    assert result.stdout.startswith("processed 4, skipped 0, failed 1, skipped_language 1 (not id) in ")
    # The progress bar learns an archive's articles while reading it (no second pass over the file).
    args[2] = str(tmp_path / "out2")
    loud = CliRunner().invoke(main, [a for a in args if a != "--quiet"])
    assert "6/6" in loud.stderr and "6/6" not in loud.stdout
    bad = CliRunner().invoke(main, [*args, "--language", "fr"])
    assert bad.exit_code == 2 and "fr" in bad.output
