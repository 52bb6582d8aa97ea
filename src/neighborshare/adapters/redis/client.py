"""Building a Redis client that fails fast, and reporting outages without flooding the log."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

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
