"""Contract: browsing nearby posts gives the same posts in the same order on every backend."""

from __future__ import annotations

import random
from datetime import timedelta

from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.adapters.memory.unit_of_work import InMemoryUnitOfWork
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.values import Allergen, DietTag, Location, PickupWindow
from neighborshare.ports.queries import NearbyQuery
from tests.contract.builders import CENTRE, NOON, add_users, north_of, post

NOW = NOON + timedelta(hours=2)


def _query(**fields):
    return NearbyQuery(**({"origin": CENTRE, "radius_m": 1000, "now": NOW} | fields))


def test_nearest_first_within_the_radius_with_pages(uow_factory):
    [a] = add_users(uow_factory, 1)
    metres = [700, 100, 1200, 300, 999, 100]
    with uow_factory() as uow:
        ids = [uow.posts.add(post(a, location=north_of(CENTRE, m))).id for m in metres]
        uow.commit()
    with uow_factory() as uow:
        page = uow.posts.nearby(_query(limit=3))
        assert [n.post.id for n in page] == [ids[1], ids[5], ids[3]]
        assert round(page[2].distance_m) == 300
        later = uow.posts.nearby(_query(limit=3, offset=3))
        assert [n.post.id for n in later] == [ids[0], ids[4]]


def test_unavailable_own_and_unsuitable_posts_are_left_out(uow_factory):
    me, other = add_users(uow_factory, 2)
    gone = PickupWindow(NOON - timedelta(hours=3), NOON)
    kinds = {
        "fine": (other, {}),
        "mine": (me, {}),
        "hidden": (other, {"status": PostStatus.HIDDEN}),
        "over": (other, {"window": gone}),
        "claimed": (other, {"portions_reserved": 3}),
        "nutty": (other, {"allergens": frozenset({Allergen.PEANUTS})}),
        "vegan": (other, {"diet_tags": frozenset({DietTag.VEGAN})}),
        "kiwi": (other, {"description": "Fresh KIWI tart"}),
    }
    with uow_factory() as uow:
        for name, (sharer, fields) in kinds.items():
            uow.posts.add(post(sharer, name=name, **fields))
        uow.commit()
    query = _query(
        exclude_sharer_id=me,
        excluded_allergens=frozenset({Allergen.PEANUTS, Allergen.SOY}),
        excluded_terms=("kiwi",),
        limit=20,
    )
    with uow_factory() as uow:
        assert [n.post.name for n in uow.posts.nearby(query)] == ["fine", "vegan"]
        vegetarian = _query(required_diet_tags=frozenset({DietTag.VEGETARIAN}), limit=20)
        assert [n.post.name for n in uow.posts.nearby(vegetarian)] == ["vegan"]


def _random_post(rng, sharers):
    spot = Location(CENTRE.latitude + rng.uniform(-0.02, 0.02),
                    CENTRE.longitude + rng.uniform(-0.03, 0.03))  # fmt: skip
    start = NOON + timedelta(minutes=rng.randrange(0, 240, 30))
    return post(
        rng.choice(sharers),
        name=rng.choice(["Dal", "Kiwi salad", "Soup", "Crème brûlée"]),
        location=spot if rng.random() > 0.1 else CENTRE,
        window=PickupWindow(start, start + timedelta(hours=1)),
        status=rng.choice([PostStatus.ACTIVE] * 4 + [PostStatus.EXPIRED]),
        portions_reserved=rng.choice([0, 0, 1, 3]),
        allergens=frozenset(rng.sample(list(Allergen), rng.randrange(3))),
        diet_tags=frozenset(rng.sample(list(DietTag), rng.randrange(3))),
    )


def _random_query(rng, sharers):
    return _query(
        origin=Location(CENTRE.latitude + rng.uniform(-0.01, 0.01), CENTRE.longitude),
        radius_m=rng.choice([300, 1000, 2500]),
        exclude_sharer_id=rng.choice([None, *sharers]),
        excluded_allergens=frozenset(rng.sample(list(Allergen), rng.randrange(3))),
        required_diet_tags=frozenset(rng.sample(list(DietTag), rng.randrange(2))),
        excluded_terms=rng.choice([(), ("kiwi",), ("brûlée", "soup")]),
        limit=rng.choice([5, 50]),
        offset=rng.choice([0, 0, 5]),
    )


def test_random_city_matches_the_memory_reference(uow_factory):
    rng = random.Random(20261125)
    sharers = add_users(uow_factory, 3)
    reference = MemoryStore()
    dishes = [_random_post(rng, sharers) for _ in range(300)]
    for factory in (uow_factory, lambda: InMemoryUnitOfWork(reference)):
        with factory() as uow:
            for dish in dishes:
                uow.posts.add(post(dish.sharer_id, **{
                    k: v for k, v in dish.__dict__.items() if k not in ("id", "sharer_id")
                }))  # fmt: skip
            uow.commit()
    seen = 0
    for _ in range(40):
        query = _random_query(rng, sharers)
        with uow_factory() as uow, InMemoryUnitOfWork(reference) as expected:
            got = [(n.post.id, n.distance_m) for n in uow.posts.nearby(query)]
            assert got == [(n.post.id, n.distance_m) for n in expected.posts.nearby(query)]
        seen += len(got)
    assert seen > 100  # the queries really found posts


def test_paging_through_dishes_at_one_spot_shows_each_once_in_id_order(uow_factory):
    """Neighbors in one building share one grid cell: every dish is equally near."""
    [sharer, _] = add_users(uow_factory, 2)
    spot = Location(CENTRE.latitude + 0.003, CENTRE.longitude)
    with uow_factory() as uow:
        ids = [uow.posts.add(post(sharer, location=spot)).id for _ in range(12)]
        uow.posts.add(post(sharer, location=CENTRE))  # one nearer than all of them
        uow.commit()
    pages = []
    with uow_factory() as uow:
        for offset in (0, 5, 10):
            query = _query(origin=CENTRE, radius_m=1000, limit=5, offset=offset)
            pages.append([n.post.id for n in uow.posts.nearby(query)])
    seen = [post_id for page in pages for post_id in page]
    assert seen[1:] == ids  # after the nearest one, the tied twelve in id order, once each
    assert [len(page) for page in pages] == [5, 5, 3]


def test_a_suspended_or_banned_sharers_posts_are_left_out_until_the_suspension_ends(uow_factory):
    fine, paused, banned, lapsed = add_users(uow_factory, 4)
    with uow_factory() as uow:
        ids = {n: uow.posts.add(post(s, location=north_of(CENTRE, 100 * i))).id
               for i, (n, s) in enumerate(
                   {"fine": fine, "paused": paused, "banned": banned, "lapsed": lapsed}.items())}
        for user_id, until in ((paused, NOW + timedelta(minutes=30)), (lapsed, NOW)):
            sharer = uow.users.get(user_id)
            sharer.suspend(until)
            uow.users.save(sharer)
        sharer = uow.users.get(banned)
        sharer.ban()
        uow.users.save(sharer)
        uow.commit()
    with uow_factory() as uow:
        shown = [n.post.id for n in uow.posts.nearby(_query())]
        later = [n.post.id for n in uow.posts.nearby(_query(now=NOW + timedelta(minutes=45)))]
    assert shown == [ids["fine"], ids["lapsed"]]
    assert later == [ids["fine"], ids["paused"], ids["lapsed"]]
