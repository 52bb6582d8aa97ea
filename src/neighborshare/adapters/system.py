"""Adapters to the host itself: the real clock and the embedded profile's task queue."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class NullTaskQueue:
    """For processes with no worker attached: the periodic sweeps pick the work up."""

    def enqueue(self, task: str) -> None:
        return None


class LogSmsVerifier:
    """The embedded profile's stand-in for SMS: the code goes to the operator's log.

    Only the last two digits of the number are logged; phone numbers never reach logs.
    """

    def __init__(self) -> None:
        self._log = logging.getLogger("neighborshare.sms")
        self._codes: dict[str, str] = {}

    def start(self, e164: str) -> None:
        code = f"{secrets.randbelow(10**6):06d}"
        self._codes[e164] = code
        self._log.warning("verification code for the number ending %s: %s", e164[-2:], code)

    def check(self, e164: str, code: str) -> bool:
        return self._codes.get(e164) == code
