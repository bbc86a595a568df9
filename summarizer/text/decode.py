"""Bytes -> text without ever garbling: BOMs, strict UTF-8, then a detected legacy encoding with a warning."""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import BinaryInputError
from ..results import ResultWarning

__all__ = ["BOMS", "decode_bytes", "looks_binary"]

logger = logging.getLogger(__name__)

#: Byte-order marks and the codec that reads each (longest first: UTF-32 LE starts like UTF-16 LE).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# One valid multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates), else one stray high byte.
_UTF8_OR_STRAY = re.compile(
    rb"([\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})|[\x80-\xff]"
)
# A legacy (cp1252/cp1250) text almost never forms valid UTF-8 sequences by accident, so a file
# with at least half as many valid sequences as stray bytes is UTF-8 with damage, not a code page.
_STRAY_PER_VALID = 2
# ... and a handful of stray bytes next to even one valid accent is damage too.
_FEW_STRAY = 8
_PLACES_SHOWN = 5
_LEGACY = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2")
# Control characters that never occur in real text (tab, newline, CR, form feed are fine).
_BAD_CONTROLS = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {"\x7f"}


def looks_binary(text: str, sample: int = 4096) -> bool:
    """True when the text has NULs or many control characters: a binary file decoded as text."""
    head = text[:sample]
    if not head:
        return False
    if "\x00" in head:
        return True
    bad = sum(1 for ch in head if ch in _BAD_CONTROLS or ch == "\ufffd")
    return bad / len(head) > 0.05


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, list[ResultWarning]]:
    """Decode ``data``; raise :class:`BinaryInputError` when it is not text.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM decode silently. Anything else is
    detected with charset-normalizer and decoded with a ``legacy_encoding`` warning, so a
    user always learns that a guess was made.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise BinaryInputError(
                    f"{name}: starts with a {encoding} byte-order mark but does not decode"
                ) from exc
            return _checked(text, name), []
    if b"\x00" in data[:4096]:
        raise BinaryInputError(
            f"{name}: looks like a binary file (NUL bytes), not text",
            hint="pass a .txt, .md, .html or .json file",
        )
    try:
        return _checked(data.decode("utf-8"), name), []
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data, name)
    if damaged is not None:
        text, warning = damaged
        logger.warning(warning.message)
        return _checked(text, name), [warning]
    encoding = _detect(data)
    if encoding is None:
        raise BinaryInputError(
            f"{name}: is neither UTF-8 nor a recognisable text encoding",
            hint="convert it to UTF-8 (e.g. iconv -f CP1252 -t UTF-8)",
        )
    text = _checked(data.decode(encoding, errors="strict"), name)
    warning = ResultWarning(
        code="legacy_encoding",
        message=f"{name}: not UTF-8; decoded as {encoding} (detected). Check accented characters.",
        stage="input",
    )
    logger.warning(warning.message)
    return text, [warning]


def _damaged_utf8(data: bytes, name: str) -> tuple[str, ResultWarning] | None:
    """Text and a warning saying where, when ``data`` is valid UTF-8 but for a few stray bytes."""
    valid = 0
    stray: list[int] = []
    for match in _UTF8_OR_STRAY.finditer(data):
        if match.group(1):
            valid += 1
        else:
            stray.append(match.start())
    if not valid or len(stray) > max(_FEW_STRAY, _STRAY_PER_VALID * valid):
        return None
    runs: list[list[int]] = []  # [first, last] offsets of adjacent stray bytes
    for at in stray:
        if runs and at == runs[-1][1] + 1:
            runs[-1][1] = at
        else:
            runs.append([at, at])
    places = ", ".join(
        f"line {_line_of(data, a)} (" + (f"byte {a:,}" if a == b else f"bytes {a:,}-{b:,}") + ")"
        for a, b in runs[:_PLACES_SHOWN]
    )
    more = f" and {len(runs) - _PLACES_SHOWN} more place(s)" if len(runs) > _PLACES_SHOWN else ""
    warning = ResultWarning(
        code="invalid_utf8",
        message=f"{name}: {len(stray)} byte(s) were not valid UTF-8 and were replaced by \ufffd "
        f"at {places}{more}",
        stage="input",
    )
    return data.decode("utf-8", errors="replace"), warning


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a core dependency
        return "cp1252" if _decodes(data, "cp1252") else None
    # Indonesian news in a legacy encoding is Windows/ISO Western or Central European; letting the
    # detector roam (mac_iceland, cp1250 for ASCII) turns a stray byte into a confident wrong guess.
    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None:
        return None
    encoding = best.encoding
    return encoding if _decodes(data, encoding) else None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _checked(text: str, name: str) -> str:
    if looks_binary(text):
        raise BinaryInputError(
            f"{name}: looks like binary data, not text",
            hint="pass a .txt, .md, .html or .json file",
        )
    return text
