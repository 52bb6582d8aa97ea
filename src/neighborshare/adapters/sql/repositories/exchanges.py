"""The SQL exchange repository; the sweeps' queries join the post's pickup window."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import mapping
from neighborshare.adapters.sql.repositories.base import (
    KEY,
    LIMIT,
    SqlRepository,
    among,
    select_by,
)
from neighborshare.adapters.sql.tables import exchanges, posts
from neighborshare.domain.exchanges import OPEN_STATUSES, ExchangeRequest, ExchangeStatus

OPEN = [status.value for status in OPEN_STATUSES]


@cache
def _open_by_requester(postgres: bool) -> sa.Select[Any]:
    return (
        sa.select(sa.func.count())
        .select_from(exchanges)
        .where(exchanges.c.requester_id == sa.bindparam(KEY), among(exchanges.c.status, "_open",
                                                                     postgres))
    )

_FOR_POST = select_by(exchanges, "post_id").order_by(exchanges.c.id)
_FOR_USER = (
    sa.select(exchanges)
    .where(sa.or_(exchanges.c.requester_id == sa.bindparam(KEY),
                  exchanges.c.sharer_id == sa.bindparam(KEY)))
    .order_by(exchanges.c.id.desc())
    .limit(sa.bindparam(LIMIT))
)


class SqlExchangeRepository(SqlRepository):
    table = exchanges
    build = staticmethod(mapping.exchange_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return mapping.exchange_values(entity)

    def add(self, exchange: ExchangeRequest) -> ExchangeRequest:
        return self._insert(exchange)  # type: ignore[no-any-return]

    def count_open_by_requester(self, requester_id: int) -> int:
        statement = _open_by_requester(self._s.is_postgres)
        return int(self._s.execute(statement, {KEY: requester_id, "_open": OPEN}).scalar_one())

    def for_post(self, post_id: int) -> list[ExchangeRequest]:
        return self._all(_FOR_POST, {KEY: post_id})

    def for_user(self, user_id: int, limit: int = 20) -> list[ExchangeRequest]:
        return self._all(_FOR_USER, {KEY: user_id, LIMIT: limit})

    def _by_window(self, status: ExchangeStatus, *conditions: Any, limit: int) -> list[Any]:
        statement = (
            self._select()
            .join(posts, posts.c.id == exchanges.c.post_id)
            .where(exchanges.c.status == status.value, *conditions)
            .order_by(posts.c.window_end, exchanges.c.id)
            .limit(limit)
        )
        return self._all(statement)

    def pending_ending_by(self, moment: datetime, limit: int) -> list[ExchangeRequest]:
        return self._by_window(ExchangeStatus.PENDING, posts.c.window_end <= moment, limit=limit)

    def accepted_ending_by(self, moment: datetime, limit: int) -> list[ExchangeRequest]:
        return self._by_window(ExchangeStatus.ACCEPTED, posts.c.window_end <= moment, limit=limit)

    def needing_reminder(
        self, starts_by: datetime, now: datetime, limit: int
    ) -> list[ExchangeRequest]:
        return self._by_window(
            ExchangeStatus.ACCEPTED,
            exchanges.c.reminded_at.is_(None),
            posts.c.window_start <= starts_by,
            posts.c.window_end > now,
            limit=limit,
        )

    def needing_pickup_prompt(self, now: datetime, limit: int) -> list[ExchangeRequest]:
        return self._by_window(
            ExchangeStatus.ACCEPTED,
            exchanges.c.pickup_prompted_at.is_(None),
            posts.c.window_end <= now,
            limit=limit,
        )

    def count_by_status(self) -> dict[ExchangeStatus, int]:
        statement = sa.select(exchanges.c.status, sa.func.count()).group_by(exchanges.c.status)
        rows: list[Any] = list(self._s.execute(statement))
        return {ExchangeStatus(status): int(count) for status, count in rows}

    def closed_between(self, start: datetime, end: datetime) -> list[ExchangeRequest]:
        statement = self._select().where(
            exchanges.c.closed_at >= start, exchanges.c.closed_at < end
        )
        return self._all(statement.order_by(exchanges.c.id))
