"""Port wrappers that count into the metrics: notifications delivered or throttled, and updates
refused by the per-user rate limit."""

from __future__ import annotations

from neighborshare.observability.metrics import Metrics
from neighborshare.ports.services import (
    Delivery,
    Notifier,
    OutgoingMessage,
    RateDecision,
    RateLimiter,
    SendPostponed,
    SendRefused,
)


class CountingNotifier:
    """A Notifier that counts what happened to each message it passes on."""

    def __init__(self, inner: Notifier, metrics: Metrics) -> None:
        self._inner = inner
        self._metrics = metrics

    def send(self, message: OutgoingMessage) -> Delivery:
        send_class = message.send_class.name.lower()
        try:
            delivery = self._inner.send(message)
        except SendPostponed:  # Telegram still answered 429 after the sender's own waiting
            self._metrics.throttled.inc()
            self._metrics.count_send(send_class, "429")
            raise
        except SendRefused:
            self._metrics.notifications.labels("refused").inc()
            self._metrics.count_send(send_class, "refused")
            raise
        self._metrics.notifications.labels(delivery.value).inc()
        self._metrics.count_send(send_class, "sent")
        return delivery


class CountingRateLimiter:
    """A RateLimiter that counts refusals; a first refusal is a neighbor newly limited."""

    def __init__(self, inner: RateLimiter, metrics: Metrics) -> None:
        self._inner = inner
        self._metrics = metrics

    def hit(self, key: str, limit: int, period_seconds: int) -> RateDecision:
        decision = self._inner.hit(key, limit, period_seconds)
        if not decision.allowed:
            self._metrics.rate_limited.inc()
            if decision.first_refusal:
                self._metrics.rate_limited_users.inc()
        return decision
