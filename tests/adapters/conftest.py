"""Fixtures for the adapter tests: the machine's Redis under a per-run key prefix, and more."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from neighborshare.adapters.redis.client import redis_client
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


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    yield server
    server.stop()
