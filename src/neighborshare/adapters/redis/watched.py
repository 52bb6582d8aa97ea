"""Repositories seen through a wrapper that notes which cache keys each write makes stale."""

from __future__ import annotations

from typing import Any

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.ratings import Rating
from neighborshare.domain.users import User


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


WATCHERS: dict[str, type[_Watched]] = {
    "users": _WatchedUsers,
    "posts": _WatchedPosts,
    "ratings": _WatchedRatings,
}
