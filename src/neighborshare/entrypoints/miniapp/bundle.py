"""Where the built page lives (package data written by the npm build, never committed)."""

from __future__ import annotations

from pathlib import Path

BUNDLE_DIR = Path(__file__).parent / "static"
BUILD_COMMAND = "bash scripts/build_miniapp.sh"
MISSING = (
    "The Mini App's page is not built in this installation (it needs npm): run "
    f"`{BUILD_COMMAND}` in the source checkout, then restart. The bot works without it."
)


def is_built(folder: Path = BUNDLE_DIR) -> bool:
    return (folder / "index.html").is_file() and (folder / "app.js").is_file()
