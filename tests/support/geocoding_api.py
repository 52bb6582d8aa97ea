"""A stand-in for the Google Maps Geocoding API's JSON (GET /maps/api/geocode/json)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class GeocodingApi:
    """Known addresses answer OK; ``status`` forces another answer for every request."""

    places: dict[str, tuple[float, float]] = field(default_factory=dict)
    status: str | None = None

    def __call__(self, method: str, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if path != "/maps/api/geocode/json" or not query.get("key", "").startswith("AIza"):
            return 200, {"status": "REQUEST_DENIED", "error_message": "bad key", "results": []}
        if self.status is not None:
            return 200, {"status": self.status, "error_message": self.status, "results": []}
        found = self.places.get(query.get("address", "").lower())
        if found is None:
            return 200, {"status": "ZERO_RESULTS", "results": []}
        return 200, {"status": "OK", "results": [_result(query["address"], *found)]}


def _result(address: str, lat: float, lng: float) -> dict[str, Any]:
    return {
        "formatted_address": address,
        "geometry": {"location": {"lat": lat, "lng": lng}, "location_type": "ROOFTOP"},
        "place_id": "stand-in",
        "types": ["street_address"],
    }
