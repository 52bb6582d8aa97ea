"""Set-based expiry: a handful of statements per batch instead of a round trip per row."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine

from neighborshare.adapters.sql import codes
from neighborshare.adapters.sql.errors import conflicts_as_domain_errors
from neighborshare.adapters.sql.records import outbox
from neighborshare.adapters.sql.tables import credit_transactions, exchanges, posts
from neighborshare.domain.credits import DESCRIPTIONS, CreditKind
from neighborshare.domain.rules import Rules

Hook = Callable[[str, int], None]
RELEASE = CreditKind.HOLD_RELEASE
POST_FIELDS = (
    *("sharer_id", "name", "portions", "portions_reserved"),
    *("allergen_mask", "diet_mask", "window_start", "window_end"),
)

# A batch's outbox rows arrive as one JSON document: one parameter, one statement.
OUTBOX_FROM_JSON_PG = """
    INSERT INTO outbox (recipient_id, kind, payload, dedupe_key, created_at, available_at, attempts)
    SELECT x.recipient_id, x.kind, x.payload, x.dedupe_key, :now, :now, 0
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
        AS x(recipient_id bigint, kind text, payload jsonb, dedupe_key text)
    ON CONFLICT (dedupe_key) DO NOTHING"""
OUTBOX_FROM_JSON_SQLITE = """
    INSERT INTO outbox (recipient_id, kind, payload, dedupe_key, created_at, available_at, attempts)
    SELECT json_extract(value, '$.recipient_id'), json_extract(value, '$.kind'),
        json_extract(value, '$.payload'), json_extract(value, '$.dedupe_key'), :now, :now, 0
    FROM json_each(:rows) WHERE true
    ON CONFLICT (dedupe_key) DO NOTHING"""

# Portions given back per post (and, for the posts sweep, the post closed) from JSON rows.
RELEASE_PG = """
    UPDATE posts SET portions_reserved = posts.portions_reserved - r.n,
        status = CASE WHEN :close THEN 'expired' ELSE posts.status END
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id bigint, n int)
    WHERE posts.id = r.id"""
RELEASE_SQLITE = """
    UPDATE posts SET portions_reserved = posts.portions_reserved - r.n,
        status = CASE WHEN :close THEN 'expired' ELSE posts.status END
    FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.n') AS n
          FROM json_each(:rows)) AS r
    WHERE posts.id = r.id"""

CREDIT_PG = """
    UPDATE users SET balance = users.balance + r.n
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id bigint, n int)
    WHERE users.id = r.id"""
CREDIT_SQLITE = """
    UPDATE users SET balance = users.balance + r.n
    FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.n') AS n
          FROM json_each(:rows)) AS r
    WHERE users.id = r.id"""


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
            released = _released(expired)
            messages = [_request_expired(row, found[row.post_id], released) for row in expired]
            self._release(conn, {post_id: released[post_id] for post_id in found}, close=True)
            messages += [_post_expired(pid, row, released) for pid, row in found.items()]
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
                released = _released(expired)
                self._release(conn, released, close=False)
                rows = [_request_expired(r, found[r.post_id], released) for r in expired]
                self._tell(conn, rows, now)
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
        credit = sa.text(CREDIT_PG if self._pg else CREDIT_SQLITE)
        conn.execute(credit, {"rows": json.dumps(updates)})
        e, ledger = exchanges, credit_transactions
        rows = sa.select(
            e.c.requester_id,
            e.c.portions * self._per_portion,
            sa.literal(RELEASE.value),
            _release_key(e.c.id),
            sa.literal(now, ledger.c.created_at.type),
            e.c.id,
            sa.literal(DESCRIPTIONS[RELEASE]),
        ).where(self._among(e.c.id, [row.id for row in expired]))
        columns = ("user_id", "amount", "kind", "key", "created_at", "exchange_id", "description")
        conn.execute(ledger.insert().from_select(columns, rows))

    def _release(self, conn: Connection, released: dict[int, int], close: bool) -> None:
        """Give portions back to each post in ``released``; with ``close``, expire it too."""
        rows = [{"id": post_id, "n": n} for post_id, n in released.items()]
        statement = sa.text(RELEASE_PG if self._pg else RELEASE_SQLITE)
        conn.execute(statement, {"rows": json.dumps(rows), "close": close})

    def _tell(self, conn: Connection, messages: list[dict[str, Any]], now: datetime) -> None:
        """All of a batch's outbox rows in one statement, shipped as one JSON document;
        an existing dedupe key is left alone."""
        if messages:
            statement = sa.text(OUTBOX_FROM_JSON_PG if self._pg else OUTBOX_FROM_JSON_SQLITE)
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


def _release_key(exchange_id: Any) -> Any:
    """The ledger key of an exchange's hold release, as the item-wise path writes it."""
    return sa.literal("exchange:") + sa.cast(exchange_id, sa.String) + f":{RELEASE.value}"


def _released(expired: Sequence[Any]) -> Counter[int]:
    released: Counter[int] = Counter()
    for row in expired:
        released[row.post_id] += row.portions
    return released


@cache
def _allergens(mask: int) -> list[str]:
    return sorted(a.value for a in codes.allergens_of(mask))


@cache
def _diet_tags(mask: int) -> list[str]:
    return sorted(t.value for t in codes.diet_tags_of(mask))


def _summary(post_id: int, post: Any, released: Counter[int]) -> dict[str, Any]:
    """What services.notifications.post_summary says of the post once portions are back."""
    return {
        "post_id": post_id,
        "name": post.name,
        "portions_left": post.portions - post.portions_reserved + released[post_id],
        "allergens": _allergens(post.allergen_mask),
        "diet_tags": _diet_tags(post.diet_mask),
        "window_start": post.window_start.isoformat(),
        "window_end": post.window_end.isoformat(),
    }


def _request_expired(row: Any, post: Any, released: Counter[int]) -> dict[str, Any]:
    """The outbox row ExchangeService writes for an expired request: same key, same payload."""
    payload = _summary(row.post_id, post, released)
    payload |= {"exchange_id": row.id, "portions": row.portions, "status": "expired"}
    key = f"exchange:{row.id}:request_expired:{row.requester_id}"
    return _message(row.requester_id, "request_expired", payload, key)


def _post_expired(post_id: int, post: Any, released: Counter[int]) -> dict[str, Any]:
    left = post.portions - post.portions_reserved + released[post_id]
    payload = {"post_id": post_id, "name": post.name, "portions_left": left}
    return _message(post.sharer_id, "post_expired", payload, f"post:{post_id}:expired")


def _message(recipient_id: int, kind: str, payload: dict[str, Any], key: str) -> dict[str, Any]:
    return {"recipient_id": recipient_id, "kind": kind, "payload": payload, "dedupe_key": key}
