"""The summary stage: summarise prepared articles together and attach what the user should know."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from ..intake import Article
from ..results import ResultWarning
from . import Summarizer

__all__ = ["summarize_articles"]


def summarize_articles(
    summarizer: Summarizer,
    articles: Sequence[Article],
    length: str,
    notice: ResultWarning | None = None,
) -> None:
    """Fill in each not-yet-summarised article's summary, chunk count, timing and warnings.

    ``notice`` (e.g. the extractive fallback) is added to every article summarised here.
    """
    todo = [a for a in articles if not a.summarized]
    if not todo:
        return
    start = time.perf_counter()
    outputs = summarizer.summarize_many([a.clean.text for a in todo], length)
    share = (time.perf_counter() - start) / len(todo)
    from ..fidelity import check_fidelity
    from .extractive import extractive_summary

    for article, out in zip(todo, outputs):
        article.summary, article.chunks, article.summarized = out.text, out.chunks, True
        article.timings["summary"] = share
        if notice is not None:
            article.warnings.append(notice)
        if out.chunks > 1:
            article.warnings.append(
                ResultWarning(
                    code="summary_chunked",
                    message=f"the article is longer than the summary model's input, so it was "
                    f"summarised in {out.chunks} parts and combined",
                    stage="summary",
                )
            )
        if not out.text.strip():
            article.summary = " ".join(extractive_summary(article.clean.text, length=length))
            article.warnings.append(
                ResultWarning(
                    code="empty_summary",
                    message="the summary model returned nothing; the extractive summary is shown instead",
                    stage="summary",
                )
            )
        # The span says what is wrong; copying the whole article into each warning would bloat JSON.
        article.warnings.extend(
            replace(w, source=None, output=None, target="summary_id")
            for w in check_fidelity(article.clean.text, article.summary, kind="summary")
        )
