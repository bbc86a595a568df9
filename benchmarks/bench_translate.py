"""Speed of the transformers and CTranslate2 backends on the production model shapes.

Builds opus-mt-id-en (real config + tokenizer from ../shared/assets, random weights) and an IndoNanoT5-like
T5 v1.1 base summariser (32k vocabulary, random weights), then translates real Indonesian sentences with
forced output lengths (min = max new tokens, so random weights cannot stop early). Each backend runs in its
own subprocess so peak RSS is clean; ratios compare numbers measured in the same run.

    python benchmarks/bench_translate.py [--quick] [--json] [--work DIR]

Last line (machine-readable):
    ratio_beam4_b8=<ct2/hf> ratio_vs_naive=<best ct2/per-sentence hf> ct2_rss_mb=<n> seed_s=<n>
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OPUS = SHARED / "assets" / "opus-mt-id-en"
SEED = SHARED / "assets" / "seed-article-antara.txt"
DEV = SHARED / "data" / "indosum-dev.jsonl"
# Where the pipeline's "default" presets find the models (SUMMARIZER_MODELS_DIR layout).
SUMMARY_NAME = "LazarusNLP--IndoNanoT5-base-IndoSum"
TRANSLATION_NAME = "Helsinki-NLP--opus-mt-id-en"
TARGET_TOKENS = 32
SUMMARY_TOKENS = 64
BACKENDS = ("transformers", "ctranslate2")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- models ------------------------------------------------------------------------------------


def build_models(work: Path) -> Path:
    """Random-weight production-shape models under ``work/models`` (built once, reused)."""
    models = work / "models"
    marian, t5 = models / TRANSLATION_NAME, models / SUMMARY_NAME
    if not (marian / "model.safetensors").is_file():
        log("building the opus-mt-id-en-shape Marian (random weights) ...")
        import torch
        from transformers import MarianConfig, MarianMTModel, MarianTokenizer

        torch.manual_seed(0)
        model = MarianMTModel(MarianConfig.from_pretrained(OPUS))
        model.save_pretrained(marian)
        MarianTokenizer.from_pretrained(OPUS).save_pretrained(marian)
        for name in ("generation_config.json",):
            (marian / name).write_bytes((OPUS / name).read_bytes())
    if not (t5 / "model.safetensors").is_file():
        log("building the T5 v1.1 base-shape summariser (random weights, 32k vocab) ...")
        import sentencepiece as spm
        import torch
        from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

        sp = spm.SentencePieceProcessor(model_file=str(OPUS / "source.spm"))
        specials = {"<unk>", "<s>", "</s>"}
        pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)] + [
            (sp.id_to_piece(i), sp.get_score(i))
            for i in range(sp.get_piece_size())
            if sp.id_to_piece(i) not in specials
        ]
        tokenizer = T5Tokenizer(vocab=pieces, extra_ids=0, model_max_length=512)
        config = T5Config(
            vocab_size=len(tokenizer), d_model=768, d_kv=64, d_ff=2048, num_layers=12, num_heads=12,
            feed_forward_proj="gated-gelu", tie_word_embeddings=False, decoder_start_token_id=0,
            pad_token_id=0, eos_token_id=1,
        )  # fmt: skip
        torch.manual_seed(0)
        model = T5ForConditionalGeneration(config)
        model.lm_head.weight = torch.nn.Parameter(torch.randn_like(model.shared.weight))
        model.save_pretrained(t5)
        tokenizer.save_pretrained(t5)
        cfg = json.loads((t5 / "config.json").read_text("utf-8"))
        cfg["tie_word_embeddings"] = False  # as published v1.1 checkpoints say
        cfg.pop("scale_decoder_outputs", None)
        (t5 / "config.json").write_text(json.dumps(cfg, indent=2), "utf-8")
    return models


def sentences(n: int) -> list[str]:
    """Real Indonesian sentences of ordinary news length: the seed article first, then IndoSum dev."""
    import sentencepiece as spm

    from summarizer.text import split_sentences

    sp = spm.SentencePieceProcessor(model_file=str(OPUS / "source.spm"))
    pool = [s for p in SEED.read_text("utf-8").split("\n") for s in split_sentences(p)]
    with DEV.open(encoding="utf-8") as handle:
        for line in handle:
            pool.extend(s for para in json.loads(line)["paragraphs"] for s in para)
    picked = [s for s in pool if 15 <= len(sp.encode(s)) <= 60]
    return picked[:n]


# -- workers (one backend per process) ------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def worker_translate(args: argparse.Namespace) -> None:
    """Serve timing requests on stdin (one JSON per line) so the driver can interleave backends."""
    from summarizer.models import GenerationSettings, load_model, resolve_model
    from summarizer.text.chunking import length_sorted_batches
    from summarizer.translate import Translator

    sents = json.loads(Path(args.sentences_file).read_text("utf-8"))
    kwargs = {"compute_type": "int8"} if args.backend == "ctranslate2" else {}
    resolved = resolve_model(str(Path(args.models) / TRANSLATION_NAME), "translation")
    model = load_model(resolved, device="cpu", backend=args.backend, **kwargs)
    lengths = model.count_tokens(sents)
    forced = dict(max_new_tokens=TARGET_TOKENS, min_new_tokens=TARGET_TOKENS)
    model.generate(sents[:2], GenerationSettings(num_beams=4, **forced))  # warm-up
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("exit"):
            break
        beams, batch = request["beam"], request["batch"]
        settings = GenerationSettings(num_beams=beams, **forced)
        start = time.perf_counter()
        if batch == "translator":
            # The product path: dedup, length-sorted token-budget batches (2048 tokens / 16 sentences).
            Translator(model, settings, guard=False).translate_sentences(sents)
        else:
            for b in length_sorted_batches(lengths, max_batch_tokens=10**9, max_batch_size=batch):
                model.generate([sents[i] for i in b], settings)
        print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)
    print(json.dumps({"peak_rss_mb": round(_peak_rss_mb(), 1)}), flush=True)


def measure_translation(models: Path, sent_file: Path, n: int, configs: list, repeats: int) -> dict:
    """Both backends in their own process, measured config by config in turn (fair on a busy VM)."""
    procs = {}
    for backend in BACKENDS:
        cmd = [sys.executable, __file__, "--worker", "translate", "--backend", backend,
               "--models", str(models), "--sentences-file", str(sent_file)]  # fmt: skip
        # Idle OpenMP threads spin by default: a waiting worker would steal the other one's two cores.
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        procs[backend] = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        json.loads(procs[backend].stdout.readline())  # loaded and warm
    times: dict[tuple, list[float]] = {}
    for _ in range(repeats):
        for beams, batch in configs:
            for backend, proc in procs.items():
                proc.stdin.write(json.dumps({"beam": beams, "batch": batch}) + "\n")
                proc.stdin.flush()
                seconds = json.loads(proc.stdout.readline())["seconds"]
                times.setdefault((backend, beams, batch), []).append(seconds)
                log(f"  {backend:<12} beam{beams} b{batch}: {n * TARGET_TOKENS / seconds:7.1f} tok/s")
    results = {}
    for backend, proc in procs.items():
        proc.stdin.write(json.dumps({"exit": True}) + "\n")
        proc.stdin.flush()
        rss = json.loads(proc.stdout.readline())["peak_rss_mb"]
        proc.wait(timeout=60)
        rows = []
        for beams, batch in configs:
            seconds = statistics.median(times[(backend, beams, batch)])
            mode = "translator" if batch == "translator" else "per-sentence" if batch == 1 else "batched"
            rate = n * TARGET_TOKENS / seconds
            rows.append(
                {"mode": mode, "beam": beams, "batch": batch, "seconds": round(seconds, 3),
                 "tokens_per_s": round(rate, 1), "sentences_per_s": round(n / seconds, 2)}
            )  # fmt: skip
        results[backend] = {
            "backend": backend,
            "rows": rows,
            "peak_rss_mb": rss,
            "translator_rss_mb": translator_rss(models, sent_file, backend),
        }
    return results


def translator_rss(models: Path, sent_file: Path, backend: str) -> float:
    """Peak RSS of a process that only loads the model and runs the product's translator path.

    The shared worker's peak also holds the largest forced batch (32 x 4 beams), which the product
    never sends; this is the number a translator process really needs.
    """
    cmd = [sys.executable, __file__, "--worker", "translate", "--backend", backend,
           "--models", str(models), "--sentences-file", str(sent_file)]  # fmt: skip
    requests = json.dumps({"beam": 4, "batch": "translator"}) + "\n" + json.dumps({"exit": True}) + "\n"
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    out = subprocess.run(cmd, input=requests, stdout=subprocess.PIPE, text=True, check=True, env=env)
    return float(json.loads(out.stdout.strip().splitlines()[-1])["peak_rss_mb"])


def worker_seed(args: argparse.Namespace) -> dict:
    os.environ["SUMMARIZER_MODELS_DIR"] = args.models
    from summarizer import Pipeline

    seed = SEED.read_text("utf-8")
    kwargs = {"compute_type": "int8"} if args.backend == "ctranslate2" else {}
    # Random weights never emit </s>, so every sentence would run to the translator's safety cap
    # (2x its source + 10). Force what a real translation does instead: about as many tokens out as in.
    from summarizer.translate import Translator

    Translator._max_new_tokens = lambda self, source_tokens, settings: source_tokens
    # guard=False: random weights drop every number, and the guard's retries would time the guard.
    pipe = Pipeline("default", "default", "cpu", backend=args.backend, guard=False, **kwargs)
    pipe.run(seed, length="short")  # load models, warm up
    summary_tokens = pipe.summarizer.model.count_tokens([pipe.run(seed, length="short").summary_id])[0]
    seed_s = _median_time(lambda: pipe.run(seed, length="short"), args.repeats)
    full_s = _median_time(lambda: pipe.run(seed, full=True, length="short"), max(1, args.repeats - 2))
    log(f"  {args.backend:<12} seed summary+translation {seed_s:.2f}s, with full translation {full_s:.2f}s")
    return {
        "backend": args.backend, "seed_s": round(seed_s, 2), "full_s": round(full_s, 2),
        "summary_tokens": summary_tokens, "peak_rss_mb": round(_peak_rss_mb(), 1),
    }  # fmt: skip


# -- driver ---------------------------------------------------------------------------------------


def run_worker(kind: str, backend: str, extra: list[str]) -> dict:
    """One backend's seed-article timing in a fresh process (clean peak RSS)."""
    cmd = [sys.executable, __file__, "--worker", kind, "--backend", backend, *extra]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="Fewer sentences, configs and repeats.")
    parser.add_argument("--json", action="store_true", help="Print the full results as JSON on stdout.")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "summarizer-bench"))
    parser.add_argument(
        "--seed-backends",
        default=",".join(BACKENDS),
        help="Backends to time on the seed article ('' = none).",
    )
    parser.add_argument("--worker", choices=["translate", "seed"], help=argparse.SUPPRESS)
    parser.add_argument("--backend", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--models", help=argparse.SUPPRESS)
    parser.add_argument("--sentences-file", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        if args.worker == "translate":
            worker_translate(args)
        else:
            print(json.dumps(worker_seed(args)))
        return
    if not OPUS.is_dir() or not SEED.is_file() or not DEV.is_file():
        sys.exit(f"needs ../shared assets: {OPUS}, {SEED}, {DEV}")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SUMMARIZER_CT2_DIR", str(work / "ct2"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    models = build_models(work)
    from summarizer.models.ct2 import convert_model

    for name, kind in ((TRANSLATION_NAME, "translation"), (SUMMARY_NAME, "summary")):
        convert_model(str(models / name), kind, "int8")  # once, outside the timed workers
    repeats = 1 if args.quick else 3
    sents = sentences(16 if args.quick else 48)
    sent_file = work / "sentences.json"
    sent_file.write_text(json.dumps(sents, ensure_ascii=False), "utf-8")
    configs = [[4, 1], [4, 8], [4, "translator"]]
    if not args.quick:
        configs = [[1, 8], *configs, [4, 32]]
    log(f"{len(sents)} sentences, {TARGET_TOKENS} forced target tokens, median of {repeats}")
    translate = measure_translation(models, sent_file, len(sents), configs, repeats)
    common = ["--models", str(models), "--repeats", str(repeats)]
    seed = {b: run_worker("seed", b, common) for b in BACKENDS if b in args.seed_backends.split(",")}
    report(translate, seed, len(sents), repeats, args.json)


def _rate(result: dict, mode: str, beam: int, batch) -> float | None:
    for row in result["rows"]:
        if row["mode"] == mode and row["beam"] == beam and row["batch"] == batch:
            return row["tokens_per_s"]
    return None


def report(translate: dict, seed: dict, n: int, repeats: int, as_json: bool) -> None:
    hf, ct = translate["transformers"], translate["ctranslate2"]
    lines = [
        "| backend | mode | beam | batch | target tok/s | sentences/s | worker peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, res in (("HF fp32", hf), ("CT2 int8", ct)):
        for row in res["rows"]:
            lines.append(
                f"| {name} | {row['mode']} | {row['beam']} | {row['batch']} | {row['tokens_per_s']} | "
                f"{row['sentences_per_s']} | {res['peak_rss_mb']} |"
            )
    naive = _rate(hf, "per-sentence", 4, 1)
    ratio_b8 = (_rate(ct, "batched", 4, 8) or 0) / (_rate(hf, "batched", 4, 8) or 1)
    best_ct = max(row["tokens_per_s"] for row in ct["rows"] if row["beam"] == 4)
    hf_tuned = (_rate(hf, "translator", 4, "translator") or 0) / (naive or 1)
    lines += [
        "",
        f"{n} sentences x {TARGET_TOKENS} forced tokens, median of {repeats}.",
        f"CT2/HF beam4 batch8: {ratio_b8:.2f}x; "
        f"best CT2 beam4 / per-sentence HF beam4: {best_ct / (naive or 1):.2f}x",
        f"HF translator (length-sorted token-budget batches) / per-sentence HF loop: {hf_tuned:.2f}x",
        f"translator process peak RSS (product path only): HF {hf['translator_rss_mb']:.0f} MB, "
        f"CT2 {ct['translator_rss_mb']:.0f} MB",
    ]
    for name, res in seed.items():
        lines.append(
            f"seed article ({name}): summary ({res['summary_tokens']} tokens, preset beam) + "
            f"summary translation {res['seed_s']} s; with full translation {res['full_s']} s; "
            f"peak RSS {res['peak_rss_mb']} MB"
        )
    if as_json:
        print(json.dumps({"translate": translate, "seed": seed}, indent=2))
    else:
        print("\n".join(lines))
    seed_s = seed.get("ctranslate2", {}).get("seed_s", float("nan"))
    print(
        f"ratio_beam4_b8={ratio_b8:.2f} ratio_vs_naive={best_ct / (naive or 1):.2f} "
        f"ct2_rss_mb={ct['translator_rss_mb']:.0f} seed_s={seed_s}"
    )


if __name__ == "__main__":
    main()
