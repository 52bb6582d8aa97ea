"""Huey tasks declared by name, under the same registry key in the processes that queue them
and in the worker that runs them (Huey keys a task by its function's module and name)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from huey import Huey, crontab
from huey.api import TaskWrapper

# What a service may ask for by name (TaskQueue.enqueue); the worker says what each one does.
ON_DEMAND = frozenset({"drain_outbox"})
_lock = threading.Lock()
_declared: weakref.WeakKeyDictionary[Huey, dict[str, TaskWrapper]] = weakref.WeakKeyDictionary()


def declare(
    huey: Huey, name: str, run: Callable[[], int], schedule: dict[str, str] | None = None
) -> TaskWrapper:
    """The task ``name`` on ``huey``, running ``run`` (periodic on a crontab ``schedule``).

    The first declaration of a name on a Huey stays: the worker declares its tasks as it
    starts, before anything is queued."""
    with _lock:
        tasks = _declared.setdefault(huey, {})
        if name not in tasks:
            decorate = (huey.task(name=name) if schedule is None
                        else huey.periodic_task(crontab(**schedule), name=name))
            tasks[name] = decorate(_named(run, name))
        return tasks[name]


def run_by_the_worker(name: str) -> Callable[[], int]:
    """What a process that only queues ``name`` declares: the worker runs the real task."""

    def refuse() -> int:
        raise RuntimeError(f"{name!r} is run by the worker, not by the process that queued it")

    return refuse


def _named(run: Callable[[], int], name: str) -> Callable[[], int]:
    def task() -> int:
        return run()

    task.__name__ = task.__qualname__ = name
    task.__doc__ = run.__doc__
    return task
