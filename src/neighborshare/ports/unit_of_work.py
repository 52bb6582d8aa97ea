"""The unit of work: one transaction over every repository."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Protocol, Self

from neighborshare.ports.repositories import (
    AuditLog,
    ChatCardRepository,
    CommunityGroupRepository,
    CreditLedger,
    ExchangeRepository,
    FoodPostRepository,
    Outbox,
    RatingRepository,
    ReportRepository,
    SessionRepository,
    UpdateLog,
    UserRepository,
)


class UnitOfWork(Protocol):
    """``with uow: ...; uow.commit()`` - anything not committed is rolled back on exit."""

    users: UserRepository
    posts: FoodPostRepository
    exchanges: ExchangeRepository
    ratings: RatingRepository
    credits: CreditLedger
    reports: ReportRepository
    audit: AuditLog
    outbox: Outbox
    sessions: SessionRepository
    updates: UpdateLog
    cards: ChatCardRepository
    groups: CommunityGroupRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
    def rollback(self) -> None: ...

    def savepoint(self) -> AbstractContextManager[None]:
        """A nested transaction: an exception inside undoes only what was done inside."""
        ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
