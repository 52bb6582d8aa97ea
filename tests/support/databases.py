"""Throwaway databases for tests, and unit-of-work factories over memory, SQLite or PostGIS.

Fixtures (import them into a conftest.py): ``postgis_url`` is one PostGIS database per test
run, created with CREATE DATABASE + CREATE EXTENSION postgis, migrated to head and dropped at
the end; ``sqlite_url`` is one SQLite file migrated to head. For a clean database per test use
``uow_factory_for(backend, tmp_path, postgis_url)`` and call ``dispose()`` on what it returns.
"""

from __future__ import annotations

import atexit
import functools
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
import sqlalchemy as sa

from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.adapters.memory.unit_of_work import InMemoryUnitOfWork
from neighborshare.adapters.sql import migrations
from neighborshare.adapters.sql.unit_of_work import sql_uow_factory
from neighborshare.ports.unit_of_work import UnitOfWork

# The machine's PostgreSQL (trust auth); the test databases are created beside `test`.
POSTGRES_ADMIN_URL = "postgresql+psycopg://root@127.0.0.1:5432/test"
BACKENDS = ("memory", "sqlite", "postgis")


class DisposableUowFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
    def dispose(self) -> None: ...


class MemoryUowFactory:
    """Units of work over one fresh MemoryStore."""

    def __init__(self) -> None:
        self.store = MemoryStore()

    def __call__(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    def dispose(self) -> None:
        """Nothing to close."""


def _admin(statement: str) -> None:
    engine = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def create_postgis_database() -> str:
    """A new, migrated PostGIS database; returns its URL."""
    name = f"ns_test_{os.getpid()}_{secrets.token_hex(3)}"
    _admin(f'CREATE DATABASE "{name}"')
    url = sa.make_url(POSTGRES_ADMIN_URL).set(database=name)
    rendered = url.render_as_string(hide_password=False)
    run_outside_a_transaction(rendered, "CREATE EXTENSION IF NOT EXISTS postgis")
    migrations.upgrade(rendered)
    return rendered


def run_outside_a_transaction(url: str, statement: str) -> None:
    """One SQL statement on its own connection, in autocommit (CREATE EXTENSION, ANALYZE...)."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def drop_postgis_database(url: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)')


def empty_postgis_database(url: str) -> None:
    """Delete every row and restart the ids, keeping the schema."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            tables = connection.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename NOT IN ('alembic_version', 'spatial_ref_sys')"
            ).scalars()
            listed = ", ".join(f'"{t}"' for t in tables)
            connection.exec_driver_sql(f"TRUNCATE {listed} RESTART IDENTITY CASCADE")
    finally:
        engine.dispose()


@functools.cache
def _sqlite_template() -> Path:
    """One SQLite file migrated to head per test process; new databases are copies of it."""
    folder = Path(tempfile.mkdtemp(prefix="ns-sqlite-template-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "template.db"
    migrations.upgrade(f"sqlite:///{path}")
    return path


def new_sqlite_database(folder: Path) -> str:
    """A fresh SQLite database migrated to head, in ``folder``; returns its URL."""
    path = folder / f"neighborshare-{secrets.token_hex(3)}.db"
    shutil.copyfile(_sqlite_template(), path)
    return f"sqlite:///{path}"


def uow_factory_for(
    backend: str, tmp_path: Path, postgis_url: str | None = None, pool_size: int = 5
) -> DisposableUowFactory:
    """A unit-of-work factory over an empty database of ``backend`` (memory, sqlite, postgis)."""
    if backend == "memory":
        return MemoryUowFactory()
    if backend == "sqlite":
        return sql_uow_factory(new_sqlite_database(tmp_path), pool_size)
    if backend == "postgis":
        if postgis_url is None:
            raise ValueError("the postgis backend needs the postgis_url fixture's URL")
        empty_postgis_database(postgis_url)
        return sql_uow_factory(postgis_url, pool_size)
    raise ValueError(f"unknown backend {backend!r}; expected one of {BACKENDS}")


@pytest.fixture(scope="session")
def postgis_url() -> Iterator[str]:
    url = create_postgis_database()
    yield url
    drop_postgis_database(url)


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return new_sqlite_database(tmp_path_factory.mktemp("sqlite"))
