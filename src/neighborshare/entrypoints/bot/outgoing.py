"""Bot API calls answering an update: sent at once, or held until the update's transaction has
committed.

The update processor (webhook, polling) holds them: a neighbor never sees an answer whose effects
were rolled back (a redelivered update is answered once, by the attempt that committed), and no
transaction stays open while Telegram answers over the network, so a few pooled connections
serve many updates in flight. Without a processor (tests through ``process_update``, the chat
command) every call goes out when it is made.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, RetryAfter, TelegramError

log = logging.getLogger("neighborshare.bot")

Call = Callable[[], Awaitable[Any]]
MAX_RETRY_WAIT_S = 5.0

class Held(list[Call]):
    """The calls one update made, in order; once released, later ones go out at once."""

    released = False


_held: ContextVar[Held | None] = ContextVar("held_bot_calls", default=None)


async def send(call: Call) -> None:
    """Make the Bot API call now, or hold it for after the commit."""
    held = _held.get()
    if held is None or held.released:
        await call()
    else:
        held.append(call)


@contextmanager
def holding(calls: Held) -> Iterator[None]:
    """Calls made inside (and in tasks started inside) go to ``calls`` instead of Telegram."""
    token = _held.set(calls)
    try:
        yield
    finally:
        _held.reset(token)


async def release(calls: Held) -> int:
    """Make the held calls in order; a failed one is logged and the rest still go out.

    Returns how many failed. The effects are committed by now, so nothing is redone.
    """
    calls.released = True  # a task of the update that answers later answers at once
    failed = 0
    for call in calls:
        try:
            await _with_one_retry(call)
        except BadRequest as error:
            if "not modified" in error.message:  # a double tap: the message is already so
                continue
            failed += 1
            log.warning("a reply was refused by Telegram: %s", error.message)
        except TelegramError as error:
            failed += 1
            log.warning("a reply could not be sent: %s", type(error).__name__)
    return failed


async def _with_one_retry(call: Call) -> None:
    """Telegram said "too many requests": wait as asked (a few seconds at most), try once more."""
    try:
        await call()
    except RetryAfter as error:
        await asyncio.sleep(min(_seconds(error.retry_after), MAX_RETRY_WAIT_S))
        await call()


def _seconds(retry_after: float | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
