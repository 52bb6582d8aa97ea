"""The Geocoder contract, shared by the fake, Google Maps (stand-in) and the caching geocoder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from neighborshare.adapters.googlemaps.geocoder import GoogleGeocoder, google_maps_client
from neighborshare.adapters.memory.outside import FakeGeocoder, InMemoryCache
from neighborshare.adapters.redis.geocoding_cache import CachingGeocoder
from neighborshare.domain.errors import GeocodingFailed
from neighborshare.domain.values import Location
from neighborshare.ports.services import Geocoder
from tests.support.geocoding_api import GeocodingApi
from tests.support.refusals import refused
from tests.support.stubs import JsonStub

PLACES = {"4 privet drive, little whinging": Location(51.41, -0.75)}


@pytest.fixture(params=["fake", "google", "cached google"])
def geocoder(request: pytest.FixtureRequest) -> Iterator[Geocoder]:
    if request.param == "fake":
        yield FakeGeocoder(dict(PLACES))
        return
    api = GeocodingApi({k: (v.latitude, v.longitude) for k, v in PLACES.items()})
    with JsonStub(api) as stub:
        google = GoogleGeocoder(google_maps_client("AIza-test", stub.url, timeout=0.5))
        yield CachingGeocoder(google, InMemoryCache()) if "cached" in request.param else google


def test_a_known_address_gives_its_coordinates(geocoder: Geocoder):
    assert geocoder.geocode("4 Privet Drive, Little Whinging") == Location(51.41, -0.75)


def test_an_unknown_address_is_refused_with_a_way_forward(geocoder: Geocoder):
    for _ in range(2):  # and a cached geocoder does not remember the refusal as a place
        with refused(GeocodingFailed, "location pin"):
            geocoder.geocode("221B Baker Street")
