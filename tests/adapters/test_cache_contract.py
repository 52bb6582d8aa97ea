"""The Cache contract, shared by the in-memory cache and the Redis cache."""

from __future__ import annotations

import pytest
import redis

from neighborshare.adapters.redis.cache import RedisCache
from neighborshare.ports.services import Cache


def test_a_missing_key_reads_as_none(cache: Cache):
    assert cache.get("nobody") is None


def test_a_value_reads_back_exactly(cache: Cache):
    cache.set("profile:1", '{"name": "Priya ü 🍛"}', ttl_seconds=60)
    assert cache.get("profile:1") == '{"name": "Priya ü 🍛"}'


def test_set_replaces_the_previous_value(cache: Cache):
    cache.set("k", "old", ttl_seconds=60)
    cache.set("k", "new", ttl_seconds=60)
    assert cache.get("k") == "new"


def test_delete_removes_several_keys_and_ignores_unknown_ones(cache: Cache):
    cache.set("a", "1", ttl_seconds=60)
    cache.set("b", "2", ttl_seconds=60)
    cache.set("c", "3", ttl_seconds=60)
    cache.delete("a", "b", "never-set")
    cache.delete()
    assert [cache.get(k) for k in ("a", "b", "c")] == [None, None, "3"]


@pytest.mark.redis
def test_redis_entries_carry_their_time_to_live(live_redis: redis.Redis, redis_prefix: str):
    RedisCache(live_redis, prefix=redis_prefix).set("k", "v", ttl_seconds=90)
    assert 0 < live_redis.ttl(redis_prefix + "k") <= 90


@pytest.mark.redis
def test_redis_keys_stay_under_the_prefix(live_redis: redis.Redis, redis_prefix: str):
    RedisCache(live_redis, prefix=redis_prefix).set("k", "v", ttl_seconds=90)
    assert live_redis.get(redis_prefix + "k") == "v"
    assert live_redis.get("k") is None
