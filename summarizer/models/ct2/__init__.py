"""CTranslate2 backend: the HF model converted once (cached), run with int8 kernels; no torch at run time.

``runtime`` (import, devices, compute types, threads), ``convert`` (the conversion cache), ``tokens``
(torch-free tokenisers) and ``model`` (:class:`CTranslate2Model`); the names below stay importable here.
"""

from __future__ import annotations

from ..common import CT2_INSTALL_HINT as INSTALL_HINT
from .convert import ENV_CT2_DIR, cache_root, convert_model, fix_tie_flag
from .model import CTranslate2Model
from .runtime import COMPUTE_TYPES, resolve_compute_type, thread_layout

__all__ = [
    "COMPUTE_TYPES",
    "ENV_CT2_DIR",
    "INSTALL_HINT",
    "CTranslate2Model",
    "cache_root",
    "convert_model",
    "fix_tie_flag",
    "resolve_compute_type",
    "thread_layout",
]
