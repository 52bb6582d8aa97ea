"""The webhook app served by uvicorn on a loopback port, in a thread of the test process, against
PostGIS and Redis, with the offline Bot API on the outgoing side."""

from __future__ import annotations

import secrets
import threading
import time
from datetime import UTC, datetime
from typing import Any

import httpx
from dependency_injector import providers

from neighborshare.adapters.memory.outside import (
    FakeSmsVerifier,
    InMemoryPhotoStore,
    RecordingNotifier,
    RecordingTaskQueue,
)
from neighborshare.adapters.redis.cache import RedisCache
from neighborshare.adapters.redis.client import redis_client
from neighborshare.adapters.redis.rate_limiter import RedisRateLimiter
from neighborshare.adapters.sql.unit_of_work import sql_uow_factory
from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.container import Container
from neighborshare.entrypoints.webhook.cli import uvicorn_server
from neighborshare.entrypoints.webhook.runtime import build_runtime
from neighborshare.settings import Profile, Settings
from tests.support.redis_server import free_port

REDIS_URL = "redis://127.0.0.1:6379/0"
SECRET = "webhook-secret-" + secrets.token_hex(8)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def production_container(database_url: str, redis_url: str = REDIS_URL) -> Container:
    """The production profile on this machine's services; outside services are fakes."""
    settings = Settings(  # type: ignore[call-arg]
        profile=Profile.PRODUCTION, database_url=database_url, redis_url=redis_url,
        webhook_secret=SECRET, phone_pepper="test-pepper-" + secrets.token_hex(4),
        db_pool_size=4, _env_file=None,
    )
    client, prefix = redis_client(redis_url), f"ns:test:{secrets.token_hex(4)}:"
    container = Container()
    container.settings.override(providers.Object(settings))
    for name, value in {
        "cache": RedisCache(client, prefix + "cache:"),
        "rate_limiter": RedisRateLimiter(client, prefix + "rate:"),
        "photo_store": InMemoryPhotoStore(), "sms_verifier": FakeSmsVerifier(),
        "geocoder": None, "notifier": RecordingNotifier(), "task_queue": RecordingTaskQueue(),
    }.items():
        getattr(container, name).override(providers.Object(value))
    return container


class LiveBot:
    def __init__(self, container: Container, api: OfflineBotApi | None = None) -> None:
        self.api = api or OfflineBotApi(strangers_started=True)  # updates are posted to it
        self.runtime = build_runtime(container, self.api)
        self.neighbors = OfflineNeighbors(self.api, self.runtime.ptb.bot)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        parts = self.runtime.webhook_parts([SECRET.encode()], None)
        self._server = uvicorn_server(parts, "127.0.0.1", self.port)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> LiveBot:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the webhook server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)

    def post(self, update: Any, secret: str | None = SECRET, **kwargs: Any) -> httpx.Response:
        """POST an update (a telegram.Update or a dict) as Telegram would."""
        body = update if isinstance(update, dict) else update.to_dict()
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        return httpx.post(self.url + "/telegram/webhook", json=body, headers=headers,
                          timeout=30, **kwargs)

    def replies(self, who: Any) -> list[str]:
        return [m.shown for m in self.api.messages(who.telegram_id)]


def was_recorded(database_url: str, update_id: int) -> bool:
    """Did an update's transaction commit? (Recording it again, then rolling back, tells.)"""
    factory = sql_uow_factory(database_url, pool_size=1)
    try:
        with factory() as uow:
            return not uow.updates.record(update_id, datetime.now(UTC))
    finally:
        factory.dispose()


def conversation(database_url: str, telegram_id: int) -> Any:
    factory = sql_uow_factory(database_url, pool_size=1)
    try:
        with factory() as uow:
            return uow.sessions.get(telegram_id)
    finally:
        factory.dispose()
