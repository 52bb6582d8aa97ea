"""The SQL user repository."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import expressions, mapping, spatial
from neighborshare.adapters.sql.records import outbox
from neighborshare.adapters.sql.repositories.base import SqlRepository
from neighborshare.adapters.sql.tables import users
from neighborshare.domain.users import User, UserStatus
from neighborshare.domain.values import Location
from neighborshare.ports.queries import AlertQuery


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
        """One query: the circle, the cheap conditions, and each neighbor's count of ``kind``
        messages since ``since`` (an index lookup each: ix_outbox_recipient_kind)."""
        sent = (
            sa.select(sa.func.count())
            .select_from(outbox)
            .where(
                outbox.c.recipient_id == users.c.id,
                outbox.c.kind == query.kind,
                outbox.c.created_at >= query.since,
            )
            .scalar_subquery()
        )
        circle = spatial.circle(self._s, users, query.origin, query.radius_m)
        conditions = [
            *circle.conditions,
            users.c.notifications_enabled.is_(True),
            users.c.reachable.is_(True),
            users.c.status != UserStatus.BANNED.value,
            sent < query.below,
        ]
        if query.exclude_id is not None:
            conditions.append(users.c.id != query.exclude_id)
        statement = (
            self._select().add_columns(sent.label("sent_since"))
            .where(*conditions)
            .order_by(*circle.nearest_first)
        )
        return [(self._one(row), int(row.sent_since)) for row in self._s.execute(statement)]

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
