"""Articles inside archives: web archives (WARC/ARC) and .zip, .tar(.gz|.bz2|.xz) and single-file .gz.

Everything streams: a WARC is read record by record (:mod:`.warc`, warcio), an archive member is
copied through bounded reads into a private temp file and then read like a loose file of its kind
(:mod:`.members`), so memory stays at one record or member whatever the archive's size.

Ids: ``crawl.warc.gz#N`` (N-th record of the WARC, 0-based, counting every record),
``news.zip!2024/a.jsonl#3`` (record 3 of a member), ``a.jsonl.gz#3`` (single-file gzip: the .gz is
transparent). Member names and URLs are only ever ids and metadata, never paths.

Limits (errors in place; they never stop the batch): a member or record above ``max_member_bytes``
uncompressed, more than ``max_archive_bytes`` uncompressed in one archive (the rest of it is not
read), or data that inflates more than ``max_ratio`` times its compressed size (zip/gzip bombs).
"""

from __future__ import annotations

import collections
import logging
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..errors import SummarizerError
from .sources import (
    DEFAULT_MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    Article,
    SourceError,
    SourceFile,
    error_code,
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
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
BOMB_HINT = "if the data is genuine, raise --max-ratio"


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
    from .members import read_gz, read_tar, read_zip
    from .warc import read_warc

    readers = {"warc": read_warc, "zip": read_zip, "tar": read_tar, "gz": read_gz}
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
