"""Cache-aside reads of neighbors, posts and rating summaries for the hot paths of the bot.

Every entry is JSON with a short time-to-live; the writes that change an entry delete it
through ``CacheInvalidatingUnitOfWork``. When the cache is unreachable every read is a miss
and goes to the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from neighborshare.adapters.redis import codec
from neighborshare.adapters.redis.watched import post_key, rating_key
from neighborshare.domain.errors import NotFound
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.ratings import RatingSummary, summarize
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User
from neighborshare.domain.values import rounded_distance
from neighborshare.ports.services import Cache
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.food import PostCard
from neighborshare.services.transactions import read_only

T = TypeVar("T")
DEFAULT_TTL_SECONDS = 120


class CachedReads:
    def __init__(
        self,
        cache: Cache,
        uow_factory: UnitOfWorkFactory,
        rules: Rules,
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
    ) -> None:
        self._cache = cache
        self._uow = uow_factory
        self._rules = rules
        self._ttl = ttl_seconds

    def card(self, viewer_id: int, post_id: int) -> PostCard:
        """What ``FoodService.card`` shows, assembled from cached pieces."""
        viewer, post = self.user(viewer_id), self.post(post_id)
        if viewer is None:
            raise NotFound("no_such_neighbor", user=viewer_id)
        if post is None:
            raise NotFound("no_such_dish")
        sharer = self.user(post.sharer_id)
        if sharer is None:
            raise NotFound("no_such_neighbor", user=post.sharer_id)
        distance = rounded_distance(viewer.location.distance_m(post.location))
        rating = self.rating(post.sharer_id).shown(self._rules)
        return PostCard(post, distance, sharer.first_name, rating)

    def user(self, user_id: int) -> User | None:
        return self._through(f"user:{user_id}", User, lambda uow: uow.users.get(user_id))

    def user_by_telegram_id(self, telegram_id: int) -> User | None:
        return self._through(
            f"user-tg:{telegram_id}", User, lambda uow: uow.users.get_by_telegram_id(telegram_id)
        )

    def post(self, post_id: int) -> FoodPost | None:
        return self._through(post_key(post_id), FoodPost, lambda uow: uow.posts.get(post_id))

    def rating(self, user_id: int) -> RatingSummary:
        found = self._through(
            rating_key(user_id),
            RatingSummary,
            lambda uow: summarize(uow.ratings.received_by(user_id)),
        )
        assert found is not None  # a summary always exists, if only of no ratings
        return found

    def _through(self, key: str, kind: type[T], load: Callable[[UnitOfWork], T | None]) -> T | None:
        cached = self._cache.get(key)
        if cached is not None:
            try:
                return codec.loads(kind, cached)
            except (TypeError, ValueError, KeyError):
                pass  # written by an older release with other fields: read it afresh
        value = read_only(self._uow, load)
        if value is not None:
            self._cache.set(key, codec.dumps(value), self._ttl)
        return value
