"""Web archives (WARC, and ARC via warcio): one article per HTML page, streamed record by record.

Read with warcio rather than FastWARC (both measured, see docs/archives.md): FastWARC is about 3x
faster, but with payload decoding on it silently ends the iteration after a chunked+gzip record,
it stops at the first bad Content-Length where warcio resynchronises, and it reads no ARC. Reading
is a small share of batch time either way (cleaning and translating dominate).
"""

from __future__ import annotations

import collections
import contextlib
import gzip
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import SummarizerError
from ..text.decode import decode_bytes
from .archive_limits import BOMB_HINT, RATIO_FLOOR, ArchiveLimits, ArchiveStop
from .items import Article, SourceError, SourceFile, content_hash, error_code

__all__ = ["read_warc"]

logger = logging.getLogger(__name__)

_CHUNK = 1 << 20
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.I)
# warcio is a core dependency; this only helps an install that lost it.
_INSTALL_HINT = "pip install warcio"


def _warcio() -> tuple[type, type[Exception]]:
    """A quiet warcio record iterator class and warcio's load error."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:
        raise ArchiveStop(
            "missing_dependency", "is a web archive, and reading one needs warcio", _INSTALL_HINT
        ) from exc

    class _QuietIterator(ArchiveIterator):  # type: ignore[misc]
        # warcio prints a bad Content-Length warning with the record's remainder to stderr; we
        # count it (err_count) and log one line instead.
        INC_RECORD = ""

    return _QuietIterator, ArchiveLoadFailed


def read_warc(
    file: SourceFile, text_field: str | None, limits: ArchiveLimits, skipped: collections.Counter[str]
) -> Iterator[Any]:
    """HTML pages of a WARC (or ARC) file as articles; other records are counted in ``skipped``."""
    iterator, load_failed = _warcio()
    seen = _Seen()
    try:
        with open(file.path, "rb") as raw:
            yield from _records(file, iterator(raw), load_failed, limits, skipped, seen)
    except _WholeGzip:
        # `gzip crawl.warc` makes one gzip stream instead of one member per record; warcio reads
        # that only as a plain stream. The records read so far keep their indexes and are not redone.
        read = seen.index
        seen.index = -1
        with gzip.open(file.path, "rb") as stream:
            yield from _records(file, iterator(stream), load_failed, limits, skipped, seen, after=read)
    if seen.index < 0:
        raise ArchiveStop("empty_input", "holds no WARC records")


@dataclass
class _Seen:
    index: int = -1
    total: int = 0


class _WholeGzip(Exception):
    pass


def _records(
    file: SourceFile,
    records: Any,
    load_failed: type[Exception],
    limits: ArchiveLimits,
    skipped: collections.Counter[str],
    seen: _Seen,
    after: int = -1,
) -> Iterator[Article | SourceError]:
    bad_lengths = 0
    try:
        for record in records:
            seen.index += 1
            index = seen.index
            if index <= after:
                continue
            if records.err_count > bad_lengths:
                bad_lengths = records.err_count
                logger.warning(
                    "%s#%d: Content-Length did not match the data; reading resumed at the next record",
                    file.rel,
                    index - 1,
                )
            seen.total += max(record.length or 0, 0)
            _check_total(file, seen.total, index, limits)
            item = _warc_item(file, index, record, limits, skipped)
            if item is not None:
                yield item
    except load_failed as exc:
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else "invalid record"
        if "non-chunked gzip" in str(exc) and after < 0:
            raise _WholeGzip from exc
        if seen.index < 0:
            raise ArchiveStop("invalid_warc", f"is not a WARC or ARC file ({first})") from exc
        raise ArchiveStop(
            "invalid_warc",
            f"cannot be read after record {seen.index}: {first}",
            "the file may be cut short",
        ) from exc


def _check_total(file: SourceFile, total: int, index: int, limits: ArchiveLimits) -> None:
    if total > RATIO_FLOOR and total > limits.max_ratio * max(file.size, 1):
        # Checked before warcio inflates the record (even to skip it): a gzip bomb claims far
        # more bytes than the whole file could hold.
        raise ArchiveStop(
            "compression_bomb",
            f"claims more than {limits.max_ratio:g} times its size in records "
            f"(record {index}); refused as a likely compression bomb",
            BOMB_HINT,
        )
    if total > limits.max_archive_bytes:
        raise limits.archive_too_large(f"of records; stopped at record {index}")


def _warc_item(
    file: SourceFile, index: int, record: Any, limits: ArchiveLimits, skipped: collections.Counter[str]
) -> Article | SourceError | None:
    rid = f"{file.rel}#{index}"
    if record.rec_type not in ("response", "resource"):
        skipped[f"{record.rec_type or 'unknown'}_record"] += 1
        return None
    http = record.http_headers
    if record.rec_type == "response" and http is not None:
        status = http.get_statuscode()
        if status != "200":
            skipped[f"status_{status or 'unknown'}"] += 1
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media = content_type.split(";")[0].strip().lower()
    if media and media not in _HTML_TYPES:
        skipped["not_html"] += 1
        return None
    if record.length is not None and record.length > limits.max_member_bytes:
        size = f"is {record.length:,} bytes, above the limit of {limits.max_member_bytes:,}"
        return limits.member_too_large(rid, file.rel, index, size)
    if http is not None:
        _normalise_codings(http)
    stream = record.content_stream()
    data = _bounded_read(stream, limits.max_member_bytes)
    if data is None:
        size = f"decodes to more than {limits.max_member_bytes:,} bytes"
        return limits.member_too_large(rid, file.rel, index, size)
    if getattr(record.raw_stream, "limit", 0) > 0:
        return SourceError(
            rid,
            file.rel,
            index,
            "truncated_record",
            f"{rid} is cut short ({record.raw_stream.limit:,} of {record.length:,} bytes missing)",
            "the archive was probably not fully written or downloaded",
        )
    if not media and not _looks_html(data):
        skipped["not_html"] += 1
        return None
    try:
        text, warnings = _decode_html(data, content_type, rid)
    except SummarizerError as exc:
        return SourceError(rid, file.rel, index, error_code(exc), exc.message, exc.hint)
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or headers.get_header("uri")
    date = headers.get_header("WARC-Date") or headers.get_header("archive-date")
    record_id = headers.get_header("WARC-Record-ID")
    return Article(
        rid,
        file.rel,
        index,
        text,
        "html",
        content_hash(text, "html"),
        record_id,
        tuple(warnings),
        url=url,
        date=date,
    )


def _normalise_codings(http: Any) -> None:
    """Spellings warcio does not undo itself: ``Chunked``, ``gzip, chunked`` (gzip as transfer coding)."""
    transfer = [
        c.strip().lower() for c in (http.get_header("Transfer-Encoding") or "").split(",") if c.strip()
    ]
    if not transfer:
        return
    if "chunked" in transfer:
        http.replace_header("Transfer-Encoding", "chunked")
    else:
        http.remove_header("Transfer-Encoding")
    compressed = [c for c in transfer if c in ("gzip", "x-gzip", "deflate", "br")]
    if compressed and not http.get_header("Content-Encoding"):
        http.replace_header("Content-Encoding", compressed[0].removeprefix("x-"))


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _decode_html(data: bytes, content_type: str, name: str) -> tuple[str, list[Any]]:
    # Strict UTF-8 success is the most reliable signal there is; the declared charset comes next
    # (servers often declare latin-1 for UTF-8 pages, never the other way round).
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # The HTTP header first, then the page's own <meta charset> (servers often omit theirs).
    for match in (_CHARSET.search(content_type), _META_CHARSET.search(data[:4096])):
        if not match:
            continue
        charset = match.group(1)
        charset = (charset.decode("ascii") if isinstance(charset, bytes) else charset).lower()
        charset = "cp1252" if charset in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else charset
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return data.decode(charset), []
    text, warnings = decode_bytes(data, name=name)
    return text, list(warnings)


def _bounded_read(stream: Any, limit: int) -> bytes | None:
    """All of ``stream``, or None as soon as it exceeds ``limit`` (never more than limit+1 MiB held)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
