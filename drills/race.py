"""Race drill: 200 neighbors ask at once for a dish with 3 portions left, over real HTTP to two
`neighborshare bot` processes on one PostGIS database. Exactly 3 are granted; then the sharer's
decline races each winner's cancel and exactly one refund lands; no balance goes negative and
the ledger sums to the balances.

    .venv/bin/python -m drills.race --requests 200
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from tests.concurrency.race import race

from drills.books import broken
from drills.outcome import Outcome
from drills.servers import bot_servers
from drills.webhooks import (
    Person,
    command,
    post,
    seed,
    services,
    share,
    throwaway_database,
)
from neighborshare.container import Container
from neighborshare.domain.exchanges import ExchangeRequest


async def burst(urls: list[str], people: list[Person], post_id: int) -> Counter[int]:
    limits = httpx.Limits(max_connections=len(people), max_keepalive_connections=len(people))
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        statuses = await asyncio.gather(*(
            post(client, urls[i % len(urls)], command(10_000 + i, p, f"/request {post_id} 1"))
            for i, p in enumerate(people)))
    return Counter(statuses)


def balances(c: Container, people: list[Person]) -> Counter[int]:
    with c.uow_factory()() as uow:
        return Counter(uow.users.get(p.user_id).balance for p in people)  # type: ignore[union-attr]


def refund_race(outcome: Outcome, c: Container, sharer: Person, post_id: int) -> None:
    """For each granted request, the sharer declines while the requester cancels."""
    with c.uow_factory()() as uow:
        granted = [x for x in uow.exchanges.for_post(post_id) if x.status.value == "pending"]
    exchanges = c.exchanges()
    outcomes = race([call for x in granted for call in (
        lambda x=x: exchanges.decline(sharer.user_id, x.id),
        lambda x=x: exchanges.cancel(x.requester_id, x.id))])
    won = sum(isinstance(o, ExchangeRequest) for o in outcomes)
    outcome.attempt(f"decline and cancel raced for each of {len(granted)} pending requests")
    outcome.check(f"exactly one of each pair went through ({won} of {len(outcomes)})",
                  won == len(granted))


def run(requests: int = 200) -> Outcome:
    outcome = Outcome("race")
    with throwaway_database() as url, tempfile.TemporaryDirectory(prefix="ns-race-") as folder:
        c = services(url)
        sharer, first, *racers = seed(c, requests + 2)
        post_id = share(c, sharer, 5)
        c.exchanges().request(first.user_id, post_id, 2)  # 3 portions left
        with bot_servers(url, 2, Path(folder)) as urls:
            outcome.attempt(f"{requests} neighbors post '/request {post_id} 1' at once, "
                            f"alternating between 2 bot processes")
            started = time.perf_counter()
            statuses = asyncio.run(burst(urls, racers, post_id))
            outcome.figure("burst wall time", f"{time.perf_counter() - started:.2f} s")
        outcome.figure("HTTP statuses", dict(statuses))
        outcome.check("every update answered 200 (handled, not left for redelivery)",
                      statuses == Counter({200: requests}))
        with c.uow_factory()() as uow:
            post = uow.posts.get(post_id)
            live = list(uow.exchanges.for_post(post_id))
        outcome.check(f"exactly 3 portions granted ({len(live) - 1} requests recorded)",
                      len(live) == 4 and post is not None and post.portions_reserved == 5)
        held = balances(c, racers)
        outcome.figure("racers' balances", dict(held))
        outcome.check("3 winners hold 1 credit, everyone else keeps 5",
                      held == Counter({4: 3, 5: requests - 3}))
        outcome.check("books balance after the burst", not broken(url))
        refund_race(outcome, c, sharer, post_id)
        outcome.check("refunds exact: every racer back to 5 credits",
                      balances(c, [first, *racers]) == Counter({5: requests + 1}))
        problems = broken(url)
        outcome.check(f"books balance after the refunds {problems or ''}", not problems)
        c.uow_factory().dispose()
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if not 4 <= args.requests <= 1000:
        parser.error("--requests from 4 to 1000")
    run(args.requests).print_and_exit()


if __name__ == "__main__":
    main()
