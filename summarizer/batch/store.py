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
import hashlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .atomic import (
    atomic_open,
    atomic_write,
    dumps,
    fsync_dir,
    load_json,
    sweep_temp_files,
    write_error,
    writes,
)
from .lock import DstLock
from .records import OutputRecord, job_key, render_text

__all__ = ["WORK_DIR", "FileState", "OutputStore", "atomic_open", "atomic_write", "job_key", "render_text"]

logger = logging.getLogger(__name__)

#: Hidden folder under DST holding parts and run records.
WORK_DIR = ".summarizer-batch"
#: Output format version written into every per-file JSON.
FORMAT_VERSION = 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class FileState:
    """Book-keeping for one input file while its articles are in flight (kept by the store)."""

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

    def note_old_output(self, old: Any) -> None:
        """The ids of ``<rel>.json`` from an earlier run, and the keys of its finished articles."""
        if not isinstance(old, dict):
            return
        for entry in old.get("articles", []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                self.old_ids.append(entry["id"])
                if _is_finished(entry):
                    self.old_keys[entry["id"]] = entry["key"]
                    _note_skip(self, entry)

    def note_parts(self, part_dir: Path) -> None:
        """The keys of articles a killed run finished but never merged."""
        if part_dir.is_dir():
            for part in part_dir.glob("*.json"):
                entry = load_json(part)
                if _is_finished(entry):
                    self.part_keys[entry["id"]] = entry["key"]
                    _note_skip(self, entry)


class OutputStore:
    """Everything written under DST goes through here."""

    def __init__(self, dst: Path, *, full: bool = False, force: bool = False, aligned: bool = False) -> None:
        self.dst = Path(os.path.realpath(dst))
        try:
            dst.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(self.dst, exc) from exc
        self.work = self.dst / WORK_DIR
        self.parts = self.work / "parts"
        self.full = full or aligned
        self.aligned = aligned
        self.force = force
        self.errors_path = self.dst / "errors.jsonl"
        self._errors: IO[str] | None = None
        self._errors_tmp = self.work / "errors.partial.jsonl"
        self._open: dict[str, FileState] = {}
        self._file_of: dict[str, str] = {}  # article id in flight -> its file's rel

    # -- run lifecycle ----------------------------------------------------------------------------

    @writes
    def lock(self) -> DstLock:
        """Take DST's lock (raises ``BatchLockedError`` while another run holds it); release it last."""
        lock = DstLock(self.work)
        lock.acquire()
        return lock

    @writes
    def begin(self) -> None:
        """Remove temp files a killed run left behind and start this run's error list."""
        self.parts.mkdir(parents=True, exist_ok=True)
        sweep_temp_files(self.dst)
        self._errors = open(self._errors_tmp, "w", encoding="utf-8")  # noqa: SIM115 - closed in end()

    @writes
    def record_error(self, article_id: str | None, source: str | None, error: Mapping[str, Any]) -> None:
        """One line of errors.jsonl (``None`` ids: the run itself stopped)."""
        if self._errors is None:
            raise RuntimeError("OutputStore.begin() was not called")
        line = {
            "id": article_id,
            "source": source,
            "code": error.get("code"),
            "message": error.get("message"),
            "hint": error.get("hint"),
        }
        self._errors.write(dumps(line).decode("utf-8") + "\n")
        self._errors.flush()

    @writes
    def end(self, run_record: Mapping[str, Any]) -> None:
        """Publish this run's errors.jsonl and last-run.json (both atomically)."""
        if self._errors is not None:
            self._errors.flush()
            os.fsync(self._errors.fileno())
            self._errors.close()
            self._errors = None
            os.replace(self._errors_tmp, self.errors_path)
            fsync_dir(self.dst)
        atomic_write(self.work / "last-run.json", dumps(run_record, indent=2))

    def abort(self) -> None:
        if self._errors is not None:
            # Closing flushes, which fails again on a full disk; the partial list is dropped anyway.
            with contextlib.suppress(OSError):
                self._errors.close()
            self._errors = None

    # -- paths ------------------------------------------------------------------------------------

    def output_path(self, name: str) -> Path:
        """``DST/name``, refusing anything that would land outside DST or in its work folder."""
        return _confined(self.dst, self.work, name)

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

    # -- the files of a run ------------------------------------------------------------------------

    def start_file(self, rel: str) -> Callable[[Mapping[str, int]], None]:
        """Begin ``rel``'s articles; returns where to count what was read but is no article.

        Raises ``ValueError`` when ``rel`` cannot have an output under DST.
        """
        self.json_path(rel)
        state = self._open[rel] = self.open_file(rel)
        return state.not_articles.update

    def expect(self, rel: str, article_id: str, key: str | None, languages: tuple[str, ...] = ()) -> bool:
        """Note the next article of ``rel``; False when it is done already, else :meth:`save` it later.

        ``key`` None: an article that failed before any model (a source error).
        """
        state = self._open[rel]
        state.expect(article_id, key)
        if key is not None and self.is_done(state, article_id, key, languages=languages):
            return False
        if key is not None:
            state.pending.add(article_id)
        self._file_of[article_id] = rel
        return True

    def close_file(self, rel: str) -> None:
        """Every article of ``rel`` is known now; it is merged as soon as none is pending."""
        state = self._open[rel]
        state.closed = True
        if not state.pending:
            self.finish_file(state)
            del self._open[rel]

    def save(self, record: OutputRecord) -> None:
        """Keep an expected article's record: as a part, or merged when it completes its file."""
        state = self._open[self._file_of.pop(record.item.id)]
        state.pending.discard(record.item.id)
        if state.closed and not state.pending:
            # The file's last article goes straight into the merged output: no part to write and
            # read back (half the writes for an archive of one-article files).
            self.finish_file(state, fresh={record.item.id: record})
            del self._open[state.rel]
        else:
            self.write_part(state, record)
        if record.status == "failed" and record.error is not None:
            self.record_error(record.item.id, record.item.source, record.error)

    # -- per file ---------------------------------------------------------------------------------

    def open_file(self, rel: str) -> FileState:
        """State for ``rel``, with the keys of what is already finished (in parts or the old output)."""
        state = FileState(rel)
        if self.force:
            return state
        try:
            old = load_json(self.json_path(rel))
        except ValueError:
            old = None
        state.note_old_output(old)
        state.note_parts(self._part_dir(rel))
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

    @writes
    def write_part(self, state: FileState, record: OutputRecord) -> None:
        atomic_write(self._part_path(state.rel, record.item.id), dumps(record.to_dict()))
        state.dirty = True

    @writes
    def finish_file(self, state: FileState, fresh: Mapping[str, OutputRecord] | None = None) -> bool:
        """Merge a closed file's parts (and ``fresh`` records not saved as parts) into ``<rel>.json``.

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
            and all(p is None or p.exists() for p in (json_path, text_path, aligned_path))
        )
        if unchanged:
            return False
        entries = self._merged_entries(state, fresh, json_path)
        translated = any(e.get("status") == "ok" for e in entries)
        if aligned_path is not None:
            from ..aligned import entries_tsv

            _replace_or_drop(aligned_path, entries_tsv(entries).encode("utf-8") if translated else None)
        if text_path is not None:
            text = render_text(entries, multi=len(entries) > 1 or "#" in state.ids[0]) if translated else None
            # Names from a non-UTF-8 file system carry surrogates; show them escaped.
            _replace_or_drop(
                text_path, text.encode("utf-8", "backslashreplace") if text is not None else None
            )
        with atomic_open(json_path) as handle:
            handle.write(b'{"format_version": %d, "source": ' % FORMAT_VERSION)
            handle.write(dumps(state.rel))
            if state.not_articles:
                handle.write(b', "not_articles": ' + dumps(state.not_articles))
            handle.write(b', "articles": [')
            for i, entry in enumerate(entries):
                handle.write(b"\n" if i == 0 else b",\n")
                handle.write(dumps(entry))
            handle.write(b"\n]}\n")
        self._drop_parts(state.rel)
        return True

    def _merged_entries(
        self, state: FileState, fresh: Mapping[str, OutputRecord], json_path: Path
    ) -> list[Mapping[str, Any]]:
        """The file's entries in source order: fresh, else from its part, else from the old output."""
        old_entries: dict[str, Any] | None = None
        entries: list[Mapping[str, Any]] = []
        for article_id in state.ids:
            key = state.expected.get(article_id)
            record = fresh.get(article_id)
            entry = record.to_dict() if record else load_json(self._part_path(state.rel, article_id))
            if not (isinstance(entry, dict) and entry.get("key") == key):
                if old_entries is None:
                    old = load_json(json_path) or {}
                    old_entries = {e.get("id"): e for e in old.get("articles", []) if isinstance(e, dict)}
                entry = old_entries.get(article_id)
            if entry is None:
                # Cannot happen unless DST was edited during the run; say so instead of dropping it.
                logger.error("no output found for %s; it will be redone on the next run", article_id)
                entry = OutputRecord.lost(article_id, state.rel).to_dict()
            entries.append(entry)
        return entries

    def _drop_parts(self, rel: str) -> None:
        _remove_folder(self._part_dir(rel))


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


def _replace_or_drop(path: Path, data: bytes | None) -> None:
    """Write ``path`` atomically, or remove it when there is nothing (an old one would be stale)."""
    if data is None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    with atomic_open(path) as handle:
        handle.write(data)


def _confined(dst: Path, work: Path, name: str) -> Path:
    pure = PurePosixPath(name)
    if (
        not name
        or "\x00" in name
        or pure.is_absolute()
        or any(part in ("..", ".") for part in pure.parts)
        or "\\" in name
    ):
        raise ValueError(f"unsafe output name {name!r}")
    target = Path(os.path.realpath(dst.joinpath(*pure.parts)))
    if not target.is_relative_to(dst) or target == dst or target.is_relative_to(work):
        raise ValueError(f"output name {name!r} resolves outside the output folder")
    return target


def _remove_folder(folder: Path) -> None:
    """Best effort: a part left behind is merged again (same content) or swept by the next run."""
    if not folder.is_dir():
        return
    for part in folder.iterdir():
        with contextlib.suppress(OSError):
            part.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()
