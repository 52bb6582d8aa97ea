"""bench/update_costs.py times every kind of update of a small town, one update at a time."""

from __future__ import annotations

import asyncio

from bench.bot_throughput import Setup, cache_server, database, seed
from bench.bot_workload import SHARE_TAPS, Town
from bench.update_costs import measure

SHARERS, BROWSERS = 2, 4


def test_each_kind_is_timed_once_per_update_sent() -> None:
    with database("sqlite") as url, cache_server("redis") as redis_url:
        assert url is not None
        setup = Setup(url, redis_url, pool=4, concurrency=1, direct=False,
                      town=Town(1, SHARERS, BROWSERS), warmup=Town(1, SHARERS, BROWSERS, first=1))
        seed(setup)
        costs = asyncio.run(measure(setup, postgis=False, helps=3))

    counts = {kind: len(spent) for kind, spent in costs.bot.items()}
    assert counts["/share"] == counts["share: the dish's name"] == SHARERS
    assert counts["share: tap Done"] == 2 * SHARERS  # allergens, then diets
    assert all(counts[f"share: tap {label}"] == SHARERS for label in SHARE_TAPS if label != "Done")
    assert counts["/browse"] == BROWSERS and counts["/help"] == 3
    assert counts["tap 1 (the request)"] == counts["tap Request (a card)"] == BROWSERS
    assert 1 <= counts["tap Accept"] <= BROWSERS and counts["/mine"] == SHARERS
    assert all(t > 0 for spent in costs.bot.values() for t in spent)
    assert costs.postgres == {}  # SQLite: no server to read
    lines = costs.lines()
    assert len(lines) == 1 + len(counts) and "/help" in lines[-1]
