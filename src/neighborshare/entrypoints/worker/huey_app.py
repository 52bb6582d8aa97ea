"""The one Huey instance of a process, chosen by profile and built on first use (not import)."""

from __future__ import annotations

import threading

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.serializer import SignedSerializer

from neighborshare.container import Container
from neighborshare.settings import Profile, Settings

NAME = "neighborshare"
_lock = threading.Lock()
_huey: Huey | None = None
_container: Container | None = None


def build_huey(settings: Settings) -> Huey:
    """RedisHuey with signed payloads in production, SqliteHuey embedded, immediate in tests."""
    if settings.profile is Profile.PRODUCTION:
        if settings.huey_secret is None:
            raise ValueError("NEIGHBORSHARE_HUEY_SECRET is required: the Redis queue is shared")
        serializer = SignedSerializer(secret=settings.huey_secret.get_secret_value(), salt=NAME)
        return RedisHuey(NAME, url=settings.redis_url, serializer=serializer, results=False)
    if settings.profile is Profile.EMBEDDED:
        return SqliteHuey(NAME, filename=str(settings.huey_path), results=False)
    return MemoryHuey(NAME, immediate=True, results=False)


def get_huey(settings: Settings | None = None) -> Huey:
    """This process's Huey, with every task registered; built once from ``settings``."""
    global _huey
    with _lock:
        if _huey is None:
            from neighborshare.entrypoints.worker.tasks import register

            _huey = build_huey(settings or worker_container().settings())
            register(_huey)
        return _huey


def worker_container() -> Container:
    """The container the tasks run against: from the environment unless one was bound."""
    global _container
    if _container is None:
        _container = Container()
    return _container


def bind(container: Container | None, huey: Huey | None = None) -> None:
    """Make tasks use ``container`` (and ``huey``); ``bind(None)`` forgets both (tests)."""
    global _container, _huey
    _container = container
    _huey = huey
    if huey is not None:
        from neighborshare.entrypoints.worker.tasks import register

        register(huey)
