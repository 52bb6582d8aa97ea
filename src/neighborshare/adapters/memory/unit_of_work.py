"""The in-memory unit of work: serialized transactions with real rollback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Self

from neighborshare.adapters.memory import repositories as repos
from neighborshare.adapters.memory.store import MemoryStore, Transaction


class InMemoryUnitOfWork:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        self._tx = Transaction(self._store)
        tx = self._tx
        self.users = repos.InMemoryUserRepository(tx)
        self.posts = repos.InMemoryFoodPostRepository(tx)
        self.exchanges = repos.InMemoryExchangeRepository(tx)
        self.ratings = repos.InMemoryRatingRepository(tx)
        self.credits = repos.InMemoryCreditLedger(tx)
        self.reports = repos.InMemoryReportRepository(tx)
        self.audit = repos.InMemoryAuditLog(tx)
        self.outbox = repos.InMemoryOutbox(tx)
        self.sessions = repos.InMemorySessionRepository(tx)
        self.updates = repos.InMemoryUpdateLog(tx)
        self.cards = repos.InMemoryChatCardRepository(tx)
        self.groups = repos.InMemoryCommunityGroupRepository(tx)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._tx.reset()  # drop uncommitted work
        self._store.lock.release()

    def commit(self) -> None:
        self._tx.commit()

    def rollback(self) -> None:
        self._tx.reset()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        saved = self._tx.snapshot()
        try:
            yield
        except BaseException:
            self._tx.restore(saved)
            raise
