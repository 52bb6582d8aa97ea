"""Circle queries: ST_DWithin on PostGIS; a bounding box then haversine on SQLite."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import astuple, dataclass
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
    min_lat, max_lat, min_lon, max_lon = bounding_box(origin, radius_m)
    distance = sa.func.ns_haversine(
        origin.latitude, origin.longitude, table.c.latitude, table.c.longitude
    )
    conditions = [
        table.c.latitude.between(min_lat, max_lat),
        table.c.longitude.between(min_lon, max_lon),
        distance <= radius_m,
    ]
    return Circle(conditions, [distance, table.c.id])


def sqlite_circle_at(table: sa.Table, names: CircleParams) -> Circle:
    """The SQLite circle with bound parameters in place of numbers (``circle_params`` fills
    them), so that one statement serves every origin."""
    p: dict[str, Any] = {name: sa.bindparam(name) for name in names}
    distance = sa.func.ns_haversine(p[names.lat], p[names.lon], table.c.latitude,
                                    table.c.longitude)
    conditions = [
        table.c.latitude.between(p[names.min_lat], p[names.max_lat]),
        table.c.longitude.between(p[names.min_lon], p[names.max_lon]),
        distance <= p[names.radius],
    ]
    return Circle(conditions, [distance, table.c.id])


@dataclass(frozen=True)
class CircleParams:
    """The names of a circle's bound parameters."""

    lat: str = "_lat"
    lon: str = "_lon"
    radius: str = "_radius"
    min_lat: str = "_min_lat"
    max_lat: str = "_max_lat"
    min_lon: str = "_min_lon"
    max_lon: str = "_max_lon"

    def __iter__(self) -> Iterator[str]:
        return iter(astuple(self))

    def values(self, origin: Location, radius_m: float) -> dict[str, float]:
        min_lat, max_lat, min_lon, max_lon = bounding_box(origin, radius_m)
        return {self.lat: origin.latitude, self.lon: origin.longitude, self.radius: radius_m,
                self.min_lat: min_lat, self.max_lat: max_lat,
                self.min_lon: min_lon, self.max_lon: max_lon}
