"""CreditService.balance: the balance a statement shows, without reading the history."""

from datetime import UTC, datetime, timedelta

import pytest

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.domain.errors import NotFound
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)


def test_balance_follows_a_request_as_the_statement_does():
    c = memory_container(clock=FixedClock(NOON))
    auth = c.auth()
    sharer = c.users().register(
        Registration(1, "Priya", auth.hash("+447700900001"), "4B", Location(51.5074, -0.1278))
    ).user
    asker = c.users().register(
        Registration(2, "Tom", auth.hash("+447700900002"), "7A", Location(51.5080, -0.1270))
    ).user
    window = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2))
    post = c.food().share(sharer.id, Dish("Dal", 3, window))
    assert c.credits().balance(asker.id) == 5
    c.exchanges().request(asker.id, post.id, 2)
    assert c.credits().balance(asker.id) == 3
    assert c.credits().balance(asker.id) == c.credits().statement(asker.id).balance


def test_balance_of_an_unknown_neighbor_is_refused():
    c = memory_container(clock=FixedClock(NOON))
    with pytest.raises(NotFound):
        c.credits().balance(404)
