"""The shared cache on Redis; when Redis is down every read is a miss and nothing breaks."""

from __future__ import annotations

import threading

import redis

from neighborshare.adapters.redis.client import UNREACHABLE, Outage, ThreadConnections

# Invalidations that could not reach Redis are retried once it answers again, so an entry
# written before an outage cannot outlive a change made during it.
MAX_PENDING_DELETES = 10_000


class RedisCache:
    def __init__(
        self, client: redis.Redis, prefix: str = "ns:cache:", outage: Outage | None = None
    ) -> None:
        # Every committed write deletes keys: on a connection of the thread's own (client.py)
        self._command = ThreadConnections(client).command
        self._prefix = prefix
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._outage = outage or Outage("serving cache misses")

    def get(self, key: str) -> str | None:
        if self._outage.skipping():
            return None
        try:
            self._flush_pending()
            value = self._command("GET", self._prefix + key, retry=True)
        except UNREACHABLE as error:
            self._outage.failed(error)
            return None
        return None if value is None else str(value)

    def set(self, key: str, value: str, ttl_seconds: int) -> None:
        if self._outage.skipping():
            return
        try:
            self._flush_pending()
            self._command("SET", self._prefix + key, value, "EX", max(1, ttl_seconds), retry=True)
        except UNREACHABLE as error:
            self._outage.failed(error)

    def delete(self, *keys: str) -> None:
        if not keys:
            return
        full = [self._prefix + key for key in keys]
        if self._outage.skipping():
            self._remember(full)
            return
        try:
            self._flush_pending()
            self._command("DEL", *full, retry=True)
        except UNREACHABLE as error:
            self._outage.failed(error)
            self._remember(full)

    def _remember(self, keys: list[str]) -> None:
        with self._lock:
            if len(self._pending) + len(keys) <= MAX_PENDING_DELETES:
                self._pending.update(keys)

    def _flush_pending(self) -> None:
        with self._lock:
            if not self._pending:
                return
            keys = list(self._pending)
        self._command("DEL", *keys, retry=True)
        with self._lock:
            self._pending.difference_update(keys)
