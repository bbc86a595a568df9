"""Members of .zip, .tar(.gz|.bz2|.xz) and single-file .gz archives, read as if they were files.

Each member is screened (name, type, nesting, declared size), then copied through bounded reads
into a private temp file under the limits of :class:`~.archive_limits.ArchiveLimits`, and read by
:func:`~.formats.read_loose` like a loose file of its kind; the temp file is deleted once read.
"""

from __future__ import annotations

import collections
import contextlib
import gzip
import os
import re
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .archive_limits import BOMB_HINT, RATIO_FLOOR, TOO_LARGE_HINT, ArchiveLimits, ArchiveStop, archive_kind
from .formats import read_loose
from .items import SUPPORTED_SUFFIXES, Article, SourceError, SourceFile

__all__ = ["read_gz", "read_tar", "read_zip"]

_CHUNK = 1 << 20
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
                TOO_LARGE_HINT,
            )
        if budget is not None:
            budget.left -= len(chunk)
        if budget is not None and budget.left < 0:
            raise limits.archive_too_large("uncompressed")
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
            yield SourceError(rel, archive.rel, None, code, f"{rel} {message}", hint)
            return
        member = SourceFile(path, rel, kind, path.stat().st_size)
        for item in read_loose(member, text_field, limits.max_member_bytes):
            # The reader knows only the member; the output belongs to the archive.
            yield replace(item, source=archive.rel)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()


def _refuse(file: SourceFile, name: str, why: tuple[str, str]) -> SourceError:
    rid = _member_id(file.rel, name)
    return SourceError(rid, file.rel, None, why[0], f"{rid} {why[1]}; not read")


def _screen(
    file: SourceFile, name: str, skipped: collections.Counter[str], seen: collections.Counter[str]
) -> SourceError | bool:
    """True: read the member; False: not an input (skip quietly); an error: refuse it."""
    # Ids must be unique: a name stored twice (tar appends, crafted zips) is read once.
    seen[name] += 1
    copies = seen[name]
    if copies > 1:
        rid = f"{_member_id(file.rel, name)} (copy {copies})"
        return SourceError(
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


def read_zip(
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
            encrypted = ("encrypted_member", "is encrypted") if info.flag_bits & 0x1 else None
            verdict = _admit(file, info.filename, info.file_size, limits, skipped, seen, encrypted)
            if verdict is not True:
                if verdict is not False:
                    yield verdict
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
                yield SourceError(rid, file.rel, None, "unreadable_member", f"{rid} cannot be read: {exc}")


def read_tar(
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
                verdict = _admit(file, member.name, member.size, limits, skipped, seen)
                if verdict is not True:
                    if verdict is not False:
                        yield verdict
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


def _admit(
    file: SourceFile,
    name: str,
    size: int,
    limits: ArchiveLimits,
    skipped: collections.Counter[str],
    seen: collections.Counter[str],
    refusal: tuple[str, str] | None = None,
) -> SourceError | bool:
    """:func:`_screen`, then ``refusal`` (a reason the archive format gives), then the size limit."""
    verdict = _screen(file, name, skipped, seen)
    if verdict is not True:
        return verdict
    if refusal is not None:
        return _refuse(file, name, refusal)
    if size > limits.max_member_bytes:
        size_text = f"is {size:,} bytes uncompressed, above the limit of {limits.max_member_bytes:,}"
        return limits.member_too_large(_member_id(file.rel, name), file.rel, None, size_text)
    return True


def _check_tar_stream(file: SourceFile, end: int, limits: ArchiveLimits) -> None:
    if end > limits.max_archive_bytes:
        raise limits.archive_too_large("uncompressed")
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


def read_gz(
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
