"""The bot throughput bench counts what its processes did: a tiny town on SQLite, two processes."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from bench.bot_throughput import (
    Setup,
    analyze,
    bench_bot,
    cache_server,
    database,
    database_counts,
)
from bench.bot_workload import CENTRE, NEIGHBORHOOD_SPACING, Town
from bench.processes import Link, Tally, now, run_in_processes

from neighborshare.settings import Settings

SHARERS, BROWSERS = 4, 16
SHARE_FLOW = 8  # /share, the dish's name, then six taps to Publish


@pytest.mark.slow
def test_two_processes_on_one_database_count_every_update_once() -> None:
    with database("sqlite") as url, cache_server("redis") as redis_url:
        assert url is not None
        setup = Setup(url, redis_url, pool=4, concurrency=4, direct=False,
                      town=Town(1, SHARERS, BROWSERS))
        figures = bench_bot(setup, processes=2, postgis=False)
        recorded, exchanges = database_counts(url)

    share, browse, accept = figures.rounds
    assert share.updates == SHARERS * SHARE_FLOW
    assert [len(m.latencies) for m in share.measured] == [SHARE_FLOW * SHARERS // 2] * 2
    assert all(m.latencies for m in browse.measured + accept.measured)  # both took part
    total = figures.total()
    assert total.updates == share.updates + browse.updates + accept.updates
    assert len(total.latencies) == total.updates
    assert total.counts["processed"] == total.updates == recorded  # each update id once
    assert total.counts["transactions"] >= total.updates
    assert set(total.counts) <= {"processed", "transactions"}
    assert exchanges.get("accepted", 0) == accept.updates - SHARERS  # one Accept per request
    assert exchanges.get("accepted", 0) > 0
    assert total.wall_s > 0 and total.cpu_s > 0


@pytest.mark.slow
def test_a_warm_up_town_runs_first_and_is_not_measured() -> None:
    with database("sqlite") as url, cache_server("redis") as redis_url:
        assert url is not None
        setup = Setup(url, redis_url, pool=4, concurrency=4, direct=False,
                      town=Town(1, SHARERS, BROWSERS), warmup=Town(1, SHARERS, BROWSERS, first=1))
        figures = bench_bot(setup, processes=2, postgis=False)
        recorded, _ = database_counts(url)

    share = figures.rounds[0]
    assert share.updates == SHARERS * SHARE_FLOW  # the warm-up's updates are not in the figures
    total = figures.total()
    assert recorded >= total.updates + SHARERS * SHARE_FLOW  # but they were handled


def test_the_documented_largest_run_with_its_warm_up_lies_in_the_service_area() -> None:
    area = Settings().service_area
    town, warmup = Town(5), Town(1, first=5)  # ``--neighborhoods 5`` and its warm-up
    homes = [home for _, home in town.names() + warmup.names()]
    assert all(area.contains(home) for home in homes)
    rows = {round((home.latitude - CENTRE[0]) / NEIGHBORHOOD_SPACING) for home in homes}
    assert len(rows) == 6  # six neighborhoods apart, none stacked on another


def one_quick_round(link: Link, nothing: None) -> None:
    """A bench process that only takes part in one empty round."""

    async def idle() -> None:
        return None

    with link.failing_loudly():
        asyncio.run(link.round(idle, Tally()))


def test_the_parent_prepares_once_every_process_is_ready_and_before_the_first_round() -> None:
    prepared: list[float] = []
    figures = run_in_processes(one_quick_round, (None,), processes=2, rounds=1,
                               postgres_url=None, before_measuring=lambda: prepared.append(now()))
    assert len(prepared) == 1
    assert prepared[0] < min(m.started for m in figures.rounds[0].measured)


def test_analyze_gives_postgresql_statistics_for_every_table() -> None:
    with database("postgis") as url:
        assert url is not None, "PostGIS must be running (scripts/services.sh starts it)"
        engine = sa.create_engine(url)
        try:
            analyze(url)
            with engine.connect() as connection:
                never = connection.scalars(sa.text(
                    "SELECT relname FROM pg_stat_user_tables "
                    "WHERE last_analyze IS NULL AND relname <> 'spatial_ref_sys'")).all()
                tables = connection.scalar(sa.text("SELECT count(*) FROM pg_stat_user_tables"))
        finally:
            engine.dispose()
    assert tables and tables > 5
    assert never == []
