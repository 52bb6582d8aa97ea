"""The SQL food post repository, including the browse query."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import codes, expressions, mapping, spatial
from neighborshare.adapters.sql.repositories.base import SqlRepository
from neighborshare.adapters.sql.session import SqlSession
from neighborshare.adapters.sql.tables import posts
from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.posts import FoodPost, PostStatus
from neighborshare.domain.values import DietTag
from neighborshare.ports.queries import NearbyPost, NearbyQuery

VEGETARIAN_OR_VEGAN = codes.DIET_BITS[DietTag.VEGETARIAN] | codes.DIET_BITS[DietTag.VEGAN]


class SqlFoodPostRepository(SqlRepository):
    table = posts
    build = staticmethod(mapping.post_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return mapping.post_values(entity)

    def add(self, post: FoodPost) -> FoodPost:
        return self._insert(post)  # type: ignore[no-any-return]

    def save(self, post: FoodPost) -> None:
        if not 0 <= post.portions_reserved <= post.portions:
            raise ConcurrencyConflict("portions reserved out of range")
        super().save(post)

    def nearby(self, query: NearbyQuery) -> list[NearbyPost]:
        found = self._all(nearby_statement(self._s, query))
        # the distance shown is the domain's own, identical on every backend
        return [NearbyPost(post, query.origin.distance_m(post.location)) for post in found]

    def by_sharer(self, sharer_id: int, limit: int = 20) -> list[FoodPost]:
        statement = self._select().where(posts.c.sharer_id == sharer_id)
        return self._all(statement.order_by(posts.c.id.desc()).limit(limit))

    def active_ending_before(self, moment: datetime, limit: int) -> list[FoodPost]:
        statement = self._select().where(
            posts.c.status == PostStatus.ACTIVE.value, posts.c.window_end <= moment
        )
        return self._all(statement.order_by(posts.c.window_end, posts.c.id).limit(limit))

    def created_between(self, start: datetime, end: datetime) -> list[FoodPost]:
        statement = self._select().where(posts.c.created_at >= start, posts.c.created_at < end)
        return self._all(statement.order_by(posts.c.id))

    def listing(
        self, status: PostStatus | None = None, limit: int = 50, offset: int = 0
    ) -> list[FoodPost]:
        statement = self._select()
        if status is not None:
            statement = statement.where(posts.c.status == status.value)
        return self._all(statement.order_by(posts.c.id.desc()).limit(limit).offset(offset))


def nearby_statement(session: SqlSession, query: NearbyQuery) -> sa.Select[Any]:
    """The browse query: available, suitable posts within the radius, nearest first."""
    conditions = [*available(query.now), *suitable(session, query)]
    if session.is_postgres:
        from neighborshare.adapters.sql import postgis

        within, nearest_first = postgis.nearest_candidates(
            posts, query.origin, query.radius_m, conditions, query.offset + query.limit
        )
    else:
        circle = spatial.circle(session, posts, query.origin, query.radius_m)
        within, nearest_first = circle.conditions, circle.nearest_first
    return (
        sa.select(posts)
        .where(*conditions, *within)
        .order_by(*nearest_first)
        .limit(query.limit)
        .offset(query.offset)
    )


# A literal, not a bound parameter: the planner must see it matches the partial GiST index
# (ix_posts_active_geog) even in a cached generic plan.
ACTIVE: sa.ColumnElement[str] = sa.literal_column(f"'{PostStatus.ACTIVE.value}'")


def available(now: datetime) -> list[Any]:
    return [
        posts.c.status == ACTIVE,
        posts.c.window_end > now,
        posts.c.portions_reserved < posts.c.portions,
    ]


def suitable(session: SqlSession, query: NearbyQuery) -> list[Any]:
    """The neighbor's own posts, allergens, diet and custom allergy terms, as SQL."""
    conditions = []
    if query.exclude_sharer_id is not None:
        conditions.append(posts.c.sharer_id != query.exclude_sharer_id)
    if query.excluded_allergens:
        excluded = codes.allergen_mask(query.excluded_allergens)
        conditions.append(posts.c.allergen_mask.op("&")(excluded) == 0)
    required = set(query.required_diet_tags)
    if DietTag.VEGETARIAN in required:  # a vegan dish is vegetarian too
        required.discard(DietTag.VEGETARIAN)
        conditions.append(posts.c.diet_mask.op("&")(VEGETARIAN_OR_VEGAN) != 0)
    if required:
        mask = codes.diet_mask(required)
        conditions.append(posts.c.diet_mask.op("&")(mask) == mask)
    text = posts.c.name + " " + posts.c.description
    conditions += [~expressions.contains(session, text, term) for term in query.excluded_terms]
    return conditions
