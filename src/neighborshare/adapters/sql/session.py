"""One connection's transaction plus the identity map every repository of a unit of work shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql.direct import DirectRunner, plans_for, row_type
from neighborshare.adapters.sql.errors import conflicts_as_domain_errors

Key = tuple[str, Any]
Params = dict[str, Any] | Sequence[dict[str, Any]]


class SqlSession:
    """Runs statements (translating lost races) and keeps one object per row."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name
        self.identities: dict[Key, Any] = {}
        self.locked: set[Key] = set()
        # rows one statement read for a repository call still to come (taken once, by it)
        self.read_ahead: dict[Key, Any] = {}
        # PostgreSQL: prebuilt statements run on psycopg directly (adapters/sql/direct.py)
        self._direct = (DirectRunner(connection, plans_for(connection.dialect))
                        if self.dialect == "postgresql" else None)

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def execute(
        self, statement: sa.Executable, params: Params | None = None
    ) -> sa.CursorResult[Any]:
        """Run ``statement`` with ``params`` (a dict of values, or a list of them for many rows)."""
        with conflicts_as_domain_errors():
            if self._direct is not None:
                result = self._direct.run(statement, params)
                if result is not None:
                    return result  # type: ignore[return-value]  # the Result subset we use
            return self.connection.execute(statement, params)

    def begin_savepoint(self) -> Any:
        """A savepoint (``commit`` releases it, ``rollback`` rolls back to it)."""
        if self._direct is not None:
            return self._direct.savepoint()
        return self.connection.begin_nested()

    def known(self, table: str, key: Any) -> Any:
        return self.identities.get((table, key))

    def remember(self, table: str, key: Any, entity: Any) -> Any:
        self.identities[(table, key)] = entity
        return entity

    def forget(self, table: str, key: Any) -> None:
        self.identities.pop((table, key), None)
        self.locked.discard((table, key))

    def materialize(self, table: str, key: Any, row: Any, build: Callable[[Any], Any]) -> Any:
        """The object already mapped for this row, or a new one built from it."""
        known = self.identities.get((table, key))
        return known if known is not None else self.remember(table, key, build(readable(row)))

    def refresh(self, table: str, key: Any, row: Any, build: Callable[[Any], Any]) -> Any:
        """Like materialize, but bring a mapped object up to date with a row just locked."""
        self.locked.add((table, key))
        known = self.identities.get((table, key))
        if known is None:
            return self.remember(table, key, build(readable(row)))
        known.__dict__.update(build(readable(row)).__dict__)
        return known

    def commit(self) -> None:
        with conflicts_as_domain_errors():
            self.connection.commit()
        self.locked.clear()  # the locks went with the transaction
        self.read_ahead.clear()

    def rollback(self) -> None:
        self.connection.rollback()
        self.identities.clear()
        self.locked.clear()
        self.read_ahead.clear()


def readable(row: Any) -> Any:
    """``row`` as a named tuple: the mappers read a column by name, which costs a SQLAlchemy Row
    about 0.4 microseconds a column (7 for a user) and a named tuple next to nothing."""
    if isinstance(row, tuple):  # a named tuple already (rows run by adapters/sql/direct.py)
        return row
    fields = getattr(row, "_fields", None)
    return row if fields is None else row_type(tuple(fields))._make(row)


def named(table: sa.Table, values: Sequence[Any]) -> Any:
    """``values`` (the table's columns, in order) as a named tuple, for a mapper."""
    return row_type(tuple(table.columns.keys()))._make(values)
