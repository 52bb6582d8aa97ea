"""Google Maps geocoding through the googlemaps library against a local stand-in, cached."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from neighborshare.adapters.googlemaps.geocoder import GoogleGeocoder, google_maps_client
from neighborshare.adapters.memory.outside import InMemoryCache
from neighborshare.adapters.redis.geocoding_cache import CachingGeocoder
from neighborshare.domain.errors import GeocodingFailed, GeocodingUnavailable
from neighborshare.domain.values import Location
from tests.support.geocoding_api import GeocodingApi
from tests.support.refusals import refused
from tests.support.stubs import JsonStub

ADDRESS = "10 Downing Street, London"


@pytest.fixture
def api() -> GeocodingApi:
    return GeocodingApi(places={ADDRESS.lower(): (51.5034, -0.1276)})


@pytest.fixture
def stub(api: GeocodingApi) -> Iterator[JsonStub]:
    with JsonStub(api) as running:
        yield running


@pytest.fixture
def geocoder(stub: JsonStub) -> GoogleGeocoder:
    return GoogleGeocoder(google_maps_client("AIza-test-key", stub.url, timeout=0.5), "GB")


def test_an_address_becomes_coordinates(geocoder: GoogleGeocoder, stub: JsonStub):
    assert geocoder.geocode(ADDRESS) == Location(51.5034, -0.1276)
    method, path, query = stub.requests[0]
    assert (method, path) == ("GET", "/maps/api/geocode/json")
    assert query["address"] == ADDRESS and query["region"] == "gb"


def test_an_unknown_address_is_the_neighbors_to_fix(geocoder: GoogleGeocoder):
    with refused(GeocodingFailed, "couldn't find that address") as caught:
        geocoder.geocode("1 Nowhere Lane")
    assert not isinstance(caught.value, GeocodingUnavailable)


@pytest.mark.parametrize("status", ["OVER_QUERY_LIMIT", "REQUEST_DENIED", "UNKNOWN_ERROR"])
def test_refusals_make_lookup_unavailable_and_are_logged(
    geocoder: GoogleGeocoder, api: GeocodingApi, status: str, caplog: pytest.LogCaptureFixture
):
    api.status = status
    with caplog.at_level(logging.WARNING), refused(GeocodingUnavailable, "pin"):
        geocoder.geocode(ADDRESS)
    assert [r.getMessage() for r in caplog.records] == [f"Google geocoding refused: {status}"]


def test_a_timeout_makes_lookup_unavailable(geocoder: GoogleGeocoder, stub: JsonStub):
    stub.hold.set()
    with pytest.raises(GeocodingUnavailable):
        geocoder.geocode(ADDRESS)


def test_results_are_cached_and_failures_are_not(geocoder: GoogleGeocoder, stub: JsonStub):
    cached = CachingGeocoder(geocoder, InMemoryCache())
    assert cached.geocode(ADDRESS) == cached.geocode("  10 downing street,  LONDON ")
    assert len(stub.requests) == 1
    for _ in range(2):
        with pytest.raises(GeocodingFailed):
            cached.geocode("1 Nowhere Lane")
    assert len(stub.requests) == 3
