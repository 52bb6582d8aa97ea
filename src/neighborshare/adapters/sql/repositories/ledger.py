"""The SQL rating repository and credit ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import record_mapping
from neighborshare.adapters.sql.repositories.base import SqlRepository
from neighborshare.adapters.sql.tables import credit_transactions, ratings
from neighborshare.domain.credits import CreditTransaction
from neighborshare.domain.ratings import Rating


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

    def received_by(self, user_id: int, since: datetime | None = None) -> list[Rating]:
        statement = self._select().where(ratings.c.rated_id == user_id)
        if since is not None:
            statement = statement.where(ratings.c.created_at >= since)
        return self._all(statement.order_by(ratings.c.id))


class SqlCreditLedger(SqlRepository):
    table = credit_transactions
    build = staticmethod(record_mapping.credit_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return record_mapping.values_of(entity)

    def add(self, tx: CreditTransaction) -> CreditTransaction:
        return self._insert(tx)  # type: ignore[no-any-return]

    def has_key(self, key: str) -> bool:
        return self._count(credit_transactions.c.key == key) > 0

    def history(self, user_id: int, limit: int = 10) -> list[CreditTransaction]:
        statement = self._select().where(credit_transactions.c.user_id == user_id)
        return self._all(statement.order_by(credit_transactions.c.id.desc()).limit(limit))

    def total_for(self, user_id: int) -> int:
        return self._sum(credit_transactions.c.user_id == user_id)

    def total(self) -> int:
        return self._sum()

    def _sum(self, *conditions: Any) -> int:
        amount = sa.func.coalesce(sa.func.sum(credit_transactions.c.amount), 0)
        return int(self._s.execute(sa.select(amount).where(*conditions)).scalar_one())
