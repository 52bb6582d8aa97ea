"""What every SQL repository shares: insert, load through the identity map, lock, update."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from neighborshare.adapters.sql.session import SqlSession


class SqlRepository:
    """A repository over one table whose rows map to entities with an ``id``."""

    table: sa.Table
    build: Callable[[Any], Any]

    def __init__(self, session: SqlSession) -> None:
        self._s = session

    @property
    def _name(self) -> str:
        return self.table.name

    def _values(self, entity: Any) -> dict[str, Any]:
        raise NotImplementedError

    def _insert(self, entity: Any) -> Any:
        statement = sa.insert(self.table).values(**self._values(entity)).returning(self.table.c.id)
        entity.id = self._s.execute(statement).scalar_one()
        return self._s.remember(self._name, entity.id, entity)

    def get(self, row_id: int) -> Any:
        known = self._s.known(self._name, row_id)
        if known is not None:
            return known
        row = self._s.execute(self._select().where(self.table.c.id == row_id)).first()
        return None if row is None else self._one(row)

    def get_for_update(self, row_id: int) -> Any:
        """The row locked until the end of the transaction, and its object brought up to date."""
        if (self._name, row_id) in self._s.locked:
            return self._s.known(self._name, row_id)
        statement = self._select().where(self.table.c.id == row_id)
        if self._s.is_postgres:  # SQLite already holds the database write lock (BEGIN IMMEDIATE)
            statement = statement.with_for_update()
        row = self._s.execute(statement).first()
        return None if row is None else self._s.refresh(self._name, row.id, row, type(self).build)

    def save(self, entity: Any) -> None:
        table = self.table
        statement = sa.update(table).where(table.c.id == entity.id).values(**self._values(entity))
        self._s.execute(statement)
        self._s.remember(self._name, entity.id, entity)

    def _select(self) -> sa.Select[Any]:
        return sa.select(self.table)

    def _one(self, row: Any) -> Any:
        return self._s.materialize(self._name, row.id, row, type(self).build)

    def _all(self, statement: sa.Select[Any]) -> list[Any]:
        return [self._one(row) for row in self._s.execute(statement)]

    def _count(self, *conditions: Any) -> int:
        statement = sa.select(sa.func.count()).select_from(self.table).where(*conditions)
        return int(self._s.execute(statement).scalar_one())


def insert_ignoring_duplicates(
    session: SqlSession, table: sa.Table, values: dict[str, Any], unique: list[str]
) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING on either dialect; the new id, or None if it existed."""
    dialect_insert = postgresql.insert if session.is_postgres else sqlite.insert
    statement = (
        dialect_insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=unique)
        .returning(*table.primary_key.columns)
    )
    return session.execute(statement).scalar()
