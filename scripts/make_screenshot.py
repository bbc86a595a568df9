"""Make the README picture, docs/screenshot.png: the web page after a run on the sample article.

    python scripts/make_screenshot.py [--out docs/screenshot.png]

Needs the dev extra (Gradio, Playwright) and Debian's Chromium (`apt-get install -y chromium`); no
network and no real model weights. The summary is the real extractive one. The English comes from a
tiny random-weight test model (the real opus-mt-id-en is not downloaded here), so the picture says so
on every English field, and the model line names that test model instead of a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
TEST_MODEL_LABEL = "tiny-test-marian (random weights, tests only)"
NOTE = " · made by the tiny random-weight TEST model: not real English"

# Marks every English field and swaps the temp folder in the model line for a readable name.
_MARK_PAGE = """([label, note, folder]) => {
  for (const id of ["summary-en", "translation"]) {
    const info = document.querySelector(`#${id} [data-testid="block-info"]`);
    if (info && !info.textContent.includes(note)) info.textContent += note;
  }
  for (const code of document.querySelectorAll("#meta code")) {
    if (code.textContent.startsWith(folder)) code.textContent = label;
  }
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tiny_translator(folder: Path) -> Path:
    """The tests' tiny Marian, made to stop after a few tokens so the English column stays short."""
    sys.path.insert(0, str(ROOT / "tests"))
    from batch_support import quick_marian
    from model_factory import build_tiny_marian

    return quick_marian(build_tiny_marian(folder / "base"), folder / "tiny-test-marian", min_new_tokens=6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        parser.error("Chromium not found: apt-get install -y chromium (or pass --chromium PATH)")

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from playwright.sync_api import sync_playwright

    from summarizer import web

    with tempfile.TemporaryDirectory(prefix="summarizer-shot-") as tmp:
        model = _tiny_translator(Path(tmp))
        config = web.web_config(summary_model="extractive", translation_model=str(model))
        app = web.build_app(config=config)
        _, url, _ = web.launch(
            app, config=config, host="127.0.0.1", port=_free_port(), block=False, quiet=True
        )
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url)
                sample = web.sample_articles()[0]
                page.get_by_text(f"Sample: {sample.name}").click()
                page.wait_for_function("() => document.querySelector('#article textarea').value !== ''")
                page.locator("#run").click()
                page.wait_for_function(
                    "() => (document.querySelector('#translation textarea') || {}).value",
                    timeout=300_000,
                )
                page.evaluate(_MARK_PAGE, [TEST_MODEL_LABEL, NOTE, str(model.resolve())])
                page.locator("#run").scroll_into_view_if_needed()
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=True)
                browser.close()
        finally:
            app.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
