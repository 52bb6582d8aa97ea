"""Where an update's handlers run: on the bot's event loop, or on an event loop of the thread
that holds the update's transaction.

The update processor (webhook and polling) runs PTB's ``process_update`` on an event loop of
its own transaction thread (``ThreadLoops``), so that a handler's blocking service calls run
right there, in that transaction, instead of hopping to the bot's pool and back to the bot's
loop for each one: a thread hop costs 60-90 us of CPU here and, on a busy machine, a wait for
the GIL. Updates fed to ``process_update`` on the bot's loop (tests, ``neighborshare chat``,
the bot's own pollers) are unchanged: service calls go to the bounded pool.

What must happen on the bot's loop (a Bot API request made during the update, whose HTTP client
belongs to that loop) goes there through ``at_home``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
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

    def run(self, home: asyncio.AbstractEventLoop, work: Awaitable[T]) -> T:
        """Run ``work`` to its end on this thread's loop; ``at_home`` reaches ``home``."""
        with _homed(home):
            return self._loop().run_until_complete(work)

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


@contextmanager
def _homed(home: asyncio.AbstractEventLoop) -> Iterator[None]:
    token = _home.set(home)
    try:
        yield
    finally:
        _home.reset(token)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
