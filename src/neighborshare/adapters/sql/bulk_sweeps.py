"""Set-based expiry: a handful of statements per batch instead of a round trip per row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from neighborshare.adapters.sql import codes
from neighborshare.adapters.sql.records import outbox
from neighborshare.adapters.sql.tables import credit_transactions, exchanges, posts, users
from neighborshare.domain.credits import DESCRIPTIONS, CreditKind
from neighborshare.domain.rules import Rules

Hook = Callable[[str, int], None]
HOLD_RELEASE = CreditKind.HOLD_RELEASE


def _release_key(exchange_id: Any) -> Any:
    """The ledger key of an exchange's hold release, as the item-wise path writes it."""
    return sa.literal("exchange:") + sa.cast(exchange_id, sa.String) + f":{HOLD_RELEASE.value}"


class SqlBulkExpiry:
    """The BulkExpiry port on SQLite and PostgreSQL; each call is one transaction.

    ``before_commit`` (tests only) runs after a batch's statements, before its commit, so a
    crash half-way through a batch can be simulated.
    """

    def __init__(self, engine: Engine, rules: Rules, before_commit: Hook | None = None) -> None:
        self._engine = engine
        self._per_portion = rules.credits_per_portion
        self._before_commit = before_commit

    def expire_requests(self, now: datetime, limit: int) -> int:
        with self._engine.begin() as conn:
            rows = conn.execute(_due_requests(now, limit)).all()
            if not rows:
                return 0
            expired = conn.execute(
                exchanges.update()
                .where(exchanges.c.id.in_([row.id for row in rows]))
                .where(exchanges.c.status == "pending")
                .values(status="expired", closed_at=now)
                .returning(exchanges.c.id)
            ).scalars()
            ids = set(expired)
            rows = [row for row in rows if row.id in ids]
            self._refund(conn, sorted(ids), now)
            released = _release_portions(conn, rows)
            _tell(conn, [_request_expired(row, released, now) for row in rows])
            self._hook("expire_requests", len(rows))
        return len(rows)

    def expire_posts(self, now: datetime, limit: int) -> int:
        with self._engine.begin() as conn:
            due = (
                sa.select(posts.c.id, posts.c.sharer_id, posts.c.name, posts.c.portions)
                .add_columns(posts.c.portions_reserved)
                .where(posts.c.status == "active", posts.c.window_end <= now)
                .order_by(posts.c.window_end, posts.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            rows = conn.execute(due).all()
            if not rows:
                return 0
            expired = conn.execute(
                posts.update()
                .where(posts.c.id.in_([row.id for row in rows]), posts.c.status == "active")
                .values(status="expired")
                .returning(posts.c.id)
            ).scalars()
            ids = set(expired)
            rows = [row for row in rows if row.id in ids]
            _tell(conn, [_post_expired(row, now) for row in rows])
            self._hook("expire_posts", len(rows))
        return len(rows)

    def _refund(self, conn: Connection, ids: Sequence[int], now: datetime) -> None:
        """Ledger rows and balances together, skipping any hold already returned."""
        e = exchanges
        owed = (
            sa.select(e.c.id, e.c.requester_id, (e.c.portions * self._per_portion).label("amount"))
            .where(e.c.id.in_(ids))
            .where(~sa.exists().where(credit_transactions.c.key == _release_key(e.c.id)))
            .subquery()
        )
        totals = (
            sa.select(owed.c.requester_id, sa.func.sum(owed.c.amount).label("total"))
            .group_by(owed.c.requester_id)
            .subquery()
        )
        conn.execute(
            users.update()
            .where(users.c.id == totals.c.requester_id)
            .values(balance=users.c.balance + totals.c.total)
        )
        ledger = sa.select(
            owed.c.requester_id,
            owed.c.amount,
            sa.literal(HOLD_RELEASE.value),
            _release_key(owed.c.id),
            sa.literal(now, credit_transactions.c.created_at.type),
            owed.c.id,
            sa.literal(DESCRIPTIONS[HOLD_RELEASE]),
        )
        columns = ("user_id", "amount", "kind", "key", "created_at", "exchange_id", "description")
        conn.execute(credit_transactions.insert().from_select(columns, ledger))

    def _hook(self, name: str, count: int) -> None:
        if self._before_commit is not None:
            self._before_commit(name, count)


def _due_requests(now: datetime, limit: int) -> sa.Select[Any]:
    e, p = exchanges, posts
    return (
        sa.select(e.c.id, e.c.post_id, e.c.requester_id, e.c.portions, p.c.name)
        .add_columns(p.c.portions.label("post_portions"), p.c.portions_reserved)
        .add_columns(p.c.allergen_mask, p.c.diet_mask)
        .add_columns(p.c.window_start, p.c.window_end)
        .select_from(e.join(p, p.c.id == e.c.post_id))
        .where(e.c.status == "pending", p.c.window_end <= now)
        .order_by(e.c.id)
        .limit(limit)
        .with_for_update(of=e, skip_locked=True)
    )


def _release_portions(conn: Connection, rows: Sequence[Any]) -> Counter[int]:
    """Give the expired requests' portions back to their posts, one statement."""
    released: Counter[int] = Counter()
    for row in rows:
        released[row.post_id] += row.portions
    if not released:
        return released
    per_post = (
        sa.select(exchanges.c.post_id, sa.func.sum(exchanges.c.portions).label("n"))
        .where(exchanges.c.id.in_([row.id for row in rows]))
        .group_by(exchanges.c.post_id)
        .subquery()
    )
    conn.execute(
        posts.update()
        .where(posts.c.id == per_post.c.post_id)
        .values(portions_reserved=posts.c.portions_reserved - per_post.c.n)
    )
    return released


def _request_expired(row: Any, released: Counter[int], now: datetime) -> dict[str, Any]:
    """The outbox row ExchangeService writes for an expired request, same key and payload."""
    left = row.post_portions - row.portions_reserved + released[row.post_id]
    payload = {
        "post_id": row.post_id,
        "name": row.name,
        "portions_left": left,
        "allergens": sorted(a.value for a in codes.allergens_of(row.allergen_mask)),
        "diet_tags": sorted(t.value for t in codes.diet_tags_of(row.diet_mask)),
        "window_start": row.window_start.isoformat(),
        "window_end": row.window_end.isoformat(),
        "exchange_id": row.id,
        "portions": row.portions,
        "status": "expired",
    }
    key = f"exchange:{row.id}:request_expired:{row.requester_id}"
    return _message(row.requester_id, "request_expired", payload, key, now)


def _post_expired(row: Any, now: datetime) -> dict[str, Any]:
    payload = {
        "post_id": row.id,
        "name": row.name,
        "portions_left": row.portions - row.portions_reserved,
    }
    return _message(row.sharer_id, "post_expired", payload, f"post:{row.id}:expired", now)


def _message(
    recipient_id: int, kind: str, payload: dict[str, Any], key: str, now: datetime
) -> dict[str, Any]:
    return {
        "recipient_id": recipient_id,
        "kind": kind,
        "payload": payload,
        "dedupe_key": key,
        "created_at": now,
        "available_at": now,
        "attempts": 0,
    }


def _tell(conn: Connection, messages: list[dict[str, Any]]) -> None:
    """Insert outbox rows in multi-row statements; an existing dedupe key is left alone."""
    if not messages:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(outbox).on_conflict_do_nothing(index_elements=["dedupe_key"])
    conn.execute(statement, messages)
