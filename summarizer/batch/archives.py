"""Articles inside archives: web archives (WARC/ARC) and .zip, .tar(.gz|.bz2|.xz) and single-file .gz.

Everything streams: a WARC is read record by record (:mod:`.warc`, warcio), an archive member is
copied through bounded reads into a private temp file and then read like a loose file of its kind
(:mod:`.members`), so memory stays at one record or member whatever the archive's size.

Ids: ``crawl.warc.gz#N`` (N-th record of the WARC, 0-based, counting every record),
``news.zip!2024/a.jsonl#3`` (record 3 of a member), ``a.jsonl.gz#3`` (single-file gzip: the .gz is
transparent). Member names and URLs are only ever ids and metadata, never paths.

Limits (errors in place; they never stop the batch): a member or record above ``max_member_bytes``
uncompressed, more than ``max_archive_bytes`` uncompressed in one archive (the rest of it is not
read), or data that inflates more than ``max_ratio`` times its compressed size (zip/gzip bombs);
they are defined, with the archive kinds, in :mod:`.archive_limits`.
"""

from __future__ import annotations

import collections
import logging
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator

from ..errors import SummarizerError
from .archive_limits import (
    ARCHIVE_KINDS,
    DEFAULT_MAX_ARCHIVE_BYTES,
    DEFAULT_MAX_RATIO,
    ArchiveLimits,
    ArchiveStop,
    archive_kind,
)
from .items import Article, SourceError, SourceFile, error_code
from .members import read_gz, read_tar, read_zip
from .warc import read_warc

__all__ = [
    "ARCHIVE_KINDS",
    "DEFAULT_MAX_ARCHIVE_BYTES",
    "DEFAULT_MAX_RATIO",
    "ArchiveLimits",
    "archive_kind",
    "read_archive",
]

logger = logging.getLogger(__name__)


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
    readers = {"warc": read_warc, "zip": read_zip, "tar": read_tar, "gz": read_gz}
    skipped: collections.Counter[str] = collections.Counter()
    try:
        yield from readers[file.kind](file, text_field, limits, skipped)
    except ArchiveStop as stop:
        yield SourceError(file.rel, file.rel, None, stop.code, f"{file.rel} {stop.message}", stop.hint)
    except SummarizerError as exc:
        yield SourceError(file.rel, file.rel, None, error_code(exc), exc.message, exc.hint)
    except (OSError, EOFError, zlib.error, lzma.LZMAError, tarfile.TarError, zipfile.BadZipFile) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield SourceError(
            file.rel, file.rel, None, "unreadable_archive", f"{file.rel} cannot be read: {reason}"
        )
    if skipped:
        counts = dict(sorted(skipped.items()))
        logger.info("%s: not articles: %s", file.rel, ", ".join(f"{n} {why}" for why, n in counts.items()))
        if on_skipped is not None:
            on_skipped(counts)
