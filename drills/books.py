"""The books of a SQL database, read with plain SQL: what must hold after any drill."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from neighborshare.domain.exchanges import RESERVING_STATUSES

_RESERVING = ", ".join(f"'{s.value}'" for s in RESERVING_STATUSES)
CHECKS = {
    "a balance below zero": "SELECT count(*) FROM users WHERE balance < 0",
    "a balance that is not the sum of its ledger rows": """
        SELECT count(*) FROM users u WHERE u.balance <> COALESCE(
            (SELECT sum(amount) FROM credit_transactions t WHERE t.user_id = u.id), 0)""",
    "an exchange-linked movement recorded twice": """
        SELECT count(*) FROM (SELECT exchange_id, kind FROM credit_transactions
            WHERE exchange_id IS NOT NULL GROUP BY exchange_id, kind HAVING count(*) > 1) d""",
    "an exchange without exactly one hold": """
        SELECT count(*) FROM exchanges x WHERE (SELECT count(*) FROM credit_transactions t
            WHERE t.exchange_id = x.id AND t.kind = 'request_hold') <> 1""",
    "a post whose reserved portions differ from its live requests, or exceed its portions":
        f"""SELECT count(*) FROM posts p WHERE p.portions_reserved > p.portions
            OR p.portions_reserved <> COALESCE((SELECT sum(portions) FROM exchanges x
                WHERE x.post_id = p.id AND x.status IN ({_RESERVING})), 0)""",  # noqa: S608
    "a notification queued twice": """
        SELECT count(*) FROM (SELECT dedupe_key FROM outbox GROUP BY dedupe_key
            HAVING count(*) > 1) d""",
}


def broken(url: str) -> dict[str, int]:
    """Each invariant that fails, with how many rows break it (empty when the books balance)."""
    return {name: n for name, n in counts(url, CHECKS).items() if n}


def counts(url: str, queries: dict[str, str]) -> dict[str, Any]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: connection.exec_driver_sql(sql).scalar() for name, sql in
                    queries.items()}
    finally:
        engine.dispose()
