"""ThreadLoops: an update's coroutine runs to its end as a task of the calling thread's own
loop, in a copy of the caller's context; ``at_home`` reaches the bot's loop from there."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Iterator

import pytest

from neighborshare.entrypoints.bot.loops import ThreadLoops, at_home, on_transaction_thread

seen: contextvars.ContextVar[str] = contextvars.ContextVar("seen", default="unset")


@pytest.fixture
def home() -> Iterator[asyncio.AbstractEventLoop]:
    """The bot's own loop, running in a thread of its own."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield loop
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    loop.close()


@pytest.fixture
def loops() -> Iterator[ThreadLoops]:
    made = ThreadLoops()
    yield made
    made.close()


def test_a_coroutine_runs_on_the_thread_s_own_loop_in_the_caller_s_context(home, loops) -> None:
    async def work() -> tuple[str, bool, bool]:
        await asyncio.sleep(0)  # a bare yield: the task goes on
        running = asyncio.get_running_loop()
        return seen.get(), running is not home, on_transaction_thread()

    seen.set("the caller's")
    assert loops.run(home, work()) == ("the caller's", True, True)


def test_what_a_coroutine_sets_in_its_context_stays_in_it(home, loops) -> None:
    async def work() -> None:
        seen.set("the handler's")

    seen.set("the caller's")
    loops.run(home, work())
    assert seen.get() == "the caller's"


def test_a_coroutine_that_waits_goes_on_on_the_thread_s_loop(home, loops) -> None:
    async def at_home_loop() -> bool:
        return asyncio.get_running_loop() is home

    async def work() -> tuple[str, bool, bool, str]:
        before = seen.get()
        reached_home = await at_home(at_home_loop)  # pending: answered by the home loop
        await asyncio.sleep(0.01)  # a timer on this thread's loop
        seen.set("the handler's")
        return before, reached_home, on_transaction_thread(), seen.get()

    seen.set("the caller's")
    assert loops.run(home, work()) == ("the caller's", True, True, "the handler's")
    assert seen.get() == "the caller's"


@pytest.mark.parametrize("waits", [False, True])
def test_an_error_reaches_the_caller_either_way(home, loops, waits: bool) -> None:
    async def work() -> None:
        if waits:
            await asyncio.sleep(0.001)
        raise LookupError("no such dish")

    with pytest.raises(LookupError, match="no such dish"):
        loops.run(home, work())


def test_an_error_a_waited_future_raises_reaches_the_coroutine(home, loops) -> None:
    async def failing_at_home() -> None:
        raise PermissionError("refused")

    async def work() -> str:
        try:
            await at_home(failing_at_home)
        except PermissionError as error:
            return f"caught: {error}"
        return "not caught"

    assert loops.run(home, work()) == "caught: refused"


def test_the_same_thread_runs_one_update_after_another(home, loops) -> None:
    async def work(n: int) -> int:
        if n % 2:
            await asyncio.sleep(0.001)
        return n * 10

    assert [loops.run(home, work(n)) for n in range(4)] == [0, 10, 20, 30]
