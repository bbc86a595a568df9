"""Hand-built WARC records and archives for the archive tests (no crawler, no downloads)."""

from __future__ import annotations

import gzip
import uuid


def http_response(
    body: bytes,
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    chunked: bool = False,
    gzipped: bool = False,
) -> bytes:
    """An HTTP/1.1 response as a crawler stores it (transfer and content encodings kept)."""
    headers = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Other'}", f"Content-Type: {content_type}"]
    if gzipped:
        body = gzip.compress(body)
        headers.append("Content-Encoding: gzip")
    if chunked:
        headers.append("Transfer-Encoding: chunked")
        pieces = [body[i : i + 100] for i in range(0, len(body), 100)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    else:
        headers.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def warc_record(
    kind: str,
    uri: str,
    block: bytes,
    *,
    content_type: str = "application/http; msgtype=response",
    date: str = "2024-03-01T10:00:00Z",
    length: int | None = None,
) -> bytes:
    """One WARC/1.0 record; ``length`` overrides Content-Length (to fake a broken writer)."""
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.UUID(int=hash(uri) & (2**128 - 1))}>\r\n"
        f"WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block) if length is None else length}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def html_page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><nav>Beranda | Nasional | Ekonomi</nav>"
        f"<article><h1>{title}</h1><p>{body}</p></article><footer>Hak cipta 2024</footer></body></html>"
    ).encode()


def gzip_members(records: list[bytes]) -> bytes:
    """A .warc.gz: every record its own gzip member, as the standard asks."""
    return b"".join(gzip.compress(r) for r in records)
