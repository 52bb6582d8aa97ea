"""The container the chat command runs on: embedded (SQLite) by default, or all in memory."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from dependency_injector import providers

from neighborshare.container import Container
from neighborshare.settings import Profile, Settings


def chat_container(db_path: Path, fresh: bool, memory: bool) -> Any:
    # the SMS stand-in logs codes at WARNING; in a terminal chat they belong on stderr only
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    if memory:
        settings = Settings(profile=Profile.MEMORY, _env_file=None)  # type: ignore[call-arg]
    else:
        settings = _embedded(db_path, fresh)
    container = Container()
    container.settings.override(providers.Object(settings))
    return container


def _embedded(db_path: Path, fresh: bool) -> Settings:
    from neighborshare.adapters.sql.migrations import upgrade

    if fresh:
        for suffix in ("", "-journal", "-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    url = f"sqlite:///{db_path}"
    upgrade(url)
    return Settings(  # type: ignore[call-arg]
        profile=Profile.EMBEDDED,
        database_url=url,
        photo_dir=db_path.parent / "photos",
        _env_file=None,
    )
