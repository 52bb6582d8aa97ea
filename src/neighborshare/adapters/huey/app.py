"""The one Huey instance of a process, chosen by profile and built on first use (not import)."""

from __future__ import annotations

import threading

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.serializer import SignedSerializer

from neighborshare.settings import Profile, Settings

NAME = "neighborshare"
_lock = threading.Lock()
_huey: Huey | None = None


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


def process_huey(settings: Settings) -> Huey:
    """This process's Huey: the one bound, else one built from ``settings`` and kept."""
    global _huey
    with _lock:
        if _huey is None:
            _huey = build_huey(settings)
        return _huey


def bind_huey(huey: Huey | None) -> None:
    """Make ``huey`` this process's Huey (the worker's consumer); ``None`` forgets it."""
    global _huey
    with _lock:
        _huey = huey
