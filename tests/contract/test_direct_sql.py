"""PostgreSQL runs prebuilt statements on psycopg directly (adapters/sql/direct.py): the same rows
and effects as SQLAlchemy's path, errors wrapped as SQLAlchemy wraps them, and the transaction
still SQLAlchemy's to commit or roll back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from neighborshare.adapters.sql.direct import DirectRunner, plans_for
from neighborshare.adapters.sql.repositories.base import KEY, select_by, select_in
from neighborshare.adapters.sql.tables import users
from neighborshare.adapters.sql.unit_of_work import SqlUnitOfWorkFactory, sql_uow_factory
from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.sessions import ConversationSession
from tests.contract.builders import user
from tests.contract.test_engine_pool import _kill

pytestmark = pytest.mark.postgis
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def factory(postgis_url: str) -> Iterator[SqlUnitOfWorkFactory]:
    made = sql_uow_factory(postgis_url, pool_size=2)
    yield made
    made.dispose()


def _both_ways(
    connection: sa.Connection, statement: sa.Executable, params: dict[str, Any]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    runner = DirectRunner(connection, plans_for(connection.dialect))
    runner.run(statement, params)  # seen once: planned from the second run on
    direct = runner.run(statement, params)
    assert direct is not None, "this statement should take the direct path"
    usual = connection.execute(statement, params)
    return [tuple(row) for row in direct], [tuple(row) for row in usual]


def test_rows_match_sqlalchemys_including_geography_and_in_lists(
    factory: SqlUnitOfWorkFactory,
) -> None:
    with factory() as uow:
        first = uow.users.add(user(701, telegram_id=701_001))
        second = uow.users.add(user(702, telegram_id=701_002))
        connection = uow._session.connection
        direct, usual = _both_ways(connection, select_by(users, "id"), {KEY: first.id})
        assert direct == usual and len(direct) == 1
        direct, usual = _both_ways(connection, select_in(users, "id", True),
                                   {KEY: [first.id, second.id]})
        assert sorted(direct) == sorted(usual) and len(direct) == 2
        row = DirectRunner(connection, plans_for(connection.dialect)).run(
            select_by(users, "id"), {KEY: first.id}).one()  # type: ignore[union-attr]
        assert row.telegram_id == 701_001 and row.id == first.id  # columns by name


def test_a_statement_built_for_one_call_keeps_sqlalchemys_path(
    factory: SqlUnitOfWorkFactory,
) -> None:
    with factory() as uow:
        runner = DirectRunner(uow._session.connection, plans_for(uow._session.connection.dialect))
        for telegram_id in (1, 2, 3):  # a new statement object each time: never planned
            statement = sa.select(users.c.id).where(users.c.telegram_id == telegram_id)
            assert runner.run(statement, None) is None


def test_json_columns_round_trip_and_a_commit_keeps_direct_writes(
    factory: SqlUnitOfWorkFactory,
) -> None:
    session = ConversationSession(701_003, "share", "name", NOW, NOW + timedelta(minutes=30),
                                  {"name": "<b>Soup</b> & bread", "portions": 3})
    with factory() as uow:
        uow.sessions.save(session)  # the transaction's first statement: the runner begins it
        uow.commit()
    with factory() as uow:
        uow._session.identities.clear()
        found = uow.sessions.get(701_003)
    assert found is not None and found.data == {"name": "<b>Soup</b> & bread", "portions": 3}
    with factory() as uow:
        uow.sessions.delete(701_003)
        # no commit: the unit of work rolls back
    with factory() as uow:
        assert uow.sessions.get(701_003) is not None


def test_a_unique_violation_still_reads_as_a_lost_race(factory: SqlUnitOfWorkFactory) -> None:
    with factory() as uow:
        uow.users.add(user(704, telegram_id=701_004))
        with pytest.raises(ConcurrencyConflict):
            uow.users.add(user(704, telegram_id=701_004))


def test_a_connection_killed_mid_transaction_fails_that_one_and_the_next_recovers(
    factory: SqlUnitOfWorkFactory, postgis_url: str,
) -> None:
    with factory() as uow:
        connection = uow._session.connection
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        _kill(postgis_url, pid)
        with pytest.raises(sa.exc.OperationalError):
            uow.users.get_by_telegram_id(701_005)
        assert connection.invalidated  # as SQLAlchemy's own path leaves it
    with factory() as uow:
        assert uow.users.get_by_telegram_id(701_005) is None


def test_an_updates_record_reads_its_senders_conversation_in_the_same_round_trip(
    factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    with factory() as uow:
        neighbor = uow.users.add(user(705, telegram_id=705_001))
        uow.sessions.save(ConversationSession.start(705_001, "share", "name", NOW,
                                                    timedelta(minutes=30)))
        uow.commit()
    with factory() as uow:
        statements: list[str] = []
        real = uow._session.execute
        monkeypatch.setattr(uow._session, "execute",
                            lambda s, p=None: statements.append(str(s)[:40]) or real(s, p))
        assert uow.updates.record(9_001, NOW, sender=705_001) is True
        chat, found = uow.sessions.get_for_update_with_user(705_001)
        assert len(statements) == 1  # the record's; the read was answered from it
        assert (chat.flow, chat.step, found.id) == ("share", "name", neighbor.id)
        assert ("conversation_sessions", 705_001) in uow._session.locked
        uow.sessions.get_for_update_with_user(705_001)
        assert len(statements) == 2  # taken once: a second read asks the database
