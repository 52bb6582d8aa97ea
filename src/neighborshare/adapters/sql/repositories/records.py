"""The SQL audit log and outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import record_mapping
from neighborshare.adapters.sql.records import audit_log, outbox
from neighborshare.adapters.sql.repositories.base import (
    SqlRepository,
    insert_ignoring_duplicates,
    insert_or_nothing,
)
from neighborshare.domain.records import AuditEntry, OutboxMessage

_ROWS_PER_INSERT = 500  # well under SQLite's limit of bound variables per statement


class SqlAuditLog(SqlRepository):
    table = audit_log
    build = staticmethod(record_mapping.audit_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return record_mapping.values_of(entity)

    def add(self, entry: AuditEntry) -> AuditEntry:
        return self._insert(entry)  # type: ignore[no-any-return]

    def latest(self, limit: int = 50, actor_id: int | None = None) -> list[AuditEntry]:
        statement = self._select()
        if actor_id is not None:
            statement = statement.where(audit_log.c.actor_id == actor_id)
        return self._all(statement.order_by(audit_log.c.id.desc()).limit(limit))


class SqlOutbox(SqlRepository):
    table = outbox
    build = staticmethod(record_mapping.outbox_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return record_mapping.values_of(entity)

    def add(self, message: OutboxMessage) -> bool:
        values = self._values(message)
        new_id = insert_ignoring_duplicates(self._s, outbox, values, ["dedupe_key"])
        if new_id is None:
            return False
        message.id = new_id
        self._s.remember(self._name, new_id, message)
        return True

    def claim_due(self, now: datetime, limit: int) -> list[OutboxMessage]:
        statement = (
            self._select()
            .where(*self._due(now))
            .order_by(outbox.c.id)
            .limit(limit)
        )
        if self._s.is_postgres:  # workers share the backlog instead of queueing behind each other
            statement = statement.with_for_update(skip_locked=True)
        return self._all(statement)

    def count_for(self, recipient_id: int, kind: str, since: datetime) -> int:
        return self._count(
            outbox.c.recipient_id == recipient_id,
            outbox.c.kind == kind,
            outbox.c.created_at >= since,
        )

    def counts_for(
        self, recipient_ids: Sequence[int], kind: str, since: datetime
    ) -> dict[int, int]:
        if not recipient_ids:
            return {}
        statement = (
            sa.select(outbox.c.recipient_id, sa.func.count())
            .where(
                outbox.c.recipient_id.in_(list(recipient_ids)),
                outbox.c.kind == kind,
                outbox.c.created_at >= since,
            )
            .group_by(outbox.c.recipient_id)
        )
        rows: Any = self._s.execute(statement).all()
        return {int(recipient): int(count) for recipient, count in rows}

    def add_many(self, messages: Sequence[OutboxMessage]) -> int:
        """Multi-row INSERT ... ON CONFLICT DO NOTHING (the messages keep no id).

        SQLAlchemy runs a list of parameter dicts with RETURNING as batches of multi-row
        INSERTs ("insertmanyvalues"), at most _ROWS_PER_INSERT rows each.
        """
        if not messages:
            return 0
        statement = insert_or_nothing(self._s, outbox, ["dedupe_key"]).execution_options(
            insertmanyvalues_page_size=_ROWS_PER_INSERT
        )
        rows = [self._values(message) for message in messages]
        return len(self._s.execute(statement, rows).all())

    def backlog(self, now: datetime) -> int:
        return self._count(*self._due(now))

    def sent_to(self, recipient_id: int) -> Sequence[OutboxMessage]:
        statement = self._select().where(outbox.c.recipient_id == recipient_id)
        return self._all(statement.order_by(outbox.c.id))

    @staticmethod
    def _due(now: datetime) -> list[Any]:
        return [outbox.c.sent_at.is_(None), outbox.c.available_at <= now]
