"""Where neighbors are: the service area and typed addresses."""

from __future__ import annotations

from neighborshare.domain.errors import GeocodingFailed, InvalidInput, OutsideServiceArea
from neighborshare.domain.values import Location, ServiceArea
from neighborshare.ports.services import Geocoder

MAX_ADDRESS_LENGTH = 200


class LocationService:
    def __init__(self, area: ServiceArea, geocoder: Geocoder | None) -> None:
        self._area = area
        self._geocoder = geocoder

    @property
    def can_geocode(self) -> bool:
        return self._geocoder is not None

    def ensure_in_area(self, location: Location) -> None:
        if not self._area.contains(location):
            raise OutsideServiceArea()

    def locate(self, address: str) -> Location:
        """Coordinates of a typed address inside the service area."""
        text = " ".join(address.split())
        if not text or len(text) > MAX_ADDRESS_LENGTH:
            raise InvalidInput("address_missing")
        if self._geocoder is None:
            raise GeocodingFailed("addresses_unavailable")
        location = self._geocoder.geocode(text)
        self.ensure_in_area(location)
        return location
