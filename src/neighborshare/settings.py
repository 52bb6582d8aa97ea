"""All configuration, read from NEIGHBORSHARE_* environment variables (and a .env file)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from neighborshare.domain.rules import Rules
from neighborshare.domain.values import Location, ServiceArea

# Only for the embedded profile, where a neighborhood runs on one machine; production refuses it.
EMBEDDED_PEPPER = "embedded-profile-pepper-change-me"


class Profile(StrEnum):
    MEMORY = "memory"  # everything in process memory: tests
    EMBEDDED = "embedded"  # SQLite, local folder, no services
    PRODUCTION = "production"  # PostGIS, Redis, S3, Twilio, Google Maps


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEIGHBORSHARE_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    profile: Profile = Profile.EMBEDDED
    database_url: str = "sqlite:///./neighborshare.db"
    # Transactions a process runs at once. Each is short (the bot's answers go out after the
    # commit), so a few keep the database busy; more threads only fight over the GIL.
    db_pool_size: int = Field(default=4, ge=1, le=200)
    redis_url: str = "redis://127.0.0.1:6379/0"
    photo_dir: Path = Path("./photos")

    telegram_token: SecretStr | None = None
    webhook_secret: SecretStr | None = None
    webhook_previous_secret: SecretStr | None = None  # still accepted while rotating
    webhook_url: str | None = None
    # digests sent with Telegram's paid broadcast (allow_paid_broadcast: up to 1,000 a second,
    # 0.1 Stars each), outside the 30-a-second send budget; off: digests share the budget
    digest_paid_broadcast: bool = False
    # the send budget every message of this token books a slot in (docs/sending.md): Telegram's
    # 30 a second; lower it if the sends' 429s (neighborshare_sends_total) are more than rare
    send_budget_per_second: int = Field(default=30, ge=1, le=30)
    # the Mini App (docs/operations.md): its public https URL turns on the bot's Map buttons
    miniapp_url: str | None = None
    miniapp_tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    miniapp_tile_attribution: str = "© OpenStreetMap contributors"
    miniapp_init_data_max_age_s: int = Field(default=3600, ge=60)  # older initData is refused
    phone_pepper: SecretStr = SecretStr(EMBEDDED_PEPPER)
    default_region: str = "GB"

    service_area_latitude: float = 51.5074
    service_area_longitude: float = -0.1278
    service_area_radius_m: float = Field(default=20_000, gt=0)

    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "eu-west-2"
    aws_access_key_id: SecretStr | None = None
    aws_secret_access_key: SecretStr | None = None

    twilio_account_sid: SecretStr | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_verify_service_sid: SecretStr | None = None
    twilio_base_url: str | None = None

    google_maps_api_key: SecretStr | None = None
    google_maps_base_url: str | None = None

    huey_path: Path = Path("./neighborshare-tasks.db")
    huey_secret: SecretStr | None = None  # signs task payloads on the shared Redis
    moderator: int | None = None  # the CLI's acting moderator (user id) when --as is not given
    log_format: str = "json"
    log_dir: Path | None = None

    rules: Rules = Rules()

    @property
    def service_area(self) -> ServiceArea:
        centre = Location(self.service_area_latitude, self.service_area_longitude)
        return ServiceArea(centre, self.service_area_radius_m)

    @property
    def pepper(self) -> bytes:
        return self.phone_pepper.get_secret_value().encode()
