"""Cache-aside reads of profiles stay fresh through every kind of write, and only those."""

from __future__ import annotations

from neighborshare.container import Container
from neighborshare.domain.users import Role, User, UserStatus
from neighborshare.ports.services import Cache
from tests.adapters.neighbors import register


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
