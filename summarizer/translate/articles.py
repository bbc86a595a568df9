"""Translate many summarised articles in one translator call and assemble their results."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..glossary import Glossary
from ..intake import Article
from ..results import ArticleResult, ResultWarning, Segment
from .sentences import assemble, sentence_paragraphs
from .translator import Progress, ScoredTranslation, Translator

__all__ = ["translate_articles"]


def translate_articles(
    translator: Callable[[], Translator],
    articles: Sequence[Article],
    *,
    full: bool,
    models: Mapping[str, str],
    progress: Progress | None = None,
    glossary: Glossary | None = None,
) -> list[ArticleResult]:
    """One result per article; the summaries (and with ``full`` the articles) go through one call.

    ``translator`` returns the translator; it is only asked for when there is something to translate.
    """
    from ..text import split_sentences

    # All sentences of all articles go through one translator call (shared, length-sorted batches).
    plans: list[tuple[list[str], list[list[str]]]] = []
    flat: list[str] = []
    for a in articles:
        paragraphs = sentence_paragraphs(a.clean.paragraphs) if full else []
        if a.language == "en":
            # English input: nothing to translate, but segments still list every sentence.
            plans.append(([], paragraphs))
            continue
        summary_sents = [s for s in split_sentences(a.summary) if s.strip()]
        plans.append((summary_sents, paragraphs))
        flat.extend(summary_sents)
        flat.extend(s for p in paragraphs for s in p)
    start = time.perf_counter()
    scored = translator().translate_scored(flat, progress, glossary=glossary) if flat else None
    english = scored.english if scored else []
    scores = scored.scores if scored else []
    seconds = time.perf_counter() - start
    at: dict[int, list[int]] = {}  # input sentence -> the warnings raised on it
    for w, spots in enumerate(scored.warning_sentences if scored else []):
        for j in spots:
            at.setdefault(j, []).append(w)

    results: list[ArticleResult] = []
    k = 0
    for a, (summary_sents, paragraphs) in zip(articles, plans):
        n = 0 if a.language == "en" else len(summary_sents) + sum(len(p) for p in paragraphs)
        a.timings["translation"] = seconds * n / max(1, len(flat))
        out = _Slice(english[k : k + n], scores[k : k + n])
        k += n
        a.warnings.extend(_article_warnings(scored, at, range(k - n, k), len(summary_sents)))
        a.warnings[:] = list(dict.fromkeys(a.warnings))  # frozen dataclasses: equal warnings merge
        results.append(_result(a, summary_sents, paragraphs, out, full, models))
    return results


class _Slice:
    """One article's share of the flat translation: English and scores, summary sentences first."""

    def __init__(self, english: list[str], scores: list[float | None]) -> None:
        self.english, self.scores = english, scores


def _article_warnings(
    scored: ScoredTranslation | None, at: Mapping[int, list[int]], mine: range, summary_count: int
) -> list[ResultWarning]:
    """The warnings on this article's sentences (``mine``: their input indices), one copy per place.

    Each copy's ``target``/``index`` says which sentence of ``summary_en`` or segment of
    ``translation_en`` it concerns; the first ``summary_count`` sentences are the summary's.
    """
    if scored is None:
        return []
    out: list[ResultWarning] = []
    done: set[int] = set()
    for j in mine:
        for w in at.get(j, ()):
            if w in done:
                continue
            done.add(w)
            warning = scored.warnings[w]
            if warning.target is not None:
                out.append(warning)
                continue
            for spot in (p for p in scored.warning_sentences[w] if p in mine):
                i = spot - mine.start
                if i < summary_count:
                    out.append(replace(warning, target="summary_en", index=i))
                else:
                    out.append(replace(warning, target="translation_en", index=i - summary_count))
    return list(dict.fromkeys(out))


def _result(
    a: Article,
    summary_sents: Sequence[str],
    paragraphs: Sequence[Sequence[str]],
    out: _Slice,
    full: bool,
    models: Mapping[str, str],
) -> ArticleResult:
    if a.language == "en":
        summary_en = a.summary
        segments = tuple(Segment(s, s, None, no) for no, p in enumerate(paragraphs) for s in p)
        translation = a.clean.text if full else None
    else:
        cut = len(summary_sents)
        summary_en = " ".join(e for e in out.english[:cut] if e)
        segments, text_en = assemble(paragraphs, out.english[cut:], out.scores[cut:])
        translation = text_en if full else None
    a.timings["total"] = sum(a.timings.values())
    return ArticleResult(
        summary_id=a.summary,
        summary_en=summary_en,
        clean_text=a.clean.text,
        translation_en=translation,
        segments=tuple(segments),
        warnings=tuple(a.warnings),
        models=dict(models),
        timings={key: round(v, 4) for key, v in a.timings.items()},
        language=a.language,
        summary_chunks=a.chunks,
        removed=a.clean.removed,
    )
