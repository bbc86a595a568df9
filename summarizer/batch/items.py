"""What reading SRC deals in: files found, articles, errors in place, and their stable error codes.

The bottom of the batch readers: :mod:`.formats` (loose files), :mod:`.members` and :mod:`.warc`
(archives) build these, and :mod:`.sources` (which re-exports them) dispatches between the readers.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
    "error_code",
    "file_error",
    "guarded",
]

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


def file_error(file: SourceFile, code: str, message: str, hint: str | None = None) -> SourceError:
    # decode_bytes names the file itself; our own messages start with a verb ("is ...").
    text = message if message.startswith(file.rel) else f"{file.rel} {message}"
    return SourceError(file.rel, file.rel, None, code, text, hint)


def error_code(exc: BaseException) -> str:
    """``BinaryInputError`` -> ``binary_input``: a stable snake-case code for errors.jsonl."""
    code = getattr(exc, "code", None)  # an ArticleError's code is its instance's
    if isinstance(exc, SummarizerError) and isinstance(code, str):
        return code
    # Anything else (OSError, a bug) is named after its class.
    name = type(exc).__name__.removesuffix("Error") or "Summarizer"
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def guarded(file: SourceFile, items: Iterable[Article | SourceError]) -> Iterator[Article | SourceError]:
    """``items`` as they come; a failure while reading them ends the file with its error in place."""
    try:
        yield from items
    except SummarizerError as exc:
        yield file_error(file, error_code(exc), exc.message, exc.hint)
    except OSError as exc:
        yield file_error(file, "unreadable", f"cannot be read: {exc.strerror or exc}")
    except MemoryError:
        yield file_error(file, "file_too_large", "does not fit in memory", "split it, or lower --max-file-mb")
    except Exception as exc:  # a parser failing on one hostile file must never stop the whole batch
        logger.warning("cannot parse %s: %r", file.rel, exc, exc_info=logger.isEnabledFor(logging.DEBUG))
        yield file_error(file, "unparsable", f"cannot be parsed ({type(exc).__name__}: {exc})"[:500])
