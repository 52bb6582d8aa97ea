"""Business metrics, written every few minutes as `business_metrics` JSON log lines."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.transactions import read_only

BUSINESS_LOGGER = "neighborshare.business"
INTERVAL = timedelta(minutes=5)


class MetricsService:
    """Counts what the community did in the last interval and how things stand now."""

    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, interval: timedelta = INTERVAL
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._interval = interval
        self._last_slot: int | None = None
        self._log = logging.getLogger(BUSINESS_LOGGER)

    def collect(self) -> dict[str, Any]:
        now = self._clock.now()
        return read_only(self._uow, lambda uow: self._collect(uow, now))

    def report(self) -> dict[str, Any]:
        """Write one metrics line now and return what it said."""
        metrics = self.collect()
        extra = {"log_type": "business_metrics", "metric_type": "food_exchange"} | metrics
        self._log.info("business metrics", extra=extra)
        return metrics

    def report_if_due(self) -> dict[str, Any] | None:
        """One line per interval in this process, however often it is asked."""
        slot = int(self._clock.now().timestamp() // self._interval.total_seconds())
        if slot == self._last_slot:
            return None
        self._last_slot = slot
        return self.report()

    def _collect(self, uow: UnitOfWork, now: datetime) -> dict[str, Any]:
        since, until = now - self._interval, now + timedelta(microseconds=1)
        closed = uow.exchanges.closed_between(since, until)
        completed = [e for e in closed if e.status is ExchangeStatus.COMPLETED]
        by_status = uow.exchanges.count_by_status()
        return {
            "interval_seconds": int(self._interval.total_seconds()),
            "neighbors": len(uow.users.all_ids()),
            "posts_created": len(uow.posts.created_between(since, until)),
            "exchanges_completed": len(completed),
            "portions_shared": sum(e.portions for e in completed),
            "exchanges_expired": sum(e.status is ExchangeStatus.EXPIRED for e in closed),
            "exchanges_no_show": sum(e.status is ExchangeStatus.NO_SHOW for e in closed),
            "exchanges_open": sum(
                by_status.get(s, 0) for s in (ExchangeStatus.PENDING, ExchangeStatus.ACCEPTED)
            ),
            "credits_in_circulation": uow.credits.total(),
            "outbox_backlog": uow.outbox.backlog(now),
        }
