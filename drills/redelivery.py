"""Redelivery drill: N updates (each a neighbor's '/request POST 1') are each delivered twice to
two `neighborshare bot` processes on one PostGIS database, a third of them concurrently (both
copies at once, one to each process), the rest redelivered later to the other process. Every
effect happens once: one exchange, one credit hold and one notification per update.

    .venv/bin/python -m drills.redelivery --updates 10000
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from drills.books import broken, counts
from drills.outcome import Outcome
from drills.servers import bot_servers
from drills.webhooks import (
    Person,
    command,
    deliver,
    seed,
    services,
    share,
    throwaway_database,
)

PORTIONS = 20  # per dish: the most a post may offer
PER_NEIGHBOR = 3  # the most open requests a neighbor may hold


def plan(updates: int, requesters: list[Person], posts: list[int]) -> list[dict[str, object]]:
    """Update j: requester j // 3 asks for one portion of dish j % len(posts)."""
    return [command(1_000_000 + j, requesters[j // PER_NEIGHBOR],
                    f"/request {posts[j % len(posts)]} 1") for j in range(updates)]


async def deliver_all(urls: list[str], bodies: list[dict[str, object]]) -> dict[str, object]:
    gate = asyncio.Semaphore(64)
    firsts: Counter[int] = Counter()
    attempts = 0

    async def one(client: httpx.AsyncClient, url: str, body: dict[str, object]) -> None:
        nonlocal attempts
        async with gate:
            first, tries = await deliver(client, url, body)
        firsts[first] += 1
        attempts += tries

    limits = httpx.Limits(max_connections=128, max_keepalive_connections=128)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        a, b = urls[0], urls[-1]
        together = [one(client, x, body) for i, body in enumerate(bodies) if i % 3 == 0
                    for x in (a, b)]
        await asyncio.gather(*together, *(one(client, a if i % 2 else b, body)
                                          for i, body in enumerate(bodies) if i % 3))
        await asyncio.gather(*(one(client, b if i % 2 else a, body)  # the late redelivery
                               for i, body in enumerate(bodies) if i % 3))
    return {"first answers": dict(firsts), "HTTP attempts": attempts}


def run(updates: int = 2000) -> Outcome:
    outcome = Outcome("redelivery")
    with throwaway_database() as url, tempfile.TemporaryDirectory(prefix="ns-redo-") as folder:
        c = services(url)
        posts_needed = -(-updates // PORTIONS)
        sharers = seed(c, posts_needed)
        posts = [share(c, s, PORTIONS, f"Dish {i}") for i, s in enumerate(sharers)]
        requesters = seed(c, -(-updates // PER_NEIGHBOR), first=posts_needed)
        before = counts(url, {"outbox": "SELECT count(*) FROM outbox"})["outbox"]
        bodies = plan(updates, requesters, posts)
        with bot_servers(url, 2, Path(folder)) as urls:
            outcome.attempt(f"{updates} updates x 2 deliveries to 2 bot processes "
                            f"({len(bodies[::3])} pairs at once, the rest redelivered later)")
            started = time.perf_counter()
            figures = asyncio.run(deliver_all(urls, bodies))
            elapsed = time.perf_counter() - started
        outcome.figure("deliveries", 2 * updates)
        outcome.figure("wall time", f"{elapsed:.1f} s ({2 * updates / elapsed:.0f} deliveries/s)")
        for name, value in figures.items():
            outcome.figure(name, value)
        found = counts(url, {
            "updates": "SELECT count(*) FROM telegram_updates",
            "exchanges": "SELECT count(*) FROM exchanges",
            "holds": "SELECT count(*) FROM credit_transactions WHERE kind = 'request_hold'",
            "outbox": "SELECT count(*) FROM outbox"})
        outcome.check(f"every update recorded once ({found['updates']})",
                      found["updates"] == updates)
        outcome.check(f"one exchange per update ({found['exchanges']})",
                      found["exchanges"] == updates)
        outcome.check(f"one credit hold per update ({found['holds']})", found["holds"] == updates)
        outcome.check(f"one notification to the sharer per update ({found['outbox'] - before})",
                      found["outbox"] - before == updates)
        problems = broken(url)
        outcome.check(f"books balance {problems or ''}", not problems)
        c.uow_factory().dispose()
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    args = parser.parse_args()
    if not 1 <= args.updates <= 50_000:
        parser.error("--updates from 1 to 50000")
    run(args.updates).print_and_exit()


if __name__ == "__main__":
    main()
