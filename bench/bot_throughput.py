"""Bot throughput: a mixed workload of 200 neighbors through process_update, offline Bot API.

Seeds 200 neighbors in one neighborhood (through UserService), then runs three rounds with up
to --concurrency updates in flight: 40 sharers go through the whole /share flow; 160
neighbors /browse, tap Request and choose a portion; the sharers open /mine and Accept each
request. Every update goes through ``Application.process_update`` and the offline Bot API.
The same number of updates then goes through a bare PTB Application with one trivial handler.

    .venv/bin/python -m bench.bot_throughput                   # SQLite, and PostGIS if reachable
    .venv/bin/python -m bench.bot_throughput --backend sqlite --concurrency 8 --pool 4

Each round prints its own figures, so the slow step shows (publishing a post queues a
new-post alert per neighbor in range, one outbox query and insert each).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dependency_injector import providers
from telegram import Update

from bench.bot_baseline import bench_bare, report, timed
from bench.bot_workload import Workload, seed_neighbors
from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import Container
from neighborshare.domain.rules import Rules
from neighborshare.entrypoints.bot.offline_bot import OfflineBot
from neighborshare.settings import Profile, Settings

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # 10:00 in London: every preset is open


def container_for(url: str, profile: Profile, pool: int) -> Container:
    settings = Settings(  # type: ignore[call-arg]
        profile=profile, database_url=url, db_pool_size=pool, _env_file=None,
        rules=Rules(updates_per_minute=1_000_000),  # measure the bot, not the limiter
    )
    container = Container()
    container.settings.override(providers.Object(settings))
    return container


def processor_for(bot: OfflineBot, container: Container, pool: int) -> Callable[..., Any]:
    """As the webhook runs it: one transaction per update, its id recorded in it."""
    from neighborshare.entrypoints.webhook.processing import UpdateProcessor

    processor = UpdateProcessor(bot.app, container.uow_factory(), bot.clock, concurrency=pool)

    async def handle(update: Update) -> None:
        await processor.process(update.to_dict())

    return handle


async def bench_bot(
    url: str, profile: Profile, concurrency: int, pool: int, webhook: bool
) -> tuple[float, int]:
    container = container_for(url, profile, pool)
    bot = OfflineBot(container, FixedClock(NOW), typing_time=timedelta(0))
    bot.drain_after_updates = False
    await bot.start()
    seed_neighbors(container, bot.neighbors)
    latencies: list[float] = []
    handle = processor_for(bot, container, pool) if webhook else bot.app.process_update
    workload = Workload(bot.neighbors, lambda u: timed(handle, u, latencies), concurrency)
    elapsed = 0.0
    every: list[float] = []
    for label, run_round in workload.rounds():
        latencies.clear()
        started = time.perf_counter()
        await run_round()
        took = time.perf_counter() - started
        report(f"  {label}", latencies, took)
        elapsed += took
        every.extend(latencies)
    path = ", webhook" if webhook else ""
    rate = report(f"bot on {url.split(':')[0].split('+')[0]}{path}", every, elapsed)
    latencies = every
    assert not bot.api.unknown
    await bot.stop()
    return rate, len(latencies)


def postgis_url() -> tuple[str, Callable[[], None]] | None:
    try:
        from tests.support.databases import create_postgis_database, drop_postgis_database

        url = create_postgis_database()
    except Exception as error:  # no PostgreSQL here: say so and carry on with SQLite
        print(f"PostGIS: skipped ({type(error).__name__}: {str(error).splitlines()[0][:80]})")
        return None
    return url, lambda: drop_postgis_database(url)


async def main(backends: list[str], concurrency: int, pool: int, webhook: bool) -> None:
    from neighborshare.adapters.sql import migrations

    def run(url: str, profile: Profile) -> Awaitable[tuple[float, int]]:
        return bench_bot(url, profile, concurrency, pool, webhook)

    for backend in backends:
        if backend == "memory":
            rate, count = await run("memory", Profile.MEMORY)
        elif backend == "sqlite":
            path = Path(tempfile.mkdtemp()) / "bench.db"
            migrations.upgrade(f"sqlite:///{path}")
            rate, count = await run(f"sqlite:///{path}", Profile.EMBEDDED)
        else:
            found = postgis_url()
            if found is None:
                continue
            try:
                rate, count = await run(found[0], Profile.EMBEDDED)
            finally:
                found[1]()
        bare = await bench_bare(count, concurrency)
        print(f"{'':<34} ratio bot / bare PTB: {rate / bare:.2f}\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=["memory", "sqlite", "postgis"])
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--pool", type=int, default=10, help="DB pool = handler thread pool")
    parser.add_argument("--webhook", action="store_true",
                        help="feed updates through the webhook's one-transaction processor")
    args = parser.parse_args()
    asyncio.run(main(args.backend or ["sqlite", "postgis"], args.concurrency, args.pool,
                     args.webhook))
