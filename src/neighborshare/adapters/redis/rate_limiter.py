"""The per-user rate limiter on Redis: one sliding window per key, shared by every replica.

It is asked once per update, so it talks to Redis on a connection of its own per thread,
without the client's pool and retry layers (a third of the cost of ``client.evalsha``)."""

from __future__ import annotations

import secrets
from typing import Any

import redis

from neighborshare.adapters.redis.client import UNREACHABLE, Outage, ThreadConnections
from neighborshare.ports.services import Clock, RateDecision

# One script, so that counting and recording a hit is atomic across replicas. The time comes
# from the Redis server unless a clock is given (tests), so replicas never disagree about it.
SLIDING_WINDOW = """
local hits, told = KEYS[1], KEYS[2]
local period, limit, member = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local now = tonumber(ARGV[1])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local ttl_ms = math.ceil(period * 1000)
redis.call('ZREMRANGEBYSCORE', hits, '-inf', now - period)
if redis.call('ZCARD', hits) < limit then
  redis.call('ZADD', hits, now, member)
  redis.call('PEXPIRE', hits, ttl_ms)
  redis.call('DEL', told)
  return {1, 0}
end
if redis.call('SET', told, '1', 'NX', 'PX', ttl_ms) then
  return {0, 1}
end
return {0, 0}
"""


class RedisRateLimiter:
    """Same decisions as InMemoryRateLimiter; lets traffic through while Redis is down."""

    def __init__(
        self,
        client: redis.Redis,
        prefix: str = "ns:rate:",
        clock: Clock | None = None,
        outage: Outage | None = None,
    ) -> None:
        self._sha: str | None = None
        self._connections = ThreadConnections(client)
        self._prefix = prefix
        self._clock = clock
        self._outage = outage or Outage("letting every update through unthrottled")

    def hit(self, key: str, limit: int, period_seconds: int) -> RateDecision:
        now = "" if self._clock is None else repr(self._clock.now().timestamp())
        if self._outage.skipping():
            return RateDecision(allowed=True)
        keys = [f"{self._prefix}{key}", f"{self._prefix}{key}:told"]
        try:
            allowed, first = self._run(keys, [now, period_seconds, limit, secrets.token_hex(8)])
        except UNREACHABLE as error:
            self._outage.failed(error)
            return RateDecision(allowed=True)
        return RateDecision(allowed=bool(allowed), first_refusal=bool(first))

    def _run(self, keys: list[str], args: list[Any]) -> Any:
        """EVALSHA the script on this thread's connection, loading it first if Redis lacks it.
        Never retried: a hit whose reply was lost may have counted."""
        command = self._connections.command
        if self._sha is not None:
            try:
                return command("EVALSHA", self._sha, len(keys), *keys, *args)
            except redis.exceptions.NoScriptError:  # a restarted or flushed server
                pass
        self._sha = command("SCRIPT", "LOAD", SLIDING_WINDOW)
        return command("EVALSHA", self._sha, len(keys), *keys, *args)
