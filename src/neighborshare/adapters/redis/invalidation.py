"""A unit of work that drops the cached copies of whatever its transaction wrote, on commit."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self, cast

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.ratings import Rating
from neighborshare.domain.users import User
from neighborshare.ports.services import Cache
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory


def user_keys(user_id: int | None, telegram_id: int | None = None) -> list[str]:
    keys = [f"user:{user_id}"] if user_id is not None else []
    return keys + ([f"user-tg:{telegram_id}"] if telegram_id is not None else [])


def post_key(post_id: int | None) -> str:
    return f"post:{post_id}"


def rating_key(user_id: int) -> str:
    return f"rating:{user_id}"


class _Watched:
    """Passes every call through; the subclasses note the cache keys a write makes stale."""

    def __init__(self, inner: Any, stale: set[str]) -> None:
        self._inner = inner
        self._stale = stale

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _WatchedUsers(_Watched):
    def add(self, user: User) -> User:
        added: User = self._inner.add(user)
        self._stale.update(user_keys(added.id, added.telegram_id))
        return added

    def save(self, user: User) -> None:
        self._inner.save(user)
        self._stale.update(user_keys(user.id, user.telegram_id))

    def get_for_update(self, user_id: int) -> User | None:
        # Locking a row announces a write; the telegram key is known only once it is loaded.
        user: User | None = self._inner.get_for_update(user_id)
        self._stale.update(user_keys(user_id, user.telegram_id if user else None))
        return user


class _WatchedPosts(_Watched):
    def add(self, post: FoodPost) -> FoodPost:
        added: FoodPost = self._inner.add(post)
        self._stale.add(post_key(added.id))
        return added

    def save(self, post: FoodPost) -> None:
        self._inner.save(post)
        self._stale.add(post_key(post.id))

    def get_for_update(self, post_id: int) -> FoodPost | None:
        self._stale.add(post_key(post_id))
        found: FoodPost | None = self._inner.get_for_update(post_id)
        return found


class _WatchedRatings(_Watched):
    def add(self, rating: Rating) -> Rating:
        added: Rating = self._inner.add(rating)
        self._stale.add(rating_key(rating.rated_id))
        return added


_WATCHERS: dict[str, type[_Watched]] = {
    "users": _WatchedUsers,
    "posts": _WatchedPosts,
    "ratings": _WatchedRatings,
}


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
        watcher = _WATCHERS.get(name)
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
