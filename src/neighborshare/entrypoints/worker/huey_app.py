"""The worker's Huey: this process's one (adapters/huey/app.py) with the worker's tasks on it."""

from __future__ import annotations

from huey import Huey

from neighborshare.adapters.huey.app import bind_huey, process_huey
from neighborshare.container import Container
from neighborshare.entrypoints.worker import tasks
from neighborshare.settings import Settings


def get_huey(settings: Settings | None = None) -> Huey:
    """This process's Huey, with every task registered; built once from ``settings``."""
    huey = process_huey(settings or tasks.worker_container().settings())
    tasks.register(huey)
    return huey


def bind(container: Container | None, huey: Huey | None = None) -> None:
    """Make tasks use ``container`` (and ``huey``); ``bind(None)`` forgets both (tests)."""
    tasks.bind_container(container)
    bind_huey(huey)
    if huey is not None:
        tasks.register(huey)
