"""In-memory stand-ins for the outside world: clock, cache, photos, SMS, maps, chat, queue."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from neighborshare.domain.errors import GeocodingFailed, NotFound
from neighborshare.domain.values import Location
from neighborshare.ports.services import Delivery, OutgoingMessage, RateDecision, SendRefused


class FixedClock:
    """A clock the tests move by hand."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment

    def advance(self, delta: timedelta) -> None:
        self._now += delta


class InMemoryCache:
    def __init__(self, clock: FixedClock | None = None) -> None:
        self._items: dict[str, tuple[str, float]] = {}
        self._clock = clock

    def _now(self) -> float:
        return self._clock.now().timestamp() if self._clock else time.monotonic()

    def get(self, key: str) -> str | None:
        value, expires = self._items.get(key, (None, 0.0))
        if value is None or expires <= self._now():
            self._items.pop(key, None)
            return None
        return value

    def set(self, key: str, value: str, ttl_seconds: int) -> None:
        self._items[key] = (value, self._now() + ttl_seconds)

    def delete(self, *keys: str) -> None:
        for key in keys:
            self._items.pop(key, None)


class InMemoryPhotoStore:
    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}

    def put(self, data: bytes, content_type: str, prefix: str) -> str:
        key = f"{prefix}/{secrets.token_urlsafe(18)}"
        self.objects[key] = (data, content_type)
        return key

    def get(self, key: str) -> bytes:
        if key not in self.objects:
            raise NotFound("photo_gone")
        return self.objects[key][0]

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        self.get(key)
        return f"memory://{key}?expires={expires_seconds}"

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)


@dataclass
class FakeSmsVerifier:
    """Sends no SMS: records the code it would have sent."""

    codes: dict[str, str] = field(default_factory=dict)

    def start(self, e164: str) -> None:
        self.codes[e164] = f"{secrets.randbelow(10**6):06d}"

    def check(self, e164: str, code: str) -> bool:
        return self.codes.get(e164) == code


@dataclass
class FakeGeocoder:
    addresses: dict[str, Location] = field(default_factory=dict)

    def geocode(self, address: str) -> Location:
        found = self.addresses.get(address.strip().lower())
        if found is None:
            raise GeocodingFailed()
        return found


@dataclass
class RecordingNotifier:
    """Keeps every message it was asked to send; chats in ``blocked`` have blocked the bot,
    messages to chats in ``refused`` Telegram refuses for good, with that reason."""

    sent: list[OutgoingMessage] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)
    refused: dict[int, str] = field(default_factory=dict)

    def send(self, message: OutgoingMessage) -> Delivery:
        if message.chat_id in self.blocked:
            return Delivery.BLOCKED
        if message.chat_id in self.refused:
            raise SendRefused(self.refused[message.chat_id])
        self.sent.append(message)
        return Delivery.SENT

    def to(self, chat_id: int) -> list[OutgoingMessage]:
        return [m for m in self.sent if m.chat_id == chat_id]


@dataclass
class RecordingTaskQueue:
    enqueued: list[str] = field(default_factory=list)

    def enqueue(self, task: str) -> None:
        self.enqueued.append(task)


class InMemoryRateLimiter:
    """A sliding window per key, for one process."""

    def __init__(self, clock: FixedClock | None = None) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._told: set[str] = set()
        self._lock = threading.Lock()
        self._clock = clock

    def hit(self, key: str, limit: int, period_seconds: int) -> RateDecision:
        now = self._clock.now().timestamp() if self._clock else time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - period_seconds:
                hits.popleft()
            if len(hits) < limit:
                hits.append(now)
                self._told.discard(key)
                return RateDecision(allowed=True)
            first = key not in self._told
            self._told.add(key)
            return RateDecision(allowed=False, first_refusal=first)
