"""What one bot update costs, by kind: CPU per update, one update at a time, in one process.

The throughput bench (`bench/bot_throughput.py`) runs two busy processes: its figures are what
the machine can carry, and they move with the machine's speed and with how the processes and
PostgreSQL share its two cores. This one asks a narrower question, the one to ask of a change
to one kind of update: what does that kind cost? It builds the bench's bot (production path:
``UpdateProcessor``, one transaction per update, the offline Bot API, Redis for the cache) on a
throwaway database, runs the bench's workload once unmeasured to warm it up, ANALYZEs the
database, then sends one neighborhood's updates one at a time and times each with the
process's CPU clock (every thread of it: the event loop, the transaction threads, the offline
Bot API) and PostgreSQL's (the backends of the bench's database, from /proc).

    .venv/bin/python -m bench.update_costs                      # PostGIS
    .venv/bin/python -m bench.update_costs --backend sqlite

Kinds, in the order a neighborhood sends them: the /share flow (the command, the dish's name,
then each tap to Publish), /browse, a tap on Request under a card, a tap on a number of
portions (the request itself), /mine, a tap on Accept, and /help (no database work beyond the
update id's record: the fixed cost of an update). One at a time, the CPU figures include each
update's wake-ups (a thread handing work to another that was idle), which a busy server shares
between updates: they run higher than the throughput bench's CPU per update.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from bench.bot_throughput import (
    ProcessorPath,
    Setup,
    analyze,
    cache_server,
    database,
    seed,
    started_bot,
)
from bench.bot_workload import SHARE_TAPS, Town, Workload
from bench.machine import python_loop_seconds, speed_line
from bench.postgres_cpu import backends_of
from bench.processes import Tally
from neighborshare.adapters.telegram.neighbors import Neighbor, OfflinePayloads


class Backends:
    """CPU seconds of the bench database's PostgreSQL backends (those connected when made),
    from /proc/PID/schedstat: the time each has run on a CPU, in nanoseconds."""

    def __init__(self, url: str) -> None:
        self._stats = [f"/proc/{pid}/schedstat" for pid in backends_of(url)]

    def cpu_s(self) -> float:
        ns = 0
        for path in self._stats:
            try:
                with open(path) as stat:
                    ns += int(stat.read().split()[0])
            except OSError:  # that connection is gone
                continue
        return ns / 1e9


class Costs:
    """CPU seconds per update, by kind, for this process and (PostGIS) PostgreSQL's backends."""

    def __init__(self, backends: Backends | None) -> None:
        self.bot: dict[str, list[float]] = defaultdict(list)
        self.postgres: dict[str, list[float]] = defaultdict(list)
        self._backends = backends

    async def timed(self, kind: str, send: Callable[[Any], Any], make: Callable[[], Any]) -> None:
        try:
            payload = make()
        except LookupError:  # no such button (a dish already taken): nothing to send
            return
        backends = self._backends
        before = backends.cpu_s() if backends else 0.0
        started = time.process_time()
        await send(payload)
        self.bot[kind].append(time.process_time() - started)
        if backends:
            self.postgres[kind].append(backends.cpu_s() - before)

    def lines(self) -> list[str]:
        header = f"  {'kind':<24} {'updates':>7}   CPU ms per update: {'bot':>5} {'postgres':>8}"
        rows = [header]
        for kind, spent in self.bot.items():
            pg = self.postgres.get(kind)
            postgres = f"{sum(pg) / len(pg) * 1000:8.2f}" if pg else f"{'-':>8}"
            rows.append(f"  {kind:<24} {len(spent):>7}   {'':>18} "
                        f"{sum(spent) / len(spent) * 1000:5.2f} {postgres}")
        return rows


async def measure(setup: Setup, postgis: bool, helps: int) -> Costs:
    container, bot = await started_bot(setup)
    path = ProcessorPath(bot, container, setup.pool, 1, Tally())
    neighbors = OfflinePayloads(bot.api)
    try:
        if setup.warmup is not None:
            warm = setup.warmup.people(neighbors, 0, 1)
            for run_round in Workload(neighbors, warm, path, 1).rounds():
                await run_round()
        if postgis:
            analyze(setup.url)
        costs = Costs(Backends(setup.url) if postgis else None)
        await one_by_one(costs, neighbors, setup.town.people(neighbors, 0, 1), path, helps)
    finally:
        await asyncio.to_thread(path.close)
        await bot.stop()
        container.database_uow_factory().dispose()
    return costs


async def one_by_one(costs: Costs, n: OfflinePayloads,
                     people: tuple[list[Neighbor], list[Neighbor]], send: Any,
                     helps: int) -> None:
    """The bench's workload for these people, one update at a time, each timed by kind."""
    sharers, browsers = people
    workload = Workload(n, people, send, 1)
    for who in sharers:
        await costs.timed("/share", send, functools.partial(n.text, who, "/share"))
        await costs.timed("share: the dish's name", send,
                          functools.partial(n.text, who, f"Dish of {who.name}"))
        for label in SHARE_TAPS:
            await costs.timed(f"share: tap {label}", send, functools.partial(n.tap, who, label))
    for who in browsers:
        await costs.timed("/browse", send, functools.partial(n.text, who, "/browse"))
        await costs.timed("tap Request (a card)", send,
                          functools.partial(workload.request_card, who))
        await costs.timed("tap 1 (the request)", send, functools.partial(n.tap, who, "1"))
    for who in sharers:
        await costs.timed("/mine", send, functools.partial(n.text, who, "/mine"))
        for _ in range(len(browsers)):
            before = len(costs.bot["tap Accept"])
            await costs.timed("tap Accept", send, functools.partial(n.tap, who, "Accept"))
            if len(costs.bot["tap Accept"]) == before:
                break  # nothing left to accept
    for index in range(helps):
        who = browsers[index % len(browsers)]
        await costs.timed("/help", send, functools.partial(n.text, who, "/help"))


def run(backend: str, helps: int) -> None:
    with database(backend) as url, cache_server("redis") as redis_url:
        if url is None:
            return
        setup = Setup(url, redis_url, pool=4, concurrency=1, direct=False, town=Town(1),
                      warmup=Town(1, first=1))
        seed(setup)
        postgis = backend == "postgis"
        costs = asyncio.run(measure(setup, postgis, helps))
    print(f"\n{backend}: one neighborhood (40 sharers, 160 browsers), one update at a time, "
          f"process {os.getpid()}")
    print("\n".join(costs.lines()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--backend", choices=["postgis", "sqlite"], default="postgis")
    parser.add_argument("--helps", type=int, default=200, help="/help updates at the end")
    args = parser.parse_args(argv)
    if not 0 <= args.helps <= 10_000:
        parser.error("keep it bounded: --helps up to 10,000")
    before = python_loop_seconds()
    run(args.backend, args.helps)
    print(speed_line(before, python_loop_seconds()))


if __name__ == "__main__":
    main()
