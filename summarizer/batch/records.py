"""What the batch writes per article: one :class:`OutputRecord` type for every output entry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import SummarizerError
from .items import Article, SourceError, SourceItem

if TYPE_CHECKING:
    from .engine import Outcome

__all__ = ["OutputRecord", "RunContext", "error_fields", "job_key", "render_text"]


@dataclass(frozen=True)
class RunContext:
    """What every record of one run carries: the model ids and the settings that key the resume."""

    models: Mapping[str, str]
    settings: Mapping[str, Any]


@dataclass(frozen=True)
class OutputRecord:
    """One article's entry in ``<rel>.json`` (and its part file while the input file is unfinished).

    ``status`` is ``ok`` (with ``result``), ``failed`` (with ``error``: code, message, hint) or
    ``skipped_language`` (with ``language``). ``to_dict`` keeps the established key order.
    """

    #: The article, or the unreadable file/record, this entry answers for.
    item: SourceItem
    status: str
    key: str | None = None
    context: RunContext | None = None
    result: Mapping[str, Any] | None = None
    error: Mapping[str, Any] | None = None
    language: str | None = None

    @classmethod
    def for_article(cls, article: Article, key: str, context: RunContext, outcome: Outcome) -> OutputRecord:
        """The record of an article an engine has answered for."""
        from .engine import SkippedLanguage

        fields: dict[str, Any] = {}
        if isinstance(outcome, SkippedLanguage):
            fields.update(status="skipped_language", language=outcome.language)
        elif isinstance(outcome, SummarizerError):
            fields.update(status="failed", error=error_fields(outcome))
        else:
            result = outcome.to_dict()
            if article.warnings:  # what reading the source noticed comes first
                result["warnings"] = [w.to_dict() for w in article.warnings] + result.get("warnings", [])
            fields.update(status="ok", result=result)
        return cls(article, key=key, context=context, **fields)

    @classmethod
    def for_source_error(cls, error: SourceError, context: RunContext) -> OutputRecord:
        """The record of something in SRC that could not be read as an article."""
        failure = {"code": error.code, "message": error.message, "hint": error.hint}
        return cls(error, "failed", context=context, error=failure)

    @classmethod
    def lost(cls, article_id: str, source: str) -> OutputRecord:
        """An output that went missing during the run (only when DST is edited meanwhile)."""
        error = {"code": "lost", "message": "output went missing during the run"}
        return cls(SourceItem(article_id, source, None), "failed", error=error)

    def to_dict(self) -> dict[str, Any]:
        where = {"id": self.item.id, "source": self.item.source}
        if self.context is None:  # a lost output: no run context to report
            return {**where, "status": self.status, "key": self.key, "error": self.error}
        article = self.item if isinstance(self.item, Article) else None
        data: dict[str, Any] = {
            **where,
            "index": self.item.index,
            "record_id": article.record_id if article else None,
            "content_hash": article.content_hash if article else None,
            "key": self.key,
            "models": self.context.models,
            "settings": self.context.settings,
        }
        if article and (article.url is not None or article.date is not None):
            data.update(url=article.url, date=article.date)
        data["status"] = self.status
        if self.status == "ok":
            data["result"] = self.result
        elif self.status == "skipped_language":
            data["language"] = self.language
        else:
            data["error"] = self.error
        return data


def job_key(content_hash: str, models: Mapping[str, str], settings: Mapping[str, Any]) -> str:
    """What must match for a finished article to be skipped on a re-run."""
    blob = json.dumps([content_hash, dict(models), dict(settings)], sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def error_fields(error: SummarizerError) -> dict[str, Any]:
    """``code``, ``message``, ``hint`` of a failure, as errors.jsonl and the outputs spell them."""
    return {
        "code": error.code,
        "message": error.message or str(error) or repr(error),
        "hint": error.hint or None,
    }


def render_text(entries: list[Mapping[str, Any]], *, multi: bool) -> str:
    """The readable English of a file's articles (``--full``)."""
    blocks = []
    for entry in entries:
        head = f"# {entry.get('id')}\n\n" if multi else ""
        result = entry.get("result")
        if entry.get("status") == "skipped_language":
            blocks.append(f"{head}[skipped: the article looks {entry.get('language')}]")
            continue
        if entry.get("status") != "ok" or not isinstance(result, dict):
            message = (entry.get("error") or {}).get("message", "failed")
            blocks.append(f"{head}[failed: {message}]")
            continue
        body = f"Summary: {result.get('summary_en', '')}"
        if result.get("translation_en"):
            body += "\n\n" + result["translation_en"]
        blocks.append(head + body)
    return "\n\n".join(blocks) + "\n"
