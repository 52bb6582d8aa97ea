"""Lost races surface as ConcurrencyConflict and are retried, a bounded number of times."""

from __future__ import annotations

import pytest

from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.values import Location
from neighborshare.services.transactions import in_transaction
from neighborshare.services.users import Onboarded, Registration
from tests.concurrency.race import race
from tests.contract.builders import user

HERE = Location(51.5074, -0.1278)


def test_the_same_neighbor_registering_twice_at_once_gets_one_account_and_one_bonus(
    container, uow_factory
):
    form = Registration(77, "Priya", container.auth().hash("+447700900077"), "4B", HERE)
    users = container.users()

    outcomes = race([lambda: users.register(form) for _ in range(8)])

    assert all(isinstance(o, Onboarded) for o in outcomes), outcomes
    assert sorted(o.welcome_credits for o in outcomes) == [0] * 7 + [5]
    with uow_factory() as uow:
        assert len(uow.users.all_ids()) == 1
        assert uow.credits.total() == 5 == uow.users.get_by_telegram_id(77).balance


def test_a_conflict_on_every_attempt_gives_up_after_the_bound(uow_factory):
    with uow_factory() as uow:
        uow.users.add(user(1))
        uow.commit()
    attempts = []

    def always_duplicate(uow):
        attempts.append(1)
        uow.users.add(user(2, telegram_id=1001))  # unique violation every time

    with pytest.raises(ConcurrencyConflict):
        in_transaction(uow_factory, always_duplicate, attempts=3)
    assert len(attempts) == 3
