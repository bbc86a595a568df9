"""Helpers for the batch tests: a model-free translator, a quick variant of the tiny Marian, test data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fakes import FakeModel

from summarizer.batch import BatchOptions
from summarizer.models.base import GenerationSettings


class FakeMT(FakeModel):
    """The project's fake backend as a translator named fake/mt: tags each sentence ``EN[...]``."""

    backend = "transformers"

    def __init__(self) -> None:
        super().__init__(max_input_tokens=512, transform=lambda t: f"EN[{t}]", model_id="fake/mt")
        self.generation_defaults = GenerationSettings()

    @property
    def calls(self) -> list[int]:
        """Sentences per model call, so tests can check that articles share calls."""
        return [len(batch) for batch in self.batches]


def batch_cli(*args: str | Path, translation_model: Path | str):
    """``summarizer batch ARGS`` through click's runner, with the extractive summary and this translator."""
    from click.testing import CliRunner

    from summarizer.cli import main

    models = ["--summary-model", "extractive", "--translation-model", str(translation_model)]
    return CliRunner().invoke(main, ["batch", *map(str, args), *models], catch_exceptions=False)


def fake_batch_options(src: Path, dst: Path, **kw) -> BatchOptions:
    """Batch options with the extractive summary and the fake translator (no model, no guard)."""
    pipeline = {"summary_model": "extractive", "translation_model": "fake/mt", "guard": False}
    return BatchOptions(src=src, dst=dst, pipeline=pipeline, **kw)


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
