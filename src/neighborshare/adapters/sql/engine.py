"""Building engines: SQLite in WAL mode with serialized writers, PostgreSQL through psycopg 3."""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from neighborshare.domain.values import Location

SQLITE_BUSY_TIMEOUT_S = 30.0
IDLE_BEFORE_PING_S = 2.0


def make_engine(
    url: str,
    pool_size: int = 5,
    busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S,
    idle_before_ping_s: float = IDLE_BEFORE_PING_S,
) -> sa.Engine:
    """An engine for ``url``; nothing connects until the first unit of work.

    ``busy_timeout_s`` is how long a SQLite writer waits for the write lock before giving up
    with "database is locked" (a ConcurrencyConflict, so the transaction is retried).
    """
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, pool_size, busy_timeout_s)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = sa.create_engine(
        parsed,
        pool_size=pool_size,
        max_overflow=pool_size,
        # Short OLTP queries only: starting parallel workers made browsing slower, not faster
        # (docs/performance.md).
        # A host that silently drops packets must not hang /healthz or an update for minutes.
        connect_args={"options": "-c max_parallel_workers_per_gather=0", "connect_timeout": 5},
    )
    ping_when_idle(engine, idle_before_ping_s)
    return engine


def ping_when_idle(engine: sa.Engine, idle_s: float = IDLE_BEFORE_PING_S) -> None:
    """Check a pooled connection before handing it out, if it sat unused for ``idle_s``.

    SQLAlchemy's ``pool_pre_ping`` pings on every checkout: one more round trip for every
    update. A connection back in the pool a moment ago is almost surely alive; one that sat
    idle (across a database restart, a failover, a firewall's idle timeout) is pinged, and a
    dead one is replaced before anyone uses it. A connection that dies while busy fails that
    transaction: SQLAlchemy then discards every pooled connection, the webhook answers 503 and
    Telegram redelivers the update to a fresh connection.
    """

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        last = record.info.get("checked_in_at")
        if last is None or time.monotonic() - last < idle_s:
            return  # new, or busy a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # the pool closes this connection and hands out another (a new one if need be)
            raise sa.exc.DisconnectionError(f"idle connection was dead: {error}") from error

    event.listen(engine, "checkin", checked_in)
    event.listen(engine, "checkout", checkout)


def _sqlite_engine(url: sa.URL, pool_size: int, busy_timeout_s: float) -> sa.Engine:
    engine = sa.create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size * 4,
        connect_args={"timeout": busy_timeout_s, "check_same_thread": False},
    )
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module so that "begin" below decides.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")  # the busy timeout is sqlite3.connect's timeout
    cursor.close()
    register_functions(dbapi_connection)


def _begin_immediate(connection: sa.Connection) -> None:
    # Take the write lock up front: concurrent writers queue on the busy timeout instead of
    # failing when a read transaction tries to upgrade itself to a write.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def register_functions(dbapi_connection: Any) -> None:
    """Python functions the SQLite queries use, computed exactly as the domain computes them."""
    dbapi_connection.create_function("ns_haversine", 4, _haversine, deterministic=True)
    dbapi_connection.create_function("ns_lower", 1, _lower, deterministic=True)


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return Location(lat1, lon1).distance_m(Location(lat2, lon2))


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()
