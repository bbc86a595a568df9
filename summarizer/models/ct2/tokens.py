"""Tokenisers without torch: the model's own files (sentencepiece for Marian, ``tokenizer.json`` else).

A serving process thus never imports torch (~250 MB); only unusual tokenizers fall back to transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ..common import quiet_length_warning

__all__ = ["Tokens", "load_tokens"]


class Tokens(Protocol):
    """Text to the token strings CTranslate2 takes, and back."""

    def pieces(self, text: str) -> list[str]: ...

    def encode(self, texts: Sequence[str]) -> list[list[str]]: ...

    def decode(self, tokens: Sequence[str]) -> str: ...


def load_tokens(folder: Path, model_type: str, cfg: dict[str, Any]) -> Tokens:
    """The lightest tokeniser that reproduces transformers' for the model in ``folder``."""
    if model_type == "marian" and (folder / "source.spm").is_file() and (folder / "vocab.json").is_file():
        return _MarianTokens(folder, cfg)
    if (folder / "tokenizer.json").is_file():
        return _FastTokens(folder, cfg)
    return _HFTokens(folder)


def _clean_up(text: str) -> str:
    # transformers' clean_up_tokenization, applied when the tokenizer config asks for it.
    for a, b in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
                 (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re")):  # fmt: skip
        text = text.replace(a, b)
    return text


class _MarianTokens:
    """MarianTokenizer's behaviour with sentencepiece alone: pieces, unknowns as <unk>, ``</s>`` last."""

    def __init__(self, folder: Path, cfg: dict[str, Any]) -> None:
        import sentencepiece as spm

        self.vocab = json.loads((folder / "vocab.json").read_text("utf-8"))
        self.source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        separate = bool(cfg.get("separate_vocabs"))
        # transformers decodes with the source model unless the vocabularies are separate.
        self.target = spm.SentencePieceProcessor(
            model_file=str(folder / ("target.spm" if separate else "source.spm"))
        )
        self.eos, self.unk = str(cfg.get("eos_token", "</s>")), str(cfg.get("unk_token", "<unk>"))
        self.special = {self.eos, self.unk, str(cfg.get("pad_token", "<pad>"))}
        self.clean = bool(cfg.get("clean_up_tokenization_spaces", False))

    def pieces(self, text: str) -> list[str]:
        code: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        return code + [p if p in self.vocab else self.unk for p in self.source.encode(text, out_type=str)]

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return [[*self.pieces(t), self.eos] for t in texts]

    def decode(self, tokens: Sequence[str]) -> str:
        text = self.target.decode_pieces([t for t in tokens if t not in self.special])
        text = text.replace("▁", " ").strip()
        return _clean_up(text) if self.clean else text


class _FastTokens:
    """A ``tokenizer.json`` run by the tokenizers library (what transformers' fast tokenizers wrap)."""

    def __init__(self, folder: Path, cfg: dict[str, Any]) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_truncation()
        self.tok.no_padding()
        self.clean = bool(cfg.get("clean_up_tokenization_spaces", False))

    def pieces(self, text: str) -> list[str]:
        return self.tok.encode(text, add_special_tokens=False).tokens

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return [e.tokens for e in self.tok.encode_batch(list(texts), add_special_tokens=True)]

    def decode(self, tokens: Sequence[str]) -> str:
        ids = [i for i in (self.tok.token_to_id(t) for t in tokens) if i is not None]
        text = self.tok.decode(ids, skip_special_tokens=True).strip()
        return _clean_up(text) if self.clean else text


class _HFTokens:
    """Fallback for other tokenizers: transformers' own (imports torch, so more memory)."""

    def __init__(self, folder: Path) -> None:
        from transformers import AutoTokenizer

        self.tok = AutoTokenizer.from_pretrained(str(folder))
        quiet_length_warning(self.tok)

    def pieces(self, text: str) -> list[str]:
        return self.tok.tokenize(text)

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        ids = self.tok(list(texts), add_special_tokens=True, truncation=False)["input_ids"]
        return [self.tok.convert_ids_to_tokens(x) for x in ids]

    def decode(self, tokens: Sequence[str]) -> str:
        return self.tok.decode(self.tok.convert_tokens_to_ids(list(tokens)), skip_special_tokens=True).strip()
