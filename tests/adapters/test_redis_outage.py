"""Redis down: cache misses, unthrottled traffic, one warning a minute, recovery by itself."""

from __future__ import annotations

import itertools
import logging
import time

import pytest
import redis

from neighborshare.adapters.redis.cache import RedisCache
from neighborshare.adapters.redis.client import Outage, redis_client
from neighborshare.adapters.redis.rate_limiter import RedisRateLimiter
from neighborshare.adapters.redis.send_schedule import RedisSendSchedule
from tests.adapters.telegram_fakes import FakeTime
from tests.support.redis_server import PrivateRedis, free_port

pytestmark = pytest.mark.redis


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "neighborshare.redis"]


def test_a_dead_redis_means_misses_and_unthrottled_traffic(caplog: pytest.LogCaptureFixture):
    dead = redis_client(f"redis://127.0.0.1:{free_port()}/0", timeout_seconds=0.2)
    cache, limiter = RedisCache(dead), RedisRateLimiter(dead)
    with caplog.at_level(logging.WARNING):
        cache.set("k", "v", ttl_seconds=60)
        assert cache.get("k") is None
        cache.delete("k")
        decisions = [limiter.hit("user:1", limit=2, period_seconds=60) for _ in range(5)]
    assert all(d.allowed for d in decisions)
    assert warnings(caplog) == [
        "Redis is unreachable, serving cache misses: ConnectionError",
        "Redis is unreachable, letting every update through unthrottled: ConnectionError",
    ]


def test_the_outage_warning_repeats_at_most_once_a_minute(caplog: pytest.LogCaptureFixture):
    now = [0.0]
    outage = Outage("testing", monotonic=lambda: now[0])
    with caplog.at_level(logging.WARNING):
        for second in (0, 1, 30, 59.9, 60, 61, 125):
            now[0] = second
            outage.failed(ConnectionError("refused"))
    assert len(warnings(caplog)) == 3  # at 0, at 60 and at 125


def limiter_on(private_redis: PrivateRedis) -> tuple[RedisRateLimiter, FakeTime]:
    """A limiter on a freshly started private Redis, its outage cooldown on a fake clock."""
    clock = FakeTime()
    private_redis.start()
    client = redis_client(private_redis.url, timeout_seconds=0.2)
    return RedisRateLimiter(client, outage=Outage("test", monotonic=clock.monotonic)), clock


def test_the_limiter_recovers_when_redis_returns(private_redis: PrivateRedis):
    limiter, clock = limiter_on(private_redis)
    assert limiter.hit("user:1", limit=1, period_seconds=60).allowed
    assert not limiter.hit("user:1", limit=1, period_seconds=60).allowed
    private_redis.stop()
    assert limiter.hit("user:1", limit=1, period_seconds=60).allowed  # fails open
    private_redis.start()  # an empty server on the same port
    assert limiter.hit("user:1", limit=1, period_seconds=60).allowed  # still cooling down
    assert limiter.hit("user:1", limit=1, period_seconds=60).allowed
    clock.sleep(5)  # the same client tries again, reconnects, and counts
    assert limiter.hit("user:1", limit=1, period_seconds=60).allowed
    assert not limiter.hit("user:1", limit=1, period_seconds=60).allowed


def test_a_reply_that_came_too_late_is_not_read_as_the_next_ones(private_redis: PrivateRedis):
    limiter, clock = limiter_on(private_redis)
    assert limiter.hit("user:1", limit=1, period_seconds=60).allowed
    redis.Redis.from_url(private_redis.url).client_pause(500)  # Redis stalls for half a second
    assert limiter.hit("user:2", limit=1, period_seconds=60).allowed  # timed out: fails open
    time.sleep(0.5)  # user:2's reply ("allowed") may be on its way now
    clock.sleep(5)
    assert not limiter.hit("user:1", limit=1, period_seconds=60).allowed  # user:1's own answer


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds(private_redis: PrivateRedis):
    clock = FakeTime()
    private_redis.start()
    client = redis_client(private_redis.url, timeout_seconds=0.2)
    cache = RedisCache(client, outage=Outage("test", monotonic=clock.monotonic))
    client.set("ns:cache:k", "v")
    client.save()
    private_redis.stop()
    assert cache.get("k") is None  # one failed attempt...
    private_redis.start()
    clock.sleep(4.9)
    assert cache.get("k") is None  # ...then no attempt at all during the cooldown
    clock.sleep(0.1)
    assert cache.get("k") == "v"


def test_an_invalidation_missed_during_an_outage_is_applied_on_return(
    private_redis: PrivateRedis,
):
    clock = FakeTime()
    private_redis.start()
    client = redis_client(private_redis.url, timeout_seconds=0.2)
    cache = RedisCache(client, prefix="p:", outage=Outage("test", monotonic=clock.monotonic))
    cache.set("user:1", "old profile", ttl_seconds=600)
    client.save()  # the entry survives the restart, as it would a network partition
    private_redis.stop()
    cache.delete("user:1")  # the profile changed while Redis was away
    private_redis.start()
    clock.sleep(5)
    assert cache.get("user:1") is None
    assert client.get("p:user:1") is None


def test_a_cache_write_refused_by_redis_is_treated_like_an_outage(
    private_redis: PrivateRedis, caplog: pytest.LogCaptureFixture
):
    private_redis.start("--maxmemory", "1", "--maxmemory-policy", "noeviction")
    client = redis_client(private_redis.url, timeout_seconds=0.2)
    cache, limiter = RedisCache(client), RedisRateLimiter(client)
    with caplog.at_level(logging.WARNING):
        cache.set("k", "v", ttl_seconds=60)  # out of memory: refused
        assert cache.get("k") is None
        decisions = [limiter.hit("user:1", 1, 60) for _ in range(3)]
    assert [m.rsplit(": ", 1)[1] for m in warnings(caplog)] == ["OutOfMemoryError"]
    # Redis 7 still runs a flag-less script's writes when out of memory: the limiter holds.
    assert [d.allowed for d in decisions] == [True, False, False]


def test_without_redis_the_send_schedule_keeps_the_limits_per_process(
    caplog: pytest.LogCaptureFixture,
):
    clock = FakeTime()
    dead = redis_client(f"redis://127.0.0.1:{free_port()}/0", timeout_seconds=0.2)
    schedule = RedisSendSchedule(dead, clock=clock.monotonic, sleep=clock.sleep)
    with caplog.at_level(logging.WARNING):
        sent_at = []
        for _ in range(3):
            schedule.wait_turn(42)
            sent_at.append(clock.now)
    # one a second for the chat, from the local throttle (on slots of 1/30 s)
    assert [round(b - a, 3) for a, b in itertools.pairwise(sent_at)] == [1.0, 1.0]
    assert len(warnings(caplog)) == 1


def test_a_cache_command_after_a_redis_restart_reconnects_at_once(private_redis: PrivateRedis):
    clock = FakeTime()
    private_redis.start()
    client = redis_client(private_redis.url, timeout_seconds=0.2)
    cache = RedisCache(client, outage=Outage("test", monotonic=clock.monotonic))
    cache.set("k", "v", ttl_seconds=600)
    client.save()
    private_redis.stop()
    private_redis.start()  # the cache's connection is now dead: one more try on a new one
    assert cache.get("k") == "v"
    cache.delete("k")
    assert client.get("ns:cache:k") is None
