"""Bot scenarios: the real Application on the offline Bot API, on every selected backend."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.container import memory_container
from tests.bot.steps import *  # noqa: F403
from tests.bot.world import START, BotWorld
from tests.conftest import selected_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", selected_backends(metafunc.config))


@pytest.fixture(scope="session")
def bot_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from neighborshare.adapters.sql import migrations

    path = tmp_path_factory.mktemp("bot-sqlite") / "template.db"
    migrations.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def bot_world(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BotWorld]:
    clock = FixedClock(START)
    store = MemoryStore()
    factories: list[Any] = []
    url = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'bot.db'}"
        shutil.copyfile(request.getfixturevalue("bot_sqlite_template"), tmp_path / "bot.db")

    def make_container() -> Any:
        """One container per replica; they share only the database."""
        container = memory_container(clock=clock, memory_store=store)
        if url is not None:
            from neighborshare.adapters.sql.unit_of_work import sql_uow_factory

            factory = sql_uow_factory(url, pool_size=2)
            factories.append(factory)
            container.uow_factory.override(providers.Object(factory))
        return container

    world = BotWorld(make_container, clock)
    yield world
    world.close()
    for factory in factories:
        if hasattr(factory, "dispose"):
            factory.dispose()
    assert not world.api.unknown, f"the bot called unknown Bot API methods: {world.api.unknown}"
