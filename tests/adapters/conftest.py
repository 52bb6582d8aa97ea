"""Fixtures for the adapter tests: the machine's Redis under a per-run key prefix, and more."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from neighborshare.adapters.memory.outside import FixedClock, InMemoryCache
from neighborshare.adapters.redis.cache import RedisCache
from neighborshare.adapters.redis.client import redis_client
from neighborshare.container import Container, memory_container
from neighborshare.ports.services import Cache
from tests.adapters.neighbors import NOON
from tests.support.redis_server import PrivateRedis

MACHINE_REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix no other run uses; every key under it is deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex}:"
    yield prefix
    client = redis_client(MACHINE_REDIS)
    keys = list(client.scan_iter(match=prefix + "*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def live_redis() -> Iterator[redis.Redis]:
    client = redis_client(MACHINE_REDIS)
    yield client
    client.close()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def cache(request: pytest.FixtureRequest) -> Cache:
    """Each Cache adapter in turn: the in-memory one, then Redis under this test's prefix."""
    if request.param == "memory":
        return InMemoryCache()
    client: redis.Redis = request.getfixturevalue("live_redis")
    return RedisCache(client, prefix=request.getfixturevalue("redis_prefix"))


@pytest.fixture
def app(cache: Cache) -> Container:
    """The memory profile as the container wires it, on the cache under test."""
    return memory_container(clock=FixedClock(NOON), cache=cache)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from tests.support.stubs import moto_s3

    with moto_s3() as endpoint:
        yield endpoint


@pytest.fixture
def s3_bucket(s3_endpoint: str) -> tuple[object, str]:
    """A fresh bucket on the moto server and a real boto3 client speaking HTTP to it."""
    from neighborshare.adapters.s3.photo_store import s3_client

    client = s3_client("eu-west-2", s3_endpoint, "testing-key", "testing-secret")
    bucket = f"photos-{uuid.uuid4().hex[:12]}"
    client.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    return client, bucket
