"""Many neighbors request the last portions at once; one neighbor overspends in parallel."""

from __future__ import annotations

from datetime import timedelta

import pytest

from neighborshare.domain.errors import NotEnoughCredits, PostNotAvailable
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.presentation.refusals import explain
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration
from tests.concurrency.conftest import NOON, THREADS
from tests.concurrency.race import race

HERE = Location(51.5074, -0.1278)
WINDOW = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=3))


def _register(container, n):
    phone = container.auth().hash(f"+4477009{n:05d}")
    form = Registration(5000 + n, f"Neighbor {n}", phone, f"{n}B", HERE)
    return container.users().register(form).user.id


def _assert_ledger_balances(uow_factory):
    with uow_factory() as uow:
        users = [uow.users.get(user_id) for user_id in uow.users.all_ids()]
        assert all(user.balance >= 0 for user in users)
        assert all(user.balance == uow.credits.total_for(user.id) for user in users)
        assert sum(user.balance for user in users) == uow.credits.total()


@pytest.mark.slow
def test_fifty_neighbors_race_for_the_last_three_portions(container, uow_factory):
    sharer = _register(container, 0)
    requesters = [_register(container, n) for n in range(1, THREADS + 1)]
    post = container.food().share(sharer, Dish("Dal", 5, WINDOW))
    container.exchanges().request(requesters[0], post.id, 2)  # 3 portions left
    exchanges = container.exchanges()

    outcomes = race([lambda r=r: exchanges.request(r, post.id, 1) for r in requesters[1:]])

    won = [o for o in outcomes if isinstance(o, ExchangeRequest)]
    lost = [o for o in outcomes if not isinstance(o, ExchangeRequest)]
    assert len(won) == 3
    assert len(lost) == THREADS - 1 - 3
    assert all(isinstance(o, PostNotAvailable) for o in lost), {repr(o) for o in lost}
    assert {explain(o) for o in lost} == {"Sorry, every portion of this dish has been claimed."}
    with uow_factory() as uow:
        assert uow.posts.get(post.id).portions_reserved == 5
        assert len(uow.exchanges.for_post(post.id)) == 4
    _assert_ledger_balances(uow_factory)


def test_one_neighbor_cannot_overspend_with_two_requests_at_once(container, uow_factory):
    sharer = _register(container, 0)
    spenders = [_register(container, n) for n in range(1, 6)]  # 5 credits each
    food, exchanges = container.food(), container.exchanges()
    # each spender asks for 3 portions of each of two dishes of their own: 6 credits, has 5
    pairs = [[food.share(sharer, Dish(f"Dish {s}{k}", 3, WINDOW)) for k in "ab"] for s in spenders]

    calls = [
        lambda s=s, d=d: exchanges.request(s, d.id, 3)
        for s, pair in zip(spenders, pairs, strict=True)
        for d in pair
    ]
    outcomes = race(calls)

    for k, spender in enumerate(spenders):
        pair = outcomes[2 * k : 2 * k + 2]
        assert sum(isinstance(o, ExchangeRequest) for o in pair) == 1, pair
        [refused] = [o for o in pair if not isinstance(o, ExchangeRequest)]
        assert isinstance(refused, NotEnoughCredits), repr(refused)
        assert explain(refused).startswith("That needs 3 credits and you have 2.")
        assert container.credits().statement(spender).balance == 2
    _assert_ledger_balances(uow_factory)
