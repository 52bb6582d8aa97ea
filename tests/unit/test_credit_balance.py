"""CreditService.balance: the balance a statement shows, without reading the history."""

import pytest

from neighborshare.domain.errors import NotFound


def test_balance_follows_a_request_as_the_statement_does(world):
    c, _, tom, post = world
    assert c.credits().balance(tom.id) == 5
    c.exchanges().request(tom.id, post.id, 2)
    assert c.credits().balance(tom.id) == 3
    assert c.credits().balance(tom.id) == c.credits().statement(tom.id).balance


def test_balance_of_an_unknown_neighbor_is_refused(world):
    c, *_ = world
    with pytest.raises(NotFound):
        c.credits().balance(404)
