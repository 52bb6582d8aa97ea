"""Circle queries: ST_DWithin on PostGIS; a bounding box then haversine on SQLite."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql.session import SqlSession
from neighborshare.domain.values import EARTH_RADIUS_M, Location

BOX_MARGIN = 1.001  # the box must enclose the circle, never clip it


@dataclass(frozen=True)
class Circle:
    """WHERE conditions keeping rows within the circle, and the nearest-first ORDER BY."""

    conditions: list[Any]
    nearest_first: list[Any]


def circle(session: SqlSession, table: sa.Table, origin: Location, radius_m: float) -> Circle:
    if session.is_postgres:
        from neighborshare.adapters.sql import postgis

        return Circle(*postgis.circle(table, origin, radius_m))
    return _sqlite_circle(table, origin, radius_m)


def bounding_box(origin: Location, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) safely enclosing the circle on the sphere."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M) * BOX_MARGIN
    widest = min(89.9, abs(origin.latitude) + dlat)
    dlon = min(180.0, dlat / math.cos(math.radians(widest)))
    lat, lon = origin.latitude, origin.longitude
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _sqlite_circle(table: sa.Table, origin: Location, radius_m: float) -> Circle:
    return _sqlite_circle_of(table, **circle_values(origin, radius_m))


# The bound parameters of the SQLite circle; ``circle_values`` gives their values.
CIRCLE_PARAMS = ("_lat", "_lon", "_radius", "_min_lat", "_max_lat", "_min_lon", "_max_lon")


def circle_at(postgres: bool, table: sa.Table) -> Circle:
    """The circle with bound parameters in place of numbers (``circle_params`` gives their
    values), so that one prebuilt statement serves every origin."""
    if postgres:
        from neighborshare.adapters.sql import postgis

        return Circle(*postgis.circle_around(table, postgis.bound_point(),
                                             sa.bindparam("_radius")))
    return sqlite_circle_at(table)


def circle_params(postgres: bool, origin: Location, radius_m: float) -> dict[str, float]:
    if postgres:
        return {"_lat": origin.latitude, "_lon": origin.longitude, "_radius": radius_m}
    return circle_values(origin, radius_m)


def sqlite_circle_at(table: sa.Table) -> Circle:
    """The SQLite circle with bound parameters in place of numbers, so that one statement
    serves every origin."""
    return _sqlite_circle_of(table, **{name: sa.bindparam(name) for name in CIRCLE_PARAMS})


def circle_values(origin: Location, radius_m: float) -> dict[str, float]:
    min_lat, max_lat, min_lon, max_lon = bounding_box(origin, radius_m)
    return {"_lat": origin.latitude, "_lon": origin.longitude, "_radius": radius_m,
            "_min_lat": min_lat, "_max_lat": max_lat, "_min_lon": min_lon, "_max_lon": max_lon}


def _sqlite_circle_of(table: sa.Table, **at: Any) -> Circle:
    """Bounding box, then haversine: from numbers, or from bound parameters."""
    distance = sa.func.ns_haversine(at["_lat"], at["_lon"], table.c.latitude, table.c.longitude)
    conditions = [
        table.c.latitude.between(at["_min_lat"], at["_max_lat"]),
        table.c.longitude.between(at["_min_lon"], at["_max_lon"]),
        distance <= at["_radius"],
    ]
    return Circle(conditions, [distance, table.c.id])
