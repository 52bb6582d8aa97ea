"""Where an update's handlers run: on the bot's event loop, or on an event loop of the thread
that holds the update's transaction.

The update processor (webhook and polling) runs PTB's ``process_update`` as a task of an event
loop owned by its transaction thread (``ThreadLoops``), so that a handler's blocking service
calls run right there, in that transaction, instead of hopping to the bot's pool and back to
the bot's loop for each one. Updates fed to ``process_update`` on the bot's loop (tests,
``neighborshare chat``, the bot's own pollers) are unchanged: service calls go to the bounded
pool.

What must happen on the bot's loop (a Bot API request made during the update, whose HTTP client
belongs to that loop) goes there through ``at_home``. Only public asyncio is used: one loop per
thread (``asyncio.new_event_loop``), one task per update (``run_until_complete``).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

# Set while an update's handlers run on a transaction thread's loop: the bot's own loop.
_home: ContextVar[asyncio.AbstractEventLoop | None] = ContextVar("bot_home_loop", default=None)


def on_transaction_thread() -> bool:
    """True inside handlers run by ``ThreadLoops``: blocking calls may run in place."""
    home = _home.get()
    return home is not None and _running_loop() is not home


async def at_home(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Await ``make()`` on the bot's event loop, wherever the caller runs."""
    home = _home.get()
    if home is None or _running_loop() is home:
        return await make()
    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(make(), home))


class ThreadLoops:
    """One event loop per thread that asks, kept for the next update on that thread."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._made: list[asyncio.AbstractEventLoop] = []
        self._lock = threading.Lock()

    def run(self, home: asyncio.AbstractEventLoop, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` to its end as a task of this thread's loop; ``at_home`` reaches ``home``.

        The task runs in a copy of the caller's context (the ambient unit of work, what was
        preloaded, where answers go), so what it sets stays in it."""
        context = contextvars.copy_context()
        context.run(_home.set, home)
        loop = self._loop()
        return loop.run_until_complete(loop.create_task(work, context=context))

    def close(self) -> None:
        """Close every loop made (call once their threads are done)."""
        with self._lock:
            made, self._made = self._made, []
        for loop in made:
            loop.close()

    def _loop(self) -> asyncio.AbstractEventLoop:
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None:
            loop = self._local.loop = asyncio.new_event_loop()
            with self._lock:
                self._made.append(loop)
        return loop


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
