"""Error classes: each names its own stable code (outputs file errors under it)."""

from __future__ import annotations

import pytest

from summarizer import errors
from summarizer.batch.engine import ArticleError
from summarizer.errors import InputError, SummarizerError
from summarizer.glossary import GlossaryError


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def test_every_error_class_has_its_own_snake_case_code():
    classes = [c for c in _subclasses(SummarizerError) if c.__module__.startswith("summarizer.")]
    assert {ArticleError, GlossaryError} <= set(classes)
    assert {c.__name__ for c in classes} >= {name for name in errors.__all__ if name != "SummarizerError"}
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), codes
    assert all(code.islower() and code.replace("_", "").isalpha() for code in codes), codes
    assert errors.EmptyInputError("x").code == "empty_input"
    assert errors.ComputeTypeError("x").code == "compute_type"


def test_a_package_error_without_its_own_code_is_refused_at_definition():
    with pytest.raises(TypeError, match="needs its own code"):

        class NoCode(InputError):
            __module__ = "summarizer.plugin"

    with pytest.raises(TypeError, match="snake_case"):

        class BadCode(InputError, code="Bad Code"):
            pass


def test_users_subclasses_inherit_or_name_a_code():
    class AppError(InputError):
        pass

    class OldStyle(SummarizerError):
        code = "old_style"

    class NewStyle(errors.ModelError, code="new_style"):
        pass

    assert (AppError("x").code, OldStyle("x").code, NewStyle("x").code) == ("input", "old_style", "new_style")


def test_ray_can_mix_its_task_error_into_ours():
    # ray.exceptions.RayTaskError.as_instanceof_cause() does this for an actor's failure.
    mixed = type("cls", (RuntimeError, errors.ModelUnavailableError), {"__module__": "ray.exceptions"})
    assert issubclass(mixed, SummarizerError) and mixed.code == "model_unavailable"


def test_message_and_hint_survive():
    err = errors.ModelUnavailableError("cannot load", hint="run models download")
    assert (err.message, err.hint, str(err)) == (
        "cannot load",
        "run models download",
        "cannot load (run models download)",
    )
    assert isinstance(err, errors.ModelError) and not isinstance(err, ValueError)
    assert isinstance(errors.UnknownPresetError("x"), ValueError)
