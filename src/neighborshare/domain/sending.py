"""Which outgoing messages go first, and how long a refused one waits before it is tried again.

Telegram lets a bot send about 30 messages a second; when more are waiting, a neighbor's answer
to their own tap goes before an exchange's news, which goes before a new-dish alert, which goes
before a digest. A message Telegram refuses for good is tried a few times, further apart each
time, then set aside as failed with Telegram's reason, for an operator to retry or drop.
"""

from __future__ import annotations

from datetime import timedelta
from enum import IntEnum


class SendClass(IntEnum):
    """Lower goes first."""

    REPLY = 0  # an answer to a neighbor's own update
    EXCHANGE = 1  # request, accepted, declined, cancelled, reminders, pickup check, ratings...
    ALERT = 2  # a new dish nearby
    DIGEST = 3  # the daily and weekly digests


REPLY_KIND = "reply"  # a reply Telegram asked to wait for, handed to the outbox
ALERT_KINDS = frozenset({"new_post", "new_post_fan_out", "group_announcement"})
DIGEST_KINDS = frozenset({"daily_digest", "weekly_digest"})

MAX_REFUSALS = 3  # then the message is marked failed
FIRST_BACKOFF = timedelta(minutes=1)  # then 4 and 16 minutes
MAX_DEFERRAL = timedelta(minutes=10)  # a message not sent for a passing reason waits no longer


def send_class(kind: str) -> SendClass:
    if kind == REPLY_KIND:
        return SendClass.REPLY
    if kind in ALERT_KINDS:
        return SendClass.ALERT
    if kind in DIGEST_KINDS:
        return SendClass.DIGEST
    return SendClass.EXCHANGE


def refusal_backoff(refusals: int) -> timedelta:
    """The wait after the ``refusals``-th refusal (1-based): 1, 4, 16 minutes..."""
    return FIRST_BACKOFF * int(4 ** max(refusals - 1, 0))


def deferral(seconds: float | None, attempts: int) -> timedelta:
    """The wait after a passing failure: what Telegram asked for (at least a second), else
    doubling from 5 s; never more than MAX_DEFERRAL."""
    if seconds is None:
        seconds = 5.0 * 2 ** min(max(attempts - 1, 0), 10)
    return min(timedelta(seconds=max(seconds, 1.0)), MAX_DEFERRAL)


# One send budget per bot token (adapters/telegram/throttle.py in one process,
# adapters/redis/send_schedule.py for every process of the token). Time is cut into slots of
# 1/30 s; one send takes one slot. A reply books the first free slot, however far ahead; the
# other classes book only the next slot, so a message of a higher class never waits behind
# more than one slot of a lower one. A class other than REPLY waits while a higher class asks
# for slots, except in its own share: every SHARE_EVERY-th slot belongs in turn to EXCHANGE,
# ALERT and DIGEST whenever that class is waiting, so each gets at least 1 send a second
# (30/s / 10 / 3) however busy the classes above it are.
SHARE_EVERY = 10
SHARED_BY = (SendClass.EXCHANGE, SendClass.ALERT, SendClass.DIGEST)
REPLY_AHEAD_SLOTS = 300  # a reply books at most 10 s ahead (then it waits and asks again)
WANT_FRESH_SLOTS = 3  # a class refused within the last 3 slots is still waiting


def share_owner(slot: int) -> SendClass | None:
    """The class whose share ``slot`` is, if it is a share slot."""
    if slot % SHARE_EVERY:
        return None
    return SHARED_BY[(slot // SHARE_EVERY) % len(SHARED_BY)]


class SlotBook:
    """The budget's rules over plain numbers (microseconds), for one process.

    ``reserve`` returns (booked, wait_us): booked, the send goes after ``wait_us``; not booked,
    the caller waits ``wait_us`` and asks again. The Redis adapter's script keeps the same
    rules for every process of a bot token.
    """

    def __init__(self, per_second: int = 30, chat_interval_us: int = 1_000_000) -> None:
        # Rounded up: 30 slots of 33,333 us would fit 31 sends into one second.
        self.gap = -(-1_000_000 // per_second)
        self.interval = chat_interval_us
        self._booked: set[int] = set()
        self._chat_next: dict[int, int] = {}
        self._wanted: dict[int, int] = {}  # class -> when it was last refused (us)

    def reserve(self, chat_id: int, send_class: int, now: int) -> tuple[bool, int]:
        self._forget(now)
        gap = self.gap
        current = -(-now // gap)
        first = max(current, -(-self._chat_next.get(chat_id, 0) // gap))
        last = first + REPLY_AHEAD_SLOTS if send_class == SendClass.REPLY else current
        if first > last:  # the chat is not free in time: come back when it is about to be
            return False, max((first - 1) * gap - now, 1)
        for slot in range(first, last + 1):
            if slot not in self._booked and self._may_take(slot, send_class, now):
                self._booked.add(slot)
                self._chat_next[chat_id] = slot * gap + self.interval
                self._wanted.pop(send_class, None)
                return True, slot * gap - now
        self._wanted[send_class] = now
        return False, last * gap - now + 1

    def hold_chat(self, chat_id: int, until: int) -> None:
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0), until)

    def _may_take(self, slot: int, send_class: int, now: int) -> bool:
        owner = share_owner(slot)
        if owner is not None and owner != send_class and self._waiting(owner, now):
            return False  # the share of a class that is waiting
        return owner == send_class or not any(
            self._waiting(higher, now) for higher in range(send_class)
        )

    def _waiting(self, send_class: int, now: int) -> bool:
        return self._wanted.get(send_class, -1 << 62) >= now - WANT_FRESH_SLOTS * self.gap

    def _forget(self, now: int) -> None:
        if len(self._booked) > 4 * REPLY_AHEAD_SLOTS:
            current = now // self.gap
            self._booked = {s for s in self._booked if s >= current}
        if len(self._chat_next) > 10_000:  # chats whose interval has long passed
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
