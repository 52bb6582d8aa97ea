"""The counting wrappers: what they pass on is unchanged, and the counters say what happened."""

from __future__ import annotations

import pytest

from neighborshare.adapters.memory.outside import InMemoryRateLimiter, RecordingNotifier
from neighborshare.domain.sending import SendClass
from neighborshare.observability.counting import CountingNotifier, CountingRateLimiter
from neighborshare.observability.metrics import Metrics
from neighborshare.ports.services import Delivery, OutgoingMessage, SendPostponed, SendRefused


def value(metrics: Metrics, name: str, **labels: str) -> float:
    found = metrics.registry.get_sample_value(name, labels)
    return 0.0 if found is None else found


class ThrottledNotifier:
    def send(self, message: OutgoingMessage) -> Delivery:
        raise SendPostponed("Too Many Requests", 3)


class RefusingNotifier:
    def send(self, message: OutgoingMessage) -> Delivery:
        raise SendRefused("Message is too long")


def test_notifications_are_counted_by_result_and_429s_as_throttled() -> None:
    metrics = Metrics()
    inner = RecordingNotifier()
    counting = CountingNotifier(inner, metrics)
    assert counting.send(OutgoingMessage(1, "hello")) is Delivery.SENT
    assert len(inner.sent) == 1
    with pytest.raises(SendPostponed):
        CountingNotifier(ThrottledNotifier(), metrics).send(OutgoingMessage(2, "hi"))
    with pytest.raises(SendRefused):
        CountingNotifier(RefusingNotifier(), metrics).send(OutgoingMessage(3, "hi"))
    assert value(metrics, "neighborshare_notifications_total", result="sent") == 1
    assert value(metrics, "neighborshare_notifications_throttled_total") == 1
    assert value(metrics, "neighborshare_notifications_total", result="refused") == 1
    assert value(metrics, "neighborshare_sends_total", **{"class": "exchange",
                                                          "result": "429"}) == 1
    digest = OutgoingMessage(4, "today", send_class=SendClass.DIGEST)
    assert counting.send(digest) is Delivery.SENT
    assert value(metrics, "neighborshare_sends_total", **{"class": "digest",
                                                          "result": "sent"}) == 1


def test_refusals_are_counted_and_a_first_refusal_is_one_limited_neighbor() -> None:
    metrics = Metrics()
    limiter = CountingRateLimiter(InMemoryRateLimiter(), metrics)
    decisions = [limiter.hit("bot:7", 2, 60) for _ in range(5)]
    assert [d.allowed for d in decisions] == [True, True, False, False, False]
    assert value(metrics, "neighborshare_rate_limited_updates_total") == 3
    assert value(metrics, "neighborshare_rate_limited_users_total") == 1


def test_the_outbox_gauges_by_class_and_the_failed_count() -> None:
    from datetime import UTC, datetime, timedelta

    from neighborshare.adapters.memory.outside import FixedClock
    from neighborshare.adapters.memory.store import MemoryStore
    from neighborshare.adapters.memory.unit_of_work import InMemoryUnitOfWork
    from neighborshare.domain.records import OutboxMessage

    now = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    store = MemoryStore()
    with InMemoryUnitOfWork(store) as uow:
        for n, kind in enumerate(("daily_digest", "daily_digest", "accepted", "new_post")):
            uow.outbox.add(OutboxMessage(1, kind, {}, f"k{n}", now, now - timedelta(seconds=n)))
        failed = OutboxMessage(1, "accepted", {}, "failed", now, now, failed_at=now)
        uow.outbox.add(failed)
        uow.commit()
    metrics = Metrics()
    metrics.watch_database(lambda: InMemoryUnitOfWork(store), FixedClock(now))
    due = {c: value(metrics, "neighborshare_outbox_due", **{"class": c})
           for c in ("reply", "exchange", "alert", "digest")}
    assert due == {"reply": 0, "exchange": 1, "alert": 1, "digest": 2}
    assert value(metrics, "neighborshare_outbox_oldest_due_seconds", **{"class": "digest"}) == 1
    assert value(metrics, "neighborshare_outbox_failed") == 1
