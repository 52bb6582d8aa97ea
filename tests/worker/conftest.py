"""Worlds for the worker tests: a container on memory, SQLite or PostGIS with a fixed clock."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from dependency_injector import providers

from neighborshare.adapters.memory.outside import FixedClock, RecordingNotifier
from neighborshare.container import Container, memory_container

# A Monday, 07:00 in London (BST): digests are not yet due.
MONDAY_7AM = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
PG_ADMIN = "postgresql+psycopg://root@127.0.0.1:5432/test"
POSTGIS = pytest.param("postgis", marks=pytest.mark.postgis)
BACKENDS = ("memory", "sqlite", POSTGIS)
SQL_BACKENDS = ("sqlite", POSTGIS)


@dataclass
class World:
    backend: str
    container: Container
    clock: FixedClock
    notifier: RecordingNotifier
    engine: sa.Engine | None = None

    @property
    def uow(self) -> Any:
        return self.container.uow_factory()


MakeWorld = Callable[..., World]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each world copies it (faster than migrating again)."""
    from neighborshare.adapters.sql.migrations import upgrade

    path = tmp_path_factory.mktemp("worker-db") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgis_url() -> Iterator[str]:
    """A throwaway PostGIS database for this test session, dropped at the end."""
    from neighborshare.adapters.sql.migrations import upgrade

    name = f"ns_worker_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://root@127.0.0.1:5432/{name}"
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def _truncate(engine: sa.Engine) -> None:
    from neighborshare.adapters.sql.tables import metadata

    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture
def make_world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeWorld]:
    """``make_world(backend, bulk=True)``: a fresh, empty world each call (PostGIS is reset)."""
    from neighborshare.adapters.sql.bulk_sweeps import SqlBulkExpiry
    from neighborshare.adapters.sql.unit_of_work import sql_uow_factory

    engines: list[sa.Engine] = []

    def make(backend: str, bulk: bool = True, **overrides: Any) -> World:
        clock, notifier = FixedClock(MONDAY_7AM), RecordingNotifier()
        if backend == "memory":
            return World(backend, memory_container(clock=clock, notifier=notifier, **overrides),
                         clock, notifier)
        if backend == "sqlite":
            path = tmp_path / f"world-{len(engines)}.db"
            shutil.copy(request.getfixturevalue("sqlite_template"), path)
            url = f"sqlite:///{path}"
        else:
            url = request.getfixturevalue("postgis_url")
        factory = sql_uow_factory(url, pool_size=4)
        engines.append(factory.engine)
        if backend == "postgis":
            _truncate(factory.engine)
        container = memory_container(clock=clock, notifier=notifier, uow_factory=factory)
        rules = container.rules()
        bulk_expiry = SqlBulkExpiry(factory.engine, rules) if bulk else None
        container.bulk_expiry.override(providers.Object(bulk_expiry))
        for name, value in overrides.items():
            getattr(container, name).override(providers.Object(value))
        return World(backend, container, clock, notifier, factory.engine)

    yield make
    for engine in engines:
        engine.dispose()
