"""Browse latency on PostGIS: the indexed browse query against a naive haversine scan.

Seeds a throwaway database with a 20 x 20 km city (1,000,000 posts of which 100,000 are
active, 100,000 neighbors) using set-based INSERT ... SELECT generate_series, then times
the browse query (1 km, nearest first, first page of 5, vegetarian filter) from 1,000 random
origins, and the same search done as a naive haversine scan.

    .venv/bin/python bench/browse.py                 # the full run
    .venv/bin/python bench/browse.py --posts 100000  # a quick one
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from neighborshare.adapters.sql import migrations
from neighborshare.adapters.sql.repositories.posts import nearby_statement
from neighborshare.adapters.sql.session import SqlSession
from neighborshare.adapters.sql.unit_of_work import sql_uow_factory
from neighborshare.domain.values import EARTH_RADIUS_M, DietTag, Location
from neighborshare.ports.queries import NearbyQuery

CENTRE = Location(51.5074, -0.1278)
HALF_SIDE_M = 10_000
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
VEGETARIAN = frozenset({DietTag.VEGETARIAN})

USERS_SQL = """
INSERT INTO users (telegram_id, preferred_name, phone_digest, phone_last_two, apartment,
  latitude, longitude, created_at, diet_mask, allergen_mask, custom_allergies, role, status,
  balance, notifications_enabled, reachable)
SELECT 900000000 + g, 'Bench ' || g, md5('p' || g) || md5('q' || g), lpad((g % 100)::text, 2, '0'),
  (g % 400)::text, :lat + (random() - 0.5) * :dlat, :lon + (random() - 0.5) * :dlon, :now,
  0, 0, '', 'neighbor', 'active', 5, true, true
FROM generate_series(1, :users) AS g
"""
# Every tenth post is active (window still open); the rest expired yesterday.
POSTS_SQL = """
INSERT INTO posts (sharer_id, name, description, portions, portions_reserved, window_start,
  window_end, latitude, longitude, created_at, allergen_mask, diet_mask, status)
SELECT :first_user + (g % :users), 'Dish ' || g, '', 1 + g % 5, 0, :now - interval '1 hour',
  CASE WHEN g % 10 = 0 THEN :now + interval '3 hours' ELSE :now - interval '1 day' END,
  :lat + (random() - 0.5) * :dlat, :lon + (random() - 0.5) * :dlon, :now,
  floor(random() * 16384)::int, floor(random() * 16)::int,
  CASE WHEN g % 10 = 0 THEN 'active' ELSE 'expired' END
FROM generate_series(1, :posts) AS g
"""
NAIVE_SQL = f"""
SELECT id FROM (
  SELECT id, 2 * {EARTH_RADIUS_M} * asin(sqrt(
      power(sin(radians(latitude - :lat) / 2), 2)
      + cos(radians(:lat)) * cos(radians(latitude)) * power(sin(radians(longitude - :lon) / 2), 2)
    )) AS distance
  FROM posts
  WHERE status = 'active' AND window_end > :now AND portions_reserved < portions
    AND diet_mask & 3 != 0
) AS scanned
WHERE distance <= 1000 ORDER BY distance, id LIMIT 5
"""


def city_span() -> tuple[float, float]:
    """(degrees of latitude, degrees of longitude) across the city."""
    dlat = 2 * HALF_SIDE_M / 111_195.0
    return dlat, dlat / math.cos(math.radians(CENTRE.latitude))


def create_database(admin_url: str, name: str) -> str:
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    migrations.upgrade(url)
    return url


def seed(engine: sa.Engine, users: int, posts: int) -> None:
    dlat, dlon = city_span()
    shape = {"lat": CENTRE.latitude, "lon": CENTRE.longitude, "dlat": dlat, "dlon": dlon}
    with engine.begin() as connection:
        started = time.perf_counter()
        connection.execute(sa.text(USERS_SQL), shape | {"now": NOW, "users": users})
        first = connection.execute(sa.text("SELECT min(id) FROM users")).scalar_one()
        params = shape | {"now": NOW, "users": users, "posts": posts, "first_user": first}
        connection.execute(sa.text(POSTS_SQL), params)
        took = time.perf_counter() - started
        print(f"seeded {users:,} users and {posts:,} posts in {took:.1f} s")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE users")
        connection.exec_driver_sql("VACUUM ANALYZE posts")


def origins(count: int) -> list[Location]:
    rng, (dlat, dlon) = random.Random(7), city_span()
    return [
        Location(CENTRE.latitude + (rng.random() - 0.5) * dlat,
                 CENTRE.longitude + (rng.random() - 0.5) * dlon)
        for _ in range(count)
    ]  # fmt: skip


def browse_query(origin: Location) -> NearbyQuery:
    return NearbyQuery(origin, 1000, NOW, required_diet_tags=VEGETARIAN, limit=5)


def timed(label: str, points: list[Location], run: Callable[[Location], object]) -> float:
    for origin in points[:20]:
        run(origin)  # warm the caches
    seconds = []
    for origin in points:
        started = time.perf_counter()
        run(origin)
        seconds.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(seconds, n=100)
    p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    print(f"{label:<34} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   p99 {p99:8.2f} ms")
    return p95


def measure(url: str, points: list[Location], naive_points: int) -> None:
    factory = sql_uow_factory(url, pool_size=2)

    def through_repository(origin: Location) -> object:
        with factory() as uow:
            return uow.posts.nearby(browse_query(origin))

    with factory.engine.connect() as connection:
        session = SqlSession(connection)

        def sql_only(origin: Location) -> object:
            statement, params = nearby_statement(session, browse_query(origin))
            return connection.execute(statement, params).all()

        def naive(origin: Location) -> object:
            params = {"lat": origin.latitude, "lon": origin.longitude, "now": NOW}
            return connection.execute(sa.text(NAIVE_SQL), params).all()

        def round_trip(_origin: Location) -> object:
            return connection.exec_driver_sql("SELECT 1").all()

        timed("round trip (SELECT 1), for scale", points, round_trip)
        timed("browse, repository (end to end)", points, through_repository)
        indexed = timed("browse, SQL only", points, sql_only)
        scanned = timed("naive haversine scan", points[:naive_points], naive)
        print(f"naive / indexed at p95: {scanned / indexed:.0f}x")
        explain(connection, session, points[0])
    factory.dispose()


def explain(connection: sa.Connection, session: SqlSession, origin: Location) -> None:
    statement, params = nearby_statement(session, browse_query(origin))
    compiled = statement.compile(connection)
    plan = connection.exec_driver_sql(
        "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), compiled.construct_params(params)
    ).scalars()
    print("\nEXPLAIN (ANALYZE, BUFFERS) of the browse query:\n" + "\n".join(plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--origins", type=int, default=1000)
    parser.add_argument("--naive-origins", type=int, default=1000)
    parser.add_argument("--admin-url", default="postgresql+psycopg://root@127.0.0.1:5432/test")
    parser.add_argument("--database", default="neighborshare_bench")
    parser.add_argument("--reuse", action="store_true", help="skip seeding; use the database")
    args = parser.parse_args()
    url = sa.make_url(args.admin_url).set(database=args.database)
    rendered = url.render_as_string(hide_password=False)
    if not args.reuse:
        rendered = create_database(args.admin_url, args.database)
        engine = sa.create_engine(rendered)
        seed(engine, args.users, args.posts)
        engine.dispose()
    points = origins(args.origins)
    measure(rendered, points, min(args.naive_origins, args.origins))


if __name__ == "__main__":
    main()
