"""What the handlers need, taken once from the container, and the bounded thread pool."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from neighborshare.domain.rules import Rules
from neighborshare.entrypoints.bot.loops import on_transaction_thread
from neighborshare.ports.services import Cache, Clock, PhotoProcessor, PhotoStore, RateLimiter
from neighborshare.ports.unit_of_work import UnitOfWorkFactory
from neighborshare.services.auth import AuthService
from neighborshare.services.community import CommunityService
from neighborshare.services.credits import CreditService
from neighborshare.services.editing import PostEditingService
from neighborshare.services.erasure import ErasureService
from neighborshare.services.exchanges import ExchangeService
from neighborshare.services.export import ExportService
from neighborshare.services.food import FoodService
from neighborshare.services.locations import LocationService
from neighborshare.services.ratings import RatingService
from neighborshare.services.reporting import ReportingService
from neighborshare.services.users import UserService

T = TypeVar("T")


@dataclass
class BotDeps:
    uow_factory: UnitOfWorkFactory
    clock: Clock
    rules: Rules
    users: UserService
    auth: AuthService
    locations: LocationService
    food: FoodService
    exchanges: ExchangeService
    post_editing: PostEditingService
    credits: CreditService
    ratings: RatingService
    reporting: ReportingService
    export: ExportService
    erasure: ErasureService
    community: CommunityService
    cache: Cache
    rate_limiter: RateLimiter
    photo_store: PhotoStore
    photo_processor: PhotoProcessor
    pool: ThreadPoolExecutor
    miniapp_url: str | None = None  # the Map button's page (MINIAPP_URL); none: no Map button

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.rules.time_zone)

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run blocking service code in the bounded pool, keeping the caller's context
        (an ambient unit of work opened around the update travels with it); in place when
        the handler already runs on the thread that holds the update's transaction."""
        if on_transaction_thread():
            return fn(*args, **kwargs)
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self.pool, call)


def deps_from(container: Any) -> BotDeps:
    settings = container.settings()
    return BotDeps(
        uow_factory=container.uow_factory(),
        clock=container.clock(),
        rules=container.rules(),
        users=container.users(),
        auth=container.auth(),
        locations=container.locations(),
        food=container.food(),
        exchanges=container.exchanges(),
        post_editing=container.post_editing(),
        credits=container.credits(),
        ratings=container.ratings(),
        reporting=container.reporting(),
        export=container.export(),
        erasure=container.erasure(),
        community=container.community(),
        cache=container.cache(),
        rate_limiter=container.rate_limiter(),
        photo_store=container.photo_store(),
        photo_processor=container.photo_processor(),
        pool=ThreadPoolExecutor(settings.db_pool_size, thread_name_prefix="bot-db"),
        miniapp_url=settings.miniapp_url or None,
    )
