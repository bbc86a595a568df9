"""Articles per minute: ``summarizer batch`` (shared model calls) vs one ``Pipeline.run`` per article.

Tiny random-weight models built on the spot (no downloads): the extractive summariser or a tiny T5,
and a tiny Marian whose outputs end after a few tokens (see tests/batch_support.py). Absolute numbers
only compare the two ways of running on the same machine; production models are far slower per call,
so sharing calls matters even more there.

    python benchmarks/bench_batch.py                 # 200 articles, extractive + tiny Marian
    python benchmarks/bench_batch.py --summary t5    # tiny T5 summariser as well
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _articles(n: int) -> list[str]:
    from batch_support import article

    # Short news items of 2-3 sentences, all distinct so no sentence is de-duplicated away.
    return [
        article(i) + (f" Gubernur meminta warga waspada hingga tanggal {i % 28 + 1}." if i % 2 else "")
        for i in range(n)
    ]


def _build(work: Path, summary: str) -> tuple[str, str]:
    from batch_support import quick_marian
    from model_factory import build_tiny_marian, build_tiny_t5

    marian = quick_marian(build_tiny_marian(work / "marian-base"), work / "marian")
    return (str(build_tiny_t5(work / "t5")) if summary == "t5" else "extractive"), str(marian)


def bench_batch_job(texts: list[str], work: Path, summary: str, marian: str, batch_size: int) -> float:
    from summarizer.batch import BatchOptions, run_batch_job

    src, dst = work / "src", work / f"dst-{time.monotonic_ns()}"
    if not src.exists():
        src.mkdir()
        for i, text in enumerate(texts):
            (src / f"{i:04d}.txt").write_text(text, "utf-8")
    options = BatchOptions(
        src=src,
        dst=dst,
        batch_size=batch_size,
        pipeline={"summary_model": summary, "translation_model": marian, "device": "cpu"},
    )
    result = run_batch_job(options, handle_interrupt=False)
    assert result.processed == len(texts) and result.failed == 0, result
    return 60.0 * len(texts) / result.seconds


def bench_run_loop(texts: list[str], summary: str, marian: str) -> float:
    from summarizer import Pipeline

    pipe = Pipeline(summary_model=summary, translation_model=marian, device="cpu")
    pipe.run("Harga beras naik 3,5 persen dibandingkan bulan lalu.")  # load models outside the timing
    start = time.perf_counter()
    for text in texts:
        pipe.run(text)
    return 60.0 * len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--summary", choices=["extractive", "t5"], default="extractive")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="runs per way; the median is reported")
    args = parser.parse_args()

    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import logging

    logging.basicConfig(level=logging.ERROR)
    texts = _articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        summary, marian = _build(work, args.summary)
        bench_run_loop(texts[:8], summary, marian)  # warm-up: first-use imports and caches
        ways = {
            f"batch job, local engine, batch {args.batch_size}": lambda: bench_batch_job(
                texts, work, summary, marian, args.batch_size),
            "batch job, local engine, batch 1": lambda: bench_batch_job(texts, work, summary, marian, 1),
            "Pipeline.run per article": lambda: bench_run_loop(texts, summary, marian),
        }  # fmt: skip
        rates: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(args.repeat):  # interleaved, so load changes on a shared VM hit every way alike
            for name, fn in ways.items():
                rates[name].append(fn())
                print(f"{name}: {rates[name][-1]:.0f} articles/min", file=sys.stderr)
        rows = [(name, statistics.median(r), min(r), max(r)) for name, r in rates.items()]
    print(f"\n{args.articles} articles, summary={args.summary}, tiny Marian, median of {args.repeat}\n")
    print("| way | articles/min (median) | min | max |\n|---|---|---|---|")
    for name, med, lo, hi in rows:
        print(f"| {name} | {med:.0f} | {lo:.0f} | {hi:.0f} |")
    print(f"\nspeed-up of shared batches over one call per article: {rows[0][1] / rows[2][1]:.2f}x")


if __name__ == "__main__":
    main()
