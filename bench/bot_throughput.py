"""Bot throughput: neighborhoods of 200 neighbors through the bot, in N processes on one database.

How to run it, from the repository root (the first line is the default: 2 processes, the
production path, SQLite and then PostGIS; about 40 s on this 2-core machine)::

    .venv/bin/python -m bench.bot_throughput
    .venv/bin/python -m bench.bot_throughput --backend postgis --concurrency 8   # queueing
    .venv/bin/python -m bench.bot_throughput --backend sqlite --processes 1 --direct
    .venv/bin/python -m bench.bot_throughput --backend postgis --neighborhoods 5   # ~4,800

What runs: the parent creates the database (SQLite in a temporary folder; PostGIS through
tests/support/databases.py, dropped afterwards, skipped with a word if unreachable), starts a
private redis-server for the cache (production's replicas share one Redis; ``--cache memory``
gives each process its own, which is only coherent with ``--processes 1``) and onboards every
neighbor once. Then ``--processes`` OS processes (spawned) each build their own container and
``OfflineBot`` (own PTB Application, own offline Bot API, own pool of ``--pool`` connections)
on that one database and drive every N-th neighbor, with up to ``--concurrency`` updates in
flight per process. A neighborhood is 40 sharers and 160 browsers; the default 3
(``--neighborhoods``) make about 2,850 updates per backend. Three rounds, every process held
at a barrier between them:
  1. share flow: every sharer goes through /share to Publish (8 updates each; Publish queues
     one fan-out row, which the worker turns into a new-post alert for each neighbor in range);
  2. browse + request: every browser sends /browse, taps Request on a card and picks 1
     portion. The dish may be another process's sharer's; a few find it already taken;
  3. /mine + accept: every sharer opens /mine and taps Accept on each request.

Warm-up: before the measured rounds each process runs the same three rounds, unmeasured and
not in step, for its slice of ``--warmup`` more neighborhoods (default 1, far from the others),
so that the figures are those of a running bot, not of one opening its first connections and
preparing its first statements. The database counts printed afterwards include the warm-up's.

Which path: by default every update goes through ``UpdateProcessor`` as the webhook and polling
run it (one transaction per update, its update id recorded, retried whole on a lost race);
``--direct`` feeds ``Application.process_update`` alone, without that transaction.

The figures, per round and for all rounds:
  updates      updates handled by all processes (a tap whose button isn't there isn't sent);
  updates/s    those updates / the round's wall time, from the first process starting it to
               the last one finishing (for all rounds: the sum of the rounds' wall times);
  p50, p99     latency of one update (the processor's ``process``, or ``process_update``),
               over every update of every process (of every round, for all rounds);
  CPU ms per update, bot       time.process_time of the bench processes, summed, per update.
               It includes the simulated clients: making updates and the offline Bot API;
  CPU ms per update, postgres  utime + stime of every ``postgres`` process on this machine
               (from /proc) over the round, per update; PostGIS only, "-" where unreadable.
               Other users of the same server count too; "(bench db)" is the part spent by
               the backends connected to the bench's database (without background writers);
  notes        processed / duplicate / unavailable: the processor's outcome per update;
               transactions: the processor's attempts (more than updates = lost races
               retried); handler errors: errors that reached PTB's error handlers.
Then the same number of updates through a bare PTB Application (one trivial handler, same
processes and concurrency), the ratio of the two rates, and a count of what is in the database
afterwards (update ids recorded, exchanges by status), to show the workload did its work, and
what the worker then does with the outbox (fan-outs, messages), in the parent, unmeasured above.
Timings on a shared machine are noisy; the bench prints them and never judges them. Last, how long
a fixed Python loop took before and after (bench/machine.py): the machine's speed at the time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from dependency_injector import providers
from telegram import Bot, Update

from bench.bot_baseline import bench_bare
from bench.bot_workload import Town, Workload, seed_neighbors
from bench.machine import python_loop_seconds, speed_line
from bench.postgres_cpu import PostgresCpu, postgres_ticks
from bench.processes import HEADER, Figures, Link, Tally, report, run_in_processes
from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.neighbors import OfflineNeighbors, OfflinePayloads
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, SERVER_HISTORY, OfflineBotApi
from neighborshare.container import Container
from neighborshare.domain.rules import Rules
from neighborshare.entrypoints.bot.offline_bot import OfflineBot
from neighborshare.settings import Profile, Settings

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # 10:00 in London: every preset is open
IDS_PER_PROCESS = 1_000_000_000  # update ids of process i start at 1 + i * this
log = logging.getLogger("bench.bot_throughput")


@dataclass(frozen=True)
class Setup:
    """Everything a bench process needs to build its bot (sent to it by pickle)."""

    url: str
    redis_url: str | None
    pool: int
    concurrency: int
    direct: bool
    town: Town
    warmup: Town | None = None  # run through, unmeasured, before the measured rounds


def container_for(setup: Setup) -> Container:
    settings = Settings(  # type: ignore[call-arg]
        profile=Profile.EMBEDDED, database_url=setup.url, db_pool_size=setup.pool,
        _env_file=None,
        rules=Rules(updates_per_minute=1_000_000),  # measure the bot, not the limiter
    )
    container = Container()
    if setup.redis_url is not None:  # one cache for every process, as production has
        from neighborshare.adapters.production import redis_cache

        settings = settings.model_copy(update={"redis_url": setup.redis_url})
        container.cache.override(providers.Singleton(redis_cache, settings))
    container.settings.override(providers.Object(settings))
    return container


def bot_worker(link: Link, setup: Setup) -> None:
    """One bench process: its own bot on the shared database, driving its slice of neighbors."""
    with link.failing_loudly():
        asyncio.run(_drive(link, setup))


async def started_bot(setup: Setup) -> tuple[Any, OfflineBot]:
    """The bench's container and bot, started as `neighborshare bot` is."""
    container = container_for(setup)
    # a running bot's Telegram keeps no history of its own: remember what the taps need
    api = OfflineBotApi(history=SERVER_HISTORY)
    bot = OfflineBot(container, FixedClock(NOW), typing_time=timedelta(0), api=api)
    bot.drain_after_updates = False
    await bot.start()
    return container, bot


async def _drive(link: Link, setup: Setup) -> None:
    container, bot = await started_bot(setup)
    tally = Tally()
    path = (DirectPath(bot, tally) if setup.direct
            else ProcessorPath(bot, container, setup.pool, 1 + link.index * IDS_PER_PROCESS, tally))
    # the processor takes what Telegram POSTs: JSON bodies, not PTB objects made and unmade
    neighbors = bot.neighbors if setup.direct else OfflinePayloads(bot.api)
    people = setup.town.people(neighbors, link.index, link.processes)
    workload = Workload(neighbors, people, path, setup.concurrency)
    if setup.warmup is not None:  # a new process is cold: first statements, first imports
        warm = setup.warmup.people(neighbors, link.index, link.processes)
        for run_round in Workload(neighbors, warm, path, setup.concurrency).rounds():
            await run_round()
    for run_round in workload.rounds():
        await link.round(run_round, tally)
    if bot.api.unknown:
        raise RuntimeError(f"the bot called Bot API methods the bench can't answer: "
                           f"{sorted(set(bot.api.unknown))}")
    await asyncio.to_thread(path.close)
    await bot.stop()
    container.database_uow_factory().dispose()


class DirectPath:
    """``Application.process_update`` alone: no transaction around the update."""

    def __init__(self, bot: OfflineBot, tally: Tally) -> None:
        self._app = bot.app
        self._tally = tally
        bot.app.add_error_handler(_counted(tally, also_log=True))

    async def __call__(self, update: Update) -> None:
        await self._tally.timed(self._app.process_update, update)

    def close(self) -> None:
        """Nothing of its own to close."""


class ProcessorPath:
    """As the webhook and polling run an update: ``UpdateProcessor``, one transaction per update
    that records its id. Ids start at ``first_id``: no two processes send the same one."""

    def __init__(self, bot: OfflineBot, container: Any, pool: int, first_id: int,
                 tally: Tally) -> None:
        from neighborshare.entrypoints.webhook.processing import UpdateProcessor

        self._tally = tally
        self._ids = itertools.count(first_id)
        uow_factory = CountingFactory(container.uow_factory(), tally)
        self._processor = UpdateProcessor(bot.app, uow_factory, bot.clock, concurrency=pool)
        bot.app.add_error_handler(_counted(tally, also_log=False))  # the processor logs them

    async def __call__(self, payload: dict[str, Any]) -> None:
        payload["update_id"] = next(self._ids)
        outcome = await self._tally.timed(self._processor.process, payload)
        self._tally.count(str(outcome))

    def close(self) -> None:
        self._processor.close()


class CountingFactory:
    """The processor's unit-of-work factory, counting the transactions it opens."""

    def __init__(self, inner: Any, tally: Tally) -> None:
        self._inner = inner
        self._tally = tally

    def __call__(self) -> Any:
        self._tally.count("transactions")
        return self._inner()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _counted(tally: Tally, also_log: bool) -> Callable[..., Any]:
    async def count_error(update: object, context: Any) -> None:
        tally.count("handler errors")
        if also_log:
            log.error("update handler failed", exc_info=context.error)

    return count_error


def seed(setup: Setup) -> None:
    """Onboard every neighbor of the town, once, before any bench process starts."""
    container = container_for(setup)
    container.clock.override(providers.Object(FixedClock(NOW)))
    api = OfflineBotApi()
    bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)  # only for the neighbors' ids
    neighbors = OfflineNeighbors(api, bot)  # one: ids are given in the order names come
    seed_neighbors(container, neighbors, setup.town)
    if setup.warmup is not None:
        seed_neighbors(container, neighbors, setup.warmup)
    container.database_uow_factory().dispose()


def database_counts(url: str) -> tuple[int, dict[str, int]]:
    """Update ids recorded, and exchanges by status: what the workload left in the database."""
    from neighborshare.adapters.sql.records import telegram_updates
    from neighborshare.adapters.sql.tables import exchanges

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            recorded = connection.scalar(sa.select(sa.func.count()).select_from(telegram_updates))
            statuses = connection.execute(
                sa.select(exchanges.c.status, sa.func.count()).group_by(exchanges.c.status)
            ).all()
    finally:
        engine.dispose()
    return recorded or 0, dict(statuses)


def database_summary(url: str) -> str:
    recorded, exchanges = database_counts(url)
    by_status = ", ".join(f"{status} {n}" for status, n in sorted(exchanges.items())) or "none"
    return f"database afterwards: {recorded} update ids recorded; exchanges: {by_status}"


def worker_afterwards(setup: Setup, postgis: bool) -> str:
    """What the worker does next with the outbox the run filled, in this one process: each
    Publish's fan-out (the neighbors in range read, their alerts queued) and every message
    rendered and handed to a notifier that only records it. It is in none of the figures
    above: in production the worker does it, beside the bot."""
    container = container_for(setup)
    container.clock.override(providers.Object(FixedClock(NOW)))
    before, started = postgres_ticks() if postgis else None, time.process_time()
    drained = container.notifications().drain_all()
    cpu_s = time.process_time() - started
    database = PostgresCpu.since(before, setup.url) if before is not None else None
    container.database_uow_factory().dispose()
    postgres = f", PostgreSQL {database.bench_db_s:.2f} s" if database else ""
    return (f"worker afterwards (not in the figures): {drained.fanned_out} posts fanned out, "
            f"{drained.sent} messages sent to a stand-in; CPU {cpu_s:.2f} s{postgres}")


def analyze(url: str) -> None:
    """Planner statistics for every table, as autovacuum keeps them on a running server.

    This machine's PostgreSQL runs with autovacuum off (the CI configuration), so a database
    created for the run would otherwise be planned as if its tables were empty: measured so,
    a /browse's query cost 0.56 ms of PostgreSQL's time instead of 0.22 ms."""
    from tests.support.databases import run_outside_a_transaction

    run_outside_a_transaction(url, "ANALYZE")


def bench_bot(setup: Setup, processes: int, postgis: bool) -> Figures:
    seed(setup)
    rounds = len(Workload.labels(setup.town))
    figures = run_in_processes(bot_worker, (setup,), processes, rounds,
                               postgres_url=setup.url if postgis else None,
                               before_measuring=(lambda: analyze(setup.url)) if postgis else None)
    for measured, label in zip(figures.rounds, Workload.labels(setup.town), strict=True):
        measured.label = label
    return figures


@contextmanager
def database(backend: str) -> Iterator[str | None]:
    """A migrated database of ``backend`` for one run: its URL, or None if unreachable."""
    if backend == "sqlite":
        from neighborshare.adapters.sql import migrations

        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            url = f"sqlite:///{Path(folder) / 'bench.db'}"
            migrations.upgrade(url)
            yield url
        return
    try:
        from tests.support.databases import create_postgis_database, drop_postgis_database

        url = create_postgis_database()
    except Exception as error:  # no PostgreSQL here: say so and carry on with the others
        print(f"PostGIS: skipped ({type(error).__name__}: {str(error).splitlines()[0][:80]})")
        yield None
        return
    try:
        yield url
    finally:
        drop_postgis_database(url)


@contextmanager
def cache_server(kind: str) -> Iterator[str | None]:
    """A private redis-server's URL for ``redis``; None (each process its own) for ``memory``."""
    if kind == "memory":
        yield None
        return
    from tests.support.redis_server import PrivateRedis

    with tempfile.TemporaryDirectory(prefix="bench-redis-") as folder:
        redis = PrivateRedis(Path(folder))
        redis.start()
        try:
            yield redis.url
        finally:
            redis.stop()


def run_backend(backend: str, options: argparse.Namespace) -> Figures | None:
    """Bench the bot on one backend and print its figures beside the bare PTB baseline."""
    with database(backend) as url, cache_server(options.cache) as redis_url:
        if url is None:
            return None
        warmup = (Town(options.warmup, first=options.neighborhoods)
                  if options.warmup else None)
        setup = Setup(url, redis_url, options.pool, options.concurrency, options.direct,
                      Town(options.neighborhoods), warmup)
        path = "direct (process_update only)" if options.direct else \
            "production (UpdateProcessor: one transaction per update)"
        print(f"\n{backend}: {path}; {_many(options.processes, 'process', 'es')} x "
              f"{options.concurrency} in flight, pool {options.pool}, cache {options.cache}, "
              f"{_many(options.neighborhoods, 'neighborhood', 's')} of 200 neighbors")
        if options.cache == "memory" and options.processes > 1:
            print("(each process caches on its own: it may read what another already changed)")
        print(HEADER)
        figures = bench_bot(setup, options.processes, postgis=backend == "postgis")
        for measured in figures.rounds:
            report(f"  {measured.label}", measured)
        total = figures.total()
        rate = report(f"bot, all rounds ({backend})", total)
        print(database_summary(url))
        print(worker_afterwards(setup, postgis=backend == "postgis"))
    bare = bench_bare(total.updates, options.processes, options.concurrency)
    bare_rate = report("bare PTB, one handler, same processes", bare)
    print(f"ratio bot / bare PTB: {rate / bare_rate:.3f}")
    return figures


def _many(n: int, noun: str, plural_ending: str) -> str:
    return f"{n} {noun}{'' if n == 1 else plural_ending}"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgis"],
                        help="repeat for several; default: sqlite, then postgis")
    parser.add_argument("--processes", type=int, default=2,
                        help="bot processes on the one database (production runs 2 replicas)")
    parser.add_argument("--concurrency", type=int, default=2,
                        help="updates in flight per process (2 keep both cores busy here; "
                             "more only wait for a transaction slot)")
    parser.add_argument("--pool", type=int, default=Settings.model_fields["db_pool_size"].default,
                        help="DB pool per process = handler and processor thread pools "
                             "(default: the DB_POOL_SIZE default)")
    parser.add_argument("--neighborhoods", type=int, default=3,
                        help="neighborhoods of 200 neighbors; about 1,000 updates each")
    parser.add_argument("--warmup", type=int, default=1, metavar="NEIGHBORHOODS",
                        help="neighborhoods that run the workload first, unmeasured (0: none)")
    parser.add_argument("--direct", action="store_true",
                        help="plain Application.process_update, without the UpdateProcessor")
    parser.add_argument("--cache", choices=["redis", "memory"], default="redis",
                        help="redis: one private redis-server shared by the processes")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    before = python_loop_seconds()
    for backend in options.backend or ["sqlite", "postgis"]:
        run_backend(backend, options)
    print(speed_line(before, python_loop_seconds()))


if __name__ == "__main__":
    main()
