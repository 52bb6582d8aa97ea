"""Races through the real services on every backend; SQLite and PostGIS are the ones that matter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import Container, memory_container
from tests.support.databases import DisposableUowFactory, postgis_url, uow_factory_for

__all__ = ["postgis_url"]  # the session fixture, re-exported for these tests

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
THREADS = 50


@pytest.fixture(
    params=["memory", "sqlite", pytest.param("postgis", marks=pytest.mark.postgis)]
)
def uow_factory(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[DisposableUowFactory]:
    url = request.getfixturevalue("postgis_url") if request.param == "postgis" else None
    factory = uow_factory_for(request.param, tmp_path, url, pool_size=10)
    yield factory
    factory.dispose()


@pytest.fixture
def container(uow_factory: DisposableUowFactory) -> Container:
    """The real services over the backend's units of work, at a fixed time."""
    return memory_container(clock=FixedClock(NOON), uow_factory=uow_factory)
