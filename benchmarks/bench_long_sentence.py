"""Time to split and translate one huge unpunctuated "sentence": must grow linearly with its length.

Builds the tiny Marian test model (random weights, trained 300-piece tokenizer, 64-token limit) and
translates sentences of growing size with ``guard=False``. Reports seconds per 10,000 characters for
the splitting alone and for the whole translation, and checks that every word reached the model.

    python benchmarks/bench_long_sentence.py [--sizes 12500,25000,50000,100000] [--threads 1]

Torch's intra-op threads spin while they wait: on a machine whose cores are busy with other work, a
tiny model's many small matrix products can run 10-30x slower with 2 threads than with 1. ``--threads``
(default 1) keeps the measurement about our code, not the scheduler.

Last line (machine-readable):
    chars=<largest> split_s=<n> translate_s=<n> growth=<per-char time, largest / smallest size>
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def sentence(chars: int) -> str:
    words = ["harga", "beras", "naik", "André", "Rp1.500.000", "pasar", "kota", "warga", "mengeluh"]
    out: list[str] = []
    size = 0
    while size < chars:
        out.append(f"{words[len(out) % len(words)]}{len(out)}")
        size += len(out[-1]) + 1
    return " ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="12500,25000,50000,100000")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import torch
    from model_factory import build_tiny_marian

    from summarizer.models import load_model, resolve_model
    from summarizer.text.chunking import split_oversized
    from summarizer.translate import Translator

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_tiny_marian(Path(tmp) / "marian")
        model = load_model(resolve_model(str(folder), "translation"), device="cpu")
        translator = Translator(model, guard=False)
        seen: list[str] = []
        generate = model.generate

        def spy(texts, settings):
            seen.extend(texts)
            return generate(texts, settings)

        model.generate = spy
        rows = []
        for chars in sizes:
            text = sentence(chars)
            start = time.perf_counter()
            pieces = split_oversized(text, translator.unit_limit, model.count_tokens, model.split_tokens)
            split_s = time.perf_counter() - start
            seen.clear()
            start = time.perf_counter()
            english, _ = translator.translate_sentences([text])
            translate_s = time.perf_counter() - start
            covered = sorted(" ".join(seen).split()) == sorted(text.split())
            rows.append((len(text), len(pieces), split_s, translate_s, covered, len(english[0])))
            print(
                f"{len(text):>7,} chars {len(pieces):>5} pieces  split {split_s:6.2f} s "
                f"({split_s / len(text) * 1e4:.3f} s/10k)  translate {translate_s:7.2f} s "
                f"({translate_s / len(text) * 1e4:.2f} s/10k)  every word translated: {covered}",
                flush=True,
            )
    first, last = rows[0], rows[-1]
    growth = (last[3] / last[0]) / (first[3] / first[0])
    print(f"chars={last[0]} split_s={last[2]:.2f} translate_s={last[3]:.2f} growth={growth:.2f}")


if __name__ == "__main__":
    main()
