"""Spacing sends within Telegram's limits: N a second overall, one per interval per chat."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class Pacer(Protocol):
    """Decides when a message to a chat may go; ``Throttle`` per process, Redis per bot."""

    def wait_turn(self, chat_id: int) -> None: ...
    def hold_chat(self, chat_id: int, seconds: float) -> None: ...


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
