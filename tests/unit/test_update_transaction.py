"""One incoming update = one transaction; a refused use case inside it leaves no trace."""

import pytest

from neighborshare.domain.errors import NotEnoughPortions
from neighborshare.services.transactions import update_transaction
from tests.unit.conftest import NOON  # the world's clock


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
