"""Thin Huey tasks: each runs one job against the worker's container."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from huey import Huey, crontab
from huey.api import TaskWrapper

from neighborshare.entrypoints.worker import jobs
from neighborshare.entrypoints.worker.huey_app import worker_container

# Tasks the services enqueue by name (TaskQueue.enqueue): a hint to act now, never required.
ON_DEMAND: dict[str, Callable[..., int]] = {"drain_outbox": jobs.drain_outbox}
_REGISTERED: weakref.WeakKeyDictionary[Huey, dict[str, TaskWrapper]] = weakref.WeakKeyDictionary()


def _task(job: Callable[..., int], name: str) -> Callable[[], int]:
    def run() -> int:
        return job(worker_container())

    run.__name__ = run.__qualname__ = name
    run.__doc__ = job.__doc__
    return run


def register(huey: Huey) -> dict[str, TaskWrapper]:
    """Register the on-demand and periodic tasks on ``huey``; returns them by name."""
    if huey in _REGISTERED:
        return _REGISTERED[huey]
    registered: dict[str, TaskWrapper] = {}
    for name, job in ON_DEMAND.items():
        registered[name] = huey.task(name=name)(_task(job, name))
    for periodic in jobs.JOBS:
        decorate = huey.periodic_task(crontab(**periodic.schedule), name=periodic.name)
        registered[periodic.name] = decorate(_task(periodic.run, periodic.name))
    _REGISTERED[huey] = registered
    return registered
