"""Google Maps Geocoding through the googlemaps library, refusals turned into domain errors."""

from __future__ import annotations

import logging
from typing import Any

import googlemaps
from googlemaps import exceptions as maps_errors

from neighborshare.domain.errors import GeocodingFailed, GeocodingUnavailable
from neighborshare.domain.values import Location

log = logging.getLogger("neighborshare.geocoding")

# A refusal about the address itself, not about us: the neighbor can fix it.
ADDRESS_PROBLEMS = {"ZERO_RESULTS", "INVALID_REQUEST", "NOT_FOUND"}


class GoogleGeocoder:
    def __init__(self, client: Any, region: str | None = None) -> None:
        self._client = client
        self._region = region.lower() if region else None

    def geocode(self, address: str) -> Location:
        try:
            results = self._client.geocode(address, region=self._region)
        except maps_errors.ApiError as error:
            raise _refusal(error) from None
        except (maps_errors.Timeout, maps_errors.TransportError, maps_errors.HTTPError) as error:
            log.warning("Google geocoding failed: %s", type(error).__name__)
            raise GeocodingUnavailable() from None
        if not results:  # the library passes ZERO_RESULTS through as an empty list
            raise GeocodingFailed()
        point = results[0]["geometry"]["location"]
        return Location(float(point["lat"]), float(point["lng"]))


def _refusal(error: maps_errors.ApiError) -> Exception:
    if error.status in ADDRESS_PROBLEMS:
        return GeocodingFailed()
    # OVER_QUERY_LIMIT passes; REQUEST_DENIED means a bad key or API setup: the operator's job.
    level = logging.ERROR if error.status == "REQUEST_DENIED" else logging.WARNING
    log.log(level, "Google geocoding refused: %s", error.status)
    return GeocodingUnavailable()


def google_maps_client(api_key: str, base_url: str | None = None, timeout: float = 5.0) -> Any:
    """Fails fast: no retrying an over-quota answer, little retrying of server errors."""
    options: dict[str, Any] = {"base_url": base_url.rstrip("/")} if base_url else {}
    return googlemaps.Client(
        key=api_key,
        timeout=timeout,
        retry_timeout=max(1, int(timeout)),
        retry_over_query_limit=False,
        **options,
    )
