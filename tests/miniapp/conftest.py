"""Fixtures: the Mini App's world on each storage backend (memory and SQLite, as the features
run) and the webhook app (with its Mini App routes) under test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from dependency_injector import providers
from starlette.testclient import TestClient

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.entrypoints.webhook.app import create_app
from tests.conftest import selected_backends
from tests.miniapp.world import NOW, MiniAppWorld, build_world


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", selected_backends(metafunc.config))


@pytest.fixture(scope="session")
def miniapp_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once; every test gets its own copy."""
    from neighborshare.adapters.sql import migrations

    path = tmp_path_factory.mktemp("miniapp-sqlite") / "template.db"
    migrations.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def world(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MiniAppWorld]:
    clock = FixedClock(NOW)
    container = memory_container(clock=clock)
    factory = None
    if backend == "sqlite":
        from neighborshare.adapters.sql.unit_of_work import sql_uow_factory

        database = tmp_path / "miniapp.db"
        shutil.copyfile(request.getfixturevalue("miniapp_sqlite"), database)
        factory = sql_uow_factory(f"sqlite:///{database}", pool_size=2)
        container.uow_factory.override(providers.Object(factory))
    yield build_world(clock=clock, container=container)
    if factory is not None and hasattr(factory, "dispose"):
        factory.dispose()


@pytest.fixture
def client(world: MiniAppWorld) -> Iterator[TestClient]:
    app = create_app(world.runtime.webhook_parts([b"secret"], None))
    with TestClient(app) as test_client:
        yield test_client
