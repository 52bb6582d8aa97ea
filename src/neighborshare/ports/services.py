"""Ports to the world outside the database: time, cache, files, SMS, maps, chat, queue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple, Protocol

from neighborshare.domain.sending import SendClass
from neighborshare.domain.values import Location


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class Cache(Protocol):
    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str, ttl_seconds: int) -> None: ...
    def delete(self, *keys: str) -> None: ...


class PhotoStore(Protocol):
    def put(self, data: bytes, content_type: str, prefix: str) -> str:
        """Store ``data``; return an opaque key that reveals nothing about its owner."""
        ...

    def get(self, key: str) -> bytes: ...
    def url(self, key: str, expires_seconds: int = 3600) -> str: ...
    def delete(self, key: str) -> None: ...


class PhotoProcessor(Protocol):
    def process(self, data: bytes) -> bytes:
        """Check a photo by its content; return it as a clean, bounded JPEG (or InvalidPhoto)."""
        ...


class SmsVerifier(Protocol):
    def start(self, e164: str) -> None: ...
    def check(self, e164: str, code: str) -> bool: ...


class Geocoder(Protocol):
    def geocode(self, address: str) -> Location: ...


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    data: str  # callback data; empty for a deep link or a Mini App
    start: str | None = None  # a deep link into the private chat, with /start START
    web_app: str | None = None  # a Mini App's https URL: opens it instead of sending data


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    chat_id: int
    html: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    photo: str | None = None  # a Telegram file_id to re-send (for an edit: the card has one)
    inline_message_id: str | None = None  # edit this card (inline mode) instead of sending
    edit_message_id: int | None = None  # edit this message of chat_id (a group's card)
    # rather delete that message (the bot's own announcement of a dish a moderator hid, photo
    # and all); the edit is made instead where Telegram refuses the deletion
    delete: bool = False
    send_class: SendClass = SendClass.EXCHANGE  # its place in the bot's send budget
    # a Bot API call made as it is (method, JSON parameters): a reply handed to the outbox
    call: tuple[str, str] | None = None
    # told the new message's id once it is sent (a group's card, to keep it true)
    on_sent: Callable[[int], None] | None = field(default=None, compare=False)

    @property
    def is_edit(self) -> bool:
        return bool(self.inline_message_id or self.edit_message_id)


class Delivery(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # the neighbor blocked the bot: stop messaging them
    GONE = "gone"  # the message to edit was deleted: forget it


class SendRefused(Exception):
    """Telegram refused the message for good (a 400 other than a gone chat): sent again as it
    is, it would be refused again."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SendPostponed(Exception):
    """The message could not go now (Telegram asked to wait, the network failed): try later,
    after ``retry_in`` seconds when Telegram said how long."""

    def __init__(self, reason: str, retry_in: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.retry_in = reason, retry_in


class Notifier(Protocol):
    def send(self, message: OutgoingMessage) -> Delivery:
        """Raises SendRefused or SendPostponed when the message was not delivered."""
        ...


class Turn(NamedTuple):
    booked: bool  # True: send after ``wait`` seconds; False: ask again after ``wait``
    wait: float


class SendBudget(Protocol):
    """Telegram's limits for one bot token, shared by everything that sends with it (replies,
    notifications, alerts, digests), by send class (domain/sending.py)."""

    def reserve(self, chat_id: int, send_class: SendClass) -> Turn: ...

    def wait_turn(self, chat_id: int, send_class: SendClass = SendClass.EXCHANGE) -> None:
        """Sleep until a message of ``send_class`` may go to ``chat_id`` (its slot is booked)."""
        ...

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        """Telegram asked to wait ``seconds`` before the next message to ``chat_id``."""
        ...


class TaskQueue(Protocol):
    def enqueue(self, task: str) -> None:
        """Ask the background worker to run ``task`` soon (a hint: sweeps catch up anyway)."""
        ...


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    first_refusal: bool = False  # tell the neighbor once, not on every update


class RateLimiter(Protocol):
    def hit(self, key: str, limit: int, period_seconds: int) -> RateDecision: ...
