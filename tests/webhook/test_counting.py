"""The counting wrappers: what they pass on is unchanged, and the counters say what happened."""

from __future__ import annotations

import pytest

from neighborshare.adapters.memory.outside import InMemoryRateLimiter, RecordingNotifier
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


def test_refusals_are_counted_and_a_first_refusal_is_one_limited_neighbor() -> None:
    metrics = Metrics()
    limiter = CountingRateLimiter(InMemoryRateLimiter(), metrics)
    decisions = [limiter.hit("bot:7", 2, 60) for _ in range(5)]
    assert [d.allowed for d in decisions] == [True, True, False, False, False]
    assert value(metrics, "neighborshare_rate_limited_updates_total") == 3
    assert value(metrics, "neighborshare_rate_limited_users_total") == 1
