"""What every SQL repository shares: insert, load through the identity map, lock, update.

The hot statements are built once per table (and per dialect where they differ) with bound
parameters, and run with a dict of values: building and cache-keying a new statement on every
call cost more Python time than running it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from neighborshare.adapters.sql.session import SqlSession

# The bound parameter a keyed statement's WHERE compares with; no column has this name, so it
# never clashes with the column values an UPDATE takes its SET clause from.
LIMIT = "_limit"  # the bound LIMIT of a prebuilt statement
KEY = "_key"


@cache
def select_by(table: sa.Table, column: str, lock: bool = False) -> sa.Select[Any]:
    """SELECT the row whose ``column`` equals :_key, FOR UPDATE if ``lock``."""
    statement = sa.select(table).where(table.c[column] == sa.bindparam(KEY))
    return statement.with_for_update() if lock else statement


def among(column: sa.ColumnElement[Any], key: str, postgres: bool) -> sa.ColumnElement[bool]:
    """``column`` is in the list bound as ``key``. PostgreSQL: ``= ANY(array)``, one statement
    (prepared once) whatever the list's length; SQLite: SQLAlchemy's expanding IN."""
    if postgres:
        return column == sa.any_(sa.bindparam(key, type_=sa.ARRAY(column.type)))
    return column.in_(sa.bindparam(key, expanding=True))


@cache
def select_in(table: sa.Table, column: str, postgres: bool) -> sa.Select[Any]:
    """SELECT the rows whose ``column`` is in the list :_key."""
    return sa.select(table).where(among(table.c[column], KEY, postgres))


@cache
def update_by_id(table: sa.Table) -> sa.Update:
    """UPDATE the row whose id is :_key; the SET clause is the columns in the parameters."""
    return sa.update(table).where(table.c.id == sa.bindparam(KEY))


@cache
def insert_returning_id(table: sa.Table) -> sa.Insert:
    """INSERT the columns in the parameters, RETURNING the new id."""
    return sa.insert(table).returning(table.c.id)


@cache
def delete_by(table: sa.Table, column: str) -> sa.Delete:
    """DELETE the rows whose ``column`` equals :_key."""
    return sa.delete(table).where(table.c[column] == sa.bindparam(KEY))


@cache
def _insert_or_nothing(
    table: sa.Table, unique: tuple[str, ...], postgres: bool, returning: bool
) -> Any:
    insert = postgresql.insert if postgres else sqlite.insert
    statement = insert(table).on_conflict_do_nothing(index_elements=list(unique))
    if returning:
        return statement.returning(*table.primary_key.columns)
    return statement.execution_options(preserve_rowcount=True)


def insert_or_nothing(
    session: SqlSession, table: sa.Table, unique: Sequence[str], returning: bool = True
) -> Any:
    """INSERT ... ON CONFLICT (``unique``) DO NOTHING, built once: RETURNING the primary key,
    or (``returning=False``) with the count of rows inserted kept as ``rowcount``."""
    return _insert_or_nothing(table, tuple(unique), session.is_postgres, returning)


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
        statement = insert_returning_id(self.table)
        entity.id = self._s.execute(statement, self._values(entity)).scalar_one()
        return self._s.remember(self._name, entity.id, entity)

    def get(self, row_id: int) -> Any:
        known = self._s.known(self._name, row_id)
        if known is not None:
            return known
        return self._first_by("id", row_id)

    def get_many(self, row_ids: Sequence[int]) -> dict[int, Any]:
        """Rows by id in one SELECT, except those this unit of work already holds."""
        found = {i: self._s.known(self._name, i) for i in set(row_ids)}
        missing = sorted(i for i, known in found.items() if known is None)
        if missing:
            statement = select_in(self.table, "id", self._s.is_postgres)
            found.update((e.id, e) for e in self._all(statement, {KEY: missing}))
        return {i: entity for i, entity in found.items() if entity is not None}

    def get_for_update(self, row_id: int) -> Any:
        """The row locked until the end of the transaction, and its object brought up to date."""
        if (self._name, row_id) in self._s.locked:
            return self._s.known(self._name, row_id)
        # SQLite already holds the database write lock (BEGIN IMMEDIATE)
        statement = select_by(self.table, "id", lock=self._s.is_postgres)
        row = self._s.execute(statement, {KEY: row_id}).first()
        return None if row is None else self._s.refresh(self._name, row.id, row, type(self).build)

    def save(self, entity: Any) -> None:
        values = self._values(entity)
        values[KEY] = entity.id
        self._s.execute(update_by_id(self.table), values)
        self._s.remember(self._name, entity.id, entity)

    def _first_by(self, column: str, value: Any) -> Any:
        """The entity of the first row whose ``column`` equals ``value``, or None."""
        row = self._s.execute(select_by(self.table, column), {KEY: value}).first()
        return None if row is None else self._one(row)

    def _select(self) -> sa.Select[Any]:
        return sa.select(self.table)

    def _one(self, row: Any) -> Any:
        return self._s.materialize(self._name, row.id, row, type(self).build)

    def _all(self, statement: sa.Select[Any], params: dict[str, Any] | None = None) -> list[Any]:
        return [self._one(row) for row in self._s.execute(statement, params)]

    def _count(self, *conditions: Any) -> int:
        statement = sa.select(sa.func.count()).select_from(self.table).where(*conditions)
        return int(self._s.execute(statement).scalar_one())


def insert_ignoring_duplicates(
    session: SqlSession, table: sa.Table, values: dict[str, Any], unique: list[str]
) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING on either dialect; the new id, or None if it existed."""
    return session.execute(insert_or_nothing(session, table, unique), values).scalar()
