"""Each sweep interrupted half-way, then run again, ends exactly where an uninterrupted run ends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from neighborshare.adapters.sql.bulk_sweeps import SqlBulkExpiry
from neighborshare.services.digests import DigestService
from neighborshare.services.exchanges import ExchangeService
from neighborshare.services.notifications import NotificationService
from neighborshare.services.sweeps import SweepService
from tests.worker.conftest import BACKENDS, SQL_BACKENDS, MakeWorld, World
from tests.worker.crashes import (
    Crash,
    CrashingNotifier,
    CrashingUnitOfWorkFactory,
    Killed,
    crash_on_batch,
)
from tests.worker.scenario import Neighborhood, build, register, snapshot

pytestmark = pytest.mark.slow  # memory, SQLite and PostGIS worlds, built twice each


@dataclass(frozen=True)
class Case:
    accept: bool
    later: timedelta  # where the clock goes before the sweep
    run: Callable[[Any], object]  # what the job does, given a SweepService or DigestService


def _expire(s: SweepService) -> None:
    """As the worker's job: posts with their requests, then requests left on hidden posts."""
    s.expire_posts()
    s.expire_requests()


CASES = {
    "expire": Case(False, timedelta(hours=2, minutes=1), _expire),
    "reminders": Case(True, timedelta(minutes=50), lambda s: s.send_reminders()),
    "pickup_check": Case(True, timedelta(hours=2, minutes=1), lambda s: s.ask_about_pickups()),
    "auto_complete": Case(True, timedelta(hours=26, minutes=10), lambda s: s.auto_complete()),
    "daily_digest": Case(False, timedelta(hours=1, minutes=10), lambda d: d.send_daily()),
}


def _services(world: World, uow: Any, bulk: Any = None) -> tuple[SweepService, DigestService]:
    c = world.container
    exchanges = ExchangeService(uow, world.clock, c.rules(), c.task_queue())
    sweeps = SweepService(uow, world.clock, c.rules(), exchanges, bulk=bulk, bulk_batch=2)
    digests = DigestService(uow, world.clock, c.rules(), c.task_queue(), users_per_transaction=3)
    return sweeps, digests


def _prepared(make_world: MakeWorld, backend: str, case: Case) -> tuple[World, Neighborhood]:
    world = make_world(backend, bulk=False)
    hood = build(world, pairs=6, accept=case.accept)
    world.clock.advance(case.later)
    return world, hood


def _run(case: Case, name: str, sweeps: SweepService, digests: DigestService) -> None:
    case.run(digests if name == "daily_digest" else sweeps)


# How many commits survive before the crash: one item in, or half-way.
CRASH_POINTS = [(name, n) for name in sorted(CASES) for n in (1, 3)]


@pytest.mark.parametrize(("name", "survive"), CRASH_POINTS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_itemwise_sweep_interrupted_then_rerun_ends_as_uninterrupted(
    make_world: MakeWorld, backend: str, name: str, survive: int
) -> None:
    case = CASES[name]
    world, hood = _prepared(make_world, backend, case)
    _run(case, name, *_services(world, world.uow))
    expected = snapshot(world, hood)

    world, hood = _prepared(make_world, backend, case)
    before = snapshot(world, hood)
    crashing = CrashingUnitOfWorkFactory(world.uow, survive=survive)
    with pytest.raises(Crash):
        _run(case, name, *_services(world, crashing))
    half = snapshot(world, hood)
    assert half != before and half != expected  # it did stop half-way
    _run(case, name, *_services(world, world.uow))
    _run(case, name, *_services(world, world.uow))  # and a third time changes nothing more
    assert snapshot(world, hood) == expected
    assert expected != before and expected["ledger_matches_balance"]


@pytest.mark.parametrize("crash_in_batch", [2, 3])
@pytest.mark.parametrize("backend", SQL_BACKENDS)
def test_bulk_expiry_interrupted_then_rerun_ends_as_the_itemwise_sweep(
    make_world: MakeWorld, backend: str, crash_in_batch: int
) -> None:
    case = CASES["expire"]
    world, hood = _prepared(make_world, backend, case)
    _run(case, "expire", *_services(world, world.uow))
    expected = snapshot(world, hood)

    world, hood = _prepared(make_world, backend, case)
    rules = world.container.rules()
    crashing = SqlBulkExpiry(world.engine, rules, before_commit=crash_on_batch(crash_in_batch))
    with pytest.raises(Crash):
        _run(case, "expire", *_services(world, world.uow, bulk=crashing))
    assert snapshot(world, hood) != expected
    bulk = SqlBulkExpiry(world.engine, rules)
    _run(case, "expire", *_services(world, world.uow, bulk=bulk))
    _run(case, "expire", *_services(world, world.uow, bulk=bulk))
    assert snapshot(world, hood) == expected
    assert all(balance == 5 for balance in expected["balances"].values())
    assert {status for status, _ in expected["posts"].values()} == {"expired"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_drain_interrupted_by_a_dying_notifier_delivers_every_message_once(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    hood = build(world, accept=True)  # request and accept messages: 8 rows (and 4 fan-outs)
    c = world.container
    dying = CrashingNotifier(survive=3)
    with pytest.raises(Killed):
        NotificationService(world.uow, world.clock, dying, c.renderer(), c.rules()).drain(batch=12)
    world.clock.advance(timedelta(minutes=6))  # the dead worker's lease runs out
    survivor = c.notifications()
    survivor.drain_all(batch=5)
    survivor.drain_all(batch=5)
    delivered = [(m.chat_id, m.html) for m in dying.sent + world.notifier.sent]
    assert len(delivered) == len(set(delivered)) == 8
    assert all(sent for *_, sent, _ in snapshot(world, hood)["outbox"])


@pytest.mark.parametrize("backend", SQL_BACKENDS)
def test_bulk_expiry_words_and_refunds_as_the_itemwise_sweep_with_hidden_and_shared_posts(
    make_world: MakeWorld, backend: str
) -> None:
    states = []
    for bulk in (False, True):
        world = make_world(backend, bulk=bulk)
        hood = build(world, pairs=3)
        for i, post_id in enumerate(hood.posts[:2]):  # a second request on two of the dishes
            requester = register(world, 250 + i, f"Second{i}")
            exchange = world.container.exchanges().request(requester, post_id, 1)
            hood.requesters.append(requester)
            hood.exchanges.append(int(exchange.id))
        with world.uow() as uow:  # a moderator hid the first dish; its requests still wait
            post = uow.posts.get_for_update(hood.posts[0])
            post.hide()
            uow.posts.save(post)
            uow.commit()
        world.clock.advance(timedelta(hours=2))
        _expire(world.container.sweeps())
        states.append(snapshot(world, hood))
    assert states[0] == states[1]
    assert states[1]["posts"][hood.posts[0]] == ("hidden", 0)
    assert {state for state, *_ in states[1]["exchanges"].values()} == {"expired"}
    assert set(states[1]["balances"].values()) == {5}
