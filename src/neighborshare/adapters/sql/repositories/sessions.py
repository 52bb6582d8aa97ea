"""The SQL conversation session store and the log of handled Telegram updates."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from neighborshare.adapters.sql import mapping, record_mapping
from neighborshare.adapters.sql.records import sessions, telegram_updates
from neighborshare.adapters.sql.repositories.base import (
    KEY,
    delete_by,
    insert_or_nothing,
    select_by,
)
from neighborshare.adapters.sql.session import SqlSession, named
from neighborshare.adapters.sql.tables import users
from neighborshare.domain.sessions import ConversationSession
from neighborshare.domain.users import User


class SqlSessionRepository:
    name = sessions.name

    def __init__(self, session: SqlSession) -> None:
        self._s = session

    def get(self, telegram_id: int) -> ConversationSession | None:
        known = self._s.known(self.name, telegram_id)
        if known is not None:
            return known  # type: ignore[no-any-return]
        row = self._s.execute(select_by(sessions, "telegram_id"), {KEY: telegram_id}).first()
        if row is None:
            return None
        return self._s.materialize(  # type: ignore[no-any-return]
            self.name, telegram_id, row, record_mapping.session_from
        )

    def get_for_update(self, telegram_id: int) -> ConversationSession | None:
        if (self.name, telegram_id) in self._s.locked:
            return self._s.known(self.name, telegram_id)  # type: ignore[no-any-return]
        # SQLite already holds the database write lock
        statement = select_by(sessions, "telegram_id", lock=self._s.is_postgres)
        row = self._s.execute(statement, {KEY: telegram_id}).first()
        if row is None:
            return None
        return self._s.refresh(  # type: ignore[no-any-return]
            self.name, telegram_id, row, record_mapping.session_from
        )

    def get_for_update_with_user(
        self, telegram_id: int
    ) -> tuple[ConversationSession | None, User | None]:
        """One round trip: the conversation (locked on PostgreSQL) beside the neighbor's row;
        none if ``SqlUpdateLog.record`` already read them for this sender."""
        row = self._s.read_ahead.pop((self.name, telegram_id), None)
        if row is None:
            row = self._s.execute(
                _session_and_user(self._s.is_postgres), {KEY: telegram_id}
            ).one()
        width = len(users.columns)
        user_part, session_part = row[:width], row[width:]
        user = None
        if user_part[0] is not None:  # users.id
            user = self._s.materialize(
                users.name, user_part[0], named(users, user_part), mapping.user_from
            )
        if session_part[0] is None:  # conversation_sessions.telegram_id
            return None, user
        found = self._s.refresh(
            self.name, telegram_id, named(sessions, session_part), record_mapping.session_from
        )
        return found, user

    def save(self, session: ConversationSession) -> None:
        self._s.read_ahead.pop((self.name, session.telegram_id), None)  # no longer as read
        values = record_mapping.values_of(session)
        self._s.execute(_upsert(self._s.is_postgres), values)
        self._s.remember(self.name, session.telegram_id, session)

    def delete(self, telegram_id: int) -> None:
        self._s.read_ahead.pop((self.name, telegram_id), None)
        self._s.execute(delete_by(sessions, "telegram_id"), {KEY: telegram_id})
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


@cache
def _upsert(postgres: bool) -> Any:
    """INSERT a session, or on a clash of telegram_id overwrite every other column."""
    insert = (postgresql.insert if postgres else sqlite.insert)(sessions)
    changes = {c.name: insert.excluded[c.name] for c in sessions.columns if c.name != "telegram_id"}
    return insert.on_conflict_do_update(index_elements=["telegram_id"], set_=changes)


class SqlUpdateLog:
    def __init__(self, session: SqlSession) -> None:
        self._s = session

    def record(self, update_id: int, now: datetime, sender: int | None = None) -> bool:
        """INSERT ... ON CONFLICT DO NOTHING; the row count says whether it was new (no
        RETURNING row to fetch: this runs once for every update).

        On PostgreSQL, with a ``sender``, the same statement also reads what
        ``SqlSessionRepository.get_for_update_with_user(sender)`` will ask for (and locks the
        conversation as it would): one round trip fewer for every update. SQLite has no round
        trips to save."""
        values = {"update_id": update_id, "handled_at": now}
        if sender is None or not self._s.is_postgres:
            statement = insert_or_nothing(self._s, telegram_updates, ["update_id"],
                                          returning=False)
            return self._s.execute(statement, values).rowcount == 1
        row = self._s.execute(_recorded_with_session_and_user(), {**values, KEY: sender}).one()
        recorded, read = bool(row[0] == 1), row[1:]
        if recorded:  # a duplicate's transaction goes no further
            self._s.read_ahead[(sessions.name, sender)] = read
        return recorded

    def forget_before(self, moment: datetime) -> int:
        statement = sa.delete(telegram_updates).where(telegram_updates.c.handled_at < moment)
        return int(self._s.execute(statement).rowcount or 0)


@cache
def _session_and_user(postgres: bool) -> sa.Select[Any]:
    """SELECT users.*, conversation_sessions.* for one Telegram id, either row possibly missing.

    On PostgreSQL the conversation is read in a LATERAL subquery FOR UPDATE (a lock may not
    be taken on the nullable side of an outer join); SQLite holds the database's write lock.
    """
    asked = sa.select(sa.bindparam(KEY, type_=sa.BigInteger).label("telegram_id")).subquery("q")
    if postgres:
        conversation: Any = (
            sa.select(sessions)
            .where(sessions.c.telegram_id == asked.c.telegram_id)
            .with_for_update()
            .lateral("s")
        )
        joined = sa.true()
    else:
        conversation = sessions.alias("s")
        joined = conversation.c.telegram_id == asked.c.telegram_id
    return (
        sa.select(*users.columns, *conversation.columns)
        .select_from(asked)
        .outerjoin(users, users.c.telegram_id == asked.c.telegram_id)
        .outerjoin(conversation, joined)
    )


@cache
def _recorded_with_session_and_user() -> sa.Select[Any]:
    """PostgreSQL: the update id's INSERT ... ON CONFLICT DO NOTHING as a data-modifying CTE,
    and ``_session_and_user`` beside how many rows it inserted (1, or 0 for a duplicate).

    PostgreSQL runs a data-modifying CTE to completion, on the statement's one snapshot: a
    redelivery racing its first delivery waits on the id as the plain INSERT does, and on the
    conversation's lock, which it gets after that delivery's commit. The conversation is
    locked in either case until the transaction ends (a duplicate's rolls back at once)."""
    inserted = (
        postgresql.insert(telegram_updates)
        .values(update_id=sa.bindparam("update_id"), handled_at=sa.bindparam("handled_at"))
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(telegram_updates.c.update_id)
        .cte("recorded")
    )
    count = sa.select(sa.func.count()).select_from(inserted).scalar_subquery()
    read = _session_and_user(True)
    return read.with_only_columns(count.label("recorded"), *read.selected_columns)
