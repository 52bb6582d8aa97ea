"""Contract: the user repository."""

from __future__ import annotations

from datetime import timedelta

import pytest

from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.users import Role, UserStatus
from neighborshare.domain.values import Allergen, DietTag
from neighborshare.ports.queries import AlertQuery
from tests.contract.builders import CENTRE, NOON, add_users, north_of, user


def test_every_field_survives_a_round_trip(uow_factory):
    original = user(
        1,
        diet_restrictions=frozenset({DietTag.VEGAN, DietTag.HALAL}),
        allergies=frozenset({Allergen.TREE_NUTS, Allergen.MOLLUSCS}),
        custom_allergies="kiwi; mango",
        role=Role.MODERATOR,
        status=UserStatus.SUSPENDED,
        suspended_until=NOON + timedelta(days=3),
        balance=7,
        notifications_enabled=False,
        reachable=False,
        updated_at=NOON + timedelta(minutes=1),
        preferred_name="Zoë <b>",
        alert_radius_m=3000,
        quiet_start_minute=23 * 60,
        quiet_end_minute=7 * 60 + 30,
        language="en",
        daily_digest=False,
        weekly_digest=False,
        erased_at=NOON + timedelta(minutes=2),
    )
    with uow_factory() as uow:
        user_id = uow.users.add(original).id
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.users.get(user_id)
    assert loaded.__dict__ == original.__dict__
    assert loaded.suspended_until.utcoffset() == timedelta(0)


def test_a_new_neighbor_starts_with_the_community_defaults(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        loaded = uow.users.get(user_id)
    assert (loaded.alert_radius_m, loaded.quiet_start_minute, loaded.language) == (None,) * 3
    assert (loaded.daily_digest, loaded.weekly_digest, loaded.erased_at) == (True, True, None)


def test_lookups_by_telegram_id_and_phone(uow_factory):
    [first, second] = add_users(uow_factory, 2)
    with uow_factory() as uow:
        assert uow.users.get_by_telegram_id(1002).id == second
        assert uow.users.get_by_phone(user(1).phone.digest).id == first
        assert uow.users.get_by_phone("nope") is None
        assert uow.users.get(999) is None
        assert uow.users.get_for_update(999) is None


def test_phone_hash_is_unique(uow_factory):
    add_users(uow_factory, 1)
    with pytest.raises(ConcurrencyConflict), uow_factory() as uow:
        uow.users.add(user(2, phone=user(1).phone))


def test_a_negative_balance_is_refused(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        neighbor = uow.users.get(user_id)
        neighbor.balance = -1
        with pytest.raises(ValueError, match="negative"):
            uow.users.save(neighbor)


def test_within_is_nearest_first_and_stops_at_the_radius(uow_factory):
    spots = [north_of(CENTRE, m) for m in (900, 100, 1100, 500)]
    with uow_factory() as uow:
        ids = [uow.users.add(user(n, location=spot)).id for n, spot in enumerate(spots, 1)]
        uow.commit()
    with uow_factory() as uow:
        assert [u.id for u in uow.users.within(CENTRE, 1000)] == [ids[1], ids[3], ids[0]]


def test_search_by_name_telegram_id_or_id(uow_factory):
    with uow_factory() as uow:
        uow.users.add(user(1, preferred_name="Priya Shah"))
        uow.users.add(user(2, preferred_name="Tom"))
        uow.users.add(user(3, preferred_name="ÉLODIE 100%"))
        uow.commit()
    with uow_factory() as uow:
        assert [u.preferred_name for u in uow.users.search("PRIYA")] == ["Priya Shah"]
        assert [u.preferred_name for u in uow.users.search("1002")] == ["Tom"]
        assert [u.preferred_name for u in uow.users.search("élodie")] == ["ÉLODIE 100%"]
        assert [u.preferred_name for u in uow.users.search("%")] == ["ÉLODIE 100%"]
        assert [u.preferred_name for u in uow.users.search("2")] == ["Tom"]
        assert len(uow.users.search("", limit=2)) == 2


def test_all_ids_skips_banned_neighbors(uow_factory):
    ids = add_users(uow_factory, 3)
    with uow_factory() as uow:
        banned = uow.users.get(ids[1])
        banned.ban()
        uow.users.save(banned)
        uow.commit()
    with uow_factory() as uow:
        assert uow.users.all_ids() == [ids[0], ids[2]]


def test_get_many_returns_those_that_exist_by_id(uow_factory):
    first, second, third = add_users(uow_factory, 3)
    with uow_factory() as uow:
        assert uow.users.get_many([]) == {}
        found = uow.users.get_many([third, first, 10_000, first])
        assert sorted(found) == [first, third]
        assert found[first].id == first
        assert found[third].telegram_id == uow.users.get(third).telegram_id
        # what this unit of work already holds is the same object, read or not
        held = uow.users.get(second)
        assert uow.users.get_many([second])[second] is held


def test_alert_candidates_are_those_a_query_can_tell_may_be_told(uow_factory):
    def alert(recipient, key, at, kind="new_post"):
        return OutboxMessage(recipient, kind, {}, key, at, at)

    with uow_factory() as uow:
        ids = {
            name: uow.users.add(user(n, location=north_of(CENTRE, metres), **fields)).id
            for n, (name, metres, fields) in enumerate([
                ("sharer", 0, {}),
                ("near", 100, {}),
                ("far", 900, {}),
                ("outside", 1_500, {}),
                ("muted", 50, {"notifications_enabled": False}),
                ("unreachable", 60, {"reachable": False}),
                ("banned", 70, {"status": UserStatus.BANNED}),
                ("busy", 80, {}),
                ("suspended", 90, {"status": UserStatus.SUSPENDED}),
            ], start=1)
        }
        busy, near = ids["busy"], ids["near"]
        uow.outbox.add_many([alert(busy, f"b{i}", NOON + timedelta(minutes=i)) for i in range(3)])
        uow.outbox.add(alert(near, "n-yesterday", NOON - timedelta(days=1)))
        uow.outbox.add(alert(near, "n-today", NOON + timedelta(minutes=5)))
        uow.outbox.add(alert(near, "n-digest", NOON, kind="digest"))
        uow.commit()

    def candidates(below, exclude=ids["sharer"]):
        query = AlertQuery(CENTRE, 1_000, "new_post", NOON, below=below, exclude_id=exclude)
        with uow_factory() as uow:
            return [(u.id, sent) for u, sent in uow.users.alert_candidates(query)]

    assert candidates(below=5) == [
        (busy, 3), (ids["suspended"], 0), (near, 1), (ids["far"], 0),
    ]  # nearest first; the domain still turns the suspended one away
    assert candidates(below=3) == [(ids["suspended"], 0), (near, 1), (ids["far"], 0)]
    assert candidates(below=1) == [(ids["suspended"], 0), (ids["far"], 0)]
    assert candidates(below=1, exclude=None)[0] == (ids["sharer"], 0)


def test_alert_candidates_keep_to_each_neighbors_own_radius(uow_factory):
    with uow_factory() as uow:
        ids = {
            name: uow.users.add(user(n, location=north_of(CENTRE, metres), **fields)).id
            for n, (name, metres, fields) in enumerate([
                ("default_near", 900, {}),
                ("default_far", 1_500, {}),
                ("narrow_out", 400, {"alert_radius_m": 200}),
                ("narrow_in", 150, {"alert_radius_m": 200}),
                ("wide_in", 2_500, {"alert_radius_m": 3_000}),
                ("wide_out", 2_500, {"alert_radius_m": 2_000}),
                ("beyond_all", 3_500, {"alert_radius_m": 3_000}),
            ], start=1)
        }
        uow.commit()

    query = AlertQuery(CENTRE, 3_000, "new_post", NOON, below=5, default_radius_m=1_000)
    with uow_factory() as uow:
        found = [u.id for u, _ in uow.users.alert_candidates(query)]
    assert found == [ids["narrow_in"], ids["default_near"], ids["wide_in"]]
