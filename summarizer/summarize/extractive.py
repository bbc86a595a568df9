"""Offline extractive summariser: lead-position prior + TF-IDF centrality + redundancy control.

No model weights: it runs anywhere in milliseconds. News puts the gist first, so the score is mostly a
position prior, nudged by how central a sentence is to the article (cosine similarity to the TF-IDF
centroid); sentences are added best first until a word budget is reached, skipping near-duplicates of
what is already chosen. Datelines ("Jakarta, CNN Indonesia --") and publisher boilerplate ("Baca juga:",
bylines) are never summary content. The few constants below were tuned on the IndoSum dev slice only.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..text.boilerplate import strip_dateline
from ..text.sentences import split_sentences

__all__ = ["LENGTHS", "extractive_summary"]

#: Word budget per length: sentences are added until the summary has at least this many words.
#: "medium" is the dev-tuned default (IndoSum reference summaries average 57 words, 3.5 sentences).
LENGTHS: dict[str, int] = {"short": 25, "medium": 50, "long": 100}

# Tuned on dev (see benchmarks/eval_summary.md): score = 1/(1+i)^POSITION_DECAY + CENTRALITY_WEIGHT*cos.
POSITION_DECAY = 1.0
CENTRALITY_WEIGHT = 0.3
# A candidate this similar (cosine) to a chosen sentence says the same thing again.
REDUNDANCY_MAX = 0.6
# Sentences shorter than this (words) are headings, captions or bylines, not summary material.
MIN_WORDS = 5

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_BOILERPLATE_RE = re.compile(
    r"^(?:baca juga|simak juga|lihat juga|tonton juga|foto\s*:|video\s*:|sumber\s*:|editor\s*:|penulis\s*:"
    r"|reporter\s*:|\(?[a-z]{2,4}(?:/[a-z]{2,4})*\)?\s*$)|https?://|www\.|@\w+\s*$",
    re.IGNORECASE,
)
# A short line with no closing punctuation is a headline or subheading; the article's sentences say it better.
_HEADING_RE = re.compile(r"[^.!?\"”’')\]:;]\s*$")
HEADING_MAX_WORDS = 20
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


def _tfidf(token_lists: list[list[str]]) -> list[dict[str, float]]:
    """L2-normalised sublinear TF-IDF vectors, the article itself as the document collection."""
    n = len(token_lists)
    df: Counter[str] = Counter(w for toks in token_lists for w in set(toks))
    vecs = []
    for toks in token_lists:
        v = {w: (1.0 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in Counter(toks).items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _candidates(text: str) -> list[str]:
    sentences = [s.strip() for p in _PARAGRAPH_RE.split(text) for s in split_sentences(p.strip(), lang="id")]
    sentences = [s for s in sentences if s]
    if sentences:
        # The cleaner's own dateline forms: the pipeline has cut them already, a direct caller may not have.
        sentences[0] = strip_dateline(sentences[0])[0]
    return sentences


def extractive_summary(text: str, *, length: str = "medium") -> list[str]:
    """Choose central, non-redundant, early sentences of ``text``; return them in original order.

    ``text`` is a cleaned article, paragraphs separated by a blank line. ``length`` is "short",
    "medium" (default, ~3 sentences) or "long". A leading dateline is trimmed from the first sentence.
    """
    if length not in LENGTHS:
        raise ValueError(f"length must be one of {sorted(LENGTHS)}, not {length!r}")
    budget = LENGTHS[length]
    sentences = _candidates(text)
    if not sentences:
        return []
    tokens = [[w.lower() for w in _WORD_RE.findall(s)] for s in sentences]
    usable = [
        i
        for i, s in enumerate(sentences)
        if len(tokens[i]) >= MIN_WORDS
        and not _BOILERPLATE_RE.search(s)
        and not (len(tokens[i]) <= HEADING_MAX_WORDS and _HEADING_RE.search(s))
    ]
    if not usable:
        usable = list(range(len(sentences)))  # a very short article: everything is content
    vecs = _tfidf(tokens)
    centroid: Counter[str] = Counter()
    for i in usable:
        centroid.update(vecs[i])
    cnorm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    centre = {w: x / cnorm for w, x in centroid.items()}
    # Rank among usable sentences, so a skipped byline does not push the lead down.
    score = {i: 1.0 / (1.0 + rank) ** POSITION_DECAY + CENTRALITY_WEIGHT * _cos(vecs[i], centre)
             for rank, i in enumerate(usable)}  # fmt: skip
    chosen: list[int] = []
    words = 0
    for i in sorted(usable, key=lambda j: -score[j]):
        if words >= budget:
            break
        if any(_cos(vecs[i], vecs[j]) > REDUNDANCY_MAX for j in chosen):
            continue
        chosen.append(i)
        words += len(tokens[i])
    return [sentences[i] for i in sorted(chosen)]
