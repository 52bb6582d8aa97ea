"""Where the built page lives (package data written by the npm build, never committed)."""

from __future__ import annotations

from pathlib import Path

BUNDLE_DIR = Path(__file__).parent / "static"
MISSING = (
    "The Mini App's page is not built on this server: run scripts/build_miniapp.sh "
    "(docs/miniapp.md). Its JSON API under /miniapp/api/ is served, and the bot works without it."
)


def is_built(folder: Path = BUNDLE_DIR) -> bool:
    return (folder / "index.html").is_file() and (folder / "app.js").is_file()
