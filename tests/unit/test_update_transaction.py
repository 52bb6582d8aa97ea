"""One incoming update = one transaction; a refused use case inside it leaves no trace."""

from datetime import UTC, datetime, timedelta

import pytest

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.domain.errors import NotEnoughPortions
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.transactions import update_transaction
from neighborshare.services.users import Registration

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)


@pytest.fixture
def world():
    c = memory_container(clock=FixedClock(NOON))
    auth = c.auth()
    priya = c.users().register(
        Registration(1, "Priya", auth.hash("+447700900001"), "4B", Location(51.5074, -0.1278))
    ).user
    tom = c.users().register(
        Registration(2, "Tom", auth.hash("+447700900002"), "7A", Location(51.5080, -0.1270))
    ).user
    window = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2))
    post = c.food().share(priya.id, Dish("Dal", 3, window))
    return c, priya, tom, post


def test_effects_and_update_id_commit_together(world):
    c, _, tom, post = world
    with update_transaction(c.uow_factory()) as uow:
        assert uow.updates.record(1001, NOON)
        c.exchanges().request(tom.id, post.id, 1)
    with update_transaction(c.uow_factory()) as uow:
        assert not uow.updates.record(1001, NOON)  # a redelivery is recognised
    assert c.credits().statement(tom.id).balance == 4


def test_a_failure_after_the_effect_rolls_back_the_whole_update(world):
    c, _, tom, post = world

    def handle_then_lose_the_database():
        with update_transaction(c.uow_factory()) as uow:
            uow.updates.record(1002, NOON)
            c.exchanges().request(tom.id, post.id, 1)
            raise ConnectionError("database went away")

    with pytest.raises(ConnectionError):
        handle_then_lose_the_database()
    assert c.credits().statement(tom.id).balance == 5
    with update_transaction(c.uow_factory()) as uow:
        assert uow.updates.record(1002, NOON)  # so the redelivery is processed


def test_a_refused_use_case_inside_an_update_leaves_no_partial_change(world):
    c, _, tom, post = world
    with update_transaction(c.uow_factory()):
        with pytest.raises(NotEnoughPortions):
            c.exchanges().request(tom.id, post.id, 4)
        c.exchanges().request(tom.id, post.id, 2)
    assert c.credits().statement(tom.id).balance == 3
    assert c.food().card(tom.id, post.id).post.portions_left == 1
