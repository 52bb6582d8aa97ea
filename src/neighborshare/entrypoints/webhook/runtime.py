"""Assembling the bot process from the container: the PTB application, the update processor,
metrics, health checks and the webhook registration."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from dependency_injector import providers
from telegram.request import BaseRequest

from neighborshare.entrypoints.bot.app import build_application
from neighborshare.entrypoints.bot.chats import HANDLED_UPDATES
from neighborshare.entrypoints.bot.menu import register_commands, register_menu_button
from neighborshare.entrypoints.bot.outgoing import Sending
from neighborshare.entrypoints.miniapp.api import MiniAppParts, miniapp_routes
from neighborshare.entrypoints.miniapp.assembly import miniapp_parts
from neighborshare.entrypoints.webhook.app import WebhookParts
from neighborshare.entrypoints.webhook.processing import PTBApplication, UpdateProcessor
from neighborshare.observability.counting import CountingRateLimiter
from neighborshare.observability.metrics import Metrics
from neighborshare.ports.unit_of_work import UnitOfWorkFactory
from neighborshare.settings import Profile


@dataclass
class BotRuntime:
    ptb: PTBApplication
    processor: UpdateProcessor
    metrics: Metrics
    health: Callable[[], dict[str, bool]]
    miniapp: MiniAppParts

    async def start(self) -> None:
        await self.ptb.initialize()
        deps = self.ptb.bot_data["deps"]
        await register_commands(self.ptb.bot, deps.rules.default_language)
        await register_menu_button(self.ptb.bot, deps.miniapp_url, deps.rules.default_language)

    async def stop(self) -> None:
        """Let updates in flight finish first; they need this loop running to do so."""
        await asyncio.to_thread(self.processor.close)
        await asyncio.to_thread(self.ptb.bot_data["deps"].pool.shutdown, True)
        await self.ptb.shutdown()

    async def register_webhook(self, url: str, secret: str) -> None:
        await self.ptb.bot.set_webhook(
            url, secret_token=secret, allowed_updates=HANDLED_UPDATES, max_connections=40
        )

    def webhook_parts(
        self, secrets: list[bytes], register: Callable[[], Awaitable[None]] | None
    ) -> WebhookParts:
        async def startup() -> None:
            await self.start()
            if register is not None:
                await register()

        return WebhookParts(self.processor, self.metrics, self.health, secrets, startup,
                            self.stop, miniapp_routes(self.miniapp))


def build_runtime(container: Any, request: BaseRequest | None = None) -> BotRuntime:
    """``request`` replaces the Bot API's HTTP client (the offline Bot API)."""
    metrics = Metrics()
    limiter = container.rate_limiter()
    container.rate_limiter.override(providers.Object(CountingRateLimiter(limiter, metrics)))
    ptb = build_application(container, request=request)
    settings = container.settings()
    uow_factory, clock = container.uow_factory(), container.clock()
    processor = UpdateProcessor(ptb, uow_factory, clock, concurrency=settings.db_pool_size,
                                sending=Sending(container.send_budget(),
                                                container.reply_handoff().hand_over,
                                                metrics.count_send))
    metrics.watch_database(uow_factory, clock)
    redis_url = settings.redis_url if settings.profile is Profile.PRODUCTION else None
    miniapp = miniapp_parts(container, ptb.bot, ptb.bot_data["deps"])
    return BotRuntime(ptb, processor, metrics, Health(uow_factory, redis_url), miniapp)


class Health:
    """Is the database answering, and (in production) Redis?"""

    def __init__(self, uow_factory: UnitOfWorkFactory, redis_url: str | None) -> None:
        self._uow = uow_factory
        self._redis = None
        if redis_url is not None:
            from neighborshare.adapters.redis.client import redis_client

            self._redis = redis_client(redis_url)

    def __call__(self) -> dict[str, bool]:
        checks = {"database": self._database()}
        if self._redis is not None:
            checks["redis"] = self._redis_up()
        return checks

    def _database(self) -> bool:
        try:
            with self._uow() as uow:
                uow.sessions.get(0)  # a primary-key read: proves the database answers
            return True
        except Exception:
            return False

    def _redis_up(self) -> bool:
        assert self._redis is not None
        try:
            return bool(self._redis.ping())
        except Exception:
            return False
