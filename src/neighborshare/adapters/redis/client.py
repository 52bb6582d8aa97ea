"""Building a Redis client that fails fast, and reporting outages without flooding the log."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

# Down, unreachable, too slow, or refusing (a read-only replica mid-failover, out of memory):
# for a cache and a rate limiter every one of these means "carry on without Redis".
UNREACHABLE = (redis.RedisError,)


def redis_client(url: str, timeout_seconds: float = 0.5) -> redis.Redis:
    """A client with short socket timeouts; it reconnects by itself on the next command."""
    return redis.Redis.from_url(
        url,
        socket_timeout=timeout_seconds,
        socket_connect_timeout=timeout_seconds,
        retry=Retry(NoBackoff(), 1),
        health_check_interval=30,
        decode_responses=True,
    )


class Outage:
    """How a component lives with Redis failing.

    After a failure Redis is skipped for ``cooldown`` seconds, so that a server that has
    vanished from the network costs one timeout every few seconds, not one per update; then
    the next call tries again, which is how the component recovers by itself. The warning is
    logged at most once per ``interval`` seconds.
    """

    def __init__(
        self,
        what: str,
        cooldown: float = 5.0,
        interval: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log = logging.getLogger("neighborshare.redis")
        self._what = what
        self._cooldown, self._interval = cooldown, interval
        self._monotonic = monotonic
        self._retry_at = float("-inf")
        self._logged_at: float | None = None
        self._lock = threading.Lock()

    def skipping(self) -> bool:
        return self._monotonic() < self._retry_at

    def failed(self, error: Exception) -> None:
        now = self._monotonic()
        with self._lock:
            self._retry_at = now + self._cooldown
            if self._logged_at is not None and now - self._logged_at < self._interval:
                return
            self._logged_at = now
        self._log.warning("Redis is unreachable, %s: %s", self._what, type(error).__name__)


class ThreadConnections:
    """Commands on a connection of this thread's own, made with ``client``'s settings (address,
    timeouts, decoding, health checks), without redis-py's pool, retry and observability layers
    around each command: a DEL of three keys costs 57-62 us of CPU through the client here and
    20 us this way. Error replies raise as from the client (``NoScriptError``, an out-of-memory
    refusal...).

    A reply cut short or too late closes the connection (redis-py's ``Connection`` does that),
    so a late reply is never read as the next command's; the next command reconnects.
    """

    def __init__(self, client: redis.Redis) -> None:
        self._pool = client.connection_pool
        self._local = threading.local()

    def command(self, *args: Any, retry: bool = False) -> Any:
        """Send one command and read its reply. ``retry``: once more on a connection error,
        on a new connection (for an idempotent command: a server restarted since this
        thread's last command)."""
        connection = self._connection()
        try:
            connection.send_command(*args)
            return connection.read_response()
        except (redis.ConnectionError, redis.TimeoutError):
            if not retry:
                raise
        connection.disconnect()
        connection.send_command(*args)
        return connection.read_response()

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            pool = self._pool
            connection = self._local.connection = pool.connection_class(**pool.connection_kwargs)
        return connection
