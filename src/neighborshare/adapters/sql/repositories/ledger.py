"""The SQL rating repository and credit ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import record_mapping
from neighborshare.adapters.sql.repositories.base import (
    KEY,
    LIMIT,
    SqlRepository,
    among,
    insert_or_nothing,
    select_by,
)
from neighborshare.adapters.sql.tables import credit_transactions, ratings
from neighborshare.domain.credits import CreditTransaction
from neighborshare.domain.ratings import Rating, RatingSummary

# Built once; run with bound parameters.
_FOOD_STARS = sa.func.coalesce(sa.func.sum(ratings.c.food), 0)


@cache
def _summaries(postgres: bool) -> sa.Select[Any]:
    return (
        sa.select(
            ratings.c.rated_id,
            sa.func.count(),
            sa.func.sum(ratings.c.interaction) + _FOOD_STARS,
            sa.func.count() + sa.func.count(ratings.c.food),
        )
        .where(among(ratings.c.rated_id, KEY, postgres))
        .group_by(ratings.c.rated_id)
    )


_KEY_COUNT = (
    sa.select(sa.func.count())
    .select_from(credit_transactions)
    .where(credit_transactions.c.key == sa.bindparam(KEY))
)
_TOTAL = sa.select(sa.func.coalesce(sa.func.sum(credit_transactions.c.amount), 0))
_KEY_HOLDER = (
    sa.select(credit_transactions.c.user_id)
    .where(credit_transactions.c.key == sa.bindparam(KEY))
)
_HISTORY = (
    select_by(credit_transactions, "user_id")
    .order_by(credit_transactions.c.id.desc())
    .limit(sa.bindparam(LIMIT))
)
_USER_TOTAL = _TOTAL.where(credit_transactions.c.user_id == sa.bindparam(KEY))


class SqlRatingRepository(SqlRepository):
    table = ratings
    build = staticmethod(record_mapping.rating_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return record_mapping.values_of(entity)

    def add(self, rating: Rating) -> Rating:
        return self._insert(rating)  # type: ignore[no-any-return]

    def for_exchange(self, exchange_id: int) -> list[Rating]:
        statement = self._select().where(ratings.c.exchange_id == exchange_id)
        return self._all(statement.order_by(ratings.c.id))

    def summaries(self, user_ids: Sequence[int]) -> dict[int, RatingSummary]:
        """Counts and star totals per neighbor, aggregated by the database."""
        if not user_ids:
            return {}
        rows: Any = self._s.execute(_summaries(self._s.is_postgres),
                                     {KEY: sorted(set(user_ids))}).all()
        return {
            int(user_id): RatingSummary(int(count), int(stars) / int(given))
            for user_id, count, stars, given in rows
        }

    def received_by(self, user_id: int, since: datetime | None = None) -> list[Rating]:
        statement = self._select().where(ratings.c.rated_id == user_id)
        if since is not None:
            statement = statement.where(ratings.c.created_at >= since)
        return self._all(statement.order_by(ratings.c.id))

    def given_by(self, rater_id: int) -> list[Rating]:
        statement = self._select().where(ratings.c.rater_id == rater_id)
        return self._all(statement.order_by(ratings.c.id))

    def erase_comments_by(self, rater_id: int) -> int:
        statement = (sa.update(ratings)
                     .where(ratings.c.rater_id == rater_id, ratings.c.comment != "")
                     .values(comment=""))
        return int(self._s.execute(statement).rowcount)


class SqlCreditLedger(SqlRepository):
    table = credit_transactions
    build = staticmethod(record_mapping.credit_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return record_mapping.values_of(entity)

    def add(self, tx: CreditTransaction) -> CreditTransaction:
        return self._insert(tx)  # type: ignore[no-any-return]

    def add_once(self, tx: CreditTransaction) -> bool:
        """One INSERT ... ON CONFLICT (key) DO NOTHING instead of a lookup and an insert."""
        statement = insert_or_nothing(self._s, credit_transactions, ["key"])
        new_id = self._s.execute(statement, self._values(tx)).scalar()
        if new_id is None:
            return False
        tx.id = new_id
        self._s.remember(self._name, new_id, tx)
        return True

    def has_key(self, key: str) -> bool:
        return int(self._s.execute(_KEY_COUNT, {KEY: key}).scalar_one()) > 0

    def holder_of(self, key: str) -> int | None:
        holder = self._s.execute(_KEY_HOLDER, {KEY: key}).scalar_one_or_none()
        return None if holder is None else int(holder)

    def history(self, user_id: int, limit: int = 10) -> list[CreditTransaction]:
        return self._all(_HISTORY, {KEY: user_id, LIMIT: limit})

    def total_for(self, user_id: int) -> int:
        return int(self._s.execute(_USER_TOTAL, {KEY: user_id}).scalar_one())

    def total(self) -> int:
        return int(self._s.execute(_TOTAL).scalar_one())

