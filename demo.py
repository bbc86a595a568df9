"""The web page: ``python demo.py`` (same app as ``summarizer serve``).

Models come from the SUMMARIZER_* environment variables (e.g. SUMMARIZER_SUMMARY_MODEL=extractive);
host and port from GRADIO_SERVER_NAME / GRADIO_SERVER_PORT (default 127.0.0.1:7860).
"""

import os

# Before Gradio is imported: no usage statistics leave this machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from summarizer.web import build_app, launch, web_config

config = web_config()
demo = build_app(config=config)  # module-level `demo` lets `gradio demo.py` reload it while editing

if __name__ == "__main__":
    launch(demo, config=config)
