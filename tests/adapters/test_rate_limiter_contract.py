"""The RateLimiter contract, shared by the in-memory limiter and the Redis limiter."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import redis

from neighborshare.adapters.memory.outside import FixedClock, InMemoryRateLimiter
from neighborshare.adapters.redis.rate_limiter import RedisRateLimiter
from neighborshare.ports.services import RateLimiter

NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
Factory = Callable[[FixedClock], RateLimiter]


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def make_limiter(request: pytest.FixtureRequest) -> Factory:
    if request.param == "memory":
        return lambda clock: InMemoryRateLimiter(clock)
    client: redis.Redis = request.getfixturevalue("live_redis")
    prefix = request.getfixturevalue("redis_prefix")
    return lambda clock: RedisRateLimiter(client, prefix=prefix, clock=clock)


def test_allows_up_to_the_limit_then_refuses(make_limiter: Factory):
    limiter = make_limiter(FixedClock(NOON))
    decisions = [limiter.hit("user:1", limit=10, period_seconds=60).allowed for _ in range(12)]
    assert decisions == [True] * 10 + [False] * 2


def test_the_neighbor_is_told_once_per_refusal_streak(make_limiter: Factory):
    clock = FixedClock(NOON)
    limiter = make_limiter(clock)
    for _ in range(3):
        limiter.hit("user:1", limit=3, period_seconds=60)
    refusals = [limiter.hit("user:1", limit=3, period_seconds=60) for _ in range(3)]
    assert [r.first_refusal for r in refusals] == [True, False, False]
    clock.advance(timedelta(seconds=61))
    assert limiter.hit("user:1", limit=3, period_seconds=60).allowed
    for _ in range(2):
        limiter.hit("user:1", limit=3, period_seconds=60)
    assert limiter.hit("user:1", limit=3, period_seconds=60).first_refusal


def test_the_window_slides(make_limiter: Factory):
    clock = FixedClock(NOON)
    limiter = make_limiter(clock)
    limiter.hit("user:1", limit=2, period_seconds=60)
    clock.advance(timedelta(seconds=30))
    limiter.hit("user:1", limit=2, period_seconds=60)
    assert not limiter.hit("user:1", limit=2, period_seconds=60).allowed
    clock.advance(timedelta(seconds=31))  # the first hit is now outside the window
    assert limiter.hit("user:1", limit=2, period_seconds=60).allowed
    assert not limiter.hit("user:1", limit=2, period_seconds=60).allowed


def test_keys_are_counted_apart(make_limiter: Factory):
    limiter = make_limiter(FixedClock(NOON))
    assert limiter.hit("user:1", limit=1, period_seconds=60).allowed
    assert limiter.hit("user:2", limit=1, period_seconds=60).allowed
    assert not limiter.hit("user:1", limit=1, period_seconds=60).allowed


@pytest.mark.redis
def test_replicas_share_one_window_and_never_overshoot(live_redis: redis.Redis, redis_prefix: str):
    replicas = [RedisRateLimiter(live_redis, prefix=redis_prefix) for _ in range(4)]

    def hit(i: int) -> bool:
        return replicas[i % 4].hit("user:7", limit=10, period_seconds=60).allowed

    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(hit, range(40)))
    assert allowed.count(True) == 10


@pytest.mark.redis
def test_a_server_that_lost_its_scripts_is_given_the_script_again(
    live_redis: redis.Redis, redis_prefix: str
):
    limiter = RedisRateLimiter(live_redis, prefix=redis_prefix)
    assert limiter.hit("user:8", limit=2, period_seconds=60).allowed
    live_redis.script_flush()  # as after a restart or a failover to a fresh replica
    assert limiter.hit("user:8", limit=2, period_seconds=60).allowed
    assert not limiter.hit("user:8", limit=2, period_seconds=60).allowed


@pytest.mark.redis
def test_each_thread_counts_into_the_same_window(live_redis: redis.Redis, redis_prefix: str):
    limiter = RedisRateLimiter(live_redis, prefix=redis_prefix)
    with ThreadPoolExecutor(max_workers=4) as pool:
        allowed = list(pool.map(lambda _: limiter.hit("user:9", 5, 60).allowed, range(20)))
    assert allowed.count(True) == 5
