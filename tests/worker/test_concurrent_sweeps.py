"""Two workers running the same sweep at once end where one worker alone ends."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest

from neighborshare.entrypoints.worker.jobs import expire_overdue
from tests.worker.conftest import SQL_BACKENDS, MakeWorld, World
from tests.worker.scenario import build, snapshot


def _expire_with(world: World, workers: int) -> list[BaseException]:
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            start.wait()
            expire_overdue(world.container)
        except BaseException as error:  # reported by the caller's assertion
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


pytestmark = pytest.mark.slow  # memory, SQLite and PostGIS worlds, built twice each


@pytest.mark.parametrize("bulk", [False, True], ids=["itemwise", "bulk"])
@pytest.mark.parametrize("backend", SQL_BACKENDS)
def test_two_workers_expiring_at_once_refund_and_tell_each_neighbor_once(
    make_world: MakeWorld, backend: str, bulk: bool
) -> None:
    states: list[dict[str, Any]] = []
    for workers in (1, 2):
        world = make_world(backend, bulk=bulk)
        hood = build(world, pairs=6)
        world.clock.advance(timedelta(hours=2))
        assert _expire_with(world, workers) == []
        states.append(snapshot(world, hood))
    assert states[0] == states[1]
    assert set(states[1]["balances"].values()) == {5}


@pytest.mark.parametrize("backend", SQL_BACKENDS)
def test_a_bulk_sweep_fanned_out_to_two_workers_ends_as_the_itemwise_sweep(
    make_world: MakeWorld, backend: str
) -> None:
    from neighborshare.services.sweeps import SweepService

    states: list[dict[str, Any]] = []
    for bulk in (False, True):
        world = make_world(backend, bulk=bulk)
        hood = build(world, pairs=7)
        world.clock.advance(timedelta(hours=2))
        c = world.container
        sweeps = SweepService(
            world.uow, world.clock, c.rules(), c.exchanges(), c.bulk_expiry(), 2, bulk_workers=2
        )
        assert sweeps.expire_posts().handled == 7
        states.append(snapshot(world, hood))
    assert states[0] == states[1]
