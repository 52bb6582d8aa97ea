"""A controllable clock, and the offline Bot API noting when each send was attempted."""

from __future__ import annotations

import json
from typing import Any

from neighborshare.adapters.telegram.offline import OfflineBotApi

WRONG_FILE = "Bad Request: wrong file identifier/HTTP URL specified"


def bad_request(description: str) -> bytes:
    return json.dumps({"ok": False, "error_code": 400, "description": description}).encode()


GONE = bad_request("Bad Request: chat not found")


class FakeTime:
    """Monotonic time that moves only when the notifier sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class StampedApi(OfflineBotApi):
    """The offline Bot API, noting the (fake) time and answer of every send attempt."""

    def __init__(self, clock: FakeTime) -> None:
        super().__init__()
        self.clock = clock
        self.attempts: list[tuple[float, int, int]] = []  # (time, chat, HTTP status)
        self.gone: set[int] = set()  # chats Telegram no longer knows
        self.refused: dict[int, str] = {}  # chats whose messages Telegram refuses, and why
        self.refused_photos: set[str] = set()  # file_ids Telegram does not know


    async def do_request(self, url: str, method: str, request_data: Any = None, **kw: Any):
        sending = url.endswith(("/sendMessage", "/sendPhoto"))
        chat = int(request_data.parameters["chat_id"]) if sending else 0
        if sending:  # every chat these tests write to is a neighbor who started the bot
            self.chats.private({"id": chat, "is_bot": False, "first_name": "N"}).started = True
        photo = request_data.parameters.get("photo") if sending else None
        if chat in self.gone:
            status, body = 400, GONE
        elif chat in self.refused:
            status, body = 400, bad_request(self.refused[chat])
        elif photo in self.refused_photos:
            status, body = 400, bad_request(WRONG_FILE)
        else:
            status, body = await super().do_request(url, method, request_data, **kw)
        if sending:
            self.attempts.append((self.clock.now, chat, status))
        return status, body
