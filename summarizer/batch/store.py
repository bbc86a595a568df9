"""Outputs under DST: atomic writes, paths confined to DST, per-article parts and the resume rules.

Layout (``<rel>`` is the input's path relative to SRC)::

    DST/<rel>.json                 one complete JSON per input file (all its articles, in source order)
    DST/<rel>.en.txt|.en.md        with --full: the readable English text
    DST/<rel>.aligned.tsv          with --aligned: one row per sentence (article, paragraph, index, ...)
    DST/errors.jsonl               one line per article that failed in the latest run
    DST/.summarizer-batch/parts/   per-article results of files not finished yet
    DST/.summarizer-batch/last-run.json

Each finished article is first written as its own part file; when every article of an input file is
done, the parts are merged into ``<rel>.json`` in one atomic replace and then deleted. A kill at any
moment therefore leaves only complete JSON files, and no finished article is ever lost.

Resume: an article is skipped when a part or the existing ``<rel>.json`` holds a successful entry
with the same key (content hash + model ids + settings). Failed articles are always retried. An
article left out by ``--language`` counts as done while its language is still left out.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypeVar

from ..errors import OutputWriteError
from .lock import DstLock

__all__ = ["WORK_DIR", "FileState", "OutputStore", "atomic_open", "atomic_write", "job_key"]

logger = logging.getLogger(__name__)

#: Hidden folder under DST holding parts and run records.
WORK_DIR = ".summarizer-batch"
#: Output format version written into every per-file JSON.
FORMAT_VERSION = 1
_TMP_PREFIX = ".summarizer-tmp-"
_UMASK: int | None = None
_F = TypeVar("_F", bound=Callable[..., Any])
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def _writes(method: _F) -> _F:
    """An OSError while writing DST stops the run as one :class:`OutputWriteError`, not a traceback.

    Every output is replaced atomically, so whatever was written before the fault stays valid and
    the next run resumes from it.
    """

    @functools.wraps(method)
    def wrapper(self: OutputStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except OSError as exc:
            raise _write_error(self.dst, exc) from exc

    return wrapper  # type: ignore[return-value]


def _write_error(dst: Path, exc: OSError) -> OutputWriteError:
    where = f" ({exc.filename})" if exc.filename else ""
    message = f"cannot write the outputs in {dst}: {exc.strerror or exc}{where}"
    resume = "then re-run the same command: finished articles are kept and skipped"
    if exc.errno in _FULL:
        hint = f"free space on that disk (or choose another DST), {resume}"
    elif exc.errno in _READ_ONLY:
        hint = f"make DST writable (or choose another DST), {resume}"
    else:
        hint = f"fix the problem, {resume}"
    return OutputWriteError(message, hint=hint)


def _file_mode() -> int:
    # mkstemp creates 0600 files; outputs should get the usual umask-derived mode.
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_open(path: Path) -> Iterator[IO[bytes]]:
    """Write ``path`` via a temp file in the same folder, flush + fsync, then ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_open(path) as handle:
        handle.write(data)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, hence best effort.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def job_key(content_hash: str, models: Mapping[str, str], settings: Mapping[str, Any]) -> str:
    """What must match for a finished article to be skipped on a re-run."""
    blob = json.dumps([content_hash, dict(models), dict(settings)], sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class FileState:
    """Book-keeping for one input file while its articles are in flight."""

    rel: str
    ids: list[str] = field(default_factory=list)
    expected: dict[str, str | None] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)
    closed: bool = False
    dirty: bool = False
    old_ids: list[str] = field(default_factory=list)
    old_keys: dict[str, str] = field(default_factory=dict)
    part_keys: dict[str, str] = field(default_factory=dict)
    #: Archives: what was read but is no article, by reason (written into the output JSON).
    not_articles: dict[str, int] = field(default_factory=dict)
    #: Article id -> detected language, for entries finished as ``skipped_language``.
    skipped_as: dict[str, str] = field(default_factory=dict)

    def expect(self, article_id: str, key: str | None) -> None:
        self.ids.append(article_id)
        self.expected[article_id] = key


class OutputStore:
    """Everything written under DST goes through here."""

    def __init__(self, dst: Path, *, full: bool = False, force: bool = False, aligned: bool = False) -> None:
        self.dst = Path(os.path.realpath(dst))
        try:
            dst.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_error(self.dst, exc) from exc
        self.work = self.dst / WORK_DIR
        self.parts = self.work / "parts"
        self.full = full or aligned
        self.aligned = aligned
        self.force = force
        self.errors_path = self.dst / "errors.jsonl"
        self._errors: IO[str] | None = None
        self._errors_tmp = self.work / "errors.partial.jsonl"

    # -- run lifecycle ----------------------------------------------------------------------------

    @_writes
    def lock(self) -> DstLock:
        """Take DST's lock (raises ``BatchLockedError`` while another run holds it); release it last."""
        lock = DstLock(self.work)
        lock.acquire()
        return lock

    @_writes
    def begin(self) -> None:
        """Remove temp files a killed run left behind and start this run's error list."""
        self.parts.mkdir(parents=True, exist_ok=True)
        for dirpath, dirnames, filenames in os.walk(self.dst, followlinks=False):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for name in filenames:
                if name.startswith(_TMP_PREFIX) and name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(dirpath, name))
        self._errors = open(self._errors_tmp, "w", encoding="utf-8")  # noqa: SIM115 - closed in end()

    @_writes
    def record_error(self, entry: Mapping[str, Any]) -> None:
        if self._errors is None:
            raise RuntimeError("OutputStore.begin() was not called")
        error = entry.get("error") or {}
        line = {
            "id": entry.get("id"),
            "source": entry.get("source"),
            "code": error.get("code"),
            "message": error.get("message"),
            "hint": error.get("hint"),
        }
        self._errors.write(_dumps(line).decode("utf-8") + "\n")
        self._errors.flush()

    @_writes
    def end(self, run_record: Mapping[str, Any]) -> None:
        """Publish this run's errors.jsonl and last-run.json (both atomically)."""
        if self._errors is not None:
            self._errors.flush()
            os.fsync(self._errors.fileno())
            self._errors.close()
            self._errors = None
            os.replace(self._errors_tmp, self.errors_path)
            _fsync_dir(self.dst)
        atomic_write(self.work / "last-run.json", _dumps(run_record, indent=2))

    def abort(self) -> None:
        if self._errors is not None:
            # Closing flushes, which fails again on a full disk; the partial list is dropped anyway.
            with contextlib.suppress(OSError):
                self._errors.close()
            self._errors = None

    # -- paths ------------------------------------------------------------------------------------

    def output_path(self, name: str) -> Path:
        """``DST/name``, refusing anything that would land outside DST or in its work folder."""
        pure = PurePosixPath(name)
        if (
            not name
            or "\x00" in name
            or pure.is_absolute()
            or any(part in ("..", ".") for part in pure.parts)
            or "\\" in name
        ):
            raise ValueError(f"unsafe output name {name!r}")
        target = Path(os.path.realpath(self.dst.joinpath(*pure.parts)))
        if not target.is_relative_to(self.dst) or target == self.dst or target.is_relative_to(self.work):
            raise ValueError(f"output name {name!r} resolves outside the output folder")
        return target

    def json_path(self, rel: str) -> Path:
        return self.output_path(rel + ".json")

    def text_path(self, rel: str) -> Path:
        suffix = ".en.md" if rel.lower().endswith(".md") else ".en.txt"
        return self.output_path(rel + suffix)

    def aligned_path(self, rel: str) -> Path:
        return self.output_path(rel + ".aligned.tsv")

    def _part_dir(self, rel: str) -> Path:
        return self.parts / _digest(rel)

    def _part_path(self, rel: str, article_id: str) -> Path:
        # Hashed names: ids from records never become path components.
        return self._part_dir(rel) / f"{_digest(article_id)}.json"

    # -- per file ---------------------------------------------------------------------------------

    def open_file(self, rel: str) -> FileState:
        """State for ``rel``, with the keys of what is already finished (in parts or the old output)."""
        state = FileState(rel)
        if self.force:
            return state
        try:
            old = _load_json(self.json_path(rel))
        except ValueError:
            old = None
        if isinstance(old, dict):
            for entry in old.get("articles", []):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    state.old_ids.append(entry["id"])
                    if _is_finished(entry):
                        state.old_keys[entry["id"]] = entry["key"]
                        _note_skip(state, entry)
        part_dir = self._part_dir(rel)
        if part_dir.is_dir():
            for part in part_dir.glob("*.json"):
                entry = _load_json(part)
                if _is_finished(entry):
                    state.part_keys[entry["id"]] = entry["key"]
                    _note_skip(state, entry)
        return state

    def is_done(self, state: FileState, article_id: str, key: str, languages: tuple[str, ...] = ()) -> bool:
        """True when a successful output with this key exists (never with --force).

        An article skipped for its language is done only while ``languages`` still leaves it out.
        """
        if self.force:
            return False
        skipped_as = state.skipped_as.get(article_id)
        if skipped_as is not None and (not languages or skipped_as in languages):
            return False
        if state.part_keys.get(article_id) == key:
            state.dirty = True  # finished in a killed run: still needs merging
            return True
        return state.old_keys.get(article_id) == key

    @_writes
    def write_part(self, state: FileState, entry: Mapping[str, Any]) -> None:
        atomic_write(self._part_path(state.rel, entry["id"]), _dumps(entry))
        state.dirty = True

    @_writes
    def finish_file(self, state: FileState, fresh: Mapping[str, Mapping[str, Any]] | None = None) -> bool:
        """Merge a closed file's parts (and ``fresh`` entries not saved as parts) into ``<rel>.json``.

        Atomic; returns False when nothing changed and the existing output was kept.
        """
        fresh = fresh or {}
        if fresh:
            state.dirty = True
        json_path = self.json_path(state.rel)
        text_path = self.text_path(state.rel) if self.full else None
        aligned_path = self.aligned_path(state.rel) if self.aligned else None
        unchanged = (
            not state.dirty
            and state.ids == state.old_ids
            and json_path.exists()
            and (text_path is None or text_path.exists())
            and (aligned_path is None or aligned_path.exists())
        )
        if unchanged:
            return False
        old_entries: dict[str, Any] | None = None
        entries: list[Mapping[str, Any]] = []
        for article_id in state.ids:
            key = state.expected.get(article_id)
            entry = fresh.get(article_id) or _load_json(self._part_path(state.rel, article_id))
            if not (isinstance(entry, dict) and entry.get("key") == key):
                if old_entries is None:
                    old = _load_json(json_path) or {}
                    old_entries = {e.get("id"): e for e in old.get("articles", []) if isinstance(e, dict)}
                entry = old_entries.get(article_id)
            if entry is None:
                # Cannot happen unless DST was edited during the run; say so instead of dropping it.
                logger.error("no output found for %s; it will be redone on the next run", article_id)
                entry = {
                    "id": article_id,
                    "source": state.rel,
                    "status": "failed",
                    "key": None,
                    "error": {"code": "lost", "message": "output went missing during the run"},
                }
            entries.append(entry)
        translated = any(e.get("status") == "ok" for e in entries)
        if aligned_path is not None and translated:
            from ..aligned import entries_tsv

            with atomic_open(aligned_path) as handle:
                handle.write(entries_tsv(entries).encode("utf-8"))
        elif aligned_path is not None:
            with contextlib.suppress(FileNotFoundError):
                aligned_path.unlink()  # nothing translated: an old table would be stale
        if text_path is not None and translated:
            with atomic_open(text_path) as handle:
                text = render_text(entries, multi=len(entries) > 1 or "#" in state.ids[0])
                # Names from a non-UTF-8 file system carry surrogates; show them escaped.
                handle.write(text.encode("utf-8", "backslashreplace"))
        elif text_path is not None:
            # Nothing of this file was translated: no English file (an old one would be stale).
            with contextlib.suppress(FileNotFoundError):
                text_path.unlink()
        with atomic_open(json_path) as handle:
            handle.write(b'{"format_version": %d, "source": ' % FORMAT_VERSION)
            handle.write(_dumps(state.rel))
            if state.not_articles:
                handle.write(b', "not_articles": ' + _dumps(state.not_articles))
            handle.write(b', "articles": [')
            for i, entry in enumerate(entries):
                handle.write(b"\n" if i == 0 else b",\n")
                handle.write(_dumps(entry))
            handle.write(b"\n]}\n")
        self._drop_parts(state.rel)
        return True

    def _drop_parts(self, rel: str) -> None:
        part_dir = self._part_dir(rel)
        if not part_dir.is_dir():
            return
        for part in part_dir.iterdir():
            with contextlib.suppress(OSError):
                part.unlink()
        with contextlib.suppress(OSError):
            part_dir.rmdir()


def _is_finished(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("id"), str)
        and entry.get("status") in ("ok", "skipped_language")
        and bool(entry.get("key"))
    )


def _note_skip(state: FileState, entry: Mapping[str, Any]) -> None:
    if entry.get("status") == "skipped_language":
        state.skipped_as[entry["id"]] = str(entry.get("language") or "und")
    else:
        state.skipped_as.pop(entry["id"], None)


def render_text(entries: list[Mapping[str, Any]], *, multi: bool) -> str:
    """The readable English of a file's articles (``--full``)."""
    blocks = []
    for entry in entries:
        head = f"# {entry.get('id')}\n\n" if multi else ""
        result = entry.get("result")
        if entry.get("status") == "skipped_language":
            blocks.append(f"{head}[skipped: the article looks {entry.get('language')}]")
            continue
        if entry.get("status") != "ok" or not isinstance(result, dict):
            message = (entry.get("error") or {}).get("message", "failed")
            blocks.append(f"{head}[failed: {message}]")
            continue
        body = f"Summary: {result.get('summary_en', '')}"
        if result.get("translation_en"):
            body += "\n\n" + result["translation_en"]
        blocks.append(head + body)
    return "\n\n".join(blocks) + "\n"


def _dumps(value: Any, indent: int | None = None) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:
        # A file name that is not UTF-8 (surrogate escapes): ASCII escapes keep the JSON valid and exact.
        return json.dumps(value, ensure_ascii=True, indent=indent).encode("ascii")


def _load_json(path: Path) -> Any:
    """Parsed JSON, or None when the file is missing or not valid (never trusted blindly)."""
    try:
        with open(path, "rb") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("ignoring unreadable output %s: %s", path, exc)
        return None
