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
import contextvars
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar, cast

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
        """Run ``work`` to its end on this thread; ``at_home`` reaches ``home``.

        It runs as a task would, in a copy of the caller's context and with this thread's loop
        as the running loop, but stepped right here for as long as it never waits on anything
        pending: the usual update, whose service calls run in place and whose answers are held.
        From its first wait on a pending future (a request made at home), the rest runs on this
        thread's loop. Stepping in place skips a task and a turn of the loop per update: a
        /help cost 0.86-1.07 ms of CPU so, against 0.92-1.36 ms (bench/update_costs.py, 7
        pairs, lower in 6). Nothing an update schedules on this loop for later (no handler
        does) would run before the thread's next wait on it."""
        loop = self._loop()
        with _homed(home):
            context = contextvars.copy_context()
        done, outcome = context.run(_step_in_place, loop, work)
        if done:
            return cast(T, outcome)
        return loop.run_until_complete(
            loop.create_task(_step_on_loop(work, outcome), context=context))

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


def _step_in_place(
    loop: asyncio.AbstractEventLoop, work: Coroutine[Any, Any, Any]
) -> tuple[bool, Any]:
    """``_advance`` with ``loop`` as the running loop, as inside a task of it."""
    asyncio._set_running_loop(loop)
    try:
        return _advance(work)
    finally:
        asyncio._set_running_loop(None)


async def _step_on_loop(work: Coroutine[Any, Any, T], future: asyncio.Future[Any]) -> T:
    """Go on with ``work`` (waiting on ``future``) as its task would, on the running loop."""
    while True:
        await asyncio.wait((future,))  # its result or error reaches ``work`` when resumed
        done, outcome = _advance(work)
        if done:
            return cast(T, outcome)
        future = outcome


def _advance(work: Coroutine[Any, Any, Any]) -> tuple[bool, Any]:
    """Resume ``work`` until it returns, (True, its result), or waits on a pending future,
    (False, that future)."""
    while True:
        try:
            yielded = work.send(None)
        except StopIteration as stop:
            return True, stop.value
        future = _waited_on(work, yielded)
        if future is not None and not future.done():
            return False, future


def _waited_on(work: Coroutine[Any, Any, Any], yielded: Any) -> asyncio.Future[Any] | None:
    """The future ``work`` yielded to wait on, as a task takes it; None for a bare yield."""
    if yielded is None:  # asyncio.sleep(0): just go on
        return None
    if not getattr(yielded, "_asyncio_future_blocking", False):
        work.close()
        raise RuntimeError(f"an update's handler yielded {yielded!r}, not a future")
    yielded._asyncio_future_blocking = False
    return cast(asyncio.Future[Any], yielded)


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
