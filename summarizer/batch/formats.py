"""The loose-file formats: a .json file, .jsonl and .csv streamed record by record, records to articles."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from ..results import ResultWarning
from ..text.decode import BOMS, decode_bytes
from .items import DEFAULT_TEXT_FIELDS, Article, SourceError, SourceFile, content_hash, file_error, guarded

__all__ = ["read_json", "read_loose", "read_stream", "read_whole"]

# jsonl/csv are streamed when this much of their head is UTF-8 (or has a BOM); else decoded whole.
_SNIFF_BYTES = 1 << 20
# JSON "\\ud800" escapes decode to lone surrogates, which no UTF-8 output (or tokenizer) accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_loose(
    file: SourceFile, text_field: str | None, max_file_bytes: int
) -> Iterator[Article | SourceError]:
    """Articles (and errors in place) of one loose file, i.e. not an archive: a file under SRC or a
    member an archive reader has spooled to disk."""
    if file.size > max_file_bytes:
        yield file_error(
            file,
            "file_too_large",
            f"is {file.size:,} bytes, above the limit of {max_file_bytes:,}",
            "split it, or raise --max-file-mb",
        )
        return
    yield from guarded(file, _loose_items(file, text_field, max_file_bytes))


def _loose_items(
    file: SourceFile, text_field: str | None, max_file_bytes: int
) -> Iterator[Article | SourceError]:
    if file.kind in ("text", "html"):
        text, warnings = read_whole(file)
        yield Article(
            file.rel, file.rel, None, text, file.kind, content_hash(text, file.kind), None, warnings
        )
    elif file.kind == "json":
        yield from read_json(file, text_field)
    else:
        yield from read_stream(file, text_field, max_file_bytes)


def read_whole(file: SourceFile) -> tuple[str, tuple[ResultWarning, ...]]:
    data = file.path.read_bytes()
    text, warnings = decode_bytes(data, name=file.rel)
    return text, tuple(warnings)


def read_json(file: SourceFile, text_field: str | None) -> Iterator[Article | SourceError]:
    text, warnings = read_whole(file)
    if not text.strip():
        yield file_error(file, "empty_input", "the file is empty")
        return
    data, problem = _parse_json(text)
    if problem is not None:
        yield file_error(file, "invalid_json", problem)
        return
    if isinstance(data, dict):
        yield _record(file, None, data, "auto", text_field, warnings)
    elif isinstance(data, list):
        if not data:
            yield file_error(file, "empty_input", "the JSON array has no records")
        for i, record in enumerate(data):
            yield _record(file, i, record, "auto", text_field, warnings)
    else:
        yield file_error(file, "invalid_json", "holds neither an object nor an array of objects")


def read_stream(
    file: SourceFile, text_field: str | None, max_file_bytes: int
) -> Iterator[Article | SourceError]:
    handle, warnings = _open_text(file)
    index = 0
    with handle:
        try:
            records = _jsonl_records(handle) if file.kind == "jsonl" else _csv_records(handle, max_file_bytes)
            for record in records:
                if isinstance(record, SourceError):
                    yield _reindexed(file, record, index)
                else:
                    yield _record(file, index, record, "auto", text_field, warnings)
                index += 1
        except _NoTextColumn as exc:
            yield file_error(file, "no_text_field", str(exc), "pick the column with --text-field NAME")
            return
        except UnicodeDecodeError as exc:
            yield file_error(file, "decode_error", f"is not valid text after record {index}: {exc.reason}")
            return
        except csv.Error as exc:
            yield file_error(file, "invalid_csv", f"cannot be parsed after record {index}: {exc}")
            return
    if index == 0:
        yield file_error(file, "empty_input", "the file has no records")


def _open_text(file: SourceFile) -> tuple[io.TextIOBase, tuple[ResultWarning, ...]]:
    """A text handle for streaming: BOM or UTF-8 heads stream; legacy files are decoded whole."""
    with open(file.path, "rb") as raw:
        head = raw.read(_SNIFF_BYTES)
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return open(file.path, encoding=encoding, newline=""), ()
    if len(head) == _SNIFF_BYTES:
        # Cut at a line end so a multi-byte character split by the sniff window is not "invalid".
        head = head[: head.rfind(b"\n") + 1] or head
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        text, warnings = read_whole(file)  # legacy single-byte: detection needs the whole file
        return io.StringIO(text, newline=""), warnings
    if b"\x00" in head[:4096]:
        text, warnings = read_whole(file)  # raises BinaryInputError
    return open(file.path, encoding="utf-8", newline=""), ()


def _parse_json(text: str) -> tuple[Any, str | None]:
    """(value, None), or (None, why not) for text that is not JSON the batch can take."""
    try:
        return json.loads(text), None
    except RecursionError:
        # 100,000 nested "[" are valid JSON; the parser's stack is not. Same for every re-run.
        return None, "is not usable JSON: it nests arrays/objects too deeply (about 1,000 levels or more)"
    except ValueError as exc:  # JSONDecodeError, and e.g. an integer of more than 4,300 digits
        return None, f"is not valid JSON: {exc}"


def _jsonl_records(handle: io.TextIOBase) -> Iterator[Any]:
    for line in handle:
        if not line.strip():
            continue
        record, problem = _parse_json(line)
        yield SourceError("", "", None, "invalid_json", problem) if problem is not None else record


class _NoTextColumn(Exception):
    pass


def _csv_records(handle: io.TextIOBase, max_file_bytes: int) -> Iterator[dict[str, Any]]:
    # The stdlib default (128 KiB per field) is below a long article; the file limit bounds it instead.
    csv.field_size_limit(min(sys.maxsize, max(max_file_bytes, 131072)))
    reader = csv.DictReader(handle)
    if reader.fieldnames is None:
        return
    yield from reader


def _record(
    file: SourceFile,
    index: int | None,
    record: Any,
    fmt: str,
    text_field: str | None,
    warnings: tuple[ResultWarning, ...],
) -> Article | SourceError:
    rid = file.rel if index is None else f"{file.rel}#{index}"
    try:
        found = _record_fields(file, rid, index, record, text_field)
    except RecursionError:
        return SourceError(rid, file.rel, index, "invalid_json", f"{rid} nests its fields too deeply to read")
    if isinstance(found, SourceError):
        return found
    text, record_id = found
    text, fixed = _SURROGATE.subn("\ufffd", text)
    if fixed:
        warnings = (
            *warnings,
            ResultWarning(
                "invalid_unicode",
                f"{rid}: {fixed} invalid \\u escape(s) (lone surrogates) were replaced by \ufffd",
                stage="input",
            ),
        )
    if record_id is not None:
        record_id = _SURROGATE.sub("\ufffd", record_id)
    return Article(rid, file.rel, index, text, fmt, content_hash(text, fmt), record_id, warnings)


def _record_fields(
    file: SourceFile, rid: str, index: int | None, record: Any, text_field: str | None
) -> tuple[str, str | None] | SourceError:
    """The text and the ``id`` field of a record, or why it has none."""
    if isinstance(record, str):
        text, record_id = record, None
    elif isinstance(record, dict):
        found = _record_text(record, text_field)
        if found is None:
            names = text_field or ", ".join(DEFAULT_TEXT_FIELDS)
            keys = ", ".join(str(k) for k in list(record)[:12]) or "none"
            if file.kind == "csv" and index == 0:
                raise _NoTextColumn(f"has no text column ({names}); its columns are: {keys}")
            return SourceError(
                rid,
                file.rel,
                index,
                "no_text_field",
                f"{rid} has no text field ({names}); its fields are: {keys}",
                "pick the field with --text-field NAME",
            )
        text = found
        raw_id = record.get("id")
        # Kept as metadata only: record ids never become paths.
        record_id = None if raw_id is None else str(raw_id)[:200]
    else:
        kind = type(record).__name__
        return SourceError(
            rid, file.rel, index, "not_an_object", f"{rid} is a {kind}, not an object or string"
        )
    return text, record_id


def _record_text(record: dict[str, Any], text_field: str | None) -> str | None:
    lower = {k.lower(): k for k in record if isinstance(k, str)}
    for name in (text_field,) if text_field else DEFAULT_TEXT_FIELDS:
        key = lower.get(name.lower())
        if key is None:
            continue
        value = record[key]
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            # IndoSum: a list of paragraphs, each a list of sentences.
            paragraphs = [" ".join(map(str, p)) if isinstance(p, list) else str(p) for p in value]
            return "\n\n".join(paragraphs)
        if value is None:
            return ""
    return None


def _reindexed(file: SourceFile, error: SourceError, index: int) -> SourceError:
    rid = f"{file.rel}#{index}"
    return SourceError(rid, file.rel, index, error.code, f"{rid} {error.message}", error.hint)
