"""Small query and result objects that cross the repository ports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.values import Allergen, DietTag, Location


@dataclass(frozen=True, slots=True)
class NearbyQuery:
    """Active posts with portions left within ``radius_m`` of ``origin``, nearest first."""

    origin: Location
    radius_m: float
    now: datetime
    exclude_sharer_id: int | None = None
    excluded_allergens: frozenset[Allergen] = frozenset()
    required_diet_tags: frozenset[DietTag] = frozenset()
    excluded_terms: tuple[str, ...] = ()
    limit: int = 5
    offset: int = 0


@dataclass(frozen=True, slots=True)
class AlertQuery:
    """Neighbors within ``radius_m`` of ``origin`` who may be sent a ``kind`` message now, as far
    as a query can tell: within their own alert radius of ``origin`` (``default_radius_m`` for
    those who chose none), notifications on, reachable, not banned, not ``exclude_id``, and
    sent fewer than ``below`` messages of ``kind`` since ``since``. The domain still decides.
    ``radius_m`` is the widest radius anyone may choose: the circle an index can search."""

    origin: Location
    radius_m: float
    kind: str
    since: datetime
    below: int
    exclude_id: int | None = None
    default_radius_m: float | None = None  # for those who chose none; None: ``radius_m``


@dataclass(frozen=True, slots=True)
class NearbyPost:
    post: FoodPost
    distance_m: float


@dataclass(frozen=True, slots=True)
class ReportFilter:
    statuses: tuple[str, ...] = ()
    category: str | None = None
    reported_id: int | None = None
    created_before: datetime | None = None
    limit: int = 50
