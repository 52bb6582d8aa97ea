"""Per-call CPU and wall time of the SQL repositories' hot calls, on PostGIS and SQLite.

Each call runs ``--calls`` times in one open unit of work (rolled back at the end) over a
throwaway database: a PostGIS database created and dropped here, or a SQLite file migrated to
head. Reads empty the identity map first, so every read reaches the database. CPU is this
process's time.process_time (the Python cost; the server's work is not in it), wall is
time.perf_counter. The machine is shared: figures are noisy.

    .venv/bin/python -m bench.sql_statements               # PostGIS and SQLite
    .venv/bin/python -m bench.sql_statements --backend sqlite --calls 500
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from neighborshare.adapters.sql import migrations
from neighborshare.adapters.sql.unit_of_work import SqlUnitOfWork, sql_uow_factory
from neighborshare.domain.credits import CreditKind, CreditTransaction
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.sessions import ConversationSession
from neighborshare.domain.users import User
from neighborshare.domain.values import Location, PhoneHash, PickupWindow

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
HOME = Location(51.5074, -0.1278)
WARM_UP = 20
SESSION_DATA = {"flow_started": NOW.isoformat(), "portions": 3, "name": "Dal"}


def neighbor(n: int) -> User:
    phone = PhoneHash(f"{n:064x}", f"{n % 100:02d}")  # a digest without hashing per call
    return User(2_000_000 + n, f"Neighbor {n}", phone, f"{n % 400}B", HOME, created_at=NOW)


def dish(sharer_id: int) -> FoodPost:
    window = PickupWindow(NOW + timedelta(hours=1), NOW + timedelta(hours=3))
    return FoodPost(sharer_id, "Dal", 3, window, HOME, created_at=NOW)


def conversation(telegram_id: int) -> ConversationSession:
    return ConversationSession(
        telegram_id, "share", "portions", NOW, NOW + timedelta(minutes=30), dict(SESSION_DATA)
    )


def message(recipient_id: int, n: int) -> OutboxMessage:
    return OutboxMessage(recipient_id, "request_received", {"exchange_id": n}, f"bench:{n}",
                         NOW, NOW)


def credit(user_id: int, n: int) -> CreditTransaction:
    return CreditTransaction(user_id, 1, CreditKind.ADJUSTMENT, f"bench:{n}", NOW)


@dataclass
class Fixture:
    """The rows the timed calls read and write, inside the open unit of work."""

    uow: SqlUnitOfWork
    user: User
    post: FoodPost
    exchange: ExchangeRequest

    def forget_all(self) -> None:
        """Empty the identity map (and the lock set) so the next read goes to SQL."""
        session = self.uow._session
        session.identities.clear()
        session.locked.clear()


def seed(uow: SqlUnitOfWork) -> Fixture:
    user = uow.users.add(neighbor(0))
    sharer = uow.users.add(neighbor(1))
    assert user.id is not None
    assert sharer.id is not None
    post = uow.posts.add(dish(sharer.id))
    assert post.id is not None
    exchange = uow.exchanges.add(ExchangeRequest(post.id, user.id, sharer.id, 1, NOW))
    uow.sessions.save(conversation(user.telegram_id))
    uow.credits.add(credit(user.id, 10_000_000))
    return Fixture(uow, user, post, exchange)


Call = Callable[[Fixture, int], Any]


def cold(read: Call) -> Call:
    def call(f: Fixture, i: int) -> Any:
        f.forget_all()
        return read(f, i)

    return call


def bump(f: Fixture, i: int) -> None:
    f.user.balance = 5 + i % 3
    f.uow.users.save(f.user)


CALLS: list[tuple[str, Call]] = [
    ("users.get (by id)", cold(lambda f, i: f.uow.users.get(f.user.id))),
    ("users.get_by_telegram_id", cold(lambda f, i: f.uow.users.get_by_telegram_id(
        f.user.telegram_id))),
    ("users.get_for_update", cold(lambda f, i: f.uow.users.get_for_update(f.user.id))),
    ("users.save (UPDATE)", bump),
    ("users.add (INSERT)", lambda f, i: f.uow.users.add(neighbor(10 + i))),
    ("posts.get", cold(lambda f, i: f.uow.posts.get(f.post.id))),
    ("posts.get_for_update", cold(lambda f, i: f.uow.posts.get_for_update(f.post.id))),
    ("posts.save (UPDATE)", lambda f, i: f.uow.posts.save(f.post)),
    ("exchanges.get_for_update", cold(lambda f, i: f.uow.exchanges.get_for_update(
        f.exchange.id))),
    ("exchanges.save (UPDATE)", lambda f, i: f.uow.exchanges.save(f.exchange)),
    ("sessions.get", cold(lambda f, i: f.uow.sessions.get(f.user.telegram_id))),
    ("sessions.get_for_update", cold(lambda f, i: f.uow.sessions.get_for_update(
        f.user.telegram_id))),
    ("sessions.save (upsert)", lambda f, i: f.uow.sessions.save(conversation(
        f.user.telegram_id))),
    ("sessions.delete", lambda f, i: f.uow.sessions.delete(3_000_000 + i)),
    ("updates.record", lambda f, i: f.uow.updates.record(4_000_000 + i, NOW)),
    ("updates.record + conversation", cold(lambda f, i: f.uow.updates.record(
        5_000_000 + i, NOW, sender=f.user.telegram_id))),
    ("outbox.add", lambda f, i: f.uow.outbox.add(message(f.user.id, i))),
    ("credits.has_key", lambda f, i: f.uow.credits.has_key(f"bench:{i}")),
    ("credits.add", lambda f, i: f.uow.credits.add(credit(f.user.id, 1_000_000 + i))),
    ("credits.total_for (balance)", lambda f, i: f.uow.credits.total_for(f.user.id)),
]


def measure(fixture: Fixture, call: Call, calls: int) -> tuple[float, float]:
    """Mean (CPU us, wall us) per call."""
    for i in range(calls, calls + WARM_UP):  # fill the compiled-statement cache first
        call(fixture, i)
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(calls):
        call(fixture, i)
    return (
        (time.process_time() - cpu) / calls * 1e6,
        (time.perf_counter() - wall) / calls * 1e6,
    )


def run(label: str, url: str, calls: int) -> None:
    factory = sql_uow_factory(url, pool_size=1)
    try:
        with factory() as uow:
            fixture = seed(uow)
            uow.commit()
            for i in range(calls + WARM_UP):  # rows for sessions.delete to delete
                uow.sessions.save(conversation(3_000_000 + i))
            print(f"\n{label}: {calls} calls each, mean per call")
            print(f"  {'call':32} {'CPU us':>8} {'wall us':>8}")
            for name, call in CALLS:
                cpu, wall = measure(fixture, call, calls)
                print(f"  {name:32} {cpu:8.0f} {wall:8.0f}")
    finally:
        factory.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["postgis", "sqlite", "both"], default="both")
    parser.add_argument("--calls", type=int, default=1000)
    args = parser.parse_args()
    if args.backend in ("postgis", "both"):
        from tests.support.databases import create_postgis_database, drop_postgis_database

        url = create_postgis_database()
        try:
            run("PostGIS", url, args.calls)
        finally:
            drop_postgis_database(url)
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'bench.db'}"
            migrations.upgrade(url)
            run("SQLite", url, args.calls)


if __name__ == "__main__":
    main()
