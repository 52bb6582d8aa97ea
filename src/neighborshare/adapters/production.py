"""Builders of the production profile's adapters, called lazily by name from container.py.

Every builder that needs credentials first checks all production settings at once
(``check_production_settings``), so a misconfigured deployment stops at start-up with one error
naming every missing setting. Redis needs none (``redis_url`` has a default), so commands that
only touch the database and the cache start without the other services' credentials.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import SecretStr

from neighborshare.settings import EMBEDDED_PEPPER, Settings

# (setting, what needs it): the production profile cannot start without any of these.
REQUIRED = (
    ("telegram_token", "the Telegram bot"),
    ("s3_bucket", "photos on S3"),
    ("aws_access_key_id", "photos on S3"),
    ("aws_secret_access_key", "photos on S3"),
    ("twilio_account_sid", "SMS verification"),
    ("twilio_auth_token", "SMS verification"),
    ("twilio_verify_service_sid", "SMS verification"),
    ("google_maps_api_key", "typed addresses"),
)


class MissingProductionSetting(RuntimeError):
    """The production profile was started without settings it needs."""


def check_production_settings(settings: Settings) -> None:
    problems = [
        f"NEIGHBORSHARE_{name.upper()} (needed for {purpose})"
        for name, purpose in REQUIRED
        if not _given(getattr(settings, name))
    ]
    if settings.phone_pepper.get_secret_value() == EMBEDDED_PEPPER:
        problems.append("NEIGHBORSHARE_PHONE_PEPPER (a secret of your own; never the default)")
    if problems:
        raise MissingProductionSetting(
            "The production profile cannot start. Set: " + "; ".join(problems)
        )


def _given(value: object) -> bool:
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value is not None and str(value).strip() != ""


def _secret(value: SecretStr | None) -> str:
    assert value is not None  # check_production_settings ran first
    return value.get_secret_value()


@cache
def _redis(url: str) -> Any:
    """One client (and connection pool) per URL for the whole process, made on first use."""
    from neighborshare.adapters.redis.client import redis_client

    return redis_client(url)


def redis_cache(settings: Settings) -> Any:
    from neighborshare.adapters.redis.cache import RedisCache

    return RedisCache(_redis(settings.redis_url))


def redis_rate_limiter(settings: Settings) -> Any:
    from neighborshare.adapters.redis.rate_limiter import RedisRateLimiter

    return RedisRateLimiter(_redis(settings.redis_url))


def s3_photo_store(settings: Settings) -> Any:
    from neighborshare.adapters.s3.photo_store import S3PhotoStore, s3_client

    check_production_settings(settings)
    client = s3_client(
        settings.s3_region,
        settings.s3_endpoint_url,
        _secret(settings.aws_access_key_id),
        _secret(settings.aws_secret_access_key),
    )
    return S3PhotoStore(client, str(settings.s3_bucket))


def twilio_sms_verifier(settings: Settings) -> Any:
    from neighborshare.adapters.twilio.client import twilio_client
    from neighborshare.adapters.twilio.sms_verifier import TwilioSmsVerifier

    check_production_settings(settings)
    client = twilio_client(
        _secret(settings.twilio_account_sid),
        _secret(settings.twilio_auth_token),
        base_url=settings.twilio_base_url,
    )
    return TwilioSmsVerifier(client, _secret(settings.twilio_verify_service_sid))


def google_geocoder(settings: Settings) -> Any:
    from neighborshare.adapters.googlemaps.geocoder import GoogleGeocoder, google_maps_client
    from neighborshare.adapters.redis.geocoding_cache import CachingGeocoder

    check_production_settings(settings)
    client = google_maps_client(
        _secret(settings.google_maps_api_key), base_url=settings.google_maps_base_url
    )
    return CachingGeocoder(GoogleGeocoder(client, settings.default_region), redis_cache(settings))


def send_budget(settings: Settings) -> Any:
    """Paced in Redis, so every bot replica and worker of this token shares Telegram's limits."""
    from neighborshare.adapters.redis.send_schedule import RedisSendSchedule

    return RedisSendSchedule(_redis(settings.redis_url), per_second=settings.send_budget_per_second)


def telegram_notifier(settings: Settings, budget: Any = None) -> Any:
    from telegram import Bot

    from neighborshare.adapters.telegram.notifier import TelegramNotifier

    check_production_settings(settings)
    return TelegramNotifier(Bot(_secret(settings.telegram_token)), budget or send_budget(settings),
                            paid_digests=settings.digest_paid_broadcast)
