"""The production profile's adapters, built by the container from settings alone."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from dependency_injector import providers

from neighborshare.adapters.production import MissingProductionSetting
from neighborshare.adapters.redis.geocoding_cache import geocoding_key
from neighborshare.container import Container
from neighborshare.domain.values import Location
from neighborshare.settings import Profile, Settings
from tests.support.geocoding_api import GeocodingApi
from tests.support.stubs import JsonStub
from tests.support.verify_api import VerifyApi


def production(**values: Any) -> Container:
    container = Container()
    settings = Settings(profile=Profile.PRODUCTION, _env_file=None, **values)  # type: ignore[call-arg]
    container.settings.override(providers.Object(settings))
    return container


@pytest.mark.parametrize("adapter", ["photo_store", "sms_verifier", "geocoder", "notifier"])
def test_missing_credentials_stop_start_up_with_one_clear_error(adapter: str):
    container = production(telegram_token="123:abc", s3_bucket="photos")
    with pytest.raises(MissingProductionSetting) as caught:
        getattr(container, adapter)()
    message = str(caught.value)
    assert message.startswith("The production profile cannot start. Set: ")
    for name in ("AWS_ACCESS_KEY_ID", "TWILIO_AUTH_TOKEN", "GOOGLE_MAPS_API_KEY", "PHONE_PEPPER"):
        assert f"NEIGHBORSHARE_{name}" in message
    assert "NEIGHBORSHARE_S3_BUCKET" not in message  # given, so not named
    assert "NEIGHBORSHARE_TELEGRAM_TOKEN" not in message


def test_database_and_cache_need_no_other_credentials():
    container = production()
    assert container.cache() is not None and container.rate_limiter() is not None


@pytest.fixture
def configured(s3_endpoint: str, s3_bucket: tuple[Any, str]) -> Iterator[Container]:
    verify = JsonStub(VerifyApi())
    maps = JsonStub(GeocodingApi(places={"1 high street": (51.5, -0.12)}))
    with verify, maps:
        yield production(
            telegram_token="123:abc",
            phone_pepper="a pepper of our own",
            s3_bucket=s3_bucket[1],
            s3_endpoint_url=s3_endpoint,
            aws_access_key_id="testing-key",
            aws_secret_access_key="testing-secret",
            twilio_account_sid="AC" + "1" * 32,
            twilio_auth_token="token",
            twilio_verify_service_sid="VA" + "2" * 32,
            twilio_base_url=verify.url,
            google_maps_api_key="AIza-test",
            google_maps_base_url=maps.url,
        )


@pytest.mark.redis
def test_a_configured_profile_reaches_every_service(configured: Container):
    key = f"test-{uuid.uuid4().hex}"
    cache = configured.cache()
    cache.set(key, "v", ttl_seconds=30)
    assert cache.get(key) == "v"
    cache.delete(key)
    assert configured.rate_limiter().hit(key, limit=1, period_seconds=1).allowed
    store = configured.photo_store()
    assert store.get(store.put(b"jpeg", "image/jpeg", "food")) == b"jpeg"
    configured.sms_verifier().start("+447700900123")
    assert configured.sms_verifier().check("+447700900123", "123456") is True
    assert configured.locations().locate("1 High Street") == Location(51.5, -0.12)
    cache.delete(geocoding_key("1 High Street"))  # leave nothing behind in the shared Redis
    assert configured.notifier() is configured.notifier()
