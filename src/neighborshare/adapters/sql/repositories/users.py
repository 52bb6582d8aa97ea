"""The SQL user repository."""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import expressions, mapping, spatial
from neighborshare.adapters.sql.records import outbox
from neighborshare.adapters.sql.repositories.base import SqlRepository
from neighborshare.adapters.sql.tables import users
from neighborshare.domain.users import User, UserStatus
from neighborshare.domain.values import Location
from neighborshare.ports.queries import AlertQuery


@cache
def _alert_candidates(postgres: bool) -> sa.Select[Any]:
    """Built once per dialect, with bound parameters (``alert_candidates`` gives them).

    Each neighbor's count of recent messages is one index lookup. On PostgreSQL it is a
    LATERAL subquery, counted once per neighbor; as a scalar subquery both in the filter and
    in the columns, PostgreSQL counted it twice. SQLite has no LATERAL, and counts once."""
    sent = (
        sa.select(sa.func.count())
        .select_from(outbox)
        .where(
            outbox.c.recipient_id == users.c.id,
            outbox.c.kind == sa.bindparam("_kind"),
            outbox.c.created_at >= sa.bindparam("_since"),
        )
    )
    if postgres:
        counted = sent.lateral("sent")
        sent_since: Any = counted.c[0]
        source: Any = users.join(counted, sa.true())
    else:
        sent_since = sent.scalar_subquery()
        source = users
    circle = spatial.circle_at(postgres, users)
    # the circle is the widest radius anyone may choose (an index search); then each
    # neighbor's own radius, or the default for those who chose none
    own_radius = sa.func.coalesce(users.c.alert_radius_m, sa.bindparam("_default_radius"))
    return (
        sa.select(users, sent_since.label("sent_since"))
        .select_from(source)
        .where(
            *circle.conditions,
            circle.nearest_first[0] <= own_radius,
            users.c.notifications_enabled.is_(True),
            users.c.reachable.is_(True),
            users.c.status != UserStatus.BANNED.value,
            sent_since < sa.bindparam("_below"),
            users.c.id != sa.bindparam("_exclude"),  # ids start at 1: -1 leaves nobody out
        )
        .order_by(*circle.nearest_first)
    )


class SqlUserRepository(SqlRepository):
    table = users
    build = staticmethod(mapping.user_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return mapping.user_values(entity)

    def add(self, user: User) -> User:
        return self._insert(user)  # type: ignore[no-any-return]

    def save(self, user: User) -> None:
        if user.balance < 0:
            raise ValueError("balance must not be negative")
        super().save(user)

    def get_by_telegram_id(self, telegram_id: int) -> User | None:
        return self._first_by("telegram_id", telegram_id)  # type: ignore[no-any-return]

    def get_by_phone(self, digest: str) -> User | None:
        return self._first_by("phone_digest", digest)  # type: ignore[no-any-return]

    def within(self, origin: Location, radius_m: float) -> list[User]:
        circle = spatial.circle(self._s, users, origin, radius_m)
        statement = self._select().where(*circle.conditions).order_by(*circle.nearest_first)
        return self._all(statement)

    def alert_candidates(self, query: AlertQuery) -> list[tuple[User, int]]:
        """One query: the circle, each neighbor's own radius, the cheap conditions, and each
        neighbor's count of ``kind`` messages since ``since`` (an index lookup each:
        ix_outbox_recipient_kind)."""
        postgres = self._s.is_postgres
        params = spatial.circle_params(postgres, query.origin, query.radius_m) | {
            "_kind": query.kind, "_since": query.since, "_below": query.below,
            "_exclude": -1 if query.exclude_id is None else query.exclude_id,
            "_default_radius": query.radius_m if query.default_radius_m is None
            else query.default_radius_m,
        }
        rows = self._s.execute(_alert_candidates(postgres), params)
        return [(self._one(row), int(row.sent_since)) for row in rows]

    def search(self, text: str, limit: int = 20) -> list[User]:
        needle = text.strip().lower()
        matches = [expressions.contains(self._s, users.c.preferred_name, needle)]
        number = expressions.canonical_int(needle)
        if number is not None:
            matches += [users.c.telegram_id == number, users.c.id == number]
        statement = self._select().where(sa.or_(*matches)).order_by(users.c.id).limit(limit)
        return self._all(statement)

    def all_ids(self) -> list[int]:
        statement = (
            sa.select(users.c.id)
            .where(users.c.status != UserStatus.BANNED.value)
            .order_by(users.c.id)
        )
        return list(self._s.execute(statement).scalars())
