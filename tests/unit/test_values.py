"""Value objects: phone hashes, pickup windows, portions, allergens and diets, quiet hours."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time, timedelta

import pytest

from neighborshare.domain.errors import InvalidInput, InvalidPickupWindow
from neighborshare.domain.targeting import in_quiet_hours
from neighborshare.domain.values import (
    DietTag,
    Location,
    PhoneHash,
    PickupWindow,
    Portions,
    diet_tags_satisfy,
    parse_allergens,
)
from tests.support.refusals import refused

HOME = Location(51.5074, -0.1278)
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_phone_hash_is_keyed_deterministic_and_keeps_only_two_digits():
    one = PhoneHash.of("+447700900123", b"pepper-1")
    assert one == PhoneHash.of("+447700900123", b"pepper-1")
    assert one.digest != PhoneHash.of("+447700900123", b"pepper-2").digest
    assert one.digest != hashlib.sha256(b"+447700900123").hexdigest()
    assert one.last_two == "23"
    assert "900123" not in repr(one)


@pytest.mark.parametrize("raw", ["07700900123", "+44 7700", "+44abc", ""])
def test_phone_hash_needs_e164(raw):
    with pytest.raises(InvalidInput):
        PhoneHash.of(raw, b"pepper")


def test_window_needs_a_time_zone_and_an_end_after_its_start():
    with refused(InvalidPickupWindow, "time zone"):
        PickupWindow(datetime(2026, 6, 1, 18), datetime(2026, 6, 1, 19))
    with refused(InvalidPickupWindow, "end after it starts"):
        PickupWindow(NOW, NOW)


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        (timedelta(minutes=-5), timedelta(hours=1), None),
        (timedelta(minutes=-6), timedelta(hours=1), "already started"),
        (timedelta(hours=47), timedelta(hours=48), None),
        (timedelta(hours=47), timedelta(hours=48, seconds=1), "within 48 hours"),
    ],
)
def test_new_window_grace_and_horizon(start, end, error):
    window = PickupWindow(NOW + start, NOW + end)
    check = lambda: window.check_new(NOW, timedelta(minutes=5), timedelta(hours=48))  # noqa: E731
    if error is None:
        check()
    else:
        with refused(InvalidPickupWindow, error):
            check()


@pytest.mark.parametrize(
    ("raw", "ok"),
    [("1", True), (" 20 ", True), ("0", False), ("21", False), ("x", False), ("-1", False)],
)
def test_portions(raw, ok):
    if ok:
        assert Portions.parse(raw, 20).count == int(raw)
    else:
        with refused(InvalidInput, "from 1 to 20"):
            Portions.parse(raw, 20)


def test_vegan_dishes_count_as_vegetarian_but_not_the_other_way():
    vegetarian = frozenset({DietTag.VEGETARIAN})
    assert diet_tags_satisfy(frozenset({DietTag.VEGAN}), vegetarian)
    assert not diet_tags_satisfy(vegetarian, frozenset({DietTag.VEGAN}))
    assert diet_tags_satisfy(frozenset(), frozenset())


def test_allergens_read_as_typed_and_unknown_ones_are_named():
    assert {a.value for a in parse_allergens(["Tree_nuts", " SOY "])} == {"tree nuts", "soy"}
    with refused(InvalidInput, "allergen 'pineapple'"):
        parse_allergens(["pineapple"])


@pytest.mark.parametrize(
    ("clock", "quiet"),
    [("21:59", False), ("22:00", True), ("03:00", True), ("07:59", True), ("08:00", False)],
)
def test_quiet_hours_wrap_past_midnight(clock, quiet):
    assert in_quiet_hours(time.fromisoformat(clock), time(22), time(8)) is quiet
