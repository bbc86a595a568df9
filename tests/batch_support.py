"""Helpers for the batch tests: a quick variant of the tiny Marian and a mixed test archive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ARTICLE = (
    "Pemerintah Kota Bandung menyiapkan anggaran Rp1.500.000 untuk setiap kelurahan pada tahun 2024. "
    "Wali Kota mengatakan program itu akan dimulai pada Senin pekan depan. "
    "Harga beras di pasar tradisional naik 3,5 persen dibandingkan bulan lalu."
)


def quick_marian(base: Path, out: Path, *, min_new_tokens: int = 2) -> Path:
    """Copy of a tiny Marian that ends each output after ``min_new_tokens`` tokens.

    Random weights rarely emit </s>, so every sentence would decode to the length cap (and the
    guard would retranslate it): seconds per article on a 2-core box. A large </s> logit bias keeps
    the real model, tokenizer and loading path while making outputs short and deterministic.
    """
    import torch
    from transformers import MarianMTModel

    shutil.copytree(base, out, dirs_exist_ok=True)
    model = MarianMTModel.from_pretrained(str(out))
    with torch.no_grad():
        model.final_logits_bias[0, model.config.eos_token_id] = 30.0
    model.generation_config.min_new_tokens = min_new_tokens
    model.save_pretrained(str(out))
    return out


def article(i: int) -> str:
    """A distinct short article (distinct sentences, so nothing is de-duplicated across articles)."""
    return (
        f"Dinas Kesehatan mencatat {1000 + i} kasus demam berdarah di wilayah {i}. "
        f"Kepolisian menangkap {i + 2} tersangka kasus penipuan daring pada pekan ke-{i}."
    )


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
