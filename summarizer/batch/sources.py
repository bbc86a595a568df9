"""Walk an archive folder and stream its articles, one file at a time (never the whole archive).

Each article gets a stable id: the file's path relative to SRC (POSIX slashes), plus ``#N`` for the
N-th record (0-based) of a .json array, .jsonl or .csv file. Problems that belong to a file or a
record (binary, too large, bad JSON, no text field) come out as :class:`SourceError` items in place,
so one bad file never stops the batch. Loose files are read by :mod:`.formats`, archives (WARC,
.zip, .tar.gz, .gz) by :mod:`.archives`, whose docstring describes their ids; what they all yield
is defined in :mod:`.items` and importable from here too.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from fnmatch import fnmatch
from pathlib import Path

from .archives import ARCHIVE_KINDS, ArchiveLimits, archive_kind, read_archive
from .formats import read_loose
from .items import (
    DEFAULT_MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    Article,
    SourceError,
    SourceFile,
    file_error,
    guarded,
)

# What the readers yield is defined in .items, below them; these names stay importable from here.
from .items import DEFAULT_TEXT_FIELDS as DEFAULT_TEXT_FIELDS
from .items import SourceItem as SourceItem
from .items import content_hash as content_hash
from .items import error_code as error_code

__all__ = ["count_articles", "iter_files", "read_articles"]

logger = logging.getLogger(__name__)


def iter_files(src: Path, *, globs: Iterable[str] = (), exclude: Iterable[Path] = ()) -> Iterator[SourceFile]:
    """Supported files under ``src`` in a stable (sorted) order.

    Folder symlinks are never descended; a file symlink is read only when its target lies inside
    ``src``. ``globs`` are fnmatch patterns on the relative path (``*`` also crosses folders).
    ``exclude`` folders (e.g. DST nested in SRC) are skipped entirely.
    """
    root = Path(os.path.realpath(src))
    skipped = {os.path.realpath(p) for p in exclude}
    patterns = tuple(globs)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        keep = []
        for name in sorted(dirnames):
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                logger.info("not following folder symlink %s", full)
            elif os.path.realpath(full) not in skipped:
                keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            full = Path(dirpath, name)
            rel = full.relative_to(root).as_posix()
            kind = SUPPORTED_SUFFIXES.get(full.suffix.lower()) or archive_kind(name)
            if kind is None or (patterns and not any(fnmatch(rel, p) or fnmatch(name, p) for p in patterns)):
                continue
            yield _inspect(full, rel, kind, root)


def _inspect(full: Path, rel: str, kind: str, root: Path) -> SourceFile:
    real = Path(os.path.realpath(full))
    if full.is_symlink() and not real.is_relative_to(root):
        return SourceFile(
            full, rel, kind, problem=("symlink_outside_src", "is a symlink to a file outside SRC")
        )
    try:
        info = os.stat(real)
    except OSError as exc:
        return SourceFile(full, rel, kind, problem=("unreadable", f"cannot be read: {exc.strerror}"))
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end.
        return SourceFile(full, rel, kind, problem=("not_a_file", "is not a regular file"))
    return SourceFile(real, rel, kind, info.st_size)


def read_articles(
    file: SourceFile,
    *,
    text_field: str | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    archive_limits: ArchiveLimits | None = None,
    on_skipped: Callable[[dict[str, int]], None] | None = None,
) -> Iterator[Article | SourceError]:
    """Articles (and errors in place) of one file, streamed record by record for .jsonl and .csv.

    Archives (WARC, zip, tar, gz) are read by :mod:`.archives`; ``max_file_bytes`` then limits
    each member's uncompressed size, ``archive_limits`` the rest, and ``on_skipped`` gets the
    counts of what was not an article (e.g. ``{"request_record": 200, "not_html": 41}``).
    """
    if file.problem is not None:
        yield file_error(file, *file.problem)
    elif file.kind in ARCHIVE_KINDS:
        limits = archive_limits or ArchiveLimits(max_member_bytes=max_file_bytes)
        yield from guarded(
            file, read_archive(file, text_field=text_field, limits=limits, on_skipped=on_skipped)
        )
    else:
        yield from read_loose(file, text_field, max_file_bytes)


def count_articles(
    file: SourceFile,
    *,
    text_field: str | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    archive_limits: ArchiveLimits | None = None,
) -> int:
    """How many items :func:`read_articles` yields (single-article files are not opened)."""
    archive = file.kind not in SUPPORTED_SUFFIXES.values()
    if file.problem is not None or (
        not archive and (file.kind in ("text", "html") or file.size > max_file_bytes)
    ):
        return 1
    items = read_articles(
        file, text_field=text_field, max_file_bytes=max_file_bytes, archive_limits=archive_limits
    )
    return sum(1 for _ in items)
