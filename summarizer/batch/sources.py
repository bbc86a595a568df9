"""Walk an archive folder and stream its articles, one file at a time (never the whole archive).

Each article gets a stable id: the file's path relative to SRC (POSIX slashes), plus ``#N`` for the
N-th record (0-based) of a .json array, .jsonl or .csv file. Problems that belong to a file or a
record (binary, too large, bad JSON, no text field) come out as :class:`SourceError` items in place,
so one bad file never stops the batch. Archives (WARC, .zip, .tar.gz, .gz) are read by
:mod:`.archives` and :mod:`.warc`; their ids are described there.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SummarizerError
from ..results import ResultWarning

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "DEFAULT_TEXT_FIELDS",
    "SUPPORTED_SUFFIXES",
    "Article",
    "SourceError",
    "SourceFile",
    "SourceItem",
    "content_hash",
    "count_articles",
    "error_code",
    "iter_files",
    "read_articles",
]

if TYPE_CHECKING:
    from .archives import ArchiveLimits

logger = logging.getLogger(__name__)

#: File suffix -> how the file is read.
SUPPORTED_SUFFIXES = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
}
#: Record fields tried in order when ``--text-field`` is not given ("paragraphs" is IndoSum's layout).
DEFAULT_TEXT_FIELDS = ("text", "content", "body", "isi", "article", "paragraphs")
#: Files above this size are refused (recorded as failed), whatever their format.
DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
# jsonl/csv are streamed when this much of their head is UTF-8 (or has a BOM); else decoded whole.
# JSON "\\ud800" escapes decode to lone surrogates, which no UTF-8 output (or tokenizer) accepts.


@dataclass(frozen=True)
class SourceFile:
    """One input file found under SRC. ``problem`` is set when it must not be read (e.g. symlink out)."""

    path: Path
    rel: str
    kind: str
    size: int = 0
    problem: tuple[str, str] | None = None


@dataclass(frozen=True)
class SourceItem:
    """Where a batch item comes from: its id, the file (or archive member) and the record number in it."""

    id: str
    source: str
    index: int | None


@dataclass(frozen=True)
class Article(SourceItem):
    """One article ready for the pipeline. ``format`` is what ``Pipeline.run_batch(format=...)`` gets."""

    text: str
    format: str
    content_hash: str
    record_id: str | None = None
    warnings: tuple[ResultWarning, ...] = field(default=())
    #: Where a web-archive record came from (metadata only, never a path).
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class SourceError(SourceItem):
    """A file or record that cannot become an article; recorded as a failure, the batch goes on."""

    code: str
    message: str
    hint: str | None = None


def content_hash(text: str, fmt: str) -> str:
    digest = hashlib.sha256(f"{fmt}\n".encode() + text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha256:{digest}"


def iter_files(src: Path, *, globs: Iterable[str] = (), exclude: Iterable[Path] = ()) -> Iterator[SourceFile]:
    """Supported files under ``src`` in a stable (sorted) order.

    Folder symlinks are never descended; a file symlink is read only when its target lies inside
    ``src``. ``globs`` are fnmatch patterns on the relative path (``*`` also crosses folders).
    ``exclude`` folders (e.g. DST nested in SRC) are skipped entirely.
    """
    from .archives import archive_kind

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
        return
    from .archives import ARCHIVE_KINDS, ArchiveLimits, read_archive
    from .formats import read_json, read_stream, read_whole

    if file.size > max_file_bytes and file.kind not in ARCHIVE_KINDS:
        yield file_error(
            file,
            "file_too_large",
            f"is {file.size:,} bytes, above the limit of {max_file_bytes:,}",
            "split it, or raise --max-file-mb",
        )
        return
    try:
        if file.kind in ARCHIVE_KINDS:
            limits = archive_limits or ArchiveLimits(max_member_bytes=max_file_bytes)
            yield from read_archive(file, text_field=text_field, limits=limits, on_skipped=on_skipped)
        elif file.kind in ("text", "html"):
            text, warnings = read_whole(file)
            yield Article(
                file.rel, file.rel, None, text, file.kind, content_hash(text, file.kind), None, warnings
            )
        elif file.kind == "json":
            yield from read_json(file, text_field)
        else:
            yield from read_stream(file, text_field, max_file_bytes)
    except SummarizerError as exc:
        yield file_error(file, error_code(exc), exc.message, exc.hint)
    except OSError as exc:
        yield file_error(file, "unreadable", f"cannot be read: {exc.strerror or exc}")
    except MemoryError:
        yield file_error(file, "file_too_large", "does not fit in memory", "split it, or lower --max-file-mb")
    except Exception as exc:  # a parser failing on one hostile file must never stop the whole batch
        logger.warning("cannot parse %s: %r", file.rel, exc, exc_info=logger.isEnabledFor(logging.DEBUG))
        yield file_error(file, "unparsable", f"cannot be parsed ({type(exc).__name__}: {exc})"[:500])


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


def file_error(file: SourceFile, code: str, message: str, hint: str | None = None) -> SourceError:
    # decode_bytes names the file itself; our own messages start with a verb ("is ...").
    text = message if message.startswith(file.rel) else f"{file.rel} {message}"
    return SourceError(file.rel, file.rel, None, code, text, hint)


def error_code(exc: BaseException) -> str:
    """``BinaryInputError`` -> ``binary_input``: a stable snake-case code for errors.jsonl."""
    code = getattr(type(exc), "code", None)
    if isinstance(exc, SummarizerError) and isinstance(code, str):
        return code
    # Anything else (OSError, a bug) is named after its class.
    name = type(exc).__name__.removesuffix("Error") or "Summarizer"
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
