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
ALERT_KINDS = frozenset({"new_post", "new_post_fan_out"})
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
