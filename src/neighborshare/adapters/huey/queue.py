"""The TaskQueue port on Huey: services ask for a task by name; failures only delay work."""

from __future__ import annotations

import logging

from neighborshare.entrypoints.worker.huey_app import get_huey
from neighborshare.entrypoints.worker.tasks import register
from neighborshare.settings import Settings

log = logging.getLogger(__name__)
# A use case may enqueue inside a transaction that commits a moment later (one transaction per
# incoming update): a short delay lets the worker see the rows it is asked to send.
DELAY_SECONDS = 1


class HueyTaskQueue:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def enqueue(self, task: str) -> None:
        """Queue ``task``; if the queue is down the periodic sweeps pick the work up later."""
        try:
            wrapper = register(get_huey(self._settings)).get(task)
            if wrapper is None:
                log.warning("no background task named %r", task)
            elif wrapper.huey.immediate:
                wrapper()
            else:
                wrapper.schedule(delay=DELAY_SECONDS)
        except Exception:  # the caller's change is committed: never fail it for a hint
            log.warning("could not queue %r; the periodic sweep will catch up", task, exc_info=True)
