"""The README and docs/*.md run as written: every ```python block is executed, links point somewhere.

The blocks run in this process with the repository as working directory and the SUMMARIZER_*
variables pointing at the tiny test models (extractive summary, a tiny Marian), so "default models"
in the docs means those. A block preceded by ``<!-- readme-test: server -->`` gets a live web server
and its ``http://127.0.0.1:7860/`` is replaced by that server's address. A block that cannot run here
(real weights, a network) must be preceded by ``<!-- readme-test: skip REASON -->``: it is left out and
counted by ``test_docs_have_python_blocks_and_few_skips``.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from batch_support import quick_marian

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
README_LIMIT = 12_000
SERVER_URL = "http://127.0.0.1:7860/"
_BLOCK = re.compile(
    r"(?:<!-- readme-test: (?P<how>[^\n]*?) -->\s*\n)?^```python\n(?P<code>.*?)^```", re.S | re.M
)
_LINK = re.compile(r"\]\((?!https?://|#|mailto:)(?P<target>[^)#\s]+)")


def _blocks() -> list[tuple[str, str, str]]:
    """(id "file:line", how, code) for every python block in the docs."""
    found = []
    for path in DOCS:
        text = path.read_text("utf-8")
        for match in _BLOCK.finditer(text):
            line = text.count("\n", 0, match.start("code"))
            found.append((f"{path.relative_to(ROOT)}:{line}", (match["how"] or "").strip(), match["code"]))
    return found


BLOCKS = _blocks()
RUNNABLE = [pytest.param(how, code, id=name) for name, how, code in BLOCKS if not how.startswith("skip")]


@pytest.fixture(scope="module")
def tiny_env(tiny_marian, tmp_path_factory) -> dict[str, str]:
    marian = quick_marian(tiny_marian, tmp_path_factory.mktemp("readme-marian"), min_new_tokens=3)
    return {
        "SUMMARIZER_SUMMARY_MODEL": "extractive",
        "SUMMARIZER_TRANSLATION_MODEL": str(marian),
        "SUMMARIZER_DEVICE": "cpu",
        "SUMMARIZER_CT2_DIR": str(tmp_path_factory.mktemp("readme-ct2")),
    }


@pytest.mark.slow
@pytest.mark.parametrize(("how", "code"), RUNNABLE)
def test_python_block_runs(how, code, tiny_env, monkeypatch):
    for name, value in tiny_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(ROOT)
    with contextlib.ExitStack() as stack:
        if how == "server":
            from web_support import live_server

            _, url = stack.enter_context(live_server(Path(tiny_env["SUMMARIZER_TRANSLATION_MODEL"])))
            code = code.replace(SERVER_URL, url.rstrip("/") + "/")
        else:
            assert not how, f"unknown readme-test marker {how!r}"
        stack.enter_context(contextlib.redirect_stdout(io.StringIO()))  # keeps the test log readable
        exec(compile(code, "<doc block>", "exec"), {"__name__": "__doc_block__"})


def test_docs_have_python_blocks_and_few_skips():
    assert len(BLOCKS) >= 8
    skipped = [(name, how) for name, how, _ in BLOCKS if how.startswith("skip")]
    assert all(len(how.split(maxsplit=1)) == 2 for _, how in skipped), f"a skip needs a reason: {skipped}"
    assert len(skipped) <= 2, skipped


def test_readme_is_short():
    assert len((ROOT / "README.md").read_text("utf-8")) <= README_LIMIT


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_at_files(path):
    text = path.read_text("utf-8")
    missing = [m["target"] for m in _LINK.finditer(text) if not (path.parent / m["target"]).exists()]
    assert missing == []


def test_ci_runs_the_readme_test_command_verbatim():
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme[readme.index("# 2. ") :]
    command = block.splitlines()[1].strip()
    assert command.endswith("python -m pytest") and "[dev]" in command
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()]
    assert command in ci_lines
