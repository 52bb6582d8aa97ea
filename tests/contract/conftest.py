"""Every contract test runs once per backend: memory, SQLite and PostGIS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.databases import DisposableUowFactory, postgis_url, uow_factory_for

__all__ = ["postgis_url"]  # the session fixture, re-exported for these tests

BACKENDS = [
    pytest.param("memory"),
    pytest.param("sqlite"),
    pytest.param("postgis", marks=pytest.mark.postgis),
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def uow_factory(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[DisposableUowFactory]:
    url = request.getfixturevalue("postgis_url") if backend == "postgis" else None
    factory = uow_factory_for(backend, tmp_path, url)
    yield factory
    factory.dispose()
