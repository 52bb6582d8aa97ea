"""The storage backends every CLI test runs on: memory, SQLite and PostGIS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import Container, memory_container
from tests.support.databases import uow_factory_for

BACKENDS = [
    pytest.param("memory"),
    pytest.param("sqlite"),
    pytest.param("postgis", marks=pytest.mark.postgis),
]


def build_container(
    backend: str, clock: FixedClock, request: pytest.FixtureRequest
) -> Iterator[Container]:
    """The memory profile's outside world (photos, notifier, queue) over ``backend``'s storage."""
    if backend == "memory":
        yield memory_container(clock=clock)
        return
    url = request.getfixturevalue("postgis_url") if backend == "postgis" else None
    factory = uow_factory_for(backend, request.getfixturevalue("tmp_path"), url)
    try:
        yield memory_container(clock=clock, uow_factory=factory)
    finally:
        factory.dispose()
