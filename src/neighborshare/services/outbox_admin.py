"""What the outbox holds, for an operator: queued by class, failed with Telegram's reasons;
retrying or dropping a failed message, as a moderator (audited)."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain.errors import InvalidInput, NotFound
from neighborshare.domain.records import AuditEntry, OutboxMessage, QueueDepth
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import moderator_or_refuse
from neighborshare.services.transactions import in_transaction


class OutboxAdminService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock, tasks: TaskQueue) -> None:
        self._uow, self._clock, self._tasks = uow_factory, clock, tasks

    def queued(self) -> tuple[datetime, list[QueueDepth]]:
        """The time of the count, and the rows waiting by send class."""
        now = self._clock.now()
        with self._uow() as uow:
            return now, uow.outbox.queued(now)

    def failed(self, limit: int = 50) -> list[OutboxMessage]:
        with self._uow() as uow:
            return uow.outbox.failed(limit)

    def retry(self, moderator_id: int, message_id: int, reason: str = "") -> OutboxMessage:
        """Send a failed message again with the next drain, its refusals forgotten."""

        def work(uow: UnitOfWork, message: OutboxMessage, now: datetime) -> None:
            message.retried(now)
            uow.outbox.save(message)

        return self._on_failed(moderator_id, message_id, "retry-outbox", reason, work)

    def drop(self, moderator_id: int, message_id: int, reason: str = "") -> OutboxMessage:
        """Delete a failed message for good."""

        def work(uow: UnitOfWork, message: OutboxMessage, now: datetime) -> None:
            uow.outbox.delete(message_id)

        return self._on_failed(moderator_id, message_id, "drop-outbox", reason, work)

    def _on_failed(self, moderator_id: int, message_id: int, action: str, reason: str,
                   change: object) -> OutboxMessage:
        def work(uow: UnitOfWork) -> OutboxMessage:
            moderator_or_refuse(uow, moderator_id)
            message = uow.outbox.get(message_id)
            if message is None:
                raise NotFound()
            if message.failed_at is None:
                raise InvalidInput("outbox_not_failed")
            now = self._clock.now()
            details = {"kind": message.kind, "recipient_id": message.recipient_id,
                       "last_error": message.last_error}
            change(uow, message, now)  # type: ignore[operator]
            uow.audit.add(AuditEntry(moderator_id, action, "outbox", message_id,
                                     " ".join(reason.split())[:500], now, details))
            return message

        message = in_transaction(self._uow, work)
        self._tasks.enqueue("drain_outbox")
        return message
