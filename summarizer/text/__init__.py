"""Text preparation: decoding, cleaning scraped news, sentence splitting, language detection."""

from .clean import clean_article
from .decode import decode_bytes, looks_binary
from .language import detect_language
from .sentences import split_paragraphs, split_sentences

__all__ = [
    "clean_article",
    "decode_bytes",
    "detect_language",
    "looks_binary",
    "split_paragraphs",
    "split_sentences",
]
