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
    made = sa.func.ST_SetSRID(sa.func.ST_MakePoint(origin.longitude, origin.latitude), 4326)
    return sa.cast(made, POINT)


def geography_of(table: sa.Table) -> Any:
    """The generated ``geog`` column (PostgreSQL only, so it is not in the shared metadata)."""
    return sa.literal_column(f"{table.name}.geog", type_=POINT)


def circle(table: sa.Table, origin: Location, radius_m: float) -> tuple[list[Any], list[Any]]:
    here, geog = point(origin), geography_of(table)
    within = sa.func.ST_DWithin(geog, here, radius_m, USE_SPHEROID)
    # <-> on geography is the same sphere distance as ST_Distance(.., false), computed faster
    return [within], [geog.op("<->")(here), table.c.id]

