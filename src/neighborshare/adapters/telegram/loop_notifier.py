"""A Notifier that sends outbox messages through a PTB ``Bot`` running on an event loop.

The services are synchronous and drain the outbox from a worker thread; this adapter hands each
message to the loop that owns the bot (``run_coroutine_threadsafe``) and waits for the answer.
With an ``OfflineBotApi`` behind the bot it is what the chat command, tests and benchmarks use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from neighborshare.adapters.telegram.sending import (
    after_bad_request,
    deliver,
    retry_after_seconds,
)
from neighborshare.ports.services import Delivery, OutgoingMessage, SendPostponed

MAX_ATTEMPTS = 3


class LoopBotNotifier:
    def __init__(
        self,
        bot: Bot,
        loop: asyncio.AbstractEventLoop,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._bot = bot
        self._loop = loop
        self._sleep = sleep

    def send(self, message: OutgoingMessage) -> Delivery:
        """Call from any thread but the loop's own."""
        return asyncio.run_coroutine_threadsafe(self.send_async(message), self._loop).result()

    async def send_async(self, message: OutgoingMessage) -> Delivery:
        """As TelegramNotifier.send: SendRefused or SendPostponed when not sent."""
        retry_in: float | None = None
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                await deliver(self._bot, message)
                return Delivery.SENT
            except Forbidden:
                return Delivery.BLOCKED
            except BadRequest as error:
                outcome = after_bad_request(error, message)
                if isinstance(outcome, Delivery):
                    return outcome
                message = outcome
            except RetryAfter as error:
                retry_in = retry_after_seconds(error)
                if attempt < MAX_ATTEMPTS:
                    await self._sleep(retry_in)
            except TelegramError as error:
                raise SendPostponed(type(error).__name__) from error
        raise SendPostponed("Too Many Requests", retry_in)
