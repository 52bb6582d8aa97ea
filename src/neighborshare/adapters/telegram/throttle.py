"""The send budget of one process: N sends a second overall, one per interval per chat, by
send class (domain/sending.py: ``SlotBook``). The embedded and memory profiles pace with it,
and the Redis budget falls back to it while Redis is unreachable."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from neighborshare.domain.sending import SendClass, SlotBook
from neighborshare.ports.services import SendBudget, Turn

MICRO = 1_000_000
Pacer = SendBudget  # the older name, kept for the notifier's callers


class Throttle:
    """Books slots in this process; waits through the injected ``sleep``; thread-safe."""

    def __init__(
        self,
        per_second: int = 30,
        chat_interval: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._book = SlotBook(per_second, int(chat_interval * MICRO))
        self._monotonic, self._sleep = monotonic, sleep
        self._lock = threading.Lock()

    def reserve(self, chat_id: int, send_class: SendClass) -> Turn:
        with self._lock:
            booked, wait = self._book.reserve(chat_id, send_class, self._now())
        return Turn(booked, max(wait, 0) / MICRO)

    def wait_turn(self, chat_id: int, send_class: SendClass = SendClass.EXCHANGE) -> None:
        wait_for_turn(self, chat_id, send_class, self._sleep, self._monotonic)

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        with self._lock:
            self._book.hold_chat(chat_id, self._now() + int(seconds * MICRO))

    def _now(self) -> int:
        return int(self._monotonic() * MICRO)


LATE_S = 1 / 30  # woken this much past its slot, a sender books another instead


def wait_for_turn(
    budget: SendBudget, chat_id: int, send_class: SendClass, sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> None:
    """Ask ``budget`` until a slot is booked, sleeping as it says; then sleep until the slot.

    A sender that wakes more than a slot late (a busy machine) gives its slot up and books
    another: sent late, it would go out beside the sends of the slots after its own, and
    Telegram counts what arrives within a second, not which slot it was booked for. (The
    chat still waits its second from the slot given up, as if it had been sent.)"""
    while True:
        turn = budget.reserve(chat_id, send_class)
        due = clock() + turn.wait
        if turn.wait > 0:
            sleep(turn.wait)
        if turn.booked and clock() - due <= LATE_S:
            return
