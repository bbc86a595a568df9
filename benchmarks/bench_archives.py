"""Reading web archives in ``summarizer batch``: throughput without models, and reading's share of a run.

1. Generates a .warc.gz of about ``--size-mb`` MB on disk (HTML pages of varied Indonesian-like text,
   plus request, image and redirect records as in a real crawl; some pages chunked and gzipped).
   Above 100 MB, the first 100 MB are repeated (still a valid WARC; generating is slower than reading).
2. Reads it as the batch does (``read_articles``: warcio, payload decoding, charset) in a fresh
   process: records/s, MB/s (compressed file and uncompressed records) and the peak RSS.
3. Optionally (``--compare-readers``) iterates the same file with warcio and FastWARC alone.
4. Runs ``run_batch_job`` on the first ``--batch-articles`` pages with the extractive summariser and
   a tiny random-weight Marian (built here; no downloads) and splits the time into reading the
   archive, cleaning the HTML, and the models. Real models are far slower per article, so reading's
   share only shrinks with them.

    python benchmarks/bench_archives.py                  # 200 MB WARC
    python benchmarks/bench_archives.py --size-mb 1000   # the 1 GB figure
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_BASE_MB = 100.0
_VOCABULARY = (
    "pemerintah kota anggaran kelurahan tahun harga beras pasar naik persen warga jalan banjir "
    "polisi menangkap tersangka penipuan daring menteri mengatakan program dimulai pekan depan "
    "rumah sakit pasien dokter sekolah siswa guru ujian nasional presiden gubernur bupati rapat "
    "dewan perwakilan rakyat undang-undang ekonomi inflasi bank rupiah dolar ekspor impor petani"
)
_WORDS = _VOCABULARY.split()


def _page(rng: random.Random, i: int) -> bytes:
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
            words.insert(rng.randrange(len(words)), f"Rp{rng.randint(1, 999)}.{rng.randint(100, 999)}.000")
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    nav = "".join(f'<a href="/k/{k}">Kanal {k}</a>' for k in range(30))
    script = "<script>var ads = [" + ",".join(str(rng.random()) for _ in range(200)) + "];</script>"
    return (
        f"<!doctype html><html><head><title>Berita {i}</title>{script}</head><body><nav>{nav}</nav>"
        f"<article><h1>Berita nomor {i}</h1>{''.join(paragraphs)}</article>"
        "<footer>Hak cipta dilindungi undang-undang</footer></body></html>"
    ).encode()


def _http(
    body: bytes, *, status: int = 200, ctype: str = "text/html; charset=utf-8", enc: bool = False
) -> bytes:
    headers = [f"HTTP/1.1 {status} X", f"Content-Type: {ctype}"]
    if enc:
        body = gzip.compress(body, 1)
        headers.append("Content-Encoding: gzip")
        headers.append("Transfer-Encoding: chunked")
        body = b"".join(
            b"%x\r\n%s\r\n" % (len(p), p) for p in (body[i : i + 4096] for i in range(0, len(body), 4096))
        )
        body += b"0\r\n\r\n"
    else:
        headers.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def _record(kind: str, uri: str, block: bytes, ctype: str = "application/http; msgtype=response") -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def generate(path: Path, size_mb: float | None, pages: int | None = None) -> dict[str, int]:
    """A crawl-like .warc.gz: per page a request record, the response; every 5th an image, every
    9th a redirect. Pages come from a pool (generation would otherwise dominate the run)."""
    rng = random.Random(7)
    pool = [_page(rng, i) for i in range(300)]
    target = int(size_mb * 1024 * 1024) if size_mb else None
    counts = {"records": 0, "html": 0, "uncompressed": 0}
    with open(path, "wb") as out:
        i = 0
        while (out.tell() < target) if target else counts["html"] < (pages or 0):
            uri = f"https://berita.example.id/{i // 1000}/{i}"
            records = [_record("request", uri, b"GET / HTTP/1.1\r\nHost: berita.example.id\r\n\r\n")]
            if i % 5 == 4:
                records.append(
                    _record("response", uri + ".jpg", _http(rng.randbytes(3000), ctype="image/jpeg"))
                )
            elif i % 9 == 8:
                records.append(_record("response", uri, _http(b"<html>moved</html>", status=301)))
            else:
                records.append(_record("response", uri, _http(pool[i % len(pool)], enc=i % 4 == 1)))
                counts["html"] += 1
            for record in records:
                out.write(gzip.compress(record, 1))
                counts["uncompressed"] += len(record)
            counts["records"] += len(records)
            i += 1
    return counts


def generate_large(path: Path, size_mb: float) -> dict[str, int]:
    """Up to 100 MB generated, then repeated (a .warc.gz is a concatenation of gzip members, so
    copies stay valid): generating 1 GB record by record would take longer than reading it."""
    base = min(size_mb, _BASE_MB)
    counts = generate(path, base)
    copies = max(1, round(size_mb / base))
    if copies > 1:
        end = path.stat().st_size
        with open(path, "rb") as handle, open(path, "ab") as out:
            for _ in range(copies - 1):
                handle.seek(0)
                left = end
                while left:
                    chunk = handle.read(min(left, 1 << 24))
                    out.write(chunk)
                    left -= len(chunk)
    return {key: value * copies for key, value in counts.items()}


def _peak_rss_mb() -> float:
    # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak over from the fork.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read(path: str) -> None:
    """Child process: read like the batch does, print JSON (so the RSS is the reader's alone)."""
    sys.path.insert(0, str(ROOT))
    from summarizer.batch.sources import Article, iter_files, read_articles

    start = time.perf_counter()
    articles = errors = chars = 0
    for file in iter_files(Path(path).parent, globs=[Path(path).name]):
        for item in read_articles(file):
            if isinstance(item, Article):
                articles += 1
                chars += len(item.text)
            else:
                errors += 1
    seconds = time.perf_counter() - start
    rss = _peak_rss_mb()
    print(
        json.dumps(
            {"seconds": seconds, "articles": articles, "errors": errors, "chars": chars, "rss_mb": rss}
        )
    )


def _raw_readers(path: Path) -> dict[str, float]:
    """Seconds to iterate every record and read every payload, per library (no decoding of ours)."""
    from warcio.archiveiterator import ArchiveIterator

    out = {}
    start = time.perf_counter()
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            record.content_stream().read()
    out["warcio"] = time.perf_counter() - start
    try:
        from fastwarc.warc import ArchiveIterator as FastIterator
    except ImportError:
        return out
    start = time.perf_counter()
    with open(path, "rb") as handle:
        for record in FastIterator(handle, parse_http=True):
            record.reader.read()
    out["fastwarc (no payload decoding)"] = time.perf_counter() - start
    return out


def _batch_share(work: Path, n: int) -> dict[str, float]:
    """One batch run over the first ``n`` pages: wall time split into reading, cleaning, models."""
    sys.path.insert(0, str(ROOT / "tests"))
    from batch_support import quick_marian
    from model_factory import build_tiny_marian

    import summarizer.batch.job as job
    from summarizer.batch import BatchOptions, run_batch_job

    src = work / "batch-src"
    src.mkdir()
    generate(src / "crawl.warc.gz", size_mb=None, pages=n)
    marian = quick_marian(build_tiny_marian(work / "marian-base"), work / "marian")
    reading = [0.0]
    original = job.read_articles

    def timed(*args, **kwargs):
        items = original(*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                reading[0] += time.perf_counter() - start
                return
            reading[0] += time.perf_counter() - start
            yield item

    job.read_articles = timed
    try:
        options = BatchOptions(
            src=src,
            dst=work / "batch-out",
            pipeline={"summary_model": "extractive", "translation_model": str(marian), "guard": False},
        )
        start = time.perf_counter()
        summary = run_batch_job(options, handle_interrupt=False)
        wall = time.perf_counter() - start
    finally:
        job.read_articles = original
    entries = json.loads((work / "batch-out" / "crawl.warc.gz.json").read_text("utf-8"))["articles"]
    clean = sum(e["result"]["timings"].get("clean", 0.0) for e in entries if e["status"] == "ok")
    return {"wall": wall, "reading": reading[0], "cleaning": clean, "articles": summary.processed}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=float, default=200.0, help="size of the generated .warc.gz")
    parser.add_argument("--compare-readers", action="store_true", help="also time warcio and FastWARC alone")
    parser.add_argument("--batch-articles", type=int, default=60, help="pages in the batch run (0: skip it)")
    parser.add_argument("--keep", type=Path, default=None, help="write the WARC here and keep it")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import logging

    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = args.keep or work / "crawl.warc.gz"
        start = time.perf_counter()
        counts = generate_large(path, args.size_mb)
        size = path.stat().st_size
        took = time.perf_counter() - start
        print(
            f"generated {size / 1e6:.0f} MB .warc.gz ({counts['uncompressed'] / 1e6:.0f} MB uncompressed, "
            f"{counts['records']:,} records, {counts['html']:,} HTML pages) in {took:.0f} s",
            file=sys.stderr,
        )
        child = subprocess.run(
            [sys.executable, __file__, "--_read", str(path)], capture_output=True, text=True, check=True
        )
        got = json.loads(child.stdout)
        secs, mb, raw_mb = got["seconds"], size / 1e6, counts["uncompressed"] / 1e6
        print("\n| WARC | seconds | records/s | articles/s | MB/s (file) | MB/s (uncompressed) | peak RSS |")
        print("|---|---|---|---|---|---|---|")
        print(
            f"| {mb:.0f} MB .warc.gz, {counts['records']:,} records | {secs:.1f} "
            f"| {counts['records'] / secs:,.0f} | {got['articles'] / secs:,.0f} | {mb / secs:.0f} "
            f"| {raw_mb / secs:.0f} | {got['rss_mb']:.0f} MB |"
        )
        assert got["articles"] == counts["html"] and got["errors"] == 0, got
        if args.compare_readers:
            for name, seconds in _raw_readers(path).items():
                rate = counts["records"] / seconds
                print(f"raw {name}: {rate:,.0f} records/s, {mb / seconds:.0f} MB/s (file)")
        if args.batch_articles:
            share = _batch_share(work, args.batch_articles)
            wall = share["wall"]
            models = wall - share["reading"] - share["cleaning"]
            print(
                f"\nbatch run, {share['articles']} pages, extractive + tiny Marian: {wall:.1f} s wall; "
                f"reading the archive {100 * share['reading'] / wall:.1f}%, "
                f"cleaning HTML {100 * share['cleaning'] / wall:.1f}%, "
                f"models and writing {100 * models / wall:.1f}%"
            )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--_read":
        _read(sys.argv[2])
    else:
        main()
