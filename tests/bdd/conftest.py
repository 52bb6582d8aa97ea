"""BDD fixtures: one world per scenario, on every selected storage backend."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.presentation.refusals import explain
from tests.bdd.steps.browsing import *  # noqa: F403
from tests.bdd.steps.credits import *  # noqa: F403
from tests.bdd.steps.erasure import *  # noqa: F403
from tests.bdd.steps.exchanges import *  # noqa: F403
from tests.bdd.steps.messages import *  # noqa: F403
from tests.bdd.steps.moderation import *  # noqa: F403
from tests.bdd.steps.my_data import *  # noqa: F403
from tests.bdd.steps.my_posts import *  # noqa: F403
from tests.bdd.steps.onboarding import *  # noqa: F403
from tests.bdd.steps.outbox import *  # noqa: F403
from tests.bdd.steps.people import *  # noqa: F403
from tests.bdd.steps.photos import *  # noqa: F403
from tests.bdd.steps.posts import *  # noqa: F403
from tests.bdd.steps.ratings import *  # noqa: F403
from tests.bdd.steps.reports import *  # noqa: F403
from tests.bdd.steps.settings import *  # noqa: F403
from tests.bdd.steps.timing import *  # noqa: F403
from tests.bdd.world import START, World
from tests.conftest import selected_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", selected_backends(metafunc.config))


def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Any, **_: Any) -> None:
    """Tell the world whether a step arranges (refusals raise) or acts (refusals are kept).

    pytest-bdd calls this hook for every suite's steps, so it leaves other worlds alone.
    """
    if "world" not in request.fixturenames:
        return
    scenario_world = request.getfixturevalue("world")
    if isinstance(scenario_world, World):
        scenario_world.phase = step.type


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once; every scenario gets its own copy."""
    from neighborshare.adapters.sql import migrations

    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    migrations.upgrade(f"sqlite:///{path}")
    return path


def _sqlite_uow_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    from neighborshare.adapters.sql.unit_of_work import sql_uow_factory

    template: Path = request.getfixturevalue("migrated_sqlite")
    database = tmp_path / "scenario.db"
    shutil.copyfile(template, database)
    return sql_uow_factory(f"sqlite:///{database}", pool_size=2)


@pytest.fixture(autouse=True)
def world(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    clock = FixedClock(START)
    container = memory_container(clock=clock)
    factory = None
    if backend == "sqlite":
        factory = _sqlite_uow_factory(request, tmp_path)
        container.uow_factory.override(providers.Object(factory))
    scenario_world = World(container, clock)
    yield scenario_world
    if factory is not None and hasattr(factory, "dispose"):
        factory.dispose()
    leftover = scenario_world.refusals
    assert not leftover, (
        f"refusals no step checked: {[(r.actor, explain(r.error)) for r in leftover]}"
    )
