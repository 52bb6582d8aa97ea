"""A lock that cannot be had, and a deadlock, are ConcurrencyConflicts (which are retried)."""

from __future__ import annotations

import threading

import pytest

from neighborshare.adapters.sql.unit_of_work import sql_uow_factory
from neighborshare.domain.errors import ConcurrencyConflict
from tests.concurrency.race import race
from tests.contract.builders import add_users
from tests.support.databases import empty_postgis_database, new_sqlite_database


def test_a_sqlite_writer_that_cannot_get_the_lock_in_time_is_a_conflict(tmp_path):
    factory = sql_uow_factory(new_sqlite_database(tmp_path), busy_timeout_s=0.2)
    try:
        [user_id] = add_users(factory, 1)
        with factory() as holder:
            holder.users.get_for_update(user_id)  # BEGIN IMMEDIATE: the write lock is held
            with pytest.raises(ConcurrencyConflict), factory() as waiter:
                waiter.users.get(user_id)
    finally:
        factory.dispose()


@pytest.mark.postgis
def test_a_postgres_deadlock_is_a_conflict_for_exactly_one_side(postgis_url):
    empty_postgis_database(postgis_url)
    factory = sql_uow_factory(postgis_url, pool_size=2)
    both_hold_one = threading.Barrier(2)

    def lock_in_order(first, second):
        with factory() as uow:
            uow.users.get_for_update(first)
            both_hold_one.wait()
            uow.users.get_for_update(second)  # one side waits on the other: a cycle
            uow.commit()
        return "committed"

    try:
        a, b = add_users(factory, 2)
        outcomes = race([lambda: lock_in_order(a, b), lambda: lock_in_order(b, a)])
    finally:
        factory.dispose()
    assert sorted(type(o).__name__ for o in outcomes) == ["ConcurrencyConflict", "str"]
