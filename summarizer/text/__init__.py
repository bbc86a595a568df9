"""Text preparation: decoding, cleaning scraped news, sentence splitting, language detection, spacing."""

from .clean import clean_article
from .decode import decode_bytes, looks_binary
from .language import detect_language
from .sentences import split_paragraphs, split_sentences
from .spacing import normalise_spacing

__all__ = [
    "clean_article",
    "decode_bytes",
    "detect_language",
    "looks_binary",
    "normalise_spacing",
    "split_paragraphs",
    "split_sentences",
]
