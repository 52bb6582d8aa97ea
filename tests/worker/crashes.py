"""Injected crashes: a unit of work whose Nth commit dies, and a notifier that dies mid-batch."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from neighborshare.adapters.memory.outside import RecordingNotifier
from neighborshare.ports.services import Delivery, OutgoingMessage


class Crash(RuntimeError):
    """The process died here."""


class Killed(BaseException):
    """The process dies mid-send: unlike an error, no handler of the drain sees it."""


class CrashingUnitOfWorkFactory:
    """Lets ``survive`` commits through; the next one dies before reaching the database."""

    def __init__(self, inner: Any, survive: int) -> None:
        self.inner = inner
        self.survive = survive
        self.commits = 0

    def __call__(self) -> _CrashingUnitOfWork:
        return _CrashingUnitOfWork(self.inner(), self)


class _CrashingUnitOfWork:
    def __init__(self, uow: Any, owner: CrashingUnitOfWorkFactory) -> None:
        self._uow = uow
        self._owner = owner

    def __getattr__(self, name: str) -> Any:  # the repositories and savepoint()
        return getattr(self._uow, name)

    def __enter__(self) -> _CrashingUnitOfWork:
        self._uow.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._uow.__exit__(kind, exc, tb)

    def commit(self) -> None:
        if self._owner.commits >= self._owner.survive:
            raise Crash(f"crashed after {self._owner.commits} commits")
        self._uow.commit()
        self._owner.commits += 1

    def rollback(self) -> None:
        self._uow.rollback()


class CrashingNotifier(RecordingNotifier):
    """Delivers ``survive`` messages, then the process dies before delivering the next."""

    def __init__(self, survive: int) -> None:
        super().__init__()
        self.survive = survive

    def send(self, message: OutgoingMessage) -> Delivery:
        if len(self.sent) >= self.survive:
            raise Killed(f"killed after {len(self.sent)} messages")
        return super().send(message)


def crash_on_batch(number: int) -> Any:
    """A before-commit hook for SqlBulkExpiry: batch ``number`` (1-based) dies uncommitted."""
    seen = [0]

    def hook(name: str, count: int) -> None:
        seen[0] += 1
        if seen[0] == number:
            raise Crash(f"crashed in batch {number} ({name}, {count} rows)")

    return hook
