"""Contract: the food post repository (browsing has its own suite)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.values import Allergen, DietTag, PickupWindow
from tests.contract.builders import NOON, add_users, post


def test_every_field_survives_a_round_trip(uow_factory):
    [sharer] = add_users(uow_factory, 1)
    original = post(
        sharer,
        allergens=frozenset({Allergen.MILK, Allergen.GLUTEN}),
        diet_tags=frozenset({DietTag.VEGETARIAN, DietTag.KOSHER}),
        description="with <i>love</i>",
        photo_ref="photos/1.jpg",
        photo_file_id="AgAD",
        portions_reserved=2,
    )
    with uow_factory() as uow:
        post_id = uow.posts.add(original).id
        uow.commit()
    with uow_factory() as uow:
        assert uow.posts.get(post_id).__dict__ == original.__dict__


def test_reserving_more_than_the_portions_is_refused(uow_factory):
    [sharer] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        dish = uow.posts.add(post(sharer))
        dish.portions_reserved = 4
        with pytest.raises(ConcurrencyConflict):
            uow.posts.save(dish)


def _posts(uow_factory, sharers, specs):
    with uow_factory() as uow:
        ids = [uow.posts.add(post(sharers[i], **fields)).id for i, fields in specs]
        uow.commit()
    return ids


def test_by_sharer_and_listing_are_newest_first(uow_factory):
    a, b = add_users(uow_factory, 2)
    ids = _posts(uow_factory, [a, b], [(0, {}), (1, {}), (0, {"status": PostStatus.HIDDEN})])
    with uow_factory() as uow:
        assert [p.id for p in uow.posts.by_sharer(a)] == [ids[2], ids[0]]
        assert [p.id for p in uow.posts.by_sharer(a, limit=1)] == [ids[2]]
        assert [p.id for p in uow.posts.listing()] == ids[::-1]
        assert [p.id for p in uow.posts.listing(PostStatus.HIDDEN)] == [ids[2]]
        assert [p.id for p in uow.posts.listing(limit=1, offset=1)] == [ids[1]]


def test_active_ending_before_is_ordered_by_window_end(uow_factory):
    [a] = add_users(uow_factory, 1)

    def ending(hours, **fields):
        window = PickupWindow(NOON, NOON + timedelta(hours=hours))
        return (0, {"window": window} | fields)

    ids = _posts(
        uow_factory,
        [a],
        [ending(3), ending(1), ending(2, status=PostStatus.EXPIRED), ending(5), ending(2)],
    )
    with uow_factory() as uow:
        due = uow.posts.active_ending_before(NOON + timedelta(hours=3), limit=10)
        assert [p.id for p in due] == [ids[1], ids[4], ids[0]]
        assert len(uow.posts.active_ending_before(NOON + timedelta(hours=3), limit=2)) == 2


def test_created_between_is_half_open(uow_factory):
    [a] = add_users(uow_factory, 1)
    hour = timedelta(hours=1)
    ids = _posts(uow_factory, [a], [(0, {"created_at": NOON + k * hour}) for k in range(4)])
    with uow_factory() as uow:
        found = uow.posts.created_between(NOON + hour, NOON + 3 * hour)
        assert [p.id for p in found] == ids[1:3]


def test_get_many_returns_the_dishes_that_exist_by_id(uow_factory):
    [sharer] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        soup = uow.posts.add(post(sharer, name="Soup")).id
        stew = uow.posts.add(post(sharer, name="Stew")).id
        uow.commit()
    with uow_factory() as uow:
        found = uow.posts.get_many([stew, 99_999, soup])
        assert {i: p.name for i, p in found.items()} == {soup: "Soup", stew: "Stew"}
