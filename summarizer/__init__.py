"""Summarise Indonesian news in Indonesian and translate it into English.

>>> from summarizer import Pipeline
>>> result = Pipeline().run(article_text, full=True)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ArticleResult",
    "CleanResult",
    "FidelityWarning",
    "Glossary",
    "Pipeline",
    "PipelineOptions",
    "ResultWarning",
    "Segment",
    "SummarizerError",
    "__version__",
    "check_fidelity",
    "clean_article",
    "detect_language",
    "split_sentences",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .errors import SummarizerError  # noqa: E402
from .results import ArticleResult, CleanResult, FidelityWarning, ResultWarning, Segment  # noqa: E402

if TYPE_CHECKING:
    from .fidelity import check_fidelity
    from .glossary import Glossary
    from .options import PipelineOptions
    from .pipeline import Pipeline
    from .text import clean_article, detect_language, split_sentences

# Heavy modules (torch, transformers, lingua) load on first use, so `import summarizer` stays fast.
_LAZY = {
    "Glossary": ".glossary",
    "Pipeline": ".pipeline",
    "PipelineOptions": ".options",
    "check_fidelity": ".fidelity",
    "clean_article": ".text",
    "detect_language": ".text",
    "split_sentences": ".text",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted(__all__)
