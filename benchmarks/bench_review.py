"""Review tools: glossary enforcement rates and the time overhead of scores and glossary.

    python benchmarks/bench_review.py [--sentences 24] [--repeats 3] [--work DIR]

1. Fake translators that keep, drop or mistranslate placeholders over real Indonesian sentences
   (seed article + IndoSum dev from ../shared) with a glossary of the sentences' frequent capitalised
   words: share of term occurrences rendered or reported (target 100 %) and false ``glossary_missing``
   (target 0), counted independently of the translator's own bookkeeping.
2. The tiny Marian with the real opus-mt-id-en vocabulary: placeholders kept by the model unaided, after
   the guard's re-translations, and terms rendered after the split repair.
3. The opus-mt-id-en-shape Marian (random weights, forced 32 output tokens, beam 4, as in
   bench_translate.py): translator time without scores, with scores, with scores + glossary.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench_translate import DEV, OPUS, SEED, TRANSLATION_NAME, build_models  # noqa: E402

from summarizer.glossary import Glossary  # noqa: E402
from summarizer.models.base import GenerationSettings  # noqa: E402
from summarizer.text import split_sentences  # noqa: E402
from summarizer.translate import Translator, normalise_for_mt  # noqa: E402

PLACEHOLDER = re.compile(r"(?<![\d.,])9\d[,.]?\d{3}(?![\d])")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def pool(limit: int) -> list[str]:
    out = [s for p in SEED.read_text("utf-8").split("\n") for s in split_sentences(p)]
    with DEV.open(encoding="utf-8") as handle:
        for line in handle:
            out.extend(s for para in json.loads(line)["paragraphs"] for s in para)
            if len(out) >= limit:
                break
    return [s for s in out if len(s.split()) >= 5][:limit]


def house_glossary(sentences: list[str], size: int = 60) -> Glossary:
    """Frequent capitalised words not at a sentence start; half kept verbatim, half given a rendering."""
    counts = collections.Counter(
        w for s in sentences for w in re.findall(r"(?<=\s)[A-Z][A-Za-z]{2,}", s) if not w.isupper()
    )
    terms = [w for w, _ in counts.most_common(size)]
    return Glossary({t: t if i % 2 else f"{t} Office" for i, t in enumerate(terms)})


def fake_rates(sentences: list[str], glossary: Glossary) -> dict:
    from fakes import FakeModel

    behaviours = {
        "keeps": lambda t: f"EN {t}",
        "drops": lambda t: "EN " + PLACEHOLDER.sub("", t),
        "mistranslates": lambda t: "EN " + PLACEHOLDER.sub("the office", t),
        "drops_every_other": lambda t: (
            "EN " + re.sub(PLACEHOLDER, lambda m: m.group() if int(m.group()[-1]) % 2 else "", t)
        ),
    }
    report = {}
    for name, fn in behaviours.items():
        for guard in (False, True):
            translator = Translator(
                FakeModel(max_input_tokens=512, transform=fn), guard=guard, glossary=glossary
            )
            result = translator.translate_scored(sentences)
            occurrences = rendered = reported = false = 0
            missing = collections.Counter(
                (w.source, w.span) for w in result.warnings if w.code == "glossary_missing"
            )
            for source, english in zip(sentences, result.english):
                matches = glossary.find(source)
                occurrences += len(matches)
                key = normalise_for_mt(source)
                for rendering in {m.english for m in matches}:
                    want = sum(m.english == rendering for m in matches)
                    have = len(re.findall(rf"(?<!\w){re.escape(rendering)}(?!\w)", english, re.I))
                    told = sum(n for (src, span), n in missing.items() if src == key and
                               glossary.find(span)[0].english == rendering)  # fmt: skip
                    rendered += min(want, have)
                    reported += min(told, max(0, want - have))
                    false += max(0, told - max(0, want - have))
            report[f"{name}/guard={guard}"] = {
                "occurrences": occurrences,
                "rendered": rendered,
                "reported_missing": reported,
                "rendered_or_reported": round((rendered + reported) / max(1, occurrences), 4),
                "false_missing": false,
            }
    return report


def tiny_marian_survival(sentences: list[str], glossary: Glossary, work: Path, limit: int) -> dict:
    from model_factory import build_tiny_marian

    from summarizer.models import load_model, resolve_model

    folder = work / "tiny-opus-vocab"
    if not (folder / "config.json").exists():
        build_tiny_marian(folder, tokenizer_dir=OPUS)
    model = load_model(resolve_model(str(folder), "translation"), device="cpu")
    # Random weights rarely stop, and the guard retries every sentence with 6 and 8 beams: keep it small.
    with_terms = [s for s in sentences if glossary.find(s)][:limit]
    out = {}
    for guard in (False, True):
        result = Translator(model, guard=guard, glossary=glossary).translate_scored(with_terms)
        out[f"guard={guard}"] = result.glossary_stats
    out["sentences"] = len(with_terms)
    return out


class _NoScores:
    """The same model with only generate(): the translator then asks for no scores."""

    def __init__(self, model) -> None:
        self._model = model
        self.generate = model.generate

    def __getattr__(self, name: str):
        if name == "generate_scored":
            raise AttributeError(name)
        return getattr(self._model, name)


def overhead(sentences: list[str], glossary: Glossary, work: Path, repeats: int, backend: str) -> dict:
    from summarizer.models import load_model, resolve_model

    models = build_models(work)
    kwargs = {"compute_type": "int8"} if backend == "ctranslate2" else {}
    model = load_model(resolve_model(str(models / TRANSLATION_NAME), "translation"), device="cpu",
                       backend=backend, **kwargs)  # fmt: skip
    settings = GenerationSettings(num_beams=4, max_new_tokens=32, min_new_tokens=32)
    modes = {
        "no_scores": lambda: Translator(_NoScores(model), settings, guard=False, min_confidence=0.0),
        "scores": lambda: Translator(model, settings, guard=False),
        "scores+glossary": lambda: Translator(model, settings, guard=False, glossary=glossary),
    }
    modes["no_scores"]().translate_sentences(sentences[:4])  # warm-up
    times: dict[str, list[float]] = {m: [] for m in modes}
    for _ in range(repeats):
        for name, make in modes.items():  # interleaved: fair on a busy machine
            translator = make()
            start = time.perf_counter()
            translator.translate_sentences(sentences)
            times[name].append(time.perf_counter() - start)
            log(f"  {backend} {name}: {times[name][-1]:.2f} s")
    median = {m: statistics.median(t) for m, t in times.items()}
    base = median["no_scores"]
    return {
        "seconds": {m: round(s, 3) for m, s in median.items()},
        "overhead_scores_pct": round(100 * (median["scores"] / base - 1), 1),
        "overhead_scores_glossary_pct": round(100 * (median["scores+glossary"] / base - 1), 1),
        "terms_in_sentences": sum(len(glossary.find(s)) for s in sentences),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=24, help="Sentences for the timing run.")
    parser.add_argument("--pool", type=int, default=400, help="Sentences for the glossary rates.")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backends", default="transformers", help="Comma list: transformers,ctranslate2")
    parser.add_argument("--tiny", type=int, default=12, help="Sentences with terms for the tiny Marian.")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--skip-rates", action="store_true")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "summarizer-bench"))
    args = parser.parse_args()
    if not OPUS.exists():
        sys.exit("needs ../shared/assets (opus-mt-id-en tokenizer, seed article, IndoSum dev)")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sentences = pool(args.pool)
    glossary = house_glossary(sentences)
    results: dict = {"glossary_terms": len(glossary)}
    if not args.skip_rates:
        results["fake"] = fake_rates(sentences, glossary)
        log(json.dumps(results["fake"], indent=1))
        results["tiny_opus_vocab_marian"] = tiny_marian_survival(sentences, glossary, work, args.tiny)
        log(json.dumps(results["tiny_opus_vocab_marian"], indent=1))
    if not args.skip_timing:
        timed = [s for s in sentences if glossary.find(s)][: args.sentences // 2]
        timed += [s for s in sentences if not glossary.find(s)][: args.sentences - len(timed)]
        for backend in args.backends.split(","):
            results[f"overhead_{backend}"] = overhead(timed, glossary, work, args.repeats, backend)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
