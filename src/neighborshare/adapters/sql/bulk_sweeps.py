"""Set-based expiry: a handful of statements per batch instead of a round trip per row."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine

from neighborshare.adapters.sql import bulk_rows
from neighborshare.adapters.sql.bulk_rows import (
    RELEASE,
    card_edits,
    post_expired,
    release_key,
    released_by_post,
    requests_expired,
)
from neighborshare.adapters.sql.errors import conflicts_as_domain_errors
from neighborshare.adapters.sql.records import chat_cards, outbox
from neighborshare.adapters.sql.repositories.cards import card_of
from neighborshare.adapters.sql.tables import credit_transactions, exchanges, posts
from neighborshare.domain.credits import DESCRIPTIONS
from neighborshare.domain.rules import Rules

Hook = Callable[[str, int], None]
POST_FIELDS = (
    *("sharer_id", "name", "portions", "portions_reserved"),
    *("allergen_mask", "diet_mask", "window_start", "window_end"),
)

class SqlBulkExpiry:
    """The BulkExpiry port on SQLite and PostgreSQL; each call is one transaction.

    ``before_commit`` (tests only) runs after a batch's statements, before its commit, so a
    crash half-way through a batch can be simulated.
    """

    def __init__(self, engine: Engine, rules: Rules, before_commit: Hook | None = None) -> None:
        self._engine = engine
        self._pg = engine.dialect.name == "postgresql"
        self._per_portion = rules.credits_per_portion
        self._before_commit = before_commit

    def expire_posts(self, now: datetime, limit: int) -> int:
        """Due active posts, with their pending requests, in one pass over each batch."""
        p = posts
        due = (
            sa.select(p.c.id, *(p.c[name] for name in POST_FIELDS))
            .where(p.c.status == "active", p.c.window_end <= now)
            .order_by(p.c.window_end, p.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        with conflicts_as_domain_errors(), self._engine.begin() as conn:
            self._relax(conn)
            found = {row.id: row for row in conn.execute(due)}
            if not found:
                return 0
            expired = self._expire_requests(conn, now, self._among(exchanges.c.post_id, found))
            released = released_by_post(expired)
            messages = requests_expired(expired, found)
            self._release(conn, {post_id: released[post_id] for post_id in found}, close=True)
            messages += [post_expired(pid, row, released) for pid, row in found.items()]
            messages += self._card_edits(conn, found, f"expired:sweep:{now.isoformat()}")
            self._tell(conn, messages, now)
            self._hook("expire_posts", len(found))
        return len(found)

    def expire_requests(self, now: datetime, limit: int) -> int:
        """Pending requests on any post whose window ended (a hidden post's, say)."""
        e, p = exchanges, posts
        due = (
            sa.select(e.c.id)
            .select_from(e.join(p, p.c.id == e.c.post_id))
            .where(e.c.status == "pending", p.c.window_end <= now)
            .order_by(e.c.id)
            .limit(limit)
            .with_for_update(of=e, skip_locked=True)
        )
        with conflicts_as_domain_errors(), self._engine.begin() as conn:
            self._relax(conn)
            ids = list(conn.execute(due).scalars())
            if not ids:
                return 0
            expired = self._expire_requests(conn, now, self._among(e.c.id, ids))
            if expired:
                post_ids = sorted({row.post_id for row in expired})
                their = conn.execute(sa.select(p).where(self._among(p.c.id, post_ids)))
                found = {row.id: row for row in their}
                released = released_by_post(expired)
                self._release(conn, released, close=False)
                edits = self._card_edits(conn, found, f"released:sweep:{now.isoformat()}")
                self._tell(conn, requests_expired(expired, found) + edits, now)
            self._hook("expire_requests", len(expired))
        return len(ids)

    # -- the statements --------------------------------------------------------------------

    def _expire_requests(self, conn: Connection, now: datetime, which: Any) -> list[Any]:
        """Mark the pending requests ``which`` selects expired and return their holds."""
        e = exchanges
        statement = (
            e.update()
            .where(which, e.c.status == "pending")
            .values(status="expired", closed_at=now)
            .returning(e.c.id, e.c.post_id, e.c.requester_id, e.c.portions)
        )
        expired = list(conn.execute(statement))
        if expired:
            self._refund(conn, expired, now)
        return expired

    def _refund(self, conn: Connection, expired: Sequence[Any], now: datetime) -> None:
        """Return the holds of requests this transaction just moved out of pending.

        Leaving pending happens once per request, so its release key cannot exist yet; if it
        somehow did, the unique key fails the batch loudly instead of paying twice. Balances go
        first: the ledger's foreign keys then find user rows this transaction already holds.
        """
        totals: Counter[int] = Counter()
        for row in expired:
            totals[row.requester_id] += row.portions * self._per_portion
        updates = [{"id": user_id, "n": n} for user_id, n in totals.items()]
        credit = sa.text(bulk_rows.CREDIT_PG if self._pg else bulk_rows.CREDIT_SQLITE)
        conn.execute(credit, {"rows": json.dumps(updates)})
        e, ledger = exchanges, credit_transactions
        rows = sa.select(
            e.c.requester_id,
            e.c.portions * self._per_portion,
            sa.literal(RELEASE.value),
            release_key(e.c.id),
            sa.literal(now, ledger.c.created_at.type),
            e.c.id,
            sa.literal(DESCRIPTIONS[RELEASE]),
        ).where(self._among(e.c.id, [row.id for row in expired]))
        columns = ("user_id", "amount", "kind", "key", "created_at", "exchange_id", "description")
        conn.execute(ledger.insert().from_select(columns, rows))

    def _release(self, conn: Connection, released: dict[int, int], close: bool) -> None:
        """Give portions back to each post in ``released``; with ``close``, expire it too."""
        rows = [{"id": post_id, "n": n} for post_id, n in released.items()]
        statement = sa.text(bulk_rows.RELEASE_PG if self._pg else bulk_rows.RELEASE_SQLITE)
        conn.execute(statement, {"rows": json.dumps(rows), "close": close})

    def _card_edits(self, conn: Connection, found: dict[int, Any], state: str
                    ) -> list[dict[str, Any]]:
        """An edit of every card (inline mode) of the posts ``found``, which changed."""
        c = chat_cards.c
        cards = conn.execute(sa.select(c.inline_message_id, c.post_id, c.language, c.chat_id,
                                       c.message_id).where(self._among(c.post_id, found)))
        return card_edits([card_of(row) for row in cards], found, state)

    def _tell(self, conn: Connection, messages: list[dict[str, Any]], now: datetime) -> None:
        """All of a batch's outbox rows in one statement, shipped as one JSON document;
        an existing dedupe key is left alone."""
        if messages:
            pg, lite = bulk_rows.OUTBOX_FROM_JSON_PG, bulk_rows.OUTBOX_FROM_JSON_SQLITE
            statement = sa.text(pg if self._pg else lite)
            statement = statement.bindparams(sa.bindparam("now", type_=outbox.c.created_at.type))
            conn.execute(statement, {"rows": json.dumps(messages), "now": now})

    def _array(self, ids: list[int]) -> Any:
        return sa.bindparam(None, ids, type_=postgresql.ARRAY(sa.BigInteger))

    def _among(self, column: Any, ids: Sequence[int] | dict[int, Any]) -> Any:
        """``column IN ids``: one array parameter on PostgreSQL (cheap to parse and plan for
        thousands of ids), an expanded list on SQLite."""
        if self._pg:
            return column == sa.any_(self._array(list(ids)))
        return column.in_(list(ids))

    def _relax(self, conn: Connection) -> None:
        """Don't wait for this batch's WAL flush at commit. A database crash may then lose the
        last batches, but each whole and with its outbox rows: the next sweep redoes them.
        Enough memory to read a batch's JSON document without spilling it to disk."""
        if self._pg:
            conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            conn.exec_driver_sql("SET LOCAL work_mem = '32MB'")

    def _hook(self, name: str, count: int) -> None:
        if self._before_commit is not None:
            self._before_commit(name, count)


