"""Value objects: location, pickup window, allergens, diet tags, portions, phone hash."""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from neighborshare.domain.errors import InvalidInput, InvalidPickupWindow

_E = TypeVar("_E", bound=StrEnum)

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE_LAT = 111_320.0


class Allergen(StrEnum):
    """The 14 major allergens."""

    GLUTEN = "gluten"
    CRUSTACEANS = "crustaceans"
    EGGS = "eggs"
    FISH = "fish"
    PEANUTS = "peanuts"
    SOY = "soy"
    MILK = "milk"
    TREE_NUTS = "tree nuts"
    CELERY = "celery"
    MUSTARD = "mustard"
    SESAME = "sesame"
    SULPHITES = "sulphites"
    LUPIN = "lupin"
    MOLLUSCS = "molluscs"


class DietTag(StrEnum):
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"
    HALAL = "halal"
    KOSHER = "kosher"


def parse_allergens(values: object) -> frozenset[Allergen]:
    """Allergens from names as a neighbor might type them ("Tree nuts", "soy")."""
    return frozenset(_parse_enum(Allergen, values, "allergen"))


def parse_diet_tags(values: object) -> frozenset[DietTag]:
    return frozenset(_parse_enum(DietTag, values, "diet_tag"))


def _parse_enum(kind: type[_E], values: object, label: str) -> list[_E]:
    if not isinstance(values, list | tuple | set | frozenset):
        raise InvalidInput(f"{label}_list_expected")
    parsed = []
    for value in values:
        text = str(value).strip().lower().replace("_", " ")
        try:
            parsed.append(kind(text))
        except ValueError:
            raise InvalidInput(f"unknown_{label}", value=str(value)[:40]) from None
    return parsed


def diet_tags_satisfy(tags: frozenset[DietTag], required: frozenset[DietTag]) -> bool:
    """Whether a dish with ``tags`` fits ``required`` (vegan counts as vegetarian)."""
    effective = set(tags)
    if DietTag.VEGAN in effective:
        effective.add(DietTag.VEGETARIAN)
    return required <= effective


@dataclass(frozen=True, slots=True)
class Location:
    """A WGS84 point."""

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude) and math.isfinite(self.longitude)):
            raise InvalidInput("invalid_location")
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise InvalidInput("invalid_location")

    def distance_m(self, other: Location) -> float:
        """Great-circle (haversine) distance in metres."""
        lat1, lat2 = math.radians(self.latitude), math.radians(other.latitude)
        dlat = lat2 - lat1
        dlon = math.radians(other.longitude - self.longitude)
        a = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
        return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))

    def snapped(self, cell_m: float) -> Location:
        """The centre of the grid cell (about ``cell_m`` on a side) holding this point."""
        lat_step = cell_m / METRES_PER_DEGREE_LAT
        lat = (math.floor(self.latitude / lat_step) + 0.5) * lat_step
        lat = max(-89.9, min(89.9, lat))
        lon_step = cell_m / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat)))
        lon = (math.floor(self.longitude / lon_step) + 0.5) * lon_step
        return Location(round(lat, 7), round(max(-180.0, min(180.0, lon)), 7))

    def bounding_box(self, radius_m: float) -> tuple[float, float, float, float]:
        """(min_lat, max_lat, min_lon, max_lon) enclosing the circle of ``radius_m``."""
        dlat = radius_m / METRES_PER_DEGREE_LAT
        cos_lat = max(0.01, math.cos(math.radians(self.latitude)))
        dlon = radius_m / (METRES_PER_DEGREE_LAT * cos_lat)
        return (
            self.latitude - dlat,
            self.latitude + dlat,
            self.longitude - dlon,
            self.longitude + dlon,
        )


@dataclass(frozen=True, slots=True)
class ServiceArea:
    """A circle in which the community operates."""

    centre: Location
    radius_m: float

    def contains(self, point: Location) -> bool:
        return self.centre.distance_m(point) <= self.radius_m


def rounded_distance(metres: float) -> int:
    """A coarse distance in metres for display: 100 m steps under 1 km, then 500 m steps."""
    hundreds = max(100, round(metres / 100.0) * 100)
    if hundreds < 1000:  # 960 m reads "~1 km", not "~1000 m"
        return int(hundreds)
    return max(1000, round(metres / 500.0) * 500)


@dataclass(frozen=True, slots=True)
class PickupWindow:
    """When a dish can be picked up (aware datetimes)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise InvalidPickupWindow("window_needs_time_zone")
        if self.end <= self.start:
            raise InvalidPickupWindow("window_ends_before_start")

    def check_new(self, now: datetime, grace: timedelta, horizon: timedelta) -> None:
        """Refuse a window that is over, starts in the past (beyond ``grace``) or ends too far
        ahead."""
        if self.end <= now:  # "6-7pm today" typed at 19:45
            raise InvalidPickupWindow("window_over")
        if self.start < now - grace:
            raise InvalidPickupWindow("window_started")
        if self.end > now + horizon:
            hours = int(horizon.total_seconds() // 3600)
            raise InvalidPickupWindow("window_too_far", hours=hours)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


@dataclass(frozen=True, slots=True)
class Portions:
    """A count of portions within the allowed range."""

    count: int

    @classmethod
    def parse(cls, value: object, maximum: int) -> Portions:
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= maximum:
            raise InvalidInput("portions_range", maximum=maximum)
        return cls(int(text))


@dataclass(frozen=True, slots=True)
class PhoneHash:
    """A keyed hash of an E.164 number plus its last two digits: never the number itself."""

    digest: str
    last_two: str

    @classmethod
    def of(cls, e164: str, pepper: bytes) -> PhoneHash:
        if not e164.startswith("+") or not e164[1:].isdigit():
            raise InvalidInput("not_a_phone_number")
        digest = hmac.new(pepper, e164.encode(), hashlib.sha256).hexdigest()
        return cls(digest=digest, last_two=e164[-2:])

    def __repr__(self) -> str:
        return f"PhoneHash(…{self.last_two})"
