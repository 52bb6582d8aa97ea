"""Remembering geocoded addresses, so a neighbor retyping an address costs no second lookup."""

from __future__ import annotations

import hashlib

from neighborshare.adapters.redis import codec
from neighborshare.domain.values import Location
from neighborshare.ports.services import Cache, Geocoder

# Addresses rarely move; a week keeps the bill down without keeping them forever.
GEOCODE_TTL_SECONDS = 7 * 24 * 3600


class CachingGeocoder:
    """Failures are not cached: a refusal may be a passing outage or quota."""

    def __init__(self, inner: Geocoder, cache: Cache, ttl_seconds: int = GEOCODE_TTL_SECONDS):
        self._inner = inner
        self._cache = cache
        self._ttl = ttl_seconds

    def geocode(self, address: str) -> Location:
        key = geocoding_key(address)
        cached = self._cache.get(key)
        if cached is not None:
            return codec.loads(Location, cached)
        location = self._inner.geocode(address)
        self._cache.set(key, codec.dumps(location), self._ttl)
        return location


def geocoding_key(address: str) -> str:
    # A digest, so that the cache's key space holds no readable addresses.
    normalized = " ".join(address.lower().split())
    return "geo:" + hashlib.sha256(normalized.encode()).hexdigest()
