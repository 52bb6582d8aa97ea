"""The production Notifier: PTB's ``Bot`` on its own event-loop thread, within Telegram's limits.

Telegram allows a bot about 30 messages a second overall and one a second per chat. The
throttle spaces sends to stay inside both; a 429 makes the chat wait ``retry_after`` before the
same message is sent again (nothing is dropped); a 403 means the neighbor blocked the bot.
The limits hold per process: drain the outbox from one worker, or lower ``per_second``.
"""

from __future__ import annotations

import asyncio
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from neighborshare.adapters.telegram.loop_notifier import keyboard
from neighborshare.ports.services import Delivery, OutgoingMessage

MAX_ATTEMPTS = 5  # then the error goes up and the outbox keeps the message for the next drain


class Throttle:
    """Waits (through the injected ``sleep``) until a chat may be sent to; thread-safe."""

    def __init__(
        self,
        per_second: int = 30,
        chat_interval: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._recent: deque[float] = deque(maxlen=per_second)  # the last sends, oldest first
        self._chat_next: dict[int, float] = {}
        self._interval = chat_interval
        self._monotonic, self._sleep = monotonic, sleep
        self._lock = threading.Lock()  # held while waiting: a send never overtakes another

    def wait_turn(self, chat_id: int) -> None:
        with self._lock:
            while (delay := self._ready_at(chat_id) - self._monotonic()) > 0:
                self._sleep(delay)
            now = self._monotonic()
            self._recent.append(now)
            self._chat_next[chat_id] = now + self._interval
            if len(self._chat_next) > 10_000:  # forget chats whose interval has long passed
                self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        with self._lock:
            until = self._monotonic() + seconds
            self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)

    def _ready_at(self, chat_id: int) -> float:
        ready = self._chat_next.get(chat_id, 0.0)
        if len(self._recent) == self._recent.maxlen:
            ready = max(ready, self._recent[0] + 1.0)
        return ready


class TelegramNotifier:
    def __init__(self, bot: Bot, throttle: Throttle | None = None) -> None:
        self._bot = bot
        self._throttle = throttle or Throttle()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def send(self, message: OutgoingMessage) -> Delivery:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            self._throttle.wait_turn(message.chat_id)
            try:
                self._run(self._deliver(message))
                return Delivery.SENT
            except Forbidden:  # blocked, or the account is gone: either way, stop messaging
                return Delivery.BLOCKED
            except RetryAfter as error:
                if attempt == MAX_ATTEMPTS:
                    raise
                self._throttle.hold_chat(message.chat_id, _seconds(error))
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._run(self._bot.shutdown())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
            self._loop = self._thread = None

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


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: object = error.retry_after
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(str(retry_after))
