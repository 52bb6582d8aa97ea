"""PostgreSQL engine: a pooled connection that died while idle is replaced before anyone uses it,
and one that died while in use costs that one transaction only."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from neighborshare.adapters.sql.engine import make_engine

pytestmark = pytest.mark.postgis


def _pid(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def _kill(postgis_url: str, pid: int) -> None:
    admin = sa.create_engine(postgis_url, poolclass=sa.pool.NullPool)
    try:
        with admin.connect() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        admin.dispose()
    time.sleep(0.05)  # let the server close the socket


def test_a_connection_killed_while_idle_is_replaced_before_use(postgis_url: str) -> None:
    engine = make_engine(postgis_url, pool_size=1, idle_before_ping_s=0.1)
    try:
        first = _pid(engine)
        _kill(postgis_url, first)
        time.sleep(0.2)  # idle for longer than the threshold: pinged at checkout
        assert _pid(engine) != first  # no error reached the caller
    finally:
        engine.dispose()


def test_a_connection_busy_a_moment_ago_is_not_pinged_and_recovers_after_one_failure(
    postgis_url: str,
) -> None:
    engine = make_engine(postgis_url, pool_size=2, idle_before_ping_s=60)
    try:
        first = _pid(engine)
        _kill(postgis_url, first)
        with pytest.raises(sa.exc.OperationalError), engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")  # the update that was running fails...
        assert _pid(engine) != first  # ...and the next one gets a fresh connection
    finally:
        engine.dispose()
