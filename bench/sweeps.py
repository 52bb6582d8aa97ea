"""Expiring 100,000 overdue posts holding 100,000 pending requests on PostGIS, set-based.

Run: .venv/bin/python bench/sweeps.py [--posts 100000] [--batch 5000] [--workers 2]
         [--itemwise 2000]
Builds a throwaway database on 127.0.0.1:5432, fills it with INSERT ... SELECT, then times
SweepService with the SqlBulkExpiry port: each request expired with its refund (a ledger row
and the balance), its portions released and an outbox row; then each post expired with an
outbox row. Checks the result, prints seconds and rows per second, and drops the database.
Target: under 10 s for 100,000 + 100,000. ``--itemwise N`` also times the one-transaction-per-
item path on N more posts, for comparison.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from neighborshare.adapters.memory.outside import FixedClock, RecordingTaskQueue
from neighborshare.adapters.sql.bulk_sweeps import SqlBulkExpiry
from neighborshare.adapters.sql.migrations import upgrade
from neighborshare.adapters.sql.unit_of_work import sql_uow_factory
from neighborshare.domain.rules import Rules
from neighborshare.services.exchanges import ExchangeService
from neighborshare.services.sweeps import SweepService

ADMIN = "postgresql+psycopg://root@127.0.0.1:5432/test"
TARGET_SECONDS = 10.0
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

FILL = [
    # one user per two posts; every user requests from the next one's posts
    """INSERT INTO users (telegram_id, preferred_name, phone_digest, phone_last_two, apartment,
         latitude, longitude, created_at, diet_mask, allergen_mask, custom_allergies, role,
         status, balance, notifications_enabled, reachable)
       SELECT 10000000 + g, 'Neighbor ' || g, md5(g::text), '00', g::text,
         51.5 + (g % 1000) * 0.0001, -0.12 - (g / 1000) * 0.0001, :created, 0, 0, '',
         'neighbor', 'active', 5, true, true
       FROM generate_series(1, :users) AS g""",
    """INSERT INTO posts (sharer_id, name, description, portions, portions_reserved,
         window_start, window_end, latitude, longitude, created_at, allergen_mask, diet_mask,
         status)
       SELECT 1 + (g % :users), 'Dish ' || g, '', 2, 1, :start, :end,
         51.5 + (g % 1000) * 0.0001, -0.12, :created, 1, 0, 'active'
       FROM generate_series(1, :posts) AS g""",
    """INSERT INTO exchanges (post_id, requester_id, sharer_id, portions, created_at, status)
       SELECT p.id, 1 + (p.sharer_id % :users), p.sharer_id, 1, :created, 'pending'
       FROM posts p WHERE p.status = 'active'""",
    """INSERT INTO credit_transactions (user_id, amount, kind, key, created_at, exchange_id,
         description)
       SELECT requester_id, -1, 'request_hold', 'exchange:' || id || '\\:request_hold', :created,
         id, 'Held for a request'
       FROM exchanges WHERE status = 'pending'""",
    """UPDATE users u SET balance = 5 + h.total
       FROM (SELECT user_id, sum(amount) AS total FROM credit_transactions
             WHERE kind = 'request_hold' GROUP BY user_id) h
       WHERE u.id = h.user_id""",
]

EXPIRED = ("expired requests", "expired posts")
CHECKS = {
    "expired requests": "SELECT count(*) FROM exchanges WHERE status = 'expired'",
    "expired posts": "SELECT count(*) FROM posts WHERE status = 'expired'",
    "refund ledger rows": "SELECT count(*) FROM credit_transactions WHERE kind = 'hold_release'",
    "outbox rows": "SELECT count(*) FROM outbox",
    "balances off the ledger": """SELECT count(*) FROM users u WHERE u.balance <> 5 +
        coalesce((SELECT sum(amount) FROM credit_transactions c
                  WHERE c.user_id = u.id AND c.kind <> 'welcome_bonus'), 0)""",
    "portions still reserved": "SELECT coalesce(sum(portions_reserved), 0) FROM posts",
}


def fill(engine: sa.Engine, posts: int) -> None:
    params = {
        "users": max(1, posts // 2),
        "posts": posts,
        "created": NOW - timedelta(hours=5),
        "start": NOW - timedelta(hours=3),
        "end": NOW - timedelta(hours=1),
    }
    with engine.begin() as conn:
        for statement in FILL:
            conn.execute(sa.text(statement), params)
    with engine.connect() as conn:
        quiet = conn.execution_options(isolation_level="AUTOCOMMIT")
        quiet.exec_driver_sql("VACUUM ANALYZE")
        quiet.exec_driver_sql("CHECKPOINT")  # the fill's WAL must not force one mid-sweep


def sweep(
    engine: sa.Engine, url: str, batch: int, bulk: bool, workers: int = 1
) -> tuple[float, int, int]:
    """Seconds, requests expired and posts expired (posts first: they take their requests)."""
    rules = Rules()
    uow = sql_uow_factory(url, pool_size=workers + 1)
    clock = FixedClock(NOW)
    exchanges = ExchangeService(uow, clock, rules, RecordingTaskQueue())
    port = SqlBulkExpiry(uow.engine, rules) if bulk else None
    sweeps = SweepService(uow, clock, rules, exchanges, port, batch, bulk_workers=workers)
    started = time.perf_counter()
    sweeps.expire_posts()
    sweeps.expire_requests()
    seconds = time.perf_counter() - started
    uow.dispose()
    with engine.connect() as conn:
        requests, posts = (conn.exec_driver_sql(CHECKS[k]).scalar() for k in EXPIRED)
    return seconds, int(requests or 0), int(posts or 0)


def report(label: str, seconds: float, requests: int, posts: int) -> None:
    rows = requests + posts
    print(
        f"{label}: {requests:,} requests + {posts:,} posts in {seconds:.2f} s "
        f"({rows / seconds:,.0f} rows/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2,
                        help="connections sharing the batches (production uses 2)")
    parser.add_argument("--itemwise", type=int, default=0)
    args = parser.parse_args()
    name = f"ns_bench_sweeps_{os.getpid()}"
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://root@127.0.0.1:5432/{name}"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        upgrade(url)
        fill(engine, args.posts)
        seconds, requests, posts = sweep(engine, url, args.batch, True, args.workers)
        label = f"set-based, batches of {args.batch:,}, {args.workers} worker(s)"
        report(label, seconds, requests, posts)
        print(f"  load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        with engine.connect() as conn:
            for label, query in CHECKS.items():
                print(f"  {label}: {conn.exec_driver_sql(query).scalar():,}")
        verdict = "within" if seconds < TARGET_SECONDS else "OVER"
        print(f"target {TARGET_SECONDS:.0f} s: {verdict}")
        if args.itemwise:
            with engine.begin() as conn:
                conn.exec_driver_sql("TRUNCATE users RESTART IDENTITY CASCADE")
            fill(engine, args.itemwise)
            report("item-wise, one transaction per row", *sweep(engine, url, 500, bulk=False))
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
