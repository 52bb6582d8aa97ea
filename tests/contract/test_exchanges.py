"""Contract: the exchange repository, including the sweeps' window queries."""

from __future__ import annotations

from datetime import timedelta

from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.values import PickupWindow
from tests.contract.builders import NOON, add_users, exchange, post

HOUR = timedelta(hours=1)


def _world(uow_factory, windows):
    """A sharer, a requester, and one post per window with one exchange on each."""
    sharer, requester = add_users(uow_factory, 2)
    with uow_factory() as uow:
        posts = [uow.posts.add(post(sharer, window=w)) for w in windows]
        ids = [uow.exchanges.add(exchange(p, requester)).id for p in posts]
        uow.commit()
    return sharer, requester, ids


def _set(uow_factory, exchange_id, **fields):
    with uow_factory() as uow:
        found = uow.exchanges.get_for_update(exchange_id)
        for name, value in fields.items():
            setattr(found, name, value)
        uow.exchanges.save(found)
        uow.commit()


def test_every_field_survives_a_round_trip(uow_factory):
    _, _, [exchange_id] = _world(uow_factory, [PickupWindow(NOON, NOON + HOUR)])
    stamps = {
        name: NOON + k * HOUR
        for k, name in enumerate(
            ("responded_at", "pickup_confirmed_at", "completed_at", "closed_at",
             "reminded_at", "pickup_prompted_at"), 1)
    }  # fmt: skip
    _set(uow_factory, exchange_id, status=ExchangeStatus.COMPLETED, **stamps)
    with uow_factory() as uow:
        loaded = uow.exchanges.get(exchange_id)
    assert loaded.status is ExchangeStatus.COMPLETED
    assert {name: getattr(loaded, name) for name in stamps} == stamps


def test_counts_and_lookups(uow_factory):
    window = PickupWindow(NOON, NOON + HOUR)
    sharer, requester, ids = _world(uow_factory, [window] * 3)
    _set(uow_factory, ids[0], status=ExchangeStatus.CANCELLED, closed_at=NOON)
    _set(uow_factory, ids[1], status=ExchangeStatus.ACCEPTED)
    with uow_factory() as uow:
        assert uow.exchanges.count_open_by_requester(requester) == 2
        assert uow.exchanges.count_open_by_requester(sharer) == 0
        post_id = uow.exchanges.get(ids[2]).post_id
        assert [e.id for e in uow.exchanges.for_post(post_id)] == [ids[2]]
        assert [e.id for e in uow.exchanges.for_user(sharer)] == ids[::-1]
        assert [e.id for e in uow.exchanges.for_user(requester, limit=1)] == [ids[2]]
        assert uow.exchanges.count_by_status() == {
            ExchangeStatus.CANCELLED: 1,
            ExchangeStatus.ACCEPTED: 1,
            ExchangeStatus.PENDING: 1,
        }
        assert [e.id for e in uow.exchanges.closed_between(NOON, NOON + HOUR)] == [ids[0]]
        assert uow.exchanges.closed_between(NOON + HOUR, NOON + 2 * HOUR) == []


def test_window_queries_for_the_sweeps(uow_factory):
    windows = [PickupWindow(NOON + k * HOUR, NOON + (k + 1) * HOUR) for k in (2, 0, 1, 0)]
    _, _, ids = _world(uow_factory, windows)
    for exchange_id in ids[1:]:
        _set(uow_factory, exchange_id, status=ExchangeStatus.ACCEPTED)
    _set(uow_factory, ids[3], reminded_at=NOON, pickup_prompted_at=NOON)
    with uow_factory() as uow:
        repo = uow.exchanges
        assert [e.id for e in repo.pending_ending_by(NOON + 3 * HOUR, 10)] == [ids[0]]
        assert repo.pending_ending_by(NOON + 2 * HOUR, 10) == []
        ending = repo.accepted_ending_by(NOON + 2 * HOUR, 10)
        assert [e.id for e in ending] == [ids[1], ids[3], ids[2]]
        assert [e.id for e in repo.accepted_ending_by(NOON + 2 * HOUR, 1)] == [ids[1]]
        reminders = repo.needing_reminder(NOON + 90 * timedelta(minutes=1), NOON, 10)
        assert [e.id for e in reminders] == [ids[1], ids[2]]
        assert [e.id for e in repo.needing_pickup_prompt(NOON + HOUR, 10)] == [ids[1]]
