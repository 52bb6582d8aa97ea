"""Cache-aside reads of profiles, posts and ratings stay fresh through every kind of write."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from neighborshare.adapters.memory.outside import FixedClock, InMemoryCache
from neighborshare.adapters.redis.cache import RedisCache
from neighborshare.container import Container, memory_container
from neighborshare.domain.users import Role, User, UserStatus
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.ports.services import Cache
from neighborshare.services.food import Dish, PostCard
from neighborshare.services.users import Registration

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def cache(request: pytest.FixtureRequest) -> Iterator[Cache]:
    if request.param == "memory":
        yield InMemoryCache()
        return
    yield RedisCache(request.getfixturevalue("live_redis"), request.getfixturevalue("redis_prefix"))


@pytest.fixture
def app(cache: Cache) -> Container:
    """The memory profile as the container wires it, on the cache under test."""
    return memory_container(clock=FixedClock(NOON), cache=cache)


def register(app: Container, telegram_id: int, name: str) -> User:
    phone = app.auth().hash(f"+4477009000{telegram_id:02d}")
    form = Registration(telegram_id, name, phone, "4B", Location(51.5074, -0.1278))
    return app.users().register(form).user


def test_profile_reads_are_served_from_the_cache(app: Container, cache: Cache):
    priya = register(app, 1, "Priya")
    reads = app.cached_reads()
    assert reads.user_by_telegram_id(1).preferred_name == "Priya"
    assert cache.get("user-tg:1") is not None
    assert reads.user(priya.id).allergies == frozenset()
    assert cache.get(f"user:{priya.id}") is not None


def test_a_write_that_skips_invalidation_would_serve_stale_data(app: Container, cache: Cache):
    """The control case: it proves the reads below really come from the cache."""
    priya = register(app, 1, "Priya")
    reads = app.cached_reads()
    reads.user(priya.id)
    with _raw(app)() as uow:
        user = uow.users.get(priya.id)
        user.preferred_name = "Changed Behind The Cache"
        uow.users.save(user)
        uow.commit()
    assert reads.user(priya.id).preferred_name == "Priya"


def test_profile_edits_and_moderation_invalidate_the_profile(app: Container, cache: Cache):
    priya, mo = register(app, 1, "Priya"), register(app, 3, "Mo")
    reads = app.cached_reads()
    reads.user(priya.id), reads.user_by_telegram_id(1)
    app.users().update_preferences(1, notifications_enabled=False)
    assert reads.user(priya.id).notifications_enabled is False
    assert reads.user_by_telegram_id(1).notifications_enabled is False
    make_moderator(app, mo)
    app.moderation().suspend_user(mo.id, priya.id, days=3, reason="late twice")
    assert reads.user_by_telegram_id(1).status is UserStatus.SUSPENDED


def test_requests_and_ratings_invalidate_posts_balances_and_ratings(app: Container, cache: Cache):
    priya, tom = register(app, 1, "Priya"), register(app, 2, "Tom")
    reads = app.cached_reads()
    window = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2))
    post = app.food().share(priya.id, Dish("Dal", 3, window))
    assert reads.post(post.id).portions_reserved == 0
    assert reads.user(tom.id).balance == 5
    assert reads.rating(priya.id).count == 0
    exchange = app.exchanges().request(tom.id, post.id, 2)
    assert reads.post(post.id).portions_reserved == 2
    assert reads.user(tom.id).balance == 3
    app.exchanges().accept(priya.id, exchange.id)
    app.exchanges().confirm_pickup(tom.id, exchange.id)
    app.ratings().rate(tom.id, exchange.id, interaction=5, food=4)
    assert reads.rating(priya.id).count == 1
    assert reads.post(post.id).window == window


def test_post_cards_match_the_service_and_follow_every_change(app: Container, cache: Cache):
    priya, tom = register(app, 1, "Priya"), register(app, 2, "Tom")
    reads = app.cached_reads()
    window = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2))
    post = app.food().share(priya.id, Dish("Dal", 3, window))
    first = reads.card(tom.id, post.id)
    assert card_fields(first) == card_fields(app.food().card(tom.id, post.id))
    exchange = app.exchanges().request(tom.id, post.id, 1)
    app.exchanges().accept(priya.id, exchange.id)
    app.exchanges().confirm_pickup(tom.id, exchange.id)
    app.ratings().rate(tom.id, exchange.id, interaction=5, food=5)
    app.users().register(
        Registration(1, "Priyanka", priya.phone, "4B", Location(51.5074, -0.1278))
    )
    later = reads.card(tom.id, post.id)
    assert card_fields(later) == card_fields(app.food().card(tom.id, post.id))
    assert (later.sharer_name, later.post.portions_reserved) == ("Priyanka", 1)
    assert reads.rating(priya.id).count == 1


def card_fields(card: PostCard) -> tuple[object, ...]:
    post = card.post
    return (post.id, post.name, post.portions_reserved, card.distance, card.sharer_name,
            card.sharer_rating)


def test_a_rolled_back_write_keeps_the_cached_entry(app: Container, cache: Cache):
    priya = register(app, 1, "Priya")
    reads = app.cached_reads()
    reads.user(priya.id)
    with app.uow_factory()() as uow:
        uow.users.save(uow.users.get(priya.id))  # never committed
    assert cache.get(f"user:{priya.id}") is not None


def _raw(app: Container):  # the factory under the invalidating wrapper
    return app.database_uow_factory()


def make_moderator(app: Container, user: User) -> None:
    with _raw(app)() as uow:
        found = uow.users.get(user.id)
        found.role = Role.MODERATOR
        uow.users.save(found)
        uow.commit()


def test_an_entry_in_an_older_shape_is_read_afresh(app: Container, cache: Cache):
    priya = register(app, 1, "Priya")
    cache.set(f"user:{priya.id}", '{"telegram_id": 1, "name_before_a_rename": "P"}', 60)
    assert app.cached_reads().user(priya.id).preferred_name == "Priya"
