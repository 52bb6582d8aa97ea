"""Noticing, inside one update, the failures that mean "redo it later" even when a handler caught
them and apologised: a lost race (retry now) or an unreachable database (answer 503)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import exc as sa_exc

from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.ports.unit_of_work import UnitOfWork

TRANSIENT: tuple[type[BaseException], ...] = (
    ConcurrencyConflict,
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.PendingRollbackError,
    sa_exc.TimeoutError,  # no pooled connection came free in time
    ConnectionError,
    TimeoutError,
)


class FailureWatch:
    def __init__(self) -> None:
        self.failures: list[BaseException] = []

    def saw(self, error: BaseException) -> bool:
        """Keep ``error`` if it is transient; True if it was."""
        if isinstance(error, TRANSIENT):
            self.failures.append(error)
            return True
        return False

    def raise_if_any(self) -> None:
        """An outage wins over a conflict: retrying at once would not help."""
        outages = [f for f in self.failures if not isinstance(f, ConcurrencyConflict)]
        if outages:
            raise outages[0]
        if self.failures:
            raise self.failures[0]


current_watch: ContextVar[FailureWatch | None] = ContextVar("update_failures", default=None)


class WatchedUnitOfWork:
    """The real unit of work, with every savepoint reporting what went through it."""

    def __init__(self, inner: UnitOfWork, watch: FailureWatch) -> None:
        self._inner = inner
        self._watch = watch

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> WatchedUnitOfWork:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._inner.__exit__(*exc_info)

    def commit(self) -> None:
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        try:
            with self._inner.savepoint():
                yield
        except BaseException as error:
            self._watch.saw(error)
            raise
