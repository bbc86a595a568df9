"""Build tiny random-weight models (T5, Marian) with a sentencepiece vocabulary trained here.

They are saved with ``save_pretrained`` and loaded back through the product's own resolver, so the
real loading path is what the tests exercise. No network, a few seconds on a CPU.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

# Original Indonesian-news-style sentences written for the tests (not copied from any outlet).
CORPUS = [
    "Pemerintah Kota Bandung menyiapkan anggaran Rp1.500.000 untuk setiap kelurahan pada tahun 2024.",
    "Wali Kota mengatakan program itu akan dimulai pada Senin (12/3/2024) pukul 09.00 WIB.",
    "“Kami ingin warga merasakan manfaatnya secara langsung,” kata dia di Balai Kota.",
    "Harga beras di pasar tradisional naik 3,5 persen dibandingkan bulan lalu.",
    "Kepolisian Daerah Jawa Barat menangkap 12 tersangka kasus penipuan daring.",
    "Menurut Badan Pusat Statistik, jumlah penduduk miskin turun menjadi 25,9 juta orang.",
    "Presiden meresmikan jalan tol sepanjang 2.200 kilometer di Sumatra.",
    "Kafe milik René di Ubud ramai dikunjungi wisatawan asing setiap akhir pekan.",
    "Banjir merendam ratusan rumah di Kecamatan Dayeuhkolot, Kabupaten Bandung.",
    "Tim nasional menang 2-1 atas Vietnam dalam laga persahabatan di Jakarta.",
    "Dinas Kesehatan mencatat 1.250 kasus demam berdarah sepanjang Januari.",
    "Bank Indonesia mempertahankan suku bunga acuan di level 6 persen.",
    "The government said the program will start next week in several cities.",
    "Harga cabai rawit mencapai Rp 80.000 per kilogram di Pasar Kramat Jati.",
    "Gubernur meminta warga tetap waspada terhadap cuaca ekstrem hingga akhir Desember.",
]


def _train_spm(prefix: Path, vocab_size: int, **ids: int) -> Path:
    import sentencepiece as spm

    text = "\n".join(CORPUS * 4)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        **ids,
    )
    path = prefix.with_suffix(".model")
    path.write_bytes(model.getvalue())
    return path


def build_tiny_t5(out: Path, v1_1: bool = False, full_vocab: bool = True) -> Path:
    """A 2-layer T5 with a trained sentencepiece tokenizer, saved to ``out``.

    ``v1_1``: T5 v1.1 / nanoT5 style (the IndoNanoT5 family): gated-gelu and an untied, unscaled lm_head.
    ``full_vocab``: give the tokenizer the trained pieces. transformers 5's T5Tokenizer ignores
    ``vocab_file``, so without it the vocabulary is only <pad> </s> <unk> and every word is <unk>.
    """
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    spm_path = _train_spm(out / "spiece", 300, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    if full_vocab:
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_file=str(spm_path))
        pieces = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
        tokenizer = T5Tokenizer(vocab=pieces, extra_ids=0, model_max_length=128)
    else:
        tokenizer = T5Tokenizer(vocab_file=str(spm_path), extra_ids=0, model_max_length=128)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=8,
        d_ff=64,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
        **({"feed_forward_proj": "gated-gelu", "tie_word_embeddings": False} if v1_1 else {}),
    )
    import torch

    torch.manual_seed(0)
    model = T5ForConditionalGeneration(config)
    if v1_1:
        # transformers 5 ties lm_head to the embeddings regardless; real v1.1 checkpoints hold their own.
        model.lm_head.weight = torch.nn.Parameter(torch.randn_like(model.shared.weight))
    model.generation_config.max_new_tokens = 20
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    if v1_1:
        # Write the config the way published v1.1 checkpoints do (transformers 5 rewrites the flag).
        cfg_path = out / "config.json"
        cfg = json.loads(cfg_path.read_text("utf-8"))
        cfg["tie_word_embeddings"] = False
        cfg.pop("scale_decoder_outputs", None)
        cfg_path.write_text(json.dumps(cfg, indent=2), "utf-8")
    spm_path.unlink(missing_ok=True)
    return out


def build_tiny_marian(out: Path, tokenizer_dir: Path | None = None) -> Path:
    """A 1-layer Marian. With ``tokenizer_dir`` it uses that (real opus-mt) tokenizer, else a trained one."""
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out.mkdir(parents=True, exist_ok=True)
    if tokenizer_dir is not None:
        tokenizer = MarianTokenizer.from_pretrained(str(tokenizer_dir))
    else:
        spm_path = _train_spm(out / "spm", 300, pad_id=-1, eos_id=0, unk_id=1, bos_id=-1)
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_file=str(spm_path))
        vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
        vocab["<pad>"] = len(vocab)
        (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
        for name in ("source.spm", "target.spm"):
            (out / name).write_bytes(spm_path.read_bytes())
        spm_path.unlink()
        tokenizer = MarianTokenizer(
            vocab=str(out / "vocab.json"),
            source_spm=str(out / "source.spm"),
            target_spm=str(out / "target.spm"),
            model_max_length=64,
        )
    vocab_size = len(tokenizer)
    pad = tokenizer.pad_token_id
    config = MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=tokenizer.model_max_length,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
        bad_words_ids=[[pad]],
        num_beams=2,
        max_length=tokenizer.model_max_length,
    )
    import torch

    torch.manual_seed(0)
    model = MarianMTModel(config)
    # Random weights would often stop at once; a few forced tokens make outputs visible.
    model.generation_config.min_new_tokens = 2
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def build_tiny_marian_zip(out: Path, licence: str = "CC-BY-4.0") -> Path:
    """A tiny Marian-NATIVE model zip as the Tatoeba-MT store ships it: npz weights (Marian's parameter
    names and its ``special:model.yml``), SentencePiece models, a vocabulary YAML, decoder.yml, README."""
    import zipfile

    import numpy as np
    import sentencepiece as spm

    out.mkdir(parents=True, exist_ok=True)
    work = out / "native"
    work.mkdir(exist_ok=True)
    spm_path = _train_spm(work / "spm", 300, pad_id=-1, eos_id=0, unk_id=1, bos_id=-1)
    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    # Marian writes its vocabulary as a YAML mapping; quote every key as it does for odd ones.
    (work / "opus.spm32k-spm32k.vocab.yml").write_text(
        "".join(f"{json.dumps(p, ensure_ascii=False)}: {i}\n" for i, p in enumerate(pieces)), "utf-8"
    )
    dim, ffn, vocab = 16, 32, len(pieces)
    config = (
        "type: transformer\ndim-emb: 16\nenc-depth: 1\ndec-depth: 1\ntransformer-heads: 2\n"
        "transformer-dim-ffn: 32\ntransformer-ffn-activation: swish\ntransformer-preprocess: ''\n"
        "transformer-postprocess: dan\ntransformer-postprocess-emb: d\ntransformer-decoder-autoreg: self-attention\n"
        "transformer-no-projection: false\ntransformer-guided-alignment-layer: last\ntied-embeddings-all: true\n"
        f"dim-vocabs: [{vocab}, {vocab}]\n"
    )
    rng = np.random.default_rng(0)

    def rand(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.3, shape).astype(np.float32)

    weights = {"Wemb": rand(vocab, dim), "decoder_ff_logit_out_b": rand(1, vocab)}

    def attention(scope: str) -> None:
        for p in "qkvo":
            weights[f"{scope}_W{p}"], weights[f"{scope}_b{p}"] = rand(dim, dim), rand(1, dim)
        weights[f"{scope}_Wo_ln_scale"], weights[f"{scope}_Wo_ln_bias"] = 1 + rand(1, dim), rand(1, dim)

    def feed_forward(scope: str) -> None:
        weights[f"{scope}_ffn_W1"], weights[f"{scope}_ffn_b1"] = rand(dim, ffn), rand(1, ffn)
        weights[f"{scope}_ffn_W2"], weights[f"{scope}_ffn_b2"] = rand(ffn, dim), rand(1, dim)
        weights[f"{scope}_ffn_ffn_ln_scale"], weights[f"{scope}_ffn_ffn_ln_bias"] = (
            1 + rand(1, dim),
            rand(1, dim),
        )

    attention("encoder_l1_self")
    feed_forward("encoder_l1")
    attention("decoder_l1_self")
    attention("decoder_l1_context")
    feed_forward("decoder_l1")
    weights["special:model.yml"] = np.frombuffer(config.encode() + b"\0", dtype=np.int8)
    np.savez(work / "opus+bt.spm32k-spm32k.transformer-align.model1.npz.best-perplexity.npz", **weights)
    (work / "decoder.yml").write_text(
        "models:\n  - opus+bt.spm32k-spm32k.transformer-align.model1.npz.best-perplexity.npz\n"
        "vocabs:\n  - opus.spm32k-spm32k.vocab.yml\n  - opus.spm32k-spm32k.vocab.yml\nbeam-size: 4\n",
        "utf-8",
    )
    (work / "source.spm").write_bytes(spm_path.read_bytes())
    (work / "target.spm").write_bytes(spm_path.read_bytes())
    spm_path.unlink()
    (work / "README.md").write_text(f"# tiny test model\n\n* license: {licence}\n", "utf-8")
    archive = out / "opus+bt-2021-04-30.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(work.iterdir()):
            zf.write(path, path.name)
    return archive
