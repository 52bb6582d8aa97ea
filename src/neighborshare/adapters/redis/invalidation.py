"""A unit of work that drops the cached copies of whatever its transaction wrote, on commit."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self, cast

from neighborshare.adapters.redis.watched import WATCHERS
from neighborshare.ports.services import Cache
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory


class CacheInvalidatingUnitOfWork:
    """Deletes stale keys only after a successful commit: a rollback changed nothing.

    A reader that loaded the old row just before the commit may still put it back; the short
    time-to-live of every cached entry bounds that window (the usual cache-aside trade-off).
    """

    def __init__(self, inner: UnitOfWork, cache: Cache) -> None:
        self._inner = inner
        self._cache = cache
        self._stale: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        repository = getattr(self._inner, name)
        watcher = WATCHERS.get(name)
        return watcher(repository, self._stale) if watcher else repository

    def __enter__(self) -> Self:
        self._inner.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stale.clear()
        self._inner.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self._inner.commit()
        stale = sorted(self._stale)
        self._stale.clear()  # the watchers share this set: empty it, never replace it
        self._cache.delete(*stale)

    def rollback(self) -> None:
        self._stale.clear()
        self._inner.rollback()


class InvalidatingFactory:
    """The same factory, whose units of work keep ``cache`` consistent with what they commit.

    Other attributes of the wrapped factory (a SQL factory's ``engine``) stay reachable.
    """

    def __init__(self, uow_factory: UnitOfWorkFactory, cache: Cache) -> None:
        self._inner = uow_factory
        self._cache = cache

    def __call__(self) -> UnitOfWork:
        return cast(UnitOfWork, CacheInvalidatingUnitOfWork(self._inner(), self._cache))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def invalidating(uow_factory: UnitOfWorkFactory, cache: Cache) -> UnitOfWorkFactory:
    return InvalidatingFactory(uow_factory, cache)
