"""The production Notifier: PTB's ``Bot`` on its own event-loop thread, within Telegram's limits.

Telegram allows a bot about 30 messages a second overall and one a second per chat. The
throttle spaces sends to stay inside both; a 429 makes the chat wait ``retry_after`` before the
same message is sent again, and after a few the outbox keeps it for later (nothing is dropped);
a 403 means the neighbor blocked the bot; a refused photo is replaced by the same text alone;
any other 400 is a refusal for good, which the outbox counts against the message alone.
``Throttle`` keeps the limits per process; production paces with ``RedisSendSchedule``,
which keeps them for every process sending with the same bot token, replies included, by
each message's send class.
"""

from __future__ import annotations

import asyncio
import threading
import zlib
from concurrent.futures import Future
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from neighborshare.adapters.telegram.sending import (
    after_bad_request,
    deliver,
    retry_after_seconds,
)
from neighborshare.adapters.telegram.throttle import Pacer, Throttle
from neighborshare.domain.sending import SendClass
from neighborshare.ports.services import Delivery, OutgoingMessage, SendPostponed

MAX_ATTEMPTS = 5  # then SendPostponed: the outbox keeps the message for a later drain


class TelegramNotifier:
    def __init__(
        self, bot: Bot, throttle: Pacer | None = None, paid_digests: bool = False
    ) -> None:
        self._bot = bot
        self._throttle = throttle or Throttle()
        self._paid_digests = paid_digests  # NEIGHBORSHARE_DIGEST_PAID_BROADCAST
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def send(self, message: OutgoingMessage) -> Delivery:
        """Raises SendRefused (a 400) or SendPostponed (429s, the network) when not sent."""
        retry_in: float | None = None
        # a paid digest goes past the bot's 30 a second: it books no slot of the budget
        paid = self._paid_digests and message.send_class is SendClass.DIGEST
        for _ in range(MAX_ATTEMPTS):
            if not paid:
                self._throttle.wait_turn(paced_chat(message), message.send_class)
            try:
                self._run(deliver(self._bot, message, paid))
                return Delivery.SENT
            except Forbidden:  # blocked, or the account is gone: either way, stop messaging
                return Delivery.BLOCKED
            except BadRequest as error:
                outcome = after_bad_request(error, message)
                if isinstance(outcome, Delivery):
                    return outcome
                message = outcome
            except RetryAfter as error:
                retry_in = retry_after_seconds(error)
                self._throttle.hold_chat(paced_chat(message), retry_in)
            except TelegramError as error:  # timed out, network: the outbox tries later
                raise SendPostponed(type(error).__name__) from error
        raise SendPostponed("Too Many Requests", retry_in)

    def close(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._run(self._bot.shutdown())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
            self._loop = self._thread = None


    def _run(self, coroutine: Any) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coroutine, self._started())
        return future.result()

    def _started(self) -> asyncio.AbstractEventLoop:
        """The bot's loop, started on first use (nothing connects at construction)."""
        with self._start_lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=loop.run_forever, name="telegram-notifier", daemon=True
                )
                self._thread.start()
                try:
                    asyncio.run_coroutine_threadsafe(self._bot.initialize(), loop).result()
                except BaseException:
                    loop.call_soon_threadsafe(loop.stop)
                    raise
                self._loop = loop
            return self._loop


def paced_chat(message: OutgoingMessage) -> int:
    """What the budget counts a message against: its chat, or for an edit of a card posted
    with inline mode (no chat known) a stable number of its own (negative, like groups)."""
    if message.inline_message_id and not message.chat_id:
        return -(zlib.crc32(message.inline_message_id.encode()) + 1)
    return message.chat_id
