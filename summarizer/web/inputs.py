"""What a visitor hands the page besides the article box: an uploaded file, glossary lines, samples."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputTooLargeError
from ..glossary import Glossary

__all__ = ["page_glossary", "read_upload", "sample_articles"]

_PACKAGE = Path(__file__).resolve().parents[1]


def read_upload(path: str | None, max_chars: int) -> str:
    """Text of an uploaded file; raises the library's input errors for binary or oversized files."""
    from ..text.decode import decode_bytes

    data = Path(path).read_bytes() if path else b""
    if len(data) > 4 * max_chars:  # 4 bytes per character is the UTF-8 worst case
        raise InputTooLargeError(
            f"the file has {len(data):,} bytes, above the limit of {max_chars:,} characters",
            hint="upload one article at a time",
        )
    text, _ = decode_bytes(data, name=Path(path).name if path else "upload")
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"the file has {len(text):,} characters, above the limit of {max_chars:,}",
            hint="upload one article at a time",
        )
    return text


def page_glossary(text: str | None, base: Glossary | None) -> Glossary | None:
    """The server's glossary plus the terms typed into the page (the page's win); ``None`` if neither."""
    if not (text or "").strip():
        return base
    mine = Glossary.from_text(text or "", name="the glossary box")
    return Glossary({**(base.to_dict() if base else {}), **mine.to_dict()})


def sample_articles() -> list[Path]:
    """The sample articles shipped with the repository (or the installed package)."""
    for folder in (_PACKAGE.parent / "examples", _PACKAGE / "examples"):
        found = sorted(p for p in folder.glob("sample-article*.txt") if p.is_file())
        if found:
            return found
    return []
