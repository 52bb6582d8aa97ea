"""A sharer withdraws or shrinks a dish while neighbors request it: no hold is lost, and the
portions reserved always equal what the open and completed requests hold."""

from __future__ import annotations

from datetime import timedelta

from neighborshare.domain.errors import NotEnoughPortions, PostNotAvailable
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.editing import PostChanges
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration
from tests.concurrency.conftest import NOON
from tests.concurrency.race import race

HERE = Location(51.5074, -0.1278)
WINDOW = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=3))
REQUESTERS = 12


def _register(container, n):
    phone = container.auth().hash(f"+4477008{n:05d}")
    form = Registration(6000 + n, f"Neighbor {n}", phone, f"{n}C", HERE)
    return container.users().register(form).user.id


def _neighbors(container):
    return _register(container, 0), [_register(container, n) for n in range(1, REQUESTERS + 1)]


def _reserved_matches_requests(uow_factory, post_id):
    with uow_factory() as uow:
        post = uow.posts.get(post_id)
        held = sum(e.portions for e in uow.exchanges.for_post(post_id) if not e.releases_portions)
        users = [uow.users.get(user_id) for user_id in uow.users.all_ids()]
        assert all(user.balance == uow.credits.total_for(user.id) for user in users)
        assert sum(user.balance for user in users) == uow.credits.total()
    assert 0 <= post.portions_reserved == held <= post.portions
    return post


def test_a_withdrawal_racing_requests_leaves_no_hold_behind(container, uow_factory):
    sharer, requesters = _neighbors(container)
    post = container.food().share(sharer, Dish("Dal", 20, WINDOW))
    exchanges, editing = container.exchanges(), container.post_editing()

    calls = [lambda r=r: exchanges.request(r, post.id, 1) for r in requesters]
    outcomes = race([*calls, lambda: editing.withdraw(sharer, post.id)])

    assert isinstance(outcomes[-1], int), repr(outcomes[-1])
    refused = [o for o in outcomes[:-1] if not isinstance(o, ExchangeRequest)]
    assert all(isinstance(o, PostNotAvailable) for o in refused), {repr(o) for o in refused}
    withdrawn = _reserved_matches_requests(uow_factory, post.id)
    assert withdrawn.status is PostStatus.WITHDRAWN
    assert withdrawn.portions_reserved == 0
    assert outcomes[-1] == REQUESTERS - len(refused)  # every request that got in was cancelled
    for requester in requesters:
        assert container.credits().balance(requester) == 5


def test_shrinking_a_dish_racing_requests_never_goes_below_what_is_held(container, uow_factory):
    sharer, requesters = _neighbors(container)
    post = container.food().share(sharer, Dish("Soup", 12, WINDOW))
    exchanges, editing = container.exchanges(), container.post_editing()

    calls = [lambda r=r: exchanges.request(r, post.id, 1) for r in requesters]
    shrink = lambda: editing.edit(sharer, post.id, PostChanges(portions=4))  # noqa: E731
    outcomes = race([*calls, shrink])

    granted = sum(isinstance(o, ExchangeRequest) for o in outcomes[:-1])
    after = _reserved_matches_requests(uow_factory, post.id)
    if isinstance(outcomes[-1], NotEnoughPortions):  # more than 4 were already held
        assert after.portions == 12 and granted > 4
    else:
        assert after.portions == 4 and granted <= 4, repr(outcomes[-1])
