"""Prometheus metrics on a private registry: updates, latency, notifications, rate limiting, and
exchange and outbox figures read from the database when Prometheus scrapes (the counters are
fed by the webhook app and by the wrappers in observability/counting.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.records import QueueDepth
from neighborshare.domain.sending import SendClass
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)

# Handling an update is a few queries plus one Bot API call: most land well under 100 ms.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """Every metric one process exposes; ``render()`` gives the Prometheus text format."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter(
            "neighborshare_updates", "Telegram updates handled, by update type and outcome",
            ["type", "outcome"], registry=r,
        )
        self.latency = Histogram(
            "neighborshare_update_seconds", "Time from receiving an update to answering it",
            ["type"], buckets=LATENCY_BUCKETS, registry=r,
        )
        self.notifications = Counter(
            "neighborshare_notifications", "Notifications handed to Telegram, by result",
            ["result"], registry=r,
        )
        self.throttled = Counter(
            "neighborshare_notifications_throttled",
            "Notifications Telegram still refused with 429 after the sender's own retries",
            registry=r,
        )
        self.sends = Counter(
            "neighborshare_sends", "Messages the bot sent or tried to send, by send class "
            "(reply, exchange, alert, digest) and result (sent, 429, refused, failed)",
            ["class", "result"], registry=r,
        )
        self.rate_limited = Counter(
            "neighborshare_rate_limited_updates",
            "Updates dropped by the per-user rate limit", registry=r,
        )
        self.rate_limited_users = Counter(
            "neighborshare_rate_limited_users",
            "Neighbors who crossed the per-user rate limit (counted once per episode)",
            registry=r,
        )

    def count_send(self, send_class: str, result: str) -> None:
        self.sends.labels(send_class, result).inc()

    def observe_update(self, update_type: str, outcome: str, seconds: float) -> None:
        self.updates.labels(update_type, outcome).inc()
        self.latency.labels(update_type).observe(seconds)

    def watch_database(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        """Read exchanges by state and the outbox backlog at every scrape."""
        self.registry.register(DatabaseCollector(uow_factory, clock))

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class DatabaseCollector(Collector):
    """Gauges computed from the database, so every replica reports the same shared truth."""

    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow_factory
        self._clock = clock

    def describe(self) -> list[Metric]:
        return []  # not known without a query; nothing to check for duplicates

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(
            "neighborshare_database_up", "1 if the last scrape could read the database"
        )
        try:
            with self._uow() as uow:
                by_state = uow.exchanges.count_by_status()
                now = self._clock.now()
                backlog = uow.outbox.backlog(now)
                queued = uow.outbox.queued(now)
                failed = uow.outbox.count_failed()
        except Exception as error:  # a scrape must answer even while the database is down
            log.warning("metrics: database unreachable: %s", type(error).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        states = GaugeMetricFamily(
            "neighborshare_exchanges", "Exchanges by state", labels=["state"]
        )
        for state in ExchangeStatus:  # every state, zero included, so alerts can compare
            states.add_metric([state.value], by_state.get(state, 0))
        yield states
        yield GaugeMetricFamily(
            "neighborshare_outbox_backlog", "Outbox rows due and not yet done", value=backlog
        )
        yield from _queue_gauges(queued, now)
        yield GaugeMetricFamily(
            "neighborshare_outbox_failed", "Outbox rows Telegram refused too often, kept for "
            "an operator (neighborshare outbox)", value=failed,
        )


def _queue_gauges(queued: list[QueueDepth], now: datetime) -> Iterator[Metric]:
    """Depth (due now) and the oldest due row's age, for every send class (zero included)."""
    depth = GaugeMetricFamily("neighborshare_outbox_due", "Outbox rows due now, by send class",
                              labels=["class"])
    age = GaugeMetricFamily("neighborshare_outbox_oldest_due_seconds",
                            "How long the oldest due outbox row has waited, by send class",
                            labels=["class"])
    by_class = {q.send_class: q for q in queued}
    for send_class in SendClass:
        found = by_class.get(send_class)
        oldest = found.oldest_due if found else None
        depth.add_metric([send_class.name.lower()], found.due if found else 0)
        age.add_metric([send_class.name.lower()],
                       max((now - oldest).total_seconds(), 0.0) if oldest else 0.0)
    yield depth
    yield age


def serve(metrics: Metrics, port: int, addr: str = "0.0.0.0") -> Any:  # noqa: S104
    """Expose ``metrics`` on their own HTTP port (for processes without a web app: the worker)."""
    from prometheus_client import start_http_server

    return start_http_server(port, addr=addr, registry=metrics.registry)
