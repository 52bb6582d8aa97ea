"""Contract: commit keeps, anything else rolls back, and one row is one object per unit of work."""

from __future__ import annotations

import pytest

from neighborshare.domain.errors import ConcurrencyConflict
from tests.contract.builders import add_users, user


def test_work_not_committed_is_rolled_back_on_exit(uow_factory):
    with uow_factory() as uow:
        uow.users.add(user(1))
    with uow_factory() as uow:
        assert uow.users.get_by_telegram_id(1001) is None


def test_committed_work_is_seen_by_the_next_unit_of_work(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        found = uow.users.get(user_id)
        assert found is not None
        assert found.preferred_name == "Neighbor 1"


def test_an_error_inside_the_block_rolls_back(uow_factory):
    [user_id] = add_users(uow_factory, 1)

    def change_then_fail():
        with uow_factory() as uow:
            neighbor = uow.users.get(user_id)
            neighbor.balance = 9
            uow.users.save(neighbor)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        change_then_fail()
    with uow_factory() as uow:
        assert uow.users.get(user_id).balance == 0


def test_explicit_rollback_forgets_changes_made_so_far(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        neighbor = uow.users.get(user_id)
        neighbor.balance = 4
        uow.users.save(neighbor)
        uow.rollback()
        uow.commit()
    with uow_factory() as uow:
        assert uow.users.get(user_id).balance == 0


def test_work_after_a_commit_needs_its_own_commit(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        neighbor = uow.users.get_for_update(user_id)
        neighbor.balance = 2
        uow.users.save(neighbor)
        uow.commit()
        neighbor.balance = 7
        uow.users.save(neighbor)
    with uow_factory() as uow:
        assert uow.users.get(user_id).balance == 2


def test_loading_a_row_twice_yields_the_same_object(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        first = uow.users.get(user_id)
        assert uow.users.get(user_id) is first
        assert uow.users.get_for_update(user_id) is first
        assert uow.users.get_by_telegram_id(1001) is first
        assert uow.users.within(first.location, 10) == [first]


def test_an_added_entity_is_the_object_loaded_later_in_the_same_unit(uow_factory):
    with uow_factory() as uow:
        added = uow.users.add(user(1))
        assert added.id is not None
        assert uow.users.get(added.id) is added
        assert uow.users.get_for_update(added.id) is added


def test_a_duplicate_unique_key_is_a_concurrency_conflict(uow_factory):
    add_users(uow_factory, 1)
    with pytest.raises(ConcurrencyConflict), uow_factory() as uow:
        uow.users.add(user(2, telegram_id=1001))
