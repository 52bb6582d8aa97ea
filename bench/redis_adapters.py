"""Redis adapter figures: rate-limiter decisions and cache reads per second, and what a cached
profile read saves over the database on SQLite.

Uses the machine's Redis (127.0.0.1:6379) under a throw-away key prefix, deleted afterwards.

    .venv/bin/python bench/redis_adapters.py
    .venv/bin/python bench/redis_adapters.py --hits 2000 --threads 4
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from neighborshare.adapters.redis.cache import RedisCache
from neighborshare.adapters.redis.cached_reads import CachedReads
from neighborshare.adapters.redis.client import redis_client
from neighborshare.adapters.redis.rate_limiter import RedisRateLimiter
from neighborshare.adapters.sql import migrations
from neighborshare.adapters.sql.unit_of_work import sql_uow_factory
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User
from neighborshare.domain.values import Location, PhoneHash
from neighborshare.services.transactions import in_transaction, read_only


def per_second(work: Callable[[int], object], count: int, threads: int) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(work, range(count)))
    return count / (time.perf_counter() - start)


def median_us(work: Callable[[], object], count: int) -> float:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1e6)
    return statistics.median(samples)


def profile_reads(cache: RedisCache, count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrations.upgrade(url)
        factory = sql_uow_factory(url)
        user = User(1, "Priya", PhoneHash.of("+447700900001", b"p"), "4B",
                    Location(51.5, -0.12), created_at=datetime.now(UTC))
        in_transaction(factory, lambda uow: uow.users.add(user))
        reads = CachedReads(cache, factory, Rules())
        database = median_us(
            lambda: read_only(factory, lambda uow: uow.users.get_by_telegram_id(1)), count
        )
        reads.user_by_telegram_id(1)
        cached = median_us(lambda: reads.user_by_telegram_id(1), count)
    print(f"profile by telegram id: database {database:.0f} us, Redis cache {cached:.0f} us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=20_000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    prefix = f"bench-{uuid.uuid4().hex}:"
    client = redis_client("redis://127.0.0.1:6379/0")
    try:
        limiter = RedisRateLimiter(client, prefix=prefix)
        rate = per_second(lambda i: limiter.hit(f"user:{i % 500}", 10, 60), args.hits, args.threads)
        print(f"rate limiter: {rate:,.0f} decisions/s ({args.threads} threads, 500 neighbors)")
        cache = RedisCache(client, prefix=prefix)
        cache.set("k", "x" * 600, 60)
        rate = per_second(lambda i: cache.get("k"), args.hits, args.threads)
        print(f"cache: {rate:,.0f} reads/s of a 600-byte entry ({args.threads} threads)")
        profile_reads(cache, 2_000)
    finally:
        keys = list(client.scan_iter(match=prefix + "*"))
        if keys:
            client.delete(*keys)


if __name__ == "__main__":
    main()
