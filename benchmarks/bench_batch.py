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


def bench_batch_job(
    texts: list[str], work: Path, summary: str, marian: str, batch_size: int
) -> tuple[float, float]:
    from summarizer.batch import BatchOptions, run_batch_job
    from summarizer.pipeline import PipelineOptions

    src, dst = work / "src", work / f"dst-{time.monotonic_ns()}"
    if not src.exists():
        src.mkdir()
        for i, text in enumerate(texts):
            (src / f"{i:04d}.txt").write_text(text, "utf-8")
    options = BatchOptions(
        src=src,
        dst=dst,
        batch_size=batch_size,
        pipeline=PipelineOptions(summary_model=summary, translation_model=marian, device="cpu"),
    )
    cpu = time.process_time()
    result = run_batch_job(options, handle_interrupt=False)
    cpu = time.process_time() - cpu
    assert result.processed == len(texts) and result.failed == 0, result
    return 60.0 * len(texts) / result.seconds, 60.0 * len(texts) / cpu


def bench_run_loop(texts: list[str], summary: str, marian: str) -> tuple[float, float]:
    from summarizer import Pipeline

    pipe = Pipeline(summary_model=summary, translation_model=marian, device="cpu")
    pipe.run("Harga beras naik 3,5 persen dibandingkan bulan lalu.")  # load models outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        pipe.run(text)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return 60.0 * len(texts) / wall, 60.0 * len(texts) / cpu


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
        walls: dict[str, list[float]] = {name: [] for name in ways}
        cpus: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(args.repeat):  # interleaved, so load changes on a shared VM hit every way alike
            for name, fn in ways.items():
                wall, cpu = fn()
                walls[name].append(wall)
                cpus[name].append(cpu)
                print(f"{name}: {wall:.0f} articles/min wall, {cpu:.0f} per CPU-minute", file=sys.stderr)
    # On a shared VM wall time swings with other users' load; CPU time of this process much less.
    print(f"\n{args.articles} articles, summary={args.summary}, tiny Marian, median of {args.repeat}\n")
    print("| way | articles/min (wall, median) | min-max | articles per CPU-minute (median) |")
    print("|---|---|---|---|")
    med = {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in ways}
    for name in ways:
        lo, hi = min(walls[name]), max(walls[name])
        print(f"| {name} | {med[name][0]:.0f} | {lo:.0f}-{hi:.0f} | {med[name][1]:.0f} |")
    names = list(ways)
    shared, single = med[names[0]], med[names[-1]]
    print(
        f"\nshared batches vs one call per article: {shared[0] / single[0]:.2f}x wall, "
        f"{shared[1] / single[1]:.2f}x CPU"
    )


if __name__ == "__main__":
    main()
