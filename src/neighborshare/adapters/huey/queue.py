"""The TaskQueue port on Huey: services ask for a task by name; failures only delay work."""

from __future__ import annotations

import logging

from neighborshare.adapters.huey.app import process_huey
from neighborshare.adapters.huey.tasks import ON_DEMAND, declare, run_by_the_worker
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
        if task not in ON_DEMAND:
            log.warning("no background task named %r", task)
            return
        try:
            huey = process_huey(self._settings)
            wrapper = declare(huey, task, run_by_the_worker(task))  # the worker's, if it is here
            if huey.immediate:
                wrapper()
            else:
                wrapper.schedule(delay=DELAY_SECONDS)
        except Exception:  # the caller's change is committed: never fail it for a hint
            log.warning("could not queue %r; the periodic sweep will catch up", task, exc_info=True)
