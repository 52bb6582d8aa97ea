"""PostGIS expressions (imported only on PostgreSQL, so SQLite needs no GeoAlchemy2)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from geoalchemy2 import Geography

from neighborshare.domain.values import Location

POINT = Geography(geometry_type="POINT", srid=4326, spatial_index=False)
# Sphere, not spheroid: the same great-circle distance the domain's haversine computes.
USE_SPHEROID = False


def point(origin: Location) -> Any:
    return point_at(origin.longitude, origin.latitude)


def point_at(longitude: Any, latitude: Any) -> Any:
    """A geography point from numbers or SQL expressions (bound parameters, say)."""
    made = sa.func.ST_SetSRID(sa.func.ST_MakePoint(longitude, latitude), 4326)
    return sa.cast(made, POINT)


def bound_point() -> Any:
    """The point of the bound parameters ``_lon`` and ``_lat`` (``spatial.circle_params``)."""
    return point_at(sa.bindparam("_lon"), sa.bindparam("_lat"))


def geography_of(table: sa.Table) -> Any:
    """The generated ``geog`` column (PostgreSQL only, so it is not in the shared metadata)."""
    return sa.literal_column(f"{table.name}.geog", type_=POINT)


def circle(table: sa.Table, origin: Location, radius_m: float) -> tuple[list[Any], list[Any]]:
    return circle_around(table, point(origin), radius_m)


def circle_around(table: sa.Table, here: Any, radius_m: Any) -> tuple[list[Any], list[Any]]:
    """Rows within ``radius_m`` of the SQL point ``here`` (numbers or bound parameters),
    and their order: nearest first, then by id."""
    geog = geography_of(table)
    within = sa.func.ST_DWithin(geog, here, radius_m, USE_SPHEROID)
    # <-> on geography is the same sphere distance as ST_Distance(.., false), computed faster
    return [within], [geog.op("<->")(here), table.c.id]



# A neighbor one millimetre farther than the n-th nearest still counts as tied with it:
# <-> and ST_DWithin compute the same sphere distance, but not always to the last bit.
TIE_TOLERANCE_M = 0.001


def nearest_candidates(
    table: sa.Table, here: Any, radius_m: Any, conditions: list[Any], count: Any
) -> tuple[list[Any], list[Any]]:
    """WHERE conditions for the ``count`` nearest rows within ``radius_m`` of the SQL point
    ``here`` and their ties (radius and count may be numbers or bound parameters).

    A nearest-first walk of the GiST index (KNN: ``ORDER BY geog <-> origin LIMIT n``, inside
    the circle's bounding box) finds the n-th nearest distance while reading a handful of
    pages; the outer query then keeps the rows within that distance, so ordering them by
    (distance, id) gives exactly the page the full radius query would, ties included.
    Without it the planner reads every active post in the circle (about 1,200 pages).
    """
    geog = geography_of(table)
    distance = geog.op("<->", return_type=sa.Float)(here)
    in_box = geog.op("&&")(sa.func._ST_Expand(here, radius_m))
    knn = (
        sa.select(distance.label("d"))
        .where(in_box, *conditions)
        .order_by(distance)
        .limit(count)
        .subquery("knn")
    )
    nth = sa.select(sa.func.max(knn.c.d)).scalar_subquery()
    reach = sa.func.least(nth + TIE_TOLERANCE_M, radius_m)  # LEAST ignores NULL: no rows
    within = sa.func.ST_DWithin(geog, here, reach, USE_SPHEROID)
    return [within], [distance, table.c.id]
