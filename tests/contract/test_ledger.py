"""Contract: ratings (one per party per exchange) and the credit ledger (one movement per key)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from neighborshare.domain.credits import CreditKind, CreditTransaction
from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.ratings import Rating, RatingSummary, summarize
from tests.contract.builders import NOON, add_users, exchange, post


def _exchange(uow_factory):
    sharer, requester = add_users(uow_factory, 2)
    with uow_factory() as uow:
        exchange_id = uow.exchanges.add(exchange(uow.posts.add(post(sharer)), requester)).id
        uow.commit()
    return sharer, requester, exchange_id


def test_ratings_round_trip_and_one_per_party(uow_factory):
    sharer, requester, exchange_id = _exchange(uow_factory)
    given = Rating(exchange_id, requester, sharer, 4, NOON, food=5, comment="Lovely")
    with uow_factory() as uow:
        uow.ratings.add(given)
        uow.ratings.add(Rating(exchange_id, sharer, requester, 2, NOON + timedelta(days=1)))
        uow.commit()
    with uow_factory() as uow:
        [first, second] = uow.ratings.for_exchange(exchange_id)
        assert first.__dict__ == given.__dict__
        assert second.food is None
        assert [r.id for r in uow.ratings.received_by(sharer)] == [first.id]
        assert uow.ratings.received_by(requester, since=NOON + timedelta(days=2)) == []
    with pytest.raises(ConcurrencyConflict), uow_factory() as uow:
        uow.ratings.add(Rating(exchange_id, requester, sharer, 5, NOON))


def test_rating_summaries_aggregate_stars_per_neighbor(uow_factory):
    sharer, requester, exchange_id = _exchange(uow_factory)
    with uow_factory() as uow:
        uow.ratings.add(Rating(exchange_id, requester, sharer, 4, NOON, food=5))
        uow.ratings.add(Rating(exchange_id, sharer, requester, 2, NOON))
        uow.commit()
    with uow_factory() as uow:
        summaries = uow.ratings.summaries([sharer, requester, sharer, 999])
        assert summaries[sharer] == RatingSummary(1, 4.5)  # interaction and food stars
        assert summaries[requester] == RatingSummary(1, 2.0)
        assert 999 not in summaries
        assert summaries[sharer] == summarize(uow.ratings.received_by(sharer))
        assert uow.ratings.summaries([]) == {}


def test_ratings_given_and_their_comments_erased(uow_factory):
    sharer, requester, exchange_id = _exchange(uow_factory)
    with uow_factory() as uow:
        uow.ratings.add(Rating(exchange_id, requester, sharer, 4, NOON, food=5, comment="Yum"))
        uow.ratings.add(Rating(exchange_id, sharer, requester, 2, NOON, comment="Late"))
        uow.commit()
    with uow_factory() as uow:
        assert [r.comment for r in uow.ratings.given_by(requester)] == ["Yum"]
        assert uow.ratings.erase_comments_by(requester) == 1
        assert uow.ratings.erase_comments_by(requester) == 0
        uow.commit()
    with uow_factory() as uow:
        [erased] = uow.ratings.given_by(requester)
        assert (erased.comment, erased.interaction, erased.food) == ("", 4, 5)
        assert [r.comment for r in uow.ratings.given_by(sharer)] == ["Late"]


def _movement(user_id, amount, key, exchange_id=None):
    return CreditTransaction(
        user_id, amount, CreditKind.ADJUSTMENT, key, NOON, exchange_id, "because"
    )


def test_ledger_history_totals_and_keys(uow_factory):
    sharer, requester, exchange_id = _exchange(uow_factory)
    with uow_factory() as uow:
        uow.credits.add(_movement(sharer, 5, "a"))
        uow.credits.add(_movement(requester, 5, "b"))
        uow.credits.add(_movement(requester, -2, "c", exchange_id))
        uow.commit()
    with uow_factory() as uow:
        assert uow.credits.has_key("c")
        assert not uow.credits.has_key("d")
        assert (uow.credits.holder_of("a"), uow.credits.holder_of("c")) == (sharer, requester)
        assert uow.credits.holder_of("d") is None
        history = uow.credits.history(requester)
        assert [(t.key, t.amount, t.exchange_id) for t in history] == [
            ("c", -2, exchange_id),
            ("b", 5, None),
        ]
        assert history[0].kind is CreditKind.ADJUSTMENT
        assert [t.key for t in uow.credits.history(requester, limit=1)] == ["c"]
        assert uow.credits.total_for(requester) == 3
        assert uow.credits.total_for(999) == 0
        assert uow.credits.total() == 8


def test_a_movement_key_is_recorded_at_most_once(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        uow.credits.add(_movement(user_id, 1, "exchange:1:portion_reward"))
        uow.commit()
    with pytest.raises(ConcurrencyConflict), uow_factory() as uow:
        uow.credits.add(_movement(user_id, 1, "exchange:1:portion_reward"))


def test_add_once_adds_a_key_once_and_then_says_no(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        first = _movement(user_id, 3, "exchange:7:refund")
        assert uow.credits.add_once(first)
        assert first.id is not None
        assert not uow.credits.add_once(_movement(user_id, 3, "exchange:7:refund"))
        uow.commit()
    with uow_factory() as uow:
        assert not uow.credits.add_once(_movement(user_id, 9, "exchange:7:refund"))
        assert uow.credits.add_once(_movement(user_id, 1, "exchange:8:refund"))
        uow.commit()
    with uow_factory() as uow:
        assert [(t.key, t.amount) for t in uow.credits.history(user_id)] == [
            ("exchange:8:refund", 1),
            ("exchange:7:refund", 3),
        ]
        assert uow.credits.total_for(user_id) == 4
