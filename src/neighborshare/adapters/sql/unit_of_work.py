"""The SQL unit of work: one connection, one transaction, one identity map."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa

from neighborshare.adapters.sql.engine import make_engine
from neighborshare.adapters.sql.repositories.cards import SqlChatCardRepository
from neighborshare.adapters.sql.repositories.exchanges import SqlExchangeRepository
from neighborshare.adapters.sql.repositories.groups import SqlCommunityGroupRepository
from neighborshare.adapters.sql.repositories.ledger import SqlCreditLedger, SqlRatingRepository
from neighborshare.adapters.sql.repositories.posts import SqlFoodPostRepository
from neighborshare.adapters.sql.repositories.records import SqlAuditLog, SqlOutbox
from neighborshare.adapters.sql.repositories.reports import SqlReportRepository
from neighborshare.adapters.sql.repositories.sessions import SqlSessionRepository, SqlUpdateLog
from neighborshare.adapters.sql.repositories.users import SqlUserRepository
from neighborshare.adapters.sql.session import SqlSession


class SqlUnitOfWork:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def __enter__(self) -> Self:
        self._connection = self._engine.connect()
        session = self._session = SqlSession(self._connection)
        self.users = SqlUserRepository(session)
        self.posts = SqlFoodPostRepository(session)
        self.exchanges = SqlExchangeRepository(session)
        self.ratings = SqlRatingRepository(session)
        self.credits = SqlCreditLedger(session)
        self.reports = SqlReportRepository(session)
        self.audit = SqlAuditLog(session)
        self.outbox = SqlOutbox(session)
        self.sessions = SqlSessionRepository(session)
        self.updates = SqlUpdateLog(session)
        self.cards = SqlChatCardRepository(session)
        self.groups = SqlCommunityGroupRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._connection.rollback()  # drop uncommitted work
        finally:
            self._connection.close()

    def commit(self) -> None:
        self._session.commit()

    def rollback(self) -> None:
        self._session.rollback()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """SAVEPOINT (released, or on PostgreSQL left for COMMIT to end: adapters/sql/direct.py);
        on an exception ROLLBACK TO SAVEPOINT, and forget every
        mapped object, since some may hold changes the database no longer has."""
        nested = self._session.begin_savepoint()
        try:
            yield
        except BaseException:
            if nested.is_active:
                with suppress(sa.exc.DBAPIError):  # connection lost: the outer rollback says so
                    nested.rollback()
            self._session.identities.clear()
            self._session.locked.clear()
            raise
        nested.commit()


class SqlUnitOfWorkFactory:
    """Makes units of work over one engine (one connection pool) per database URL."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    def dispose(self) -> None:
        """Close every pooled connection (tests and shutdown)."""
        self.engine.dispose()


def sql_uow_factory(url: str, pool_size: int = 5, **engine_options: Any) -> SqlUnitOfWorkFactory:
    """The unit-of-work factory the container uses for the embedded and production profiles.

    ``engine_options`` go to ``make_engine`` (e.g. ``busy_timeout_s`` for SQLite).
    """
    return SqlUnitOfWorkFactory(make_engine(url, pool_size, **engine_options))
