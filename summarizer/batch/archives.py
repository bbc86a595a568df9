"""Articles inside archives: web archives (WARC/ARC) and .zip, .tar(.gz|.bz2|.xz) and single-file .gz.

Everything streams: a WARC is read record by record (warcio), an archive member is copied through
bounded reads into a private temp file and then read like a loose file of its kind, so memory stays
at one record or member whatever the archive's size.

Ids: ``crawl.warc.gz#N`` (N-th record of the WARC, 0-based, counting every record),
``news.zip!2024/a.jsonl#3`` (record 3 of a member), ``a.jsonl.gz#3`` (single-file gzip: the .gz is
transparent). Member names and URLs are only ever ids and metadata, never paths.

Limits, each one a per-member (or per-record) error that never stops the batch: a member or record
above ``max_member_bytes`` uncompressed, more than ``max_archive_bytes`` uncompressed in one archive,
or a member that inflates more than ``max_ratio`` times its compressed size (zip/gzip bombs).
"""

from __future__ import annotations

import collections
import contextlib
import gzip
import logging
import lzma
import os
import re
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ..errors import SummarizerError
from .sources import (
    DEFAULT_MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    Article,
    SourceError,
    SourceFile,
    error_code,
    read_articles,
)

__all__ = [
    "ARCHIVE_KINDS",
    "DEFAULT_MAX_ARCHIVE_BYTES",
    "DEFAULT_MAX_RATIO",
    "ArchiveLimits",
    "archive_kind",
    "read_archive",
]

logger = logging.getLogger(__name__)

ARCHIVE_KINDS = ("warc", "zip", "tar", "gz")
#: Uncompressed bytes read from one archive at most (a WARC counts its records' lengths).
DEFAULT_MAX_ARCHIVE_BYTES = 32 * 1024**3
#: Uncompressed / compressed size above which a member is taken for a bomb. Text and HTML gzip
#: 3-10x; even very repetitive exports stay far below 200x, while bombs reach 1000x and more.
DEFAULT_MAX_RATIO = 200.0
# Small members may compress extremely well (a file of spaces); the ratio only counts above this.
RATIO_FLOOR = 1 << 20
_CHUNK = 1 << 20
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
BOMB_HINT = "if the data is genuine, raise --max-ratio"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ArchiveLimits:
    """Bomb limits; ``max_member_bytes`` is ``--max-file-mb`` applied to uncompressed sizes."""

    max_member_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    max_ratio: float = DEFAULT_MAX_RATIO

    def __post_init__(self) -> None:
        if self.max_member_bytes < 1 or self.max_archive_bytes < 1 or self.max_ratio <= 1:
            raise ValueError("archive limits must be positive (and the ratio above 1)")


def archive_kind(name: str) -> str | None:
    """``"warc"``, ``"zip"``, ``"tar"``, ``"gz"`` (one gzipped supported file) or None, by file name."""
    lower = name.lower()
    if lower.endswith(_WARC_SUFFIXES):
        return "warc"
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(_TAR_SUFFIXES):
        return "tar"
    if lower.endswith(".gz") and PurePosixPath(lower[:-3]).suffix in SUPPORTED_SUFFIXES:
        return "gz"
    return None


def read_archive(
    file: SourceFile,
    *,
    text_field: str | None = None,
    limits: ArchiveLimits | None = None,
    on_skipped: Callable[[dict[str, int]], None] | None = None,
) -> Iterator[Article | SourceError]:
    """Articles (and errors in place) of one archive file, streamed.

    What was passed over without being an article or an error (request records, images, 404s,
    members of other types) is counted by reason, logged, and handed to ``on_skipped`` at the end.
    """
    limits = limits or ArchiveLimits()
    from .warc import read_warc

    readers = {"warc": read_warc, "zip": _read_zip, "tar": _read_tar, "gz": _read_gz}
    skipped: collections.Counter[str] = collections.Counter()
    try:
        yield from readers[file.kind](file, text_field, limits, skipped)
    except ArchiveStop as stop:
        yield _error(file.rel, file.rel, None, stop.code, f"{file.rel} {stop.message}", stop.hint)
    except SummarizerError as exc:
        yield _error(file.rel, file.rel, None, error_code(exc), exc.message, exc.hint)
    except (OSError, EOFError, zlib.error, lzma.LZMAError, tarfile.TarError, zipfile.BadZipFile) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield _error(file.rel, file.rel, None, "unreadable_archive", f"{file.rel} cannot be read: {reason}")
    if skipped:
        counts = dict(sorted(skipped.items()))
        logger.info("%s: not articles: %s", file.rel, ", ".join(f"{n} {why}" for why, n in counts.items()))
        if on_skipped is not None:
            on_skipped(counts)


class ArchiveStop(Exception):
    """The rest of the archive cannot be read (total limit, bomb in a solid stream, broken framing)."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def _error(
    rid: str, source: str, index: int | None, code: str, message: str, hint: str | None = None
) -> SourceError:
    return SourceError(rid, source, index, code, message, hint)


class _Counting:
    """Counts the compressed bytes read, for the ratio check of solid streams."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count

    def close(self) -> None:
        self.raw.close()


# -- zip, tar, gz: members read as files -----------------------------------------------------------


@dataclass
class _Budget:
    """Uncompressed bytes left for the whole archive."""

    left: int


def _member_problem(name: str) -> tuple[str, str] | None:
    if not name or "\x00" in name:
        return "unsafe_member", "has an empty or NUL-containing name"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix):
        return "unsafe_member", "has an absolute name"
    if ".." in posix.split("/"):
        return "unsafe_member", "has '..' in its name"
    return None


def _member_id(archive: str, name: str) -> str:
    # Control characters would garble logs and terminals; escape them (stable, so resume still works).
    return f"{archive}!" + _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name)


def _member_kind(name: str) -> str | None:
    return SUPPORTED_SUFFIXES.get(PurePosixPath(name.lower()).suffix)


def _spool(
    source: IO[bytes],
    target: IO[bytes],
    *,
    limits: ArchiveLimits,
    budget: _Budget | None,
    compressed: int | None,
) -> tuple[str, str, str | None] | None:
    """Copy a member through bounded reads; a broken limit comes back as (code, message, hint)."""
    size = 0
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            return None
        size += len(chunk)
        if size > limits.max_member_bytes:
            return (
                "file_too_large",
                f"is more than {limits.max_member_bytes:,} bytes uncompressed",
                "raise --max-file-mb",
            )
        if budget is not None:
            budget.left -= len(chunk)
        if budget is not None and budget.left < 0:
            raise ArchiveStop(
                "archive_too_large",
                f"holds more than {limits.max_archive_bytes:,} bytes uncompressed",
                "split the archive, or raise --max-archive-gb",
            )
        if compressed is not None and size > RATIO_FLOOR and size > limits.max_ratio * max(compressed, 1):
            return (
                "compression_bomb",
                f"inflates more than {limits.max_ratio:g} times its compressed size "
                f"({compressed:,} bytes); refused as a likely compression bomb",
                BOMB_HINT,
            )
        target.write(chunk)


def _read_member(
    archive: SourceFile,
    name: str,
    opened: IO[bytes],
    tmp: Path,
    *,
    text_field: str | None,
    limits: ArchiveLimits,
    budget: _Budget | None,
    compressed: int | None,
    rel: str | None = None,
) -> Iterator[Article | SourceError]:
    rel = rel or _member_id(archive.rel, name)
    kind = _member_kind(name)
    assert kind is not None
    path = tmp / f"member{PurePosixPath(name.lower()).suffix}"
    try:
        with open(path, "wb") as target:
            broken = _spool(opened, target, limits=limits, budget=budget, compressed=compressed)
        if broken is not None:
            code, message, hint = broken
            yield _error(rel, archive.rel, None, code, f"{rel} {message}", hint)
            return
        member = SourceFile(path, rel, kind, path.stat().st_size)
        for item in read_articles(member, text_field=text_field, max_file_bytes=limits.max_member_bytes):
            # The reader knows only the member; the output belongs to the archive.
            yield _in_archive(item, archive.rel)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()


def _in_archive(item: Article | SourceError, source: str) -> Article | SourceError:
    if isinstance(item, Article):
        return Article(
            item.id,
            source,
            item.index,
            item.text,
            item.format,
            item.content_hash,
            item.record_id,
            item.warnings,
            url=item.url,
            date=item.date,
        )
    return SourceError(item.id, source, item.index, item.code, item.message, item.hint)


def _refuse(file: SourceFile, name: str, why: tuple[str, str]) -> SourceError:
    rid = _member_id(file.rel, name)
    return _error(rid, file.rel, None, why[0], f"{rid} {why[1]}; not read")


def _screen(
    file: SourceFile, name: str, skipped: collections.Counter[str], seen: collections.Counter[str]
) -> SourceError | bool:
    """True: read the member; False: not an input (skip quietly); an error: refuse it."""
    # Ids must be unique: a name stored twice (tar appends, crafted zips) is read once.
    seen[name] += 1
    copies = seen[name]
    if copies > 1:
        rid = f"{_member_id(file.rel, name)} (copy {copies})"
        return _error(
            rid, file.rel, None, "duplicate_member", f"{rid} repeats a member name; only the first is read"
        )
    problem = _member_problem(name)
    if problem is not None:
        return _refuse(file, name, problem)
    if archive_kind(name) is not None:
        return _refuse(
            file, name, ("nested_archive", "is an archive inside an archive (not followed; extract it first)")
        )
    if _member_kind(name) is None:
        skipped["unsupported_member"] += 1
        return False
    return True


def _read_zip(
    file: SourceFile, text_field: str | None, limits: ArchiveLimits, skipped: collections.Counter[str]
) -> Iterator[Any]:
    budget, seen = _Budget(limits.max_archive_bytes), collections.Counter[str]()
    with zipfile.ZipFile(file.path) as archive, tempfile.TemporaryDirectory(prefix="summarizer-") as tmp:
        for info in archive.infolist():
            if info.is_dir():
                continue
            # Unix zips keep st_mode in the high bits; zero type bits mean a plain file.
            mode = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
            if stat.S_ISLNK(mode):
                yield _refuse(file, info.filename, ("unsafe_member", "is a symlink"))
                continue
            if mode and not stat.S_ISREG(mode):
                yield _refuse(file, info.filename, ("unsafe_member", "is not a regular file"))
                continue
            verdict = _screen(file, info.filename, skipped, seen)
            if verdict is not True:
                if verdict is not False:
                    yield verdict
                continue
            if info.flag_bits & 0x1:
                yield _refuse(file, info.filename, ("encrypted_member", "is encrypted"))
                continue
            if info.file_size > limits.max_member_bytes:
                yield _too_large(file, info.filename, info.file_size, limits)
                continue
            try:
                with archive.open(info) as opened:
                    yield from _read_member(
                        file,
                        info.filename,
                        opened,
                        Path(tmp),
                        text_field=text_field,
                        limits=limits,
                        budget=budget,
                        compressed=info.compress_size,
                    )
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
                rid = _member_id(file.rel, info.filename)
                yield _error(rid, file.rel, None, "unreadable_member", f"{rid} cannot be read: {exc}")


def _read_tar(
    file: SourceFile, text_field: str | None, limits: ArchiveLimits, skipped: collections.Counter[str]
) -> Iterator[Any]:
    seen = collections.Counter[str]()
    with (
        open(file.path, "rb") as raw,
        tempfile.TemporaryDirectory(prefix="summarizer-") as tmp,
    ):
        counted = _Counting(raw)
        # Stream mode ("r|*"): one pass, no seeking, members in stored order.
        with tarfile.open(fileobj=counted, mode="r|*") as archive:  # type: ignore[call-overload]
            for member in archive:
                # Whatever is skipped of a tar stream is inflated all the same to get past it: the
                # declared sizes are checked against the limits before that happens.
                _check_tar_stream(file, member.offset_data + member.size, limits)
                if member.isdir():
                    continue
                if member.issym() or member.islnk():
                    yield _refuse(file, member.name, ("unsafe_member", "is a link"))
                    continue
                if not member.isfile():
                    yield _refuse(file, member.name, ("unsafe_member", "is not a regular file"))
                    continue
                verdict = _screen(file, member.name, skipped, seen)
                if verdict is not True:
                    if verdict is not False:
                        yield verdict
                    continue
                if member.size > limits.max_member_bytes:
                    yield _too_large(file, member.name, member.size, limits)
                    continue
                opened = archive.extractfile(member)
                if opened is None:
                    continue
                yield from _read_member(
                    file,
                    member.name,
                    opened,
                    Path(tmp),
                    text_field=text_field,
                    limits=limits,
                    budget=None,  # the stream offsets account for it
                    compressed=None,
                )
                _check_stream_ratio(archive.offset, counted.count, limits)


def _too_large(file: SourceFile, name: str, size: int, limits: ArchiveLimits) -> SourceError:
    rid = _member_id(file.rel, name)
    message = f"{rid} is {size:,} bytes uncompressed, above the limit of {limits.max_member_bytes:,}"
    return _error(rid, file.rel, None, "file_too_large", message, "raise --max-file-mb")


def _check_tar_stream(file: SourceFile, end: int, limits: ArchiveLimits) -> None:
    if end > limits.max_archive_bytes:
        raise ArchiveStop(
            "archive_too_large",
            f"holds more than {limits.max_archive_bytes:,} bytes uncompressed",
            "split the archive, or raise --max-archive-gb",
        )
    # More than the whole compressed file could honestly hold: refused before inflating it.
    _check_stream_ratio(end, file.size, limits)


def _check_stream_ratio(inflated: int, compressed: int, limits: ArchiveLimits) -> None:
    # A compressed tar is one solid stream: its ratio is only known for the whole so far.
    if inflated > RATIO_FLOOR and inflated > limits.max_ratio * max(compressed, 1):
        raise ArchiveStop(
            "compression_bomb",
            f"inflates more than {limits.max_ratio:g} times its compressed size; "
            "refused as a likely compression bomb",
            BOMB_HINT,
        )


def _read_gz(
    file: SourceFile, text_field: str | None, limits: ArchiveLimits, skipped: collections.Counter[str]
) -> Iterator[Any]:
    inner = file.rel[:-3]
    with (
        gzip.open(file.path, "rb") as opened,
        tempfile.TemporaryDirectory(prefix="summarizer-") as tmp,
    ):
        yield from _read_member(
            file,
            os.path.basename(inner),
            opened,  # type: ignore[arg-type]
            Path(tmp),
            text_field=text_field,
            limits=limits,
            budget=_Budget(limits.max_archive_bytes),
            compressed=file.size,
            rel=file.rel,
        )
