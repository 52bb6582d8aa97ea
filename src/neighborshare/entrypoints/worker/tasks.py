"""Thin Huey tasks: each runs one job against the worker's container."""

from __future__ import annotations

from collections.abc import Callable

from huey import Huey
from huey.api import TaskWrapper

from neighborshare.adapters.huey.tasks import declare
from neighborshare.container import Container
from neighborshare.entrypoints.worker import jobs

# Tasks the services enqueue by name (TaskQueue.enqueue; adapters/huey/tasks.py ON_DEMAND).
ON_DEMAND: dict[str, Callable[..., int]] = {"drain_outbox": jobs.drain_outbox}
_container: Container | None = None


def worker_container() -> Container:
    """The container the tasks run against: from the environment unless one was bound."""
    global _container
    if _container is None:
        _container = Container()
    return _container


def bind_container(container: Container | None) -> None:
    """Make tasks use ``container``; ``None`` forgets it (the next task builds its own)."""
    global _container
    _container = container


def register(huey: Huey) -> dict[str, TaskWrapper]:
    """Register the on-demand and periodic tasks on ``huey``; returns them by name."""
    registered = {name: declare(huey, name, _on_worker_container(job))
                  for name, job in ON_DEMAND.items()}
    for periodic in jobs.JOBS:
        registered[periodic.name] = declare(
            huey, periodic.name, _on_worker_container(periodic.run), periodic.schedule)
    return registered


def _on_worker_container(job: Callable[..., int]) -> Callable[[], int]:
    def run() -> int:
        return job(worker_container())

    run.__doc__ = job.__doc__
    return run
