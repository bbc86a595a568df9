"""The batch engine contract and its record type, without models: outcomes, records, options."""

from __future__ import annotations

import json
import pickle

import pytest

from summarizer.batch import BatchOptions
from summarizer.batch.engine import ArticleError, SkippedLanguage, as_error
from summarizer.batch.local import BatchProcessor
from summarizer.batch.records import OutputRecord, RunContext
from summarizer.batch.sources import Article, SourceError, content_hash
from summarizer.errors import EmptyInputError, GenerationError
from summarizer.glossary import Glossary
from summarizer.pipeline import PipelineOptions
from summarizer.results import ArticleResult, ResultWarning

TEXT = "Harga “beras” naik menjadi Rp1.500.000 per kuintal, kata pejabat café itu."
CONTEXT = RunContext(
    {"summary": "extractive", "translation": "fake/mt"}, {"full": False, "format_version": 1}
)


def _article(**kw) -> Article:
    fields = dict(id="a.jsonl#0", source="a.jsonl", index=0, text=TEXT, format="auto")
    fields.update(kw)
    return Article(content_hash=content_hash(fields["text"], fields["format"]), **fields)


def test_error_codes_come_from_the_class_attribute_and_unexpected_ones_keep_their_class_name():
    assert as_error(GenerationError("boom", hint="retry")).code == "generation"
    wrapped = as_error(RuntimeError("a bug"))
    assert isinstance(wrapped, ArticleError)
    assert (wrapped.code, wrapped.message, wrapped.hint) == ("runtime", "a bug", None)
    assert as_error(ValueError()).message == "ValueError()"  # never an empty message


def test_records_keep_the_output_key_order_for_every_status():
    article = _article(
        url="http://contoh.id/1", warnings=(ResultWarning("invalid_unicode", "x", stage="input"),)
    )
    result = ArticleResult(summary_id=TEXT, summary_en="Rice “prices” rose to Rp1.500.000.", clean_text=TEXT)
    ok = OutputRecord.for_article(article, "k", CONTEXT, result).to_dict()
    assert list(ok) == [
        "id", "source", "index", "record_id", "content_hash", "key", "models", "settings", "url", "date",
        "status", "result",
    ]  # fmt: skip
    assert ok["result"]["warnings"][0]["code"] == "invalid_unicode"  # source warnings come first
    failed = OutputRecord.for_article(
        _article(), "k", CONTEXT, GenerationError("boom", hint="retry")
    ).to_dict()
    assert list(failed)[-2:] == ["status", "error"] and "url" not in failed
    assert failed["error"] == {"code": "generation", "message": "boom", "hint": "retry"}
    skipped = OutputRecord.for_article(_article(), "k", CONTEXT, SkippedLanguage("en")).to_dict()
    assert (skipped["status"], skipped["language"]) == ("skipped_language", "en")
    error = SourceError("b.csv#3", "b.csv", 3, "no_text_field", "no text", "pick --text-field")
    source = OutputRecord.for_source_error(error, CONTEXT).to_dict()
    assert source["key"] is None and source["error"]["hint"] == "pick --text-field"
    lost = OutputRecord.lost("c.txt", "c.txt").to_dict()
    assert list(lost) == ["id", "source", "status", "key", "error"]
    json.dumps([ok, failed, skipped, source, lost], ensure_ascii=False)


def test_processor_answers_in_order_with_typed_outcomes(monkeypatch):
    processor = BatchProcessor(PipelineOptions(summary_model="extractive", translation_model="fake/mt"))

    def run_batch(texts, **kw):
        return [EmptyInputError("empty") if not t.strip() else RuntimeError("bug") for t in texts]

    monkeypatch.setattr(processor.pipeline, "run_batch", run_batch)
    monkeypatch.setattr(BatchProcessor, "_load", lambda self: None)
    out = processor([_article(id="x", text="  "), _article(id="y")])
    assert [i for i, _ in out] == ["x", "y"]
    assert [o.code for _, o in out] == ["empty_input", "runtime"]


def test_batch_options_carry_pipeline_options_that_pickle(tmp_path):
    (tmp_path / "src").mkdir()
    pipeline = PipelineOptions(
        summary_model="extractive", translation_model="fake/mt", glossary={"beras": "rice"}
    )
    options = BatchOptions(src=tmp_path / "src", dst=tmp_path / "dst", pipeline=pipeline)
    assert options.pipeline is pipeline
    again = pickle.loads(pickle.dumps(options))
    assert isinstance(again.pipeline.glossary, Glossary) and again.pipeline.summary_model == "extractive"
    assert options.to_dict()["pipeline"]["glossary"] == {"beras": "rice"}
    from_dict = BatchOptions(src=tmp_path / "src", dst=tmp_path / "dst", pipeline={"guard": False})
    assert isinstance(from_dict.pipeline, PipelineOptions) and from_dict.pipeline.guard is False
    with pytest.raises(ValueError):
        BatchOptions(src=tmp_path / "src", dst=tmp_path / "dst", pipeline={"summary_length": "huge"})
