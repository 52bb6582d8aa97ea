"""A Notifier that sends outbox messages through a PTB ``Bot`` running on an event loop.

The services are synchronous and drain the outbox from a worker thread; this adapter hands each
message to the loop that owns the bot (``run_coroutine_threadsafe``) and waits for the answer.
With an ``OfflineBotApi`` behind the bot it is what the chat command, tests and benchmarks use.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable, Callable

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from neighborshare.ports.services import Delivery, OutgoingMessage

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
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                await self._deliver(message)
                return Delivery.SENT
            except Forbidden:
                return Delivery.BLOCKED
            except RetryAfter as error:
                if attempt == MAX_ATTEMPTS:
                    raise
                await self._sleep(_seconds(error))
        raise AssertionError("unreachable")

    async def _deliver(self, message: OutgoingMessage) -> None:
        markup = keyboard(message)
        if message.photo:
            await self._bot.send_photo(
                message.chat_id, message.photo, caption=message.html,
                parse_mode=ParseMode.HTML, reply_markup=markup,
            )
        else:
            await self._bot.send_message(
                message.chat_id, message.html, parse_mode=ParseMode.HTML, reply_markup=markup
            )


def keyboard(message: OutgoingMessage) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
         for row in message.buttons]
    )


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: object = error.retry_after
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(str(retry_after))
