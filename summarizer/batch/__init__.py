"""Batch runs over whole archive folders, resumable and crash-safe, locally or on Ray.

>>> from summarizer.batch import BatchOptions, run_batch_job
>>> summary = run_batch_job(BatchOptions(src="archive", dst="out", full=True))
>>> summary.processed, summary.skipped, summary.failed
"""

from __future__ import annotations

from .job import BatchSummary, run_batch_job
from .local import BatchProcessor
from .options import ENGINES, BatchOptions

__all__ = ["ENGINES", "BatchOptions", "BatchProcessor", "BatchSummary", "run_batch_job"]
