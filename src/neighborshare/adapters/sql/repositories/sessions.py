"""The SQL conversation session store and the log of handled Telegram updates."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from neighborshare.adapters.sql import record_mapping
from neighborshare.adapters.sql.records import sessions, telegram_updates
from neighborshare.adapters.sql.repositories.base import insert_ignoring_duplicates
from neighborshare.adapters.sql.session import SqlSession
from neighborshare.domain.sessions import ConversationSession


class SqlSessionRepository:
    name = sessions.name

    def __init__(self, session: SqlSession) -> None:
        self._s = session

    def get(self, telegram_id: int) -> ConversationSession | None:
        known = self._s.known(self.name, telegram_id)
        if known is not None:
            return known  # type: ignore[no-any-return]
        statement = sa.select(sessions).where(sessions.c.telegram_id == telegram_id)
        row = self._s.execute(statement).first()
        if row is None:
            return None
        return self._s.materialize(  # type: ignore[no-any-return]
            self.name, telegram_id, row, record_mapping.session_from
        )

    def get_for_update(self, telegram_id: int) -> ConversationSession | None:
        if (self.name, telegram_id) in self._s.locked:
            return self._s.known(self.name, telegram_id)  # type: ignore[no-any-return]
        statement = sa.select(sessions).where(sessions.c.telegram_id == telegram_id)
        if self._s.is_postgres:  # SQLite already holds the database write lock
            statement = statement.with_for_update()
        row = self._s.execute(statement).first()
        if row is None:
            return None
        return self._s.refresh(  # type: ignore[no-any-return]
            self.name, telegram_id, row, record_mapping.session_from
        )

    def save(self, session: ConversationSession) -> None:
        values = record_mapping.values_of(session)
        dialect_insert = postgresql.insert if self._s.is_postgres else sqlite.insert
        statement = dialect_insert(sessions).values(**values)
        changes = {k: statement.excluded[k] for k in values if k != "telegram_id"}
        upsert = statement.on_conflict_do_update(index_elements=["telegram_id"], set_=changes)
        self._s.execute(upsert)
        self._s.remember(self.name, session.telegram_id, session)

    def delete(self, telegram_id: int) -> None:
        self._s.execute(sa.delete(sessions).where(sessions.c.telegram_id == telegram_id))
        self._s.forget(self.name, telegram_id)

    def delete_expired(self, now: datetime) -> int:
        statement = (
            sa.delete(sessions)
            .where(sessions.c.expires_at <= now)
            .returning(sessions.c.telegram_id)
        )
        expired = list(self._s.execute(statement).scalars())
        for telegram_id in expired:
            self._s.forget(self.name, telegram_id)
        return len(expired)


class SqlUpdateLog:
    def __init__(self, session: SqlSession) -> None:
        self._s = session

    def record(self, update_id: int, now: datetime) -> bool:
        values = {"update_id": update_id, "handled_at": now}
        new = insert_ignoring_duplicates(self._s, telegram_updates, values, ["update_id"])
        return new is not None

    def forget_before(self, moment: datetime) -> int:
        statement = sa.delete(telegram_updates).where(telegram_updates.c.handled_at < moment)
        return int(self._s.execute(statement).rowcount or 0)
