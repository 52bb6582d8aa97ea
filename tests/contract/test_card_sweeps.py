"""Contract: the set-based expiry (SQLite, PostgreSQL) queues the same card edits as the
item-wise one: every card of an expired dish, and of a dish whose requests gave portions back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from neighborshare.adapters.sql.bulk_sweeps import SqlBulkExpiry
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.records import CARD_EDIT, ChatCard
from neighborshare.domain.rules import Rules
from tests.contract.builders import NOON, add_users, committed, exchange, post
from tests.contract.conftest import BACKENDS


@pytest.fixture(params=[p for p in BACKENDS if p.values[0] != "memory"])
def backend(request: pytest.FixtureRequest) -> str:
    """The set-based sweep is SQL's: this module runs on SQLite and PostGIS only."""
    return str(request.param)


@pytest.fixture
def sql_factory(uow_factory):
    return uow_factory


def card_edits(factory, sharer: int) -> list[dict[str, object]]:
    with factory() as uow:
        return [m.payload for m in uow.outbox.sent_to(sharer) if m.kind == CARD_EDIT]


def test_an_expired_dish_has_each_of_its_cards_edited(sql_factory):
    [sharer] = add_users(sql_factory, 1)
    post_id = committed(sql_factory, lambda uow: uow.posts.add(post(sharer)).id)

    def cards(uow):
        uow.cards.remember(ChatCard("AQ-1", post_id, "de"), NOON)
        uow.cards.remember(ChatCard.in_group(-1001, 7, post_id, "en"), NOON)

    committed(sql_factory, cards)
    bulk = SqlBulkExpiry(sql_factory.engine, Rules())
    assert bulk.expire_posts(NOON + timedelta(hours=4), 100) == 1
    assert sorted(card_edits(sql_factory, sharer), key=_order) == sorted([
        {"post_id": post_id, "language": "de", "inline_message_id": "AQ-1"},
        {"post_id": post_id, "language": "en", "chat_id": -1001, "message_id": 7},
    ], key=_order)


def _order(payload: dict[str, object]) -> str:
    return str(sorted(payload.items()))


def test_expired_requests_edit_the_cards_of_the_dish_they_gave_portions_back_to(sql_factory):
    sharer, requester = add_users(sql_factory, 2)
    dish = committed(sql_factory, lambda uow: uow.posts.add(
        post(sharer, portions_reserved=1, status=PostStatus.HIDDEN)))

    def arrange(uow):
        uow.exchanges.add(exchange(dish, requester))
        uow.cards.remember(ChatCard("AQ-9", dish.id, None), NOON)

    committed(sql_factory, arrange)
    bulk = SqlBulkExpiry(sql_factory.engine, Rules())
    assert bulk.expire_requests(NOON + timedelta(hours=4), 100) == 1
    assert card_edits(sql_factory, sharer) == [
        {"post_id": dish.id, "language": None, "inline_message_id": "AQ-9"}]
