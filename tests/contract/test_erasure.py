"""Erasing an account on every database (memory, SQLite, PostGIS), through the real services:
open exchanges on both sides end with refunds, the profile is gone, the ledger's invariants
hold afterwards, and the same phone onboards again as a new neighbor without a second bonus."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import providers

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.values import PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration
from tests.contract.builders import CENTRE, NOON
from tests.support.books import assert_books_balance


def _world(uow_factory):  # type: ignore[no-untyped-def]
    container = memory_container(clock=FixedClock(NOON))
    container.uow_factory.override(providers.Object(uow_factory))
    return container


def _register(container, n: int):  # type: ignore[no-untyped-def]
    auth = container.auth()
    form = Registration(1000 + n, f"Neighbor {n}", auth.hash(auth.normalize(f"+4477009001{n:02d}")),
                        f"{n}B", CENTRE)
    return container.users().register(form)


def _share(container, sharer_id: int, name: str):  # type: ignore[no-untyped-def]
    window = PickupWindow(NOON, NOON + timedelta(hours=2))
    return container.food().share(sharer_id, Dish(name=name, portions=4, window=window))


def test_erasure_keeps_the_books_balanced(uow_factory) -> None:
    c = _world(uow_factory)
    priya, tom, ana = (_register(c, n).user.id for n in (1, 2, 3))
    dal, soup, rice = _share(c, priya, "Dal"), _share(c, ana, "Soup"), _share(c, priya, "Rice")
    exchanges = c.exchanges()
    pending = exchanges.request(tom, dal.id, 1)
    accepted = exchanges.accept(priya, exchanges.request(ana, dal.id, 2).id)
    done = exchanges.confirm_pickup(tom, exchanges.accept(priya, exchanges.request(
        tom, rice.id, 1).id).id)
    mine = exchanges.accept(ana, exchanges.request(priya, soup.id, 2).id)

    erased = c.erasure().erase(priya)

    with uow_factory() as uow:
        assert_books_balance(uow, [priya, tom, ana], [dal.id, soup.id, rice.id])
        statuses = {e.id: uow.exchanges.get(e.id).status for e in (pending, accepted, done, mine)}
        assert statuses == {pending.id: ExchangeStatus.CANCELLED,
                            accepted.id: ExchangeStatus.CANCELLED,
                            done.id: ExchangeStatus.COMPLETED, mine.id: ExchangeStatus.CANCELLED}
        assert uow.posts.get(dal.id).status is PostStatus.WITHDRAWN
        assert uow.posts.get(soup.id).portions_reserved == 0
        gone = uow.users.get(priya)
        assert (gone.preferred_name, gone.apartment, gone.erased_at) == (
            erased.pseudonym, "", NOON)
        assert gone.balance == 5 + 1  # her welcome bonus, Tom's portion of rice; holds back
        assert uow.users.get_by_telegram_id(1001) is None
        assert [a.action for a in uow.audit.latest(5)] == ["erase"]
    assert (erased.requests_cancelled, erased.dishes_withdrawn) == (1, 2)

    again = _register(c, 1)
    assert again.user.id != priya and again.welcome_credits == 0
    with uow_factory() as uow:
        assert_books_balance(uow, [priya, tom, ana, again.user.id], [dal.id, soup.id, rice.id])
