"""ROUGE on IndoSum-format JSONL files (``text`` + ``summary`` sentences), beside LEAD-3.

Scoring follows IndoSum's own evaluation: rouge-score F1 with a whitespace tokenizer, no stemming, on
lower-cased text. The reference is the file's ``summary_tokens`` when present (the original IndoSum
tokens), else the ``summary`` sentences run through the same word/punctuation tokenizer as predictions.
Predictions are plain text, so they lose about one point against IndoSum's token-based numbers.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = [
    "EvalReport",
    "TranslationReport",
    "evaluate",
    "lead3",
    "load_indosum",
    "load_parallel",
    "rouge_scores",
    "score_translation",
    "tokenize",
]

logger = logging.getLogger(__name__)

# Words keep number separators ("1.250", "3,5", "20:00") but split at hyphens, slashes and apostrophes,
# and every other non-space character is its own token: the closest match to IndoSum's own tokens.
_TOKEN_RE = re.compile(r"\w+(?:[.,:]\w+)*|[^\w\s]", re.UNICODE)
_KEYS = ("rouge1", "rouge2", "rougeL")


def tokenize(text: str) -> list[str]:
    """Lower-cased word/punctuation tokens."""
    return [t.lower() for t in _TOKEN_RE.findall(text)]


class _WhitespaceTokenizer:
    # rouge-score's default tokenizer drops non-ASCII letters and punctuation; IndoSum keeps both.
    def tokenize(self, text: str) -> list[str]:
        return text.split()


def _scorer() -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(_KEYS), use_stemmer=False, tokenizer=_WhitespaceTokenizer())


def rouge_scores(
    prediction_tokens: list[str], reference_tokens: list[str], scorer: Any = None
) -> dict[str, float]:
    """ROUGE-1/2/L F1 (0-100) of one token list against another."""
    scorer = scorer or _scorer()
    res = scorer.score(" ".join(reference_tokens), " ".join(prediction_tokens))
    return {k: 100.0 * res[k].fmeasure for k in _KEYS}


@dataclass(frozen=True)
class IndoSumArticle:
    """One article of an IndoSum-format file."""

    id: str
    text: str
    reference_tokens: tuple[str, ...]
    lead_sentences: tuple[str, ...] = ()


def load_indosum(path: str | Path, limit: int | None = None) -> list[IndoSumArticle]:
    """Read a JSONL file with ``text`` and ``summary`` (list of sentences) per line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}", hint="give an IndoSum-format .jsonl file")
    articles: list[IndoSumArticle] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, summary = row["text"], row["summary"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(
                    f"{path}:{lineno}: not an IndoSum record ({exc})",
                    hint="each line needs a JSON object with 'text' and 'summary' (list of sentences)",
                ) from exc
            if isinstance(summary, str):
                summary = [summary]
            if row.get("summary_tokens"):
                ref = [t.lower() for sent in row["summary_tokens"] for t in sent]
            else:
                ref = tokenize(" ".join(summary))
            # Gold sentence boundaries make LEAD-3 independent of our splitter when the file has them.
            lead = tuple(s for p in row.get("paragraphs") or () for s in p)[:3]
            articles.append(IndoSumArticle(str(row.get("id", lineno)), text, tuple(ref), lead))
            if limit is not None and len(articles) >= limit:
                break
    if not articles:
        raise InputError(f"{path} has no articles")
    return articles


def lead3(article: IndoSumArticle) -> list[str]:
    """The first three sentences: gold boundaries when the file has them, else our splitter's."""
    if article.lead_sentences:
        return list(article.lead_sentences)
    from .text import split_sentences

    return [s for p in article.text.split("\n\n") for s in split_sentences(p, lang="id")][:3]


@dataclass
class EvalReport:
    """Mean ROUGE F1 (0-100) of a system and of LEAD-3 on the same articles, and the system's speed."""

    system: str
    articles: int
    scores: dict[str, float]
    lead3: dict[str, float]
    seconds_per_article: float
    per_article: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "articles": self.articles,
            "rouge": {k: round(v, 2) for k, v in self.scores.items()},
            "lead3": {k: round(v, 2) for k, v in self.lead3.items()},
            "seconds_per_article": round(self.seconds_per_article, 4),
            "scoring": "rouge-score F1 x100, whitespace tokenizer over lower-cased word/punct tokens",
        }


def _mean(rows: Iterable[dict[str, float]]) -> dict[str, float]:
    rows = list(rows)
    return {k: sum(r[k] for r in rows) / len(rows) for k in _KEYS}


def evaluate(
    articles: list[IndoSumArticle],
    summarize: Callable[[str], str | list[str]],
    *,
    system: str = "system",
    progress: Callable[[Iterator[IndoSumArticle]], Iterator[IndoSumArticle]] | None = None,
) -> EvalReport:
    """Score ``summarize(text)`` (a string or a list of sentences) and LEAD-3 on ``articles``."""
    scorer = _scorer()
    sys_rows, lead_rows, per_article = [], [], []
    elapsed = 0.0
    items: Iterator[IndoSumArticle] = iter(articles)
    for art in progress(items) if progress else items:
        t0 = time.perf_counter()
        out = summarize(art.text)
        elapsed += time.perf_counter() - t0
        pred = " ".join(out) if isinstance(out, list) else out
        s = rouge_scores(tokenize(pred), list(art.reference_tokens), scorer)
        lead = rouge_scores(tokenize(" ".join(lead3(art))), list(art.reference_tokens), scorer)
        sys_rows.append(s)
        lead_rows.append(lead)
        per_article.append({"id": art.id, "rouge": s, "lead3": lead})
    n = len(sys_rows)
    return EvalReport(system, n, _mean(sys_rows), _mean(lead_rows), elapsed / n, per_article)


# -- translation: BLEU and chrF++ with sacrebleu ----------------------------------------------------


@dataclass(frozen=True)
class TranslationReport:
    """Corpus BLEU and chrF++ (sacrebleu defaults, with their signatures) of a system on a parallel file."""

    system: str
    sentences: int
    bleu: float
    chrf: float
    bleu_signature: str
    chrf_signature: str
    seconds_per_sentence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "sentences": self.sentences,
            "bleu": round(self.bleu, 2),
            "chrf++": round(self.chrf, 2),
            "bleu_signature": self.bleu_signature,
            "chrf_signature": self.chrf_signature,
            "seconds_per_sentence": round(self.seconds_per_sentence, 4),
        }


def load_parallel(
    source: str | Path, reference: str | Path, limit: int | None = None
) -> tuple[list[str], list[str]]:
    """Two files with one sentence per line (FLORES-200 ``devtest`` style); same number of lines."""
    sides = []
    for path in (Path(source), Path(reference)):
        if not path.is_file():
            raise InputError(
                f"no such file: {path}", hint="give the source and reference files, one sentence a line"
            )
        try:
            lines = path.read_text("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise InputError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        sides.append(lines[:limit] if limit else lines)
    src, ref = sides
    if len(src) != len(ref):
        raise InputError(
            f"{source} has {len(src)} lines but {reference} has {len(ref)}",
            hint="the files must be line-aligned: line N of the reference translates line N of the source",
        )
    if not src or not any(line.strip() for line in src):
        raise InputError(f"{source} has no sentences")
    return src, ref


def score_translation(hypotheses: list[str], references: list[str], *, system: str = "system",
                      seconds: float = 0.0) -> TranslationReport:  # fmt: skip
    """sacrebleu corpus BLEU (13a tokenisation) and chrF++ (word order 2) of ``hypotheses``."""
    try:
        from sacrebleu.metrics import BLEU, CHRF
    except ImportError as exc:
        raise InputError(
            "scoring translations needs sacrebleu", hint="pip install 'summarizer[eval]'"
        ) from exc
    bleu, chrf = BLEU(), CHRF(word_order=2)
    b = bleu.corpus_score(hypotheses, [references])
    c = chrf.corpus_score(hypotheses, [references])
    return TranslationReport(
        system, len(hypotheses), b.score, c.score, str(bleu.get_signature()), str(chrf.get_signature()),
        seconds / max(1, len(hypotheses)),
    )  # fmt: skip
