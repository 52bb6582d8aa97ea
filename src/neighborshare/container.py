"""The composition root: the one place that knows every adapter, chosen by the profile."""

from __future__ import annotations

import importlib
from typing import Any

from dependency_injector import containers, providers

from neighborshare.adapters.files.photo_store import LocalFolderPhotoStore
from neighborshare.adapters.images.pillow import PillowPhotoProcessor
from neighborshare.adapters.memory.outside import (
    FakeSmsVerifier,
    InMemoryCache,
    InMemoryPhotoStore,
    InMemoryRateLimiter,
    RecordingNotifier,
    RecordingTaskQueue,
)
from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.adapters.memory.unit_of_work import InMemoryUnitOfWork
from neighborshare.adapters.redis.cached_reads import CachedReads
from neighborshare.adapters.redis.invalidation import invalidating
from neighborshare.adapters.system import LogSmsVerifier, NullTaskQueue, SystemClock
from neighborshare.adapters.telegram.throttle import Throttle
from neighborshare.presentation.cards import ChatCardRenderer
from neighborshare.presentation.controls import CONTROL_TEMPLATES
from neighborshare.presentation.digests import DIGEST_TEMPLATES
from neighborshare.presentation.i18n import SHIPPED
from neighborshare.presentation.notifications import NotificationRenderer
from neighborshare.services.auth import AuthService
from neighborshare.services.casework import CaseworkService
from neighborshare.services.community import CommunityService
from neighborshare.services.credits import CreditService
from neighborshare.services.digests import DigestService
from neighborshare.services.editing import PostEditingService
from neighborshare.services.erasure import ErasureService
from neighborshare.services.exchanges import ExchangeService
from neighborshare.services.export import ExportService
from neighborshare.services.first_moderator import FirstModeratorService
from neighborshare.services.food import FoodService
from neighborshare.services.locations import LocationService
from neighborshare.services.metrics import MetricsService
from neighborshare.services.moderation import ModerationService
from neighborshare.services.notifications import NotificationService
from neighborshare.services.outbox_admin import OutboxAdminService
from neighborshare.services.ratings import RatingService
from neighborshare.services.replies import ReplyHandoff
from neighborshare.services.reporting import ReportingService
from neighborshare.services.stats import StatsService
from neighborshare.services.sweeps import SweepService
from neighborshare.services.users import UserService
from neighborshare.settings import Profile, Settings


def _profile(settings: Settings) -> str:
    return settings.profile.value


def _memory_uow_factory(store: MemoryStore) -> Any:
    return lambda: InMemoryUnitOfWork(store)


# Heavy adapters are imported only when their profile asks for them, so that the CLI
# starts fast and the embedded profile needs no service libraries.


def _sql_uow_factory(settings: Settings) -> Any:
    from neighborshare.adapters.sql.unit_of_work import sql_uow_factory

    return sql_uow_factory(settings.database_url, pool_size=settings.db_pool_size)


def _production_adapter(name: str) -> Any:
    def build(settings: Settings) -> Any:
        production = importlib.import_module("neighborshare.adapters.production")
        return getattr(production, name)(settings)

    return build


def _production_notifier(settings: Settings, budget: Any) -> Any:
    production = importlib.import_module("neighborshare.adapters.production")
    return production.telegram_notifier(settings, budget)


def _bulk_expiry(uow_factory: Any, rules: Any) -> Any:
    from neighborshare.adapters.sql.bulk_sweeps import SqlBulkExpiry

    return SqlBulkExpiry(uow_factory.engine, rules)


def _task_queue(settings: Settings) -> Any:
    from neighborshare.adapters.huey.queue import HueyTaskQueue

    return HueyTaskQueue(settings)


class Container(containers.DeclarativeContainer):
    settings = providers.Singleton(Settings)
    rules = providers.Callable(lambda s: s.rules, settings)
    profile = providers.Callable(_profile, settings)

    clock = providers.Singleton(SystemClock)
    memory_store = providers.Singleton(MemoryStore)

    database_uow_factory = providers.Selector(
        profile,
        memory=providers.Singleton(_memory_uow_factory, memory_store),
        embedded=providers.Singleton(_sql_uow_factory, settings),
        production=providers.Singleton(_sql_uow_factory, settings),
    )
    cache = providers.Selector(
        profile,
        memory=providers.Singleton(InMemoryCache),
        embedded=providers.Singleton(InMemoryCache),
        production=providers.Singleton(_production_adapter("redis_cache"), settings),
    )
    # Every unit of work drops the cached copies of what it commits (adapters/redis/invalidation).
    uow_factory = providers.Singleton(invalidating, database_uow_factory, cache)
    cached_reads = providers.Singleton(CachedReads, cache, uow_factory, rules)
    rate_limiter = providers.Selector(
        profile,
        memory=providers.Singleton(InMemoryRateLimiter),
        embedded=providers.Singleton(InMemoryRateLimiter),
        production=providers.Singleton(_production_adapter("redis_rate_limiter"), settings),
    )
    photo_store = providers.Selector(
        profile,
        memory=providers.Singleton(InMemoryPhotoStore),
        embedded=providers.Singleton(
            LocalFolderPhotoStore, providers.Callable(lambda s: s.photo_dir, settings)
        ),
        production=providers.Singleton(_production_adapter("s3_photo_store"), settings),
    )
    photo_processor = providers.Singleton(PillowPhotoProcessor)
    sms_verifier = providers.Selector(
        profile,
        memory=providers.Singleton(FakeSmsVerifier),
        embedded=providers.Singleton(LogSmsVerifier),
        production=providers.Singleton(_production_adapter("twilio_sms_verifier"), settings),
    )
    geocoder = providers.Selector(
        profile,
        memory=providers.Object(None),
        embedded=providers.Object(None),
        production=providers.Singleton(_production_adapter("google_geocoder"), settings),
    )
    # One send budget per bot token: replies (entrypoints/bot/outgoing.py) and the notifier.
    send_budget = providers.Selector(
        profile,
        memory=providers.Singleton(Throttle, settings.provided.send_budget_per_second),
        embedded=providers.Singleton(Throttle, settings.provided.send_budget_per_second),
        production=providers.Singleton(_production_adapter("send_budget"), settings),
    )
    notifier = providers.Selector(
        profile,
        memory=providers.Singleton(RecordingNotifier),
        embedded=providers.Singleton(RecordingNotifier),
        production=providers.Singleton(_production_notifier, settings, send_budget),
    )
    task_queue = providers.Selector(
        profile,
        memory=providers.Singleton(RecordingTaskQueue),
        embedded=providers.Singleton(NullTaskQueue),
        production=providers.Singleton(_task_queue, settings),
    )
    renderer = providers.Singleton(
        NotificationRenderer,
        providers.Callable(lambda r: r.time_zone, rules),
        providers.Object(DIGEST_TEMPLATES | CONTROL_TEMPLATES),
        providers.Callable(lambda r: r.default_language, rules),
    )

    locations = providers.Singleton(
        LocationService, providers.Callable(lambda s: s.service_area, settings), geocoder
    )
    auth = providers.Singleton(
        AuthService,
        providers.Callable(lambda s: s.pepper, settings),
        providers.Callable(lambda s: s.default_region, settings),
        sms_verifier,
    )
    users = providers.Singleton(UserService, uow_factory, clock, rules, locations,
                                providers.Object(SHIPPED))
    food = providers.Singleton(FoodService, uow_factory, clock, rules, task_queue)
    community = providers.Singleton(CommunityService, uow_factory, clock, rules, locations)
    exchanges = providers.Singleton(ExchangeService, uow_factory, clock, rules, task_queue)
    post_editing = providers.Singleton(PostEditingService, uow_factory, clock, rules, task_queue)
    credits = providers.Singleton(CreditService, uow_factory)
    ratings = providers.Singleton(RatingService, uow_factory, clock, rules, task_queue)
    reporting = providers.Singleton(ReportingService, uow_factory, clock, rules, task_queue)
    export = providers.Singleton(ExportService, uow_factory, clock)
    erasure = providers.Singleton(
        ErasureService, uow_factory, clock, rules, task_queue, photo_store
    )
    moderation = providers.Singleton(ModerationService, uow_factory, clock, task_queue, rules)
    card_renderer = providers.Singleton(
        ChatCardRenderer,
        providers.Callable(lambda r: r.time_zone, rules),
        providers.Callable(lambda r: r.default_language, rules),
    )
    notifications = providers.Singleton(
        NotificationService, uow_factory, clock, notifier, renderer, rules,
        render_card=card_renderer,
    )
    reply_handoff = providers.Singleton(ReplyHandoff, uow_factory, clock)
    outbox_admin = providers.Singleton(OutboxAdminService, uow_factory, clock, task_queue)
    bulk_expiry = providers.Selector(
        profile,
        memory=providers.Object(None),
        embedded=providers.Singleton(_bulk_expiry, uow_factory, rules),
        production=providers.Singleton(_bulk_expiry, uow_factory, rules),
    )
    sweeps = providers.Singleton(
        SweepService,
        uow_factory,
        clock,
        rules,
        exchanges,
        bulk_expiry,
        # PostgreSQL: two connections share a large backlog's batches (SKIP LOCKED)
        bulk_workers=providers.Selector(
            profile,
            memory=providers.Object(1),
            embedded=providers.Object(1),
            production=providers.Object(2),
        ),
    )
    digests = providers.Singleton(DigestService, uow_factory, clock, rules, task_queue)
    metrics = providers.Singleton(MetricsService, uow_factory, clock)
    casework = providers.Singleton(CaseworkService, uow_factory)
    stats = providers.Singleton(StatsService, uow_factory, clock)
    first_moderator = providers.Singleton(FirstModeratorService, uow_factory, clock)


def memory_container(**overrides: Any) -> Container:
    """A container on the memory profile; keyword arguments override providers by name."""
    container = Container()
    container.settings.override(providers.Object(Settings(profile=Profile.MEMORY, _env_file=None)))  # type: ignore[call-arg]
    for name, value in overrides.items():
        getattr(container, name).override(providers.Object(value))
    return container


def check_ready_to_serve(settings: Settings) -> None:
    """Stop a long-running process at start-up, naming every missing production setting."""
    if settings.profile is Profile.PRODUCTION:
        production = importlib.import_module("neighborshare.adapters.production")
        production.check_production_settings(settings)


def check_schema(settings: Settings) -> None:
    """Refuse to serve from a database that is not migrated to the latest revision."""
    if settings.profile is Profile.MEMORY:
        return
    migrations = importlib.import_module("neighborshare.adapters.sql.migrations")
    url = settings.database_url
    at, latest = migrations.current(url), migrations.head()
    if at != latest:
        raise RuntimeError(
            f"The database {migrations.shown(url)} is at revision {at or 'none (empty)'}, "
            f"the code needs {latest}: run `neighborshare db upgrade` first."
        )

