"""Running a piece of work in one transaction, retrying when it lost a race."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.records import OutboxMessage
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

T = TypeVar("T")
log = logging.getLogger(__name__)

DEFAULT_ATTEMPTS = 8


_ambient: ContextVar[UnitOfWork | None] = ContextVar("ambient_unit_of_work", default=None)


@contextmanager
def update_transaction(uow_factory: UnitOfWorkFactory) -> Iterator[UnitOfWork]:
    """One transaction for everything one incoming update causes, committed once at the end.

    Use cases called inside join it, each in a savepoint so that a refused one leaves no trace;
    the caller records the update id in the same transaction, so a redelivered update has no
    second effect. A ConcurrencyConflict propagates: the caller retries the whole update.
    """
    with uow_factory() as uow:
        token = _ambient.set(uow)
        try:
            yield uow
            uow.commit()
        finally:
            _ambient.reset(token)


def in_update_transaction() -> bool:
    """Whether the caller runs inside ``update_transaction`` (so a lost race redoes the update)."""
    return _ambient.get() is not None


def in_transaction(
    uow_factory: UnitOfWorkFactory,
    work: Callable[[UnitOfWork], T],
    attempts: int = DEFAULT_ATTEMPTS,
) -> T:
    """Run ``work`` and commit; retry a bounded number of times on serialization failures."""
    outer = _ambient.get()
    if outer is not None:
        with outer.savepoint():
            return work(outer)
    for attempt in range(1, attempts + 1):
        try:
            with uow_factory() as uow:
                result = work(uow)
                uow.commit()
                return result
        except ConcurrencyConflict:
            if attempt == attempts:
                raise
            log.info("transaction conflict, retrying (attempt %d of %d)", attempt, attempts)
    raise AssertionError("unreachable")


def read_only(uow_factory: UnitOfWorkFactory, work: Callable[[UnitOfWork], T]) -> T:
    outer = _ambient.get()
    if outer is not None:
        return work(outer)
    with uow_factory() as uow:
        return work(uow)


def notify(
    uow: UnitOfWork,
    recipient_id: int,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    dedupe_key: str,
    available_at: datetime | None = None,
) -> bool:
    """Write a notification to the outbox in the caller's transaction (once per ``dedupe_key``)."""
    message = OutboxMessage(
        recipient_id=recipient_id,
        kind=kind,
        payload=payload,
        dedupe_key=dedupe_key,
        created_at=now,
        available_at=available_at or now,
    )
    return uow.outbox.add(message)
